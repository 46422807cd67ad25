//! Re-anchoring: moving every annotation of a document onto a new version of its text.
//!
//! Articles get updated after publication. [`reanchor`] takes the old text with its
//! annotations and the new text, and finds each annotation again, in this order:
//!
//! 1. **Exact**: the quote is still at the position the text around it moved to. Unchanged
//!    lines (paragraphs) are matched by content, so moved paragraphs carry their annotations
//!    along; changed lines are paired with their new version by shared word trigrams and
//!    aligned char by char (Myers' O(ND) diff), which maps every unchanged char.
//! 2. **By quote**: the exact quote nearest to where it should now be, following the shift of
//!    its neighbours; its prefix and suffix must agree, and it must be the single best.
//! 3. **Fuzzy**: an approximate match (bit-parallel Myers, at most quote-length / 2 edits) near
//!    where it should be, scored by quote, prefix, suffix and position as Hypothesis does, and
//!    accepted only when clearly better than any other.
//! 4. Otherwise it becomes an **orphan**: ranges emptied, quote kept, listed by
//!    [`crate::model::Document::orphans`] for re-attaching by hand. Never a wrong match: when in
//!    doubt, an orphan.
//!
//! [`update_text`] wraps this into one undoable [`Edit::ReplaceText`].

use crate::anchor::{CONTEXT_CHARS, CharRange, FRAGMENT_SEPARATOR, Quote, TextIndex};
use crate::edit::Edit;
use crate::model::{Annotation, AnnotationId, DocumentId, Project};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// How one annotation was placed on the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// Its exact quote, where the text around it moved to.
    Exact,
    /// Its exact quote, found near where it should be (or, unique, elsewhere) by its context.
    ByQuote,
    /// An approximate match of an edited quote.
    Fuzzy,
    /// Not found: kept with its quote and no ranges.
    Orphan,
}

/// What re-anchoring did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Placed at their moved position with their exact quote.
    pub exact: usize,
    /// Placed by searching for their exact quote.
    pub by_quote: usize,
    /// Placed by an approximate match.
    pub fuzzy: usize,
    /// Annotations that became (or stayed) orphans.
    pub orphans: Vec<AnnotationId>,
    /// How each annotation was placed, in document order.
    pub placements: Vec<(AnnotationId, Placement)>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} annotations: {} moved exactly, {} found by quote, {} fuzzy, {} orphaned",
            self.placements.len(),
            self.exact,
            self.by_quote,
            self.fuzzy,
            self.orphans.len()
        )
    }
}

/// Why [`update_text`] could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReanchorError {
    /// No document with that id.
    #[error("no document {0}")]
    NoDocument(DocumentId),
    /// The new text is the same as the old one.
    #[error("the new text is the same as the document's text")]
    Unchanged,
}

/// Replaces document `doc`'s text with `new_text`, moving every annotation with it: returns
/// the undoable edit (not applied) and what happened to each annotation.
pub fn update_text(project: &Project, doc: &DocumentId, new_text: &str) -> Result<(Edit, Report), ReanchorError> {
    let document = project.document(doc).ok_or_else(|| ReanchorError::NoDocument(doc.clone()))?;
    if document.text == new_text {
        return Err(ReanchorError::Unchanged);
    }
    let (annotations, report) = reanchor(&document.text, &document.annotations, new_text);
    Ok((Edit::ReplaceText { doc: doc.clone(), text: new_text.to_owned(), annotations }, report))
}

/// Moves `annotations` of `old_text` onto `new_text`. Returns them in the same order (same ids,
/// new ranges and quotes; orphans with no ranges and their old quote) and the report.
pub fn reanchor(old_text: &str, annotations: &[Annotation], new_text: &str) -> (Vec<Annotation>, Report) {
    let ctx = Context::new(old_text, new_text);
    let new_index = TextIndex::new(new_text);
    let mut report = Report::default();
    let mut out = Vec::with_capacity(annotations.len());
    for a in annotations {
        let (ranges, placement) = match ctx.place(a) {
            Some((ranges, placement)) => (ranges, placement),
            None => (Vec::new(), Placement::Orphan),
        };
        let mut moved = a.clone();
        match placement {
            Placement::Exact => report.exact += 1,
            Placement::ByQuote => report.by_quote += 1,
            Placement::Fuzzy => report.fuzzy += 1,
            Placement::Orphan => report.orphans.push(a.id.clone()),
        }
        if placement == Placement::Orphan {
            moved.ranges = Vec::new();
        } else {
            moved.quote = Quote::of(&new_index, &ranges);
            moved.ranges = ranges;
        }
        report.placements.push((a.id.clone(), placement));
        out.push(moved);
    }
    (out, report)
}

// ----- lines and their mapping -----

/// Where an old line went.
#[derive(Clone, Debug)]
enum LineMap {
    /// Unchanged, now starting at this char.
    Same(usize),
    /// Changed: paired with new line `usize`, with the equal runs of a char diff (old local
    /// start, new local start, length), if the diff was affordable.
    Changed(usize, Option<Vec<(usize, usize, usize)>>),
    /// Gone (deleted or rewritten beyond recognition).
    Gone,
}

/// Lines of a text (split at `\n`), as char ranges.
fn lines(chars: &[char]) -> Vec<CharRange> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' {
            out.push(CharRange::new(start, i));
            start = i + 1;
        }
    }
    out.push(CharRange::new(start, chars.len()));
    out
}

