//! The application: the window's state, grouped by what it is about (the open project, the
//! view of its document, background jobs, dialogs, the window itself), and its frame.
//!
//! As in rerun's viewer, the parts live in their own files: [`logic`] runs every frame even
//! while the window is hidden (jobs, autosave, title), `command_handling` carries out commands
//! and actions in one place, `files` the open/save/import/export flows, `editing` the changes
//! to the project, and the drawing of menus, article, inspector and dialogs each its own file.

mod article;
mod chores;
mod command_handling;
mod compare;
mod dialogs_ui;
mod editing;
pub(crate) mod file_work;
mod files;
mod inspector;
mod logic;
mod menus;
mod reading;
mod recovery;
mod sources;

pub use crate::text::find_all;
pub use files::with_project_extension;

use super::actions::Action;
use super::background::Job;
use super::claim_editor::ClaimDraft;
use super::clock::Clock;
use super::dialogs::{Dialog, Pending};
use super::file_dialogs::{FileDialogs, Purpose};
use super::panels::{PanelContext, PanelState, side_panel_ui};
use super::reader::ReaderState;
use super::session::Session;
use super::settings::{Settings, ThemeChoice};
use super::suggestions::SuggestionState;
use super::theme;
use crate::anchor::CharRange;
use crate::formats::ExportFormat;
use crate::model::{AnnotationId, DocumentId, Project};
use crate::store::{self, StoreError};
use egui::{Key, Modifiers, Ui};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often the window checks on work running on another thread.
const JOB_POLL: Duration = Duration::from_millis(50);

/// Unsaved changes are written to the recovery file this long after the last change.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);

/// The view of the shown document: reader, side panel, drafts and find. Reset when another
/// project is opened.
#[derive(Default)]
pub struct DocumentView {
    /// The article view's state.
    pub reader: ReaderState,
    /// The side panel's state.
    pub panel: PanelState,
    /// The claim being edited.
    pub claim_draft: Option<ClaimDraft>,
    /// Suggester proposals under review.
    pub suggestions: Option<SuggestionState>,
    /// An article chosen for import, waiting for the answer: a new project or this one.
    pub import_question: Option<PathBuf>,
    /// The labels editor, when open.
    pub labels_editor: Option<crate::ui::labels_editor::LabelsEditor>,
    /// A colleague's project open beside this one (Compare With…).
    pub compare: Option<crate::ui::compare_view::CompareView>,
    /// Whether exports also write the documents' archived original pages.
    pub export_originals: bool,
    /// Whether the Merge Conflicts window is open.
    pub conflicts_open: bool,
    /// The last merge conflict that could not be settled, and why.
    conflicts_error: Option<String>,
    /// The text selected in the document last left with a selection, which the claim editor
    /// offers as a link target from another document.
    pub left_selection: Option<crate::ui::claim_links::SelectionElsewhere>,
    /// The inspector's note and tags as typed, not yet committed.
    note_draft: Option<NoteDraft>,
    find: FindBar,
    sentence_cache: Option<(u64, usize, Vec<CharRange>)>,
}

/// The Selected-annotation inspector's note and tags while they are typed.
#[derive(Clone, Debug)]
struct NoteDraft {
    doc: DocumentId,
    annotation: AnnotationId,
    note: String,
    tags: String,
    /// The annotation's note and tags the draft started from: when they change underneath
    /// (undo, redo), the draft starts again from the annotation.
    base: (String, Vec<String>),
}

/// Find-in-article state.
#[derive(Debug, Default)]
struct FindBar {
    open: bool,
    query: String,
    focus: bool,
    /// The query and revision the matches were computed for.
    computed: Option<(String, u64, usize)>,
    /// Whether every document is searched (the matches listed under the bar).
    all: bool,
    /// The matches in every document, and the query and revision they were found for.
    everywhere: Vec<FindResult>,
    everywhere_for: Option<(String, u64)>,
}

/// A match in some document of the project, with its context on its line.
#[derive(Debug, Clone)]
struct FindResult {
    doc: usize,
    range: CharRange,
    before: String,
    hit: String,
    after: String,
}

