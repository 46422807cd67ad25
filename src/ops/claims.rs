//! Editing a claim's sources: a source span goes with the source it names (see
//! [`crate::edit::source_spans`]), so no export links the span of a source taken off the claim.

use super::OpError;
use crate::edit::source_spans::SourceNames;
use crate::edit::{Changeset, Edit};
use crate::model::{Claim, ClaimId, DocumentId, Project, SourceId};

/// The changeset that replaces a claim of document `doc` with `claim` (same id), as the claim
/// editor saves it. Source spans that named only sources `claim` no longer has are unlinked
/// with them; when its last attributed source goes, so do the spans that name no registered
/// source ("they": they named the one that went).
pub fn update_claim(project: &Project, doc: &DocumentId, mut claim: Claim) -> Result<Changeset, OpError> {
    let document = project.document(doc).ok_or_else(|| OpError::NoDocument(doc.clone()))?;
    let old = document.claim(&claim.id).ok_or_else(|| OpError::NoClaim(claim.id.clone()))?;
    let registry = SourceNames::of(&project.sources);
    let kept: Vec<&SourceId> = claim.source_refs().collect();
    let removed: Vec<&SourceId> = old.source_refs().filter(|s| !kept.contains(s)).collect();
    let lost_all = !old.attributed_to.is_empty() && claim.attributed_to.is_empty();
    let unlinked: Vec<_> = claim
        .source_spans
        .iter()
        .filter(|id| {
            document.annotation(id).is_some_and(|a| {
                let named = registry.named_by(&a.quote.exact);
                let only_removed = removed.iter().any(|s| named.contains(s)) && !named.iter().any(|s| kept.contains(&s));
                only_removed || (lost_all && named.is_empty())
            })
        })
        .cloned()
        .collect();
    claim.source_spans.retain(|s| !unlinked.contains(s));
    Ok(Changeset::new("Edit claim", vec![Edit::UpdateClaim(doc.clone(), claim)]))
}

/// The changeset that takes `source` off claim `claim` of document `doc` (from who it is
/// attributed to and from its chain), with the source spans naming it (see [`update_claim`]).
pub fn remove_source_from_claim(
    project: &Project,
    doc: &DocumentId,
    claim: &ClaimId,
    source: &SourceId,
) -> Result<Changeset, OpError> {
    let document = project.document(doc).ok_or_else(|| OpError::NoDocument(doc.clone()))?;
    let mut edited = document.claim(claim).cloned().ok_or_else(|| OpError::NoClaim(claim.clone()))?;
    edited.attributed_to.retain(|s| s != source);
    edited.via.retain(|s| s != source);
    let name = project.source(source).map_or_else(|| source.to_string(), |s| s.name.clone());
    Ok(update_claim(project, doc, edited)?.renamed(format!("Remove {name} from claim")))
}
