//! The tagger's hashed features of every token.

use super::{Kind, Lexicon, Token, WordStats, hash_lower, lexicon, mix, tokenize};

/// A tokenised text with hashed features per token.
#[derive(Debug, Default)]
pub struct Featurized {
    /// Tokens of the text.
    pub tokens: Vec<Token>,
    /// Paragraphs as token index ranges.
    pub paras: Vec<(usize, usize)>,
    /// Sentences as token index ranges.
    pub sents: Vec<(usize, usize)>,
    /// Feature hashes of all tokens, concatenated.
    pub feats: Vec<u32>,
    /// Token `i`'s features are `feats[offs[i]..offs[i+1]]`.
    pub offs: Vec<usize>,
    /// Whether a token lies inside a quotation.
    pub inq: Vec<bool>,
}

impl Featurized {
    /// Features of token `i`.
    pub fn of(&self, i: usize) -> &[u32] {
        match (self.offs.get(i), self.offs.get(i + 1)) {
            (Some(&a), Some(&b)) => self.feats.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

#[inline]
pub(super) fn fh(template: u64, v: u64) -> u32 {
    mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ v) as u32
}

pub(super) fn bucket(st: Option<WordStats>) -> u64 {
    match st {
        Some(s) if s.total >= 2 => {
            let r = (s.ratio() * 10.0) as u64;
            let f = match s.hits {
                0..=2 => 0,
                3..=19 => 1,
                20..=199 => 2,
                _ => 3,
            };
            1 + r.min(10) * 4 + f
        }
        _ => 0,
    }
}

pub(super) fn dist_bucket(d: usize) -> u64 {
    match d {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        4..=5 => 4,
        6..=9 => 5,
        10..=15 => 6,
        _ => 7,
    }
}

/// Hashes of closed-class words the features and rules look at.
pub(super) struct Words {
    pub(super) that: u64,
    pub(super) according: u64,
    pub(super) to: u64,
    pub(super) comma: u64,
    pub(super) colon: u64,
    pub(super) cited: u64,
    /// [`crate::text::citation_cues::CITING`], hashed.
    pub(super) citing: Vec<Vec<u64>>,
    /// [`crate::text::citation_cues::PUBLISHED`], hashed.
    pub(super) published: Vec<Vec<u64>>,
    /// The first words of [`crate::text::citation_cues::PUBLISHED`] ("published", "posted"), hashed.
    pub(super) publishing: Vec<u64>,
    /// [`crate::text::citation_cues::WEBSITE`], hashed.
    pub(super) website: Vec<u64>,
    /// [`crate::text::citation_cues::STATED_IN`], hashed.
    pub(super) stated_in: Vec<Vec<u64>>,
    pub(super) of: u64,
    pub(super) by: u64,
    pub(super) the: u64,
    pub(super) s: u64,
    pub(super) pronouns: [u64; crate::text::names::TAGGER_PRONOUNS],
    /// Words that open a clause, never a source's name ("When Patrick said …").
    pub(super) clause_openers: Vec<u64>,
}

pub(super) fn words() -> &'static Words {
    static W: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        use crate::text::citation_cues as cues;
        let h = |s: &str| hash_lower(s.chars());
        let phrases = |list: &[&[&str]]| list.iter().map(|p| p.iter().map(|w| h(w)).collect()).collect();
        Words {
            that: h("that"),
            according: h("according"),
            to: h("to"),
            comma: h(","),
            colon: h(":"),
            cited: h("cited"),
            citing: phrases(cues::CITING),
            published: phrases(cues::PUBLISHED),
            publishing: cues::PUBLISHED.iter().filter_map(|p| p.first()).map(|w| h(w)).collect(),
            website: cues::WEBSITE.iter().map(|w| h(w)).collect(),
            stated_in: phrases(cues::STATED_IN),
            of: h("of"),
            by: h("by"),
            the: h("the"),
            s: h("'s"),
            pronouns: std::array::from_fn(|k| crate::text::names::PRONOUNS.get(k).map_or(0, |p| h(p))),
            clause_openers: [
                "when", "as", "after", "before", "while", "if", "because", "although", "though", "since", "until", "once", "and",
                "but", "so",
            ]
            .iter()
            .map(|w| h(w))
            .collect(),
        }
    })
}

