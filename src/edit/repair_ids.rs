//! Annotation ids are unique in the whole project. A file written before that held may have
//! two documents sharing ids: loading gives the later ones new ids (the claims and relations
//! of their document follow) rather than refusing the file.

use crate::model::{AnnotationId, Document, Project};
use std::collections::{HashMap, HashSet};

/// Gives every annotation whose id an earlier document already uses a new id, updating the
/// claims and relations of its document. Returns a message per annotation renamed.
pub fn repair_duplicate_annotation_ids(project: &mut Project) -> Vec<String> {
    // Nearly every file has none: find that out without copying an id.
    let mut first_in: HashMap<&str, usize> = HashMap::new();
    let shared = project
        .documents
        .iter()
        .enumerate()
        .any(|(i, d)| d.annotations.iter().any(|a| *first_in.entry(a.id.as_str()).or_insert(i) != i));
    if !shared {
        return Vec::new();
    }
    let mut seen: HashSet<AnnotationId> = HashSet::new();
    let mut messages = Vec::new();
    for document in &mut project.documents {
        let renamed = rename_taken(document, &seen);
        for (old, new) in &renamed {
            messages.push(format!(
                "document {}: annotation id {old} is also used in an earlier document; renamed to {new}",
                document.id
            ));
        }
        if !renamed.is_empty() {
            let map: HashMap<AnnotationId, AnnotationId> = renamed.into_iter().collect();
            follow_renames(document, &map);
        }
        seen.extend(document.annotations.iter().map(|a| a.id.clone()));
    }
    messages
}

/// Renames the annotations of `document` whose ids are in `taken`; returns (old, new) pairs.
fn rename_taken(document: &mut Document, taken: &HashSet<AnnotationId>) -> Vec<(AnnotationId, AnnotationId)> {
    let own: HashSet<AnnotationId> = document.annotations.iter().map(|a| a.id.clone()).collect();
    let mut renamed: Vec<(AnnotationId, AnnotationId)> = Vec::new();
    for annotation in &mut document.annotations {
        if !taken.contains(&annotation.id) || renamed.iter().any(|(old, _)| old == &annotation.id) {
            continue;
        }
        let new = loop {
            let id = AnnotationId::random();
            if !taken.contains(&id) && !own.contains(&id) && !renamed.iter().any(|(_, n)| n == &id) {
                break id;
            }
        };
        renamed.push((annotation.id.clone(), new.clone()));
        annotation.id = new;
    }
    renamed
}

/// Points the claims and relations of `document` at the new ids.
fn follow_renames(document: &mut Document, map: &HashMap<AnnotationId, AnnotationId>) {
    let follow = |id: &mut AnnotationId| {
        if let Some(new) = map.get(id) {
            *id = new.clone();
        }
    };
    for claim in &mut document.claims {
        claim
            .content
            .iter_mut()
            .chain(claim.cue.iter_mut())
            .chain(claim.source_spans.iter_mut())
            .chain(claim.trigger.iter_mut())
            .for_each(follow);
    }
    for relation in &mut document.relations {
        relation.trigger.iter_mut().chain(relation.args.iter_mut().map(|(_, a)| a)).for_each(follow);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharRange, TextIndex};
    use crate::model::{Annotation, Claim};

    #[test]
    fn a_later_documents_shared_ids_are_renamed_and_its_claims_follow() {
        let mut p = Project::new("t");
        let text = "Ryder said troops moved.";
        let index = TextIndex::new(text);
        let mut first = Document::new("one", text);
        first.annotations.push(Annotation::new(&index, "Claim", vec![CharRange::new(11, 23)], "t"));
        first.claims.push(Claim::new(vec![first.annotations[0].id.clone()]));
        let mut second = first.clone();
        second.id = crate::model::DocumentId("d-two".into());
        p.documents = vec![first.clone(), second];
        let messages = repair_duplicate_annotation_ids(&mut p);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].contains("d-two"), "{messages:?}");
        assert_eq!(p.documents[0], first);
        let renamed = &p.documents[1];
        assert_ne!(renamed.annotations[0].id, first.annotations[0].id);
        assert_eq!(renamed.claims[0].content, [renamed.annotations[0].id.clone()]);
        assert!(repair_duplicate_annotation_ids(&mut p).is_empty(), "nothing left to repair");
    }
}
