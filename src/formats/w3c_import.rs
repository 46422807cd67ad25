//! W3C Web Annotation and Hypothesis import: annotations from JSON, anchored to the
//! project's documents.
//!
//! Accepted shapes: a single `Annotation`, an array of them, an `AnnotationPage`, an
//! `AnnotationCollection` with embedded pages, a Hypothesis API search result (`rows`) or a
//! Hypothesis export (`annotations`). Each target is matched to a document by its `source`
//! (the document's URL, ignoring scheme, `www.`, a trailing `/` and the fragment, or
//! `urn:claimlens:document:ID`), then placed by its `TextPositionSelector` when the text
//! there equals its `TextQuoteSelector`; otherwise by the quote, using `prefix` and `suffix`
//! to choose among repeats (and, failing that, whitespace-insensitively). An annotation that
//! cannot be placed exactly is returned as an [`Orphan`], never placed on a guess.

use super::w3c::{ANNOTATION_IRI, DOCUMENT_IRI};
use crate::anchor::{CharRange, Quote, TextIndex, validate_ranges};
use crate::edit::Edit;
use crate::model::labels::color_for_new_label;
use crate::model::{Annotation, AnnotationId, Document, DocumentId, LabelDef, Project};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The label of imported annotations that carry no label of the project (Hypothesis highlights).
pub const DEFAULT_LABEL: &str = "Highlight";

/// An annotation that could not be placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Orphan {
    /// Its id in the input, if it had one.
    pub id: Option<String>,
    /// The quoted text, if any.
    pub exact: String,
    /// Why it was not placed.
    pub reason: String,
}

impl std::fmt::Display for Orphan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = self.id.as_deref().unwrap_or("(no id)");
        write!(f, "{id}: {}", self.reason)?;
        if !self.exact.is_empty() {
            write!(f, " ({:?})", super::text::shorten(&self.exact, 60))?;
        }
        Ok(())
    }
}

/// What an import found.
#[derive(Clone, Debug, Default)]
pub struct W3cImport {
    /// Annotations to add, each with its document.
    pub annotations: Vec<(DocumentId, Annotation)>,
    /// Labels the project lacks.
    pub new_labels: Vec<LabelDef>,
    /// Annotations that could not be placed.
    pub orphans: Vec<Orphan>,
    /// Annotations skipped because the document already has them (same id, label and ranges).
    pub already_present: usize,
}

impl W3cImport {
    /// The edit that adds the labels and annotations, as one undo step.
    pub fn edit(&self) -> Edit {
        let mut edits: Vec<Edit> =
            self.new_labels.iter().map(|label| Edit::InsertLabel { index: None, label: label.clone() }).collect();
        edits.extend(self.annotations.iter().map(|(doc, annotation)| Edit::InsertAnnotation {
            doc: doc.clone(),
            index: None,
            annotation: annotation.clone(),
        }));
        Edit::Batch(edits)
    }
}

/// Why the input could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum W3cImportError {
    /// Not JSON.
    #[error("not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// JSON, but no annotations in any known shape.
    #[error("no Web Annotations or Hypothesis annotations found: {0}")]
    NotAnnotations(String),
}

