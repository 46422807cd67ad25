//! Pre-annotation: the suggester's findings as proposals that become ordinary annotations,
//! claims and sources through one [`Edit`] each (or one for all of them).
//!
//! A proposal never overwrites or duplicates what is already there. An annotation with the same
//! label and ranges as a proposed span is reused; a registered source with the proposed name (or
//! alias) is reused; a claim with the same content and cue is not made twice; a `cites` link
//! is added only when missing and when it makes no cycle. So applying a proposal a second time
//! gives an empty batch. Overlaps with the user's annotations of another label are normal (a
//! Source inside a Claim) and do not stop a proposal; they are listed in
//! [`Proposal::conflicts`] for the UI to show.
//!
//! Pure: takes a project and the suggester's output, returns values.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::attribution::{Attribution, Citation, Span, Suggestions};
use super::date_values::{format_value, to_event_date};
use super::dates::{DateMention, nearest_date, speaking_date};
use crate::anchor::{CharRange, TextIndex, normalize_ranges};
use crate::model::labels::LabelRole;
use crate::model::{AnnotationId, Document, DocumentId, EventDate, OriginKind, Project};
use crate::text::shorten;

/// Longest content excerpt in a proposal's summary, in chars.
const SUMMARY_CHARS: usize = 90;

/// Longest gap between two fragments of one content that is filled ([`Builder::whole`]), in chars.
const MAX_GAP: usize = 40;

/// How far before a gap a cue or source that could reach into it starts, at most, in chars
/// (a longer mark is taken as not reaching it).
const MARK_REACH: usize = 300;

/// How far before a claim's cue the claim it is stated inside starts its cue, at most, in chars.
const NEST_REACH: usize = 1000;

/// What a proposal adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProposalKind {
    /// A claim with its Source, Cue and content annotations (and the citation links it states).
    Attribution,
    /// A `Date` annotation with its normalised value.
    Date,
    /// A citation link between two sources ("X reports, citing Y") that no attribution carries.
    Citation,
}

impl ProposalKind {
    /// All kinds, in display order.
    pub const ALL: [Self; 3] = [Self::Attribution, Self::Date, Self::Citation];

    /// Human label.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Attribution => "Attribution",
            Self::Date => "Date",
            Self::Citation => "Citation",
        }
    }
}

/// The part a proposed span plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpanRole {
    /// Who: becomes a `Source` annotation.
    Source,
    /// The reporting words: a `Cue` annotation.
    Cue,
    /// What is attributed: a `Claim` annotation (the claim's content).
    Content,
    /// A date expression: a `Date` annotation.
    Date,
}

impl SpanRole {
    /// The role of the label the annotation of this span gets.
    pub const fn label_role(self) -> LabelRole {
        match self {
            Self::Source => LabelRole::Source,
            Self::Cue => LabelRole::Cue,
            Self::Content => LabelRole::Claim,
            Self::Date => LabelRole::Date,
        }
    }

    /// The name of the project's label for this span (the label playing its role).
    pub fn label(self, project: &Project) -> &str {
        project.label_name_for(self.label_role())
    }
}

/// One span a proposal would annotate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposedSpan {
    /// Its part in the proposal; the annotation's label is `role.label(project)`.
    pub role: SpanRole,
    /// Char ranges, sorted, non-overlapping, non-empty.
    pub ranges: Vec<CharRange>,
    /// The text it covers (fragments joined by " … ").
    pub text: String,
}

/// An existing annotation that overlaps a proposed span with another label, or with the same
/// label but other ranges. The proposal still adds its own annotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The existing annotation.
    pub annotation: AnnotationId,
    /// Its label.
    pub label: String,
    /// The role of the proposed span it overlaps.
    pub role: SpanRole,
}

/// A citation the text states, by source names: `citing` cites `cited`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitationLink {
    /// Who cites ("Censor.NET").
    pub citing: String,
    /// Whom ("Ukrinform").
    pub cited: String,
}

