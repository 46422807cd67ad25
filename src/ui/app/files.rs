//! Opening, importing, saving and exporting: the file flows of the window, and the questions
//! they ask (unsaved changes, recovery, paths).

use super::{BACKGROUND_BYTES, Background, ClaimlensApp, file_name};
use crate::formats::ExportFormat;
use crate::import::{opens_as_article, read_article};
use crate::model::Project;
use crate::store::{self, Overwrite, StoreError};
use crate::ui::actions::Action;
use crate::ui::background::{CancelFlag, Job};
use crate::ui::dialogs::{Dialog, Pending};
use crate::ui::file_dialogs::Purpose;
use crate::ui::panels::PanelState;
use crate::ui::reader::ReaderState;
use crate::ui::session::Session;
use std::path::{Path, PathBuf};

impl ClaimlensApp {
    /// Opens `path` at start: a project, or an article imported into a new project.
    pub fn open_at_start(&mut self, path: &Path) {
        if opens_as_article(path) {
            self.import_into_new(path);
        } else {
            self.open(path);
        }
    }

    /// Opens a project file: a large one on another thread (the window shows progress meanwhile),
    /// a small one at once.
    pub fn open(&mut self, path: &Path) {
        let size = store::file_size(path).unwrap_or(0);
        if size <= BACKGROUND_BYTES {
            self.open_project(path);
            return;
        }
        if self.busy() {
            return;
        }
        let p = path.to_owned();
        let what = format!("Opening {}", file_name(path));
        match Job::start("open", what, &self.clock, self.ctx.as_ref(), move |_| store::load(&p)) {
            Ok(job) => self.jobs.background = Some(Background::Open(path.to_owned(), job)),
            Err(e) => self.error_dialog("Could not open the project", &format!("{}: {e}", path.display())),
        }
    }

    /// Whether a project is being opened or saved on another thread (and says so if it is).
    pub(super) fn busy(&mut self) -> bool {
        if let Some(b) = &self.jobs.background {
            self.status = format!("Please wait: {}…", b.progress(&self.clock).0.to_lowercase());
            return true;
        }
        false
    }

    /// Whether a project is being opened or saved on another thread.
    pub fn is_busy(&self) -> bool {
        self.jobs.background.is_some()
    }

    pub(super) fn opened(&mut self, path: &Path, loaded: store::Loaded) {
        self.replace_session(Session::new(loaded.project, Some(path.to_owned()), Some(loaded.fingerprint)));
        self.settings.remember(path);
        self.status = format!("Opened {}", file_name(path));
        if !loaded.repairs.is_empty() {
            let lines: Vec<String> = loaded.repairs.iter().map(|r| format!("• {r}")).collect();
            self.dialogs.open.push(Dialog::Notice {
                title: "Repairs made while opening".into(),
                message: format!(
                    "{} was repaired while opening; saving keeps the repairs:\n\n{}",
                    file_name(path),
                    lines.join("\n")
                ),
            });
        }
        if let Some((title, message)) = crate::ui::claim_links::orphaned_notice(&file_name(path), &loaded.orphaned_links) {
            self.dialogs.open.push(Dialog::Notice { title, message });
        }
        if let Some(recovery) = store::find_recovery(path) {
            self.dialogs.open.push(Dialog::Recovery { path: path.to_owned(), untitled: false, recovery });
        }
    }

    /// Opens a project file, replacing the current project (callers ask about unsaved changes first).
    pub fn open_project(&mut self, path: &Path) {
        match store::load(path) {
            Ok(loaded) => self.opened(path, loaded),
            Err(e) => self.show_error("Could not open the project", &e),
        }
    }

    pub(super) fn replace_session(&mut self, session: Session) {
        self.session = session;
        self.view.reader = ReaderState::default();
        self.view.panel = PanelState::default();
        self.view.claim_draft = None;
        self.view.note_draft = None;
        self.view.find.computed = None;
        self.revision += 1;
    }

    /// Imports an article into a new, unsaved project.
    pub fn import_into_new(&mut self, path: &Path) {
        let input = match read_article(path, None) {
            Ok((input, _)) => input,
            Err(e) => return self.show_error("Could not import the article", &e),
        };
        let project = Project::new("Untitled");
        let imported = crate::ops::import::import_article(&project, &input);
        let mut session = Session::new(project, None, None);
        if let Err(e) = session.apply_changeset(imported.changeset) {
            return self.error_dialog("Could not import the article", &format!("{}: {e}", path.display()));
        }
        session.history.mark_unsaved();
        self.replace_session(session);
        self.status = import_status(path, &imported.title, &imported.warnings);
    }

