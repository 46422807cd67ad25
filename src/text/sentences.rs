//! Sentence boundaries: the one rule the suggester's tokenizer and the keyboard sentence cursor
//! share. A sentence ends at a paragraph break, or at `.`, `!` or `?` (with the closing quotes
//! and brackets after it) followed by white space and a char that opens a sentence (a capital,
//! a digit or an opening quotation mark); a full stop after an abbreviation or an initial does
//! not end one.

use crate::anchor::CharRange;

/// Abbreviations (lower case, without their full stop) after which a full stop does not end a
/// sentence. Dotted ones ("U.S.") need no entry: a word with an inner full stop is one.
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr", "inc", "co", "corp", "ltd", "vs",
    "rev", "prof", "no", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "ft", "mt", "pres", "capt", "adm", "maj",
    "atty", "reps", "sens", "messrs", "dept", "univ", "est", "approx", "fig", "vol", "op", "ed",
];

/// Whether a full stop right after `word` (as written, without the stop) is an abbreviation's:
/// a single capital (an initial), a word with an inner full stop ("U.S"), or a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        (Some(c), None) => c.is_uppercase(),
        _ => word.contains('.') || ABBREVIATIONS.contains(&word.to_lowercase().as_str()),
    }
}

/// Whether a sentence may start with `c`: a capital, a digit or an opening quotation mark.
pub fn opens_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '\u{201e}' | '\u{ab}')
}

/// Closing quotes and brackets that stay with the sentence they follow.
fn closes(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | '\u{bb}' | '.')
}

/// Splits `text` into sentences (char ranges, trimmed of surrounding white space).
pub fn sentences(text: &str) -> Vec<CharRange> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        let mut end_here = None;
        if c == '\n' {
            end_here = Some(i);
        } else if matches!(c, '.' | '!' | '?') && !(c == '.' && after_abbreviation(&chars, i)) {
            let mut j = i + 1;
            while chars.get(j).copied().is_some_and(closes) {
                j += 1;
            }
            if chars.get(j).is_none_or(|c| c.is_whitespace()) && next_opens(&chars, j) {
                end_here = Some(j);
                i = j.saturating_sub(1);
            }
        }
        if let (Some(e), Some(s)) = (end_here, start) {
            push_trimmed(&chars, s, e, &mut out);
            start = None;
        }
        i += 1;
    }
    if let Some(s) = start {
        push_trimmed(&chars, s, chars.len(), &mut out);
    }
    out
}

/// Whether the text after the white space at `j` starts a sentence (or a paragraph, or ends).
fn next_opens(chars: &[char], j: usize) -> bool {
    let next = chars.get(j..).unwrap_or_default().iter().find(|c| !c.is_whitespace() || **c == '\n');
    next.is_none_or(|&c| c == '\n' || opens_sentence(c))
}

fn push_trimmed(chars: &[char], s: usize, mut e: usize, out: &mut Vec<CharRange>) {
    while e > s && chars.get(e - 1).is_some_and(|c| c.is_whitespace()) {
        e -= 1;
    }
    if e > s {
        out.push(CharRange::new(s, e));
    }
}

/// Whether the full stop at `dot` ends an abbreviation or an initial.
fn after_abbreviation(chars: &[char], dot: usize) -> bool {
    let mut s = dot;
    while s > 0 && chars.get(s - 1).is_some_and(|c| c.is_alphanumeric() || *c == '.') {
        s -= 1;
    }
    let word: String = chars.get(s..dot).unwrap_or_default().iter().collect();
    is_abbreviation(&word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_at as check;

    #[test]
    fn sentences_end_where_a_reader_would_end_them() {
        check(
            &[
                "[Gov. Smith said so.] [\"It is true,\" he added.]\n\n[New paragraph here]",
                "[The U.S. Army and Mr. Jones met Jan. 5 in St. Louis.] [They left.]",
                "[J. R. R. Tolkien wrote it.] [It sold.]",
                "[Who said that?] [\u{201c}Nobody,\u{201d} she said!] [2024 was long.]",
                "[The vote was 5 a.m. sharp, he said. then went on.]",
                "[He said (so.)] [Then left.]",
                "[Prices rose 3.5 percent.] [Sales fell.]",
            ],
            |text, _| sentences(text),
        );
    }

    #[test]
    fn abbreviations_and_initials() {
        for (word, is) in [("Mr", true), ("mr", true), ("U.S", true), ("J", true), ("j", false), ("said", false), ("", false)] {
            assert_eq!(is_abbreviation(word), is, "{word:?}");
        }
    }
}
