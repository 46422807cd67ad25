//! The central panel: the article, the find bar, the documents list, hover and the label popup.

use super::ClaimlensApp;
use crate::model::{Annotation, Project};
use crate::ui::actions::Action;
use crate::ui::commands::Command;
use crate::ui::reader::{TextMenu, TextMenuChoice, annotations_at, reader_ui, text_menu_ui};
use crate::ui::theme;
use egui::{Key, RichText, Ui};

impl ClaimlensApp {
    pub(super) fn documents_ui(&mut self, ui: &mut Ui) {
        ui.heading("Documents");
        for (i, d) in self.session.project.documents.iter().enumerate() {
            let title = crate::formats::text::shorten(if d.title.is_empty() { "Untitled" } else { &d.title }, 60);
            let row = ui.selectable_label(i == self.session.doc, title);
            if row.clicked() {
                self.actions.push(Action::SwitchDocument(i));
            }
            row.context_menu(|ui| {
                if ui.button("Remove document").clicked() {
                    self.actions.push(Action::RemoveDocument(i));
                }
                crate::ui::claim_links::publisher_menu_ui(ui, &self.session.project, d, &mut self.actions);
            });
        }
    }

    pub(super) fn find_bar_ui(&mut self, ui: &mut Ui) {
        // Wrapped: between the Documents list and the side panel the bar may not fit on one row.
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Find");
            let response = ui
                .add(egui::TextEdit::singleline(&mut self.view.find.query).desired_width(240.0).hint_text("text in the article"))
                .labelled_by(label.id);
            if self.view.find.focus {
                response.request_focus();
                self.view.find.focus = false;
            }
            // Enter goes to the next match and leaves the field, so that a label hotkey labels
            // the match and Alt+↓ goes on from it; Enter again (or F3) goes on, Ctrl+F types again.
            let focused = ui.ctx().memory(egui::Memory::focused);
            let free = self.dialogs.open.is_empty() && self.view.claim_draft.is_none() && self.view.import_question.is_none();
            let on_article = free && (focused.is_none() || focused == self.view.reader.text_id);
            let enter_in_field = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            let enter_on_article = on_article && !response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if enter_in_field || enter_on_article {
                let back = ui.input(|i| i.modifiers.shift);
                ui.input_mut(|i| {
                    i.consume_key(egui::Modifiers::SHIFT, Key::Enter) || i.consume_key(egui::Modifiers::NONE, Key::Enter)
                });
                self.step_find(!back);
            }
            let n = self.view.reader.find_matches.len();
            let count = if self.view.find.query.is_empty() {
                String::new()
            } else if n == 0 {
                "No matches".to_owned()
            } else {
                format!("{} of {n}", self.view.reader.find_current + 1)
            };
            ui.label(count);
            if ui.button("Previous match").clicked() {
                self.step_find(false);
            }
            if ui.button("Next match").clicked() {
                self.step_find(true);
            }
            if ui.button("Close find bar").clicked() {
                self.view.find.open = false;
                self.view.find.computed = None;
            }
            if self.session.project.documents.len() > 1 {
                ui.checkbox(&mut self.view.find.all, "All documents")
                    .on_hover_text("Find in every document of the project; the matches are listed under the bar");
            } else {
                self.view.find.all = false;
            }
        });
        ui.separator();
    }

    /// The matches in every document, under the find bar: each names its document and shows
    /// its line; choosing one opens that document at the match.
    pub(super) fn find_everywhere_ui(&mut self, ui: &mut Ui) {
        let results = &self.view.find.everywhere;
        let documents: std::collections::BTreeSet<usize> = results.iter().map(|r| r.doc).collect();
        let matches = crate::ui::panels::count_of(results.len(), "match", "matches");
        let docs = crate::ui::panels::count_of(documents.len(), "document", "documents");
        ui.label(RichText::new(format!("{matches} in {docs}")).small().color(theme::weak(ui.visuals())));
        egui::ScrollArea::vertical().id_salt("find-everywhere").max_height(150.0).auto_shrink([false, true]).show(ui, |ui| {
            let weak = theme::weak(ui.visuals());
            let style = ui.style().clone();
            for r in results {
                let Some(d) = self.session.project.documents.get(r.doc) else { continue };
                let title = crate::formats::text::shorten(if d.title.is_empty() { "Untitled" } else { &d.title }, 40);
                let mut job = egui::text::LayoutJob::default();
                let parts = [
                    RichText::new(format!("{title}: ")).strong(),
                    RichText::new(&r.before).color(weak),
                    RichText::new(&r.hit).strong().underline(),
                    RichText::new(&r.after).color(weak),
                ];
                for part in parts {
                    part.append_to(&mut job, &style, egui::FontSelection::Default, egui::Align::Center);
                }
                let current = r.doc == self.session.doc
                    && self.view.reader.find_matches.get(self.view.reader.find_current) == Some(&r.range);
                let row = egui::Button::selectable(current, job).wrap_mode(egui::TextWrapMode::Truncate);
                if ui.add(row).on_hover_text("Open this document at the match").clicked() {
                    self.actions.push(Action::OpenFindMatch(r.doc, r.range));
                }
            }
        });
        ui.separator();
    }

    pub(super) fn article_ui(&mut self, ui: &mut Ui) {
        let Some(document) = self.session.project.documents.get(self.session.doc) else {
            ui.centered_and_justified(|ui| {
                ui.label(
                    RichText::new(
                        "No article open.\nOpen a project (Ctrl+O) or import an article (Ctrl+I), or drop a file here.",
                    )
                    .size(16.0)
                    .weak(),
                );
            });
            return;
        };
        let out = reader_ui(ui, &self.session.project, document, &mut self.view.reader, self.settings.zoom, self.revision);
        if out.title_clicked {
            self.actions.push(Action::Run(Command::EditDocumentDetails));
        }
        if let Some(c) = out.clicked_char {
            match annotations_at(document, c).first() {
                Some(a) => {
                    let id = a.id.clone();
                    self.view.panel.selected_claim =
                        document.claims.iter().find(|cl| cl.content.contains(&id)).map(|cl| cl.id.clone());
                    self.view.reader.selected = Some(id);
                }
                None => self.view.reader.selected = None,
            }
        }
        if let (Some(response), Some(c)) = (out.response.clone(), out.hovered_char) {
            let hits = annotations_at(document, c);
            if !hits.is_empty() {
                let project = &self.session.project;
                response.on_hover_ui_at_pointer(|ui| hover_ui(ui, project, document, &hits));
            }
        }
        let menu_open = out.response.as_ref().is_some_and(egui::Response::context_menu_opened);
        if let Some(response) = &out.response {
            self.text_context_menu(response);
        }
        if let Some(rect) = out.selection_rect
            && !menu_open
            && self.view.reader.selection.is_some()
            && self.dialogs.open.is_empty()
            && self.view.claim_draft.is_none()
        {
            self.label_popup_ui(ui, rect);
        }
    }

    /// The text's right-click menu, and what its choice does.
    fn text_context_menu(&mut self, response: &egui::Response) {
        let Some(document) = self.session.project.documents.get(self.session.doc) else { return };
        let selected_label = self.view.reader.selected.as_ref().and_then(|id| document.annotation(id)).map(|a| a.label.as_str());
        let menu = TextMenu {
            project: &self.session.project,
            document,
            selection: self.view.reader.selection,
            at: self.view.reader.context_char,
            selected_label,
        };
        let mut choice = None;
        response.context_menu(|ui| choice = text_menu_ui(ui, &menu));
        let selected_text = self.view.reader.selection.map(|s| crate::anchor::slice_chars(&document.text, s).to_owned());
        match choice {
            Some(TextMenuChoice::Label(name)) => self.actions.push(Action::LabelSelection(name)),
            Some(TextMenuChoice::MakeClaim) => self.actions.push(Action::Run(Command::MakeClaim)),
            Some(TextMenuChoice::AddToSelected) => self.actions.push(Action::ExtendSelected),
            Some(TextMenuChoice::OpenClaim(id)) => self.actions.push(Action::EditClaim(id)),
            Some(TextMenuChoice::Copy) => {
                if let Some(text) = selected_text {
                    response.ctx.copy_text(text);
                }
            }
            Some(TextMenuChoice::FindThis) => {
                if let Some(text) = selected_text {
                    self.view.find.query = text;
                    self.view.find.open = true;
                }
            }
            None => {}
        }
    }

    pub(super) fn label_popup_ui(&mut self, ui: &mut Ui, rect: egui::Rect) {
        let labels: Vec<(Option<u8>, String, egui::Color32)> =
            self.session.project.labels.iter().map(|l| (l.hotkey, l.name.clone(), theme::label_color(l.color))).collect();
        let selected_label =
            self.view.reader.selected.as_ref().and_then(|id| self.session.document()?.annotation(id)).map(|a| a.label.clone());
        egui::Area::new(egui::Id::unique("label-popup"))
            .order(egui::Order::Foreground)
            .fixed_pos(rect.left_bottom() + egui::vec2(0.0, 6.0))
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.set_max_width(460.0);
                        for (hotkey, name, color) in labels {
                            let text = match hotkey {
                                Some(k) => format!("{k} {name}"),
                                None => name.clone(),
                            };
                            let button = egui::Button::new(RichText::new(text).color(ui.visuals().strong_text_color()))
                                .fill(theme::mix(ui.visuals().panel_fill, color, 0.35));
                            if ui.add(button).on_hover_text(format!("Label the selection as {name}")).clicked() {
                                self.actions.push(Action::LabelSelection(name));
                            }
                        }
                        if ui
                            .button("Make claim…")
                            .on_hover_text("Label as a claim and set its cue, sources and verdict (Ctrl+Enter)")
                            .clicked()
                        {
                            self.actions.push(Action::Run(Command::MakeClaim));
                        }
                        if let Some(label) = selected_label
                            && ui
                                .button(format!("Add to selected {label}"))
                                .on_hover_text(
                                    "Add the selection as another fragment of the selected annotation (Alt + its hotkey)",
                                )
                                .clicked()
                        {
                            self.actions.push(Action::ExtendSelected);
                        }
                    });
                });
            });
    }
}

fn hover_ui(ui: &mut Ui, project: &Project, document: &crate::model::Document, hits: &[&Annotation]) {
    for a in hits {
        let color = project.label(&a.label).map_or(theme::UNLABELLED, |l| theme::label_color(l.color));
        ui.label(RichText::new(&a.label).strong().color(color));
        if !a.note.is_empty() {
            ui.label(&a.note);
        }
        for c in document.claims.iter().filter(|c| c.annotation_refs().any(|x| x == &a.id)) {
            ui.label(RichText::new(format!("Claim: {}", crate::ui::panels::claim_line(project, document, c))).small());
        }
    }
}
