//! Flattening overlapping highlight layers into ordered, non-overlapping segments (a boundary
//! sweep), as egui's `LayoutJob` needs, and how strongly each span is drawn. Pure: no egui.

use crate::anchor::CharRange;
use crate::ui::theme::{LONG_SPAN_CHARS, LONG_SPAN_TINT};

/// How a span is drawn: its tint (a fraction of the theme's highlight strength) and its
/// underline's width (0: none).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpanLook {
    /// How much of the theme's highlight strength the span's colour tints the page.
    pub tint: f32,
    /// Underline width in points (0: no underline).
    pub underline: f32,
}

/// Whether a span of `extent` chars is long (a claim of a sentence or a paragraph): drawn
/// quietly, with a bar in the margin, so the cues and sources inside it stay visible.
pub const fn is_long_span(extent: usize) -> bool {
    extent > LONG_SPAN_CHARS
}

/// How a span of `extent` chars is drawn: short spans (cues, sources, names) in full colour and
/// underlined; long ones a light tint without underline, until hovered or selected.
pub fn span_look(extent: usize, selected: bool, hovered: bool) -> SpanLook {
    let quiet = is_long_span(extent) && !selected && !hovered;
    match (quiet, selected) {
        (true, _) => SpanLook { tint: LONG_SPAN_TINT, underline: 0.0 },
        (false, true) => SpanLook { tint: 2.0, underline: 3.0 },
        (false, false) if hovered && is_long_span(extent) => SpanLook { tint: 0.8, underline: 1.5 },
        (false, false) => SpanLook { tint: 1.0, underline: 1.5 },
    }
}

/// One contiguous piece of text and the layers covering it, outermost (longest) first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The chars of the piece.
    pub range: CharRange,
    /// Indices into the layer list, outermost first.
    pub layers: Vec<usize>,
}

/// Splits `0..len` into segments where the set of covering layers is constant. `layers` are
/// `(range, extent)` pairs: `extent` (the whole span of a discontinuous annotation) orders
/// nesting, so that the longer annotation counts as outer.
pub fn segments(len: usize, layers: &[(CharRange, usize)]) -> Vec<Segment> {
    let mut points: Vec<usize> = Vec::with_capacity(layers.len() * 2 + 2);
    points.push(0);
    points.push(len);
    for (r, _) in layers {
        points.push(r.start.min(len));
        points.push(r.end.min(len));
    }
    points.sort_unstable();
    points.dedup();
    // Starts and ends sorted, to sweep in O((n + k) log n).
    let mut starts: Vec<usize> = (0..layers.len()).collect();
    starts.sort_by_key(|&i| layers.get(i).map_or(0, |(r, _)| r.start));
    let mut active: Vec<usize> = Vec::new();
    let mut next_start = 0;
    let mut out = Vec::with_capacity(points.len());
    for pair in points.windows(2) {
        let [a, b] = [pair.first().copied().unwrap_or(0), pair.get(1).copied().unwrap_or(0)];
        if a >= b {
            continue;
        }
        while let Some(&i) = starts.get(next_start) {
            match layers.get(i) {
                Some((r, _)) if r.start <= a => {
                    active.push(i);
                    next_start += 1;
                }
                _ => break,
            }
        }
        active.retain(|&i| layers.get(i).is_some_and(|(r, _)| r.end > a));
        let mut covering: Vec<usize> =
            active.iter().copied().filter(|&i| layers.get(i).is_some_and(|(r, _)| r.start <= a && r.end >= b)).collect();
        covering.sort_by_key(|&i| (std::cmp::Reverse(layers.get(i).map_or(0, |l| l.1)), i));
        out.push(Segment { range: CharRange::new(a, b), layers: covering });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_claim_is_quieter_than_the_cue_inside_it_until_hovered_or_selected() {
        let (claim, cue) = (span_look(180, false, false), span_look(4, false, false));
        assert!(claim.tint < cue.tint * 0.5, "{claim:?} vs {cue:?}");
        assert!(claim.underline <= 0.0, "no underline under every line of a paragraph");
        assert!(span_look(180, false, true).tint > claim.tint, "hover shows it");
        assert!(span_look(180, true, false).tint > span_look(180, false, true).tint, "selection more");
        assert!(span_look(180, true, false).underline > 0.0);
    }

    #[test]
    fn nested_and_overlapping_layers() {
        let r = CharRange::new;
        // 0..10 outer, 2..4 nested, 8..12 overlapping the end.
        let layers = [(r(0, 10), 10), (r(2, 4), 2), (r(8, 12), 4)];
        let segs = segments(14, &layers);
        let got: Vec<(usize, usize, Vec<usize>)> = segs.iter().map(|s| (s.range.start, s.range.end, s.layers.clone())).collect();
        assert_eq!(
            got,
            vec![(0, 2, vec![0]), (2, 4, vec![0, 1]), (4, 8, vec![0]), (8, 10, vec![0, 2]), (10, 12, vec![2]), (12, 14, vec![])]
        );
    }

    #[test]
    fn segments_cover_the_text_in_order() {
        let r = CharRange::new;
        let layers = [(r(3, 5), 2), (r(3, 5), 2), (r(0, 1), 1)];
        let segs = segments(6, &layers);
        let mut pos = 0;
        for s in &segs {
            assert_eq!(s.range.start, pos);
            pos = s.range.end;
        }
        assert_eq!(pos, 6);
        assert_eq!(segs.iter().find(|s| s.range.start == 3).map(|s| s.layers.len()), Some(2));
    }
}