/// One suggestion, ready to be accepted as an edit.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// Unique within its [`Preannotation`], stable for the same text: `a`/`d`/`c` + the start and
    /// end of the cue, date or citation cue (`a412-416`).
    pub id: String,
    /// What it adds.
    pub kind: ProposalKind,
    /// The document it is for.
    pub doc: DocumentId,
    /// The spans it annotates, in the order Source, Cue, Content (or the one Date span).
    pub spans: Vec<ProposedSpan>,
    /// One line for a list: `Pentagon said: “the DPRK had sent about 10,000 …”`.
    pub summary: String,
    /// The source's name as it would be registered (pronouns resolved), if any.
    pub source_name: Option<String>,
    /// The claim's event date, from the date nearest to its content.
    pub event_date: Option<EventDate>,
    /// The day the claim was said, where the text says it ("On October 25, Zelenskyy said").
    pub said_on: Option<EventDate>,
    /// For dates: the normalised value (`2024-10-27..2024-10-28`, `2024-W44`, ...).
    pub date_value: Option<String>,
    /// Citation links it registers.
    pub citations: Vec<CitationLink>,
    /// The body its source speaks for ("Pentagon" for "Pentagon spokesman Pat Ryder", whose
    /// source is then "Pat Ryder"), registered on the source when it has none.
    pub speaks_for: Option<String>,
    /// For attributions: the claim's via chain by source names, nearest first (the outlet, whom
    /// it cites, the statement's publisher), from [`super::chains`].
    pub via: Vec<String>,
    /// The suggester's confidence, 0..1 (1 for dates and citations).
    pub confidence: f32,
    /// Existing annotations its spans overlap (see [`Conflict`]).
    pub conflicts: Vec<Conflict>,
    /// The author written on the annotations it makes.
    pub author: String,
}

impl Proposal {
    /// The span of `role`, if the proposal has one.
    pub fn span(&self, role: SpanRole) -> Option<&ProposedSpan> {
        self.spans.iter().find(|s| s.role == role)
    }
}

/// Everything proposed for one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preannotation {
    /// One per attribution (with content), one per date mention, one per citation no attribution
    /// carries; attributions first, each group in text order.
    pub proposals: Vec<Proposal>,
}

impl Preannotation {
    /// The proposal with this id.
    pub fn proposal(&self, id: &str) -> Option<&Proposal> {
        self.proposals.iter().find(|p| p.id == id)
    }

    /// Proposals of one kind.
    pub fn of_kind(&self, kind: ProposalKind) -> impl Iterator<Item = &Proposal> {
        self.proposals.iter().filter(move |p| p.kind == kind)
    }
}

// ---------------------------------------------------------------------------------------------
// Building proposals

fn ranges_of(spans: &[Span], len: usize) -> Vec<CharRange> {
    normalize_ranges(spans.iter().map(|s| CharRange::new(s.start.min(len), s.end.min(len))).collect())
}

fn proposed(index: &TextIndex<'_>, role: SpanRole, spans: &[Span]) -> Option<ProposedSpan> {
    let ranges = ranges_of(spans, index.char_len());
    if ranges.is_empty() {
        return None;
    }
    let text = crate::anchor::exact_of(index, &ranges);
    Some(ProposedSpan { role, ranges, text })
}

pub use crate::edit::changeset::source_display_name;
use crate::edit::changeset::{is_pronoun, same_source_name};

fn overlaps(a: &[CharRange], b: &[CharRange]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.overlaps(y)))
}

fn conflicts_of(project: &Project, document: &Document, spans: &[ProposedSpan]) -> Vec<Conflict> {
    let mut out = Vec::new();
    for s in spans {
        let label = s.role.label(project);
        for a in &document.annotations {
            let identical = a.label == label && a.ranges == s.ranges;
            if !identical && overlaps(&a.ranges, &s.ranges) && !out.iter().any(|c: &Conflict| c.annotation == a.id) {
                out.push(Conflict { annotation: a.id.clone(), label: a.label.clone(), role: s.role });
            }
        }
    }
    out
}

fn unique_id(taken: &mut HashMap<String, usize>, base: String) -> String {
    let n = taken.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 { base } else { format!("{base}-{n}") }
}

