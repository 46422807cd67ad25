//! Plain-text and Markdown articles.
//!
//! The reference format: an optional leading `date YYYY-MM-DD` sets the publication date
//! (it may stand alone on the first line or begin it); the title is the first line when it is
//! short, or else the first sentence. A byte-order mark is dropped, CRLF and CR become LF,
//! and non-breaking and other exotic spaces become plain spaces, so that what the reader sees,
//! searches and annotates is the stored text itself; offsets count code points of that text.

use crate::model::Document;
use crate::model::origin::{Origin, OriginKind};
use chrono::NaiveDate;

/// The most of a first line searched for its first sentence's end.
const MAX_SENTENCE_CHARS: usize = 2_000;

/// Longest first line that is taken as a headline as it is.
const MAX_TITLE_CHARS: usize = 120;

/// Turns an article's raw text into a document. `name` (the file stem) is the fallback title.
pub fn import_text(raw: &str, name: &str) -> Document {
    let cleaned = normalize(raw);
    let (published, body) = split_date_line(&cleaned);
    let title = title_of(body).unwrap_or_else(|| name.to_owned());
    let mut doc = Document::new(title, body);
    doc.published = published;
    let structure = crate::text::apparatus::structure(&doc.text);
    if !structure.is_empty() {
        let mut origin = Origin::new(OriginKind::Text);
        origin.structure = structure;
        doc.origin = Some(origin);
    }
    doc
}

/// Drops a BOM, turns CRLF/CR into LF and unusual spaces into plain ones.
pub fn normalize(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2000}'..='\u{200a}' => out.push(' '),
            '\u{feff}' | '\u{200b}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits a leading `date YYYY-MM-DD` marker off the text.
fn split_date_line(text: &str) -> (Option<NaiveDate>, &str) {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("date ") else { return (None, trimmed.trim_end_matches(char::is_whitespace)) };
    let rest = rest.trim_start();
    let candidate = rest.get(..10).unwrap_or("");
    match NaiveDate::parse_from_str(candidate, "%Y-%m-%d") {
        Ok(date) => {
            let body = rest.get(10..).unwrap_or("").trim_start();
            (Some(date), body.trim_end_matches(char::is_whitespace))
        }
        Err(_) => (None, trimmed.trim_end_matches(char::is_whitespace)),
    }
}

/// The headline: the first line (Markdown `#` dropped) when it is short, else its first
/// sentence whole, as [`crate::text::sentences`] ends sentences (a full stop after "St." or an
/// initial, or an ellipsis, ends none), so a title is never cut inside a sentence.
pub fn title_of(text: &str) -> Option<String> {
    let first_line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line = first_line.trim_start_matches('#').trim();
    if line.chars().count() <= MAX_TITLE_CHARS {
        return Some(line.to_owned());
    }
    // A sentence ends long before this; a huge one-line file is not split whole.
    let head = line.char_indices().nth(MAX_SENTENCE_CHARS).map_or(line, |(i, _)| line.get(..i).unwrap_or(line));
    let first = crate::text::sentences(head).into_iter().next()?;
    Some(crate::anchor::slice_chars(head, first).to_owned())
}

/// Shortening a text for a label lives with the other text rules ([`crate::text::shorten`]).
pub use crate::text::shorten;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_date_marker_and_strips_it() {
        let doc = import_text(" date 2024-11-05 The ministers said so.\n\nMore.", "x");
        assert_eq!(doc.published, NaiveDate::from_ymd_opt(2024, 11, 5));
        assert_eq!(doc.text, "The ministers said so.\n\nMore.");
        assert_eq!(doc.title, "The ministers said so.");
    }

    #[test]
    fn date_on_its_own_line() {
        let doc = import_text("date 2024-01-02\nHeadline here\n\nBody.", "x");
        assert_eq!(doc.published, NaiveDate::from_ymd_opt(2024, 1, 2));
        assert_eq!(doc.title, "Headline here");
        assert!(doc.text.starts_with("Headline here"));
    }

    #[test]
    fn bom_crlf_and_nbsp() {
        let doc = import_text("\u{feff}# Title\r\nA\u{a0}b said.\r\n", "x");
        assert_eq!(doc.text, "# Title\nA b said.");
        assert_eq!(doc.title, "Title");
        assert_eq!(doc.published, None);
    }

    #[test]
    fn a_long_first_line_gives_its_first_sentence_whole() {
        let long = format!("{} end. Second sentence.", "word ".repeat(40));
        assert_eq!(title_of(&long).unwrap_or_default(), format!("{} end.", "word ".repeat(40)));
        // A short first line is the title as it is, an abbreviation and all.
        let wall = "With Wall St. Center Stage, Novel About Female Trader.\n\nA strong woman.";
        assert_eq!(title_of(wall).as_deref(), Some("With Wall St. Center Stage, Novel About Female Trader."));
        // A long one ends at its first sentence's end, not at "St." nor at an ellipsis.
        let filler = "and the traders of the street went on with their day ".repeat(2);
        let long = format!("Gov. Smith met Wall St. bankers seriously… {filler}at noon. Then he left for home.");
        assert_eq!(title_of(&long), Some(format!("Gov. Smith met Wall St. bankers seriously… {filler}at noon.")));
    }

    #[test]
    fn link_lines_and_headings_are_marked() {
        let doc = import_text("A said x.\n\nRead more: B says y\n\nA heading here\n\nC said z.", "x");
        let kinds: Vec<_> = doc.origin.map(|o| o.structure).unwrap_or_default();
        assert_eq!(
            kinds,
            [
                (crate::anchor::CharRange::new(11, 30), crate::model::origin::ParagraphKind::LinkLine),
                (crate::anchor::CharRange::new(32, 46), crate::model::origin::ParagraphKind::Heading)
            ]
        );
    }

    #[test]
    fn empty_text_falls_back_to_name() {
        assert_eq!(import_text("", "stem").title, "stem");
    }
}
