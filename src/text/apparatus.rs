//! What is not the article's running text: link lines ("Read more: …", "See also: …"),
//! bylines, captions and credits. The suggester skips such paragraphs, so a linked headline is
//! never taken for an attribution.

/// Markers that open a paragraph which is page furniture, not reporting (compared lower case,
/// each followed by a colon, a dash or white space as written here).
const MARKERS: &[&str] = &[
    "read more:",
    "read also:",
    "also read:",
    "read more -",
    "see also:",
    "related:",
    "related articles:",
    "related stories:",
    "more:",
    "photo:",
    "photos:",
    "image:",
    "video:",
    "watch:",
    "caption:",
    "source:",
    "credit:",
    "photo credit:",
    "advertisement",
    "subscribe",
    "by ",
];

/// Longest byline ("By Jane Doe and John Roe"), in words, for the `By` marker.
const BYLINE_WORDS: usize = 8;

/// Whether a paragraph (its text, as written) is a link line, byline, caption or credit rather
/// than running text.
pub fn is_apparatus(paragraph: &str) -> bool {
    let p = paragraph.trim_start();
    let lower: String = p.chars().take(24).flat_map(char::to_lowercase).collect();
    let Some(marker) = MARKERS.iter().find(|m| lower.starts_with(*m)) else { return false };
    if *marker == "by " {
        // A byline is short and ends without a full stop: "By Jane Doe, Reuters".
        let words = p.split_whitespace().count();
        return words <= BYLINE_WORDS && !p.trim_end().ends_with(['.', '!', '?', '"', '\u{201d}']);
    }
    if *marker == "advertisement" || *marker == "subscribe" {
        return p.split_whitespace().count() <= 4;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_apparatus;

    #[test]
    fn link_lines_bylines_and_captions_are_apparatus() {
        assert!(is_apparatus("Read more: Klitschko in presence of G7 ambassadors says law enforcement is pressuring"));
        assert!(is_apparatus("See also: Zelensky says the front is stable"));
        assert!(is_apparatus("RELATED: Officials said the talks failed"));
        assert!(is_apparatus("By Jane Doe and John Roe"));
        assert!(is_apparatus("Photo: the minister speaks at a press conference"));
    }

    #[test]
    fn running_text_is_not_apparatus() {
        assert!(!is_apparatus("The ministers said they were concerned."));
        assert!(!is_apparatus("By Monday, officials said, the talks had failed."));
        assert!(!is_apparatus("Related talks, the minister said, would follow."));
        assert!(!is_apparatus("Source code was leaked, the company said."));
    }
}
