//! No path through the window needs the mouse: the forms a first hour opens (document
//! details, preferences, export, the questions about unsaved work and about an import) are
//! reached from the keyboard (shortcut or command palette), filled in with Tab and typing, and
//! answered with Enter, Space or Esc. The claim editor's own keyboard order is in
//! `window_panel_forms.rs` and the whole session's in `session.rs`.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::ui::ClaimlensApp;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use window_harness::*;

/// Opens the command palette, types `words` and runs the first match with Enter.
fn palette(h: &mut Harness<'_, ClaimlensApp>, words: &str) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    h.get_by_label("Command").type_text(words);
    h.run();
    press(h, Key::Enter);
}

/// Replaces the text of the field that has the keyboard with `text`.
fn retype(h: &mut Harness<'_, ClaimlensApp>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

#[test]
fn document_details_and_preferences_are_filled_in_from_the_keyboard() {
    let path = sample_copy("keyboard-details");
    let mut h = harness(app_on(&path));

    palette(&mut h, "document details");
    h.get_by_label("Document details");
    assert_eq!(focused(&h), "Title", "the form opens with the keyboard in its first field");
    retype(&mut h, "G7 condemns DPRK troops in Russia");
    press(&mut h, Key::Tab);
    assert_eq!(focused(&h), "Outlet");
    retype(&mut h, "Censor.NET");
    tab_to(&mut h, "Author", 4);
    retype(&mut h, "Newsroom");
    press(&mut h, Key::Enter);
    assert!(h.query_by_label("Document details").is_none(), "Enter saved and closed the form");
    let d = doc(&h);
    assert_eq!(d.title, "G7 condemns DPRK troops in Russia");
    assert_eq!(d.outlet.as_deref(), Some("Censor.NET"));
    assert_eq!(d.author.as_deref(), Some("Newsroom"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_ne!(doc(&h).title, "G7 condemns DPRK troops in Russia", "one undo step takes the details back");

    palette(&mut h, "preferences");
    assert_eq!(focused(&h), "Your name");
    retype(&mut h, "Ada Reviewer");
    press(&mut h, Key::Tab);
    assert_eq!(focused(&h), "Organisation");
    retype(&mut h, "FactCheck Desk");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().settings.author, "Ada Reviewer");
    assert_eq!(h.state().settings.organisation, "FactCheck Desk");

    // Esc leaves a form without saving.
    palette(&mut h, "document details");
    retype(&mut h, "Not kept");
    press(&mut h, Key::Escape);
    assert!(h.query_by_label("Document details").is_none());
    assert_ne!(doc(&h).title, "Not kept");
}

#[test]
fn an_export_is_chosen_and_written_from_the_keyboard() {
    let path = sample_copy("keyboard-export");
    let out = path.with_file_name("claims-by-keyboard.csv");
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    h.get_by_label("Include the original pages");
    tab_to(&mut h, "CSV (spreadsheet)", 12);
    press(&mut h, Key::Space);
    tab_to(&mut h, "File", 12);
    retype(&mut h, &out.display().to_string());
    press(&mut h, Key::Enter);
    h.run();
    let csv = std::fs::read_to_string(&out).expect("Enter exported the file");
    assert!(csv.lines().next().is_some_and(|h| h.contains("claim_id")), "{csv}");
    assert!(csv.contains("Kursk"), "the sample's claims are in it");
}

#[test]
fn unsaved_changes_are_answered_from_the_keyboard() {
    let path = sample_copy("keyboard-unsaved");
    let mut h = harness(app_on(&path));
    let title = doc(&h).title.clone();
    palette(&mut h, "document details");
    retype(&mut h, "Changed, then discarded");
    press(&mut h, Key::Enter);
    assert!(h.state().session.is_dirty());

    palette(&mut h, "new project");
    h.get_by_label("Save changes?");
    tab_to(&mut h, "Discard", 4);
    press(&mut h, Key::Enter);
    assert!(h.query_by_label("Save changes?").is_none());
    assert!(h.state().session.document().is_none(), "a new, empty project");
    assert!(!h.state().session.is_dirty());
    let on_disk = claimlens::store::load(&path).unwrap().project;
    assert_eq!(on_disk.documents[0].title, title, "the discarded change never reached the file");
}
