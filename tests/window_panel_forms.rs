//! The side panel's forms from the keyboard and the document details: the claim editor walked
//! with Tab, Space and Enter alone; the document details editor reached from the title and the
//! palette; the reviewer's preferences. Driven by labels and keys (`egui_kittest`, headless),
//! and checked in the saved and exported files.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests read their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::model::Verdict;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use window_harness::*;

/// The label of the widget that has the keyboard.
fn focused(h: &Harness<'_, claimlens::ui::ClaimlensApp>) -> String {
    h.query_by(|n| n.is_focused()).and_then(|n| n.accesskit_node().label()).unwrap_or_default()
}

/// Presses `key` and lets the window settle.
fn press(h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// Tabs until the widget called `label` has the keyboard (at most `max` presses).
fn tab_to(h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, label: &str, max: usize) {
    for _ in 0..max {
        if focused(h) == label {
            return;
        }
        press(h, Key::Tab);
    }
    assert_eq!(focused(h), label, "Tab reaches {label}");
}

/// Opens the focused list with Space, Tabs to the entry `entry`, and chooses it with Space.
fn choose(h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, list: &str, entry: &str) {
    assert_eq!(focused(h), list);
    press(h, Key::Space);
    tab_to(h, entry, 40);
    press(h, Key::Space);
    assert_eq!(focused(h), list, "the keyboard is back on {list} after choosing {entry}");
}

#[test]
fn a_claim_is_made_from_the_keyboard_alone_with_cue_source_chain_verdict_and_date() {
    let path = sample_copy("keyboard-claim");
    let mut h = harness(app_on(&path));
    let claims = doc(&h).claims.len();
    let project = &h.state().session.project;
    let source = project.sources[0].name.clone();
    let relay = project.sources[1].name.clone();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    h.get_by_label("New claim");
    // The nearest cue of the sample is listed first after "(none)".
    let cue_text = {
        let d = doc(&h);
        let p = &h.state().session.project;
        let mut cues: Vec<_> = d.annotations.iter().filter(|a| p.plays(a, claimlens::model::LabelRole::Cue)).collect();
        cues.sort_by_key(|a| a.start());
        cues[0].quote.exact.clone()
    };
    assert_eq!(focused(&h), "Cue", "the keyboard starts in the editor's first field");
    choose(&mut h, "Cue", &claimlens::formats::text::shorten(&cue_text, 40));
    press(&mut h, Key::Tab);
    tab_to(&mut h, "Add source…", 3);
    choose(&mut h, "Add source…", &source);
    press(&mut h, Key::Tab);
    tab_to(&mut h, "Add to chain…", 3);
    choose(&mut h, "Add to chain…", &relay);
    // In order: the new source field, its button, then the verdict.
    press(&mut h, Key::Tab);
    assert_eq!(focused(&h), "New source…");
    press(&mut h, Key::Tab);
    assert_eq!(focused(&h), "Add new source to chain");
    press(&mut h, Key::Tab);
    choose(&mut h, "Verdict", "Disputed");
    press(&mut h, Key::Tab);
    assert_eq!(focused(&h), "Event date");
    h.get_by_label("Event date").type_text("2024-10-28");
    h.run();
    // Tab goes round inside the editor, never out to the panels behind it.
    for _ in 0..30 {
        press(&mut h, Key::Tab);
        assert!(h.state().view.claim_draft.is_some());
        assert!(!focused(&h).is_empty(), "the keyboard stays in the editor");
    }
    tab_to(&mut h, "Event date", 30);
    press(&mut h, Key::Enter);
    assert!(h.state().view.claim_draft.is_none(), "Enter saved: {}", h.state().status);
    let d = doc(&h);
    assert_eq!(d.claims.len(), claims + 1);
    let claim = d.claims.last().unwrap();
    let p = &h.state().session.project;
    assert_eq!(d.annotation(claim.cue.as_ref().unwrap()).unwrap().quote.exact, cue_text);
    assert_eq!(claim.attributed_to, [p.source_named(&source).unwrap().id.clone()]);
    assert_eq!(claim.via, [p.source_named(&relay).unwrap().id.clone()]);
    assert_eq!(claim.verdict, Verdict::Disputed);
    assert_eq!(claim.event_date.map(|e| e.to_string()).as_deref(), Some("2024-10-28"));
}
