//! The checks of the link edits: a link starts from a claim and points at a claim or span of
//! another document, once; removing one only needs it to be there (orphaned or not). That the
//! target exists is the rule of making a link ([`crate::ops::links`], [`missing_target`]), not
//! of the edit: undoing the removal of an orphaned link (or of its claim) puts it back.

use super::EditError;
use crate::model::{Claim, ClaimId, ClaimLink, DocumentId, LinkId, LinkTarget, Project, SourceId, links::Missing};

fn claim_of<'p>(project: &'p Project, doc: &DocumentId, claim: &ClaimId) -> Result<&'p Claim, EditError> {
    let d = project.document(doc).ok_or_else(|| EditError::NoDocument(doc.clone()))?;
    d.claim(claim).ok_or_else(|| EditError::NoClaim(claim.clone()))
}

/// Checks that `link` can be added at `index` to claim `claim` of document `doc`.
pub(super) fn check_insert_link(
    project: &Project,
    doc: &DocumentId,
    claim: &ClaimId,
    index: Option<usize>,
    link: &ClaimLink,
) -> Result<(), EditError> {
    let c = claim_of(project, doc, claim)?;
    if let Some(i) = index.filter(|i| *i > c.links.len()) {
        return Err(EditError::BadIndex(i));
    }
    if c.links.iter().any(|l| l.id == link.id) {
        return Err(EditError::DuplicateId(link.id.to_string()));
    }
    if link.target.document() == doc {
        return Err(EditError::SameDocumentLink(claim.clone()));
    }
    if c.links.iter().any(|l| l.kind == link.kind && l.target == link.target) {
        return Err(EditError::DuplicateLink(claim.clone()));
    }
    Ok(())
}

/// Checks the links of a claim `claim` of document `doc` being inserted or replaced: ids
/// unique, no link twice, none within its own document. A link whose target is missing is
/// allowed here (an orphaned link is kept, and undoing its removal puts it back); the
/// operations that make links ([`crate::ops::links`]) refuse to make one.
pub(super) fn check_claim_links(doc: &DocumentId, claim: &Claim) -> Result<(), EditError> {
    for (i, link) in claim.links.iter().enumerate() {
        let earlier = claim.links.get(..i).unwrap_or_default();
        if earlier.iter().any(|l| l.id == link.id) {
            return Err(EditError::DuplicateId(link.id.to_string()));
        }
        if earlier.iter().any(|l| l.kind == link.kind && l.target == link.target) {
            return Err(EditError::DuplicateLink(claim.id.clone()));
        }
        if link.target.document() == doc {
            return Err(EditError::SameDocumentLink(claim.id.clone()));
        }
    }
    Ok(())
}

/// Why `target` cannot be linked to: what is missing, as an edit error.
pub fn missing_target(project: &Project, target: &LinkTarget) -> Option<EditError> {
    target.missing(project).map(|m| match m {
        Missing::Document(d) => EditError::NoDocument(d),
        Missing::Claim(c) => EditError::NoClaim(c),
        Missing::Annotation(a) => EditError::NoAnnotation(a),
    })
}

/// Checks that claim `claim` of document `doc` has the link `link`.
pub(super) fn check_remove_link(project: &Project, doc: &DocumentId, claim: &ClaimId, link: &LinkId) -> Result<(), EditError> {
    let c = claim_of(project, doc, claim)?;
    c.links.iter().find(|l| &l.id == link).map(|_| ()).ok_or_else(|| EditError::NoLink(link.clone()))
}

/// Checks that document `doc` exists and `publisher` (if any) is registered.
pub(super) fn check_set_publisher(project: &Project, doc: &DocumentId, publisher: Option<&SourceId>) -> Result<(), EditError> {
    project.document(doc).ok_or_else(|| EditError::NoDocument(doc.clone()))?;
    match publisher {
        Some(s) if project.source(s).is_none() => Err(EditError::NoSource(s.clone())),
        _ => Ok(()),
    }
}

/// The document `source` is tied to as publisher, if any (a source in use is not removed).
pub(super) fn published_by<'p>(project: &'p Project, source: &SourceId) -> Option<&'p DocumentId> {
    project.documents.iter().find(|d| d.publisher.as_ref() == Some(source)).map(|d| &d.id)
}
