//! The ids of a document's annotations as a set, made on first use and then kept up to date by
//! following the document's journal ([`super::journal`]), so that checking a new annotation's id
//! is unused does not read every annotation of a 100k-annotation article. A document keeps it as
//! [`super::transient::Transient`].

use super::journal::{AnnotationChange, AnnotationJournal, JournalMark, Step, follow};
use super::{Annotation, AnnotationId};
use std::collections::HashSet;
use std::sync::Mutex;

/// The set and what it was made from.
#[derive(Default)]
struct Known {
    mark: Option<JournalMark>,
    /// The ids in the list's order (to know which one a removal took out).
    in_order: Vec<AnnotationId>,
    set: HashSet<AnnotationId>,
}

/// A document's annotation ids, kept beside its list.
#[derive(Default)]
pub struct AnnotationIds(Mutex<Known>);

impl AnnotationIds {
    /// Whether `annotations`, the list `journal` records, holds an annotation with this id.
    pub(super) fn contains(&self, annotations: &[Annotation], journal: &AnnotationJournal, id: &AnnotationId) -> bool {
        let Ok(mut known) = self.0.lock() else {
            return annotations.iter().any(|a| &a.id == id);
        };
        let followed = known.mark.and_then(|m| journal.since(m)).is_some_and(|changes| known.follow(changes, annotations));
        if !followed {
            known.in_order = annotations.iter().map(|a| a.id.clone()).collect();
            known.set = known.in_order.iter().cloned().collect();
        }
        known.mark = Some(journal.mark());
        known.set.contains(id)
    }
}

impl Known {
    /// Follows the journal's changes; `false` when the result does not fit `annotations` (then
    /// the set is made afresh).
    fn follow(&mut self, changes: impl Iterator<Item = AnnotationChange>, annotations: &[Annotation]) -> bool {
        let Self { in_order, set, .. } = self;
        let blank = || AnnotationId(String::new());
        let Some(pending) = follow(in_order, changes, blank, |step| {
            if let Step::TakenOut(_, old) = step {
                set.remove(old);
            }
        }) else {
            return false;
        };
        if in_order.len() != annotations.len() {
            return false;
        }
        for i in pending {
            let (Some(a), Some(slot)) = (annotations.get(i), in_order.get_mut(i)) else { return false };
            slot.clone_from(&a.id);
            set.insert(a.id.clone());
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharRange, TextIndex};

    /// Random inserts, removals and replacements, several between questions: the set answers as
    /// reading every annotation would.
    #[test]
    fn the_set_follows_several_changes_at_once() {
        let text = "Officials said the troops came.";
        let index = TextIndex::new(text);
        let mut list: Vec<Annotation> = Vec::new();
        let mut journal = AnnotationJournal::default();
        let ids = AnnotationIds::default();
        let mut seed = 5u64;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap_or(0) % n.max(1)
        };
        let mut gone = Vec::new();
        for step in 0..400 {
            for _ in 0..=next(4) {
                let fresh = Annotation::new(&index, "Claim", vec![CharRange::new(0, 9)], "t");
                let n = list.len();
                match next(4) {
                    0 if n > 0 => {
                        let i = next(n);
                        gone.push(list.remove(i).id);
                        journal.record(AnnotationChange::Removed(i));
                    }
                    1 if n > 0 => {
                        let i = next(n);
                        gone.push(std::mem::replace(&mut list[i], fresh).id);
                        journal.record(AnnotationChange::Replaced(i));
                    }
                    _ => {
                        let i = next(n.min(2) + 1);
                        list.insert(i, fresh);
                        journal.record(AnnotationChange::Inserted(i));
                    }
                }
            }
            let ask = |id: &AnnotationId| ids.contains(&list, &journal, id);
            for a in &list {
                assert!(ask(&a.id), "step {step}: {} is there", a.id);
            }
            for id in &gone {
                assert!(!ask(id), "step {step}: {id} is gone");
            }
        }
    }
}
