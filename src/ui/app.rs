//! The application: the window's state, its frame, and the one place where actions and
//! edits are carried out.

use super::actions::Action;
use super::claim_editor::{ClaimDraft, EditorResult, claim_editor_ui};
use super::commands::Command;
use super::dialogs::{Dialog, Pending, palette_matches};
use super::file_dialogs::{Answer, FileDialogs, Purpose};
use super::panels::{PanelContext, PanelState, side_panel_ui};
use super::reader::{ReaderState, annotations_at, reader_ui};
use super::session::Session;
use super::settings::{Settings, ThemeChoice};
use super::suggestions::SuggestionState;
use super::theme;
use crate::anchor::{CharRange, TextIndex, normalize_ranges};
use crate::edit::Edit;
use crate::formats::ExportFormat;
use crate::formats::w3c_import::import_w3c;
use crate::import::{import_article, is_article_path};
use crate::model::labels::names;
use crate::model::{Annotation, AnnotationId, Project};
use crate::store::{self, Overwrite, StoreError};
use egui::{Key, Modifiers, RichText, Ui};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// Projects larger than this (file size, or estimated) are opened and saved on another thread.
pub const BACKGROUND_BYTES: u64 = 1 << 20;

/// A project being opened or saved on another thread, while the window keeps painting.
struct Background {
    what: String,
    started: Instant,
    job: Job,
}

enum Job {
    Open(PathBuf, Receiver<Result<store::Loaded, StoreError>>),
    Save { path: PathBuf, state_id: u64, rx: Receiver<Result<store::Fingerprint, StoreError>> },
    Export { path: PathBuf, format: ExportFormat, rx: Receiver<Result<usize, String>> },
}

#[allow(clippy::disallowed_methods)] // The UI split removes this (#11 item 9).
fn spawn<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Receiver<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx
}

/// Unsaved changes are written to the recovery file this long after the last change.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);
/// How often the window checks on an autosave written on another thread.
const AUTOSAVE_POLL: Duration = Duration::from_millis(50);

/// Find-in-article state.
#[derive(Debug, Default)]
struct FindBar {
    open: bool,
    query: String,
    focus: bool,
    /// The query and revision the matches were computed for.
    computed: Option<(String, u64, usize)>,
}

/// The claimlens window.
#[allow(clippy::struct_excessive_bools, reason = "independent flags of the window's state")]
pub struct ClaimlensApp {
    /// The open project.
    pub session: Session,
    /// Persisted settings.
    pub settings: Settings,
    /// The article view's state.
    pub reader: ReaderState,
    /// The side panel's state.
    pub panel: PanelState,
    /// The claim being edited.
    pub claim_draft: Option<ClaimDraft>,
    /// Open modal dialogs, topmost last.
    pub dialogs: Vec<Dialog>,
    /// The message in the status bar.
    pub status: String,
    /// Where autosaves of never-saved projects go.
    pub untitled_recovery: Option<PathBuf>,
    /// Whether the app asked the window to close (for tests and the shell).
    pub quit_requested: bool,
    /// Bumped on every change of the project, to refresh cached layouts.
    revision: u64,
    actions: Vec<Action>,
    file_dialogs: FileDialogs,
    find: FindBar,
    after_save: Option<Pending>,
    allow_close: bool,
    last_title: String,
    was_focused: bool,
    note_draft: Option<(AnnotationId, String, String)>,
    sentence_cache: Option<(u64, usize, Vec<CharRange>)>,
    applied_theme: Option<ThemeChoice>,
    pending_native: Option<Purpose>,
    close_sent: bool,
    /// Suggester proposals under review.
    pub suggestions: Option<SuggestionState>,
    background: Option<Background>,
    autosaving: Option<Autosave>,
}

/// An autosave of a large project being written on another thread.
struct Autosave {
    /// The project file (or the untitled autosave's path) whose recovery file is written.
    target: PathBuf,
    rx: Receiver<Result<PathBuf, StoreError>>,
}

impl ClaimlensApp {
    /// A window on an empty project.
    pub fn new(settings: Settings) -> Self {
        Self {
            session: Session::new(Project::new("Untitled"), None, None),
            settings,
            reader: ReaderState::default(),
            panel: PanelState::default(),
            claim_draft: None,
            dialogs: Vec::new(),
            status: String::new(),
            untitled_recovery: None,
            quit_requested: false,
            revision: 0,
            actions: Vec::new(),
            file_dialogs: FileDialogs::default(),
            find: FindBar::default(),
            after_save: None,
            allow_close: false,
            last_title: String::new(),
            was_focused: true,
            note_draft: None,
            sentence_cache: None,
            applied_theme: None,
            pending_native: None,
            close_sent: false,
            suggestions: None,
            background: None,
            autosaving: None,
        }
    }

    /// Opens `path` at start: a project, or an article imported into a new project.
    pub fn open_at_start(&mut self, path: &Path) {
        if is_article_path(path) {
            self.import_into_new(path);
        } else {
            self.open(path);
        }
    }

    /// Opens a project file: a large one on another thread (the window shows progress meanwhile),
    /// a small one at once.
    pub fn open(&mut self, path: &Path) {
        #[allow(clippy::disallowed_methods)] // The UI split removes this (#11 item 9).
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if size <= BACKGROUND_BYTES {
            self.open_project(path);
            return;
        }
        if self.busy() {
            return;
        }
        let p = path.to_owned();
        let rx = spawn(move || store::load(&p));
        self.background = Some(Background {
            what: format!("Opening {}", file_name(path)),
            started: Instant::now(),
            job: Job::Open(path.to_owned(), rx),
        });
    }

    /// Whether a project is being opened or saved on another thread (and says so if it is).
    fn busy(&mut self) -> bool {
        if let Some(b) = &self.background {
            self.status = format!("Please wait: {}…", b.what.to_lowercase());
            return true;
        }
        false
    }

    /// Whether a project is being opened or saved on another thread.
    pub fn is_busy(&self) -> bool {
        self.background.is_some()
    }

    fn opened(&mut self, path: &Path, loaded: store::Loaded) {
        self.replace_session(Session::new(loaded.project, Some(path.to_owned()), Some(loaded.fingerprint)));
        self.settings.remember(path);
        self.status = format!("Opened {}", file_name(path));
        if let Some(recovery) = store::find_recovery(path) {
            self.dialogs.push(Dialog::Recovery { path: path.to_owned(), untitled: false, recovery });
        }
    }

    /// Offers back the autosave of an untitled project that was never saved (the window
    /// crashed or was killed), if there is one.
    pub fn offer_untitled_recovery(&mut self) {
        let Some(path) = self.untitled_recovery.clone() else { return };
        if let Some(recovery) = store::find_recovery(&path) {
            self.dialogs.push(Dialog::Recovery { path, untitled: true, recovery });
        }
    }

