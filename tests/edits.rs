//! Edits: random valid sequences undo to the identical project and redo to the edited one,
//! directly and through `History`; invalid edits are refused with the right error and leave the
//! project unchanged.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

mod common;

use claimlens::anchor::{CharRange, Quote, RangeError, TextIndex};
use claimlens::edit::{Edit, EditError, History, check_project};
use claimlens::model::{
    Annotation, AnnotationId, Claim, ClaimId, DocumentId, LabelDef, Project, Rgb, Source, SourceId, SourceKind,
};
use common::{EditGen, base_project, text_strategy, time};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_undo_and_redo_exactly(
        texts in proptest::collection::vec(text_strategy(), 1..=2),
        seed in any::<u64>(),
        steps in 1usize..40,
    ) {
        let original = base_project(&texts);
        let mut p = original.clone();
        let mut g = EditGen::new(seed);
        let mut edits = Vec::new();
        let mut inverses = Vec::new();
        for _ in 0..steps {
            let e = g.edit(&p);
            edits.push(e.clone());
            let inv = e.clone().apply(&mut p).map_err(|err| TestCaseError::fail(format!("{e:?} refused: {err}")))?;
            prop_assert!(check_project(&p).is_ok(), "invariants hold after {:?}: {:?}", e, check_project(&p));
            inverses.push(inv);
        }
        let edited = p.clone();

        // Undo everything, newest first.
        let mut redos = Vec::new();
        for inv in inverses.into_iter().rev() {
            redos.push(inv.apply(&mut p).map_err(|err| TestCaseError::fail(format!("undo refused: {err}")))?);
        }
        prop_assert_eq!(&p, &original);
        // Redo: the inverses of the inverses, oldest first.
        for r in redos.into_iter().rev() {
            r.apply(&mut p).map_err(|err| TestCaseError::fail(format!("redo refused: {err}")))?;
        }
        prop_assert_eq!(&p, &edited);

        // The same through History, with the save point somewhere in the middle.
        let saved_at = (seed as usize) % (edits.len() + 1);
        let mut h = History::new();
        let mut q = original.clone();
        if saved_at == 0 {
            h.mark_saved();
        }
        for (i, e) in edits.into_iter().enumerate() {
            h.apply(&mut q, e).map_err(|err| TestCaseError::fail(format!("history refused: {err}")))?;
            if i + 1 == saved_at {
                h.mark_saved();
            }
            prop_assert_eq!(h.is_dirty(), i + 1 != saved_at);
        }
        prop_assert_eq!(&q, &edited);
        let n = steps;
        for pos in (0..n).rev() {
            prop_assert!(h.undo(&mut q).is_some());
            prop_assert_eq!(h.is_dirty(), pos != saved_at, "after undo to {}", pos);
        }
        prop_assert!(h.undo(&mut q).is_none(), "nothing left to undo");
        prop_assert_eq!(&q, &original);
        for pos in 1..=n {
            prop_assert!(h.redo(&mut q).is_some());
            prop_assert_eq!(h.is_dirty(), pos != saved_at, "after redo to {}", pos);
        }
        prop_assert!(h.redo(&mut q).is_none(), "nothing left to redo");
        prop_assert_eq!(&q, &edited);
    }
}

// ---------------------------------------------------------------------------------------------
// Refused edits
// ---------------------------------------------------------------------------------------------

const TEXT: &str = "Zelenskyy said «the troops» would fight. The Pentagon confirmed it 🙂.";

fn doc_id() -> DocumentId {
    DocumentId("d-0".into())
}

fn project() -> Project {
    base_project(&[TEXT.to_owned()])
}

fn annotation(p: &Project, id: &str, label: &str, ranges: Vec<CharRange>) -> Annotation {
    let text = &p.documents[0].text;
    let index = TextIndex::new(text);
    Annotation {
        id: AnnotationId(id.into()),
        label: label.into(),
        quote: Quote::of(&index, &ranges),
        ranges,
        note: String::new(),
        tags: Vec::new(),
        author: "test".into(),
        attributes: std::collections::BTreeMap::new(),
        created: time(5),
        modified: time(5),
    }
}

