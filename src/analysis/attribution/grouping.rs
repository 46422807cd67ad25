//! Grouping tagged runs into attributions, and quotations signed with a dash.

use super::{
    Attribution, Featurized, Kind, Span, TAG_CONTENT, TAG_CUE, TAG_O, TAG_SOURCE, TAGS, Token, Words, begins, model_tag,
    name_after, role_of, words,
};

#[derive(Clone, Copy, Debug)]
pub(super) struct Run {
    pub(super) tag: usize,
    pub(super) a: usize,
    pub(super) b: usize,
}

pub(super) fn is_pronoun(w: &Words, t: &Token) -> bool {
    w.pronouns.contains(&t.lower)
}

pub(super) fn text_of(chars: &[char], s: Span) -> String {
    chars
        .get(s.start..s.end)
        .map(|c| c.iter().collect::<String>())
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn tok_span(toks: &[Token], a: usize, b: usize) -> Option<Span> {
    let s = toks.get(a)?.start;
    let e = toks.get(b.checked_sub(1)?)?.end;
    (e > s).then_some(Span { start: s, end: e })
}

/// Gap in tokens between two token ranges (0 when adjacent or overlapping).
pub(super) fn gap(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 { b.0 - a.1 } else { a.0.saturating_sub(b.1) }
}

pub(super) fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Group tagged runs into attributions.
pub(super) fn group(chars: &[char], f: &Featurized, model_tags: &[usize], em: &[[f32; TAGS]]) -> Vec<Attribution> {
    let toks = &f.tokens;
    let model_tags = &quotations_out_of_cues(toks, model_tags);
    let tags: Vec<usize> = model_tags.iter().map(|&t| role_of(t)).collect();
    let tags = tags.as_slice();
    let mut out = Vec::new();
    for &(pa, pb) in &f.paras {
        // Adjacent cue runs stay apart ("said, adding"): the BIO tags decide where a cue ends.
        let runs = runs_in(toks, tags, model_tags, (pa, pb));
        let cues: Vec<Run> = runs.iter().copied().filter(|r| r.tag == TAG_CUE).collect();
        if cues.is_empty() {
            continue;
        }
        let (contents, sources) = assign_to_cues(toks, &runs, &cues);
        for (ci, c) in cues.iter().enumerate() {
            let Some(cue) = tok_span(toks, c.a, c.b) else { continue };
            let mut content: Vec<Span> =
                contents.get(ci).map(|v| v.iter().filter_map(|&(a, b)| tok_span(toks, a, b)).collect()).unwrap_or_default();
            if content.iter().map(|sp| content_words(toks, sp)).sum::<usize>() == 0 {
                // A stub like "said that, according to X, ...": take the rest of the sentence.
                content.clear();
                match fallback_content(f, tags, (c.a, c.b)) {
                    Some(sp) => content.push(sp),
                    None => continue,
                }
            }
            content.sort();
            let source = sources.get(ci).copied().flatten().and_then(|(a, b, _)| {
                let (a, b) = source_words(toks, a, b);
                tok_span(toks, a, b)
            });
            let confidence = sigmoid(cue_margin(em, c) / 4.0).clamp(0.05, 0.99);
            let source_name = source.map(|s| text_of(chars, s));
            out.push(Attribution { source, source_name, cue, content, confidence });
        }
    }
    out
}

/// Reporting words never take in quoted words (no cue of `PolNeAR` train does): a cue run that
/// reaches an opening quotation mark ends before it, and the quotation and the rest of the run
/// begin the content (`They are also "deeply concerned" about …`: the cue "are also", the
/// content from the quotation on, joined to the content the tagger found after it).
pub(super) fn quotations_out_of_cues(toks: &[Token], model_tags: &[usize]) -> Vec<usize> {
    let mut out = model_tags.to_vec();
    let mut k = 0;
    while k < out.len() {
        let in_cue = |j: usize, tags: &[usize]| tags.get(j).is_some_and(|&t| role_of(t) == TAG_CUE);
        let quote = toks.get(k).is_some_and(|t| t.kind == Kind::OpenQuote);
        // Only inside a cue run that began before the quotation: a run the quotation opens is
        // the tagger's own odd choice, left as it is.
        if !(quote && k > 0 && in_cue(k, &out) && in_cue(k - 1, &out) && !out.get(k).is_some_and(|&t| begins(t))) {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < out.len() && in_cue(e, &out) && (e == k || !out.get(e).is_some_and(|&t| begins(t))) {
            if let Some(t) = out.get_mut(e) {
                *t = model_tag(TAG_CONTENT, e == k);
            }
            e += 1;
        }
        // Content the tagger began right after the run goes on from the quotation.
        if let Some(t) = out.get_mut(e).filter(|t| **t == model_tag(TAG_CONTENT, true)) {
            *t = model_tag(TAG_CONTENT, false);
        }
        k = e;
    }
    out
}

/// A source run's tokens without the words that open a clause before the name ("When Patrick":
/// the name is what is left). A relative clause after the name stays: `PolNeAR`'s sources take
/// it in ("Sowers, who is also …"; cutting it cost 0.6 points of Source F1 on dev).
pub(super) fn source_words(toks: &[Token], mut a: usize, b: usize) -> (usize, usize) {
    let w = words();
    while a + 1 < b && toks.get(a).is_some_and(|t| w.clause_openers.contains(&t.lower)) {
        a += 1;
    }
    (a, b)
}

/// Runs of one role in the paragraph `(pa, pb)`, split where a span begins; pure punctuation
/// runs are ignored.
fn runs_in(toks: &[Token], tags: &[usize], model_tags: &[usize], (pa, pb): (usize, usize)) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut k = pa;
    while k < pb {
        let t = tags.get(k).copied().unwrap_or(TAG_O);
        let mut e = k + 1;
        while e < pb && tags.get(e) == Some(&t) && !model_tags.get(e).is_some_and(|&m| begins(m)) {
            e += 1;
        }
        if t != TAG_O && (k..e).any(|j| toks.get(j).is_some_and(Token::is_word)) {
            runs.push(Run { tag: t, a: k, b: e });
        }
        k = e;
    }
    runs
}

/// Content fragments and the best source of each cue (token ranges; a source with its cost).
type CueParts = (Vec<Vec<(usize, usize)>>, Vec<Option<(usize, usize, usize)>>);

/// Gives each content and source run to its nearest cue, preferring one in the same sentence.
fn assign_to_cues(toks: &[Token], runs: &[Run], cues: &[Run]) -> CueParts {
    let mut contents: Vec<Vec<(usize, usize)>> = vec![Vec::new(); cues.len()];
    let mut sources: Vec<Option<(usize, usize, usize)>> = vec![None; cues.len()];
    let sent_of = |j: usize| toks.get(j).map_or(u32::MAX, |t| t.sent);
    for r in runs.iter().filter(|r| r.tag != TAG_CUE) {
        let mut best: Option<(usize, usize)> = None;
        for (ci, c) in cues.iter().enumerate() {
            let g = gap((r.a, r.b), (c.a, c.b));
            let same = sent_of(c.a) == sent_of(r.a) || sent_of(c.a) == sent_of(r.b - 1);
            let cost = g * 2 + usize::from(!same) * 20 + usize::from(c.b <= r.a && r.tag == TAG_SOURCE);
            if best.is_none_or(|(_, bc)| cost < bc) {
                best = Some((ci, cost));
            }
        }
        let Some((ci, cost)) = best else { continue };
        if r.tag == TAG_CONTENT && cost <= 60 {
            if let Some(v) = contents.get_mut(ci) {
                v.push((r.a, r.b));
            }
        } else if r.tag == TAG_SOURCE
            && cost <= 24
            && let Some(s) = sources.get_mut(ci)
            && s.is_none_or(|(_, _, c)| cost < c)
        {
            *s = Some((r.a, r.b, cost));
        }
    }
    (contents, sources)
}

/// The words of `sp` other than "that".
fn content_words(toks: &[Token], sp: &Span) -> usize {
    let that = words().that;
    let from = toks.partition_point(|t| t.start < sp.start);
    toks.get(from..).unwrap_or(&[]).iter().take_while(|t| t.end <= sp.end).filter(|t| t.is_word() && t.lower != that).count()
}

/// How far the tagger preferred the cue role over any other on the cue's tokens, on average.
fn cue_margin(em: &[[f32; TAGS]], c: &Run) -> f32 {
    (c.a..c.b)
        .filter_map(|j| em.get(j))
        .map(|e| {
            let (cue_score, other) = e.iter().enumerate().fold((f32::NEG_INFINITY, f32::NEG_INFINITY), |(c, o), (t, &v)| {
                if role_of(t) == TAG_CUE { (c.max(v), o) } else { (c, o.max(v)) }
            });
            cue_score - other
        })
        .sum::<f32>()
        / (c.b - c.a).max(1) as f32
}

/// Content for a cue the tagger gave none: the rest of the sentence after the cue, or the part of
/// the sentence before it when the cue ends the sentence.
#[allow(clippy::many_single_char_names)]
pub(super) fn fallback_content(f: &Featurized, tags: &[usize], (ca, cb): (usize, usize)) -> Option<Span> {
    let toks = &f.tokens;
    let sent = toks.get(ca)?.sent;
    // Sentences and paragraphs are contiguous token ranges in order: binary search, not a scan
    // per cue (that made long articles quadratic).
    let (sa, sb) = f.sents.get(f.sents.partition_point(|&(_, b)| b <= ca)).copied().filter(|&(a, b)| a <= ca && ca < b)?;
    let w = words();
    let skip = |t: &Token| t.kind == Kind::Punct || t.lower == w.that;
    // Right of the cue.
    let mut a = cb;
    while a < sb && toks.get(a).is_some_and(|t| skip(t) || tags.get(a) == Some(&TAG_SOURCE)) {
        a += 1;
    }
    let mut b = sb;
    while b > a && toks.get(b - 1).is_some_and(|t| t.kind == Kind::Punct || t.kind == Kind::CloseQuote) {
        b -= 1;
    }
    if b > a + 1 && (a..b).filter(|&j| toks.get(j).is_some_and(Token::is_word)).count() >= 2 {
        return tok_span(toks, a, b);
    }
    // "He said:" ending the paragraph: the next paragraph is the content.
    if a >= sb && toks.get(sb.wrapping_sub(1)).is_some_and(|t| t.lower == w.colon) {
        let p = toks.get(ca)?.para;
        let next = f.paras.partition_point(|&(x, _)| toks.get(x).is_some_and(|t| t.para <= p));
        let (na, nb) = f.paras.get(next).copied().filter(|&(x, _)| toks.get(x).is_some_and(|t| t.para == p + 1))?;
        let mut e = nb;
        while e > na && toks.get(e - 1).is_some_and(|t| !t.is_word()) {
            e -= 1;
        }
        let mut s0 = na;
        while s0 < e && toks.get(s0).is_some_and(|t| !t.is_word()) {
            s0 += 1;
        }
        return tok_span(toks, s0, e);
    }
    // Left of the cue.
    let mut e = ca;
    while e > sa
        && (tags.get(e - 1) == Some(&TAG_SOURCE)
            || toks.get(e - 1).is_some_and(|t| t.kind != Kind::Word && t.kind != Kind::Number))
    {
        e -= 1;
    }
    let _ = sent;
    (e >= sa + 2).then(|| tok_span(toks, sa, e)).flatten()
}

pub(super) fn is_dash(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.first, '\u{2015}' | '\u{2014}' | '\u{2013}' | '-')
}

