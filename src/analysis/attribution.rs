//! Offline attribution suggester: who said what, with which reporting words (PARC 3.0 / `PolNeAR`
//! style Source, Cue and Content), plus the citation chains a text states ("X reports, citing Y").
//!
//! A first-order sequence tagger (averaged structured perceptron over hashed token features, with
//! weights learned from `PolNeAR` train and shipped in `data/tagger.model`) labels every token as
//! beginning or continuing a Source, Cue or Content span, or nothing (BIO tags, decoded one paragraph at a
//! time with Viterbi). The labelled spans are then grouped into
//! attributions by proximity within the paragraph, and pronoun sources are resolved to the nearest
//! fitting name. All offsets are Unicode code points (chars), end exclusive.

use std::fmt::Write as _;

use super::lexicon::{self, Lexicon, TAGS, WordStats, hash_lower, mix, stem_hash};

/// A span of text in code points (chars), end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
}

impl Span {
    /// Number of chars covered.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers nothing.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    /// Smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// One suggested attribution relation.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// Who: the source span as written (may be a pronoun).
    pub source: Option<Span>,
    /// The source's name: the span's text, or for pronouns the resolved antecedent, if found.
    pub source_name: Option<String>,
    /// The reporting words ("said", "according to", "in a statement").
    pub cue: Span,
    /// What is attributed: one or more fragments (a quote split by its cue gives two).
    pub content: Vec<Span>,
    /// Confidence in 0..1.
    pub confidence: f32,
}

/// A citation the text states: `citing` reports what `cited` said or published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The outlet or person doing the citing ("Censor.NET").
    pub citing: String,
    /// The cited source ("Ukrinform").
    pub cited: String,
    /// The words that state the link ("citing", "published on").
    pub cue: Span,
}

/// Everything the suggester found in a text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggestions {
    /// Attributions in text order of their cue.
    pub attributions: Vec<Attribution>,
    /// Citation links between sources.
    pub citations: Vec<Citation>,
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// Kind of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters (possibly with digits, inner apostrophes, dots or hyphens).
    Word,
    /// Starts with a digit.
    Number,
    /// Any other single non-space char.
    Punct,
    /// An opening quotation mark.
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
}

/// A token of the text with the precomputed values the tagger needs.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Token kind.
    pub kind: Kind,
    /// Hash of the lower-cased token.
    pub lower: u64,
    /// Hash of the crude stem.
    pub stem: u64,
    /// Orthographic shape class.
    pub shape: u8,
    /// First char of the token.
    pub first: char,
    /// Paragraph number (paragraphs are separated by newlines).
    pub para: u32,
    /// Sentence number (global).
    pub sent: u32,
}

impl Token {
    fn is_cap(&self) -> bool {
        self.shape == 1 || self.shape == 2
    }
    fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word | Kind::Number)
    }
}

const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr", "inc", "co", "corp", "ltd", "vs",
    "rev", "prof", "no", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "ft", "mt", "pres", "capt", "adm", "maj",
    "atty", "gov", "reps", "sens", "messrs", "dept", "univ", "est", "approx", "fig", "vol", "op", "ed",
];

fn is_abbrev(word: &[char], lower: &str) -> bool {
    if word.len() == 1 {
        return word.first().is_some_and(|c| c.is_uppercase());
    }
    word.contains(&'.') || ABBREV.contains(&lower)
}

fn shape_of(word: &[char], kind: Kind) -> u8 {
    match kind {
        Kind::Number => 3,
        Kind::Punct => 4,
        Kind::OpenQuote => 5,
        Kind::CloseQuote => 6,
        Kind::Word => {
            let first_up = word.first().is_some_and(|c| c.is_uppercase());
            let letters = word.iter().filter(|c| c.is_alphabetic()).count();
            let upper = word.iter().filter(|c| c.is_uppercase()).count();
            if first_up && upper == letters && letters > 1 {
                2
            } else if first_up {
                1
            } else if upper > 0 {
                7
            } else {
                0
            }
        }
    }
}

/// Split `chars` into tokens, paragraphs (newlines) and sentences.
pub fn tokenize(chars: &[char]) -> Vec<Token> {
    let mut toks: Vec<Token> = Vec::with_capacity(chars.len() / 5 + 1);
    let mut buf = String::new();
    let mut i = 0;
    let mut para = 0u32;
    let mut quote_open = false;
    while let Some(&c) = chars.get(i) {
        if c == '\n' || c == '\u{2029}' {
            if toks.last().is_some_and(|t| t.para == para) {
                para += 1;
            }
            quote_open = false;
            i += 1;
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            i += 1;
            while let Some(&d) = chars.get(i) {
                if d.is_alphanumeric() {
                    i += 1;
                    continue;
                }
                let next = chars.get(i + 1).copied().unwrap_or(' ');
                let joins = match d {
                    '\'' | '\u{2019}' => {
                        // Split the possessive / contraction 's off; keep n't, o'clock, O'Brien.
                        let possessive = matches!(next, 's' | 'S') && !chars.get(i + 2).is_some_and(|x| x.is_alphanumeric());
                        next.is_alphabetic() && !possessive
                    }
                    '.' | '-' | '&' => next.is_alphanumeric(),
                    ',' | ':' => numeric && next.is_ascii_digit(),
                    _ => false,
                };
                if joins {
                    i += 2;
                } else {
                    break;
                }
            }
            let word = chars.get(start..i).unwrap_or(&[]);
            buf.clear();
            buf.extend(word.iter().flat_map(|c| c.to_lowercase()));
            if chars.get(i) == Some(&'.') && !numeric && is_abbrev(word, &buf) {
                i += 1;
            }
            kind = if numeric { Kind::Number } else { Kind::Word };
        } else if matches!(c, '\'' | '\u{2019}')
            && chars.get(i + 1).is_some_and(|d| matches!(d, 's' | 'S'))
            && !chars.get(i + 2).is_some_and(|x| x.is_alphanumeric())
            && i > 0
            && chars.get(i - 1).is_some_and(|p| p.is_alphanumeric())
        {
            i += 2;
            kind = Kind::Word;
        } else {
            i += 1;
            kind = match c {
                '\u{201c}' | '\u{201e}' | '\u{ab}' => {
                    quote_open = true;
                    Kind::OpenQuote
                }
                '\u{201d}' | '\u{bb}' => {
                    quote_open = false;
                    Kind::CloseQuote
                }
                '"' => {
                    let prev_space =
                        start == 0 || chars.get(start - 1).is_none_or(|p| p.is_whitespace() || "([{\u{2014}-".contains(*p));
                    let next_word = chars.get(i).is_some_and(|n| n.is_alphanumeric());
                    if !quote_open || (prev_space && next_word && !toks.last().is_some_and(|t| t.kind == Kind::OpenQuote)) {
                        quote_open = true;
                        Kind::OpenQuote
                    } else {
                        quote_open = false;
                        Kind::CloseQuote
                    }
                }
                _ => Kind::Punct,
            };
        }
        let word = chars.get(start..i).unwrap_or(&[]);
        if kind != Kind::Word && kind != Kind::Number {
            buf.clear();
            buf.extend(word.iter().flat_map(|c| c.to_lowercase()));
        } else if word.len() == 2
            && word.get(1).is_some_and(|c| matches!(c, 's' | 'S'))
            && !word.first().is_some_and(|c| c.is_alphanumeric())
        {
            buf.clear();
            buf.push_str("'s");
        }
        let lower = hash_lower(buf.chars());
        let stem = if kind == Kind::Word { stem_hash(&buf) } else { lower };
        toks.push(Token { start, end: i, kind, lower, stem, shape: shape_of(word, kind), first: c, para, sent: 0 });
    }
    // Sentences.
    let mut sent = 0u32;
    let n = toks.len();
    for k in 0..n {
        let Some(t) = toks.get(k).copied() else { break };
        if k > 0 && toks.get(k - 1).is_some_and(|p| p.para != t.para) {
            sent += 1;
        }
        if let Some(tm) = toks.get_mut(k) {
            tm.sent = sent;
        }
        if t.kind == Kind::Punct && matches!(t.first, '.' | '!' | '?') {
            let mut j = k + 1;
            while toks
                .get(j)
                .is_some_and(|x| x.kind == Kind::CloseQuote || (x.kind == Kind::Punct && matches!(x.first, ')' | '.')))
            {
                j += 1;
            }
            let next = toks.get(j);
            if next.is_some_and(|x| x.para == t.para && (x.kind == Kind::OpenQuote || x.is_cap() || x.kind == Kind::Number)) {
                for q in k + 1..j {
                    if let Some(tm) = toks.get_mut(q) {
                        tm.sent = sent;
                    }
                }
                sent += 1;
            }
        }
    }
    // Second pass to set the close quotes consumed above (they keep the sentence they end).
    let mut last = 0u32;
    for t in &mut toks {
        if t.sent < last {
            t.sent = last;
        }
        last = t.sent;
    }
    toks
}

