//! Re-anchoring: moving every annotation of a document onto a new version of its text.
//!
//! Articles get updated after publication. [`reanchor`] takes the old text with its
//! annotations and the new text, and finds each annotation's range again:
//!
//! 1. **Exact**: where its chars went. Unchanged lines (paragraphs) are matched by content, so
//!    moved paragraphs carry their annotations along; changed lines are paired with their new
//!    version by shared word trigrams (the line where the neighbours went first, else a clear
//!    winner anywhere) and aligned char by char (Myers' O(ND) diff). If the
//!    range's text is there with the context it had (up to [`CONTEXT_CHARS`] chars each side,
//!    within its paragraph), it is placed there.
//! 2. **Near**: otherwise every match close to where it should be (following the shift of its
//!    neighbours) is scored by the edits it needs (bit-parallel Myers): to the quote (at most
//!    half of it; none for a quote under 8 chars), to the prefix and to the suffix, plus a
//!    penalty for each end that does not keep the quote's first (last) word: an insertion next
//!    to a quote belongs outside it.
//! 3. **Anywhere**: the exact quote elsewhere in the text (a paragraph rewritten and moved),
//!    scored the same way.
//!
//! A match never lies in an unchanged paragraph that was another old paragraph (text that was
//! already there elsewhere, and still is, cannot be where an annotation moved). A match is
//! taken only when it is close enough (near where it should be: one side of its
//! context at most a quarter edited, with 8 chars in place, the other at most half; far from
//! it: both sides at most an eighth; the quote's own chars where the diff says they went need
//! no context) and needs at least [`MARGIN`] fewer edits than any other
//! match. Otherwise the annotation becomes an **orphan**: ranges emptied,
//! quote kept, listed by [`crate::model::Document::orphans`] for re-attaching by hand. Never a
//! wrong match: when in doubt, an orphan. A discontinuous annotation has each fragment placed
//! on its own, and is an orphan unless all are.
//!
//! [`update_text`] wraps this into one undoable [`Edit::ReplaceText`].

use crate::anchor::{Quote, TextIndex};
use crate::edit::Edit;
use crate::model::{Annotation, AnnotationId, DocumentId, Project};

mod diff;
mod fast_hash;
mod myers;
mod pairing;
mod placement;
mod scoring;
#[cfg(test)]
mod tests;

pub use diff::diff_runs;
pub use myers::myers_search;
use placement::Context;
pub use scoring::MARGIN;

/// How one annotation was placed on the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// Its exact quote, where the text around it moved to.
    Exact,
    /// Its exact quote, found near where it should be (or, unique, elsewhere) by its context.
    ByQuote,
    /// An approximate match of an edited quote.
    Fuzzy,
    /// Not found: kept with its quote and no ranges.
    Orphan,
}

/// What re-anchoring did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Placed at their moved position with their exact quote.
    pub exact: usize,
    /// Placed by searching for their exact quote.
    pub by_quote: usize,
    /// Placed by an approximate match.
    pub fuzzy: usize,
    /// Annotations that became (or stayed) orphans.
    pub orphans: Vec<AnnotationId>,
    /// How each annotation was placed, in document order.
    pub placements: Vec<(AnnotationId, Placement)>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} annotations: {} moved exactly, {} found by quote, {} fuzzy, {} orphaned",
            self.placements.len(),
            self.exact,
            self.by_quote,
            self.fuzzy,
            self.orphans.len()
        )
    }
}

/// Why [`update_text`] could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReanchorError {
    /// No document with that id.
    #[error("no document {0}")]
    NoDocument(DocumentId),
    /// The new text is the same as the old one.
    #[error("the new text is the same as the document's text")]
    Unchanged,
}

/// Replaces document `doc`'s text with `new_text`, moving every annotation with it: returns
/// the undoable edit (not applied) and what happened to each annotation.
pub fn update_text(project: &Project, doc: &DocumentId, new_text: &str) -> Result<(Edit, Report), ReanchorError> {
    let document = project.document(doc).ok_or_else(|| ReanchorError::NoDocument(doc.clone()))?;
    if document.text == new_text {
        return Err(ReanchorError::Unchanged);
    }
    let (annotations, report) = reanchor(&document.text, &document.annotations, new_text);
    Ok((Edit::ReplaceText { doc: doc.clone(), text: new_text.to_owned(), annotations }, report))
}

/// Moves `annotations` of `old_text` onto `new_text`. Returns them in the same order (same ids,
/// new ranges and quotes; orphans with no ranges and their old quote) and the report.
pub fn reanchor(old_text: &str, annotations: &[Annotation], new_text: &str) -> (Vec<Annotation>, Report) {
    let ctx = Context::new(old_text, new_text);
    let new_index = TextIndex::new(new_text);
    let mut report = Report::default();
    let mut out = Vec::with_capacity(annotations.len());
    // Each annotation is placed on its own (the context is read-only), on every core.
    let placed: Vec<_> = {
        use rayon::prelude::*;
        annotations.par_iter().map(|a| ctx.place(a)).collect()
    };
    for (a, place) in annotations.iter().zip(placed) {
        let (ranges, placement) = match place {
            Some((ranges, placement)) => (ranges, placement),
            None => (Vec::new(), Placement::Orphan),
        };
        let mut moved = a.clone();
        match placement {
            Placement::Exact => report.exact += 1,
            Placement::ByQuote => report.by_quote += 1,
            Placement::Fuzzy => report.fuzzy += 1,
            Placement::Orphan => report.orphans.push(a.id.clone()),
        }
        if placement == Placement::Orphan {
            moved.ranges = Vec::new();
        } else {
            moved.quote = Quote::of(&new_index, &ranges);
            moved.ranges = ranges;
        }
        report.placements.push((a.id.clone(), placement));
        out.push(moved);
    }
    (out, report)
}
