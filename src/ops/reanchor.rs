//! Re-anchoring a document onto a new version of its text, and updating it to a newer version
//! of its article (Check for Changes) with the old version kept in its version list.

use super::OpError;
use super::import::ArticleInput;
use super::text_changes::{TextChanges, compare_texts};
use crate::edit::{Changeset, Edit};
use crate::model::{DocumentId, DocumentVersion, Origin, OriginKind, Project};
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

/// A newer version of a document's article (fetched again, or a newer saved page), with what
/// changed in its text.
#[derive(Clone, Debug)]
pub struct NewVersion {
    /// The document.
    pub doc: DocumentId,
    /// The new version's text, as an import makes it.
    pub text: String,
    /// Where the new version came from (address, hash of the page, time read, `ETag`).
    pub origin: Origin,
    /// What changed from the document's text.
    pub changes: TextChanges,
}

/// The new version of document `doc` that `input` (the article read again) is, or `None` when
/// its text is the same as the document's.
pub fn new_version(project: &Project, doc: &DocumentId, input: &ArticleInput) -> Result<Option<NewVersion>, OpError> {
    let document = project.document(doc).ok_or_else(|| OpError::NoDocument(doc.clone()))?;
    let fresh = crate::ops::import::document_of(input);
    if fresh.text == document.text {
        return Ok(None);
    }
    let mut origin = fresh.origin.unwrap_or_else(|| Origin::new(OriginKind::Text));
    if origin.url.is_none() {
        origin.url.clone_from(&document.url);
    }
    let changes = compare_texts(&document.text, &fresh.text);
    Ok(Some(NewVersion { doc: doc.clone(), text: fresh.text, origin, changes }))
}

/// The changeset that updates a document to its newer version: the text replaced with every
/// annotation moved (or orphaned) by re-anchoring, and the old version kept in the document's
/// version list (its page hash, time read, address), as one undo step.
pub fn update_to_version(project: &Project, version: &NewVersion) -> Result<TextUpdate, OpError> {
    let document = project.document(&version.doc).ok_or_else(|| OpError::NoDocument(version.doc.clone()))?;
    let (replace, report) = crate::reanchor::update_text(project, &version.doc, &version.text)?;
    let old = document.origin.clone().unwrap_or_else(|| {
        let mut origin = Origin::new(OriginKind::Text);
        origin.url.clone_from(&document.url);
        origin
    });
    let mut origin = version.origin.clone();
    origin.versions.clone_from(&old.versions);
    origin.versions.push(DocumentVersion::of(&old, &document.text, crate::model::now()));
    if origin.file_name.is_none() {
        origin.file_name.clone_from(&old.file_name);
    }
    let edits = vec![replace, Edit::SetOrigin(version.doc.clone(), Some(Box::new(origin)))];
    Ok(TextUpdate { changeset: Changeset::new("Update to the newer version", edits), report })
}
