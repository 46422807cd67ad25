//! Drawing the modal dialogs and carrying out their answers. Each dialog's function returns
//! whether the dialog is done (answered or dismissed).

use super::ClaimlensApp;
use crate::formats::ExportFormat;
use crate::store::{Overwrite, Recovery};
use crate::ui::actions::Action;
use crate::ui::commands::Command;
use crate::ui::dialogs::{Dialog, Pending, palette_matches};
use crate::ui::file_dialogs::Purpose;
use crate::ui::meta_editor::{FormResult, MetaDraft, PreferencesDraft, meta_editor_ui, preferences_ui};
use crate::ui::theme;
use egui::{Key, RichText, Ui};
use std::path::{Path, PathBuf};

impl ClaimlensApp {
    /// Shows the topmost dialog (modal).
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.dialogs.open.pop() else { return };
        // These need an answer: clicking beside them does not dismiss them.
        let sticky = matches!(dialog, Dialog::Unsaved { .. } | Dialog::Recovery { .. });
        let mut done = false;
        let modal = egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            done = self.dialog_ui(ui, &mut dialog);
        });
        let dismissed = modal.should_close() && !sticky;
        if !done && !dismissed {
            self.dialogs.open.push(dialog);
        }
    }

    pub(super) fn dialog_ui(&mut self, ui: &mut Ui, dialog: &mut Dialog) -> bool {
        match dialog {
            Dialog::Error { title, message } => {
                ui.heading(title.as_str());
                ui.label(RichText::new(message.as_str()).color(theme::error(ui.visuals())));
                ui.button("OK").clicked()
            }
            Dialog::Notice { title, message } => {
                ui.heading(title.as_str());
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| ui.label(message.as_str()));
                ui.button("OK").clicked()
            }
            Dialog::Unsaved { then } => self.unsaved_ui(ui, then),
            Dialog::Recovery { path, untitled, recovery } => self.recovery_ui(ui, path, *untitled, recovery),
            Dialog::ChangedOnDisk { path, while_saving } => self.changed_on_disk_ui(ui, path, *while_saving),
            Dialog::PathInput { purpose, text } => self.path_input_ui(ui, *purpose, text),
            Dialog::Export { format, path, focused } => self.export_dialog_ui(ui, format, path, focused),
            Dialog::Palette { query } => self.palette_ui(ui, query),
            Dialog::KeyboardHelp => self.keyboard_help_ui(ui),
            Dialog::DocumentDetails { draft, focused } => self.document_details_ui(ui, draft, focused),
            Dialog::Preferences { draft, focused } => self.preferences_dialog_ui(ui, draft, focused),
            Dialog::About => {
                ui.heading("claimlens");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label("Read news, annotate claims, their sources and the chains through which an article knows them.");
                ui.button("Close").clicked()
            }
        }
    }

    /// Opens the details editor on the shown document.
    pub(super) fn open_document_details(&mut self) {
        match self.session.document() {
            Some(d) => self.dialogs.open.push(Dialog::DocumentDetails { draft: MetaDraft::of(d), focused: false }),
            None => self.status = "Open an article first".into(),
        }
    }

    /// Opens the preferences on the reviewer as remembered.
    pub(super) fn open_preferences(&mut self) {
        let draft = PreferencesDraft { name: self.settings.author.clone(), organisation: self.settings.organisation.clone() };
        self.dialogs.open.push(Dialog::Preferences { draft, focused: false });
    }

    fn document_details_ui(&mut self, ui: &mut Ui, draft: &mut MetaDraft, focused: &mut bool) -> bool {
        let result = meta_editor_ui(ui, draft, !std::mem::replace(focused, true));
        match result {
            FormResult::Open => false,
            FormResult::Cancel => true,
            FormResult::Save => {
                let Some(document) = self.session.project.document(&draft.doc) else { return true };
                match draft.to_edit(document) {
                    Ok(Some(edit)) => {
                        self.actions.push(Action::Apply(Box::new(edit)));
                        true
                    }
                    Ok(None) => true,
                    Err(e) => {
                        draft.error = Some(e);
                        false
                    }
                }
            }
        }
    }

    fn preferences_dialog_ui(&mut self, ui: &mut Ui, draft: &mut PreferencesDraft, focused: &mut bool) -> bool {
        match preferences_ui(ui, draft, !std::mem::replace(focused, true)) {
            FormResult::Open => false,
            FormResult::Cancel => true,
            FormResult::Save => {
                draft.name.trim().clone_into(&mut self.settings.author);
                draft.organisation.trim().clone_into(&mut self.settings.organisation);
                self.status = "Preferences saved".into();
                true
            }
        }
    }

    pub(super) fn unsaved_ui(&mut self, ui: &mut Ui, then: &Pending) -> bool {
        ui.heading("Save changes?");
        ui.label(format!("{} has unsaved changes. Save them before you go on?", self.session.display_name()));
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                done = true;
                self.dialogs.after_save = Some(then.clone());
                // Whether it saved at once or asked for a path, it runs `then` once saved.
                let _saved_now = self.save();
            }
            if ui.button("Discard").clicked() {
                done = true;
                self.session.history.mark_saved();
                // Discarded work is not offered back later.
                self.discard_recovery();
                self.continue_with(then.clone());
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        done
    }

    pub(super) fn recovery_ui(&mut self, ui: &mut Ui, path: &Path, untitled: bool, recovery: &Recovery) -> bool {
        ui.heading("Recover unsaved work?");
        let when: chrono::DateTime<chrono::Local> = recovery.modified.into();
        let when = when.format("%Y-%m-%d %H:%M:%S");
        ui.label(if untitled {
            format!("claimlens found unsaved work on a project that was never saved, from {when}. Restore it?")
        } else {
            format!("claimlens found unsaved changes to {} from {when}, newer than the file. Restore them?", path.display())
        });
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                done = true;
                self.restore(path, untitled, recovery);
            }
            if ui.button("Discard recovered work").clicked() {
                done = true;
                self.discard_recovery_of(path);
            }
        });
        done
    }

    pub(super) fn changed_on_disk_ui(&mut self, ui: &mut Ui, path: &Path, while_saving: bool) -> bool {
        ui.heading("Changed by another program");
        ui.label(format!("{} was changed by another program since claimlens opened it.", path.display()));
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Reload from disk").on_hover_text("Discard your changes and read the file again").clicked() {
                done = true;
                self.open(path);
            }
            if while_saving
                && ui
                    .button("Overwrite")
                    .on_hover_text("Replace the file with your version (the old one is kept as .bak)")
                    .clicked()
            {
                done = true;
                self.save_to(path, Overwrite::Force);
            }
            if ui.button("Save As…").clicked() {
                done = true;
                self.ask_path(Purpose::SaveAs);
            }
            if ui.button("Cancel").clicked() {
                done = true;
                self.dialogs.after_save = None;
            }
        });
        done
    }

    pub(super) fn path_input_ui(&mut self, ui: &mut Ui, purpose: Purpose, text: &mut String) -> bool {
        ui.heading(purpose.title());
        let l = ui.label("Path");
        let r = ui.add(egui::TextEdit::singleline(text).desired_width(460.0)).labelled_by(l.id);
        // Before focus is asked for again: asking first would hide that Enter just left the field.
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        r.request_focus();
        let mut done = false;
        ui.horizontal(|ui| {
            let go = match purpose {
                Purpose::Open => "Open",
                Purpose::Import | Purpose::ImportAnnotations => "Import",
                Purpose::SaveAs => "Save",
                Purpose::Export | Purpose::AgreementCsv | Purpose::AgreementMarkdown => "Export",
                Purpose::UpdateText => "Update",
                Purpose::CompareWith | Purpose::CheckChanges => "Compare",
            };
            if ui.button(go).clicked() || enter {
                done = true;
                self.path_chosen(purpose, PathBuf::from(text.trim()));
            }
            if ui.button("Cancel").clicked() {
                done = true;
                self.dialogs.after_save = None;
            }
        });
        done
    }

    pub(super) fn export_dialog_ui(
        &mut self,
        ui: &mut Ui,
        format: &mut ExportFormat,
        path: &mut String,
        focused: &mut bool,
    ) -> bool {
        ui.heading("Export");
        let first_frame = !std::mem::replace(focused, true);
        let mut chosen = None;
        let mut on_format = false;
        for (k, option) in ExportFormat::ALL.into_iter().enumerate() {
            let r = ui.radio(*format == option, option.label());
            // The keyboard starts on the chosen format; ↑/↓ choose another.
            if first_frame && *format == option {
                r.request_focus();
            }
            if r.has_focus() {
                on_format = true;
                let step = ui.input(|i| isize::from(i.key_pressed(Key::ArrowDown)) - isize::from(i.key_pressed(Key::ArrowUp)));
                if step != 0 {
                    chosen = k.checked_add_signed(step).and_then(|j| ExportFormat::ALL.get(j).copied());
                }
            }
            if r.clicked() && *format != option {
                chosen = Some(option);
            }
        }
        if let Some(option) = chosen.filter(|o| o != format) {
            *format = option;
            *path = self.export_path(option);
            if on_format {
                // The focus follows the choice on the next frame.
                *focused = false;
            }
        }
        ui.horizontal(|ui| {
            let l = ui.label(if format.is_folder() { "Folder" } else { "File" });
            ui.add(egui::TextEdit::singleline(path).desired_width(380.0)).labelled_by(l.id);
            if self.settings.native_dialogs && ui.button("Browse…").clicked() {
                self.jobs.pending_native = Some(Purpose::Export);
            }
        });
        let where_to = if format.is_folder() { "into the folder" } else { "into a folder beside the file" };
        ui.checkbox(&mut self.view.export_originals, "Include the original pages")
            .on_hover_text(format!("Each document's archived web page or PDF, {where_to}"));
        // Enter exports, wherever the keyboard is in the dialog (Space chooses a format).
        let enter = ui.input(|i| i.modifiers.is_none() && i.key_pressed(Key::Enter));
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Export").clicked() || enter {
                done = true;
                self.actions.push(Action::ExportTo(*format, PathBuf::from(path.trim())));
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        done
    }

    pub(super) fn palette_ui(&mut self, ui: &mut Ui, query: &mut String) -> bool {
        let l = ui.label("Command");
        let r =
            ui.add(egui::TextEdit::singleline(query).hint_text("type to search commands").desired_width(420.0)).labelled_by(l.id);
        r.request_focus();
        let matches = palette_matches(query);
        let enter = ui.input(|i| i.key_pressed(Key::Enter));
        let mut chosen = None;
        if matches.is_empty() {
            ui.label(RichText::new("No matching command").color(theme::weak(ui.visuals())));
        }
        egui::ScrollArea::vertical().max_height(dialog_list_height(ui.ctx())).show(ui, |ui| {
            for c in &matches {
                let shortcut = c.shortcut().map(|s| ui.ctx().format_shortcut(&s)).unwrap_or_default();
                if ui.add(egui::Button::new(c.label()).shortcut_text(shortcut)).on_hover_text(c.tooltip()).clicked() {
                    chosen = Some(*c);
                }
            }
        });
        ui.label(RichText::new("Enter runs the first command; Esc closes").color(theme::weak(ui.visuals())));
        if enter {
            chosen = matches.first().copied();
        }
        let Some(c) = chosen else { return false };
        self.actions.push(Action::Run(c));
        true
    }

    pub(super) fn keyboard_help_ui(&self, ui: &mut Ui) -> bool {
        ui.heading("Keyboard shortcuts");
        egui::ScrollArea::vertical().max_height(dialog_list_height(ui.ctx())).show(ui, |ui| {
            egui::Grid::new("keys").striped(true).show(ui, |ui| {
                for c in Command::ALL {
                    if let Some(s) = c.shortcut() {
                        ui.label(RichText::new(ui.ctx().format_shortcut(&s)).monospace());
                        ui.label(c.label());
                        ui.end_row();
                    }
                }
                for l in &self.session.project.labels {
                    if let Some(k) = l.hotkey {
                        ui.label(RichText::new(k.to_string()).monospace());
                        ui.label(format!("Label the selection as {}", l.name));
                        ui.end_row();
                    }
                }
                ui.label(RichText::new("Alt+1…9").monospace());
                ui.label("Add the selection to the selected annotation");
                ui.end_row();
            });
        });
        ui.button("Close").clicked()
    }
}

/// The height of a dialog's list (the palette's commands, F1's shortcuts): the window's height
/// less room for the dialog's heading, field and buttons.
fn dialog_list_height(ctx: &egui::Context) -> f32 {
    (ctx.content_rect().height() - 200.0).max(120.0)
}