    /// Finishes a background open or save when its thread is done; keeps the window painting
    /// (and the progress indicator moving) until then.
    fn poll_background(&mut self, ctx: &egui::Context) {
        let Some(b) = self.background.take() else { return };
        match b.job {
            Job::Open(path, rx) => match rx.try_recv() {
                Ok(Ok(loaded)) => self.opened(&path, loaded),
                Ok(Err(e)) => self.show_error("Could not open the project", &e),
                Err(TryRecvError::Empty) => self.background = Some(Background { job: Job::Open(path, rx), ..b }),
                Err(TryRecvError::Disconnected) => self.status = "Opening failed".into(),
            },
            Job::Save { path, state_id, rx } => match rx.try_recv() {
                Ok(result) => {
                    self.saved(&path, result, state_id);
                }
                Err(TryRecvError::Empty) => self.background = Some(Background { job: Job::Save { path, state_id, rx }, ..b }),
                Err(TryRecvError::Disconnected) => self.status = "Saving failed".into(),
            },
            Job::Export { path, format, rx } => match rx.try_recv() {
                Ok(result) => self.exported(format, &path, result),
                Err(TryRecvError::Empty) => self.background = Some(Background { job: Job::Export { path, format, rx }, ..b }),
                Err(TryRecvError::Disconnected) => self.status = "Export failed".into(),
            },
        }
        if self.background.is_some() {
            ctx.request_repaint_after(Duration::from_millis(50));
        }
    }

    // ----- files -----

    /// Opens a project file, replacing the current project (callers ask about unsaved changes first).
    pub fn open_project(&mut self, path: &Path) {
        match store::load(path) {
            Ok(loaded) => self.opened(path, loaded),
            Err(e) => self.show_error("Could not open the project", &e),
        }
    }

    fn replace_session(&mut self, session: Session) {
        self.session = session;
        self.reader = ReaderState::default();
        self.panel = PanelState::default();
        self.claim_draft = None;
        self.note_draft = None;
        self.find.computed = None;
        self.revision += 1;
    }

    /// Imports an article into a new, unsaved project.
    pub fn import_into_new(&mut self, path: &Path) {
        let project = Project::new("Untitled");
        match import_article(path, None, &project) {
            Ok(imported) => {
                let mut session = Session::new(project, None, None);
                let title = imported.title.clone();
                if let Err(e) = session.apply(imported.edit) {
                    self.error_dialog("Could not import the article", &format!("{}: {e}", path.display()));
                    return;
                }
                session.history.mark_unsaved();
                self.replace_session(session);
                self.status = import_status(path, &title, &imported.warnings);
            }
            Err(e) => self.show_error("Could not import the article", &e),
        }
    }

    /// Imports an article into the open project (one undo step).
    pub fn import_into_current(&mut self, path: &Path) {
        match import_article(path, None, &self.session.project) {
            Ok(imported) => {
                let title = imported.title.clone();
                match self.session.apply(imported.edit) {
                    Ok(()) => {
                        self.session.doc = self.session.project.documents.len().saturating_sub(1);
                        self.revision += 1;
                        self.status = import_status(path, &title, &imported.warnings);
                    }
                    Err(e) => self.error_dialog("Could not import the article", &format!("{}: {e}", path.display())),
                }
            }
            Err(e) => self.show_error("Could not import the article", &e),
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
            let rx = spawn(move || store::save(&p, &project, expected.as_ref(), overwrite));
            self.background = Some(Background {
                what: format!("Saving {}", file_name(path)),
                started: Instant::now(),
                job: Job::Save { path: path.to_owned(), state_id, rx },
            });
            return false;
        }
        let result = store::save(path, &self.session.project, expected.as_ref(), overwrite);
        self.saved(path, result, state_id)
    }

    fn saved(&mut self, path: &Path, result: Result<store::Fingerprint, StoreError>, state_id: u64) -> bool {
        match result {
            Ok(fingerprint) => {
                // An untitled project saved for the first time needs its autosave no more.
                if self.session.path.is_none()
                    && let Some(untitled) = &self.untitled_recovery
                {
                    let _ = store::discard_recovery(untitled);
                }
                self.session.path = Some(path.to_owned());
                self.session.fingerprint = Some(fingerprint);
                self.session.history.mark_saved_as(state_id);
                self.session.recovery_written = false;
                self.settings.remember(path);
                self.status = format!("Saved {}", file_name(path));
                if let Some(then) = self.after_save.take() {
                    self.continue_with(then);
                }
                true
            }
            Err(StoreError::ChangedOnDisk(p)) => {
                self.dialogs.push(Dialog::ChangedOnDisk { path: p, while_saving: true });
                false
            }
            Err(e) => {
                self.after_save = None;
                self.show_error("Could not save the project", &e);
                false
            }
        }
    }

    /// Runs `then` now, or first asks to save unsaved changes.
    fn guard_unsaved(&mut self, then: Pending) {
        if self.session.is_dirty() {
            self.dialogs.push(Dialog::Unsaved { then });
        } else {
            self.continue_with(then);
        }
    }

