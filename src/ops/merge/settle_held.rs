//! The conflicts a merge holds in the project's list (theirs' version of a label, a source, a
//! document's details or the title, beside ours in place): each in words, only the fields the
//! two versions differ in, and settled by letting theirs go or putting it in place of ours.

use super::settle::{ConflictCopy, CopyOf, Keep};
use crate::edit::{Edit, EditError};
use crate::model::{ConflictOn, DocumentMeta, HeldConflict, LabelDef, Project, Source};
use crate::ops::OpError;

use super::in_words::{Fields, differing, optional, quoted};

/// The held conflicts of `project`, in the list's order, each with ours and theirs in words.
pub(super) fn held_in(project: &Project) -> Vec<ConflictCopy> {
    project.conflicts.iter().filter_map(|held| described(project, held)).collect()
}

fn described(project: &Project, held: &HeldConflict) -> Option<ConflictCopy> {
    let (doc, kind, original, ours, theirs) = match held {
        HeldConflict::Label(theirs) => {
            let ours = project.label(&theirs.name)?;
            (None, CopyOf::Label, theirs.name.clone(), label_fields(ours), label_fields(theirs))
        }
        HeldConflict::Source(theirs) => {
            let ours = project.source(&theirs.id)?;
            (None, CopyOf::Source, theirs.id.to_string(), source_fields(project, ours), source_fields(project, theirs))
        }
        HeldConflict::Details(id, theirs) => {
            let ours = project.document(id)?.meta();
            (Some(id.clone()), CopyOf::Details, id.to_string(), meta_fields(&ours), meta_fields(theirs))
        }
        HeldConflict::Title(theirs) => {
            (None, CopyOf::Title, String::new(), vec![("title", quoted(&project.title))], vec![("title", quoted(theirs))])
        }
    };
    let (ours, theirs) = differing(&ours, &theirs);
    Some(ConflictCopy { doc, kind, copy: String::new(), original, ours, theirs })
}

/// The edits that settle the conflict held on `on` by keeping `keep`.
pub(super) fn settle_held(project: &Project, on: ConflictOn, keep: Keep) -> Result<Vec<Edit>, OpError> {
    let held = project.held_conflict(&on).cloned().ok_or_else(|| EditError::NoConflict(on.clone()))?;
    let mut edits = vec![Edit::DropConflict(on)];
    if keep == Keep::Theirs {
        edits.push(match held {
            HeldConflict::Label(label) => Edit::UpdateLabel(label.name.clone(), label),
            HeldConflict::Source(source) => Edit::UpdateSource(source),
            HeldConflict::Details(doc, meta) => Edit::SetDocumentMeta(doc, meta),
            HeldConflict::Title(title) => Edit::SetTitle(title),
        });
    }
    Ok(edits)
}

fn label_fields(l: &LabelDef) -> Fields {
    vec![
        ("colour", l.color.to_string()),
        ("hotkey", l.hotkey.map_or_else(|| "none".into(), |k| k.to_string())),
        ("role", l.role.map_or_else(|| "none".into(), |r| r.default_name().to_owned())),
        ("description", quoted(&l.description)),
    ]
}

fn source_fields(project: &Project, s: &Source) -> Fields {
    let names = |ids: &[crate::model::SourceId]| {
        let names: Vec<String> =
            ids.iter().map(|id| project.source(id).map_or_else(|| id.to_string(), |c| quoted(&c.name))).collect();
        if names.is_empty() { "none".into() } else { names.join(" and ") }
    };
    let aliases: Vec<String> = s.aliases.iter().map(|a| quoted(a)).collect();
    vec![
        ("name", quoted(&s.name)),
        ("kind", s.kind.label().to_owned()),
        ("URL", optional(s.url.as_deref())),
        ("cites", names(&s.cites)),
        ("speaks for", names(s.speaks_for.as_slice())),
        ("aliases", if aliases.is_empty() { "none".into() } else { aliases.join(", ") }),
        ("note", quoted(&s.note)),
    ]
}

fn meta_fields(m: &DocumentMeta) -> Fields {
    vec![
        ("title", quoted(&m.title)),
        ("URL", optional(m.url.as_deref())),
        ("outlet", optional(m.outlet.as_deref())),
        ("author", optional(m.author.as_deref())),
        ("date", m.published.map_or_else(|| "none".into(), |d| d.to_string())),
    ]
}
