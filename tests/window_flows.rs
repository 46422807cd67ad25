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
    assert!(undo.starts_with("Delete annotation \u{201c}"), "{undo}");
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains(&format!("Undo {undo}"));
}

/// Delete on a claim's source span takes the span off the claim, which keeps its source and
/// text, in one undo step (it used to be refused with the two ids in the status bar).
#[test]
fn deleting_a_claims_source_span_keeps_the_claim() {
    let path = sample_copy("delete-source-span");
    let mut h = harness(app_on(&path));
    let claim = doc(&h).claims.iter().find(|c| !c.source_spans.is_empty() && c.cue.is_some()).unwrap().clone();
    let span = claim.source_spans[0].clone();
    let (annotations, claims) = (doc(&h).annotations.len(), doc(&h).claims.len());
    h.state_mut().view.reader.selected = Some(span.clone());
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert!(!h.state().status.contains("Not"), "{}", h.state().status);
    assert_eq!(doc(&h).annotations.len(), annotations - 1, "the span is gone");
    assert_eq!(doc(&h).claims.len(), claims, "the claim stays");
    let kept = doc(&h).claim(&claim.id).unwrap();
    assert!(!kept.source_spans.contains(&span));
    assert_eq!((&kept.attributed_to, &kept.content, &kept.cue), (&claim.attributed_to, &claim.content, &claim.cue));
    // Its cue too; then one undo brings the cue back on the claim.
    h.state_mut().view.reader.selected = claim.cue.clone();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(doc(&h).claim(&claim.id).unwrap().cue, None);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h).claim(&claim.id).unwrap().cue, claim.cue);
    claimlens::edit::check_project(&h.state().session.project).unwrap();
}

#[test]
fn a_renamed_claim_label_still_makes_claims_that_export() {
    let path = sample_copy("rename-label");
    let mut h = harness(app_on(&path));
    let claims = doc(&h).claims.len();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Labels…").click();
    h.run();
    h.get_by_label("Claim").click();
    h.run();
    h.get_by_label("Label name").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label("Label name").type_text("Assertion");
    h.run();
    h.get_by_label("Save label").click();
    h.run();
    h.get_by_label("Close labels").click();
    h.run();
    let project = &h.state().session.project;
    assert!(project.label("Claim").is_none() && project.label("Assertion").is_some(), "renamed");
    assert_eq!(h.state().session.history.undo_description(), Some("Edit label Claim"));
    // Ctrl+Enter still makes a claim of the selection, with the renamed label.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    h.get_by_label("New claim");
    h.get_by_label("Save claim").click();
    // The new claim is selected: the list scrolls to it and the inspector shows it. Step.
    h.run_steps(8);
    let d = doc(&h);
    assert_eq!(d.claims.len(), claims + 1);
    let claim = d.claims.last().unwrap();
    let content = d.annotation(&claim.content[0]).unwrap();
    assert_eq!(content.label, "Assertion");
    let quote = content.quote.exact.clone();
    h.get_by_label(&format!("{} of {} claims", claims + 1, claims + 1));
    // Exported to CSV (the Export dialog's first format) with that claim in it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_all_by_label("Export").last().unwrap().click();
    h.run();
    let csv = std::fs::read_to_string(path.with_file_name("sample.csv")).unwrap();
    assert!(csv.contains(&quote), "the new claim is in the CSV");
    assert_eq!(csv.lines().filter(|l| l.contains(&quote)).count(), 1);
}

#[test]
fn make_claim_on_a_claims_content_opens_that_claim() {
    let path = sample_copy("make-claim-existing");
    let mut h = harness(app_on(&path));
    let claims = doc(&h).claims.len();
    let first = doc(&h).claims[0].clone();
    let content = first.content[0].clone();
    // As clicking its highlight does: the annotation is selected.
    h.state_mut().view.reader.selected = Some(content);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    h.get_by_label("Edit claim");
    assert!(h.query_by_label("New claim").is_none(), "no empty form for a duplicate");
    h.get_by_label("Save claim").click();
    h.run();
    assert_eq!(doc(&h).claims.len(), claims, "no duplicate");
}

#[test]
fn a_document_is_removed_from_its_context_menu_and_the_palette() {
    let path = sample_copy("remove-doc");
    let mut h = harness(app_on(&path));
    import_bundled_article_here(&mut h);
    let titles = |h: &egui_kittest::Harness<'_, ClaimlensApp>| {
        h.state().session.project.documents.iter().map(|d| d.title.clone()).collect::<Vec<_>>()
    };
    let both = titles(&h);
    assert_eq!(both.len(), 2);
    h.get_by_label("Documents");
    let second = claimlens::formats::text::shorten(&both[1], 60);
    h.get_all_by_label(&second).next().unwrap().click_secondary();
    h.run();
    h.get_by_label("Remove document").click();
    h.run();
    assert_eq!(titles(&h), both[..1]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(titles(&h), both, "undo puts it back");
    // The palette removes the shown one.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label("Command").type_text("remove document");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(titles(&h).len(), 1);
}

