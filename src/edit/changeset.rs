//! A [`Changeset`]: one named, undoable batch of edits, built through a [`ChangesetBuilder`].
//!
//! The builder is the one home of "find this source or label, else add it": a source is found
//! by its name or an alias, compared as a registry name ([`source_display_name`], case
//! ignored), among the registered ones and those the changeset adds; a label by its name.
//! What it adds comes first in the batch (labels, then sources), so later steps may use them.

use super::Edit;
use crate::model::{LabelDef, Project, Source, SourceId, SourceKind};

/// A named batch of edits, applied (and undone) as one step.
#[derive(Clone, Debug, PartialEq)]
pub struct Changeset {
    name: String,
    edits: Vec<Edit>,
}

impl Changeset {
    /// A changeset of `edits` called `name`.
    pub fn new(name: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self { name: name.into(), edits }
    }

    /// What the Undo menu says ("Accept 12 suggestions").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The same edits under another name.
    #[must_use]
    pub fn renamed(self, name: impl Into<String>) -> Self {
        Self { name: name.into(), ..self }
    }

    /// The edits, in the order they apply.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// The one edit that applies it: an [`Edit::Batch`].
    pub fn into_edit(self) -> Edit {
        Edit::Batch(self.edits)
    }
}

/// Builds a [`Changeset`] against a project as it is now.
#[derive(Debug)]
pub struct ChangesetBuilder<'p> {
    project: &'p Project,
    name: String,
    labels: Vec<LabelDef>,
    sources: Vec<Source>,
    edits: Vec<Edit>,
}

impl<'p> ChangesetBuilder<'p> {
    /// An empty changeset called `name` on `project`.
    pub fn new(project: &'p Project, name: impl Into<String>) -> Self {
        Self { project, name: name.into(), labels: Vec::new(), sources: Vec::new(), edits: Vec::new() }
    }

    /// The project the changeset is built against.
    pub fn project(&self) -> &'p Project {
        self.project
    }

    /// Renames the changeset (when its name depends on what it turned out to hold).
    pub fn rename(&mut self, name: impl Into<String>) {
        self.name = name.into();
    }

    /// Adds a step (after everything added so far).
    pub fn push(&mut self, edit: Edit) {
        self.edits.push(edit);
    }

    /// The id of the source called `name` (by name or alias): a registered one, one this
    /// changeset already adds, or a new one of `kind` named [`source_display_name`]`(name)`.
    pub fn find_or_add_source(&mut self, name: &str, kind: SourceKind) -> SourceId {
        find_or_add_source_in(self.project, &mut self.sources, name, kind)
    }

    /// A source this changeset adds or the project has, by id (the builder's view of the registry).
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id).or_else(|| self.project.source(id))
    }

    /// The name of the label `def` is (by name): the project's, one this changeset adds, or
    /// `def` added, without its hotkey when another label has it.
    pub fn find_or_add_label(&mut self, def: LabelDef) -> String {
        find_or_add_label_in(self.project, &mut self.labels, def)
    }

    /// Puts `source` in place of the source of the same id this changeset adds; gives it back
    /// when the changeset adds no such source (it is a registered one).
    pub fn replace_new_source(&mut self, source: Source) -> Option<Source> {
        match self.sources.iter_mut().find(|s| s.id == source.id) {
            Some(slot) => {
                *slot = source;
                None
            }
            None => Some(source),
        }
    }

    /// The sources this changeset adds so far.
    pub fn new_sources(&self) -> &[Source] {
        &self.sources
    }

    /// The finished changeset: the new labels, the new sources, then the steps pushed.
    pub fn finish(self) -> Changeset {
        let mut edits: Vec<Edit> = self.labels.into_iter().map(|label| Edit::InsertLabel { index: None, label }).collect();
        edits.extend(self.sources.into_iter().map(|source| Edit::InsertSource { index: None, source }));
        edits.extend(self.edits);
        Changeset { name: self.name, edits }
    }
}

pub use crate::text::{is_pronoun, source_display_name};

/// Whether two names are the same registry name ([`crate::text::normalize_source_name`]).
pub fn same_source_name(a: &str, b: &str) -> bool {
    crate::text::normalize_source_name(a) == crate::text::normalize_source_name(b)
}

/// Whether `source` goes by `name` (its name or an alias, as [`same_source_name`]).
pub fn source_goes_by(source: &Source, name: &str) -> bool {
    same_source_name(&source.name, name) || source.aliases.iter().any(|a| same_source_name(a, name))
}

/// [`ChangesetBuilder::find_or_add_source`] for code that collects new sources in a list of
/// its own (importers): looks in `project`, then in `new_sources`, else appends a new one.
pub fn find_or_add_source_in(project: &Project, new_sources: &mut Vec<Source>, name: &str, kind: SourceKind) -> SourceId {
    let found = project.source_named(name).or_else(|| project.sources.iter().find(|s| source_goes_by(s, name)));
    if let Some(s) = found.or_else(|| new_sources.iter().find(|s| source_goes_by(s, name))) {
        return s.id.clone();
    }
    let source = Source::new(source_display_name(name), kind);
    let id = source.id.clone();
    new_sources.push(source);
    id
}

/// [`ChangesetBuilder::find_or_add_label`] for code that collects new labels in a list of its own.
pub fn find_or_add_label_in(project: &Project, new_labels: &mut Vec<LabelDef>, mut def: LabelDef) -> String {
    if project.label(&def.name).is_some() || new_labels.iter().any(|l| l.name == def.name) {
        return def.name;
    }
    let taken = |k: u8| project.labels.iter().chain(new_labels.iter()).any(|l| l.hotkey == Some(k));
    if def.hotkey.is_some_and(taken) {
        def.hotkey = None;
    }
    let name = def.name.clone();
    new_labels.push(def);
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::default_labels;

    #[test]
    fn sources_are_found_by_name_or_alias_and_added_once() {
        let mut project = Project::new("t");
        let mut pentagon = Source::new("US Department of Defense", SourceKind::GovernmentBody);
        pentagon.aliases.push("Pentagon".into());
        let pentagon_id = pentagon.id.clone();
        project.sources.push(pentagon);
        let mut b = ChangesetBuilder::new(&project, "Add sources");
        assert_eq!(b.find_or_add_source("the Pentagon", SourceKind::Organization), pentagon_id);
        let ukrinform = b.find_or_add_source("Ukrinform", SourceKind::NewsAgency);
        assert_eq!(b.find_or_add_source("  ukrinform ", SourceKind::Person), ukrinform);
        let changeset = b.finish();
        assert_eq!(changeset.name(), "Add sources");
        assert!(matches!(changeset.edits(), [Edit::InsertSource { source, .. }] if source.name == "Ukrinform"));
    }

    #[test]
    fn labels_are_added_once_and_never_steal_a_hotkey() {
        let mut project = Project::new("t");
        project.labels.retain(|l| l.name != "Date");
        let mut date = default_labels().into_iter().find(|l| l.name == "Date").unwrap();
        let mut b = ChangesetBuilder::new(&project, "Label");
        date.hotkey = Some(1);
        assert_eq!(b.find_or_add_label(date.clone()), "Date");
        assert_eq!(b.find_or_add_label(date), "Date");
        let claim = project.labels.first().cloned().unwrap();
        assert_eq!(b.find_or_add_label(claim.clone()), claim.name);
        let edits = b.finish().into_edit();
        let Edit::Batch(edits) = edits else { panic!("a changeset is a batch") };
        assert!(matches!(edits.as_slice(), [Edit::InsertLabel { label, .. }] if label.name == "Date" && label.hotkey.is_none()));
    }
}
