//! The window's small file chores, each on another thread like opening and saving: looking for
//! a recovery file to offer, reading one back, removing one, and copying an archived original
//! for the browser. Several may run at once; each frame's logic finishes those that are done.

use super::file_work::{self, FoundRecovery};
use super::{ClaimlensApp, JOB_POLL};
use crate::model::{DocumentId, Project};
use crate::store::{Recovery, StoreError};
use crate::ui::background::{Job, Poll};
use crate::ui::dialogs::Dialog;
use crate::ui::session::Session;
use crate::ui::sources::ChangesState;
use std::path::{Path, PathBuf};

/// A chore running on another thread, with what to do with its answer.
pub(super) struct Chore {
    kind: Kind,
    job: Job<Answer>,
}

/// What a chore is for: where its answer goes.
enum Kind {
    /// Looking for a recovery file to offer; `say_none` says so in the status bar when there is
    /// none (File → Recover…), where the look at start stays quiet.
    FindRecovery { say_none: bool },
    /// Reading back the unsaved work of `path` (or of the untitled project).
    Restore { path: PathBuf, untitled: bool },
    /// Removing the recovery file of `target`.
    Discard { target: PathBuf },
    /// Copying the original page of the document titled `title` for the browser.
    Original { title: String },
    /// Reading a newer saved page of document `doc` and comparing it (Check for Changes).
    SavedPage { doc: DocumentId },
}

/// What a chore's thread answers.
enum Answer {
    Found(FoundRecovery),
    Restored(Box<Result<Project, StoreError>>),
    Discarded(Result<(), StoreError>),
    Original(Result<Option<PathBuf>, StoreError>),
    SavedPage(Box<ChangesState>),
}

impl ClaimlensApp {
    /// Starts `work` on a chore thread; a thread that cannot start is said in the status bar.
    fn start_chore(&mut self, what: &str, kind: Kind, work: impl FnOnce() -> Answer + Send + 'static) {
        match Job::start("chore", what.to_owned(), &self.clock, self.ctx.as_ref(), move |_| work()) {
            Ok(job) => self.jobs.chores.push(Chore { kind, job }),
            Err(e) => self.status = format!("{what} failed: {e}"),
        }
    }

    /// Looks for the first of `candidates` (a path, whether it is the untitled autosave) with
    /// unsaved work, and offers it back when found.
    pub(super) fn find_recovery(&mut self, candidates: Vec<(PathBuf, bool)>, say_none: bool) {
        let work = move || Answer::Found(file_work::find_recovery(&candidates));
        self.start_chore("Looking for unsaved work", Kind::FindRecovery { say_none }, work);
    }

    /// Reads back the unsaved work of `path` (or of the untitled project) from `recovery`.
    pub(super) fn restore(&mut self, path: &Path, untitled: bool, recovery: &Recovery) {
        let r = recovery.clone();
        let work = move || Answer::Restored(Box::new(file_work::restore(&r)));
        self.start_chore("Restoring unsaved work", Kind::Restore { path: path.to_owned(), untitled }, work);
    }

    /// Removes the recovery file of `path`, saying so in the status bar if it cannot.
    pub(super) fn discard_recovery_of(&mut self, path: &Path) {
        let p = path.to_owned();
        let work = move || Answer::Discarded(file_work::discard_recovery(&p));
        self.start_chore("Removing the recovery file", Kind::Discard { target: path.to_owned() }, work);
    }

    /// Copies the shown document's archived original for the browser, then opens it there.
    pub(super) fn copy_original(&mut self, title: String, project_path: Option<PathBuf>, document: crate::model::Document) {
        let what = format!("Opening the original of {title:?}");
        let work = move || Answer::Original(file_work::original_copy(project_path.as_deref(), &document));
        self.start_chore(&what, Kind::Original { title }, work);
    }

    /// Reads the newer saved page at `path` of document `doc` and compares it with the document.
    pub(super) fn read_saved_page(&mut self, what: &str, project: Project, doc: DocumentId, path: PathBuf) {
        let id = doc.clone();
        let work = move || Answer::SavedPage(Box::new(file_work::saved_page_changes(&project, &id, &path)));
        self.start_chore(what, Kind::SavedPage { doc }, work);
    }

    /// Whether the recovery file of `target` is being removed (an autosave to it waits).
    pub(super) fn discarding(&self, target: &Path) -> bool {
        self.jobs.chores.iter().any(|c| matches!(&c.kind, Kind::Discard { target: t } if t == target))
    }

    /// Blocks until every chore is done (window tests only).
    pub(super) fn wait_for_chores(&self) {
        for chore in &self.jobs.chores {
            chore.job.wait();
        }
    }

    /// Finishes the chores that are done; keeps the window polling while any runs.
    pub(super) fn poll_chores(&mut self, ctx: &egui::Context) {
        let mut finished = Vec::new();
        for chore in std::mem::take(&mut self.jobs.chores) {
            match chore.job.poll() {
                Poll::Running => self.jobs.chores.push(chore),
                Poll::Done(answer) => finished.push((chore.kind, Some(answer))),
                Poll::Lost => finished.push((chore.kind, None)),
            }
        }
        for (kind, answer) in finished {
            match answer {
                Some(answer) => self.chore_done(kind, answer),
                None => self.status = "A file chore failed".into(),
            }
        }
        if !self.jobs.chores.is_empty() {
            ctx.request_repaint_after(JOB_POLL);
        }
    }

    fn chore_done(&mut self, kind: Kind, answer: Answer) {
        match (kind, answer) {
            (_, Answer::Found(Some((path, untitled, recovery)))) => {
                self.dialogs.open.push(Dialog::Recovery { path, untitled, recovery });
            }
            (Kind::FindRecovery { say_none: true }, Answer::Found(None)) => self.status = "No unsaved work to recover".into(),
            (Kind::Restore { path, untitled }, Answer::Restored(result)) => self.restored(&path, untitled, *result),
            (Kind::Discard { target }, Answer::Discarded(Err(e))) => {
                self.status = format!("Could not remove the recovery file of {}: {e}", target.display());
            }
            (Kind::Original { title }, Answer::Original(result)) => self.original_copied(&title, result),
            (Kind::SavedPage { doc }, Answer::SavedPage(state)) => self.saved_page_read(&doc, *state),
            // Nothing to say: no recovery at start, a recovery file removed.
            _ => {}
        }
    }

    /// Replaces the project with the recovered one (unsaved until saved), if the project it is
    /// for is still the one open.
    fn restored(&mut self, path: &Path, untitled: bool, result: Result<Project, StoreError>) {
        if !untitled && self.session.path.as_deref() != Some(path) {
            self.status = format!("Not restored: {} is no longer open", path.display());
            return;
        }
        match result {
            Ok(project) => {
                let mut session = if untitled {
                    Session::new(project, None, None)
                } else {
                    Session::new(project, Some(path.to_owned()), self.session.fingerprint.clone())
                };
                session.history.mark_unsaved();
                self.replace_session(session);
                self.status = "Restored unsaved work; save to keep it".into();
            }
            Err(e) => self.show_error("Could not restore", &e),
        }
    }
}