/// Turns the suggester's output for a document into proposals. `dates` are the document's date
/// mentions (`dates::find_dates(text, published)`); `author` is written on every annotation.
/// Attributions without content are left out (a claim needs content). A citation is carried by
/// the attribution whose cue it shares, else by the nearest attribution of the cited source,
/// else it is a proposal of its own. Empty for an unknown document.
pub fn preannotate(
    project: &Project,
    doc: &DocumentId,
    suggestions: &Suggestions,
    dates: &[DateMention],
    author: &str,
) -> Preannotation {
    let Some(document) = project.document(doc) else { return Preannotation::default() };
    // Nothing is proposed in a link line, heading, byline, caption or dateline.
    let skipped = skipped_paragraphs(document);
    let reporting = |pos: usize| !skipped.iter().any(|r| r.start <= pos && pos < r.end);
    let citations: Vec<Citation> = suggestions.citations.iter().filter(|c| reporting(c.cue.start)).cloned().collect();
    let cues: Vec<Span> = suggestions.attributions.iter().map(|a| a.cue).collect();
    let mut marks: Vec<Span> = suggestions.attributions.iter().flat_map(|a| std::iter::once(a.cue).chain(a.source)).collect();
    marks.sort_unstable();
    let index = TextIndex::new(&document.text);
    let chars: Vec<char> = document.text.chars().collect();
    let mut builder = Builder { project, document, index, taken: HashMap::new(), author, cues: &cues, marks, chars };
    let mut proposals: Vec<Proposal> = suggestions
        .attributions
        .iter()
        .filter(|a| reporting(a.cue.start))
        .filter_map(|a| builder.attribution(a, dates))
        .collect();
    // Citations ride on the attribution that states them when there is one.
    let loose = attach_citations(&mut proposals, &citations);
    let kept = super::source_merge::merge_sources(&mut proposals);
    super::source_merge::prefer_registered(project, document, &mut proposals);
    link_speakers(&mut proposals);
    set_chains(document, &skipped, &citations, &mut proposals);
    nest_chains(&mut proposals);
    for m in dates.iter().filter(|m| reporting(m.span.start)) {
        if let Some(p) = builder.date(m) {
            proposals.push(p);
        }
    }
    for (citation, link) in loose {
        if !proposals.iter().any(|p| p.citations.contains(&link)) {
            proposals.push(builder.citation(&citation, link));
        }
    }
    super::source_merge::rename_links(&mut proposals, &kept);
    Preannotation { proposals }
}

/// The char ranges of the document's paragraphs that are no reporting (link lines, headings,
/// bylines, captions, datelines): as its importer marked them, or for a plain text imported
/// before paragraphs were marked, as [`crate::text::apparatus::structure`] marks them now.
pub fn skipped_paragraphs(document: &Document) -> Vec<CharRange> {
    let structure = match &document.origin {
        Some(o) if !o.structure.is_empty() || o.kind != OriginKind::Text => o.structure.clone(),
        _ => crate::text::apparatus::structure(&document.text),
    };
    structure.into_iter().filter(|(_, k)| !k.is_reporting()).map(|(r, _)| r).collect()
}

/// Makes the proposals of one document, with ids unique within it.
struct Builder<'a> {
    project: &'a Project,
    document: &'a Document,
    index: TextIndex<'a>,
    taken: HashMap<String, usize>,
    author: &'a str,
    /// Every attribution's cue, for the day each was said.
    cues: &'a [Span],
    /// Every attribution's cue and source: what a gap in a content must not hold.
    marks: Vec<Span>,
    /// The text's chars, collected once.
    chars: Vec<char>,
}

