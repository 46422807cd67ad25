//! Agreement between two annotators of the same article: per label, exact and lenient span
//! precision / recall / F1 with the first as reference, Cohen's κ and Krippendorff's α at the
//! character level, Krippendorff's unitized αu; and attribution agreement (cue + content, and with the source). The span and
//! attribution figures are those of `../shared/tools/score_attributions.py` ([`spans`]).
//!
//! Labels are compared by role: each annotation is taken under its brat type
//! ([`crate::formats::brat::type_for_label`]: `Content` for the claim role, the role's name for
//! the others, else the label's own name), so two projects naming their labels differently agree.

pub mod chars;
pub mod spans;
pub mod table;
pub mod unitized;

use crate::formats::brat;
use crate::model::{Document, Project};
use chars::{CharCounts, coverage};
use spans::{Standoff, attributions_found, greedy_lenient};
use std::collections::BTreeMap;
use unitized::Unitized;

/// Matches between a reference set and another: precision over `other`, recall over `reference`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Matches {
    /// Items of the reference.
    pub reference: usize,
    /// Items of the other.
    pub other: usize,
    /// Reference items matched.
    pub matched: usize,
}

impl Matches {
    /// Precision: matched / other (0 when the other has none).
    pub fn precision(self) -> f64 {
        ratio(self.matched, self.other)
    }

    /// Recall: matched / reference (0 when the reference has none).
    pub fn recall(self) -> f64 {
        ratio(self.matched, self.reference)
    }

    /// F1, the harmonic mean of precision and recall (0 when both are 0).
    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
    }

    fn add(&mut self, other: Self) {
        self.reference += other.reference;
        self.other += other.other;
        self.matched += other.matched;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Agreement on one label.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelAgreement {
    /// Spans with the same (trimmed) offsets.
    pub exact: Matches,
    /// Spans overlapping by at least half of the longer one, paired one-to-one.
    pub lenient: Matches,
    /// Chars labelled by both, one or neither (κ and α).
    pub chars: CharCounts,
    /// Each annotator's labelled sections (αu).
    pub sections: Unitized,
}

/// Agreement on attributions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttributionAgreement {
    /// Matched on cue and content.
    pub cue_content: Matches,
    /// Matched on cue and content, and on the source (or neither names one).
    pub with_source: Matches,
}

/// Agreement between two annotators over one or more documents (counts summed, as the scorer does).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Agreement {
    /// Per label (brat type), in name order.
    pub labels: BTreeMap<String, LabelAgreement>,
    /// Whole attributions.
    pub attributions: AttributionAgreement,
}

impl Agreement {
    /// Adds another document's counts.
    pub fn add(&mut self, other: &Self) {
        for (label, theirs) in &other.labels {
            let ours = self.labels.entry(label.clone()).or_default();
            ours.exact.add(theirs.exact);
            ours.lenient.add(theirs.lenient);
            ours.chars.add(theirs.chars);
            ours.sections.add(&theirs.sections);
        }
        self.attributions.cue_content.add(other.attributions.cue_content);
        self.attributions.with_source.add(other.attributions.with_source);
    }
}

/// The agreement of document `b` (of project `pb`) with document `a` (of `pa`) as reference.
/// Spans are trimmed against `a`'s text, as the scorer trims both against the one article.
pub fn document_agreement(pa: &Project, a: &Document, pb: &Project, b: &Document) -> Agreement {
    let text: Vec<char> = a.text.chars().collect();
    let (sa, sb) = (Standoff::parse(&brat::document_ann(pa, a)), Standoff::parse(&brat::document_ann(pb, b)));
    let (spans_a, spans_b) = (sa.type_spans(&text), sb.type_spans(&text));
    let (cover_a, cover_b) = (type_coverage(pa, a, text.len()), type_coverage(pb, b, text.len()));
    let mut labels = BTreeMap::new();
    let empty = std::collections::BTreeSet::default();
    let names: std::collections::BTreeSet<&String> =
        spans_a.keys().chain(spans_b.keys()).chain(cover_a.keys()).chain(cover_b.keys()).collect();
    let blank = vec![false; text.len()];
    for label in names {
        let (ga, gb) = (spans_a.get(label).unwrap_or(&empty), spans_b.get(label).unwrap_or(&empty));
        let count = |matched| Matches { reference: ga.len(), other: gb.len(), matched };
        let (ca, cb) = (cover_a.get(label).unwrap_or(&blank), cover_b.get(label).unwrap_or(&blank));
        let agreement = LabelAgreement {
            exact: count(ga.intersection(gb).count()),
            lenient: count(greedy_lenient(ga, gb)),
            chars: CharCounts::of(ca, cb),
            sections: Unitized::of(ca, cb),
        };
        labels.insert(label.clone(), agreement);
    }
    let (ra, rb) = (sa.attributions(&text), sb.attributions(&text));
    let (found, with_source) = attributions_found(&ra, &rb);
    let matches = |matched| Matches { reference: ra.len(), other: rb.len(), matched };
    Agreement { labels, attributions: AttributionAgreement { cue_content: matches(found), with_source: matches(with_source) } }
}

/// Which chars each brat type's annotations cover.
fn type_coverage(project: &Project, document: &Document, len: usize) -> BTreeMap<String, Vec<bool>> {
    let mut by_type: BTreeMap<String, Vec<&crate::anchor::CharRange>> = BTreeMap::new();
    for annotation in &document.annotations {
        by_type.entry(brat::type_for_label(project, &annotation.label).to_owned()).or_default().extend(&annotation.ranges);
    }
    by_type.into_iter().map(|(label, ranges)| (label, coverage(len, ranges))).collect()
}