/// Quotations signed with a dash, as in epigraphs and reader voices: `"...quote..." \u{2015} Jane Doe`
/// (on one line or with the dash opening the next paragraph). The dash is the cue, the name the
/// source and the quotation the content.
pub(super) fn dash_bylines(chars: &[char], f: &Featurized, attrs: &mut Vec<Attribution>) {
    let toks = &f.tokens;
    let mut added = false;
    for (k, t) in toks.iter().enumerate() {
        if !is_dash(t) || k == 0 {
            continue;
        }
        let Some(close) = toks.get(k - 1) else { continue };
        // The quotation must end right before the dash, or end the paragraph before a paragraph the dash opens.
        let same_para = close.para == t.para;
        if close.kind != Kind::CloseQuote {
            continue;
        }
        if !same_para && close.para + 1 != t.para {
            continue;
        }
        let mut s = k + 1;
        while toks.get(s).is_some_and(|x| is_dash(x) && x.para == t.para) {
            s += 1;
        }
        let Some((na, nb)) = name_after(toks, s) else { continue };
        if toks.get(na).is_none_or(|x| x.para != t.para || !x.is_cap()) {
            continue;
        }
        // The name is the whole signature: what follows is the end of the paragraph or punctuation.
        if toks.get(nb).is_some_and(|x| x.para == t.para && x.kind == Kind::Word) {
            continue;
        }
        let Some(cue) = tok_span(toks, k, s) else { continue };
        if attrs.iter().any(|a| a.cue.start <= cue.end && cue.start <= a.cue.end) {
            continue;
        }
        // The quotation: back to its opening mark within the paragraph of the closing one.
        let mut o = k - 1;
        while o > 0 && toks.get(o - 1).is_some_and(|x| x.para == close.para) {
            o -= 1;
            if toks.get(o).is_some_and(|x| x.kind == Kind::OpenQuote) {
                break;
            }
        }
        let Some(content) = tok_span(toks, o, k) else { continue };
        let source = tok_span(toks, na, nb);
        let source_name = source.map(|x| text_of(chars, x));
        attrs.push(Attribution { source, source_name, cue, content: vec![content], confidence: 0.8 });
        added = true;
    }
    if added {
        attrs.sort_by_key(|a| a.cue);
    }
}
