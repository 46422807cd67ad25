//! Offline attribution suggester: who said what, with which reporting words (PARC 3.0 / `PolNeAR`
//! style Source, Cue and Content), plus the citation chains a text states ("X reports, citing Y").
//!
//! A first-order sequence tagger (averaged structured perceptron over hashed token features, with
//! weights learned from `PolNeAR` train and shipped in `data/tagger.model`) labels every token as
//! beginning or continuing a Source, Cue or Content span, or nothing (BIO tags, decoded one paragraph at a
//! time with Viterbi). The labelled spans are then grouped into
//! attributions by proximity within the paragraph, and pronoun sources are resolved to the nearest
//! fitting name. All offsets are Unicode code points (chars), end exclusive.

mod brat;
mod citations;
mod coreference;
pub mod evaluation;
mod features;
mod grouping;
pub mod lexicon_build;
mod tagger;
mod tokens;
pub mod training;

#[cfg(test)]
#[allow(clippy::cast_possible_wrap, clippy::case_sensitive_file_extension_comparisons)]
mod dev_eval;
#[cfg(test)]
#[allow(clippy::cast_possible_wrap, clippy::case_sensitive_file_extension_comparisons)]
mod tests;

use super::lexicon::{self, Lexicon, TAGS, WordStats, hash_lower, mix, stem_hash};
use citations::citations;
use coreference::{name_after, name_before, resolve, span_text, strip_reporting_verb};
use features::{Words, words};
use grouping::{dash_bylines, group, is_pronoun, text_of};

pub use brat::{from_brat, to_brat};
pub use features::{Featurized, featurize};
pub use tagger::{TAG_CONTENT, TAG_CUE, TAG_O, TAG_SOURCE, begins, decode, emissions, model_tag, role_of, tag, viterbi};
pub use tokens::{Kind, Token, tokenize};

/// A span of text in code points (chars), end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
}

impl Span {
    /// Number of chars covered.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers nothing.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    /// Smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// One suggested attribution relation.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// Who: the source span as written (may be a pronoun).
    pub source: Option<Span>,
    /// The source's name: the span's text, or for pronouns the resolved antecedent, if found.
    pub source_name: Option<String>,
    /// The reporting words ("said", "according to", "in a statement").
    pub cue: Span,
    /// What is attributed: one or more fragments (a quote split by its cue gives two).
    pub content: Vec<Span>,
    /// Confidence in 0..1.
    pub confidence: f32,
}

/// A citation the text states: `citing` reports what `cited` said or published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The outlet or person doing the citing ("Censor.NET").
    pub citing: String,
    /// The cited source ("Ukrinform").
    pub cited: String,
    /// The words that state the link ("citing", "published on").
    pub cue: Span,
    /// Where the text names the citing source ("Censor.NET", "a statement by the ministers").
    pub citing_span: Option<Span>,
    /// Where it names the cited one ("Ukrinform").
    pub cited_span: Option<Span>,
    /// The reporting verb before the cue ("reports" in "Censor.NET reports citing Ukrinform").
    pub verb: Option<Span>,
}

impl Citation {
    /// A citation of `cited` by `citing` stated by `cue`, with no spans of names yet.
    pub fn new(citing: impl Into<String>, cited: impl Into<String>, cue: Span) -> Self {
        Self { citing: citing.into(), cited: cited.into(), cue, citing_span: None, cited_span: None, verb: None }
    }
}

/// Everything the suggester found in a text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggestions {
    /// Attributions in text order of their cue.
    pub attributions: Vec<Attribution>,
    /// Citation links between sources.
    pub citations: Vec<Citation>,
}

/// Suggest the attributions and citation links of a text.
pub fn suggest(text: &str) -> Suggestions {
    suggest_with(text, lexicon::lexicon())
}

/// [`suggest`] with another lexicon and tagger model (the trainer scores candidate models so).
pub fn suggest_with(text: &str, lex: &Lexicon) -> Suggestions {
    let chars: Vec<char> = text.chars().collect();
    // Each token is scored as its features are computed: the features are not kept.
    let mut em = Vec::new();
    let f = features::featurize_each(&chars, lex, |_, hashes| em.push(tagger::table_emission(hashes, &lex.weights)));
    let tags = tagger::decode(&f, &em, &lex.trans);
    let mut attributions = group(&chars, &f, &tags, &em);
    drop_apparatus(&chars, &f, &mut attributions);
    dash_bylines(&chars, &f, &mut attributions);
    resolve(&chars, &f.tokens, &mut attributions);
    // A cue without a source that shares a sentence with an earlier attribution ("X reaffirmed ...
    // and stated ...") takes that attribution's source name.
    let sent_at = |pos: usize| f.tokens.get(f.tokens.partition_point(|t| t.start < pos)).map(|t| t.sent);
    for k in 1..attributions.len() {
        let (Some(prev), Some(cur)) = (attributions.get(k - 1), attributions.get(k)) else { continue };
        if cur.source.is_none() && cur.source_name.is_none() && sent_at(prev.cue.start) == sent_at(cur.cue.start) {
            let name = prev.source_name.clone();
            if let Some(c) = attributions.get_mut(k) {
                c.source_name = name;
            }
        }
    }
    drop_citation_statements(&f, &mut attributions);
    trim_publication_places(&f, &mut attributions);
    let citations = citations(&chars, &f, &attributions);
    Suggestions { attributions, citations }
}