fn insert_ann(a: Annotation) -> Edit {
    Edit::InsertAnnotation { doc: doc_id(), index: None, annotation: a }
}

fn source(id: &str, cites: &[&str]) -> Source {
    let mut s = Source::new(format!("Source {id}"), SourceKind::Official);
    s.id = SourceId(id.into());
    s.cites = cites.iter().map(|c| SourceId((*c).into())).collect();
    s
}

fn claim(id: &str, content: &[&str], sources: &[&str]) -> Claim {
    let mut c = Claim::new(content.iter().map(|a| AnnotationId((*a).into())).collect());
    c.id = ClaimId(id.into());
    c.attributed_to = sources.iter().map(|s| SourceId((*s).into())).collect();
    c
}

/// A project with an annotation `a-said` (Cue), `a-claim` (Claim), a source `s-z` and a
/// claim `c-1` using them.
fn populated() -> Project {
    let mut p = project();
    let said = annotation(&p, "a-said", "Cue", vec![CharRange::new(10, 14)]);
    let content = annotation(&p, "a-claim", "Claim", vec![CharRange::new(15, 27), CharRange::new(28, 39)]);
    let mut c = claim("c-1", &["a-claim"], &["s-z"]);
    c.cue = Some(AnnotationId("a-said".into()));
    Edit::Batch(vec![
        insert_ann(said),
        insert_ann(content),
        Edit::InsertSource { index: None, source: source("s-z", &[]) },
        Edit::InsertClaim { doc: doc_id(), index: None, claim: c },
    ])
    .apply(&mut p)
    .expect("valid setup");
    p
}

/// Applies `edit`, expects `expected`, and checks the project did not change.
#[track_caller]
fn refused(p: &Project, edit: Edit, expected: &EditError) {
    let mut q = p.clone();
    let err = edit.apply(&mut q).expect_err("the edit must be refused");
    assert_eq!(&err, expected);
    assert_eq!(&q, p, "a refused edit leaves the project unchanged");
    assert!(!err.to_string().is_empty());
}

#[test]
fn range_past_the_end_is_refused() {
    let p = project();
    let len = TEXT.chars().count();
    let mut a = annotation(&p, "a-x", "Claim", vec![CharRange::new(0, 3)]);
    a.ranges = vec![CharRange::new(len - 2, len + 1)];
    refused(
        &p,
        insert_ann(a),
        &EditError::Range {
            id: AnnotationId("a-x".into()),
            error: RangeError::PastEnd { range: CharRange::new(len - 2, len + 1), len },
        },
    );
    // Exactly up to the end is fine (the emoji and the full stop are the last chars).
    let mut q = p.clone();
    insert_ann(annotation(&p, "a-end", "Claim", vec![CharRange::new(len - 2, len)])).apply(&mut q).expect("ends at the end");
    assert_eq!(q.documents[0].annotations[0].quote.exact, "🙂.");
}

#[test]
fn empty_and_missing_ranges_are_refused() {
    let p = project();
    let mut a = annotation(&p, "a-x", "Claim", vec![CharRange::new(3, 3)]);
    a.quote.exact = String::new();
    refused(&p, insert_ann(a.clone()), &EditError::Range { id: a.id.clone(), error: RangeError::Empty(CharRange::new(3, 3)) });
    a.ranges = vec![CharRange::new(5, 2)];
    refused(&p, insert_ann(a.clone()), &EditError::Range { id: a.id.clone(), error: RangeError::Empty(CharRange::new(5, 2)) });
}

#[test]
fn overlapping_fragments_are_refused() {
    let p = project();
    let mut a = annotation(&p, "a-x", "Claim", vec![CharRange::new(0, 5)]);
    a.ranges = vec![CharRange::new(0, 5), CharRange::new(3, 8)];
    refused(
        &p,
        insert_ann(a.clone()),
        &EditError::Range { id: a.id.clone(), error: RangeError::Overlapping(CharRange::new(0, 5), CharRange::new(3, 8)) },
    );
    a.ranges = vec![CharRange::new(6, 8), CharRange::new(0, 5)];
    refused(
        &p,
        insert_ann(a.clone()),
        &EditError::Range { id: a.id.clone(), error: RangeError::Overlapping(CharRange::new(6, 8), CharRange::new(0, 5)) },
    );
}

