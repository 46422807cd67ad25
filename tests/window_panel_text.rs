//! Text you can read: no text style of the window below 12 points at zoom 100% (egui's small
//! text is 9), and Ctrl+plus / Ctrl+minus zoom the whole window, not only the article.

#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

#[path = "common/window.rs"]
mod window_harness;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use window_harness::*;

#[test]
fn no_text_style_of_the_window_is_below_12_points_at_zoom_100() {
    let path = sample_copy("text-sizes");
    let h = harness(app_on(&path));
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        for (style, font) in &h.ctx.style_of(theme).text_styles {
            assert!(font.size >= claimlens::ui::theme::MIN_TEXT_SIZE, "{style:?} is {} points in the {theme:?} theme", font.size);
        }
    }
}

#[test]
fn ctrl_plus_and_minus_zoom_the_whole_window() {
    let path = sample_copy("zoom-window");
    let mut h = harness(app_on(&path));
    // Widths: a line's height is held up by the widgets' minimum height, its width is not.
    let width = |h: &Harness<'_, claimlens::ui::ClaimlensApp>, label: &str| h.get_by_label_contains(label).rect().width();
    let (status, tab) = (width(&h, "This document:"), width(&h, "Claims"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    assert!((h.state().settings.zoom - 1.2).abs() < 0.01);
    assert!(width(&h, "This document:") > status * 1.1, "the status bar grows");
    assert!(width(&h, "Claims") > tab * 1.1, "the side panel's tabs grow");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert!(width(&h, "This document:") < status, "and shrinks below 100%");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert!((width(&h, "This document:") - status).abs() < 0.5, "Ctrl+0 gives 100% back");
}
