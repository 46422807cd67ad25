//! Import and export formats. Pure: every function takes and returns values; reading and
//! writing the files is the store's job.

pub mod article;
pub mod brat;
pub mod export;
pub mod html;
pub mod pdf;
pub mod text;
pub mod w3c;

pub use export::{
    ExportError, ExportFormat, ExportOptions, ExportOutput, FORMATS, FormatInfo, Reviewer, export, export_warnings, export_with,
};
/// The W3C import under its former path (`formats::w3c_import`), for callers not yet moved to
/// [`w3c::import`].
pub use w3c::import as w3c_import;

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
