//! What a user does, as pure functions from a project (and an input already read) to a
//! [`Changeset`]: importing articles and annotations, re-anchoring a document on a new text,
//! accepting suggestions, removing a document, editing a claim's sources. The window and the
//! command line both call these; neither re-implements them. Reading files stays in
//! [`crate::store`] and [`crate::import`]; applying the changeset is the caller's (through
//! [`crate::edit::History`] in the window).
//!
//! [`Changeset`]: crate::edit::Changeset

pub mod adjudicate;
pub mod agreement;
pub mod annotations;
pub mod claims;
pub mod compare;
pub mod documents;
pub mod import;
pub mod links;
pub mod matching;
pub mod merge;
pub mod reanchor;
pub mod spans;
pub mod suggestions;
pub mod text_changes;

use crate::model::{ClaimId, DocumentId};

/// Why an operation could not be prepared.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// No document with that id.
    #[error("no document {0}")]
    NoDocument(DocumentId),
    /// No claim with that id in the document.
    #[error("no claim {0}")]
    NoClaim(ClaimId),
    /// The annotations file could not be read as annotations.
    #[error(transparent)]
    Annotations(#[from] crate::formats::w3c_import::W3cImportError),
    /// The new text could not be taken.
    #[error(transparent)]
    Reanchor(#[from] crate::reanchor::ReanchorError),
    /// Applying an import to a new project was refused.
    #[error(transparent)]
    Edit(#[from] crate::edit::EditError),
}
