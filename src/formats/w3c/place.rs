//! Placing a target in a document's text: by its `TextPositionSelector` when the text there
//! equals its `TextQuoteSelector`, else by the quote (its `prefix` and `suffix` choose among
//! repeats; failing that, whitespace-insensitively). Never on a guess.

use super::import::{many, str_of};
use crate::anchor::{CharRange, TextIndex};
use crate::model::{Document, DocumentId};
use serde_json::Value;
use std::cell::OnceCell;
use std::collections::HashMap;

/// `s` with CRLF and lone CR line ends as LF.
pub(super) fn lf(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

pub(super) struct Selectors {
    pub position: Option<(usize, usize)>,
    pub exact: Option<String>,
    pub prefix: String,
    pub suffix: String,
}

pub(super) fn selectors(target: &Value) -> Selectors {
    let mut s = Selectors { position: None, exact: None, prefix: String::new(), suffix: String::new() };
    for sel in many(target.get("selector")) {
        match str_of(sel, "type") {
            Some("TextPositionSelector") => {
                let num = |k: &str| sel.get(k).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
                if let (Some(a), Some(b)) = (num("start"), num("end")) {
                    s.position = Some((a, b));
                }
            }
            Some("TextQuoteSelector") => {
                // CRLF in a quote reads as the LF of the document's text.
                s.exact = str_of(sel, "exact").map(lf);
                s.prefix = lf(str_of(sel, "prefix").unwrap_or_default());
                s.suffix = lf(str_of(sel, "suffix").unwrap_or_default());
            }
            _ => {}
        }
    }
    s
}

/// Length of the common suffix of `a` and `b`, in chars.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

/// Length of the common prefix of `a` and `b`, in chars.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// How far (in chars) a repeated quote may lie from a position hint that picks it.
const MAX_HINT_DISTANCE: usize = 64;

/// Chooses the best candidate by context score; ties are broken only by a position hint
/// that is strictly nearest to one candidate and close to it, otherwise the quote is ambiguous.
fn choose(candidates: &[(CharRange, usize)], hint: Option<(usize, usize)>) -> Result<CharRange, String> {
    let best = candidates.iter().map(|(_, s)| *s).max().ok_or("the quote is not in the text")?;
    let top: Vec<CharRange> = candidates.iter().filter(|(_, s)| *s == best).map(|(r, _)| *r).collect();
    if let [only] = top.as_slice() {
        return Ok(*only);
    }
    if let Some((start, _)) = hint {
        let mut by_distance: Vec<(usize, CharRange)> = top.iter().map(|r| (r.start.abs_diff(start), *r)).collect();
        by_distance.sort();
        if let [(d0, r), (d1, _), ..] = by_distance.as_slice()
            && d0 < d1
            && *d0 <= MAX_HINT_DISTANCE
        {
            return Ok(*r);
        }
    }
    Err(format!("the quote occurs {} times with the same context", top.len()))
}

/// A document's text, indexed once per import (not once per annotation).
pub(super) struct DocText<'p> {
    pub index: TextIndex<'p>,
    /// The text with whitespace runs collapsed, built on the first quote that needs it.
    collapsed: OnceCell<Vec<(usize, char)>>,
}

/// The documents' texts seen so far in an import.
#[derive(Default)]
pub(super) struct Texts<'p> {
    by_doc: HashMap<DocumentId, DocText<'p>>,
}

