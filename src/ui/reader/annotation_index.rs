//! Which annotations cover each paragraph, kept up to date as the project changes: after an
//! edit, only the annotations the document's journal names are re-indexed (adding a highlight
//! costs the same at 10k and 100k annotations). Without a journal to go by (the document was
//! replaced by a copy), the annotations are compared with what the index was built from and
//! only the run that differs is re-indexed.

use super::layout::Paragraphs;
use crate::anchor::CharRange;
use crate::model::journal::{AnnotationChange, JournalMark, Step, follow};
use crate::model::{Annotation, AnnotationId, Document, DocumentId, Project};
use crate::ui::theme;
use egui::Color32;
use std::collections::HashMap;

/// One annotation's piece in one paragraph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct AnnotationLayer {
    /// The piece, in the paragraph's own char offsets.
    pub(super) range: CharRange,
    /// The whole annotation's extent in chars (the innermost one wins a click).
    pub(super) extent: usize,
    /// The label's colour.
    pub(super) color: Color32,
    /// The annotation's position in the document's list.
    pub(super) annotation: usize,
}

/// What an indexed annotation's layers were made from.
#[derive(Clone, Debug, PartialEq)]
struct Indexed {
    /// Its label's position in [`AnnotationIndex::labels`]; `None` for a label the project lacks.
    label: Option<usize>,
    ranges: Vec<CharRange>,
}

/// The annotations of each paragraph, for one revision of the project.
#[derive(Debug, Default)]
pub(super) struct AnnotationIndex {
    /// The document and revision it is up to date with.
    pub(super) key: Option<(DocumentId, u64)>,
    /// How far into the document's journal it is.
    mark: Option<JournalMark>,
    /// Paragraph `p`'s layers, in the order of the annotations' list.
    by_paragraph: Vec<Vec<AnnotationLayer>>,
    /// What each annotation's layers were made from, in the document's order.
    indexed: Vec<Indexed>,
    /// The project's labels (name, colour) the layers were coloured with.
    labels: Vec<(String, Color32)>,
    /// A label's position in `labels`, by name.
    label_positions: HashMap<String, usize>,
    /// The selected annotation's index, for the id it was looked up for.
    selected: Option<(AnnotationId, Option<usize>)>,
}

impl AnnotationIndex {
    /// Brings the index up to `revision` of `doc`: re-indexes only the annotations that differ
    /// from what it was built from, or everything when the document, its paragraphs or the
    /// labels changed, or when much changed at once.
    pub(super) fn update(&mut self, project: &Project, doc: &Document, paragraphs: &Paragraphs, revision: u64) {
        if self.key.as_ref().is_some_and(|(d, r)| d == &doc.id && *r == revision) {
            return;
        }
        let same_doc = self.key.as_ref().is_some_and(|(d, _)| d == &doc.id);
        let labels_same = self.labels.len() == project.labels.len()
            && self.labels.iter().zip(&project.labels).all(|((n, c), l)| n == &l.name && *c == theme::label_color(l.color));
        let limit = 64 + doc.annotations.len() / 8;
        if !same_doc || !labels_same || self.by_paragraph.len() != paragraphs.len() {
            self.rebuild(project, doc, paragraphs);
        } else if let Some(changes) = self.mark.and_then(|m| doc.journal.since(m)) {
            let changes: Vec<AnnotationChange> = changes.take(limit + 1).collect();
            if changes.len() > limit || !self.follow(changes, doc, paragraphs) {
                self.rebuild(project, doc, paragraphs);
            }
        } else {
            let (start, old_end, new_end) = self.changed_run(&doc.annotations);
            if (old_end - start) + (new_end - start) > limit {
                self.rebuild(project, doc, paragraphs);
            } else {
                self.replace_run(doc, paragraphs, start, old_end, new_end);
            }
        }
        self.mark = Some(doc.journal.mark());
        self.key = Some((doc.id.clone(), revision));
        self.selected = None;
    }

