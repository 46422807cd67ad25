//! Every change to a project: [`Edit`], applied in one place, returning its inverse.
//!
//! Undo and redo come from the inverses ([`History`]). An edit that would break an invariant
//! (a range past the end of the text, a claim pointing at a missing annotation, a cycle in
//! `cites`, ...) is refused with an [`EditError`] and leaves the project unchanged.

use crate::anchor::{RangeError, TextIndex, exact_of, validate_ranges};
use crate::model::{
    Annotation, AnnotationId, Claim, ClaimId, Document, DocumentId, DocumentMeta, LabelDef, Project, Relation, RelationId,
    Source, SourceId,
};
use std::collections::BTreeSet;

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Inserts a document at `index` (or at the end).
    InsertDocument {
        /// Position in the document list; `None` appends.
        index: Option<usize>,
        /// The document.
        document: Box<Document>,
    },
    /// Removes a document with everything on it.
    RemoveDocument(DocumentId),
    /// Changes a document's title, URL, outlet or date.
    SetDocumentMeta(DocumentId, DocumentMeta),
    /// Inserts an annotation.
    InsertAnnotation {
        /// The document.
        doc: DocumentId,
        /// Position in the annotation list; `None` appends.
        index: Option<usize>,
        /// The annotation.
        annotation: Annotation,
    },
    /// Removes an annotation no claim or relation refers to.
    RemoveAnnotation(DocumentId, AnnotationId),
    /// Replaces an annotation (same id): label, ranges, note, tags...
    UpdateAnnotation(DocumentId, Annotation),
    /// Inserts a claim.
    InsertClaim {
        /// The document.
        doc: DocumentId,
        /// Position; `None` appends.
        index: Option<usize>,
        /// The claim.
        claim: Claim,
    },
    /// Removes a claim (its annotations stay).
    RemoveClaim(DocumentId, ClaimId),
    /// Replaces a claim (same id).
    UpdateClaim(DocumentId, Claim),
    /// Inserts a relation.
    InsertRelation {
        /// The document.
        doc: DocumentId,
        /// Position; `None` appends.
        index: Option<usize>,
        /// The relation.
        relation: Relation,
    },
    /// Removes a relation.
    RemoveRelation(DocumentId, RelationId),
    /// Replaces a relation (same id).
    UpdateRelation(DocumentId, Relation),
    /// Registers a source.
    InsertSource {
        /// Position; `None` appends.
        index: Option<usize>,
        /// The source.
        source: Source,
    },
    /// Removes a source nothing refers to.
    RemoveSource(SourceId),
    /// Replaces a source (same id): name, kind, URL, whom it cites.
    UpdateSource(Source),
    /// Adds a label to the schema.
    InsertLabel {
        /// Position; `None` appends.
        index: Option<usize>,
        /// The label.
        label: LabelDef,
    },
    /// Removes a label no annotation uses.
    RemoveLabel(String),
    /// Replaces the label called `.0` (renaming relabels its annotations).
    UpdateLabel(String, LabelDef),
    /// Replaces a document's text with a new version together with all its annotations (same
    /// ids, re-anchored on the new text; see [`crate::reanchor`]). The inverse restores both.
    ReplaceText {
        /// The document.
        doc: DocumentId,
        /// The new text.
        text: String,
        /// Every annotation of the document, in order, placed on the new text (orphans with no ranges).
        annotations: Vec<Annotation>,
    },
    /// Sets the project title.
    SetTitle(String),
    /// Several edits as one undo step, applied in order.
    Batch(Vec<Edit>),
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No document with that id.
    #[error("no document {0}")]
    NoDocument(DocumentId),
    /// No annotation with that id in the document.
    #[error("no annotation {0}")]
    NoAnnotation(AnnotationId),
    /// No claim with that id.
    #[error("no claim {0}")]
    NoClaim(ClaimId),
    /// No relation with that id.
    #[error("no relation {0}")]
    NoRelation(RelationId),
    /// No source with that id.
    #[error("no source {0}")]
    NoSource(SourceId),
    /// No label with that name.
    #[error("no label {0:?}")]
    NoLabel(String),
    /// The id is already taken.
    #[error("the id {0} is already in use")]
    DuplicateId(String),
    /// The label name is already taken.
    #[error("a label called {0:?} already exists")]
    DuplicateLabel(String),
    /// The hotkey is already taken.
    #[error("hotkey {0} is already used by another label")]
    DuplicateHotkey(u8),
    /// A hotkey outside 1-9.
    #[error("hotkey {0} is not between 1 and 9")]
    BadHotkey(u8),
    /// A bad range.
    #[error("annotation {id}: {error}")]
    Range {
        /// The annotation.
        id: AnnotationId,
        /// What is wrong.
        error: RangeError,
    },
    /// The stored quote does not match the text at the ranges.
    #[error("annotation {0}: its quote does not match the text at its ranges")]
    QuoteMismatch(AnnotationId),
    /// Something still refers to what would be removed.
    #[error("{what} is still used by {by}")]
    InUse {
        /// What would be removed.
        what: String,
        /// What refers to it.
        by: String,
    },
    /// `cites` would form a cycle.
    #[error("source {0} would cite itself through a cycle")]
    CitesCycle(SourceId),
    /// A claim with no content.
    #[error("claim {0} has no content annotation")]
    EmptyClaim(ClaimId),
    /// An insert position past the end of the list.
    #[error("position {0} is past the end of the list")]
    BadIndex(usize),
    /// An empty name.
    #[error("{0} must not be empty")]
    EmptyName(&'static str),
    /// A text replacement that does not carry exactly the document's annotations.
    #[error("the new text's annotations are not the document's annotations")]
    AnnotationsMismatch,
}

