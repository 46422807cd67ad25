//! What a claim's text is compared by: its five-word shingles (words lower-cased, curly quotes
//! and apostrophes made straight, punctuation dropped, so a quote with changed punctuation or
//! quote marks keeps its shingles), its content words, and the named entities, numbers and
//! dates it mentions (dates normalised by [`crate::analysis::dates::find_dates`] against the
//! document's publication date). Every feature is a 64-bit hash; each list is sorted and
//! deduplicated.

use crate::analysis::dates::{DateValue, find_dates};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;

/// Letters of an entity word that make its key: "Korea" and "Korean", "Trump" and "Trump's" agree.
const ENTITY_KEY_CHARS: usize = 5;

/// Capitalised words that name nothing: sentence openers, pronouns, titles and months (months
/// count as dates, not entities).
const NOT_ENTITIES: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "but",
    "or",
    "if",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "as",
    "so",
    "that",
    "this",
    "these",
    "those",
    "there",
    "here",
    "when",
    "what",
    "we",
    "i",
    "he",
    "she",
    "it",
    "they",
    "you",
    "our",
    "my",
    "his",
    "her",
    "its",
    "their",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "president",
    "not",
    "no",
    "yes",
    "now",
    "then",
    "all",
    "some",
    "many",
    "most",
    "one",
    "who",
    "which",
    "why",
    "how",
    "is",
    "are",
    "was",
    "were",
    "be",
    "will",
    "would",
    "can",
    "could",
    "should",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "let",
    "after",
    "before",
    "while",
    "because",
    "with",
    "by",
    "from",
    "just",
    "even",
    "also",
    "very",
    "well",
    "oh",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
];

/// Frequent words that carry no content.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "if", "in", "on", "at", "of", "for", "to", "as", "so", "that", "this", "is", "are",
    "was", "were", "be", "been", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "with",
    "by", "from", "not", "have", "has", "had", "will", "would", "there", "what", "who", "which", "do", "does", "did", "about",
    "very", "all", "more", "than", "can", "just", "also", "said", "says", "say",
];

/// A claim's text, reduced to what matching compares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hashes of the five-word shingles.
    pub shingles: Vec<u64>,
    /// How many words the text has.
    pub word_count: usize,
    /// Hashes of the content words (no stop words).
    pub words: Vec<u64>,
    /// Hashes of the named entities' keys.
    pub entities: Vec<u64>,
    /// Hashes of the numbers ("10,000" and "10000" agree).
    pub numbers: Vec<u64>,
    /// Hashes of the normalised dates.
    pub dates: Vec<u64>,
}

impl Fingerprint {
    /// Reduces `text`, published on `published` (for relative dates), to its features.
    pub fn of(text: &str, published: Option<NaiveDate>) -> Self {
        let words: Vec<String> = crate::text::words(text).map(normal_word).collect();
        let shingles = sorted(words.windows(SHINGLE_WORDS).map(hash_words).collect());
        let content = sorted(words.iter().filter(|w| !STOP_WORDS.contains(&w.as_str())).map(|w| hash(w.as_bytes(), 1)).collect());
        let dates = sorted(find_dates(text, published).iter().filter_map(|d| date_hash(d.value)).collect());
        Self {
            shingles,
            word_count: words.len(),
            words: content,
            entities: sorted(entity_keys(text).iter().map(|k| hash(k.as_bytes(), 2)).collect()),
            numbers: sorted(numbers(text).iter().filter(|n| n.len() > 1).map(|n| hash(n.as_bytes(), 3)).collect()),
            dates,
        }
    }

    /// The paraphrase features: entities, numbers and dates together.
    pub fn facts(&self) -> impl Iterator<Item = u64> + '_ {
        self.entities.iter().chain(&self.numbers).chain(&self.dates).copied()
    }
}

/// How many claims of the collection hold each feature: a quote or fact held by two claims says
/// more about them than a set phrase ("ban Muslims from entering the United States") held by thirty.
#[derive(Clone, Debug, Default)]
pub struct Frequencies {
    held_by: HashMap<u64, u32>,
}

