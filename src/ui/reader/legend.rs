//! The legend above the article: every label of the project with its colour and hotkey, drawn
//! as its spans are, and what the quiet long spans, the bars and the dashed marks mean.

use super::layout::Style;
use crate::model::Project;
use crate::ui::highlight::span_look;
use crate::ui::theme;
use egui::{Rect, RichText, Sense, Stroke, Ui, Vec2};

/// The legend's heading (what tests and screen readers find it by).
pub const LEGEND_HEADING: &str = "Labels and colours";

/// The text of a label's row in the legend: its name, and its hotkey when it has one.
pub fn legend_row_text(name: &str, hotkey: Option<u8>) -> String {
    match hotkey {
        Some(k) => format!("{name} (key {k})"),
        None => name.to_owned(),
    }
}

/// Shows the legend: a swatch per label, tinted as its short spans are, then the long-span
/// and suggestion cues.
pub(super) fn legend_ui(ui: &mut Ui, project: &Project, style: &Style) {
    let size = style.size * 0.8;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new(LEGEND_HEADING).strong().size(size));
        // A grid, so that a swatch never wraps away from its label.
        let columns = ((ui.available_width() / (size * 10.0)).floor() as usize).max(1);
        egui::Grid::new("legend-labels").num_columns(columns).show(ui, |ui| {
            for (i, label) in project.labels.iter().enumerate() {
                let color = theme::label_color(label.color);
                ui.horizontal(|ui| {
                    swatch_ui(ui, style, color, span_look(1, false, false).tint, size);
                    ui.label(RichText::new(legend_row_text(&label.name, label.hotkey)).size(size).color(style.ink))
                        .on_hover_text(match label.role {
                            Some(role) => {
                                format!("Spans labelled {} (the {} role)", label.name, format!("{role:?}").to_lowercase())
                            }
                            None => format!("Spans labelled {}", label.name),
                        });
                });
                if (i + 1) % columns == 0 {
                    ui.end_row();
                }
            }
        });
        let weak = theme::weak(ui.visuals());
        ui.label(
            RichText::new(
                "A long span (a sentence or more) has a light tint and a bar in the margin; hover or select it to see it whole. \
                 Dashed underlines are suggestions.",
            )
            .size(size)
            .color(weak),
        );
    });
    ui.add_space(style.size * 0.5);
}

/// A small box tinted as a span of `color` is, underlined.
fn swatch_ui(ui: &mut Ui, style: &Style, color: egui::Color32, tint: f32, size: f32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(size * 1.4, size), Sense::hover());
    let fill = theme::mix(style.page, color, style.strength * tint);
    ui.painter().rect_filled(rect, 2.0, fill);
    let line = Rect::from_min_max(rect.left_bottom() - Vec2::new(0.0, 1.5), rect.right_bottom());
    ui.painter().rect_filled(line, 0.0, color);
    ui.painter().rect_stroke(rect, 2.0, Stroke::new(1.0, color), egui::StrokeKind::Inside);
}
