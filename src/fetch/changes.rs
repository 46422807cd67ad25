//! Check for Changes: fetching a document's address again and comparing the article's text
//! with the version the document has ([`crate::ops::reanchor::new_version`]).

use super::{FetchError, FetchOptions, fetch_article, is_web_address};
use crate::model::{Document, DocumentId, Project};
use crate::ops::OpError;
use crate::ops::reanchor::{NewVersion, new_version};

/// Why a document could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// The document has no web address to fetch.
    #[error("{0:?} has no web address to check (it was not fetched from the web, and its page gave none)")]
    NoAddress(String),
    /// Fetching failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The document is gone.
    #[error(transparent)]
    Op(#[from] OpError),
}

/// The address Check for Changes fetches for `document`: the one it was fetched from, else the
/// one its page or its metadata gives.
pub fn document_url(document: &Document) -> Option<&str> {
    let fetched = document.origin.as_ref().and_then(|o| o.url.as_deref());
    fetched.filter(|u| is_web_address(u)).or_else(|| document.url.as_deref().filter(|u| is_web_address(u)))
}

/// Fetches document `doc`'s address again: its newer version, or `None` when its text is the same.
pub fn check_for_changes(project: &Project, doc: &DocumentId, options: &FetchOptions) -> Result<Option<NewVersion>, CheckError> {
    let document = project.document(doc).ok_or_else(|| OpError::NoDocument(doc.clone()))?;
    let url = document_url(document).ok_or_else(|| CheckError::NoAddress(document.title.clone()))?;
    let input = fetch_article(url, options)?;
    Ok(new_version(project, doc, &input)?)
}
