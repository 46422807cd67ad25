//! Character ranges and quote selectors.
//!
//! Every offset in claimlens counts Unicode code points (chars), end exclusive, as brat and the
//! W3C Web Annotation model do. Conversion to UTF-8 byte offsets happens only here, through
//! [`TextIndex`], at the moment of slicing.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// How many chars of context a quote keeps on each side, as Hypothesis does.
pub const CONTEXT_CHARS: usize = 32;

/// What joins the fragments of a discontinuous annotation in its quote.
pub const FRAGMENT_SEPARATOR: &str = " … ";

/// A half-open range of char offsets, `start..end`. Stored in files as a pair `(start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "(usize, usize)", into = "(usize, usize)")]
pub struct CharRange {
    /// First char of the range.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

impl CharRange {
    /// A range from `start` to `end` (end exclusive).
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    /// Number of chars covered.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// Whether the range covers nothing.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// Whether the two ranges share at least one char.
    pub const fn overlaps(&self, other: &Self) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// Whether `pos` lies inside the range.
    pub const fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
}

impl From<(usize, usize)> for CharRange {
    fn from((start, end): (usize, usize)) -> Self {
        Self { start, end }
    }
}

impl From<CharRange> for (usize, usize) {
    fn from(r: CharRange) -> Self {
        (r.start, r.end)
    }
}

impl fmt::Display for CharRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// What is wrong with a set of ranges.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    /// The annotation has no range at all.
    #[error("an annotation needs at least one range")]
    NoRanges,
    /// A range is empty or reversed.
    #[error("range {0} is empty")]
    Empty(CharRange),
    /// A range ends past the end of the text.
    #[error("range {range} ends past the end of the text ({len} chars)")]
    PastEnd {
        /// The offending range.
        range: CharRange,
        /// Length of the text in chars.
        len: usize,
    },
    /// Two fragments of one annotation overlap or are out of order.
    #[error("fragments {0} and {1} of one annotation overlap or are out of order")]
    Overlapping(CharRange, CharRange),
}

/// Checks that `ranges` are non-empty, in order, non-overlapping and inside a text of `len` chars.
pub fn validate_ranges(ranges: &[CharRange], len: usize) -> Result<(), RangeError> {
    if ranges.is_empty() {
        return Err(RangeError::NoRanges);
    }
    for r in ranges {
        if r.is_empty() {
            return Err(RangeError::Empty(*r));
        }
        if r.end > len {
            return Err(RangeError::PastEnd { range: *r, len });
        }
    }
    for pair in ranges.windows(2) {
        if let [a, b] = pair
            && b.start < a.end
        {
            return Err(RangeError::Overlapping(*a, *b));
        }
    }
    Ok(())
}