#[test]
fn a_quote_that_does_not_match_is_refused() {
    let p = project();
    let mut a = annotation(&p, "a-x", "Claim", vec![CharRange::new(0, 9)]);
    a.quote.exact = "Zelensky".into();
    refused(&p, insert_ann(a), &EditError::QuoteMismatch(AnnotationId("a-x".into())));
}

#[test]
fn unknown_labels_and_documents_are_refused() {
    let p = project();
    let a = annotation(&p, "a-x", "NoSuchLabel", vec![CharRange::new(0, 9)]);
    refused(&p, insert_ann(a), &EditError::NoLabel("NoSuchLabel".into()));
    let a = annotation(&p, "a-x", "Claim", vec![CharRange::new(0, 9)]);
    refused(
        &p,
        Edit::InsertAnnotation { doc: DocumentId("d-none".into()), index: None, annotation: a },
        &EditError::NoDocument(DocumentId("d-none".into())),
    );
}

#[test]
fn claims_must_point_at_existing_annotations_and_sources() {
    let p = populated();
    let c = claim("c-2", &["a-missing"], &[]);
    refused(
        &p,
        Edit::InsertClaim { doc: doc_id(), index: None, claim: c },
        &EditError::NoAnnotation(AnnotationId("a-missing".into())),
    );
    let mut c = claim("c-2", &["a-claim"], &[]);
    c.cue = Some(AnnotationId("a-gone".into()));
    refused(
        &p,
        Edit::InsertClaim { doc: doc_id(), index: None, claim: c },
        &EditError::NoAnnotation(AnnotationId("a-gone".into())),
    );
    let c = claim("c-2", &["a-claim"], &["s-missing"]);
    refused(&p, Edit::InsertClaim { doc: doc_id(), index: None, claim: c }, &EditError::NoSource(SourceId("s-missing".into())));
    let mut c = claim("c-2", &["a-claim"], &[]);
    c.via = vec![SourceId("s-z".into()), SourceId("s-via-missing".into())];
    refused(
        &p,
        Edit::InsertClaim { doc: doc_id(), index: None, claim: c },
        &EditError::NoSource(SourceId("s-via-missing".into())),
    );
    let c = claim("c-2", &[], &[]);
    refused(&p, Edit::InsertClaim { doc: doc_id(), index: None, claim: c }, &EditError::EmptyClaim(ClaimId("c-2".into())));
    // An update is checked the same way.
    let c = claim("c-1", &["a-missing"], &[]);
    refused(&p, Edit::UpdateClaim(doc_id(), c), &EditError::NoAnnotation(AnnotationId("a-missing".into())));
    refused(&p, Edit::RemoveClaim(doc_id(), ClaimId("c-none".into())), &EditError::NoClaim(ClaimId("c-none".into())));
}

#[test]
fn cycles_in_cites_are_refused() {
    let mut p = populated();
    // Self-citation, on insert and on update.
    refused(
        &p,
        Edit::InsertSource { index: None, source: source("s-self", &["s-self"]) },
        &EditError::CitesCycle(SourceId("s-self".into())),
    );
    refused(&p, Edit::UpdateSource(source("s-z", &["s-z"])), &EditError::CitesCycle(SourceId("s-z".into())));
    // A -> B -> C, then C -> A closes a 3-cycle.
    Edit::Batch(vec![
        Edit::InsertSource { index: None, source: source("s-c", &[]) },
        Edit::InsertSource { index: None, source: source("s-b", &["s-c"]) },
        Edit::InsertSource { index: None, source: source("s-a", &["s-b"]) },
    ])
    .apply(&mut p)
    .expect("a chain is fine");
    refused(&p, Edit::UpdateSource(source("s-c", &["s-a"])), &EditError::CitesCycle(SourceId("s-c".into())));
    refused(&p, Edit::UpdateSource(source("s-b", &["s-c", "s-a"])), &EditError::CitesCycle(SourceId("s-b".into())));
    // A diamond is not a cycle.
    let mut q = p.clone();
    Edit::UpdateSource(source("s-a", &["s-b", "s-c"])).apply(&mut q).expect("a diamond is acyclic");
    // Citing a missing source.
    refused(&p, Edit::UpdateSource(source("s-a", &["s-nowhere"])), &EditError::NoSource(SourceId("s-nowhere".into())));
    // A cited source cannot be removed.
    assert!(matches!(Edit::RemoveSource(SourceId("s-c".into())).apply(&mut p.clone()), Err(EditError::InUse { .. })));
    // Nor one a claim is attributed to.
    refused(
        &p,
        Edit::RemoveSource(SourceId("s-z".into())),
        &EditError::InUse { what: "source s-z".into(), by: "claim c-1".into() },
    );
}

