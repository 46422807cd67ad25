//! Placing each annotation on the new text: where its chars went, else the best match near
//! where it should be, else its exact quote elsewhere (see the module above).

use super::Placement;
use super::fast_hash::FastMap;
use super::myers::{PatternBits, myers, myers_search, myers_with};
use super::pairing::{LineMap, hash_of, lines, map_lines, slice};
use super::scoring::{Best, MAX_SEARCHED_QUOTE, PIECE, Scored, Target, WORD_PENALTY};
use crate::anchor::{CONTEXT_CHARS, CharRange, FRAGMENT_SEPARATOR, TextIndex};
use crate::model::Annotation;

/// The old and new text, their lines and where each old line went: what placing an
/// annotation looks at.
pub(super) struct Context<'a> {
    pub(super) old: Vec<char>,
    pub(super) new: Vec<char>,
    pub(super) new_str: &'a str,
    pub(super) new_index: TextIndex<'a>,
    pub(super) old_lines: Vec<CharRange>,
    pub(super) new_lines: Vec<CharRange>,
    pub(super) maps: Vec<LineMap>,
    /// For every new line, the old line it is the unchanged version of.
    pub(super) owners: Vec<Option<usize>>,
    /// The new text between two virtual line breaks: `framed[i + 1]` is new char `i`.
    pub(super) framed: Vec<char>,
    /// Where each word (run of non-space chars) of the new text starts, by the word's hash;
    /// built on the first search of the whole text.
    pub(super) word_starts: std::sync::OnceLock<FastMap<u64, Vec<usize>>>,
}