impl Frequencies {
    /// Counts the features of every fingerprint.
    pub fn of(prints: &[Fingerprint]) -> Self {
        let mut held_by: HashMap<u64, u32> = HashMap::new();
        for p in prints {
            for f in p.shingles.iter().chain(&p.words).chain(p.facts().collect::<Vec<_>>().iter()) {
                *held_by.entry(*f).or_default() += 1;
            }
        }
        Self { held_by }
    }

    /// What sharing `feature` says about two claims: 1 when only they hold it, less the more
    /// claims do (2 ÷ holders).
    pub fn evidence(&self, feature: u64) -> f32 {
        2.0 / self.held_by.get(&feature).copied().unwrap_or(2).max(2) as f32
    }
}

fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v
}

/// A word as shingles compare it: lower case, straight apostrophes, no punctuation.
fn normal_word(word: &str) -> String {
    word.chars()
        .map(|c| if matches!(c, '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`') { '\'' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .flat_map(char::to_lowercase)
        .collect()
}

/// FNV-1a over `bytes`, seeded by the feature's family so an entity never equals a word.
fn hash(bytes: &[u8], family: u8) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(family);
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn hash_words(words: &[String]) -> u64 {
    let mut joined = String::new();
    for w in words {
        joined.push_str(w);
        joined.push(' ');
    }
    hash(joined.as_bytes(), 0)
}

/// Days and runs of days only: a year or a month ("in 2008", "in November") is shared by
/// too many claims to tell one from another.
fn date_hash(value: DateValue) -> Option<u64> {
    let key = match value {
        DateValue::Day(d) => d.to_string(),
        DateValue::Range(a, b) => format!("{a}..{b}"),
        DateValue::Month(..) | DateValue::Week(..) | DateValue::Year(_) => return None,
    };
    Some(hash(key.as_bytes(), 4))
}

/// Keys of the capitalised words that name someone or something ("North Korean soldiers" gives
/// "north" and "korea"); a capitalised first word of a sentence counts only when it is no common opener.
pub fn entity_keys(text: &str) -> Vec<String> {
    crate::text::words(text)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(normal_word)
        .map(|w| w.trim_end_matches("'s").to_owned())
        .filter(|w| w.chars().count() >= 2 && !NOT_ENTITIES.contains(&w.as_str()) && !crate::text::is_pronoun(w))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.chars().take(ENTITY_KEY_CHARS).collect())
        .collect()
}

/// The numbers of `text` with their digit grouping removed ("10,000" → "10000", "3.5" stays);
/// years stand as dates and are left to them.
pub fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            current.push(c);
        } else if matches!(c, ',' | '.') && !current.is_empty() && chars.peek().is_some_and(char::is_ascii_digit) {
            if c == '.' {
                current.push('.');
            }
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.retain(|n| !is_year(n));
    out
}

fn is_year(n: &str) -> bool {
    n.len() == 4 && n.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_quote_marks_and_punctuation_keep_the_shingles() {
        let a = Fingerprint::of(
            "\u{201c}We will build a great wall,\u{201d} he said; \u{201c}it won\u{2019}t cost much.\u{201d}",
            None,
        );
        let b = Fingerprint::of("\"We will build a great wall\" he said. \"It won't cost much\"", None);
        assert_eq!(a.shingles, b.shingles);
        assert!(!a.shingles.is_empty());
    }

    #[test]
    fn entities_numbers_and_dates_agree_across_wordings() {
        let a =
            Fingerprint::of("about 10,000 of North Korea's military arrived on October 28", NaiveDate::from_ymd_opt(2024, 11, 5));
        let b = Fingerprint::of("some 10000 North Korean soldiers came on 28 October 2024", None);
        assert_eq!(a.numbers, b.numbers, "10,000 is 10000");
        assert_eq!(a.dates, b.dates, "October 28 in an article of 2024-11-05 is 2024-10-28");
        assert!(a.entities.iter().all(|e| b.entities.contains(e)), "North Korea is North Korean");
        assert_eq!(numbers("in 2016, 3.5 percent and 1,200 jobs"), ["3.5", "1200"]);
        assert_eq!(entity_keys("The Clinton campaign said Trump's plan"), ["clint", "trump"]);
    }
}
