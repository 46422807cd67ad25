//! What runs every frame, even while the window is hidden or minimised (`eframe::App::logic`):
//! background jobs, autosave, changes by other programs, the close request and the title.

use super::{AUTOSAVE_DELAY, Autosave, Background, ClaimlensApp, ExternalCheck, JOB_POLL, file_name, file_work};
use crate::ui::background::{Job, Poll};
use crate::ui::dialogs::{Dialog, Pending};
use crate::ui::file_dialogs::{Answer, Purpose};
use crate::ui::settings::ThemeChoice;

impl ClaimlensApp {
    /// Runs every frame before [`Self::ui`], and alone while the window is hidden or minimised
    /// (as `eframe::App::logic`): finishes background jobs and file dialogs, answers a close
    /// request, notices changes by other programs, autosaves, and keeps the title current.
    pub fn logic(&mut self, ctx: &egui::Context) {
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.poll_file_dialogs(ctx);
        self.poll_background(ctx);
        self.poll_chores(ctx);
        self.handle_close_request(ctx);
        self.check_external_change(ctx);
        self.autosave(ctx);
        self.update_title(ctx);
        if self.quit_requested && self.window.allow_close && self.jobs.autosave.is_none() && !self.window.close_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            self.window.close_sent = true;
        }
    }

    /// Finishes a background open, save or export when its thread is done; keeps the window
    /// painting (and the progress indicator moving) until then.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context) {
        let Some(background) = self.jobs.background.take() else { return };
        match background {
            Background::Open(path, job) => match job.poll() {
                Poll::Done(Ok(opened)) => self.opened(&path, *opened),
                Poll::Done(Err(e)) => self.show_error("Could not open the project", &e),
                Poll::Running => self.jobs.background = Some(Background::Open(path, job)),
                Poll::Lost => self.status = "Opening failed".into(),
            },
            Background::Save { path, state_id, job } => match job.poll() {
                Poll::Done(result) => {
                    self.saved(&path, result, state_id);
                }
                Poll::Running => self.jobs.background = Some(Background::Save { path, state_id, job }),
                Poll::Lost => self.status = "Saving failed".into(),
            },
            Background::Export { path, format, job } => match job.poll() {
                Poll::Done(result) => self.exported(format, &path, result),
                Poll::Running => self.jobs.background = Some(Background::Export { path, format, job }),
                Poll::Lost => self.status = "Export failed".into(),
            },
            Background::Table { path, job } => match job.poll() {
                Poll::Done(Ok(_)) => self.status = format!("Agreement table written to {}", path.display()),
                Poll::Done(Err(e)) => self.error_dialog("Could not write the agreement table", &e),
                Poll::Running => self.jobs.background = Some(Background::Table { path, job }),
                Poll::Lost => self.status = "Writing the agreement table failed".into(),
            },
            Background::Read { path, reading, job } => match job.poll() {
                Poll::Done(read) => self.read_done(&path, reading, read),
                Poll::Running => self.jobs.background = Some(Background::Read { path, reading, job }),
                Poll::Lost => self.status = "Reading failed".into(),
            },
        }
        if self.jobs.background.is_some() {
            ctx.request_repaint_after(JOB_POLL);
        }
    }

    /// Blocks until the open, save, export or autosave running now has finished, so that the
    /// next frame finishes it. Only for harnesses that run frames faster than any disk (the
    /// window tests' frame calls it first); the window itself never waits on a file.
    #[doc(hidden)]
    pub fn wait_for_background(&self) {
        match &self.jobs.background {
            Some(Background::Open(_, job)) => job.wait(),
            Some(Background::Save { job, .. }) => job.wait(),
            Some(Background::Export { job, .. } | Background::Table { job, .. }) => job.wait(),
            Some(Background::Read { job, .. }) => job.wait(),
            None => {}
        }
        self.wait_for_chores();
        if let Some(autosave) = &self.jobs.autosave {
            autosave.job.wait();
        }
    }

    /// Stops waiting for a background open or export (a save is never abandoned: it replaces
    /// the file atomically, so it is either done or not).
    pub fn cancel_background(&mut self) {
        match self.jobs.background.take() {
            Some(Background::Open(_, job)) => {
                job.cancel();
                self.status = "Opening cancelled".into();
            }
            Some(Background::Export { job, .. }) => {
                job.cancel();
                self.status = "Export cancelled".into();
            }
            other => self.jobs.background = other,
        }
    }

    pub(super) fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.window.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(match self.settings.theme {
                ThemeChoice::System => egui::ThemePreference::System,
                ThemeChoice::Light => egui::ThemePreference::Light,
                ThemeChoice::Dark => egui::ThemePreference::Dark,
            });
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            self.window.applied_theme = Some(self.settings.theme);
        }
    }

    pub(super) fn poll_file_dialogs(&mut self, ctx: &egui::Context) {
        if let Some(purpose) = self.jobs.pending_native.take() {
            let name = (purpose == Purpose::SaveAs).then(|| self.session.display_name());
            self.jobs.file_dialogs.open(purpose, name, ctx);
        }
        match self.jobs.file_dialogs.poll() {
            Some(Answer::Chosen(purpose, path)) => self.path_chosen(purpose, path),
            Some(Answer::Unavailable(purpose)) => {
                let text = self.suggested_path(purpose);
                self.dialogs.open.push(Dialog::PathInput { purpose, text });
            }
            Some(Answer::Cancelled) => self.dialogs.after_save = None,
            None => {}
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.window.allow_close {
            if self.session.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                if !self.dialogs.open.iter().any(|d| matches!(d, Dialog::Unsaved { .. })) {
                    self.dialogs.open.push(Dialog::Unsaved { then: Pending::Quit });
                }
            } else {
                self.window.allow_close = true;
            }
        }
    }

    /// When the window gains focus, reads the project file on another thread; if another
    /// program changed it meanwhile, asks what to do.
    pub(super) fn check_external_change(&mut self, ctx: &egui::Context) {
        self.poll_external_check();
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        let gained = focused && !self.window.was_focused;
        self.window.was_focused = focused;
        if !gained || self.jobs.external_check.is_some() {
            return;
        }
        let (Some(path), Some(expected)) = (self.session.path.clone(), self.session.fingerprint.clone()) else { return };
        let p = path.clone();
        let what = format!("Checking {}", file_name(&path));
        match Job::start("check", what, &self.clock, Some(ctx), move |_| file_work::fingerprint(&p)) {
            Ok(job) => self.jobs.external_check = Some(ExternalCheck { path, expected, job }),
            Err(e) => self.status = format!("Could not check {} for changes: {e}", path.display()),
        }
        ctx.request_repaint_after(JOB_POLL);
    }

    fn poll_external_check(&mut self) {
        let Some(check) = self.jobs.external_check.take() else { return };
        match check.job.poll() {
            Poll::Running => self.jobs.external_check = Some(check),
            Poll::Done(Ok(Some(now))) => {
                // Only if the same file is still open, as it was when the check began.
                let same =
                    self.session.path.as_ref() == Some(&check.path) && self.session.fingerprint.as_ref() == Some(&check.expected);
                if same
                    && check.expected.differs_from(&now)
                    && !self.dialogs.open.iter().any(|d| matches!(d, Dialog::ChangedOnDisk { .. }))
                {
                    self.dialogs.open.push(Dialog::ChangedOnDisk { path: check.path, while_saving: false });
                }
            }
            // Gone or unreadable: saving will say so (and recreate it).
            Poll::Done(Ok(None) | Err(_)) | Poll::Lost => {}
        }
    }

    /// Writes unsaved work to the recovery file [`AUTOSAVE_DELAY`] after the last change (by
    /// [`ClaimlensApp::clock`]), on another thread from a copy, so that the window never waits on
    /// the disk.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        self.poll_autosave(ctx);
        let now = self.clock.now();
        let changes = self.session.changes();
        let changed_at = match self.jobs.last_change {
            Some((seen, at)) if seen == changes => at,
            _ => {
                self.jobs.last_change = Some((changes, now));
                now
            }
        };
        if !self.session.is_dirty() || self.session.recovery_written {
            return;
        }
        let waited = now.saturating_sub(changed_at);
        if waited < AUTOSAVE_DELAY {
            ctx.request_repaint_after(AUTOSAVE_DELAY.saturating_sub(waited));
            return;
        }
        if self.jobs.autosave.is_some() {
            // One at a time: the next starts when this one is written.
            return;
        }
        let target = self.session.path.clone().or_else(|| self.untitled_recovery.clone());
        let Some(target) = target else { return };
        if self.discarding(&target) {
            // Its old recovery file is being removed: write the new one after that.
            ctx.request_repaint_after(JOB_POLL);
            return;
        }
        self.session.recovery_written = true;
        let project = self.session.project.clone();
        let t = target.clone();
        let what = format!("Autosaving {}", file_name(&target));
        match Job::start("autosave", what, &self.clock, Some(ctx), move |_| file_work::autosave(&t, &project)) {
            Ok(job) => self.jobs.autosave = Some(Autosave { target, job, stale: false }),
            Err(e) => self.status = format!("Autosave failed: {e}"),
        }
        // The next frame looks for the answer (the job also wakes the window when it is done).
        ctx.request_repaint();
    }

    /// Finishes an autosave written on another thread; one made stale meanwhile (the project
    /// was saved, closed or its recovery discarded) is removed.
    pub(super) fn poll_autosave(&mut self, ctx: &egui::Context) {
        let Some(autosave) = self.jobs.autosave.take() else { return };
        match autosave.job.poll() {
            Poll::Done(result) => {
                if let Err(e) = result {
                    self.status = format!("Autosave failed: {e}");
                }
                if autosave.stale || !self.session.is_dirty() {
                    self.discard_recovery_of(&autosave.target);
                }
            }
            Poll::Running => {
                self.jobs.autosave = Some(autosave);
                ctx.request_repaint_after(JOB_POLL);
            }
            Poll::Lost => self.status = "Autosave failed".into(),
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!("{}{} — claimlens", self.session.display_name(), if self.session.is_dirty() { " *" } else { "" });
        if title != self.window.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window.last_title = title;
        }
    }

    /// Whether any file work runs on another thread: an open, save, export or read, an
    /// autosave, or a chore (a recovery file looked for, read or removed; an original copied).
    pub fn is_working(&self) -> bool {
        self.jobs.background.is_some() || self.jobs.autosave.is_some() || !self.jobs.chores.is_empty()
    }

    /// Whether the reader has laid out the shown document's text (it is on screen once the
    /// frame is painted).
    pub fn shows_article_text(&self) -> bool {
        self.view.reader.cached_galleys() > 0
    }

    /// Whether an autosave is being written on another thread.
    pub fn is_autosaving(&self) -> bool {
        self.jobs.autosave.is_some()
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.window.last_title
    }
}