#[test]
fn the_via_chain_takes_registered_sources_and_new_ones_typed_in_place() {
    let path = sample_copy("via-new-source");
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    h.get_by_label("New claim");
    let registered = h.state().session.project.sources.last().unwrap().clone();
    h.get_by_label("Add to chain…").click();
    h.run();
    h.get_all_by_label(&registered.name).last().unwrap().click();
    h.run();
    h.get_by_label("New source…").focus();
    h.get_by_label("New source…").type_text("Kyodo News");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Save claim").click();
    h.run_steps(8);
    let project = &h.state().session.project;
    let kyodo = project.source_named("Kyodo News").expect("the typed source is registered").id.clone();
    let claim = doc(&h).claims.last().unwrap();
    assert_eq!(claim.via, [registered.id, kyodo]);
}

#[test]
fn import_article_asks_new_project_or_this_one() {
    let path = sample_copy("import-asks");
    let mut h = harness(app_on(&path));
    let article = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/g7-dprk-troops-censor-net.txt");
    file_menu_with_path(&mut h, "Import Article…", &article, "Import");
    h.run();
    h.get_by_label_contains("is the default");
    assert_eq!(h.state().session.project.documents.len(), 1, "nothing imported before the answer");
    // Enter takes the default: this project.
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().session.project.documents.len(), 2);
    // Again, into a new project (the sample copy is unchanged on disk: no question about saving).
    h.state_mut().session.history.mark_saved();
    file_menu_with_path(&mut h, "Import Article…", &article, "Import");
    h.run();
    h.get_by_label("New project").click();
    h.run();
    let project = &h.state().session.project;
    assert_eq!(project.documents.len(), 1);
    assert!(h.state().session.path.is_none(), "a new, unsaved project");
    assert!(project.documents[0].text.starts_with("The foreign ministers"));
}

#[test]
fn enter_saves_the_claim_editor_and_esc_cancels_it() {
    let path = sample_copy("editor-keys");
    let mut h = harness(app_on(&path));
    let claims = doc(&h).claims.len();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    h.get_by_label("New claim");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().view.claim_draft.is_none(), "Esc cancels");
    assert_eq!(doc(&h).claims.len(), claims);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    h.get_by_label("Event date").focus();
    h.get_by_label("Event date").type_text("2024-10-28");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().view.claim_draft.is_none(), "Enter saves: {}", h.state().status);
    assert_eq!(doc(&h).claims.len(), claims + 1);
    assert_eq!(doc(&h).claims.last().unwrap().event_date.map(|d| d.to_string()).as_deref(), Some("2024-10-28"));
}

/// Each claim as a user reads it: content, sources and via chain by name.
fn claims_read(project: &Project) -> Vec<(String, Vec<String>, Vec<String>)> {
    let doc = project.documents.first().unwrap();
    let names = |ids: &[claimlens::model::SourceId]| -> Vec<String> {
        ids.iter().filter_map(|id| project.source(id)).map(|s| s.name.clone()).collect()
    };
    doc.claims
        .iter()
        .map(|c| {
            let content: Vec<String> =
                c.content.iter().filter_map(|id| doc.annotation(id)).map(|a| a.quote.exact.clone()).collect();
            (content.join(" … "), names(&c.attributed_to), names(&c.via))
        })
        .collect()
}

/// What else a user sees after accepting: every span by label and text, and every source with
/// its kind, whom it cites, whom it speaks for and the days claims were said.
fn marks_read(project: &Project) -> (Vec<(String, String)>, Vec<String>) {
    let doc = project.documents.first().unwrap();
    let mut spans: Vec<(String, String)> = doc.annotations.iter().map(|a| (a.label.clone(), a.quote.exact.clone())).collect();
    spans.sort();
    let name = |id: &claimlens::model::SourceId| project.source(id).map_or(String::new(), |s| s.name.clone());
    let mut sources: Vec<String> = project
        .sources
        .iter()
        .map(|s| {
            let mut cites: Vec<String> = s.cites.iter().map(name).collect();
            cites.sort();
            format!("{} ({}) cites {cites:?}, speaks for {:?}", s.name, s.kind.label(), s.speaks_for.as_ref().map(name))
        })
        .chain(doc.claims.iter().filter_map(|c| c.said_on).map(|d| format!("said on {d}")))
        .collect();
    sources.sort();
    (spans, sources)
}

