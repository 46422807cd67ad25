//! The window harness the window and recovery tests share: the app run as eframe runs it
//! (logic, then ui) in `egui_kittest`, a copy of the sample in a temporary folder, and the
//! steps a person takes (drag-select, the File menu's path field, scrolling the Claims list).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use claimlens::ui::settings::ThemeChoice;
use claimlens::ui::{ClaimlensApp, Settings};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};

/// How many frames `Harness::run` may take to settle: files are read and written by jobs,
/// which take a frame or two more to finish than egui's own default of 4 allows.
pub const MAX_STEPS: u64 = 12;

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimlens-window-{name}-{}-{}", std::process::id(), fastrand::u32(..)));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A copy of the bundled sample in a temporary folder, so tests never write to `assets/`.
pub fn sample_copy(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let path = dir.join("sample.claimlens.ron");
    std::fs::write(&path, claimlens::ui::SAMPLE_PROJECT).unwrap();
    path
}

/// One frame of the window as eframe runs it: the logic, then the ui. Files are opened and
/// saved on other threads; this harness runs frames faster than any disk, so each frame first
/// waits for the one running (the window itself never waits).
pub fn frame(ui: &mut egui::Ui, app: &mut ClaimlensApp) {
    app.wait_for_background();
    app.logic(ui.ctx());
    app.ui(ui);
}

pub fn settings(theme: ThemeChoice) -> Settings {
    Settings { native_dialogs: false, theme, author: "tester".into(), ..Settings::default() }
}

pub fn app_on(path: &Path) -> ClaimlensApp {
    let mut app = ClaimlensApp::new(settings(ThemeChoice::Light));
    app.open_project(path);
    app
}

pub fn harness(app: ClaimlensApp) -> Harness<'static, ClaimlensApp> {
    let mut h = Harness::builder().with_size([1280.0, 800.0]).with_max_steps(MAX_STEPS).build_ui_state(frame, app);
    h.run();
    h
}

pub fn doc<'a>(h: &'a Harness<'_, ClaimlensApp>) -> &'a claimlens::model::Document {
    h.state().session.document().expect("a document is open")
}

/// Where the article's text is on screen (the reader's "Article" node spans the whole text,
/// most of it scrolled out of view; only the paragraphs in view are laid out).
pub fn article_rect(h: &Harness<'_, ClaimlensApp>) -> egui::Rect {
    h.get_by_role_and_label(egui::accesskit::Role::Article, "Article").rect()
}

/// Drags across the article text from `from` to `to` (fractions of the text widget's width on its first line).
pub fn drag_select(h: &mut Harness<'_, ClaimlensApp>, from: f32, to: f32) {
    let rect = article_rect(h);
    let y = rect.top() + 12.0;
    let a = egui::pos2(rect.left() + rect.width() * from, y);
    let b = egui::pos2(rect.left() + rect.width() * to, y);
    h.hover_at(a);
    h.drag_at(a);
    h.step();
    h.hover_at(b);
    h.step();
    h.drop_at(b);
    h.run();
}

/// Picks `item` in the File menu and answers its path field (no native dialog in tests) with
/// `path`, then presses `button`. The caller runs the frames that follow.
pub fn file_menu_with_path(h: &mut Harness<'_, ClaimlensApp>, item: &str, path: &Path, button: &str) {
    file_menu_item(h, item);
    answer_path(h, path, button);
}

/// Answers the open path field (no native dialog in tests) with `path`, then presses `button`.
/// The caller runs the frames that follow.
pub fn answer_path(h: &mut Harness<'_, ClaimlensApp>, path: &Path, button: &str) {
    h.get_by_label("Path").focus();
    h.key_combination_modifiers(Modifiers::COMMAND, &[Key::A]);
    h.get_by_label("Path").type_text(&path.display().to_string());
    h.run();
    h.get_by_label(button).click();
}

/// Scrolls the Claims list with the mouse wheel (only the rows in view exist) until a row
/// containing `text` is shown.
pub fn scroll_claims_to(h: &mut Harness<'_, ClaimlensApp>, text: &str) {
    let n = doc(h).claims.len();
    let below = h.get_by_label_contains(&format!("of {n} claims")).rect().center_bottom() + egui::vec2(0.0, 120.0);
    // Whole in view: above the status bar, not cut off at the list's bottom edge.
    let limit = h.get_by_label_contains("This document:").rect().top() - 8.0;
    for _ in 0..40 {
        if h.query_all_by_label_contains(text).any(|n| n.rect().bottom() < limit) {
            // Let the list's smooth scrolling come to rest before anything clicks the row.
            h.run_steps(10);
            return;
        }
        h.hover_at(below);
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -200.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        h.run_steps(3);
    }
    panic!("no claim row with {text:?} after scrolling the list");
}

