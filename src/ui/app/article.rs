//! The central panel: the article, the find bar, the documents list, hover and the label popup.

use super::ClaimlensApp;
use crate::model::{Annotation, Project};
use crate::ui::actions::Action;
use crate::ui::commands::Command;
use crate::ui::reader::{annotations_at, reader_ui};
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
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let response = ui
                .add(egui::TextEdit::singleline(&mut self.view.find.query).desired_width(240.0).hint_text("text in the article"))
                .labelled_by(label.id);
            if self.view.find.focus {
                response.request_focus();
                self.view.find.focus = false;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                self.step_find(!back);
                response.request_focus();
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
        if let Some(rect) = out.selection_rect
            && self.view.reader.selection.is_some()
            && self.dialogs.open.is_empty()
            && self.view.claim_draft.is_none()
        {
            self.label_popup_ui(ui, rect);
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
            let chain = project.chain_names(c).join(" ← ");
            ui.label(RichText::new(format!("Claim · {} · {chain}", c.verdict.label())).small());
        }
    }
}
