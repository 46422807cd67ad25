//! A working session, start to finish, the way a fact-checker spends an hour in the window
//! (`egui_kittest`, headless): the embedded sample first; then the reference article imported as
//! a new project; its title fixed; a source marked with the mouse, a cue from Find and the
//! keyboard; two claims with chains made in the claim editor from the keyboard alone; a note;
//! undo and redo; saved, reopened; every export written and read back; and the window made
//! small without losing its buttons.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests read their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::formats::ExportFormat;
use claimlens::model::LabelRole;
use claimlens::store;
use claimlens::ui::ClaimlensApp;
use claimlens::ui::settings::ThemeChoice;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use window_harness::*;

const ARTICLE: &str = "../shared/data/articles/g7-dprk-troops-censor-net.txt";

fn labelled(h: &Harness<'_, ClaimlensApp>, role: LabelRole) -> Vec<String> {
    let p = &h.state().session.project;
    doc(h).annotations.iter().filter(|a| p.plays(a, role)).map(|a| a.quote.exact.clone()).collect()
}

/// Makes a claim of the next sentence in the claim editor, from the keyboard alone: its cue
/// (the nearest), its source and the relay of its via chain (the first also a verdict and a date). The first time, the source is made
/// from its span in the text and the relay typed in; then both are in the registry's menus.
fn claim_from_the_keyboard(h: &mut Harness<'_, ClaimlensApp>, first: bool) {
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert!(h.query_all_by_label("New claim").next().is_some(), "the claim editor opens");
    assert_eq!(focused(h), "Cue", "the keyboard starts in the editor");
    press(h, Key::Tab);
    if first {
        tab_to(h, "New source from span…", 6);
        choose(h, "New source from span…", "Ukrinform");
        tab_to(h, "New source…", 8);
        h.get_by_label("New source…").type_text("Censor.NET");
        h.run();
        press(h, Key::Enter);
    } else {
        tab_to(h, "Add source…", 6);
        choose(h, "Add source…", "Ukrinform");
        press(h, Key::Tab);
        tab_to(h, "Add to chain…", 6);
        choose(h, "Add to chain…", "Censor.NET");
    }
    if first {
        tab_to(h, "Verdict", 8);
        choose(h, "Verdict", "Disputed");
        tab_to(h, "Event date", 4);
        h.get_by_label("Event date").type_text("2024-11-05");
        h.run();
    }
    tab_to(h, "Event date", 10);
    press(h, Key::Enter);
    assert!(h.state().view.claim_draft.is_none(), "Enter saved the claim: {}", h.state().status);
}

/// Finds `text` (Ctrl+F, typed over what the field held, Enter) and labels the match with the
/// label on `hotkey`.
fn find_and_label(h: &mut Harness<'_, ClaimlensApp>, text: &str, hotkey: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label("Find").type_text(text);
    h.run();
    press(h, Key::Enter);
    press(h, hotkey);
}

