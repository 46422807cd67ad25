//! Sentence boundaries, for the keyboard sentence cursor.

use crate::anchor::CharRange;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] =
    &["mr", "mrs", "ms", "dr", "gov", "gen", "sen", "rep", "st", "u.s", "u.k", "no", "vs", "jr", "sr", "lt", "col", "prof"];

/// Splits `text` into sentences (char ranges, trimmed of surrounding white space). Paragraph
/// breaks always end a sentence; `.`, `!`, `?` end one when followed by white space and not
/// preceded by a known abbreviation or a single initial. Closing quotes stay with their sentence.
pub fn sentences(text: &str) -> Vec<CharRange> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or(' ');
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        let mut end_here = None;
        if c == '\n' {
            end_here = Some(i);
        } else if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while chars.get(j).is_some_and(|c| matches!(c, '"' | '\'' | '”' | '’' | ')' | '»')) {
                j += 1;
            }
            if chars.get(j).is_none_or(|c| c.is_whitespace()) && !(c == '.' && is_abbreviation(&chars, i)) {
                end_here = Some(j);
                i = j.saturating_sub(1);
            }
        }
        if let (Some(e), Some(s)) = (end_here, start) {
            let mut e = e;
            while e > s && chars.get(e - 1).is_some_and(|c| c.is_whitespace()) {
                e -= 1;
            }
            if e > s {
                out.push(CharRange::new(s, e));
            }
            start = None;
        }
        i += 1;
    }
    if let Some(s) = start {
        let mut e = chars.len();
        while e > s && chars.get(e - 1).is_some_and(|c| c.is_whitespace()) {
            e -= 1;
        }
        if e > s {
            out.push(CharRange::new(s, e));
        }
    }
    out
}

fn is_abbreviation(chars: &[char], dot: usize) -> bool {
    let mut s = dot;
    while s > 0 && chars.get(s - 1).is_some_and(|c| c.is_alphabetic() || *c == '.') {
        s -= 1;
    }
    let word: String = chars.get(s..dot).unwrap_or_default().iter().collect::<String>().to_lowercase();
    word.chars().count() == 1 || ABBREVIATIONS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_and_paragraphs() {
        let text = "Gov. Smith said so. \"It is true,\" he added.\n\nNew paragraph here";
        let got: Vec<String> = sentences(text).iter().map(|r| crate::anchor::slice_chars(text, *r).to_owned()).collect();
        assert_eq!(got, vec!["Gov. Smith said so.", "\"It is true,\" he added.", "New paragraph here"]);
    }
}
