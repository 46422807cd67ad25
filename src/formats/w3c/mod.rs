//! W3C Web Annotation (JSON-LD, <https://www.w3.org/TR/annotation-model/>): export, and
//! import of W3C and Hypothesis annotations ([`import`]). The export:
//!
//! The project becomes one `AnnotationCollection` whose first (and only) `AnnotationPage`
//! holds one `Annotation` per claimlens annotation. Each annotation repeats the `@context`
//! so that it stands alone when taken out of the page.
//!
//! - `target`: one per fragment (discontinuous annotations have several), each with a
//!   `TextQuoteSelector` (`exact`, `prefix`, `suffix`: 32 chars of context) and a
//!   `TextPositionSelector` (code points, end exclusive) on the document's URL, or on
//!   `urn:claimlens:document:ID` when it has none (or shares it with another document), and
//!   the SHA-256 of the document's text (`claimlens:textSha256`) so that another project with
//!   the same article finds it. An orphan (no place in the text) has one target with its kept
//!   quote and context and no position.
//! - `body`: the label (`TextualBody`, purpose `classifying`), free tags (`tagging`), the
//!   note (`commenting`), other attributes (`describing`, `KEY=VALUE`), and links
//!   (`SpecificResource`, purpose `linking`) to the claims the annotation belongs to
//!   (`urn:claimlens:claim:ID`) and their sources (`urn:claimlens:source:ID`).
//! - `motivation`: `highlighting` for quotes, otherwise `classifying`; plus `linking` when the
//!   annotation belongs to a claim and `commenting` when it has a note.
//! - `created`, `modified` (`xsd:dateTime` in UTC, as the model requires), `creator`.
//! - After a document's annotations, one `linking` annotation per link of its claims to
//!   another document (target here, body there: [`links`]).

use crate::model::{Document, Project};
use chrono::{DateTime, SecondsFormat, Utc};

mod bodies;
mod documents;
pub mod export;
pub mod import;
pub mod links;
mod place;
#[cfg(test)]
mod tests;

pub use export::{annotation_json, annotation_json_with, annotations_json, collection_json, export_w3c};
pub use import::{DEFAULT_LABEL, Orphan, W3cImport, W3cImportError, import_w3c};
pub use place::MAX_QUOTE_CANDIDATES;

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Prefix of annotation IRIs.
pub const ANNOTATION_IRI: &str = "urn:claimlens:annotation:";
/// Prefix of document IRIs (documents without their own URL).
pub const DOCUMENT_IRI: &str = "urn:claimlens:document:";
/// Prefix of claim IRIs.
pub const CLAIM_IRI: &str = "urn:claimlens:claim:";
/// Prefix of claim link IRIs ([`links`]).
pub const LINK_IRI: &str = "urn:claimlens:link:";
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

/// The extension property of a target holding the SHA-256 (hex) of its document's text.
pub const TEXT_SHA256: &str = "claimlens:textSha256";

/// The SHA-256 of a text, in lower-case hex: how a document is recognised in another project.
pub fn text_sha256(text: &str) -> String {
    crate::model::origin::sha256_hex(text.as_bytes())
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