/// A project being opened, saved or exported on another thread, while the window keeps painting.
enum Background {
    Open(PathBuf, Job<Result<Box<file_work::Opened>, StoreError>>),
    Save {
        path: PathBuf,
        state_id: u64,
        job: Job<Result<file_work::Saved, StoreError>>,
    },
    Export {
        path: PathBuf,
        format: ExportFormat,
        job: Job<Result<usize, String>>,
    },
    /// Compare With…'s agreement table written as CSV or Markdown.
    Table {
        path: PathBuf,
        job: Job<Result<usize, String>>,
    },
    Read {
        path: PathBuf,
        reading: reading::Reading,
        job: Job<Result<reading::ReadValue, StoreError>>,
    },
}

impl Background {
    /// The job's description and how long it has run.
    fn progress(&self, clock: &Clock) -> (&str, Duration) {
        match self {
            Self::Open(_, job) => (job.what(), job.elapsed(clock)),
            Self::Save { job, .. } => (job.what(), job.elapsed(clock)),
            Self::Export { job, .. } | Self::Table { job, .. } => (job.what(), job.elapsed(clock)),
            Self::Read { job, .. } => (job.what(), job.elapsed(clock)),
        }
    }

    /// Whether the window may stop waiting for it (not a save: that finishes or fails whole).
    const fn can_cancel(&self) -> bool {
        !matches!(self, Self::Save { .. })
    }
}

/// An autosave of a large project being written on another thread.
struct Autosave {
    /// The project file (or the untitled autosave's path) whose recovery file is written.
    target: PathBuf,
    job: Job<Result<PathBuf, StoreError>>,
    /// Its recovery was discarded while it was written: remove what it writes.
    stale: bool,
}

/// A read of the project file, to notice a change by another program.
struct ExternalCheck {
    path: PathBuf,
    /// The file as the session knew it when the check began.
    expected: store::Fingerprint,
    job: Job<Result<Option<store::Fingerprint>, StoreError>>,
}

/// Work on other threads, and the autosave's bookkeeping.
#[derive(Default)]
struct Jobs {
    background: Option<Background>,
    autosave: Option<Autosave>,
    external_check: Option<ExternalCheck>,
    /// Small file chores (recovery files, an original for the browser), several at once.
    chores: Vec<chores::Chore>,
    file_dialogs: FileDialogs,
    pending_native: Option<Purpose>,
    /// The session's change count last seen, and when it was seen to change.
    last_change: Option<(u64, Duration)>,
}

/// Open modal dialogs, and what waits for a save to finish.
#[derive(Default)]
pub struct Dialogs {
    /// Open dialogs, topmost last.
    pub open: Vec<Dialog>,
    after_save: Option<Pending>,
}

/// What the window itself was told or asked.
#[derive(Default)]
#[allow(clippy::struct_excessive_bools, reason = "independent flags of the window's state")]
struct WindowState {
    allow_close: bool,
    close_sent: bool,
    last_title: String,
    was_focused: bool,
    applied_theme: Option<ThemeChoice>,
}

/// The claimlens window.
pub struct ClaimlensApp {
    /// The open project.
    pub session: Session,
    /// Persisted settings.
    pub settings: Settings,
    /// The view of the shown document.
    pub view: DocumentView,
    /// Open modal dialogs.
    pub dialogs: Dialogs,
    /// The message in the status bar.
    pub status: String,
    /// Where autosaves of never-saved projects go.
    pub untitled_recovery: Option<PathBuf>,
    /// Whether the app asked the window to close (for tests and the shell).
    pub quit_requested: bool,
    /// The clock that autosave and job timings read (a stepped one in tests).
    pub clock: Clock,
    /// Articles from the clipboard and the web: their dialogs, fetches, clipboard and browser.
    pub sources: crate::ui::sources::SourcesState,
    /// Bumped on every change of the project, to refresh cached layouts.
    revision: u64,
    actions: Vec<Action>,
    jobs: Jobs,
    window: WindowState,
    /// The window's context once it has run, so that jobs on other threads can wake it.
    ctx: Option<egui::Context>,
}

impl ClaimlensApp {
    /// A window on an empty project.
    pub fn new(settings: Settings) -> Self {
        Self {
            session: Session::new(Project::new("Untitled"), None, None),
            settings,
            view: DocumentView::default(),
            dialogs: Dialogs::default(),
            status: String::new(),
            untitled_recovery: None,
            quit_requested: false,
            clock: Clock::real(),
            sources: crate::ui::sources::SourcesState::default(),
            revision: 0,
            actions: Vec::new(),
            jobs: Jobs::default(),
            window: WindowState { was_focused: true, ..WindowState::default() },
            ctx: None,
        }
    }

