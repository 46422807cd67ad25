//! Conflicting versions of an item in words: what the copy's or the held version's line shows
//! for ours and for theirs. The item's own words (an annotation's label and text, a claim's
//! sources and chain) come first, then every other field the two versions differ in, so two
//! versions that differ only in a note do not read the same.

use super::CONFLICT_ATTRIBUTE;
use crate::model::{Annotation, Claim, Document, Project};

/// An item's fields in words, in a fixed order.
pub(super) type Fields = Vec<(&'static str, String)>;

/// A text in quotation marks, shortened; "none" when empty.
pub(super) fn quoted(s: &str) -> String {
    if s.is_empty() { "none".into() } else { crate::text::quoted(&crate::text::shorten(s, 80)) }
}

/// [`quoted`], or "none".
pub(super) fn optional(s: Option<&str>) -> String {
    s.map_or_else(|| "none".into(), quoted)
}

/// The fields where the two versions differ, each side in words ("name “Mayor Jones”"); "the
/// same" on both sides when none does.
pub(super) fn differing(ours: &Fields, theirs: &Fields) -> (String, String) {
    differences(ours, theirs).unwrap_or_else(|| ("the same".into(), "the same".into()))
}

/// The fields where the two versions differ, each side in words; `None` when none does.
fn differences(ours: &Fields, theirs: &Fields) -> Option<(String, String)> {
    let (mut o, mut t) = (Vec::new(), Vec::new());
    for ((name, ours), (_, theirs)) in ours.iter().zip(theirs) {
        if ours != theirs {
            o.push(format!("{name} {ours}"));
            t.push(format!("{name} {theirs}"));
        }
    }
    (!o.is_empty()).then(|| (o.join(", "), t.join(", ")))
}

/// An annotation's fields other than its label and text.
fn annotation_fields(a: &Annotation) -> Fields {
    let places: Vec<String> = a.ranges.iter().map(|r| format!("{}\u{2013}{}", r.start, r.end)).collect();
    let attributes: Vec<String> =
        a.attributes.iter().filter(|(k, _)| k.as_str() != CONFLICT_ATTRIBUTE).map(|(k, v)| format!("{k}={v}")).collect();
    vec![
        ("at", places.join(", ")),
        ("note", quoted(&a.note)),
        ("tags", if a.tags.is_empty() { "none".into() } else { a.tags.join(", ") }),
        ("attributes", if attributes.is_empty() { "none".into() } else { attributes.join(", ") }),
    ]
}

/// Ours and theirs of a conflicting annotation: label and text, then the fields that differ.
pub(super) fn annotation_pair(ours: &Annotation, theirs: &Annotation) -> (String, String) {
    let words = |a: &Annotation| format!("{} {}", a.label, quoted(&a.quote.exact));
    with_differences((words(ours), words(theirs)), &annotation_fields(ours), &annotation_fields(theirs))
}

/// A claim's fields other than its sources and chain.
fn claim_fields(document: &Document, c: &Claim) -> Fields {
    let text = |id| document.annotation(id).map_or_else(String::new, |a: &Annotation| a.quote.exact.clone());
    let content: Vec<String> = c.content.iter().map(text).collect();
    let day = |d: Option<&crate::model::EventDate>| d.map_or_else(|| "none".into(), ToString::to_string);
    vec![
        ("content", quoted(&content.join(" \u{2026} "))),
        ("cue", c.cue.as_ref().map_or_else(|| "none".into(), |id| quoted(&text(id)))),
        ("verdict", c.verdict.label().to_owned()),
        ("note", quoted(&c.note)),
        ("said on", day(c.said_on.as_ref())),
        ("about", day(c.event_date.as_ref())),
        ("event type", optional(c.event_type.as_deref())),
        ("links", c.links.len().to_string()),
    ]
}

/// Ours and theirs of a conflicting claim: sources and chain, then the fields that differ.
pub(super) fn claim_pair(project: &Project, document: &Document, ours: &Claim, theirs: &Claim) -> (String, String) {
    let words = |c: &Claim| crate::ops::adjudicate::chain_in_words(project, c);
    with_differences((words(ours), words(theirs)), &claim_fields(document, ours), &claim_fields(document, theirs))
}

/// The item's own words, each followed by the fields where the versions differ, if any.
fn with_differences((ours, theirs): (String, String), our_fields: &Fields, their_fields: &Fields) -> (String, String) {
    match differences(our_fields, their_fields) {
        None => (ours, theirs),
        Some((o, t)) => (format!("{ours}; {o}"), format!("{theirs}; {t}")),
    }
}
