//! Opening, importing, saving and exporting: the file flows of the window, and the questions
//! they ask (unsaved changes, recovery, paths).

use super::file_work::{self, Opened, Saved};
use super::{Background, ClaimlensApp, file_name};
use crate::formats::ExportFormat;
use crate::import::opens_as_article;
use crate::model::Project;
use crate::ops::import::ArticleInput;
use crate::store::{self, Overwrite, StoreError};
use crate::ui::actions::Action;
use crate::ui::background::{CancelFlag, Job};
use crate::ui::compare_view::TableFormat;
use crate::ui::dialogs::{Dialog, Pending};
use crate::ui::file_dialogs::Purpose;
use crate::ui::panels::PanelState;
use crate::ui::reader::ReaderState;
use crate::ui::session::Session;
use std::path::{Path, PathBuf};

impl ClaimlensApp {
    /// Opens `path` at start: a project, an article imported into a new project, or a web
    /// address fetched into the open one.
    pub fn open_at_start(&mut self, path: &Path) {
        let text = path.to_string_lossy();
        if crate::fetch::is_web_address(&text) {
            self.open_web_page(text.into_owned());
        } else if opens_as_article(path) {
            self.import_into_new(path);
        } else {
            self.open(path);
        }
    }

    /// Opens a project file on another thread (the window shows progress meanwhile and never
    /// waits on the disk); it replaces the open project a frame or more later.
    pub fn open(&mut self, path: &Path) {
        if self.busy() {
            return;
        }
        let p = path.to_owned();
        let what = format!("Opening {}", file_name(path));
        match Job::start("open", what, &self.clock, self.ctx.as_ref(), move |_| file_work::open(&p).map(Box::new)) {
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

    /// Shows a project read on another thread, with what was found around it: repairs made,
    /// archived pages missing, orphaned links, unsaved work to recover, merge conflicts.
    pub(super) fn opened(&mut self, path: &Path, opened: Opened) {
        let Opened { loaded, missing_pages, recovery, canonical } = opened;
        self.replace_session(Session::new(loaded.project, Some(path.to_owned()), Some(loaded.fingerprint)));
        self.settings.remember(canonical);
        self.status = format!("Opened {}", file_name(path));
        if !loaded.repairs.is_empty() {
            self.dialogs.open.push(Dialog::Notice {
                title: "Repairs made while opening".into(),
                message: format!(
                    "{} was repaired while opening; saving keeps the repairs:\n\n{}",
                    file_name(path),
                    bullets(&loaded.repairs)
                ),
            });
        }
        if !missing_pages.is_empty() {
            self.dialogs.open.push(Dialog::Notice {
                title: "Archived originals missing".into(),
                message: format!(
                    "The project opened, but some archived original pages are not in its .pages folder (moved without it?). \
                     Annotations and texts are intact; Open Original cannot show these:\n\n{}",
                    bullets(&missing_pages)
                ),
            });
        }
        if let Some((title, message)) = crate::ui::claim_links::orphaned_notice(&file_name(path), &loaded.orphaned_links) {
            self.dialogs.open.push(Dialog::Notice { title, message });
        }
        if let Some(recovery) = recovery {
            self.dialogs.open.push(Dialog::Recovery { path: path.to_owned(), untitled: false, recovery });
        }
        let conflicts = crate::ops::merge::settle::conflicts_in(&self.session.project).len();
        if conflicts > 0 {
            self.view.conflicts_open = true;
            self.status = format!("Opened {}: {conflicts} merge conflicts to settle", file_name(path));
        }
    }

    /// Opens a project file at once, on this thread, replacing the current project. For
    /// harnesses that build a window on a file before its first frame; the window itself opens
    /// files with [`Self::open`], on another thread.
    #[doc(hidden)]
    pub fn open_project(&mut self, path: &Path) {
        match file_work::open(path) {
            Ok(opened) => self.opened(path, opened),
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

    /// Adds an article read from `from` (a file name, an address, the clipboard) to the open
    /// project as one undo step and shows it. Returns whether it was added.
    pub(super) fn add_article(&mut self, input: &ArticleInput, from: &str) -> bool {
        let imported = crate::ops::import::import_article(&self.session.project, input);
        match self.session.apply_changeset(imported.changeset) {
            Ok(()) => {
                self.session.doc = self.session.project.documents.len().saturating_sub(1);
                self.view.reader = ReaderState::default();
                self.revision += 1;
                self.status = import_status(from, &imported.title, &imported.warnings);
                true
            }
            Err(e) => {
                self.error_dialog("Could not import the article", &format!("{from}: {e}"));
                false
            }
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
        // Saved with changes: the project records when (not on a save with none).
        if self.session.is_dirty() {
            self.session.project.mark_modified();
        }
        let project = self.session.project.clone();
        let p = path.to_owned();
        let what = format!("Saving {}", file_name(path));
        let ctx = self.ctx.as_ref();
        let save = move |_: &CancelFlag| file_work::save(&p, &project, expected.as_ref(), overwrite);
        match Job::start("save", what, &self.clock, ctx, save) {
            Ok(job) => self.jobs.background = Some(Background::Save { path: path.to_owned(), state_id, job }),
            Err(e) => self.error_dialog("Could not save the project", &format!("{}: {e}", path.display())),
        }
        false
    }

    pub(super) fn saved(&mut self, path: &Path, result: Result<Saved, StoreError>, state_id: u64) -> bool {
        match result {
            Ok(Saved { fingerprint, canonical }) => {
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
                self.settings.remember(canonical);
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
            Purpose::AgreementCsv => self.named_after_project(|stem| format!("{stem}-agreement.csv")),
            Purpose::AgreementMarkdown => self.named_after_project(|stem| format!("{stem}-agreement.md")),
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
            Purpose::CheckChanges => self.compare_with_saved_page(&path),
            Purpose::ImportAnnotations => self.actions.push(Action::ImportAnnotations(path)),
            Purpose::CompareWith => self.actions.push(Action::CompareWith(path)),
            Purpose::AgreementCsv => self.actions.push(Action::ExportAgreement(TableFormat::Csv, path)),
            Purpose::AgreementMarkdown => self.actions.push(Action::ExportAgreement(TableFormat::Markdown, path)),
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

    /// Where an export goes by default: beside the project, named after it.
    pub(super) fn export_path(&self, format: ExportFormat) -> String {
        self.named_after_project(|stem| {
            if format.is_folder() { format!("{stem}-brat") } else { format!("{stem}.{}", format.extension()) }
        })
    }

    /// A path beside the project, the file named by `file` from the project's name without its
    /// extension (`untitled` before the project has a file).
    pub(super) fn named_after_project(&self, file: impl FnOnce(&str) -> String) -> String {
        let base = self.session.path.clone().unwrap_or_else(|| PathBuf::from("untitled.claimlens.ron"));
        let name = base.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = name.strip_suffix(store::EXTENSION).unwrap_or(&name).to_owned();
        base.with_file_name(file(&stem)).display().to_string()
    }

    /// Exports the project (a large one on another thread); reports the result in the status
    /// bar or an error dialog.
    pub fn export_to(&mut self, format: ExportFormat, path: &Path) {
        if self.busy() {
            return;
        }
        let mut options = crate::formats::ExportOptions::on(crate::model::now().date_naive());
        options.reviewer = self.settings.reviewer();
        // With the original pages: where the project is (or none yet: the pages kept since import).
        let originals: file_work::Originals = self.view.export_originals.then(|| self.session.path.clone());
        let project = self.session.project.clone();
        let p = path.to_owned();
        let what = format!("Exporting {}", file_name(path));
        match Job::start("export", what, &self.clock, self.ctx.as_ref(), move |cancel| {
            file_work::export(&project, format, &options, &originals, &p, cancel)
        }) {
            Ok(job) => self.jobs.background = Some(Background::Export { path: path.to_owned(), format, job }),
            Err(e) => self.error_dialog("Could not export", &format!("{}: {e}", path.display())),
        }
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

pub(super) fn import_status(name: &str, title: &str, warnings: &[crate::formats::Warning]) -> String {
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

/// Adds `.claimlens.ron` to a path chosen for saving when it has no extension of its own.
pub fn with_project_extension(path: PathBuf) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if Path::new(&name).extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
        path
    } else {
        path.with_file_name(format!("{name}{}", store::EXTENSION))
    }
}

/// Lines as a bulleted list.
fn bullets(lines: &[String]) -> String {
    lines.iter().map(|l| format!("• {l}")).collect::<Vec<_>>().join("\n")
}
