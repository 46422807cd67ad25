//! A brat `.txt` with a byte-order mark or CRLF line ends is read as the same text without the
//! mark and with LF, and its annotations land on the same words either way.
//!
//! The offsets of the `.ann` were counted either on the text with LF (a corpus checked out on
//! Windows gets CRLF afterwards) or on the file exactly as given (brat counts every char it
//! reads, `\r` included). The `T` lines' text columns tell which: the offsets are read the way
//! under which more of them quote their text, and the cleaned text's way when that is a tie.

use super::parse::TLine;
use crate::anchor::{CharRange, TextIndex};

/// The text without a leading byte-order mark, with `\r\n` and a lone `\r` as `\n`; when the
/// offsets of `t` were counted on `text` as given, they are moved onto the cleaned text.
pub(super) fn clean_text(text: &str, t: &mut [TLine]) -> String {
    if !text.starts_with('\u{feff}') && !text.contains('\r') {
        return text.to_owned();
    }
    let (clean, map) = clean_with_map(text);
    let (raw_index, clean_index) = (TextIndex::new(text), TextIndex::new(&clean));
    let quotes_its_text = |index: &TextIndex<'_>, line: &TLine| {
        let stated = collapse_ws(&line.text);
        let fits = line.ranges.iter().all(|r| r.start <= r.end && r.end <= index.char_len());
        let actual = line.ranges.iter().map(|r| index.slice(*r)).collect::<Vec<_>>().join(" ");
        !stated.is_empty() && fits && collapse_ws(&actual) == stated
    };
    let raw_votes = t.iter().filter(|l| quotes_its_text(&raw_index, l)).count();
    let clean_votes = t.iter().filter(|l| quotes_its_text(&clean_index, l)).count();
    if raw_votes > clean_votes {
        let moved = |pos: usize| map.get(pos).copied().unwrap_or(pos);
        for line in t.iter_mut() {
            for r in &mut line.ranges {
                *r = CharRange::new(moved(r.start), moved(r.end));
            }
        }
    }
    clean
}

/// The cleaned text and, for every char offset of `text` (and its end), the offset in it.
fn clean_with_map(text: &str) -> (String, Vec<usize>) {
    let mut clean = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut kept = 0;
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        map.push(kept);
        match c {
            '\u{feff}' if i == 0 => {}
            '\r' if chars.peek().is_some_and(|(_, next)| *next == '\n') => {}
            '\r' => {
                clean.push('\n');
                kept += 1;
            }
            c => {
                clean.push(c);
                kept += 1;
            }
        }
    }
    map.push(kept);
    (clean, map)
}

/// Runs of whitespace as one space, trimmed.
pub(super) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
