//! Citation links the text states ("X reports, citing Y", "X reports with reference to Y",
//! "according to Y, citing Z", "a statement by Y published on the website of Z"). The phrases
//! live in [`crate::text::citation_cues`].

use super::features::phrase_at;
use super::{Attribution, Citation, Featurized, Span, Token, name_after, name_before, span_text, strip_reporting_verb, words};

/// Citation links stated in the text.
pub(super) fn citations(chars: &[char], f: &Featurized, attrs: &[Attribution]) -> Vec<Citation> {
    let w = words();
    let toks = &f.tokens;
    let cues = CueOrder::of(attrs);
    let mut out = Vec::new();
    // The reports ("X reports citing Y") and the statements ("a statement by X published on …")
    // found, with their sentence, to tie a report to the statement of its sentence.
    let mut reports: Vec<(u32, usize)> = Vec::new();
    let mut statements: Vec<(u32, usize)> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        let citing_len = phrase_at(toks, k, &w.citing)
            .or_else(|| (t.lower == w.cited && toks.get(k + 1).is_some_and(Token::is_cap)).then_some(1));
        if let Some(n) = citing_len {
            if let Some(c) = cited_by_report(chars, toks, &cues, attrs, k, n) {
                reports.push((t.sent, out.len()));
                out.push(c);
            }
        } else if let Some(n) = phrase_at(toks, k, &w.published) {
            let found = published_on(chars, toks, &cues, attrs, k, n);
            if !found.is_empty() {
                statements.push((t.sent, out.len()));
            }
            out.extend(found);
        }
    }
    // "This is stated in a statement …, Censor.NET reports citing Ukrinform": Ukrinform relays
    // the statement.
    // Both lists are in text order: the reports of a sentence are found by binary search.
    for &(sent, s) in &statements {
        let from = reports.partition_point(|(rs, _)| *rs < sent);
        for &(_, r) in reports.get(from..).unwrap_or_default().iter().take_while(|(rs, _)| *rs == sent) {
            if let (Some(report), Some(statement)) = (out.get(r), out.get(s)) {
                let link = Citation::new(report.cited.clone(), statement.citing.clone(), report.cue);
                out.push(link);
            }
        }
    }
    out
}

/// Whether a token (by its hash) is "a", "an" or "the".
fn is_determiner(lower: u64) -> bool {
    ["a", "an", "the"].iter().any(|d| super::hash_lower(d.chars()) == lower)
}

/// A name's span given by its token range.
fn span_of(toks: &[Token], (a, b): (usize, usize)) -> Option<Span> {
    Some(Span { start: toks.get(a)?.start, end: toks.get(b.checked_sub(1)?)?.end })
}

/// "X reports citing Y" / "according to Y, citing Z": the citation whose phrase (`len` tokens)
/// starts at token `at`, with the spans of both names and of the reporting verb.
fn cited_by_report(
    chars: &[char],
    toks: &[Token],
    cues: &CueOrder,
    attrs: &[Attribution],
    at: usize,
    len: usize,
) -> Option<Citation> {
    let w = words();
    let tok = toks.get(at)?;
    let cited_range = name_after(toks, at + len)?;
    let cited = span_text(chars, toks, cited_range)?;
    // "according to Y, citing Z": Y cites Z.
    let mut citing = None;
    let mut back = at;
    while back > 0 && toks.get(back - 1).is_some_and(|x| x.sent == tok.sent) {
        back -= 1;
        if toks.get(back).is_some_and(|x| x.lower == w.according) && toks.get(back + 1).is_some_and(|x| x.lower == w.to) {
            citing = name_after(toks, back + 2).and_then(|r| Some((span_text(chars, toks, r)?, span_of(toks, r))));
            break;
        }
    }
    let (name, span) = citing.or_else(|| source_before(chars, toks, cues, attrs, at))?;
    let stripped = strip_reporting_verb(&name);
    // A name the tagger ended with the verb ("Censor.NET reports") ends before it.
    let span = span.map(|s| Span { start: s.start, end: s.end.min(s.start + stripped.chars().count()) });
    let end = toks.get(at + len - 1).map_or(tok.end, |x| x.end);
    let mut c = Citation::new(stripped, cited, Span { start: tok.start, end });
    c.citing_span = span;
    c.cited_span = span_of(toks, cited_range);
    // The reporting verb right before the phrase ("reports citing").
    c.verb = at
        .checked_sub(1)
        .and_then(|v| toks.get(v))
        .filter(|v| v.kind == super::Kind::Word && !v.is_cap() && v.sent == tok.sent)
        .map(|v| Span { start: v.start, end: v.end })
        .filter(|v| span.is_none_or(|s| s.end <= v.start));
    Some(c)
}

/// Who states the citation at token `k`, with where the text names them: the source of the
/// attribution whose cue holds `k` or ends right before it, else the name right before the cue
/// ("Censor.NET reports citing ...").
fn source_before(
    chars: &[char],
    toks: &[Token],
    cues: &CueOrder,
    attrs: &[Attribution],
    k: usize,
) -> Option<(String, Option<Span>)> {
    let pos = toks.get(k)?.start;
    let sent = toks.get(k)?.sent;
    let prev_end = if k >= 2 { toks.get(k - 2).map_or(0, |t| t.start) } else { 0 };
    if let Some(a) = cues.first_holding(attrs, pos, prev_end) {
        return a.source_name.clone().map(|n| (n, a.source));
    }
    let mut e = k;
    while e > 0 && toks.get(e - 1).is_some_and(|t| t.sent == sent && !t.is_cap()) {
        e -= 1;
    }
    let range = name_before(chars, toks, e)?;
    Some((span_text(chars, toks, range)?, span_of(toks, range)))
}

