//! What an old range is looked for by ([`Target`]), how a candidate place is scored and which
//! one is taken ([`Best`]): clearly best, or none.

use super::Placement;
use crate::anchor::{CONTEXT_CHARS, CharRange};

/// What an old range is looked for by: its text and its context within its line.
pub(super) struct Target {
    pub(super) quote: Vec<char>,
    /// The context before, from its last line break (kept) on: a moved paragraph keeps the text
    /// around its annotations but not its neighbours. The text's start counts as a line break.
    pub(super) prefix: Vec<char>,
    /// The context after, up to its first line break (kept); the text's end counts as one.
    pub(super) suffix: Vec<char>,
    /// The quote began a word (its first char is a letter or digit, the one before was not).
    pub(super) word_start: bool,
    /// The quote ended a word.
    pub(super) word_end: bool,
    /// The old lines it came from (first, last), if it had a place in the old text.
    pub(super) lines: Option<(usize, usize)>,
}

impl Target {
    pub(super) fn new(quote: Vec<char>, before: &[char], at_text_start: bool, after: &[char], at_text_end: bool) -> Self {
        let mut prefix: Vec<char> = if at_text_start { vec!['\n'] } else { Vec::new() };
        prefix.extend_from_slice(before);
        if let Some(i) = prefix.iter().rposition(|c| *c == '\n') {
            prefix.drain(..i);
        }
        let mut suffix = after.to_vec();
        if at_text_end {
            suffix.push('\n');
        }
        if let Some(i) = suffix.iter().position(|c| *c == '\n') {
            suffix.truncate(i + 1);
        }
        let alnum = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
        let word_start = alnum(quote.first()) && !alnum(prefix.last());
        let word_end = alnum(quote.last()) && !alnum(suffix.first());
        Self { quote, prefix, suffix, word_start, word_end, lines: None }
    }

    /// Its first and last `n` chars as targets of their own: the head with the quote's prefix
    /// and the quote's next chars after it, the tail with the quote's chars before it and the
    /// quote's suffix.
    pub(super) fn ends(&self, n: usize) -> (Self, Self) {
        let q = &self.quote;
        let len = q.len();
        let cut = |a: usize, b: usize| q.get(a.min(len)..b.min(len)).unwrap_or_default().to_vec();
        let head = Self {
            quote: cut(0, n),
            prefix: self.prefix.clone(),
            suffix: cut(n, n + CONTEXT_CHARS),
            word_start: self.word_start,
            word_end: false,
            lines: self.lines,
        };
        let tail = Self {
            quote: cut(len.saturating_sub(n), len),
            prefix: cut(len.saturating_sub(n + CONTEXT_CHARS), len.saturating_sub(n)),
            suffix: self.suffix.clone(),
            word_start: false,
            word_end: self.word_end,
            lines: self.lines,
        };
        (head, tail)
    }

    /// The quote's first word (all of it, if it has one word).
    pub(super) fn first_word(&self) -> &[char] {
        let end = self.quote.iter().position(|c| c.is_whitespace()).unwrap_or(self.quote.len());
        self.quote.get(..end).unwrap_or_default()
    }

    /// The quote's last word.
    pub(super) fn last_word(&self) -> &[char] {
        let start = self.quote.iter().rposition(|c| c.is_whitespace()).map_or(0, |i| i + 1);
        self.quote.get(start..).unwrap_or_default()
    }

    /// Most edits an approximate match may need: half the quote, none for a short one (too
    /// short to tell an edit from another word).
    pub(super) fn max_quote_edits(&self) -> usize {
        if self.quote.len() < MIN_FUZZY_CHARS { 0 } else { self.quote.len() / 2 }
    }
}

/// Chars of context that must agree on a side for it to vouch for a match.
pub(super) const MIN_GOOD_SIDE: usize = 8;
/// Quotes longer than this are not searched approximately (too slow): see `place_long`.
pub(super) const MAX_SEARCHED_QUOTE: usize = 4096;
/// How many chars of each end of a long quote are searched for.
pub(super) const PIECE: usize = 64;
/// Quotes shorter than this are only found exactly.
pub(super) const MIN_FUZZY_CHARS: usize = 8;
/// What a match pays for each end not keeping the quote's first (last) word: an insertion
/// next to a quote is outside it, not its new first word.
pub(super) const WORD_PENALTY: usize = 16;
/// How many fewer edits the best match must need than any other to be taken.
pub const MARGIN: usize = 2;

