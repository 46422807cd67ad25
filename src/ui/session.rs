//! The open project with its undo history, file and current document: the one place where
//! edits are applied.

use crate::edit::{Changeset, Edit, EditError, History};
use crate::model::{Document, Project};
use crate::store::Fingerprint;
use std::path::PathBuf;

/// An open project.
#[derive(Debug)]
pub struct Session {
    /// The project.
    pub project: Project,
    /// Undo and redo.
    pub history: History,
    /// The file it was read from or last saved to.
    pub path: Option<PathBuf>,
    /// The file as last read or written, to notice changes by other programs.
    pub fingerprint: Option<Fingerprint>,
    /// Index of the document shown.
    pub doc: usize,
    /// How many times the project changed (autosave notices a change by this count).
    changes: u64,
    /// What to call a project with no file (the bundled sample), instead of "Untitled".
    pub name: Option<String>,
    /// Whether the current unsaved state is already in the recovery file.
    pub recovery_written: bool,
}

impl Session {
    /// A session on a project as read from `path` (or new, with no path).
    pub fn new(project: Project, path: Option<PathBuf>, fingerprint: Option<Fingerprint>) -> Self {
        Self { project, history: History::new(), path, fingerprint, doc: 0, changes: 0, name: None, recovery_written: false }
    }

    /// The document shown, if the project has any.
    pub fn document(&self) -> Option<&Document> {
        self.project.documents.get(self.doc)
    }

    /// Applies an edit as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.project, edit)?;
        self.changed();
        Ok(())
    }

    /// Applies a changeset as one undo step named after it.
    pub fn apply_changeset(&mut self, changeset: Changeset) -> Result<(), EditError> {
        self.history.apply_changeset(&mut self.project, changeset)?;
        self.changed();
        Ok(())
    }

    /// Undoes the last step; returns its description (`None`: nothing to undo). A refused undo
    /// changes nothing and keeps the step.
    pub fn try_undo(&mut self) -> Result<Option<String>, EditError> {
        let done = self.history.try_undo(&mut self.project)?;
        if done.is_some() {
            self.changed();
        }
        Ok(done)
    }

    /// Redoes the last undone step, like [`Self::try_undo`].
    pub fn try_redo(&mut self) -> Result<Option<String>, EditError> {
        let done = self.history.try_redo(&mut self.project)?;
        if done.is_some() {
            self.changed();
        }
        Ok(done)
    }

    fn changed(&mut self) {
        self.changes += 1;
        self.recovery_written = false;
        self.doc = self.doc.min(self.project.documents.len().saturating_sub(1));
    }

    /// How many times the project changed since the session began.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The file name for the title bar.
    pub fn display_name(&self) -> String {
        match (&self.path, &self.name) {
            (Some(path), _) => path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
            (None, Some(name)) => name.clone(),
            (None, None) => "Untitled".to_owned(),
        }
    }
}
