//! Names before and after a position, and pronoun sources resolved to the nearest fitting name.

use super::{Attribution, Kind, Span, Token, hash_lower, is_pronoun, text_of, words};

pub(super) const GENERIC: &[&str] =
    &["the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "of", "and", "but", "for", "from", "with"];

/// A capitalised name ending at token `end` (exclusive), going back over capitalised words and
/// inner "of"/"the"/"and".
pub(super) fn name_before(chars: &[char], toks: &[Token], end: usize) -> Option<(usize, usize)> {
    let mut a = end;
    while a > 0 {
        let t = toks.get(a - 1)?;
        let inner =
            a < end && (t.lower == words().of || t.lower == words().the) && a >= 2 && toks.get(a - 2).is_some_and(Token::is_cap);
        if (t.is_cap() && t.kind == Kind::Word) || inner {
            a -= 1;
        } else {
            break;
        }
        if end - a >= 6 {
            break;
        }
    }
    // Do not start on a determiner / sentence-initial function word.
    while a < end
        && toks
            .get(a)
            .is_some_and(|t| GENERIC.contains(&text_of(chars, Span { start: t.start, end: t.end }).to_lowercase().as_str()))
    {
        a += 1;
    }
    (a < end).then_some((a, end))
}

/// A noun phrase starting at token `start`: an optional determiner, then capitalised words (with
/// inner of/the), or up to four words before punctuation.
pub(super) fn name_after(toks: &[Token], start: usize) -> Option<(usize, usize)> {
    let w = words();
    let mut b = start;
    if toks.get(b).is_some_and(|t| t.lower == w.the) {
        b += 1;
    }
    let first = b;
    while let Some(t) = toks.get(b) {
        let inner = b > first && (t.lower == w.of || t.lower == w.the) && toks.get(b + 1).is_some_and(Token::is_cap);
        if t.is_cap() && t.is_word() || inner || (t.lower == w.s && b > first) {
            b += 1;
        } else {
            break;
        }
        if b - start > 8 {
            break;
        }
    }
    if b == first && first > start {
        // "the central bank": a lower-case noun phrase of up to four words after a determiner.
        while b - first < 4
            && toks.get(b).is_some_and(|t| t.kind == Kind::Word && !t.is_cap() && !stop_words().contains(&t.lower))
        {
            b += 1;
        }
    }
    if b == first {
        return None;
    }
    // Drop a trailing possessive.
    if toks.get(b - 1).is_some_and(|t| t.lower == w.s) {
        b -= 1;
    }
    (b > start).then_some((start, b))
}

/// Words that end a lower-case noun phrase.
pub(super) fn stop_words() -> &'static [u64] {
    static S: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        [
            "that", "who", "which", "and", "or", "but", "said", "says", "to", "in", "on", "at", "for", "with", "by", "as",
            "from", "of", "is", "was", "were", "are",
        ]
        .iter()
        .map(|w| hash_lower(w.chars()))
        .collect()
    })
}

pub(super) fn plural_like(name: &str) -> bool {
    let l = name.to_lowercase();
    l.ends_with('s') || l.contains("officials") || l.contains("ministers") || l.contains("people")
}

/// The names sources were given so far: the last one, and the last singular and plural one
/// (what a pronoun looks back for), kept as they come so a look-up costs nothing.
#[derive(Default)]
pub(super) struct History {
    last: Option<String>,
    last_singular: Option<String>,
    last_plural: Option<String>,
}

impl History {
    fn push(&mut self, name: &str) {
        if plural_like(name) {
            self.last_plural = Some(name.to_owned());
        } else {
            self.last_singular = Some(name.to_owned());
        }
        self.last = Some(name.to_owned());
    }
    fn last(&self) -> Option<&String> {
        self.last.as_ref()
    }
    fn last_of(&self, plural: bool) -> Option<&String> {
        if plural { self.last_plural.as_ref() } else { self.last_singular.as_ref() }
    }
}

/// Capitalised names of two words or more ending at each token position, found once in one
/// forward scan however many pronouns ask (asking each time from the pronoun back to the start
/// of the text made the suggester quadratic on long articles).
#[derive(Default)]
pub(super) struct MultiWordNames {
    /// Positions `1..=scanned` have been looked at.
    scanned: usize,
    /// `(end, a, b)`: `name_before(end)` is the name `a..b` of two words or more; `end` ascending.
    found: Vec<(usize, usize, usize)>,
}

impl MultiWordNames {
    /// The name of two words or more ending nearest before (or at) token `end`.
    fn nearest(&mut self, chars: &[char], toks: &[Token], end: usize) -> Option<(usize, usize)> {
        while self.scanned < end {
            self.scanned += 1;
            if let Some((a, b)) = name_before(chars, toks, self.scanned)
                && b - a >= 2
            {
                self.found.push((self.scanned, a, b));
            }
        }
        let n = self.found.partition_point(|&(e, _, _)| e <= end);
        self.found.get(n.checked_sub(1)?).map(|&(_, a, b)| (a, b))
    }
}

/// Resolve pronoun sources to the nearest earlier fitting name.
pub(super) fn resolve(chars: &[char], toks: &[Token], attrs: &mut [Attribution]) {
    let w = words();
    let mut history = History::default();
    let mut names = MultiWordNames::default();
    for k in 0..attrs.len() {
        let Some(src) = attrs.get(k).and_then(|a| a.source) else { continue };
        let ti = toks.partition_point(|t| t.start < src.start);
        let Some(t) = toks.get(ti) else { continue };
        let single = toks.get(ti + 1).is_none_or(|n| n.start >= src.end);
        let resolved = if single && is_pronoun(w, t) {
            let lowered = text_of(chars, src).to_lowercase();
            if lowered == "who" || lowered == "which" {
                // The noun phrase right before (", who said").
                let mut e = ti;
                while e > 0 && toks.get(e - 1).is_some_and(|x| x.kind == Kind::Punct) {
                    e -= 1;
                }
                name_before(chars, toks, e).map(|(a, b)| {
                    text_of(chars, Span { start: toks.get(a).map_or(0, |x| x.start), end: toks.get(b - 1).map_or(0, |x| x.end) })
                })
            } else {
                let want_plural = matches!(lowered.as_str(), "they" | "their" | "we");
                let from_history = if lowered == "it" { history.last() } else { history.last_of(want_plural) };
                from_history.cloned().or_else(|| {
                    // Nearest capitalised multi-word name before the pronoun.
                    let (a, b) = names.nearest(chars, toks, ti)?;
                    Some(text_of(chars, Span { start: toks.get(a)?.start, end: toks.get(b - 1)?.end }))
                })
            }
        } else {
            let name = text_of(chars, src);
            history.push(&name);
            Some(name)
        };
        if let Some(a) = attrs.get_mut(k) {
            a.source_name = resolved;
        }
    }
}

pub(super) fn span_text(chars: &[char], toks: &[Token], (a, b): (usize, usize)) -> Option<String> {
    Some(text_of(chars, Span { start: toks.get(a)?.start, end: toks.get(b.checked_sub(1)?)?.end }))
}

/// A name without a reporting verb the tagger left on its end ("Censor.NET reports" citing ...).
pub(super) fn strip_reporting_verb(name: &str) -> &str {
    const VERBS: &[&str] = &["reports", "reported", "says", "said", "writes", "wrote", "reporting", "writing"];
    match name.rsplit_once(' ') {
        Some((head, last)) if !head.is_empty() && VERBS.iter().any(|v| last.eq_ignore_ascii_case(v)) => head,
        _ => name,
    }
}