#[test]
fn removing_what_is_in_use_is_refused() {
    let p = populated();
    refused(
        &p,
        Edit::RemoveAnnotation(doc_id(), AnnotationId("a-claim".into())),
        &EditError::InUse { what: "annotation a-claim".into(), by: "claim c-1".into() },
    );
    refused(
        &p,
        Edit::RemoveAnnotation(doc_id(), AnnotationId("a-said".into())),
        &EditError::InUse { what: "annotation a-said".into(), by: "claim c-1".into() },
    );
    refused(
        &p,
        Edit::RemoveLabel("Cue".into()),
        &EditError::InUse { what: "label \"Cue\"".into(), by: "annotation a-said".into() },
    );
    refused(&p, Edit::RemoveLabel("Nope".into()), &EditError::NoLabel("Nope".into()));
    // Once the claim is gone, both go.
    let mut q = p.clone();
    Edit::Batch(vec![
        Edit::RemoveClaim(doc_id(), ClaimId("c-1".into())),
        Edit::RemoveAnnotation(doc_id(), AnnotationId("a-said".into())),
        Edit::RemoveLabel("Cue".into()),
    ])
    .apply(&mut q)
    .expect("nothing uses them any more");
}

#[test]
fn duplicate_ids_are_refused() {
    let p = populated();
    let a = annotation(&p, "a-said", "Entity", vec![CharRange::new(0, 9)]);
    refused(&p, insert_ann(a), &EditError::DuplicateId("a-said".into()));
    let c = claim("c-1", &["a-claim"], &[]);
    refused(&p, Edit::InsertClaim { doc: doc_id(), index: None, claim: c }, &EditError::DuplicateId("c-1".into()));
    refused(&p, Edit::InsertSource { index: None, source: source("s-z", &[]) }, &EditError::DuplicateId("s-z".into()));
    let d = p.documents[0].clone();
    refused(&p, Edit::InsertDocument { index: None, document: Box::new(d) }, &EditError::DuplicateId("d-0".into()));
    // A document that duplicates ids inside itself.
    let mut d = p.documents[0].clone();
    d.id = DocumentId("d-new".into());
    let dup = d.annotations[0].clone();
    d.annotations.push(dup);
    refused(&p, Edit::InsertDocument { index: None, document: Box::new(d) }, &EditError::DuplicateId("a-said".into()));
}

