//! Importing W3C Web Annotations or Hypothesis annotations into a project's documents.

use super::OpError;
use crate::edit::{Changeset, Edit};
use crate::formats::w3c_import::{Orphan, import_w3c};
use crate::model::{DocumentId, Project};

/// Annotations read and placed, ready to apply.
#[derive(Debug)]
pub struct AnnotationImport {
    /// Adds the labels and annotations, as one step (empty when nothing is added).
    pub changeset: Changeset,
    /// How many annotations it adds.
    pub added: usize,
    /// Annotations skipped because the document already has them.
    pub already_present: usize,
    /// Annotations that could not be placed exactly (never placed on a guess).
    pub orphans: Vec<Orphan>,
}

/// Reads the annotations in `json` and places them in `project`'s documents; targets that name
/// no document go to `fallback` (which must be a document of the project) when given.
pub fn import_annotations(project: &Project, json: &str, fallback: Option<&DocumentId>) -> Result<AnnotationImport, OpError> {
    if let Some(id) = fallback
        && project.document(id).is_none()
    {
        return Err(OpError::NoDocument(id.clone()));
    }
    let imported = import_w3c(json, project, fallback)?;
    let added = imported.annotations.len();
    let edits = if added == 0 {
        Vec::new()
    } else {
        match imported.edit() {
            Edit::Batch(edits) => edits,
            other => vec![other],
        }
    };
    let name = format!("Import {added} annotation{}", if added == 1 { "" } else { "s" });
    Ok(AnnotationImport {
        changeset: Changeset::new(name, edits),
        added,
        already_present: imported.already_present,
        orphans: imported.orphans,
    })
}