/// The number of tokens of the phrase of `phrases` (hashed, as in [`Words`]) that starts at token
/// `k`, if any.
pub(super) fn phrase_at(toks: &[Token], k: usize, phrases: &[Vec<u64>]) -> Option<usize> {
    phrases.iter().find(|p| p.iter().enumerate().all(|(i, h)| toks.get(k + i).is_some_and(|t| t.lower == *h))).map(Vec::len)
}

pub(super) fn strong(lex: &Lexicon, t: &Token) -> bool {
    t.kind == Kind::Word && lex.cue(t.lower).is_some_and(|s| s.hits >= 3 && s.ratio() >= 0.25)
}

/// Tokenise `text` and compute the tagger features of every token.
pub fn featurize(text: &str) -> Featurized {
    let chars: Vec<char> = text.chars().collect();
    featurize_chars(&chars)
}

pub(super) fn ranges(toks: &[Token], key: impl Fn(&Token) -> u32) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    for k in 1..=toks.len() {
        let brk = match (toks.get(k - 1), toks.get(k)) {
            (Some(a), Some(b)) => key(a) != key(b),
            _ => true,
        };
        if brk {
            out.push((s, k));
            s = k;
        }
    }
    out
}

/// Features of one token (templates 0–49; 11 only for words out of the cue lexicon).
const FEATURES_PER_TOKEN: usize = 50;

/// Stands in for a neighbour beyond the paragraph or the text.
const NO_TOKEN: Token = Token {
    start: 0,
    end: 0,
    kind: Kind::Punct,
    lower: 0x1234,
    stem: 0x1234,
    shape: 9,
    first: ' ',
    para: u32::MAX,
    sent: u32::MAX,
};

/// Tokenise `chars` and compute the tagger features of every token.
pub(super) fn featurize_chars(chars: &[char]) -> Featurized {
    featurize_with(chars, lexicon::lexicon())
}

/// Tokenise `chars` and compute the tagger features of every token, with the lexicons of `lex`.
pub(super) fn featurize_with(chars: &[char], lex: &Lexicon) -> Featurized {
    let mut feats = Vec::new();
    let mut offs = Vec::new();
    let mut f = featurize_each(chars, lex, |_, hashes| {
        offs.push(feats.len());
        feats.extend_from_slice(hashes);
    });
    offs.push(feats.len());
    f.feats = feats;
    f.offs = offs;
    f
}

/// Tokenise `chars` and hand each token's feature hashes to `each` (token index, hashes), in
/// order, without keeping them: the returned [`Featurized`] has no `feats` (suggesting scores
/// each token as it goes, and a 20 MB article's features would take 800 MB).
pub(super) fn featurize_each(chars: &[char], lex: &Lexicon, mut each: impl FnMut(usize, &[u32])) -> Featurized {
    let tokens = tokenize(chars);
    let paras = ranges(&tokens, |t| t.para);
    let sents = ranges(&tokens, |t| t.sent);
    let inq = {
        let context = Context::new(&tokens, &paras, &sents, lex);
        let mut hashes: Vec<u32> = Vec::with_capacity(FEATURES_PER_TOKEN * 2);
        let mut sent_idx = 0usize;
        for k in 0..tokens.len() {
            while sents.get(sent_idx).is_some_and(|s| s.1 <= k) {
                sent_idx += 1;
            }
            hashes.clear();
            context.token_features(k, sent_idx, &mut |tid, v| hashes.push(fh(tid, v)));
            each(k, &hashes);
        }
        context.inq
    };
    Featurized { tokens, paras, sents, feats: Vec::new(), offs: Vec::new(), inq }
}

/// What every token's features read: the tokens and the lookups made once per text.
struct Context<'a> {
    tokens: &'a [Token],
    sents: &'a [(usize, usize)],
    w: &'static Words,
    strong: Vec<bool>,
    cue_b: Vec<u64>,
    stem_b: Vec<u64>,
    head_b: Vec<u64>,
    inq: Vec<bool>,
    qctx: Vec<u64>,
    left: Vec<Option<usize>>,
    right: Vec<Option<usize>>,
    /// Commas (and dashes, semicolons) before each token, for clause boundaries.
    commas: Vec<u32>,
    /// Each token's paragraph number within the text and sentence number within the paragraph.
    place: Vec<(u32, u32)>,
}

