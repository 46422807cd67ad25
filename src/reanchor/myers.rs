//! Bit-parallel approximate string matching (Myers 1999, multi-word, Hyyrö's formulation):
//! the edits a quote or its context needs at each place of the new text.

/// Levenshtein distance, by dynamic programming (the reference the bit-parallel one is tested against).
#[cfg(test)]
pub(super) fn levenshtein(a: &[char], b: &[char]) -> usize {
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

pub(super) const WORD: usize = 64;

/// One 64-row block of Myers' bit-vector algorithm (Hyyrö's formulation, as in edlib):
/// advances the block by one text char given the horizontal delta entering at its top.
pub(super) fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, hin: i8) -> i8 {
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
pub(super) fn myers_one_block(peq: &PatternBits, m: usize, text: &[char], anchored: bool) -> Vec<usize> {
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
pub(super) struct PatternBits {
    /// The pattern's length.
    pub(super) len: usize,
    pub(super) blocks: usize,
    /// Masks, `blocks` per distinct char; the first `blocks` are all zero (chars not in the pattern).
    pub(super) masks: Vec<u64>,
    /// Index into `masks` (in units of `blocks`) of each char below 256.
    pub(super) latin: [u32; 256],
    /// The other chars and their index, sorted.
    pub(super) others: Vec<(char, u32)>,
}

impl PatternBits {
    pub(super) fn new(pattern: &[char]) -> Self {
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

    pub(super) fn slot(&self, c: char) -> u32 {
        match usize::try_from(u32::from(c)).ok().and_then(|k| self.latin.get(k)) {
            Some(l) => *l,
            None => self.others.binary_search_by(|(o, _)| o.cmp(&c)).ok().and_then(|i| self.others.get(i)).map_or(0, |o| o.1),
        }
    }

    /// The masks of `c`, one per block.
    pub(super) fn of(&self, c: char) -> &[u64] {
        let from = usize::try_from(self.slot(c)).unwrap_or(usize::MAX).saturating_mul(self.blocks);
        self.masks.get(from..from.saturating_add(self.blocks)).unwrap_or_default()
    }
}

/// [`myers_search`], or with `anchored` the distance to `text[..=j]` (the match must start
/// at the beginning of `text`).
pub(super) fn myers(pattern: &[char], text: &[char], anchored: bool) -> Vec<usize> {
    myers_with(&PatternBits::new(pattern), text, anchored)
}

/// [`myers`] with the pattern's bit masks already built.
pub(super) fn myers_with(peq: &PatternBits, text: &[char], anchored: bool) -> Vec<usize> {
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
