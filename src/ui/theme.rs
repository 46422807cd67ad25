//! Colours and text styles of the window: every colour the UI paints comes from here.
// The one home of colour constructors (disallowed everywhere else by clippy.toml).
#![allow(clippy::disallowed_methods)]

use crate::model::{Rgb, Verdict};
use egui::{Color32, Visuals};

/// Converts a label colour to egui's.
pub fn label_color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// The colour of an annotation whose label is not in the schema.
pub const UNLABELLED: Color32 = Color32::GRAY;

/// The background of a row in a list: tinted when selected (or current), else none.
pub fn row_fill(visuals: &Visuals, selected: bool) -> Color32 {
    if selected { visuals.selection.bg_fill.gamma_multiply(0.35) } else { Color32::TRANSPARENT }
}

/// Mixes `over` into `base` by `t` (0..1), in gamma space, opaque result.
pub fn mix(base: Color32, over: Color32, t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let ch = |a: u8, b: u8| (f32::from(a) * (1.0 - t) + f32::from(b) * t).round() as u8;
    Color32::from_rgb(ch(base.r(), over.r()), ch(base.g(), over.g()), ch(base.b(), over.b()))
}

/// The page colour behind the article.
pub fn page(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0x1e, 0x1f, 0x22) } else { Color32::from_rgb(0xfd, 0xfc, 0xf8) }
}

/// The article's text colour.
pub fn ink(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0xe4, 0xe2, 0xdc) } else { Color32::from_rgb(0x22, 0x22, 0x22) }
}

/// How strongly one highlight layer tints the page.
pub fn highlight_strength(visuals: &Visuals) -> f32 {
    if visuals.dark_mode { 0.34 } else { 0.30 }
}

/// Background of matches of the find bar.
pub fn find_match(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0x6b, 0x5a, 0x10) } else { Color32::from_rgb(0xff, 0xe9, 0x7a) }
}

/// Background of the current find match.
pub fn find_current(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0x8a, 0x4c, 0x00) } else { Color32::from_rgb(0xff, 0xa5, 0x2e) }
}

/// Colour of the dashed marks of suggestions.
pub fn suggestion(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0x7f, 0xc8, 0xff) } else { Color32::from_rgb(0x1f, 0x5f, 0xbf) }
}

/// Colour of a verdict badge.
pub fn verdict_color(v: Verdict, visuals: &Visuals) -> Color32 {
    let c = match v {
        Verdict::Unverified => Color32::from_rgb(0x88, 0x88, 0x88),
        Verdict::Supported => Color32::from_rgb(0x1a, 0x8a, 0x4a),
        Verdict::Disputed => Color32::from_rgb(0xc2, 0x7c, 0x0e),
        Verdict::False => Color32::from_rgb(0xc6, 0x28, 0x28),
        Verdict::Misleading => Color32::from_rgb(0xb0, 0x4a, 0xa0),
        Verdict::Unverifiable => Color32::from_rgb(0x55, 0x6b, 0x8a),
    };
    // Lightened on dark panels, darkened on light ones: text contrast of at least 4.5:1.
    if visuals.dark_mode { mix(c, Color32::WHITE, 0.4) } else { mix(c, Color32::BLACK, 0.25) }
}

/// Weak text (metadata lines).
pub fn weak(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0xa8, 0xa8, 0xa8) } else { Color32::from_rgb(0x5f, 0x5f, 0x5f) }
}

/// The ring around the widget that has the keyboard (3:1 against the panel at least, as WCAG
/// asks of focus indicators).
pub fn focus_ring(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0x7f, 0xc8, 0xff) } else { Color32::from_rgb(0x1f, 0x5f, 0xbf) }
}

/// Colour of error text in dialogs.
pub fn error(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0xff, 0x8a, 0x80) } else { Color32::from_rgb(0xb0, 0x00, 0x20) }
}

/// Base article font size in points at zoom 1.
pub const ARTICLE_FONT_SIZE: f32 = 17.0;
/// Line height as a multiple of the font size, for a calm measure.
pub const LINE_SPACING: f32 = 1.55;
/// Width of the reading column in multiples of the font size (about 70 characters).
pub const MEASURE_EMS: f32 = 35.0;

/// The side panel's widest share of the window: the article keeps the rest.
pub const SIDE_PANEL_MAX_SHARE: f32 = 0.45;

/// The side panel's widest size for a window `window_width` points wide.
pub fn side_panel_max_width(window_width: f32) -> f32 {
    window_width * SIDE_PANEL_MAX_SHARE
}

/// Name of the bundled fallback font.
const FALLBACK_FONT: &str = "DejaVuSans";

/// Adds `DejaVu Sans` (bundled, see `assets/fonts/`) after egui's own font, so that arrows, dashes,
/// guillemets, Cyrillic and other news-article characters render everywhere, even where no
/// system font is found. Cheap when already installed; call at the start of every frame.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily { family, priority: FontPriority::Lowest })
        .collect();
    ctx.add_font(FontInsert {
        name: FALLBACK_FONT.to_owned(),
        data: FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans.ttf")),
        families,
    });
}

/// WCAG 2 contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG 2 relative luminance of an sRGB colour.
fn relative_luminance(c: Color32) -> f32 {
    let channel = |v: u8| {
        let s = f32::from(v) / 255.0;
        if s <= 0.040_45 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.0722f32.mul_add(channel(c.b()), 0.2126f32.mul_add(channel(c.r()), 0.7152 * channel(c.g())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text colour on the background it is drawn on, in both themes (AA: 4.5:1).
    #[test]
    fn all_text_meets_wcag_aa_in_both_themes() {
        for visuals in [Visuals::light(), Visuals::dark()] {
            let panel = visuals.panel_fill;
            let page = page(&visuals);
            let mut pairs = vec![
                ("article ink on the page", ink(&visuals), page),
                ("weak text on the panel", weak(&visuals), panel),
                ("text on the panel", visuals.text_color(), panel),
                ("article ink on a find match", ink(&visuals), find_match(&visuals)),
                ("article ink on the current find match", ink(&visuals), find_current(&visuals)),
                ("error text on the panel", error(&visuals), panel),
            ];
            for v in Verdict::ALL {
                pairs.push(("a verdict on the panel", verdict_color(v, &visuals), panel));
            }
            let theme = if visuals.dark_mode { "dark" } else { "light" };
            let failing: Vec<String> = pairs
                .iter()
                .map(|&(what, fg, bg)| (what, contrast(fg, bg)))
                .filter(|&(_, ratio)| ratio < 4.5)
                .map(|(what, ratio)| format!("{what} ({theme} theme): {ratio:.2}:1"))
                .collect();
            assert!(failing.is_empty(), "below WCAG AA: {failing:#?}");
        }
    }

    #[test]
    fn contrast_follows_the_wcag_formula() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::from_rgb(0x77, 0x77, 0x77), Color32::WHITE) - 4.48).abs() < 0.01);
    }
}
