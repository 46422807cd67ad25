//! Selecting text in the reader the way a person does (issue #13, items 13-16): the mouse snaps
//! to whole words (Alt for characters), the keyboard moves either end of the selection, Find
//! hands its match to the sentence cursor and the label hotkeys, and a right-click menu labels,
//! makes and opens claims. Headless (`egui_kittest`), on a copy of the sample.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::anchor::{CharRange, slice_chars};
use claimlens::ui::ClaimlensApp;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use window_harness::*;

fn selected_text(h: &Harness<'_, ClaimlensApp>) -> String {
    let sel = h.state().view.reader.selection.expect("something is selected");
    slice_chars(&doc(h).text, sel).to_owned()
}

#[test]
fn a_drag_from_inside_censor_to_inside_net_labels_censor_net_whole() {
    let path = sample_copy("reader-words");
    let mut h = harness(app_on(&path));
    let start = char_of(&h, "Censor.NET reports");
    let (a, b) = (point_at(&h, start + 3), point_at(&h, start + 8));
    drag(&mut h, a, b, Modifiers::NONE);
    assert_eq!(selected_text(&h), "Censor.NET", "the drag snaps to the whole word, never \"Censo\"");
    h.key_press(Key::Num2);
    h.run();
    let added = doc(&h).annotations.last().unwrap().clone();
    assert_eq!((added.label.as_str(), added.quote.exact.as_str()), ("Source", "Censor.NET"));

    // Alt-drag selects characters.
    h.key_press(Key::Escape);
    h.run();
    drag(&mut h, a, b, Modifiers::ALT);
    assert_eq!(selected_text(&h), "sor.N", "Alt-drag selects by characters");
}

#[test]
fn a_drag_across_words_ends_on_word_ends_and_a_span_has_no_outer_spaces() {
    let path = sample_copy("reader-trim");
    let mut h = harness(app_on(&path));
    let start = char_of(&h, "foreign ministers of the Group");
    // From inside "foreign" to inside "Group".
    let (a, b) = (point_at(&h, start + 2), point_at(&h, start + 27));
    drag(&mut h, a, b, Modifiers::NONE);
    assert_eq!(selected_text(&h), "foreign ministers of the Group");
    // Keyboard: the start moves a char left onto the space, the span made is still trimmed.
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert_eq!(selected_text(&h), " foreign ministers of the Group", "Shift+Alt+← moves the start");
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(doc(&h).annotations.last().unwrap().quote.exact, "foreign ministers of the Group", "trimmed when made");
}

#[test]
fn the_keyboard_trims_a_sentence_at_either_end() {
    let path = sample_copy("reader-start");
    let mut h = harness(app_on(&path));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert!(selected_text(&h).starts_with("The foreign ministers"), "{}", selected_text(&h));
    // Ctrl+Shift+Alt+→ moves the start a word on, twice: "The foreign " is gone.
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
        h.run();
    }
    assert!(selected_text(&h).starts_with("ministers of the Group"), "{:?}", selected_text(&h));
    // Shift+Alt+→ a char at a time, Shift+Alt+← back.
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    assert!(selected_text(&h).starts_with("inisters"), "{:?}", selected_text(&h));
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert!(selected_text(&h).starts_with("ministers"));
    // The end moves as before: Ctrl+Shift+← drops the last word.
    let before = selected_text(&h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowLeft);
    h.run();
    assert!(selected_text(&h).starts_with("ministers") && selected_text(&h).len() < before.len());
    // F1 lists the keys that move the start.
    h.key_press(Key::F1);
    h.run();
    h.get_by_label("Selection Start Left");
    h.get_by_label("Selection Start to Next Word");
}

#[test]
fn after_find_a_hotkey_labels_the_match_and_alt_down_goes_on_from_it() {
    let path = sample_copy("reader-find");
    let mut h = harness(app_on(&path));
    let before = doc(&h).annotations.len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find").type_text("Ukrinform");
    h.run();
    // Enter goes to the match and hands it to the article: the hotkey labels it.
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(selected_text(&h), "Ukrinform");
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(doc(&h).annotations.len(), before + 1);
    assert_eq!(doc(&h).annotations.last().unwrap().quote.exact, "Ukrinform");
    assert!(h.state().view.reader.selection.is_none());
    // Alt+↓ goes on from the match just labelled: its sentence, not the article's first.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert!(selected_text(&h).starts_with("This is stated in a statement"), "{:?}", selected_text(&h));

    // Alt+↓ from a match selects the sentence it is in, then the next.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Find").type_text("Japan, Italy");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(selected_text(&h), "Japan, Italy");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert!(selected_text(&h).starts_with("In addition to the members of the Group of Seven"), "{:?}", selected_text(&h));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert!(selected_text(&h).starts_with("Officials of these countries"), "{:?}", selected_text(&h));
}

#[test]
fn a_right_click_on_a_word_labels_it_from_the_menu() {
    let path = sample_copy("reader-menu");
    let mut h = harness(app_on(&path));
    let before = doc(&h).annotations.len();
    let at = char_of(&h, "Ukrinform");
    right_click(&mut h, at + 3);
    assert_eq!(selected_text(&h), "Ukrinform", "the right-click selects the word under it");
    for item in ["Make claim…", "Copy", "Find this"] {
        h.get_by_label(item);
    }
    let entity = h.state().session.project.labels.iter().find(|l| l.hotkey == Some(4)).unwrap().name.clone();
    // The menu's item: the label's name, with its hotkey as the shortcut.
    h.get_by_label(&format!("{entity} 4")).click();
    h.run();
    let d = doc(&h);
    assert_eq!(d.annotations.len(), before + 1);
    let added = d.annotations.last().unwrap();
    assert_eq!((added.label.as_str(), added.quote.exact.as_str()), (entity.as_str(), "Ukrinform"));
    assert_eq!(added.ranges, vec![CharRange::new(at, at + 9)]);
}

#[test]
fn the_menu_opens_the_claim_under_the_click_and_finds_the_selection() {
    let path = sample_copy("reader-menu-claim");
    let mut h = harness(app_on(&path));
    // "seriously concerned" is inside the sample's first claim.
    let at = char_of(&h, "seriously concerned");
    let claim = doc(&h)
        .claims
        .iter()
        .find(|c| c.content.iter().any(|a| doc(&h).annotation(a).unwrap().ranges.iter().any(|r| r.contains(at))))
        .expect("a claim covers it")
        .id
        .clone();
    right_click(&mut h, at + 2);
    h.get_by_label("Open claim…").click();
    h.run();
    let draft = h.state().view.claim_draft.as_ref().expect("the claim editor is open");
    assert_eq!(draft.claim.id, claim);
    h.key_press(Key::Escape);
    h.run();

    // Find this: the find bar opens on the right-clicked word and counts its matches.
    let at = char_of(&h, "ministers");
    right_click(&mut h, at + 1);
    h.get_by_label("Find this").click();
    h.run();
    let n = claimlens::ui::app::find_all(&doc(&h).text, "ministers").len();
    assert!(n >= 3);
    h.get_by_label(&format!("1 of {n}"));
    h.key_press(Key::Escape);
    h.run();
    // Outside any claim there is no Open claim.
    let outside = char_of(&h, "In addition to the members") + 1;
    right_click(&mut h, outside);
    h.get_by_label("Copy");
    assert!(h.query_by_label("Open claim…").is_none());
}
