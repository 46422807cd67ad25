//! Three-way merge of projects by id (ids are random and stable): additions of both sides are
//! kept, deletions applied, an item both sides changed differently is a conflict kept inside the
//! merged project, ours in place and theirs beside it: an annotation, claim or relation as a copy
//! with a new id and the attribute [`CONFLICT_ATTRIBUTE`] naming the original; a label, a source,
//! a document's details or the title (merged field by field first, so only a field both changed
//! differently clashes) as theirs' version in the project's held conflicts
//! ([`crate::model::HeldConflict`]). An item one side deleted and the other changed is kept as
//! changed. A document whose text changed on one side is re-anchored on the other side first
//! ([`crate::ops::reanchor::update_text`]); texts changed on both sides keep ours (a conflict).

mod fields;
mod in_words;
mod items;
pub mod settle;
mod settle_held;

use super::OpError;
use crate::model::{AnnotationId, ClaimId, Document, HeldConflict, Project, RelationId};
use fields::FieldMerge;
use items::{Clash, merge_items, pick};

/// The attribute a conflict copy carries: the id of the item it is theirs' version of.
pub const CONFLICT_ATTRIBUTE: &str = "conflict";

/// One conflict of a merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The document it is in (none for labels, sources and the project title).
    pub document: Option<String>,
    /// What kind of item: `annotation`, `claim`, `relation`, `source`, `label`, `document`,
    /// `details` (a document's title, URL, outlet, author or date), `publisher`, `text`, `title`.
    pub kind: &'static str,
    /// The item's id (a label's name).
    pub id: String,
    /// What happened, and where theirs went.
    pub message: String,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.document {
            Some(doc) => write!(f, "{doc}: {} {}: {}", self.kind, self.id, self.message),
            None => write!(f, "{} {}: {}", self.kind, self.id, self.message),
        }
    }
}

/// A merged project and its conflicts (none means a clean merge).
#[derive(Clone, Debug)]
pub struct Merged {
    /// The merged project (valid: [`crate::edit::check_project`] passed).
    pub project: Project,
    /// What both sides changed differently.
    pub conflicts: Vec<Conflict>,
}

/// What a merge found so far: the conflicts to list and theirs' versions to hold.
#[derive(Default)]
struct Found {
    conflicts: Vec<Conflict>,
    held: Vec<HeldConflict>,
}

