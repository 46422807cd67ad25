//! brat standoff (`NAME.txt` + `NAME.ann`): import, export, and the type and role names both
//! share. The export mirrors the import, so an import followed by an export gives the same
//! annotations (ids renumbered).

mod export;
mod import;
mod line_ends;
pub mod names;
mod parse;
#[cfg(test)]
mod tests;

pub use export::{document_ann, export_brat, file_stems, orphan_warnings};
pub use import::{BratImport, import_brat};
pub use names::{ATTRIBUTION_EVENT, CONTENT_TYPE, label_for_type, role_base, type_for_label};
