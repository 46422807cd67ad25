//! Carrying out an edit that the checks accepted, returning its inverse.

use super::Edit;
use crate::model::{Claim, ClaimId, DocumentId, Project};

fn position<T>(items: &[T], pred: impl Fn(&T) -> bool) -> usize {
    items.iter().position(pred).unwrap_or(items.len())
}

fn insert_at<T>(items: &mut Vec<T>, index: Option<usize>, item: T) {
    let i = index.unwrap_or(items.len()).min(items.len());
    items.insert(i, item);
}

fn claim_mut<'p>(project: &'p mut Project, doc: &DocumentId, claim: &ClaimId) -> Option<&'p mut Claim> {
    project.document_mut(doc).and_then(|d| d.claims.iter_mut().find(|c| &c.id == claim))
}

/// Applies an edit that the checks accepted. Never fails.
pub(super) fn apply_checked(edit: Edit, project: &mut Project) -> Edit {
    match edit {
        Edit::InsertDocument { index, document } => {
            let id = document.id.clone();
            insert_at(&mut project.documents, index, *document);
            Edit::RemoveDocument(id)
        }
        Edit::RemoveDocument(id) => {
            let i = position(&project.documents, |d| d.id == id);
            let document = project.documents.remove(i);
            Edit::InsertDocument { index: Some(i), document: Box::new(document) }
        }
        Edit::SetDocumentMeta(id, meta) => {
            let Some(d) = project.document_mut(&id) else { return Edit::Batch(Vec::new()) };
            let old = d.meta();
            d.title = meta.title;
            d.url = meta.url;
            d.outlet = meta.outlet;
            d.published = meta.published;
            Edit::SetDocumentMeta(id, old)
        }
        Edit::InsertAnnotation { doc, index, annotation } => {
            let id = annotation.id.clone();
            if let Some(d) = project.document_mut(&doc) {
                insert_at(&mut d.annotations, index, annotation);
            }
            Edit::RemoveAnnotation(doc, id)
        }
        Edit::RemoveAnnotation(doc, id) => {
            let Some(d) = project.document_mut(&doc) else { return Edit::Batch(Vec::new()) };
            let i = position(&d.annotations, |a| a.id == id);
            let annotation = d.annotations.remove(i);
            Edit::InsertAnnotation { doc, index: Some(i), annotation }
        }
        Edit::UpdateAnnotation(doc, annotation) => {
            let slot = project.document_mut(&doc).and_then(|d| d.annotations.iter_mut().find(|a| a.id == annotation.id));
            let old = slot.map(|s| std::mem::replace(s, annotation.clone())).unwrap_or(annotation);
            Edit::UpdateAnnotation(doc, old)
        }
        Edit::InsertClaim { doc, index, claim } => {
            let id = claim.id.clone();
            if let Some(d) = project.document_mut(&doc) {
                insert_at(&mut d.claims, index, claim);
            }
            Edit::RemoveClaim(doc, id)
        }
        Edit::RemoveClaim(doc, id) => {
            let Some(d) = project.document_mut(&doc) else { return Edit::Batch(Vec::new()) };
            let i = position(&d.claims, |c| c.id == id);
            let claim = d.claims.remove(i);
            Edit::InsertClaim { doc, index: Some(i), claim }
        }
        Edit::UpdateClaim(doc, claim) => {
            let slot = project.document_mut(&doc).and_then(|d| d.claims.iter_mut().find(|c| c.id == claim.id));
            let old = slot.map(|s| std::mem::replace(s, claim.clone())).unwrap_or(claim);
            Edit::UpdateClaim(doc, old)
        }
        Edit::InsertRelation { doc, index, relation } => {
            let id = relation.id.clone();
            if let Some(d) = project.document_mut(&doc) {
                insert_at(&mut d.relations, index, relation);
            }
            Edit::RemoveRelation(doc, id)
        }
        Edit::RemoveRelation(doc, id) => {
            let Some(d) = project.document_mut(&doc) else { return Edit::Batch(Vec::new()) };
            let i = position(&d.relations, |r| r.id == id);
            let relation = d.relations.remove(i);
            Edit::InsertRelation { doc, index: Some(i), relation }
        }
        Edit::UpdateRelation(doc, relation) => {
            let slot = project.document_mut(&doc).and_then(|d| d.relations.iter_mut().find(|r| r.id == relation.id));
            let old = slot.map(|s| std::mem::replace(s, relation.clone())).unwrap_or(relation);
            Edit::UpdateRelation(doc, old)
        }
        Edit::InsertSource { index, source } => {
            let id = source.id.clone();
            insert_at(&mut project.sources, index, source);
            Edit::RemoveSource(id)
        }
        Edit::RemoveSource(id) => {
            let i = position(&project.sources, |s| s.id == id);
            let source = project.sources.remove(i);
            Edit::InsertSource { index: Some(i), source }
        }
        Edit::UpdateSource(source) => {
            let slot = project.sources.iter_mut().find(|s| s.id == source.id);
            let old = slot.map(|s| std::mem::replace(s, source.clone())).unwrap_or(source);
            Edit::UpdateSource(old)
        }
        Edit::InsertLabel { index, label } => {
            let name = label.name.clone();
            insert_at(&mut project.labels, index, label);
            Edit::RemoveLabel(name)
        }
        Edit::RemoveLabel(name) => {
            let i = position(&project.labels, |l| l.name == name);
            let label = project.labels.remove(i);
            Edit::InsertLabel { index: Some(i), label }
        }
        Edit::UpdateLabel(name, label) => {
            let new_name = label.name.clone();
            let Some(slot) = project.labels.iter_mut().find(|l| l.name == name) else { return Edit::Batch(Vec::new()) };
            let old = std::mem::replace(slot, label);
            if new_name != name {
                for a in project.documents.iter_mut().flat_map(|d| d.annotations.iter_mut()) {
                    if a.label == name {
                        a.label.clone_from(&new_name);
                    }
                }
            }
            Edit::UpdateLabel(new_name, old)
        }
        Edit::ReplaceText { doc, text, annotations } => {
            let Some(d) = project.document_mut(&doc) else { return Edit::Batch(Vec::new()) };
            let old_text = std::mem::replace(&mut d.text, text);
            let old_annotations = std::mem::replace(&mut d.annotations, annotations);
            Edit::ReplaceText { doc, text: old_text, annotations: old_annotations }
        }
        Edit::InsertLink { doc, claim, index, link } => {
            let id = link.id.clone();
            if let Some(c) = claim_mut(project, &doc, &claim) {
                insert_at(&mut c.links, index, link);
            }
            Edit::RemoveLink { doc, claim, link: id }
        }
        Edit::RemoveLink { doc, claim, link } => {
            let Some(c) = claim_mut(project, &doc, &claim) else { return Edit::Batch(Vec::new()) };
            let i = position(&c.links, |l| l.id == link);
            let link = c.links.remove(i);
            Edit::InsertLink { doc, claim, index: Some(i), link }
        }
        Edit::SetPublisher(doc, publisher) => {
            let Some(d) = project.document_mut(&doc) else { return Edit::Batch(Vec::new()) };
            let old = std::mem::replace(&mut d.publisher, publisher);
            Edit::SetPublisher(doc, old)
        }
        Edit::SetTitle(title) => Edit::SetTitle(std::mem::replace(&mut project.title, title)),
        Edit::Batch(_) => Edit::Batch(Vec::new()),
    }
}
