//! Every change to a project: [`Edit`], applied in one place, returning its inverse.
//!
//! Undo and redo come from the inverses ([`History`]). An edit that would break an invariant
//! (a range past the end of the text, a claim pointing at a missing annotation, a cycle in
//! `cites`, ...) is refused with an [`EditError`] and leaves the project unchanged.

use crate::anchor::RangeError;
use crate::model::{
    Annotation, AnnotationId, Claim, ClaimId, ClaimLink, ConflictOn, Document, DocumentId, DocumentMeta, HeldConflict, LabelDef,
    LinkId, Origin, Project, Relation, RelationId, Source, SourceId,
};

mod apply;
pub mod changeset;
mod check;
mod conflicts;
mod history;
pub mod links;
mod repair_ids;
pub mod source_spans;

pub use changeset::{Changeset, ChangesetBuilder};
pub use check::{ItemRef, ProjectError, check_document, check_project, check_project_items};
pub use history::History;
pub use repair_ids::repair_duplicate_annotation_ids;
pub use source_spans::repair_stray_source_spans;

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Inserts a document at `index` (or at the end).
    InsertDocument {
        /// Position in the document list; `None` appends.
        index: Option<usize>,
        /// The document.
        document: Box<Document>,
    },
    /// Removes a document with everything on it.
    RemoveDocument(DocumentId),
    /// Changes a document's title, URL, outlet or date.
    SetDocumentMeta(DocumentId, DocumentMeta),
    /// Inserts an annotation.
    InsertAnnotation {
        /// The document.
        doc: DocumentId,
        /// Position in the annotation list; `None` appends.
        index: Option<usize>,
        /// The annotation.
        annotation: Annotation,
    },
    /// Removes an annotation no claim or relation refers to.
    RemoveAnnotation(DocumentId, AnnotationId),
    /// Replaces an annotation (same id): label, ranges, note, tags...
    UpdateAnnotation(DocumentId, Annotation),
    /// Inserts a claim.
    InsertClaim {
        /// The document.
        doc: DocumentId,
        /// Position; `None` appends.
        index: Option<usize>,
        /// The claim.
        claim: Claim,
    },
    /// Removes a claim (its annotations stay).
    RemoveClaim(DocumentId, ClaimId),
    /// Replaces a claim (same id).
    UpdateClaim(DocumentId, Claim),
    /// Inserts a relation.
    InsertRelation {
        /// The document.
        doc: DocumentId,
        /// Position; `None` appends.
        index: Option<usize>,
        /// The relation.
        relation: Relation,
    },
    /// Removes a relation.
    RemoveRelation(DocumentId, RelationId),
    /// Replaces a relation (same id).
    UpdateRelation(DocumentId, Relation),
    /// Registers a source.
    InsertSource {
        /// Position; `None` appends.
        index: Option<usize>,
        /// The source.
        source: Source,
    },
    /// Removes a source nothing refers to.
    RemoveSource(SourceId),
    /// Replaces a source (same id): name, kind, URL, whom it cites.
    UpdateSource(Source),
    /// Adds a label to the schema.
    InsertLabel {
        /// Position; `None` appends.
        index: Option<usize>,
        /// The label.
        label: LabelDef,
    },
    /// Removes a label no annotation uses.
    RemoveLabel(String),
    /// Replaces the label called `.0` (renaming relabels its annotations).
    UpdateLabel(String, LabelDef),
    /// Replaces a document's text with a new version together with all its annotations (same
    /// ids, re-anchored on the new text; see [`crate::reanchor`]). The inverse restores both.
    ReplaceText {
        /// The document.
        doc: DocumentId,
        /// The new text.
        text: String,
        /// Every annotation of the document, in order, placed on the new text (orphans with no ranges).
        annotations: Vec<Annotation>,
    },
    /// Replaces where a document came from (its origin and version list; see
    /// [`crate::model::Origin`]). The inverse restores the old one.
    SetOrigin(DocumentId, Option<Box<Origin>>),
    /// Adds a link from a claim to a claim or span of another document.
    InsertLink {
        /// The document of the claim the link starts from.
        doc: DocumentId,
        /// The claim the link starts from.
        claim: ClaimId,
        /// Position in the claim's links; `None` appends.
        index: Option<usize>,
        /// The link.
        link: ClaimLink,
    },
    /// Removes a link (an orphaned one too).
    RemoveLink {
        /// The document of the claim the link starts from.
        doc: DocumentId,
        /// The claim the link starts from.
        claim: ClaimId,
        /// The link.
        link: LinkId,
    },
    /// Ties a document to the registered source that published it, or unties it (`None`).
    SetPublisher(DocumentId, Option<SourceId>),
    /// Sets the project title.
    SetTitle(String),
    /// Holds theirs' version of an item beside ours, a merge conflict to settle.
    HoldConflict {
        /// Position in the project's conflicts; `None` appends.
        index: Option<usize>,
        /// Theirs' version.
        conflict: HeldConflict,
    },
    /// Lets go of theirs' version of an item (the conflict is settled).
    DropConflict(ConflictOn),
    /// Several edits as one undo step, applied in order.
    Batch(Vec<Edit>),
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No document with that id.
    #[error("no document {0}")]
    NoDocument(DocumentId),
    /// No annotation with that id in the document.
    #[error("no annotation {0}")]
    NoAnnotation(AnnotationId),
    /// No claim with that id.
    #[error("no claim {0}")]
    NoClaim(ClaimId),
    /// No relation with that id.
    #[error("no relation {0}")]
    NoRelation(RelationId),
    /// No source with that id.
    #[error("no source {0}")]
    NoSource(SourceId),
    /// No label with that name.
    #[error("no label {0:?}")]
    NoLabel(String),
    /// The id is already taken.
    #[error("the id {0} is already in use")]
    DuplicateId(String),
    /// The label name is already taken.
    #[error("a label called {0:?} already exists")]
    DuplicateLabel(String),
    /// The hotkey is already taken.
    #[error("hotkey {0} is already used by another label")]
    DuplicateHotkey(u8),
    /// A hotkey outside 1-9.
    #[error("hotkey {0} is not between 1 and 9")]
    BadHotkey(u8),
    /// A bad range.
    #[error("annotation {id}: {error}")]
    Range {
        /// The annotation.
        id: AnnotationId,
        /// What is wrong.
        error: RangeError,
    },
    /// The stored quote does not match the text at the ranges.
    #[error("annotation {0}: its quote does not match the text at its ranges")]
    QuoteMismatch(AnnotationId),
    /// Something still refers to what would be removed.
    #[error("{what} is still used by {by}")]
    InUse {
        /// What would be removed.
        what: String,
        /// What refers to it.
        by: String,
    },
    /// `cites` would form a cycle.
    #[error("source {0} would cite itself through a cycle")]
    CitesCycle(SourceId),
    /// A claim with no content.
    #[error("claim {0} has no content annotation")]
    EmptyClaim(ClaimId),
    /// An insert position past the end of the list.
    #[error("position {0} is past the end of the list")]
    BadIndex(usize),
    /// An empty name.
    #[error("{0} must not be empty")]
    EmptyName(&'static str),
    /// A text replacement that does not carry exactly the document's annotations.
    #[error("the new text's annotations are not the document's annotations")]
    AnnotationsMismatch,
    /// A claim's source span names a registered source, but none the claim is attributed to
    /// (see [`source_spans`]).
    #[error("claim {claim}: its source span {span} names a source the claim is not attributed to")]
    StraySourceSpan {
        /// The claim.
        claim: ClaimId,
        /// The span.
        span: AnnotationId,
    },
    /// No merge conflict held on that item.
    #[error("no merge conflict on {0}")]
    NoConflict(ConflictOn),
    /// A merge conflict is already held on that item.
    #[error("a merge conflict on {0} is already held")]
    DuplicateConflict(ConflictOn),
    /// No link with that id on the claim.
    #[error("no link {0}")]
    NoLink(LinkId),
    /// A link from a claim to its own document: links join documents.
    #[error("claim {0} can only link to another document")]
    SameDocumentLink(ClaimId),
    /// The claim already has a link of that kind to that target.
    #[error("claim {0} already has that link")]
    DuplicateLink(ClaimId),
    /// A batch step was refused and undoing the steps already applied failed too: the project
    /// is left part-way (never expected; reported rather than ignored).
    #[error("{error}; rolling back the batch also failed: {rollback}")]
    RollbackFailed {
        /// Why the batch step was refused.
        error: Box<EditError>,
        /// Why undoing an applied step failed.
        rollback: Box<EditError>,
    },
}