// ---------------------------------------------------------------------------------------------
// Features

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
fn fh(template: u64, v: u64) -> u32 {
    mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ v) as u32
}

fn bucket(st: Option<WordStats>) -> u64 {
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

fn dist_bucket(d: usize) -> u64 {
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
struct Words {
    that: u64,
    according: u64,
    to: u64,
    comma: u64,
    colon: u64,
    citing: u64,
    cited: u64,
    published: u64,
    posted: u64,
    website: u64,
    site: u64,
    of: u64,
    on: u64,
    by: u64,
    the: u64,
    s: u64,
    pronouns: [u64; 12],
}

fn words() -> &'static Words {
    static W: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        let h = |s: &str| hash_lower(s.chars());
        Words {
            that: h("that"),
            according: h("according"),
            to: h("to"),
            comma: h(","),
            colon: h(":"),
            citing: h("citing"),
            cited: h("cited"),
            published: h("published"),
            posted: h("posted"),
            website: h("website"),
            site: h("site"),
            of: h("of"),
            on: h("on"),
            by: h("by"),
            the: h("the"),
            s: h("'s"),
            pronouns: ["he", "she", "they", "it", "who", "which", "i", "we", "you", "his", "her", "their"].map(h),
        }
    })
}

fn strong(lex: &Lexicon, t: &Token) -> bool {
    t.kind == Kind::Word && lex.cue(t.lower).is_some_and(|s| s.hits >= 3 && s.ratio() >= 0.25)
}

/// Tokenise `text` and compute the tagger features of every token.
pub fn featurize(text: &str) -> Featurized {
    let chars: Vec<char> = text.chars().collect();
    featurize_chars(&chars)
}

