//! Starting the window, the bundled sample, and unsaved work autosaved before a crash: which
//! recovery is offered when, restoring it, and discarding it.

use super::ClaimlensApp;
use crate::store;
use crate::ui::session::Session;
use crate::ui::settings::Settings;
use std::path::{Path, PathBuf};

/// What the status bar and title say on the bundled sample until it is saved somewhere.
pub const SAMPLE_NAME: &str = "Sample — save to keep your changes";

impl ClaimlensApp {
    /// The window as `claimlens [FILE]` starts it: on `file` (offering back its own recovery,
    /// if any), or else on an untitled copy of the bundled sample (offering back the autosave
    /// of a never-saved project, if any). `untitled_recovery` is where never-saved projects
    /// autosave.
    pub fn start(settings: Settings, file: Option<&Path>, untitled_recovery: Option<PathBuf>) -> Self {
        let mut app = Self::new(settings);
        app.untitled_recovery = untitled_recovery;
        if let Some(path) = file {
            app.open_at_start(path);
        } else {
            app.open_sample();
            app.offer_untitled_recovery();
        }
        app
    }

    /// Opens an untitled copy of the sample built into the binary: saving asks for a path, and
    /// autosave goes to the untitled recovery, never into the source tree.
    pub fn open_sample(&mut self) {
        match store::from_ron(crate::ui::SAMPLE_PROJECT, Path::new("sample.claimlens.ron")) {
            Ok((project, _)) => {
                let mut session = Session::new(project, None, None);
                session.name = Some(SAMPLE_NAME.to_owned());
                self.replace_session(session);
                self.show_lead_chain();
                "The reference article, annotated by hand: Ctrl+S saves your own copy".clone_into(&mut self.status);
            }
            Err(e) => self.show_error("Could not open the sample", &e),
        }
    }

    /// The sample opens on its lead claim (the first) with its chain drawn under the article:
    /// Censor.NET → Ukrinform → the statement on the Japanese Foreign Ministry's website → the
    /// ministers.
    fn show_lead_chain(&mut self) {
        let lead = self.session.document().and_then(|d| d.claims.first()).map(|c| c.id.clone());
        if let Some(id) = lead {
            self.perform(crate::ui::actions::Action::SelectClaim(id));
            self.view.panel.provenance.scope = crate::ui::provenance::Scope::SelectedClaim;
            self.view.panel.provenance.open = true;
        }
    }

    /// Offers back the autosave of an untitled project that was never saved (the window
    /// crashed or was killed), if there is one: looked for on another thread.
    pub fn offer_untitled_recovery(&mut self) {
        if let Some(path) = self.untitled_recovery.clone() {
            self.find_recovery(vec![(path, true)], false);
        }
    }

    /// File → Recover…: offers the autosave of a never-saved project, else that of the open file.
    pub(super) fn recover(&mut self) {
        let untitled = self.untitled_recovery.clone().map(|p| (p, true));
        let open = self.session.path.clone().map(|p| (p, false));
        self.find_recovery(untitled.into_iter().chain(open).collect(), true);
    }

    /// Removes the open project's recovery file (its changes were discarded or saved), and
    /// marks an autosave still being written as stale, so that what it writes goes too.
    pub(super) fn discard_recovery(&mut self) {
        if let Some(autosave) = &mut self.jobs.autosave {
            autosave.stale = true;
        }
        let target = self.session.path.clone().or_else(|| self.untitled_recovery.clone());
        if let Some(target) = target {
            self.discard_recovery_of(&target);
        }
    }
}
