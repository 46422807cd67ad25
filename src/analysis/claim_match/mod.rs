//! Claim matching: which claims of different documents are the same claim. A quote repeated
//! verbatim or near verbatim shares five-word shingles (whatever its punctuation and quote
//! marks); a paraphrase shares named entities, numbers and dates ("about 10,000 of its
//! military" / "some 10,000 North Korean soldiers"). Candidates come from an inverted index
//! ([`index`]), never from every pair, so a thousand articles match in well under a second;
//! [`match_all_pairs`] is the naive comparison the benchmark measures against. Pure: texts in,
//! index pairs out; [`crate::ops::matching`] turns them into link proposals.

pub mod features;
pub mod index;
pub mod score;

pub use features::{Fingerprint, Frequencies};
pub use score::MatchKind;

use chrono::NaiveDate;
use std::collections::HashSet;

/// The score at or above which a pair is proposed.
pub const DEFAULT_THRESHOLD: f32 = 0.5;

/// One claim's text as matching sees it.
#[derive(Clone, Copy, Debug)]
pub struct ClaimText<'a> {
    /// Which document it is in (any number that tells documents apart).
    pub document: usize,
    /// What is claimed.
    pub text: &'a str,
    /// The document's publication date, for relative dates.
    pub published: Option<NaiveDate>,
}

/// Two claims found to be one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    /// The first claim (index into the input), `a < b`.
    pub a: usize,
    /// The second claim.
    pub b: usize,
    /// How alike they are, 0..=1.
    pub score: f32,
    /// Why.
    pub kind: MatchKind,
}

/// The fingerprints of the claims, in order.
pub fn fingerprints(claims: &[ClaimText<'_>]) -> Vec<Fingerprint> {
    claims.iter().map(|c| Fingerprint::of(c.text, c.published)).collect()
}

/// The matches at or above `threshold` between claims of different documents, best first;
/// each claim is matched to at most one claim of each other document (its best).
pub fn match_claims(claims: &[ClaimText<'_>], threshold: f32) -> Vec<Match> {
    let prints = fingerprints(claims);
    let documents: Vec<usize> = claims.iter().map(|c| c.document).collect();
    let frequencies = Frequencies::of(&prints);
    let scored = index::candidates(&prints, &documents).into_iter().filter_map(|(a, b)| {
        let (a, b) = (a as usize, b as usize);
        let (score, kind) = score::score(prints.get(a)?, prints.get(b)?, &frequencies)?;
        Some(Match { a, b, score, kind })
    });
    best_per_document(claims, scored.filter(|m| m.score >= threshold).collect())
}

/// What [`match_claims`] finds, by scoring every pair of claims: the benchmark's baseline and
/// the tests' check that the index misses nothing it should find.
pub fn match_all_pairs(claims: &[ClaimText<'_>], threshold: f32) -> Vec<Match> {
    let prints = fingerprints(claims);
    let frequencies = Frequencies::of(&prints);
    let mut found = Vec::new();
    for (a, pa) in prints.iter().enumerate() {
        for (b, pb) in prints.iter().enumerate().skip(a + 1) {
            if claims.get(a).map(|c| c.document) == claims.get(b).map(|c| c.document) {
                continue;
            }
            if let Some((score, kind)) = score::score(pa, pb, &frequencies).filter(|s| s.0 >= threshold) {
                found.push(Match { a, b, score, kind });
            }
        }
    }
    best_per_document(claims, found)
}

/// Best first (ties by position); a pair is kept only while neither claim has a better partner
/// in the other's document.
fn best_per_document(claims: &[ClaimText<'_>], mut found: Vec<Match>) -> Vec<Match> {
    found.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    let document = |i: usize| claims.get(i).map_or(usize::MAX, |c| c.document);
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    found.retain(|m| {
        let fresh = !taken.contains(&(m.a, document(m.b))) && !taken.contains(&(m.b, document(m.a)));
        if fresh {
            taken.insert((m.a, document(m.b)));
            taken.insert((m.b, document(m.a)));
        }
        fresh
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(document: usize, text: &str) -> ClaimText<'_> {
        ClaimText { document, text, published: None }
    }

    #[test]
    fn claims_of_one_document_are_never_paired_and_each_claim_gets_its_best_partner() {
        let quote = "We are going to build a wall and Mexico is going to pay for it";
        let claims = [
            claim(0, quote),
            claim(0, quote),
            claim(1, "“We are going to build a wall, and Mexico is going to pay for it.”"),
            claim(1, "we are going to build a wall and Mexico is going to pay for it, believe me, folks, a lot"),
            claim(2, "the weather was fine"),
        ];
        let found = match_claims(&claims, DEFAULT_THRESHOLD);
        assert!(found.iter().all(|m| claims[m.a].document != claims[m.b].document));
        assert!(found.iter().any(|m| (m.a, m.b) == (0, 2) && m.kind == MatchKind::Verbatim), "{found:?}");
        assert!(!found.iter().any(|m| m.a == 0 && m.b == 3), "claim 0 already has its best partner in document 1");
        assert_eq!(found, match_all_pairs(&claims, DEFAULT_THRESHOLD));
    }
}
