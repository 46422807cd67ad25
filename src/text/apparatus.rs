//! What is not the article's running text: link lines ("Read more: …", "See also: …"),
//! bylines, captions and credits, headings and datelines. Importers of plain text mark such
//! paragraphs ([`structure`]) and the suggester skips them, so a linked headline is never taken
//! for an attribution.

use crate::anchor::CharRange;
use crate::model::origin::ParagraphKind;

/// Markers that open a link line to another article (compared lower case).
const LINK_MARKERS: &[&str] = &[
    "read more:",
    "read also:",
    "also read:",
    "read more -",
    "see also:",
    "related:",
    "related articles:",
    "related stories:",
    "more:",
];

/// Markers that open a caption or credit (compared lower case).
const CAPTION_MARKERS: &[&str] =
    &["photo:", "photos:", "image:", "video:", "watch:", "caption:", "source:", "credit:", "photo credit:"];

/// Longest heading, in words: a shorter paragraph with no closing punctuation is a heading.
const HEADING_WORDS: usize = 12;

/// Longest dateline, in words.
const DATELINE_WORDS: usize = 12;

/// Longest byline ("By Jane Doe and John Roe"), in words, for the `By` marker.
const BYLINE_WORDS: usize = 8;

/// What a paragraph (its text, as written) is when it is a link line, byline, caption or credit
/// rather than running text; `None` for running text.
pub fn apparatus_kind(paragraph: &str) -> Option<ParagraphKind> {
    let p = paragraph.trim_start();
    let lower: String = p.chars().take(24).flat_map(char::to_lowercase).collect();
    // Counted only as far as any rule looks, so a huge paragraph costs nothing.
    let words = p.split_whitespace().take(BYLINE_WORDS + 1).count();
    if LINK_MARKERS.iter().any(|m| lower.starts_with(m)) {
        return Some(ParagraphKind::LinkLine);
    }
    if CAPTION_MARKERS.iter().any(|m| lower.starts_with(m)) {
        return Some(ParagraphKind::Caption);
    }
    if ["advertisement", "subscribe"].iter().any(|m| lower.starts_with(m)) && words <= 4 {
        return Some(ParagraphKind::Caption);
    }
    // A byline is short and ends without a full stop: "By Jane Doe, Reuters".
    let byline = lower.starts_with("by ") && words <= BYLINE_WORDS && !ends_sentence(p);
    byline.then_some(ParagraphKind::Byline)
}

/// Whether a paragraph is a link line, byline, caption or credit rather than running text.
pub fn is_apparatus(paragraph: &str) -> bool {
    apparatus_kind(paragraph).is_some()
}

/// Whether a text ends as a sentence does (closing quotes and brackets looked through).
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\u{201d}', '\u{2019}', '\'', ')', '\u{bb}'])
        .ends_with(['.', '!', '?', ':', '\u{2026}'])
}

/// A short line made of a date or time and little else ("November 19, 2019 at 9:45 am").
pub fn is_dateline(text: &str) -> bool {
    let words = text.split_whitespace().take(DATELINE_WORDS + 1).count();
    if words > DATELINE_WORDS || ends_sentence(text) && words > 6 {
        return false;
    }
    let has_year =
        text.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let has_time = text.split_whitespace().any(|w| {
        let (h, m) = w.split_once(':').unwrap_or(("", ""));
        !h.is_empty()
            && h.len() <= 2
            && h.bytes().all(|b| b.is_ascii_digit())
            && m.bytes().take(2).all(|b| b.is_ascii_digit())
            && m.len() >= 2
    });
    has_year || has_time
}

/// News agencies a dateline credits, as written in its brackets, and their names.
const WIRE_AGENCIES: &[(&str, &str)] = &[
    ("AP", "Associated Press"),
    ("Reuters", "Reuters"),
    ("AFP", "AFP"),
    ("UPI", "UPI"),
    ("Bloomberg", "Bloomberg"),
    ("CNN", "CNN"),
    ("dpa", "dpa"),
];

