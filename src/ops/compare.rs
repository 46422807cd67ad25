//! Comparing two annotators' projects of the same articles: documents are paired (by id, then
//! URL, then text SHA-256, which is identical text), then each pair's agreement is measured
//! with the first project as reference ([`crate::ops::agreement`]).

use crate::formats::w3c::text_sha256;
use crate::model::{Document, DocumentId, Project};
use crate::ops::agreement::{Agreement, document_agreement};

/// How two documents were found to be the same article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairedBy {
    /// The same document id.
    Id,
    /// The same URL.
    Url,
    /// The same text (SHA-256).
    Text,
}

impl PairedBy {
    /// A word for reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Url => "url",
            Self::Text => "text",
        }
    }
}

/// One pair of documents and their agreement.
#[derive(Clone, Debug)]
pub struct DocumentComparison {
    /// The reference document (in A).
    pub a: DocumentId,
    /// The other document (in B).
    pub b: DocumentId,
    /// The reference document's title.
    pub title: String,
    /// How they were paired.
    pub paired_by: PairedBy,
    /// Their agreement.
    pub agreement: Agreement,
}

/// The comparison of two projects.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    /// Each pair, in A's document order.
    pub documents: Vec<DocumentComparison>,
    /// Counts summed over every pair.
    pub total: Agreement,
    /// A's documents with no partner in B.
    pub only_a: Vec<DocumentId>,
    /// B's documents with no partner in A.
    pub only_b: Vec<DocumentId>,
}

/// What the agreement table calls the figures over every paired document.
pub const ALL_DOCUMENTS: &str = "All documents";

impl Comparison {
    /// Every scope with its agreement: all documents, then each paired document by title.
    pub fn scopes(&self) -> Vec<(String, &Agreement)> {
        let mut out = vec![(ALL_DOCUMENTS.to_owned(), &self.total)];
        out.extend(self.documents.iter().map(|d| (d.title.clone(), &d.agreement)));
        out
    }
}

/// Compares `b` with `a` as reference.
pub fn compare(a: &Project, b: &Project) -> Comparison {
    let mut comparison = Comparison::default();
    let mut taken = vec![false; b.documents.len()];
    for doc_a in &a.documents {
        let Some((index, paired_by)) = partner(doc_a, b, &taken) else {
            comparison.only_a.push(doc_a.id.clone());
            continue;
        };
        let (Some(slot), Some(doc_b)) = (taken.get_mut(index), b.documents.get(index)) else { continue };
        *slot = true;
        let agreement = document_agreement(a, doc_a, b, doc_b);
        comparison.total.add(&agreement);
        comparison.documents.push(DocumentComparison {
            a: doc_a.id.clone(),
            b: doc_b.id.clone(),
            title: doc_a.title.clone(),
            paired_by,
            agreement,
        });
    }
    comparison.only_b = b.documents.iter().zip(&taken).filter(|(_, t)| !**t).map(|(d, _)| d.id.clone()).collect();
    comparison
}

/// The first untaken document of `b` that is `doc`'s article: by id, then URL, then text.
fn partner(doc: &Document, b: &Project, taken: &[bool]) -> Option<(usize, PairedBy)> {
    let free = || b.documents.iter().enumerate().filter(|(i, _)| !taken.get(*i).copied().unwrap_or(true));
    if let Some((i, _)) = free().find(|(_, d)| d.id == doc.id) {
        return Some((i, PairedBy::Id));
    }
    if let Some(url) = doc.url.as_deref().filter(|u| !u.is_empty())
        && let Some((i, _)) = free().find(|(_, d)| d.url.as_deref() == Some(url))
    {
        return Some((i, PairedBy::Url));
    }
    let hash = text_sha256(&doc.text);
    free().find(|(_, d)| text_sha256(&d.text) == hash).map(|(i, _)| (i, PairedBy::Text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_pair_by_text_when_ids_and_urls_differ() {
        let mut a = Project::new("a");
        let mut b = Project::new("b");
        a.documents.push(Document::new("One", "The mayor said it rains."));
        a.documents.push(Document::new("Two", "Nothing here."));
        b.documents.push(Document::new("Other", "Something else."));
        b.documents.push(Document::new("One again", "The mayor said it rains."));
        let c = compare(&a, &b);
        assert_eq!(c.documents.len(), 1);
        assert_eq!(c.documents.first().map(|d| d.paired_by), Some(PairedBy::Text));
        assert_eq!(c.only_a.len(), 1);
        assert_eq!(c.only_b.len(), 1);
    }
}