impl Builder<'_> {
    /// A proposal of `kind` with `spans` and nothing else set yet.
    fn proposal(&mut self, id_base: String, kind: ProposalKind, spans: Vec<ProposedSpan>, summary: String) -> Proposal {
        Proposal {
            id: unique_id(&mut self.taken, id_base),
            kind,
            doc: self.document.id.clone(),
            conflicts: conflicts_of(self.project, self.document, &spans),
            spans,
            summary,
            source_name: None,
            event_date: None,
            said_on: None,
            date_value: None,
            citations: Vec::new(),
            speaks_for: None,
            via: Vec::new(),
            confidence: 1.0,
            author: self.author.to_owned(),
        }
    }

    /// The proposal of an attribution: its source, cue and content, and the nearest date.
    fn attribution(&mut self, a: &Attribution, dates: &[DateMention]) -> Option<Proposal> {
        let content = proposed(&self.index, SpanRole::Content, &self.whole(&a.content, a.cue))?;
        let cue = proposed(&self.index, SpanRole::Cue, &[a.cue])?;
        let source = a.source.and_then(|s| proposed(&self.index, SpanRole::Source, &[s]));
        let source_name = a
            .source_name
            .as_deref()
            .or(source.as_ref().map(|s| s.text.as_str()))
            .map(source_display_name)
            .filter(|n| !n.is_empty() && !is_pronoun(n));
        let content_cover = a.content.iter().copied().reduce(Span::cover).unwrap_or(a.cue);
        let said = speaking_date(dates, a.cue, &a.content, self.cues, &self.chars);
        // The day it was said is not also the day of what it is about ("On October 28, the
        // Pentagon said that the DPRK had sent …": said on the 28th, the sending undated).
        let event_date = nearest_date(dates, content_cover, &self.document.text)
            .filter(|m| said.is_none_or(|s| s.span != m.span))
            .and_then(|m| to_event_date(m.value));
        let said_on = said.and_then(|m| to_event_date(m.value));
        let mut spans: Vec<ProposedSpan> = source.into_iter().collect();
        spans.push(cue);
        spans.push(content);
        let summary = attribution_summary(source_name.as_deref(), &spans);
        let mut p = self.proposal(format!("a{}-{}", a.cue.start, a.cue.end), ProposalKind::Attribution, spans, summary);
        p.source_name = source_name;
        p.event_date = event_date;
        p.said_on = said_on;
        p.confidence = a.confidence;
        Some(p)
    }

    /// Content fragments with the gaps between them filled where nothing else stands in a gap:
    /// no cue or source of any attribution ("“X,” he said, “Y”" stays two), no sentence end, no
    /// line break. The tagger sometimes leaves words out of a content (", which would take").
    /// A leading "that" right after the cue is the reporting verb's, not the claim's ("stated
    /// that they expressed"); "“That deal was bad,” he said" keeps its "That".
    fn whole(&self, content: &[Span], cue: Span) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::with_capacity(content.len());
        for &frag in content {
            let joined = out.last_mut().filter(|last| {
                let gap = Span { start: last.end, end: frag.start };
                let short = frag.start >= last.end && gap.len() <= MAX_GAP;
                let text: String = self.chars.get(gap.start..gap.end).unwrap_or_default().iter().collect();
                short && !self.holds_mark(gap) && !text.contains('\n') && !text.contains(". ")
            });
            match joined {
                Some(last) => last.end = frag.end,
                None => out.push(frag),
            }
        }
        if let Some(first) = out.first_mut() {
            let opening: String = self.chars.get(first.start..first.start + 5).unwrap_or_default().iter().collect();
            let between = self.chars.get(cue.end..first.start).unwrap_or_default();
            let after_cue = cue.end <= first.start && between.len() <= 2 && between.iter().all(|c| c.is_whitespace());
            if after_cue && opening.eq_ignore_ascii_case("that ") && first.len() > 5 {
                first.start += 5;
            }
        }
        out
    }

    /// Whether a cue or source of some attribution overlaps `gap`: the marks are sorted by start
    /// and short, so only those starting shortly before the gap are looked at.
    fn holds_mark(&self, gap: Span) -> bool {
        let upto = self.marks.partition_point(|m| m.start < gap.end);
        self.marks
            .get(..upto)
            .unwrap_or_default()
            .iter()
            .rev()
            .take_while(|m| m.start + MARK_REACH > gap.start)
            .any(|m| m.end > gap.start)
    }

    /// The proposal of a date mention, with its normalised value.
    fn date(&mut self, m: &DateMention) -> Option<Proposal> {
        let span = proposed(&self.index, SpanRole::Date, &[m.span])?;
        let value = format_value(m.value);
        let summary = format!("{} \u{2192} {value}", quoted(&span.text));
        let mut p = self.proposal(format!("d{}-{}", m.span.start, m.span.end), ProposalKind::Date, vec![span], summary);
        p.event_date = to_event_date(m.value);
        p.date_value = Some(value);
        Some(p)
    }

    /// The proposal of a citation no attribution carries, with the names and words that state
    /// it as Source and Cue spans ("Censor.NET" "reports" "citing" "Ukrinform"): never a claim.
    fn citation(&mut self, c: &Citation, link: CitationLink) -> Proposal {
        let summary = format!("{} cites {}", link.citing, link.cited);
        let marks = [
            (SpanRole::Source, c.citing_span),
            (SpanRole::Cue, c.verb),
            (SpanRole::Cue, Some(c.cue)),
            (SpanRole::Source, c.cited_span),
        ];
        let spans = marks.into_iter().filter_map(|(role, span)| proposed(&self.index, role, &[span?])).collect();
        let mut p = self.proposal(format!("c{}-{}", c.cue.start, c.cue.end), ProposalKind::Citation, spans, summary);
        p.citations = vec![link];
        p
    }
}