impl Edit {
    /// A short description for the Undo menu ("Undo Add annotation").
    pub fn describe(&self) -> String {
        match self {
            Self::InsertDocument { .. } => "Add document".into(),
            Self::RemoveDocument(_) => "Remove document".into(),
            Self::SetDocumentMeta(..) => "Edit document details".into(),
            Self::InsertAnnotation { annotation, .. } => format!("Add {} annotation", annotation.label),
            Self::RemoveAnnotation(..) => "Delete annotation".into(),
            Self::UpdateAnnotation(..) => "Edit annotation".into(),
            Self::InsertClaim { .. } => "Add claim".into(),
            Self::RemoveClaim(..) => "Delete claim".into(),
            Self::UpdateClaim(..) => "Edit claim".into(),
            Self::InsertRelation { .. } => "Add relation".into(),
            Self::RemoveRelation(..) => "Delete relation".into(),
            Self::UpdateRelation(..) => "Edit relation".into(),
            Self::InsertSource { source, .. } => format!("Add source {}", source.name),
            Self::RemoveSource(_) => "Delete source".into(),
            Self::UpdateSource(s) => format!("Edit source {}", s.name),
            Self::InsertLabel { label, .. } => format!("Add label {}", label.name),
            Self::RemoveLabel(name) => format!("Remove label {name}"),
            Self::UpdateLabel(name, _) => format!("Edit label {name}"),
            Self::ReplaceText { .. } => "Update article text".into(),
            Self::SetTitle(_) => "Rename project".into(),
            // A batch is named after its last step (the claim, document or source it builds up
            // to), or counted when every step is alike ("Add 3 Date annotations").
            Self::Batch(edits) => match edits.as_slice() {
                [] => "Nothing".into(),
                [one] => one.describe(),
                [.., last] => {
                    let name = last.describe();
                    if edits.iter().all(|e| e.describe() == name) && name.ends_with(" annotation") {
                        format!("{}s", name.replacen(' ', &format!(" {} ", edits.len()), 1))
                    } else {
                        name
                    }
                }
            },
        }
    }

    /// Applies the edit to `project` and returns its inverse. On error the project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Edit, EditError> {
        if let Self::Batch(edits) = self {
            return apply_batch(edits, project);
        }
        check(&self, project)?;
        Ok(apply_checked(self, project))
    }
}