/// Reads annotations from `json` and anchors them in `project`'s documents. Targets whose
/// source matches no document go to `fallback` when given.
pub fn import_w3c(json: &str, project: &Project, fallback: Option<&DocumentId>) -> Result<W3cImport, W3cImportError> {
    let value: Value = serde_json::from_str(json.strip_prefix('\u{feff}').unwrap_or(json))?;
    let mut items = Vec::new();
    collect(&value, &mut items, 0)?;
    let mut out = W3cImport::default();
    let mut used: HashSet<(DocumentId, String)> = HashSet::new();
    let mut texts = Texts::default();
    for item in items {
        match read_annotation(item, project, fallback, &mut texts, &mut used, &mut out.new_labels) {
            Ok(Some(placed)) => out.annotations.push(placed),
            Ok(None) => out.already_present += 1,
            Err(orphan) => out.orphans.push(orphan),
        }
    }
    Ok(out)
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("type").or_else(|| v.get("@type")) {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Finds the annotation objects in any accepted shape.
fn collect<'v>(v: &'v Value, out: &mut Vec<&'v Value>, depth: usize) -> Result<(), W3cImportError> {
    if depth > 8 {
        return Err(W3cImportError::NotAnnotations("nested too deeply".into()));
    }
    match v {
        Value::Array(items) => items.iter().try_for_each(|i| collect(i, out, depth + 1)),
        Value::Object(map) => {
            let t = types(v);
            if t.contains(&"Annotation") || (map.contains_key("target") && !t.iter().any(|t| t.starts_with("Annotation"))) {
                out.push(v);
                return Ok(());
            }
            let mut found = false;
            for key in ["items", "rows", "annotations", "first", "next"] {
                if let Some(inner) = map.get(key)
                    && (inner.is_array() || inner.is_object())
                {
                    collect(inner, out, depth + 1)?;
                    found = true;
                }
            }
            if found || t.iter().any(|t| t.starts_with("Annotation")) {
                Ok(())
            } else {
                Err(W3cImportError::NotAnnotations("an object without target, items, rows or annotations".into()))
            }
        }
        _ => Err(W3cImportError::NotAnnotations("expected an object or an array".into())),
    }
}

/// Values of a field that may be one value or an array.
fn many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// A URL without scheme, `www.`, fragment and trailing slash, lower-cased host, for matching.
fn url_key(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    match rest.split_once('/') {
        Some((host, path)) => format!("{}/{path}", host.to_ascii_lowercase()),
        None => rest.to_ascii_lowercase(),
    }
}

fn find_document<'p>(project: &'p Project, source: &str, fallback: Option<&DocumentId>) -> Result<&'p Document, String> {
    if let Some(id) = source.strip_prefix(DOCUMENT_IRI) {
        return project.document(&DocumentId::from(id)).ok_or_else(|| format!("no document {id} in the project"));
    }
    let key = url_key(source);
    let matches: Vec<&Document> =
        project.documents.iter().filter(|d| d.url.as_deref().is_some_and(|u| !key.is_empty() && url_key(u) == key)).collect();
    match (matches.as_slice(), fallback.and_then(|f| project.document(f))) {
        ([one], _) => Ok(one),
        ([], Some(doc)) => Ok(doc),
        ([], None) => Err(format!("no document of the project has the URL {source:?}")),
        (_, _) => Err(format!("several documents have the URL {source:?}")),
    }
}

struct Selectors {
    position: Option<(usize, usize)>,
    exact: Option<String>,
    prefix: String,
    suffix: String,
}

fn selectors(target: &Value) -> Selectors {
    let mut s = Selectors { position: None, exact: None, prefix: String::new(), suffix: String::new() };
    for sel in many(target.get("selector")) {
        match str_of(sel, "type") {
            Some("TextPositionSelector") => {
                let num = |k: &str| sel.get(k).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
                if let (Some(a), Some(b)) = (num("start"), num("end")) {
                    s.position = Some((a, b));
                }
            }
            Some("TextQuoteSelector") => {
                s.exact = str_of(sel, "exact").map(str::to_owned);
                str_of(sel, "prefix").unwrap_or_default().clone_into(&mut s.prefix);
                str_of(sel, "suffix").unwrap_or_default().clone_into(&mut s.suffix);
            }
            _ => {}
        }
    }
    s
}

/// Length of the common suffix of `a` and `b`, in chars.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

/// Length of the common prefix of `a` and `b`, in chars.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// How far (in chars) a repeated quote may lie from a position hint that picks it.
const MAX_HINT_DISTANCE: usize = 64;

