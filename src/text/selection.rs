//! Selections on text: snapping a range out to whole words (as a mouse drag selects) and
//! trimming the whitespace at its ends (as every span is made). Words are [`super::words`]'s
//! (Unicode segmentation): one word rule for the keyboard, the mouse and the spans.

use super::words::word_at;
use crate::anchor::CharRange;

/// `range` grown so that neither end cuts a word: a start inside a word moves to the word's
/// start, an end inside a word to the word's end. Ends between words stay where they are.
pub fn snap_to_words(text: &str, range: CharRange) -> CharRange {
    let start = match word_at(text, range.start) {
        Some(w) if w.start < range.start && range.start < w.end => w.start,
        _ => range.start,
    };
    let end = match word_at(text, range.end) {
        Some(w) if w.start < range.end && range.end < w.end => w.end,
        _ => range.end,
    };
    CharRange::new(start, end.max(start))
}

/// `range` without the whitespace at its start and end; `None` when it is whitespace only
/// (or empty).
pub fn trim_whitespace(text: &str, range: CharRange) -> Option<CharRange> {
    let chars: Vec<char> = text.chars().skip(range.start).take(range.len()).collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    if lead == chars.len() {
        return None;
    }
    let trail = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    Some(CharRange::new(range.start + lead, range.start + chars.len() - trail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, r: CharRange) -> String {
        text.chars().skip(r.start).take(r.len()).collect()
    }

    fn snapped(text: &str, from: &str, to: &str) -> String {
        // The range from just inside the first occurrence of `from` to just inside `to`.
        let at = |needle: &str| text.find(needle).map_or(0, |b| crate::anchor::char_len(text.get(..b).unwrap_or("")));
        slice(text, snap_to_words(text, CharRange::new(at(from) + 1, at(to) + 1)))
    }

    #[test]
    fn a_drag_inside_words_takes_them_whole() {
        let text = "Censor.NET reports, citing Ukrinform.";
        assert_eq!(snapped(text, "Censor", "NET"), "Censor.NET", "one word by the word rule, never \"Censo\"");
        assert_eq!(snapped(text, "reports", "Ukrinform"), "reports, citing Ukrinform");
        assert_eq!(snap_to_words(text, CharRange::new(0, 5)), CharRange::new(0, 10));
        // Ends already between words stay.
        assert_eq!(snap_to_words(text, CharRange::new(11, 18)), CharRange::new(11, 18));
    }

    #[test]
    fn whitespace_is_trimmed_at_both_ends() {
        let text = " The foreign ministers said \n";
        let r = trim_whitespace(text, CharRange::new(0, text.chars().count())).unwrap_or(CharRange::new(0, 0));
        assert_eq!(slice(text, r), "The foreign ministers said");
        assert_eq!(trim_whitespace(text, CharRange::new(4, 5)), None, "a space alone is no span");
        assert_eq!(trim_whitespace("ab", CharRange::new(0, 2)), Some(CharRange::new(0, 2)));
    }
}
