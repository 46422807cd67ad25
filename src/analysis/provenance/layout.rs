//! A layered (Sugiyama-style) layout of the provenance graph, left to right in time: each node's
//! layer is the longest run of arrows from it to where they end (whoever first said it is in
//! layer 0, at the left; the article that relays it through the longest chain at the right),
//! and the nodes of a layer are ordered by the mean row of their neighbours (barycentres, a few
//! sweeps each way) to keep arrows from crossing. Coordinates are in points, the window's and
//! the SVG's alike.

use super::ProvenanceGraph;

/// A box's width.
pub const BOX_WIDTH: f32 = 200.0;
/// A box's height.
pub const BOX_HEIGHT: f32 = 62.0;
/// Room between layers (for the arrows and their labels).
pub const LAYER_GAP: f32 = 90.0;
/// Room between boxes of one layer.
pub const ROW_GAP: f32 = 22.0;
/// Sweeps of the barycentre ordering.
const SWEEPS: usize = 4;

/// Where each box goes: its top-left corner, by node index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The top-left corner of each node's box.
    pub positions: Vec<(f32, f32)>,
    /// The layer of each node (0 = earliest, at the left).
    pub layers: Vec<usize>,
    /// The size of the whole picture.
    pub size: (f32, f32),
}

impl Layout {
    /// The centre of node `i`'s box.
    pub fn center(&self, i: usize) -> Option<(f32, f32)> {
        self.positions.get(i).map(|&(x, y)| (x + BOX_WIDTH / 2.0, y + BOX_HEIGHT / 2.0))
    }
}

/// Lays out `graph`.
pub fn layout(graph: &ProvenanceGraph) -> Layout {
    let n = graph.nodes.len();
    let layers = longest_paths(graph);
    let depth = layers.iter().copied().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for (i, &l) in layers.iter().enumerate() {
        if let Some(row) = rows.get_mut(l) {
            row.push(i);
        }
    }
    for row in &mut rows {
        row.sort_by(|&a, &b| {
            let (na, nb) = (graph.nodes.get(a), graph.nodes.get(b));
            na.map(|x| (x.date, &x.label)).cmp(&nb.map(|x| (x.date, &x.label)))
        });
    }
    order_by_barycentres(graph, &layers, &mut rows);
    let tallest = rows.iter().map(Vec::len).max().unwrap_or(0) as f32;
    let height = (tallest * (BOX_HEIGHT + ROW_GAP) - ROW_GAP).max(0.0);
    let mut positions = vec![(0.0, 0.0); n];
    for (l, row) in rows.iter().enumerate() {
        let column = row.len() as f32 * (BOX_HEIGHT + ROW_GAP) - ROW_GAP;
        let top = (height - column) / 2.0;
        for (k, &i) in row.iter().enumerate() {
            if let Some(p) = positions.get_mut(i) {
                *p = (l as f32 * (BOX_WIDTH + LAYER_GAP), top + k as f32 * (BOX_HEIGHT + ROW_GAP));
            }
        }
    }
    let width = (depth as f32 * (BOX_WIDTH + LAYER_GAP) - LAYER_GAP).max(0.0);
    Layout { positions, layers, size: (width, height) }
}

/// Each node's longest run of arrows to a node none leave; an arrow closing a cycle is not followed.
fn longest_paths(graph: &ProvenanceGraph) -> Vec<usize> {
    let n = graph.nodes.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in &graph.edges {
        if let Some(o) = out.get_mut(e.from) {
            o.push(e.to);
        }
    }
    // 0 = not seen, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; n];
    let mut layer = vec![0usize; n];
    for start in 0..n {
        if state.get(start) != Some(&0) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let child = out.get(node).and_then(|c| c.get(*next)).copied();
            *next += 1;
            match child {
                Some(c) if state.get(c) == Some(&0) => {
                    if let Some(s) = state.get_mut(c) {
                        *s = 1;
                    }
                    stack.push((c, 0));
                }
                Some(_) => {}
                None => {
                    let deepest = out
                        .get(node)
                        .into_iter()
                        .flatten()
                        .filter(|&&c| state.get(c) == Some(&2))
                        .filter_map(|&c| layer.get(c))
                        .map(|l| l + 1)
                        .max()
                        .unwrap_or(0);
                    if let Some(l) = layer.get_mut(node) {
                        *l = deepest;
                    }
                    if let Some(s) = state.get_mut(node) {
                        *s = 2;
                    }
                    stack.pop();
                }
            }
        }
    }
    layer
}