/// Drops attributions whose cue lies in a paragraph that is page furniture (a "Read more:" link
/// line, a byline, a caption: [`crate::text::is_apparatus`]).
fn drop_apparatus(chars: &[char], f: &Featurized, attributions: &mut Vec<Attribution>) {
    let skipped: Vec<Span> = f
        .paras
        .iter()
        .filter_map(|&(a, b)| grouping::tok_span(&f.tokens, a, b))
        .filter(|s| crate::text::is_apparatus(&chars.get(s.start..s.end).unwrap_or_default().iter().collect::<String>()))
        .collect();
    if !skipped.is_empty() {
        attributions.retain(|a| !skipped.iter().any(|s| s.start <= a.cue.start && a.cue.start < s.end));
    }
}

/// Longest content (in chars) of an attribution read as a citation statement rather than a claim.
const SHORT_CITED_CHARS: usize = 60;

/// Drops attributions whose cue states a citation ("Censor.NET reports citing Ukrinform", "a
/// statement by X published on Y's website") or that lie in a sentence saying where the claims
/// before it were stated ("This is stated in …"): such a sentence says through whom the article
/// knows its claims, it makes no claim; [`citations`] reads it as a link instead. The phrases
/// are [`crate::text::citation_cues`].
fn drop_citation_statements(f: &Featurized, attributions: &mut Vec<Attribution>) {
    let w = words();
    let toks = &f.tokens;
    let first_token = |pos: usize| toks.partition_point(|t| t.start < pos);
    let states_citation = |cue: Span| {
        let from = first_token(cue.start);
        (from..toks.len()).take_while(|&k| toks.get(k).is_some_and(|t| t.end <= cue.end)).any(|k| {
            features::phrase_at(toks, k, &w.citing).is_some() || toks.get(k).is_some_and(|t| w.publishing.contains(&t.lower))
        })
    };
    // "This is stated in ...": the sentence opens with the phrase.
    let stated_in = |cue: Span| {
        let k = first_token(cue.start);
        let Some(sent) = toks.get(k).map(|t| t.sent) else { return false };
        let mut first = k;
        while first > 0 && toks.get(first - 1).is_some_and(|t| t.sent == sent) {
            first -= 1;
        }
        features::phrase_at(toks, first, &w.stated_in).is_some()
    };
    // A long content is a claim reported with its citation ("X said, citing Y, that ..."): kept.
    let short = |a: &Attribution| a.content.iter().map(|c| c.len()).sum::<usize>() <= SHORT_CITED_CHARS;
    attributions.retain(|a| !(states_citation(a.cue) && short(a) || stated_in(a.cue)));
}

/// Longest place of publication ("the website of the Japanese Foreign Ministry"), in tokens.
const PLACE_TOKENS: usize = 12;

/// Takes the place a statement was published on out of a content that starts with it ("X said
/// in a statement published on [Z's website that they were concerned]" keeps "they were
/// concerned"); a content that is only the place goes, and with it an attribution left without
/// content. [`citations`] reads the place as the statement's publisher.
fn trim_publication_places(f: &Featurized, attributions: &mut Vec<Attribution>) {
    let w = words();
    let toks = &f.tokens;
    for a in attributions.iter_mut() {
        for frag in &mut a.content {
            let k = toks.partition_point(|t| t.start < frag.start);
            if k < 2 || features::phrase_at(toks, k - 2, &w.published) != Some(2) {
                continue;
            }
            let site = (k..toks.len().min(k + PLACE_TOKENS))
                .take_while(|&j| toks.get(j).is_some_and(|t| t.end <= frag.end))
                .find(|&j| toks.get(j).is_some_and(|t| w.website.contains(&t.lower)));
            let Some(j) = site else { continue };
            match (toks.get(j + 1), toks.get(j + 2)) {
                (Some(that), Some(next)) if that.lower == w.that && next.start < frag.end => frag.start = next.start,
                _ => frag.end = frag.start,
            }
        }
        a.content.retain(|c| !c.is_empty());
    }
    attributions.retain(|a| !a.content.is_empty());
}
