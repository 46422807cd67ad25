//! Undo and redo over a project: a capped list of inverse edits, kept in memory only (never
//! serialised), and whether the project differs from what was last saved.
//!
//! A step whose inverse cannot be applied (the project was changed behind the history's back)
//! is never dropped: [`History::try_undo`] returns the error and the step stays where it was.

use super::{Changeset, Edit, EditError};
use crate::model::Project;
use std::collections::VecDeque;

/// How many undo steps are kept; older ones are forgotten.
pub const DEFAULT_CAPACITY: usize = 1000;

/// Undo and redo stacks over a project, and whether it differs from what was last saved.
#[derive(Debug)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    capacity: usize,
    /// The state id of the project as it is now.
    state: u64,
    /// The state id when it was last saved.
    saved: u64,
    next_state: u64,
}

impl Default for History {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

#[derive(Debug)]
struct Step {
    description: String,
    inverse: Edit,
    /// State before the step was applied (what undo returns to).
    before: u64,
    /// State after it.
    after: u64,
}

impl History {
    /// An empty history of a project that is as saved, keeping [`DEFAULT_CAPACITY`] steps.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty history keeping at most `capacity` undo steps (at least one).
    pub fn with_capacity(capacity: usize) -> Self {
        Self { undo: VecDeque::new(), redo: Vec::new(), capacity: capacity.max(1), state: 0, saved: 0, next_state: 0 }
    }

    /// Applies `edit`, recording it for undo under its own description. Clears the redo stack.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        let description = edit.describe();
        self.apply_named(project, description, edit)
    }

    /// Applies a changeset as one undo step named after it ("Undo Accept 12 suggestions").
    pub fn apply_changeset(&mut self, project: &mut Project, changeset: Changeset) -> Result<(), EditError> {
        let name = changeset.name().to_owned();
        self.apply_named(project, name, changeset.into_edit())
    }

    fn apply_named(&mut self, project: &mut Project, description: String, edit: Edit) -> Result<(), EditError> {
        let inverse = edit.apply(project)?;
        self.next_state += 1;
        let after = self.next_state;
        self.undo.push_back(Step { description, inverse, before: self.state, after });
        while self.undo.len() > self.capacity {
            self.undo.pop_front();
        }
        self.state = after;
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step and returns its description (`None` when there is nothing to undo).
    /// When its inverse cannot be applied, the error is returned and nothing changes: the
    /// project stays as it is and the step stays on the undo stack.
    pub fn try_undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(step) = self.undo.back() else { return Ok(None) };
        let redo = step.inverse.clone().apply(project)?;
        let Some(step) = self.undo.pop_back() else { return Ok(None) };
        self.state = step.before;
        self.redo.push(Step { description: step.description.clone(), inverse: redo, before: step.before, after: step.after });
        Ok(Some(step.description))
    }

    /// Redoes the last undone step, like [`Self::try_undo`] the other way.
    pub fn try_redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(step) = self.redo.last() else { return Ok(None) };
        let undo = step.inverse.clone().apply(project)?;
        let Some(step) = self.redo.pop() else { return Ok(None) };
        self.state = step.after;
        self.undo.push_back(Step {
            description: step.description.clone(),
            inverse: undo,
            before: step.before,
            after: step.after,
        });
        Ok(Some(step.description))
    }

    /// Undoes the last edit; returns what was undone, `None` when nothing was (nothing to undo,
    /// or its inverse was refused: then the step is kept; [`Self::try_undo`] says why).
    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        self.try_undo(project).ok().flatten()
    }

    /// Redoes the last undone edit; returns what was redone (see [`Self::undo`]).
    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        self.try_redo(project).ok().flatten()
    }

    /// What Undo would undo.
    pub fn undo_description(&self) -> Option<&str> {
        self.undo.back().map(|s| s.description.as_str())
    }

    /// What Redo would redo.
    pub fn redo_description(&self) -> Option<&str> {
        self.redo.last().map(|s| s.description.as_str())
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// How many steps can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Whether the project differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.state != self.saved
    }

    /// Records that the project as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved = self.state;
    }

    /// An id of the project's state as it is now (for saves that finish later, on another thread).
    pub fn state_id(&self) -> u64 {
        self.state
    }

    /// Records that the project as it was at `state_id` has been saved.
    pub fn mark_saved_as(&mut self, state_id: u64) {
        self.saved = state_id;
    }

    /// Records that the project has unsaved changes that no undo step covers (an import, a recovery).
    pub fn mark_unsaved(&mut self) {
        self.saved = u64::MAX;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, DocumentId};

    fn project_with_doc() -> (Project, DocumentId) {
        let mut p = Project::new("t");
        let d = Document::new("a", "Some text.");
        let id = d.id.clone();
        p.documents.push(d);
        (p, id)
    }

    #[test]
    fn an_undo_whose_inverse_fails_is_an_error_and_keeps_the_step() {
        let (mut p, doc) = project_with_doc();
        let mut h = History::new();
        h.apply(&mut p, Edit::SetTitle("first".into())).unwrap();
        h.apply(&mut p, Edit::RemoveDocument(doc.clone())).unwrap();
        // Behind the history's back: a document with the same id comes back, so re-inserting
        // the removed one (the undo) is refused as a duplicate.
        p.documents.push(Document { id: doc.clone(), ..Document::new("b", "Other.") });
        let before = p.clone();
        let err = h.try_undo(&mut p).unwrap_err();
        assert_eq!(err, EditError::DuplicateId(doc.to_string()));
        assert_eq!(p, before, "a refused undo leaves the project as it was");
        assert_eq!(h.undo_len(), 2, "the step stays on the undo stack");
        assert_eq!(h.undo_description(), Some("Remove document"));
        assert_eq!(h.redo_len(), 0);
        assert_eq!(h.undo(&mut p), None);
        assert_eq!(h.undo_len(), 2, "the plain undo does not drop it either");
        // Once the obstacle is gone the same step undoes.
        p.documents.pop();
        assert_eq!(h.try_undo(&mut p), Ok(Some("Remove document".into())));
        assert_eq!(p.documents.len(), 1);
    }

    #[test]
    fn a_redo_whose_inverse_fails_is_an_error_and_keeps_the_step() {
        let (mut p, doc) = project_with_doc();
        let mut h = History::new();
        h.apply(&mut p, Edit::RemoveDocument(doc.clone())).unwrap();
        h.undo(&mut p).unwrap();
        p.documents.clear();
        assert_eq!(h.try_redo(&mut p), Err(EditError::NoDocument(doc)));
        assert_eq!(h.redo_len(), 1);
        assert_eq!(h.redo_description(), Some("Remove document"));
    }

    #[test]
    fn the_history_is_capped_forgetting_the_oldest_steps() {
        let mut p = Project::new("t");
        let mut h = History::with_capacity(3);
        for i in 0..5 {
            h.apply(&mut p, Edit::SetTitle(format!("t{i}"))).unwrap();
        }
        assert_eq!(h.undo_len(), 3);
        while h.undo(&mut p).is_some() {}
        assert_eq!(p.title, "t1", "the three newest steps undo, the older ones are gone");
        assert!(h.is_dirty());
    }
}
