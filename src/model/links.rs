//! Links between claims across documents: "this claim was first said there", "this article
//! reports that one", "the same claim elsewhere", "that one contradicts it".
//!
//! A link lives on the claim it starts from ([`super::Claim::links`]) and points at a claim or
//! a span (an annotation) of another document of the project. A link whose target is gone (the
//! document removed, the claim deleted, a file edited by hand) is an *orphaned* link: kept as it
//! is, listed by [`orphaned_links`], never a crash. [`story`] follows the links of a claim to
//! every appearance of it and the first one (`ClaimReview`'s `appearance` and `firstAppearance`).

use super::{AnnotationId, ClaimId, Document, DocumentId, LinkId, Project};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What a link says about the claim it starts from and its target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    /// The target is where the claim was first said: the statement itself.
    Origin,
    /// This article reports the target (Censor.NET reports Ukrinform's article).
    #[default]
    Reports,
    /// The same claim, said again elsewhere.
    Repeats,
    /// The target contradicts the claim.
    Contradicts,
}

impl LinkKind {
    /// All kinds, in menu order.
    pub const ALL: [Self; 4] = [Self::Origin, Self::Reports, Self::Repeats, Self::Contradicts];

    /// Lower-case name for files and exports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Origin => "origin",
            Self::Reports => "reports",
            Self::Repeats => "repeats",
            Self::Contradicts => "contradicts",
        }
    }

    /// What the window says, completing "This claim …" ("is first said in").
    pub const fn label(self) -> &'static str {
        match self {
            Self::Origin => "was first said in (origin)",
            Self::Reports => "reports",
            Self::Repeats => "repeats",
            Self::Contradicts => "is contradicted by",
        }
    }

    /// Parses a kind name, case-insensitively.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Whether the link says both ends are the same claim (appearances of one story).
    pub const fn same_claim(self) -> bool {
        !matches!(self, Self::Contradicts)
    }
}

/// What a link points at: a claim or a span of a document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LinkTarget {
    /// A claim of a document.
    Claim {
        /// The document.
        document: DocumentId,
        /// The claim in it.
        claim: ClaimId,
    },
    /// A span (annotation) of a document that is not a claim.
    Span {
        /// The document.
        document: DocumentId,
        /// The annotation in it.
        annotation: AnnotationId,
    },
}

impl LinkTarget {
    /// The document the target is in.
    pub fn document(&self) -> &DocumentId {
        match self {
            Self::Claim { document, .. } | Self::Span { document, .. } => document,
        }
    }

    /// What is missing for the target to resolve in `project`, if anything.
    pub fn missing(&self, project: &Project) -> Option<Missing> {
        let Some(d) = project.document(self.document()) else {
            return Some(Missing::Document(self.document().clone()));
        };
        match self {
            Self::Claim { claim, .. } if d.claim(claim).is_none() => Some(Missing::Claim(claim.clone())),
            Self::Span { annotation, .. } if d.annotation(annotation).is_none() => Some(Missing::Annotation(annotation.clone())),
            _ => None,
        }
    }

    /// The target's text: the claim's content quotes joined, or the span's quote.
    pub fn text(&self, project: &Project) -> Option<String> {
        let d = project.document(self.document())?;
        match self {
            Self::Claim { claim, .. } => d.claim(claim).map(|c| claim_text(d, &c.content)),
            Self::Span { annotation, .. } => d.annotation(annotation).map(|a| a.quote.exact.clone()),
        }
    }
}

/// The quotes of `content` in `document`, joined by " … ".
pub fn claim_text(document: &Document, content: &[AnnotationId]) -> String {
    let quotes: Vec<&str> = content.iter().filter_map(|a| document.annotation(a)).map(|a| a.quote.exact.as_str()).collect();
    quotes.join(" … ")
}

/// A link from a claim to a claim or span of another document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimLink {
    /// Stable id.
    pub id: LinkId,
    /// What the link says.
    #[serde(default)]
    pub kind: LinkKind,
    /// What it points at.
    pub target: LinkTarget,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl ClaimLink {
    /// A new link of `kind` to `target`, with a random id.
    pub fn new(kind: LinkKind, target: LinkTarget) -> Self {
        Self { id: LinkId::random(), kind, target, note: String::new() }
    }
}