    fn rebuild(&mut self, project: &Project, doc: &Document, paragraphs: &Paragraphs) {
        self.labels = project.labels.iter().map(|l| (l.name.clone(), theme::label_color(l.color))).collect();
        self.label_positions = self.labels.iter().enumerate().map(|(i, (n, _))| (n.clone(), i)).collect();
        self.by_paragraph = vec![Vec::new(); paragraphs.len()];
        self.indexed = Vec::with_capacity(doc.annotations.len());
        for (i, a) in doc.annotations.iter().enumerate() {
            let indexed = self.indexed_of(a);
            self.add_layers(&indexed, i, paragraphs);
            self.indexed.push(indexed);
        }
    }

    fn indexed_of(&self, a: &Annotation) -> Indexed {
        Indexed { label: self.label_positions.get(&a.label).copied(), ranges: a.ranges.clone() }
    }

    /// Whether annotation `a` is what `indexed` was made from.
    fn unchanged(&self, indexed: &Indexed, a: &Annotation) -> bool {
        indexed.ranges == a.ranges
            && match indexed.label {
                Some(l) => self.labels.get(l).is_some_and(|(name, _)| name == &a.label),
                None => !self.label_positions.contains_key(&a.label),
            }
    }

    /// Follows the journal's `changes`: the positions they name are taken out and re-indexed
    /// from the document, the others shifted. `false` when the result does not fit the
    /// document (its list was changed without the journal), which then needs a rebuild.
    fn follow(&mut self, changes: Vec<AnnotationChange>, doc: &Document, paragraphs: &Paragraphs) -> bool {
        let Self { by_paragraph, indexed, .. } = self;
        let blank = || Indexed { label: None, ranges: Vec::new() };
        let pending = follow(indexed, changes, blank, |step| match step {
            Step::TakenOut(i, old) => remove_layers(by_paragraph, i, &old.ranges, paragraphs),
            Step::Shifted { from, up } => shift_layers(by_paragraph, from, if up { 1 } else { -1 }),
        });
        let Some(pending) = pending.filter(|_| indexed.len() == doc.annotations.len()) else { return false };
        for i in pending {
            let Some(a) = doc.annotations.get(i) else { return false };
            let fresh = self.indexed_of(a);
            self.add_layers(&fresh, i, paragraphs);
            if let Some(slot) = self.indexed.get_mut(i) {
                *slot = fresh;
            }
        }
        true
    }

    /// The run that differs: the indexed annotations `start..old_end` became the document's
    /// `start..new_end` (everything before and after is unchanged).
    fn changed_run(&self, annotations: &[Annotation]) -> (usize, usize, usize) {
        let start = self.indexed.iter().zip(annotations).take_while(|(x, a)| self.unchanged(x, a)).count();
        let (indexed, annotations) =
            (self.indexed.get(start..).unwrap_or_default(), annotations.get(start..).unwrap_or_default());
        let tail = indexed.iter().rev().zip(annotations.iter().rev()).take_while(|(x, a)| self.unchanged(x, a)).count();
        (start, self.indexed.len() - tail, start + annotations.len() - tail)
    }

    /// Re-indexes the changed run found by [`Self::changed_run`].
    fn replace_run(&mut self, doc: &Document, paragraphs: &Paragraphs, start: usize, old_end: usize, new_end: usize) {
        for (i, old) in self.indexed.iter().enumerate().take(old_end).skip(start) {
            remove_layers(&mut self.by_paragraph, i, &old.ranges, paragraphs);
        }
        // Both ends are at most the lists' lengths (`Vec` lengths fit in `isize`).
        let by = new_end.cast_signed() - old_end.cast_signed();
        if by != 0 && old_end < self.indexed.len() {
            shift_layers(&mut self.by_paragraph, old_end, by);
        }
        let fresh: Vec<Indexed> =
            doc.annotations.get(start..new_end).unwrap_or_default().iter().map(|a| self.indexed_of(a)).collect();
        for (k, indexed) in fresh.iter().enumerate() {
            self.add_layers(indexed, start + k, paragraphs);
        }
        self.indexed.splice(start..old_end, fresh);
    }

