//! The window, driven the way a person would: by labels, keys and the mouse (`egui_kittest`,
//! headless).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::model::{Project, Verdict};
use claimlens::store;
use claimlens::ui::ClaimlensApp;
use claimlens::ui::settings::ThemeChoice;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::PathBuf;
use std::time::Duration;
use window_harness::*;

#[test]
fn the_sample_opens_with_its_claims_listed() {
    let path = sample_copy("opens");
    let mut h = harness(app_on(&path));
    let n = doc(&h).claims.len();
    assert!(n >= 10, "the sample has {n} claims");
    h.get_by_label(&format!("{n} of {n} claims"));
    assert!(h.get_all_by_label_contains("Censor.NET ← Ukrinform").count() >= 1, "chains are shown");
    // The list shows the rows in view; the last claims come into view as it scrolls.
    assert!(h.query_all_by_label_contains("Pat Ryder").next().is_none(), "the last claims are below the fold");
    scroll_claims_to(&mut h, "Pat Ryder");
    assert!(!h.state().session.is_dirty());
    assert!(h.state().title().starts_with("sample.claimlens.ron — claimlens"), "{}", h.state().title());
}

#[test]
fn drag_select_label_with_hotkey_then_undo_and_redo() {
    let path = sample_copy("label");
    let mut h = harness(app_on(&path));
    let before = doc(&h).annotations.len();
    drag_select(&mut h, 0.02, 0.3);
    let sel = h.state().view.reader.selection.expect("the drag selected text");
    assert!(sel.len() > 3, "{sel:?}");
    // The label popup offers the labels with their hotkeys.
    h.get_by_label("2 Source");
    h.key_press(Key::Num2);
    h.run();
    let d = doc(&h);
    assert_eq!(d.annotations.len(), before + 1);
    let added = d.annotations.last().unwrap().clone();
    assert_eq!(added.label, "Source");
    assert_eq!(added.ranges, vec![sel]);
    assert!(h.state().title().contains('*'), "unsaved marker in the title: {}", h.state().title());
    h.get_by_label("Annotations").click();
    h.run();
    assert!(h.get_all_by_label_contains(&claimlens::formats::text::shorten(&added.quote.exact, 80)).count() >= 1);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h).annotations.len(), before, "undo removes it");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(doc(&h).annotations.len(), before + 1, "redo restores it");
    assert_eq!(doc(&h).annotations.last().unwrap().ranges, vec![sel]);
}

#[test]
fn keyboard_only_claim_with_source_and_verdict() {
    let path = sample_copy("keyboard");
    let mut h = harness(app_on(&path));
    let claims_before = doc(&h).claims.len();
    // Sentence cursor: Alt+Down selects the first sentence, again the second.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    let sel = h.state().view.reader.selection.expect("a sentence is selected");
    let text = claimlens::anchor::slice_chars(&doc(&h).text, sel).to_owned();
    assert!(text.starts_with("This is stated in a statement"), "{text:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    h.get_by_label("New claim");
    // Pick a registered source and a verdict, then save.
    h.get_by_label("Add source…").click();
    h.run();
    let source_name = h.state().session.project.sources[0].name.clone();
    h.get_all_by_label(&source_name).last().unwrap().click();
    h.run();
    // The editor's verdict box (the Claims tab has a Verdict filter too).
    h.get_all_by_role_and_label(egui::accesskit::Role::ComboBox, "Verdict").last().unwrap().click();
    h.run();
    // The choice in the open list, not a verdict badge of the Claims tab.
    h.get_all_by_label("Supported").find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label).unwrap().click();
    h.run();
    h.get_by_label("Event date").focus();
    h.get_by_label("Event date").type_text("2024-11-05");
    h.run();
    h.get_by_label("Save claim").click();
    // The new claim is selected: the list scrolls to it and the inspector shows it. Step.
    h.run_steps(8);
    let d = doc(&h);
    assert_eq!(d.claims.len(), claims_before + 1);
    let claim = d.claims.last().unwrap();
    assert_eq!(claim.verdict, Verdict::Supported);
    assert_eq!(claim.attributed_to.len(), 1);
    assert_eq!(claim.event_date.map(|e| e.to_string()).as_deref(), Some("2024-11-05"));
    assert_eq!(d.annotation(&claim.content[0]).unwrap().quote.exact, text);
    // One undo step removes the claim and its new content annotation together.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h).claims.len(), claims_before);
}

