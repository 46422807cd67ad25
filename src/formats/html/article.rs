//! What an extraction yields: the article's metadata and its text as typed paragraphs.

use crate::anchor::CharRange;
use chrono::NaiveDate;

/// What claimlens puts between two paragraphs in a document's text: a blank line, as in the
/// plain-text articles (`formats::text`), so an article imported from its web page and from
/// its text file read the same.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

pub use crate::model::ParagraphKind;

/// One paragraph of the article: text with whitespace normalised as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The text (one line, no leading or trailing space).
    pub text: String,
    /// Its role in the page.
    pub kind: ParagraphKind,
}

impl Paragraph {
    /// A paragraph of this kind.
    pub fn new(text: impl Into<String>, kind: ParagraphKind) -> Self {
        Self { text: text.into(), kind }
    }
}

/// An article found in a web page (or a PDF): metadata and paragraphs.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ExtractedArticle {
    /// The headline (empty when the page has none).
    pub title: String,
    /// The outlet that published it (`og:site_name`, else the host).
    pub outlet: Option<String>,
    /// The author or authors, as the page names them.
    pub author: Option<String>,
    /// The publication date.
    pub published: Option<NaiveDate>,
    /// The page's canonical URL.
    pub canonical_url: Option<String>,
    /// The language tag (`en`, `de-DE`), as the page declares it.
    pub language: Option<String>,
    /// The article's paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// The character encoding the bytes were read in (`UTF-8`, `windows-1251`).
    pub encoding: &'static str,
}

impl ExtractedArticle {
    /// The article text as claimlens stores it: the paragraphs joined by
    /// [`PARAGRAPH_SEPARATOR`].
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.paragraphs.iter().map(|p| p.text.as_str()).collect();
        texts.join(PARAGRAPH_SEPARATOR)
    }

    /// The paragraphs that are not running text, with their kind, as char ranges of
    /// [`Self::text`] (what a document's `origin.structure` keeps).
    pub fn structure(&self) -> Vec<(CharRange, ParagraphKind)> {
        let separator = PARAGRAPH_SEPARATOR.chars().count();
        let mut out = Vec::new();
        let mut start = 0;
        for p in &self.paragraphs {
            let end = start + p.text.chars().count();
            if p.kind != ParagraphKind::Body {
                out.push((CharRange::new(start, end), p.kind));
            }
            start = end + separator;
        }
        out
    }

    /// The paragraphs of one kind.
    pub fn paragraphs_of(&self, kind: ParagraphKind) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter().filter(move |p| p.kind == kind)
    }
}

/// Collapses runs of whitespace (HTML's, non-breaking and other exotic spaces included) to one
/// space, drops zero-width characters and trims: the text as a reader sees it.
pub fn collapse_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            pending_space = !out.is_empty();
        } else if matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}') {
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_like_a_browser_shows_it() {
        assert_eq!(collapse_whitespace("  a\n\t b\u{a0}\u{a0}c\u{200b}d  "), "a b cd");
        assert_eq!(collapse_whitespace(" \n "), "");
    }

    #[test]
    fn text_joins_paragraphs_with_a_blank_line() {
        let a = ExtractedArticle {
            paragraphs: vec![Paragraph::new("One.", ParagraphKind::Body), Paragraph::new("Two", ParagraphKind::Heading)],
            ..ExtractedArticle::default()
        };
        assert_eq!(a.text(), "One.\n\nTwo");
        assert_eq!(a.structure(), vec![(CharRange::new(6, 9), ParagraphKind::Heading)]);
    }
}