    /// Adds annotation `i`'s layers, each after the layers of the annotations before it.
    fn add_layers(&mut self, indexed: &Indexed, i: usize, paragraphs: &Paragraphs) {
        let color = indexed.label.and_then(|l| self.labels.get(l)).map_or(theme::UNLABELLED, |(_, c)| *c);
        // As `Annotation::start` and `end`: ranges are kept in order.
        let first = indexed.ranges.first().map_or(0, |r| r.start);
        let last = indexed.ranges.last().map_or(0, |r| r.end);
        let extent = last.saturating_sub(first);
        for r in indexed.ranges.iter().filter(|r| !r.is_empty()) {
            for p in paragraphs.of(r.start)..=paragraphs.of(r.end - 1) {
                let (Some(range), Some(layers)) = (paragraphs.local(p, *r), self.by_paragraph.get_mut(p)) else { continue };
                let at = layers.partition_point(|l| l.annotation <= i);
                layers.insert(at, AnnotationLayer { range, extent, color, annotation: i });
            }
        }
    }

    /// Paragraph `p`'s layers, in the order of the annotations' list.
    pub(super) fn of(&self, p: usize) -> &[AnnotationLayer] {
        self.by_paragraph.get(p).map_or(&[], Vec::as_slice)
    }

    /// How many layers there are in all.
    pub(super) fn layer_count(&self) -> usize {
        self.by_paragraph.iter().map(Vec::len).sum()
    }

    /// The innermost (shortest) annotation over char `c`, as its index in the document.
    pub(super) fn innermost_at(&self, paragraphs: &Paragraphs, c: usize) -> Option<usize> {
        let p = paragraphs.of(c);
        let local = c.checked_sub(paragraphs.start(p))?;
        self.of(p).iter().filter(|l| l.range.contains(local)).min_by_key(|l| l.extent).map(|l| l.annotation)
    }

    /// The selected annotation's index in the document (looked up once per revision, from the
    /// end, where a new annotation is).
    pub(super) fn selected_index(&mut self, doc: &Document, selected: Option<&AnnotationId>) -> Option<usize> {
        let id = selected?;
        match &self.selected {
            Some((cached, index)) if cached == id => *index,
            _ => {
                let index = doc.annotations.iter().rposition(|a| &a.id == id);
                self.selected = Some((id.clone(), index));
                index
            }
        }
    }
}

/// Takes the layers of the annotation at position `i`, over `ranges`, out.
fn remove_layers(by_paragraph: &mut [Vec<AnnotationLayer>], i: usize, ranges: &[CharRange], paragraphs: &Paragraphs) {
    for p in paragraphs_of(ranges, paragraphs) {
        if let Some(layers) = by_paragraph.get_mut(p) {
            layers.retain(|l| l.annotation != i);
        }
    }
}

/// Moves the layers of the annotations from position `from` on by `by` places.
fn shift_layers(by_paragraph: &mut [Vec<AnnotationLayer>], from: usize, by: isize) {
    for layer in by_paragraph.iter_mut().flatten().filter(|l| l.annotation >= from) {
        layer.annotation = layer.annotation.saturating_add_signed(by);
    }
}