    fn continue_with(&mut self, then: Pending) {
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
                self.allow_close = true;
                self.quit_requested = true;
            }
        }
    }

    fn discard_recovery(&mut self) {
        self.finish_autosave();
        if let Some(path) = &self.session.path {
            let _ = store::discard_recovery(path);
        }
        if self.session.path.is_none()
            && let Some(path) = &self.untitled_recovery
        {
            let _ = store::discard_recovery(path);
        }
    }

    fn ask_path(&mut self, purpose: Purpose) {
        if self.settings.native_dialogs {
            self.pending_native = Some(purpose);
        } else {
            let text = self.suggested_path(purpose);
            self.dialogs.push(Dialog::PathInput { purpose, text });
        }
    }

    fn suggested_path(&self, purpose: Purpose) -> String {
        match purpose {
            Purpose::SaveAs => {
                self.session.path.as_ref().map_or_else(|| "untitled.claimlens.ron".into(), |p| p.display().to_string())
            }
            _ => std::env::current_dir().map(|d| format!("{}/", d.display())).unwrap_or_default(),
        }
    }

    fn path_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.actions.push(Action::OpenPath(path)),
            Purpose::Import => self.actions.push(Action::ImportPath(path)),
            Purpose::SaveAs => {
                let path = with_project_extension(path);
                self.actions.push(Action::SaveTo(path));
            }
            Purpose::UpdateText => self.actions.push(Action::UpdateText(path)),
            Purpose::ImportAnnotations => self.actions.push(Action::ImportAnnotations(path)),
            Purpose::Export => {
                // The native dialog answered for the open export dialog: fill in its path.
                for d in &mut self.dialogs {
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
        match crate::reanchor::update_text(&self.session.project, &doc, &text) {
            Ok((edit, report)) => {
                if self.apply(edit) {
                    self.reader = ReaderState::default();
                    self.suggestions = None;
                    self.find.computed = None;
                    self.status = format!("Updated the text from {}: {report}", file_name(path));
                    if !report.orphans.is_empty() {
                        self.panel.tab = super::panels::Tab::Annotations;
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
        let imported = match import_w3c(&json, &self.session.project, shown.as_ref()) {
            Ok(imported) => imported,
            Err(e) => return self.error_dialog("Could not import annotations", &format!("{}: {e}", path.display())),
        };
        let added = imported.annotations.len();
        if added > 0 && !self.apply(imported.edit()) {
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
            self.dialogs.push(Dialog::Notice {
                title: "Some annotations were not placed".into(),
                message: format!(
                    "{summary}.\n\nThese were not added: their text is not in the article, or appears there more than once with the same context.\n\n{}",
                    lines.join("\n")
                ),
            });
        }
    }

    /// Puts an orphaned annotation on the selected text.
    fn reattach_selected(&mut self) {
        let (Some(sel), Some(id), Some(doc)) = (self.reader.selection, self.reader.selected.clone(), self.session.document())
        else {
            return;
        };
        let Some(mut ann) = doc.annotation(&id).cloned() else { return };
        let index = TextIndex::new(&doc.text);
        ann.ranges = vec![sel];
        ann.quote = crate::anchor::Quote::of(&index, &ann.ranges);
        ann.modified = crate::model::now();
        let edit = Edit::UpdateAnnotation(doc.id.clone(), ann);
        if self.apply(edit) {
            self.reader.selection = None;
            self.status = "Re-attached".into();
        }
    }

    /// Where an export goes by default: beside the project, named after it.
    fn export_path(&self, format: ExportFormat) -> String {
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
        let run = move |project: &Project, path: &Path| {
            crate::formats::export(project, format).map_err(|e| e.to_string()).and_then(|output| {
                store::write_export(path, &output, &store::OutputOptions::default()).map_err(|e| e.to_string())
            })
        };
        if estimated_size(&self.session.project) > BACKGROUND_BYTES {
            let project = self.session.project.clone();
            let p = path.to_owned();
            let rx = spawn(move || run(&project, &p));
            self.background = Some(Background {
                what: format!("Exporting {}", file_name(path)),
                started: Instant::now(),
                job: Job::Export { path: path.to_owned(), format, rx },
            });
            return;
        }
        let result = run(&self.session.project, path);
        self.exported(format, path, result);
    }

    fn exported(&mut self, format: ExportFormat, path: &Path, result: Result<usize, String>) {
        match result {
            Ok(n) => {
                let plural = if n == 1 { "" } else { "s" };
                self.status = format!("Exported {} ({n} file{plural}) to {}", format.label(), path.display());
            }
            Err(e) => self.error_dialog("Could not export", &e),
        }
    }

    fn show_error(&mut self, title: &str, e: &StoreError) {
        self.error_dialog(title, &e.to_string());
    }

    fn error_dialog(&mut self, title: &str, message: &str) {
        self.status = format!("{title}: {message}");
        self.dialogs.push(Dialog::Error { title: title.to_owned(), message: message.to_owned() });
    }

    // ----- edits -----

    /// Applies an edit as one undo step, reporting a refusal in the status bar.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let description = edit.describe();
        match self.session.apply(edit) {
            Ok(()) => {
                self.revision += 1;
                self.status = description;
                true
            }
            Err(e) => {
                self.status = format!("Not done: {e}");
                false
            }
        }
    }

    fn undo(&mut self) {
        match self.session.undo() {
            Some(what) => {
                self.revision += 1;
                self.status = format!("Undid {what}");
                self.drop_stale_selection();
            }
            None => self.status = "Nothing to undo".into(),
        }
    }

    fn redo(&mut self) {
        match self.session.redo() {
            Some(what) => {
                self.revision += 1;
                self.status = format!("Redid {what}");
            }
            None => self.status = "Nothing to redo".into(),
        }
    }

    fn drop_stale_selection(&mut self) {
        let doc = self.session.document();
        if let Some(id) = &self.reader.selected
            && doc.and_then(|d| d.annotation(id)).is_none()
        {
            self.reader.selected = None;
        }
        if let Some(id) = &self.panel.selected_claim
            && doc.and_then(|d| d.claim(id)).is_none()
        {
            self.panel.selected_claim = None;
        }
    }

    /// Labels the current selection (one undo step). Returns whether an annotation was made.
    pub fn label_selection(&mut self, label: &str) -> bool {
        let (Some(sel), Some(doc)) = (self.reader.selection, self.session.document()) else {
            self.status = "Select some text first".into();
            return false;
        };
        let index = TextIndex::new(&doc.text);
        let annotation = Annotation::new(&index, label, vec![sel], self.settings.author.clone());
        let id = annotation.id.clone();
        let edit = Edit::InsertAnnotation { doc: doc.id.clone(), index: None, annotation };
        if self.apply(edit) {
            self.reader.selected = Some(id);
            self.reader.selection = None;
            return true;
        }
        false
    }

    /// Adds the selection as another fragment of the selected annotation (discontinuous).
    fn extend_selected(&mut self) {
        let (Some(sel), Some(id), Some(doc)) = (self.reader.selection, self.reader.selected.clone(), self.session.document())
        else {
            self.status = "Select an annotation, then select more text to add to it".into();
            return;
        };
        let Some(old) = doc.annotation(&id) else { return };
        let mut ann = old.clone();
        let mut ranges = ann.ranges.clone();
        ranges.push(sel);
        ann.ranges = normalize_ranges(ranges);
        let index = TextIndex::new(&doc.text);
        ann.quote = crate::anchor::Quote::of(&index, &ann.ranges);
        ann.modified = crate::model::now();
        let edit = Edit::UpdateAnnotation(doc.id.clone(), ann);
        if self.apply(edit) {
            self.reader.selection = None;
        }
    }

    /// Opens the claim editor on a new claim made of the selection (or the selected Claim annotation).
    fn make_claim(&mut self) {
        let Some(doc) = self.session.document() else { return };
        let doc_id = doc.id.clone();
        if let Some(sel) = self.reader.selection {
            let index = TextIndex::new(&doc.text);
            let content = Annotation::new(&index, names::CLAIM, vec![sel], self.settings.author.clone());
            self.claim_draft = Some(ClaimDraft::new_claim(doc_id, content.id.clone(), Some(content)));
            self.reader.selection = None;
        } else if let Some(a) = self.reader.selected.as_ref().and_then(|id| doc.annotation(id)) {
            self.claim_draft = Some(ClaimDraft::new_claim(doc_id, a.id.clone(), None));
        } else {
            self.status = "Select the claim's text first".into();
        }
    }

    fn delete_selected(&mut self) {
        let Some(doc) = self.session.document() else { return };
        let doc_id = doc.id.clone();
        if let Some(id) = self.reader.selected.clone() {
            // Claims whose content is only this annotation go with it, in the same undo step.
            let claims: Vec<Edit> = doc
                .claims
                .iter()
                .filter(|c| c.content == [id.clone()])
                .map(|c| Edit::RemoveClaim(doc_id.clone(), c.id.clone()))
                .collect();
            let mut edits = claims;
            edits.push(Edit::RemoveAnnotation(doc_id, id));
            if self.apply(Edit::Batch(edits)) {
                self.reader.selected = None;
            }
        } else if let Some(id) = self.panel.selected_claim.clone()
            && self.apply(Edit::RemoveClaim(doc_id, id))
        {
            self.panel.selected_claim = None;
        }
    }

    fn select_annotation(&mut self, id: AnnotationId) {
        let Some(doc) = self.session.document() else { return };
        let Some(a) = doc.annotation(&id) else { return };
        let range = CharRange::new(a.start(), a.end());
        let orphan = a.ranges.is_empty();
        self.panel.selected_claim = doc.claims.iter().find(|c| c.content.contains(&id)).map(|c| c.id.clone());
        self.reader.selected = Some(id);
        if !orphan {
            self.reader.scroll_to = Some(range);
            self.reader.flash = Some((range, Instant::now()));
        }
    }

    // ----- keyboard sentence cursor -----

    fn sentences(&mut self) -> Vec<CharRange> {
        let key = (self.revision, self.session.doc);
        match &self.sentence_cache {
            Some((r, d, s)) if (*r, *d) == key => s.clone(),
            _ => {
                let s = self.session.document().map(|d| crate::analysis::sentences::sentences(&d.text)).unwrap_or_default();
                self.sentence_cache = Some((key.0, key.1, s.clone()));
                s
            }
        }
    }

    fn move_sentence(&mut self, forward: bool, extend: bool) {
        let sentences = self.sentences();
        let current = self.reader.selection;
        let pos = current.map_or(0, |s| if forward { s.end } else { s.start });
        let next = if forward {
            let first = current.is_none();
            sentences.iter().find(|s| if first { s.end > pos } else { s.start >= pos }).copied()
        } else {
            sentences.iter().rev().find(|s| s.end <= pos).copied()
        };
        let Some(next) = next else { return };
        let range = match (extend, current) {
            (true, Some(cur)) => CharRange::new(cur.start, next.end),
            _ => next,
        };
        self.reader.selection = Some(range);
        self.reader.set_selection = Some(range);
        self.reader.selection_focus = None;
        self.reader.scroll_to = Some(range);
    }

    /// Moves the selection's moving end by a char or a word (Shift+←/→, Ctrl+Shift+←/→) while
    /// the other end stays: a selection grows or shrinks a char at a time, never to nothing.
    /// With no selection, one starts at the top of the view.
    fn move_selection_end(&mut self, forward: bool, by_word: bool) {
        let Some(doc) = self.session.document() else { return };
        let chars: Vec<char> = doc.text.chars().collect();
        let (anchor, focus) = match self.reader.selection {
            Some(sel) if self.reader.selection_focus == Some(sel.start) => (sel.end, sel.start),
            Some(sel) => (sel.start, sel.end),
            None => {
                let start = self.reader.top_paragraph().map_or(0, |p| self.reader.paragraph_start(p));
                (start, start)
            }
        };
        let next = if by_word { word_boundary(&chars, focus, forward) } else { step_char(&chars, focus, forward) };
        if next == anchor || next == focus {
            return;
        }
        let range = CharRange::new(anchor.min(next), anchor.max(next));
        self.reader.selection = Some(range);
        self.reader.set_selection = Some(range);
        self.reader.selection_focus = Some(next);
        let shown = if forward { next.saturating_sub(1) } else { next };
        self.reader.scroll_to = Some(CharRange::new(shown, (shown + 1).min(chars.len())));
    }

    // ----- commands -----

    /// Runs a command.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => self.guard_unsaved(Pending::New),
            Command::Open => self.guard_unsaved(Pending::Open(None)),
            Command::ImportArticle => self.ask_path(Purpose::Import),
            Command::ImportAnnotations => {
                if self.session.document().is_some() {
                    self.ask_path(Purpose::ImportAnnotations);
                } else {
                    self.status = "Import the article first, then its annotations".into();
                }
            }
            Command::UpdateArticleText => {
                if self.session.document().is_some() {
                    self.ask_path(Purpose::UpdateText);
                } else {
                    self.status = "Open an article first".into();
                }
            }
            Command::Save => {
                self.save();
            }
            Command::SaveAs => self.ask_path(Purpose::SaveAs),
            Command::Export => {
                let format = ExportFormat::Csv;
                let path = self.export_path(format);
                self.dialogs.push(Dialog::Export { format, path });
            }
            Command::Close => self.guard_unsaved(Pending::Close),
            Command::Quit => self.guard_unsaved(Pending::Quit),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::Find => {
                self.find.open = true;
                self.find.focus = true;
            }
            Command::FindNext => self.step_find(true),
            Command::FindPrevious => self.step_find(false),
            Command::ZoomIn => self.settings.set_zoom(self.settings.zoom + 0.1),
            Command::ZoomOut => self.settings.set_zoom(self.settings.zoom - 0.1),
            Command::ZoomReset => self.settings.set_zoom(1.0),
            Command::ThemeSystem => self.settings.theme = ThemeChoice::System,
            Command::ThemeLight => self.settings.theme = ThemeChoice::Light,
            Command::ThemeDark => self.settings.theme = ThemeChoice::Dark,
            Command::CommandPalette => self.dialogs.push(Dialog::Palette { query: String::new() }),
            Command::NextSentence => self.move_sentence(true, false),
            Command::PreviousSentence => self.move_sentence(false, false),
            Command::ExtendSentence => self.move_sentence(true, true),
            Command::SelectionEndRight => self.move_selection_end(true, false),
            Command::SelectionEndLeft => self.move_selection_end(false, false),
            Command::SelectionEndNextWord => self.move_selection_end(true, true),
            Command::SelectionEndPreviousWord => self.move_selection_end(false, true),
            Command::MakeClaim => self.make_claim(),
            Command::DeleteSelected => self.delete_selected(),
            Command::ClearSelection => {
                if self.find.open {
                    self.find.open = false;
                    self.reader.find_matches.clear();
                } else {
                    self.reader.selection = None;
                    self.reader.selected = None;
                }
            }
            Command::KeyboardHelp => self.dialogs.push(Dialog::KeyboardHelp),
            Command::NextDocument => self.switch_document(self.session.doc + 1),
            Command::PreviousDocument => self.switch_document(self.session.doc.saturating_sub(1)),
        }
        let _ = ctx;
    }

    fn switch_document(&mut self, index: usize) {
        if index < self.session.project.documents.len() && index != self.session.doc {
            self.session.doc = index;
            self.reader = ReaderState::default();
            self.find.computed = None;
            self.revision += 1;
        }
    }

    fn step_find(&mut self, forward: bool) {
        let n = self.reader.find_matches.len();
        if n == 0 {
            return;
        }
        self.reader.find_current =
            if forward { (self.reader.find_current + 1) % n } else { (self.reader.find_current + n - 1) % n };
        self.reader.scroll_to = self.reader.find_matches.get(self.reader.find_current).copied();
    }

    fn update_find_matches(&mut self) {
        let key = (self.find.query.clone(), self.revision, self.session.doc);
        if self.find.computed.as_ref() == Some(&key) {
            return;
        }
        self.reader.find_matches = if self.find.open {
            self.session.document().map(|d| find_all(&d.text, &self.find.query)).unwrap_or_default()
        } else {
            Vec::new()
        };
        self.reader.find_current = 0;
        self.reader.scroll_to = self.reader.find_matches.first().copied();
        self.find.computed = Some(key);
    }

    // ----- the frame -----

    /// Shows the whole window. Everything the user does becomes an [`Action`], carried out at the end.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        theme::install_fonts(&ctx);
        self.apply_theme(&ctx);
        self.poll_file_dialogs(&ctx);
        self.poll_background(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);
        self.check_external_change(&ctx);
        if self.dialogs.is_empty() && self.claim_draft.is_none() {
            self.handle_shortcuts(&ctx);
        } else if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.escape_dialog();
        }

        self.menu_bar_ui(ui);
        self.status_bar_ui(ui);
        if self.session.project.documents.len() > 1 {
            egui::Panel::left("documents").resizable(true).default_size(180.0).show(ui, |ui| self.documents_ui(ui));
        }
        let typing = self.typing_elsewhere(&ctx);
        egui::Panel::right("side-panel").resizable(true).default_size(430.0).min_size(280.0).show(ui, |ui| {
            // The inspector first: a bottom panel reserves its space before the lists fill the rest.
            self.annotation_inspector_ui(ui);
            let cx = PanelContext {
                project: &self.session.project,
                document: self.session.document(),
                selected_annotation: self.reader.selected.as_ref(),
                author: &self.settings.author,
                typing: typing || !self.dialogs.is_empty() || self.claim_draft.is_some(),
                revision: self.revision,
            };
            side_panel_ui(ui, &cx, &mut self.panel, &mut self.suggestions, &mut self.actions);
        });
        egui::CentralPanel::default().frame(egui::Frame::central_panel(ui.style()).fill(theme::page(ui.visuals()))).show(
            ui,
            |ui| {
                if self.find.open {
                    self.find_bar_ui(ui);
                }
                self.update_find_matches();
                let doc_id = self.session.document().map(|d| d.id.clone());
                self.reader.marks = self
                    .suggestions
                    .as_ref()
                    .filter(|s| Some(&s.doc) == doc_id.as_ref())
                    .map(SuggestionState::marks)
                    .unwrap_or_default();
                self.article_ui(ui);
            },
        );
        self.claim_editor_window(&ctx);
        self.dialogs_ui(&ctx);

        let actions = std::mem::take(&mut self.actions);
        for action in actions {
            self.perform(action, &ctx);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
        if self.quit_requested && self.allow_close && !self.close_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.close_sent = true;
        }
    }

    fn perform(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::Run(c) => self.run(c, ctx),
            Action::Apply(edit) => {
                self.apply(*edit);
                self.drop_stale_selection();
            }
            Action::SelectAnnotation(id) => self.select_annotation(id),
            Action::Reveal(range) => {
                self.reader.scroll_to = Some(range);
                self.reader.flash = Some((range, Instant::now()));
            }
            Action::SelectClaim(id) => {
                let content = self.session.document().and_then(|d| d.claim(&id)).and_then(|c| c.content.first().cloned());
                if let Some(a) = content {
                    self.select_annotation(a);
                }
                self.panel.selected_claim = Some(id);
            }
            Action::EditClaim(id) => {
                if let Some(doc) = self.session.document()
                    && let Some(c) = doc.claim(&id)
                {
                    self.claim_draft = Some(ClaimDraft::edit(doc.id.clone(), c.clone()));
                }
            }
            Action::SelectSource(id) => {
                self.panel.source_draft = id.and_then(|id| self.session.project.source(&id).cloned());
            }
            Action::LabelSelection(label) => {
                self.label_selection(&label);
            }
            Action::ExtendSelected => self.extend_selected(),
            Action::SwitchDocument(i) => self.switch_document(i),
            Action::OpenPath(path) => self.guard_unsaved(Pending::Open(Some(path))),
            Action::ImportPath(path) => self.import_into_current(&path),
            Action::SaveTo(path) => {
                self.save_to(&path, Overwrite::IfUnchanged);
            }
            Action::ExportTo(format, path) => self.export_to(format, &path),
            Action::UpdateText(path) => self.update_text(&path),
            Action::ImportAnnotations(path) => self.import_annotations(&path),
            Action::Reattach => self.reattach_selected(),
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(match self.settings.theme {
                ThemeChoice::System => egui::ThemePreference::System,
                ThemeChoice::Light => egui::ThemePreference::Light,
                ThemeChoice::Dark => egui::ThemePreference::Dark,
            });
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            self.applied_theme = Some(self.settings.theme);
        }
    }

    fn poll_file_dialogs(&mut self, ctx: &egui::Context) {
        if let Some(purpose) = self.pending_native.take() {
            let name = (purpose == Purpose::SaveAs).then(|| self.session.display_name());
            self.file_dialogs.open(purpose, name, ctx);
        }
        match self.file_dialogs.poll() {
            Some(Answer::Chosen(purpose, path)) => self.path_chosen(purpose, path),
            Some(Answer::Unavailable(purpose)) => {
                let text = self.suggested_path(purpose);
                self.dialogs.push(Dialog::PathInput { purpose, text });
            }
            Some(Answer::Cancelled) => self.after_save = None,
            None => {}
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).collect());
        for path in dropped {
            if is_article_path(&path) {
                self.actions.push(Action::ImportPath(path));
            } else {
                self.actions.push(Action::OpenPath(path));
            }
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.session.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                if !self.dialogs.iter().any(|d| matches!(d, Dialog::Unsaved { .. })) {
                    self.dialogs.push(Dialog::Unsaved { then: Pending::Quit });
                }
            } else {
                self.allow_close = true;
            }
        }
    }

    fn check_external_change(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        let gained = focused && !self.was_focused;
        self.was_focused = focused;
        if !gained {
            return;
        }
        let (Some(path), Some(expected)) = (self.session.path.clone(), self.session.fingerprint.clone()) else { return };
        if let Ok(Some(now)) = store::Fingerprint::read(&path)
            && expected.differs_from(&now)
            && !self.dialogs.iter().any(|d| matches!(d, Dialog::ChangedOnDisk { .. }))
        {
            self.dialogs.push(Dialog::ChangedOnDisk { path, while_saving: false });
        }
    }

    fn typing_elsewhere(&self, ctx: &egui::Context) -> bool {
        let focused = ctx.memory(egui::Memory::focused);
        focused.is_some() && focused != self.reader.text_id && ctx.egui_wants_keyboard_input()
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
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

    fn escape_dialog(&mut self) {
        if self.claim_draft.take().is_some() {
            return;
        }
        if let Some(top) = self.dialogs.last()
            && !matches!(top, Dialog::Unsaved { .. } | Dialog::Recovery { .. })
        {
            self.dialogs.pop();
        }
    }

    /// Writes unsaved work to the recovery file [`AUTOSAVE_DELAY`] after the last change: a
    /// large project on another thread (from a copy), so that the window never pauses.
    fn autosave(&mut self, ctx: &egui::Context) {
        self.poll_autosave(ctx);
        if !self.session.is_dirty() || self.session.recovery_written {
            return;
        }
        let Some(changed) = self.session.last_change else { return };
        let waited = changed.elapsed();
        if waited < AUTOSAVE_DELAY {
            ctx.request_repaint_after(AUTOSAVE_DELAY.saturating_sub(waited));
            return;
        }
        if self.autosaving.is_some() {
            // One at a time: the next starts when this one is written.
            return;
        }
        let target = self.session.path.clone().or_else(|| self.untitled_recovery.clone());
        let Some(target) = target else { return };
        self.session.recovery_written = true;
        if estimated_size(&self.session.project) > BACKGROUND_BYTES {
            let project = self.session.project.clone();
            let t = target.clone();
            let rx = spawn(move || store::write_recovery(&t, &project));
            self.autosaving = Some(Autosave { target, rx });
            ctx.request_repaint_after(AUTOSAVE_POLL);
            return;
        }
        if let Err(e) = store::write_recovery(&target, &self.session.project) {
            self.status = format!("Autosave failed: {e}");
        }
    }

    /// Finishes an autosave written on another thread.
    fn poll_autosave(&mut self, ctx: &egui::Context) {
        let Some(job) = self.autosaving.take() else { return };
        match job.rx.try_recv() {
            Ok(result) => {
                if let Err(e) = result {
                    self.status = format!("Autosave failed: {e}");
                }
                // Saved or discarded while it was written: that recovery is stale.
                if !self.session.is_dirty() {
                    let _ = store::discard_recovery(&job.target);
                }
            }
            Err(TryRecvError::Empty) => {
                self.autosaving = Some(job);
                ctx.request_repaint_after(AUTOSAVE_POLL);
            }
            Err(TryRecvError::Disconnected) => {}
        }
    }

    /// Waits for an autosave being written (a fraction of a second), so that no recovery file
    /// appears after the recovery was discarded.
    fn finish_autosave(&mut self) {
        if let Some(job) = self.autosaving.take() {
            let _ = job.rx.recv();
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!("{}{} — claimlens", self.session.display_name(), if self.session.is_dirty() { " *" } else { "" });
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.last_title
    }

    // ----- parts of the window -----

    fn command_button(&mut self, ui: &mut Ui, command: Command, label: Option<&str>) {
        let shortcut = command.shortcut().map(|s| ui.ctx().format_shortcut(&s)).unwrap_or_default();
        let text = label.unwrap_or(command.label());
        if ui.add(egui::Button::new(text).shortcut_text(shortcut)).on_hover_text(command.tooltip()).clicked() {
            self.actions.push(Action::Run(command));
            ui.close();
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::Panel::top("menu-bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
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
                    self.command_button(ui, Command::ImportArticle, None);
                    self.command_button(ui, Command::ImportAnnotations, None);
                    self.command_button(ui, Command::UpdateArticleText, None);
                    ui.separator();
                    self.command_button(ui, Command::Save, None);
                    self.command_button(ui, Command::SaveAs, None);
                    self.command_button(ui, Command::Export, None);
                    ui.separator();
                    self.command_button(ui, Command::Close, None);
                    self.command_button(ui, Command::Quit, None);
                });
                ui.menu_button("Edit", |ui| {
                    let undo = self.session.history.undo_description().map(|d| format!("Undo {d}"));
                    let redo = self.session.history.redo_description().map(|d| format!("Redo {d}"));
                    ui.add_enabled_ui(undo.is_some(), |ui| self.command_button(ui, Command::Undo, undo.as_deref()));
                    ui.add_enabled_ui(redo.is_some(), |ui| self.command_button(ui, Command::Redo, redo.as_deref()));
                    ui.separator();
                    self.command_button(ui, Command::Find, None);
                    self.command_button(ui, Command::FindNext, None);
                    self.command_button(ui, Command::FindPrevious, None);
                    ui.separator();
                    self.command_button(ui, Command::MakeClaim, None);
                    self.command_button(ui, Command::DeleteSelected, None);
                    ui.separator();
                    self.command_button(ui, Command::CommandPalette, None);
                });
                ui.menu_button("View", |ui| {
                    self.command_button(ui, Command::ZoomIn, None);
                    self.command_button(ui, Command::ZoomOut, None);
                    self.command_button(ui, Command::ZoomReset, None);
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
                    if self.session.project.documents.len() > 1 {
                        ui.separator();
                        self.command_button(ui, Command::NextDocument, None);
                        self.command_button(ui, Command::PreviousDocument, None);
                    }
                });
                ui.menu_button("Help", |ui| {
                    self.command_button(ui, Command::KeyboardHelp, None);
                    if ui.button("About claimlens").clicked() {
                        self.dialogs.push(Dialog::About);
                        ui.close();
                    }
                });
            });
        });
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                let saved = if self.session.is_dirty() { "Unsaved changes" } else { "Saved" };
                ui.label(RichText::new(self.session.display_name()).strong());
                ui.label(saved);
                if let Some(doc) = self.session.document() {
                    ui.separator();
                    ui.label(format!(
                        "{} annotations · {} claims · {} sources",
                        doc.annotations.len(),
                        doc.claims.len(),
                        self.session.project.sources.len()
                    ));
                }
                ui.separator();
                if let Some(b) = &self.background {
                    ui.spinner();
                    ui.label(format!("{}… {:.1} s", b.what, b.started.elapsed().as_secs_f32()));
                } else {
                    ui.label(RichText::new(&self.status).weak());
                }
            });
        });
    }

    fn documents_ui(&mut self, ui: &mut Ui) {
        ui.heading("Documents");
        for (i, d) in self.session.project.documents.iter().enumerate() {
            let title = crate::formats::text::shorten(if d.title.is_empty() { "Untitled" } else { &d.title }, 60);
            if ui.selectable_label(i == self.session.doc, title).clicked() {
                self.actions.push(Action::SwitchDocument(i));
            }
        }
    }

    fn find_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let response = ui
                .add(egui::TextEdit::singleline(&mut self.find.query).desired_width(240.0).hint_text("text in the article"))
                .labelled_by(label.id);
            if self.find.focus {
                response.request_focus();
                self.find.focus = false;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                self.step_find(!back);
                response.request_focus();
            }
            let n = self.reader.find_matches.len();
            let count = if self.find.query.is_empty() {
                String::new()
            } else if n == 0 {
                "No matches".to_owned()
            } else {
                format!("{} of {n}", self.reader.find_current + 1)
            };
            ui.label(count);
            if ui.button("Previous match").clicked() {
                self.step_find(false);
            }
            if ui.button("Next match").clicked() {
                self.step_find(true);
            }
            if ui.button("Close find bar").clicked() {
                self.find.open = false;
                self.find.computed = None;
            }
        });
        ui.separator();
    }

    fn article_ui(&mut self, ui: &mut Ui) {
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
        let out = reader_ui(ui, &self.session.project, document, &mut self.reader, self.settings.zoom, self.revision);
        if let Some(c) = out.clicked_char {
            match annotations_at(document, c).first() {
                Some(a) => {
                    let id = a.id.clone();
                    self.panel.selected_claim =
                        document.claims.iter().find(|cl| cl.content.contains(&id)).map(|cl| cl.id.clone());
                    self.reader.selected = Some(id);
                }
                None => self.reader.selected = None,
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
            && self.reader.selection.is_some()
            && self.dialogs.is_empty()
            && self.claim_draft.is_none()
        {
            self.label_popup_ui(ui, rect);
        }
    }

    fn label_popup_ui(&mut self, ui: &mut Ui, rect: egui::Rect) {
        let labels: Vec<(Option<u8>, String, egui::Color32)> =
            self.session.project.labels.iter().map(|l| (l.hotkey, l.name.clone(), theme::label_color(l.color))).collect();
        let selected_label =
            self.reader.selected.as_ref().and_then(|id| self.session.document()?.annotation(id)).map(|a| a.label.clone());
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

    fn annotation_inspector_ui(&mut self, ui: &mut Ui) {
        let Some(doc) = self.session.document() else { return };
        let Some(a) = self.reader.selected.as_ref().and_then(|id| doc.annotation(id)) else {
            self.note_draft = None;
            return;
        };
        let doc_id = doc.id.clone();
        let a = a.clone();
        if self.note_draft.as_ref().is_none_or(|(id, _, _)| id != &a.id) {
            self.note_draft = Some((a.id.clone(), a.note.clone(), a.tags.join(", ")));
        }
        let label_names: Vec<String> = self.session.project.labels.iter().map(|l| l.name.clone()).collect();
        egui::Panel::bottom("annotation-inspector").show(ui, |ui| {
            ui.add_space(4.0);
            ui.label(RichText::new("Selected annotation").strong());
            ui.label(RichText::new(format!("“{}”", crate::formats::text::shorten(&a.quote.exact, 200))).italics());
            if a.ranges.is_empty() {
                ui.colored_label(
                    theme::error(ui.visuals()),
                    "Orphan: this text was not found in the current version of the article.",
                );
                let can = self.reader.selection.is_some();
                if ui
                    .add_enabled(can, egui::Button::new("Re-attach to selection"))
                    .on_hover_text("Select where the annotated text is now, then re-attach")
                    .clicked()
                {
                    self.actions.push(Action::Reattach);
                }
            }
            let mut label = a.label.clone();
            egui::ComboBox::from_label("Label").selected_text(&label).show_ui(ui, |ui| {
                for name in &label_names {
                    ui.selectable_value(&mut label, name.clone(), name);
                }
            });
            if label != a.label {
                let mut changed = a.clone();
                changed.label = label;
                changed.modified = crate::model::now();
                self.actions.push(Action::Apply(Box::new(Edit::UpdateAnnotation(doc_id.clone(), changed))));
            }
            if let Some((_, note, tags)) = self.note_draft.as_mut() {
                let l = ui.label("Note");
                ui.add(egui::TextEdit::multiline(note).desired_rows(2).desired_width(f32::INFINITY)).labelled_by(l.id);
                ui.horizontal(|ui| {
                    let l = ui.label("Tags");
                    ui.add(egui::TextEdit::singleline(tags).hint_text("comma, separated")).labelled_by(l.id);
                });
                let new_tags: Vec<String> = tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect();
                let dirty = *note != a.note || new_tags != a.tags;
                ui.horizontal(|ui| {
                    if ui.add_enabled(dirty, egui::Button::new("Save note")).clicked() {
                        let mut changed = a.clone();
                        changed.note.clone_from(note);
                        changed.tags = new_tags;
                        changed.modified = crate::model::now();
                        self.actions.push(Action::Apply(Box::new(Edit::UpdateAnnotation(doc_id.clone(), changed))));
                    }
                    if ui.button("Delete annotation").clicked() {
                        self.actions.push(Action::Run(Command::DeleteSelected));
                    }
                    if a.label == names::CLAIM && ui.button("Make claim…").clicked() {
                        self.actions.push(Action::Run(Command::MakeClaim));
                    }
                });
            }
        });
    }

    fn claim_editor_window(&mut self, ctx: &egui::Context) {
        let Some(mut draft) = self.claim_draft.take() else { return };
        let Some(document) = self.session.project.document(&draft.doc) else { return };
        let mut open = true;
        let mut result = EditorResult::Open;
        let title = if draft.is_new { "New claim" } else { "Edit claim" };
        egui::Window::new(title)
            .id(egui::Id::unique("claim-editor"))
            .collapsible(false)
            .resizable(true)
            .default_width(460.0)
            .open(&mut open)
            .show(ctx, |ui| {
                result = claim_editor_ui(
                    ui,
                    &self.session.project,
                    document,
                    &mut draft,
                    self.reader.selection,
                    &self.settings.author,
                );
            });
        match result {
            EditorResult::Open if open => self.claim_draft = Some(draft),
            EditorResult::Open | EditorResult::Cancel => {}
            EditorResult::Save => match draft.to_edit() {
                Ok(edit) => {
                    let id = draft.claim.id.clone();
                    if self.apply(edit) {
                        self.panel.selected_claim = Some(id);
                    } else {
                        draft.error = Some(self.status.clone());
                        self.claim_draft = Some(draft);
                    }
                }
                Err(e) => {
                    draft.error = Some(e);
                    self.claim_draft = Some(draft);
                }
            },
            EditorResult::Delete => {
                self.apply(Edit::RemoveClaim(draft.doc.clone(), draft.claim.id.clone()));
            }
        }
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialogs.pop() else { return };
        let mut keep = true;
        let modal = egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &dialog {
                Dialog::Error { title, message } => {
                    ui.heading(title);
                    ui.label(RichText::new(message).color(theme::error(ui.visuals())));
                    if ui.button("OK").clicked() {
                        keep = false;
                    }
                }
                Dialog::Notice { title, message } => {
                    ui.heading(title);
                    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| ui.label(message.as_str()));
                    if ui.button("OK").clicked() {
                        keep = false;
                    }
                }
                Dialog::Unsaved { then } => {
                    ui.heading("Save changes?");
                    ui.label(format!("{} has unsaved changes. Save them before you go on?", self.session.display_name()));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            keep = false;
                            self.after_save = Some(then.clone());
                            if self.save() {
                                // save_to ran the pending action already.
                            }
                        }
                        if ui.button("Discard").clicked() {
                            keep = false;
                            self.session.history.mark_saved();
                            self.continue_with(then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                }
                Dialog::Recovery { path, untitled, recovery } => {
                    ui.heading("Recover unsaved work?");
                    let when: chrono::DateTime<chrono::Local> = recovery.modified.into();
                    let when = when.format("%Y-%m-%d %H:%M:%S");
                    ui.label(if *untitled {
                        format!("claimlens found unsaved work on a project that was never saved, from {when}. Restore it?")
                    } else {
                        format!(
                            "claimlens found unsaved changes to {} from {when}, newer than the file. Restore them?",
                            path.display()
                        )
                    });
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            keep = false;
                            match store::load_recovery(recovery) {
                                Ok(project) => {
                                    let mut session = if *untitled {
                                        Session::new(project, None, None)
                                    } else {
                                        Session::new(project, Some(path.clone()), self.session.fingerprint.clone())
                                    };
                                    session.history.mark_unsaved();
                                    self.replace_session(session);
                                    self.status = "Restored unsaved work; save to keep it".into();
                                }
                                Err(e) => self.show_error("Could not restore", &e),
                            }
                        }
                        if ui.button("Discard recovered work").clicked() {
                            keep = false;
                            let _ = store::discard_recovery(path);
                        }
                    });
                }
                Dialog::ChangedOnDisk { path, while_saving } => {
                    ui.heading("Changed by another program");
                    ui.label(format!("{} was changed by another program since claimlens opened it.", path.display()));
                    ui.horizontal(|ui| {
                        if ui.button("Reload from disk").on_hover_text("Discard your changes and read the file again").clicked() {
                            keep = false;
                            let p = path.clone();
                            self.open_project(&p);
                        }
                        if *while_saving
                            && ui
                                .button("Overwrite")
                                .on_hover_text("Replace the file with your version (the old one is kept as .bak)")
                                .clicked()
                        {
                            keep = false;
                            let p = path.clone();
                            self.save_to(&p, Overwrite::Force);
                        }
                        if ui.button("Save As…").clicked() {
                            keep = false;
                            self.ask_path(Purpose::SaveAs);
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                            self.after_save = None;
                        }
                    });
                }
                Dialog::PathInput { purpose, text } => {
                    ui.heading(purpose.title());
                    let mut t = text.clone();
                    let l = ui.label("Path");
                    let r = ui.add(egui::TextEdit::singleline(&mut t).desired_width(460.0)).labelled_by(l.id);
                    r.request_focus();
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.horizontal(|ui| {
                        let go = match purpose {
                            Purpose::Open => "Open",
                            Purpose::Import | Purpose::ImportAnnotations => "Import",
                            Purpose::SaveAs => "Save",
                            Purpose::Export => "Export",
                            Purpose::UpdateText => "Update",
                        };
                        if ui.button(go).clicked() || enter {
                            keep = false;
                            self.path_chosen(*purpose, PathBuf::from(t.trim()));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                            self.after_save = None;
                        }
                    });
                    if keep {
                        self.dialogs.push(Dialog::PathInput { purpose: *purpose, text: t });
                        keep = false;
                    }
                }
                Dialog::Export { format, path } => {
                    ui.heading("Export");
                    let mut f = *format;
                    let mut p = path.clone();
                    for option in ExportFormat::ALL {
                        if ui.radio(f == option, option.label()).clicked() && f != option {
                            f = option;
                            p = self.export_path(f);
                        }
                    }
                    ui.horizontal(|ui| {
                        let l = ui.label(if f.is_folder() { "Folder" } else { "File" });
                        ui.add(egui::TextEdit::singleline(&mut p).desired_width(380.0)).labelled_by(l.id);
                        if self.settings.native_dialogs && ui.button("Browse…").clicked() {
                            self.pending_native = Some(Purpose::Export);
                        }
                    });
                    ui.horizontal(|ui| {
                        if ui.button("Export").clicked() {
                            keep = false;
                            self.actions.push(Action::ExportTo(f, PathBuf::from(p.trim())));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                    if keep {
                        self.dialogs.push(Dialog::Export { format: f, path: p });
                        keep = false;
                    }
                }
                Dialog::Palette { query } => {
                    let mut q = query.clone();
                    let l = ui.label("Command");
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut q).hint_text("type to search commands").desired_width(420.0))
                        .labelled_by(l.id);
                    r.request_focus();
                    let matches = palette_matches(&q);
                    let enter = ui.input(|i| i.key_pressed(Key::Enter));
                    let mut chosen = None;
                    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                        for c in &matches {
                            let shortcut = c.shortcut().map(|s| ui.ctx().format_shortcut(&s)).unwrap_or_default();
                            if ui.add(egui::Button::new(c.label()).shortcut_text(shortcut)).on_hover_text(c.tooltip()).clicked() {
                                chosen = Some(*c);
                            }
                        }
                    });
                    if enter {
                        chosen = matches.first().copied();
                    }
                    if let Some(c) = chosen {
                        self.actions.push(Action::Run(c));
                        keep = false;
                    } else {
                        self.dialogs.push(Dialog::Palette { query: q });
                        keep = false;
                    }
                }
                Dialog::KeyboardHelp => {
                    ui.heading("Keyboard shortcuts");
                    egui::ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
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
                    if ui.button("Close").clicked() {
                        keep = false;
                    }
                }
                Dialog::About => {
                    ui.heading("claimlens");
                    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                    ui.label("Read news, annotate claims, their sources and the chains through which an article knows them.");
                    if ui.button("Close").clicked() {
                        keep = false;
                    }
                }
            }
        });
        if modal.should_close() && !matches!(dialog, Dialog::Unsaved { .. } | Dialog::Recovery { .. }) {
            keep = false;
        }
        if keep {
            self.dialogs.push(dialog);
        }
    }
}