/// The window on `app`, not yet run.
pub fn window(app: ClaimlensApp) -> Harness<'static, ClaimlensApp> {
    Harness::builder().with_size([1280.0, 800.0]).with_max_steps(MAX_STEPS).build_ui_state(frame, app)
}

/// Labels the next sentence with hotkey `key` (as a person would: Alt+Down, then the digit).
pub fn label_next_sentence(h: &mut Harness<'_, ClaimlensApp>, key: Key) {
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.key_press(key);
    h.run();
}

/// Picks `item` in the File menu, and runs the frames that follow.
pub fn file_menu_item(h: &mut Harness<'_, ClaimlensApp>, item: &str) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains(item).click();
    h.run();
}

/// The label of the widget that has the keyboard.
pub fn focused(h: &Harness<'_, claimlens::ui::ClaimlensApp>) -> String {
    #[allow(clippy::redundant_closure_for_method_calls, reason = "the method is not general over the node's lifetime")]
    let is_focused = |n: &egui_kittest::kittest::AccessKitNode<'_>| n.is_focused();
    h.query_by(is_focused).and_then(|n| n.accesskit_node().label()).unwrap_or_default()
}

/// Presses `key` and lets the window settle.
pub fn press(h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// Tabs until the widget called `label` has the keyboard (at most `max` presses).
pub fn tab_to(h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, label: &str, max: usize) {
    for _ in 0..max {
        if focused(h) == label {
            return;
        }
        press(h, Key::Tab);
    }
    assert_eq!(focused(h), label, "Tab reaches {label}");
}

/// Opens the focused list with Space, Tabs to the entry `entry`, and chooses it with Space.
pub fn choose(h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, list: &str, entry: &str) {
    assert_eq!(focused(h), list);
    press(h, Key::Space);
    tab_to(h, entry, 40);
    press(h, Key::Space);
    assert_eq!(focused(h), list, "the keyboard is back on {list} after choosing {entry}");
}

/// The char offset of the first `needle` in the document's text (after `nth - 1` others).
pub fn char_of(h: &Harness<'_, ClaimlensApp>, needle: &str) -> usize {
    let text = &doc(h).text;
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in the article"));
    text[..byte].chars().count()
}

/// Where char `c` is on screen (its left edge, mid-row), as the reader painted it.
pub fn point_at(h: &Harness<'_, ClaimlensApp>, c: usize) -> egui::Pos2 {
    let rect = h.state().view.reader.char_rect(c).unwrap_or_else(|| panic!("char {c} is not in view"));
    egui::pos2(rect.left() + 2.0, rect.center().y)
}

/// Presses the mouse at `a`, drags to `b` and lets go, with `modifiers` held.
pub fn drag(h: &mut Harness<'_, ClaimlensApp>, a: egui::Pos2, b: egui::Pos2, modifiers: Modifiers) {
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.hover_at(a);
    h.event(egui::Event::PointerButton { pos: a, button: egui::PointerButton::Primary, pressed: true, modifiers });
    h.step();
    h.hover_at(egui::pos2(f32::midpoint(a.x, b.x), b.y));
    h.step();
    h.hover_at(b);
    h.step();
    h.event(egui::Event::PointerButton { pos: b, button: egui::PointerButton::Primary, pressed: false, modifiers });
    h.step();
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

/// Right-clicks char `c` of the article.
pub fn right_click(h: &mut Harness<'_, ClaimlensApp>, c: usize) {
    let pos = point_at(h, c) + egui::vec2(2.0, 0.0);
    h.hover_at(pos);
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Secondary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Secondary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
}

/// Imports the bundled reference article into the open project as a second document (File →
/// Import Article…, then "Add to this project").
pub fn import_bundled_article_here(h: &mut Harness<'_, ClaimlensApp>) {
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/g7-dprk-troops-censor-net.txt");
    file_menu_with_path(h, "Import Article…", &article, "Import");
    h.run();
    h.get_by_label("Add to this project (default)").click();
    h.run();
}
