//! The W3C Web Annotation export (see [the module](super)).

use super::{
    ANNOTATION_IRI, CLAIM_IRI, CONTEXT, EXACT_CREATED, EXACT_MODIFIED, PROJECT_IRI, SOURCE_IRI, TEXT_SHA256, TimeStyle,
    document_iri, text_sha256, timestamp,
};
use crate::anchor::{CONTEXT_CHARS, CharRange, TextIndex};
use crate::formats::ExportError;
use crate::model::{Annotation, AnnotationId, Claim, Document, LabelRole, Project};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// A slug of the project title for the collection's IRI.
fn project_iri(project: &Project) -> String {
    let slug: String = project
        .title
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{PROJECT_IRI}{}", if slug.is_empty() { "untitled" } else { &slug })
}

/// Where the targets of a document's annotations point: its IRI and the hash of its text.
#[derive(Clone, Debug)]
pub struct TargetSource {
    /// The document's IRI ([`document_iri`]).
    pub iri: String,
    /// [`text_sha256`] of its text.
    pub text_sha256: String,
}

impl TargetSource {
    /// The target source of `document` in `project`.
    pub fn of(project: &Project, document: &Document) -> Self {
        Self { iri: document_iri(project, document), text_sha256: text_sha256(&document.text) }
    }
}

/// One target per fragment, with a quote and a position selector.
pub(super) fn target(index: &TextIndex<'_>, source: &TargetSource, range: CharRange) -> Value {
    let prefix = index.slice(CharRange::new(range.start.saturating_sub(CONTEXT_CHARS), range.start));
    let suffix = index.slice(CharRange::new(range.end, range.end + CONTEXT_CHARS));
    json!({
        "source": source.iri,
        TEXT_SHA256: source.text_sha256,
        "selector": [
            {"type": "TextQuoteSelector", "exact": index.slice(range), "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": range.start, "end": range.end},
        ],
    })
}

/// The one target of an orphan: its kept quote and context, no position.
fn orphan_target(source: &TargetSource, a: &Annotation) -> Value {
    json!({
        "source": source.iri,
        TEXT_SHA256: source.text_sha256,
        "selector": {"type": "TextQuoteSelector", "exact": a.quote.exact, "prefix": a.quote.prefix, "suffix": a.quote.suffix},
    })
}

fn textual(purpose: &str, value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"})
}

fn link(iri: &str) -> Value {
    json!({"type": "SpecificResource", "purpose": "linking", "source": iri})
}

/// The annotation as a W3C `Annotation`.
pub fn annotation_json(
    project: &Project,
    document: &Document,
    index: &TextIndex<'_>,
    source: &TargetSource,
    a: &Annotation,
) -> Value {
    annotation_json_with(project, document, index, source, a, TimeStyle::default())
}

/// The annotation as a W3C `Annotation`, with times written in `times` style.
pub fn annotation_json_with(
    project: &Project,
    document: &Document,
    index: &TextIndex<'_>,
    source: &TargetSource,
    a: &Annotation,
    times: TimeStyle,
) -> Value {
    let claims: Vec<&Claim> = document.claims.iter().filter(|c| c.annotation_refs().any(|r| r == &a.id)).collect();
    annotation_value(project, index, source, a, times, &claims)
}

/// The claims of `document` each annotation is part of, in document order, each once: built once
/// per document, so exporting is linear in annotations plus claims (looking up each annotation's
/// claims among all of them made a 10 MB project's export quadratic).
fn claims_by_annotation(document: &Document) -> HashMap<&AnnotationId, Vec<&Claim>> {
    let mut map: HashMap<&AnnotationId, Vec<&Claim>> = HashMap::new();
    for c in &document.claims {
        for r in c.annotation_refs() {
            let claims = map.entry(r).or_default();
            if !claims.iter().any(|seen| std::ptr::eq(*seen, c)) {
                claims.push(c);
            }
        }
    }
    map
}