impl<'a> Context<'a> {
    pub(super) fn new(old_text: &str, new_text: &'a str) -> Self {
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
            word_starts: std::sync::OnceLock::new(),
        }
    }

    pub(super) fn line_of(&self, pos: usize) -> usize {
        self.old_lines.partition_point(|l| l.end < pos).min(self.old_lines.len().saturating_sub(1))
    }

    /// Where old char `pos` is now: `Ok` when the char itself is unchanged, `Err` with an
    /// estimate otherwise (`None` when there is nothing to go by).
    pub(super) fn map_char(&self, pos: usize) -> Result<usize, Option<usize>> {
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

    pub(super) fn new_slice(&self, r: CharRange) -> &[char] {
        slice(&self.new, r)
    }

    /// A slice of the new text framed by line breaks: `framed(i..j)` is chars `i - 1 .. j - 1`
    /// of the new text, where -1 and `len` are the virtual line breaks around it.
    pub(super) fn framed(&self, from: usize, to: usize) -> &[char] {
        self.framed.get(from.min(to)..to.min(self.framed.len())).unwrap_or_default()
    }

    pub(super) fn place(&self, a: &Annotation) -> Option<(Vec<CharRange>, Placement)> {
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
    pub(super) fn target_of(&self, r: CharRange) -> Target {
        let old = &self.old;
        let before = slice(old, CharRange::new(r.start.saturating_sub(CONTEXT_CHARS), r.start));
        let after = slice(old, CharRange::new(r.end, r.end + CONTEXT_CHARS));
        let mut t =
            Target::new(slice(old, r).to_vec(), before, r.start < CONTEXT_CHARS, after, r.end + CONTEXT_CHARS > old.len());
        t.lines = Some((self.line_of(r.start), self.line_of(r.end.saturating_sub(1))));
        t
    }

    /// A former orphan: only its exact quote, found with its context and no rival, re-attaches it.
    pub(super) fn place_orphan(&self, a: &Annotation) -> Option<(Vec<CharRange>, Placement)> {
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
    pub(super) fn place_fragments(&self, a: &Annotation, old: &[CharRange]) -> Option<(Vec<CharRange>, Placement)> {
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
    pub(super) fn place_range(&self, t: &Target, old: CharRange) -> Option<(CharRange, Placement)> {
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
    pub(super) fn place_long(
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
    pub(super) fn foreign(&self, t: &Target, r: CharRange) -> bool {
        let Some((first, last)) = t.lines else { return false };
        let line = |pos: usize| self.new_lines.partition_point(|l| l.end < pos);
        (line(r.start)..=line(r.end.saturating_sub(1)))
            .any(|j| self.owners.get(j).copied().flatten().is_some_and(|k| k < first || k > last))
    }

    /// Whether `r` begins and ends words where the quote did.
    pub(super) fn bounds_ok(&self, t: &Target, r: CharRange) -> bool {
        let word = |i: usize| self.framed.get(i).is_some_and(|c| c.is_alphanumeric());
        // framed[r.start] is the char before r; framed[r.end + 1] the char after it.
        (!t.word_start || !word(r.start)) && (!t.word_end || !word(r.end + 1))
    }

    /// [`WORD_PENALTY`] for each end of `r` not keeping the quote's first (last) word.
    pub(super) fn words_changed(&self, t: &Target, r: CharRange) -> usize {
        WORD_PENALTY * (usize::from(!self.keeps_first_word(t, r)) + usize::from(!self.keeps_last_word(t, r.end)))
    }

    /// Whether `r` begins with the quote's first word (`r.end` bounds the word).
    pub(super) fn keeps_first_word(&self, t: &Target, r: CharRange) -> bool {
        let word = t.first_word();
        let end = (r.start + word.len()).min(r.end);
        self.new_slice(CharRange::new(r.start, end)) == word
            && (end == r.end || self.new.get(end).is_some_and(|c| c.is_whitespace()))
    }

    /// Whether a match ending at `e` ends with the quote's last word.
    pub(super) fn keeps_last_word(&self, t: &Target, e: usize) -> bool {
        let word = t.last_word();
        let start = e.saturating_sub(word.len());
        self.new_slice(CharRange::new(start, e)) == word
            && (e == word.len()
                || start == 0
                || self.new.get(start - 1).is_some_and(|c| c.is_whitespace())
                || word.len() == t.quote.len())
    }

    /// Whether the text around `r` is the target's context, char for char.
    pub(super) fn context_exact(&self, t: &Target, r: CharRange) -> bool {
        let before = self.framed((r.start + 1).saturating_sub(t.prefix.len()), r.start + 1);
        let after = self.framed(r.end + 1, r.end + 1 + t.suffix.len());
        before == t.prefix.as_slice() && after == t.suffix.as_slice()
    }

    /// Every match of the target starting within a window around `expected`, scored by the
    /// edits it needs: to the quote, and to the context on each side (bit-parallel Myers).
    /// Ends are tried from the most promising (least edits to the quote and suffix) on, until
    /// none left can come near the best.
    pub(super) fn offer_near(&self, t: &Target, expected: usize, best: &mut Best) {
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
    pub(super) fn offer_exact_everywhere(&self, t: &Target, best: &mut Best) {
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
    pub(super) fn prefix_cost_at(&self, t: &Target, s: usize) -> usize {
        let rev_prefix: Vec<char> = t.prefix.iter().rev().copied().collect();
        let text: Vec<char> = self.framed((s + 1).saturating_sub(2 * t.prefix.len()), s + 1).iter().rev().copied().collect();
        myers(&rev_prefix, &text, true).into_iter().min().unwrap_or(usize::MAX).min(t.prefix.len())
    }

    /// The least edits turning the target's suffix into a text starting just after `e`.
    pub(super) fn suffix_cost_at(&self, t: &Target, e: usize) -> usize {
        let text = self.framed(e + 1, e + 1 + 2 * t.suffix.len());
        myers(&t.suffix, text, true).into_iter().min().unwrap_or(usize::MAX).min(t.suffix.len())
    }

    /// Occurrences in the whole text: through the word index when the quote holds a whole word
    /// (its first, when it begins one, as almost every annotation does; else the first word
    /// that begins and ends inside it), else by scanning.
    pub(super) fn occurrences_everywhere(&self, t: &Target, limit: usize) -> Vec<CharRange> {
        let quote = &t.quote;
        let Some((offset, word)) = whole_word_in(t) else {
            let exact: String = quote.iter().collect();
            return self.occurrences(&exact, quote.len(), CharRange::new(0, self.new.len()), limit);
        };
        let index = self.word_starts.get_or_init(|| {
            let mut map: FastMap<u64, Vec<usize>> = FastMap::default();
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
        let mut out = Vec::new();
        for &w in index.get(&hash_of(word)).into_iter().flatten() {
            let Some(s) = w.checked_sub(offset) else { continue };
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

    pub(super) fn occurrences(&self, exact: &str, len: usize, within: CharRange, limit: usize) -> Vec<CharRange> {
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

/// A whole word of the target's quote (whitespace, or the text's edge, on both sides in every
/// place the quote occurs) and where it starts in the quote: the first word when the quote
/// begins one, else the first word that begins and ends inside the quote.
fn whole_word_in(t: &Target) -> Option<(usize, &[char])> {
    let quote = t.quote.as_slice();
    let first_end = quote.iter().position(|c| c.is_whitespace());
    let starts_word = t.prefix.last().is_none_or(|c| c.is_whitespace());
    let first_whole = first_end.is_some() || t.suffix.first().is_none_or(|c| c.is_whitespace());
    if starts_word && first_whole && first_end != Some(0) && !quote.is_empty() {
        return Some((0, quote.get(..first_end.unwrap_or(quote.len()))?));
    }
    // A word after a space of the quote and before another.
    let mut start = None;
    for (i, _) in quote.iter().enumerate().filter(|(_, c)| c.is_whitespace()) {
        match start {
            Some(s) if i > s => return Some((s, quote.get(s..i)?)),
            _ => start = Some(i + 1),
        }
    }
    None
}