/// Puts each citation on the attribution whose cue it shares, else on the nearest attribution of
/// the cited source; returns the citations no attribution took.
fn attach_citations(proposals: &mut [Proposal], citations: &[Citation]) -> Vec<(Citation, CitationLink)> {
    let mut loose = Vec::new();
    for c in citations {
        let link = CitationLink { citing: source_display_name(&c.citing), cited: source_display_name(&c.cited) };
        if link.citing.is_empty() || link.cited.is_empty() || same_source_name(&link.citing, &link.cited) {
            continue;
        }
        let cue = [CharRange::new(c.cue.start, c.cue.end)];
        let by_cue = proposals.iter().position(|p| p.span(SpanRole::Cue).is_some_and(|s| overlaps(&s.ranges, &cue)));
        // A citation whose names the text marks is a proposal of its own, so they are seen.
        let marked = c.citing_span.is_some() || c.cited_span.is_some();
        let by_name = || {
            if marked {
                return None;
            }
            proposals
                .iter()
                .enumerate()
                .filter(|(_, p)| p.source_name.as_deref().is_some_and(|n| same_source_name(n, &link.cited)))
                .min_by_key(|(_, p)| {
                    p.span(SpanRole::Cue).and_then(|s| s.ranges.first()).map_or(usize::MAX, |r| r.start.abs_diff(c.cue.start))
                })
                .map(|(i, _)| i)
        };
        match by_cue.or_else(by_name).and_then(|i| proposals.get_mut(i)) {
            Some(p) => {
                if !p.citations.contains(&link) {
                    // Writing to a String cannot fail.
                    let _ = write!(p.summary, " ({} cites {})", link.citing, link.cited);
                    p.citations.push(link);
                }
            }
            None => loose.push((c.clone(), link)),
        }
    }
    loose
}

/// A person who speaks for a body ("Pentagon spokesman Pat Ryder") is registered by their own
/// name ("Pat Ryder", the mention kept as an alias) as speaking for the body
/// ([`crate::text::source_kind::speaks_for`]); a person named after a title ("President
/// Volodymyr Zelenskyy") by the name without it ([`crate::text::source_kind::titled_person`]).
fn link_speakers(proposals: &mut [Proposal]) {
    for p in proposals.iter_mut().filter(|p| p.kind == ProposalKind::Attribution) {
        let Some(name) = p.source_name.clone() else { continue };
        if let Some((body, person)) = crate::text::source_kind::speaks_for(&name) {
            p.summary = p.summary.replacen(&name, &person, 1);
            p.source_name = Some(person);
            p.speaks_for = Some(body);
        } else if let Some((person, _)) = crate::text::source_kind::titled_person(&name) {
            p.summary = p.summary.replacen(&name, &person, 1);
            p.source_name = Some(person);
        }
    }
}

/// A claim stated inside another's ("Zelenskyy said that, according to intelligence, …": its
/// cue after the outer cue and before the outer content ends, the contents shared) is known
/// through the outer claim's chain and its source: Censor.NET ← Zelenskyy for intelligence's
/// claim; the outer source is registered as citing the inner one.
fn nest_chains(proposals: &mut [Proposal]) {
    let first = |p: &Proposal, role: SpanRole| p.span(role).and_then(|s| Some((s.ranges.first()?.start, s.ranges.last()?.end)));
    for i in 0..proposals.len() {
        let Some(inner) = proposals.get(i).filter(|p| p.kind == ProposalKind::Attribution) else { continue };
        let (Some((cue, _)), Some((c0, c1)), Some(name)) =
            (first(inner, SpanRole::Cue), first(inner, SpanRole::Content), inner.source_name.clone())
        else {
            continue;
        };
        let near = |o: &&Proposal| first(o, SpanRole::Cue).is_some_and(|(start, _)| start + NEST_REACH > cue);
        let outer = proposals.iter().take(i).rev().filter(|p| p.kind == ProposalKind::Attribution).take_while(near).find(|o| {
            let (Some((_, oc)), Some((o0, o1))) = (first(o, SpanRole::Cue), first(o, SpanRole::Content)) else { return false };
            oc <= cue && cue < o1 && c0 < o1 && o0 < c1 && o.source_name.as_deref().is_some_and(|n| !same_source_name(n, &name))
        });
        let Some(outer) = outer else { continue };
        let Some(outer_name) = outer.source_name.clone() else { continue };
        let mut via = outer.via.clone();
        via.push(outer_name.clone());
        let link = CitationLink { citing: outer_name, cited: name };
        if let Some(p) = proposals.get_mut(i) {
            p.via = via;
            if !p.citations.contains(&link) {
                p.citations.push(link);
            }
        }
    }
}

