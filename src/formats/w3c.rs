//! W3C Web Annotation export (JSON-LD, <https://www.w3.org/TR/annotation-model/>).
//!
//! The project becomes one `AnnotationCollection` whose first (and only) `AnnotationPage`
//! holds one `Annotation` per claimlens annotation. Each annotation repeats the `@context`
//! so that it stands alone when taken out of the page.
//!
//! - `target`: one per fragment (discontinuous annotations have several), each with a
//!   `TextQuoteSelector` (`exact`, `prefix`, `suffix`: 32 chars of context) and a
//!   `TextPositionSelector` (code points, end exclusive) on the document's URL, or on
//!   `urn:claimlens:document:ID` when it has none (or shares it with another document).
//! - `body`: the label (`TextualBody`, purpose `classifying`), free tags (`tagging`), the
//!   note (`commenting`), other attributes (`describing`, `KEY=VALUE`), and links
//!   (`SpecificResource`, purpose `linking`) to the claims the annotation belongs to
//!   (`urn:claimlens:claim:ID`) and their sources (`urn:claimlens:source:ID`).
//! - `motivation`: `highlighting` for quotes, otherwise `classifying`; plus `linking` when the
//!   annotation belongs to a claim and `commenting` when it has a note.
//! - `created`, `modified` (`xsd:dateTime` in UTC, as the model requires), `creator`.

use super::export::ExportError;
use crate::anchor::{CONTEXT_CHARS, CharRange, TextIndex};
use crate::model::{Annotation, Document, LabelRole, Project};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Prefix of annotation IRIs.
pub const ANNOTATION_IRI: &str = "urn:claimlens:annotation:";
/// Prefix of document IRIs (documents without their own URL).
pub const DOCUMENT_IRI: &str = "urn:claimlens:document:";
/// Prefix of claim IRIs.
pub const CLAIM_IRI: &str = "urn:claimlens:claim:";
/// Prefix of source IRIs.
pub const SOURCE_IRI: &str = "urn:claimlens:source:";
/// Prefix of project (collection) IRIs.
pub const PROJECT_IRI: &str = "urn:claimlens:project:";

/// A timestamp as `xsd:dateTime` in UTC (`2024-11-05T09:30:00Z`, milliseconds when not zero).
pub fn timestamp(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Whether `s` is an absolute IRI (`scheme:rest`, no spaces).
pub fn is_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`'))
}

/// The IRI a document's annotations target: its URL when that is an IRI no other document
/// of the project shares, else `urn:claimlens:document:ID`.
pub fn document_iri(project: &Project, document: &Document) -> String {
    match document.url.as_deref().map(str::trim) {
        Some(url)
            if is_iri(url) && project.documents.iter().filter(|d| d.url.as_deref().map(str::trim) == Some(url)).count() == 1 =>
        {
            url.to_owned()
        }
        _ => format!("{DOCUMENT_IRI}{}", document.id),
    }
}

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

/// One target per fragment, with a quote and a position selector.
fn target(index: &TextIndex<'_>, source: &str, range: CharRange) -> Value {
    let prefix = index.slice(CharRange::new(range.start.saturating_sub(CONTEXT_CHARS), range.start));
    let suffix = index.slice(CharRange::new(range.end, range.end + CONTEXT_CHARS));
    json!({
        "source": source,
        "selector": [
            {"type": "TextQuoteSelector", "exact": index.slice(range), "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": range.start, "end": range.end},
        ],
    })
}

fn textual(purpose: &str, value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"})
}

fn link(iri: &str) -> Value {
    json!({"type": "SpecificResource", "purpose": "linking", "source": iri})
}

/// How `created` and `modified` are written.
///
/// The W3C model asks for `xsd:dateTime`; the public JSON Schema validator
/// (`validate-web-annotation`) accepts only plain dates there. [`TimeStyle::Date`] (the default)
/// passes the validator and keeps the exact times in `claimlens:created` / `claimlens:modified`,
/// which claimlens reads back; [`TimeStyle::DateTime`] writes full date-times as the model does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimeStyle {
    /// `2024-11-05`, exact times in `claimlens:` properties.
    #[default]
    Date,
    /// `2024-11-05T10:00:00Z`.
    DateTime,
}

/// The extension property holding the exact creation time.
pub const EXACT_CREATED: &str = "claimlens:created";
/// The extension property holding the exact modification time.
pub const EXACT_MODIFIED: &str = "claimlens:modified";

/// The annotation as a W3C `Annotation`.
pub fn annotation_json(project: &Project, document: &Document, index: &TextIndex<'_>, source: &str, a: &Annotation) -> Value {
    annotation_json_with(project, document, index, source, a, TimeStyle::default())
}

/// The annotation as a W3C `Annotation`, with times written in `times` style.
pub fn annotation_json_with(
    project: &Project,
    document: &Document,
    index: &TextIndex<'_>,
    source: &str,
    a: &Annotation,
    times: TimeStyle,
) -> Value {
    let mut body = vec![textual("classifying", &a.label)];
    body.extend(a.tags.iter().map(|t| textual("tagging", t)));
    if !a.note.is_empty() {
        body.push(textual("commenting", &a.note));
    }
    body.extend(a.attributes.iter().map(|(k, v)| textual("describing", &format!("{k}={v}"))));
    let claims: Vec<_> = document.claims.iter().filter(|c| c.annotation_refs().any(|r| r == &a.id)).collect();
    let mut links: Vec<String> = Vec::new();
    for c in &claims {
        links.push(format!("{CLAIM_IRI}{}", c.id));
    }
    for c in &claims {
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
        let source = document_iri(project, document);
        items.extend(document.annotations.iter().map(|a| annotation_json_with(project, document, &index, &source, a, times)));
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
