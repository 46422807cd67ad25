//! claimlens: a native desktop reader-annotator for news.
//!
//! The core (`model`, `edit`, `ops`, `anchor`, `store`, `formats`, `analysis`) never imports egui;
//! only `store` (and `cli` for its own outputs) touches the filesystem. See ARCHITECTURE.md.

// No function of the product over 80 lines of code (the threshold is in clippy.toml).
#![warn(clippy::too_many_lines)]

pub mod analysis;
pub mod anchor;
pub mod cli;
pub mod edit;
pub mod fetch;
pub mod formats;
pub mod import;
pub mod model;
pub mod ops;
pub mod reanchor;
pub mod store;
#[doc(hidden)]
pub mod testdata;
#[doc(hidden)]
pub mod testing;
pub mod text;
pub mod ui;
