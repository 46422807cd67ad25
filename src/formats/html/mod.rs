//! Articles from saved web pages (`.html`, `.htm`, `.xhtml`; "HTML only" or "complete").
//!
//! The bytes are decoded by their byte-order mark or declared charset ([`decode`]); the
//! metadata comes from the head ([`meta`]); the main text is found by `dom_smoothie` (a port
//! of Mozilla's Readability, the measured best of the maintained Rust extractors here: see
//! `benches/extract.rs`), its markup becomes typed paragraphs ([`blocks`]) and a second pass
//! drops the boilerplate the extractor kept ([`clean`]). Pure: bytes in, values out.

pub mod article;
mod blocks;
mod clean;
pub mod decode;
mod jsonld;
pub mod meta;
pub mod score;

pub use article::{ExtractedArticle, PARAGRAPH_SEPARATOR, Paragraph, ParagraphKind};

use crate::model::Document;
use dom_smoothie::{Config, Readability};

/// Why a page gave no article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HtmlError {
    /// The file is empty or only whitespace.
    #[error("the page is empty")]
    Empty,
    /// The file is larger than [`MAX_PAGE_BYTES`].
    #[error("the page is too large ({0} bytes) to be an article")]
    TooLarge(usize),
    /// The extractor found no readable text.
    #[error("no article text found in this page")]
    NoArticle,
}

/// Pages larger than this are refused (a saved article page is well under it).
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// Elements the extractor looks at, at most (keeps huge pages fast).
const MAX_ELEMENTS: usize = 60_000;

/// Extracts the article of a web page. `url_hint` is where the page came from (its canonical
/// URL and host are the fallback for the outlet).
pub fn extract(html_bytes: &[u8], url_hint: Option<&str>) -> Result<ExtractedArticle, HtmlError> {
    if html_bytes.len() > MAX_PAGE_BYTES {
        return Err(HtmlError::TooLarge(html_bytes.len()));
    }
    let (html, encoding) = decode::decode(html_bytes);
    if html.trim().is_empty() {
        return Err(HtmlError::Empty);
    }
    let doc = dom_query::Document::from(html.as_str());
    let mut article = meta::page_meta(&doc, url_hint);
    let cfg = Config { keep_classes: true, max_elements_to_parse: MAX_ELEMENTS, ..Config::default() };
    let base = url_hint.filter(|u| u.starts_with("http"));
    let mut readability = Readability::with_document(doc, base, Some(cfg)).map_err(|_| HtmlError::NoArticle)?;
    let found = readability.parse().map_err(|_| HtmlError::NoArticle)?;
    let content = dom_query::Document::from(found.content.as_ref());
    let body = content.select("body");
    let blocks = body.nodes().first().map(blocks::blocks).unwrap_or_default();
    if article.author.is_none() {
        article.author = found.byline;
    }
    article.paragraphs = clean::clean(blocks, &article.title, article.author.as_deref());
    if article.paragraphs.is_empty() {
        return Err(HtmlError::NoArticle);
    }
    if article.title.is_empty() {
        article.title = found.title;
    }
    if article.language.is_none() {
        article.language = found.lang;
    }
    article.encoding = encoding;
    Ok(article)
}

/// The document claimlens opens for an extracted article: its text, title, outlet, date and URL.
pub fn to_document(article: &ExtractedArticle, fallback_title: &str) -> Document {
    let title = if article.title.is_empty() { fallback_title.to_owned() } else { article.title.clone() };
    let mut doc = Document::new(title, article.text());
    doc.outlet.clone_from(&article.outlet);
    doc.published = article.published;
    doc.url.clone_from(&article.canonical_url);
    doc
}
