//! Lines of the old and new text and where each old line went: unchanged lines by content,
//! changed ones to the new line sharing the most word trigrams, first where its neighbours went.

use super::diff::diff_runs;
use super::fast_hash::FastMap;
pub(super) use super::fast_hash::hash_of;
use crate::anchor::CharRange;

/// Where an old line went.
#[derive(Clone, Debug)]
pub(super) enum LineMap {
    /// Unchanged, now starting at this char.
    Same(usize),
    /// Changed: paired with new line `usize`, with the equal runs of a char diff (old local
    /// start, new local start, length), if the diff was affordable.
    Changed(usize, Option<Vec<(usize, usize, usize)>>),
    /// Gone (deleted or rewritten beyond recognition).
    Gone,
}

/// Lines of a text (split at `\n`), as char ranges.
pub(super) fn lines(chars: &[char]) -> Vec<CharRange> {
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

pub(super) fn slice(chars: &[char], r: CharRange) -> &[char] {
    chars.get(r.start.min(r.end)..r.end.min(chars.len())).unwrap_or_default()
}

/// Hashes of the word trigrams of a line.
pub(super) fn trigrams(line: &[char]) -> Vec<u64> {
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
pub(super) const MAX_DIFF_CHARS: usize = 200_000;
/// Most edits the char diff looks for between two versions of a line.
pub(super) const MAX_DIFF_EDITS: usize = 400;

/// Pairs every old line with where it is now; also returns, for every new line, the old line
/// it is the unchanged version of (if any).
pub(super) fn map_lines(
    old: &[char],
    new: &[char],
    old_lines: &[CharRange],
    new_lines: &[CharRange],
) -> (Vec<LineMap>, Vec<Option<usize>>) {
    let old_h: Vec<u64> = old_lines.iter().map(|l| hash_of(slice(old, *l))).collect();
    let new_h: Vec<u64> = new_lines.iter().map(|l| hash_of(slice(new, *l))).collect();
    let pair = pair_unchanged(&old_h, &new_h);
    let by_gram = free_line_trigrams(new, new_lines, &pair);
    let mut maps = Vec::with_capacity(old_lines.len());
    // The new line each old line went to, as far as known.
    let mut new_of: Vec<Option<usize>> = Vec::with_capacity(old_lines.len());
    for (i, l) in old_lines.iter().enumerate() {
        if let Some(Some(j)) = pair.get(i) {
            maps.push(LineMap::Same(new_lines.get(*j).map_or(0, |n| n.start)));
            new_of.push(Some(*j));
            continue;
        }
        let best = pair_changed(slice(old, *l), i, &pair, &new_of, &by_gram);
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

/// The unchanged lines: for every old line (by its hash), the new line it is, if any.
fn pair_unchanged(old_h: &[u64], new_h: &[u64]) -> Vec<Option<usize>> {
    let mut new_count: FastMap<u64, (usize, usize)> = FastMap::default();
    for (j, h) in new_h.iter().enumerate() {
        new_count.entry(*h).or_insert((0, j)).0 += 1;
    }
    let mut old_count: FastMap<u64, usize> = FastMap::default();
    for h in old_h {
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
    pair
}

/// The word trigrams of the new lines no unchanged old line took: trigram -> new lines.
fn free_line_trigrams(new: &[char], new_lines: &[CharRange], pair: &[Option<usize>]) -> FastMap<u64, Vec<usize>> {
    let mut new_taken = vec![false; new_lines.len()];
    for j in pair.iter().flatten() {
        if let Some(t) = new_taken.get_mut(*j) {
            *t = true;
        }
    }
    let mut by_gram: FastMap<u64, Vec<usize>> = FastMap::default();
    for (j, l) in new_lines.iter().enumerate() {
        if !new_taken.get(j).copied().unwrap_or(true) {
            for g in trigrams(slice(new, *l)) {
                by_gram.entry(g).or_default().push(j);
            }
        }
    }
    by_gram
}

/// The free new line a changed old line `i` went to: the one sharing at least half its word
/// trigrams where its neighbours say it is, else one clearly sharing the most.
fn pair_changed(
    line: &[char],
    i: usize,
    pair: &[Option<usize>],
    new_of: &[Option<usize>],
    by_gram: &FastMap<u64, Vec<usize>>,
) -> Option<usize> {
    let grams = trigrams(line);
    let mut votes: FastMap<usize, usize> = FastMap::default();
    for g in &grams {
        for j in by_gram.get(g).into_iter().flatten() {
            *votes.entry(*j).or_default() += 1;
        }
    }
    let enough = |n: usize| n * 2 >= grams.len().max(1);
    // Where its neighbours say it is: after the line before, or before the line after.
    let after_previous = i.checked_sub(1).and_then(|p| new_of.get(p).copied().flatten()).map(|j| j + 1);
    let before_next = pair.get(i + 1).copied().flatten().and_then(|j| j.checked_sub(1));
    let by_neighbours = [after_previous, before_next].into_iter().flatten().find(|j| votes.get(j).is_some_and(|&n| enough(n)));
    let mut ranked: Vec<(usize, usize)> = votes.into_iter().map(|(j, n)| (n, j)).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    // Elsewhere (a moved paragraph): only a line clearly sharing the most.
    let by_votes = match ranked.as_slice() {
        [(n, j), rest @ ..] if enough(*n) && rest.first().is_none_or(|(m, _)| m < n) => Some(*j),
        _ => None,
    };
    by_neighbours.or(by_votes)
}