/// Chooses the best candidate by context score; ties are broken only by a position hint
/// that is strictly nearest to one candidate and close to it, otherwise the quote is ambiguous.
fn choose(candidates: &[(CharRange, usize)], hint: Option<(usize, usize)>) -> Result<CharRange, String> {
    let best = candidates.iter().map(|(_, s)| *s).max().ok_or("the quote is not in the text")?;
    let top: Vec<CharRange> = candidates.iter().filter(|(_, s)| *s == best).map(|(r, _)| *r).collect();
    if let [only] = top.as_slice() {
        return Ok(*only);
    }
    if let Some((start, _)) = hint {
        let mut by_distance: Vec<(usize, CharRange)> = top.iter().map(|r| (r.start.abs_diff(start), *r)).collect();
        by_distance.sort();
        if let [(d0, r), (d1, _), ..] = by_distance.as_slice()
            && d0 < d1
            && *d0 <= MAX_HINT_DISTANCE
        {
            return Ok(*r);
        }
    }
    Err(format!("the quote occurs {} times with the same context", top.len()))
}

/// A document's text, indexed once per import (not once per annotation).
struct DocText<'p> {
    index: TextIndex<'p>,
    /// The text with whitespace runs collapsed, built on the first quote that needs it.
    collapsed: OnceCell<Vec<(usize, char)>>,
}

/// The documents' texts seen so far in an import.
#[derive(Default)]
struct Texts<'p> {
    by_doc: HashMap<DocumentId, DocText<'p>>,
}

impl<'p> Texts<'p> {
    fn of(&mut self, doc: &'p Document) -> &DocText<'p> {
        self.by_doc
            .entry(doc.id.clone())
            .or_insert_with(|| DocText { index: TextIndex::new(&doc.text), collapsed: OnceCell::new() })
    }
}

/// More occurrences of a quote than this are not told apart by context: the annotation is an
/// orphan (and a huge repetitive input cannot make the import crawl).
pub const MAX_QUOTE_CANDIDATES: usize = 1000;

/// Places one target in a document's text.
fn place(doc: &DocText<'_>, s: &Selectors) -> Result<CharRange, String> {
    let index = &doc.index;
    let len = index.char_len();
    if let Some((a, b)) = s.position
        && a < b
        && b <= len
    {
        let range = CharRange::new(a, b);
        match &s.exact {
            None => return Ok(range),
            Some(exact) if index.slice(range) == exact => return Ok(range),
            Some(_) => {}
        }
    }
    let Some(exact) = s.exact.as_deref().filter(|e| !e.is_empty()) else {
        return Err("no usable TextQuoteSelector or TextPositionSelector".into());
    };
    let text = index.text();
    let exact_len = exact.chars().count();
    let mut candidates = Vec::new();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find(exact)) {
        let byte = from + found;
        let start = index.char_of(byte);
        let range = CharRange::new(start, start + exact_len);
        let before = index.slice(CharRange::new(start.saturating_sub(s.prefix.chars().count()), start));
        let after = index.slice(CharRange::new(range.end, range.end + s.suffix.chars().count()));
        candidates.push((range, common_suffix(before, &s.prefix) + common_prefix(after, &s.suffix)));
        if candidates.len() > MAX_QUOTE_CANDIDATES {
            return Err(format!("the quote occurs more than {MAX_QUOTE_CANDIDATES} times"));
        }
        from = byte + text.get(byte..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
    }
    if !candidates.is_empty() {
        return choose(&candidates, s.position);
    }
    place_ignoring_whitespace(doc, exact)
}

/// Finds `exact` with runs of whitespace treated as one space; accepted only when unique.
fn place_ignoring_whitespace(doc: &DocText<'_>, exact: &str) -> Result<CharRange, String> {
    let needle: Vec<char> = collapse(exact.trim().chars().enumerate()).into_iter().map(|(_, c)| c).collect();
    if needle.is_empty() {
        return Err("the quote is empty".into());
    }
    let hay = doc.collapsed.get_or_init(|| collapse(doc.index.text().chars().enumerate()));
    let hay_chars: Vec<char> = hay.iter().map(|(_, c)| *c).collect();
    let found: Vec<CharRange> = find_all(&hay_chars, &needle, 2)
        .into_iter()
        .filter_map(|i| Some(CharRange::new(hay.get(i)?.0, hay.get(i + needle.len() - 1)?.0 + 1)))
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err("the quote is not in the text".into()),
        _ => Err("the quote occurs more than once (ignoring whitespace)".into()),
    }
}

