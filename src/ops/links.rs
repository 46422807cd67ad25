//! Linking claims across documents, and tying a document to the source that published it.
//!
//! Every function returns a [`Changeset`] (one undo step); applying it checks the edits (in
//! [`crate::edit`]: a link joins two documents, its target exists, no duplicate), and a refused
//! one changes nothing.

use super::OpError;
use crate::anchor::{CharRange, TextIndex};
use crate::edit::{Changeset, Edit};
use crate::model::{
    Annotation, Claim, ClaimId, ClaimLink, DocumentId, LabelRole, LinkId, LinkKind, LinkTarget, Project, SourceId,
};

/// The changeset that links claim `claim` of document `doc` to `target` with `kind`.
pub fn link(
    project: &Project,
    doc: &DocumentId,
    claim: &ClaimId,
    kind: LinkKind,
    target: LinkTarget,
) -> Result<Changeset, OpError> {
    has_claim(project, doc, claim)?;
    if let Some(e) = crate::edit::links::missing_target(project, &target) {
        return Err(e.into());
    }
    let edit = Edit::InsertLink { doc: doc.clone(), claim: claim.clone(), index: None, link: ClaimLink::new(kind, target) };
    Ok(Changeset::new(format!("Link claim ({})", kind.as_str()), vec![edit]))
}

/// The changeset that links claim `claim` of document `doc` to a new claim made on `ranges` of
/// document `target_doc` (what is selected there): its content annotation, labelled with the
/// label playing the claim role, the claim, and the link, as one step.
pub fn link_to_new_claim(
    project: &Project,
    doc: &DocumentId,
    claim: &ClaimId,
    kind: LinkKind,
    target_doc: &DocumentId,
    ranges: Vec<CharRange>,
    author: &str,
) -> Result<Changeset, OpError> {
    has_claim(project, doc, claim)?;
    let d = project.document(target_doc).ok_or_else(|| OpError::NoDocument(target_doc.clone()))?;
    let label = project.label_name_for(LabelRole::Claim).to_owned();
    let annotation = Annotation::new(&TextIndex::new(&d.text), label, ranges, author);
    let new_claim = Claim::new(vec![annotation.id.clone()]);
    let target = LinkTarget::Claim { document: target_doc.clone(), claim: new_claim.id.clone() };
    let edits = vec![
        Edit::InsertAnnotation { doc: target_doc.clone(), index: None, annotation },
        Edit::InsertClaim { doc: target_doc.clone(), index: None, claim: new_claim },
        Edit::InsertLink { doc: doc.clone(), claim: claim.clone(), index: None, link: ClaimLink::new(kind, target) },
    ];
    Ok(Changeset::new(format!("Link claim ({})", kind.as_str()), edits))
}

/// What a selection in document `target_doc` is, as a link target: the claim whose content is
/// exactly that text, else the annotation on exactly that text, else a new span on it (labelled
/// with the label playing the claim role: the claim as it appears there), returned to be
/// inserted with the link. `None` when the selection holds only whitespace.
pub fn selection_target(
    project: &Project,
    target_doc: &DocumentId,
    ranges: &[CharRange],
    author: &str,
) -> Result<Option<(LinkTarget, Option<Annotation>)>, OpError> {
    let d = project.document(target_doc).ok_or_else(|| OpError::NoDocument(target_doc.clone()))?;
    let ranges = super::spans::trimmed(d, ranges);
    if ranges.is_empty() {
        return Ok(None);
    }
    if let Some(a) = d.annotations.iter().find(|a| a.ranges == ranges) {
        let target = match d.claims.iter().find(|c| c.content.len() == 1 && c.content.contains(&a.id)) {
            Some(c) => LinkTarget::Claim { document: target_doc.clone(), claim: c.id.clone() },
            None => LinkTarget::Span { document: target_doc.clone(), annotation: a.id.clone() },
        };
        return Ok(Some((target, None)));
    }
    let label = project.label_name_for(LabelRole::Claim).to_owned();
    let annotation = Annotation::new(&TextIndex::new(&d.text), label, ranges, author);
    let target = LinkTarget::Span { document: target_doc.clone(), annotation: annotation.id.clone() };
    Ok(Some((target, Some(annotation))))
}

/// The changeset that removes link `link` of claim `claim` of document `doc` (orphaned or not).
pub fn unlink(project: &Project, doc: &DocumentId, claim: &ClaimId, link: &LinkId) -> Result<Changeset, OpError> {
    has_claim(project, doc, claim)?;
    let edit = Edit::RemoveLink { doc: doc.clone(), claim: claim.clone(), link: link.clone() };
    Ok(Changeset::new("Remove link", vec![edit]))
}

/// The changeset that ties document `doc` to `publisher` (a registered source), or unties it.
pub fn set_publisher(project: &Project, doc: &DocumentId, publisher: Option<SourceId>) -> Result<Changeset, OpError> {
    project.document(doc).ok_or_else(|| OpError::NoDocument(doc.clone()))?;
    let edit = Edit::SetPublisher(doc.clone(), publisher);
    Ok(Changeset::new(edit.describe(), vec![edit]))
}

fn has_claim(project: &Project, doc: &DocumentId, claim: &ClaimId) -> Result<(), OpError> {
    let d = project.document(doc).ok_or_else(|| OpError::NoDocument(doc.clone()))?;
    d.claim(claim).map(|_| ()).ok_or_else(|| OpError::NoClaim(claim.clone()))
}
