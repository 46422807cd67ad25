//! Guessing a source's kind from its name.

use crate::model::SourceKind;

const OUTLET_WORDS: &[&str] = &[
    "times",
    "post",
    "news",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "cnn",
    "bbc",
    "fox",
    "msnbc",
    "politico",
    "breitbart",
    "censor.net",
    "magazine",
    "daily",
    "newspaper",
    "radio",
    "tv",
    "television",
    "channel",
    "outlet",
];
const AGENCY_WORDS: &[&str] =
    &["ukrinform", "reuters", "associated press", "afp", "agence", "interfax", "tass", "xinhua", "bloomberg", "upi", "agency"];
const GOVERNMENT_WORDS: &[&str] = &[
    "ministry",
    "department",
    "pentagon",
    "white house",
    "kremlin",
    "government",
    "administration",
    "congress",
    "senate",
    "parliament",
    "cabinet",
    "office",
    "commission",
    "agency",
    "bureau",
    "police",
    "army",
    "military",
    "court",
    "fbi",
    "cia",
    "intelligence",
    "state department",
];
const OFFICIAL_WORDS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "secretary",
    "official",
    "officials",
    "ambassador",
    "governor",
    "senator",
    "president",
    "chairman",
    "director",
    "general",
    "mayor",
    "ministers",
    "representative",
    "aide",
    "adviser",
];
const ORGANIZATION_WORDS: &[&str] = &[
    "nato",
    "g7",
    "group of seven",
    "un",
    "united nations",
    "eu",
    "european union",
    "campaign",
    "committee",
    "party",
    "association",
    "foundation",
    "institute",
    "council",
    "union",
    "company",
    "corporation",
    "inc",
    "group",
    "organization",
];
const DOCUMENT_WORDS: &[&str] =
    &["statement", "report", "memo", "letter", "poll", "survey", "study", "document", "website", "release"];

/// Heads of a source the text leaves unnamed ("intelligence", "officials", "sources familiar
/// with the matter"): with no proper name beside them, the kind is [`SourceKind::Unnamed`].
const UNNAMED_HEADS: &[&str] = &[
    "intelligence",
    "official",
    "officials",
    "source",
    "sources",
    "expert",
    "experts",
    "analyst",
    "analysts",
    "observer",
    "observers",
    "insider",
    "insiders",
    "people",
    "person",
    "witness",
    "witnesses",
    "diplomat",
    "diplomats",
    "media",
    "reports",
];

/// Words that only open or modify an unnamed source ("some officials", "a source familiar with …").
const UNNAMED_OPENERS: &[&str] = &["a", "an", "the", "some", "several", "many", "other", "senior", "military", "unnamed"];

/// Whether `name` is a source the text leaves unnamed: one of [`UNNAMED_HEADS`], opened only by
/// [`UNNAMED_OPENERS`], and no capitalised word after the first ("intelligence", "some
/// officials", "sources familiar with the matter"; not "Ukrainian intelligence", "US officials").
pub fn is_unnamed(name: &str) -> bool {
    let words: Vec<String> = name.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()).collect();
    let proper = words.iter().skip(1).any(|w| w.chars().next().is_some_and(char::is_uppercase));
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let head = lower.iter().position(|w| UNNAMED_HEADS.contains(&w.as_str()));
    let opened = head.is_some_and(|h| lower.get(..h).is_some_and(|o| o.iter().all(|w| UNNAMED_OPENERS.contains(&w.as_str()))));
    opened && !proper
}

