//! The provenance graph: through whom each claim reached the project's documents, as boxes and
//! arrows. Documents (an article: its outlet, date) and sources (who relayed or said it: kind)
//! are nodes; a claim's via chain gives the arrows from the article through the outlets and
//! agencies it cites to the statement and whoever made the claim (*cites* between relays,
//! *reports* from an article to whom it reports, *origin* to whoever first said it); links
//! between documents add theirs. The nodes are laid out in layers, left to right in time
//! ([`layout`]). Pure: the window draws it, `formats::export::{dot, svg}` write it.

pub mod layout;

use crate::edit::changeset::same_source_name;
use crate::model::{Claim, ClaimId, Document, DocumentId, LinkKind, Project, SourceId};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What a node stands for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeRef {
    /// A document of the project.
    Document(DocumentId),
    /// A source of the registry.
    Source(SourceId),
}

/// A box of the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What it stands for.
    pub of: NodeRef,
    /// Its first line: the outlet (documents) or the source's name.
    pub label: String,
    /// The kind: "Article" for documents, the source's kind otherwise.
    pub kind: String,
    /// The publication date, for documents.
    pub date: Option<NaiveDate>,
    /// A second line: the document's title, whom a source speaks for ("for Pentagon"), or the
    /// site a source is found at.
    pub detail: String,
    /// A claim to open when the box is clicked: its document and id.
    pub claim: Option<(DocumentId, ClaimId)>,
    /// The earliest appearance: where the arrows end (whoever first said it), or the earliest
    /// dated document of its part of the picture.
    pub earliest: bool,
}

/// What an arrow says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// A relay cites another (Censor.NET cites Ukrinform).
    Cites,
    /// An article reports what another said.
    Reports,
    /// To whoever first said it.
    Origin,
    /// The same claim, said again elsewhere.
    Repeats,
    /// A claim that contradicts another.
    Contradicts,
}

impl EdgeKind {
    /// The arrow's label.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Cites => "cites",
            Self::Reports => "reports",
            Self::Origin => "origin",
            Self::Repeats => "repeats",
            Self::Contradicts => "contradicts",
        }
    }
}

/// An arrow from the later appearance to the earlier (node indices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edge {
    /// The later (citing, repeating) node.
    pub from: usize,
    /// The earlier one.
    pub to: usize,
    /// What it says.
    pub kind: EdgeKind,
}

/// Boxes and arrows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProvenanceGraph {
    /// The boxes.
    pub nodes: Vec<Node>,
    /// The arrows, each once.
    pub edges: Vec<Edge>,
}

/// The links between claims of the project's documents, as the graph takes them (orphaned ones,
/// whose target is gone, are left out).
pub fn document_links(project: &Project) -> Vec<DocumentLink> {
    let mut out = Vec::new();
    for d in &project.documents {
        for c in &d.claims {
            for l in &c.links {
                if l.target.missing(project).is_some() {
                    continue;
                }
                let kind = match l.kind {
                    LinkKind::Origin => EdgeKind::Origin,
                    LinkKind::Reports => EdgeKind::Reports,
                    LinkKind::Repeats => EdgeKind::Repeats,
                    LinkKind::Contradicts => EdgeKind::Contradicts,
                };
                out.push(DocumentLink {
                    from: d.id.clone(),
                    from_claim: Some(c.id.clone()),
                    to: l.target.document().clone(),
                    kind,
                });
            }
        }
    }
    out
}

/// A link between claims of two documents, as the graph takes it (from the model's links).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentLink {
    /// The document of the later claim.
    pub from: DocumentId,
    /// Its claim.
    pub from_claim: Option<ClaimId>,
    /// The document of the earlier one.
    pub to: DocumentId,
    /// What the link says.
    pub kind: EdgeKind,
}

/// Builds a graph, node by node.
#[derive(Default)]
struct Builder {
    graph: ProvenanceGraph,
    index: BTreeMap<NodeRef, usize>,
}