fn ranges(toks: &[Token], key: impl Fn(&Token) -> u32) -> Vec<(usize, usize)> {
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

#[allow(clippy::many_single_char_names)]
fn featurize_chars(chars: &[char]) -> Featurized {
    let lex = lexicon::lexicon();
    let w = words();
    let tokens = tokenize(chars);
    let n = tokens.len();
    let paras = ranges(&tokens, |t| t.para);
    let sents = ranges(&tokens, |t| t.sent);
    let strong_v: Vec<bool> = tokens.iter().map(|t| strong(lex, t)).collect();
    let is_strong = |k: usize| strong_v.get(k).copied().unwrap_or(false);
    let cue_b: Vec<u64> = tokens.iter().map(|t| bucket(lex.cue(t.lower))).collect();
    let stem_b: Vec<u64> = tokens.iter().map(|t| bucket(lex.cue_stems.get(&t.stem).copied())).collect();
    let head_b: Vec<u64> = tokens.iter().map(|t| bucket(lex.head(t.lower))).collect();

    // Quotations: in-quote flag plus what surrounds the quotation.
    let mut inq = vec![false; n];
    let mut qctx = vec![0u64; n];
    for &(a, b) in &paras {
        let mut k = a;
        while k < b {
            if tokens.get(k).is_some_and(|t| t.kind == Kind::OpenQuote) {
                let mut e = k + 1;
                while e < b && !tokens.get(e).is_some_and(|t| t.kind == Kind::CloseQuote) {
                    e += 1;
                }
                let close = e.min(b.saturating_sub(1));
                let follow = (close + 1..(close + 7).min(b)).any(is_strong);
                let pre =
                    (k.saturating_sub(4).max(a)..k).any(|j| is_strong(j) || tokens.get(j).is_some_and(|t| t.lower == w.colon));
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
            } else {
                k += 1;
            }
        }
    }

    // Nearest strong cue left and right within the sentence.
    let mut left: Vec<Option<usize>> = vec![None; n];
    let mut right: Vec<Option<usize>> = vec![None; n];
    for &(a, b) in &sents {
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

    let mut feats = Vec::with_capacity(n * 28);
    let mut offs = Vec::with_capacity(n + 1);
    let none = Token {
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
    let mut sent_idx = 0usize;
    for (k, t) in tokens.iter().enumerate() {
        offs.push(feats.len());
        while sents.get(sent_idx).is_some_and(|s| s.1 <= k) {
            sent_idx += 1;
        }
        let (sa, sb) = sents.get(sent_idx).copied().unwrap_or((k, k + 1));
        let get = |d: isize| -> &Token {
            let Some(j) = k.checked_add_signed(d) else { return &none };
            match tokens.get(j) {
                Some(x) if x.para == t.para => x,
                _ => &none,
            }
        };
        let (p1, p2, n1, n2) = (get(-1), get(-2), get(1), get(2));
        let cb = |j: isize| -> u64 { k.checked_add_signed(j).and_then(|jj| cue_b.get(jj)).copied().unwrap_or(0) };
        let mut push = |tid: u64, v: u64| feats.push(fh(tid, v));
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
        let my_cb = cb(0);
        push(10, my_cb);
        if my_cb == 0 {
            push(11, stem_b.get(k).copied().unwrap_or(0));
        }
        push(12, cb(-1));
        push(13, cb(1));
        push(14, head_b.get(k).copied().unwrap_or(0));
        let q = qctx.get(k).copied().unwrap_or(0);
        push(15, q);
        let lc = left.get(k).copied().flatten();
        let rc = right.get(k).copied().flatten();
        let (ld, lthat, lword) = match lc {
            Some(j) => {
                let that = tokens.get(j + 1).is_some_and(|x| x.lower == w.that);
                (dist_bucket(k - j), u64::from(that), tokens.get(j).map_or(0, |x| x.lower))
            }
            None => (15, 0, 0),
        };
        let (rd, rcomma, rword) = match rc {
            Some(j) => {
                let comma = j > 0 && tokens.get(j - 1).is_some_and(|x| x.lower == w.comma || x.kind == Kind::CloseQuote)
                    || j > 1 && tokens.get(j - 2).is_some_and(|x| x.lower == w.comma || x.kind == Kind::CloseQuote);
                (dist_bucket(j - k), u64::from(comma), tokens.get(j).map_or(0, |x| x.lower))
            }
            None => (15, 0, 0),
        };
        push(16, ld | lthat << 4 | cb_of(&cue_b, lc) << 8);
        push(17, rd | rcomma << 4 | cb_of(&cue_b, rc) << 8);
        push(18, ld.min(6) | rd.min(6) << 4 | rcomma << 8 | lthat << 9);
        let pos = u64::from(k == sa) | u64::from(k + 1 == sb) << 1 | u64::from(p1.para != t.para) << 2;
        push(19, pos);
        push(20, u64::from(p1.shape) | u64::from(t.shape) << 4 | u64::from(n1.shape) << 8);
        push(21, lword ^ ld.min(3) << 1);
        push(22, rword ^ rd.min(3) << 1);
        push(23, t.lower ^ q);
        push(24, ld.min(6) | q << 4 | pos << 8);
        push(25, rd.min(6) | q << 4 | rcomma << 8);
        push(26, u64::from(t.shape) | ld.min(6) << 4 | rd.min(6) << 8);
        push(27, my_cb | q << 8 | u64::from(n1.lower == w.that) << 12 | u64::from(n1.kind == Kind::Punct) << 13);
        push(28, p1.lower ^ u64::from(t.shape).rotate_left(9));
        push(29, (k - sa).min(8) as u64 | ((sb - k).min(8) as u64) << 4);
        // Cue in the previous sentence of the paragraph (continuing quotes / paraphrase).
        let prev_sent_cue = sa > 0
            && sents.get(sent_idx.wrapping_sub(1)).is_some_and(|&(pa, pb)| (pa..pb).any(is_strong))
            && sa.checked_sub(1).and_then(|j| tokens.get(j)).is_some_and(|x| x.para == t.para);
        push(30, u64::from(prev_sent_cue) | q << 1 | u64::from(lc.is_some()) << 5 | u64::from(rc.is_some()) << 6);
        let (c1, cp) = (class(w, n1), class(w, p1));
        push(31, t.lower ^ c1);
        push(32, t.lower ^ cp << 8);
        push(33, t.stem ^ c1 ^ cp << 8);
        push(34, my_cb | c1 << 8 | cp << 16 | class(w, n2) << 24);
        let (p3, n3) = (get(-3), get(3));
        push(35, p3.lower);
        push(36, n3.lower);
        push(37, n1.lower.rotate_left(11) ^ n2.lower);
        push(38, p2.lower.rotate_left(11) ^ p1.lower);
        push(39, p1.stem.rotate_left(5) ^ t.stem);
        push(40, t.stem.rotate_left(5) ^ n1.stem);
        let hb = |j: isize| -> u64 { k.checked_add_signed(j).and_then(|jj| head_b.get(jj)).copied().unwrap_or(0) };
        push(41, hb(-1) | hb(1) << 8 | my_cb << 16);
        push(42, t.stem ^ q.rotate_left(20));
    }
    offs.push(feats.len());
    Featurized { tokens, paras, sents, feats, offs, inq }
}

/// Coarse class of a neighbouring token for conjunction features.
fn class(w: &Words, t: &Token) -> u64 {
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

fn cb_of(cue_b: &[u64], j: Option<usize>) -> u64 {
    j.and_then(|j| cue_b.get(j).copied()).unwrap_or(0) & 0xff
}

// ---------------------------------------------------------------------------------------------
// Tagging

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
const fn allowed(prev: Option<usize>, t: usize) -> bool {
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
fn table_emissions(f: &Featurized, table: &lexicon::WeightTable) -> Vec<[f32; TAGS]> {
    (0..f.tokens.len())
        .map(|i| {
            let mut s = [0i32; TAGS];
            for &h in f.of(i) {
                if let Some(w) = table.get(h) {
                    for (a, &b) in s.iter_mut().zip(w) {
                        *a += i32::from(b);
                    }
                }
            }
            s.map(|x| x as f32 * table.scale)
        })
        .collect()
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
    let lex = lexicon::lexicon();
    let em = table_emissions(f, &lex.weights);
    let tags = decode(f, &em, &lex.trans);
    (tags, em)
}

// ---------------------------------------------------------------------------------------------
// Grouping into attributions

#[derive(Clone, Copy, Debug)]
struct Run {
    tag: usize,
    a: usize,
    b: usize,
}

fn is_pronoun(w: &Words, t: &Token) -> bool {
    w.pronouns.contains(&t.lower)
}

fn text_of(chars: &[char], s: Span) -> String {
    chars
        .get(s.start..s.end)
        .map(|c| c.iter().collect::<String>())
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn tok_span(toks: &[Token], a: usize, b: usize) -> Option<Span> {
    let s = toks.get(a)?.start;
    let e = toks.get(b.checked_sub(1)?)?.end;
    (e > s).then_some(Span { start: s, end: e })
}

/// Gap in tokens between two token ranges (0 when adjacent or overlapping).
fn gap(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 { b.0 - a.1 } else { a.0.saturating_sub(b.1) }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Group tagged runs into attributions.
fn group(chars: &[char], f: &Featurized, model_tags: &[usize], em: &[[f32; TAGS]]) -> Vec<Attribution> {
    let toks = &f.tokens;
    let tags: Vec<usize> = model_tags.iter().map(|&t| role_of(t)).collect();
    let tags = tags.as_slice();
    let mut out = Vec::new();
    for &(pa, pb) in &f.paras {
        // Runs of one role, split where a span begins; pure punctuation runs are ignored.
        let mut runs: Vec<Run> = Vec::new();
        let mut k = pa;
        while k < pb {
            let t = tags.get(k).copied().unwrap_or(TAG_O);
            let mut e = k + 1;
            while e < pb && tags.get(e) == Some(&t) && !model_tags.get(e).is_some_and(|&m| begins(m)) {
                e += 1;
            }
            if t != TAG_O && (k..e).any(|j| toks.get(j).is_some_and(Token::is_word)) {
                runs.push(Run { tag: t, a: k, b: e });
            }
            k = e;
        }
        // Adjacent cue runs stay apart ("said, adding"): the BIO tags decide where a cue ends.
        let merged = runs;
        let cues: Vec<Run> = merged.iter().copied().filter(|r| r.tag == TAG_CUE).collect();
        if cues.is_empty() {
            continue;
        }
        let mut contents: Vec<Vec<(usize, usize)>> = vec![Vec::new(); cues.len()];
        let mut sources: Vec<Option<(usize, usize, usize)>> = vec![None; cues.len()];
        let sent_of = |j: usize| toks.get(j).map_or(u32::MAX, |t| t.sent);
        for r in merged.iter().filter(|r| r.tag != TAG_CUE) {
            let mut best: Option<(usize, usize)> = None;
            for (ci, c) in cues.iter().enumerate() {
                let g = gap((r.a, r.b), (c.a, c.b));
                let same = sent_of(c.a) == sent_of(r.a) || sent_of(c.a) == sent_of(r.b - 1);
                let cost = g * 2 + usize::from(!same) * 20 + usize::from(c.b <= r.a && r.tag == TAG_SOURCE);
                if best.is_none_or(|(_, bc)| cost < bc) {
                    best = Some((ci, cost));
                }
            }
            let Some((ci, cost)) = best else { continue };
            if r.tag == TAG_CONTENT && cost <= 60 {
                if let Some(v) = contents.get_mut(ci) {
                    v.push((r.a, r.b));
                }
            } else if r.tag == TAG_SOURCE
                && cost <= 24
                && let Some(s) = sources.get_mut(ci)
                && s.is_none_or(|(_, _, c)| cost < c)
            {
                *s = Some((r.a, r.b, cost));
            }
        }
        for (ci, c) in cues.iter().enumerate() {
            let Some(cue) = tok_span(toks, c.a, c.b) else { continue };
            let mut content: Vec<Span> =
                contents.get(ci).map(|v| v.iter().filter_map(|&(a, b)| tok_span(toks, a, b)).collect()).unwrap_or_default();
            let that = words().that;
            let words_in = |sp: &Span| {
                let from = toks.partition_point(|t| t.start < sp.start);
                toks.get(from..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|t| t.end <= sp.end)
                    .filter(|t| t.is_word() && t.lower != that)
                    .count()
            };
            if content.iter().map(words_in).sum::<usize>() == 0 {
                // A stub like "said that, according to X, ...": take the rest of the sentence.
                content.clear();
                match fallback_content(f, tags, (c.a, c.b)) {
                    Some(sp) => content.push(sp),
                    None => continue,
                }
            }
            content.sort();
            let source = sources.get(ci).copied().flatten().and_then(|(a, b, _)| tok_span(toks, a, b));
            let margin: f32 = (c.a..c.b)
                .filter_map(|j| em.get(j))
                .map(|e| {
                    let (cue_score, other) =
                        e.iter().enumerate().fold((f32::NEG_INFINITY, f32::NEG_INFINITY), |(c, o), (t, &v)| {
                            if role_of(t) == TAG_CUE { (c.max(v), o) } else { (c, o.max(v)) }
                        });
                    cue_score - other
                })
                .sum::<f32>()
                / (c.b - c.a).max(1) as f32;
            let confidence = sigmoid(margin / 4.0).clamp(0.05, 0.99);
            let source_name = source.map(|s| text_of(chars, s));
            out.push(Attribution { source, source_name, cue, content, confidence });
        }
    }
    out
}

/// Content for a cue the tagger gave none: the rest of the sentence after the cue, or the part of
/// the sentence before it when the cue ends the sentence.
#[allow(clippy::many_single_char_names)]
fn fallback_content(f: &Featurized, tags: &[usize], (ca, cb): (usize, usize)) -> Option<Span> {
    let toks = &f.tokens;
    let sent = toks.get(ca)?.sent;
    let (sa, sb) = f.sents.iter().copied().find(|&(a, b)| a <= ca && ca < b)?;
    let w = words();
    let skip = |t: &Token| t.kind == Kind::Punct || t.lower == w.that;
    // Right of the cue.
    let mut a = cb;
    while a < sb && toks.get(a).is_some_and(|t| skip(t) || tags.get(a) == Some(&TAG_SOURCE)) {
        a += 1;
    }
    let mut b = sb;
    while b > a && toks.get(b - 1).is_some_and(|t| t.kind == Kind::Punct || t.kind == Kind::CloseQuote) {
        b -= 1;
    }
    if b > a + 1 && (a..b).filter(|&j| toks.get(j).is_some_and(Token::is_word)).count() >= 2 {
        return tok_span(toks, a, b);
    }
    // "He said:" ending the paragraph: the next paragraph is the content.
    if a >= sb && toks.get(sb.wrapping_sub(1)).is_some_and(|t| t.lower == w.colon) {
        let p = toks.get(ca)?.para;
        let (na, nb) = f.paras.iter().copied().find(|&(x, _)| toks.get(x).is_some_and(|t| t.para == p + 1))?;
        let mut e = nb;
        while e > na && toks.get(e - 1).is_some_and(|t| !t.is_word()) {
            e -= 1;
        }
        let mut s0 = na;
        while s0 < e && toks.get(s0).is_some_and(|t| !t.is_word()) {
            s0 += 1;
        }
        return tok_span(toks, s0, e);
    }
    // Left of the cue.
    let mut e = ca;
    while e > sa
        && (tags.get(e - 1) == Some(&TAG_SOURCE)
            || toks.get(e - 1).is_some_and(|t| t.kind != Kind::Word && t.kind != Kind::Number))
    {
        e -= 1;
    }
    let _ = sent;
    (e >= sa + 2).then(|| tok_span(toks, sa, e)).flatten()
}

fn is_dash(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.first, '\u{2015}' | '\u{2014}' | '\u{2013}' | '-')
}

/// Quotations signed with a dash, as in epigraphs and reader voices: `"...quote..." \u{2015} Jane Doe`
/// (on one line or with the dash opening the next paragraph). The dash is the cue, the name the
/// source and the quotation the content.
fn dash_bylines(chars: &[char], f: &Featurized, attrs: &mut Vec<Attribution>) {
    let toks = &f.tokens;
    let mut added = false;
    for (k, t) in toks.iter().enumerate() {
        if !is_dash(t) || k == 0 {
            continue;
        }
        let Some(close) = toks.get(k - 1) else { continue };
        // The quotation must end right before the dash, or end the paragraph before a paragraph the dash opens.
        let same_para = close.para == t.para;
        if close.kind != Kind::CloseQuote {
            continue;
        }
        if !same_para && close.para + 1 != t.para {
            continue;
        }
        let mut s = k + 1;
        while toks.get(s).is_some_and(|x| is_dash(x) && x.para == t.para) {
            s += 1;
        }
        let Some((na, nb)) = name_after(toks, s) else { continue };
        if toks.get(na).is_none_or(|x| x.para != t.para || !x.is_cap()) {
            continue;
        }
        // The name is the whole signature: what follows is the end of the paragraph or punctuation.
        if toks.get(nb).is_some_and(|x| x.para == t.para && x.kind == Kind::Word) {
            continue;
        }
        let Some(cue) = tok_span(toks, k, s) else { continue };
        if attrs.iter().any(|a| a.cue.start <= cue.end && cue.start <= a.cue.end) {
            continue;
        }
        // The quotation: back to its opening mark within the paragraph of the closing one.
        let mut o = k - 1;
        while o > 0 && toks.get(o - 1).is_some_and(|x| x.para == close.para) {
            o -= 1;
            if toks.get(o).is_some_and(|x| x.kind == Kind::OpenQuote) {
                break;
            }
        }
        let Some(content) = tok_span(toks, o, k) else { continue };
        let source = tok_span(toks, na, nb);
        let source_name = source.map(|x| text_of(chars, x));
        attrs.push(Attribution { source, source_name, cue, content: vec![content], confidence: 0.8 });
        added = true;
    }
    if added {
        attrs.sort_by_key(|a| a.cue);
    }
}

// ---------------------------------------------------------------------------------------------
// Names, pronouns and citations

const GENERIC: &[&str] =
    &["the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "of", "and", "but", "for", "from", "with"];

/// A capitalised name ending at token `end` (exclusive), going back over capitalised words and
/// inner "of"/"the"/"and".
fn name_before(chars: &[char], toks: &[Token], end: usize) -> Option<(usize, usize)> {
    let mut a = end;
    while a > 0 {
        let t = toks.get(a - 1)?;
        let inner =
            a < end && (t.lower == words().of || t.lower == words().the) && a >= 2 && toks.get(a - 2).is_some_and(Token::is_cap);
        if (t.is_cap() && t.kind == Kind::Word) || inner {
            a -= 1;
        } else {
            break;
        }
        if end - a >= 6 {
            break;
        }
    }
    // Do not start on a determiner / sentence-initial function word.
    while a < end
        && toks
            .get(a)
            .is_some_and(|t| GENERIC.contains(&text_of(chars, Span { start: t.start, end: t.end }).to_lowercase().as_str()))
    {
        a += 1;
    }
    (a < end).then_some((a, end))
}

/// A noun phrase starting at token `start`: an optional determiner, then capitalised words (with
/// inner of/the), or up to four words before punctuation.
fn name_after(toks: &[Token], start: usize) -> Option<(usize, usize)> {
    let w = words();
    let mut b = start;
    if toks.get(b).is_some_and(|t| t.lower == w.the) {
        b += 1;
    }
    let first = b;
    while let Some(t) = toks.get(b) {
        let inner = b > first && (t.lower == w.of || t.lower == w.the) && toks.get(b + 1).is_some_and(Token::is_cap);
        if t.is_cap() && t.is_word() || inner || (t.lower == w.s && b > first) {
            b += 1;
        } else {
            break;
        }
        if b - start > 8 {
            break;
        }
    }
    if b == first && first > start {
        // "the central bank": a lower-case noun phrase of up to four words after a determiner.
        while b - first < 4
            && toks.get(b).is_some_and(|t| t.kind == Kind::Word && !t.is_cap() && !stop_words().contains(&t.lower))
        {
            b += 1;
        }
    }
    if b == first {
        return None;
    }
    // Drop a trailing possessive.
    if toks.get(b - 1).is_some_and(|t| t.lower == w.s) {
        b -= 1;
    }
    (b > start).then_some((start, b))
}

/// Words that end a lower-case noun phrase.
fn stop_words() -> &'static [u64] {
    static S: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        [
            "that", "who", "which", "and", "or", "but", "said", "says", "to", "in", "on", "at", "for", "with", "by", "as",
            "from", "of", "is", "was", "were", "are",
        ]
        .iter()
        .map(|w| hash_lower(w.chars()))
        .collect()
    })
}

fn plural_like(name: &str) -> bool {
    let l = name.to_lowercase();
    l.ends_with('s') || l.contains("officials") || l.contains("ministers") || l.contains("people")
}

/// Resolve pronoun sources to the nearest earlier fitting name.
fn resolve(chars: &[char], toks: &[Token], attrs: &mut [Attribution]) {
    let w = words();
    let mut history: Vec<(usize, String)> = Vec::new();
    for k in 0..attrs.len() {
        let Some(src) = attrs.get(k).and_then(|a| a.source) else { continue };
        let ti = toks.partition_point(|t| t.start < src.start);
        let Some(t) = toks.get(ti) else { continue };
        let single = toks.get(ti + 1).is_none_or(|n| n.start >= src.end);
        let resolved = if single && is_pronoun(w, t) {
            let lowered = text_of(chars, src).to_lowercase();
            if lowered == "who" || lowered == "which" {
                // The noun phrase right before (", who said").
                let mut e = ti;
                while e > 0 && toks.get(e - 1).is_some_and(|x| x.kind == Kind::Punct) {
                    e -= 1;
                }
                name_before(chars, toks, e).map(|(a, b)| {
                    text_of(chars, Span { start: toks.get(a).map_or(0, |x| x.start), end: toks.get(b - 1).map_or(0, |x| x.end) })
                })
            } else {
                let want_plural = matches!(lowered.as_str(), "they" | "their" | "we");
                let from_history =
                    history.iter().rev().find(|(_, n)| plural_like(n) == want_plural || lowered == "it").map(|(_, n)| n.clone());
                from_history.or_else(|| {
                    // Nearest capitalised multi-word name before the pronoun.
                    let mut e = ti;
                    while e > 0 {
                        if let Some((a, b)) = name_before(chars, toks, e)
                            && b - a >= 2
                        {
                            return Some(text_of(chars, Span { start: toks.get(a)?.start, end: toks.get(b - 1)?.end }));
                        }
                        e -= 1;
                    }
                    None
                })
            }
        } else {
            let name = text_of(chars, src);
            history.push((src.start, name.clone()));
            Some(name)
        };
        if let Some(a) = attrs.get_mut(k) {
            a.source_name = resolved;
        }
    }
}

fn span_text(chars: &[char], toks: &[Token], (a, b): (usize, usize)) -> Option<String> {
    Some(text_of(chars, Span { start: toks.get(a)?.start, end: toks.get(b.checked_sub(1)?)?.end }))
}

/// A name without a reporting verb the tagger left on its end ("Censor.NET reports" citing ...).
fn strip_reporting_verb(name: &str) -> &str {
    const VERBS: &[&str] = &["reports", "reported", "says", "said", "writes", "wrote", "reporting", "writing"];
    match name.rsplit_once(' ') {
        Some((head, last)) if !head.is_empty() && VERBS.iter().any(|v| last.eq_ignore_ascii_case(v)) => head,
        _ => name,
    }
}

/// Citation links stated in the text.
fn citations(chars: &[char], f: &Featurized, attrs: &[Attribution]) -> Vec<Citation> {
    let w = words();
    let toks = &f.tokens;
    let mut out = Vec::new();
    let source_before = |k: usize| -> Option<String> {
        let pos = toks.get(k)?.start;
        let sent = toks.get(k)?.sent;
        // The source of the attribution whose cue holds `k` or ends right before it.
        let prev_end = if k >= 2 { toks.get(k - 2).map_or(0, |t| t.start) } else { 0 };
        let from_attr = attrs.iter().find(|a| a.cue.start <= pos && a.cue.end >= prev_end && a.source.is_some());
        if let Some(a) = from_attr {
            return a.source_name.clone();
        }
        // Else the name right before the cue before `k` ("Censor.NET reports citing ...").
        let mut e = k;
        while e > 0 && toks.get(e - 1).is_some_and(|t| t.sent == sent && !t.is_cap()) {
            e -= 1;
        }
        name_before(chars, toks, e).and_then(|r| span_text(chars, toks, r))
    };
    for (k, t) in toks.iter().enumerate() {
        if t.lower == w.citing || t.lower == w.cited && toks.get(k + 1).is_some_and(Token::is_cap) {
            let Some(cited) = name_after(toks, k + 1).and_then(|r| span_text(chars, toks, r)) else { continue };
            // "according to Y, citing Z": Y cites Z.
            let mut citing = None;
            let sent = t.sent;
            let mut j = k;
            while j > 0 && toks.get(j - 1).is_some_and(|x| x.sent == sent) {
                j -= 1;
                if toks.get(j).is_some_and(|x| x.lower == w.according) && toks.get(j + 1).is_some_and(|x| x.lower == w.to) {
                    citing = name_after(toks, j + 2).and_then(|r| span_text(chars, toks, r));
                    break;
                }
            }
            let citing = citing.or_else(|| source_before(k)).map(|c| strip_reporting_verb(&c).to_string());
            if let Some(citing) = citing {
                out.push(Citation { citing, cited, cue: Span { start: t.start, end: t.end } });
            }
        } else if t.lower == w.published || t.lower == w.posted {
            // "... published on the website of Z" / "published on Z's website".
            let mut j = k + 1;
            if toks.get(j).is_some_and(|x| x.lower == w.on) {
                j += 1;
            } else {
                continue;
            }
            let cited = if toks.get(j).is_some_and(|x| x.lower == w.the)
                && toks.get(j + 1).is_some_and(|x| x.lower == w.website || x.lower == w.site)
                && toks.get(j + 2).is_some_and(|x| x.lower == w.of)
            {
                name_after(toks, j + 3)
            } else {
                name_after(toks, j).filter(|&(_, b)| {
                    toks.get(b).is_some_and(|x| x.lower == w.s)
                        && toks.get(b + 1).is_some_and(|x| x.lower == w.website || x.lower == w.site)
                })
            };
            let Some(cited) = cited.and_then(|r| span_text(chars, toks, r)) else { continue };
            // Whose statement: "a statement by X published on", else the attribution's source.
            let sent = t.sent;
            let mut citing = None;
            let mut b = k;
            while b > 0 && toks.get(b - 1).is_some_and(|x| x.sent == sent) {
                b -= 1;
                if toks.get(b).is_some_and(|x| x.lower == w.by) {
                    citing = span_text(chars, toks, (b + 1, k));
                    break;
                }
            }
            let citing = citing.or_else(|| {
                attrs
                    .iter()
                    .rev()
                    .find(|a| a.cue.start <= t.start && t.start.saturating_sub(a.cue.end) < 300)
                    .and_then(|a| a.source_name.clone())
            });
            if let Some(citing) = citing {
                let end = toks.get(k + 1).map_or(t.end, |x| x.end);
                out.push(Citation { citing, cited, cue: Span { start: t.start, end } });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Entry points

/// Suggest the attributions and citation links of a text.
pub fn suggest(text: &str) -> Suggestions {
    let chars: Vec<char> = text.chars().collect();
    let f = featurize_chars(&chars);
    let (tags, em) = tag(&f);
    let mut attributions = group(&chars, &f, &tags, &em);
    dash_bylines(&chars, &f, &mut attributions);
    resolve(&chars, &f.tokens, &mut attributions);
    // A cue without a source that shares a sentence with an earlier attribution ("X reaffirmed ...
    // and stated ...") takes that attribution's source name.
    let sent_at = |pos: usize| f.tokens.get(f.tokens.partition_point(|t| t.start < pos)).map(|t| t.sent);
    for k in 1..attributions.len() {
        let (Some(prev), Some(cur)) = (attributions.get(k - 1), attributions.get(k)) else { continue };
        if cur.source.is_none() && cur.source_name.is_none() && sent_at(prev.cue.start) == sent_at(cur.cue.start) {
            let name = prev.source_name.clone();
            if let Some(c) = attributions.get_mut(k) {
                c.source_name = name;
            }
        }
    }
    let citations = citations(&chars, &f, &attributions);
    Suggestions { attributions, citations }
}

fn brat_text(chars: &[char], spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| chars.get(s.start..s.end).map(|c| c.iter().collect::<String>()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\n', '\r', '\t'], " ")
}

fn brat_offsets(spans: &[Span]) -> String {
    spans.iter().map(|s| format!("{} {}", s.start, s.end)).collect::<Vec<_>>().join(";")
}

/// The suggestions as brat standoff, as `PolNeAR` writes it: T lines typed Source, Cue, Content and
/// Attribution (the trigger, on the cue span) and one E line per attribution. Newlines inside a
/// span's text are written as spaces so that every line stays one annotation.
pub fn to_brat(text: &str, s: &Suggestions) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut t = 0;
    let mut line = |out: &mut String, label: &str, spans: &[Span]| -> usize {
        t += 1;
        let _ = writeln!(out, "T{t}\t{label} {}\t{}", brat_offsets(spans), brat_text(&chars, spans));
        t
    };
    for (e, a) in s.attributions.iter().enumerate() {
        let src = a.source.map(|sp| line(&mut out, "Source", &[sp]));
        let cue = line(&mut out, "Cue", &[a.cue]);
        let content = (!a.content.is_empty()).then(|| line(&mut out, "Content", &a.content));
        let trig = line(&mut out, "Attribution", &[a.cue]);
        let mut ev = format!("E{}\tAttribution:T{trig}", e + 1);
        if let Some(c) = content {
            let _ = write!(ev, " Content:T{c}");
        }
        let _ = write!(ev, " Cue:T{cue}");
        if let Some(sr) = src {
            let _ = write!(ev, " Source:T{sr}");
        }
        out.push_str(&ev);
        out.push('\n');
    }
    out
}

fn parse_frags(offsets: &str) -> Vec<Span> {
    offsets
        .split(';')
        .filter_map(|fr| {
            let mut it = fr.split_whitespace();
            let start = it.next()?.parse().ok()?;
            let end = it.next()?.parse().ok()?;
            (end > start).then_some(Span { start, end })
        })
        .collect()
}

/// Read attributions back from brat standoff (`PolNeAR`'s format); the inverse of [`to_brat`].
/// Continuation lines and malformed lines are skipped; confidence is 1.
pub fn from_brat(text: &str, ann: &str) -> Vec<Attribution> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: std::collections::HashMap<&str, Vec<Span>> = std::collections::HashMap::new();
    let mut events = Vec::new();
    for l in ann.lines() {
        let mut parts = l.split('\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else { continue };
        if id.starts_with('T') && id.get(1..).is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())) {
            let Some((_, offsets)) = body.split_once(' ') else { continue };
            spans.insert(id, parse_frags(offsets));
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for ev in events {
        let (mut source, mut cue, mut content): (Option<Span>, Option<Span>, Vec<Span>) = (None, None, Vec::new());
        for arg in ev.split_whitespace() {
            let Some((role, tid)) = arg.split_once(':') else { continue };
            let Some(fr) = spans.get(tid) else { continue };
            let cover = fr.iter().copied().reduce(Span::cover);
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match role {
                "Source" => source = cover.map(|c| source.map_or(c, |s| s.cover(c))),
                "Cue" => cue = cover.map(|c| cue.map_or(c, |s| s.cover(c))),
                "Content" => content.extend(fr.iter().copied()),
                _ => {}
            }
        }
        content.sort();
        if let Some(cue) = cue {
            let source_name = source.map(|s| text_of(&chars, s));
            out.push(Attribution { source, source_name, cue, content, confidence: 1.0 });
        }
    }
    out.sort_by_key(|a| a.cue);
    out
}

#[cfg(test)]
#[allow(clippy::cast_possible_wrap, clippy::case_sensitive_file_extension_comparisons, clippy::disallowed_methods)]
mod tests {
    use super::*;

    fn t(text: &str, s: Span) -> String {
        text.chars().skip(s.start).take(s.len()).collect()
    }

    /// The attribution whose cue text is `cue` (first one).
    fn find<'a>(text: &str, s: &'a Suggestions, cue: &str) -> &'a Attribution {
        s.attributions.iter().find(|a| t(text, a.cue).contains(cue)).unwrap_or_else(|| panic!("no cue {cue:?} in {s:#?}"))
    }

    fn content(text: &str, a: &Attribution) -> String {
        a.content.iter().map(|c| t(text, *c)).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn indirect_speech() {
        let text = "The senator said that the bill would pass next week.";
        let s = suggest(text);
        let a = find(text, &s, "said");
        assert_eq!(a.source.map(|x| t(text, x)).as_deref(), Some("The senator"));
        assert!(content(text, a).contains("the bill would pass"));
    }

    #[test]
    fn direct_quote_sentence_final_cue() {
        let text = "\u{201c}We will not back down,\u{201d} Smith said.";
        let s = suggest(text);
        let a = find(text, &s, "said");
        assert_eq!(a.source.map(|x| t(text, x)).as_deref(), Some("Smith"));
        assert!(content(text, a).contains("We will not back down"));
    }

    #[test]
    fn split_quote() {
        let text = "\"The economy is strong,\" he said. \"But we must do more.\"\n\nThe mayor said he agreed.";
        let s = suggest(text);
        let a = find(text, &s, "said");
        assert!(content(text, a).contains("The economy is strong"), "{}", content(text, a));
        assert_eq!(a.source.map(|x| t(text, x)).as_deref(), Some("he"));
    }

    #[test]
    fn according_to() {
        let text = "Turnout rose by ten percent, according to the election commission.";
        let s = suggest(text);
        let a = find(text, &s, "according to");
        assert!(a.source.is_some_and(|x| t(text, x).contains("election commission")));
        assert!(content(text, a).contains("Turnout rose"));
    }

    #[test]
    fn noun_cue_statement() {
        let text = "Several thousand troops have been deployed in Russia, the statement said.";
        let s = suggest(text);
        let a = find(text, &s, "said");
        assert_eq!(a.source.map(|x| t(text, x)).as_deref(), Some("the statement"));
        assert!(content(text, a).contains("Several thousand troops"));
    }

    #[test]
    fn colon_quote_next_paragraph() {
        let text = "Trump responded by using the example of Chicago.\n\nHe said:\n\n\"We have a situation where our inner cities are suffering.\"";
        let s = suggest(text);
        let a = find(text, &s, "said");
        assert!(content(text, a).contains("We have a situation"), "{}", content(text, a));
    }

    #[test]
    fn pronoun_resolution() {
        let text = "Pentagon spokesman Pat Ryder said that troops were deployed. He said that more would follow.";
        let s = suggest(text);
        let second = s.attributions.iter().filter(|a| t(text, a.cue) == "said").nth(1).expect("second said");
        assert_eq!(second.source.map(|x| t(text, x)).as_deref(), Some("He"));
        assert_eq!(second.source_name.as_deref(), Some("Pentagon spokesman Pat Ryder"));
    }

    #[test]
    fn citation_chains() {
        let text = "The army has withdrawn from the town, Censor.NET reports citing Ukrinform.";
        let s = suggest(text);
        assert!(s.citations.iter().any(|c| c.citing == "Censor.NET" && c.cited == "Ukrinform"), "{:?}", s.citations);
        let text = "Prices will rise, according to Reuters, citing the central bank.";
        let s = suggest(text);
        assert!(s.citations.iter().any(|c| c.citing == "Reuters" && c.cited == "the central bank"), "{:?}", s.citations);
        let text = "The ministers said they were concerned in a statement published on the Foreign Ministry's website.";
        let s = suggest(text);
        assert!(s.citations.iter().any(|c| c.cited == "the Foreign Ministry"), "{:?}", s.citations);
    }

    #[test]
    fn offsets_are_chars_and_brat_round_trips() {
        let text = "Zelenskyy \u{2013} \u{fc}ber alles \u{2014} said that the front held.";
        let s = suggest(text);
        let a = find(text, &s, "said");
        assert_eq!(t(text, a.cue), "said");
        let ann = to_brat(text, &s);
        assert!(ann.contains("\tCue "), "{ann}");
        let back = from_brat(text, &ann);
        assert_eq!(back.len(), s.attributions.len());
        assert_eq!(back.iter().map(|a| a.cue).collect::<Vec<_>>(), s.attributions.iter().map(|a| a.cue).collect::<Vec<_>>());
    }

    #[test]
    fn brat_format() {
        let text = "We won, he said.";
        let s = Suggestions {
            attributions: vec![Attribution {
                source: Some(Span { start: 8, end: 10 }),
                source_name: None,
                cue: Span { start: 11, end: 15 },
                content: vec![Span { start: 0, end: 6 }],
                confidence: 0.9,
            }],
            citations: vec![],
        };
        assert_eq!(
            to_brat(text, &s),
            "T1\tSource 8 10\the\nT2\tCue 11 15\tsaid\nT3\tContent 0 6\tWe won\nT4\tAttribution 11 15\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        );
    }

    const REFERENCE: &str = include_str!("../../assets/g7-dprk-troops-censor-net.txt");

    #[test]
    fn reference_article() {
        use crate::analysis::dates::{DateValue, find_dates, nearest_date};
        use chrono::NaiveDate;
        let text = REFERENCE.strip_prefix(" date 2024-11-05 ").unwrap();
        assert!(text.starts_with("The foreign ministers"));
        let published = NaiveDate::from_ymd_opt(2024, 11, 5);
        let s = suggest(text);
        let src = |a: &Attribution| a.source.map(|x| t(text, x)).unwrap_or_default();
        // The ministers' statement.
        let first = find(text, &s, "said");
        assert!(src(first).starts_with("The foreign ministers of the Group of Seven"));
        assert!(content(text, first).contains("seriously concerned"));
        let stmt = s.attributions.iter().find(|a| src(a) == "the statement").expect("the statement said");
        assert!(content(text, stmt).contains("Several thousand DPRK troops"));
        // Published on the Japanese Foreign Ministry website, reported by Censor.NET citing Ukrinform.
        assert!(s.citations.iter().any(|c| c.citing == "Censor.NET" && c.cited == "Ukrinform"), "{:?}", s.citations);
        assert!(
            s.citations.iter().any(|c| c.citing.contains("ministers") && c.cited.contains("Japanese Foreign Ministry")),
            "{:?}",
            s.citations
        );
        // Rutte.
        let rutte = find(text, &s, "confirmed");
        assert_eq!(src(rutte), "NATO Secretary General Mark Rutte");
        assert!(content(text, rutte).contains("North Korean soldiers"));
        // Zelenskyy, with the dates.
        let dates = find_dates(text, published);
        let z = s.attributions.iter().find(|a| src(a).contains("Zelenskyy")).expect("Zelenskyy");
        assert!(content(text, z).contains("first North Korean military would be used"), "{}", content(text, z));
        assert_eq!(
            nearest_date(&dates, z.cue, text).map(|d| d.value),
            Some(DateValue::Day(NaiveDate::from_ymd_opt(2024, 10, 25).unwrap()))
        );
        let zc = z.content.iter().copied().reduce(Span::cover).unwrap();
        assert_eq!(
            nearest_date(&dates, zc, text).map(|d| d.value),
            Some(DateValue::Range(
                NaiveDate::from_ymd_opt(2024, 10, 27).unwrap(),
                NaiveDate::from_ymd_opt(2024, 10, 28).unwrap()
            ))
        );
        // The Pentagon's figure and Pat Ryder.
        let pentagon = s.attributions.iter().find(|a| content(text, a).contains("about 10,000")).expect("10,000");
        assert!(src(pentagon).contains("Pentagon"));
        assert_eq!(
            nearest_date(&dates, pentagon.cue, text).map(|d| d.value),
            Some(DateValue::Day(NaiveDate::from_ymd_opt(2024, 10, 28).unwrap()))
        );
        let ryder = s.attributions.iter().find(|a| src(a) == "Pentagon spokesman Pat Ryder").expect("Ryder");
        assert!(content(text, ryder).contains("several thousand North Korean soldiers"));
    }

    #[test]
    fn fuzz_no_panics() {
        const PIECES: &[&str] = &[
            "said",
            " ",
            "\n",
            "\n\n",
            "\"",
            "\u{201c}",
            "\u{201d}",
            "'",
            "\u{2019}s",
            ",",
            ".",
            ":",
            "according to",
            "He",
            "the statement",
            "citing",
            "published on the website of",
            "Mr.",
            "U.S.",
            "October 27-28",
            "December 30",
            "yesterday",
            "last week",
            "on Monday",
            "2024-11-05",
            "\u{1f600}",
            "\u{0301}",
            "\u{5f53}",
            "x",
            "A",
            "9",
            "-",
            "\u{2014}",
            "\t",
            "\r",
            "who",
            "'s website",
            "in 2014",
        ];
        let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let published = chrono::NaiveDate::from_ymd_opt(2025, 1, 2);
        for _ in 0..3000 {
            let n = (next() % 40) as usize;
            let mut s = String::new();
            for _ in 0..n {
                if next() % 5 == 0 {
                    let b = (next() % 0x2FFF) as u32;
                    s.push(char::from_u32(b).unwrap_or('?'));
                } else {
                    s.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
                }
            }
            let sug = suggest(&s);
            let ann = to_brat(&s, &sug);
            let _ = from_brat(&s, &ann);
            let len = s.chars().count();
            for a in &sug.attributions {
                assert!(a.cue.end <= len && a.content.iter().all(|c| c.end <= len));
            }
            let dates = crate::analysis::dates::find_dates(&s, published);
            for d in &dates {
                assert!(d.span.end <= len);
            }
            let _ = crate::analysis::dates::nearest_date(&dates, Span { start: len / 3, end: len / 2 }, &s);
        }
        // Random bytes, lossily decoded.
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..(next() % 200)).map(|_| next() as u8).collect();
            let s = String::from_utf8_lossy(&bytes);
            let _ = to_brat(&s, &suggest(&s));
            let _ = crate::analysis::dates::find_dates(&s, published);
            let _ = from_brat(&s, &s);
        }
    }

    // ---- In-process dev evaluation (re-implements score_attributions.py's lenient figures). ----

    /// `PolNeAR` dev, relative to the crate root. In claimlens: "../shared/data/polnear/dev".
    const DEV_DIR: &str = "../shared/data/polnear/dev";
    /// Goals: lenient F1 per role, and cue+content attribution F1.
    const GOAL_CUE: f64 = 0.70;
    const GOAL_SOURCE: f64 = 0.65;
    const GOAL_CONTENT: f64 = 0.60;
    const GOAL_ATTRIBUTION: f64 = 0.55;

    const TRIM: &[char] = &[' ', '\t', '\r', '\n', '"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', ',', '.', ';', ':'];

    fn trim(chars: &[char], s: Span) -> (usize, usize) {
        let (mut a, mut b) = (s.start, s.end.min(chars.len()));
        while a < b && TRIM.contains(&chars[a]) {
            a += 1;
        }
        while b > a && TRIM.contains(&chars[b - 1]) {
            b -= 1;
        }
        (a, b)
    }

    fn lenient(a: Option<(usize, usize)>, b: Option<(usize, usize)>) -> bool {
        let (Some(a), Some(b)) = (a, b) else { return false };
        let overlap = a.1.min(b.1) as i64 - a.0.max(b.0) as i64;
        overlap > 0 && overlap * 2 >= (a.1 - a.0).max(b.1 - b.0) as i64
    }

    /// Role spans of all T lines (min..max over fragments), trimmed.
    fn role_spans(chars: &[char], ann: &str, role: &str) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = ann
            .lines()
            .filter(|l| l.starts_with('T'))
            .filter_map(|l| {
                let body = l.split('\t').nth(1)?;
                let (label, offs) = body.split_once(' ')?;
                if label != role {
                    return None;
                }
                let fr = parse_frags(offs);
                let cover = fr.into_iter().reduce(Span::cover)?;
                Some(trim(chars, cover))
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    fn greedy(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> usize {
        let mut used = vec![false; pred.len()];
        let mut n = 0;
        for g in gold {
            if let Some(i) = (0..pred.len()).find(|&i| !used[i] && lenient(Some(*g), Some(pred[i]))) {
                used[i] = true;
                n += 1;
            }
        }
        n
    }

    fn f1(tp: usize, pred: usize, gold: usize) -> f64 {
        let p = if pred > 0 { tp as f64 / pred as f64 } else { 0.0 };
        let r = if gold > 0 { tp as f64 / gold as f64 } else { 0.0 };
        if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
    }

    #[test]
    fn dev_evaluation_meets_goals() {
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DEV_DIR);
        let mut anns: Vec<String> = std::fs::read_dir(base.join("attributions"))
            .expect("PolNeAR dev attributions")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        anns.sort();
        let mut seen = std::collections::HashSet::new();
        let roles = ["Source", "Cue", "Content"];
        let mut counts = [(0usize, 0usize, 0usize); 3]; // (tp, pred, gold)
        let (mut atp, mut apred, mut agold) = (0, 0, 0);
        for fname in anns {
            let Some(name) = fname.get(..fname.len().saturating_sub(9)) else { continue };
            if !fname.ends_with(".ann") || !seen.insert(name.to_string()) {
                continue;
            }
            let text = std::fs::read_to_string(base.join("text").join(format!("{name}.txt"))).unwrap();
            let gold_ann = std::fs::read_to_string(base.join("attributions").join(&fname)).unwrap();
            let chars: Vec<char> = text.chars().collect();
            let pred_ann = to_brat(&text, &suggest(&text));
            for (k, role) in roles.iter().enumerate() {
                let g = role_spans(&chars, &gold_ann, role);
                let p = role_spans(&chars, &pred_ann, role);
                counts[k].0 += greedy(&g, &p);
                counts[k].1 += p.len();
                counts[k].2 += g.len();
            }
            let key = |a: &Attribution| {
                let cue = trim(&chars, a.cue);
                let content = a.content.iter().copied().reduce(Span::cover).map(|c| trim(&chars, c));
                (cue, content)
            };
            let gold: Vec<_> = from_brat(&text, &gold_ann).iter().map(key).collect();
            let pred: Vec<_> = from_brat(&text, &pred_ann).iter().map(key).collect();
            let mut used = vec![false; pred.len()];
            let mut left = Vec::new();
            for g in &gold {
                match (0..pred.len()).find(|&i| !used[i] && pred[i] == *g) {
                    Some(i) => {
                        used[i] = true;
                        atp += 1;
                    }
                    None => left.push(*g),
                }
            }
            for g in left {
                if let Some(i) =
                    (0..pred.len()).find(|&i| !used[i] && lenient(Some(g.0), Some(pred[i].0)) && lenient(g.1, pred[i].1))
                {
                    used[i] = true;
                    atp += 1;
                }
            }
            apred += pred.len();
            agold += gold.len();
        }
        let fs: Vec<f64> = counts.iter().map(|&(tp, p, g)| f1(tp, p, g)).collect();
        let fa = f1(atp, apred, agold);
        eprintln!("dev lenient F1: Source {:.3} Cue {:.3} Content {:.3}; attribution {:.3}", fs[0], fs[1], fs[2], fa);
        assert!(fs[0] >= GOAL_SOURCE, "Source F1 {:.3} < {GOAL_SOURCE}", fs[0]);
        assert!(fs[2] >= GOAL_CONTENT, "Content F1 {:.3} < {GOAL_CONTENT}", fs[2]);
        assert!(fs[1] >= GOAL_CUE, "Cue F1 {:.3} < {GOAL_CUE}", fs[1]);
        assert!(fa >= GOAL_ATTRIBUTION, "attribution F1 {fa:.3} < {GOAL_ATTRIBUTION}");
    }
}
