//! Lexicons and tagger weights learned from `PolNeAR` train, shipped as small text files under
//! `data/`. The tagger weights (`data/tagger.model`) are written by
//! [`crate::analysis::attribution::training`] (`claimlens train-suggester`).
//!
//! Words are keyed by a 64-bit hash of their lower-cased form so that the hot path of the
//! suggester never allocates.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// Per-word counts from the training corpus: how often the word was (part of) a role span, and
/// how often it occurred at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordStats {
    /// Occurrences inside a span of the role (Cue for the cue lexicon, Source head for heads).
    pub hits: u32,
    /// All occurrences in the training texts.
    pub total: u32,
}

impl WordStats {
    /// Smoothed ratio hits / total, pulled towards zero for rare words.
    pub fn ratio(self) -> f32 {
        self.hits as f32 / (self.total as f32 + 1.0)
    }
}

/// Number of tags of the sequence tagger: O, then Begin / Inside of Source, Cue and Content.
pub const TAGS: usize = 7;

/// A hasher for keys that are already well-mixed hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Hash map keyed by pre-hashed values.
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Learned data: cue lexicon (by word and by crude stem), source head nouns, tagger weights.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Cue statistics by lower-cased word hash.
    pub cue_words: IdMap<u64, WordStats>,
    /// Cue statistics by stem hash (aggregated over the inflections seen in training).
    pub cue_stems: IdMap<u64, WordStats>,
    /// Source head statistics by lower-cased word hash.
    pub heads: IdMap<u64, WordStats>,
    /// Tagger feature weights, one per tag.
    pub weights: WeightTable,
    /// Tag transition weights; row `TAGS` is the start state.
    pub trans: [[f32; TAGS]; TAGS + 1],
}

/// Feature weights in a compact open-addressing table: keys and quantised weights in separate
/// arrays, so that the (mostly missing) look-ups of the tagger's hot loop stay in cache, and a
/// bit per 16 slots' worth of hash values in front (a one-hash Bloom filter) that turns most
/// missing features away before they touch the keys.
#[derive(Debug, Default)]
pub struct WeightTable {
    /// One bit per value of a key's top bits: set when some stored key has them.
    filter: Vec<u64>,
    /// How far to shift a key right to get its filter bit.
    filter_shift: u32,
    keys: Vec<u32>,
    vals: Vec<[i16; TAGS]>,
    mask: usize,
    /// Multiplier from the stored integers to weights.
    pub scale: f32,
}

impl WeightTable {
    fn build(entries: &[(u32, [i16; TAGS])], scale: f32) -> Self {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        // 8 filter bits per slot: about one in sixteen missing features gets past the filter.
        let bits = (cap * 8).min(1 << 31);
        let filter_shift = 32 - bits.trailing_zeros();
        let mut t = WeightTable {
            filter: vec![0; bits.div_ceil(64)],
            filter_shift,
            keys: vec![0; cap],
            vals: vec![[0; TAGS]; cap],
            mask: cap - 1,
            scale,
        };
        for &(k, v) in entries {
            let k = k.max(1);
            let bit = (k >> filter_shift) as usize;
            if let Some(word) = t.filter.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
            let mut i = k as usize & t.mask;
            while let Some(&slot) = t.keys.get(i) {
                if slot == 0 || slot == k {
                    break;
                }
                i = (i + 1) & t.mask;
            }
            if let (Some(slot), Some(val)) = (t.keys.get_mut(i), t.vals.get_mut(i)) {
                *slot = k;
                *val = v;
            }
        }
        t
    }

    /// The stored integer weights of feature `k` (multiply by `scale`).
    #[inline]
    pub fn get(&self, k: u32) -> Option<&[i16; TAGS]> {
        let k = k.max(1);
        let bit = (k >> self.filter_shift) as usize;
        if self.filter.get(bit / 64).is_none_or(|w| w >> (bit % 64) & 1 == 0) {
            return None;
        }
        let mut i = k as usize & self.mask;
        loop {
            match self.keys.get(i) {
                Some(&slot) if slot == k => return self.vals.get(i),
                Some(&0) | None => return None,
                Some(_) => i = (i + 1) & self.mask,
            }
        }
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.keys.iter().filter(|&&k| k != 0).count()
    }

    /// True when the table holds no feature.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

const CUE_DATA: &str = include_str!("data/cue_lexicon.tsv");
const HEAD_DATA: &str = include_str!("data/source_heads.tsv");
const MODEL_DATA: &str = include_str!("data/tagger.model");

/// The shipped lexicon, parsed once.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::parse(CUE_DATA, HEAD_DATA, MODEL_DATA))
}

/// The shipped cue and source-head lexicons with another tagger model (in the format of
/// `data/tagger.model`): what the trainer scores a candidate model with.
pub fn with_model(model: &str) -> Lexicon {
    Lexicon::parse(CUE_DATA, HEAD_DATA, model)
}

/// FNV-1a over the lower-cased characters of a word.
pub fn hash_lower(chars: impl Iterator<Item = char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        for l in c.to_lowercase() {
            h = (h ^ u64::from(u32::from(l))).wrapping_mul(0x0100_0000_01b3);
        }
    }
    mix(h)
}