/// Sets each attribution proposal's via chain from the citations that cover it: those stated in
/// the report its content belongs to ([`super::chains::report_bounds`]); claims outside every
/// report are known through the outlet alone (the document's, or the press outlet at the root of
/// the citations the text states: "Censor.NET reports citing Ukrinform").
fn set_chains(document: &Document, skipped: &[CharRange], citations: &[Citation], proposals: &mut [Proposal]) {
    use super::chains::{chain_for, chain_root, is_press, report_bounds};
    let links: Vec<((usize, usize), CitationLink)> = citations
        .iter()
        .map(|c| {
            let link = CitationLink { citing: source_display_name(&c.citing), cited: source_display_name(&c.cited) };
            (report_bounds(&document.text, skipped, c.cue.start), link)
        })
        .filter(|(_, l)| !l.citing.is_empty() && !l.cited.is_empty() && !same_source_name(&l.citing, &l.cited))
        .collect();
    let all: Vec<CitationLink> = links.iter().map(|(_, l)| l.clone()).collect();
    // A wire story ("COLUMBIA, S.C. (AP) — …") is known through its agency, after the outlet.
    let agency = crate::text::apparatus::wire_agency(&document.text);
    let Some(root) = chain_root(document.outlet.as_deref(), &all).or_else(|| agency.map(str::to_owned)) else { return };
    let outlet_known = document.outlet.is_some() || is_press(&root);
    let wire = agency.filter(|a| !same_source_name(a, &root));
    for p in proposals.iter_mut().filter(|p| p.kind == ProposalKind::Attribution) {
        let at = p.span(SpanRole::Content).and_then(|s| s.ranges.first()).map_or(0, |r| r.start);
        let covering: Vec<CitationLink> =
            links.iter().filter(|((start, end), _)| (*start..*end).contains(&at)).map(|(_, l)| l.clone()).collect();
        if !covering.is_empty() || outlet_known {
            p.via = chain_for(&root, &covering, p.source_name.as_deref());
            if let Some(a) = wire.filter(|a| !p.via.iter().chain(&p.source_name).any(|n| same_source_name(n, a))) {
                p.via.insert(1.min(p.via.len()), a.to_owned());
            }
        }
    }
}

fn quoted(text: &str) -> String {
    format!("\u{201c}{}\u{201d}", shorten(&text.split_whitespace().collect::<Vec<_>>().join(" "), SUMMARY_CHARS))
}

fn attribution_summary(source: Option<&str>, spans: &[ProposedSpan]) -> String {
    let text_of = |role: SpanRole| spans.iter().find(|s| s.role == role).map(|s| s.text.as_str()).unwrap_or_default();
    let cue = text_of(SpanRole::Cue).split_whitespace().collect::<Vec<_>>().join(" ");
    let content =
        quoted(text_of(SpanRole::Content).trim_matches(|c: char| c.is_whitespace() || "\"\u{201c}\u{201d}".contains(c)));
    match source {
        Some(name) => format!("{name} {cue}: {content}"),
        None => format!("({cue}, no source): {content}"),
    }
}

/// Runs the suggester and the date finder on a document of `project` (dates read against its
/// publication date) and returns its proposals: what the window's Suggestions tab and
/// `claimlens suggest --apply` both start from. Empty for an unknown document.
pub fn propose(project: &Project, doc: &DocumentId, author: &str) -> Preannotation {
    let Some(document) = project.document(doc) else { return Preannotation::default() };
    let suggestions = super::attribution::suggest(&document.text);
    let dates = super::dates::find_dates(&document.text, document.published);
    preannotate(project, doc, &suggestions, &dates, author)
}

#[cfg(test)]
#[path = "preannotate_tests.rs"]
mod tests;
