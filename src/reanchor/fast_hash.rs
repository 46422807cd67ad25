//! A fast hash for re-anchoring's own keys (lines, word trigrams, words, and maps keyed by those
//! hashes): `FxHash`'s step per value and `MurmurHash3`'s finaliser, so nearby inputs spread over
//! all 64 bits. Not for untrusted keys chosen to collide: the inputs are the user's own texts.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher: one multiply per value written.
#[derive(Clone, Copy, Default)]
pub(super) struct FastHasher(u64);

impl FastHasher {
    const fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // MurmurHash3's fmix64.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A hash map with [`FastHasher`].
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// The hash of a value.
pub(super) fn hash_of<T: Hash + ?Sized>(t: &T) -> u64 {
    let mut h = FastHasher::default();
    t.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_words_and_orders_hash_differently() {
        let words = ["the", "then", "they", "he", "she", "said", "says", "sad"];
        let chars: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
        let mut seen = std::collections::HashSet::new();
        for a in &chars {
            for b in &chars {
                assert!(seen.insert(hash_of(&[a.as_slice(), b.as_slice()])), "{a:?} {b:?} collide");
            }
        }
    }
}
