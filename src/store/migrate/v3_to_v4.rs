//! Version 3 to 4: sources gained `speaks_for` (the body a spokesman speaks for) and the kind
//! `Unnamed` ("intelligence", "officials"); claims gained `said_on` (when the statement was
//! made, beside the event date of what it is about).
//!
//! New optional fields and a new kind, so a version 3 file reads as the version 4 structs with
//! none set: the step only says so by raising the version. The version is raised at all so that
//! a claimlens that knows nothing of them refuses a file using them (as a newer version) rather
//! than read it and drop them on its next save (tests/store.rs checks the v3 fixture).

use crate::model::Project;

/// The version this step reads.
pub const FROM: u32 = 3;

/// Migrates a project read from a version 3 file.
pub fn migrate(mut project: Project) -> Project {
    project.version = FROM + 1;
    project
}