/// The window's Suggest, then Accept all, gives the reference article the claims,
/// sources and chains `claimlens suggest P.claimlens.ron --apply` gives it, and the same spans
/// (the citation sentence's Source and Cue spans among them) and sources.
#[test]
fn accepting_all_in_the_window_gives_what_suggest_apply_gives() {
    let article = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/articles/g7-dprk-troops-censor-net.txt");
    let mut app = ClaimlensApp::new(settings(ThemeChoice::Light));
    app.import_into_new(&article);
    let mut h = harness(app);
    h.get_by_label("Suggestions").click();
    h.run();
    h.get_by_label("Suggest attributions and dates").click();
    h.run();
    // One button accepts every kind at once, as suggest --apply does.
    h.get_by_label_contains("Accept all (").click();
    h.run();
    assert!(h.query_by_label("No suggestions left.").is_some(), "every suggestion was taken");
    let window = claims_read(&h.state().session.project);
    let window_marks = marks_read(&h.state().session.project);
    // The citation sentence shows its outlet, agency and words; Ryder speaks for the Pentagon.
    for mark in [("Source", "Censor.NET"), ("Cue", "reports"), ("Cue", "citing"), ("Source", "Ukrinform")] {
        assert!(window_marks.0.contains(&(mark.0.to_owned(), mark.1.to_owned())), "{mark:?}");
    }
    assert!(window_marks.1.iter().any(|s| s.starts_with("Pat Ryder (Official)") && s.ends_with("speaks for Some(\"Pentagon\")")));

    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("p.claimlens.ron");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimlens")).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run(&["import", article.to_str().unwrap(), "-o", path.to_str().unwrap()]);
    run(&["suggest", path.to_str().unwrap(), "--apply"]);
    let cli = claims_read(&store::load(&path).unwrap().project);
    assert!(window.len() >= 12, "{window:#?}");
    assert_eq!(window, cli);
    assert_eq!(window_marks, marks_read(&store::load(&path).unwrap().project));
}

/// A note typed for a claim's text span is the span's; the inspector says so and opens the
/// claim, whose own note is the one the exports give.
#[test]
fn the_inspector_of_a_claims_text_leads_to_the_claims_own_note() {
    let path = sample_copy("inspector-claim-note");
    let mut h = harness(app_on(&path));
    let claim = doc(&h).claims[0].clone();
    h.state_mut().view.reader.selected = Some(claim.content[0].clone());
    h.run();
    assert!(h.query_by_label_contains("This span is a claim's text").is_some(), "the inspector says whose note it is");
    assert!(h.query_by_label("Save span note").is_some());
    h.get_by_label("Open the claim…").click();
    h.run();
    let draft = h.state().view.claim_draft.as_ref().expect("the claim editor is open");
    assert_eq!(draft.claim.id, claim.id);
    // An annotation that is no claim's text has no such line.
    let free = doc(&h).annotations.iter().find(|a| doc(&h).claims.iter().all(|c| !c.content.contains(&a.id))).unwrap().id.clone();
    h.state_mut().view.claim_draft = None;
    h.state_mut().view.reader.selected = Some(free);
    h.run();
    assert!(h.query_by_label_contains("This span is a claim's text").is_none());
}

/// Keyboard-only: a word marked Cue, then the claim's words and `Ctrl+Enter`: the claim editor
/// starts with that cue (a new user found it at "(none)" beside the Cue span just marked).
#[test]
fn a_new_claim_starts_with_the_cue_marked_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("bridge.txt");
    std::fs::write(&article, "The mayor said the bridge will close in May.\n\nCritics said the plan costs too much.\n").unwrap();
    let mut app = ClaimlensApp::new(settings(ThemeChoice::Light));
    app.import_into_new(&article);
    let mut h = harness(app);
    h.state_mut().view.reader.selection = Some(claimlens::anchor::CharRange::new(10, 14));
    h.run();
    h.key_press(Key::Num3);
    h.run();
    let cue = doc(&h).annotations.iter().find(|a| a.quote.exact == "said").expect("said is marked").clone();
    assert!(h.state().session.project.plays(&cue, claimlens::model::LabelRole::Cue), "{cue:?}");
    h.state_mut().view.reader.selection = Some(claimlens::anchor::CharRange::new(15, 44));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Enter);
    h.run();
    let draft = h.state().view.claim_draft.as_ref().expect("the claim editor is open");
    assert_eq!(draft.claim.cue.as_ref(), Some(&cue.id));
}