fn apply_batch(edits: Vec<Edit>, project: &mut Project) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(project) {
            Ok(inv) => inverses.push(inv),
            Err(e) => {
                // Roll back what was applied so far, newest first.
                for inv in inverses.into_iter().rev() {
                    let _ = inv.apply(project);
                }
                return Err(e);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

fn doc<'p>(project: &'p Project, id: &DocumentId) -> Result<&'p Document, EditError> {
    project.document(id).ok_or_else(|| EditError::NoDocument(id.clone()))
}

fn check_index(index: Option<usize>, len: usize) -> Result<(), EditError> {
    match index {
        Some(i) if i > len => Err(EditError::BadIndex(i)),
        _ => Ok(()),
    }
}

/// Checks one annotation against its document and the schema.
fn check_annotation(project: &Project, document: &Document, index: &TextIndex<'_>, a: &Annotation) -> Result<(), EditError> {
    if project.label(&a.label).is_none() {
        return Err(EditError::NoLabel(a.label.clone()));
    }
    if a.ranges.is_empty() {
        // An orphan: kept with its quote, waiting to be re-attached.
        return Ok(());
    }
    validate_ranges(&a.ranges, index.char_len()).map_err(|error| EditError::Range { id: a.id.clone(), error })?;
    if exact_of(index, &a.ranges) != a.quote.exact {
        return Err(EditError::QuoteMismatch(a.id.clone()));
    }
    let _ = document;
    Ok(())
}

fn check_claim(project: &Project, document: &Document, claim: &Claim) -> Result<(), EditError> {
    check_claim_in(project, claim, |a| document.annotation(a).is_some())
}

/// Checks a claim's references, with `has_annotation` telling which annotation ids exist.
fn check_claim_in(project: &Project, claim: &Claim, has_annotation: impl Fn(&AnnotationId) -> bool) -> Result<(), EditError> {
    if claim.content.is_empty() {
        return Err(EditError::EmptyClaim(claim.id.clone()));
    }
    for a in claim.annotation_refs() {
        if !has_annotation(a) {
            return Err(EditError::NoAnnotation(a.clone()));
        }
    }
    for s in claim.source_refs() {
        if project.source(s).is_none() {
            return Err(EditError::NoSource(s.clone()));
        }
    }
    Ok(())
}

fn check_relation(document: &Document, relation: &Relation) -> Result<(), EditError> {
    check_relation_in(relation, |a| document.annotation(a).is_some())
}

fn check_relation_in(relation: &Relation, has_annotation: impl Fn(&AnnotationId) -> bool) -> Result<(), EditError> {
    for a in relation.annotation_refs() {
        if !has_annotation(a) {
            return Err(EditError::NoAnnotation(a.clone()));
        }
    }
    Ok(())
}

/// Checks a source's references and that `cites` stays acyclic with `source` in the registry.
fn check_source(project: &Project, source: &Source) -> Result<(), EditError> {
    if source.name.trim().is_empty() {
        return Err(EditError::EmptyName("a source's name"));
    }
    for c in &source.cites {
        if c != &source.id && project.source(c).is_none() {
            return Err(EditError::NoSource(c.clone()));
        }
    }
    let cites_of = |id: &SourceId| -> Vec<SourceId> {
        if id == &source.id { source.cites.clone() } else { project.source(id).map(|s| s.cites.clone()).unwrap_or_default() }
    };
    // Depth-first search from the source's citations back to itself.
    let mut stack: Vec<SourceId> = source.cites.clone();
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if id == source.id {
            return Err(EditError::CitesCycle(source.id.clone()));
        }
        if seen.insert(id.clone()) {
            stack.extend(cites_of(&id));
        }
    }
    Ok(())
}

fn check_label(project: &Project, label: &LabelDef, replacing: Option<&str>) -> Result<(), EditError> {
    if label.name.trim().is_empty() {
        return Err(EditError::EmptyName("a label's name"));
    }
    let others = || project.labels.iter().filter(|l| Some(l.name.as_str()) != replacing);
    if others().any(|l| l.name == label.name) {
        return Err(EditError::DuplicateLabel(label.name.clone()));
    }
    if let Some(k) = label.hotkey {
        if !(1..=9).contains(&k) {
            return Err(EditError::BadHotkey(k));
        }
        if others().any(|l| l.hotkey == Some(k)) {
            return Err(EditError::DuplicateHotkey(k));
        }
    }
    Ok(())
}

