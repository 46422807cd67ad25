//! Candidate pairs without comparing every pair: an inverted index (a sorted list of
//! `(feature, claim)`) over the claims' shingles, and over pairs of a number or date with a
//! named entity (what a paraphrase must share). Claims sharing enough keys become candidates.
//! A key held by very many claims ("the United States of America", a ubiquitous name and
//! number) is no evidence of one claim and is left out, which also keeps the work linear.

use super::features::Fingerprint;
use super::score::MIN_SHARED_SHINGLES;
use std::collections::HashMap;

/// A key held by more claims than this says nothing about which claim is which.
pub const MAX_POSTING: usize = 48;

/// Candidate pairs `(a, b)` with `a < b`, of claims in different documents (`documents[i]` is
/// claim `i`'s document), in no particular order.
pub fn candidates(prints: &[Fingerprint], documents: &[usize]) -> Vec<(u32, u32)> {
    let mut shingles: Vec<(u64, u32)> = Vec::new();
    let mut facts: Vec<(u64, u32)> = Vec::new();
    for (i, p) in prints.iter().enumerate() {
        let i = i as u32;
        shingles.extend(p.shingles.iter().map(|s| (*s, i)));
        for counted in p.numbers.iter().chain(&p.dates) {
            facts.extend(p.entities.iter().map(|e| (counted.rotate_left(17) ^ e, i)));
        }
    }
    let mut counts: HashMap<(u32, u32), u32> = HashMap::new();
    count_shared(&mut shingles, documents, &mut counts);
    let mut out: Vec<(u32, u32)> =
        counts.into_iter().filter(|(_, n)| *n as usize >= MIN_SHARED_SHINGLES).map(|(pair, _)| pair).collect();
    let mut by_facts = HashMap::new();
    count_shared(&mut facts, documents, &mut by_facts);
    out.extend(by_facts.into_keys());
    out.sort_unstable();
    out.dedup();
    out
}

/// Adds one to every pair of claims (of different documents) per key they share.
fn count_shared(postings: &mut [(u64, u32)], documents: &[usize], counts: &mut HashMap<(u32, u32), u32>) {
    postings.sort_unstable();
    for run in postings.chunk_by(|x, y| x.0 == y.0) {
        if run.len() < 2 || run.len() > MAX_POSTING {
            continue;
        }
        for (k, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in run.iter().skip(k + 1) {
                if a != b && documents.get(a as usize) != documents.get(b as usize) {
                    *counts.entry((a.min(b), a.max(b))).or_default() += 1;
                }
            }
        }
    }
}
