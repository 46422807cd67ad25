//! Helpers shared by the integration tests.

#![allow(dead_code)]

use claimlens::anchor::CharRange;
use claimlens::model::{AnnotationId, Document, Project};
use std::collections::BTreeMap;

/// An annotation without its id: label and ranges.
pub type Span = (String, Vec<CharRange>);

/// A document's annotations, claims and relations with ids replaced by what they point at,
/// sorted, so that two documents that differ only in ids and order compare equal.
pub fn canonical(project: &Project, document: &Document) -> String {
    let span = |id: &AnnotationId| -> Span {
        document.annotation(id).map_or_else(|| ("<missing>".into(), vec![]), |a| (a.label.clone(), a.ranges.clone()))
    };
    let mut annotations: Vec<String> = document
        .annotations
        .iter()
        .map(|a| format!("{:?} {:?} note={:?} attrs={:?} quote={:?}", a.label, a.ranges, a.note, a.attributes, a.quote))
        .collect();
    annotations.sort();
    let source_name =
        |id: &claimlens::model::SourceId| project.source(id).map_or_else(|| format!("<missing {id}>"), |s| s.name.clone());
    let mut claims: Vec<String> = document
        .claims
        .iter()
        .map(|c| {
            let content: Vec<Span> = c.content.iter().map(span).collect();
            let sources: Vec<Span> = c.source_spans.iter().map(span).collect();
            let attributed: Vec<String> = c.attributed_to.iter().map(source_name).collect();
            format!(
                "content={content:?} cue={:?} sources={sources:?} trigger={:?} type={:?} attributed={attributed:?} verdict={:?} date={:?} note={:?} attrs={:?}",
                c.cue.as_ref().map(span),
                c.trigger.as_ref().map(span),
                c.event_type,
                c.verdict,
                c.event_date,
                c.note,
                c.attributes
            )
        })
        .collect();
    claims.sort();
    let mut relations: Vec<String> = document
        .relations
        .iter()
        .map(|r| {
            let args: Vec<(String, Span)> = r.args.iter().map(|(role, a)| (role.clone(), span(a))).collect();
            format!(
                "{:?} {:?} trigger={:?} args={args:?} attrs={:?} note={:?}",
                r.kind,
                r.label,
                r.trigger.as_ref().map(span),
                r.attributes,
                r.note
            )
        })
        .collect();
    relations.sort();
    let mut out = String::new();
    for (title, list) in [("annotations", annotations), ("claims", claims), ("relations", relations)] {
        out.push_str(title);
        out.push_str(":\n");
        for line in list {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Counts of each distinct item, for multiset comparisons.
pub fn multiset<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeMap<T, usize> {
    let mut m = BTreeMap::new();
    for i in items {
        *m.entry(i).or_insert(0) += 1;
    }
    m
}