/// Sorts ranges and merges those that touch or overlap, for building an annotation from
/// user selections in any order.
pub fn normalize_ranges(mut ranges: Vec<CharRange>) -> Vec<CharRange> {
    ranges.retain(|r| !r.is_empty());
    ranges.sort();
    let mut out: Vec<CharRange> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Sorts ranges and merges those that overlap, keeping fragments that only touch apart
/// (brat keeps `0 5;5 9` as two fragments).
pub fn normalize_ranges_keep_adjacent(mut ranges: Vec<CharRange>) -> Vec<CharRange> {
    ranges.retain(|r| !r.is_empty());
    ranges.sort();
    let mut out: Vec<CharRange> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Converts char offsets to byte offsets in one text, in O(1) for ASCII text and
/// O(64) otherwise, so that 10,000 annotations on a 1 MB article stay fast.
#[derive(Debug, Clone)]
pub struct TextIndex<'a> {
    text: &'a str,
    chars: usize,
    /// Byte offset of every 64th char; empty when the text is ASCII.
    checkpoints: Arc<[usize]>,
}

const STRIDE: usize = 64;

/// A text's [`TextIndex`], made on first use and kept beside the text (a document's): valid for
/// the string it was made of (its buffer and length; a text is never edited in place, and
/// replacing one starts a new cache).
#[derive(Default)]
pub struct TextIndexCache(std::sync::OnceLock<CachedIndex>);

struct CachedIndex {
    at: usize,
    len: usize,
    chars: usize,
    checkpoints: Arc<[usize]>,
}

impl<'a> TextIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return Self { text, chars: text.len(), checkpoints: Arc::from([]) };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut chars = 0;
        for (byte, _) in text.char_indices() {
            if chars % STRIDE == 0 {
                checkpoints.push(byte);
            }
            chars += 1;
        }
        Self { text, chars, checkpoints: checkpoints.into() }
    }

    /// Indexes `text` once and keeps the index in `cache` (a document's): later calls with the
    /// same string (same buffer and length) reuse it, so an edit on a 10 MB article does not scan
    /// the text again. Another string (the text replaced) is indexed afresh, without the cache.
    pub fn cached(text: &'a str, cache: &TextIndexCache) -> Self {
        let key = (text.as_ptr().addr(), text.len());
        if let Some(c) = cache.0.get() {
            if (c.at, c.len) == key {
                return Self { text, chars: c.chars, checkpoints: Arc::clone(&c.checkpoints) };
            }
            return Self::new(text);
        }
        let index = Self::new(text);
        let _ =
            cache.0.set(CachedIndex { at: key.0, len: key.1, chars: index.chars, checkpoints: Arc::clone(&index.checkpoints) });
        index
    }

    /// The indexed text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Length of the text in chars.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// Byte offset of char `pos`; `pos` past the end clamps to the text's length.
    pub fn byte_of(&self, pos: usize) -> usize {
        if pos >= self.chars {
            return self.text.len();
        }
        if self.checkpoints.is_empty() {
            return pos;
        }
        let start = self.checkpoints.get(pos / STRIDE).copied().unwrap_or(0);
        let rest = self.text.get(start..).unwrap_or("");
        rest.char_indices().nth(pos % STRIDE).map_or(self.text.len(), |(b, _)| start + b)
    }

    /// Char offset of byte `byte` (which must be on a char boundary; otherwise the char it is in).
    pub fn char_of(&self, byte: usize) -> usize {
        if self.checkpoints.is_empty() {
            return byte.min(self.text.len());
        }
        let slot = self.checkpoints.partition_point(|&b| b <= byte).saturating_sub(1);
        let start = self.checkpoints.get(slot).copied().unwrap_or(0);
        let upto = self.text.get(start..).unwrap_or("");
        let count = upto.char_indices().take_while(|(b, _)| start + b < byte).count();
        slot * STRIDE + count
    }

    /// The text of a char range, clamped to the text.
    pub fn slice(&self, range: CharRange) -> &'a str {
        let a = self.byte_of(range.start);
        let b = self.byte_of(range.end.max(range.start));
        self.text.get(a..b).unwrap_or("")
    }
}

/// Length of a text in chars.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The text of a char range (clamped). For many slices of one text use [`TextIndex`].
pub fn slice_chars(text: &str, range: CharRange) -> &str {
    TextIndex::new(text).slice(range)
}

/// A quote selector: the exact text and its context, to find an annotation again when the
/// text changes (W3C `TextQuoteSelector`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quote {
    /// The annotated text; fragments joined by [`FRAGMENT_SEPARATOR`].
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] chars before the first fragment.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] chars after the last fragment.
    #[serde(default)]
    pub suffix: String,
}

impl Quote {
    /// The quote of `ranges` in an indexed text.
    pub fn of(index: &TextIndex<'_>, ranges: &[CharRange]) -> Self {
        let exact = exact_of(index, ranges);
        let (first, last) = match (ranges.first(), ranges.last()) {
            (Some(f), Some(l)) => (f.start, l.end),
            _ => (0, 0),
        };
        let prefix = index.slice(CharRange::new(first.saturating_sub(CONTEXT_CHARS), first)).to_owned();
        let suffix = index.slice(CharRange::new(last, last + CONTEXT_CHARS)).to_owned();
        Self { exact, prefix, suffix }
    }
}

