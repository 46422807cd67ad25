//! Carrying out an edit that the checks accepted, returning its inverse.

use super::Edit;
use crate::model::journal::AnnotationChange;
use crate::model::{
    Annotation, AnnotationId, Claim, ClaimId, ClaimLink, Document, DocumentId, DocumentMeta, LabelDef, LinkId, Project, SourceId,
};

fn insert_at<T>(items: &mut Vec<T>, index: Option<usize>, item: T) {
    let i = index.unwrap_or(items.len()).min(items.len());
    items.insert(i, item);
}

/// Inserts `item` and returns `inverse`, the edit that takes it out again.
fn insert_then<T>(items: &mut Vec<T>, index: Option<usize>, inverse: Edit, item: T) -> Edit {
    insert_at(items, index, item);
    inverse
}

/// Removes the first item matching `pred`, with the index it had.
fn take<T>(items: &mut Vec<T>, pred: impl Fn(&T) -> bool) -> Option<(usize, T)> {
    let i = items.iter().position(pred)?;
    Some((i, items.remove(i)))
}

/// Puts `new` in `slot` and returns what was there (`new` itself when there is no slot).
fn swap<T: Clone>(slot: Option<&mut T>, new: T) -> T {
    slot.map(|s| std::mem::replace(s, new.clone())).unwrap_or(new)
}

/// Inserts `item` into a list of document `doc`; returns `inverse`, the edit that takes it out.
fn put_in<T>(
    project: &mut Project,
    doc: &DocumentId,
    list: fn(&mut Document) -> &mut Vec<T>,
    index: Option<usize>,
    inverse: Edit,
    item: T,
) -> Edit {
    match project.document_mut(doc) {
        Some(d) => insert_then(list(d), index, inverse, item),
        None => inverse,
    }
}

/// Removes the first item matching `pred` from a list of document `doc`.
fn take_from<T>(
    project: &mut Project,
    doc: &DocumentId,
    list: fn(&mut Document) -> &mut Vec<T>,
    pred: impl Fn(&T) -> bool,
) -> Option<(usize, T)> {
    project.document_mut(doc).and_then(|d| take(list(d), pred))
}

/// The edit that does nothing: the inverse of an edit that found nothing to change (the checks
/// rule that out before an edit is applied).
fn nothing() -> Edit {
    Edit::Batch(Vec::new())
}

fn claim_mut<'p>(project: &'p mut Project, doc: &DocumentId, claim: &ClaimId) -> Option<&'p mut Claim> {
    project.document_mut(doc).and_then(|d| d.claims.iter_mut().find(|c| &c.id == claim))
}

