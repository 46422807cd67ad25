//! The invariants of a project, checked before an edit is applied ([`check_edit`]) and after a
//! file is loaded ([`check_project`]).

use super::source_spans::{SourceNames, annotations_by_id, check_claim_spans, check_claim_spans_looked_up, check_document_spans};
use super::{Edit, EditError};
use crate::anchor::{TextIndex, exact_of, validate_ranges};
use crate::model::{
    Annotation, AnnotationId, Claim, ConflictOn, Document, DocumentId, LabelDef, Project, Relation, Source, SourceId,
};
use std::collections::BTreeSet;

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
    check_claim_in(project, claim, |a| document.annotation(a).is_some())?;
    super::links::check_claim_links(&document.id, claim)?;
    check_claim_spans(&SourceNames::of(&project.sources), document, claim)
}

/// Refuses new versions of annotations (same ids) that would make a claim's source span stray.
fn check_spans_with_annotations(project: &Project, document: &Document, new: &[&Annotation]) -> Result<(), EditError> {
    let used = |a: &Annotation| document.claims.iter().any(|c| c.source_spans.contains(&a.id));
    let changed: Vec<Annotation> = new
        .iter()
        .filter(|a| used(a) && document.annotation(&a.id).is_none_or(|old| old.quote.exact != a.quote.exact))
        .map(|a| (*a).clone())
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let mut view = Document { text: String::new(), ..document.clone() };
    for a in changed {
        if let Some(slot) = view.annotations.iter_mut().find(|x| x.id == a.id) {
            *slot = a;
        }
    }
    check_document_spans(&SourceNames::of(&project.sources), &view)
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
    if let Some(body) = &source.speaks_for
        && (body == &source.id || project.source(body).is_none())
    {
        return Err(EditError::NoSource(body.clone()));
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

/// Whether any document of `project` has an annotation with this id (ids are unique in the
/// whole project, so W3C exports and cross-document links never meet two).
fn annotation_in_project(project: &Project, id: &AnnotationId) -> bool {
    project.documents.iter().any(|d| d.has_annotation_id(id))
}

fn annotation_users(document: &Document, id: &AnnotationId) -> Option<String> {
    if let Some(c) = document.claims.iter().find(|c| c.annotation_refs().any(|a| a == id)) {
        return Some(format!("claim {}", c.id));
    }
    document.relations.iter().find(|r| r.annotation_refs().any(|a| a == id)).map(|r| format!("relation {}", r.id))
}

/// Checks that `edit` can be applied to `project` as it is (a batch is checked step by step as it applies).
pub(super) fn check_edit(edit: &Edit, project: &Project) -> Result<(), EditError> {
    match edit {
        Edit::InsertDocument { index, document } => check_insert_document(project, *index, document),
        Edit::RemoveDocument(id) => {
            doc(project, id)?;
            super::conflicts::check_not_held(project, &ConflictOn::Details(id.clone()))
        }
        Edit::SetDocumentMeta(id, _) | Edit::SetOrigin(id, _) => doc(project, id).map(|_| ()),
        Edit::InsertAnnotation { doc: d, index, annotation } => {
            let document = doc(project, d)?;
            check_index(*index, document.annotations.len())?;
            if annotation_in_project(project, &annotation.id) {
                return Err(EditError::DuplicateId(annotation.id.to_string()));
            }
            check_annotation(project, document, &document.index(), annotation)
        }
        Edit::RemoveAnnotation(d, id) => check_remove_annotation(doc(project, d)?, id),
        Edit::UpdateAnnotation(d, annotation) => {
            let document = doc(project, d)?;
            document.annotation(&annotation.id).ok_or_else(|| EditError::NoAnnotation(annotation.id.clone()))?;
            check_annotation(project, document, &document.index(), annotation)?;
            check_spans_with_annotations(project, document, &[annotation])
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
        Edit::InsertRelation { doc: d, index, relation } => check_insert_relation(doc(project, d)?, *index, relation),
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
        Edit::RemoveSource(id) => check_remove_source(project, id),
        Edit::UpdateSource(source) => {
            project.source(&source.id).ok_or_else(|| EditError::NoSource(source.id.clone()))?;
            check_source(project, source)
        }
        Edit::InsertLabel { index, label } => {
            check_index(*index, project.labels.len())?;
            check_label(project, label, None)
        }
        Edit::RemoveLabel(name) => check_remove_label(project, name),
        Edit::UpdateLabel(name, label) => {
            project.label(name).ok_or_else(|| EditError::NoLabel(name.clone()))?;
            check_label(project, label, Some(name))
        }
        Edit::ReplaceText { doc: d, text, annotations } => check_replace_text(project, doc(project, d)?, text, annotations),
        Edit::InsertLink { doc, claim, index, link } => super::links::check_insert_link(project, doc, claim, *index, link),
        Edit::RemoveLink { doc, claim, link } => super::links::check_remove_link(project, doc, claim, link),
        Edit::SetPublisher(d, publisher) => super::links::check_set_publisher(project, d, publisher.as_ref()),
        Edit::HoldConflict { index, conflict } => super::conflicts::check_hold(project, *index, conflict),
        Edit::DropConflict(on) => super::conflicts::check_drop(project, on),
        Edit::SetTitle(_) | Edit::Batch(_) => Ok(()),
    }
}

fn check_insert_document(project: &Project, index: Option<usize>, document: &Document) -> Result<(), EditError> {
    check_index(index, project.documents.len())?;
    if project.document(&document.id).is_some() {
        return Err(EditError::DuplicateId(document.id.to_string()));
    }
    if let Some(a) = document.annotations.iter().find(|a| annotation_in_project(project, &a.id)) {
        return Err(EditError::DuplicateId(a.id.to_string()));
    }
    check_document(project, document)
}

/// An annotation can go when it exists and no claim or relation uses it.
fn check_remove_annotation(document: &Document, id: &AnnotationId) -> Result<(), EditError> {
    document.annotation(id).ok_or_else(|| EditError::NoAnnotation(id.clone()))?;
    match annotation_users(document, id) {
        Some(by) => Err(EditError::InUse { what: format!("annotation {id}"), by }),
        None => Ok(()),
    }
}

fn check_insert_relation(document: &Document, index: Option<usize>, relation: &Relation) -> Result<(), EditError> {
    check_index(index, document.relations.len())?;
    if document.relations.iter().any(|r| r.id == relation.id) {
        return Err(EditError::DuplicateId(relation.id.to_string()));
    }
    check_relation(document, relation)
}

/// A source can go when it exists and no source cites it or speaks for it and no claim names it.
fn check_remove_source(project: &Project, id: &SourceId) -> Result<(), EditError> {
    project.source(id).ok_or_else(|| EditError::NoSource(id.clone()))?;
    super::conflicts::check_not_held(project, &ConflictOn::Source(id.clone()))?;
    if let Some(s) = project.sources.iter().find(|s| s.cites.contains(id) || s.speaks_for.as_ref() == Some(id)) {
        return Err(EditError::InUse { what: format!("source {id}"), by: format!("source {}", s.name) });
    }
    if let Some(d) = super::links::published_by(project, id) {
        return Err(EditError::InUse { what: format!("source {id}"), by: format!("document {d} (its publisher)") });
    }
    for d in &project.documents {
        if let Some(c) = d.claims.iter().find(|c| c.source_refs().any(|s| s == id)) {
            return Err(EditError::InUse { what: format!("source {id}"), by: format!("claim {}", c.id) });
        }
    }
    Ok(())
}

/// A label can go when it exists and no annotation has it.
fn check_remove_label(project: &Project, name: &str) -> Result<(), EditError> {
    project.label(name).ok_or_else(|| EditError::NoLabel(name.to_owned()))?;
    super::conflicts::check_not_held(project, &ConflictOn::Label(name.to_owned()))?;
    match project.documents.iter().flat_map(|d| &d.annotations).find(|a| a.label == name) {
        Some(a) => Err(EditError::InUse { what: format!("label {name:?}"), by: format!("annotation {}", a.id) }),
        None => Ok(()),
    }
}

/// A new text takes the same annotations, in the same order (claims and relations keep their
/// references), each valid on the new text.
fn check_replace_text(project: &Project, document: &Document, text: &str, annotations: &[Annotation]) -> Result<(), EditError> {
    if annotations.len() != document.annotations.len() || annotations.iter().zip(&document.annotations).any(|(a, b)| a.id != b.id)
    {
        return Err(EditError::AnnotationsMismatch);
    }
    let index = TextIndex::new(text);
    annotations.iter().try_for_each(|a| check_annotation(project, document, &index, a))?;
    check_spans_with_annotations(project, document, &annotations.iter().collect::<Vec<_>>())
}

/// An item of a project file: what it is and its id, with its document's id for items inside one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemRef {
    /// The document the item is in (`None` for documents, sources and labels).
    pub document: Option<String>,
    /// "document", "annotation", "claim", "relation", "source", "label" or "conflict".
    pub kind: &'static str,
    /// The item's id (a label's name).
    pub id: String,
    /// Which definition of that id is meant: 0 the first, 1 the second (a duplicate).
    pub nth: usize,
}

impl ItemRef {
    fn new(document: Option<&DocumentId>, kind: &'static str, id: &str) -> Self {
        Self { document: document.map(ToString::to_string), kind, id: id.to_owned(), nth: 0 }
    }

    fn duplicate(mut self) -> Self {
        self.nth = 1;
        self
    }
}

/// A broken invariant of a project, with the item that breaks it where there is one.
#[derive(Debug)]
pub struct ProjectError {
    /// The invariant broken.
    pub error: EditError,
    /// The item breaking it.
    pub item: Option<Box<ItemRef>>,
}

impl std::fmt::Display for ProjectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.item.as_deref(), &self.error) {
            (Some(item), EditError::NoAnnotation(a)) => write!(f, "{} {} points at a missing annotation {a}", item.kind, item.id),
            (Some(item), EditError::NoSource(s)) => write!(f, "{} {} points at a missing source {s}", item.kind, item.id),
            (Some(item), error) => write!(f, "{} {}: {error}", item.kind, item.id),
            (None, error) => write!(f, "{error}"),
        }
    }
}

