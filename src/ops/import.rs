//! Importing articles (plain text, Markdown, brat standoff, extracted web pages and PDFs) into the open project or a new one.

use super::OpError;
use crate::edit::{Changeset, Edit};
use crate::formats::html::{self, ExtractedArticle};
use crate::formats::{Warning, brat, text};
use crate::model::{Document, Origin, OriginKind, Project};

/// What an article file gave: text (with brat standoff, perhaps) or an extracted page.
#[derive(Clone, Debug)]
pub enum ArticleBody {
    /// Plain text or Markdown, as read; `ann` is its brat standoff, if any.
    Text {
        /// The article text as read.
        text: String,
        /// The brat annotations, if any.
        ann: Option<String>,
    },
    /// The article extracted from a web page or a PDF, with its metadata.
    Extracted(ExtractedArticle),
}

/// An article as read from its files.
#[derive(Clone, Debug)]
pub struct ArticleInput {
    /// The name it is known by (the file stem): the title when the text has none.
    pub name: String,
    /// Its text or extracted page.
    pub body: ArticleBody,
    /// What reading the files noticed (the character encoding assumed), reported with the import.
    pub warnings: Vec<Warning>,
    /// Where it came from (kind, file name, hash of the original, time read), recorded in the
    /// document; the page's author, language and paragraph kinds are added on import.
    pub origin: Option<Origin>,
}

impl ArticleInput {
    /// A plain-text article with no origin recorded (text typed or pasted in tests and tools).
    pub fn text(name: impl Into<String>, text: impl Into<String>, ann: Option<String>) -> Self {
        Self { name: name.into(), body: ArticleBody::Text { text: text.into(), ann }, warnings: Vec::new(), origin: None }
    }
}

/// An article ready to add to a project.
#[derive(Debug)]
pub struct ArticleImport {
    /// Adds the document and any labels and sources it needs, as one step.
    pub changeset: Changeset,
    /// The new document's title.
    pub title: String,
    /// What the import could not keep, each with its `.ann` line.
    pub warnings: Vec<Warning>,
}

/// The changeset that adds `input` to `project` as a new document.
pub fn import_article(project: &Project, input: &ArticleInput) -> ArticleImport {
    let (text, ann) = match &input.body {
        ArticleBody::Extracted(article) => return single(page_document(article, input), input.warnings.clone()),
        ArticleBody::Text { text, ann: None } => {
            return single(with_origin(text::import_text(text, &input.name), input), input.warnings.clone());
        }
        ArticleBody::Text { text, ann: Some(ann) } => (text, ann),
    };
    let imported = brat::import_brat(text, ann, &input.name, project);
    let document = with_origin(imported.document, input);
    let title = document.title.clone();
    let mut edits: Vec<Edit> = imported.new_labels.into_iter().map(|label| Edit::InsertLabel { index: None, label }).collect();
    edits.extend(imported.new_sources.into_iter().map(|source| Edit::InsertSource { index: None, source }));
    edits.push(Edit::InsertDocument { index: None, document: Box::new(document) });
    let warnings = input.warnings.iter().cloned().chain(imported.warnings).collect();
    ArticleImport { changeset: Changeset::new(format!("Import {title:?}"), edits), title, warnings }
}

/// The document an import of `input` would add (text, metadata and origin; for brat
/// standoff, its annotations too), without adding it anywhere: what Check for Changes compares
/// with the document it has.
pub fn document_of(input: &ArticleInput) -> Document {
    match &input.body {
        ArticleBody::Extracted(article) => page_document(article, input),
        ArticleBody::Text { text, ann: None } => with_origin(text::import_text(text, &input.name), input),
        ArticleBody::Text { text, ann: Some(ann) } => {
            with_origin(brat::import_brat(text, ann, &input.name, &Project::new("")).document, input)
        }
    }
}

/// The name a pasted article goes by until the user names it.
pub const PASTED_NAME: &str = "Pasted article";

/// The article in clipboard content: its HTML flavour through the same extractor as a saved
/// page when there is one and it gives an article, else its text. `None` when the clipboard
/// holds neither (or only whitespace). The origin says it was pasted, with the SHA-256 of what
/// was read and when.
pub fn pasted_article(html_flavour: Option<&str>, text_flavour: Option<&str>) -> Option<ArticleInput> {
    let mut origin = Origin::new(OriginKind::Clipboard);
    origin.retrieved = Some(crate::model::now());
    let html = html_flavour.filter(|h| !h.trim().is_empty());
    if let Some(article) = html.and_then(|h| html::extract(h.as_bytes(), None).ok()) {
        origin.sha256 = html.map(|h| crate::model::origin::sha256_hex(h.as_bytes()));
        let body = ArticleBody::Extracted(article);
        return Some(ArticleInput { name: PASTED_NAME.into(), body, warnings: Vec::new(), origin: Some(origin) });
    }
    let text = text_flavour.map(str::to_owned).filter(|t| !t.trim().is_empty()).or_else(|| html.map(html_as_text))?;
    origin.sha256 = Some(crate::model::origin::sha256_hex(text.as_bytes()));
    let body = ArticleBody::Text { text, ann: None };
    Some(ArticleInput { name: PASTED_NAME.into(), body, warnings: Vec::new(), origin: Some(origin) })
}

