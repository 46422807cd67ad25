//! The window's layout in the first hour (issue #13): the side panel's width, hiding it, small
//! windows, and the words of the lists. Driven by accessible labels, headless (`egui_kittest`).

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use claimlens::ui::ClaimlensApp;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use window_harness::*;

const TABS: [&str; 5] = ["Claims", "Sources", "Annotations", "Suggestions", "Timeline"];

fn harness_sized(app: ClaimlensApp, size: [f32; 2]) -> Harness<'static, ClaimlensApp> {
    let mut h = Harness::builder().with_size(size).with_max_steps(window_harness::MAX_STEPS).build_ui_state(frame, app);
    h.run();
    h
}

/// The side panel's tab button `name` (the first node with that label is the tab: the tabs
/// are drawn before the lists).
fn tab_rect(h: &Harness<'_, ClaimlensApp>, name: &str) -> egui::Rect {
    h.get_all_by_label(name).next().unwrap_or_else(|| panic!("no tab {name:?}")).rect()
}

/// The side panel's left edge: the left of its first tab, less the panel's margin.
fn panel_left(h: &Harness<'_, ClaimlensApp>) -> f32 {
    tab_rect(h, "Claims").left() - 12.0
}

#[test]
fn every_tab_keeps_the_side_panel_under_45_percent_of_the_window() {
    let path = sample_copy("layout-width");
    let mut h = harness_sized(app_on(&path), [1280.0, 800.0]);
    for tab in TABS.iter().chain(&TABS) {
        tab_rect_click(&mut h, tab);
        h.run_steps(4);
        let width = 1280.0 - panel_left(&h);
        assert!(width <= 0.45 * 1280.0, "the {tab} tab widened the side panel to {width} px");
        assert!(width >= 250.0, "the {tab} tab squeezed the side panel to {width} px");
        // The article keeps the rest of the window.
        assert!(article_rect(&h).width() >= 500.0, "the article is {} px wide with {tab} open", article_rect(&h).width());
    }
}

fn tab_rect_click(h: &mut Harness<'_, ClaimlensApp>, name: &str) {
    h.get_all_by_label(name).next().unwrap_or_else(|| panic!("no tab {name:?}")).click();
    h.run();
}

#[test]
fn the_side_panel_hides_and_shows_from_the_view_menu_and_f9() {
    let path = sample_copy("layout-hide");
    let mut h = harness_sized(app_on(&path), [1280.0, 800.0]);
    let wide_before = article_rect(&h).width();
    h.key_press(Key::F9);
    h.run();
    assert!(h.query_all_by_label("Timeline").next().is_none(), "F9 hides the side panel");
    assert!(h.state().settings.side_panel_hidden, "the choice is remembered");
    h.key_press(Key::F9);
    h.run();
    assert!(h.query_all_by_label("Timeline").next().is_some(), "F9 shows it again");
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Side panel").click();
    h.run();
    assert!(h.query_all_by_label("Timeline").next().is_none(), "the View menu hides the side panel");
    assert!(article_rect(&h).left() < 1280.0 - wide_before, "the article takes the room");
}

#[test]
fn at_800_by_600_the_tabs_stay_on_one_row_and_the_claim_buttons_fit() {
    let path = sample_copy("layout-small");
    let mut h = harness_sized(app_on(&path), [800.0, 600.0]);
    // At the panel's default width every tab is in view, none scrolled off its right edge.
    for tab in TABS {
        let r = tab_rect(&h, tab);
        assert!(r.right() <= 800.0 && r.left() >= panel_left(&h), "the {tab} tab is cut off at 800 px: {r:?}");
    }
    // The long rows of the Timeline do not push the panel over the article.
    tab_rect_click(&mut h, "Timeline");
    h.run_steps(4);
    assert!(article_rect(&h).width() >= 380.0, "the article is {} px wide at 800 px", article_rect(&h).width());
    tab_rect_click(&mut h, "Claims");
    // The narrowest panel the user can drag to.
    drag_panel_edge_to(&mut h, 790.0);
    let rows: Vec<f32> = TABS.iter().map(|t| tab_rect(&h, t).center().y).collect();
    assert!(rows.iter().all(|y| (y - rows[0]).abs() < 1.0), "the tabs wrapped to another row: {rows:?}");
    // Select the first claim: its Edit and Delete buttons show inside the window.
    let first = doc(&h).claims[0].id.clone();
    h.state_mut().view.panel.selected_claim = Some(first);
    h.run();
    for button in ["Edit claim…", "Delete claim"] {
        let r = h.get_by_label(button).rect();
        assert!(r.right() <= 800.0 && r.bottom() <= 600.0 && r.left() >= 0.0, "{button} is clipped: {r:?}");
    }
}