    /// Imports an article into the open project (one undo step).
    pub fn import_into_current(&mut self, path: &Path) {
        let input = match read_article(path, None) {
            Ok((input, _)) => input,
            Err(e) => return self.show_error("Could not import the article", &e),
        };
        let imported = crate::ops::import::import_article(&self.session.project, &input);
        match self.session.apply_changeset(imported.changeset) {
            Ok(()) => {
                self.session.doc = self.session.project.documents.len().saturating_sub(1);
                self.view.reader = ReaderState::default();
                self.revision += 1;
                self.status = import_status(path, &imported.title, &imported.warnings);
            }
            Err(e) => self.error_dialog("Could not import the article", &format!("{}: {e}", path.display())),
        }
    }

    /// Imports the article at `path`: into the open project at once when it has no document,
    /// else after asking whether to start a new project or add it to this one (the default).
    pub(super) fn ask_import(&mut self, path: PathBuf) {
        if self.session.project.documents.is_empty() {
            self.actions.push(Action::ImportPath(path));
        } else {
            self.view.import_question = Some(path);
        }
    }

    /// The question [`Self::ask_import`] asks; Enter takes the default (add to this project).
    pub(super) fn import_question_window(&mut self, ctx: &egui::Context) {
        let Some(path) = self.view.import_question.take() else { return };
        let mut answer = None;
        let mut cancelled = false;
        let mut open = true;
        egui::Window::new("Import article").collapsible(false).resizable(false).open(&mut open).show(ctx, |ui| {
            ui.label(format!("Import {} into this project, or start a new project with it?", file_name(&path)));
            ui.label("Adding it to this project is the default (Enter).");
            ui.horizontal(|ui| {
                let add = ui.button("Add to this project (default)");
                if add.clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    answer = Some(false);
                }
                if ui.button("New project").clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel import").clicked() {
                    cancelled = true;
                }
            });
        });
        match answer {
            Some(true) => self.guard_unsaved(Pending::ImportNew(path)),
            Some(false) => self.actions.push(Action::ImportPath(path)),
            None if open && !cancelled => self.view.import_question = Some(path),
            None => {}
        }
    }

    /// Saves to the project's file (or asks for one). Returns whether it was saved.
    pub fn save(&mut self) -> bool {
        if let Some(path) = self.session.path.clone() {
            return self.save_to(&path, Overwrite::IfUnchanged);
        }
        self.ask_path(Purpose::SaveAs);
        false
    }

    /// Saves to `path`. A file changed by another program is not overwritten unless forced.
    /// A large project is saved on another thread: then this returns `false` and the save
    /// finishes (and runs what waits for it) a few frames later.
    pub fn save_to(&mut self, path: &Path, overwrite: Overwrite) -> bool {
        if self.busy() {
            return false;
        }
        let same_file = self.session.path.as_deref() == Some(path);
        let expected = if same_file { self.session.fingerprint.clone() } else { None };
        // Saving under a new name over an existing file: the user chose it in a dialog.
        let overwrite = if same_file { overwrite } else { Overwrite::Force };
        let state_id = self.session.history.state_id();
        if estimated_size(&self.session.project) > BACKGROUND_BYTES {
            let project = self.session.project.clone();
            let p = path.to_owned();
            let what = format!("Saving {}", file_name(path));
            let ctx = self.ctx.as_ref();
            match Job::start("save", what, &self.clock, ctx, move |_| store::save(&p, &project, expected.as_ref(), overwrite)) {
                Ok(job) => self.jobs.background = Some(Background::Save { path: path.to_owned(), state_id, job }),
                Err(e) => self.error_dialog("Could not save the project", &format!("{}: {e}", path.display())),
            }
            return false;
        }
        let result = store::save(path, &self.session.project, expected.as_ref(), overwrite);
        self.saved(path, result, state_id)
    }

    pub(super) fn saved(&mut self, path: &Path, result: Result<store::Fingerprint, StoreError>, state_id: u64) -> bool {
        match result {
            Ok(fingerprint) => {
                // An untitled project saved for the first time needs its autosave no more.
                if self.session.path.is_none()
                    && let Some(untitled) = self.untitled_recovery.clone()
                {
                    self.discard_recovery_of(&untitled);
                }
                self.session.path = Some(path.to_owned());
                self.session.fingerprint = Some(fingerprint);
                self.session.history.mark_saved_as(state_id);
                self.session.recovery_written = false;
                self.settings.remember(path);
                self.status = format!("Saved {}", file_name(path));
                if let Some(then) = self.dialogs.after_save.take() {
                    self.continue_with(then);
                }
                true
            }
            Err(StoreError::ChangedOnDisk(p)) => {
                self.dialogs.open.push(Dialog::ChangedOnDisk { path: p, while_saving: true });
                false
            }
            Err(e) => {
                self.dialogs.after_save = None;
                self.show_error("Could not save the project", &e);
                false
            }
        }
    }

    /// Runs `then` now, or first asks to save unsaved changes.
    pub(super) fn guard_unsaved(&mut self, then: Pending) {
        if self.session.is_dirty() {
            self.dialogs.open.push(Dialog::Unsaved { then });
        } else {
            self.continue_with(then);
        }
    }

    pub(super) fn continue_with(&mut self, then: Pending) {
        if self.busy() {
            return;
        }
        match then {
            Pending::New => {
                self.replace_session(Session::new(Project::new("Untitled"), None, None));
                self.status = "New project".into();
            }
            Pending::Open(Some(path)) => self.open(&path),
            Pending::Open(None) => self.ask_path(Purpose::Open),
            Pending::ImportNew(path) => self.import_into_new(&path),
            Pending::Close => {
                self.discard_recovery();
                self.replace_session(Session::new(Project::new("Untitled"), None, None));
                self.status = "Closed".into();
            }
            Pending::Quit => {
                self.discard_recovery();
                self.window.allow_close = true;
                self.quit_requested = true;
            }
        }
    }

    pub(super) fn ask_path(&mut self, purpose: Purpose) {
        if self.settings.native_dialogs {
            self.jobs.pending_native = Some(purpose);
        } else {
            let text = self.suggested_path(purpose);
            self.dialogs.open.push(Dialog::PathInput { purpose, text });
        }
    }

    pub(super) fn suggested_path(&self, purpose: Purpose) -> String {
        match purpose {
            Purpose::SaveAs => {
                self.session.path.as_ref().map_or_else(|| "untitled.claimlens.ron".into(), |p| p.display().to_string())
            }
            _ => std::env::current_dir().map(|d| format!("{}/", d.display())).unwrap_or_default(),
        }
    }

    pub(super) fn path_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.actions.push(Action::OpenPath(path)),
            Purpose::Import => self.ask_import(path),
            Purpose::SaveAs => {
                let path = with_project_extension(path);
                self.actions.push(Action::SaveTo(path));
            }
            Purpose::UpdateText => self.actions.push(Action::UpdateText(path)),
            Purpose::ImportAnnotations => self.actions.push(Action::ImportAnnotations(path)),
            Purpose::Export => {
                // The native dialog answered for the open export dialog: fill in its path.
                for d in &mut self.dialogs.open {
                    if let Dialog::Export { path: p, .. } = d {
                        *p = path.display().to_string();
                    }
                }
            }
        }
    }

    /// Replaces the shown article's text with a newer version from `path`; every annotation
    /// moves with its text, or becomes an orphan (listed in the Annotations tab) for
    /// re-attaching by hand. One undo step.
    pub fn update_text(&mut self, path: &Path) {
        let Some(doc) = self.session.document().map(|d| d.id.clone()) else { return };
        let text = match crate::import::read_new_version(path) {
            Ok(t) => t,
            Err(e) => return self.show_error("Could not read the new version", &e),
        };
        match crate::ops::reanchor::update_text(&self.session.project, &doc, &text) {
            Ok(crate::ops::reanchor::TextUpdate { changeset, report }) => {
                if self.apply_changeset(changeset) {
                    self.view.reader = ReaderState::default();
                    self.view.suggestions = None;
                    self.view.find.computed = None;
                    self.status = format!("Updated the text from {}: {report}", file_name(path));
                    if !report.orphans.is_empty() {
                        self.view.panel.tab = crate::ui::panels::Tab::Annotations;
                    }
                }
            }
            Err(e) => self.error_dialog("Could not update the text", &e.to_string()),
        }
    }

    /// Adds the W3C Web Annotations or Hypothesis annotations in `path` (JSON) to the project;
    /// targets that name no document of the project go to the shown one. One undo step. What
    /// cannot be placed exactly is not added (never placed on a guess) and is listed.
    pub fn import_annotations(&mut self, path: &Path) {
        let json = match store::read_text(path) {
            Ok(json) => json,
            Err(e) => return self.show_error("Could not import annotations", &e),
        };
        let shown = self.session.document().map(|d| d.id.clone());
        let imported = match crate::ops::annotations::import_annotations(&self.session.project, &json, shown.as_ref()) {
            Ok(imported) => imported,
            Err(e) => return self.error_dialog("Could not import annotations", &format!("{}: {e}", path.display())),
        };
        let added = imported.added;
        if added > 0 && !self.apply_changeset(imported.changeset) {
            return;
        }
        let summary = format!(
            "Imported annotations from {}: {added} added, {} already present, {} not placed",
            file_name(path),
            imported.already_present,
            imported.orphans.len()
        );
        self.status.clone_from(&summary);
        if !imported.orphans.is_empty() {
            const SHOWN: usize = 20;
            let mut lines: Vec<String> = imported.orphans.iter().take(SHOWN).map(|o| format!("• {o}")).collect();
            if imported.orphans.len() > SHOWN {
                lines.push(format!("… and {} more", imported.orphans.len() - SHOWN));
            }
            self.dialogs.open.push(Dialog::Notice {
                title: "Some annotations were not placed".into(),
                message: format!(
                    "{summary}.\n\nThese were not added: their text is not in the article, or appears there more than once with the same context.\n\n{}",
                    lines.join("\n")
                ),
            });
        }
    }

    /// Where an export goes by default: beside the project, named after it.
    pub(super) fn export_path(&self, format: ExportFormat) -> String {
        let base = self.session.path.clone().unwrap_or_else(|| PathBuf::from("untitled.claimlens.ron"));
        let name = base.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = name.strip_suffix(store::EXTENSION).unwrap_or(&name).to_owned();
        let file = if format.is_folder() { format!("{stem}-brat") } else { format!("{stem}.{}", format.extension()) };
        base.with_file_name(file).display().to_string()
    }

    /// Exports the project (a large one on another thread); reports the result in the status
    /// bar or an error dialog.
    pub fn export_to(&mut self, format: ExportFormat, path: &Path) {
        if self.busy() {
            return;
        }
        let run = move |project: &Project, path: &Path, cancel: Option<&CancelFlag>| {
            let output = crate::formats::export(project, format).map_err(|e| e.to_string())?;
            // Cancelled while the export was made: write nothing.
            if cancel.is_some_and(CancelFlag::is_cancelled) {
                return Ok(0);
            }
            store::write_export(path, &output, &store::OutputOptions::default()).map_err(|e| e.to_string())
        };
        if estimated_size(&self.session.project) > BACKGROUND_BYTES {
            let project = self.session.project.clone();
            let p = path.to_owned();
            let what = format!("Exporting {}", file_name(path));
            match Job::start("export", what, &self.clock, self.ctx.as_ref(), move |cancel| run(&project, &p, Some(cancel))) {
                Ok(job) => self.jobs.background = Some(Background::Export { path: path.to_owned(), format, job }),
                Err(e) => self.error_dialog("Could not export", &format!("{}: {e}", path.display())),
            }
            return;
        }
        let result = run(&self.session.project, path, None);
        self.exported(format, path, result);
    }

    pub(super) fn exported(&mut self, format: ExportFormat, path: &Path, result: Result<usize, String>) {
        match result {
            Ok(n) => {
                let plural = if n == 1 { "" } else { "s" };
                self.status = format!("Exported {} ({n} file{plural}) to {}", format.label(), path.display());
            }
            Err(e) => self.error_dialog("Could not export", &e),
        }
    }

    pub(super) fn show_error(&mut self, title: &str, e: &StoreError) {
        self.error_dialog(title, &e.to_string());
    }

    pub(super) fn error_dialog(&mut self, title: &str, message: &str) {
        self.status = format!("{title}: {message}");
        self.dialogs.open.push(Dialog::Error { title: title.to_owned(), message: message.to_owned() });
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).collect());
        for path in dropped {
            if opens_as_article(&path) {
                self.ask_import(path);
            } else {
                self.actions.push(Action::OpenPath(path));
            }
        }
    }
}

fn import_status(path: &Path, title: &str, warnings: &[crate::formats::Warning]) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if warnings.is_empty() {
        format!("Imported {name}: {title}")
    } else {
        format!(
            "Imported {name} with {} warnings (first: {})",
            warnings.len(),
            warnings.first().map(ToString::to_string).unwrap_or_default()
        )
    }
}

/// Roughly how large a project's file is: its texts and about 300 bytes per annotation.
pub(super) fn estimated_size(project: &Project) -> u64 {
    project.documents.iter().map(|d| (d.text.len() + d.annotations.len() * 300 + d.claims.len() * 200) as u64).sum()
}

/// Adds `.claimlens.ron` to a path chosen for saving when it has no extension of its own.
pub fn with_project_extension(path: PathBuf) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if Path::new(&name).extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
        path
    } else {
        path.with_file_name(format!("{name}{}", store::EXTENSION))
    }
}