/// One annotation as JSON, given the claims it is part of.
fn annotation_value(
    project: &Project,
    index: &TextIndex<'_>,
    source: &TargetSource,
    a: &Annotation,
    times: TimeStyle,
    claims: &[&Claim],
) -> Value {
    let mut body = vec![textual("classifying", &a.label)];
    body.extend(a.tags.iter().map(|t| textual("tagging", t)));
    if !a.note.is_empty() {
        body.push(textual("commenting", &a.note));
    }
    body.extend(a.attributes.iter().map(|(k, v)| textual("describing", &format!("{k}={v}"))));
    let mut links: Vec<String> = Vec::new();
    for c in claims {
        links.push(format!("{CLAIM_IRI}{}", c.id));
    }
    for c in claims {
        for s in &c.attributed_to {
            let iri = format!("{SOURCE_IRI}{s}");
            if project.source(s).is_some() && !links.contains(&iri) {
                links.push(iri);
            }
        }
    }
    body.extend(links.iter().map(|l| link(l)));

    let mut motivation = vec![if project.plays(a, LabelRole::Quote) { "highlighting" } else { "classifying" }];
    if !claims.is_empty() {
        motivation.push("linking");
    }
    if !a.note.is_empty() {
        motivation.push("commenting");
    }
    let mut targets: Vec<Value> = a.ranges.iter().map(|r| target(index, source, *r)).collect();
    if targets.is_empty() {
        targets.push(orphan_target(source, a));
    }

    let mut m = Map::new();
    m.insert("@context".into(), CONTEXT.into());
    m.insert("id".into(), format!("{ANNOTATION_IRI}{}", a.id).into());
    m.insert("type".into(), "Annotation".into());
    m.insert("motivation".into(), if motivation.len() == 1 { motivation.remove(0).into() } else { motivation.into() });
    match times {
        TimeStyle::DateTime => {
            m.insert("created".into(), timestamp(&a.created).into());
            m.insert("modified".into(), timestamp(&a.modified).into());
        }
        TimeStyle::Date => {
            m.insert("created".into(), a.created.format("%Y-%m-%d").to_string().into());
            m.insert("modified".into(), a.modified.format("%Y-%m-%d").to_string().into());
            m.insert(EXACT_CREATED.into(), timestamp(&a.created).into());
            m.insert(EXACT_MODIFIED.into(), timestamp(&a.modified).into());
        }
    }
    if !a.author.trim().is_empty() {
        m.insert("creator".into(), json!({"type": "Person", "name": a.author}));
    }
    m.insert("generator".into(), json!({"type": "Software", "name": "claimlens"}));
    m.insert("body".into(), body.into());
    m.insert("target".into(), if targets.len() == 1 { targets.remove(0) } else { targets.into() });
    Value::Object(m)
}

/// Every annotation of the project, documents in order.
pub fn annotations_json(project: &Project, times: TimeStyle) -> Vec<Value> {
    let mut items = Vec::new();
    for document in &project.documents {
        let index = TextIndex::new(&document.text);
        let source = TargetSource::of(project, document);
        let claims = claims_by_annotation(document);
        items.extend(
            document
                .annotations
                .iter()
                .map(|a| annotation_value(project, &index, &source, a, times, claims.get(&a.id).map_or(&[], Vec::as_slice))),
        );
        items.extend(super::links::link_annotations(project, document));
    }
    items
}

/// The whole project as an `AnnotationCollection` with one embedded `AnnotationPage`.
pub fn collection_json(project: &Project, times: TimeStyle) -> Value {
    let items = annotations_json(project, times);
    let id = project_iri(project);
    json!({
        "@context": CONTEXT,
        "id": id,
        "type": "AnnotationCollection",
        "label": project.title,
        "total": items.len(),
        "first": {
            "id": format!("{id}:page:1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

/// Writes the project as pretty-printed JSON-LD.
pub fn export_w3c(project: &Project, times: TimeStyle) -> Result<String, ExportError> {
    let mut text = serde_json::to_string_pretty(&collection_json(project, times))?;
    text.push('\n');
    Ok(text)
}