#[test]
fn label_schema_rules() {
    let p = populated();
    let label = |name: &str, hotkey: Option<u8>| LabelDef {
        name: name.into(),
        color: Rgb(1, 2, 3),
        hotkey,
        description: String::new(),
        role: None,
    };
    refused(&p, Edit::InsertLabel { index: None, label: label("Extra", Some(1)) }, &EditError::DuplicateHotkey(1));
    refused(&p, Edit::InsertLabel { index: None, label: label("Claim", None) }, &EditError::DuplicateLabel("Claim".into()));
    refused(&p, Edit::InsertLabel { index: None, label: label("Extra", Some(10)) }, &EditError::BadHotkey(10));
    refused(&p, Edit::InsertLabel { index: None, label: label("  ", None) }, &EditError::EmptyName("a label's name"));
    refused(&p, Edit::InsertLabel { index: Some(99), label: label("Extra", None) }, &EditError::BadIndex(99));
    // Changing Cue's hotkey to Claim's.
    refused(&p, Edit::UpdateLabel("Cue".into(), label("Cue", Some(1))), &EditError::DuplicateHotkey(1));
    // Renaming to an existing name.
    refused(&p, Edit::UpdateLabel("Cue".into(), label("Claim", None)), &EditError::DuplicateLabel("Claim".into()));
    // Renaming relabels the annotations, and undo restores them.
    let mut q = p.clone();
    let inv = Edit::UpdateLabel("Cue".into(), label("Reporting verb", Some(3))).apply(&mut q).expect("rename");
    assert_eq!(q.documents[0].annotation(&AnnotationId("a-said".into())).map(|a| a.label.as_str()), Some("Reporting verb"));
    check_project(&q).expect("still consistent");
    inv.apply(&mut q).expect("undo rename");
    assert_eq!(q, p);
}

#[test]
fn a_failing_edit_rolls_back_the_whole_batch() {
    let p = populated();
    let ok1 = insert_ann(annotation(&p, "a-new", "Entity", vec![CharRange::new(0, 9)]));
    let ok2 = Edit::InsertSource { index: None, source: source("s-new", &["s-z"]) };
    let ok3 = Edit::SetTitle("changed".into());
    let ok4 = Edit::InsertClaim { doc: doc_id(), index: Some(0), claim: claim("c-new", &["a-new"], &["s-new"]) };
    let bad = Edit::RemoveAnnotation(doc_id(), AnnotationId("a-claim".into()));
    let later = Edit::SetTitle("never".into());
    refused(
        &p,
        Edit::Batch(vec![ok1.clone(), ok2.clone(), Edit::Batch(vec![ok3.clone(), ok4.clone()]), bad, later]),
        &EditError::InUse { what: "annotation a-claim".into(), by: "claim c-1".into() },
    );
    // Failing inside a nested batch rolls back the outer one too.
    refused(
        &p,
        Edit::Batch(vec![ok1, ok2, Edit::Batch(vec![ok3, ok4, Edit::RemoveSource(SourceId("s-none".into()))])]),
        &EditError::NoSource(SourceId("s-none".into())),
    );
}

#[test]
fn history_tracks_dirty_state_and_descriptions() {
    let mut p = project();
    let mut h = History::new();
    assert!(!h.is_dirty());
    assert!(h.undo(&mut p).is_none());
    let a = annotation(&p, "a-1", "Claim", vec![CharRange::new(0, 9)]);
    h.apply(&mut p, insert_ann(a)).expect("insert");
    assert!(h.is_dirty());
    assert_eq!(h.undo_description(), Some("Add Claim annotation"));
    h.mark_saved();
    assert!(!h.is_dirty());
    h.apply(&mut p, Edit::SetTitle("x".into())).expect("title");
    assert!(h.is_dirty());
    assert_eq!(h.undo(&mut p).as_deref(), Some("Rename project"));
    assert!(!h.is_dirty(), "back at the saved state");
    assert_eq!(h.redo_description(), Some("Rename project"));
    h.undo(&mut p);
    assert!(h.is_dirty(), "before the saved state");
    // A new edit after undo clears redo; the saved state is then unreachable.
    h.apply(&mut p, Edit::SetTitle("y".into())).expect("title");
    assert!(h.redo(&mut p).is_none());
    assert!(h.is_dirty());
    h.undo(&mut p);
    assert!(h.is_dirty(), "the state after the save is gone from history");
    // A refused edit changes nothing in the history either.
    let before = p.clone();
    assert!(h.apply(&mut p, Edit::RemoveLabel("nope".into())).is_err());
    assert_eq!(p, before);
    h.mark_unsaved();
    assert!(h.is_dirty());
}

