//! Commands and actions: the one place where what the user asked for is carried out.

use super::ClaimlensApp;
use crate::anchor::CharRange;
use crate::formats::ExportFormat;
use crate::store::Overwrite;
use crate::text::find_all;
use crate::ui::actions::Action;
use crate::ui::claim_editor::ClaimDraft;
use crate::ui::commands::Command;
use crate::ui::dialogs::{Dialog, Pending};
use crate::ui::file_dialogs::Purpose;
use crate::ui::reader::ReaderState;
use crate::ui::settings::ThemeChoice;
use egui::{Key, Modifiers};

impl ClaimlensApp {
    /// Runs a command.
    pub fn run(&mut self, command: Command) {
        match command {
            Command::New => self.guard_unsaved(Pending::New),
            Command::Open => self.guard_unsaved(Pending::Open(None)),
            Command::ImportArticle => self.ask_path(Purpose::Import),
            Command::ImportAnnotations => {
                self.ask_path_for_document(Purpose::ImportAnnotations, "Import the article first, then its annotations");
            }
            Command::MergeConflicts => self.view.conflicts_open = true,
            Command::CompareWith => self.ask_path_for_document(
                Purpose::CompareWith,
                "Open the project to compare first, then Compare With… a colleague's",
            ),
            Command::UpdateArticleText => self.ask_path_for_document(Purpose::UpdateText, "Open an article first"),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => self.ask_path(Purpose::SaveAs),
            Command::Export => {
                let format = ExportFormat::Csv;
                let path = self.export_path(format);
                self.dialogs.open.push(Dialog::Export { format, path, focused: false });
            }
            Command::Close => self.guard_unsaved(Pending::Close),
            Command::Quit => self.guard_unsaved(Pending::Quit),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::Find => {
                self.view.find.open = true;
                self.view.find.focus = true;
            }
            Command::FindNext => self.step_find(true),
            Command::FindPrevious => self.step_find(false),
            Command::ZoomIn => self.settings.set_zoom(self.settings.zoom + 0.1),
            Command::ZoomOut => self.settings.set_zoom(self.settings.zoom - 0.1),
            Command::ZoomReset => self.settings.set_zoom(1.0),
            Command::ThemeSystem => self.settings.theme = ThemeChoice::System,
            Command::ThemeLight => self.settings.theme = ThemeChoice::Light,
            Command::ThemeDark => self.settings.theme = ThemeChoice::Dark,
            Command::CommandPalette => self.dialogs.open.push(Dialog::Palette { query: String::new() }),
            Command::NextSentence => self.move_sentence(true, false),
            Command::PreviousSentence => self.move_sentence(false, false),
            Command::ExtendSentence => self.move_sentence(true, true),
            Command::SelectionEndRight => self.move_selection_end(true, false),
            Command::SelectionEndLeft => self.move_selection_end(false, false),
            Command::SelectionEndNextWord => self.move_selection_end(true, true),
            Command::SelectionEndPreviousWord => self.move_selection_end(false, true),
            Command::SelectionStartLeft => self.move_selection_start(false, false),
            Command::SelectionStartRight => self.move_selection_start(true, false),
            Command::SelectionStartPreviousWord => self.move_selection_start(false, true),
            Command::SelectionStartNextWord => self.move_selection_start(true, true),
            Command::MakeClaim => self.make_claim(),
            Command::DeleteSelected => self.delete_selected(),
            Command::ClearSelection => {
                if self.view.find.open {
                    // The current match stays selected: a hotkey labels it.
                    self.view.find.open = false;
                    self.view.find.computed = None;
                    self.view.reader.find_matches.clear();
                } else {
                    self.view.reader.selection = None;
                    self.view.reader.selected = None;
                }
            }
            Command::KeyboardHelp => self.dialogs.open.push(Dialog::KeyboardHelp),
            Command::NextDocument => self.switch_document(self.session.doc + 1),
            Command::PreviousDocument => self.switch_document(self.session.doc.saturating_sub(1)),
            Command::Recover => self.recover(),
            Command::RemoveDocument => self.remove_document(self.session.doc),
            Command::EditLabels => self.view.labels_editor = Some(crate::ui::labels_editor::LabelsEditor::default()),
            Command::PasteAsNewArticle | Command::OpenWebPage | Command::CheckForChanges | Command::OpenOriginal => {
                self.run_source_command(command);
            }
            Command::EditDocumentDetails => self.open_document_details(),
            Command::Preferences => self.open_preferences(),
            Command::ShowProvenance => self.view.panel.provenance.open = true,
        }
    }