#[test]
fn save_then_reload_gives_the_same_project() {
    let path = sample_copy("save");
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press(Key::Num4);
    h.run();
    assert!(h.state().session.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().session.is_dirty(), "status: {}", h.state().status);
    let reloaded = store::load(&path).unwrap().project;
    assert_eq!(&reloaded, &h.state().session.project);
    assert!(store::backup_path(&path).exists(), "the previous version is kept as .bak");
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let path = sample_copy("close");
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press(Key::Num4);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Save changes?").is_none());
    assert_eq!(h.state().session.path.as_deref(), Some(path.as_path()), "cancel keeps the project open");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().session.project.documents.is_empty(), "discard closes it");
    // Quitting with unsaved changes asks too.
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press(Key::Num4);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    h.get_by_label("Save changes?");
    assert!(!h.state().quit_requested);
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().quit_requested, "saved, then quit");
    assert!(!h.state().session.is_dirty());
}

#[test]
fn a_corrupt_file_shows_an_error_and_the_app_stays_usable() {
    let dir = temp_dir("corrupt");
    let bad = dir.join("bad.claimlens.ron");
    std::fs::write(&bad, "(\n  format: \"claimlens\",\n  version: 1,\n  title: oops,\n)\n").unwrap();
    let before = std::fs::read(&bad).unwrap();
    let good = sample_copy("corrupt-good");
    let mut h = harness(app_on(&good));
    h.state_mut().open_project(&bad);
    h.run();
    h.get_by_label("Could not open the project");
    assert!(!h.get_all_by_label_contains("bad.claimlens.ron:4:").collect::<Vec<_>>().is_empty());
    h.get_by_label("OK").click();
    h.run();
    assert!(h.query_by_label("Could not open the project").is_none());
    assert_eq!(h.state().session.path.as_deref(), Some(good.as_path()), "the open project stays");
    assert_eq!(std::fs::read(&bad).unwrap(), before, "the bad file is untouched");
    // Still usable: the menus work.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label_contains("Find Next");
}

#[test]
fn find_highlights_and_counts_matches() {
    let path = sample_copy("find");
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find").type_text("pentagon");
    h.run();
    let expected = claimlens::ui::app::find_all(&doc(&h).text, "Pentagon").len();
    assert!(expected >= 3);
    h.get_by_label(&format!("1 of {expected}"));
    h.get_by_label("Next match").click();
    h.run();
    h.get_by_label(&format!("2 of {expected}"));
    h.get_by_label("Previous match").click();
    h.run();
    h.get_by_label(&format!("1 of {expected}"));
}

#[test]
fn clicking_a_claim_scrolls_the_article_to_it() {
    let path = sample_copy("scroll");
    let mut h = harness(app_on(&path));
    let top_before = article_rect(&h).top();
    // The last claim of the list: scroll the panel to it, then click it.
    scroll_claims_to(&mut h, "approximately several thousand North Korean soldiers");
    h.get_by_label_contains("approximately several thousand North Korean soldiers").click();
    // The article scrolls, and the claim flashes for a moment.
    h.run_steps(150);
    let top_after = article_rect(&h).top();
    assert!(top_after < top_before - 100.0, "the article scrolled: {top_before} -> {top_after}");
    let selected = h.state().view.reader.selected.clone().expect("the claim's content is selected");
    assert!(doc(&h).annotation(&selected).unwrap().quote.exact.contains("Kursk"));
}

#[test]
fn the_command_palette_runs_commands() {
    let path = sample_copy("palette");
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label("Command").type_text("dark theme");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().settings.theme, ThemeChoice::Dark);
}

