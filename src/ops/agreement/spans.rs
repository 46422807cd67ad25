//! Span and attribution agreement, exactly as `../shared/tools/score_attributions.py` counts it,
//! over two brat standoff texts of one article (reference `A`, other `B`).
//!
//! Spans: a `T` line's span runs from its first fragment's start to its last fragment's end,
//! trimmed of white space, quotation marks and `,.;:` at both ends; spans of one type form a set.
//! Exact: same offsets. Lenient: the two overlap by at least half of the longer one, paired
//! greedily one-to-one in sorted order. Attributions (`E` lines with a Cue or a Content): identical
//! ones pair first, then those whose Cue and Content both match leniently; "with source" also
//! asks the Sources to match leniently (or neither to name one).

use std::collections::{BTreeMap, BTreeSet};

/// Characters trimmed from both ends of a span before it is compared.
const TRIM: &[char] = &[' ', '\t', '\r', '\n', '"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', ',', '.', ';', ':'];

/// The attribution roles the scorer reports, in its order.
pub const ATTRIBUTION_ROLES: [&str; 3] = ["Source", "Cue", "Content"];

/// A span as the scorer compares it: char offsets, end exclusive.
pub type Span = (usize, usize);

/// One attribution: role name -> its span (min start, max end of its parts).
pub type Attribution = BTreeMap<String, Span>;

/// A brat file read the way the scorer reads it.
#[derive(Clone, Debug, Default)]
pub struct Standoff {
    /// T-id -> (type, fragments).
    spans: BTreeMap<String, (String, Vec<Span>)>,
    /// Each `E` line: role (without digits) -> T-ids, in line order.
    events: Vec<BTreeMap<String, Vec<String>>>,
}

impl Standoff {
    /// Reads the `T` and `E` lines of a brat `.ann` text (other lines are skipped).
    pub fn parse(ann: &str) -> Self {
        let mut out = Self::default();
        for line in ann.lines() {
            let mut parts = line.split('\t');
            let (Some(id), Some(head)) = (parts.next(), parts.next()) else { continue };
            if id.starts_with('T') {
                let (label, offsets) = head.split_once(' ').unwrap_or((head, ""));
                let frags = offsets.split(';').filter_map(parse_fragment).collect();
                out.spans.insert(id.to_owned(), (label.to_owned(), frags));
            } else if id.starts_with('E') {
                let mut roles: BTreeMap<String, Vec<String>> = BTreeMap::new();
                for arg in head.split_whitespace() {
                    let (role, tid) = arg.split_once(':').unwrap_or((arg, ""));
                    roles.entry(role.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned()).or_default().push(tid.to_owned());
                }
                out.events.push(roles);
            }
        }
        out
    }

    /// The trimmed spans of each type.
    pub fn type_spans(&self, text: &[char]) -> BTreeMap<String, BTreeSet<Span>> {
        let mut out: BTreeMap<String, BTreeSet<Span>> = BTreeMap::new();
        for (label, frags) in self.spans.values() {
            if let Some(span) = hull(frags) {
                out.entry(label.clone()).or_default().insert(trimmed(text, span));
            }
        }
        out
    }

    /// The attributions: events with a Cue or a Content, each role the hull of its trimmed spans.
    pub fn attributions(&self, text: &[char]) -> Vec<Attribution> {
        let mut out = Vec::new();
        for event in &self.events {
            let mut attribution = Attribution::new();
            for role in ATTRIBUTION_ROLES {
                let got: Vec<Span> = event
                    .get(role)
                    .into_iter()
                    .flatten()
                    .filter_map(|tid| self.spans.get(tid).and_then(|(_, frags)| hull(frags)))
                    .map(|span| trimmed(text, span))
                    .collect();
                if let (Some(start), Some(end)) = (got.iter().map(|s| s.0).min(), got.iter().map(|s| s.1).max()) {
                    attribution.insert(role.to_owned(), (start, end));
                }
            }
            if attribution.contains_key("Cue") || attribution.contains_key("Content") {
                out.push(attribution);
            }
        }
        out
    }
}

fn parse_fragment(fragment: &str) -> Option<Span> {
    let mut numbers = fragment.split_whitespace().map(str::parse::<usize>);
    match (numbers.next(), numbers.next(), numbers.next()) {
        (Some(Ok(a)), Some(Ok(b)), None) => Some((a, b)),
        _ => None,
    }
}