/// A strong 64-bit mixer (splitmix64 finaliser).
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("thought", "think"),
    ("knew", "know"),
    ("known", "know"),
    ("saw", "see"),
    ("seen", "see"),
    ("felt", "feel"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("gave", "give"),
    ("given", "give"),
    ("made", "make"),
    ("held", "hold"),
    ("found", "find"),
    ("heard", "hear"),
    ("meant", "mean"),
    ("sought", "seek"),
    ("taught", "teach"),
    ("read", "read"),
    ("put", "put"),
    ("led", "lead"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("foresaw", "foresee"),
    ("understood", "understand"),
];

/// Crude stem of a lower-cased word: irregular forms, then -ies/-ing/-ed/-es/-s stripping.
pub fn stem(lower: &str) -> &str {
    if let Some((_, s)) = IRREGULAR.iter().find(|(w, _)| *w == lower) {
        return s;
    }
    let n = lower.len();
    let strip = |suffix: &str, min: usize| -> Option<&str> {
        if n >= min && lower.ends_with(suffix) { lower.get(..n - suffix.len()) } else { None }
    };
    if let Some(s) = strip("ing", 6) {
        return s.strip_suffix('e').unwrap_or(s);
    }
    if let Some(s) = strip("ied", 5) {
        return s;
    }
    if let Some(s) = strip("ies", 5) {
        return s;
    }
    if let Some(s) = strip("ed", 5) {
        return s.strip_suffix('e').unwrap_or(s);
    }
    if lower.ends_with("ss") || lower.ends_with("us") || lower.ends_with("is") {
        return lower;
    }
    if let Some(s) = strip("es", 5)
        && (s.ends_with("ch") || s.ends_with("sh") || s.ends_with('x'))
    {
        return s;
    }
    if let Some(s) = strip("s", 4) {
        return s.strip_suffix('e').unwrap_or(s);
    }
    lower.strip_suffix('e').filter(|s| s.len() >= 3).unwrap_or(lower)
}

/// Hash of the stem of a word (see [`stem`]).
pub fn stem_hash(lower: &str) -> u64 {
    hash_lower(stem(lower).chars()) ^ 0x5555
}

/// Parse one tagger model: `scale` line, `T<row>` transition lines, `<hex feature>` weight lines.
fn parse_model(model: &str) -> (WeightTable, [[f32; TAGS]; TAGS + 1]) {
    let mut entries = Vec::new();
    let mut trans = [[0f32; TAGS]; TAGS + 1];
    let mut scale = 1.0f32;
    for line in model.lines() {
        let mut it = line.split('\t');
        let (Some(key), Some(vals)) = (it.next(), it.next()) else { continue };
        let mut w = [0i16; TAGS];
        for (slot, v) in w.iter_mut().zip(vals.split(' ')) {
            *slot = v.parse::<i64>().unwrap_or(0).clamp(i64::from(i16::MIN), i64::from(i16::MAX)) as i16;
        }
        if key == "scale" {
            scale = vals.parse().unwrap_or(1.0);
        } else if let Some(row) = key.strip_prefix('T') {
            if let Some(r) = row.parse::<usize>().ok().and_then(|r| trans.get_mut(r)) {
                for (x, &v) in r.iter_mut().zip(&w) {
                    *x = f32::from(v) * scale;
                }
            }
        } else if let Ok(k) = u32::from_str_radix(key, 16) {
            entries.push((k, w));
        }
    }
    (WeightTable::build(&entries, scale), trans)
}

fn parse_stats(data: &str) -> Vec<(&str, WordStats)> {
    data.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split('\t');
            let w = it.next()?;
            let hits = it.next()?.parse().ok()?;
            let total = it.next()?.parse().ok()?;
            Some((w, WordStats { hits, total }))
        })
        .collect()
}

impl Lexicon {
    /// Parse the data files (cue lexicon, source heads, tagger model); malformed lines are skipped.
    pub fn parse(cues: &str, heads: &str, model: &str) -> Self {
        let mut lex = Lexicon::default();
        for (w, st) in parse_stats(cues) {
            lex.cue_words.insert(hash_lower(w.chars()), st);
            let e = lex.cue_stems.entry(stem_hash(w)).or_default();
            e.hits += st.hits;
            e.total += st.total;
        }
        for (w, st) in parse_stats(heads) {
            lex.heads.insert(hash_lower(w.chars()), st);
        }
        (lex.weights, lex.trans) = parse_model(model);
        lex
    }

    /// Cue statistics of a word given its lower-case hash.
    pub fn cue(&self, h: u64) -> Option<WordStats> {
        self.cue_words.get(&h).copied()
    }

    /// Source-head statistics of a word given its lower-case hash.
    pub fn head(&self, h: u64) -> Option<WordStats> {
        self.heads.get(&h).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("said"), "say");
        assert_eq!(stem("saying"), "say");
        assert_eq!(stem("announced"), "announc");
        assert_eq!(stem("announces"), "announc");
        assert_eq!(stem("announce"), "announc");
        assert_eq!(stem("claims"), "claim");
        assert_eq!(stem("claimed"), "claim");
        assert_eq!(stem("replies"), "repl");
        assert_eq!(stem("replied"), "repl");
    }

    #[test]
    fn hash_is_case_insensitive() {
        assert_eq!(hash_lower("Said".chars()), hash_lower("said".chars()));
        assert_ne!(hash_lower("said".chars()), hash_lower("says".chars()));
    }

    #[test]
    fn shipped_lexicon_knows_said() {
        let lex = lexicon();
        let said = lex.cue(hash_lower("said".chars())).unwrap_or_default();
        assert!(said.hits > 1000 && said.ratio() > 0.5, "{said:?}");
        let spokesman = lex.head(hash_lower("spokesman".chars())).unwrap_or_default();
        assert!(spokesman.hits > 0);
    }
}
