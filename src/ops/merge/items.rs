//! The three-way merge of one list of items keyed by id: what one side changed is taken, what
//! both changed alike once; what both changed differently is a conflict, both versions kept.

use std::collections::BTreeMap;

/// What the merge of one item found when the two sides disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clash<T> {
    /// Both changed it, differently: ours is kept in place, theirs given back here.
    BothChanged(T),
    /// One side deleted it, the other changed it: the changed version is kept.
    DeletedAndChanged,
}

/// A value merged three ways: ours when theirs did not change it, theirs when ours did not,
/// ours (and a conflict) when both changed it differently.
pub fn pick<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> (T, bool) {
    if ours == theirs || theirs == base {
        (ours.clone(), false)
    } else if ours == base {
        (theirs.clone(), false)
    } else {
        (ours.clone(), true)
    }
}

/// Merges three versions of a list of items with ids. The order is ours, with theirs' additions
/// after the item they follow in theirs. Returns the items and each clash with the item's key.
pub fn merge_items<T, K, F>(base: &[T], ours: &[T], theirs: &[T], key: F) -> (Vec<T>, Vec<(K, Clash<T>)>)
where
    T: PartialEq + Clone,
    K: Ord + Clone,
    F: Fn(&T) -> K,
{
    let index = |items: &[T]| items.iter().map(|i| (key(i), i.clone())).collect::<BTreeMap<K, T>>();
    let (base_by, ours_by, theirs_by) = (index(base), index(ours), index(theirs));
    let mut out = Vec::new();
    let mut clashes = Vec::new();
    for k in ordered_keys(ours, theirs, &key) {
        let (b, o, t) = (base_by.get(&k), ours_by.get(&k), theirs_by.get(&k));
        let kept = match (b, o, t) {
            (_, Some(o), Some(t)) if o == t => Some(o.clone()),
            (None, Some(o), None) => Some(o.clone()),
            (None, None, Some(t)) => Some(t.clone()),
            (Some(b), Some(o), Some(t)) => {
                let (kept, conflict) = pick(b, o, t);
                if conflict {
                    clashes.push((k.clone(), Clash::BothChanged(t.clone())));
                }
                Some(kept)
            }
            (Some(b), Some(o), None) | (Some(b), None, Some(o)) if o == b => None,
            (Some(_), Some(o), None) | (Some(_), None, Some(o)) => {
                clashes.push((k.clone(), Clash::DeletedAndChanged));
                Some(o.clone())
            }
            _ => None,
        };
        out.extend(kept);
    }
    (out, clashes)
}

/// Ours' keys in order, each of theirs' new keys inserted after the key it follows in theirs.
fn ordered_keys<T, K: Ord + Clone>(ours: &[T], theirs: &[T], key: &impl Fn(&T) -> K) -> Vec<K> {
    let mut keys: Vec<K> = ours.iter().map(key).collect();
    let mut after: Option<K> = None;
    for item in theirs {
        let k = key(item);
        if !keys.contains(&k) {
            let at = after.as_ref().and_then(|a| keys.iter().position(|x| x == a)).map_or(0, |p| p + 1);
            keys.insert(at.min(keys.len()), k.clone());
        }
        after = Some(k);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(base: &[(u8, &'static str)], ours: &[(u8, &'static str)], theirs: &[(u8, &'static str)]) -> Vec<(u8, &'static str)> {
        merge_items(base, ours, theirs, |i| i.0).0
    }

    #[test]
    fn additions_of_both_sides_are_kept_and_deletions_applied() {
        let base = [(1, "a"), (2, "b")];
        assert_eq!(merge(&base, &[(1, "a"), (2, "b"), (3, "c")], &[(1, "a"), (4, "d")]), vec![(1, "a"), (4, "d"), (3, "c")]);
    }

    #[test]
    fn one_sided_changes_win_and_different_changes_clash() {
        let base = [(1, "a"), (2, "b")];
        let (items, clashes) = merge_items(&base, &[(1, "A"), (2, "ours")], &[(1, "a"), (2, "theirs")], |i| i.0);
        assert_eq!(items, vec![(1, "A"), (2, "ours")]);
        assert_eq!(clashes, vec![(2, Clash::BothChanged((2, "theirs")))]);
    }

    #[test]
    fn a_change_beats_a_deletion_and_is_reported() {
        let (items, clashes) = merge_items(&[(1, "a")], &[], &[(1, "changed")], |i| i.0);
        assert_eq!(items, vec![(1, "changed")]);
        assert_eq!(clashes, vec![(1, Clash::DeletedAndChanged)]);
    }
}
