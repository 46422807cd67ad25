//! The checks of the link edits: a new link starts from a claim and points at a claim or span
//! of another document that exists; removing one only needs it to be there (orphaned or not).

use super::EditError;
use crate::model::{ClaimId, ClaimLink, DocumentId, LinkId, Project, SourceId, links::Missing};

fn claim_of<'p>(project: &'p Project, doc: &DocumentId, claim: &ClaimId) -> Result<&'p crate::model::Claim, EditError> {
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
    match link.target.missing(project) {
        Some(Missing::Document(d)) => return Err(EditError::NoDocument(d)),
        Some(Missing::Claim(c)) => return Err(EditError::NoClaim(c)),
        Some(Missing::Annotation(a)) => return Err(EditError::NoAnnotation(a)),
        None => {}
    }
    if c.links.iter().any(|l| l.kind == link.kind && l.target == link.target) {
        return Err(EditError::DuplicateLink(claim.clone()));
    }
    Ok(())
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