#[test]
fn an_hour_in_the_window_from_the_sample_to_every_export() {
    let dir = temp_dir("session");
    let article = dir.join("g7-dprk-troops-censor-net.txt");
    std::fs::copy(ARTICLE, &article).unwrap();
    let clock = claimlens::ui::clock::Clock::stepped();
    let mut app = ClaimlensApp::start(settings(ThemeChoice::Light), None, Some(dir.join("untitled.claimlens.ron")));
    app.clock = clock.clone();
    let mut h = harness(app);

    // The embedded sample opens first, with its 17 claims.
    assert_eq!(doc(&h).claims.len(), 17);

    // The reference article, imported as a new project.
    file_menu_with_path(&mut h, "Import Article…", &article, "Import");
    h.run();
    h.get_by_label("New project").click();
    h.run();
    assert_eq!(h.state().session.project.documents.len(), 1);
    assert!(doc(&h).annotations.is_empty() && doc(&h).text.contains("Censor.NET reports citing Ukrinform"));

    // Its title, fixed from the details editor.
    h.get_by_label("Edit details…").click();
    h.run();
    h.get_by_label("Title").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label("Title").type_text("G7 and partners concerned about DPRK troops in Russia");
    h.run();
    h.get_by_label("Save details").click();
    h.run();
    assert_eq!(doc(&h).title, "G7 and partners concerned about DPRK troops in Russia");

    // A source with the mouse: right-click the outlet's name, choose Source.
    let at = char_of(&h, "Censor.NET");
    right_click(&mut h, at + 2);
    h.get_by_label("Source 2").click();
    h.run();
    assert_eq!(labelled(&h, LabelRole::Source), ["Censor.NET"]);
    // Another with Find and its hotkey; a cue the same way.
    find_and_label(&mut h, "Ukrinform", Key::Num2);
    find_and_label(&mut h, "said", Key::Num3);
    press(&mut h, Key::Escape);
    assert_eq!(labelled(&h, LabelRole::Source), ["Censor.NET", "Ukrinform"]);
    assert_eq!(labelled(&h, LabelRole::Cue), ["said"]);

    // Two claims with chains, from the keyboard alone, in the first two sentences.
    h.state_mut().view.reader.selection = None;
    h.state_mut().view.reader.selected = None;
    claim_from_the_keyboard(&mut h, true);
    claim_from_the_keyboard(&mut h, false);
    let claims = doc(&h).claims.clone();
    assert_eq!(claims.len(), 2, "two claims made");
    let project = &h.state().session.project;
    let name = |id| project.source(id).unwrap().name.clone();
    assert_eq!(claims[0].verdict, claimlens::model::Verdict::Disputed);
    assert_eq!(claims[0].event_date.map(|d| d.to_string()).as_deref(), Some("2024-11-05"));
    for c in &claims {
        assert_eq!(c.attributed_to.iter().map(name).collect::<Vec<_>>(), ["Ukrinform"]);
        assert_eq!(c.via.iter().map(name).collect::<Vec<_>>(), ["Censor.NET"]);
    }

    // A note on the first claim's text, in the inspector.
    h.state_mut().view.reader.selected = Some(claims[0].content[0].clone());
    h.run();
    h.get_by_label("Note").focus();
    h.get_by_label("Note").type_text("Check the statement on the ministry's site");
    h.run();
    h.get_by_label("Note").focus();
    press(&mut h, Key::Tab);
    let noted = |h: &Harness<'_, ClaimlensApp>| doc(h).annotation(&claims[0].content[0]).unwrap().note.clone();
    assert_eq!(noted(&h), "Check the statement on the ministry's site");

    // Undo takes the note back, redo puts it again.
    h.state_mut().view.reader.selected = None;
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(noted(&h), "");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(noted(&h), "Check the statement on the ministry's site");

    // Saved (an untitled project asks where), then reopened.
    let project_path = dir.join("g7.claimlens.ron");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    answer_path(&mut h, &project_path, "Save");
    h.run();
    assert!(!h.state().session.is_dirty(), "{}", h.state().status);
    file_menu_with_path(&mut h, "Open…", &dir.join("g7.claimlens.ron"), "Open");
    h.run();
    let reopened = store::load(&project_path).unwrap().project;
    assert_eq!(reopened.documents[0].claims, claims);
    assert_eq!(doc(&h).claims, claims, "the window shows the reopened file");

    // Every export, written from the Export dialog and read back.
    let claim_text = "were seriously concerned";
    for format in ExportFormat::ALL {
        let target = dir.join(if format.is_folder() { "brat".to_owned() } else { format!("g7.{}", format.extension()) });
        file_menu_item(&mut h, "Export…");
        h.get_by_label(format.label()).click();
        h.run();
        let field = egui::accesskit::Role::TextInput;
        let kind = if format.is_folder() { "Folder" } else { "File" };
        h.get_by_role_and_label(field, kind).focus();
        h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
        h.get_by_role_and_label(field, kind).type_text(&target.display().to_string());
        h.run();
        h.get_by_role_and_label(egui::accesskit::Role::Button, "Export").click();
        h.run();
        let text = if format.is_folder() {
            std::fs::read_to_string(target.join("g7-dprk-troops-censor-net.ann")).unwrap()
        } else {
            std::fs::read_to_string(&target).unwrap()
        };
        assert!(text.contains("Ukrinform"), "{format:?} names the claims' source");
        if !matches!(format, ExportFormat::Dot | ExportFormat::Svg) {
            assert!(text.contains(claim_text) || text.contains("seriously"), "{format:?} has the first claim");
        }
        if matches!(format, ExportFormat::Csv | ExportFormat::Markdown) {
            assert!(text.contains("Censor.NET"), "{format:?} tells the chain");
        }
    }

    // Small: at 800×600 the claim's buttons are still on screen.
    h.set_size(egui::vec2(800.0, 600.0));
    h.run();
    h.get_by_label("Claims").click();
    h.run();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
    for label in ["File", "Claims", "Sources"] {
        assert!(window.contains_rect(h.get_by_label(label).rect()), "{label} fits at 800×600");
    }
}
