//! Settling the conflicts a merge left inside a project. An annotation, claim or relation has a
//! copy of theirs beside ours, flagged with [`super::CONFLICT_ATTRIBUTE`]: keeping ours removes
//! the copy; keeping theirs puts the copy's content on the original (which keeps its id, so
//! whatever refers to it still does) and removes the copy. A label, source, document's details
//! or title has theirs' version held in the project's conflicts (see `settle_held`): keeping
//! ours lets it go; keeping theirs puts it in place of ours. Either is one undoable changeset.

use super::CONFLICT_ATTRIBUTE;
use crate::edit::{Changeset, Edit};
use crate::model::{AnnotationId, ClaimId, ConflictOn, DocumentId, Project, RelationId, SourceId};
use crate::ops::OpError;

/// What a conflict copy is a copy of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyOf {
    /// An annotation.
    Annotation,
    /// A claim.
    Claim,
    /// A relation.
    Relation,
    /// A label (theirs held in the project's conflicts, as are the kinds below).
    Label,
    /// A source of the registry.
    Source,
    /// A document's details: title, URL, outlet, author, date.
    Details,
    /// The project title.
    Title,
}

/// A conflict a merge left: theirs (a copy, or a held version) beside ours (the original).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictCopy {
    /// The document both are in (or whose details they are); none for labels, sources, the title.
    pub doc: Option<DocumentId>,
    /// What kind of item.
    pub kind: CopyOf,
    /// The copy's id (theirs); empty for a held version.
    pub copy: String,
    /// The original's id (ours): a label's name, a source's or document's id; empty for the title.
    pub original: String,
    /// Ours in words.
    pub ours: String,
    /// Theirs in words.
    pub theirs: String,
}

impl ConflictCopy {
    /// The item theirs' version is held for, for the kinds held in the project's conflicts.
    pub fn held_on(&self) -> Option<ConflictOn> {
        match self.kind {
            CopyOf::Annotation | CopyOf::Claim | CopyOf::Relation => None,
            CopyOf::Label => Some(ConflictOn::Label(self.original.clone())),
            CopyOf::Source => Some(ConflictOn::Source(SourceId::from(self.original.as_str()))),
            CopyOf::Details => Some(ConflictOn::Details(DocumentId::from(self.original.as_str()))),
            CopyOf::Title => Some(ConflictOn::Title),
        }
    }
}

/// Which version to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Ours (the original): the copy goes.
    Ours,
    /// Theirs (the copy): its content goes on the original, then the copy goes.
    Theirs,
}

/// Every conflict in `project`: the copies, documents in order, then the held versions.
pub fn conflicts_in(project: &Project) -> Vec<ConflictCopy> {
    let mut out = copies_in(project);
    out.extend(super::settle_held::held_in(project));
    out
}

/// The conflict copies in `project`, documents in order.
fn copies_in(project: &Project) -> Vec<ConflictCopy> {
    let mut out = Vec::new();
    for doc in &project.documents {
        for a in &doc.annotations {
            if let Some(original) = a.attributes.get(CONFLICT_ATTRIBUTE) {
                let (ours, theirs) = match doc.annotation(&AnnotationId::from(original.as_str())) {
                    Some(o) => super::in_words::annotation_pair(o, a),
                    None => ("(gone)".into(), super::in_words::annotation_pair(a, a).1),
                };
                out.push(ConflictCopy {
                    doc: Some(doc.id.clone()),
                    kind: CopyOf::Annotation,
                    copy: a.id.to_string(),
                    original: original.clone(),
                    ours,
                    theirs,
                });
            }
        }
        for c in &doc.claims {
            if let Some(original) = c.attributes.get(CONFLICT_ATTRIBUTE) {
                let (ours, theirs) = match doc.claim(&ClaimId::from(original.as_str())) {
                    Some(o) => super::in_words::claim_pair(project, doc, o, c),
                    None => ("(gone)".into(), super::in_words::claim_pair(project, doc, c, c).1),
                };
                out.push(ConflictCopy {
                    doc: Some(doc.id.clone()),
                    kind: CopyOf::Claim,
                    copy: c.id.to_string(),
                    original: original.clone(),
                    ours,
                    theirs,
                });
            }
        }
        for r in &doc.relations {
            if let Some(original) = r.attributes.get(CONFLICT_ATTRIBUTE) {
                out.push(ConflictCopy {
                    doc: Some(doc.id.clone()),
                    kind: CopyOf::Relation,
                    copy: r.id.to_string(),
                    original: original.clone(),
                    ours: format!("relation {original}"),
                    theirs: format!("relation {} ({})", r.id, r.label),
                });
            }
        }
    }
    out
}

