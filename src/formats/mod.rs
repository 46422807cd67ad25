//! Import and export formats. Pure: every function takes and returns values; reading and
//! writing the files is the store's job.

pub mod brat;
pub mod brat_export;
pub mod claimreview;
pub mod csv;
pub mod export;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod text;
pub mod w3c;
pub mod w3c_import;

pub use export::{ExportError, ExportFormat, ExportOptions, ExportOutput, Reviewer, export, export_with};

/// Something an import could not hold natively or had to skip, with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line in the input, if the warning concerns one line.
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}