/// What an orphaned link's target lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// The document is not in the project.
    Document(DocumentId),
    /// The document has no such claim.
    Claim(ClaimId),
    /// The document has no such annotation.
    Annotation(AnnotationId),
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Document(d) => write!(f, "document {d} is not in the project"),
            Self::Claim(c) => write!(f, "claim {c} is no longer in its document"),
            Self::Annotation(a) => write!(f, "span {a} is no longer in its document"),
        }
    }
}

/// A link whose target does not resolve: where it starts and what is missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrphanedLink {
    /// The document of the claim the link starts from.
    pub document: DocumentId,
    /// The claim the link starts from.
    pub claim: ClaimId,
    /// The link, as stored.
    pub link: ClaimLink,
    /// What its target lost.
    pub missing: Missing,
}

impl std::fmt::Display for OrphanedLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "link {} ({}) of claim {}: {}", self.link.id, self.link.kind.as_str(), self.claim, self.missing)
    }
}

/// Every link of the project whose target is missing, in document and claim order.
pub fn orphaned_links(project: &Project) -> Vec<OrphanedLink> {
    let mut out = Vec::new();
    for d in &project.documents {
        for c in &d.claims {
            for l in &c.links {
                if let Some(missing) = l.target.missing(project) {
                    out.push(OrphanedLink { document: d.id.clone(), claim: c.id.clone(), link: l.clone(), missing });
                }
            }
        }
    }
    out
}

/// A link pointing at a claim, seen from its target: who links here, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncomingLink<'p> {
    /// The document of the claim the link starts from.
    pub document: &'p DocumentId,
    /// The claim the link starts from.
    pub claim: &'p ClaimId,
    /// The link.
    pub link: &'p ClaimLink,
}

/// Every link of the project whose target is claim `claim` of document `doc` (or one of its
/// content spans).
pub fn links_to<'p>(project: &'p Project, doc: &DocumentId, claim: &ClaimId) -> Vec<IncomingLink<'p>> {
    let content: Vec<&AnnotationId> =
        project.document(doc).and_then(|d| d.claim(claim)).map(|c| c.content.iter().collect()).unwrap_or_default();
    let hits = |t: &LinkTarget| match t {
        LinkTarget::Claim { document, claim: c } => document == doc && c == claim,
        LinkTarget::Span { document, annotation } => document == doc && content.contains(&annotation),
    };
    let mut out = Vec::new();
    for d in &project.documents {
        for c in &d.claims {
            for link in c.links.iter().filter(|l| hits(&l.target)) {
                out.push(IncomingLink { document: &d.id, claim: &c.id, link });
            }
        }
    }
    out
}

/// One place a claim appears: a document, the claim or span there, and how it is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appearance {
    /// The document.
    pub document: DocumentId,
    /// The claim or span in it ([`LinkTarget`] of the claim itself for the claim the story is of).
    pub target: LinkTarget,
    /// The document's URL.
    pub url: Option<String>,
    /// The document's publication date.
    pub published: Option<NaiveDate>,
    /// Who published it: the source the document is tied to, else its outlet.
    pub publisher: Option<String>,
    /// The document's title.
    pub title: String,
    /// Whether a link marks this appearance as the origin.
    pub is_origin: bool,
}

/// Every appearance of one claim, the earliest first, and the first appearance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Story {
    /// Every appearance, the claim's own included, in date order (undated last, then by document order).
    pub appearances: Vec<Appearance>,
    /// Where it was first said: the appearance an origin link points at, else the earliest
    /// dated one, else (no dates) the one the others report or repeat and that relays none.
    pub first: Option<Appearance>,
}

impl Story {
    /// Whether the claim has appearances besides its own.
    pub fn is_linked(&self) -> bool {
        self.appearances.len() > 1
    }
}