impl Found {
    /// Holds theirs' version of an item and lists the conflict.
    fn hold(&mut self, document: Option<String>, kind: &'static str, id: String, theirs: HeldConflict) {
        let message = "both sides changed it differently; ours in place, theirs held beside it to settle".to_owned();
        self.conflicts.push(Conflict { document, kind, id, message });
        self.held.push(theirs);
    }
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Result<Merged, OpError> {
    let mut found = Found::default();
    let mut project = ours.clone();
    let (title, clash) = pick(&base.title, &ours.title, &theirs.title);
    project.title = title;
    if clash {
        found.hold(None, "title", String::new(), HeldConflict::Title(theirs.title.clone()));
    }
    project.modified = ours.modified.max(theirs.modified);
    project.labels = merge_registry(
        [&base.labels, &ours.labels, &theirs.labels],
        |l| l.name.clone(),
        "label",
        HeldConflict::Label,
        &mut found,
    );
    project.sources = merge_registry(
        [&base.sources, &ours.sources, &theirs.sources],
        |s| s.id.to_string(),
        "source",
        HeldConflict::Source,
        &mut found,
    );
    let base_docs = rebased(base, ours)?;
    let theirs_docs = rebased(theirs, ours)?;
    for (id, (ours_text, theirs_text)) in text_clashes(base, ours, theirs) {
        let message =
            format!("both changed the text; ours kept ({ours_text} chars), theirs ({theirs_text} chars) re-anchored on it");
        found.conflicts.push(Conflict { document: Some(id.clone()), kind: "text", id, message });
    }
    let (documents, clashes) = merge_items(&base_docs, &ours.documents, &theirs_docs, |d| d.id.to_string());
    project.documents = documents;
    for (id, clash) in clashes {
        let t = match clash {
            Clash::BothChanged(t) => t,
            Clash::DeletedAndChanged => {
                found.conflicts.push(listed(None, "document", id, &Clash::<()>::DeletedAndChanged));
                continue;
            }
        };
        let Some(b) = base_docs.iter().find(|d| d.id.as_str() == id) else { continue };
        if let Some(doc) = project.documents.iter_mut().find(|d| d.id.as_str() == id) {
            let ours_doc = doc.clone();
            *doc = merge_document(b, &ours_doc, &t, &mut found);
        }
    }
    project.conflicts = held_conflicts(base, ours, theirs, found.held, &project);
    crate::edit::check_project(&project)?;
    Ok(Merged { project, conflicts: found.conflicts })
}

/// Merges the labels or the sources: an item both changed is merged field by field, and
/// theirs' version held when a field clashes.
fn merge_registry<T: FieldMerge + PartialEq + Clone>(
    [base, ours, theirs]: [&[T]; 3],
    key: impl Fn(&T) -> String,
    kind: &'static str,
    hold: fn(T) -> HeldConflict,
    found: &mut Found,
) -> Vec<T> {
    let (mut items, clashes) = merge_items(base, ours, theirs, &key);
    for (id, clash) in clashes {
        let t = match clash {
            Clash::BothChanged(t) => t,
            Clash::DeletedAndChanged => {
                found.conflicts.push(listed(None, kind, id, &Clash::<()>::DeletedAndChanged));
                continue;
            }
        };
        let (Some(b), Some(slot)) = (base.iter().find(|x| key(x) == id), items.iter_mut().find(|x| key(x) == id)) else {
            continue;
        };
        let (merged, theirs_version) = T::merge_fields(b, slot, &t);
        *slot = merged;
        if let Some(version) = theirs_version {
            found.hold(None, kind, id, hold(version));
        }
    }
    items
}

/// The conflicts the merged project holds: those of ours and theirs merged by item, then this
/// merge's (which replace an older one on the same item), each on an item still there.
fn held_conflicts(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    new: Vec<HeldConflict>,
    merged: &Project,
) -> Vec<HeldConflict> {
    let (mut held, _) = merge_items(&base.conflicts, &ours.conflicts, &theirs.conflicts, HeldConflict::on);
    for conflict in new {
        held.retain(|h| h.on() != conflict.on());
        held.push(conflict);
    }
    held.retain(|h| h.on().exists_in(merged));
    held
}

/// A conflict of an item kept only as ours (deleted-and-changed items, a document's publisher).
fn listed<T>(document: Option<String>, kind: &'static str, id: String, clash: &Clash<T>) -> Conflict {
    let message = match clash {
        Clash::BothChanged(_) => "both sides changed it differently; ours kept".to_owned(),
        Clash::DeletedAndChanged => "one side deleted it, the other changed it; the changed version kept".to_owned(),
    };
    Conflict { document, kind, id, message }
}

/// The documents whose text changed on both sides differently, with the two lengths.
fn text_clashes(base: &Project, ours: &Project, theirs: &Project) -> Vec<(String, (usize, usize))> {
    let mut out = Vec::new();
    for b in &base.documents {
        if let (Some(o), Some(t)) = (ours.document(&b.id), theirs.document(&b.id))
            && o.text != b.text
            && t.text != b.text
            && o.text != t.text
        {
            out.push((b.id.to_string(), (o.text.chars().count(), t.text.chars().count())));
        }
    }
    out
}

/// `side`'s documents, each re-anchored on ours' text where ours' text differs.
fn rebased(side: &Project, ours: &Project) -> Result<Vec<Document>, OpError> {
    let mut project = side.clone();
    for doc in &side.documents {
        if let Some(o) = ours.document(&doc.id)
            && o.text != doc.text
        {
            let update = super::reanchor::update_text(&project, &doc.id, &o.text)?;
            update.changeset.into_edit().apply(&mut project)?;
        }
    }
    Ok(project.documents)
}

/// Merges one document that both sides changed (texts already the same as ours').
fn merge_document(base: &Document, ours: &Document, theirs: &Document, found: &mut Found) -> Document {
    let mut doc = ours.clone();
    let doc_id = Some(ours.id.to_string());
    let (meta, theirs_meta) = crate::model::DocumentMeta::merge_fields(&base.meta(), &ours.meta(), &theirs.meta());
    doc.set_meta(meta);
    if let Some(theirs_meta) = theirs_meta {
        found.hold(doc_id.clone(), "details", ours.id.to_string(), HeldConflict::Details(ours.id.clone(), theirs_meta));
    }
    let (publisher, clash) = pick(&base.publisher, &ours.publisher, &theirs.publisher);
    doc.publisher = publisher;
    if clash {
        found.conflicts.push(listed(doc_id.clone(), "publisher", ours.id.to_string(), &Clash::BothChanged(())));
    }
    let conflicts = &mut found.conflicts;
    doc.annotations =
        merge_flagged(&base.annotations, &ours.annotations, &theirs.annotations, "annotation", doc_id.as_ref(), conflicts);
    doc.claims = merge_flagged(&base.claims, &ours.claims, &theirs.claims, "claim", doc_id.as_ref(), conflicts);
    doc.relations = merge_flagged(&base.relations, &ours.relations, &theirs.relations, "relation", doc_id.as_ref(), conflicts);
    doc
}

/// An item of a document that a conflict can keep twice: theirs as a copy with a new id,
/// flagged with [`CONFLICT_ATTRIBUTE`].
trait Flaggable: PartialEq + Clone {
    /// The item's id.
    fn key(&self) -> String;
    /// Turns the item into a conflict copy of itself; returns the copy's new id.
    fn flag_as_copy(&mut self) -> String;
}

macro_rules! flaggable {
    ($ty:ty, $id:ty) => {
        impl Flaggable for $ty {
            fn key(&self) -> String {
                self.id.to_string()
            }
            fn flag_as_copy(&mut self) -> String {
                let original = std::mem::replace(&mut self.id, <$id>::random());
                self.attributes.insert(CONFLICT_ATTRIBUTE.into(), original.to_string());
                self.id.to_string()
            }
        }
    };
}

flaggable!(crate::model::Annotation, AnnotationId);
flaggable!(crate::model::Claim, ClaimId);
flaggable!(crate::model::Relation, RelationId);

/// Merges one kind of a document's items; theirs of a both-changed item is appended as a flagged copy.
fn merge_flagged<T: Flaggable>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    kind: &'static str,
    doc_id: Option<&String>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    let (mut items, clashes) = merge_items(base, ours, theirs, Flaggable::key);
    for (id, clash) in clashes {
        let mut conflict = listed(doc_id.cloned(), kind, id, &clash);
        if let Clash::BothChanged(mut copy) = clash {
            let copy_id = copy.flag_as_copy();
            conflict.message = format!("both sides changed it differently; ours kept, theirs as {copy_id}");
            items.push(copy);
        }
        conflicts.push(conflict);
    }
    items
}

/// The conflict copies a merged project still holds: (document id, item id, original id).
pub fn conflict_copies(project: &Project) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for doc in &project.documents {
        let tagged = doc
            .annotations
            .iter()
            .map(|a| (a.id.to_string(), &a.attributes))
            .chain(doc.claims.iter().map(|c| (c.id.to_string(), &c.attributes)))
            .chain(doc.relations.iter().map(|r| (r.id.to_string(), &r.attributes)));
        for (id, attributes) in tagged {
            if let Some(original) = attributes.get(CONFLICT_ATTRIBUTE) {
                out.push((doc.id.to_string(), id, original.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