    /// Shows the whole window. Everything the user does becomes an [`Action`], carried out at
    /// the end. [`Self::logic`] runs before it each frame (and alone while the window is hidden).
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        theme::install_fonts(&ctx);
        theme::apply_text_sizes(&ctx, self.settings.zoom);
        self.apply_theme(&ctx);
        self.handle_dropped_files(&ctx);
        if self.dialogs.open.is_empty() && self.view.claim_draft.is_none() && !self.sources.dialog_open() {
            self.handle_shortcuts(&ctx);
        } else if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.escape_dialog();
        }
        self.menu_bar_ui(ui);
        self.status_bar_ui(ui);
        if self.session.project.documents.len() > 1 {
            egui::Panel::left("documents").resizable(true).default_size(180.0).show(ui, |ui| self.documents_ui(ui));
        }
        if !self.settings.side_panel_hidden {
            self.side_panel_ui(ui, &ctx);
        }
        self.provenance_ui(ui);
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).fill(theme::page(ui.visuals())))
            .show(ui, |ui| self.central_ui(ui));
        self.claim_editor_window(&ctx);
        self.labels_editor_window(&ctx);
        self.compare_window(&ctx);
        if self.view.conflicts_open {
            crate::ui::conflicts_view::conflicts_window(
                &ctx,
                &self.session.project,
                &mut self.view.conflicts_open,
                &mut self.view.conflicts_error,
                &mut self.actions,
            );
        }
        self.import_question_window(&ctx);
        self.sources_ui(&ctx);
        self.dialogs_ui(&ctx);

        let actions = std::mem::take(&mut self.actions);
        if !actions.is_empty() {
            // What the actions changed is seen by the next frame's logic (autosave, title).
            ctx.request_repaint();
        }
        for action in actions {
            self.perform(action);
        }
    }

    /// The Provenance Picture under the article (View → Provenance Picture), when shown.
    fn provenance_ui(&mut self, ui: &mut Ui) {
        let cx = PanelContext {
            project: &self.session.project,
            document: self.session.document(),
            selected_annotation: self.view.reader.selected.as_ref(),
            author: &self.settings.author,
            typing: true,
            revision: self.revision,
        };
        let claim = self.view.panel.selected_claim.as_ref();
        super::provenance::provenance_panel_ui(ui, &cx, &mut self.view.panel.provenance, claim, &mut self.actions);
    }

    fn side_panel_ui(&mut self, ui: &mut Ui, ctx: &egui::Context) {
        let typing = self.typing_elsewhere(ctx);
        let widest = theme::side_panel_max_width(ctx.content_rect().width());
        let panel = egui::Panel::right("side-panel").resizable(true).default_size(430.0).min_size(280.0).max_size(widest);
        panel.show(ui, |ui| {
            // The inspector first: a bottom panel reserves its space before the lists fill the rest.
            self.annotation_inspector_ui(ui);
            let cx = PanelContext {
                project: &self.session.project,
                document: self.session.document(),
                selected_annotation: self.view.reader.selected.as_ref(),
                author: &self.settings.author,
                typing: typing || !self.dialogs.open.is_empty() || self.view.claim_draft.is_some(),
                revision: self.revision,
            };
            side_panel_ui(ui, &cx, &mut self.view.panel, &mut self.view.suggestions, &mut self.actions);
        });
    }

    fn central_ui(&mut self, ui: &mut Ui) {
        if self.view.find.open {
            self.find_bar_ui(ui);
        }
        self.update_find_matches();
        self.update_find_everywhere();
        if self.view.find.open && self.view.find.all && !self.view.find.query.is_empty() {
            self.find_everywhere_ui(ui);
        }
        let doc_id = self.session.document().map(|d| d.id.clone());
        self.view.reader.marks = self
            .view
            .suggestions
            .as_ref()
            .filter(|s| Some(&s.doc) == doc_id.as_ref())
            .map(SuggestionState::marks)
            .unwrap_or_default();
        self.article_ui(ui);
    }
}

/// The file name of a path, for short messages.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}