fn annotation_users(document: &Document, id: &AnnotationId) -> Option<String> {
    if let Some(c) = document.claims.iter().find(|c| c.annotation_refs().any(|a| a == id)) {
        return Some(format!("claim {}", c.id));
    }
    document.relations.iter().find(|r| r.annotation_refs().any(|a| a == id)).map(|r| format!("relation {}", r.id))
}

fn check(edit: &Edit, project: &Project) -> Result<(), EditError> {
    match edit {
        Edit::InsertDocument { index, document } => {
            check_index(*index, project.documents.len())?;
            if project.document(&document.id).is_some() {
                return Err(EditError::DuplicateId(document.id.to_string()));
            }
            check_document(project, document)
        }
        Edit::RemoveDocument(id) | Edit::SetDocumentMeta(id, _) => doc(project, id).map(|_| ()),
        Edit::InsertAnnotation { doc: d, index, annotation } => {
            let document = doc(project, d)?;
            check_index(*index, document.annotations.len())?;
            if document.annotation(&annotation.id).is_some() {
                return Err(EditError::DuplicateId(annotation.id.to_string()));
            }
            check_annotation(project, document, &TextIndex::new(&document.text), annotation)
        }
        Edit::RemoveAnnotation(d, id) => {
            let document = doc(project, d)?;
            document.annotation(id).ok_or_else(|| EditError::NoAnnotation(id.clone()))?;
            match annotation_users(document, id) {
                Some(by) => Err(EditError::InUse { what: format!("annotation {id}"), by }),
                None => Ok(()),
            }
        }
        Edit::UpdateAnnotation(d, annotation) => {
            let document = doc(project, d)?;
            document.annotation(&annotation.id).ok_or_else(|| EditError::NoAnnotation(annotation.id.clone()))?;
            check_annotation(project, document, &TextIndex::new(&document.text), annotation)
        }
        Edit::InsertClaim { doc: d, index, claim } => {
            let document = doc(project, d)?;
            check_index(*index, document.claims.len())?;
            if document.claim(&claim.id).is_some() {
                return Err(EditError::DuplicateId(claim.id.to_string()));
            }
            check_claim(project, document, claim)
        }
        Edit::RemoveClaim(d, id) => doc(project, d)?.claim(id).map(|_| ()).ok_or_else(|| EditError::NoClaim(id.clone())),
        Edit::UpdateClaim(d, claim) => {
            let document = doc(project, d)?;
            document.claim(&claim.id).ok_or_else(|| EditError::NoClaim(claim.id.clone()))?;
            check_claim(project, document, claim)
        }
        Edit::InsertRelation { doc: d, index, relation } => {
            let document = doc(project, d)?;
            check_index(*index, document.relations.len())?;
            if document.relations.iter().any(|r| r.id == relation.id) {
                return Err(EditError::DuplicateId(relation.id.to_string()));
            }
            check_relation(document, relation)
        }
        Edit::RemoveRelation(d, id) => {
            let document = doc(project, d)?;
            document.relations.iter().find(|r| &r.id == id).map(|_| ()).ok_or_else(|| EditError::NoRelation(id.clone()))
        }
        Edit::UpdateRelation(d, relation) => {
            let document = doc(project, d)?;
            if !document.relations.iter().any(|r| r.id == relation.id) {
                return Err(EditError::NoRelation(relation.id.clone()));
            }
            check_relation(document, relation)
        }
        Edit::InsertSource { index, source } => {
            check_index(*index, project.sources.len())?;
            if project.source(&source.id).is_some() {
                return Err(EditError::DuplicateId(source.id.to_string()));
            }
            check_source(project, source)
        }
        Edit::RemoveSource(id) => {
            project.source(id).ok_or_else(|| EditError::NoSource(id.clone()))?;
            if let Some(s) = project.sources.iter().find(|s| s.cites.contains(id)) {
                return Err(EditError::InUse { what: format!("source {id}"), by: format!("source {}", s.name) });
            }
            for d in &project.documents {
                if let Some(c) = d.claims.iter().find(|c| c.source_refs().any(|s| s == id)) {
                    return Err(EditError::InUse { what: format!("source {id}"), by: format!("claim {}", c.id) });
                }
            }
            Ok(())
        }
        Edit::UpdateSource(source) => {
            project.source(&source.id).ok_or_else(|| EditError::NoSource(source.id.clone()))?;
            check_source(project, source)
        }
        Edit::InsertLabel { index, label } => {
            check_index(*index, project.labels.len())?;
            check_label(project, label, None)
        }
        Edit::RemoveLabel(name) => {
            project.label(name).ok_or_else(|| EditError::NoLabel(name.clone()))?;
            match project.documents.iter().flat_map(|d| &d.annotations).find(|a| &a.label == name) {
                Some(a) => Err(EditError::InUse { what: format!("label {name:?}"), by: format!("annotation {}", a.id) }),
                None => Ok(()),
            }
        }
        Edit::UpdateLabel(name, label) => {
            project.label(name).ok_or_else(|| EditError::NoLabel(name.clone()))?;
            check_label(project, label, Some(name))
        }
        Edit::ReplaceText { doc: d, text, annotations } => {
            let document = doc(project, d)?;
            // The same annotations, in the same order: claims and relations keep their references.
            if annotations.len() != document.annotations.len()
                || annotations.iter().zip(&document.annotations).any(|(a, b)| a.id != b.id)
            {
                return Err(EditError::AnnotationsMismatch);
            }
            let index = TextIndex::new(text);
            annotations.iter().try_for_each(|a| check_annotation(project, document, &index, a))
        }
        Edit::SetTitle(_) | Edit::Batch(_) => Ok(()),
    }
}

