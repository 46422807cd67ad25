//! Adjudicating two people's annotations of the same articles: the differences between my
//! project and a colleague's ([`differences`]), and the changesets that settle them
//! ([`resolve`]: keep mine, take theirs, or keep both), each one undoable step.
//!
//! Documents are paired as [`crate::ops::compare`] pairs them; only pairs with the very same
//! text are adjudicated span by span (offsets mean the same thing only there). Annotations are
//! the same when their ranges and their label's role (or, for labels without a role, their
//! label's name) agree; claims are the same claim when their content covers the same ranges,
//! and differ when they name other sources or another via chain.

mod resolve;
#[cfg(test)]
mod tests;

pub use resolve::{Choice, resolve};

use crate::anchor::CharRange;
use crate::model::{Annotation, AnnotationId, Claim, ClaimId, Document, DocumentId, Project};
use crate::ops::compare::compare;

/// What kind of difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DifferenceKind {
    /// A span only I marked.
    OnlyMine,
    /// A span only they marked.
    OnlyTheirs,
    /// The same span with another label.
    OtherLabel,
    /// A claim only I made.
    ClaimOnlyMine,
    /// A claim only they made.
    ClaimOnlyTheirs,
    /// The same claim with other sources, another via chain, cue or dates.
    OtherChain,
}

impl DifferenceKind {
    /// Every kind, in the order the window lists them.
    pub const ALL: [Self; 6] =
        [Self::OnlyMine, Self::OnlyTheirs, Self::OtherLabel, Self::ClaimOnlyMine, Self::ClaimOnlyTheirs, Self::OtherChain];

    /// What the window calls this kind.
    pub const fn title(self) -> &'static str {
        match self {
            Self::OnlyMine => "Only mine",
            Self::OnlyTheirs => "Only theirs",
            Self::OtherLabel => "Same span, other label",
            Self::ClaimOnlyMine => "Claims only mine",
            Self::ClaimOnlyTheirs => "Claims only theirs",
            Self::OtherChain => "Same claim, other sources, chain or dates",
        }
    }
}

/// One item of either side a difference is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// An annotation.
    Annotation(AnnotationId),
    /// A claim.
    Claim(ClaimId),
}

/// One difference between my project and theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// What kind of difference.
    pub kind: DifferenceKind,
    /// My document.
    pub doc: DocumentId,
    /// Their document (the same article).
    pub theirs_doc: DocumentId,
    /// My item, if I have one.
    pub mine: Option<Item>,
    /// Their item, if they have one.
    pub theirs: Option<Item>,
    /// Where in the text (code points, of either side: the texts are the same).
    pub ranges: Vec<CharRange>,
    /// The quoted text.
    pub quote: String,
    /// My version in words ("Source", "by Pentagon via Ukrinform"), empty when I have none.
    pub mine_says: String,
    /// Their version in words, empty when they have none.
    pub theirs_says: String,
}

impl Difference {
    /// A key that stays the same while both items exist (to remember that it was settled).
    pub fn key(&self) -> (DifferenceKind, Option<Item>, Option<Item>) {
        (self.kind, self.mine.clone(), self.theirs.clone())
    }
}

/// A document pair that could not be adjudicated span by span, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// My document's title.
    pub title: String,
    /// Why it was skipped.
    pub reason: String,
}

/// All differences of two projects, document by document in my order.
#[derive(Clone, Debug, Default)]
pub struct Differences {
    /// The differences.
    pub items: Vec<Difference>,
    /// Paired documents whose texts differ (re-anchor one onto the other first).
    pub skipped: Vec<Skipped>,
    /// My documents with no partner in theirs, by title.
    pub only_mine: Vec<String>,
    /// Their documents with no partner in mine, by title.
    pub only_theirs: Vec<String>,
}

/// What makes two annotations the same mark: the label's role, else its name.
fn mark_of(project: &Project, a: &Annotation) -> String {
    project.role_of(&a.label).map_or_else(|| format!("label:{}", a.label), |r| format!("role:{}", r.default_name()))
}