impl Edit {
    /// A short description for the Undo menu ("Undo Add annotation").
    pub fn describe(&self) -> String {
        match self {
            Self::InsertDocument { .. } => "Add document".into(),
            Self::RemoveDocument(_) => "Remove document".into(),
            Self::SetDocumentMeta(..) => "Edit document details".into(),
            Self::InsertAnnotation { annotation, .. } => format!("Add {} annotation", annotation.label),
            Self::RemoveAnnotation(..) => "Delete annotation".into(),
            Self::UpdateAnnotation(..) => "Edit annotation".into(),
            Self::InsertClaim { .. } => "Add claim".into(),
            Self::RemoveClaim(..) => "Delete claim".into(),
            Self::UpdateClaim(..) => "Edit claim".into(),
            Self::InsertRelation { .. } => "Add relation".into(),
            Self::RemoveRelation(..) => "Delete relation".into(),
            Self::UpdateRelation(..) => "Edit relation".into(),
            Self::InsertSource { source, .. } => format!("Add source {}", source.name),
            Self::RemoveSource(_) => "Delete source".into(),
            Self::UpdateSource(s) => format!("Edit source {}", s.name),
            Self::InsertLabel { label, .. } => format!("Add label {}", label.name),
            Self::RemoveLabel(name) => format!("Remove label {name}"),
            Self::UpdateLabel(name, _) => format!("Edit label {name}"),
            Self::ReplaceText { .. } => "Update article text".into(),
            Self::SetOrigin(..) => "Record the article's origin".into(),
            Self::InsertLink { link, .. } => format!("Link claim ({})", link.kind.as_str()),
            Self::RemoveLink { .. } => "Remove link".into(),
            Self::SetPublisher(_, Some(_)) => "Tie document to its publisher".into(),
            Self::SetPublisher(_, None) => "Untie document from its publisher".into(),
            Self::SetTitle(_) => "Rename project".into(),
            Self::HoldConflict { .. } => "Hold a merge conflict".into(),
            Self::DropConflict(_) => "Settle a merge conflict".into(),
            // A batch is named after its last step (the claim, document or source it builds up
            // to), or counted when every step is alike ("Add 3 Date annotations").
            Self::Batch(edits) => match edits.as_slice() {
                [] => "Nothing".into(),
                [one] => one.describe(),
                [.., last] => {
                    let name = last.describe();
                    if edits.iter().all(|e| e.describe() == name) && name.ends_with(" annotation") {
                        format!("{}s", name.replacen(' ', &format!(" {} ", edits.len()), 1))
                    } else {
                        name
                    }
                }
            },
        }
    }