fn has_word(name: &str, words: &[&str]) -> bool {
    let lower = name.to_lowercase();
    words.iter().any(|w| {
        lower.match_indices(w).any(|(i, _)| {
            let before = lower.get(..i).and_then(|s| s.chars().last());
            let after = lower.get(i + w.len()..).and_then(|s| s.chars().next());
            before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// Words for a person who speaks for a body, after the body's name ("Pentagon spokesman Pat Ryder").
const SPEAKER_WORDS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "representative",
    "secretary",
    "secretary-general",
    "director",
    "chairman",
    "chairwoman",
];

/// Words that go on with a speaker word's title ("Secretary General").
const TITLE_GOES_ON: &[&str] = &["general"];

/// The body a person speaks for and the person's own name, when the name says it: "Pentagon
/// spokesman Pat Ryder" is Pat Ryder speaking for "Pentagon", "NATO Secretary General Mark
/// Rutte" Mark Rutte speaking for "NATO" (the capitalised words before the title, "the"
/// dropped). Titles that name no body of their own ("President", "Foreign Minister") are not
/// read this way: "Ukrainian" is no body.
pub fn speaks_for(name: &str) -> Option<(String, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let at = words.iter().position(|w| SPEAKER_WORDS.contains(&w.to_lowercase().as_str()))?;
    let body: Vec<&str> = words.get(..at)?.iter().copied().skip_while(|w| w.eq_ignore_ascii_case("the")).collect();
    let named = !body.is_empty() && body.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let title_end =
        at + 1 + words.get(at + 1..)?.iter().take_while(|w| TITLE_GOES_ON.contains(&w.to_lowercase().as_str())).count();
    let person = words.get(title_end..).filter(|rest| !rest.is_empty())?;
    let proper = person.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (named && proper).then(|| (body.join(" "), person.join(" ")))
}

/// Titles of an office held by a person, written before the name ("President Volodymyr
/// Zelenskyy", "Foreign Minister Annalena Baerbock"), in lower case, longest first.
const OFFICE_TITLES: &[&str] = &[
    "secretary of state",
    "prime minister",
    "foreign minister",
    "defense minister",
    "defence minister",
    "finance minister",
    "vice president",
    "attorney general",
    "secretary general",
    "secretary-general",
    "president",
    "chancellor",
    "premier",
    "minister",
    "governor",
    "gov.",
    "senator",
    "sen.",
    "rep.",
    "mayor",
    "ambassador",
    "gen.",
    "admiral",
    "judge",
    "pope",
];

/// Honorifics before a person's name ("Mr. Biden", "Dr. Fauci"), in lower case.
const HONORIFICS: &[&str] = &["mr.", "mrs.", "ms.", "dr.", "prof.", "mr", "mrs", "ms", "dr"];

/// A person's name after a title of office or an honorific, and whether the title is an office:
/// "President Volodymyr Zelenskyy" is ("Volodymyr Zelenskyy", true), "Ukrainian Prime Minister
/// Denys Shmyhal" ("Denys Shmyhal", true), "Mr. Biden" ("Biden", false). The words before the
/// title must be capitalised ("Ukrainian") and the name after it wholly so; a title alone, or
/// one not followed by a name ("the president of the company"), gives `None`.
pub fn titled_person(name: &str) -> Option<(String, bool)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let title_at = |i: usize| -> Option<(usize, bool)> {
        let rest = lower.get(i..)?;
        let starts = |t: &str| {
            let parts: Vec<&str> = t.split(' ').collect();
            rest.len() > parts.len() && parts.iter().zip(rest).all(|(p, w)| *p == w)
        };
        let office = OFFICE_TITLES.iter().find(|t| starts(t)).map(|t| (t.split(' ').count(), true));
        office.or_else(|| HONORIFICS.iter().find(|t| starts(t)).map(|_| (1, false)))
    };
    let (at, (len, office)) = (0..words.len()).find_map(|i| title_at(i).map(|t| (i, t)))?;
    let before_ok = words.get(..at)?.iter().all(capitalised);
    let person = words.get(at + len..)?;
    // "Secretary of State Department" is no person: what follows must read as a person's name.
    let named = !person.is_empty()
        && person.iter().all(capitalised)
        && title_at(at + len).is_none()
        && guess_kind(&person.join(" ")) == SourceKind::Person;
    (before_ok && named).then(|| (person.join(" "), office))
}

/// The most likely kind of a source called `name` ("Ukrinform" is a news agency,
/// "Pentagon spokesman Pat Ryder" an official, "the statement" a document).
pub fn guess_kind(name: &str) -> SourceKind {
    if is_unnamed(name) {
        SourceKind::Unnamed
    } else if has_word(name, DOCUMENT_WORDS) {
        SourceKind::Document
    } else if has_word(name, AGENCY_WORDS) && !has_word(name, GOVERNMENT_WORDS) {
        SourceKind::NewsAgency
    } else if has_word(name, OFFICIAL_WORDS) {
        SourceKind::Official
    } else if has_word(name, GOVERNMENT_WORDS) {
        SourceKind::GovernmentBody
    } else if has_word(name, OUTLET_WORDS) {
        SourceKind::Outlet
    } else if has_word(name, ORGANIZATION_WORDS) {
        SourceKind::Organization
    } else {
        SourceKind::Person
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_after_a_body_names_whom_a_person_speaks_for() {
        let pair = |b: &str, p: &str| Some((b.to_owned(), p.to_owned()));
        assert_eq!(speaks_for("Pentagon spokesman Pat Ryder"), pair("Pentagon", "Pat Ryder"));
        assert_eq!(speaks_for("NATO Secretary General Mark Rutte"), pair("NATO", "Mark Rutte"));
        assert_eq!(speaks_for("the WHO Director Tedros Adhanom"), pair("WHO", "Tedros Adhanom"));
        assert_eq!(speaks_for("President Volodymyr Zelenskyy"), None);
        assert_eq!(speaks_for("a spokesman"), None);
        assert_eq!(speaks_for("NATO Secretary General"), None, "a title without a person");
    }

    #[test]
    fn a_title_before_a_name_is_left_out_of_the_name() {
        let person = |n: &str, office: bool| Some((n.to_owned(), office));
        assert_eq!(titled_person("President Volodymyr Zelenskyy"), person("Volodymyr Zelenskyy", true));
        assert_eq!(titled_person("Ukrainian Prime Minister Denys Shmyhal"), person("Denys Shmyhal", true));
        assert_eq!(titled_person("Secretary of State Antony Blinken"), person("Antony Blinken", true));
        assert_eq!(titled_person("Mr. Biden"), person("Biden", false));
        assert_eq!(titled_person("President"), None, "a title alone");
        assert_eq!(titled_person("the president of the company"), None, "no name after the title");
        assert_eq!(titled_person("President Trump's lawyers"), None, "a name that is not all the rest");
        assert_eq!(titled_person("Volodymyr Zelenskyy"), None);
        assert_eq!(titled_person("General Motors"), None, "\"General\" opens names of companies");
        assert_eq!(titled_person("Governor Ministry"), None, "what follows is no person");
    }

    #[test]
    fn guesses_kinds_of_the_reference_sources() {
        assert_eq!(guess_kind("Ukrinform"), SourceKind::NewsAgency);
        assert_eq!(guess_kind("Censor.NET"), SourceKind::Outlet);
        assert_eq!(guess_kind("the Pentagon"), SourceKind::GovernmentBody);
        assert_eq!(guess_kind("Pentagon spokesman Pat Ryder"), SourceKind::Official);
        assert_eq!(guess_kind("NATO"), SourceKind::Organization);
        assert_eq!(guess_kind("the statement"), SourceKind::Document);
        assert_eq!(guess_kind("Volodymyr Zelenskyy"), SourceKind::Person);
        assert_eq!(guess_kind("intelligence"), SourceKind::Unnamed);
        assert_eq!(guess_kind("Ukrainian intelligence"), SourceKind::GovernmentBody);
        assert_eq!(guess_kind("sources familiar with the matter"), SourceKind::Unnamed);
        assert_eq!(guess_kind("Some officials"), SourceKind::Unnamed);
        assert_eq!(guess_kind("US officials"), SourceKind::Official);
        assert_eq!(guess_kind("Officials of these countries"), SourceKind::Unnamed);
    }

    #[test]
    fn a_spokesman_speaks_for_the_body_named_before() {
        let pair = |body: &str, person: &str| Some((body.to_owned(), person.to_owned()));
        assert_eq!(speaks_for("Pentagon spokesman Pat Ryder"), pair("Pentagon", "Pat Ryder"));
        assert_eq!(speaks_for("State Department spokesman Matthew Miller"), pair("State Department", "Matthew Miller"));
        assert_eq!(speaks_for("a spokesman"), None);
        assert_eq!(speaks_for("Pentagon spokesman"), None);
    }
}