/// Where `needle` (not empty) occurs in `hay`, up to `limit` times, in linear time
/// (Knuth–Morris–Pratt: a repetitive text cannot make it slow).
fn find_all(hay: &[char], needle: &[char], limit: usize) -> Vec<usize> {
    // fail[i]: length of the longest proper border of needle[..=i].
    let mut fail = vec![0usize; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle.get(i) != needle.get(k) {
            k = fail.get(k - 1).copied().unwrap_or(0);
        }
        if needle.get(i) == needle.get(k) {
            k += 1;
        }
        if let Some(f) = fail.get_mut(i) {
            *f = k;
        }
    }
    let mut out = Vec::new();
    let mut k = 0;
    for (i, c) in hay.iter().enumerate() {
        while k > 0 && needle.get(k) != Some(c) {
            k = fail.get(k - 1).copied().unwrap_or(0);
        }
        if needle.get(k) == Some(c) {
            k += 1;
        }
        if k == needle.len() {
            out.push(i + 1 - k);
            if out.len() >= limit {
                break;
            }
            k = fail.get(k - 1).copied().unwrap_or(0);
        }
    }
    out
}

/// Chars with their original offsets, whitespace runs collapsed to one space.
fn collapse(chars: impl Iterator<Item = (usize, char)>) -> Vec<(usize, char)> {
    let mut out: Vec<(usize, char)> = Vec::new();
    for (i, c) in chars {
        if c.is_whitespace() {
            if out.last().is_some_and(|(_, l)| *l != ' ') {
                out.push((i, ' '));
            }
        } else {
            out.push((i, c));
        }
    }
    out
}

fn parse_time(v: Option<&str>) -> Option<DateTime<Utc>> {
    let s = v?.trim();
    let t = DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc()))?;
    DateTime::from_timestamp_millis(t.timestamp_millis())
}

fn creator_name(item: &Value) -> String {
    if let Some(name) = item.get("user_info").and_then(|u| str_of(u, "display_name")).filter(|n| !n.trim().is_empty()) {
        return name.to_owned();
    }
    if let Some(user) = str_of(item, "user") {
        let user = user.strip_prefix("acct:").unwrap_or(user);
        return user.split('@').next().unwrap_or(user).to_owned();
    }
    for c in many(item.get("creator")) {
        match c {
            Value::String(s) => return s.clone(),
            other => {
                if let Some(n) = str_of(other, "name").or_else(|| str_of(other, "nickname")) {
                    return n.to_owned();
                }
            }
        }
    }
    String::new()
}

fn purposes(body: &Value) -> Vec<&str> {
    many(body.get("purpose")).into_iter().filter_map(Value::as_str).collect()
}

/// Label, tags, note and attributes from the bodies (and Hypothesis `tags` and `text`).
struct Content {
    label: Option<String>,
    tags: Vec<String>,
    notes: Vec<String>,
    attributes: BTreeMap<String, String>,
}

fn content(item: &Value) -> Content {
    let mut c = Content { label: None, tags: Vec::new(), notes: Vec::new(), attributes: BTreeMap::new() };
    for body in many(item.get("body")) {
        let Some(value) = str_of(body, "value") else { continue };
        let p = purposes(body);
        if p.contains(&"classifying") && c.label.is_none() {
            c.label = Some(value.to_owned());
        } else if p.contains(&"tagging") {
            c.tags.push(value.to_owned());
        } else if p.contains(&"describing")
            && let Some((k, v)) = value.split_once('=')
        {
            c.attributes.insert(k.to_owned(), v.to_owned());
        } else {
            c.notes.push(value.to_owned());
        }
    }
    if let Some(v) = str_of(item, "bodyValue") {
        c.notes.push(v.to_owned());
    }
    c.tags.extend(many(item.get("tags")).into_iter().filter_map(Value::as_str).map(str::to_owned));
    if let Some(text) = str_of(item, "text").filter(|t| !t.trim().is_empty()) {
        c.notes.push(text.to_owned());
    }
    c
}