fn hull(frags: &[Span]) -> Option<Span> {
    Some((frags.iter().map(|f| f.0).min()?, frags.iter().map(|f| f.1).max()?))
}

fn trimmed(text: &[char], (mut start, mut end): Span) -> Span {
    let trims = |i: usize| text.get(i).is_some_and(|c| TRIM.contains(c));
    while start < end && trims(start) {
        start += 1;
    }
    while end > start && end >= 1 && trims(end - 1) {
        end -= 1;
    }
    (start, end)
}

/// The scorer's lenient match: the spans overlap by at least half of the longer one.
pub fn lenient(a: Option<&Span>, b: Option<&Span>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    let overlap = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    overlap > 0 && overlap * 2 >= a.1.saturating_sub(a.0).max(b.1.saturating_sub(b.0))
}

/// How many of `reference` find a lenient partner in `other`, one-to-one, greedily in sorted order.
pub fn greedy_lenient(reference: &BTreeSet<Span>, other: &BTreeSet<Span>) -> usize {
    let others: Vec<&Span> = other.iter().collect();
    let mut used = vec![false; others.len()];
    let mut found = 0;
    for g in reference {
        let hit = others.iter().zip(used.iter_mut()).find(|(p, u)| !**u && lenient(Some(g), Some(p)));
        if let Some((_, u)) = hit {
            *u = true;
            found += 1;
        }
    }
    found
}

/// Attributions of the reference found in the other: (cue + content, with the source too).
pub fn attributions_found(reference: &[Attribution], other: &[Attribution]) -> (usize, usize) {
    let mut used = vec![false; other.len()];
    let (mut found, mut with_source) = (0, 0);
    let mut left = Vec::new();
    for a in reference {
        match other.iter().zip(used.iter_mut()).find(|(b, u)| !**u && *b == a) {
            Some((_, u)) => {
                *u = true;
                found += 1;
                with_source += 1;
            }
            None => left.push(a),
        }
    }
    for a in left {
        let cue_content = |b: &Attribution| lenient(a.get("Cue"), b.get("Cue")) && lenient(a.get("Content"), b.get("Content"));
        if let Some((b, u)) = other.iter().zip(used.iter_mut()).find(|(b, u)| !**u && cue_content(b)) {
            *u = true;
            found += 1;
            let neither = !a.contains_key("Source") && !b.contains_key("Source");
            if neither || lenient(a.get("Source"), b.get("Source")) {
                with_source += 1;
            }
        }
    }
    (found, with_source)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn spans_are_trimmed_of_quotes_and_punctuation() {
        let text = chars("He said \"it rains.\" Then");
        let ann = Standoff::parse("T1\tContent 8 19\t\"it rains.\"\n");
        let spans = ann.type_spans(&text);
        assert_eq!(spans.get("Content").map(|s| s.iter().copied().collect::<Vec<_>>()), Some(vec![(9, 17)]));
    }

    #[test]
    fn lenient_needs_half_of_the_longer_span() {
        assert!(lenient(Some(&(0, 10)), Some(&(5, 10))));
        assert!(!lenient(Some(&(0, 10)), Some(&(6, 10))));
        assert!(!lenient(Some(&(0, 5)), Some(&(5, 10))));
    }

    #[test]
    fn attributions_pair_identical_first_then_leniently() {
        let text = chars(&"x".repeat(100));
        let a = Standoff::parse(
            "T1\tCue 0 4\tx\nT2\tContent 10 30\tx\nT3\tSource 40 45\tx\nE1\tAttribution:T1 Cue:T1 Content:T2 Source:T3\n",
        );
        let b = Standoff::parse(
            "T1\tCue 0 4\tx\nT2\tContent 12 30\tx\nT3\tSource 50 55\tx\nE1\tAttribution:T1 Cue:T1 Content:T2 Source:T3\n",
        );
        let (ra, rb) = (a.attributions(&text), b.attributions(&text));
        assert_eq!(attributions_found(&ra, &rb), (1, 0));
        assert_eq!(attributions_found(&ra, &ra), (1, 1));
    }
}