/// Applies an edit that the checks accepted. Never fails.
pub(super) fn apply_checked(edit: Edit, project: &mut Project) -> Edit {
    match edit {
        Edit::InsertDocument { index, document } => {
            insert_then(&mut project.documents, index, Edit::RemoveDocument(document.id.clone()), *document)
        }
        Edit::RemoveDocument(id) => match take(&mut project.documents, |d| d.id == id) {
            Some((i, document)) => Edit::InsertDocument { index: Some(i), document: Box::new(document) },
            None => nothing(),
        },
        Edit::SetDocumentMeta(id, meta) => set_document_meta(project, id, meta),
        Edit::InsertAnnotation { doc, index, annotation } => insert_annotation(project, &doc, index, annotation),
        Edit::RemoveAnnotation(doc, id) => remove_annotation(project, doc, &id),
        Edit::UpdateAnnotation(doc, annotation) => update_annotation(project, doc, annotation),
        Edit::InsertClaim { doc, index, claim } => {
            put_in(project, &doc, |d| &mut d.claims, index, Edit::RemoveClaim(doc.clone(), claim.id.clone()), claim)
        }
        Edit::RemoveClaim(doc, id) => match take_from(project, &doc, |d| &mut d.claims, |c| c.id == id) {
            Some((i, claim)) => Edit::InsertClaim { doc, index: Some(i), claim },
            None => nothing(),
        },
        Edit::UpdateClaim(doc, claim) => {
            let slot = project.document_mut(&doc).and_then(|d| d.claims.iter_mut().find(|c| c.id == claim.id));
            Edit::UpdateClaim(doc, swap(slot, claim))
        }
        Edit::InsertRelation { doc, index, relation } => {
            put_in(project, &doc, |d| &mut d.relations, index, Edit::RemoveRelation(doc.clone(), relation.id.clone()), relation)
        }
        Edit::RemoveRelation(doc, id) => match take_from(project, &doc, |d| &mut d.relations, |r| r.id == id) {
            Some((i, relation)) => Edit::InsertRelation { doc, index: Some(i), relation },
            None => nothing(),
        },
        Edit::UpdateRelation(doc, relation) => {
            let slot = project.document_mut(&doc).and_then(|d| d.relations.iter_mut().find(|r| r.id == relation.id));
            Edit::UpdateRelation(doc, swap(slot, relation))
        }
        Edit::InsertSource { index, source } => {
            insert_then(&mut project.sources, index, Edit::RemoveSource(source.id.clone()), source)
        }
        Edit::RemoveSource(id) => match take(&mut project.sources, |s| s.id == id) {
            Some((i, source)) => Edit::InsertSource { index: Some(i), source },
            None => nothing(),
        },
        Edit::UpdateSource(source) => {
            let slot = project.sources.iter_mut().find(|s| s.id == source.id);
            Edit::UpdateSource(swap(slot, source))
        }
        Edit::InsertLabel { index, label } => {
            insert_then(&mut project.labels, index, Edit::RemoveLabel(label.name.clone()), label)
        }
        Edit::RemoveLabel(name) => match take(&mut project.labels, |l| l.name == name) {
            Some((i, label)) => Edit::InsertLabel { index: Some(i), label },
            None => nothing(),
        },
        Edit::UpdateLabel(name, label) => update_label(project, &name, label),
        Edit::ReplaceText { doc, text, annotations } => replace_text(project, doc, text, annotations),
        Edit::SetOrigin(id, origin) => set_origin(project, id, origin),
        Edit::InsertLink { doc, claim, index, link } => insert_link(project, &doc, &claim, index, link),
        Edit::RemoveLink { doc, claim, link } => remove_link(project, doc, claim, &link),
        Edit::SetPublisher(doc, publisher) => set_publisher(project, doc, publisher),
        Edit::SetTitle(title) => Edit::SetTitle(std::mem::replace(&mut project.title, title)),
        Edit::HoldConflict { index, conflict } => hold_conflict(project, index, conflict),
        Edit::DropConflict(on) => drop_conflict(project, &on),
        Edit::Batch(_) => nothing(),
    }
}

fn hold_conflict(project: &mut Project, index: Option<usize>, conflict: crate::model::HeldConflict) -> Edit {
    insert_then(&mut project.conflicts, index, Edit::DropConflict(conflict.on()), conflict)
}

fn drop_conflict(project: &mut Project, on: &crate::model::ConflictOn) -> Edit {
    match take(&mut project.conflicts, |c| &c.on() == on) {
        Some((i, conflict)) => Edit::HoldConflict { index: Some(i), conflict },
        None => nothing(),
    }
}

fn set_origin(project: &mut Project, id: DocumentId, origin: Option<Box<crate::model::Origin>>) -> Edit {
    let Some(d) = project.document_mut(&id) else { return nothing() };
    let old = std::mem::replace(&mut d.origin, origin.map(|o| *o));
    Edit::SetOrigin(id, old.map(Box::new))
}

fn insert_annotation(project: &mut Project, doc: &DocumentId, index: Option<usize>, annotation: Annotation) -> Edit {
    let inverse = Edit::RemoveAnnotation(doc.clone(), annotation.id.clone());
    let Some(d) = project.document_mut(doc) else { return inverse };
    let i = index.unwrap_or(d.annotations.len()).min(d.annotations.len());
    d.annotations.insert(i, annotation);
    d.journal.record(AnnotationChange::Inserted(i));
    inverse
}

