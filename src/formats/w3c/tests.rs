//! Unit tests of the W3C and Hypothesis import.

use super::MAX_QUOTE_CANDIDATES;
use super::import::*;
use super::place::find_all;
use crate::anchor::CharRange;
use crate::model::{Document, DocumentId, Project};

const TEXT: &str = "Zelenskyy — «the intelligence is clear», he said. He said it twice: he said.";

fn project() -> Project {
    let mut p = Project::new("t");
    let mut d = Document::new("t", TEXT);
    d.id = DocumentId::from("d-1");
    d.url = Some("https://example.org/news/1".into());
    p.documents.push(d);
    p
}

fn hypothesis(uri: &str, start: usize, end: usize, exact: &str, prefix: &str, suffix: &str) -> String {
    serde_json::json!({"total": 1, "rows": [{
        "id": "hyp1", "created": "2024-11-05T10:00:00.123456+00:00", "updated": "2024-11-05T11:00:00+00:00",
        "user": "acct:olena@hypothes.is", "uri": uri, "text": "check this", "tags": ["source", "g7"],
        "target": [{"source": uri, "selector": [
            {"type": "RangeSelector", "startContainer": "/p[1]", "startOffset": 0, "endContainer": "/p[1]", "endOffset": 9},
            {"type": "TextPositionSelector", "start": start, "end": end},
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}]}]}]})
    .to_string()
}

#[test]
fn hypothesis_rows_are_placed_by_position_and_labelled_by_tag() {
    let p = project();
    let json = hypothesis("http://www.example.org/news/1/#top", 0, 9, "Zelenskyy", "", " — «the");
    let imp = import_w3c(&json, &p, None).unwrap();
    assert!(imp.orphans.is_empty(), "{:?}", imp.orphans);
    let (doc, a) = &imp.annotations[0];
    assert_eq!(doc.as_str(), "d-1");
    assert_eq!(a.ranges, vec![CharRange::new(0, 9)]);
    assert_eq!(a.label, "Source", "a tag naming a label becomes the label");
    assert_eq!(a.tags, vec!["g7".to_owned()]);
    assert_eq!(a.note, "check this");
    assert_eq!(a.author, "olena");
    assert_eq!(a.created.timestamp_subsec_millis(), 123);
    assert!(imp.new_labels.is_empty());
}

#[test]
fn a_wrong_position_falls_back_to_the_quote_and_its_context() {
    let p = project();
    // UTF-16 offsets or an edited page: the position is off, the quote is right.
    let json = hypothesis("https://example.org/news/1", 60, 64, "he said", "twice: ", ".");
    let imp = import_w3c(&json, &p, None).unwrap();
    let start = TEXT.rfind("he said").map(|b| TEXT[..b].chars().count()).unwrap();
    assert_eq!(imp.annotations[0].1.ranges, vec![CharRange::new(start, start + 7)], "{:?}", imp.orphans);
}

#[test]
fn what_cannot_be_placed_is_an_orphan() {
    let p = project();
    let ambiguous = hypothesis("https://example.org/news/1", 500, 507, "he said", "", "");
    let missing = hypothesis("https://example.org/news/1", 0, 9, "Macron", "", "");
    let elsewhere = hypothesis("https://example.org/news/2", 0, 9, "Zelenskyy", "", "");
    for json in [ambiguous, missing, elsewhere] {
        let imp = import_w3c(&json, &p, None).unwrap();
        assert!(imp.annotations.is_empty(), "{json}");
        assert_eq!(imp.orphans.len(), 1);
    }
    let fallback = hypothesis("https://example.org/news/2", 0, 9, "Zelenskyy", "", "");
    let imp = import_w3c(&fallback, &p, Some(&DocumentId::from("d-1"))).unwrap();
    assert_eq!(imp.annotations.len(), 1, "a fallback document takes unmatched targets");
}

