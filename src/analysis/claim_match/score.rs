//! How alike two claims are, from their [`Fingerprint`]s: the share of the shorter claim's
//! five-word shingles the other has (a quote repeated verbatim or near verbatim), else, for a
//! paraphrase, the share of named entities, numbers and dates they have in common together
//! with their content words. Scores are in 0..=1.

use super::features::{Fingerprint, Frequencies};
use serde::Serialize;

/// Shingles two claims must share before they count as one quote: seven words in a row.
pub const MIN_SHARED_SHINGLES: usize = 3;

/// The shingle share above which a quote counts as verbatim.
const VERBATIM_SHARE: f32 = 0.9;

/// Evidence (see [`Frequencies::evidence`]) at which a match counts in full: three shingles or
/// facts no other claim holds, or more that a few claims hold.
const FULL_EVIDENCE: f32 = 3.0;

/// Named entities a paraphrase must share (besides a number or a day).
const MIN_PARAPHRASE_ENTITIES: usize = 2;

/// Content words a paraphrase must share.
const MIN_PARAPHRASE_WORDS: usize = 4;

/// The Dice coefficient of content words below which two claims are no paraphrase.
const PARAPHRASE_MIN_DICE: f32 = 0.35;

/// Paraphrases never score above this: a shared quote is stronger evidence than shared facts.
const PARAPHRASE_CEILING: f32 = 0.85;

/// Why two claims are taken for one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum MatchKind {
    /// The same words, whatever the punctuation and quote marks.
    Verbatim,
    /// Mostly the same words: a quote shortened, extended or slightly edited.
    NearVerbatim,
    /// Other words, the same named entities, numbers and dates.
    Paraphrase,
}

impl MatchKind {
    /// The lower-case name printed by `claimlens match`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Verbatim => "verbatim",
            Self::NearVerbatim => "near-verbatim",
            Self::Paraphrase => "paraphrase",
        }
    }
}

/// The values two sorted, deduplicated lists share, in order.
pub fn shared_values<'a>(a: &'a [u64], b: &'a [u64]) -> impl Iterator<Item = u64> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(*x);
                }
            }
        }
        None
    })
}

/// How many values two sorted lists share, and how much that says ([`Frequencies::evidence`] summed).
fn shared(a: &[u64], b: &[u64], frequencies: &Frequencies) -> (usize, f32) {
    shared_values(a, b).fold((0, 0.0), |(n, e), v| (n + 1, e + frequencies.evidence(v)))
}

/// `part` of the smaller of two counts, 0 when either is empty.
fn share(part: usize, a: usize, b: usize) -> f32 {
    let least = a.min(b);
    if least == 0 { 0.0 } else { part as f32 / least as f32 }
}

/// The score and kind of two claims, or `None` when they are not the same claim by either
/// measure. `frequencies` are those of the collection the two belong to.
pub fn score(a: &Fingerprint, b: &Fingerprint, frequencies: &Frequencies) -> Option<(f32, MatchKind)> {
    let quote = quote_score(a, b, frequencies);
    let paraphrase = paraphrase_score(a, b, frequencies);
    match (quote, paraphrase) {
        (Some(q), Some(p)) if p > q.0 => Some((p, MatchKind::Paraphrase)),
        (Some(q), _) => Some(q),
        (None, Some(p)) => Some((p, MatchKind::Paraphrase)),
        (None, None) => None,
    }
}

/// The share of the shorter claim's shingles the other has, scaled down while the shared
/// shingles are few or common (a set phrase, not a quote).
fn quote_score(a: &Fingerprint, b: &Fingerprint, frequencies: &Frequencies) -> Option<(f32, MatchKind)> {
    let (n, evidence) = shared(&a.shingles, &b.shingles, frequencies);
    if n < MIN_SHARED_SHINGLES {
        return None;
    }
    let contained = share(n, a.shingles.len(), b.shingles.len());
    let kind = if contained >= VERBATIM_SHARE { MatchKind::Verbatim } else { MatchKind::NearVerbatim };
    Some((contained * (evidence / FULL_EVIDENCE).min(1.0), kind))
}

/// Shared facts (entities with a number or a day) and content words, as a Dice coefficient,
/// scaled down while what they share is common.
fn paraphrase_score(a: &Fingerprint, b: &Fingerprint, frequencies: &Frequencies) -> Option<f32> {
    let (entities, entity_evidence) = shared(&a.entities, &b.entities, frequencies);
    let (numbers, number_evidence) = shared(&a.numbers, &b.numbers, frequencies);
    let (days, day_evidence) = shared(&a.dates, &b.dates, frequencies);
    if entities < MIN_PARAPHRASE_ENTITIES || numbers + days == 0 {
        return None;
    }
    let (words, word_evidence) = shared(&a.words, &b.words, frequencies);
    let dice = 2.0 * words as f32 / (a.words.len() + b.words.len()).max(1) as f32;
    if words < MIN_PARAPHRASE_WORDS || dice < PARAPHRASE_MIN_DICE {
        return None;
    }
    let evidence = entity_evidence + number_evidence + day_evidence + word_evidence;
    Some(PARAPHRASE_CEILING * dice.min(1.0) * (evidence / FULL_EVIDENCE).min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(text: &str) -> Fingerprint {
        Fingerprint::of(text, chrono::NaiveDate::from_ymd_opt(2024, 11, 5))
    }

    /// Scores with every feature held by the two claims alone.
    fn score(a: &Fingerprint, b: &Fingerprint) -> Option<(f32, MatchKind)> {
        super::score(a, b, &Frequencies::default())
    }

    #[test]
    fn a_repeated_quote_is_verbatim_and_an_edited_one_near_verbatim() {
        let original = fp("“We are going to build a wall, and Mexico is going to pay for it,” Trump said.");
        let same = fp("\"We are going to build a wall and Mexico is going to pay for it\"");
        assert_eq!(score(&original, &same).map(|s| s.1), Some(MatchKind::Verbatim));
        let edited =
            fp("We are going to build a wall, a big beautiful wall, and believe me Mexico is going to pay for it and more");
        let (s, kind) = score(&original, &edited).unwrap();
        assert_eq!(kind, MatchKind::NearVerbatim);
        assert!(s > 0.3 && s < 0.9, "{s}");
    }

    #[test]
    fn a_paraphrase_shares_entities_numbers_and_dates() {
        let a = fp("about 10,000 North Korean troops have been sent to Russia's Kursk region");
        let b = fp("North Korea sent some 10,000 troops to the Kursk region of Russia");
        assert_eq!(score(&a, &b).map(|s| s.1), Some(MatchKind::Paraphrase));
        let other = fp("Russia has sent 10,000 tanks to the border, officials said");
        assert!(score(&a, &other).is_none_or(|s| s.0 < score(&a, &b).unwrap().0));
        assert_eq!(score(&a, &fp("the weather in Paris was fine")), None);
    }
}