/// The text covered by `ranges`, fragments joined by [`FRAGMENT_SEPARATOR`].
pub fn exact_of(index: &TextIndex<'_>, ranges: &[CharRange]) -> String {
    let mut out = String::new();
    for (i, r) in ranges.iter().enumerate() {
        if i > 0 {
            out.push_str(FRAGMENT_SEPARATOR);
        }
        out.push_str(index.slice(*r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A cached index answers as a fresh one; another string (a replaced text of the same
    /// length) is not answered from the cache.
    #[test]
    fn a_cached_index_is_the_index_of_its_own_string_only() {
        let cache = TextIndexCache::default();
        let text = "Zelenskyy said – «troops» 👍 came. ".repeat(40);
        let first = TextIndex::cached(&text, &cache);
        let again = TextIndex::cached(&text, &cache);
        assert!(Arc::ptr_eq(&first.checkpoints, &again.checkpoints), "made once");
        let fresh = TextIndex::new(&text);
        for pos in (0..fresh.char_len()).step_by(7) {
            assert_eq!(again.byte_of(pos), fresh.byte_of(pos));
        }
        // Same length in bytes, other chars: "ab" where "é" was.
        let other = text.replacen('–', "ab_", 1);
        assert_eq!(other.len(), text.len());
        let index = TextIndex::cached(&other, &cache);
        assert_eq!(index.char_len(), other.chars().count());
        assert_ne!(index.char_len(), first.char_len());
    }

    #[test]
    fn validates_ranges() {
        let r = CharRange::new;
        assert_eq!(validate_ranges(&[r(0, 3)], 3), Ok(()));
        assert_eq!(validate_ranges(&[], 3), Err(RangeError::NoRanges));
        assert_eq!(validate_ranges(&[r(2, 2)], 3), Err(RangeError::Empty(r(2, 2))));
        assert_eq!(validate_ranges(&[r(0, 4)], 3), Err(RangeError::PastEnd { range: r(0, 4), len: 3 }));
        assert_eq!(validate_ranges(&[r(0, 2), r(1, 3)], 3), Err(RangeError::Overlapping(r(0, 2), r(1, 3))));
        assert_eq!(validate_ranges(&[r(0, 1), r(2, 3)], 3), Ok(()));
    }

    #[test]
    fn normalizes_ranges() {
        let r = CharRange::new;
        assert_eq!(normalize_ranges(vec![r(5, 7), r(0, 2), r(1, 3), r(4, 4)]), vec![r(0, 3), r(5, 7)]);
    }

    #[test]
    fn slices_by_code_points() {
        let text = "Zelenskyy — «intelligence» says 10 000";
        let idx = TextIndex::new(text);
        assert_eq!(idx.slice(CharRange::new(9, 12)), " — ");
        assert_eq!(idx.char_len(), text.chars().count());
    }

    #[test]
    fn quote_has_context() {
        let text = "aaaa said bbbb";
        let idx = TextIndex::new(text);
        let q = Quote::of(&idx, &[CharRange::new(5, 9)]);
        assert_eq!(q.exact, "said");
        assert_eq!(q.prefix, "aaaa ");
        assert_eq!(q.suffix, " bbbb");
        let q = Quote::of(&idx, &[CharRange::new(0, 4), CharRange::new(10, 14)]);
        assert_eq!(q.exact, "aaaa … bbbb");
    }

    proptest! {
        #[test]
        fn index_agrees_with_naive_slicing(text in "[a-zé—«» \n🙂]{0,300}", a in 0usize..320, len in 0usize..80) {
            let idx = TextIndex::new(&text);
            let chars: Vec<char> = text.chars().collect();
            let start = a.min(chars.len());
            let end = (start + len).min(chars.len());
            let naive: String = chars.get(start..end).unwrap_or(&[]).iter().collect();
            prop_assert_eq!(idx.slice(CharRange::new(start, end)), naive.as_str());
            let byte = idx.byte_of(start);
            prop_assert_eq!(idx.char_of(byte), start);
        }
    }
}
