//! Word boundaries by Unicode word segmentation (UAX #29): "don't", "U.S." and "3.5" are one
//! word each, punctuation and spaces none. The keyboard (`Ctrl+←`/`Ctrl+→`) and double-click
//! use these, so they agree.

use crate::anchor::CharRange;
use unicode_segmentation::UnicodeSegmentation;

/// The words of the line of `text` around char `pos`, as absolute char ranges. Words never
/// cross a line break, so only that line is segmented.
fn words_of_line(text: &str, pos: usize) -> Vec<CharRange> {
    let mut line_start = 0;
    let mut line = "";
    let mut chars_before = 0;
    for l in text.split_inclusive('\n') {
        let n = l.chars().count();
        line = l;
        line_start = chars_before;
        if pos < chars_before + n {
            break;
        }
        chars_before += n;
    }
    let mut out = Vec::new();
    let mut at = line_start;
    for seg in line.split_word_bounds() {
        let n = seg.chars().count();
        if seg.chars().any(char::is_alphanumeric) {
            out.push(CharRange::new(at, at + n));
        }
        at += n;
    }
    out
}

/// The words of `text` in order (the segments with a letter or digit), as slices of it.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_word_bounds().filter(|seg| seg.chars().any(char::is_alphanumeric))
}

/// Where `Ctrl+←` from char `pos` lands: the start of the word `pos` is inside or after the
/// last word before it, or 0.
pub fn word_start_before(text: &str, pos: usize) -> usize {
    let mut p = pos;
    loop {
        if let Some(w) = words_of_line(text, p.saturating_sub(1)).into_iter().rev().find(|w| w.start < p) {
            return w.start;
        }
        // No word before `pos` on its line: go on before the line.
        let line_start = text.chars().take(p).collect::<Vec<_>>().iter().rposition(|&c| c == '\n');
        match line_start {
            Some(nl) if nl > 0 => p = nl,
            _ => return 0,
        }
    }
}

/// Where `Ctrl+→` from char `pos` lands: the end of the word `pos` is inside or before the
/// next word after it, or the end of the text.
pub fn word_end_after(text: &str, pos: usize) -> usize {
    let len = text.chars().count();
    let mut p = pos;
    while p < len {
        if let Some(w) = words_of_line(text, p).into_iter().find(|w| w.end > p) {
            return w.end;
        }
        // No word after `pos` on its line: go on after the line.
        match text.chars().skip(p).position(|c| c == '\n') {
            Some(k) => p += k + 1,
            None => return len,
        }
    }
    len
}

/// The word at char `pos` (the one it is inside, else the one ending right at it), as a double
/// click selects it; `None` on spaces and punctuation.
pub fn word_at(text: &str, pos: usize) -> Option<CharRange> {
    let words = words_of_line(text, pos);
    words.iter().find(|w| w.start <= pos && pos < w.end).or_else(|| words.iter().find(|w| w.end == pos)).copied()
}

/// "1 claim", "2 claims": a count and its noun.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` in quotation marks, unless it already opens or closes with one of its own (a claim
/// that is a quotation is not quoted twice: `“Don't mind me”`, not `““Don't mind me””`).
pub fn quoted(text: &str) -> String {
    const MARKS: [char; 6] = ['"', '\u{201c}', '\u{201d}', '\u{ab}', '\u{bb}', '\''];
    let open = if text.starts_with(MARKS) { "" } else { "\u{201c}" };
    let close = if text.ends_with(MARKS) { "" } else { "\u{201d}" };
    format!("{open}{text}{close}")
}

/// Shortens to at most `max` chars at a word boundary, with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| cut.get(..i).unwrap_or(&cut));
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{check_at as check, marked_at as marked};

    #[test]
    fn counts_and_quotes_read_as_words() {
        assert_eq!(count_of(1, "claim", "claims"), "1 claim");
        assert_eq!(count_of(0, "claim", "claims"), "0 claims");
        assert_eq!(quoted("our group"), "\u{201c}our group\u{201d}");
        assert_eq!(quoted("\u{201c}our group\u{201d}"), "\u{201c}our group\u{201d}", "a quotation is not quoted twice");
    }

    #[test]
    fn a_double_click_selects_the_word_and_keeps_contractions_whole() {
        // `[` `]` mark the word a double click at `|` selects.
        check(
            &["He [do|n't] know.", "the [U.|S]. troops", "a [3.|5] share", "[Kyi|v's] allies", "[Zelensky|y] said"],
            |text, at| word_at(text, at).map(|w| vec![w]).unwrap_or_default(),
        );
        assert_eq!(word_at("a, b", 1), Some(CharRange::new(0, 1)), "just after a word is that word");
        assert_eq!(word_at("a ,  b", 3), None, "punctuation and spaces are no word");
    }

    #[test]
    fn ctrl_arrows_jump_over_whole_words() {
        for (case, want_left, want_right) in
            [("He don|'t know.", "He ", "He don't"), ("one. |Two", "", "one. Two"), ("one\n\n| two", "", "one\n\n two")]
        {
            let (text, at) = marked(case);
            let left: String = text.chars().take(word_start_before(&text, at)).collect();
            let right: String = text.chars().take(word_end_after(&text, at)).collect();
            assert_eq!((left.as_str(), right.as_str()), (want_left, want_right), "{case}");
        }
        assert_eq!(word_start_before("one\n\ntwo", 5), 0, "back over empty lines to the word before");
        assert_eq!(word_end_after("one two", 7), 7, "at the end stays at the end");
    }
}
