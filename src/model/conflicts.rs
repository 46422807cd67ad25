//! Merge conflicts held in the project: theirs' version of a project-level item (a label, a
//! source, a document's details, the project title) that a three-way merge found changed
//! differently on both sides. Ours stays in place; theirs waits here until someone keeps one
//! (`ops::merge::settle`). Items inside documents (annotations, claims, relations) keep theirs
//! as flagged copies beside ours instead, so they need no list of their own.

use super::{DocumentId, DocumentMeta, LabelDef, Project, Source, SourceId};
use serde::{Deserialize, Serialize};

/// Theirs' version of one item both sides of a merge changed differently.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HeldConflict {
    /// Theirs' definition of the label of the same name.
    Label(LabelDef),
    /// Theirs' version of the source of the same id.
    Source(Source),
    /// Theirs' details (title, URL, outlet, author, date) of a document.
    Details(DocumentId, DocumentMeta),
    /// Theirs' project title.
    Title(String),
}

/// The item a held conflict is about (one conflict at most per item).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConflictOn {
    /// The label with this name.
    Label(String),
    /// The source with this id.
    Source(SourceId),
    /// The details of this document.
    Details(DocumentId),
    /// The project title.
    Title,
}

impl HeldConflict {
    /// The item it is theirs' version of.
    pub fn on(&self) -> ConflictOn {
        match self {
            Self::Label(l) => ConflictOn::Label(l.name.clone()),
            Self::Source(s) => ConflictOn::Source(s.id.clone()),
            Self::Details(d, _) => ConflictOn::Details(d.clone()),
            Self::Title(_) => ConflictOn::Title,
        }
    }
}

impl ConflictOn {
    /// Whether the item is in `project`.
    pub fn exists_in(&self, project: &Project) -> bool {
        match self {
            Self::Label(name) => project.label(name).is_some(),
            Self::Source(id) => project.source(id).is_some(),
            Self::Details(id) => project.document(id).is_some(),
            Self::Title => true,
        }
    }
}

impl std::fmt::Display for ConflictOn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Label(name) => write!(f, "label {name:?}"),
            Self::Source(id) => write!(f, "source {id}"),
            Self::Details(id) => write!(f, "the details of document {id}"),
            Self::Title => write!(f, "the project title"),
        }
    }
}