/// The news agency whose story the text is, when one of its first paragraphs opens with a
/// dateline crediting it: "COLUMBIA, S.C. (AP) — About a dozen …" is the Associated Press's.
pub fn wire_agency(text: &str) -> Option<&'static str> {
    text.split('\n').map(str::trim).filter(|p| !p.is_empty()).take(3).find_map(|paragraph| {
        let (place, rest) = paragraph.split_once('(')?;
        let (code, after) = rest.split_once(')')?;
        let place_ok = place.chars().count() <= 40 && !place.chars().any(char::is_lowercase);
        let after = after.trim_start();
        let opens = after.starts_with(['\u{2014}', '\u{2013}', '-']) || after.chars().next().is_some_and(char::is_uppercase);
        let (_, name) = WIRE_AGENCIES.iter().find(|(c, _)| *c == code.trim())?;
        (place_ok && opens).then_some(*name)
    })
}

/// Whether a paragraph is a heading: a short line of words with no closing punctuation
/// ("Participation of DPRK troops in Russia's war against Ukraine").
pub fn is_heading(paragraph: &str) -> bool {
    let t = paragraph.trim();
    let words = t.split_whitespace().take(HEADING_WORDS + 1).count();
    (1..=HEADING_WORDS).contains(&words) && t.chars().any(char::is_alphabetic) && !ends_sentence(t) && !t.ends_with([';', ','])
}

/// What a paragraph of plain text is: link line, byline, caption, dateline, heading, else body.
pub fn paragraph_kind(paragraph: &str) -> ParagraphKind {
    let t = paragraph.trim();
    apparatus_kind(t).unwrap_or(if is_dateline(t) {
        ParagraphKind::Dateline
    } else if is_heading(t) {
        ParagraphKind::Heading
    } else {
        ParagraphKind::Body
    })
}

/// The paragraphs (lines) of a plain text that are not body text, with their kind, as char
/// ranges of the text (what a document's `origin.structure` keeps).
pub fn structure(text: &str) -> Vec<(CharRange, ParagraphKind)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        if !line.trim().is_empty() {
            let kind = paragraph_kind(line);
            if kind != ParagraphKind::Body {
                out.push((CharRange::new(start, start + len), kind));
            }
        }
        start += len + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dateline_names_the_agency_whose_story_it_is() {
        assert_eq!(wire_agency("COLUMBIA, S.C. (AP) \u{2014} About a dozen owners met."), Some("Associated Press"));
        assert_eq!(wire_agency("Headline\n\nLONDON (Reuters) - Prices rose."), Some("Reuters"));
        assert_eq!(wire_agency("(CNN)President Donald Trump said so."), Some("CNN"));
        assert_eq!(wire_agency("The bill (AP) passed."), None, "no dateline: words before the brackets");
        assert_eq!(wire_agency("WASHINGTON (XYZ) \u{2014} Text."), None, "no agency");
    }

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

    #[test]
    fn plain_text_structure_marks_link_lines_and_headings() {
        let text = "The ministers said they were concerned.\n\nRead more: Klitschko says\n\nParticipation of DPRK troops\n\nBy Jane Doe\n\nNovember 5, 2024, 12:34\n\nEarlier, Rutte confirmed it.";
        let kinds: Vec<(String, ParagraphKind)> =
            structure(text).into_iter().map(|(r, k)| (text.chars().skip(r.start).take(r.len()).collect(), k)).collect();
        assert_eq!(
            kinds,
            [
                ("Read more: Klitschko says".to_owned(), ParagraphKind::LinkLine),
                ("Participation of DPRK troops".to_owned(), ParagraphKind::Heading),
                ("By Jane Doe".to_owned(), ParagraphKind::Byline),
                ("November 5, 2024, 12:34".to_owned(), ParagraphKind::Dateline),
            ]
        );
    }
}