impl<'p> Texts<'p> {
    pub(super) fn of(&mut self, doc: &'p Document) -> &DocText<'p> {
        self.by_doc
            .entry(doc.id.clone())
            .or_insert_with(|| DocText { index: TextIndex::new(&doc.text), collapsed: OnceCell::new() })
    }
}

/// More occurrences of a quote than this are not told apart by context: the annotation is an
/// orphan (and a huge repetitive input cannot make the import crawl).
pub const MAX_QUOTE_CANDIDATES: usize = 1000;

/// Places one target in a document's text.
pub(super) fn place(doc: &DocText<'_>, s: &Selectors) -> Result<CharRange, String> {
    let index = &doc.index;
    let len = index.char_len();
    if let Some((a, b)) = s.position
        && a < b
        && b <= len
    {
        let range = CharRange::new(a, b);
        match &s.exact {
            None => return Ok(range),
            Some(exact) if index.slice(range) == exact => return Ok(range),
            Some(_) => {}
        }
    }
    let Some(exact) = s.exact.as_deref().filter(|e| !e.is_empty()) else {
        return Err("no usable TextQuoteSelector or TextPositionSelector".into());
    };
    let text = index.text();
    let exact_len = exact.chars().count();
    let mut candidates = Vec::new();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find(exact)) {
        let byte = from + found;
        let start = index.char_of(byte);
        let range = CharRange::new(start, start + exact_len);
        let before = index.slice(CharRange::new(start.saturating_sub(s.prefix.chars().count()), start));
        let after = index.slice(CharRange::new(range.end, range.end + s.suffix.chars().count()));
        candidates.push((range, common_suffix(before, &s.prefix) + common_prefix(after, &s.suffix)));
        if candidates.len() > MAX_QUOTE_CANDIDATES {
            return Err(format!("the quote occurs more than {MAX_QUOTE_CANDIDATES} times"));
        }
        from = byte + text.get(byte..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
    }
    if !candidates.is_empty() {
        return choose(&candidates, s.position);
    }
    place_ignoring_whitespace(doc, exact)
}

/// Finds `exact` with runs of whitespace treated as one space; accepted only when unique.
fn place_ignoring_whitespace(doc: &DocText<'_>, exact: &str) -> Result<CharRange, String> {
    let needle: Vec<char> = collapse(exact.trim().chars().enumerate()).into_iter().map(|(_, c)| c).collect();
    if needle.is_empty() {
        return Err("the quote is empty".into());
    }
    let hay = doc.collapsed.get_or_init(|| collapse(doc.index.text().chars().enumerate()));
    let hay_chars: Vec<char> = hay.iter().map(|(_, c)| *c).collect();
    let found: Vec<CharRange> = find_all(&hay_chars, &needle, 2)
        .into_iter()
        .filter_map(|i| Some(CharRange::new(hay.get(i)?.0, hay.get(i + needle.len() - 1)?.0 + 1)))
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err("the quote is not in the text".into()),
        _ => Err("the quote occurs more than once (ignoring whitespace)".into()),
    }
}

/// Where `needle` (not empty) occurs in `hay`, up to `limit` times, in linear time
/// (Knuth–Morris–Pratt: a repetitive text cannot make it slow).
pub(super) fn find_all(hay: &[char], needle: &[char], limit: usize) -> Vec<usize> {
    // fail[i]: length of the longest proper border of needle[..=i].
    let mut fail = vec![0usize; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle.get(i) != needle.get(k) {
            k = fail.get(k - 1).copied().unwrap_or(0);
        }
        if needle.get(i) == needle.get(k) {
            k += 1;
        }
        if let Some(f) = fail.get_mut(i) {
            *f = k;
        }
    }
    let mut out = Vec::new();
    let mut k = 0;
    for (i, c) in hay.iter().enumerate() {
        while k > 0 && needle.get(k) != Some(c) {
            k = fail.get(k - 1).copied().unwrap_or(0);
        }
        if needle.get(k) == Some(c) {
            k += 1;
        }
        if k == needle.len() {
            out.push(i + 1 - k);
            if out.len() >= limit {
                break;
            }
            k = fail.get(k - 1).copied().unwrap_or(0);
        }
    }
    out
}

/// Chars with their original offsets, whitespace runs collapsed to one space.
fn collapse(chars: impl Iterator<Item = (usize, char)>) -> Vec<(usize, char)> {
    let mut out: Vec<(usize, char)> = Vec::new();
    for (i, c) in chars {
        if c.is_whitespace() {
            if out.last().is_some_and(|(_, l)| *l != ' ') {
                out.push((i, ' '));
            }
        } else {
            out.push((i, c));
        }
    }
    out
}