/// The nearest strong cues of a token within its sentence, as feature values.
#[derive(Clone, Copy)]
struct CueReach {
    left: Option<usize>,
    right: Option<usize>,
    left_dist: u64,
    left_that: u64,
    left_word: u64,
    right_dist: u64,
    right_comma: u64,
    right_word: u64,
}

/// A token and its neighbours within the paragraph.
struct Window<'a> {
    t: &'a Token,
    p1: &'a Token,
    p2: &'a Token,
    p3: &'a Token,
    n1: &'a Token,
    n2: &'a Token,
    n3: &'a Token,
    /// The token's own cue bucket.
    my_cb: u64,
    /// The token's quotation code (0 outside quotations).
    q: u64,
    /// The nearest strong cues.
    reach: CueReach,
}

impl<'a> Context<'a> {
    fn new(tokens: &'a [Token], paras: &[(usize, usize)], sents: &'a [(usize, usize)], lex: &Lexicon) -> Self {
        let w = words();
        let strong_v: Vec<bool> = tokens.iter().map(|t| strong(lex, t)).collect();
        let (inq, qctx) = quotations(tokens, paras, &strong_v, w);
        let (left, right) = nearest_strong_cues(tokens.len(), sents, &strong_v);
        let mut n = 0u32;
        let commas = tokens
            .iter()
            .map(|t| {
                let before = n;
                n += u32::from(t.kind == Kind::Punct && matches!(t.first, ',' | ';' | '\u{2014}' | '\u{2013}' | '(' | ')'));
                before
            })
            .collect();
        let place = places(tokens);
        Context {
            tokens,
            sents,
            w,
            cue_b: tokens.iter().map(|t| bucket(lex.cue(t.lower))).collect(),
            stem_b: tokens.iter().map(|t| bucket(lex.cue_stems.get(&t.stem).copied())).collect(),
            head_b: tokens.iter().map(|t| bucket(lex.head(t.lower))).collect(),
            strong: strong_v,
            inq,
            qctx,
            left,
            right,
            commas,
            place,
        }
    }

    /// Clause boundaries between tokens `a` and `b` (either order), 0 to 3.
    fn boundaries(&self, a: usize, b: usize) -> u64 {
        let (a, b) = (a.min(b), a.max(b));
        let at = |k: usize| self.commas.get(k).copied().unwrap_or(0);
        u64::from(at(b).saturating_sub(at(a + 1)).min(3))
    }

    fn is_strong(&self, k: usize) -> bool {
        self.strong.get(k).copied().unwrap_or(false)
    }

    /// The cue bucket of the token `d` away from `k`.
    fn cue_at(&self, k: usize, d: isize) -> u64 {
        k.checked_add_signed(d).and_then(|j| self.cue_b.get(j)).copied().unwrap_or(0)
    }

    /// The source-head bucket of the token `d` away from `k`.
    fn head_at(&self, k: usize, d: isize) -> u64 {
        k.checked_add_signed(d).and_then(|j| self.head_b.get(j)).copied().unwrap_or(0)
    }

