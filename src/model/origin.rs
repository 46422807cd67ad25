//! Where a document came from: the file or page it was imported from, what that page said
//! about itself (author, language), the kinds of its paragraphs, and the archived original.

use crate::anchor::CharRange;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A document's editable metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// Headline.
    pub title: String,
    /// Where it was published.
    pub url: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
    /// Who wrote it (the byline).
    #[serde(default)]
    pub author: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
}

impl super::Document {
    /// Sets the metadata shown above the article.
    pub fn set_meta(&mut self, meta: DocumentMeta) {
        self.title = meta.title;
        self.url = meta.url;
        self.outlet = meta.outlet;
        self.author = meta.author;
        self.published = meta.published;
    }
}

/// What a paragraph is in the structure of the page it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParagraphKind {
    /// Running text.
    Body,
    /// A heading inside the article (`<h2>`…`<h6>`).
    Heading,
    /// An item of a list.
    ListItem,
    /// Text inside a `<blockquote>`.
    BlockQuote,
    /// A "Read more: …" line linking to another article: part of the text as published, but
    /// not the article's own statements (the suggester skips it).
    LinkLine,
    /// Who wrote it ("By Jane Doe, Reuters"): no statement of the article.
    Byline,
    /// A photo or video caption, or a credit ("Photo: …").
    Caption,
    /// A line that only dates the article ("November 5, 2024, 12:34").
    Dateline,
}

impl ParagraphKind {
    /// Whether the paragraph is part of what the article reports (body text, list items, block
    /// quotes), where attributions are looked for; headings, link lines, bylines, captions and
    /// datelines are not.
    pub const fn is_reporting(self) -> bool {
        matches!(self, Self::Body | Self::ListItem | Self::BlockQuote)
    }
}

/// What kind of file a document was imported from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OriginKind {
    /// A web page (`.html`, `.htm`, `.xhtml`, or fetched from a URL).
    Html,
    /// A PDF with a text layer.
    Pdf,
    /// Plain text or Markdown (with or without brat standoff).
    Text,
    /// Pasted from the clipboard.
    Clipboard,
}

impl OriginKind {
    /// Whether its original is archived beside the project (pages and PDFs: the text of a
    /// plain-text article is the document itself).
    pub fn is_archived(self) -> bool {
        matches!(self, Self::Html | Self::Pdf)
    }

    /// The extension of its archived original (`SHA256.EXT.gz`).
    pub fn archive_extension(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Text | Self::Clipboard => "txt",
        }
    }
}

/// The SHA-256 of `bytes` in lower-case hex: the name an original is archived under.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Where a document came from. Every field but `kind` may be missing (older files have no
/// origin at all).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// What it was imported from.
    pub kind: OriginKind,
    /// The name of the file it was imported from (`g7.html`), without its folder: brat
    /// exports name the document after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// The address it was fetched from or that the page gives as its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The SHA-256 (lower-case hex) of the original as imported; the original is archived
    /// beside the project as `NAME.claimlens.pages/SHA256.EXT.gz`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// When it was read (the file's modification time, or the response's date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<DateTime<Utc>>,
    /// The author or authors, as the page names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The language tag (`en`, `de-DE`) the page declares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The paragraphs that are not running text, with their kind (headings, list items,
    /// quotes, "Read more" lines), as char ranges of the document's text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub structure: Vec<(CharRange, ParagraphKind)>,
    /// The `ETag` the server sent with the page (for noticing a new version).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` time the server sent with the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<DateTime<Utc>>,
    /// The earlier versions of the article this document was updated from, oldest first
    /// (Check for Changes keeps each one when it updates the text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<DocumentVersion>,
}

/// An earlier version of a document's article, kept in its origin when the text was updated
/// to a newer one: what it was, when it was read, and the archived page it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentVersion {
    /// What its original was (a web page, a PDF, text).
    pub kind: OriginKind,
    /// The SHA-256 of its original page as fetched or imported (archived beside the project as
    /// `NAME.claimlens.pages/SHA256.EXT.gz` for pages and PDFs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The SHA-256 of the document text that version had.
    pub text_sha256: String,
    /// Where it was fetched from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<DateTime<Utc>>,
    /// The `ETag` the server sent with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` time the server sent with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<DateTime<Utc>>,
    /// When the document moved on from it to the next version.
    pub replaced: DateTime<Utc>,
}

impl DocumentVersion {
    /// The version that `origin` (with the document text `text`) describes, replaced at `replaced`.
    pub fn of(origin: &Origin, text: &str, replaced: DateTime<Utc>) -> Self {
        Self {
            kind: origin.kind,
            sha256: origin.sha256.clone(),
            text_sha256: sha256_hex(text.as_bytes()),
            url: origin.url.clone(),
            retrieved: origin.retrieved,
            etag: origin.etag.clone(),
            last_modified: origin.last_modified,
            replaced,
        }
    }
}

impl Origin {
    /// An origin of this kind with nothing else known.
    pub fn new(kind: OriginKind) -> Self {
        Self {
            kind,
            file_name: None,
            url: None,
            sha256: None,
            retrieved: None,
            author: None,
            language: None,
            structure: Vec::new(),
            etag: None,
            last_modified: None,
            versions: Vec::new(),
        }
    }

    /// Whether the article was found edited after it was first read (an earlier version is kept).
    pub fn was_edited(&self) -> bool {
        !self.versions.is_empty()
    }

    /// The ranges of the paragraphs of one kind (the suggester skips the `LinkLine`s).
    pub fn ranges_of(&self, kind: ParagraphKind) -> impl Iterator<Item = CharRange> + '_ {
        self.structure.iter().filter(move |(_, k)| *k == kind).map(|(r, _)| *r)
    }
}
