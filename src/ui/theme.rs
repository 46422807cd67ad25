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
    if selected { selected_card_fill(visuals) } else { Color32::TRANSPARENT }
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

/// Spans longer than this many chars (claims of a sentence or a paragraph) are drawn quietly:
/// a light tint and a bar in the margin, so the cues and sources inside them stay visible.
pub const LONG_SPAN_CHARS: usize = 40;
/// The share of a highlight's tint a long span keeps while neither hovered nor selected.
pub const LONG_SPAN_TINT: f32 = 0.3;
/// Width of the bar in the margin beside a long span's lines, at zoom 1 (points).
pub const SPAN_BAR_WIDTH: f32 = 3.0;

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

/// The smallest text the window shows at zoom 100%, in points.
pub const MIN_TEXT_SIZE: f32 = 12.0;

/// The size of each of egui's text styles at zoom 1: egui's own, but nothing below
/// [`MIN_TEXT_SIZE`] (egui's small text is 9 points).
pub fn text_size(style: &egui::TextStyle) -> f32 {
    let own = egui::Style::default().text_styles.get(style).map_or(MIN_TEXT_SIZE, |f| f.size);
    own.max(MIN_TEXT_SIZE)
}

/// Sizes the window's text styles for `zoom` (Ctrl+plus and Ctrl+minus zoom the whole window,
/// panels and dialogs with the article) and gives egui's weak text a readable colour. Cheap
/// when already applied; call every frame.
pub fn apply_text_sizes(ctx: &egui::Context, zoom: f32) {
    let applied = |style: &egui::Style| {
        style.text_styles.iter().all(|(text_style, font)| (font.size - text_size(text_style) * zoom).abs() < 0.01)
    };
    if applied(&ctx.global_style()) {
        return;
    }
    ctx.all_styles_mut(|style| {
        for (text_style, font) in &mut style.text_styles {
            font.size = text_size(text_style) * zoom;
        }
        tune_visuals(&mut style.visuals);
    });
}

/// What claimlens changes in egui's visuals: weak text (`RichText::weak`) in [`weak`]'s colour,
/// which meets 4.5:1 (egui's own fades the text colour to about 2.3:1 on a dark panel).
pub fn tune_visuals(visuals: &mut Visuals) {
    visuals.weak_text_color = Some(weak(visuals));
}

/// The selected claim card's background (its text stays the panel's text colour).
pub fn selected_card_fill(visuals: &Visuals) -> Color32 {
    mix(visuals.panel_fill, visuals.selection.bg_fill, if visuals.dark_mode { 0.18 } else { 0.25 })
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

/// Colour of text removed from an article's earlier version (Check for Changes).
pub fn diff_removed(visuals: &Visuals) -> Color32 {
    error(visuals)
}

/// Colour of text added in an article's newer version (Check for Changes).
pub fn diff_added(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode { Color32::from_rgb(0x7e, 0xd9, 0x9b) } else { Color32::from_rgb(0x0b, 0x6b, 0x33) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text colour on the background it is drawn on, in both themes (AA: 4.5:1).
    #[test]
    fn all_text_meets_wcag_aa_in_both_themes() {
        for mut visuals in [Visuals::light(), Visuals::dark()] {
            tune_visuals(&mut visuals);
            let panel = visuals.panel_fill;
            let page = page(&visuals);
            let card = selected_card_fill(&visuals);
            let tooltip = visuals.window_fill;
            let mut pairs = vec![
                ("text on the selected claim card", visuals.text_color(), card),
                ("a selected entry's text on its selection", visuals.selection.stroke.color, visuals.selection.bg_fill),
                ("strong text on the selected claim card", visuals.strong_text_color(), card),
                ("secondary text (chain, counts) on the selected claim card", weak(&visuals), card),
                ("weak text on a tooltip", weak(&visuals), tooltip),
                ("text on a tooltip", visuals.text_color(), tooltip),
                ("text on a dialog", visuals.text_color(), visuals.window_fill),
                ("egui's weak text on the panel", visuals.weak_text_color(), panel),
                ("article ink on the page", ink(&visuals), page),
                ("weak text on the panel", weak(&visuals), panel),
                ("text on the panel", visuals.text_color(), panel),
                ("article ink on a find match", ink(&visuals), find_match(&visuals)),
                ("article ink on the current find match", ink(&visuals), find_current(&visuals)),
                ("error text on the panel", error(&visuals), panel),
            ];
            for v in Verdict::ALL {
                pairs.push(("a verdict on the panel", verdict_color(v, &visuals), panel));
                pairs.push(("a verdict on the selected claim card", verdict_color(v, &visuals), card));
            }
            let theme = if visuals.dark_mode { "dark" } else { "light" };
            let failing: Vec<String> = pairs
                .iter()
                .map(|&(what, fg, bg)| (what, contrast(fg, bg)))
                .filter(|&(_, ratio)| ratio < 4.5)
                .map(|(what, ratio)| format!("{what} ({theme} theme): {ratio:.2}:1"))
                .collect();
            assert!(failing.is_empty(), "below WCAG AA: {failing:#?}");
            // A focus ring is no text, but must be seen: 3:1 (WCAG 1.4.11).
            for bg in [panel, visuals.window_fill] {
                assert!(contrast(focus_ring(&visuals), bg) >= 3.0, "focus ring ({theme} theme)");
            }
        }
    }

    #[test]
    fn no_text_style_is_below_12_points_and_zoom_scales_them_all() {
        let ctx = egui::Context::default();
        apply_text_sizes(&ctx, 1.0);
        for (style, font) in &ctx.global_style().text_styles {
            assert!(font.size >= MIN_TEXT_SIZE, "{style:?} is {} points", font.size);
        }
        apply_text_sizes(&ctx, 1.5);
        let small = ctx.global_style().text_styles.get(&egui::TextStyle::Small).map(|f| f.size);
        assert_eq!(small, Some(MIN_TEXT_SIZE * 1.5));
    }

    #[test]
    fn contrast_follows_the_wcag_formula() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::from_rgb(0x77, 0x77, 0x77), Color32::WHITE) - 4.48).abs() < 0.01);
    }
}
