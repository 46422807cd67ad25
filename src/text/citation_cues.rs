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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_lower_case_words() {
        // The suggester compares them with lower-cased tokens, one word a token.
        let all = CITING.iter().chain(PUBLISHED).chain(STATED_IN).flat_map(|p| p.iter()).chain(WEBSITE);
        for w in all {
            assert!(!w.is_empty() && w.chars().all(char::is_lowercase), "{w:?}");
        }
    }
}
