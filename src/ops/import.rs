//! Importing articles (plain text, Markdown, brat standoff) into the open project or a new one.

use super::OpError;
use crate::edit::{Changeset, Edit};
use crate::formats::{Warning, brat, text};
use crate::model::Project;

/// An article as read from its files: the text and, for brat, the `.ann` standoff.
#[derive(Clone, Debug)]
pub struct ArticleInput {
    /// The name it is known by (the file stem): the title when the text has none.
    pub name: String,
    /// The article text as read.
    pub text: String,
    /// The brat annotations, if any.
    pub ann: Option<String>,
    /// What reading the files noticed (the character encoding assumed), reported with the import.
    pub warnings: Vec<Warning>,
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
    let Some(ann) = &input.ann else {
        let document = text::import_text(&input.text, &input.name);
        let title = document.title.clone();
        let changeset =
            Changeset::new(format!("Import {title:?}"), vec![Edit::InsertDocument { index: None, document: Box::new(document) }]);
        return ArticleImport { changeset, title, warnings: input.warnings.clone() };
    };
    let imported = brat::import_brat(&input.text, ann, &input.name, project);
    let title = imported.document.title.clone();
    let mut edits: Vec<Edit> = imported.new_labels.into_iter().map(|label| Edit::InsertLabel { index: None, label }).collect();
    edits.extend(imported.new_sources.into_iter().map(|source| Edit::InsertSource { index: None, source }));
    edits.push(Edit::InsertDocument { index: None, document: Box::new(imported.document) });
    let warnings = input.warnings.iter().cloned().chain(imported.warnings).collect();
    ArticleImport { changeset: Changeset::new(format!("Import {title:?}"), edits), title, warnings }
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
        ArticleInput { name: name.into(), text: text.into(), ann: ann.map(str::to_owned), warnings: Vec::new() }
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