#[test]
fn a_new_project_imports_an_article_through_the_path_field() {
    let mut h = harness(ClaimlensApp::new(settings(ThemeChoice::Light)));
    let article = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/g7-dprk-troops-censor-net.txt");
    file_menu_with_path(&mut h, "Import Article…", &article, "Import");
    h.run();
    let d = doc(&h);
    assert!(d.text.starts_with("The foreign ministers"));
    assert_eq!(d.published.map(|p| p.to_string()).as_deref(), Some("2024-11-05"));
    assert!(h.state().session.is_dirty(), "an import is unsaved work");
    let _ = Project::new("x");
}

fn snapshot_of_the_sample(theme: ThemeChoice, name: &str) {
    let path = sample_copy(name);
    let mut app = ClaimlensApp::new(settings(theme));
    app.open_project(&path);
    let mut h = Harness::builder()
        .with_size([900.0, 560.0])
        .with_theme(if theme == ThemeChoice::Dark { egui::Theme::Dark } else { egui::Theme::Light })
        .with_max_steps(window_harness::MAX_STEPS)
        .build_ui_state(frame, app);
    h.run();
    h.snapshot(name);
}

#[test]
fn snapshot_of_the_sample_in_light() {
    snapshot_of_the_sample(ThemeChoice::Light, "sample_light");
}

#[test]
fn snapshot_of_the_sample_in_dark() {
    snapshot_of_the_sample(ThemeChoice::Dark, "sample_dark");
}

#[test]
fn file_export_writes_the_chosen_format() {
    let path = sample_copy("export");
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert_eq!(h.get_all_by_label("Export").count(), 2, "the dialog's heading and its button");
    h.get_by_label("W3C Web Annotation (JSON-LD)").click();
    h.run();
    let target = path.with_file_name("sample.jsonld");
    assert_eq!(
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, "File").value().as_deref(),
        Some(target.display().to_string().as_str()),
        "named after the project"
    );
    h.get_all_by_label("Export").last().unwrap().click();
    h.run();
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(json["total"].as_u64(), Some(doc(&h).annotations.len() as u64));
    assert!(h.state().status.starts_with("Exported"), "{}", h.state().status);
}

