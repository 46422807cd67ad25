//! Drawing the provenance picture with egui's painter: boxes, arrows with their kind, pan by
//! dragging, zoom with `Ctrl`+scroll (about the pointer). Each box is also an accessible button
//! named by its first line, so a screen reader (and a test) finds it and can press it.

use crate::analysis::provenance::layout::{BOX_HEIGHT, BOX_WIDTH, Layout};
use crate::analysis::provenance::{EdgeKind, ProvenanceGraph};
use crate::formats::export::dot::node_lines;
use crate::ui::theme;
use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, Vec2, vec2};

/// The smallest zoom.
pub const MIN_ZOOM: f32 = 0.2;
/// The smallest zoom a picture opens at: its boxes' names still read (the text never shrinks
/// below the window's smallest size, so a smaller box cuts its name to a few letters). A larger
/// picture opens at this zoom, its start in view, to be dragged; *Fit* shows it whole.
pub const READABLE_ZOOM: f32 = 0.75;
/// A `zoom` that asks for the whole picture, however small (*Fit*).
pub const FIT_WHOLE: f32 = -1.0;
/// The largest zoom.
pub const MAX_ZOOM: f32 = 3.0;
/// Room around the picture when it is fitted.
const MARGIN: f32 = 12.0;

/// Draws the picture in the space left in `ui`; returns the box clicked, if any. A `zoom` of 0
/// fits the picture to the view down to [`READABLE_ZOOM`]; [`FIT_WHOLE`] fits it whole.
pub fn canvas_ui(ui: &mut Ui, graph: &ProvenanceGraph, layout: &Layout, pan: &mut Vec2, zoom: &mut f32) -> Option<usize> {
    let size = vec2(ui.available_width(), ui.available_height().max(80.0));
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    if *zoom <= 0.0 {
        let fit =
            ((rect.width() - 2.0 * MARGIN) / layout.size.0.max(1.0)).min((rect.height() - 2.0 * MARGIN) / layout.size.1.max(1.0));
        let smallest = if *zoom < 0.0 { MIN_ZOOM } else { READABLE_ZOOM };
        *zoom = fit.clamp(smallest, 1.0);
        *pan = vec2(MARGIN, ((rect.height() - layout.size.1 * *zoom) / 2.0).max(MARGIN));
    }
    if response.dragged() {
        *pan += response.drag_delta();
    }
    if response.hovered() {
        let (factor, pointer) = ui.input(|i| (i.zoom_delta(), i.pointer.hover_pos()));
        if (factor - 1.0).abs() > f32::EPSILON {
            let new = (*zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
            if let Some(p) = pointer {
                // Keep the point under the pointer in place.
                let at = p - rect.min - *pan;
                *pan += at - at * (new / *zoom);
            }
            *zoom = new;
        }
    }
    let to_screen = |(x, y): (f32, f32)| rect.min + *pan + vec2(x, y) * *zoom;
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    painter.rect_filled(rect, 0.0, theme::page(&visuals));
    let ink = theme::ink(&visuals);
    let weak = theme::weak(&visuals);
    for e in &graph.edges {
        let (Some(&from), Some(&to)) = (layout.positions.get(e.from), layout.positions.get(e.to)) else { continue };
        let a = to_screen((from.0, from.1 + BOX_HEIGHT / 2.0));
        let b = to_screen((to.0 + BOX_WIDTH, to.1 + BOX_HEIGHT / 2.0));
        let stroke = Stroke::new(if e.kind == EdgeKind::Origin { 1.8 } else { 1.2 }, weak);
        arrow(&painter, a, b, 8.0 * *zoom, stroke);
        // The arrow's kind where it fits between the boxes (zoomed out, it would cover them).
        let size = (12.0 * *zoom).max(theme::MIN_TEXT_SIZE);
        let label = e.kind.label();
        if (b - a).length() > label.chars().count() as f32 * size * 0.55 + 12.0 {
            painter.text(a + (b - a) / 2.0 - vec2(0.0, 4.0), Align2::CENTER_BOTTOM, label, FontId::proportional(size), weak);
        }
    }
    let mut clicked = None;
    for (i, node) in graph.nodes.iter().enumerate() {
        let Some(&p) = layout.positions.get(i) else { continue };
        let r = Rect::from_min_size(to_screen(p), vec2(BOX_WIDTH, BOX_HEIGHT) * *zoom);
        if !r.intersects(rect) {
            continue;
        }
        let lines = node_lines(node);
        let name = lines.first().cloned().unwrap_or_default();
        let id = ui.make_persistent_id(("provenance-box", i));
        let box_response = ui.interact(r.intersect(rect), id, Sense::click());
        box_response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        let hovered = box_response.hovered();
        let fill = theme::row_fill(&visuals, hovered);
        let width = if node.earliest { 3.0 } else { 1.0 };
        painter.rect(r, 6.0 * *zoom, fill, Stroke::new(width, ink), StrokeKind::Inside);
        draw_lines(&painter, r, &lines, *zoom, ink, weak);
        let tip = lines.join("\n") + if node.claim.is_some() { "\nClick to open the article at this claim" } else { "" };
        if box_response.on_hover_text(tip).clicked() {
            clicked = Some(i);
        }
    }
    clicked
}

/// A line from `a` to `b` with a head of `head` points at `b` (egui's own arrow grows its head
/// with the arrow's length).
fn arrow(painter: &egui::Painter, a: Pos2, b: Pos2, head: f32, stroke: Stroke) {
    painter.line_segment([a, b], stroke);
    let dir = (b - a).normalized();
    let side = vec2(-dir.y, dir.x) * head / 2.0;
    let back = b - dir * head;
    painter.line_segment([b, back + side], stroke);
    painter.line_segment([b, back - side], stroke);
}

/// The box's lines of text, cut to its width. Text is never drawn below the window's smallest
/// size: zoomed out, a box shows the lines that still fit in its height at that size (its name
/// first), and the rest come back on zooming in.
fn draw_lines(painter: &egui::Painter, r: Rect, lines: &[String], zoom: f32, ink: egui::Color32, weak: egui::Color32) {
    let mut y = r.top() + 6.0 * zoom;
    for (k, line) in lines.iter().enumerate() {
        let size = if k == 0 { 14.0 * zoom } else { 12.0 * zoom }.max(theme::MIN_TEXT_SIZE);
        if k > 0 && y + size > r.bottom() - 2.0 {
            break;
        }
        let at = Pos2::new(r.left() + 8.0 * zoom, y);
        // A line's height is about 1.25 of its size; the lines below never overlap it.
        y += (18.0 * zoom).max(size * 1.25);
        // About 0.55 of a size per char in the proportional font.
        let chars = ((r.width() - 16.0 * zoom) / (size * 0.55)).max(4.0) as usize;
        let color = if k == 0 { ink } else { weak };
        painter.text(at, Align2::LEFT_TOP, crate::formats::text::shorten(line, chars), FontId::proportional(size), color);
    }
}