    /// Asks for a path for `purpose`, which needs an open document; without one, says `first`.
    fn ask_path_for_document(&mut self, purpose: Purpose, first: &str) {
        if self.session.document().is_some() {
            self.ask_path(purpose);
        } else {
            first.clone_into(&mut self.status);
        }
    }

    pub(super) fn perform(&mut self, action: Action) {
        match action {
            Action::Run(c) => self.run(c),
            Action::Apply(edit) => {
                self.apply(*edit);
                self.drop_stale_selection();
            }
            Action::ApplyChangeset(changeset) => {
                self.apply_changeset(changeset);
                self.drop_stale_selection();
            }
            Action::SelectAnnotation(id) => self.select_annotation(id),
            Action::Reveal(range) => {
                self.view.reader.scroll_to = Some(range);
                self.view.reader.flash(range);
            }
            Action::SelectClaim(id) => {
                let content = self.session.document().and_then(|d| d.claim(&id)).and_then(|c| c.content.first().cloned());
                if let Some(a) = content {
                    self.select_annotation(a);
                }
                self.view.panel.selected_claim = Some(id);
            }
            Action::EditClaim(id) => {
                if let Some(doc) = self.session.document()
                    && let Some(c) = doc.claim(&id)
                {
                    self.view.claim_draft = Some(ClaimDraft::edit(doc.id.clone(), c.clone()));
                }
            }
            Action::LinkClaim(id) => {
                self.perform(Action::EditClaim(id));
                if let Some(draft) = &mut self.view.claim_draft {
                    draft.links.open = true;
                }
            }
            Action::SelectSource(id) => {
                self.view.panel.source_draft = id.and_then(|id| self.session.project.source(&id).cloned());
            }
            Action::LabelSelection(label) => {
                self.label_selection(&label);
            }
            Action::ExtendSelected => self.extend_selected(),
            Action::SwitchDocument(i) => self.switch_document(i),
            Action::OpenFindMatch(i, range) => self.open_find_match(i, range),
            Action::RemoveDocument(i) => self.remove_document(i),
            Action::OpenPath(path) => self.guard_unsaved(Pending::Open(Some(path))),
            Action::ImportPath(path) => self.import_into_current(&path),
            Action::SaveTo(path) => {
                self.save_to(&path, Overwrite::IfUnchanged);
            }
            Action::ExportTo(format, path) => self.export_to(format, &path),
            Action::UpdateText(path) => self.update_text(&path),
            Action::ImportAnnotations(path) => self.import_annotations(&path),
            Action::CompareWith(path) => self.compare_with(&path),
            Action::ExportAgreement(format, path) => self.export_agreement(format, &path),
            Action::Reattach => self.reattach_selected(),
        }
    }

    /// Removes document `index` (one undo step, [`crate::ops::documents::remove_document`]).
    pub(super) fn remove_document(&mut self, index: usize) {
        let Some(id) = self.session.project.documents.get(index).map(|d| d.id.clone()) else {
            self.status = "No document to remove".into();
            return;
        };
        match crate::ops::documents::remove_document(&self.session.project, &id) {
            Ok(changeset) => {
                if self.apply_changeset(changeset) {
                    self.view.reader = ReaderState::default();
                    self.view.claim_draft = None;
                    self.view.suggestions = None;
                    self.view.find.computed = None;
                    self.drop_stale_selection();
                }
            }
            Err(e) => self.error_dialog("Could not remove the document", &e.to_string()),
        }
    }

    pub(super) fn switch_document(&mut self, index: usize) {
        if index < self.session.project.documents.len() && index != self.session.doc {
            if let (Some(d), Some(range)) = (self.session.document(), self.view.reader.selection) {
                let document = d.id.clone();
                self.view.left_selection = Some(crate::ui::claim_links::SelectionElsewhere { document, range });
            }
            self.session.doc = index;
            self.view.reader = ReaderState::default();
            self.view.find.computed = None;
            self.revision += 1;
        }
    }

    pub(super) fn step_find(&mut self, forward: bool) {
        let n = self.view.reader.find_matches.len();
        if n == 0 {
            return;
        }
        self.view.reader.find_current =
            if forward { (self.view.reader.find_current + 1) % n } else { (self.view.reader.find_current + n - 1) % n };
        self.select_find_match();
    }

    /// Makes the current find match the selection (so a label hotkey labels it and Alt+↓
    /// goes on from it), and scrolls to it.
    fn select_find_match(&mut self) {
        let Some(m) = self.view.reader.find_matches.get(self.view.reader.find_current).copied() else { return };
        self.view.reader.scroll_to = Some(m);
        self.view.reader.selection = Some(m);
        self.view.reader.set_selection = Some(m);
        self.view.reader.selection_focus = None;
    }

