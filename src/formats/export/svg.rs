//! The provenance graph as SVG, with the window's layered layout
//! ([`crate::analysis::provenance::layout`]): boxes with their lines of text, arrows with their
//! kind, the earliest appearances outlined thicker. Plain SVG 1.1, no scripts or external files.

use super::dot::node_lines;
use crate::analysis::provenance::layout::{BOX_HEIGHT, BOX_WIDTH, layout};
use crate::analysis::provenance::{ProvenanceGraph, project_graph};
use crate::model::Project;
use std::fmt::Write as _;

/// Room around the picture.
const MARGIN: f32 = 20.0;
/// Chars of a line that fit a box.
const LINE_CHARS: usize = 30;

fn escaped(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The graph as an SVG document.
pub fn graph_svg(graph: &ProvenanceGraph) -> String {
    let lay = layout(graph);
    let (width, height) = (lay.size.0 + 2.0 * MARGIN, lay.size.1 + 2.0 * MARGIN);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">\n"
    );
    out.push_str("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
    for e in &graph.edges {
        let (Some(&(fx, fy)), Some(&(tx, ty))) = (lay.positions.get(e.from), lay.positions.get(e.to)) else { continue };
        // From the left side of the later box to the right side of the earlier one.
        let (x1, y1) = (fx + MARGIN, fy + MARGIN + BOX_HEIGHT / 2.0);
        let (x2, y2) = (tx + MARGIN + BOX_WIDTH, ty + MARGIN + BOX_HEIGHT / 2.0);
        let _ = writeln!(
            out,
            "  <g class=\"edge {kind}\"><line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"#555\" marker-end=\"url(#arrow)\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#555\" font-size=\"10\">{kind}</text></g>",
            f32::midpoint(x1, x2),
            f32::midpoint(y1, y2) - 4.0,
            kind = e.kind.label()
        );
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        let Some(&(x, y)) = lay.positions.get(i) else { continue };
        let (x, y) = (x + MARGIN, y + MARGIN);
        let stroke = if node.earliest { 3 } else { 1 };
        let _ = writeln!(
            out,
            "  <g class=\"node\"><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{BOX_WIDTH}\" height=\"{BOX_HEIGHT}\" rx=\"6\" fill=\"#f7f7f2\" stroke=\"#333\" stroke-width=\"{stroke}\"/>"
        );
        let lines = node_lines(node);
        let _ = writeln!(out, "    <title>{}</title>", escaped(&lines.join("\n")));
        for (k, line) in lines.iter().enumerate() {
            let weight = if k == 0 { " font-weight=\"bold\"" } else { "" };
            let text = crate::formats::text::shorten(line, LINE_CHARS);
            let _ = writeln!(
                out,
                "    <text x=\"{:.1}\" y=\"{:.1}\"{weight}>{}</text>",
                x + 8.0,
                y + 18.0 + k as f32 * 16.0,
                escaped(&text)
            );
        }
        out.push_str("  </g>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// The project's provenance graph as SVG.
pub fn export_svg(project: &Project) -> String {
    graph_svg(&project_graph(project))
}