/// Checks a whole document: annotation ranges and quotes, claim and relation references.
pub fn check_document(project: &Project, document: &Document) -> Result<(), EditError> {
    let index = TextIndex::new(&document.text);
    let mut ids = std::collections::HashSet::with_capacity(document.annotations.len());
    for a in &document.annotations {
        if !ids.insert(a.id.as_str()) {
            return Err(EditError::DuplicateId(a.id.to_string()));
        }
        check_annotation(project, document, &index, a)?;
    }
    // Look ids up in the set built above, not by scanning the list for every reference.
    let has_annotation = |a: &AnnotationId| ids.contains(a.as_str());
    let mut claim_ids = BTreeSet::new();
    for c in &document.claims {
        if !claim_ids.insert(c.id.as_str()) {
            return Err(EditError::DuplicateId(c.id.to_string()));
        }
        check_claim_in(project, c, has_annotation)?;
    }
    let mut relation_ids = BTreeSet::new();
    for r in &document.relations {
        if !relation_ids.insert(r.id.as_str()) {
            return Err(EditError::DuplicateId(r.id.to_string()));
        }
        check_relation_in(r, has_annotation)?;
    }
    Ok(())
}

/// Checks every invariant of a whole project (used after loading a file).
pub fn check_project(project: &Project) -> Result<(), EditError> {
    let mut labels = BTreeSet::new();
    let mut hotkeys = BTreeSet::new();
    for l in &project.labels {
        if !labels.insert(l.name.as_str()) {
            return Err(EditError::DuplicateLabel(l.name.clone()));
        }
        if let Some(k) = l.hotkey {
            if !(1..=9).contains(&k) {
                return Err(EditError::BadHotkey(k));
            }
            if !hotkeys.insert(k) {
                return Err(EditError::DuplicateHotkey(k));
            }
        }
    }
    let mut sources = BTreeSet::new();
    for s in &project.sources {
        if !sources.insert(s.id.as_str()) {
            return Err(EditError::DuplicateId(s.id.to_string()));
        }
        if s.name.trim().is_empty() {
            return Err(EditError::EmptyName("a source's name"));
        }
    }
    // The whole registry in one linear pass (per source, the check of an edit is quadratic).
    if let Some((_, missing)) = crate::model::graph::find_missing_cite(&project.sources) {
        return Err(EditError::NoSource(missing));
    }
    if let Some(id) = crate::model::graph::find_cite_cycle(&project.sources) {
        return Err(EditError::CitesCycle(id));
    }
    let mut docs = BTreeSet::new();
    for d in &project.documents {
        if !docs.insert(d.id.as_str()) {
            return Err(EditError::DuplicateId(d.id.to_string()));
        }
        check_document(project, d)?;
    }
    Ok(())
}