fn remove_annotation(project: &mut Project, doc: DocumentId, id: &AnnotationId) -> Edit {
    let Some(d) = project.document_mut(&doc) else { return nothing() };
    match take(&mut d.annotations, |a| &a.id == id) {
        Some((i, annotation)) => {
            d.journal.record(AnnotationChange::Removed(i));
            Edit::InsertAnnotation { doc, index: Some(i), annotation }
        }
        None => nothing(),
    }
}

fn update_annotation(project: &mut Project, doc: DocumentId, annotation: Annotation) -> Edit {
    let Some(d) = project.document_mut(&doc) else { return Edit::UpdateAnnotation(doc, annotation) };
    match d.annotations.iter().position(|a| a.id == annotation.id) {
        Some(i) => {
            d.journal.record(AnnotationChange::Replaced(i));
            let slot = d.annotations.get_mut(i);
            Edit::UpdateAnnotation(doc, swap(slot, annotation))
        }
        None => Edit::UpdateAnnotation(doc, annotation),
    }
}

/// A new text with its annotations moved onto it (re-anchoring's result, checked before).
fn replace_text(project: &mut Project, doc: DocumentId, text: String, annotations: Vec<crate::model::Annotation>) -> Edit {
    let Some(d) = project.document_mut(&doc) else { return nothing() };
    let text = std::mem::replace(&mut d.text, text);
    let annotations = std::mem::replace(&mut d.annotations, annotations);
    d.journal.restart();
    d.text_index = crate::model::Transient::default();
    Edit::ReplaceText { doc, text, annotations }
}

fn insert_link(project: &mut Project, doc: &DocumentId, claim: &ClaimId, index: Option<usize>, link: ClaimLink) -> Edit {
    let inverse = Edit::RemoveLink { doc: doc.clone(), claim: claim.clone(), link: link.id.clone() };
    match claim_mut(project, doc, claim) {
        Some(c) => insert_then(&mut c.links, index, inverse, link),
        None => inverse,
    }
}

fn remove_link(project: &mut Project, doc: DocumentId, claim: ClaimId, link: &LinkId) -> Edit {
    match claim_mut(project, &doc, &claim).and_then(|c| take(&mut c.links, |l| &l.id == link)) {
        Some((i, link)) => Edit::InsertLink { doc, claim, index: Some(i), link },
        None => nothing(),
    }
}

fn set_publisher(project: &mut Project, doc: DocumentId, publisher: Option<SourceId>) -> Edit {
    let Some(d) = project.document_mut(&doc) else { return nothing() };
    let old = std::mem::replace(&mut d.publisher, publisher);
    Edit::SetPublisher(doc, old)
}

fn set_document_meta(project: &mut Project, id: DocumentId, meta: DocumentMeta) -> Edit {
    let Some(d) = project.document_mut(&id) else { return nothing() };
    let old = d.meta();
    d.set_meta(meta);
    Edit::SetDocumentMeta(id, old)
}

/// Replaces label `name`; a rename carries every annotation of the label along.
fn update_label(project: &mut Project, name: &str, label: LabelDef) -> Edit {
    let new_name = label.name.clone();
    let Some(slot) = project.labels.iter_mut().find(|l| l.name == name) else { return nothing() };
    let old = std::mem::replace(slot, label);
    if new_name != name {
        for d in &mut project.documents {
            d.journal.restart();
            for a in d.annotations.iter_mut().filter(|a| a.label == name) {
                a.label.clone_from(&new_name);
            }
        }
        // Theirs' version of the label, held by a merge conflict, follows the rename.
        for c in &mut project.conflicts {
            if let crate::model::HeldConflict::Label(theirs) = c
                && theirs.name == name
            {
                theirs.name.clone_from(&new_name);
            }
        }
    }
    Edit::UpdateLabel(new_name, old)
}
