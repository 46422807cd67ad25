//! Importing article files into a project: reads them through the store and hands them to
//! [`crate::ops::import`], which returns one undoable changeset.

use crate::edit::Edit;
use crate::formats::{Warning, text};
use crate::model::Project;
use crate::ops::{self, import::ArticleInput};
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

/// Reads an article's files: the text and, when `ann` is given or a sibling `.ann` exists, its
/// brat annotations. Returns the input for [`crate::ops::import`] and the `.ann` read, if any.
pub fn read_article(path: &Path, ann: Option<&Path>) -> Result<(ArticleInput, Option<PathBuf>), StoreError> {
    let article = store::read_article(path)?;
    let warnings = article.warning().map(|message| Warning { line: None, message }).into_iter().collect();
    let text = article.text;
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ann_path = ann.map(Path::to_owned).or_else(|| sibling_ann(path));
    let ann = ann_path.as_deref().map(store::read_text).transpose()?;
    Ok((ArticleInput { name, text, ann, warnings }, ann_path))
}

/// Reads an article (`.txt`, `.md`), with its brat annotations when `ann` is given or a
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