    /// Applies the edit to `project` and returns its inverse. On error the project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        if let Self::Batch(edits) = self {
            return apply_batch(edits, project);
        }
        check::check_edit(&self, project)?;
        Ok(apply::apply_checked(self, project))
    }
}

fn apply_batch(edits: Vec<Edit>, project: &mut Project) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(project) {
            Ok(inv) => inverses.push(inv),
            Err(error) => {
                // Roll back what was applied so far, newest first; a failing rollback is reported.
                for inv in inverses.into_iter().rev() {
                    if let Err(rollback) = inv.apply(project) {
                        return Err(EditError::RollbackFailed { error: Box::new(error), rollback: Box::new(rollback) });
                    }
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, Claim, DocumentId};

    fn insert_claim() -> Edit {
        Edit::InsertClaim { doc: DocumentId::from("d"), index: None, claim: Claim::new(vec![AnnotationId::from("a")]) }
    }

    #[test]
    fn batches_are_named_after_what_they_build() {
        let label = |l: &str| Edit::RemoveAnnotation(DocumentId::from("d"), AnnotationId::from(l));
        assert_eq!(Edit::Batch(vec![label("x"), insert_claim()]).describe(), "Add claim");
        assert_eq!(Edit::Batch(vec![label("x"), label("y")]).describe(), "Delete 2 annotations");
        assert_eq!(Edit::Batch(vec![]).describe(), "Nothing");
    }
}
