//! Suggested links across documents: the claims of a project (and, with `spans`, the suggested
//! attributions of documents that have no claims yet) matched by [`crate::analysis::claim_match`],
//! each pair proposed as a link from the later appearance to the earlier one.

use crate::analysis::claim_match::{self, ClaimText, MatchKind};
use crate::analysis::preannotate::{Proposal, ProposalKind, SpanRole, propose};
use crate::anchor::CharRange;
use crate::edit::{Changeset, Edit};
use crate::model::{ClaimId, ClaimLink, Document, DocumentId, LinkKind, LinkTarget, Project};
use crate::ops::OpError;
use crate::ops::suggestions::accept_suggestions;
use std::collections::BTreeMap;

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

/// The claim an appearance is, in `project` (after its suggestion was accepted there).
fn claim_in(project: &Project, a: &Appearance) -> Option<ClaimId> {
    if let Some(c) = &a.claim {
        return Some(c.clone());
    }
    let d = project.document(&a.document)?;
    d.claims
        .iter()
        .find(|c| {
            let ranges: Vec<CharRange> =
                c.content.iter().filter_map(|id| d.annotation(id)).flat_map(|x| x.ranges.iter().copied()).collect();
            ranges == a.ranges
        })
        .map(|c| c.id.clone())
}

/// One changeset (one undo step) that links each proposal's later claim to the earlier one as
/// *repeats*; a side that is a suggested attribution is accepted first (its annotations, claim
/// and sources, as the Suggestions tab accepts it). Links already there are not added twice.
pub fn accept_links(project: &Project, proposals: &[LinkProposal]) -> Result<Changeset, OpError> {
    let mut suggestions: BTreeMap<DocumentId, Vec<Proposal>> = BTreeMap::new();
    for a in proposals.iter().flat_map(|p| [&p.from, &p.to]) {
        if let Some(s) = &a.suggestion {
            let list = suggestions.entry(a.document.clone()).or_default();
            if !list.iter().any(|x| x.id == s.id) {
                list.push(s.clone());
            }
        }
    }
    let mut edits = Vec::new();
    let mut after = project.clone();
    for (doc, list) in &suggestions {
        let accepted = accept_suggestions(&after, doc, list, None).into_edit();
        accepted.clone().apply(&mut after)?;
        edits.push(accepted);
    }
    for p in proposals {
        let from = claim_in(&after, &p.from).ok_or_else(|| OpError::NoDocument(p.from.document.clone()))?;
        let to = claim_in(&after, &p.to).ok_or_else(|| OpError::NoDocument(p.to.document.clone()))?;
        let target = LinkTarget::Claim { document: p.to.document.clone(), claim: to };
        let known = after
            .document(&p.from.document)
            .and_then(|d| d.claim(&from))
            .is_some_and(|c| c.links.iter().any(|l| l.kind == LinkKind::Repeats && l.target == target));
        if known {
            continue;
        }
        let link = Edit::InsertLink {
            doc: p.from.document.clone(),
            claim: from,
            index: None,
            link: ClaimLink::new(LinkKind::Repeats, target),
        };
        link.clone().apply(&mut after)?;
        edits.push(link);
    }
    let name = match proposals.len() {
        1 => "Accept suggested link".to_owned(),
        n => format!("Accept {n} suggested links"),
    };
    Ok(Changeset::new(name, edits))
}
