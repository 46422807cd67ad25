//! Suggested links across documents: the claims of a project (and, with `spans`, the suggested
//! attributions of documents that have no claims yet) matched by [`crate::analysis::claim_match`],
//! each pair proposed as a link from the later appearance to the earlier one.

use crate::analysis::claim_match::{self, ClaimText, MatchKind};
use crate::analysis::preannotate::{Proposal, ProposalKind, SpanRole, propose};
use crate::anchor::CharRange;
use crate::model::{ClaimId, Document, DocumentId, Project};

/// Who the annotations made when a suggested attribution is accepted for a link are by.
pub const MATCH_AUTHOR: &str = "claimlens match";

/// One side of a proposed link: a claim, or a suggested attribution of a document without claims.
#[derive(Clone, Debug)]
pub struct Appearance {
    /// The document it is in.
    pub document: DocumentId,
    /// The claim, when it is one.
    pub claim: Option<ClaimId>,
    /// The suggested attribution, when it is no claim yet (accepting the link accepts it).
    pub suggestion: Option<Proposal>,
    /// Where its content is.
    pub ranges: Vec<CharRange>,
    /// What it says.
    pub text: String,
}

/// A proposed link: `from` (the later appearance) repeats `to` (the earlier one).
#[derive(Clone, Debug)]
pub struct LinkProposal {
    /// The later appearance (by publication date, else project order).
    pub from: Appearance,
    /// The earlier one.
    pub to: Appearance,
    /// How alike they are, 0..=1.
    pub score: f32,
    /// Why they are taken for one claim.
    pub kind: MatchKind,
}

impl LinkProposal {
    /// A key that tells proposals apart across runs: both appearances' documents and ranges.
    pub fn key(&self) -> String {
        let side = |a: &Appearance| format!("{}@{}", a.document, a.ranges.first().map_or(0, |r| r.start));
        format!("{}>{}", side(&self.from), side(&self.to))
    }
}

/// The claims of `document` as appearances.
fn claims_of(document: &Document) -> impl Iterator<Item = Appearance> + '_ {
    document.claims.iter().filter_map(|claim| {
        let parts: Vec<_> = claim.content.iter().filter_map(|id| document.annotation(id)).collect();
        let text = parts.iter().map(|a| a.quote.exact.as_str()).collect::<Vec<_>>().join(" ");
        (!text.trim().is_empty()).then(|| Appearance {
            document: document.id.clone(),
            claim: Some(claim.id.clone()),
            suggestion: None,
            ranges: parts.iter().flat_map(|a| a.ranges.iter().copied()).collect(),
            text,
        })
    })
}

/// The suggested attributions of `document` as appearances.
fn suggested_in(project: &Project, document: &Document) -> Vec<Appearance> {
    propose(project, &document.id, MATCH_AUTHOR)
        .proposals
        .into_iter()
        .filter(|p| p.kind == ProposalKind::Attribution)
        .filter_map(|p| {
            let content: Vec<_> = p.spans.iter().filter(|s| s.role == SpanRole::Content).collect();
            let ranges: Vec<CharRange> = content.iter().flat_map(|s| s.ranges.iter().copied()).collect();
            let text = content.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
            (!text.trim().is_empty()).then(|| Appearance {
                document: document.id.clone(),
                claim: None,
                suggestion: Some(p),
                ranges,
                text,
            })
        })
        .collect()
}

/// Every appearance matching looks at: each document's claims; with `spans`, the suggested
/// attributions of the documents that have none.
pub fn appearances(project: &Project, spans: bool) -> Vec<Appearance> {
    let mut out = Vec::new();
    for document in &project.documents {
        if document.claims.is_empty() && spans {
            out.extend(suggested_in(project, document));
        } else {
            out.extend(claims_of(document));
        }
    }
    out
}

/// The proposed links at or above `threshold`, best first.
pub fn propose_links(project: &Project, threshold: f32, spans: bool) -> Vec<LinkProposal> {
    let found = appearances(project, spans);
    let position = |id: &DocumentId| project.documents.iter().position(|d| &d.id == id).unwrap_or(usize::MAX);
    let order = |a: &Appearance| {
        let d = project.document(&a.document);
        (d.and_then(|d| d.published), position(&a.document))
    };
    let texts: Vec<ClaimText<'_>> = found
        .iter()
        .map(|a| ClaimText {
            document: position(&a.document),
            text: &a.text,
            published: project.document(&a.document).and_then(|d| d.published),
        })
        .collect();
    claim_match::match_claims(&texts, threshold)
        .into_iter()
        .filter_map(|m| {
            let (a, b) = (found.get(m.a)?, found.get(m.b)?);
            let (from, to) = if order(a) >= order(b) { (a, b) } else { (b, a) };
            Some(LinkProposal { from: from.clone(), to: to.clone(), score: m.score, kind: m.kind })
        })
        .collect()
}
