//! The provenance graph ([`crate::analysis::provenance`]) as Graphviz DOT: a box per document
//! and source (label, kind and date, second line), an arrow per cites/reports/origin/repeats
//! link, laid out right to left (`rankdir=RL`) so that time runs left to right as in the window;
//! the earliest appearances are drawn bold.

use crate::analysis::provenance::{Node, ProvenanceGraph, project_graph};
use crate::model::Project;
use std::fmt::Write as _;

/// A DOT string literal.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A box's lines: label; kind and date; detail.
pub fn node_lines(node: &Node) -> Vec<String> {
    let mut second = node.kind.clone();
    if let Some(d) = node.date {
        let _ = write!(second, " · {d}");
    }
    if node.earliest {
        second.push_str(" · earliest");
    }
    let mut lines = vec![node.label.clone(), second];
    if !node.detail.is_empty() && node.detail != node.label {
        lines.push(node.detail.clone());
    }
    lines
}

/// The graph as DOT.
pub fn graph_dot(graph: &ProvenanceGraph) -> String {
    let mut out =
        String::from("digraph provenance {\n  rankdir=RL;\n  node [shape=box, style=rounded, fontname=\"DejaVu Sans\"];\n");
    for (i, node) in graph.nodes.iter().enumerate() {
        let style = if node.earliest { ", style=\"rounded,bold\"" } else { "" };
        let _ = writeln!(out, "  n{i} [label={}{style}];", quoted(&node_lines(node).join("\n")));
    }
    for e in &graph.edges {
        let _ = writeln!(out, "  n{} -> n{} [label={}];", e.from, e.to, quoted(e.kind.label()));
    }
    out.push_str("}\n");
    out
}

/// The project's provenance graph as DOT.
pub fn export_dot(project: &Project) -> String {
    graph_dot(&project_graph(project))
}
