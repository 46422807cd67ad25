use super::*;
use crate::anchor::{CharRange, TextIndex};
use crate::model::Annotation;

const TEXT: &str = "The mayor said the bridge will close in May.\nCritics said the plan costs too much.";

fn project_with(labels: &[(&str, usize, usize)]) -> Project {
    let mut project = Project::new("p");
    let mut doc = Document::new("Bridge", TEXT);
    let index = TextIndex::new(TEXT);
    for (label, start, end) in labels {
        doc.annotations.push(Annotation::new(&index, *label, vec![CharRange::new(*start, *end)], "me"));
    }
    project.documents.push(doc);
    project
}

fn doc(p: &Project) -> &Document {
    p.documents.first().unwrap()
}

#[test]
fn a_deletion_on_one_side_is_applied() {
    let base = project_with(&[("Source", 4, 9), ("Cue", 10, 14)]);
    let mut ours = base.clone();
    ours.documents.first_mut().unwrap().annotations.remove(1);
    let merged = merge(&base, &ours, &base).unwrap();
    assert!(merged.conflicts.is_empty());
    assert_eq!(doc(&merged.project).annotations.len(), 1);
}

#[test]
fn a_text_changed_on_one_side_reanchors_the_other_sides_annotations() {
    let base = project_with(&[("Source", 4, 9)]);
    // Ours edits the text (the annotation moves with it); theirs adds a Cue on "said".
    let new_text = format!("UPDATED: {TEXT}");
    let mut ours = base.clone();
    let update = crate::ops::reanchor::update_text(&ours, &doc(&base).id, &new_text).unwrap();
    update.changeset.into_edit().apply(&mut ours).unwrap();
    let mut theirs = base.clone();
    let index = TextIndex::new(TEXT);
    theirs.documents.first_mut().unwrap().annotations.push(Annotation::new(&index, "Cue", vec![CharRange::new(10, 14)], "them"));
    let merged = merge(&base, &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let d = doc(&merged.project);
    assert_eq!(d.text, new_text);
    let cue = d.annotations.iter().find(|a| a.label == "Cue").unwrap();
    assert_eq!(cue.ranges, vec![CharRange::new(19, 23)]);
    assert_eq!(cue.quote.exact, "said");
    assert_eq!(d.annotations.len(), 2);
}

#[test]
fn different_changes_to_one_annotation_keep_both_flagged() {
    let base = project_with(&[("Source", 4, 9)]);
    let with_note = |note: &str| {
        let mut p = base.clone();
        p.documents.first_mut().unwrap().annotations.first_mut().unwrap().note = note.into();
        p
    };
    let merged = merge(&base, &with_note("ours"), &with_note("theirs")).unwrap();
    assert_eq!(merged.conflicts.len(), 1);
    let d = doc(&merged.project);
    assert_eq!(d.annotations.len(), 2);
    let copies = conflict_copies(&merged.project);
    let original = d.annotations.first().unwrap();
    assert_eq!(copies.first().map(|c| c.2.clone()), Some(original.id.to_string()));
    assert_eq!(original.note, "ours");
}

#[test]
fn a_conflict_is_settled_by_keeping_either_side_in_one_undoable_step() {
    use super::settle::{CopyOf, Keep, conflicts_in, settle};
    let base = project_with(&[("Source", 4, 9)]);
    let relabelled = |label: &str| {
        let mut p = base.clone();
        label.clone_into(&mut p.documents.first_mut().unwrap().annotations.first_mut().unwrap().label);
        p
    };
    let merged = merge(&base, &relabelled("Cue"), &relabelled("Date")).unwrap().project;
    let conflicts = conflicts_in(&merged);
    assert_eq!(conflicts.len(), 1);
    let conflict = conflicts.first().unwrap();
    assert_eq!(conflict.kind, CopyOf::Annotation);
    assert!(conflict.ours.starts_with("Cue") && conflict.theirs.starts_with("Date"), "{conflict:?}");
    let original = AnnotationId::from(conflict.original.as_str());

    for (keep, label) in [(Keep::Ours, "Cue"), (Keep::Theirs, "Date")] {
        let mut project = merged.clone();
        let mut history = crate::edit::History::new();
        let changeset = settle(&project, conflict, keep).unwrap();
        history.apply_changeset(&mut project, changeset).unwrap();
        let d = doc(&project);
        assert_eq!(d.annotations.len(), 1, "the copy is gone");
        let kept = d.annotation(&original).expect("the original keeps its id");
        assert_eq!(kept.label, label);
        assert!(!kept.attributes.contains_key(CONFLICT_ATTRIBUTE));
        assert!(conflicts_in(&project).is_empty());
        crate::edit::check_project(&project).unwrap();
        history.undo(&mut project).unwrap();
        assert_eq!(project, merged, "undo brings the conflict back");
    }
}