fn position<T>(items: &[T], pred: impl Fn(&T) -> bool) -> usize {
    items.iter().position(pred).unwrap_or(items.len())
}

fn insert_at<T>(items: &mut Vec<T>, index: Option<usize>, item: T) {
    let i = index.unwrap_or(items.len()).min(items.len());
    items.insert(i, item);
}

/// Applies an edit that [`check`] accepted. Never fails.
fn apply_checked(edit: Edit, project: &mut Project) -> Edit {
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
        Edit::SetTitle(title) => Edit::SetTitle(std::mem::replace(&mut project.title, title)),
        Edit::Batch(_) => Edit::Batch(Vec::new()),
    }
}

/// Undo and redo stacks over a project, and whether it differs from what was last saved.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The state id of the project as it is now.
    state: u64,
    /// The state id when it was last saved.
    saved: u64,
    next_state: u64,
}

#[derive(Debug)]
struct Step {
    description: String,
    inverse: Edit,
    /// State before the step was applied (what undo returns to).
    before: u64,
    /// State after it.
    after: u64,
}

impl History {
    /// An empty history of a project that is as saved.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `edit`, recording it for undo. Clears the redo stack.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        let description = edit.describe();
        let inverse = edit.apply(project)?;
        self.next_state += 1;
        let after = self.next_state;
        self.undo.push(Step { description, inverse, before: self.state, after });
        self.state = after;
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; returns what was undone.
    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        let step = self.undo.pop()?;
        match step.inverse.apply(project) {
            Ok(redo) => {
                self.state = step.before;
                let description = step.description.clone();
                self.redo.push(Step { description: step.description, inverse: redo, before: step.before, after: step.after });
                Some(description)
            }
            Err(_) => None,
        }
    }

    /// Redoes the last undone edit; returns what was redone.
    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        let step = self.redo.pop()?;
        match step.inverse.apply(project) {
            Ok(undo) => {
                self.state = step.after;
                let description = step.description.clone();
                self.undo.push(Step { description: step.description, inverse: undo, before: step.before, after: step.after });
                Some(description)
            }
            Err(_) => None,
        }
    }

    /// What Undo would undo.
    pub fn undo_description(&self) -> Option<&str> {
        self.undo.last().map(|s| s.description.as_str())
    }

    /// What Redo would redo.
    pub fn redo_description(&self) -> Option<&str> {
        self.redo.last().map(|s| s.description.as_str())
    }

    /// Whether the project differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.state != self.saved
    }

    /// Records that the project as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved = self.state;
    }

    /// An id of the project's state as it is now (for saves that finish later, on another thread).
    pub fn state_id(&self) -> u64 {
        self.state
    }

    /// Records that the project as it was at `state_id` has been saved.
    pub fn mark_saved_as(&mut self, state_id: u64) {
        self.saved = state_id;
    }

    /// Records that the project has unsaved changes that no undo step covers (an import, a recovery).
    pub fn mark_unsaved(&mut self) {
        self.saved = u64::MAX;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, Claim, DocumentId};

    fn insert_claim() -> Edit {
        Edit::InsertClaim { doc: DocumentId::from("d"), index: None, claim: Claim::new(vec![AnnotationId::from("a")]) }
    }

    #[test]
    fn batches_are_named_after_what_they_build() {
        let label = |l: &str| Edit::RemoveAnnotation(DocumentId::from("d"), AnnotationId::from(l));
        assert_eq!(Edit::Batch(vec![label("x"), insert_claim()]).describe(), "Add claim");
        assert_eq!(Edit::Batch(vec![label("x"), label("y")]).describe(), "Delete 2 annotations");
        assert_eq!(Edit::Batch(vec![]).describe(), "Nothing");
    }
}
