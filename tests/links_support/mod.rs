//! Two real articles on one story, imported as a user imports them, for the link tests:
//! `PolNeAR` train's USA Today (2016-05-11) and Reuters-via-HuffPost (2016-05-16) articles that
//! both quote Sadiq Khan's "Donald Trump's ignorant view of Islam could make both our countries
//! less safe".

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::NaiveDate;
use claimlens::edit::Edit;
use claimlens::model::{ClaimId, DocumentId, Project};
use std::path::{Path, PathBuf};

/// The `PolNeAR` train folder.
pub fn train() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train")
}

/// USA Today's article: its text file and brat file.
pub const USA_TODAY: (&str, &str) = (
    "usa-today_2016-05-11_london-s-muslim-mayor-rebuffs-tr.txt",
    "usa-today_2016-05-11_london-s-muslim-mayor-rebuffs-tr_5fec.ann",
);
/// `HuffPost`'s (Reuters) article: its text file and brat file.
pub const HUFF_POST: (&str, &str) = (
    "huff-post_2016-05-16_trump-says-he-s-unlikely-to-have.txt",
    "huff-post_2016-05-16_trump-says-he-s-unlikely-to-have_4b22.ann",
);

/// The words of Khan's statement both articles quote.
pub const KHAN: &str = "ignorant view of Islam could make both our countries less safe";

/// The article's text path.
pub fn text_path(article: (&str, &str)) -> PathBuf {
    train().join("text").join(article.0)
}

/// The article's brat path.
pub fn ann_path(article: (&str, &str)) -> PathBuf {
    train().join("attributions").join(article.1)
}

/// Imports `article` (text and brat) into `project` as the window does, returning its id.
pub fn import(project: &mut Project, article: (&str, &str)) -> DocumentId {
    let imported =
        claimlens::import::import_article(&text_path(article), Some(&ann_path(article)), project).expect("the article imports");
    imported.edit.apply(project).expect("the import applies");
    project.documents.last().expect("a document").id.clone()
}

/// Sets a document's outlet and publication date (`PolNeAR`'s metadata.tsv).
pub fn date(project: &mut Project, doc: &DocumentId, outlet: &str, day: &str) {
    let mut meta = project.document(doc).expect("document").meta();
    meta.outlet = Some(outlet.to_owned());
    meta.published = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
    Edit::SetDocumentMeta(doc.clone(), meta).apply(project).expect("meta");
}

/// The claim of `doc` whose content quotes `words`.
pub fn claim_quoting(project: &Project, doc: &DocumentId, words: &str) -> ClaimId {
    let d = project.document(doc).expect("document");
    d.claims
        .iter()
        .find(|c| c.content.iter().filter_map(|a| d.annotation(a)).any(|a| a.quote.exact.contains(words)))
        .map_or_else(|| panic!("no claim of {doc} quotes {words:?}"), |c| c.id.clone())
}

/// Both articles imported and dated: (project, USA Today's doc and Khan claim, `HuffPost`'s).
pub fn two_articles() -> (Project, (DocumentId, ClaimId), (DocumentId, ClaimId)) {
    let mut project = Project::new("Khan on Trump's ban");
    let usa = import(&mut project, USA_TODAY);
    let huff = import(&mut project, HUFF_POST);
    date(&mut project, &usa, "USA Today", "2016-05-11");
    date(&mut project, &huff, "HuffPost", "2016-05-16");
    let usa_claim = claim_quoting(&project, &usa, KHAN);
    let huff_claim = claim_quoting(&project, &huff, KHAN);
    (project, (usa, usa_claim), (huff, huff_claim))
}
