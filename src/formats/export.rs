//! Exporting a project: the formats, their names and extensions, and one dispatch function.
//!
//! Every exporter is pure: a project (and options) in, text out. Writing the result is the
//! caller's job (`cli` through `store::write_output`, or the window).

use crate::anchor::{FRAGMENT_SEPARATOR, TextIndex, exact_of};
use crate::model::{Claim, Document, Project, Source};
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// The formats a project can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// One row per claim, RFC 4180 CSV for spreadsheets.
    Csv,
    /// A readable report: per document, claims grouped by source.
    Markdown,
    /// W3C Web Annotation (JSON-LD): one Annotation per annotation.
    W3c,
    /// schema.org `ClaimReview` (JSON-LD) for every claim with a verdict.
    ClaimReview,
    /// brat standoff: `NAME.txt` + `NAME.ann` per document.
    Brat,
}

impl ExportFormat {
    /// All formats, in menu order.
    pub const ALL: [Self; 5] = [Self::Csv, Self::Markdown, Self::W3c, Self::ClaimReview, Self::Brat];

    /// Human label for menus.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Csv => "CSV (spreadsheet)",
            Self::Markdown => "Markdown report",
            Self::W3c => "W3C Web Annotation (JSON-LD)",
            Self::ClaimReview => "schema.org ClaimReview (JSON-LD)",
            Self::Brat => "brat standoff (folder)",
        }
    }

    /// The name used on the command line (`--format`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Markdown => "markdown",
            Self::W3c => "w3c",
            Self::ClaimReview => "claimreview",
            Self::Brat => "brat",
        }
    }

    /// The file extension (without the dot). brat writes `.txt` and `.ann` files into a folder;
    /// its extension names the annotation files.
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Markdown => "md",
            Self::W3c => "jsonld",
            Self::ClaimReview => "json",
            Self::Brat => "ann",
        }
    }

    /// Whether the export is a folder of files rather than one file.
    pub const fn is_folder(self) -> bool {
        matches!(self, Self::Brat)
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`ExportFormat::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?} (expected csv, markdown, w3c, claimreview or brat)")]
pub struct UnknownFormat(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let found = match lower.as_str() {
            "md" | "report" => Some(Self::Markdown),
            "jsonld" | "json-ld" | "webannotation" | "web-annotation" => Some(Self::W3c),
            "claim-review" | "schema.org" => Some(Self::ClaimReview),
            "ann" | "standoff" => Some(Self::Brat),
            _ => Self::ALL.into_iter().find(|f| f.name() == lower),
        };
        found.ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

/// What an export produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportOutput {
    /// One text (CSV, Markdown, JSON-LD).
    Text(String),
    /// Several files for a folder: (file name, contents). Names are plain, without folders.
    Files(Vec<(String, String)>),
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The CSV writer failed (should not happen when writing to memory).
    #[error("could not write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// The JSON writer failed (should not happen).
    #[error("could not write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Output that is not UTF-8 (should not happen).
    #[error("the export is not valid UTF-8")]
    NotUtf8,
}

/// Who publishes a `ClaimReview`: a person or an organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reviewer {
    /// Name.
    pub name: String,
    /// An organisation rather than a person.
    pub organization: bool,
    /// Home page.
    pub url: Option<String>,
}

impl Default for Reviewer {
    fn default() -> Self {
        Self { name: "claimlens user".to_owned(), organization: false, url: None }
    }
}

/// Settings of an export that do not come from the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// The day of the export (`ClaimReview`'s `datePublished`); passed in so exports are reproducible.
    pub today: NaiveDate,
    /// The author of the reviews.
    pub reviewer: Reviewer,
    /// Where the reviews are published: each review's `url` is this plus `#` and the claim id.
    pub review_url: Option<String>,
    /// How W3C `created`/`modified` are written (see [`super::w3c::TimeStyle`]).
    pub w3c_times: super::w3c::TimeStyle,
}

impl ExportOptions {
    /// Default options for the given day.
    pub fn on(today: NaiveDate) -> Self {
        Self { today, reviewer: Reviewer::default(), review_url: None, w3c_times: super::w3c::TimeStyle::default() }
    }
}