/// The visible text of an HTML snippet too short to be an article (no text flavour beside it).
fn html_as_text(html: &str) -> String {
    let doc = dom_query::Document::from(html);
    html::article::collapse_whitespace(&doc.select("body").text())
}

/// One document added as one step.
fn single(document: Document, warnings: Vec<Warning>) -> ArticleImport {
    let title = document.title.clone();
    let changeset =
        Changeset::new(format!("Import {title:?}"), vec![Edit::InsertDocument { index: None, document: Box::new(document) }]);
    ArticleImport { changeset, title, warnings }
}

/// The document with the origin reading the files recorded, keeping the paragraph kinds the
/// text importer marked.
fn with_origin(mut document: Document, input: &ArticleInput) -> Document {
    let structure = document.origin.take().map(|o| o.structure).unwrap_or_default();
    document.origin = input.origin.clone().or_else(|| (!structure.is_empty()).then(|| Origin::new(OriginKind::Text)));
    if let Some(origin) = document.origin.as_mut().filter(|o| o.structure.is_empty()) {
        origin.structure = structure;
    }
    document
}

/// The document of an extracted page: its text, title, outlet, date and URL, and in its
/// origin the author, language and the kinds of its paragraphs.
fn page_document(article: &ExtractedArticle, input: &ArticleInput) -> Document {
    let mut document = html::to_document(article, &input.name);
    let mut origin = input.origin.clone().unwrap_or_else(|| Origin::new(OriginKind::Html));
    if origin.url.is_none() {
        origin.url.clone_from(&article.canonical_url);
    }
    origin.author.clone_from(&article.author);
    document.author.clone_from(&article.author);
    origin.language.clone_from(&article.language);
    origin.structure = article.structure();
    document.origin = Some(origin);
    document
}

/// A new project holding `inputs`, one document each, in order, titled `title` (or after its
/// document when there is only one). Returns each article's import (title and warnings).
pub fn new_project_from(title: &str, inputs: &[ArticleInput]) -> Result<(Project, Vec<ArticleImport>), OpError> {
    let mut project = Project::new(title);
    let mut imports = Vec::with_capacity(inputs.len());
    for input in inputs {
        let imported = import_article(&project, input);
        imported.changeset.clone().into_edit().apply(&mut project)?;
        imports.push(imported);
    }
    if let [doc] = project.documents.as_slice() {
        project.title.clone_from(&doc.title);
    }
    crate::edit::check_project(&project)?;
    Ok((project, imports))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, text: &str, ann: Option<&str>) -> ArticleInput {
        ArticleInput::text(name, text, ann.map(str::to_owned))
    }

    #[test]
    fn pasted_html_goes_through_the_extractor_else_the_text_is_taken() {
        let page = include_str!("../../tests/fixtures/html/g7-dprk-troops-censor-net.html");
        let input = pasted_article(Some(page), Some("menu text and all")).unwrap();
        let doc = document_of(&input);
        assert!(doc.text.starts_with("The foreign ministers of the Group of Seven"), "{}", doc.text);
        assert!(!doc.text.contains("cookies"));
        assert_eq!(doc.origin.map(|o| o.kind), Some(OriginKind::Clipboard));
        let input = pasted_article(Some("<p><b>Bold</b> words</p>"), Some("the text flavour")).unwrap();
        assert_eq!(document_of(&input).text, "Bold words", "the HTML flavour first");
        let input = pasted_article(Some("<script>var x;</script>"), Some("Headline\n\nShort text.")).unwrap();
        assert_eq!(document_of(&input).text, "Headline\n\nShort text.", "no article in the HTML: its text");
        let input = pasted_article(Some("<p>Only <b>markup</b> here</p>"), None).unwrap();
        assert_eq!(document_of(&input).text, "Only markup here");
        assert!(pasted_article(None, Some("  \n")).is_none());
    }

    #[test]
    fn a_new_project_is_named_after_its_only_article() {
        let (p, imports) = new_project_from("stem", &[input("a", "Headline\n\nBody.", None)]).unwrap();
        assert_eq!(p.documents.len(), 1);
        assert_eq!(p.title, imports.first().unwrap().title);
        let (p, _) = new_project_from("stem", &[input("a", "One.", None), input("b", "Two.", None)]).unwrap();
        assert_eq!((p.title.as_str(), p.documents.len()), ("stem", 2));
    }

    #[test]
    fn a_brat_article_brings_its_claims_and_sources_in_one_step() {
        let ann = "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 11 37\tthe wall would be paid for\n\
                   E1\tAttribution:T2 Source:T1 Content:T3\n";
        let project = Project::new("t");
        let imported = import_article(&project, &input("a", "Trump said the wall would be paid for.", Some(ann)));
        let mut p = project.clone();
        let undo = imported.changeset.into_edit().apply(&mut p).unwrap();
        assert_eq!(p.documents.first().map(|d| d.claims.len()), Some(1));
        assert!(p.source_named("Trump").is_some());
        undo.apply(&mut p).unwrap();
        assert_eq!(p, project);
    }
}
