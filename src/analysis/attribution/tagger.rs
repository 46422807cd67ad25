//! The perceptron tagger: BIO model tags, emission scores and Viterbi decoding per paragraph.

use super::{Featurized, TAGS, lexicon};

/// Role indices (the tagger's model tags are BIO-encoded over these, see [`role_of`]).
pub const TAG_O: usize = 0;
/// Source role.
pub const TAG_SOURCE: usize = 1;
/// Cue role.
pub const TAG_CUE: usize = 2;
/// Content role.
pub const TAG_CONTENT: usize = 3;

/// The role of a model tag: tag 0 is outside, `2r-1` begins and `2r` continues a span of role `r`.
pub const fn role_of(tag: usize) -> usize {
    tag.div_ceil(2)
}

/// Whether a model tag begins a span.
pub const fn begins(tag: usize) -> bool {
    tag % 2 == 1
}

/// The model tag for a role, beginning a span or continuing one.
pub const fn model_tag(role: usize, begin: bool) -> usize {
    if role == TAG_O {
        TAG_O
    } else if begin {
        2 * role - 1
    } else {
        2 * role
    }
}

/// Whether model tag `t` may follow `prev` (`None` at the start): a continuing tag needs its role before it.
pub(super) const fn allowed(prev: Option<usize>, t: usize) -> bool {
    if t == 0 || begins(t) {
        return true;
    }
    match prev {
        Some(p) => p != 0 && role_of(p) == role_of(t),
        None => false,
    }
}

/// Emission scores of every token under the given weights.
#[allow(clippy::implicit_hasher)]
pub fn emissions(f: &Featurized, weights: &lexicon::IdMap<u32, [f32; TAGS]>) -> Vec<[f32; TAGS]> {
    (0..f.tokens.len())
        .map(|i| {
            let mut s = [0f32; TAGS];
            for h in f.of(i) {
                if let Some(w) = weights.get(h) {
                    for (a, b) in s.iter_mut().zip(w) {
                        *a += b;
                    }
                }
            }
            s
        })
        .collect()
}

/// Emission scores of every token under the shipped weight table.
pub(super) fn table_emissions(f: &Featurized, table: &lexicon::WeightTable) -> Vec<[f32; TAGS]> {
    (0..f.tokens.len()).map(|i| table_emission(f.of(i), table)).collect()
}

/// Emission scores of one token with feature hashes `hashes` under the shipped weight table.
pub(super) fn table_emission(hashes: &[u32], table: &lexicon::WeightTable) -> [f32; TAGS] {
    let mut s = [0i32; TAGS];
    for &h in hashes {
        if let Some(w) = table.get(h) {
            for (a, &b) in s.iter_mut().zip(w) {
                *a += i32::from(b);
            }
        }
    }
    s.map(|x| x as f32 * table.scale)
}

/// Viterbi decoding of tokens `a..b` given emission scores and transitions.
pub fn viterbi(em: &[[f32; TAGS]], trans: &[[f32; TAGS]; TAGS + 1], a: usize, b: usize, out: &mut Vec<usize>) {
    let len = b.saturating_sub(a);
    let mut back: Vec<[u8; TAGS]> = vec![[0; TAGS]; len];
    let mut score = [f32::NEG_INFINITY; TAGS];
    let start = trans.get(TAGS).copied().unwrap_or([0.0; TAGS]);
    let e0 = em.get(a).copied().unwrap_or([0.0; TAGS]);
    for t in 0..TAGS {
        if let (Some(s), Some(x), Some(y)) = (score.get_mut(t), start.get(t), e0.get(t))
            && allowed(None, t)
        {
            *s = x + y;
        }
    }
    for i in 1..len {
        let e = em.get(a + i).copied().unwrap_or([0.0; TAGS]);
        let mut next = [f32::NEG_INFINITY; TAGS];
        let mut bp = [0u8; TAGS];
        for (t, (nx, bpt)) in next.iter_mut().zip(bp.iter_mut()).enumerate() {
            for (p, (&sp, row)) in score.iter().zip(trans.iter()).enumerate() {
                if !allowed(Some(p), t) {
                    continue;
                }
                let v = sp + row.get(t).copied().unwrap_or(0.0);
                if v > *nx {
                    *nx = v;
                    *bpt = p as u8;
                }
            }
            *nx += e.get(t).copied().unwrap_or(0.0);
        }
        score = next;
        if let Some(x) = back.get_mut(i) {
            *x = bp;
        }
    }
    let mut best = 0usize;
    for t in 1..TAGS {
        if score.get(t) > score.get(best) {
            best = t;
        }
    }
    let base = out.len();
    out.resize(base + len, 0);
    for i in (0..len).rev() {
        if let Some(x) = out.get_mut(base + i) {
            *x = best;
        }
        best = back.get(i).and_then(|r| r.get(best)).map_or(0, |&v| usize::from(v));
    }
}

/// Decode every paragraph.
pub fn decode(f: &Featurized, em: &[[f32; TAGS]], trans: &[[f32; TAGS]; TAGS + 1]) -> Vec<usize> {
    let mut tags = Vec::with_capacity(f.tokens.len());
    for &(a, b) in &f.paras {
        viterbi(em, trans, a, b, &mut tags);
    }
    tags
}

/// Tag every token of a featurised text with the shipped model: returns the model (BIO) tags and
/// the emission scores.
pub fn tag(f: &Featurized) -> (Vec<usize>, Vec<[f32; TAGS]>) {
    tag_with(f, lexicon::lexicon())
}

/// Tag every token of a featurised text with the model of `lex`.
pub(super) fn tag_with(f: &Featurized, lex: &lexicon::Lexicon) -> (Vec<usize>, Vec<[f32; TAGS]>) {
    let em = table_emissions(f, &lex.weights);
    let tags = decode(f, &em, &lex.trans);
    (tags, em)
}