/// A possible new place of a range, with the edits it needs.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scored {
    pub(super) range: CharRange,
    /// Edits between the quote and the text there.
    pub(super) quote: usize,
    /// [`WORD_PENALTY`] for each end whose word differs from the quote's first (last) word.
    pub(super) words: usize,
    /// Edits between the stored context and the text before and after it.
    pub(super) prefix: usize,
    pub(super) suffix: usize,
}

impl Scored {
    pub(super) fn total(&self) -> usize {
        self.quote.saturating_add(self.words).saturating_add(self.prefix).saturating_add(self.suffix)
    }

    pub(super) fn placement(&self) -> Placement {
        if self.quote == 0 { Placement::ByQuote } else { Placement::Fuzzy }
    }
}

/// The best and second-best candidates seen (at different ranges).
#[derive(Default)]
pub(super) struct Best {
    pub(super) first: Option<Scored>,
    pub(super) second: Option<Scored>,
}

impl Best {
    pub(super) fn offer(&mut self, c: Scored) {
        match self.first {
            None => self.first = Some(c),
            Some(f) if f.range == c.range => {
                if c.total() < f.total() {
                    self.first = Some(c);
                }
            }
            Some(f) if c.total() < f.total() => {
                self.second = Some(f);
                self.first = Some(c);
            }
            Some(_) => {
                if self.second.is_none_or(|s| c.total() < s.total()) {
                    self.second = Some(c);
                }
            }
        }
    }

    /// Whether a candidate needing at least `bound` edits can no longer change the choice.
    pub(super) fn settled(&self, bound: usize) -> bool {
        self.first.is_some_and(|f| bound >= f.total().saturating_add(MARGIN))
    }

    /// The best candidate, if it is close enough to the target and no other comes within
    /// [`MARGIN`] edits of it. Close enough: the exact quote at `mapped` (where the diff says its
    /// chars went); else at most half the quote edited (a short quote not at all), one side of
    /// the context at most a quarter edited (an eighth for a short quote) with 8 chars in place
    /// (near where it should be, all of a shorter side will do), the other at most half; far
    /// from where it should be (`near` false), both sides at most an eighth edited. When in
    /// doubt, nothing.
    pub(super) fn choose(&self, t: &Target, near: bool, mapped: Option<CharRange>) -> Option<Scored> {
        let f = self.first?;
        let within = |edits: usize, len: usize, parts: usize| edits.saturating_mul(parts) <= len;
        let (pre, suf) = ((f.prefix, t.prefix.len()), (f.suffix, t.suffix.len()));
        // A good side has at least 8 chars in place, at most a quarter edited; nearly intact (an
        // eighth) for a short quote, or far from where it should be.
        let parts = if t.quote.len() < MIN_FUZZY_CHARS || !near { 8 } else { 4 };
        let need = |l: usize| if near { MIN_GOOD_SIDE.min(l) } else { MIN_GOOD_SIDE };
        let good = |(e, l): (usize, usize)| within(e, l, parts) && l - e.min(l) >= need(l);
        let fair = |(e, l): (usize, usize)| within(e, l, 2);
        // Far from where it should be, both sides must vouch: news repeats its phrases ("…
        // percent of Democrats said").
        let context_ok = if near { (good(pre) && fair(suf)) || (good(suf) && fair(pre)) } else { good(pre) && good(suf) };
        // The quote's own chars, where the diff says they went, need no context to vouch for them.
        let close = if mapped == Some(f.range) { f.quote == 0 } else { f.quote <= t.max_quote_edits() && context_ok };
        let clear = self.second.is_none_or(|s| s.total() >= f.total().saturating_add(MARGIN));
        (close && clear).then_some(f)
    }
}