    fn window(&self, k: usize) -> Window<'a> {
        let tokens = self.tokens;
        let t = tokens.get(k).unwrap_or(&NO_TOKEN);
        let get = |d: isize| -> &'a Token {
            let Some(j) = k.checked_add_signed(d) else { return &NO_TOKEN };
            match tokens.get(j) {
                Some(x) if x.para == t.para => x,
                _ => &NO_TOKEN,
            }
        };
        let my_cb = self.cue_at(k, 0);
        let q = self.qctx.get(k).copied().unwrap_or(0);
        let reach = self.cue_reach(k);
        Window { t, p1: get(-1), p2: get(-2), p3: get(-3), n1: get(1), n2: get(2), n3: get(3), my_cb, q, reach }
    }

    fn cue_reach(&self, k: usize) -> CueReach {
        let (w, tokens) = (self.w, self.tokens);
        let left = self.left.get(k).copied().flatten();
        let right = self.right.get(k).copied().flatten();
        let (left_dist, left_that, left_word) = match left {
            Some(j) => {
                let that = tokens.get(j + 1).is_some_and(|x| x.lower == w.that);
                (dist_bucket(k - j), u64::from(that), tokens.get(j).map_or(0, |x| x.lower))
            }
            None => (15, 0, 0),
        };
        let (right_dist, right_comma, right_word) = match right {
            Some(j) => {
                let comma = j > 0 && tokens.get(j - 1).is_some_and(|x| x.lower == w.comma || x.kind == Kind::CloseQuote)
                    || j > 1 && tokens.get(j - 2).is_some_and(|x| x.lower == w.comma || x.kind == Kind::CloseQuote);
                (dist_bucket(j - k), u64::from(comma), tokens.get(j).map_or(0, |x| x.lower))
            }
            None => (15, 0, 0),
        };
        CueReach { left, right, left_dist, left_that, left_word, right_dist, right_comma, right_word }
    }

    /// Pushes token `k`'s features (template id, value), in template order.
    fn token_features(&self, k: usize, sent_idx: usize, push: &mut impl FnMut(u64, u64)) {
        let win = self.window(k);
        let (sa, sb) = self.sents.get(sent_idx).copied().unwrap_or((k, k + 1));
        self.lexical_features(k, &win, push);
        self.reach_features(k, &win, (sa, sb, sent_idx), push);
        self.conjunction_features(k, &win, push);
        self.frame_features(k, &win, (sa, sb, sent_idx), push);
    }

    /// Templates 43–49: clause boundaries to the nearest cues, the cue's frame (what follows or
    /// precedes it), the place in the paragraph and quotation, and cues in the next sentence.
    fn frame_features(&self, k: usize, win: &Window, (sa, sb, sent_idx): (usize, usize, usize), push: &mut impl FnMut(u64, u64)) {
        let Window { t, q, reach, .. } = *win;
        let (w, tokens) = (self.w, self.tokens);
        let (ld, rd) = (reach.left_dist.min(6), reach.right_dist.min(6));
        let lb = reach.left.map_or(4, |j| self.boundaries(j, k));
        let rb = reach.right.map_or(4, |j| self.boundaries(k, j));
        push(43, lb | rb << 3 | ld << 6 | rd << 10 | q << 14);
        let after_left = reach.left.and_then(|j| tokens.get(j + 1)).map_or(12, |x| class(w, x));
        let before_right = reach.right.and_then(|j| j.checked_sub(1)).and_then(|j| tokens.get(j)).map_or(12, |x| class(w, x));
        push(44, reach.left_word ^ (after_left | lb << 4 | ld.min(3) << 7) << 1);
        push(45, reach.right_word ^ (before_right | rb << 4 | rd.min(3) << 7) << 1);
        let (para, sent_in_para) = self.place.get(k).copied().unwrap_or((0, 0));
        push(46, u64::from(para.min(3)) | u64::from(sent_in_para.min(3)) << 2 | q << 4 | u64::from(k == sa) << 8);
        push(47, t.lower ^ (ld.min(4) | rd.min(4) << 3 | lb.min(2) << 6) << 1);
        let next_sent_cue = sb < tokens.len()
            && self.sents.get(sent_idx + 1).is_some_and(|&(na, nb)| (na..nb).any(|j| self.is_strong(j)))
            && tokens.get(sb).is_some_and(|x| x.para == t.para);
        push(
            48,
            u64::from(next_sent_cue) | q << 1 | u64::from(reach.left.is_some()) << 5 | u64::from(reach.right.is_some()) << 6,
        );
        push(49, t.stem ^ (after_left | before_right << 4) << 2);
    }

    /// Templates 0–15: the token, its neighbours, cue and quotation context.
    fn lexical_features(&self, k: usize, win: &Window, push: &mut impl FnMut(u64, u64)) {
        let Window { t, p1, p2, n1, n2, my_cb, q, .. } = *win;
        push(0, 0);
        push(1, t.lower);
        push(2, t.stem);
        push(3, u64::from(t.shape) | ((u64::from(t.first) << 8) * u64::from(t.kind == Kind::Punct)));
        push(4, p1.lower);
        push(5, n1.lower);
        push(6, p2.lower);
        push(7, n2.lower);
        push(8, p1.lower.rotate_left(7) ^ t.lower);
        push(9, t.lower.rotate_left(7) ^ n1.lower);
        push(10, my_cb);
        if my_cb == 0 {
            push(11, self.stem_b.get(k).copied().unwrap_or(0));
        }
        push(12, self.cue_at(k, -1));
        push(13, self.cue_at(k, 1));
        push(14, self.head_b.get(k).copied().unwrap_or(0));
        push(15, q);
    }

    /// Templates 16–30: where the nearest cues are, and the place in the sentence.
    fn reach_features(&self, k: usize, win: &Window, (sa, sb, sent_idx): (usize, usize, usize), push: &mut impl FnMut(u64, u64)) {
        let Window { t, p1, n1, my_cb, q, reach, .. } = *win;
        let pos = u64::from(k == sa) | u64::from(k + 1 == sb) << 1 | u64::from(p1.para != t.para) << 2;
        let (ld, lthat, rd, rcomma) = (reach.left_dist, reach.left_that, reach.right_dist, reach.right_comma);
        push(16, ld | lthat << 4 | cb_of(&self.cue_b, reach.left) << 8);
        push(17, rd | rcomma << 4 | cb_of(&self.cue_b, reach.right) << 8);
        push(18, ld.min(6) | rd.min(6) << 4 | rcomma << 8 | lthat << 9);
        push(19, pos);
        push(20, u64::from(p1.shape) | u64::from(t.shape) << 4 | u64::from(n1.shape) << 8);
        push(21, reach.left_word ^ ld.min(3) << 1);
        push(22, reach.right_word ^ rd.min(3) << 1);
        push(23, t.lower ^ q);
        push(24, ld.min(6) | q << 4 | pos << 8);
        push(25, rd.min(6) | q << 4 | rcomma << 8);
        push(26, u64::from(t.shape) | ld.min(6) << 4 | rd.min(6) << 8);
        push(27, my_cb | q << 8 | u64::from(n1.lower == self.w.that) << 12 | u64::from(n1.kind == Kind::Punct) << 13);
        push(28, p1.lower ^ u64::from(t.shape).rotate_left(9));
        push(29, (k - sa).min(8) as u64 | ((sb - k).min(8) as u64) << 4);
        // Cue in the previous sentence of the paragraph (continuing quotes / paraphrase).
        let prev_sent_cue = sa > 0
            && self.sents.get(sent_idx.wrapping_sub(1)).is_some_and(|&(pa, pb)| (pa..pb).any(|j| self.is_strong(j)))
            && sa.checked_sub(1).and_then(|j| self.tokens.get(j)).is_some_and(|x| x.para == t.para);
        push(
            30,
            u64::from(prev_sent_cue) | q << 1 | u64::from(reach.left.is_some()) << 5 | u64::from(reach.right.is_some()) << 6,
        );
    }

    /// Templates 31–42: word classes and stems of the neighbours, in conjunction.
    fn conjunction_features(&self, k: usize, win: &Window, push: &mut impl FnMut(u64, u64)) {
        let Window { t, p1, p2, p3, n1, n2, n3, my_cb, q, .. } = *win;
        let w = self.w;
        let (c1, cp) = (class(w, n1), class(w, p1));
        push(31, t.lower ^ c1);
        push(32, t.lower ^ cp << 8);
        push(33, t.stem ^ c1 ^ cp << 8);
        push(34, my_cb | c1 << 8 | cp << 16 | class(w, n2) << 24);
        push(35, p3.lower);
        push(36, n3.lower);
        push(37, n1.lower.rotate_left(11) ^ n2.lower);
        push(38, p2.lower.rotate_left(11) ^ p1.lower);
        push(39, p1.stem.rotate_left(5) ^ t.stem);
        push(40, t.stem.rotate_left(5) ^ n1.stem);
        push(41, self.head_at(k, -1) | self.head_at(k, 1) << 8 | my_cb << 16);
        push(42, t.stem ^ q.rotate_left(20));
    }
}