fn read_annotation<'p>(
    item: &Value,
    project: &'p Project,
    fallback: Option<&DocumentId>,
    texts: &mut Texts<'p>,
    used: &mut HashSet<(DocumentId, String)>,
    new_labels: &mut Vec<LabelDef>,
) -> Result<Option<(DocumentId, Annotation)>, Orphan> {
    let given_id = str_of(item, "id").map(str::to_owned);
    let targets = many(item.get("target"));
    let first_exact = targets.iter().find_map(|t| selectors(t).exact).unwrap_or_default();
    let orphan = |reason: String| Orphan { id: given_id.clone(), exact: first_exact.clone(), reason };
    if targets.is_empty() {
        return Err(orphan("no target".into()));
    }
    let uri = str_of(item, "uri");
    let mut document: Option<&Document> = None;
    let mut ranges = Vec::new();
    for t in &targets {
        let source = match t {
            Value::String(s) => s.as_str(),
            other => str_of(other, "source").or_else(|| str_of(other, "id")).or(uri).unwrap_or_default(),
        };
        let doc = find_document(project, source, fallback).map_err(&orphan)?;
        if document.is_some_and(|d| d.id != doc.id) {
            return Err(orphan("its targets lie in different documents".into()));
        }
        document = Some(doc);
        let s = selectors(t);
        if s.position.is_none() && s.exact.is_none() {
            return Err(orphan("a target without a text selector (a page note?)".into()));
        }
        ranges.push(place(texts.of(doc), &s).map_err(&orphan)?);
    }
    let Some(document) = document else { return Err(orphan("no target".into())) };
    ranges.sort();
    let index = &texts.of(document).index;
    validate_ranges(&ranges, index.char_len()).map_err(|e| orphan(format!("its fragments do not fit together: {e}")))?;

    let Content { label, mut tags, notes, attributes } = content(item);
    let label = label.or_else(|| {
        let i = tags.iter().position(|t| project.labels.iter().any(|l| l.name.eq_ignore_ascii_case(t)))?;
        let tag = tags.remove(i);
        project.labels.iter().find(|l| l.name.eq_ignore_ascii_case(&tag)).map(|l| l.name.clone())
    });
    let label = label.unwrap_or_else(|| DEFAULT_LABEL.to_owned());
    if project.label(&label).is_none() && !new_labels.iter().any(|l| l.name == label) {
        new_labels.push(LabelDef {
            name: label.clone(),
            color: color_for_new_label(&label),
            hotkey: None,
            description: "imported from Web Annotations".into(),
            role: None,
        });
    }

    // Keep our own ids when they are free; skip what the document already has.
    let own = given_id.as_deref().and_then(|i| i.strip_prefix(ANNOTATION_IRI)).map(AnnotationId::from);
    if let Some(existing) = own.as_ref().and_then(|id| document.annotation(id))
        && existing.ranges == ranges
        && existing.label == label
    {
        return Ok(None);
    }
    let id = match own {
        Some(id) if document.annotation(&id).is_none() && !used.contains(&(document.id.clone(), id.to_string())) => id,
        _ => AnnotationId::random(),
    };
    used.insert((document.id.clone(), id.to_string()));
    let now = crate::model::now();
    // Exact times from claimlens's own exports first, then the standard fields (Hypothesis: `updated`).
    let created = parse_time(str_of(item, super::w3c::EXACT_CREATED).or_else(|| str_of(item, "created"))).unwrap_or(now);
    let modified = parse_time(
        str_of(item, super::w3c::EXACT_MODIFIED).or_else(|| str_of(item, "modified")).or_else(|| str_of(item, "updated")),
    )
    .unwrap_or(created);
    let annotation = Annotation {
        id,
        label,
        quote: Quote::of(index, &ranges),
        ranges,
        note: notes.join("\n\n"),
        tags,
        author: creator_name(item),
        attributes,
        created,
        modified,
    };
    Ok(Some((document.id.clone(), annotation)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
