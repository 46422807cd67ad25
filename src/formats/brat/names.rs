//! The names brat files and claimlens share: entity and event types, roles, and the attribute
//! keys under which a claim or relation keeps what brat says and the model has no field for.
//! Import and export both read them from here.

use crate::model::labels::names;

/// The brat event type of attributions.
pub const ATTRIBUTION_EVENT: &str = "Attribution";
/// The brat entity type of claim content (`PolNeAR`'s name for what claimlens labels Claim).
pub const CONTENT_TYPE: &str = "Content";
/// The attribute holding a claim's verdict.
pub const VERDICT_ATTRIBUTE: &str = "Verdict";
/// The attribute holding a claim's event date.
pub const EVENT_DATE_ATTRIBUTE: &str = "EventDate";
/// The claim attribute (key, value) the import sets when an attribution had only a cue.
pub const CONTENT_IS_CUE: (&str, &str) = ("content", "cue");
/// Prefix of the attribute keys of event arguments that are themselves events
/// (`E2 Catalysis:T36 Theme:E3`): `arg:Theme` holds the claim or relation id of `E3`.
pub const EVENT_ARG_PREFIX: &str = "arg:";
/// Prefix of the attribute keys of normalisations (`N` lines): `N:TYPE:REF`.
pub const NORMALISATION_PREFIX: &str = "N:";
/// The brat note type claimlens notes are written as.
pub const ANNOTATOR_NOTES: &str = "AnnotatorNotes";

/// The claimlens label for a brat entity type.
pub fn label_for_type(brat_type: &str) -> &str {
    if brat_type == CONTENT_TYPE { names::CLAIM } else { brat_type }
}

/// The brat entity type for a claimlens label.
pub fn type_for_label(label: &str) -> &str {
    if label == names::CLAIM { CONTENT_TYPE } else { label }
}

/// A brat role without its numeric suffix (`Content2` -> `Content`).
pub fn role_base(role: &str) -> &str {
    role.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// The role of an event argument kept as an attribute (`arg:Theme` -> `Theme`), if `key` is one.
pub fn event_arg_role(key: &str) -> Option<&str> {
    key.strip_prefix(EVENT_ARG_PREFIX)
}

/// The brat note type of an annotation that lost its place (`#3\tOrphan a-…\tTYPE\tQUOTE`):
/// kept with its quote, read back as an orphan.
pub const ORPHAN_NOTE: &str = "Orphan";
