//! Dashed marks under ranges of a laid-out text: how suggestions show in the article, distinct
//! from the user's own (filled) highlights.

use crate::anchor::CharRange;
use egui::text::CharIndex;
use egui::{Color32, Galley, Painter, Pos2, Rect, Shape, Stroke, Vec2};

/// The rectangles (relative to the galley) covering `range`, one per row it spans.
pub fn range_rects(galley: &Galley, range: CharRange) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut row_start = 0usize;
    for row in &galley.rows {
        let visible_end = row_start + usize::from(row.char_count_excluding_newline());
        let lo = range.start.max(row_start);
        let hi = range.end.min(visible_end);
        if lo < hi {
            let x0 = row.pos.x + row.x_offset(CharIndex(lo - row_start));
            let x1 = row.pos.x + row.x_offset(CharIndex(hi - row_start));
            out.push(Rect::from_min_max(Pos2::new(x0, row.min_y()), Pos2::new(x1, row.max_y())));
        }
        row_start += usize::from(row.char_count_including_newline());
        if row_start >= range.end {
            break;
        }
    }
    out
}

/// Paints a dashed underline under each range; the current one thicker.
pub fn paint_dashed_marks(painter: &Painter, galley: &Galley, galley_pos: Pos2, marks: &[(CharRange, bool)], color: Color32) {
    let offset = galley_pos.to_vec2();
    for (range, current) in marks {
        let stroke = Stroke::new(if *current { 2.5 } else { 1.5 }, color);
        for rect in range_rects(galley, *range) {
            let y = rect.max.y - 3.0;
            let a = Pos2::new(rect.min.x, y) + offset;
            let b = Pos2::new(rect.max.x, y) + offset;
            painter.extend(Shape::dashed_line(&[a, b], stroke, 5.0, 3.0));
            if *current {
                painter.rect_stroke(
                    rect.translate(offset).expand2(Vec2::new(1.0, 0.0)),
                    2.0,
                    Stroke::new(1.0, color),
                    egui::StrokeKind::Outside,
                );
            }
        }
    }
}
