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
    for (k, t) in toks.iter().enumerate() {
        let citing_len = phrase_at(toks, k, &w.citing)
            .or_else(|| (t.lower == w.cited && toks.get(k + 1).is_some_and(Token::is_cap)).then_some(1));
        if let Some(n) = citing_len {
            if let Some(c) = cited_by_report(chars, toks, &cues, attrs, k, n) {
                out.push(c);
            }
        } else if let Some(n) = phrase_at(toks, k, &w.published)
            && let Some(c) = published_on(chars, toks, &cues, attrs, k, n)
        {
            out.push(c);
        }
    }
    out
}

/// "X reports citing Y" / "according to Y, citing Z": the citation whose phrase (`len` tokens)
/// starts at token `at`.
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
    let cited = name_after(toks, at + len).and_then(|r| span_text(chars, toks, r))?;
    // "according to Y, citing Z": Y cites Z.
    let mut citing = None;
    let mut back = at;
    while back > 0 && toks.get(back - 1).is_some_and(|x| x.sent == tok.sent) {
        back -= 1;
        if toks.get(back).is_some_and(|x| x.lower == w.according) && toks.get(back + 1).is_some_and(|x| x.lower == w.to) {
            citing = name_after(toks, back + 2).and_then(|r| span_text(chars, toks, r));
            break;
        }
    }
    let citing = citing.or_else(|| source_before(chars, toks, cues, attrs, at)).map(|c| strip_reporting_verb(&c).to_string())?;
    let end = toks.get(at + len - 1).map_or(tok.end, |x| x.end);
    Some(Citation { citing, cited, cue: Span { start: tok.start, end } })
}

/// Who states the citation at token `k`: the source of the attribution whose cue holds `k` or
/// ends right before it, else the name right before the cue ("Censor.NET reports citing ...").
fn source_before(chars: &[char], toks: &[Token], cues: &CueOrder, attrs: &[Attribution], k: usize) -> Option<String> {
    let pos = toks.get(k)?.start;
    let sent = toks.get(k)?.sent;
    let prev_end = if k >= 2 { toks.get(k - 2).map_or(0, |t| t.start) } else { 0 };
    if let Some(a) = cues.first_holding(attrs, pos, prev_end) {
        return a.source_name.clone();
    }
    let mut e = k;
    while e > 0 && toks.get(e - 1).is_some_and(|t| t.sent == sent && !t.is_cap()) {
        e -= 1;
    }
    name_before(chars, toks, e).and_then(|r| span_text(chars, toks, r))
}

/// "... published on the website of Z" / "published on Z's website": the statement's author
/// ("a statement by X", else the nearest attribution's source) cites Z, its publisher.
fn published_on(
    chars: &[char],
    toks: &[Token],
    cues: &CueOrder,
    attrs: &[Attribution],
    at: usize,
    len: usize,
) -> Option<Citation> {
    let w = words();
    let tok = toks.get(at)?;
    let after = at + len;
    let is_site = |i: usize| toks.get(i).is_some_and(|x| w.website.contains(&x.lower));
    let cited = if toks.get(after).is_some_and(|x| x.lower == w.the)
        && is_site(after + 1)
        && toks.get(after + 2).is_some_and(|x| x.lower == w.of)
    {
        name_after(toks, after + 3)
    } else {
        name_after(toks, after).filter(|&(_, back)| toks.get(back).is_some_and(|x| x.lower == w.s) && is_site(back + 1))
    };
    let cited = cited.and_then(|r| span_text(chars, toks, r))?;
    // Whose statement: "a statement by X published on", else the attribution's source.
    let mut citing = None;
    let mut back = at;
    while back > 0 && toks.get(back - 1).is_some_and(|x| x.sent == tok.sent) {
        back -= 1;
        if toks.get(back).is_some_and(|x| x.lower == w.by) {
            citing = span_text(chars, toks, (back + 1, at));
            break;
        }
    }
    let citing = citing.or_else(|| cues.last_near(attrs, tok.start).and_then(|a| a.source_name.clone()))?;
    let end = toks.get(at + len - 1).map_or(tok.end, |x| x.end);
    Some(Citation { citing, cited, cue: Span { start: tok.start, end } })
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
