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
fn versions_that_differ_only_in_a_note_say_so() {
    use super::settle::conflicts_in;
    let mut base = project_with(&[("Claim", 15, 43)]);
    let content = doc(&base).annotations.first().unwrap().id.clone();
    base.documents.first_mut().unwrap().claims.push(crate::model::Claim::new(vec![content]));
    let noted = |note: &str| {
        let mut p = base.clone();
        let d = p.documents.first_mut().unwrap();
        d.annotations.first_mut().unwrap().note = format!("{note} on the span");
        d.claims.first_mut().unwrap().note = format!("{note} on the claim");
        p
    };
    let merged = merge(&base, &noted("ours"), &noted("theirs")).unwrap().project;
    let conflicts = conflicts_in(&merged);
    assert_eq!(conflicts.len(), 2, "{conflicts:#?}");
    for (c, what) in conflicts.iter().zip(["span", "claim"]) {
        assert_ne!(c.ours, c.theirs, "{c:?}");
        assert!(c.ours.ends_with(&format!("note \u{201c}ours on the {what}\u{201d}")), "{c:?}");
        assert!(c.theirs.ends_with(&format!("note \u{201c}theirs on the {what}\u{201d}")), "{c:?}");
    }
    // The item's own words come first, the same on both sides here.
    let span = conflicts.first().unwrap();
    assert!(span.ours.starts_with("Claim \u{201c}the bridge will close in May\u{201d}; note"), "{span:?}");
    let claim = conflicts.get(1).unwrap();
    assert!(claim.ours.starts_with("no source; note"), "{claim:?}");
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

mod held {
    //! Labels, sources, document details and the title: theirs held in the project's conflicts.
    use super::*;
    use crate::edit::{Edit, EditError, History};
    use crate::model::{ConflictOn, HeldConflict, Rgb, Source, SourceKind};
    use crate::ops::merge::settle::{ConflictCopy, CopyOf, Keep, conflicts_in, settle};

    fn changed(base: &Project, change: impl Fn(&mut Project)) -> Project {
        let mut p = base.clone();
        change(&mut p);
        p
    }

    /// The one conflict `merged` lists, of `kind`, settled each way: `check` sees the project
    /// after each, and undo brings the conflict back.
    fn settles_both_ways(merged: &Project, kind: &CopyOf, check: impl Fn(Keep, &Project)) {
        let conflicts = conflicts_in(merged);
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        let conflict: &ConflictCopy = conflicts.first().unwrap();
        assert_eq!(&conflict.kind, kind);
        for keep in [Keep::Ours, Keep::Theirs] {
            let mut project = merged.clone();
            let mut history = History::new();
            let changeset = settle(&project, conflict, keep).unwrap();
            history.apply_changeset(&mut project, changeset).unwrap();
            assert!(project.conflicts.is_empty() && conflicts_in(&project).is_empty(), "settled");
            crate::edit::check_project(&project).unwrap();
            check(keep, &project);
            history.undo(&mut project).unwrap();
            assert_eq!(&project, merged, "one undo brings the conflict back");
        }
    }

    #[test]
    fn a_label_recoloured_on_both_sides_holds_theirs_and_settles() {
        let base = project_with(&[("Source", 4, 9)]);
        let colour = |p: &mut Project, c: Rgb| p.labels.iter_mut().find(|l| l.name == "Source").unwrap().color = c;
        let ours = changed(&base, |p| colour(p, Rgb(200, 0, 0)));
        let theirs = changed(&base, |p| {
            colour(p, Rgb(0, 200, 0));
            p.labels.iter_mut().find(|l| l.name == "Source").unwrap().description = "who speaks".into();
        });
        let merged = merge(&base, &ours, &theirs).unwrap();
        assert_eq!(merged.conflicts.iter().map(|c| (c.kind, c.id.as_str())).collect::<Vec<_>>(), [("label", "Source")]);
        let label = merged.project.label("Source").unwrap();
        assert_eq!((label.color, label.description.as_str()), (Rgb(200, 0, 0), "who speaks"), "ours, with theirs' other change");
        let Some(HeldConflict::Label(held)) = merged.project.conflicts.first() else { panic!("theirs held") };
        assert_eq!((held.color, held.description.as_str()), (Rgb(0, 200, 0), "who speaks"));
        let conflict = conflicts_in(&merged.project).into_iter().next().unwrap();
        assert_eq!((conflict.ours.as_str(), conflict.theirs.as_str()), ("colour #c80000", "colour #00c800"));
        settles_both_ways(&merged.project, &CopyOf::Label, |keep, p| {
            let want = if keep == Keep::Ours { Rgb(200, 0, 0) } else { Rgb(0, 200, 0) };
            assert_eq!(p.label("Source").unwrap().color, want);
        });
    }

    #[test]
    fn a_source_renamed_on_both_sides_holds_theirs_and_settles() {
        let mut base = project_with(&[]);
        let source = Source::new("Mayor Jones", SourceKind::Person);
        let id = source.id.clone();
        base.sources.push(source);
        let rename = |name: &str| changed(&base, |p| name.clone_into(&mut p.sources.first_mut().unwrap().name));
        let theirs = changed(&rename("Ann Jones"), |p| p.sources.first_mut().unwrap().kind = SourceKind::Official);
        let merged = merge(&base, &rename("Mayor Ann Jones"), &theirs).unwrap();
        assert_eq!(merged.conflicts.len(), 1);
        let ours = merged.project.source(&id).unwrap();
        assert_eq!((ours.name.as_str(), ours.kind), ("Mayor Ann Jones", SourceKind::Official));
        let conflict = conflicts_in(&merged.project).into_iter().next().unwrap();
        assert_eq!(conflict.theirs, "name \u{201c}Ann Jones\u{201d}");
        settles_both_ways(&merged.project, &CopyOf::Source, |keep, p| {
            let want = if keep == Keep::Ours { "Mayor Ann Jones" } else { "Ann Jones" };
            assert_eq!(p.source(&id).unwrap().name, want);
            assert_eq!(p.source(&id).unwrap().kind, SourceKind::Official);
        });
        // Held, the source is not removed (theirs would have nothing to settle against).
        let refused = Edit::RemoveSource(id.clone()).apply(&mut merged.project.clone());
        assert!(matches!(refused, Err(EditError::InUse { .. })), "{refused:?}");
    }

    #[test]
    fn document_details_changed_on_both_sides_hold_theirs_and_settle() {
        let base = project_with(&[("Source", 4, 9)]);
        let retitle = |title: &str, url: Option<&str>| {
            changed(&base, |p| {
                let d = p.documents.first_mut().unwrap();
                title.clone_into(&mut d.title);
                d.url = url.map(str::to_owned);
            })
        };
        let merged =
            merge(&base, &retitle("Bridge to close", None), &retitle("Bridge closes in May", Some("https://x.org"))).unwrap();
        assert_eq!(merged.conflicts.iter().map(|c| c.kind).collect::<Vec<_>>(), ["details"]);
        let d = doc(&merged.project);
        assert_eq!((d.title.as_str(), d.url.as_deref()), ("Bridge to close", Some("https://x.org")), "theirs' URL merged");
        let conflict = conflicts_in(&merged.project).into_iter().next().unwrap();
        assert_eq!(conflict.doc.as_ref(), Some(&d.id));
        assert_eq!(conflict.theirs, "title \u{201c}Bridge closes in May\u{201d}");
        settles_both_ways(&merged.project, &CopyOf::Details, |keep, p| {
            let want = if keep == Keep::Ours { "Bridge to close" } else { "Bridge closes in May" };
            assert_eq!((doc(p).title.as_str(), doc(p).url.as_deref()), (want, Some("https://x.org")));
        });
        // Removing the document lets its details conflict go with it, in one step.
        let mut project = merged.project.clone();
        let id = doc(&project).id.clone();
        crate::ops::documents::remove_document(&project, &id).unwrap().into_edit().apply(&mut project).unwrap();
        assert!(project.documents.is_empty() && project.conflicts.is_empty());
    }

    #[test]
    fn the_title_changed_on_both_sides_holds_theirs_and_settles() {
        let base = project_with(&[]);
        let titled = |t: &str| changed(&base, |p| t.clone_into(&mut p.title));
        let merged = merge(&base, &titled("ours"), &titled("theirs")).unwrap();
        assert_eq!(merged.project.title, "ours");
        assert_eq!(merged.project.conflicts, [HeldConflict::Title("theirs".into())]);
        settles_both_ways(&merged.project, &CopyOf::Title, |keep, p| {
            assert_eq!(p.title, if keep == Keep::Ours { "ours" } else { "theirs" });
        });
    }

    #[test]
    fn held_conflicts_survive_a_later_merge_and_follow_a_label_rename() {
        let base = project_with(&[]);
        let titled = |t: &str| changed(&base, |p| t.clone_into(&mut p.title));
        let merged = merge(&base, &titled("ours"), &titled("theirs")).unwrap().project;
        // A colleague merges the unsettled file with a change of their own: the conflict stays.
        let other = changed(&merged, |p| p.documents.first_mut().unwrap().title = "Bridge (2)".into());
        let again = merge(&merged, &merged, &other).unwrap();
        assert!(again.conflicts.is_empty());
        assert_eq!(again.project.held_conflict(&ConflictOn::Title), Some(&HeldConflict::Title("theirs".into())));
        // A label with theirs held, renamed: theirs follows.
        let mut p = base.clone();
        let mut theirs = p.label("Cue").unwrap().clone();
        theirs.color = Rgb(1, 2, 3);
        Edit::HoldConflict { index: None, conflict: HeldConflict::Label(theirs.clone()) }.apply(&mut p).unwrap();
        let renamed = crate::model::LabelDef { name: "Reporting verb".into(), ..p.label("Cue").unwrap().clone() };
        Edit::UpdateLabel("Cue".into(), renamed).apply(&mut p).unwrap();
        assert!(p.held_conflict(&ConflictOn::Label("Reporting verb".into())).is_some());
        crate::edit::check_project(&p).unwrap();
    }
}