#[test]
fn at_800_by_600_the_status_message_is_whole_and_the_counts_give_way() {
    let path = sample_copy("layout-status");
    let mut h = harness_sized(app_on(&path), [800.0, 600.0]);
    let message = "Exported 18 claims to claims-of-the-sample.csv";
    h.state_mut().status = message.to_owned();
    h.run();
    let r = h.get_by_label(message).rect();
    assert!(r.right() <= 800.0, "the status message is cut at 800 px: {r:?}");
    assert!(h.query_by_label_contains("Project: ").is_none(), "the project's counts gave way");
    // A wide window has room for everything.
    let mut wide = harness_sized(app_on(&path), [1280.0, 800.0]);
    wide.state_mut().status = message.to_owned();
    wide.run();
    assert!(wide.query_by_label_contains("This document: ").is_some() && wide.query_by_label_contains("Project: ").is_some());
    assert!(wide.get_by_label(message).rect().right() <= 1280.0);
}

/// Drags the side panel's resize handle to `x`.
fn drag_panel_edge_to(h: &mut Harness<'_, ClaimlensApp>, x: f32) {
    let handle = h
        .get_all_by_label("Resize panel")
        .map(|n| n.rect().center())
        .fold(egui::Pos2::ZERO, |a, b| if b.x > a.x { b } else { a });
    h.hover_at(handle);
    h.drag_at(handle);
    h.step();
    h.hover_at(egui::pos2(x, handle.y));
    h.step();
    h.drop_at(egui::pos2(x, handle.y));
    h.run();
    let width = 800.0 - panel_left(h);
    assert!(width < 345.0, "the drag left the panel {width} px wide");
}

#[test]
fn sources_say_one_claim_not_one_claims() {
    let path = sample_copy("layout-words");
    let mut h = harness_sized(app_on(&path), [1280.0, 800.0]);
    tab_rect_click(&mut h, "Sources");
    h.run();
    assert!(h.query_all_by_label("1 claims").next().is_none(), "\"1 claims\" in the Sources tab");
    assert!(h.query_all_by_label("1 claim").next().is_some(), "a source with one claim says \"1 claim\"");
}

/// The height between a dialog's heading (or field) and what follows its list, and the height
/// its list's content would take whole (to its `last` row).
fn list_height(h: &Harness<'_, ClaimlensApp>, above: &str, below: &str, last: &str) -> (f32, f32) {
    let top = h.get_by_label(above).rect().bottom();
    let content = h.get_all_by_label_contains(last).last().unwrap().rect().bottom() - top;
    (h.get_all_by_label_contains(below).last().unwrap().rect().top() - top, content)
}

const SIZES: [[f32; 2]; 3] = [[1280.0, 800.0], [800.0, 600.0], [800.0, 460.0]];

#[test]
fn f1_lists_the_shortcuts_in_the_windows_height() {
    let path = sample_copy("layout-help");
    for [w, height] in SIZES {
        let mut h = harness_sized(app_on(&path), [w, height]);
        h.key_press(Key::F1);
        h.run();
        let (list, content) = list_height(&h, "Keyboard shortcuts", "Close", "Add the selection to the selected annotation");
        assert!(list >= content.min(0.5 * height) - 2.0, "the shortcut list is {list} px high in a {height} px window");
        assert!(
            h.get_all_by_label("Close").last().unwrap().rect().bottom() <= height,
            "the Close button is below the {height} px window"
        );
    }
}

#[test]
fn the_palette_lists_commands_in_the_windows_height_and_says_when_none_match() {
    let path = sample_copy("layout-palette");
    let last_command = claimlens::ui::commands::Command::ALL.last().unwrap().label();
    for [w, height] in SIZES {
        let mut h = harness_sized(app_on(&path), [w, height]);
        h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::P);
        h.run();
        let hint = "Enter runs the first command";
        let (list, content) = list_height(&h, "Command", hint, last_command);
        assert!(list >= content.min(0.5 * height) - 2.0, "the command list is {list} px high in a {height} px window");
        assert!(h.get_by_label_contains(hint).rect().bottom() <= height, "the palette overflows the {height} px window");
        assert!(h.query_all_by_label("No matching command").next().is_none());
        h.get_by_label("Command").type_text("zzqx");
        h.run();
        h.get_by_label("No matching command");
    }
}

#[test]
fn claim_rows_never_double_their_quote_marks() {
    let path = sample_copy("layout-quotes");
    let mut h = harness_sized(app_on(&path), [1280.0, 800.0]);
    // The sample's claim from the statement's quotation starts with its own quote mark.
    scroll_claims_to(&mut h, "Several thousand DPRK troops");
    let row = h.get_all_by_label_contains("Several thousand DPRK troops").next().unwrap();
    let label = format!("{row:?}");
    for doubled in ["““", "””", "“\"", "\"”"] {
        assert!(h.query_all_by_label_contains(doubled).next().is_none(), "doubled quote marks {doubled:?} in {label}");
    }
}