fn hover_ui(ui: &mut Ui, project: &Project, document: &crate::model::Document, hits: &[&Annotation]) {
    for a in hits {
        let color = project.label(&a.label).map_or(egui::Color32::GRAY, |l| theme::label_color(l.color));
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

/// The next char offset from `pos` (bounded by the text).
fn step_char(chars: &[char], pos: usize, forward: bool) -> usize {
    if forward { (pos + 1).min(chars.len()) } else { pos.saturating_sub(1) }
}

/// Where Ctrl+arrow goes from `pos`: forwards past the next word's end, backwards to the start
/// of the word before (punctuation and spaces on the way are skipped).
fn word_boundary(chars: &[char], pos: usize, forward: bool) -> usize {
    let word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let mut p = pos.min(chars.len());
    if forward {
        while p < chars.len() && !word(p) {
            p += 1;
        }
        while p < chars.len() && word(p) {
            p += 1;
        }
    } else {
        while p > 0 && !word(p - 1) {
            p -= 1;
        }
        while p > 0 && word(p - 1) {
            p -= 1;
        }
    }
    p
}

/// The file name of a path, for short messages.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
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
fn estimated_size(project: &Project) -> u64 {
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

/// Every case-insensitive occurrence of `query` in `text`, as char ranges.
pub fn find_all(text: &str, query: &str) -> Vec<CharRange> {
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let needle: Vec<char> = query.chars().map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let hay: Vec<char> = text.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay.get(i..i + needle.len()) == Some(needle.as_slice()) {
            out.push(CharRange::new(i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}