/// Exports `project` to `format`, dated today, with default options.
pub fn export(project: &Project, format: ExportFormat) -> Result<ExportOutput, ExportError> {
    export_with(project, format, &ExportOptions::on(crate::model::now().date_naive()))
}

/// Exports `project` to `format` with `options`.
pub fn export_with(project: &Project, format: ExportFormat, options: &ExportOptions) -> Result<ExportOutput, ExportError> {
    Ok(match format {
        ExportFormat::Csv => ExportOutput::Text(super::csv::export_csv(project)?),
        ExportFormat::Markdown => ExportOutput::Text(super::markdown::export_markdown(project)),
        ExportFormat::W3c => ExportOutput::Text(super::w3c::export_w3c(project, options.w3c_times)?),
        ExportFormat::ClaimReview => ExportOutput::Text(super::claimreview::export_claimreview(project, options)?),
        ExportFormat::Brat => ExportOutput::Files(super::brat_export::export_brat(project)),
    })
}

// Helpers shared by the exporters.

/// A document's title, or its id when it has none.
pub(crate) fn document_name(document: &Document) -> String {
    if document.title.trim().is_empty() { document.id.to_string() } else { document.title.clone() }
}

/// The exact text of the claim's content annotations, joined by [`FRAGMENT_SEPARATOR`].
pub(crate) fn claim_text(document: &Document, index: &TextIndex<'_>, claim: &Claim) -> String {
    let parts: Vec<String> =
        claim.content.iter().filter_map(|id| document.annotation(id)).map(|a| exact_of(index, &a.ranges)).collect();
    parts.join(FRAGMENT_SEPARATOR)
}

/// The exact text of the claim's cue, if it has one.
pub(crate) fn cue_text(document: &Document, index: &TextIndex<'_>, claim: &Claim) -> Option<String> {
    claim.cue.as_ref().and_then(|id| document.annotation(id)).map(|a| exact_of(index, &a.ranges))
}

/// The registered sources the claim is attributed to, in order.
pub(crate) fn sources_of<'p>(project: &'p Project, claim: &Claim) -> Vec<&'p Source> {
    claim.attributed_to.iter().filter_map(|id| project.source(id)).collect()
}

/// The claim's via chain, nearest first.
pub(crate) fn via_of<'p>(project: &'p Project, claim: &Claim) -> Vec<&'p Source> {
    claim.via.iter().filter_map(|id| project.source(id)).collect()
}

/// Names of the claim's sources; the text of its source spans when none is registered.
pub(crate) fn source_names(project: &Project, document: &Document, index: &TextIndex<'_>, claim: &Claim) -> Vec<String> {
    let registered: Vec<String> = sources_of(project, claim).into_iter().map(|s| s.name.clone()).collect();
    if !registered.is_empty() {
        return registered;
    }
    claim.source_spans.iter().filter_map(|id| document.annotation(id)).map(|a| exact_of(index, &a.ranges)).collect()
}

/// The via chain as one line: "Censor.NET ← Ukrinform ← G7 statement".
pub(crate) fn chain_text(project: &Project, claim: &Claim) -> String {
    via_of(project, claim).iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(" ← ")
}

/// The char span of a claim's content: start of the first range, end of the last.
pub(crate) fn content_span(document: &Document, claim: &Claim) -> Option<(usize, usize)> {
    let anns: Vec<_> = claim.content.iter().filter_map(|id| document.annotation(id)).filter(|a| !a.ranges.is_empty()).collect();
    let start = anns.iter().map(|a| a.start()).min()?;
    let end = anns.iter().map(|a| a.end()).max()?;
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name_and_alias() {
        for f in ExportFormat::ALL {
            assert_eq!(f.name().parse::<ExportFormat>(), Ok(f));
            assert!(!f.label().is_empty());
            assert!(!f.extension().is_empty());
        }
        assert_eq!("MD".parse::<ExportFormat>(), Ok(ExportFormat::Markdown));
        assert_eq!("JSON-LD".parse::<ExportFormat>(), Ok(ExportFormat::W3c));
        assert!("xlsx".parse::<ExportFormat>().is_err());
    }
}