/// Reorders each layer by the mean row of its neighbours in the layer swept from.
fn order_by_barycentres(graph: &ProvenanceGraph, layers: &[usize], rows: &mut [Vec<usize>]) {
    let mut row_of = vec![0usize; layers.len()];
    let refresh = |rows: &[Vec<usize>], row_of: &mut Vec<usize>| {
        for row in rows {
            for (k, &i) in row.iter().enumerate() {
                if let Some(r) = row_of.get_mut(i) {
                    *r = k;
                }
            }
        }
    };
    refresh(rows, &mut row_of);
    for sweep in 0..SWEEPS {
        let rightwards = sweep % 2 == 0;
        let order: Vec<usize> =
            if rightwards { (1..rows.len()).collect() } else { (0..rows.len().saturating_sub(1)).rev().collect() };
        for l in order {
            let Some(row) = rows.get(l) else { continue };
            let from = if rightwards { l.checked_sub(1) } else { Some(l + 1) };
            let mut keyed: Vec<(f32, usize, usize)> = row
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let neighbours: Vec<usize> = graph
                        .edges
                        .iter()
                        .filter_map(|e| {
                            if e.from == i {
                                Some(e.to)
                            } else if e.to == i {
                                Some(e.from)
                            } else {
                                None
                            }
                        })
                        .filter(|&j| Some(layers.get(j).copied().unwrap_or(usize::MAX)) == from)
                        .collect();
                    let mean = if neighbours.is_empty() {
                        k as f32
                    } else {
                        neighbours.iter().filter_map(|&j| row_of.get(j)).sum::<usize>() as f32 / neighbours.len() as f32
                    };
                    (mean, k, i)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            if let Some(row) = rows.get_mut(l) {
                *row = keyed.into_iter().map(|(_, _, i)| i).collect();
            }
            refresh(rows, &mut row_of);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Edge, EdgeKind, Node, NodeRef, ProvenanceGraph};
    use super::*;
    use crate::model::SourceId;

    fn node(label: &str) -> Node {
        Node {
            of: NodeRef::Source(SourceId::from(label)),
            label: label.into(),
            kind: String::new(),
            date: None,
            detail: String::new(),
            claim: None,
            earliest: false,
        }
    }

    #[test]
    fn layers_run_left_to_right_from_the_origin_and_boxes_never_overlap() {
        // article -> agency -> statement -> ministers, and article -> spokesman; a cycle back.
        let graph = ProvenanceGraph {
            nodes: ["article", "agency", "statement", "ministers", "spokesman"].map(node).to_vec(),
            edges: vec![
                Edge { from: 0, to: 1, kind: EdgeKind::Reports },
                Edge { from: 1, to: 2, kind: EdgeKind::Cites },
                Edge { from: 2, to: 3, kind: EdgeKind::Origin },
                Edge { from: 0, to: 4, kind: EdgeKind::Reports },
                Edge { from: 3, to: 0, kind: EdgeKind::Cites },
            ],
        };
        let l = layout(&graph);
        let x = |i: usize| l.positions[i].0;
        assert!(x(3) < x(2) && x(2) < x(1) && x(1) < x(0), "{:?}", l.positions);
        for a in 0..5 {
            for b in a + 1..5 {
                let (pa, pb) = (l.positions[a], l.positions[b]);
                let apart = (pa.0 - pb.0).abs() >= BOX_WIDTH || (pa.1 - pb.1).abs() >= BOX_HEIGHT;
                assert!(apart, "boxes {a} and {b} overlap");
            }
        }
        assert!(l.size.0 >= x(0) + BOX_WIDTH - 0.1);
    }
}
