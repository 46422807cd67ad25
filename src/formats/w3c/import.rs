//! W3C Web Annotation and Hypothesis import: annotations from JSON, anchored to the
//! project's documents.
//!
//! Accepted shapes: a single `Annotation`, an array of them, an `AnnotationPage`, an
//! `AnnotationCollection` with embedded pages, a Hypothesis API search result (`rows`) or a
//! Hypothesis export (`annotations`); a byte-order mark is skipped. Each target is matched to
//! a document by its `source` (id, URL, text hash, quotes: see [`super::documents`]), then
//! placed by its `TextPositionSelector` when the text there equals its `TextQuoteSelector`;
//! otherwise by the quote, using `prefix` and `suffix` to choose among repeats (and, failing
//! that, whitespace-insensitively). An annotation that cannot be placed exactly is returned as
//! an [`Orphan`] saying why, never placed on a guess.

use super::ANNOTATION_IRI;
use super::bodies::{Content, content, creator_name, parse_time};
use super::documents::{Documents, target_source};
use super::place::{Texts, place, selectors};
use crate::anchor::{Quote, validate_ranges};
use crate::edit::Edit;
use crate::model::labels::color_for_new_label;
use crate::model::{Annotation, AnnotationId, Document, DocumentId, LabelDef, Project};
use serde_json::Value;
use std::collections::HashSet;

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
            write!(f, " ({:?})", crate::formats::text::shorten(&self.exact, 60))?;
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
    let mut documents = Documents::new(project, &items, fallback);
    for item in items.into_iter().filter(|i| !super::links::is_link(i)) {
        match read_annotation(item, project, &mut documents, &mut texts, &mut used, &mut out.new_labels) {
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
pub(super) fn many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

pub(super) fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

fn read_annotation<'p>(
    item: &Value,
    project: &'p Project,
    documents: &mut Documents<'p>,
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
        let doc = documents.of(target_source(t, uri)).map_err(&orphan)?;
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
    let label = label_of(label, &mut tags, project, new_labels);

    // Keep our own ids when they are free; skip what the document already has.
    let own = given_id.as_deref().and_then(|i| i.strip_prefix(ANNOTATION_IRI)).map(AnnotationId::from);
    if let Some(existing) = own.as_ref().and_then(|id| document.annotation(id))
        && existing.ranges == ranges
        && existing.label == label
    {
        return Ok(None);
    }
    let id = match own {
        Some(id)
            if !project.documents.iter().any(|d| d.annotation(&id).is_some()) && !used.iter().any(|(_, u)| u == id.as_str()) =>
        {
            id
        }
        _ => AnnotationId::random(),
    };
    used.insert((document.id.clone(), id.to_string()));
    let (created, modified) = times(item);
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

/// The annotation's label: its classifying body, else a tag naming a label of the project
/// (taken out of the tags), else [`DEFAULT_LABEL`]; registered in `new_labels` when new.
fn label_of(label: Option<String>, tags: &mut Vec<String>, project: &Project, new_labels: &mut Vec<LabelDef>) -> String {
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
    label
}

/// Created and modified: exact times from claimlens's own exports first, then the standard
/// fields (Hypothesis: `updated`); now when none is given.
fn times(item: &Value) -> (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) {
    let created =
        parse_time(str_of(item, super::EXACT_CREATED).or_else(|| str_of(item, "created"))).unwrap_or_else(crate::model::now);
    let modified =
        parse_time(str_of(item, super::EXACT_MODIFIED).or_else(|| str_of(item, "modified")).or_else(|| str_of(item, "updated")))
            .unwrap_or(created);
    (created, modified)
}
