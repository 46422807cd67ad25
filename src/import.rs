//! Importing article files into a project: reads them through the store, parses them with
//! the formats, and returns one undoable edit.

use crate::edit::Edit;
use crate::formats::{Warning, brat, text};
use crate::model::Project;
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

/// Reads an article (`.txt`, `.md`), with its brat annotations when `ann` is given or a
/// sibling `.ann` exists, into an edit that adds it to `project`.
pub fn import_article(path: &Path, ann: Option<&Path>, project: &Project) -> Result<ImportedArticle, StoreError> {
    let article = store::read_article(path)?;
    let encoding = article.warning().map(|message| Warning { line: None, message });
    let raw = article.text;
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ann_path = ann.map(Path::to_owned).or_else(|| sibling_ann(path));
    let Some(ann_path) = ann_path else {
        let document = text::import_text(&raw, &name);
        let title = document.title.clone();
        return Ok(ImportedArticle {
            edit: Edit::InsertDocument { index: None, document: Box::new(document) },
            title,
            warnings: encoding.into_iter().collect(),
            ann_path: None,
        });
    };
    let ann_text = store::read_text(&ann_path)?;
    let imported = brat::import_brat(&raw, &ann_text, &name, project);
    let title = imported.document.title.clone();
    let mut edits: Vec<Edit> = imported.new_labels.into_iter().map(|label| Edit::InsertLabel { index: None, label }).collect();
    edits.extend(imported.new_sources.into_iter().map(|source| Edit::InsertSource { index: None, source }));
    edits.push(Edit::InsertDocument { index: None, document: Box::new(imported.document) });
    let warnings = encoding.into_iter().chain(imported.warnings).collect();
    Ok(ImportedArticle { edit: Edit::Batch(edits), title, warnings, ann_path: Some(ann_path) })
}

/// Reads a newer version of an article's text, cleaned up as an import would (BOM, line ends,
/// unusual spaces, a leading `date` marker), for re-anchoring.
pub fn read_new_version(path: &Path) -> Result<String, StoreError> {
    let raw = store::read_article(path)?.text;
    Ok(text::import_text(&raw, "").text)
}
