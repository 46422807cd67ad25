//! Importing article files into a project: reads them through the store and hands them to
//! [`crate::ops::import`], which returns one undoable changeset.

use crate::edit::Edit;
use crate::formats::article::{ArticleKind, article_kind, unreadable_message};
use crate::formats::{Warning, html, pdf, text};
use crate::model::{Origin, OriginKind, Project};
use crate::ops::{self, import::ArticleBody, import::ArticleInput};
use crate::store::{self, StoreError};
use std::path::{Path, PathBuf};

/// An article read from disk, ready to be applied to a project.
#[derive(Debug)]
pub struct ImportedArticle {
    /// Adds the document and any labels and sources it needs, as one undo step.
    pub edit: Edit,
    /// The new document's title.
    pub title: String,
    /// What the import could not keep, each with its `.ann` line.
    pub warnings: Vec<Warning>,
    /// The annotation file that was read, if any.
    pub ann_path: Option<PathBuf>,
}

/// The `.ann` beside `path` with the same stem, if there is one.
pub fn sibling_ann(path: &Path) -> Option<PathBuf> {
    let ann = path.with_extension("ann");
    ann.is_file().then_some(ann)
}

pub use crate::formats::article::is_article_path;

/// Whether the window takes `path` (given at start or dropped) to the article import rather
/// than opening it as a project: an article, or a file that is neither an article nor a
/// project (`.claimlens.ron`, `.ron`, `.recovery`), which the import refuses with the list
/// of what claimlens reads.
pub fn opens_as_article(path: &Path) -> bool {
    let ron = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    is_article_path(path) || !(ron || store::is_project_path(path))
}

/// Reads an article's files, by the kind its extension names ([`article_kind`]): a web page
/// through [`html::extract`], a PDF through [`pdf::extract`], plain text as it is (with its
/// brat annotations when `ann` is given or a sibling `.ann` exists). Anything else is refused
/// with the list of what claimlens reads. Returns the input for [`crate::ops::import`] and the
/// `.ann` read, if any.
pub fn read_article(path: &Path, ann: Option<&Path>) -> Result<(ArticleInput, Option<PathBuf>), StoreError> {
    let unreadable = |reason: String| StoreError::Unreadable { path: path.to_owned(), reason };
    // What the file is comes before what its name says (a FIFO called `fifo` is no article either).
    store::check_input(path)?;
    let kind = article_kind(path).ok_or_else(|| unreadable(unreadable_message(path)))?;
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if kind != ArticleKind::Text {
        if let Some(ann) = ann {
            return Err(unreadable(format!("brat annotations ({}) go with a .txt article", ann.display())));
        }
        let bytes = store::read_input(path, MAX_PAGE_BYTES)?;
        let (article, origin_kind) = match kind {
            ArticleKind::Pdf => (pdf::extract(&bytes).map_err(|e| unreadable(e.to_string()))?, OriginKind::Pdf),
            _ => (html::extract(&bytes, None).map_err(|e| unreadable(e.to_string()))?, OriginKind::Html),
        };
        let origin = origin_of(path, origin_kind, &bytes);
        if let Some(sha) = &origin.sha256 {
            store::archive::keep_pending(sha, bytes);
        }
        return Ok((
            ArticleInput { name, body: ArticleBody::Extracted(article), warnings: Vec::new(), origin: Some(origin) },
            None,
        ));
    }
    let bytes = store::read_input(path, store::MAX_ARTICLE_BYTES)?;
    let origin = origin_of(path, OriginKind::Text, &bytes);
    let article = store::decode_article(bytes, path)?;
    let warnings = article.warning().map(|message| Warning { line: None, message }).into_iter().collect();
    let ann_path = ann.map(Path::to_owned).or_else(|| sibling_ann(path));
    let ann = ann_path.as_deref().map(store::read_text).transpose()?;
    let body = ArticleBody::Text { text: article.text, ann };
    Ok((ArticleInput { name, body, warnings, origin: Some(origin) }, ann_path))
}

/// Pages and PDFs larger than this are refused.
const MAX_PAGE_BYTES: u64 = html::MAX_PAGE_BYTES as u64;

/// The origin of a file read now: its kind, name and the SHA-256 of its bytes.
fn origin_of(path: &Path, kind: OriginKind, bytes: &[u8]) -> Origin {
    let mut origin = Origin::new(kind);
    origin.file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    origin.sha256 = Some(crate::model::origin::sha256_hex(bytes));
    origin.retrieved = Some(chrono::Utc::now());
    origin
}

/// Reads an article (any of [`crate::formats::article::ARTICLE_TYPES`]), with its brat annotations when `ann` is given or a
/// sibling `.ann` exists, into an edit that adds it to `project`
/// ([`read_article`] then [`ops::import::import_article`]).
pub fn import_article(path: &Path, ann: Option<&Path>, project: &Project) -> Result<ImportedArticle, StoreError> {
    let (input, ann_path) = read_article(path, ann)?;
    let imported = ops::import::import_article(project, &input);
    Ok(ImportedArticle { edit: imported.changeset.into_edit(), title: imported.title, warnings: imported.warnings, ann_path })
}

/// Reads a newer version of an article's text, cleaned up as an import would (BOM, line ends,
/// unusual spaces, a leading `date` marker), for re-anchoring.
pub fn read_new_version(path: &Path) -> Result<String, StoreError> {
    let raw = store::read_article(path)?.text;
    Ok(text::import_text(&raw, "").text)
}
