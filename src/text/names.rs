//! Names of sources as the text gives them: pronouns (which point back to a name and are none
//! themselves), and the one normalisation that makes "the Pentagon" and "Pentagon" one source.

/// Words that name a source only by pointing back to one: never registered as sources. The
/// first [`TAGGER_PRONOUNS`] are the personal pronouns the suggester's shipped model has as a
/// feature (its weights were learned with exactly these): keep them first and in this order.
pub const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "who", "which", "i", "we", "you", "his", "her", "their", // the tagger's
    "me", "us", "him", "them", "its", "our", "my", "your", "that", "this", "one", "someone", "some", "others", "many",
    "everyone", "people",
];

/// How many of [`PRONOUNS`] the suggester's tagger features and pronoun resolution use.
pub const TAGGER_PRONOUNS: usize = 12;

/// Whether `name` (any case, surrounding white space ignored) is a pronoun, no source's name.
pub fn is_pronoun(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    PRONOUNS.contains(&lower.as_str())
}

/// A source's readable name from how the text names it: white space collapsed, surrounding
/// punctuation trimmed, and a leading article dropped before a proper name ("the Pentagon" →
/// "Pentagon"; "the ministers" stays, it is no name without its article).
pub fn source_display_name(name: &str) -> String {
    let collapsed = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')' && c != '(');
    for article in ["the ", "The "] {
        if let Some(rest) = trimmed.strip_prefix(article)
            && rest.chars().next().is_some_and(char::is_uppercase)
        {
            return rest.to_owned();
        }
    }
    trimmed.to_owned()
}

/// The key two names of one source share, for matching only (never shown): the display name,
/// lower case, without a leading "the" ("The Pentagon", "the Pentagon", "pentagon" → "pentagon").
pub fn normalize_source_name(name: &str) -> String {
    let lower = source_display_name(name).to_lowercase();
    match lower.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_source_however_the_text_names_it() {
        for (written, display, key) in [
            ("the Pentagon", "Pentagon", "pentagon"),
            ("Pentagon", "Pentagon", "pentagon"),
            ("  The   Pentagon, ", "Pentagon", "pentagon"),
            ("the ministers", "the ministers", "ministers"),
            ("Censor.NET", "Censor.NET", "censor.net"),
            ("\"Ukrinform\"", "Ukrinform", "ukrinform"),
        ] {
            assert_eq!(
                (source_display_name(written).as_str(), normalize_source_name(written).as_str()),
                (display, key),
                "{written:?}"
            );
        }
    }

    #[test]
    fn pronouns_are_no_names() {
        for p in ["He", "they", " it ", "Who", "people", "its"] {
            assert!(is_pronoun(p), "{p:?}");
        }
        for n in ["Zelenskyy", "the Pentagon", "Hedy", "Itamar"] {
            assert!(!is_pronoun(n), "{n:?}");
        }
    }
}