/// The paragraphs `ranges` cross.
fn paragraphs_of(ranges: &[CharRange], paragraphs: &Paragraphs) -> Vec<usize> {
    let mut out: Vec<usize> =
        ranges.iter().filter(|r| !r.is_empty()).flat_map(|r| paragraphs.of(r.start)..=paragraphs.of(r.end - 1)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::TextIndex;
    use crate::edit::Edit;

    fn document(paragraphs: usize) -> Document {
        let text: Vec<String> = (0..paragraphs).map(|i| format!("Paragraph {i} says something worth marking.")).collect();
        Document::new("t", text.join("\n\n"))
    }

    fn annotation(doc: &Document, label: &str, ranges: Vec<CharRange>, n: usize) -> Annotation {
        let mut a = Annotation::new(&TextIndex::new(&doc.text), label.to_string(), ranges, "test");
        a.id = AnnotationId(format!("a-{n:05}"));
        a
    }

    fn layers(index: &AnnotationIndex) -> Vec<Vec<AnnotationLayer>> {
        index.by_paragraph.clone()
    }

    fn fresh(project: &Project, paragraphs: &Paragraphs) -> AnnotationIndex {
        let mut index = AnnotationIndex::default();
        index.update(project, &project.documents[0], paragraphs, 0);
        index
    }

    /// A random stream of inserts, removals and replacements, one to three between frames:
    /// the updated index equals one built afresh, whether it follows the journal (edits applied)
    /// or compares (the document was replaced by a changed copy).
    fn updates_equal_rebuilds(through_edits: bool) {
        let mut project = Project::new("p");
        project.documents.push(document(40));
        let doc_id = project.documents[0].id.clone();
        let len = project.documents[0].text.chars().count();
        let labels: Vec<String> = project.labels.iter().map(|l| l.name.clone()).collect();
        let paragraphs = Paragraphs::new(&project.documents[0]);
        let mut index = AnnotationIndex::default();
        let mut seed = 7usize;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n.max(1)
        };
        let mut n = 0;
        for step in 0..300 {
            for _ in 0..=next(3) {
                n += 1;
                let doc = &project.documents[0];
                let start = next(len - 1);
                let mut ranges = vec![CharRange::new(start, (start + 1 + next(120)).min(len))];
                if next(6) == 0 && ranges[0].end + 8 < len {
                    let s = ranges[0].end + 3;
                    ranges.push(CharRange::new(s, s + 5));
                }
                let label =
                    if !through_edits && next(10) == 0 { "not a label".to_string() } else { labels[next(labels.len())].clone() };
                let a = annotation(doc, &label, ranges, n);
                let count = doc.annotations.len();
                let edit = match next(5) {
                    2 => Edit::InsertAnnotation { doc: doc_id.clone(), index: Some(next(count + 1)), annotation: a },
                    3 if count > 0 => Edit::RemoveAnnotation(doc_id.clone(), doc.annotations[next(count)].id.clone()),
                    4 if count > 0 => {
                        let old = &doc.annotations[next(count)];
                        Edit::UpdateAnnotation(doc_id.clone(), Annotation { id: old.id.clone(), ..a })
                    }
                    _ => Edit::InsertAnnotation { doc: doc_id.clone(), index: None, annotation: a },
                };
                if through_edits {
                    edit.apply(&mut project).expect("a valid edit");
                } else {
                    let list = &mut project.documents[0].annotations;
                    match edit {
                        Edit::InsertAnnotation { index, annotation, .. } => list.insert(index.unwrap_or(count), annotation),
                        Edit::RemoveAnnotation(_, id) => list.retain(|a| a.id != id),
                        Edit::UpdateAnnotation(_, a) => {
                            if let Some(slot) = list.iter_mut().find(|x| x.id == a.id) {
                                *slot = a;
                            }
                        }
                        _ => unreachable!(),
                    }
                    // A copy of the document takes its place, with a journal of its own.
                    project.documents[0] = project.documents[0].clone();
                }
            }
            index.update(&project, &project.documents[0], &paragraphs, step as u64 + 1);
            assert_eq!(layers(&index), layers(&fresh(&project, &paragraphs)), "after step {step}");
        }
        assert!(index.layer_count() > 100);
    }

    #[test]
    fn an_index_following_the_journal_equals_a_rebuilt_one() {
        updates_equal_rebuilds(true);
    }

    #[test]
    fn an_index_comparing_the_annotations_equals_a_rebuilt_one() {
        updates_equal_rebuilds(false);
    }

    #[test]
    fn a_recoloured_label_recolours_its_layers() {
        let mut project = Project::new("p");
        project.documents.push(document(3));
        let label = project.labels[0].name.clone();
        let a = annotation(&project.documents[0], &label, vec![CharRange::new(0, 9)], 1);
        project.documents[0].annotations.push(a);
        let paragraphs = Paragraphs::new(&project.documents[0]);
        let mut index = AnnotationIndex::default();
        index.update(&project, &project.documents[0], &paragraphs, 1);
        let before = index.of(0)[0].color;
        project.labels[0].color = crate::model::Rgb(1, 2, 3);
        index.update(&project, &project.documents[0], &paragraphs, 2);
        assert_ne!(index.of(0)[0].color, before);
        assert_eq!(index.of(0)[0].color, theme::label_color(crate::model::Rgb(1, 2, 3)));
    }
}