/// Marks the tokens inside quotation marks, and codes what surrounds each quotation
/// (a cue after it, a cue or colon before it, left unclosed).
fn quotations(tokens: &[Token], paras: &[(usize, usize)], strong: &[bool], w: &Words) -> (Vec<bool>, Vec<u64>) {
    let is_strong = |k: usize| strong.get(k).copied().unwrap_or(false);
    let n = tokens.len();
    let mut inq = vec![false; n];
    let mut qctx = vec![0u64; n];
    for &(a, b) in paras {
        let mut k = a;
        while k < b {
            if !tokens.get(k).is_some_and(|t| t.kind == Kind::OpenQuote) {
                k += 1;
                continue;
            }
            let mut e = k + 1;
            while e < b && !tokens.get(e).is_some_and(|t| t.kind == Kind::CloseQuote) {
                e += 1;
            }
            let close = e.min(b.saturating_sub(1));
            let follow = (close + 1..(close + 7).min(b)).any(is_strong);
            let pre = (k.saturating_sub(4).max(a)..k).any(|j| is_strong(j) || tokens.get(j).is_some_and(|t| t.lower == w.colon));
            let unclosed = e >= b;
            let code = 1 + u64::from(follow) + 2 * u64::from(pre) + 4 * u64::from(unclosed);
            for j in k..=close {
                if let Some(x) = inq.get_mut(j) {
                    *x = true;
                }
                if let Some(x) = qctx.get_mut(j) {
                    *x = code;
                }
            }
            k = close + 1;
        }
    }
    (inq, qctx)
}

