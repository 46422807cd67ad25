//! Flattening overlapping highlight layers into ordered, non-overlapping segments (a boundary
//! sweep), as egui's `LayoutJob` needs. Pure: no egui.

use crate::anchor::CharRange;

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
