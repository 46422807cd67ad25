//! Editing a claim's sources (a source span goes with the source it names, see
//! [`crate::edit::source_spans`], so no export links the span of a source taken off the claim),
//! and deleting an annotation a claim uses.

use super::OpError;
use crate::anchor::CharRange;
use crate::edit::source_spans::SourceNames;
use crate::edit::{Changeset, Edit};
use crate::model::{AnnotationId, Claim, ClaimId, DocumentId, Project, SourceId};

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

/// The changeset that deletes annotation `id` of document `doc` with what leans on it, as one
/// step: a claim whose only text it is goes too; a claim that uses it otherwise (a cue, a source
/// span, a trigger, one fragment of several) keeps everything else; a relation with it as an end
/// or trigger goes (as brat deletes an entity's relations).
pub fn delete_annotation(project: &Project, doc: &DocumentId, id: &AnnotationId) -> Result<Changeset, OpError> {
    let document = project.document(doc).ok_or_else(|| OpError::NoDocument(doc.clone()))?;
    let annotation = document.annotation(id).ok_or_else(|| crate::edit::EditError::NoAnnotation(id.clone()))?;
    let mut edits = Vec::new();
    for claim in document.claims.iter().filter(|c| c.annotation_refs().any(|a| a == id)) {
        if claim.content == [id.clone()] {
            edits.push(Edit::RemoveClaim(doc.clone(), claim.id.clone()));
            continue;
        }
        let mut kept = claim.clone();
        kept.content.retain(|a| a != id);
        kept.source_spans.retain(|a| a != id);
        kept.cue = kept.cue.filter(|a| a != id);
        kept.trigger = kept.trigger.filter(|a| a != id);
        edits.push(Edit::UpdateClaim(doc.clone(), kept));
    }
    for relation in document.relations.iter().filter(|r| r.annotation_refs().any(|a| a == id)) {
        edits.push(Edit::RemoveRelation(doc.clone(), relation.id.clone()));
    }
    edits.push(Edit::RemoveAnnotation(doc.clone(), id.clone()));
    let what = crate::text::quoted(&crate::text::shorten(&annotation.quote.exact, 40));
    Ok(Changeset::new(format!("Delete annotation {what}"), edits))
}

/// How far from a claim's text (in chars) a Cue span is taken as its cue.
const CUE_REACH: usize = 60;

/// The Cue span a new claim made of `content` most likely has: the nearest annotation playing the
/// Cue role in the same paragraph, at most [`CUE_REACH`] chars away, that no other claim has as
/// its cue ("said" beside "they were seriously concerned …"); the claim editor starts with it.
pub fn cue_beside(project: &Project, document: &crate::model::Document, content: &[CharRange]) -> Option<AnnotationId> {
    let (start, end) = (content.iter().map(|r| r.start).min()?, content.iter().map(|r| r.end).max()?);
    let taken: Vec<&AnnotationId> = document.claims.iter().filter_map(|c| c.cue.as_ref()).collect();
    let index = document.index();
    let same_paragraph = |a: usize, b: usize| !index.slice(CharRange::new(a, b)).contains('\n');
    document
        .annotations
        .iter()
        .filter(|a| project.plays(a, crate::model::LabelRole::Cue) && !taken.contains(&&a.id))
        .filter_map(|a| {
            let (first, last) = (a.ranges.first()?, a.ranges.last()?);
            let (gap, between) = if last.end <= start {
                (start - last.end, (last.end, start))
            } else if first.start >= end {
                (first.start - end, (end, first.start))
            } else {
                return None;
            };
            (gap <= CUE_REACH && same_paragraph(between.0, between.1)).then_some((gap, &a.id))
        })
        .min_by_key(|(gap, _)| *gap)
        .map(|(_, id)| id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::TextIndex;
    use crate::model::{Annotation, Document, Relation, RelationId, RelationKind};
    use std::collections::BTreeMap;

    #[test]
    fn deleting_an_annotation_takes_what_leans_on_it_in_one_undoable_step() {
        let text = "Ryder said troops came. NATO confirmed it.";
        let index = TextIndex::new(text);
        let span = |label: &str, a: usize, b: usize| Annotation::new(&index, label, vec![CharRange::new(a, b)], "me");
        let (source, cue, content, other) =
            (span("Source", 0, 5), span("Cue", 6, 10), span("Claim", 11, 22), span("Claim", 24, 41));
        let mut doc = Document::new("d", text);
        let mut claim = Claim::new(vec![content.id.clone()]);
        claim.cue = Some(cue.id.clone());
        claim.source_spans = vec![source.id.clone()];
        let relation = Relation {
            id: RelationId::from("r-1"),
            kind: RelationKind::Relation,
            label: "Same".into(),
            trigger: None,
            args: vec![("Arg1".into(), cue.id.clone()), ("Arg2".into(), other.id.clone())],
            attributes: BTreeMap::new(),
            note: String::new(),
        };
        doc.annotations.extend([source.clone(), cue.clone(), content.clone(), other]);
        doc.claims.push(claim.clone());
        doc.relations.push(relation);
        let mut project = Project::new("p");
        project.documents.push(doc);
        let before = project.clone();
        let id = project.documents[0].id.clone();

        // The cue: off the claim, its relation gone, the claim otherwise as it was.
        let mut history = crate::edit::History::new();
        let step = delete_annotation(&project, &id, &cue.id).unwrap();
        history.apply_changeset(&mut project, step).unwrap();
        let d = &project.documents[0];
        assert!(d.annotation(&cue.id).is_none() && d.relations.is_empty());
        assert_eq!(d.claim(&claim.id).map(|c| (c.cue.clone(), c.source_spans.clone())), Some((None, vec![source.id.clone()])));
        // The claim's only text: the claim goes with it.
        let step = delete_annotation(&project, &id, &content.id).unwrap();
        history.apply_changeset(&mut project, step).unwrap();
        assert!(project.documents[0].claims.is_empty());
        crate::edit::check_project(&project).unwrap();
        history.undo(&mut project).unwrap();
        history.undo(&mut project).unwrap();
        assert_eq!(project, before, "undone, all is back");
        // A new claim on "troops came" starts with the cue beside it; once that cue is the
        // claim's, a second claim there does not take it.
        let d = &project.documents[0];
        let troops = [CharRange::new(11, 22)];
        assert_eq!(cue_beside(&project, d, &troops), None, "the cue is the claim's already");
        project.documents[0].claims.clear();
        assert_eq!(cue_beside(&project, &project.documents[0], &troops), Some(cue.id.clone()));
    }

    #[test]
    fn a_cue_in_another_paragraph_is_not_the_new_claims() {
        let text = "Ryder said so.\nTroops came in the night.";
        let mut doc = Document::new("d", text);
        doc.annotations.push(Annotation::new(&TextIndex::new(text), "Cue", vec![CharRange::new(6, 10)], "me"));
        let mut project = Project::new("p");
        project.documents.push(doc);
        assert_eq!(cue_beside(&project, &project.documents[0], &[CharRange::new(15, 39)]), None);
        assert!(cue_beside(&project, &project.documents[0], &[CharRange::new(11, 13)]).is_some(), "\"so\" beside it");
    }
}
