//! Re-anchoring a document onto a new version of its text.

use super::OpError;
use crate::edit::Changeset;
use crate::model::{DocumentId, Project};
use crate::reanchor::Report;

/// A text update ready to apply, with what happened to each annotation.
#[derive(Debug)]
pub struct TextUpdate {
    /// Replaces the text and moves every annotation, as one step.
    pub changeset: Changeset,
    /// How many were placed how, and which became orphans.
    pub report: Report,
}

/// The changeset that replaces document `doc`'s text with `new_text` (already normalised as an
/// import is: [`crate::import::read_new_version`]), every annotation moved with its text or
/// made an orphan (see [`crate::reanchor`]).
pub fn update_text(project: &Project, doc: &DocumentId, new_text: &str) -> Result<TextUpdate, OpError> {
    let (edit, report) = crate::reanchor::update_text(project, doc, new_text)?;
    Ok(TextUpdate { changeset: Changeset::new("Update article text", vec![edit]), report })
}