#[test]
fn suggestions_are_reviewed_and_accepted_as_undoable_edits() {
    let mut app = ClaimlensApp::new(settings(ThemeChoice::Light));
    app.import_into_new(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/g7-dprk-troops-censor-net.txt"));
    let mut h = harness(app);
    assert!(doc(&h).claims.is_empty());
    h.get_by_label("Suggestions").click();
    h.run();
    h.get_by_label("Suggest attributions and dates").click();
    h.run();
    let pending = h.state().view.suggestions.as_ref().map_or(0, |s| s.proposals.len());
    assert!(pending >= 8, "{pending} proposals");
    assert!(doc(&h).claims.is_empty(), "nothing changes before accepting");
    assert!(!h.state().view.reader.marks.is_empty(), "suggestions are marked in the article");
    h.get_by_label_contains("Y accept");
    // Y accepts the current proposal (the first attribution in text order).
    h.key_press(Key::Y);
    h.run();
    assert_eq!(doc(&h).claims.len(), 1);
    assert_eq!(h.state().view.suggestions.as_ref().map_or(0, |s| s.proposals.len()), pending - 1);
    // N rejects the next one: nothing changes in the project.
    h.key_press(Key::N);
    h.run();
    assert_eq!(doc(&h).claims.len(), 1);
    // All dates at once, then the timeline lists them in date order.
    h.get_by_label_contains("Accept all dates").click();
    h.run();
    let dates: Vec<String> =
        doc(&h).annotations.iter().filter(|a| a.label == "Date").filter_map(|a| a.attributes.get("value").cloned()).collect();
    assert!(dates.contains(&"2024-10-28".to_owned()), "{dates:?}");
    assert!(dates.contains(&"2024-10-27..2024-10-28".to_owned()), "{dates:?}");
    h.get_by_label("Timeline").click();
    h.run();
    h.get_by_label("2024-10-25");
    // One undo removes all the dates accepted together.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(doc(&h).annotations.iter().all(|a| a.label != "Date"));
    assert_eq!(doc(&h).claims.len(), 1);
}

#[test]
fn updating_the_article_text_moves_annotations_and_orphans_can_be_reattached() {
    let path = sample_copy("update");
    let old = claimlens::store::load(&path).unwrap().project;
    let old_text = old.documents[0].text.clone();
    let new_text = format!(
        "Editor's note: this article was updated.\n\n{}",
        old_text
            .replace("Pentagon spokesman Pat Ryder", "Pentagon press secretary Pat Ryder")
            .replace(" A smaller number of them are already in the Kursk region.", "")
    );
    let new_file = path.with_file_name("updated.txt");
    std::fs::write(&new_file, &new_text).unwrap();
    let mut h = harness(app_on(&path));
    file_menu_with_path(&mut h, "Update Article Text…", &new_file, "Update");
    h.run();
    assert!(h.state().status.starts_with("Updated the text"), "{}", h.state().status);
    let d = doc(&h);
    assert_eq!(d.text, new_text);
    assert_eq!(d.annotations.len(), old.documents[0].annotations.len(), "no annotation is lost");
    // Every placed annotation sits on its own text; the deleted sentence's claim is an orphan.
    let orphans: Vec<String> = d.orphans().map(|a| a.quote.exact.clone()).collect();
    assert!(orphans.iter().any(|q| q.contains("smaller number")), "{orphans:?}");
    for a in d.annotations.iter().filter(|a| !a.ranges.is_empty()) {
        assert_eq!(claimlens::anchor::exact_of(&claimlens::anchor::TextIndex::new(&d.text), &a.ranges), a.quote.exact);
    }
    let orphan_count = orphans.len();
    // Re-attach the orphan by hand: select it in the list, select its text, re-attach.
    h.get_by_label_contains("(orphan) A smaller number").click();
    h.run();
    let at = new_text.find("deployed to the Kursk region").unwrap();
    let start = new_text[..at].chars().count();
    let range = claimlens::anchor::CharRange::new(start, start + "deployed to the Kursk region".chars().count());
    h.state_mut().view.reader.selection = Some(range);
    h.run();
    let button = h.get_by_label("Re-attach to selection").rect();
    assert!(button.max.y <= 800.0, "the annotation inspector is inside the window: {button:?}");
    h.get_by_label("Re-attach to selection").click();
    h.run();
    assert_eq!(doc(&h).orphans().count(), orphan_count - 1);
    // Undo twice: the re-attachment, then the whole update.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(doc(&h).text, old_text);
    assert_eq!(doc(&h).annotations, old.documents[0].annotations);
}

#[test]
fn web_annotations_are_imported_from_the_file_menu_and_unplaced_ones_listed() {
    let dir = temp_dir("w3c-import");
    let json = serde_json::json!({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [
        {"type": "Annotation", "id": "urn:x:1", "body": {"type": "TextualBody", "purpose": "tagging", "value": "Source"},
         "target": {"source": "https://censor.net/en/news/g7", "selector":
            {"type": "TextQuoteSelector", "exact": "Censor.NET", "prefix": "Foreign Ministry, ", "suffix": " reports"}}},
        {"type": "Annotation", "id": "urn:x:2", "target": {"source": "https://censor.net/en/news/g7", "selector":
            {"type": "TextQuoteSelector", "exact": "Ukrinform"}}},
        {"type": "Annotation", "id": "urn:x:3", "target": {"source": "https://censor.net/en/news/g7", "selector":
            {"type": "TextQuoteSelector", "exact": "Macron said"}}}]}});
    let file = dir.join("hypothesis.json");
    std::fs::write(&file, json.to_string()).unwrap();

    let mut h = harness(ClaimlensApp::new(settings(ThemeChoice::Light)));
    let article = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/g7-dprk-troops-censor-net.txt");
    h.state_mut().import_into_current(&article);
    h.run();
    assert!(doc(&h).annotations.is_empty());

    file_menu_with_path(&mut h, "Import Annotations…", &file, "Import");
    h.run_steps(20);

    let quotes: Vec<(String, String)> = doc(&h).annotations.iter().map(|a| (a.label.clone(), a.quote.exact.clone())).collect();
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert!(quotes.contains(&("Source".to_owned(), "Censor.NET".to_owned())), "tagged Source: {quotes:?}");
    assert!(quotes.iter().any(|(_, q)| q == "Ukrinform"));
    h.get_by_label("Some annotations were not placed");
    h.get_by_label_contains("Macron said");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().status.contains("2 added"), "{}", h.state().status);

    // One undo step takes the whole import back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(doc(&h).annotations.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn shift_arrows_trim_and_grow_the_selection_a_char_or_a_word_at_a_time() {
    let path = sample_copy("shift-arrows");
    let mut h = harness(app_on(&path));
    let selected = |h: &Harness<'_, ClaimlensApp>| {
        h.state().view.reader.selection.map(|s| claimlens::anchor::slice_chars(&doc(h).text, s).to_owned()).unwrap_or_default()
    };
    // With nothing selected, Shift+Right starts at the top of the article.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
        h.run();
    }
    assert_eq!(selected(&h), "The");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert_eq!(selected(&h), "The foreign");

    // A sentence, then trimmed: its full stop, then two words, then the space left over.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert!(selected(&h).ends_with("to such developments."), "{:?}", selected(&h));
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert!(selected(&h).ends_with("such developments"));
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowLeft);
        h.run();
    }
    assert!(selected(&h).ends_with("response to "), "{:?}", selected(&h));
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    let trimmed = selected(&h);
    assert!(trimmed.starts_with("The foreign ministers") && trimmed.ends_with("a joint response to"), "{trimmed:?}");

    // The hotkey labels exactly the trimmed text.
    let before = doc(&h).annotations.len();
    h.key_press(Key::Num4);
    h.run();
    let added = doc(&h).annotations.iter().find(|a| a.label == "Entity" && a.quote.exact == trimmed);
    assert!(added.is_some(), "an Entity annotation on {trimmed:?}");
    assert_eq!(doc(&h).annotations.len(), before + 1);
}