impl Builder {
    fn document(&mut self, d: &Document, claim: Option<&ClaimId>) -> usize {
        let key = NodeRef::Document(d.id.clone());
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let node = Node {
            of: key.clone(),
            label: d.outlet.clone().filter(|o| !o.trim().is_empty()).unwrap_or_else(|| crate::text::shorten(&d.title, 40)),
            kind: "Article".to_owned(),
            date: d.published,
            detail: crate::text::shorten(&d.title, 60),
            claim: claim.map(|c| (d.id.clone(), c.clone())),
            earliest: false,
        };
        self.push(key, node)
    }

    fn source(&mut self, project: &Project, id: &SourceId, at: Option<(&DocumentId, &ClaimId)>) -> Option<usize> {
        if let Some(d) = project.documents.iter().find(|d| d.publisher.as_ref() == Some(id)) {
            return Some(self.document(d, at.map(|(_, c)| c).filter(|_| at.is_some_and(|(doc, _)| doc == &d.id))));
        }
        let key = NodeRef::Source(id.clone());
        if let Some(&i) = self.index.get(&key) {
            return Some(i);
        }
        let s = project.source(id)?;
        let site = s.url.as_deref().map(|u| u.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/'));
        // Whom a spokesman speaks for says more than where he is found.
        let body = s.speaks_for.as_ref().and_then(|b| project.source(b)).map(|b| format!("for {}", b.name));
        let node = Node {
            of: key.clone(),
            label: s.name.clone(),
            kind: s.kind.label().to_owned(),
            date: None,
            detail: body.unwrap_or_else(|| site.unwrap_or_default().to_owned()),
            claim: at.map(|(d, c)| (d.clone(), c.clone())),
            earliest: false,
        };
        Some(self.push(key, node))
    }

    fn push(&mut self, key: NodeRef, node: Node) -> usize {
        self.graph.nodes.push(node);
        let i = self.graph.nodes.len() - 1;
        self.index.insert(key, i);
        i
    }

    fn edge(&mut self, from: usize, to: usize, kind: EdgeKind) {
        let e = Edge { from, to, kind };
        if from != to && !self.graph.edges.iter().any(|x| x.from == from && x.to == to) {
            self.graph.edges.push(e);
        }
    }

    /// The chain of one claim: the article, then its via sources (the first dropped when it is
    /// the article's own outlet), then whom it is attributed to.
    fn claim(&mut self, project: &Project, d: &Document, c: &Claim) {
        let article = self.document(d, Some(&c.id));
        let at = Some((&d.id, &c.id));
        let own_outlet =
            |id: &SourceId| project.source(id).is_some_and(|s| d.outlet.as_deref().is_some_and(|o| same_source_name(o, &s.name)));
        let relays: Vec<&SourceId> = c.via.iter().skip_while(|id| own_outlet(id)).collect();
        let mut previous = article;
        for id in relays {
            let Some(node) = self.source(project, id, at) else { continue };
            self.edge(previous, node, if previous == article { EdgeKind::Reports } else { EdgeKind::Cites });
            previous = node;
        }
        for id in &c.attributed_to {
            if own_outlet(id) && previous == article {
                continue;
            }
            if let Some(node) = self.source(project, id, at) {
                self.edge(previous, node, if previous == article { EdgeKind::Reports } else { EdgeKind::Origin });
            }
        }
    }

    /// Whom the sources in the picture cite, by the registry.
    fn registry_citations(&mut self, project: &Project) {
        let shown: Vec<(usize, SourceId)> = self
            .index
            .iter()
            .filter_map(|(k, &i)| if let NodeRef::Source(s) = k { Some((i, s.clone())) } else { None })
            .collect();
        for (i, id) in shown {
            for cited in project.source(&id).map(|s| s.cites.as_slice()).unwrap_or_default() {
                if let Some(&j) = self.index.get(&NodeRef::Source(cited.clone())) {
                    self.edge(i, j, EdgeKind::Cites);
                }
            }
        }
    }

    fn finish(mut self) -> ProvenanceGraph {
        mark_earliest(&mut self.graph);
        self.graph.edges.sort_unstable();
        self.graph
    }
}

/// The whole project: every document with its claims' chains and the links between documents.
pub fn project_graph(project: &Project) -> ProvenanceGraph {
    let links = document_links(project);
    let mut b = Builder::default();
    for d in &project.documents {
        b.document(d, d.claims.first().map(|c| &c.id));
        for c in &d.claims {
            b.claim(project, d, c);
        }
    }
    b.registry_citations(project);
    add_links(&mut b, project, &links);
    b.finish()
}

/// One claim's chain, with the documents its document's links tie to it.
pub fn claim_graph(project: &Project, document: &DocumentId, claim: &ClaimId) -> ProvenanceGraph {
    let links = document_links(project);
    let mut b = Builder::default();
    if let Some(d) = project.document(document)
        && let Some(c) = d.claim(claim)
    {
        b.claim(project, d, c);
    }
    let related: Vec<DocumentLink> = links.iter().filter(|l| &l.from == document || &l.to == document).cloned().collect();
    b.registry_citations(project);
    add_links(&mut b, project, &related);
    b.finish()
}

fn add_links(b: &mut Builder, project: &Project, links: &[DocumentLink]) {
    for l in links {
        let (Some(from), Some(to)) = (project.document(&l.from), project.document(&l.to)) else { continue };
        let f = b.document(from, l.from_claim.as_ref());
        let t = b.document(to, None);
        b.edge(f, t, l.kind);
    }
}

/// Marks the earliest appearances: nodes that arrows lead to and none leave (whoever first said
/// it), and documents that other documents link to while linking to no other document themselves.
fn mark_earliest(graph: &mut ProvenanceGraph) {
    let n = graph.nodes.len();
    let is_document = |g: &ProvenanceGraph, i: usize| g.nodes.get(i).is_some_and(|x| matches!(x.of, NodeRef::Document(_)));
    let (mut outgoing, mut incoming) = (vec![0usize; n], vec![0usize; n]);
    let (mut to_documents, mut from_documents) = (vec![0usize; n], vec![0usize; n]);
    for e in &graph.edges {
        let between_documents = is_document(graph, e.from) && is_document(graph, e.to);
        for (counts, i, also) in [(&mut outgoing, e.from, &mut to_documents), (&mut incoming, e.to, &mut from_documents)] {
            if let Some(c) = counts.get_mut(i) {
                *c += 1;
            }
            if between_documents && let Some(c) = also.get_mut(i) {
                *c += 1;
            }
        }
    }
    for (i, node) in graph.nodes.iter_mut().enumerate() {
        let first_said = outgoing.get(i) == Some(&0) && incoming.get(i).is_some_and(|&k| k > 0);
        let first_document = from_documents.get(i).is_some_and(|&k| k > 0) && to_documents.get(i) == Some(&0);
        node.earliest = first_said || first_document;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_chain_runs_from_the_article_to_the_ministers() {
        let project: Project = ron::from_str(include_str!("../../../assets/sample.claimlens.ron")).unwrap();
        let graph = project_graph(&project);
        let find = |label: &str| graph.nodes.iter().position(|n| n.label == label).unwrap();
        let article = find("Censor.NET");
        assert_eq!(graph.nodes[article].kind, "Article");
        let ukrinform = find("Ukrinform");
        let statement = find("Joint statement of the G7 and partner foreign ministers");
        let ministers = find("G7 and partner foreign ministers");
        let has = |from, to| graph.edges.iter().any(|e| e.from == from && e.to == to);
        assert!(has(article, ukrinform) && has(ukrinform, statement) && has(statement, ministers), "{:?}", graph.edges);
        assert!(graph.nodes[ministers].earliest, "the ministers said it first");
        assert!(!graph.nodes[article].earliest);
        assert_eq!(graph.nodes[statement].detail, "www.mofa.go.jp");
    }
}
