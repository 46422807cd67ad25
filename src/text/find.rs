//! Finding words in texts, as the Find bar does: every case-insensitive occurrence in one text,
//! and in every document of a project with a line of context around each.

use crate::anchor::CharRange;

/// Every case-insensitive occurrence of `query` in `text`, as char ranges (not overlapping).
pub fn find_all(text: &str, query: &str) -> Vec<CharRange> {
    let fold = |c: char| c.to_lowercase().next().unwrap_or(c);
    let needle: Vec<char> = query.chars().map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let hay: Vec<char> = text.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay.get(i..i + needle.len()) == Some(needle.as_slice()) {
            out.push(CharRange::new(i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// A match with its context: up to `around` chars before and after it on its line, with "…"
/// where the context was cut, and whitespace runs made one space.
pub fn context(text: &str, at: CharRange, around: usize) -> (String, String, String) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |a: usize, b: usize| chars.get(a..b).map(|c| c.iter().collect::<String>()).unwrap_or_default();
    let line_start = chars.get(..at.start).and_then(|c| c.iter().rposition(|&c| c == '\n')).map_or(0, |p| p + 1);
    let line_end = chars.get(at.end..).and_then(|c| c.iter().position(|&c| c == '\n')).map_or(chars.len(), |p| at.end + p);
    let from = at.start.saturating_sub(around).max(line_start);
    let to = (at.end + around).min(line_end).max(at.end);
    let one_line = |s: String| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars().map(|c| if c.is_whitespace() { ' ' } else { c }) {
            if !(c == ' ' && out.ends_with(' ')) {
                out.push(c);
            }
        }
        out
    };
    let before = format!("{}{}", if from > line_start { "…" } else { "" }, one_line(slice(from, at.start)));
    let after = format!("{}{}", one_line(slice(at.end, to)), if to < line_end { "…" } else { "" });
    (before, slice(at.start, at.end), after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_whatever_the_case() {
        let text = "Pentagon said; the pentagon's PENTAGON.";
        let found: Vec<(usize, usize)> = find_all(text, "pentagon").iter().map(|r| (r.start, r.end)).collect();
        assert_eq!(found, [(0, 8), (19, 27), (30, 38)]);
        assert!(find_all(text, "").is_empty());
    }

    #[test]
    fn context_stays_on_the_matchs_line_and_says_where_it_was_cut() {
        let text = "First line here.\nThe Pentagon said that about ten thousand troops came.\nLast.";
        let at = find_all(text, "Pentagon")[0];
        let (before, hit, after) = context(text, at, 10);
        assert_eq!((before.as_str(), hit.as_str(), after.as_str()), ("The ", "Pentagon", " said that…"));
    }
}