#[test]
fn the_claims_list_brings_a_claim_selected_elsewhere_into_view() {
    let path = sample_copy("claim-into-view");
    let mut h = harness(app_on(&path));
    let last = doc(&h).claims.last().unwrap().id.clone();
    assert!(h.query_all_by_label_contains("A smaller number of them").next().is_none(), "below the fold at first");
    // As clicking its highlight in the article does.
    h.state_mut().view.panel.selected_claim = Some(last);
    h.run_steps(10);
    h.get_by_label_contains("A smaller number of them");
    h.get_by_label("Edit claim…");
}

#[test]
fn a_screen_reader_reads_the_article_paragraph_by_paragraph() {
    let path = sample_copy("a11y");
    let h = harness(app_on(&path));
    let text = doc(&h).text.clone();
    let mut paragraphs = text.split("\n\n");
    h.get_by_role_and_label(egui::accesskit::Role::Paragraph, paragraphs.next().unwrap());
    h.get_by_role_and_label(egui::accesskit::Role::Paragraph, paragraphs.next().unwrap());
    // Only what is laid out: the last paragraph is far below the view.
    assert!(h.query_by_role_and_label(egui::accesskit::Role::Paragraph, paragraphs.last().unwrap()).is_none());
}

#[test]
fn the_sources_tab_counts_the_claims_of_each_source() {
    let path = sample_copy("sources");
    let mut h = harness(app_on(&path));
    h.get_by_label("Sources").click();
    h.run();
    let project = h.state().session.project.clone();
    let claims: Vec<&claimlens::model::Claim> = project.documents.iter().flat_map(|d| &d.claims).collect();
    // Censor.NET is the outlet: every claim of the sample reaches the reader through it.
    let censor = project.sources.iter().find(|s| s.name == "Censor.NET").unwrap();
    let through_censor = claims.iter().filter(|c| c.source_refs().any(|s| s == &censor.id)).count();
    assert_eq!(through_censor, claims.len());
    let mut expected: Vec<usize> =
        project.sources.iter().map(|s| claims.iter().filter(|c| c.source_refs().any(|x| x == &s.id)).count()).collect();
    expected.sort_unstable();
    let mut shown: Vec<usize> = h
        .get_all_by_label_contains(" claim")
        .filter_map(|n| n.accesskit_node().value().and_then(|l| l.trim_end_matches('s').strip_suffix(" claim")?.parse().ok()))
        .collect();
    shown.sort_unstable();
    assert_eq!(shown, expected, "one count per source, each claim counted once");
}

