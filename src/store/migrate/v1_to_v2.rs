//! Version 1 to 2: claims gained `links` (to claims and spans of other documents) and documents
//! a `publisher` (the registered source that published them).
//!
//! Both are new optional fields, so a version 1 file reads as the version 2 structs with no
//! links and no publishers: the step only says so by raising the version. Nothing a version 1
//! file says changes meaning (tests/store.rs checks the v1 fixture field by field).

use crate::model::Project;

/// The version this step reads.
pub const FROM: u32 = 1;

/// Migrates a project read from a version 1 file.
pub fn migrate(mut project: Project) -> Project {
    debug_assert!(project.documents.iter().all(|d| d.publisher.is_none() && d.claims.iter().all(|c| c.links.is_empty())));
    project.version = FROM + 1;
    project
}
