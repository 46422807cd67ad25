//! Tokens: words, numbers, punctuation and quotation marks, with their paragraph and sentence.

use super::{hash_lower, stem_hash};

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
    pub(super) fn is_cap(&self) -> bool {
        self.shape == 1 || self.shape == 2
    }
    pub(super) fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word | Kind::Number)
    }
}

pub(super) fn shape_of(word: &[char], kind: Kind) -> u8 {
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
    let mut scanner = Scanner { chars, i: 0, para: 0, quote_open: false, buf: String::new() };
    while let Some(&c) = chars.get(scanner.i) {
        if c == '\n' || c == '\u{2029}' {
            if toks.last().is_some_and(|t| t.para == scanner.para) {
                scanner.para += 1;
            }
            scanner.quote_open = false;
            scanner.i += 1;
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            scanner.i += 1;
            continue;
        }
        let token = scanner.token(c, toks.last());
        toks.push(token);
    }
    assign_sentences(&mut toks);
    toks
}

/// The tokenizer's place in the text.
struct Scanner<'a> {
    chars: &'a [char],
    i: usize,
    para: u32,
    quote_open: bool,
    /// The current token lower-cased.
    buf: String,
}

impl Scanner<'_> {
    /// Reads the token starting with `c` at `self.i`.
    fn token(&mut self, c: char, previous: Option<&Token>) -> Token {
        let chars = self.chars;
        let start = self.i;
        let kind = if c.is_alphanumeric() {
            self.word()
        } else if matches!(c, '\'' | '\u{2019}')
            && chars.get(start + 1).is_some_and(|d| matches!(d, 's' | 'S'))
            && !chars.get(start + 2).is_some_and(|x| x.is_alphanumeric())
            && start > 0
            && chars.get(start - 1).is_some_and(|p| p.is_alphanumeric())
        {
            self.i += 2;
            Kind::Word
        } else if c == '\'' && chars.get(start + 1) == Some(&'\'') {
            // '' (two apostrophes) is a quotation mark in some wire copy: read as a straight ".
            self.i += 2;
            self.punctuation('"', start, previous)
        } else {
            self.i += 1;
            self.punctuation(c, start, previous)
        };
        let i = self.i;
        let word = chars.get(start..i).unwrap_or(&[]);
        if kind != Kind::Word && kind != Kind::Number {
            self.buf.clear();
            self.buf.extend(word.iter().flat_map(|c| c.to_lowercase()));
        } else if word.len() == 2
            && word.get(1).is_some_and(|c| matches!(c, 's' | 'S'))
            && !word.first().is_some_and(|c| c.is_alphanumeric())
        {
            self.buf.clear();
            self.buf.push_str("'s");
        }
        let lower = hash_lower(self.buf.chars());
        let stem = if kind == Kind::Word { stem_hash(&self.buf) } else { lower };
        Token { start, end: i, kind, lower, stem, shape: shape_of(word, kind), first: c, para: self.para, sent: 0 }
    }

    /// Reads a word or number at `self.i` (joining n't, o'clock, O'Brien, U.S., 10,000; not 's).
    fn word(&mut self) -> Kind {
        let chars = self.chars;
        let start = self.i;
        let numeric = chars.get(start).is_some_and(char::is_ascii_digit);
        self.i += 1;
        while let Some(&d) = chars.get(self.i) {
            if d.is_alphanumeric() {
                self.i += 1;
                continue;
            }
            let next = chars.get(self.i + 1).copied().unwrap_or(' ');
            let joins = match d {
                '\'' | '\u{2019}' => {
                    // Split the possessive / contraction 's off; keep n't, o'clock, O'Brien.
                    let possessive = matches!(next, 's' | 'S') && !chars.get(self.i + 2).is_some_and(|x| x.is_alphanumeric());
                    next.is_alphabetic() && !possessive
                }
                '.' | '-' | '&' => next.is_alphanumeric(),
                ',' | ':' => numeric && next.is_ascii_digit(),
                _ => false,
            };
            if joins {
                self.i += 2;
            } else {
                break;
            }
        }
        let word = chars.get(start..self.i).unwrap_or(&[]);
        self.buf.clear();
        self.buf.extend(word.iter().flat_map(|c| c.to_lowercase()));
        if chars.get(self.i) == Some(&'.') && !numeric && crate::text::is_abbreviation(&word.iter().collect::<String>()) {
            self.i += 1;
        }
        if numeric { Kind::Number } else { Kind::Word }
    }

    /// The kind of the punctuation `c` at `start`, telling opening from closing quotes.
    fn punctuation(&mut self, c: char, start: usize, previous: Option<&Token>) -> Kind {
        let chars = self.chars;
        match c {
            '\u{201c}' | '\u{201e}' | '\u{ab}' => {
                self.quote_open = true;
                Kind::OpenQuote
            }
            '\u{201d}' | '\u{bb}' => {
                self.quote_open = false;
                Kind::CloseQuote
            }
            '"' => {
                let prev_space =
                    start == 0 || chars.get(start - 1).is_none_or(|p| p.is_whitespace() || "([{\u{2014}-".contains(*p));
                let next_word = chars.get(self.i).is_some_and(|n| n.is_alphanumeric());
                if !self.quote_open || (prev_space && next_word && !previous.is_some_and(|t| t.kind == Kind::OpenQuote)) {
                    self.quote_open = true;
                    Kind::OpenQuote
                } else {
                    self.quote_open = false;
                    Kind::CloseQuote
                }
            }
            _ => Kind::Punct,
        }
    }
}

/// Numbers the sentences of `toks`: a new one at each paragraph and after ., ! or ? followed
/// by what opens a sentence (`crate::text::opens_sentence`).
fn assign_sentences(toks: &mut [Token]) {
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
            // The shared rule (`crate::text::opens_sentence`) on the next token's first char; a
            // straight quote opens only where the tokenizer saw an opening one.
            if next.is_some_and(|x| {
                x.para == t.para
                    && (x.kind == Kind::OpenQuote || (x.kind != Kind::CloseQuote && crate::text::opens_sentence(x.first)))
            }) {
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
    for t in toks.iter_mut() {
        if t.sent < last {
            t.sent = last;
        }
        last = t.sent;
    }
}