/// `populated()` plus Source spans naming Zelenskyy (`a-src-z`) and the Pentagon (`a-src-p`),
/// sources `s-z` "Zelenskyy" and `s-p` "Pentagon", and claim `c-1` attributed to both with both spans.
fn with_source_spans() -> Project {
    let mut p = populated();
    let z = annotation(&p, "a-src-z", "Source", vec![CharRange::new(0, 9)]);
    let pentagon = annotation(&p, "a-src-p", "Source", vec![CharRange::new(41, 53)]);
    let mut zelenskyy = source("s-z", &[]);
    zelenskyy.name = "Zelenskyy".into();
    let mut pentagon_source = source("s-p", &[]);
    pentagon_source.name = "Pentagon".into();
    let mut c = p.documents[0].claims[0].clone();
    c.attributed_to.push(SourceId("s-p".into()));
    c.source_spans = vec![AnnotationId("a-src-z".into()), AnnotationId("a-src-p".into())];
    Edit::Batch(vec![
        insert_ann(z),
        insert_ann(pentagon),
        Edit::UpdateSource(zelenskyy),
        Edit::InsertSource { index: None, source: pentagon_source },
        Edit::UpdateClaim(doc_id(), c),
    ])
    .apply(&mut p)
    .expect("valid setup");
    p
}

#[test]
fn removing_a_source_from_a_claim_unlinks_the_spans_naming_it_undoably() {
    use claimlens::ops::claims::remove_source_from_claim;
    let mut p = with_source_spans();
    let before = p.clone();
    let changeset = remove_source_from_claim(&p, &doc_id(), &ClaimId("c-1".into()), &SourceId("s-p".into())).unwrap();
    assert_eq!(changeset.name(), "Remove Pentagon from claim");
    let mut h = History::new();
    h.apply_changeset(&mut p, changeset).unwrap();
    let c = &p.documents[0].claims[0];
    assert_eq!(c.attributed_to, [SourceId("s-z".into())]);
    assert_eq!(c.source_spans, [AnnotationId("a-src-z".into())], "the Pentagon's span goes with it");
    assert!(p.documents[0].annotation(&AnnotationId("a-src-p".into())).is_some(), "the annotation itself stays");
    assert_eq!(h.undo_description(), Some("Remove Pentagon from claim"));
    h.undo(&mut p).unwrap();
    assert_eq!(p, before);
}

#[test]
fn a_claim_left_without_sources_drops_its_pronoun_span_too() {
    use claimlens::ops::claims::update_claim;
    let mut p = populated();
    let he = annotation(&p, "a-it", "Source", vec![CharRange::new(64, 66)]);
    assert_eq!(he.quote.exact, "it");
    insert_ann(he).apply(&mut p).unwrap();
    let mut c = p.documents[0].claims[0].clone();
    c.source_spans = vec![AnnotationId("a-it".into())];
    Edit::UpdateClaim(doc_id(), c.clone()).apply(&mut p).expect("a pronoun names no source: it may stay");
    // The claim's last source goes: the pronoun, which named it, goes with it.
    c.attributed_to.clear();
    let changeset = update_claim(&p, &doc_id(), c).unwrap();
    changeset.into_edit().apply(&mut p).unwrap();
    assert!(p.documents[0].claims[0].source_spans.is_empty());
}

#[test]
fn a_source_span_must_name_one_of_its_claims_sources() {
    let p = with_source_spans();
    let mut stray = p.documents[0].claims[0].clone();
    stray.attributed_to.retain(|s| s.0 != "s-p");
    let expected = EditError::StraySourceSpan { claim: ClaimId("c-1".into()), span: AnnotationId("a-src-p".into()) };
    refused(&p, Edit::UpdateClaim(doc_id(), stray.clone()), &expected);
    // A span that names no registered source is the claim's own.
    let mut q = p.clone();
    let mut unattributed = stray;
    unattributed.source_spans.retain(|s| s.0 != "a-src-p");
    Edit::UpdateClaim(doc_id(), unattributed.clone()).apply(&mut q).unwrap();
    unattributed.source_spans.push(AnnotationId("a-src-p".into()));
    Edit::Batch(vec![Edit::RemoveSource(SourceId("s-p".into())), Edit::UpdateClaim(doc_id(), unattributed)])
        .apply(&mut q)
        .expect("a span naming no registered source is the claim's own");
    check_project(&q).unwrap();
}

