//! Which document of the project a target's `source` names. Tried in order, each only when the
//! ones before found nothing:
//!
//! 1. its id (`urn:claimlens:document:ID`), or its URL (ignoring scheme, `www.`, a trailing `/`
//!    and the fragment);
//! 2. the SHA-256 of the text (`claimlens:textSha256` of claimlens's own exports): the same
//!    article imported into another project;
//! 3. for claimlens's own exports (a `urn:claimlens:document:` source, or a text hash), the
//!    quotes of every annotation on that source, found in exactly one document (the article
//!    was imported separately and edited since); a URL of another page is not guessed at;
//! 4. the fallback document the caller gave.
//!
//! When none finds it, the reason says what each step found.

use super::import::{many, str_of};
use super::place::{lf, selectors};
use super::{DOCUMENT_IRI, TEXT_SHA256, text_sha256};
use crate::model::{Document, DocumentId, Project};
use serde_json::Value;
use std::cell::OnceCell;
use std::collections::HashMap;

/// A URL without scheme, `www.`, fragment and trailing slash, lower-cased host, for matching.
pub(super) fn url_key(url: &str) -> String {
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

/// The `source` a target names (a bare IRI target, its `source` or `id`, or the item's `uri`).
pub(super) fn target_source<'v>(target: &'v Value, uri: Option<&'v str>) -> &'v str {
    match target {
        Value::String(s) => s.as_str(),
        other => str_of(other, "source").or_else(|| str_of(other, "id")).or(uri).unwrap_or_default(),
    }
}

/// What the input says about one source: the text hash its targets carry, and their quotes.
#[derive(Default)]
struct Evidence {
    sha256: Option<String>,
    quotes: Vec<String>,
}

/// Finds the document of each source once per import.
pub(super) struct Documents<'p> {
    project: &'p Project,
    fallback: Option<&'p Document>,
    evidence: HashMap<String, Evidence>,
    hashes: OnceCell<Vec<String>>,
    found: HashMap<String, Result<&'p Document, String>>,
}

impl<'p> Documents<'p> {
    /// Gathers, for every source named by `items`, the hashes and quotes of its targets.
    pub(super) fn new(project: &'p Project, items: &[&Value], fallback: Option<&DocumentId>) -> Self {
        let mut evidence: HashMap<String, Evidence> = HashMap::new();
        for item in items {
            let uri = str_of(item, "uri");
            for t in many(item.get("target")) {
                let e = evidence.entry(target_source(t, uri).to_owned()).or_default();
                if let Some(hash) = str_of(t, TEXT_SHA256) {
                    e.sha256.get_or_insert_with(|| hash.to_owned());
                }
                if let Some(exact) = selectors(t).exact.filter(|q| !q.trim().is_empty()) {
                    e.quotes.push(lf(&exact));
                }
            }
        }
        let fallback = fallback.and_then(|f| project.document(f));
        Self { project, fallback, evidence, hashes: OnceCell::new(), found: HashMap::new() }
    }

    /// The document `source` names, or why none.
    pub(super) fn of(&mut self, source: &str) -> Result<&'p Document, String> {
        if let Some(found) = self.found.get(source) {
            return found.clone();
        }
        let found = self.find(source);
        self.found.insert(source.to_owned(), found.clone());
        found
    }

    fn find(&self, source: &str) -> Result<&'p Document, String> {
        let mut why = Vec::new();
        match self.by_name(source) {
            Ok(Some(doc)) => return Ok(doc),
            Ok(None) => {}
            Err(reason) => why.push(reason),
        }
        let evidence = self.evidence.get(source);
        match evidence.and_then(|e| e.sha256.as_deref()) {
            Some(hash) => match self.by_hash(hash) {
                Ok(doc) => return Ok(doc),
                Err(reason) => why.push(reason),
            },
            None => why.push("no text hash (claimlens:textSha256) is given".to_owned()),
        }
        let ours = source.starts_with(DOCUMENT_IRI) || evidence.is_some_and(|e| e.sha256.is_some());
        if ours {
            match self.by_quotes(evidence.map_or(&[][..], |e| e.quotes.as_slice())) {
                Ok(doc) => return Ok(doc),
                Err(reason) => why.push(reason),
            }
        }
        self.fallback.ok_or_else(|| why.join("; "))
    }

    /// By id or URL: `Ok(None)` when the source is neither (and the steps after may find it).
    fn by_name(&self, source: &str) -> Result<Option<&'p Document>, String> {
        if let Some(id) = source.strip_prefix(DOCUMENT_IRI) {
            return match self.project.document(&DocumentId::from(id)) {
                Some(doc) => Ok(Some(doc)),
                None => Err(format!("no document {id} in the project")),
            };
        }
        let key = url_key(source);
        let matches: Vec<&Document> = self
            .project
            .documents
            .iter()
            .filter(|d| d.url.as_deref().is_some_and(|u| !key.is_empty() && url_key(u) == key))
            .collect();
        match matches.as_slice() {
            [one] => Ok(Some(one)),
            [] => Err(format!("no document of the project has the URL {source:?}")),
            _ => Err(format!("{} documents have the URL {source:?}", matches.len())),
        }
    }

    fn by_hash(&self, hash: &str) -> Result<&'p Document, String> {
        let hashes = self.hashes.get_or_init(|| self.project.documents.iter().map(|d| text_sha256(&d.text)).collect());
        let matches: Vec<&Document> =
            self.project.documents.iter().zip(hashes).filter(|(_, h)| h.eq_ignore_ascii_case(hash)).map(|(d, _)| d).collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err("no document has the same text (SHA-256)".to_owned()),
            _ => Err(format!("{} documents have the same text (SHA-256)", matches.len())),
        }
    }

    /// The one document holding every quote; else the one holding any.
    fn by_quotes(&self, quotes: &[String]) -> Result<&'p Document, String> {
        if quotes.is_empty() {
            return Err("no quotes to look for".to_owned());
        }
        let docs = &self.project.documents;
        let all: Vec<&Document> = docs.iter().filter(|d| quotes.iter().all(|q| d.text.contains(q.as_str()))).collect();
        if let [one] = all.as_slice() {
            return Ok(one);
        }
        let any: Vec<&Document> = docs.iter().filter(|d| quotes.iter().any(|q| d.text.contains(q.as_str()))).collect();
        match (all.len(), any.as_slice()) {
            (0, [one]) => Ok(one),
            (0, []) => Err("its quotes are in no document".to_owned()),
            (0, _) => Err(format!("its quotes are spread over {} documents", any.len())),
            (n, _) => Err(format!("its quotes are in {n} documents")),
        }
    }
}