/// The changeset that settles `conflict` by keeping `keep`.
pub fn settle(project: &Project, conflict: &ConflictCopy, keep: Keep) -> Result<Changeset, OpError> {
    let name = match keep {
        Keep::Ours => "Keep ours (merge conflict)",
        Keep::Theirs => "Keep theirs (merge conflict)",
    };
    if let Some(on) = conflict.held_on() {
        return Ok(Changeset::new(name, super::settle_held::settle_held(project, on, keep)?));
    }
    let doc = conflict.doc.clone().unwrap_or_else(|| DocumentId::from(""));
    let document = project.document(&doc).ok_or_else(|| OpError::NoDocument(doc.clone()))?;
    let mut edits = Vec::new();
    match conflict.kind {
        CopyOf::Annotation => {
            let (copy, original) = (AnnotationId::from(conflict.copy.as_str()), AnnotationId::from(conflict.original.as_str()));
            if keep == Keep::Theirs {
                let mut theirs = document.annotation(&copy).ok_or_else(|| no_annotation(&copy))?.clone();
                document.annotation(&original).ok_or_else(|| no_annotation(&original))?;
                theirs.id = original;
                theirs.attributes.remove(CONFLICT_ATTRIBUTE);
                edits.push(Edit::UpdateAnnotation(doc.clone(), theirs));
            }
            // A claim or relation copy of the same merge may use the copy: it takes the original.
            for c in document.claims.iter().filter(|c| c.annotation_refs().any(|a| a == &copy)) {
                let mut claim = c.clone();
                for id in claim
                    .content
                    .iter_mut()
                    .chain(claim.source_spans.iter_mut())
                    .chain(claim.cue.iter_mut())
                    .chain(claim.trigger.iter_mut())
                {
                    if *id == copy {
                        id.clone_from(&AnnotationId::from(conflict.original.as_str()));
                    }
                }
                claim.content.dedup();
                claim.source_spans.dedup();
                edits.push(Edit::UpdateClaim(doc.clone(), claim));
            }
            edits.push(Edit::RemoveAnnotation(doc, copy));
        }
        CopyOf::Claim => {
            let (copy, original) = (ClaimId::from(conflict.copy.as_str()), ClaimId::from(conflict.original.as_str()));
            if keep == Keep::Theirs {
                let mut theirs = document.claim(&copy).ok_or_else(|| OpError::NoClaim(copy.clone()))?.clone();
                document.claim(&original).ok_or_else(|| OpError::NoClaim(original.clone()))?;
                theirs.id = original;
                theirs.attributes.remove(CONFLICT_ATTRIBUTE);
                edits.push(Edit::UpdateClaim(doc.clone(), theirs));
            }
            edits.push(Edit::RemoveClaim(doc, copy));
        }
        CopyOf::Relation => {
            let (copy, original) = (RelationId::from(conflict.copy.as_str()), RelationId::from(conflict.original.as_str()));
            if keep == Keep::Theirs {
                let mut theirs = document.relations.iter().find(|r| r.id == copy).cloned().ok_or_else(|| no_relation(&copy))?;
                theirs.id = original;
                theirs.attributes.remove(CONFLICT_ATTRIBUTE);
                edits.push(Edit::UpdateRelation(doc.clone(), theirs));
            }
            edits.push(Edit::RemoveRelation(doc, copy));
        }
        CopyOf::Label | CopyOf::Source | CopyOf::Details | CopyOf::Title => {}
    }
    Ok(Changeset::new(name, edits))
}

fn no_annotation(id: &AnnotationId) -> OpError {
    OpError::Edit(crate::edit::EditError::NoAnnotation(id.clone()))
}

fn no_relation(id: &RelationId) -> OpError {
    OpError::Edit(crate::edit::EditError::NoRelation(id.clone()))
}
