//! Re-anchoring: moving every annotation of a document onto a new version of its text.
//!
//! Articles get updated after publication. [`reanchor`] takes the old text with its
//! annotations and the new text, and finds each annotation's range again:
//!
//! 1. **Exact**: where its chars went. Unchanged lines (paragraphs) are matched by content, so
//!    moved paragraphs carry their annotations along; changed lines are paired with their new
//!    version by shared word trigrams (the line where the neighbours went first, else a clear
//!    winner anywhere) and aligned char by char (Myers' O(ND) diff). If the
//!    range's text is there with the context it had (up to [`CONTEXT_CHARS`] chars each side,
//!    within its paragraph), it is placed there.
//! 2. **Near**: otherwise every match close to where it should be (following the shift of its
//!    neighbours) is scored by the edits it needs (bit-parallel Myers): to the quote (at most
//!    half of it; none for a quote under 8 chars), to the prefix and to the suffix, plus a
//!    penalty for each end that does not keep the quote's first (last) word: an insertion next
//!    to a quote belongs outside it.
//! 3. **Anywhere**: the exact quote elsewhere in the text (a paragraph rewritten and moved),
//!    scored the same way.
//!
//! A match never lies in an unchanged paragraph that was another old paragraph (text that was
//! already there elsewhere, and still is, cannot be where an annotation moved). A match is
//! taken only when it is close enough (near where it should be: one side of its
//! context at most a quarter edited, with 8 chars in place, the other at most half; far from
//! it: both sides at most an eighth; the quote's own chars where the diff says they went need
//! no context) and needs at least [`MARGIN`] fewer edits than any other
//! match. Otherwise the annotation becomes an **orphan**: ranges emptied,
//! quote kept, listed by [`crate::model::Document::orphans`] for re-attaching by hand. Never a
//! wrong match: when in doubt, an orphan. A discontinuous annotation has each fragment placed
//! on its own, and is an orphan unless all are.
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
    /// For every new line, the old line it is the unchanged version of.
    owners: Vec<Option<usize>>,
    /// The new text between two virtual line breaks: `framed[i + 1]` is new char `i`.
    framed: Vec<char>,
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
        let (maps, owners) = map_lines(&old, &new, &old_lines, &new_lines);
        let framed: Vec<char> = std::iter::once('\n').chain(new.iter().copied()).chain(std::iter::once('\n')).collect();
        Self {
            old,
            new,
            new_str: new_text,
            new_index: TextIndex::new(new_text),
            old_lines,
            new_lines,
            maps,
            owners,
            framed,
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

    /// A slice of the new text framed by line breaks: `framed(i..j)` is chars `i - 1 .. j - 1`
    /// of the new text, where -1 and `len` are the virtual line breaks around it.
    fn framed(&self, from: usize, to: usize) -> &[char] {
        self.framed.get(from.min(to)..to.min(self.framed.len())).unwrap_or_default()
    }

    fn place(&self, a: &Annotation) -> Option<(Vec<CharRange>, Placement)> {
        match a.ranges.as_slice() {
            [] => self.place_orphan(a),
            [one] => {
                let target = self.target_of(*one);
                if target.quote.is_empty() || target.quote.iter().collect::<String>() != a.quote.exact {
                    return None;
                }
                self.place_range(&target, *one).map(|(r, p)| (vec![r], p))
            }
            many => self.place_fragments(a, many),
        }
    }

    /// What old range `r` is: its text and its context, cut at line breaks.
    fn target_of(&self, r: CharRange) -> Target {
        let old = &self.old;
        let before = slice(old, CharRange::new(r.start.saturating_sub(CONTEXT_CHARS), r.start));
        let after = slice(old, CharRange::new(r.end, r.end + CONTEXT_CHARS));
        let mut t =
            Target::new(slice(old, r).to_vec(), before, r.start < CONTEXT_CHARS, after, r.end + CONTEXT_CHARS > old.len());
        t.lines = Some((self.line_of(r.start), self.line_of(r.end.saturating_sub(1))));
        t
    }

    /// A former orphan: only its exact quote, found with its context and no rival, re-attaches it.
    fn place_orphan(&self, a: &Annotation) -> Option<(Vec<CharRange>, Placement)> {
        if a.quote.exact.is_empty() || a.quote.exact.contains(FRAGMENT_SEPARATOR) {
            return None;
        }
        let prefix: Vec<char> = a.quote.prefix.chars().collect();
        let suffix: Vec<char> = a.quote.suffix.chars().collect();
        let target = Target::new(
            a.quote.exact.chars().collect(),
            &prefix,
            prefix.len() < CONTEXT_CHARS,
            &suffix,
            suffix.len() < CONTEXT_CHARS,
        );
        let mut best = Best::default();
        self.offer_exact_everywhere(&target, &mut best);
        best.choose(&target, false, None).map(|c| (vec![c.range], Placement::ByQuote))
    }

    /// Discontinuous annotations: every fragment is placed on its own (with the context it
    /// had in the old text); they must stay in order and apart, or the annotation is an orphan.
    fn place_fragments(&self, a: &Annotation, old: &[CharRange]) -> Option<(Vec<CharRange>, Placement)> {
        let joined: Vec<String> = old.iter().map(|r| slice(&self.old, *r).iter().collect()).collect();
        if joined.join(FRAGMENT_SEPARATOR) != a.quote.exact {
            return None;
        }
        let mut out: Vec<CharRange> = Vec::with_capacity(old.len());
        let mut placement = Placement::Exact;
        for r in old {
            let target = self.target_of(*r);
            if target.quote.is_empty() {
                return None;
            }
            let (nr, p) = self.place_range(&target, *r)?;
            if out.last().is_some_and(|prev| prev.end > nr.start) {
                return None;
            }
            placement = match (placement, p) {
                (Placement::Fuzzy, _) | (_, Placement::Fuzzy) => Placement::Fuzzy,
                (Placement::ByQuote, _) | (_, Placement::ByQuote) => Placement::ByQuote,
                _ => Placement::Exact,
            };
            out.push(nr);
        }
        Some((out, placement))
    }

    /// Places one old range: where its chars went, if its text and context are all there; else
    /// the best match near where it should be; else its exact text anywhere. A match is taken
    /// only when close enough ([`Best::choose`]) and clearly better than any other.
    fn place_range(&self, t: &Target, old: CharRange) -> Option<(CharRange, Placement)> {
        let start = self.map_char(old.start);
        let last = self.map_char(old.end.saturating_sub(1));
        // Where the diff says the range's chars went, if they still read as the quote.
        let mapped = match (start, last) {
            (Ok(s), Ok(l)) if l >= s => Some(CharRange::new(s, l + 1)),
            _ => None,
        }
        .filter(|r| self.new_slice(*r) == t.quote.as_slice() && self.bounds_ok(t, *r));
        if let Some(r) = mapped
            && self.context_exact(t, r)
        {
            return Some((r, Placement::Exact));
        }
        if t.quote.len() > MAX_SEARCHED_QUOTE {
            return self.place_long(t, start, last);
        }
        let expected = match (start, last) {
            (Ok(s) | Err(Some(s)), _) => Some(s),
            (Err(None), Ok(l) | Err(Some(l))) => Some((l + 1).saturating_sub(t.quote.len())),
            _ => None,
        };
        let mut best = Best::default();
        if let Some(e) = expected {
            self.offer_near(t, e, &mut best);
            if let Some(c) = best.choose(t, true, mapped) {
                return Some((c.range, if Some(c.range) == mapped { Placement::Exact } else { c.placement() }));
            }
        }
        self.offer_exact_everywhere(t, &mut best);
        best.choose(t, false, None).map(|c| (c.range, c.placement()))
    }

    /// A quote too long to search approximately (a whole section): where its two ends went, if
    /// both are unchanged chars that keep the quote's first and last words and the span neither
    /// halved nor doubled; else its first and last [`PIECE`] chars, each found like a short
    /// quote near where it should be; else its exact text anywhere; else an orphan.
    fn place_long(
        &self,
        t: &Target,
        start: Result<usize, Option<usize>>,
        last: Result<usize, Option<usize>>,
    ) -> Option<(CharRange, Placement)> {
        let qlen = t.quote.len();
        let plausible = |r: CharRange| {
            r.len() * 2 >= qlen
                && r.len() <= qlen * 2
                && self.bounds_ok(t, r)
                && self.keeps_first_word(t, r)
                && self.keeps_last_word(t, r.end)
        };
        let how = |r: CharRange| if self.new_slice(r) == t.quote.as_slice() { Placement::Exact } else { Placement::Fuzzy };
        if let (Ok(s), Ok(l)) = (start, last)
            && l >= s
            && plausible(CharRange::new(s, l + 1))
        {
            let r = CharRange::new(s, l + 1);
            return Some((r, how(r)));
        }
        if let (Ok(s) | Err(Some(s)), Ok(l) | Err(Some(l))) = (start, last) {
            let (head, tail) = t.ends(PIECE);
            let found = |piece: &Target, expected: usize| {
                let mut best = Best::default();
                self.offer_near(piece, expected, &mut best);
                best.choose(piece, true, None).map(|c| c.range)
            };
            if let (Some(h), Some(e)) = (found(&head, s), found(&tail, (l + 1).saturating_sub(PIECE)))
                && h.start < e.end
                && plausible(CharRange::new(h.start, e.end))
            {
                let r = CharRange::new(h.start, e.end);
                return Some((r, how(r)));
            }
        }
        let mut best = Best::default();
        self.offer_exact_everywhere(t, &mut best);
        best.choose(t, false, None).map(|c| (c.range, c.placement()))
    }

    /// Whether `r` lies (partly) in an unchanged paragraph that is another old paragraph's: an
    /// annotation never moves into text that was already there, elsewhere, and still is.
    fn foreign(&self, t: &Target, r: CharRange) -> bool {
        let Some((first, last)) = t.lines else { return false };
        let line = |pos: usize| self.new_lines.partition_point(|l| l.end < pos);
        (line(r.start)..=line(r.end.saturating_sub(1)))
            .any(|j| self.owners.get(j).copied().flatten().is_some_and(|k| k < first || k > last))
    }

    /// Whether `r` begins and ends words where the quote did.
    fn bounds_ok(&self, t: &Target, r: CharRange) -> bool {
        let word = |i: usize| self.framed.get(i).is_some_and(|c| c.is_alphanumeric());
        // framed[r.start] is the char before r; framed[r.end + 1] the char after it.
        (!t.word_start || !word(r.start)) && (!t.word_end || !word(r.end + 1))
    }

    /// [`WORD_PENALTY`] for each end of `r` not keeping the quote's first (last) word.
    fn words_changed(&self, t: &Target, r: CharRange) -> usize {
        WORD_PENALTY * (usize::from(!self.keeps_first_word(t, r)) + usize::from(!self.keeps_last_word(t, r.end)))
    }

    /// Whether `r` begins with the quote's first word (`r.end` bounds the word).
    fn keeps_first_word(&self, t: &Target, r: CharRange) -> bool {
        let word = t.first_word();
        let end = (r.start + word.len()).min(r.end);
        self.new_slice(CharRange::new(r.start, end)) == word
            && (end == r.end || self.new.get(end).is_some_and(|c| c.is_whitespace()))
    }

    /// Whether a match ending at `e` ends with the quote's last word.
    fn keeps_last_word(&self, t: &Target, e: usize) -> bool {
        let word = t.last_word();
        let start = e.saturating_sub(word.len());
        self.new_slice(CharRange::new(start, e)) == word
            && (e == word.len()
                || start == 0
                || self.new.get(start - 1).is_some_and(|c| c.is_whitespace())
                || word.len() == t.quote.len())
    }

    /// Whether the text around `r` is the target's context, char for char.
    fn context_exact(&self, t: &Target, r: CharRange) -> bool {
        let before = self.framed((r.start + 1).saturating_sub(t.prefix.len()), r.start + 1);
        let after = self.framed(r.end + 1, r.end + 1 + t.suffix.len());
        before == t.prefix.as_slice() && after == t.suffix.as_slice()
    }

    /// Every match of the target starting within a window around `expected`, scored by the
    /// edits it needs: to the quote, and to the context on each side (bit-parallel Myers).
    /// Ends are tried from the most promising (least edits to the quote and suffix) on, until
    /// none left can come near the best.
    fn offer_near(&self, t: &Target, expected: usize, best: &mut Best) {
        let n = self.new.len();
        let qlen = t.quote.len();
        // Matches needing more edits than allowed still compete: a wrong match that fits the
        // limit must not win just because the right one is over it.
        let rival_q = 2 * qlen;
        let reach = qlen + rival_q;
        let slack = 64 + qlen / 2;
        let lo = expected.saturating_sub(slack).min(n);
        let hi = (expected + slack).min(n);
        let e_max = (hi + reach).min(n);
        // Prefix cost of a start s: the least edits turning the prefix into a text ending at
        // framed[s] (the char before s).
        let pa = lo.saturating_sub(2 * t.prefix.len() + 1);
        let pre = myers_search(&t.prefix, self.framed(pa, hi + 1));
        let pcost = |s: usize| s.checked_sub(pa).and_then(|k| pre.get(k)).copied().unwrap_or(usize::MAX);
        let p_min = pre.get(lo - pa..).and_then(|p| p.iter().min()).copied().unwrap_or(usize::MAX);
        // Suffix cost of an end e: the least edits turning the suffix into a text starting at
        // framed[e + 1] (the char after e). Searched backwards.
        let sb = (e_max + 2 + 2 * t.suffix.len()).min(self.framed.len());
        let sa = (lo + 1).min(sb);
        let rev_suffix: Vec<char> = t.suffix.iter().rev().copied().collect();
        let rev_text: Vec<char> = self.framed(sa, sb).iter().rev().copied().collect();
        let suf = myers_search(&rev_suffix, &rev_text);
        let scost = |e: usize| sb.checked_sub(e + 2).and_then(|k| suf.get(k)).copied().unwrap_or(usize::MAX);
        // The least edits to the quote of any text ending at e.
        let q_end = myers_search(&t.quote, self.framed(lo + 1, e_max + 1));
        let mut ends: Vec<(usize, usize)> = q_end
            .iter()
            .enumerate()
            .map(|(k, &q)| (lo + k + 1, q))
            .filter(|&(e, q)| q <= rival_q && (!t.word_end || !self.framed.get(e + 1).is_some_and(|c| c.is_alphanumeric())))
            .map(|(e, q)| {
                let last_word = if self.keeps_last_word(t, e) { 0 } else { WORD_PENALTY };
                (p_min.saturating_add(q).saturating_add(scost(e)).saturating_add(last_word), e)
            })
            .collect();
        ends.sort_unstable();
        let rev_quote: Vec<char> = t.quote.iter().rev().copied().collect();
        let rev_bits = PatternBits::new(&rev_quote);
        // The text before every end, backwards: the chars before end e start at e_max - e.
        let back_from = lo.saturating_sub(reach);
        let backwards: Vec<char> = self.framed(back_from + 1, e_max + 1).iter().rev().copied().collect();
        for (bound, e) in ends {
            if best.settled(bound) {
                break;
            }
            // Edits to the quote of the text s..e, for every start s up to `reach` before e.
            let from = e_max - e;
            let before_e = backwards.get(from..(from + reach).min(backwards.len())).unwrap_or_default();
            for (j, &d) in myers_with(&rev_bits, before_e, true).iter().enumerate() {
                let Some(s) = e.checked_sub(j + 1) else { break };
                let r = CharRange::new(s, e);
                if d > rival_q || s < lo || s > hi || !self.bounds_ok(t, r) || self.foreign(t, r) {
                    continue;
                }
                best.offer(Scored { range: r, quote: d, words: self.words_changed(t, r), prefix: pcost(s), suffix: scost(e) });
            }
        }
    }

    /// Every exact occurrence of the quote in the whole text (unless there are very many),
    /// scored by its context.
    fn offer_exact_everywhere(&self, t: &Target, best: &mut Best) {
        let cands = self.occurrences_everywhere(t, 256);
        if cands.len() > 256 {
            return;
        }
        for r in cands {
            if self.bounds_ok(t, r) && !self.foreign(t, r) {
                let prefix = self.prefix_cost_at(t, r.start);
                let suffix = self.suffix_cost_at(t, r.end);
                best.offer(Scored { range: r, quote: 0, words: 0, prefix, suffix });
            }
        }
    }

    /// The least edits turning the target's prefix into a text ending just before `s`.
    fn prefix_cost_at(&self, t: &Target, s: usize) -> usize {
        let rev_prefix: Vec<char> = t.prefix.iter().rev().copied().collect();
        let text: Vec<char> = self.framed((s + 1).saturating_sub(2 * t.prefix.len()), s + 1).iter().rev().copied().collect();
        myers(&rev_prefix, &text, true).into_iter().min().unwrap_or(usize::MAX).min(t.prefix.len())
    }

    /// The least edits turning the target's suffix into a text starting just after `e`.
    fn suffix_cost_at(&self, t: &Target, e: usize) -> usize {
        let text = self.framed(e + 1, e + 1 + 2 * t.suffix.len());
        myers(&t.suffix, text, true).into_iter().min().unwrap_or(usize::MAX).min(t.suffix.len())
    }

    /// Occurrences in the whole text: through the word index when the quote begins with a
    /// whole word (as almost every annotation does), else by scanning.
    fn occurrences_everywhere(&self, t: &Target, limit: usize) -> Vec<CharRange> {
        let quote = &t.quote;
        let exact: String = quote.iter().collect();
        let starts_word = t.prefix.last().is_none_or(|c| c.is_whitespace());
        let first_len = quote.iter().position(|c| c.is_whitespace());
        let first_whole = first_len.is_some() || t.suffix.first().is_none_or(|c| c.is_whitespace());
        let first_len = first_len.unwrap_or(quote.len());
        if !starts_word || !first_whole || first_len == 0 {
            return self.occurrences(&exact, quote.len(), CharRange::new(0, self.new.len()), limit);
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
            if self.new_slice(r) == quote.as_slice() {
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
}

/// What an old range is looked for by: its text and its context within its line.
struct Target {
    quote: Vec<char>,
    /// The context before, from its last line break (kept) on: a moved paragraph keeps the text
    /// around its annotations but not its neighbours. The text's start counts as a line break.
    prefix: Vec<char>,
    /// The context after, up to its first line break (kept); the text's end counts as one.
    suffix: Vec<char>,
    /// The quote began a word (its first char is a letter or digit, the one before was not).
    word_start: bool,
    /// The quote ended a word.
    word_end: bool,
    /// The old lines it came from (first, last), if it had a place in the old text.
    lines: Option<(usize, usize)>,
}

impl Target {
    fn new(quote: Vec<char>, before: &[char], at_text_start: bool, after: &[char], at_text_end: bool) -> Self {
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
    fn ends(&self, n: usize) -> (Self, Self) {
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
    fn first_word(&self) -> &[char] {
        let end = self.quote.iter().position(|c| c.is_whitespace()).unwrap_or(self.quote.len());
        self.quote.get(..end).unwrap_or_default()
    }

    /// The quote's last word.
    fn last_word(&self) -> &[char] {
        let start = self.quote.iter().rposition(|c| c.is_whitespace()).map_or(0, |i| i + 1);
        self.quote.get(start..).unwrap_or_default()
    }

    /// Most edits an approximate match may need: half the quote, none for a short one (too
    /// short to tell an edit from another word).
    fn max_quote_edits(&self) -> usize {
        if self.quote.len() < MIN_FUZZY_CHARS { 0 } else { self.quote.len() / 2 }
    }
}

/// Chars of context that must agree on a side for it to vouch for a match.
const MIN_GOOD_SIDE: usize = 8;
/// Quotes longer than this are not searched approximately (too slow): see `place_long`.
const MAX_SEARCHED_QUOTE: usize = 4096;
/// How many chars of each end of a long quote are searched for.
const PIECE: usize = 64;
/// Quotes shorter than this are only found exactly.
const MIN_FUZZY_CHARS: usize = 8;
/// What a match pays for each end not keeping the quote's first (last) word: an insertion
/// next to a quote is outside it, not its new first word.
const WORD_PENALTY: usize = 16;
/// How many fewer edits the best match must need than any other to be taken.
pub const MARGIN: usize = 2;

/// A possible new place of a range, with the edits it needs.
#[derive(Clone, Copy, Debug)]
struct Scored {
    range: CharRange,
    /// Edits between the quote and the text there.
    quote: usize,
    /// [`WORD_PENALTY`] for each end whose word differs from the quote's first (last) word.
    words: usize,
    /// Edits between the stored context and the text before and after it.
    prefix: usize,
    suffix: usize,
}

impl Scored {
    fn total(&self) -> usize {
        self.quote.saturating_add(self.words).saturating_add(self.prefix).saturating_add(self.suffix)
    }

    fn placement(&self) -> Placement {
        if self.quote == 0 { Placement::ByQuote } else { Placement::Fuzzy }
    }
}

/// The best and second-best candidates seen (at different ranges).
#[derive(Default)]
struct Best {
    first: Option<Scored>,
    second: Option<Scored>,
}

impl Best {
    fn offer(&mut self, c: Scored) {
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
    fn settled(&self, bound: usize) -> bool {
        self.first.is_some_and(|f| bound >= f.total().saturating_add(MARGIN))
    }

    /// The best candidate, if it is close enough to the target and no other comes within
    /// [`MARGIN`] edits of it. Close enough: the exact quote at `mapped` (where the diff says its
    /// chars went); else at most half the quote edited (a short quote not at all), one side of
    /// the context at most a quarter edited (an eighth for a short quote) with 8 chars in place
    /// (near where it should be, all of a shorter side will do), the other at most half; far
    /// from where it should be (`near` false), both sides at most an eighth edited. When in
    /// doubt, nothing.
    fn choose(&self, t: &Target, near: bool, mapped: Option<CharRange>) -> Option<Scored> {
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
/// Pairs every old line with where it is now; also returns, for every new line, the old line
/// it is the unchanged version of (if any).
fn map_lines(old: &[char], new: &[char], old_lines: &[CharRange], new_lines: &[CharRange]) -> (Vec<LineMap>, Vec<Option<usize>>) {
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
    // The new line each old line went to, as far as known.
    let mut new_of: Vec<Option<usize>> = Vec::with_capacity(old_lines.len());
    for (i, l) in old_lines.iter().enumerate() {
        if let Some(Some(j)) = pair.get(i) {
            maps.push(LineMap::Same(new_lines.get(*j).map_or(0, |n| n.start)));
            new_of.push(Some(*j));
            continue;
        }
        let grams = trigrams(slice(old, *l));
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for g in &grams {
            for j in by_gram.get(g).into_iter().flatten() {
                *votes.entry(*j).or_default() += 1;
            }
        }
        let enough = |n: usize| n * 2 >= grams.len().max(1);
        // Where its neighbours say it is: after the line before, or before the line after.
        let after_previous = i.checked_sub(1).and_then(|p| new_of.get(p).copied().flatten()).map(|j| j + 1);
        let before_next = pair.get(i + 1).copied().flatten().and_then(|j| j.checked_sub(1));
        let by_neighbours =
            [after_previous, before_next].into_iter().flatten().find(|j| votes.get(j).is_some_and(|&n| enough(n)));
        let mut ranked: Vec<(usize, usize)> = votes.into_iter().map(|(j, n)| (n, j)).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        // Elsewhere (a moved paragraph): only a line clearly sharing the most.
        let by_votes = match ranked.as_slice() {
            [(n, j), rest @ ..] if enough(*n) && rest.first().is_none_or(|(m, _)| m < n) => Some(*j),
            _ => None,
        };
        let best = by_neighbours.or(by_votes);
        new_of.push(best);
        maps.push(match best {
            Some(j) => {
                let (a, b) = (slice(old, *l), new_lines.get(j).map_or(&[][..], |nl| slice(new, *nl)));
                let runs = if a.len() + b.len() <= MAX_DIFF_CHARS { diff_runs(a, b, MAX_DIFF_EDITS) } else { None };
                LineMap::Changed(j, runs)
            }
            None => LineMap::Gone,
        });
    }
    let mut owners = vec![None; new_lines.len()];
    for (i, j) in pair.iter().enumerate() {
        if let Some(slot) = j.and_then(|j| owners.get_mut(j)) {
            *slot = Some(i);
        }
    }
    (maps, owners)
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

/// [`myers`] for a pattern of at most 64 chars: one block, kept in registers.
fn myers_one_block(peq: &PatternBits, m: usize, text: &[char], anchored: bool) -> Vec<usize> {
    let (mut pv, mut mv) = (!0u64, 0u64);
    let mut score = m;
    let hin = i8::from(anchored);
    let high = 1u64 << (m - 1);
    let mut out = Vec::with_capacity(text.len());
    for c in text {
        let eq = peq.of(*c).first().copied().unwrap_or(0);
        // advance_block, with the score read at the pattern's last row.
        let hin_neg = u64::from(hin < 0);
        let xv = eq | mv;
        let eq = eq | hin_neg;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & high != 0 {
            score += 1;
        } else if mh & high != 0 {
            score = score.saturating_sub(1);
        }
        ph <<= 1;
        mh <<= 1;
        mh |= hin_neg;
        ph |= u64::from(hin > 0);
        pv = mh | !(xv | ph);
        mv = ph & xv;
        out.push(score);
    }
    out
}

/// Where each char occurs in a pattern, as one bit mask per 64-char block: a table for the
/// first 256 chars, a sorted list for the rest.
struct PatternBits {
    /// The pattern's length.
    len: usize,
    blocks: usize,
    /// Masks, `blocks` per distinct char; the first `blocks` are all zero (chars not in the pattern).
    masks: Vec<u64>,
    /// Index into `masks` (in units of `blocks`) of each char below 256.
    latin: [u32; 256],
    /// The other chars and their index, sorted.
    others: Vec<(char, u32)>,
}

impl PatternBits {
    fn new(pattern: &[char]) -> Self {
        let blocks = pattern.len().div_ceil(WORD).max(1);
        let mut bits = Self { len: pattern.len(), blocks, masks: vec![0; blocks], latin: [0; 256], others: Vec::new() };
        for (i, c) in pattern.iter().enumerate() {
            let slot = match bits.slot(*c) {
                0 => {
                    let next = u32::try_from(bits.masks.len() / blocks).unwrap_or(u32::MAX);
                    bits.masks.extend(std::iter::repeat_n(0, blocks));
                    if let Some(l) = usize::try_from(u32::from(*c)).ok().and_then(|k| bits.latin.get_mut(k)) {
                        *l = next;
                    } else {
                        let at = bits.others.partition_point(|(o, _)| o < c);
                        bits.others.insert(at, (*c, next));
                    }
                    next
                }
                s => s,
            };
            if let Some(w) =
                bits.masks.get_mut(usize::try_from(slot).unwrap_or(usize::MAX).saturating_mul(blocks).saturating_add(i / WORD))
            {
                *w |= 1 << (i % WORD);
            }
        }
        bits
    }

    fn slot(&self, c: char) -> u32 {
        match usize::try_from(u32::from(c)).ok().and_then(|k| self.latin.get(k)) {
            Some(l) => *l,
            None => self.others.binary_search_by(|(o, _)| o.cmp(&c)).ok().and_then(|i| self.others.get(i)).map_or(0, |o| o.1),
        }
    }

    /// The masks of `c`, one per block.
    fn of(&self, c: char) -> &[u64] {
        let from = usize::try_from(self.slot(c)).unwrap_or(usize::MAX).saturating_mul(self.blocks);
        self.masks.get(from..from.saturating_add(self.blocks)).unwrap_or_default()
    }
}

/// [`myers_search`], or with `anchored` the distance to `text[..=j]` (the match must start
/// at the beginning of `text`).
fn myers(pattern: &[char], text: &[char], anchored: bool) -> Vec<usize> {
    myers_with(&PatternBits::new(pattern), text, anchored)
}

/// [`myers`] with the pattern's bit masks already built.
fn myers_with(peq: &PatternBits, text: &[char], anchored: bool) -> Vec<usize> {
    let m = peq.len;
    if m == 0 {
        return vec![0; text.len()];
    }
    let blocks = peq.blocks;
    if blocks == 1 {
        return myers_one_block(peq, m, text, anchored);
    }
    let mut pv = vec![!0u64; blocks];
    let mut mv = vec![0u64; blocks];
    let mut score: Vec<usize> = (1..=blocks).map(|b| b * WORD).collect();
    let last_bit = (m - 1) % WORD;
    let above = if last_bit == WORD - 1 { 0 } else { !0u64 << (last_bit + 1) };
    let mut out = Vec::with_capacity(text.len());
    for c in text {
        let eqs = peq.of(*c);
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

    fn span(text: &str, needle: &str) -> CharRange {
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        CharRange::new(start, start + needle.chars().count())
    }

    #[test]
    fn a_word_inserted_before_a_quote_stays_outside_it() {
        let old = "Intro.\nThe officials said the troops had crossed the border on Monday.\nEnd.";
        let new = "Intro.\nThe officials said that the troops had crossed the border on Monday.\nEnd.";
        let r = span(old, "the troops had crossed the border");
        let a = ann(old, r.start, r.end);
        assert_eq!(place(old, &a, new).0, vec![span(new, "the troops had crossed the border")]);
    }

    #[test]
    fn a_quote_is_not_matched_inside_a_longer_word() {
        // The diff may pair the old "no" with the start of the inserted "nothing".
        let old = "The minister said no more.";
        let new = "The minister said nothing no more.";
        let a = ann(old, 18, 20);
        assert_eq!(place(old, &a, new), (vec![CharRange::new(26, 28)], Placement::ByQuote));
    }

    #[test]
    fn an_ambiguous_duplicate_makes_an_orphan_not_a_guess() {
        // Was "the" inserted before or after the quote's last word? Either reading fits.
        let old = "Alpha.\nThe report said the army withdrew from the town.\nOmega.";
        let new = "Alpha.\nThe report said the the army withdrew from the town.\nOmega.";
        let r = span(old, "report said the");
        let a = ann(old, r.start, r.end);
        assert_eq!(place(old, &a, new), (vec![], Placement::Orphan));
    }

    #[test]
    fn a_short_quote_of_a_deleted_line_is_not_placed_on_a_similar_line() {
        let old = "Alpha said it.\nThe spokesman said nothing at all.\nGamma said nothing more.";
        let new = "Alpha said it.\nGamma said nothing more.";
        let r = span(old, "said nothing at");
        let a = ann(old, r.start, r.start + 4);
        assert_eq!(place(old, &a, new), (vec![], Placement::Orphan));
    }

    #[test]
    fn each_fragment_of_a_discontinuous_annotation_moves_on_its_own() {
        let old = "The G7 ministers, in a statement on Friday, condemned the deployment of troops.";
        let new = "Breaking.\nThe G7 foreign ministers, in a statement on Friday, condemned the deployment of troops.";
        let idx = TextIndex::new(old);
        let a = Annotation::new(&idx, "Claim", vec![span(old, "The G7 ministers"), span(old, "condemned the deployment")], "t");
        let (out, report) = reanchor(old, std::slice::from_ref(&a), new);
        assert_eq!(out[0].ranges, vec![span(new, "The G7 foreign ministers"), span(new, "condemned the deployment")]);
        assert_eq!(out[0].quote.exact, "The G7 foreign ministers … condemned the deployment");
        assert_eq!(report.placements[0].1, Placement::Fuzzy);
    }

    #[test]
    fn a_discontinuous_annotation_with_a_fragment_gone_becomes_an_orphan() {
        let old = "Kyiv said the strike hit a depot.\nMoscow denied it.\nLater, officials confirmed the strike.";
        let new = "Kyiv said the strike hit a depot.\nLater, officials confirmed the strike.";
        let idx = TextIndex::new(old);
        let a = Annotation::new(&idx, "Claim", vec![span(old, "Kyiv said"), span(old, "Moscow denied it")], "t");
        let (out, report) = reanchor(old, std::slice::from_ref(&a), new);
        assert!(out[0].ranges.is_empty());
        assert_eq!(out[0].quote.exact, "Kyiv said … Moscow denied it");
        assert_eq!(report.orphans, vec![a.id.clone()]);
    }

    proptest! {
        /// Whatever the texts, every annotation comes back either placed on text that reads as
        /// its new quote (valid, ordered fragments) or as an orphan with its old quote.
        #[test]
        fn placed_annotations_always_read_as_their_quote(
            old in "[ab \n.é]{0,120}",
            new in "[ab \n.é]{0,120}",
            spans in proptest::collection::vec((0usize..120, 1usize..30, 0usize..3), 0..6),
        ) {
            let old_index = TextIndex::new(&old);
            let len = old_index.char_len();
            let annotations: Vec<Annotation> = spans
                .iter()
                .filter(|(s, _, _)| *s < len)
                .map(|&(s, l, fragments)| {
                    let e = (s + l).min(len);
                    let mut ranges = vec![CharRange::new(s, e)];
                    // A second fragment after a gap, when there is room.
                    if fragments == 2 && e + 2 < len {
                        ranges.push(CharRange::new(e + 1, (e + 1 + l).min(len)));
                    }
                    Annotation::new(&old_index, "Claim", ranges, "t")
                })
                .collect();
            let (out, report) = reanchor(&old, &annotations, &new);
            prop_assert_eq!(out.len(), annotations.len());
            prop_assert_eq!(report.placements.len(), annotations.len());
            let new_index = TextIndex::new(&new);
            for ((before, after), (_, how)) in annotations.iter().zip(&out).zip(&report.placements) {
                prop_assert_eq!(&before.id, &after.id);
                if matches!(how, Placement::Exact | Placement::ByQuote) {
                    prop_assert_eq!(&after.quote.exact, &before.quote.exact, "placed exactly means the same text");
                }
                if after.ranges.is_empty() {
                    prop_assert_eq!(&after.quote.exact, &before.quote.exact);
                } else {
                    prop_assert!(crate::anchor::validate_ranges(&after.ranges, new_index.char_len()).is_ok());
                    prop_assert_eq!(after.ranges.len(), before.ranges.len());
                    prop_assert_eq!(&after.quote, &Quote::of(&new_index, &after.ranges));
                }
            }
        }
    }

    #[test]
    fn a_long_annotation_moves_with_its_ends_without_a_slow_search() {
        // A 200,000-char annotation (a whole report) with a word changed inside and a
        // paragraph inserted before it: placed where its ends went, at once.
        let body: String = (0..20_000).map(|i| ["word", &(i % 97).to_string(), " "].concat()).collect();
        let old = format!("Intro.\nStart {body}end.\nOutro.");
        let new = format!("New lead.\nIntro.\nStart {}end.\nOutro.", body.replacen("word5 ", "changed ", 1));
        let s = old.find("Start").unwrap();
        let e = old.find("end.").unwrap() + 3;
        let a = ann(&old, s, e);
        let ns = new.find("Start").unwrap();
        let ne = new.find("end.").unwrap() + 3;
        assert_eq!(place(&old, &a, &new), (vec![CharRange::new(ns, ne)], Placement::Fuzzy));
    }

    #[test]
    fn an_edited_paragraph_stays_paired_with_its_neighbours_not_a_look_alike() {
        let para = "Asked whether Clinton has the honesty and integrity to serve effectively as president, 75 percent of Democrats said yes while 20 percent said no.";
        let edited = para.replace("honesty and integrity", "strength and stamina").replace("while 20", "and 20");
        // A wire copy of the old paragraph now appears further down, in another story.
        let old = format!("Lead.\n\n{para}\n\nMiddle of the story.\n\nEnd.");
        let new = format!("Lead.\n\n{edited}\n\nMiddle of the story.\n\nEnd.\n\nAnother story quotes the poll: {para}");
        let r = span(&old, "75 percent of Democrats");
        let a = ann(&old, r.start, r.end);
        let here = span(&new, "75 percent of Democrats");
        assert_eq!(place(&old, &a, &new).0, vec![here], "in the edited paragraph, not the copy below");
    }

    #[test]
    fn a_quote_of_a_deleted_paragraph_does_not_move_to_a_parallel_sentence() {
        let old = "Lead.\n\nAsked whether she has the integrity to serve effectively as president,\u{201d} 75 percent of Democrats said yes.\n\nAsked whether she is realistic enough to serve effectively as president,\u{201d} 72 percent of Democrats said yes.";
        let new = "Lead.\n\nAsked whether she is realistic enough to serve effectively as president,\u{201d} 72 percent of Democrats said yes.";
        let r = span(old, "president,\u{201d} 75");
        let a = ann(old, r.start, r.start + 11);
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