/// Each token's paragraph number in the text and sentence number in its paragraph.
fn places(tokens: &[Token]) -> Vec<(u32, u32)> {
    let (mut para, mut sent, mut first_para) = (0u32, 0u32, None);
    let mut last: Option<&Token> = None;
    tokens
        .iter()
        .map(|t| {
            let first = *first_para.get_or_insert(t.para);
            if last.is_some_and(|p| p.para != t.para) {
                sent = 0;
            } else if last.is_some_and(|p| p.sent != t.sent) {
                sent += 1;
            }
            para = t.para.saturating_sub(first);
            last = Some(t);
            (para, sent)
        })
        .collect()
}

/// For each token, the nearest strong cue to its left and to its right within its sentence.
fn nearest_strong_cues(n: usize, sents: &[(usize, usize)], strong: &[bool]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let is_strong = |k: usize| strong.get(k).copied().unwrap_or(false);
    let mut left: Vec<Option<usize>> = vec![None; n];
    let mut right: Vec<Option<usize>> = vec![None; n];
    for &(a, b) in sents {
        let mut last = None;
        for k in a..b {
            if let Some(x) = left.get_mut(k) {
                *x = last;
            }
            if is_strong(k) {
                last = Some(k);
            }
        }
        let mut last = None;
        for k in (a..b).rev() {
            if let Some(x) = right.get_mut(k) {
                *x = last;
            }
            if is_strong(k) {
                last = Some(k);
            }
        }
    }
    (left, right)
}

/// Coarse class of a neighbouring token for conjunction features.
pub(super) fn class(w: &Words, t: &Token) -> u64 {
    if t.lower == w.that {
        1
    } else if t.lower == w.comma {
        2
    } else if t.lower == w.colon {
        3
    } else if t.kind == Kind::OpenQuote || t.kind == Kind::CloseQuote {
        4 + u64::from(t.kind == Kind::CloseQuote)
    } else if t.lower == w.the || t.lower == w.to {
        6 + u64::from(t.lower == w.to)
    } else if w.pronouns.contains(&t.lower) {
        8
    } else if t.is_cap() {
        9
    } else if t.kind == Kind::Word {
        10
    } else if t.kind == Kind::Number {
        11
    } else if t.para == u32::MAX {
        12
    } else {
        13
    }
}

pub(super) fn cb_of(cue_b: &[u64], j: Option<usize>) -> u64 {
    j.and_then(|j| cue_b.get(j).copied()).unwrap_or(0) & 0xff
}
