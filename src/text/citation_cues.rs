//! The one home of the phrases that state a citation rather than a claim: through whom a
//! report knows what it says ("Censor.NET reports citing Ukrinform", "with reference to",
//! "according to Y, citing Z"), where a statement was published ("published on the website of
//! the Japanese Foreign Ministry") and the sentences that only say where the claims before them
//! were stated ("This is stated in a statement by the ministers"). The suggester reads these as
//! links between sources, never as claims. Lower case, one word a slice item.

/// Phrases after which comes whom a report cites ("X reports citing Y", "X reports with
/// reference to Y", "according to Y, citing Z"). Not "referring to": "he said, referring to
/// the country's official name" cites nobody.
pub const CITING: &[&[&str]] = &[&["citing"], &["with", "reference", "to"], &["in", "reference", "to"], &["quoting"]];

/// Phrases after which comes where a statement was published ("published on Z's website",
/// "posted on the website of Z").
pub const PUBLISHED: &[&[&str]] = &[&["published", "on"], &["posted", "on"], &["published", "in"]];

/// Nouns for the place a statement was published on ("the website of Z", "Z's site").
pub const WEBSITE: &[&str] = &["website", "site", "page", "channel", "account"];

/// Sentence openings that say where the claims before them were stated ("This is stated in …",
/// "This was reported by …"): such a sentence is a citation, never a claim.
pub const STATED_IN: &[&[&str]] = &[
    &["this", "is", "stated", "in"],
    &["this", "was", "stated", "in"],
    &["this", "is", "said", "in"],
    &["this", "was", "said", "in"],
    &["this", "is", "reported", "by"],
    &["this", "was", "reported", "by"],
    &["this", "is", "stated", "by"],
    &["this", "was", "announced", "in"],
    &["this", "is", "announced", "in"],
    &["this", "is", "according", "to"],
];

/// The length in words of the phrase of `phrases` that `words` (lower case) start with, if any.
pub fn phrase_at<'a>(phrases: &[&[&str]], words: impl Iterator<Item = &'a str> + Clone) -> Option<usize> {
    phrases.iter().find(|p| p.iter().copied().eq(words.clone().take(p.len()))).map(|p| p.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_phrase_a_text_starts_with() {
        let words = |s: &'static str| s.split_whitespace();
        assert_eq!(phrase_at(CITING, words("with reference to Ukrinform")), Some(3));
        assert_eq!(phrase_at(CITING, words("citing Ukrinform")), Some(1));
        assert_eq!(phrase_at(CITING, words("with Ukrinform")), None);
        assert_eq!(phrase_at(STATED_IN, words("this is stated in a statement")), Some(4));
    }
}
