//! Claim links as W3C annotations: one `Annotation` per link (`urn:claimlens:link:ID`),
//! motivation `linking`, its `target` the linking claim's content in its document and its
//! `body` the linked claim's content (or the linked span) in the other document (a
//! `SpecificResource` on that document's source, purpose `linking`, with quote and position
//! selectors), plus the link's kind (`describing`, `link=repeats`). An orphaned link keeps
//! its target claim's IRI as the body. Importing W3C annotations skips these (links are not
//! annotations of a text).

use super::export::{TargetSource, target};
use super::{CLAIM_IRI, CONTEXT, LINK_IRI};
use crate::anchor::{CharRange, TextIndex};
use crate::model::{AnnotationId, Claim, ClaimLink, Document, LinkTarget, Project};
use serde_json::{Value, json};

/// The selectors-bearing resources of `ids` (annotations of `document`), one per fragment.
fn resources(project: &Project, document: &Document, ids: &[AnnotationId]) -> Vec<Value> {
    let index = TextIndex::new(&document.text);
    let source = TargetSource::of(project, document);
    let ranges: Vec<CharRange> = ids.iter().filter_map(|id| document.annotation(id)).flat_map(|a| a.ranges.clone()).collect();
    ranges.into_iter().map(|r| target(&index, &source, r)).collect()
}

/// The annotations the link's target covers in its document.
fn target_spans<'p>(project: &'p Project, link: &ClaimLink) -> Option<(&'p Document, Vec<AnnotationId>)> {
    let d = project.document(link.target.document())?;
    let ids = match &link.target {
        LinkTarget::Claim { claim, .. } => d.claim(claim)?.content.clone(),
        LinkTarget::Span { annotation, .. } => vec![annotation.clone()],
    };
    Some((d, ids))
}

fn one_or_many(mut items: Vec<Value>) -> Value {
    if items.len() == 1 { items.remove(0) } else { items.into() }
}

/// The W3C annotation of one link of `claim` (a claim of `document`).
pub fn link_json(project: &Project, document: &Document, claim: &Claim, link: &ClaimLink) -> Value {
    let mut body: Vec<Value> = match target_spans(project, link) {
        Some((d, ids)) => {
            let mut found = resources(project, d, &ids);
            for r in &mut found {
                if let Some(m) = r.as_object_mut() {
                    m.insert("type".into(), "SpecificResource".into());
                    m.insert("purpose".into(), "linking".into());
                }
            }
            found
        }
        None => Vec::new(),
    };
    if body.is_empty() {
        // Orphaned (or a target with no place left in its text): the target by its id.
        let id = match &link.target {
            LinkTarget::Claim { claim, .. } => format!("{CLAIM_IRI}{claim}"),
            LinkTarget::Span { annotation, .. } => format!("{}{annotation}", super::ANNOTATION_IRI),
        };
        body.push(json!({"type": "SpecificResource", "purpose": "linking", "source": id}));
    }
    body.push(json!({"type": "TextualBody", "purpose": "describing", "value": format!("link={}", link.kind.as_str()), "format": "text/plain"}));
    let mut targets = resources(project, document, &claim.content);
    if targets.is_empty() {
        targets.push(json!({"source": format!("{CLAIM_IRI}{}", claim.id)}));
    }
    json!({
        "@context": CONTEXT,
        "id": format!("{LINK_IRI}{}", link.id),
        "type": "Annotation",
        "motivation": "linking",
        "generator": {"type": "Software", "name": "claimlens"},
        "body": body,
        "target": one_or_many(targets),
    })
}

/// The link annotations of every claim of `document`, in claim and link order.
pub fn link_annotations(project: &Project, document: &Document) -> Vec<Value> {
    document.claims.iter().flat_map(|c| c.links.iter().map(move |l| link_json(project, document, c, l))).collect()
}

/// Whether a W3C annotation is a claimlens link (skipped on import).
pub fn is_link(item: &Value) -> bool {
    item.get("id").and_then(Value::as_str).is_some_and(|id| id.starts_with(LINK_IRI))
}