/// The differences between `mine` and `theirs`.
pub fn differences(mine: &Project, theirs: &Project) -> Differences {
    let comparison = compare(mine, theirs);
    let title_of = |p: &Project, id: &DocumentId| p.document(id).map(|d| d.title.clone()).unwrap_or_default();
    let mut out = Differences {
        only_mine: comparison.only_a.iter().map(|id| title_of(mine, id)).collect(),
        only_theirs: comparison.only_b.iter().map(|id| title_of(theirs, id)).collect(),
        ..Differences::default()
    };
    for pair in &comparison.documents {
        let (Some(a), Some(b)) = (mine.document(&pair.a), theirs.document(&pair.b)) else { continue };
        if a.text != b.text {
            out.skipped.push(Skipped {
                title: a.title.clone(),
                reason: "the two texts differ: update one to the other's text (Document → Update Text…) first".into(),
            });
            continue;
        }
        let sides = Sides { mine, theirs, a, b };
        sides.span_differences(&mut out.items);
        sides.claim_differences(&mut out.items);
    }
    out
}

/// One pair of documents with the same text, in my project and theirs.
struct Sides<'a> {
    mine: &'a Project,
    theirs: &'a Project,
    a: &'a Document,
    b: &'a Document,
}

impl Sides<'_> {
    fn difference(&self, kind: DifferenceKind, mine: Option<Item>, theirs: Option<Item>, ranges: &[CharRange]) -> Difference {
        Difference {
            kind,
            doc: self.a.id.clone(),
            theirs_doc: self.b.id.clone(),
            mine,
            theirs,
            ranges: ranges.to_vec(),
            quote: quote_of(&self.a.text, ranges),
            mine_says: String::new(),
            theirs_says: String::new(),
        }
    }

    /// Spans only one side marked, and the same span with other labels.
    fn span_differences(&self, out: &mut Vec<Difference>) {
        let mine_marks: Vec<String> = self.a.annotations.iter().map(|x| mark_of(self.mine, x)).collect();
        let their_marks: Vec<String> = self.b.annotations.iter().map(|x| mark_of(self.theirs, x)).collect();
        let mut their_taken = vec![false; self.b.annotations.len()];
        let mut mine_left = Vec::new();
        // Exact partners first: the same ranges and the same mark.
        for (i, x) in self.a.annotations.iter().enumerate() {
            let partner = self.b.annotations.iter().enumerate().position(|(j, y)| {
                !their_taken.get(j).copied().unwrap_or(true) && y.ranges == x.ranges && their_marks.get(j) == mine_marks.get(i)
            });
            match partner.and_then(|j| their_taken.get_mut(j)) {
                Some(slot) => *slot = true,
                None => mine_left.push(x),
            }
        }
        for x in mine_left {
            let other = self
                .b
                .annotations
                .iter()
                .enumerate()
                .find(|(j, y)| !their_taken.get(*j).copied().unwrap_or(true) && y.ranges == x.ranges);
            let mut d = match other {
                Some((j, y)) => {
                    if let Some(slot) = their_taken.get_mut(j) {
                        *slot = true;
                    }
                    let mut d = self.difference(
                        DifferenceKind::OtherLabel,
                        Some(Item::Annotation(x.id.clone())),
                        Some(Item::Annotation(y.id.clone())),
                        &x.ranges,
                    );
                    d.theirs_says.clone_from(&y.label);
                    d
                }
                None => self.difference(DifferenceKind::OnlyMine, Some(Item::Annotation(x.id.clone())), None, &x.ranges),
            };
            d.mine_says.clone_from(&x.label);
            out.push(d);
        }
        for (y, _) in self.b.annotations.iter().zip(&their_taken).filter(|(_, t)| !**t) {
            let mut d = self.difference(DifferenceKind::OnlyTheirs, None, Some(Item::Annotation(y.id.clone())), &y.ranges);
            d.theirs_says.clone_from(&y.label);
            out.push(d);
        }
    }

    /// Claims only one side made, and the same claim with other sources, chain or dates. Claims that
    /// agree in everything pair first, so a claim kept in both versions pairs with each.
    fn claim_differences(&self, out: &mut Vec<Difference>) {
        let key =
            |p: &Project, doc: &Document, c: &Claim| (content_ranges(doc, c), claim_in_words(p, doc, c), claim_spans(doc, c));
        let their_keys: Vec<_> = self.b.claims.iter().map(|d| key(self.theirs, self.b, d)).collect();
        let mut their_taken = vec![false; self.b.claims.len()];
        let mut mine_left = Vec::new();
        for c in &self.a.claims {
            let mine_key = key(self.mine, self.a, c);
            let same =
                their_keys.iter().enumerate().position(|(j, k)| !their_taken.get(j).copied().unwrap_or(true) && *k == mine_key);
            match same.and_then(|j| their_taken.get_mut(j)) {
                Some(slot) => *slot = true,
                None => mine_left.push((c, mine_key)),
            }
        }
        for (c, (ranges, mine_says, _)) in mine_left {
            let partner =
                their_keys.iter().enumerate().position(|(j, k)| !their_taken.get(j).copied().unwrap_or(true) && k.0 == ranges);
            let mut diff = match partner.and_then(|j| Some((j, self.b.claims.get(j)?))) {
                Some((j, d)) => {
                    if let Some(slot) = their_taken.get_mut(j) {
                        *slot = true;
                    }
                    let mut diff = self.difference(
                        DifferenceKind::OtherChain,
                        Some(Item::Claim(c.id.clone())),
                        Some(Item::Claim(d.id.clone())),
                        &ranges,
                    );
                    diff.theirs_says = claim_in_words(self.theirs, self.b, d);
                    diff
                }
                None => self.difference(DifferenceKind::ClaimOnlyMine, Some(Item::Claim(c.id.clone())), None, &ranges),
            };
            diff.mine_says = mine_says;
            out.push(diff);
        }
        for (d, _) in self.b.claims.iter().zip(&their_taken).filter(|(_, t)| !**t) {
            let ranges = content_ranges(self.b, d);
            let mut diff = self.difference(DifferenceKind::ClaimOnlyTheirs, None, Some(Item::Claim(d.id.clone())), &ranges);
            diff.theirs_says = claim_in_words(self.theirs, self.b, d);
            out.push(diff);
        }
    }
}

