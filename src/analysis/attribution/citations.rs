//! Citation links the text states ("X reports, citing Y", "published on the website of Z").

use super::{Attribution, Citation, Featurized, Span, Token, name_after, name_before, span_text, strip_reporting_verb, words};

/// Citation links stated in the text.
pub(super) fn citations(chars: &[char], f: &Featurized, attrs: &[Attribution]) -> Vec<Citation> {
    let w = words();
    let toks = &f.tokens;
    let mut out = Vec::new();
    let cues = CueOrder::of(attrs);
    let source_before = |k: usize| -> Option<String> {
        let pos = toks.get(k)?.start;
        let sent = toks.get(k)?.sent;
        // The source of the attribution whose cue holds `k` or ends right before it.
        let prev_end = if k >= 2 { toks.get(k - 2).map_or(0, |t| t.start) } else { 0 };
        let from_attr = cues.first_holding(attrs, pos, prev_end);
        if let Some(a) = from_attr {
            return a.source_name.clone();
        }
        // Else the name right before the cue before `k` ("Censor.NET reports citing ...").
        let mut e = k;
        while e > 0 && toks.get(e - 1).is_some_and(|t| t.sent == sent && !t.is_cap()) {
            e -= 1;
        }
        name_before(chars, toks, e).and_then(|r| span_text(chars, toks, r))
    };
    for (k, t) in toks.iter().enumerate() {
        if t.lower == w.citing || t.lower == w.cited && toks.get(k + 1).is_some_and(Token::is_cap) {
            let Some(cited) = name_after(toks, k + 1).and_then(|r| span_text(chars, toks, r)) else { continue };
            // "according to Y, citing Z": Y cites Z.
            let mut citing = None;
            let sent = t.sent;
            let mut j = k;
            while j > 0 && toks.get(j - 1).is_some_and(|x| x.sent == sent) {
                j -= 1;
                if toks.get(j).is_some_and(|x| x.lower == w.according) && toks.get(j + 1).is_some_and(|x| x.lower == w.to) {
                    citing = name_after(toks, j + 2).and_then(|r| span_text(chars, toks, r));
                    break;
                }
            }
            let citing = citing.or_else(|| source_before(k)).map(|c| strip_reporting_verb(&c).to_string());
            if let Some(citing) = citing {
                out.push(Citation { citing, cited, cue: Span { start: t.start, end: t.end } });
            }
        } else if t.lower == w.published || t.lower == w.posted {
            // "... published on the website of Z" / "published on Z's website".
            let mut j = k + 1;
            if toks.get(j).is_some_and(|x| x.lower == w.on) {
                j += 1;
            } else {
                continue;
            }
            let cited = if toks.get(j).is_some_and(|x| x.lower == w.the)
                && toks.get(j + 1).is_some_and(|x| x.lower == w.website || x.lower == w.site)
                && toks.get(j + 2).is_some_and(|x| x.lower == w.of)
            {
                name_after(toks, j + 3)
            } else {
                name_after(toks, j).filter(|&(_, b)| {
                    toks.get(b).is_some_and(|x| x.lower == w.s)
                        && toks.get(b + 1).is_some_and(|x| x.lower == w.website || x.lower == w.site)
                })
            };
            let Some(cited) = cited.and_then(|r| span_text(chars, toks, r)) else { continue };
            // Whose statement: "a statement by X published on", else the attribution's source.
            let sent = t.sent;
            let mut citing = None;
            let mut b = k;
            while b > 0 && toks.get(b - 1).is_some_and(|x| x.sent == sent) {
                b -= 1;
                if toks.get(b).is_some_and(|x| x.lower == w.by) {
                    citing = span_text(chars, toks, (b + 1, k));
                    break;
                }
            }
            let citing = citing.or_else(|| cues.last_near(attrs, t.start).and_then(|a| a.source_name.clone()));
            if let Some(citing) = citing {
                let end = toks.get(k + 1).map_or(t.end, |x| x.end);
                out.push(Citation { citing, cited, cue: Span { start: t.start, end } });
            }
        }
    }
    out
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
