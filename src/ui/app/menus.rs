//! The menu bar and the status bar.

use super::ClaimlensApp;
use crate::ui::actions::Action;
use crate::ui::commands::Command;
use crate::ui::dialogs::Dialog;
use crate::ui::panels::count_of;
use crate::ui::settings::ThemeChoice;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

/// Shows or hides the side panel.
const SIDE_PANEL_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F9);

impl ClaimlensApp {
    pub(super) fn command_button(&mut self, ui: &mut Ui, command: Command, label: Option<&str>) {
        let shortcut = command.shortcut().map(|s| ui.ctx().format_shortcut(&s)).unwrap_or_default();
        let text = label.unwrap_or(command.label());
        if ui.add(egui::Button::new(text).shortcut_text(shortcut)).on_hover_text(command.tooltip()).clicked() {
            self.actions.push(Action::Run(command));
            ui.close();
        }
    }

    /// A button per command, with its own label.
    fn command_buttons(&mut self, ui: &mut Ui, commands: &[Command]) {
        for &command in commands {
            self.command_button(ui, command, None);
        }
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut Ui) {
        self.side_panel_shortcut(ui.ctx());
        egui::Panel::top("menu-bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| self.file_menu_ui(ui));
                ui.menu_button("Edit", |ui| self.edit_menu_ui(ui));
                ui.menu_button("Document", |ui| self.document_menu_ui(ui));
                ui.menu_button("View", |ui| self.view_menu_ui(ui));
                ui.menu_button("Help", |ui| {
                    self.command_button(ui, Command::KeyboardHelp, None);
                    if ui.button("About claimlens").clicked() {
                        self.dialogs.open.push(Dialog::About);
                        ui.close();
                    }
                });
            });
        });
    }

    fn file_menu_ui(&mut self, ui: &mut Ui) {
        self.command_button(ui, Command::New, None);
        self.command_button(ui, Command::Open, None);
        let recent = self.settings.recent.clone();
        ui.menu_button("Open Recent", |ui| {
            if recent.is_empty() {
                ui.label(RichText::new("No recent files").weak());
            }
            for path in recent {
                let name = path.display().to_string();
                if ui.button(&name).clicked() {
                    self.actions.push(Action::OpenPath(path));
                    ui.close();
                }
            }
        });
        self.command_buttons(
            ui,
            &[
                Command::ImportArticle,
                Command::OpenWebPage,
                Command::ImportAnnotations,
                Command::UpdateArticleText,
                Command::CompareWith,
                Command::MergeConflicts,
                Command::Recover,
            ],
        );
        ui.separator();
        self.command_buttons(ui, &[Command::Save, Command::SaveAs, Command::Export]);
        ui.separator();
        self.command_buttons(ui, &[Command::Close, Command::Quit]);
    }

    fn edit_menu_ui(&mut self, ui: &mut Ui) {
        let undo = self.session.history.undo_description().map(|d| format!("Undo {d}"));
        let redo = self.session.history.redo_description().map(|d| format!("Redo {d}"));
        ui.add_enabled_ui(undo.is_some(), |ui| self.command_button(ui, Command::Undo, undo.as_deref()));
        ui.add_enabled_ui(redo.is_some(), |ui| self.command_button(ui, Command::Redo, redo.as_deref()));
        ui.separator();
        self.command_button(ui, Command::PasteAsNewArticle, None);
        ui.separator();
        self.command_buttons(ui, &[Command::Find, Command::FindNext, Command::FindPrevious]);
        ui.separator();
        self.command_buttons(ui, &[Command::MakeClaim, Command::DeleteSelected, Command::EditLabels]);
        self.command_buttons(ui, &[Command::EditDocumentDetails, Command::Preferences]);
        ui.separator();
        self.command_button(ui, Command::CommandPalette, None);
    }

    fn document_menu_ui(&mut self, ui: &mut Ui) {
        ui.add_enabled_ui(self.session.document().is_some(), |ui| {
            self.command_buttons(ui, &[Command::CheckForChanges, Command::OpenOriginal]);
        });
    }

    fn view_menu_ui(&mut self, ui: &mut Ui) {
        self.command_buttons(ui, &[Command::ZoomIn, Command::ZoomOut, Command::ZoomReset]);
        ui.separator();
        for (choice, command) in [
            (ThemeChoice::System, Command::ThemeSystem),
            (ThemeChoice::Light, Command::ThemeLight),
            (ThemeChoice::Dark, Command::ThemeDark),
        ] {
            if ui.radio(self.settings.theme == choice, command.label()).clicked() {
                self.actions.push(Action::Run(command));
                ui.close();
            }
        }
        ui.separator();
        let shortcut = ui.ctx().format_shortcut(&SIDE_PANEL_SHORTCUT);
        let shown = !self.settings.side_panel_hidden;
        let toggle = egui::Button::selectable(shown, "Side panel").shortcut_text(shortcut);
        if ui.add(toggle).on_hover_text("Show or hide the side panel").clicked() {
            self.settings.side_panel_hidden = shown;
            ui.close();
        }
        self.command_button(ui, Command::ShowProvenance, None);
        if self.session.project.documents.len() > 1 {
            ui.separator();
            self.command_buttons(ui, &[Command::NextDocument, Command::PreviousDocument]);
        }
    }

    /// F9 shows or hides the side panel (not while a dialog or the claim editor is open).
    fn side_panel_shortcut(&mut self, ctx: &egui::Context) {
        let free = self.dialogs.open.is_empty() && self.view.claim_draft.is_none();
        if free && ctx.input_mut(|i| i.consume_shortcut(&SIDE_PANEL_SHORTCUT)) {
            self.settings.side_panel_hidden = !self.settings.side_panel_hidden;
        }
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                let saved = match (self.session.is_dirty(), &self.session.path) {
                    (true, _) => "Unsaved changes",
                    (false, None) => "Not saved to a file yet",
                    (false, Some(_)) => "Saved",
                };
                ui.label(RichText::new(self.session.display_name()).strong());
                ui.label(saved);
                // The counts give way to the message in a narrow window: the project's first,
                // then the document's (each still on the hover of what is left).
                let counts = self.session.document().map(|doc| (document_counts(doc), project_counts(&self.session.project)));
                if let Some((document, project)) = counts {
                    let width = |text: &str| text_width(ui, text) + 3.0 * ui.spacing().item_spacing.x + 2.0;
                    let message = if self.jobs.background.is_some() { 160.0 } else { text_width(ui, &self.status) };
                    let room = ui.available_width() - message - 8.0;
                    if width(&document) + width(&project) <= room {
                        ui.separator();
                        ui.label(document).on_hover_text("Counts of the document shown");
                        ui.separator();
                        ui.label(project).on_hover_text("Counts of the whole project");
                    } else if width(&document) <= room {
                        ui.separator();
                        ui.label(document).on_hover_text(project);
                    }
                }
                ui.separator();
                let progress = self.jobs.background.as_ref().map(|b| {
                    let (what, elapsed) = b.progress(&self.clock);
                    (what.to_owned(), elapsed, b.can_cancel())
                });
                if let Some((what, elapsed, cancellable)) = progress {
                    ui.spinner();
                    ui.label(format!("{what}… {:.1} s", elapsed.as_secs_f32()));
                    if cancellable && ui.button("Cancel").on_hover_text("Stop waiting for it").clicked() {
                        self.cancel_background();
                    }
                } else {
                    ui.label(RichText::new(&self.status).weak());
                }
            });
        });
    }
}

/// The width `text` takes as a status bar label.
fn text_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE).size().x)
}

/// The shown document's counts: "This document: 61 annotations · 18 claims".
fn document_counts(doc: &crate::model::Document) -> String {
    let annotations = count_of(doc.annotations.len(), "annotation", "annotations");
    format!("This document: {annotations} · {}", count_of(doc.claims.len(), "claim", "claims"))
}

/// The project's counts: "Project: 2 documents · 20 claims · 10 sources".
fn project_counts(project: &crate::model::Project) -> String {
    let claims: usize = project.documents.iter().map(|d| d.claims.len()).sum();
    let documents = count_of(project.documents.len(), "document", "documents");
    let sources = count_of(project.sources.len(), "source", "sources");
    format!("Project: {documents} · {} · {sources}", count_of(claims, "claim", "claims"))
}