fn slice(chars: &[char], r: CharRange) -> &[char] {
    chars.get(r.start.min(r.end)..r.end.min(chars.len())).unwrap_or_default()
}

fn hash_of<T: Hash + ?Sized>(t: &T) -> u64 {
    let mut h = DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

/// Hashes of the word trigrams of a line.
fn trigrams(line: &[char]) -> Vec<u64> {
    let words: Vec<&[char]> = line.split(|c| c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let mut out: Vec<u64> = words.windows(3).map(hash_of).collect();
    if out.is_empty() && !words.is_empty() {
        out.push(hash_of(&words));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// How far (in chars) the ends of a match may be moved to fit the quote better.
const REACH: usize = 8;
/// Longest line pair the char diff aligns (longer changed lines are searched instead).
const MAX_DIFF_CHARS: usize = 200_000;
/// Most edits the char diff looks for between two versions of a line.
const MAX_DIFF_EDITS: usize = 400;

struct Context<'a> {
    old: Vec<char>,
    new: Vec<char>,
    new_str: &'a str,
    new_index: TextIndex<'a>,
    old_lines: Vec<CharRange>,
    new_lines: Vec<CharRange>,
    maps: Vec<LineMap>,
    /// Where each word (run of non-space chars) of the new text starts, by the word's hash;
    /// built on the first search of the whole text.
    word_starts: std::cell::OnceCell<HashMap<u64, Vec<usize>>>,
}

impl<'a> Context<'a> {
    fn new(old_text: &str, new_text: &'a str) -> Self {
        let old: Vec<char> = old_text.chars().collect();
        let new: Vec<char> = new_text.chars().collect();
        let old_lines = lines(&old);
        let new_lines = lines(&new);
        let maps = map_lines(&old, &new, &old_lines, &new_lines);
        Self {
            old,
            new,
            new_str: new_text,
            new_index: TextIndex::new(new_text),
            old_lines,
            new_lines,
            maps,
            word_starts: std::cell::OnceCell::new(),
        }
    }

    fn line_of(&self, pos: usize) -> usize {
        self.old_lines.partition_point(|l| l.end < pos).min(self.old_lines.len().saturating_sub(1))
    }

    /// Where old char `pos` is now: `Ok` when the char itself is unchanged, `Err` with an
    /// estimate otherwise (`None` when there is nothing to go by).
    fn map_char(&self, pos: usize) -> Result<usize, Option<usize>> {
        let li = self.line_of(pos);
        let Some(line) = self.old_lines.get(li) else { return Err(None) };
        let local = pos.saturating_sub(line.start);
        match self.maps.get(li) {
            Some(LineMap::Same(start)) => Ok(start + local),
            Some(LineMap::Changed(nl, runs)) => {
                let new_start = self.new_lines.get(*nl).map_or(0, |l| l.start);
                let Some(runs) = runs else { return Err(Some(new_start + local)) };
                let i = runs.partition_point(|r| r.0 + r.2 <= local);
                match runs.get(i) {
                    Some(&(a, b, n)) if a <= local && local < a + n => Ok(new_start + b + (local - a)),
                    Some(&(_, b, _)) => Err(Some(new_start + b)),
                    None => Err(Some(new_start + runs.last().map_or(local, |r| r.1 + r.2))),
                }
            }
            Some(LineMap::Gone) | None => {
                // Follow the nearest earlier line that is still there.
                for j in (0..li).rev() {
                    let end = match self.maps.get(j) {
                        Some(LineMap::Same(s)) => self.old_lines.get(j).map(|l| s + l.len()),
                        Some(LineMap::Changed(nl, _)) => self.new_lines.get(*nl).map(|l| l.end),
                        _ => None,
                    };
                    if let (Some(end), Some(old_line)) = (end, self.old_lines.get(j)) {
                        return Err(Some(end + pos.saturating_sub(old_line.end)));
                    }
                }
                Err(Some(pos))
            }
        }
    }

    fn new_slice(&self, r: CharRange) -> &[char] {
        slice(&self.new, r)
    }

    fn place(&self, a: &Annotation) -> Option<(Vec<CharRange>, Placement)> {
        match a.ranges.as_slice() {
            [] => self.place_orphan(a),
            [one] => self.place_one(a, *one),
            many => self.place_fragments(a, many),
        }
    }

    /// A former orphan: only a unique exact quote with agreeing context re-attaches it.
    fn place_orphan(&self, a: &Annotation) -> Option<(Vec<CharRange>, Placement)> {
        let quote: Vec<char> = a.quote.exact.chars().collect();
        if quote.is_empty() || a.quote.exact.contains(FRAGMENT_SEPARATOR) {
            return None;
        }
        let r = self.search_exact(&quote, &a.quote, None)?;
        Some((vec![r], Placement::ByQuote))
    }

    fn place_one(&self, a: &Annotation, old: CharRange) -> Option<(Vec<CharRange>, Placement)> {
        let quote: Vec<char> = a.quote.exact.chars().collect();
        if quote.is_empty() || quote.len() != old.len() {
            return None;
        }
        // 1. Exact, where the text around it went.
        let start = self.map_char(old.start);
        let last = self.map_char(old.end.saturating_sub(1));
        if let (Ok(s), Ok(l)) = (start, last)
            && l >= s
        {
            let (r, d) = self.tune(CharRange::new(s, l + 1), &quote, &a.quote, CONTEXT_CHARS);
            if d == 0 {
                return Some((vec![r], Placement::Exact));
            }
            // Both ends unchanged, the middle edited: the edited span, if still close to the quote.
            if r.len() <= quote.len() * 2 && d <= quote.len() / 2 && self.context_score(&a.quote, r) >= 0.5 {
                return Some((vec![r], Placement::Fuzzy));
            }
        }
        let expected = match (start, last) {
            (Ok(s) | Err(Some(s)), _) => Some(s),
            (Err(None), Ok(l) | Err(Some(l))) => Some((l + 1).saturating_sub(quote.len())),
            _ => None,
        };
        // 2. The exact quote nearest to where it should be, with its context.
        if let Some(r) = self.search_exact(&quote, &a.quote, expected) {
            return Some((vec![r], Placement::ByQuote));
        }
        // 3. An approximate match near there.
        let expected = expected?;
        self.search_fuzzy(&quote, &a.quote, expected).map(|r| (vec![r], Placement::Fuzzy))
    }

    /// Discontinuous annotations: every fragment must be found exactly where its text went.
    fn place_fragments(&self, a: &Annotation, old: &[CharRange]) -> Option<(Vec<CharRange>, Placement)> {
        let mut out = Vec::with_capacity(old.len());
        for r in old {
            let (Ok(s), Ok(l)) = (self.map_char(r.start), self.map_char(r.end.saturating_sub(1))) else { return None };
            if l < s {
                return None;
            }
            let nr = CharRange::new(s, l + 1);
            if self.new_slice(nr) != slice(&self.old, *r) {
                return None;
            }
            if out.last().is_some_and(|p: &CharRange| p.end > nr.start) {
                return None;
            }
            out.push(nr);
        }
        // The joined quote must still read the same.
        let joined: Vec<String> = out.iter().map(|r| self.new_slice(*r).iter().collect()).collect();
        (joined.join(FRAGMENT_SEPARATOR) == a.quote.exact).then_some((out, Placement::Exact))
    }

    /// Checks the ends of a match: each end should keep the quote's first (last) word and
    /// have the stored context beside it. An end that does not is moved, by up to `reach`
    /// chars, to the best place that keeps the word: where the context agrees, else where the
    /// quote fits best. (A diff may pair a quote's first or last char with an equal char
    /// nearby; an edit next to the quote changes its context but not its ends.) Returns the
    /// range and its edit distance to the quote.
    fn tune(&self, r: CharRange, quote: &[char], stored: &Quote, reach: usize) -> (CharRange, usize) {
        let ws = |c: &char| c.is_whitespace();
        let first_len = quote.iter().position(ws).unwrap_or(quote.len()).max(1);
        let last_len = quote.iter().rev().position(ws).unwrap_or(quote.len()).max(1);
        let first = quote.get(..first_len).unwrap_or_default();
        let last = quote.get(quote.len().saturating_sub(last_len)..).unwrap_or_default();
        let prefix: Vec<char> = stored.prefix.chars().collect();
        let suffix: Vec<char> = stored.suffix.chars().collect();
        let pre_ok = |s: usize| {
            prefix.iter().rev().zip(self.before(s).iter().rev()).take_while(|(a, b)| a == b).count() >= prefix.len().min(REACH)
        };
        let suf_ok = |e: usize| suffix.iter().zip(self.after(e)).take_while(|(a, b)| a == b).count() >= suffix.len().min(REACH);
        // A quote that began (ended) at a word boundary must still do so.
        let word_before = prefix.last().is_none_or(|c| c.is_whitespace());
        let word_after = suffix.first().is_none_or(|c| c.is_whitespace());
        let boundary = |i: Option<usize>| i.is_none_or(|i| self.new.get(i).is_none_or(|c| c.is_whitespace()));
        let start_ok =
            |x: usize| self.new_slice(CharRange::new(x, x + first_len)) == first && (!word_before || boundary(x.checked_sub(1)));
        let end_ok = |y: usize| {
            y >= last_len && self.new_slice(CharRange::new(y - last_len, y)) == last && (!word_after || boundary(Some(y)))
        };
        let dist = |c: CharRange| if c.is_empty() { usize::MAX } else { edit_distance(quote, self.new_slice(c)) };
        let max = quote.len() / 2;
        let mut start = r.start;
        let keeps_first = start_ok(start);
        if !(keeps_first && pre_ok(start))
            && let Some((_, d, _, x)) = (r.start.saturating_sub(reach)..=r.start + reach)
                // An end that keeps the word moves only to where the context agrees.
                .filter(|&x| x < r.end && start_ok(x) && (!keeps_first || pre_ok(x)))
                .map(|x| (!pre_ok(x), dist(CharRange::new(x, r.end)), x.abs_diff(r.start), x))
                .min()
            && d <= max
        {
            start = x;
        }
        let mut end = r.end;
        let keeps_last = end_ok(end);
        if !(keeps_last && suf_ok(end))
            && let Some((_, d, _, y)) = (r.end.saturating_sub(reach)..=(r.end + reach).min(self.new.len()))
                .filter(|&y| y > start && end_ok(y) && (!keeps_last || suf_ok(y)))
                .map(|y| (!suf_ok(y), dist(CharRange::new(start, y)), y.abs_diff(r.end), y))
                .min()
            && d <= max
        {
            end = y;
        }
        let tuned = CharRange::new(start, end);
        (tuned, dist(tuned))
    }

    /// How well the stored prefix and suffix agree with the text around `r` (0 to 1 each side,
    /// averaged).
    fn context_score(&self, quote: &Quote, r: CharRange) -> f32 {
        f32::midpoint(
            side_similarity(&quote.prefix, self.before(r.start), true),
            side_similarity(&quote.suffix, self.after(r.end), false),
        )
    }

    fn before(&self, pos: usize) -> &[char] {
        self.new_slice(CharRange::new(pos.saturating_sub(crate::anchor::CONTEXT_CHARS), pos))
    }

    fn after(&self, pos: usize) -> &[char] {
        self.new_slice(CharRange::new(pos, pos + crate::anchor::CONTEXT_CHARS))
    }

    /// Chars of agreement: of the prefix (from its end) and of the suffix (from its start).
    fn context_agreement(&self, quote: &Quote, r: CharRange) -> (usize, usize, usize, usize) {
        let prefix: Vec<char> = quote.prefix.chars().collect();
        let suffix: Vec<char> = quote.suffix.chars().collect();
        let before = self.before(r.start);
        let after = self.after(r.end);
        let pre = prefix.iter().rev().zip(before.iter().rev()).take_while(|(a, b)| a == b).count();
        let suf = suffix.iter().zip(after).take_while(|(a, b)| a == b).count();
        (pre, prefix.len(), suf, suffix.len())
    }

    /// Exact occurrences of the quote: near `expected` first, else in the whole text. The best
    /// by context wins if its context agrees well and no other is as good.
    fn search_exact(&self, quote: &[char], stored: &Quote, expected: Option<usize>) -> Option<CharRange> {
        let exact: String = quote.iter().collect();
        let window = expected.map(|e| {
            let slack = 512 + 2 * quote.len();
            CharRange::new(e.saturating_sub(slack), (e + quote.len() + slack).min(self.new.len()))
        });
        if let Some(w) = window {
            let cands = self.occurrences(&exact, quote.len(), w, 64);
            if let Some(r) = self.choose_exact(&cands, stored, expected, 8) {
                return Some(r);
            }
        }
        let cands = self.occurrences_everywhere(quote, &exact, stored, 256);
        self.choose_exact(&cands, stored, None, 16)
    }

    /// Occurrences in the whole text: through the word index when the quote begins with a
    /// whole word (as almost every annotation does), else by scanning.
    fn occurrences_everywhere(&self, quote: &[char], exact: &str, stored: &Quote, limit: usize) -> Vec<CharRange> {
        let starts_word = stored.prefix.chars().last().is_none_or(char::is_whitespace);
        let first_len = quote.iter().position(|c| c.is_whitespace());
        let first_whole = first_len.is_some() || stored.suffix.chars().next().is_none_or(char::is_whitespace);
        let first_len = first_len.unwrap_or(quote.len());
        if !starts_word || !first_whole || first_len == 0 {
            return self.occurrences(exact, quote.len(), CharRange::new(0, self.new.len()), limit);
        }
        let index = self.word_starts.get_or_init(|| {
            let mut map: HashMap<u64, Vec<usize>> = HashMap::new();
            let mut start = None;
            for (i, c) in self.new.iter().chain(std::iter::once(&' ')).enumerate() {
                match (c.is_whitespace(), start) {
                    (false, None) => start = Some(i),
                    (true, Some(s)) => {
                        map.entry(hash_of(slice(&self.new, CharRange::new(s, i)))).or_default().push(s);
                        start = None;
                    }
                    _ => {}
                }
            }
            map
        });
        let key = hash_of(quote.get(..first_len).unwrap_or_default());
        let mut out = Vec::new();
        for &s in index.get(&key).into_iter().flatten() {
            let r = CharRange::new(s, s + quote.len());
            if self.new_slice(r) == quote {
                out.push(r);
                if out.len() > limit {
                    break;
                }
            }
        }
        out
    }

    fn occurrences(&self, exact: &str, len: usize, within: CharRange, limit: usize) -> Vec<CharRange> {
        let idx = &self.new_index;
        let a = idx.byte_of(within.start);
        let b = idx.byte_of(within.end);
        let Some(hay) = self.new_str.get(a..b) else { return Vec::new() };
        let mut out = Vec::new();
        // Overlapping occurrences too ("aaa" in "aaaa").
        let mut from = 0;
        while let Some(i) = hay.get(from..).and_then(|h| h.find(exact)) {
            let byte = a + from + i;
            let start = idx.char_of(byte);
            out.push(CharRange::new(start, start + len));
            if out.len() > limit {
                break;
            }
            from += i + hay.get(from + i..).and_then(|h| h.chars().next()).map_or(1, char::len_utf8);
        }
        out
    }

    fn choose_exact(&self, cands: &[CharRange], stored: &Quote, expected: Option<usize>, need: usize) -> Option<CharRange> {
        if cands.is_empty() || cands.len() > 256 {
            return None;
        }
        let ranked: Vec<(usize, CharRange, bool)> = cands
            .iter()
            .map(|r| {
                let (pre, pre_len, suf, suf_len) = self.context_agreement(stored, *r);
                // A side agrees enough when it matches `need` chars, or all of a shorter stored side
                // (at the start or end of the text).
                let pre_ok = pre >= need.min(pre_len) && (pre_len > 0 || r.start == 0);
                let suf_ok = suf >= need.min(suf_len) && (suf_len > 0 || r.end == self.new.len());
                (pre + suf, *r, pre_ok || suf_ok)
            })
            .collect();
        let best = ranked.iter().filter(|s| s.2).max_by_key(|s| s.0)?;
        let rivals = ranked.iter().filter(|s| s.1 != best.1 && s.0 >= best.0).count();
        if rivals == 0 {
            return Some(best.1);
        }
        // Equal context: only the one right where it should be.
        let e = expected?;
        let dist = |r: &CharRange| r.start.abs_diff(e);
        let near = ranked.iter().filter(|s| s.0 == best.0 && dist(&s.1) <= 2).count();
        let others_far = ranked.iter().filter(|s| s.0 == best.0 && dist(&s.1) > 2).all(|s| dist(&s.1) > 64);
        (near == 1 && others_far).then(|| ranked.iter().find(|s| s.0 == best.0 && dist(&s.1) <= 2).map(|s| s.1)).flatten()
    }

    /// An approximate match of an edited quote near `expected`.
    fn search_fuzzy(&self, quote: &[char], stored: &Quote, expected: usize) -> Option<CharRange> {
        if quote.len() < 8 {
            // Too short to tell an edit from another word.
            return None;
        }
        let max_edits = quote.len() / 2;
        let slack = 2 * quote.len() + 64;
        let window = CharRange::new(expected.saturating_sub(slack), (expected + quote.len() + slack).min(self.new.len()));
        let text = self.new_slice(window);
        let dists = myers_search(quote, text);
        // Candidate ends: the best few, apart from each other.
        let mut order: Vec<usize> = (0..dists.len()).filter(|&j| dists.get(j).is_some_and(|&d| d <= max_edits)).collect();
        order.sort_by_key(|&j| (dists.get(j).copied().unwrap_or(usize::MAX), j));
        let mut ends: Vec<usize> = Vec::new();
        for j in order {
            if ends.iter().all(|&e| e.abs_diff(j) > quote.len() / 2) {
                ends.push(j);
            }
            if ends.len() == 4 {
                break;
            }
        }
        let mut candidates: Vec<(f32, CharRange)> = Vec::new();
        for j in ends {
            let end = j + 1;
            let d = dists.get(j).copied().unwrap_or(usize::MAX);
            let from = end.saturating_sub(quote.len() + max_edits);
            let seg = text.get(from..end).unwrap_or_default();
            let Some(start_local) = match_start(quote, seg, d) else { continue };
            let (r, d) = self.tune(CharRange::new(window.start + from + start_local, window.start + end), quote, stored, REACH);
            if r.is_empty() {
                continue;
            }
            let quote_sim = 1.0 - d as f32 / quote.len() as f32;
            let pre = side_similarity(&stored.prefix, self.before(r.start), true);
            let suf = side_similarity(&stored.suffix, self.after(r.end), false);
            let shift = r.start.abs_diff(expected) as f32;
            let pos = 1.0 - (shift / slack as f32).min(1.0);
            // Hypothesis' weights: quote 50, prefix 20, suffix 20, position 2 (here 10: the
            // expected position follows the neighbours, so it is a good guide).
            let score = 50.0 * quote_sim + 20.0 * pre + 20.0 * suf + 10.0 * pos;
            if quote_sim >= 0.5 && f32::midpoint(pre, suf) >= 0.5 {
                candidates.push((score, r));
            } else {
                candidates.push((score.min(60.0), r));
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
        let (best, second) = (candidates.first()?, candidates.get(1));
        let clear = second.is_none_or(|s| best.0 - s.0 >= 10.0);
        (best.0 >= 75.0 && clear).then_some(best.1)
    }
}

/// Similarity (0 to 1) of a stored context side with the text there now: edit distance over
/// the stored length. `before`: the side precedes the quote (compare their ends).
fn side_similarity(stored: &str, now: &[char], before: bool) -> f32 {
    let stored: Vec<char> = stored.chars().collect();
    if stored.is_empty() {
        return if now.is_empty() { 1.0 } else { 0.5 };
    }
    let now = if before {
        now.get(now.len().saturating_sub(stored.len())..).unwrap_or(now)
    } else {
        now.get(..stored.len()).unwrap_or(now)
    };
    let d = edit_distance(&stored, now);
    1.0 - (d as f32 / stored.len() as f32).min(1.0)
}

/// Pairs every old line with where it is now.
fn map_lines(old: &[char], new: &[char], old_lines: &[CharRange], new_lines: &[CharRange]) -> Vec<LineMap> {
    let old_h: Vec<u64> = old_lines.iter().map(|l| hash_of(slice(old, *l))).collect();
    let new_h: Vec<u64> = new_lines.iter().map(|l| hash_of(slice(new, *l))).collect();
    let mut new_count: HashMap<u64, (usize, usize)> = HashMap::new();
    for (j, h) in new_h.iter().enumerate() {
        new_count.entry(*h).or_insert((0, j)).0 += 1;
    }
    let mut old_count: HashMap<u64, usize> = HashMap::new();
    for h in &old_h {
        *old_count.entry(*h).or_default() += 1;
    }
    // Unique lines present once in each version are the same line, wherever it went.
    let mut pair: Vec<Option<usize>> = old_h
        .iter()
        .map(|h| match (old_count.get(h), new_count.get(h)) {
            (Some(1), Some((1, j))) => Some(*j),
            _ => None,
        })
        .collect();
    // Repeated lines (blank lines...) next to paired ones pair along: forwards, then backwards.
    let same = |i: usize, j: usize| old_h.get(i).is_some() && old_h.get(i) == new_h.get(j);
    for i in 1..pair.len() {
        if let (None, Some(Some(pj))) = (pair.get(i).copied().flatten(), pair.get(i - 1).copied())
            && same(i, pj + 1)
            && let Some(slot) = pair.get_mut(i)
        {
            *slot = Some(pj + 1);
        }
    }
    for i in (0..pair.len().saturating_sub(1)).rev() {
        if let (None, Some(Some(nj))) = (pair.get(i).copied().flatten(), pair.get(i + 1).copied())
            && nj > 0
            && same(i, nj - 1)
            && let Some(slot) = pair.get_mut(i)
        {
            *slot = Some(nj - 1);
        }
    }
    let mut new_taken = vec![false; new_lines.len()];
    for j in pair.iter().flatten() {
        if let Some(t) = new_taken.get_mut(*j) {
            *t = true;
        }
    }
    // Changed lines: the free new line sharing the most word trigrams.
    let mut by_gram: HashMap<u64, Vec<usize>> = HashMap::new();
    for (j, l) in new_lines.iter().enumerate() {
        if !new_taken.get(j).copied().unwrap_or(true) {
            for g in trigrams(slice(new, *l)) {
                by_gram.entry(g).or_default().push(j);
            }
        }
    }
    let mut maps = Vec::with_capacity(old_lines.len());
    for (i, l) in old_lines.iter().enumerate() {
        if let Some(Some(j)) = pair.get(i) {
            maps.push(LineMap::Same(new_lines.get(*j).map_or(0, |n| n.start)));
            continue;
        }
        let grams = trigrams(slice(old, *l));
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for g in &grams {
            for j in by_gram.get(g).into_iter().flatten() {
                *votes.entry(*j).or_default() += 1;
            }
        }
        let mut ranked: Vec<(usize, usize)> = votes.into_iter().map(|(j, n)| (n, j)).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        let best = match ranked.as_slice() {
            [(n, j), rest @ ..] if *n * 2 >= grams.len().max(1) && rest.first().is_none_or(|(m, _)| m < n) => Some(*j),
            _ => None,
        };
        maps.push(match best {
            Some(j) => {
                let (a, b) = (slice(old, *l), new_lines.get(j).map_or(&[][..], |nl| slice(new, *nl)));
                let runs = if a.len() + b.len() <= MAX_DIFF_CHARS { diff_runs(a, b, MAX_DIFF_EDITS) } else { None };
                LineMap::Changed(j, runs)
            }
            None => LineMap::Gone,
        });
    }
    maps
}

// ----- algorithms -----

/// The equal runs `(a_start, b_start, len)` of a shortest edit script from `a` to `b` (Myers'
/// O(ND) diff), or `None` if it needs more than `max_d` insertions and deletions.
#[allow(clippy::cast_possible_wrap, reason = "lengths are far below isize::MAX")]
#[allow(clippy::many_single_char_names, reason = "the names of Myers' paper")]
pub fn diff_runs(a: &[char], b: &[char], max_d: usize) -> Option<Vec<(usize, usize, usize)>> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a1, b1) = (a.get(pre..).unwrap_or_default(), b.get(pre..).unwrap_or_default());
    let suf = a1.iter().rev().zip(b1.iter().rev()).take_while(|(x, y)| x == y).count();
    let am = a1.get(..a1.len() - suf).unwrap_or_default();
    let bm = b1.get(..b1.len() - suf).unwrap_or_default();
    let mut runs = Vec::new();
    if pre > 0 {
        runs.push((0, 0, pre));
    }
    let (n, m) = (am.len() as isize, bm.len() as isize);
    if n > 0 && m > 0 {
        let limit = ((n + m) as usize).min(max_d) as isize;
        let off = limit + 1;
        let mut v = vec![0isize; (2 * limit + 3) as usize];
        let mut trace: Vec<Vec<isize>> = Vec::new();
        let at = |v: &[isize], k: isize| v.get((k + off) as usize).copied().unwrap_or(0);
        let mut found = None;
        'outer: for d in 0..=limit {
            trace.push(v.clone());
            let mut k = -d;
            while k <= d {
                let mut x = if k == -d || (k != d && at(&v, k - 1) < at(&v, k + 1)) { at(&v, k + 1) } else { at(&v, k - 1) + 1 };
                let mut y = x - k;
                while x < n && y < m && am.get(x as usize) == bm.get(y as usize) {
                    x += 1;
                    y += 1;
                }
                if let Some(slot) = v.get_mut((k + off) as usize) {
                    *slot = x;
                }
                if x >= n && y >= m {
                    found = Some(d);
                    break 'outer;
                }
                k += 2;
            }
        }
        let d_found = found?;
        let (mut x, mut y) = (n, m);
        let mut middle = Vec::new();
        for d in (0..=d_found).rev() {
            let v = trace.get(d as usize)?;
            let k = x - y;
            let prev_k = if k == -d || (k != d && at(v, k - 1) < at(v, k + 1)) { k + 1 } else { k - 1 };
            let prev_x = if d == 0 { 0 } else { at(v, prev_k) };
            let prev_y = if d == 0 { 0 } else { prev_x - prev_k };
            let (sx, sy) = if d == 0 {
                (0, 0)
            } else if prev_k == k + 1 {
                (prev_x, prev_y + 1)
            } else {
                (prev_x + 1, prev_y)
            };
            let len = x - sx;
            if len > 0 {
                middle.push((pre + sx as usize, pre + sy as usize, len as usize));
            }
            x = prev_x;
            y = prev_y;
        }
        middle.reverse();
        runs.extend(middle);
    } else if n + m > max_d as isize {
        return None;
    }
    if suf > 0 {
        runs.push((a.len() - suf, b.len() - suf, suf));
    }
    Some(runs)
}

/// Levenshtein distance, by dynamic programming (the reference the bit-parallel one is tested against).
#[cfg(test)]
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(c0) = cur.first_mut() {
            *c0 = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

/// Levenshtein distance, bit-parallel.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    myers(a, b, true).last().copied().unwrap_or(a.len().max(b.len()))
}

const WORD: usize = 64;

/// One 64-row block of Myers' bit-vector algorithm (Hyyrö's formulation, as in edlib):
/// advances the block by one text char given the horizontal delta entering at its top.
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, hin: i8) -> i8 {
    let hin_neg = u64::from(hin < 0);
    let xv = eq | *mv;
    let eq = eq | hin_neg;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let high = 1u64 << (WORD - 1);
    let hout = i8::from(ph & high != 0) - i8::from(mh & high != 0);
    ph <<= 1;
    mh <<= 1;
    mh |= hin_neg;
    ph |= u64::from(hin > 0);
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// Bit-parallel approximate search (Myers 1999, multi-word): for every end position `j` in
/// `text`, the least edit distance between `pattern` and a substring of `text` ending at `j`
/// (inclusive).
pub fn myers_search(pattern: &[char], text: &[char]) -> Vec<usize> {
    myers(pattern, text, false)
}

/// [`myers_search`], or with `anchored` the distance to `text[..=j]` (the match must start
/// at the beginning of `text`).
fn myers(pattern: &[char], text: &[char], anchored: bool) -> Vec<usize> {
    let m = pattern.len();
    if m == 0 {
        return vec![0; text.len()];
    }
    let blocks = m.div_ceil(WORD);
    let mut peq: HashMap<char, Vec<u64>> = HashMap::new();
    for (i, c) in pattern.iter().enumerate() {
        let e = peq.entry(*c).or_insert_with(|| vec![0; blocks]);
        if let Some(w) = e.get_mut(i / WORD) {
            *w |= 1 << (i % WORD);
        }
    }
    let mut pv = vec![!0u64; blocks];
    let mut mv = vec![0u64; blocks];
    let mut score: Vec<usize> = (1..=blocks).map(|b| b * WORD).collect();
    let last_bit = (m - 1) % WORD;
    let above = if last_bit == WORD - 1 { 0 } else { !0u64 << (last_bit + 1) };
    let zeros = vec![0u64; blocks];
    let mut out = Vec::with_capacity(text.len());
    for c in text {
        let eqs = peq.get(c).unwrap_or(&zeros);
        // Infix search: the top row is all zeros; anchored: it grows by one per text char.
        let mut hin = i8::from(anchored);
        for (b, ((p, mm), s)) in pv.iter_mut().zip(mv.iter_mut()).zip(score.iter_mut()).enumerate() {
            hin = advance_block(p, mm, eqs.get(b).copied().unwrap_or(0), hin);
            *s = s.saturating_add_signed(isize::from(hin));
        }
        let (p, mm, s) = (pv.last().copied().unwrap_or(0), mv.last().copied().unwrap_or(0), score.last().copied().unwrap_or(0));
        let d = (s + (mm & above).count_ones() as usize).saturating_sub((p & above).count_ones() as usize);
        out.push(d);
    }
    out
}

/// Where a match of `pattern` with `d` edits that ends at the end of `seg` starts: the start
/// with distance `d` whose length is nearest the pattern's.
fn match_start(pattern: &[char], seg: &[char], d: usize) -> Option<usize> {
    let rp: Vec<char> = pattern.iter().rev().copied().collect();
    let rs: Vec<char> = seg.iter().rev().copied().collect();
    let dists = myers(&rp, &rs, true);
    let best = dists.iter().enumerate().filter(|(_, x)| **x <= d).min_by_key(|(j, x)| (**x, (j + 1).abs_diff(pattern.len())))?;
    Some(seg.len() - (best.0 + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Annotation;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn ann(text: &str, start: usize, end: usize) -> Annotation {
        let idx = TextIndex::new(text);
        Annotation::new(&idx, "Claim", vec![CharRange::new(start, end)], "t")
    }

    fn place(old: &str, a: &Annotation, new: &str) -> (Vec<CharRange>, Placement) {
        let (out, report) = reanchor(old, std::slice::from_ref(a), new);
        (out[0].ranges.clone(), report.placements[0].1)
    }

    #[test]
    fn myers_agrees_with_levenshtein() {
        for (p, t) in [("said", "he said so"), ("abcdef", "xxabdefyy"), ("kitten", "sitting")] {
            let (p, t) = (chars(p), chars(t));
            let best = myers_search(&p, &t).into_iter().min().unwrap();
            let naive = (0..=t.len())
                .flat_map(|i| (i..=t.len()).map(move |j| (i, j)))
                .map(|(i, j)| levenshtein(&p, &t[i..j]))
                .min()
                .unwrap();
            assert_eq!(best, naive);
        }
    }

    proptest! {
        #[test]
        fn myers_multiword_agrees_with_dp(p in "[ab]{1,150}", t in "[abc]{0,200}") {
            let (p, t) = (chars(&p), chars(&t));
            let fast = myers_search(&p, &t);
            // Sellers' DP: first row zero.
            let mut col: Vec<usize> = (0..=p.len()).collect();
            for (j, tc) in t.iter().enumerate() {
                let mut next = vec![0; p.len() + 1];
                for i in 1..=p.len() {
                    next[i] = (col[i - 1] + usize::from(p[i - 1] != *tc)).min(col[i] + 1).min(next[i - 1] + 1);
                }
                prop_assert_eq!(fast[j], next[p.len()]);
                col = next;
            }
            // Anchored: the distance to every prefix of the text.
            let anchored = myers(&p, &t, true);
            for j in 0..t.len() {
                prop_assert_eq!(anchored[j], levenshtein(&p, &t[..=j]));
            }
        }

        #[test]
        fn diff_runs_cover_only_equal_chars(a in "[abc\n]{0,80}", b in "[abc\n]{0,80}") {
            let (a, b) = (chars(&a), chars(&b));
            let runs = diff_runs(&a, &b, 1000).unwrap();
            let mut equal = 0;
            let (mut pa, mut pb) = (0, 0);
            for (x, y, n) in runs {
                prop_assert!(x >= pa && y >= pb);
                prop_assert_eq!(&a[x..x + n], &b[y..y + n]);
                pa = x + n;
                pb = y + n;
                equal += n;
            }
            // A shortest edit script keeps a longest common subsequence.
            prop_assert_eq!(a.len() + b.len() - 2 * equal, a.len() + b.len() - 2 * lcs(&a, &b));
        }
    }

    fn lcs(a: &[char], b: &[char]) -> usize {
        let mut t = vec![vec![0; b.len() + 1]; a.len() + 1];
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                t[i][j] = if a[i - 1] == b[j - 1] { t[i - 1][j - 1] + 1 } else { t[i - 1][j].max(t[i][j - 1]) };
            }
        }
        t[a.len()][b.len()]
    }

    #[test]
    fn unchanged_text_keeps_everything() {
        let text = "One line.\nThe minister said so.\nAnother.";
        let a = ann(text, 14, 22);
        assert_eq!(place(text, &a, text), (vec![CharRange::new(14, 22)], Placement::Exact));
    }

    #[test]
    fn moved_paragraph_carries_its_annotations() {
        let old = "First paragraph here.\nSecond one, where the minister said so.\nThird.";
        let new = "Third.\nA new paragraph.\nSecond one, where the minister said so.\nFirst paragraph here.";
        let start = old.find("minister").unwrap();
        let a = ann(old, start, start + 8);
        let ns = new.find("minister").unwrap();
        assert_eq!(place(old, &a, new), (vec![CharRange::new(ns, ns + 8)], Placement::Exact));
    }

    #[test]
    fn edited_quote_lands_on_its_edited_span() {
        let old = "Intro.\nThe foreign ministers of the G7 condemned the deployment strongly today.\nEnd.";
        let new = "Intro.\nThe foreign ministers of the G7 firmly condemned the deployment strongly today.\nEnd.";
        let q = "ministers of the G7 condemned the deployment";
        let s = old.find(q).unwrap();
        let a = ann(old, s, s + q.len());
        let nq = "ministers of the G7 firmly condemned the deployment";
        let ns = new.find(nq).unwrap();
        assert_eq!(place(old, &a, new), (vec![CharRange::new(ns, ns + nq.len())], Placement::Fuzzy));
    }

    #[test]
    fn deleted_text_becomes_an_orphan_not_a_wrong_match() {
        let old = "Alpha said it.\nThe spokesman said nothing at all.\nGamma said that.";
        let new = "Alpha said it.\nGamma said that.";
        let s = old.find("said nothing").unwrap();
        let a = ann(old, s, s + 4);
        assert_eq!(place(old, &a, new), (vec![], Placement::Orphan));
    }

    #[test]
    fn update_text_is_undoable() {
        let mut p = Project::new("t");
        let old = "Alpha said it.\nBeta said more.";
        let mut d = crate::model::Document::new("d", old);
        d.annotations.push(ann(old, 15, 19));
        let id = d.id.clone();
        p.documents.push(d);
        let before = p.clone();
        let (edit, report) = update_text(&p, &id, "New first line.\nAlpha said it.\nBeta said more.").unwrap();
        assert_eq!(report.exact, 1);
        let inverse = edit.apply(&mut p).unwrap();
        assert_eq!(p.documents[0].annotations[0].ranges, vec![CharRange::new(31, 35)]);
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);
    }
}
