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
    if visuals.dark_mode { Color32::from_rgb(0xc0, 0x6a, 0x00) } else { Color32::from_rgb(0xff, 0xa5, 0x2e) }
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
    if visuals.dark_mode { mix(c, Color32::WHITE, 0.15) } else { c }
}

/// Weak text (metadata lines).
pub fn weak(visuals: &Visuals) -> Color32 {
    visuals.weak_text_color()
}

/// Colour of error text in dialogs.
pub fn error(visuals: &Visuals) -> Color32 {
    visuals.error_fg_color
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
