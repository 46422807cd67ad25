//! Version 2 to 3: projects gained `conflicts`, theirs' versions of labels, sources, document
//! details and the title that a three-way merge found changed differently on both sides, held
//! until settled ([`crate::model::HeldConflict`]).
//!
//! A new optional field, so a version 2 file reads as the version 3 structs with none held: the
//! step only says so by raising the version. The version is raised at all so that a claimlens
//! that knows nothing of held conflicts refuses a file holding some (as a newer version) rather
//! than read it and drop theirs on its next save (tests/store.rs checks the v2 fixture).

use crate::model::Project;

/// The version this step reads.
pub const FROM: u32 = 2;

/// Migrates a project read from a version 2 file.
pub fn migrate(mut project: Project) -> Project {
    project.version = FROM + 1;
    project
}