/// The story of claim `claim` of document `doc`: the links followed both ways (outgoing and
/// incoming, through every claim reached) except `contradicts`, which joins no story.
pub fn story(project: &Project, doc: &DocumentId, claim: &ClaimId) -> Story {
    let start = LinkTarget::Claim { document: doc.clone(), claim: claim.clone() };
    if start.missing(project).is_some() {
        return Story::default();
    }
    let mut seen: BTreeSet<LinkTarget> = BTreeSet::new();
    let mut origins: BTreeSet<LinkTarget> = BTreeSet::new();
    // Claims that report or repeat another: not where the story starts.
    let mut relaying: BTreeSet<LinkTarget> = BTreeSet::new();
    let mut queue = vec![start];
    while let Some(at) = queue.pop() {
        if !seen.insert(at.clone()) {
            continue;
        }
        let LinkTarget::Claim { document, claim } = &at else { continue };
        let Some(c) = project.document(document).and_then(|d| d.claim(claim)) else { continue };
        for l in c.links.iter().filter(|l| l.kind.same_claim() && l.target.missing(project).is_none()) {
            if l.kind == LinkKind::Origin {
                origins.insert(l.target.clone());
            }
            relaying.insert(at.clone());
            queue.push(l.target.clone());
        }
        for inc in links_to(project, document, claim).into_iter().filter(|i| i.link.kind.same_claim()) {
            queue.push(LinkTarget::Claim { document: inc.document.clone(), claim: inc.claim.clone() });
        }
    }
    let order = |d: &DocumentId| project.documents.iter().position(|x| &x.id == d).unwrap_or(usize::MAX);
    let mut appearances: Vec<Appearance> =
        seen.into_iter().filter_map(|t| appearance(project, &t, origins.contains(&t))).collect();
    appearances.sort_by_key(|a| (a.published.is_none(), a.published, order(&a.document)));
    let first = appearances
        .iter()
        .find(|a| a.is_origin)
        .or_else(|| appearances.iter().find(|a| a.published.is_some()))
        .or_else(|| appearances.iter().find(|a| appearances.len() > 1 && !relaying.contains(&a.target)))
        .cloned();
    Story { appearances, first }
}

/// The appearance `target` is (not marked as the origin): its document's URL, date, publisher, title.
pub fn appearance_of(project: &Project, target: &LinkTarget) -> Option<Appearance> {
    appearance(project, target, false)
}

fn appearance(project: &Project, target: &LinkTarget, is_origin: bool) -> Option<Appearance> {
    let d = project.document(target.document())?;
    let publisher = d.publisher.as_ref().and_then(|s| project.source(s)).map(|s| s.name.clone()).or_else(|| d.outlet.clone());
    Some(Appearance {
        document: d.id.clone(),
        target: target.clone(),
        url: d.url.clone(),
        published: d.published,
        publisher,
        title: d.title.clone(),
        is_origin,
    })
}

/// When claim `claim` of document `doc` first appeared, for sorting claims "by first
/// appearance": the publication date of its story's first appearance ([`story`]) when it is
/// linked and that is dated, else its own document's publication date. `None` when undated.
pub fn first_appeared(project: &Project, doc: &DocumentId, claim: &ClaimId) -> Option<NaiveDate> {
    let own = project.document(doc).and_then(|d| d.published);
    let linked = project.document(doc).and_then(|d| d.claim(claim)).is_some_and(|c| !c.links.is_empty())
        || !links_to(project, doc, claim).is_empty();
    if !linked {
        return own;
    }
    story(project, doc, claim).first.and_then(|a| a.published).or(own)
}

/// [`first_appeared`] for every claim of the project that has a date, by document and claim,
/// in one pass over the links (what the Claims tab and the Timeline sort by): claims no link
/// touches take their document's date without following any story.
pub fn first_appearance_dates(project: &Project) -> std::collections::BTreeMap<(DocumentId, ClaimId), NaiveDate> {
    let mut linked_claims: BTreeSet<(&DocumentId, &ClaimId)> = BTreeSet::new();
    let mut linked_spans: BTreeSet<(&DocumentId, &AnnotationId)> = BTreeSet::new();
    for d in &project.documents {
        for c in d.claims.iter().filter(|c| !c.links.is_empty()) {
            linked_claims.insert((&d.id, &c.id));
            for l in &c.links {
                match &l.target {
                    LinkTarget::Claim { document, claim } => linked_claims.insert((document, claim)),
                    LinkTarget::Span { document, annotation } => linked_spans.insert((document, annotation)),
                };
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    for d in &project.documents {
        for c in &d.claims {
            let linked = linked_claims.contains(&(&d.id, &c.id)) || c.content.iter().any(|a| linked_spans.contains(&(&d.id, a)));
            let date =
                if linked { story(project, &d.id, &c.id).first.and_then(|a| a.published).or(d.published) } else { d.published };
            if let Some(date) = date {
                out.insert((d.id.clone(), c.id.clone()), date);
            }
        }
    }
    out
}