#[test]
fn loading_a_file_with_a_stray_source_span_repairs_it_with_a_warning() {
    let mut p = with_source_spans();
    // As the window saved it before the fix: the source is gone from the claim, its span stayed.
    p.documents[0].claims[0].attributed_to.retain(|s| s.0 != "s-p");
    assert!(check_project(&p).is_err());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.claimlens.ron");
    std::fs::write(&path, claimlens::store::to_ron(&p).unwrap()).unwrap();
    let loaded = claimlens::store::load(&path).expect("repaired, not refused");
    assert_eq!(loaded.repairs.len(), 1, "{:?}", loaded.repairs);
    assert!(loaded.repairs[0].contains("a-src-p") && loaded.repairs[0].contains("The Pentagon"), "{:?}", loaded.repairs);
    assert_eq!(loaded.project.documents[0].claims[0].source_spans, [AnnotationId("a-src-z".into())]);
    let mut out = Vec::new();
    claimlens::cli::run(claimlens::cli::Command::Check { project: path }, &mut out).unwrap();
    let report = String::from_utf8(out).unwrap();
    assert!(report.contains("warning:") && report.contains("unlinked"), "{report}");
}

/// A document answers whether it has an annotation id from a set kept up to date with its
/// journal: after random inserts (anywhere), removals and replacements, one to three between
/// questions, and undos, it answers as reading every annotation would; an id already used is
/// refused for a new annotation, in any document of the project.
#[test]
fn a_documents_id_set_follows_its_edits() {
    let mut project = Project::new("ids");
    project.documents.push(claimlens::model::Document::new("a", "Officials said the troops came. ".repeat(40)));
    project.documents.push(claimlens::model::Document::new("b", "Another article, said the minister."));
    let (doc, other) = (project.documents[0].id.clone(), project.documents[1].id.clone());
    let len = project.documents[0].text.chars().count();
    let mut history = History::new();
    let mut seed = 11u64;
    let mut next = move |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap() % n.max(1)
    };
    let mut gone: Vec<AnnotationId> = Vec::new();
    for step in 0..300 {
        for _ in 0..=next(3) {
            let d = &project.documents[0];
            let count = d.annotations.len();
            let start = next(len - 10);
            let a = Annotation::new(&TextIndex::new(&d.text), "Claim", vec![CharRange::new(start, start + 1 + next(8))], "t");
            let edit = match next(7) {
                0 if count > 0 => {
                    let id = d.annotations[next(count)].id.clone();
                    gone.push(id.clone());
                    Edit::RemoveAnnotation(doc.clone(), id)
                }
                1 if count > 0 => {
                    Edit::UpdateAnnotation(doc.clone(), Annotation { id: d.annotations[next(count)].id.clone(), ..a })
                }
                2 => Edit::InsertAnnotation { doc: doc.clone(), index: Some(next(count + 1)), annotation: a },
                3 => Edit::InsertAnnotation { doc: doc.clone(), index: Some(next(count.min(2) + 1)), annotation: a },
                _ => Edit::InsertAnnotation { doc: doc.clone(), index: None, annotation: a },
            };
            history.apply(&mut project, edit).unwrap();
        }
        if step % 17 == 16 {
            history.undo(&mut project).unwrap();
        }
        let d = &project.documents[0];
        for a in &d.annotations {
            assert!(d.has_annotation_id(&a.id), "step {step}: {} is there", a.id);
        }
        for id in gone.iter().filter(|id| d.annotation(id).is_none()) {
            assert!(!d.has_annotation_id(id), "step {step}: {id} was removed");
        }
    }
    let d = &project.documents[0];
    let taken = d.annotations[0].clone();
    let copy = Annotation { ranges: vec![CharRange::new(0, 9)], quote: Quote::of(&d.index(), &[CharRange::new(0, 9)]), ..taken };
    let err = Edit::InsertAnnotation { doc: other, index: None, annotation: copy }.apply(&mut project).unwrap_err();
    assert!(matches!(err, EditError::DuplicateId(_)), "{err:?}");
}
