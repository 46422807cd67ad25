//! The names brat files and claimlens share: entity and event types, roles, and the attribute
//! keys under which a claim or relation keeps what brat says and the model has no field for.
//! Import and export both read them from here.

use crate::model::Project;
use crate::model::labels::LabelRole;

/// The brat event type of attributions.
pub const ATTRIBUTION_EVENT: &str = "Attribution";
/// The brat entity type of claim content (`PolNeAR`'s name for what claimlens labels Claim).
pub const CONTENT_TYPE: &str = "Content";
/// The attribute holding a claim's verdict.
pub const VERDICT_ATTRIBUTE: &str = "Verdict";
/// The attribute holding a claim's event date.
pub const EVENT_DATE_ATTRIBUTE: &str = "EventDate";
/// The attribute holding the day a claim was said.
pub const SAID_ON_ATTRIBUTE: &str = "SaidOn";
/// The claim attribute (key, value) the import sets when an attribution had only a cue.
pub const CONTENT_IS_CUE: (&str, &str) = ("content", "cue");
/// Prefix of the attribute keys of event arguments that are themselves events
/// (`E2 Catalysis:T36 Theme:E3`): `arg:Theme` holds the claim or relation id of `E3`.
pub const EVENT_ARG_PREFIX: &str = "arg:";
/// Prefix of the attribute keys of normalisations (`N` lines): `N:TYPE:REF`.
pub const NORMALISATION_PREFIX: &str = "N:";
/// The brat note type claimlens notes are written as.
pub const ANNOTATOR_NOTES: &str = "AnnotatorNotes";

/// The role a brat entity type stands for: `Content` the claim role, `Source`, `Cue`, ... theirs.
pub fn role_for_type(brat_type: &str) -> Option<LabelRole> {
    if brat_type == CONTENT_TYPE { Some(LabelRole::Claim) } else { LabelRole::from_default_name(brat_type) }
}

/// The project's label for a brat entity type: the label playing the type's role, else the type.
pub fn label_for_type<'a>(project: &'a Project, brat_type: &'a str) -> &'a str {
    role_for_type(brat_type).map_or(brat_type, |role| project.label_name_for(role))
}

/// The brat entity type for a project's label: `Content` for the claim role, the role's
/// `PolNeAR` name for the other roles (whatever the label is called), else the label's name.
pub fn type_for_label<'a>(project: &Project, label: &'a str) -> &'a str {
    match project.role_of(label) {
        Some(LabelRole::Claim) => CONTENT_TYPE,
        Some(role) => role.default_name(),
        None => label,
    }
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