/// A note typed in the Selected-annotation inspector is kept when another annotation is
/// selected (the focus leaves the field: one undoable edit).
#[test]
fn a_typed_note_is_kept_when_another_annotation_is_selected() {
    let path = sample_copy("note");
    let mut h = harness(app_on(&path));
    let claims: Vec<(String, String)> = doc(&h)
        .claims
        .iter()
        .take(2)
        .map(|c| {
            let a = doc(&h).annotation(&c.content[0]).unwrap();
            (a.id.to_string(), a.quote.exact.chars().take(40).collect())
        })
        .collect();
    let click_row = |h: &mut Harness<'_, ClaimlensApp>, text: &str| {
        // The Claims list is on the right; the article's paragraphs may hold the same words.
        h.get_all_by_label_contains(text).find(|n| n.rect().left() > 800.0).expect("a claim row").click();
        // The article scrolls to the claim and flashes it for a moment.
        h.run_steps(12);
    };
    let note_of = |h: &Harness<'_, ClaimlensApp>, id: &str| {
        doc(h).annotations.iter().find(|a| a.id.to_string() == id).map(|a| a.note.clone()).unwrap()
    };
    let original = note_of(&h, &claims[0].0);
    click_row(&mut h, &claims[0].1);
    assert_eq!(h.state().view.reader.selected.as_ref().map(ToString::to_string).as_deref(), Some(claims[0].0.as_str()));
    h.get_by_label("Note").focus();
    h.get_by_label("Note").type_text("check the G7 statement");
    h.run();

    click_row(&mut h, &claims[1].1);
    assert_eq!(h.state().view.reader.selected.as_ref().map(ToString::to_string).as_deref(), Some(claims[1].0.as_str()));
    assert_eq!(note_of(&h, &claims[0].0), format!("{original}check the G7 statement"), "the typed note was kept");
    assert!(h.state().session.is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(note_of(&h, &claims[0].0), original, "one undo takes the note away");
}

/// Coming back to the window after another program changed the project file: claimlens
/// reads it (on another thread) and asks what to do.
#[test]
fn a_file_changed_by_another_program_is_noticed_when_the_window_is_focused_again() {
    let path = sample_copy("changed");
    let mut h = harness(app_on(&path));
    let set_focus = |h: &mut Harness<'_, ClaimlensApp>, focused: bool| {
        h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().focused = Some(focused);
        h.run();
    };
    set_focus(&mut h, false);
    let mut changed = store::load(&path).unwrap().project;
    changed.title = "Changed elsewhere".into();
    store::save(&path, &changed, None, store::Overwrite::Force).unwrap();
    set_focus(&mut h, true);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while h.query_by_label("Changed by another program").is_none() {
        assert!(std::time::Instant::now() < deadline, "the change was not noticed");
        h.step();
        std::thread::yield_now();
    }
    h.get_by_label("Reload from disk").click();
    h.run();
    assert_eq!(h.state().session.project.title, "Changed elsewhere");
}
