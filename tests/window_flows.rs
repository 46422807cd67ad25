//! Window flows that go through the operations layer (`claimlens::ops`): saving a claim after
//! taking a source off it, undo that is refused, repairs made while opening, named undo steps.
//! Driven the way a person would: by labels, keys and the mouse (`egui_kittest`, headless).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::model::{Claim, Project};
use claimlens::store;
use claimlens::ui::ClaimlensApp;
use claimlens::ui::settings::ThemeChoice;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use window_harness::*;

/// A claim of the sample with a linked source span that names one of its sources, and that source's name.
fn claim_with_linked_span(project: &Project) -> (Claim, String) {
    let doc = project.documents.first().unwrap();
    doc.claims
        .iter()
        .find_map(|c| {
            c.source_spans.iter().find_map(|span| {
                let quote = &doc.annotation(span)?.quote.exact;
                let source = project.source_named(quote)?;
                c.attributed_to.contains(&source.id).then(|| (c.clone(), source.name.clone()))
            })
        })
        .expect("the sample has a claim whose source span names its source")
}

#[test]
fn taking_a_source_off_a_claim_saves_and_unlinks_its_span() {
    let path = sample_copy("unlink-span");
    let mut h = harness(app_on(&path));
    let (claim, source) = claim_with_linked_span(&h.state().session.project);
    // As clicking its row in the Claims tab does; then its Edit button.
    h.state_mut().view.panel.selected_claim = Some(claim.id.clone());
    h.run_steps(10);
    h.get_by_label("Edit claim…").click();
    h.run();
    h.get_by_label("Edit claim");
    h.get_by_label(&format!("Remove {source}")).click();
    h.run();
    h.get_by_label("Save claim").click();
    h.run();
    assert!(h.state().view.claim_draft.is_none(), "the editor closed: {}", h.state().status);
    let saved = doc(&h).claim(&claim.id).unwrap().clone();
    let source_id = h.state().session.project.source_named(&source).unwrap().id.clone();
    assert!(!saved.attributed_to.contains(&source_id), "the source is off the claim");
    assert!(saved.source_spans.len() < claim.source_spans.len(), "its span is unlinked: {:?}", saved.source_spans);
    assert_eq!(h.state().session.history.undo_description(), Some("Edit claim"));
    // One undo puts the source and its span back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h).claim(&claim.id), Some(&claim));
}

#[test]
fn a_refused_undo_shows_an_error_and_keeps_the_step() {
    let path = sample_copy("refused-undo");
    let mut h = harness(app_on(&path));
    label_next_sentence(&mut h, Key::Num4);
    let steps = h.state().session.history.undo_len();
    assert_eq!(steps, 1);
    // Another part of the program changed the project behind the history's back: the
    // annotation the undo would remove is gone already.
    let app = h.state_mut();
    let d = app.session.project.documents.first_mut().unwrap();
    d.annotations.pop();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label("Could not undo");
    assert_eq!(h.state().session.history.undo_len(), steps, "the step is kept");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.query_by_label("Could not undo").is_none());
}

#[test]
fn repairs_made_while_opening_are_shown() {
    let sample = sample_copy("repairs");
    let mut project = store::load(&sample).unwrap().project;
    let (claim, source) = claim_with_linked_span(&project);
    let source_id = project.source_named(&source).unwrap().id.clone();
    // As the window saved it before the fix: the source off the claim, its span still linked.
    let stray = project.documents[0].claims.iter_mut().find(|c| c.id == claim.id).unwrap();
    stray.attributed_to.retain(|s| s != &source_id);
    stray.via.retain(|s| s != &source_id);
    let path = sample.with_file_name("stray.claimlens.ron");
    std::fs::write(&path, store::to_ron(&project).unwrap()).unwrap();
    let h = harness(app_on(&path));
    h.get_by_label("Repairs made while opening");
    assert!(h.query_all_by_label_contains(&source).next().is_some(), "the notice names the source");
    assert!(h.state().session.document().is_some(), "the project is open");
}

#[test]
fn accepting_suggestions_is_one_named_undo_step() {
    let mut app = ClaimlensApp::new(settings(ThemeChoice::Light));
    app.import_into_new(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/g7-dprk-troops-censor-net.txt"));
    let mut h = harness(app);
    h.get_by_label("Suggestions").click();
    h.run();
    h.get_by_label("Suggest attributions and dates").click();
    h.run();
    let dates = h.state().view.suggestions.as_ref().unwrap().proposals.iter().filter(|p| p.kind.label() == "Date").count();
    assert!(dates >= 2, "{dates} date suggestions");
    h.get_by_label_contains("Accept all dates").click();
    h.run();
    let expected = format!("Undo Accept {dates} suggestions");
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains(&expected);
}

#[test]
fn deleting_the_selected_annotation_is_a_named_step() {
    let path = sample_copy("delete-named");
    let mut h = harness(app_on(&path));
    label_next_sentence(&mut h, Key::Num4);
    let before = doc(&h).annotations.len();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(doc(&h).annotations.len(), before - 1);
    let undo = h.state().session.history.undo_description().unwrap_or_default().to_owned();
    assert!(undo.starts_with("Delete annotation \""), "{undo}");
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains(&format!("Undo {undo}"));
}