/// "... published on the website of Z" / "published on Z's website": the statement is a
/// document of its own ("Statement on the website of Z") that relays its author ("a statement
/// by X", else the nearest attribution's source), and Z, its publisher, relays the statement.
/// Two citations, the statement's first; none when the place is not a website of a name.
fn published_on(chars: &[char], toks: &[Token], cues: &CueOrder, attrs: &[Attribution], at: usize, len: usize) -> Vec<Citation> {
    published_on_links(chars, toks, cues, attrs, at, len).unwrap_or_default()
}

fn published_on_links(
    chars: &[char],
    toks: &[Token],
    cues: &CueOrder,
    attrs: &[Attribution],
    at: usize,
    len: usize,
) -> Option<Vec<Citation>> {
    let w = words();
    let tok = toks.get(at)?;
    let after = at + len;
    let is_site = |i: usize| toks.get(i).is_some_and(|x| w.website.contains(&x.lower));
    // The publisher, and where the place ends: after the name ("the website of Z"), or after
    // "'s website" ("Z's website").
    let (publisher, place_end) = if toks.get(after).is_some_and(|x| x.lower == w.the)
        && is_site(after + 1)
        && toks.get(after + 2).is_some_and(|x| x.lower == w.of)
    {
        name_after(toks, after + 3).map(|r| (r, r.1))
    } else {
        name_after(toks, after)
            .filter(|&(_, back)| toks.get(back).is_some_and(|x| x.lower == w.s) && is_site(back + 1))
            .map(|r| (r, r.1 + 2))
    }?;
    let publisher_name = span_text(chars, toks, publisher)?;
    // Whose statement: "a statement by X published on", else the attribution's source.
    let mut author = None;
    let mut back = at;
    while back > 0 && toks.get(back - 1).is_some_and(|x| x.sent == tok.sent) {
        back -= 1;
        if toks.get(back).is_some_and(|x| x.lower == w.by) {
            author = span_text(chars, toks, (back + 1, at)).map(|name| (name, back));
            break;
        }
    }
    // The document: the noun before "by" ("a statement by"), with its determiner, marked as
    // its mention; else the noun right before "published" ("in a statement published on"),
    // which only names it.
    let noun_at = |n: usize| toks.get(n).filter(|t| t.kind == super::Kind::Word && !t.is_cap()).map(|_| n);
    let noun = author.as_ref().and_then(|&(_, by)| by.checked_sub(1)).and_then(noun_at);
    let doc_start = noun.map(|n| {
        let det = n.checked_sub(1).and_then(|d| toks.get(d)).filter(|d| is_determiner(d.lower));
        det.map_or(n, |_| n - 1)
    });
    let noun = noun.or_else(|| at.checked_sub(1).and_then(noun_at));
    let author_name = match author {
        Some((name, _)) => name,
        None => cues.last_near(attrs, tok.start).and_then(|a| a.source_name.clone())?,
    };
    let noun_text = noun.and_then(|n| span_text(chars, toks, (n, n + 1))).unwrap_or_else(|| "statement".to_owned());
    let place = span_text(chars, toks, (after - 1, place_end))?;
    let doc_name =
        format!("{}{} {place}", noun_text.chars().next()?.to_uppercase(), noun_text.chars().skip(1).collect::<String>());
    let end = toks.get(at + len - 1).map_or(tok.end, |x| x.end);
    let cue = Span { start: tok.start, end };
    let mut statement = Citation::new(doc_name.clone(), author_name, cue);
    statement.citing_span = doc_start.and_then(|d| span_of(toks, (d, at)));
    let mut published_by = Citation::new(publisher_name, doc_name, cue);
    published_by.citing_span = span_of(toks, publisher);
    Some(vec![statement, published_by])
}

/// Look-ups of attributions by cue position: by binary search when the cues are in text order
/// and apart (as [`super::grouping`] makes them), else by a scan. Scanning every attribution for
/// every "citing" and "published" made the suggester quadratic on long articles.
pub(super) struct CueOrder {
    sorted: bool,
}

impl CueOrder {
    fn of(attrs: &[Attribution]) -> Self {
        let sorted = attrs.windows(2).all(|w| matches!(w, [a, b] if a.cue.end <= b.cue.start));
        Self { sorted }
    }

    /// The first attribution with a source whose cue starts at or before `pos` and ends at or
    /// after `from`.
    fn first_holding<'a>(&self, attrs: &'a [Attribution], pos: usize, from: usize) -> Option<&'a Attribution> {
        let fits = |a: &&Attribution| a.cue.start <= pos && a.cue.end >= from && a.source.is_some();
        if !self.sorted {
            return attrs.iter().find(fits);
        }
        let lo = attrs.partition_point(|a| a.cue.end < from);
        let hi = attrs.partition_point(|a| a.cue.start <= pos);
        attrs.get(lo..hi.max(lo))?.iter().find(fits)
    }

    /// The last attribution whose cue starts at or before `pos` and ends less than 300 chars before it.
    fn last_near<'a>(&self, attrs: &'a [Attribution], pos: usize) -> Option<&'a Attribution> {
        let fits = |a: &&Attribution| a.cue.start <= pos && pos.saturating_sub(a.cue.end) < 300;
        if !self.sorted {
            return attrs.iter().rev().find(fits);
        }
        let hi = attrs.partition_point(|a| a.cue.start <= pos);
        attrs.get(hi.checked_sub(1)?).filter(fits)
    }
}