/// The ranges a claim's content covers, sorted.
fn content_ranges(document: &Document, claim: &Claim) -> Vec<CharRange> {
    let mut ranges: Vec<CharRange> =
        claim.content.iter().filter_map(|id| document.annotation(id)).flat_map(|a| a.ranges.iter().copied()).collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    ranges
}

/// "by Pentagon via Ukrinform ← Censor.NET": a claim's sources and chain by name (names compared
/// the way the registry compares them, so two projects' registries can be told apart only by
/// what they say).
pub fn chain_in_words(project: &Project, claim: &Claim) -> String {
    let name = |id| project.source(id).map_or("?", |s| s.name.as_str());
    let by: Vec<&str> = claim.attributed_to.iter().map(name).collect();
    let via: Vec<&str> = claim.via.iter().map(name).collect();
    let words = if by.is_empty() { "no source".to_owned() } else { format!("by {}", by.join(", ")) };
    if via.is_empty() { words } else { format!("{words} via {}", via.join(" \u{2190} ")) }
}

/// A claim's sources, chain, cue and dates in words: "by Pentagon via Ukrinform; cue “said”;
/// said on 2024-10-28".
fn claim_in_words(project: &Project, document: &Document, claim: &Claim) -> String {
    let mut words = vec![chain_in_words(project, claim)];
    if let Some(cue) = claim.cue.as_ref().and_then(|id| document.annotation(id)) {
        words.push(format!("cue \u{201c}{}\u{201d}", quote_of(&document.text, &cue.ranges)));
    }
    if let Some(day) = &claim.said_on {
        words.push(format!("said on {day}"));
    }
    if let Some(when) = &claim.event_date {
        words.push(format!("about {when}"));
    }
    words.join("; ")
}

/// Where a claim's cue, source spans and trigger are (two claims with the same words may still
/// mark other spans).
fn claim_spans(document: &Document, claim: &Claim) -> Vec<Vec<CharRange>> {
    let ranges = |id: &AnnotationId| document.annotation(id).map(|a| a.ranges.clone()).unwrap_or_default();
    let mut sources: Vec<Vec<CharRange>> = claim.source_spans.iter().map(ranges).collect();
    sources.sort();
    let mut out =
        vec![claim.cue.as_ref().map(ranges).unwrap_or_default(), claim.trigger.as_ref().map(ranges).unwrap_or_default()];
    out.extend(sources);
    out
}

/// The text of `ranges`, fragments joined by " … ".
fn quote_of(text: &str, ranges: &[CharRange]) -> String {
    let index = crate::anchor::TextIndex::new(text);
    ranges.iter().map(|r| index.slice(*r)).collect::<Vec<_>>().join(" \u{2026} ")
}
