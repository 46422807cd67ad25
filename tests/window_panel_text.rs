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

/// Every text a view draws, with its size in points: labels, buttons, the article, headings.
fn drawn_text_sizes(h: &Harness<'_, claimlens::ui::ClaimlensApp>) -> Vec<(f32, String)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(f32, String)>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            egui::Shape::Text(text) => {
                let job = &text.galley.job;
                for section in &job.sections {
                    let words = job.text.get(section.byte_range.start.0..section.byte_range.end.0).unwrap_or_default();
                    if !words.trim().is_empty() {
                        out.push((section.format.font_id.size, words.chars().take(40).collect()));
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// No text the window draws is below 12 points at zoom 100%, whatever sets its size (a text
/// style, or a size given in place): checked on what is painted in each tab and in the windows
/// and dialogs a first hour opens, in both themes.
#[test]
fn no_text_drawn_anywhere_is_below_12_points_at_zoom_100() {
    use claimlens::ui::commands::Command;
    let path = sample_copy("drawn-text-sizes");
    let mut h = harness(app_on(&path));
    let mut seen = 0;
    let mut check = |h: &mut Harness<'_, claimlens::ui::ClaimlensApp>, view: &str| {
        h.run();
        let sizes = drawn_text_sizes(h);
        assert!(sizes.len() > 5, "{view}: text is drawn");
        seen += sizes.len();
        let small: Vec<_> = sizes.iter().filter(|(size, _)| *size < claimlens::ui::theme::MIN_TEXT_SIZE).collect();
        assert!(small.is_empty(), "{view}: text below 12 points: {small:?}");
    };
    for theme in [Command::ThemeLight, Command::ThemeDark] {
        h.state_mut().run(theme);
        check(&mut h, "the article and the Claims tab");
        for tab in ["Sources", "Annotations", "Suggestions", "Timeline", "Claims"] {
            h.get_by_label(tab).click();
            check(&mut h, tab);
        }
        h.get_by_label("Legend").click();
        check(&mut h, "the legend");
        h.get_by_label("Legend").click();
        for (command, view) in [
            (Command::KeyboardHelp, "the keyboard reference"),
            (Command::CommandPalette, "the command palette"),
            (Command::Export, "the Export dialog"),
            (Command::Preferences, "Preferences"),
            (Command::EditLabels, "the labels editor"),
            (Command::EditDocumentDetails, "the document details"),
            (Command::ShowProvenance, "the provenance picture"),
        ] {
            h.state_mut().run(command);
            check(&mut h, view);
            h.key_press(Key::Escape);
            h.run();
        }
    }
    assert!(seen > 200, "the check saw the window's text ({seen} runs)");
}
