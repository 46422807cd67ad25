//! The checks of the merge conflicts a project holds (theirs' versions of labels, sources,
//! document details and the title; see [`crate::model::HeldConflict`]): each is about an item
//! that exists, at most one per item, and such an item is not removed while one is held.

use super::EditError;
use super::check::{ItemRef, ProjectError};
use crate::model::{ConflictOn, HeldConflict, Project};
use std::collections::BTreeSet;

fn missing(on: &ConflictOn) -> EditError {
    match on {
        ConflictOn::Label(name) => EditError::NoLabel(name.clone()),
        ConflictOn::Source(id) => EditError::NoSource(id.clone()),
        ConflictOn::Details(id) => EditError::NoDocument(id.clone()),
        ConflictOn::Title => EditError::NoConflict(ConflictOn::Title),
    }
}

/// A conflict can be held when its item exists and holds none yet.
pub(super) fn check_hold(project: &Project, index: Option<usize>, conflict: &HeldConflict) -> Result<(), EditError> {
    if let Some(i) = index.filter(|i| *i > project.conflicts.len()) {
        return Err(EditError::BadIndex(i));
    }
    let on = conflict.on();
    if !on.exists_in(project) {
        return Err(missing(&on));
    }
    if project.held_conflict(&on).is_some() {
        return Err(EditError::DuplicateConflict(on));
    }
    Ok(())
}

/// A conflict can be dropped when it is held.
pub(super) fn check_drop(project: &Project, on: &ConflictOn) -> Result<(), EditError> {
    project.held_conflict(on).map(|_| ()).ok_or_else(|| EditError::NoConflict(on.clone()))
}

/// Refuses to remove an item while theirs' version of it waits to be settled.
pub(super) fn check_not_held(project: &Project, on: &ConflictOn) -> Result<(), EditError> {
    match project.held_conflict(on) {
        Some(_) => Err(EditError::InUse { what: on.to_string(), by: "a merge conflict (settle it first)".into() }),
        None => Ok(()),
    }
}

/// Checks every held conflict of a loaded project.
pub(super) fn check_held(project: &Project) -> Result<(), ProjectError> {
    let mut seen = BTreeSet::new();
    for conflict in &project.conflicts {
        let on = conflict.on();
        let item = || ItemRef { document: None, kind: "conflict", id: on.to_string(), nth: 0 };
        if !on.exists_in(project) {
            return Err(ProjectError { error: missing(&on), item: Some(Box::new(item())) });
        }
        if !seen.insert(on.clone()) {
            return Err(ProjectError { error: EditError::DuplicateConflict(on.clone()), item: Some(Box::new(item())) });
        }
    }
    Ok(())
}