type Located<T> = Result<T, ProjectError>;

fn at(item: ItemRef) -> impl FnOnce(EditError) -> ProjectError {
    move |error| ProjectError { error, item: Some(Box::new(item)) }
}

/// Checks a whole document: annotation ranges and quotes, claim and relation references.
pub fn check_document(project: &Project, document: &Document) -> Result<(), EditError> {
    check_document_in(project, &SourceNames::of(&project.sources), document).map_err(|e| e.error)
}

fn check_document_in(project: &Project, names: &SourceNames, document: &Document) -> Located<()> {
    let index = document.index();
    let d = Some(&document.id);
    if let Some(s) = document.publisher.as_ref().filter(|s| project.source(s).is_none()) {
        return Err(at(ItemRef::new(d, "document", document.id.as_str()))(EditError::NoSource(s.clone())));
    }
    let mut ids = std::collections::HashSet::with_capacity(document.annotations.len());
    for a in &document.annotations {
        let item = ItemRef::new(d, "annotation", a.id.as_str());
        if !ids.insert(a.id.as_str()) {
            return Err(at(item.duplicate())(EditError::DuplicateId(a.id.to_string())));
        }
        check_annotation(project, document, &index, a).map_err(at(item))?;
    }
    // Look ids up in the set built above, not by scanning the list for every reference.
    let has_annotation = |a: &AnnotationId| ids.contains(a.as_str());
    let by_id = annotations_by_id(document);
    let lookup = |id: &AnnotationId| by_id.get(id.as_str()).copied();
    let mut claim_ids = BTreeSet::new();
    for c in &document.claims {
        let item = ItemRef::new(d, "claim", c.id.as_str());
        if !claim_ids.insert(c.id.as_str()) {
            return Err(at(item.duplicate())(EditError::DuplicateId(c.id.to_string())));
        }
        check_claim_in(project, c, has_annotation).map_err(at(item.clone()))?;
        check_claim_spans_looked_up(names, &lookup, c).map_err(at(item))?;
    }
    let mut relation_ids = BTreeSet::new();
    for r in &document.relations {
        let item = ItemRef::new(d, "relation", r.id.as_str());
        if !relation_ids.insert(r.id.as_str()) {
            return Err(at(item.duplicate())(EditError::DuplicateId(r.id.to_string())));
        }
        check_relation_in(r, has_annotation).map_err(at(item))?;
    }
    Ok(())
}

