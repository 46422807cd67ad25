//! A document's record of what happened to its list of annotations, written where edits are
//! applied, so that a view keeping an index of the annotations (the reader's highlights) can
//! update it instead of rebuilding it. A document keeps it as [`super::transient::Transient`]:
//! never saved or compared, and a copy starts a journal of its own.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};

/// Entries kept; a view further behind rebuilds its index.
const KEPT: usize = 1024;

static NEXT_JOURNAL: AtomicU64 = AtomicU64::new(1);

/// One change to a list of annotations, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnotationChange {
    /// An annotation was inserted at this position.
    Inserted(usize),
    /// The annotation at this position was removed.
    Removed(usize),
    /// The annotation at this position was replaced (label, ranges, note...).
    Replaced(usize),
}

/// Where a view is in a journal: which journal, and how many changes it has seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JournalMark {
    journal: u64,
    seen: u64,
}

/// What happened to a document's annotations since its journal began.
#[derive(Debug)]
pub struct AnnotationJournal {
    id: u64,
    /// The sequence number of `entries[0]`.
    first: u64,
    entries: VecDeque<AnnotationChange>,
}

impl AnnotationJournal {
    /// Records a change.
    pub fn record(&mut self, change: AnnotationChange) {
        if self.entries.len() == KEPT {
            self.entries.pop_front();
            self.first += 1;
        }
        self.entries.push_back(change);
    }

    /// Starts over: anything may have changed (a new text with its annotations moved, a label
    /// renamed). Views rebuild their index.
    pub fn restart(&mut self) {
        *self = Self::default();
    }

    /// Where a view that has seen everything so far is.
    pub fn mark(&self) -> JournalMark {
        JournalMark { journal: self.id, seen: self.first + self.entries.len() as u64 }
    }

    /// The changes since `mark`, oldest first; `None` when they are not known (another journal,
    /// or older than what is kept).
    pub fn since(&self, mark: JournalMark) -> Option<impl Iterator<Item = AnnotationChange> + '_> {
        let skip = mark.seen.checked_sub(self.first).filter(|_| mark.journal == self.id)?;
        let skip = usize::try_from(skip).ok().filter(|&s| s <= self.entries.len())?;
        Some(self.entries.iter().skip(skip).copied())
    }
}

/// What following a journal does to a view's copy of the list, told as it goes.
pub enum Step<'a, T> {
    /// The item at this position (as the list was then) is taken out: removed, or replaced by
    /// what the list now holds there.
    TakenOut(usize, &'a T),
    /// The items from this position on (as the list was then) move one place up or down.
    Shifted {
        /// The first position that moves.
        from: usize,
        /// Up (an insert before them) or down (a removal).
        up: bool,
    },
}

/// Follows `changes` on `mirror`, a view's copy of a list kept position by position: inserted
/// places get `blank()`, removed ones go, and `step` hears of each item taken out and each
/// shift. Returns the positions, in the list as it is now, whose items the view must take from
/// the list (inserted or replaced ones); `None` when a change names no position of the mirror
/// (the list changed behind the journal's back). The caller checks the lengths agree.
pub fn follow<T>(
    mirror: &mut Vec<T>,
    changes: impl IntoIterator<Item = AnnotationChange>,
    blank: impl Fn() -> T,
    mut step: impl FnMut(Step<'_, T>),
) -> Option<Vec<usize>> {
    let mut pending: Vec<usize> = Vec::new();
    for change in changes {
        match change {
            AnnotationChange::Inserted(i) if i <= mirror.len() => {
                if i < mirror.len() {
                    step(Step::Shifted { from: i, up: true });
                }
                mirror.insert(i, blank());
                pending.iter_mut().filter(|p| **p >= i).for_each(|p| *p += 1);
                pending.push(i);
            }
            AnnotationChange::Removed(i) if i < mirror.len() => {
                step(Step::TakenOut(i, mirror.get(i)?));
                if i + 1 < mirror.len() {
                    step(Step::Shifted { from: i + 1, up: false });
                }
                mirror.remove(i);
                pending.retain(|&p| p != i);
                pending.iter_mut().filter(|p| **p > i).for_each(|p| *p -= 1);
            }
            AnnotationChange::Replaced(i) if i < mirror.len() => {
                step(Step::TakenOut(i, mirror.get(i)?));
                if !pending.contains(&i) {
                    pending.push(i);
                }
            }
            _ => return None,
        }
    }
    Some(pending)
}

impl Default for AnnotationJournal {
    fn default() -> Self {
        Self { id: NEXT_JOURNAL.fetch_add(1, Ordering::Relaxed), first: 0, entries: VecDeque::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_gets_the_changes_since_its_mark_and_nothing_from_another_journal() {
        let mut journal = AnnotationJournal::default();
        journal.record(AnnotationChange::Inserted(0));
        let mark = journal.mark();
        journal.record(AnnotationChange::Replaced(0));
        journal.record(AnnotationChange::Removed(0));
        let since: Vec<_> = journal.since(mark).map(Iterator::collect).unwrap_or_default();
        assert_eq!(since, vec![AnnotationChange::Replaced(0), AnnotationChange::Removed(0)]);
        let copy = super::super::transient::Transient::<AnnotationJournal>::default().clone();
        assert!(copy.since(mark).is_none(), "a copy is another journal");
        journal.restart();
        assert!(journal.since(mark).is_none(), "after a restart the changes are not known");
    }

    #[test]
    fn a_view_too_far_behind_is_told_to_rebuild() {
        let mut journal = AnnotationJournal::default();
        let mark = journal.mark();
        for i in 0..=KEPT {
            journal.record(AnnotationChange::Inserted(i));
        }
        assert!(journal.since(mark).is_none());
        assert_eq!(journal.since(journal.mark()).map(Iterator::count), Some(0));
    }
}
