//! Making spans from a selection: a new annotation, or another fragment of one. Every span is
//! trimmed of the whitespace at its ends here ([`crate::text::trim_whitespace`]), so no span
//! starts or ends in a space, whichever way its text was selected.

use crate::anchor::{CharRange, Quote, normalize_ranges};
use crate::edit::{Changeset, Edit};
use crate::model::{Annotation, AnnotationId, Document};

/// `ranges` of `document`'s text trimmed of whitespace at their ends; ranges of whitespace only
/// are dropped.
pub fn trimmed(document: &Document, ranges: &[CharRange]) -> Vec<CharRange> {
    let trimmed = ranges.iter().filter_map(|r| crate::text::trim_whitespace(&document.text, *r)).collect();
    normalize_ranges(trimmed)
}

/// A new annotation labelled `label` on `ranges` (trimmed), not yet in the document; `None`
/// when the ranges hold only whitespace.
pub fn new_span(document: &Document, label: &str, ranges: &[CharRange], author: &str) -> Option<Annotation> {
    let ranges = trimmed(document, ranges);
    if ranges.is_empty() {
        return None;
    }
    Some(Annotation::new(&document.index(), label, ranges, author))
}

/// Labels `ranges` of `document` as `label` (one step), with the new annotation's id; `None`
/// when the ranges hold only whitespace.
pub fn label_span(document: &Document, label: &str, ranges: &[CharRange], author: &str) -> Option<(Changeset, AnnotationId)> {
    let annotation = new_span(document, label, ranges, author)?;
    let id = annotation.id.clone();
    let edit = Edit::InsertAnnotation { doc: document.id.clone(), index: None, annotation };
    Some((Changeset::new(edit.describe(), vec![edit]), id))
}

/// Adds `range` (trimmed) to annotation `id` as another fragment (one step); `None` when the
/// annotation is not in the document or the range holds only whitespace.
pub fn add_fragment(document: &Document, id: &AnnotationId, range: CharRange) -> Option<Changeset> {
    let old = document.annotation(id)?;
    let extra = trimmed(document, &[range]);
    if extra.is_empty() {
        return None;
    }
    let mut annotation = old.clone();
    annotation.ranges = normalize_ranges(annotation.ranges.iter().copied().chain(extra).collect());
    annotation.quote = Quote::of(&document.index(), &annotation.ranges);
    annotation.modified = crate::model::now();
    let edit = Edit::UpdateAnnotation(document.id.clone(), annotation);
    Some(Changeset::new(edit.describe(), vec![edit]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_never_starts_or_ends_in_whitespace() {
        let doc = Document::new("t", "The foreign ministers said that troops came.");
        let (changeset, _) = label_span(&doc, "Source", &[CharRange::new(3, 22)], "me").unwrap_or_else(|| panic!("a span"));
        let Some(Edit::InsertAnnotation { annotation, .. }) = changeset.edits().first() else { panic!("an insert") };
        assert_eq!(annotation.quote.exact, "foreign ministers");
        assert_eq!(annotation.ranges, vec![CharRange::new(4, 21)]);
        assert!(label_span(&doc, "Source", &[CharRange::new(3, 4)], "me").is_none(), "a space alone is no span");
        let id = annotation.id.clone();
        doc_with(&doc, annotation.clone(), |doc| {
            let Some(Edit::UpdateAnnotation(_, grown)) =
                add_fragment(doc, &id, CharRange::new(26, 32)).map(|c| c.edits().to_vec()).and_then(|e| e.into_iter().next())
            else {
                panic!("an update")
            };
            assert_eq!(grown.ranges, vec![CharRange::new(4, 21), CharRange::new(27, 31)], "the fragment is trimmed too");
        });
    }

    fn doc_with(doc: &Document, annotation: Annotation, check: impl FnOnce(&Document)) {
        let mut doc = doc.clone();
        doc.annotations.push(annotation);
        check(&doc);
    }
}