    /// Shows document `index` with its find match `range` current and selected.
    fn open_find_match(&mut self, index: usize, range: CharRange) {
        self.switch_document(index);
        self.update_find_matches();
        if let Some(k) = self.view.reader.find_matches.iter().position(|m| *m == range) {
            self.view.reader.find_current = k;
            self.select_find_match();
        }
    }

    /// The matches of the find bar's query in every document (when it searches them all), with
    /// their context, found again when the query or the project changes.
    pub(super) fn update_find_everywhere(&mut self) {
        const MAX: usize = 500;
        let key = (self.view.find.query.clone(), self.revision);
        if !self.view.find.all || self.view.find.everywhere_for.as_ref() == Some(&key) {
            return;
        }
        let mut out = Vec::new();
        for (doc, d) in self.session.project.documents.iter().enumerate() {
            for range in find_all(&d.text, &self.view.find.query) {
                if out.len() == MAX {
                    break;
                }
                let (before, hit, after) = crate::text::find::context(&d.text, range, 40);
                out.push(super::FindResult { doc, range, before, hit, after });
            }
        }
        self.view.find.everywhere = out;
        self.view.find.everywhere_for = Some(key);
    }

    pub(super) fn update_find_matches(&mut self) {
        let key = (self.view.find.query.clone(), self.revision, self.session.doc);
        if self.view.find.computed.as_ref() == Some(&key) {
            return;
        }
        // A new query (or document) starts at its first match; a new revision (a match just
        // labelled) keeps the current one.
        let same_query = self.view.find.computed.as_ref().is_some_and(|(q, _, d)| (q, *d) == (&key.0, key.2));
        self.view.reader.find_matches = if self.view.find.open {
            self.session.document().map(|d| find_all(&d.text, &self.view.find.query)).unwrap_or_default()
        } else {
            Vec::new()
        };
        self.view.find.computed = Some(key);
        if same_query {
            self.view.reader.find_current =
                self.view.reader.find_current.min(self.view.reader.find_matches.len().saturating_sub(1));
        } else {
            self.view.reader.find_current = 0;
            self.select_find_match();
        }
    }

    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = self.typing_elsewhere(ctx);
        // egui matches shortcuts ignoring extra Shift: try the ones with more modifiers first,
        // so Ctrl+Shift+Z is Redo, not Undo.
        let mut commands = Command::ALL.to_vec();
        commands.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| usize::from(s.modifiers.shift) + usize::from(s.modifiers.alt)))
        });
        for command in commands {
            if typing && !command.works_while_typing() {
                continue;
            }
            let shortcuts = command.shortcut().into_iter().chain(command.alternative_shortcuts().iter().copied());
            for shortcut in shortcuts {
                if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                    self.actions.push(Action::Run(command));
                    break;
                }
            }
        }
        if typing {
            return;
        }
        // Label hotkeys 1-9 on the selection; Alt + hotkey adds the selection to the selected annotation.
        let labels: Vec<(u8, String)> =
            self.session.project.labels.iter().filter_map(|l| l.hotkey.map(|k| (k, l.name.clone()))).collect();
        for (k, name) in labels {
            let Some(key) = digit_key(k) else { continue };
            if ctx.input_mut(|i| i.consume_key(Modifiers::ALT, key)) {
                self.actions.push(Action::ExtendSelected);
            } else if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                self.actions.push(Action::LabelSelection(name));
            }
        }
    }

    pub(super) fn escape_dialog(&mut self) {
        if self.view.claim_draft.take().is_some() {
            return;
        }
        if let Some(top) = self.dialogs.open.last()
            && !matches!(top, Dialog::Unsaved { .. } | Dialog::Recovery { .. })
        {
            self.dialogs.open.pop();
        }
    }

    pub(super) fn typing_elsewhere(&self, ctx: &egui::Context) -> bool {
        let focused = ctx.memory(egui::Memory::focused);
        focused.is_some() && focused != self.view.reader.text_id && ctx.egui_wants_keyboard_input()
    }
}

fn digit_key(k: u8) -> Option<Key> {
    Some(match k {
        1 => Key::Num1,
        2 => Key::Num2,
        3 => Key::Num3,
        4 => Key::Num4,
        5 => Key::Num5,
        6 => Key::Num6,
        7 => Key::Num7,
        8 => Key::Num8,
        9 => Key::Num9,
        _ => return None,
    })
}