/// Checks every invariant of a whole project (used after loading a file).
pub fn check_project(project: &Project) -> Result<(), EditError> {
    check_project_items(project).map_err(|e| e.error)
}

fn check_labels(project: &Project) -> Located<()> {
    let mut labels = BTreeSet::new();
    let mut hotkeys = BTreeSet::new();
    for l in &project.labels {
        let item = ItemRef::new(None, "label", &l.name);
        if !labels.insert(l.name.as_str()) {
            return Err(at(item.duplicate())(EditError::DuplicateLabel(l.name.clone())));
        }
        if let Some(k) = l.hotkey {
            if !(1..=9).contains(&k) {
                return Err(at(item)(EditError::BadHotkey(k)));
            }
            if !hotkeys.insert(k) {
                return Err(at(item)(EditError::DuplicateHotkey(k)));
            }
        }
    }
    Ok(())
}

fn check_sources(project: &Project) -> Located<()> {
    let mut sources = BTreeSet::new();
    for s in &project.sources {
        let item = ItemRef::new(None, "source", s.id.as_str());
        if !sources.insert(s.id.as_str()) {
            return Err(at(item.duplicate())(EditError::DuplicateId(s.id.to_string())));
        }
        if s.name.trim().is_empty() {
            return Err(at(item)(EditError::EmptyName("a source's name")));
        }
    }
    // The whole registry in one linear pass (per source, the check of an edit is quadratic).
    if let Some((source, missing)) = crate::model::graph::find_missing_cite(&project.sources) {
        return Err(at(ItemRef::new(None, "source", source.as_str()))(EditError::NoSource(missing)));
    }
    if let Some(id) = crate::model::graph::find_cite_cycle(&project.sources) {
        return Err(at(ItemRef::new(None, "source", id.as_str()))(EditError::CitesCycle(id)));
    }
    Ok(())
}

/// [`check_project`], saying which item breaks the invariant (for the file's line and column).
/// Annotation ids are unique in the whole project, not only in their document.
pub fn check_project_items(project: &Project) -> Result<(), ProjectError> {
    check_labels(project)?;
    check_sources(project)?;
    let names = SourceNames::of(&project.sources);
    let mut docs = BTreeSet::new();
    let mut annotations = std::collections::HashSet::new();
    for d in &project.documents {
        if !docs.insert(d.id.as_str()) {
            return Err(at(ItemRef::new(None, "document", d.id.as_str()).duplicate())(EditError::DuplicateId(d.id.to_string())));
        }
        check_document_in(project, &names, d)?;
        if let Some(a) = d.annotations.iter().find(|a| !annotations.insert(a.id.as_str())) {
            let item = ItemRef::new(Some(&d.id), "annotation", a.id.as_str());
            return Err(at(item)(EditError::DuplicateId(a.id.to_string())));
        }
    }
    super::conflicts::check_held(project)
}