#[test]
fn whitespace_differences_are_tolerated_when_unique() {
    let p = project();
    let json = serde_json::json!([{"type": "Annotation", "id": "x", "target": {"source": "urn:claimlens:document:d-1",
        "selector": {"type": "TextQuoteSelector", "exact": "the  intelligence\nis clear"}}}])
    .to_string();
    let imp = import_w3c(&json, &p, None).unwrap();
    let (_, a) = &imp.annotations[0];
    assert_eq!(a.quote.exact, "the intelligence is clear");
    assert_eq!(a.label, DEFAULT_LABEL);
    assert_eq!(imp.new_labels.len(), 1);
}

#[test]
fn a_quote_repeated_more_than_the_cap_is_an_orphan() {
    let mut p = Project::new("t");
    let mut d = Document::new("t", "said ".repeat(MAX_QUOTE_CANDIDATES + 1));
    d.id = DocumentId::from("d-1");
    p.documents.push(d);
    let json = serde_json::json!({"type": "Annotation", "target": {"source": "urn:claimlens:document:d-1",
        "selector": {"type": "TextQuoteSelector", "exact": "said", "prefix": "said ", "suffix": " said"}}})
    .to_string();
    let imp = import_w3c(&json, &p, None).unwrap();
    assert!(imp.annotations.is_empty());
    assert!(imp.orphans[0].reason.contains("more than 1000 times"), "{}", imp.orphans[0].reason);
}

#[test]
fn many_annotations_on_one_document_are_each_placed_by_their_quote() {
    // 2,000 annotations on one document: each is placed by its own quote and context.
    let sentences: Vec<String> = (0..2000).map(|i| format!("Source {i} said claim {i}.")).collect();
    let text = sentences.join(" ");
    let mut p = Project::new("t");
    let mut d = Document::new("t", &text);
    d.id = DocumentId::from("d-1");
    p.documents.push(d);
    let items: Vec<serde_json::Value> = (0..2000)
        .map(|i| {
            serde_json::json!({"type": "Annotation", "target": {"source": "urn:claimlens:document:d-1",
            "selector": {"type": "TextQuoteSelector", "exact": format!("claim {i}."), "prefix": "said "}}})
        })
        .collect();
    let imp = import_w3c(&serde_json::Value::Array(items).to_string(), &p, None).unwrap();
    assert_eq!(imp.annotations.len(), 2000, "{:?}", imp.orphans.first());
    let at = text.find("claim 1234.").unwrap();
    assert_eq!(imp.annotations[1234].1.ranges, vec![CharRange::new(at, at + 11)]);
}

proptest::proptest! {
    #[test]
    fn find_all_finds_every_occurrence(hay in "[ab]{0,60}", needle in "[ab]{1,5}") {
        let (h, n): (Vec<char>, Vec<char>) = (hay.chars().collect(), needle.chars().collect());
        let naive: Vec<usize> = (0..h.len()).filter(|&i| h[i..].starts_with(&n)).collect();
        proptest::prop_assert_eq!(find_all(&h, &n, usize::MAX), naive);
    }
}

#[test]
fn not_annotations_is_an_error() {
    let p = project();
    assert!(import_w3c("{\"hello\": 1}", &p, None).is_err());
    assert!(import_w3c("not json", &p, None).is_err());
}

#[test]
fn a_byte_order_mark_and_crlf_in_the_quotes_read_as_none_and_lf() {
    let mut p = Project::new("t");
    // Twice the same words: only the quote's context (its CRLF read as LF) tells them apart.
    let mut d = Document::new("t", "A said.\nSecond. B said.\nSecond.");
    d.id = DocumentId::from("d-1");
    p.documents.push(d);
    let json = serde_json::json!({"type": "Annotation", "target": {"source": "urn:claimlens:document:d-1",
        "selector": {"type": "TextQuoteSelector", "exact": "said.\r\nSecond", "prefix": "B ", "suffix": "."}}})
    .to_string();
    let imp = import_w3c(&format!("\u{feff}{json}"), &p, None).unwrap();
    assert!(imp.orphans.is_empty(), "{:?}", imp.orphans);
    assert_eq!(imp.annotations[0].1.ranges, vec![CharRange::new(18, 30)]);
}
