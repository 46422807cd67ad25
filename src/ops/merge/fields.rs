//! An item both sides of a merge changed, merged field by field: a field only one side changed
//! takes that change; a field both changed differently keeps ours in the merged item and
//! theirs in theirs' version, which the merge then holds as a conflict to settle.

use super::items::pick;
use crate::model::{DocumentMeta, LabelDef, Source};

/// An item merged field by field.
pub trait FieldMerge: Sized {
    /// The merged item, and theirs' version of it (the merged item with theirs in every field
    /// both sides changed differently) when there is such a field.
    fn merge_fields(base: &Self, ours: &Self, theirs: &Self) -> (Self, Option<Self>);
}

macro_rules! field_merge {
    ($ty:ty: $($field:ident),+) => {
        impl FieldMerge for $ty {
            fn merge_fields(base: &Self, ours: &Self, theirs: &Self) -> (Self, Option<Self>) {
                let (mut merged, mut theirs_version, mut clash) = (ours.clone(), ours.clone(), false);
                $(
                    let (value, both) = pick(&base.$field, &ours.$field, &theirs.$field);
                    if both {
                        clash = true;
                        theirs_version.$field = theirs.$field.clone();
                    } else {
                        theirs_version.$field = value.clone();
                    }
                    merged.$field = value;
                )+
                (merged, clash.then_some(theirs_version))
            }
        }
    };
}

// The key (a label's name, a source's id) is the same on all three sides.
field_merge!(LabelDef: color, hotkey, description, role);
field_merge!(Source: name, kind, url, cites, aliases, note, speaks_for);
field_merge!(DocumentMeta: title, url, outlet, author, published);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceKind;

    #[test]
    fn fields_changed_on_one_side_merge_and_a_field_both_changed_is_held() {
        let base = Source::new("Mayor Jones", SourceKind::Person);
        let mut ours = base.clone();
        ours.name = "Mayor Ann Jones".into();
        ours.note = "ours".into();
        let mut theirs = base.clone();
        theirs.name = "Ann Jones".into();
        theirs.kind = SourceKind::Official;
        let (merged, held) = Source::merge_fields(&base, &ours, &theirs);
        assert_eq!((merged.name.as_str(), merged.kind, merged.note.as_str()), ("Mayor Ann Jones", SourceKind::Official, "ours"));
        let held = held.expect("the name clashes");
        assert_eq!((held.name.as_str(), held.kind, held.note.as_str()), ("Ann Jones", SourceKind::Official, "ours"));
        theirs.name = base.name.clone();
        assert_eq!(Source::merge_fields(&base, &ours, &theirs).1, None, "no field clashes");
        // Whom a source speaks for merges like the other fields: theirs taken when only they
        // changed it, held when both did differently.
        let body = Source::new("City council", SourceKind::GovernmentBody);
        theirs.speaks_for = Some(body.id.clone());
        assert_eq!(Source::merge_fields(&base, &ours, &theirs).0.speaks_for, Some(body.id.clone()));
        ours.speaks_for = Some(Source::new("Mayor's office", SourceKind::GovernmentBody).id);
        let (merged, held) = Source::merge_fields(&base, &ours, &theirs);
        assert_eq!((merged.speaks_for, held.and_then(|h| h.speaks_for)), (ours.speaks_for.clone(), Some(body.id)));
    }
}
