//! Exporting a project: the formats, their names and extensions, and one dispatch function.
//!
//! Every exporter is pure: a project (and options) in, text out. Writing the result is the
//! caller's job (`cli` through `store::write_output`, or the window).

pub mod claimreview;
pub mod csv;
pub mod dot;
pub mod links;
pub mod markdown;
pub mod shared;
pub mod svg;

use crate::model::Project;
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// The formats a project can be exported to. Everything said about each (name, label,
/// extension, description) is in one table, [`FORMATS`], that the command line's `--format`,
/// the Export dialog and the menus all read.
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
    /// The provenance graph as Graphviz DOT.
    Dot,
    /// The provenance graph as an SVG picture.
    Svg,
}

/// One row of the table of export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatInfo {
    /// The format.
    pub format: ExportFormat,
    /// The name used on the command line (`--format`).
    pub name: &'static str,
    /// Other names the command line accepts.
    pub aliases: &'static [&'static str],
    /// Human label for menus and the Export dialog.
    pub label: &'static str,
    /// The file extension (without the dot); for a folder export, that of its annotation files.
    pub extension: &'static str,
    /// Whether the export is a folder of files rather than one file.
    pub is_folder: bool,
    /// One line saying what the export holds (command-line help, tooltips).
    pub description: &'static str,
}

/// Every export format, in menu order.
pub static FORMATS: [FormatInfo; 7] = [
    FormatInfo {
        format: ExportFormat::Csv,
        name: "csv",
        aliases: &[],
        label: "CSV (spreadsheet)",
        extension: "csv",
        is_folder: false,
        description: "one row per claim (RFC 4180, UTF-8 with a byte-order mark)",
    },
    FormatInfo {
        format: ExportFormat::Markdown,
        name: "markdown",
        aliases: &["md", "report"],
        label: "Markdown report",
        extension: "md",
        is_folder: false,
        description: "a readable report: claims grouped by source, with quotes, verdicts and chains",
    },
    FormatInfo {
        format: ExportFormat::W3c,
        name: "w3c",
        aliases: &["jsonld", "json-ld", "webannotation", "web-annotation"],
        label: "W3C Web Annotation (JSON-LD)",
        extension: "jsonld",
        is_folder: false,
        description: "W3C Web Annotation JSON-LD: one annotation per annotation, with quote and position selectors",
    },
    FormatInfo {
        format: ExportFormat::ClaimReview,
        name: "claimreview",
        aliases: &["claim-review", "schema.org"],
        label: "schema.org ClaimReview (JSON-LD)",
        extension: "json",
        is_folder: false,
        description: "schema.org ClaimReview JSON-LD for every claim with a verdict",
    },
    FormatInfo {
        format: ExportFormat::Brat,
        name: "brat",
        aliases: &["ann", "standoff"],
        label: "brat standoff (folder)",
        extension: "ann",
        is_folder: true,
        description: "brat standoff: NAME.txt and NAME.ann per document, in a folder",
    },
    FormatInfo {
        format: ExportFormat::Dot,
        name: "dot",
        aliases: &["graphviz", "gv"],
        label: "Provenance graph (Graphviz DOT)",
        extension: "dot",
        is_folder: false,
        description: "the provenance graph as Graphviz DOT: documents and sources, cites/reports/origin/repeats arrows",
    },
    FormatInfo {
        format: ExportFormat::Svg,
        name: "svg",
        aliases: &[],
        label: "Provenance picture (SVG)",
        extension: "svg",
        is_folder: false,
        description: "the provenance graph as an SVG picture, laid out left to right in time",
    },
];

impl ExportFormat {
    /// All formats, in menu order.
    pub const ALL: [Self; 7] = [Self::Csv, Self::Markdown, Self::W3c, Self::ClaimReview, Self::Brat, Self::Dot, Self::Svg];

    /// The format's row of [`FORMATS`].
    pub fn info(self) -> &'static FormatInfo {
        match self {
            Self::Csv => &FORMATS[0],
            Self::Markdown => &FORMATS[1],
            Self::W3c => &FORMATS[2],
            Self::ClaimReview => &FORMATS[3],
            Self::Brat => &FORMATS[4],
            Self::Dot => &FORMATS[5],
            Self::Svg => &FORMATS[6],
        }
    }

    /// Human label for menus.
    pub fn label(self) -> &'static str {
        self.info().label
    }

    /// The name used on the command line (`--format`).
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The file extension (without the dot). brat writes `.txt` and `.ann` files into a folder;
    /// its extension names the annotation files.
    pub fn extension(self) -> &'static str {
        self.info().extension
    }

    /// Whether the export is a folder of files rather than one file.
    pub fn is_folder(self) -> bool {
        self.info().is_folder
    }

    /// One line saying what the export holds.
    pub fn description(self) -> &'static str {
        self.info().description
    }

    /// The names the command line accepts, for help texts: `csv, markdown, w3c, claimreview, brat`.
    pub fn possible_values() -> String {
        FORMATS.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`ExportFormat::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?} (expected {names})", names = ExportFormat::possible_values())]
pub struct UnknownFormat(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownFormat;

    /// A name or alias of [`FORMATS`], in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        FORMATS
            .iter()
            .find(|f| f.name == lower || f.aliases.contains(&lower.as_str()))
            .map(|f| f.format)
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

/// The command line's `--format` values, names, aliases and help all from [`FORMATS`].
impl clap::ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let info = self.info();
        Some(clap::builder::PossibleValue::new(info.name).aliases(info.aliases.iter().copied()).help(info.description))
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
    /// The organisation a person reviews for (schema.org `affiliation`).
    pub affiliation: Option<String>,
}

impl Default for Reviewer {
    fn default() -> Self {
        Self { name: "claimlens user".to_owned(), organization: false, url: None, affiliation: None }
    }
}

impl Reviewer {
    /// The reviewer a person names in the window's preferences: `name` working for
    /// `organisation`; the organisation alone when no name is given; the default when neither is.
    pub fn named(name: &str, organisation: &str) -> Self {
        let (name, organisation) = (name.trim(), organisation.trim());
        let affiliation = (!organisation.is_empty()).then(|| organisation.to_owned());
        match (name.is_empty(), affiliation) {
            (false, affiliation) => Self { name: name.to_owned(), organization: false, url: None, affiliation },
            (true, Some(org)) => Self { name: org, organization: true, url: None, affiliation: None },
            (true, None) => Self::default(),
        }
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
        ExportFormat::Csv => ExportOutput::Text(csv::export_csv(project)?),
        ExportFormat::Markdown => ExportOutput::Text(markdown::export_markdown(project)),
        ExportFormat::W3c => ExportOutput::Text(super::w3c::export_w3c(project, options.w3c_times)?),
        ExportFormat::ClaimReview => ExportOutput::Text(claimreview::export_claimreview(project, options)?),
        ExportFormat::Brat => ExportOutput::Files(super::brat::export_brat(project)),
        ExportFormat::Dot => ExportOutput::Text(dot::export_dot(project)),
        ExportFormat::Svg => ExportOutput::Text(svg::export_svg(project)),
    })
}

/// What an export of `project` to `format` cannot hold natively, for the caller to show:
/// brat has no offsets for an orphan (it is written as a note line with its quote). The
/// other formats keep an orphan's quote in place (W3C as a quote selector without position;
/// CSV and Markdown marked [`shared::ORPHANED`]).
pub fn export_warnings(project: &Project, format: ExportFormat) -> Vec<super::Warning> {
    match format {
        ExportFormat::Brat => super::brat::orphan_warnings(project),
        ExportFormat::Csv
        | ExportFormat::Markdown
        | ExportFormat::W3c
        | ExportFormat::ClaimReview
        | ExportFormat::Dot
        | ExportFormat::Svg => Vec::new(),
    }
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

    #[test]
    fn the_command_line_reads_names_aliases_and_help_from_the_table() {
        use clap::ValueEnum;
        for info in FORMATS {
            assert_eq!(info.format.info(), &info, "each format's row is its own");
            assert_eq!(<ExportFormat as ValueEnum>::from_str(info.name, false), Ok(info.format));
            for alias in info.aliases {
                assert_eq!(<ExportFormat as ValueEnum>::from_str(alias, true), Ok(info.format));
            }
            let value = info.format.to_possible_value().unwrap();
            assert_eq!(value.get_help().map(ToString::to_string).as_deref(), Some(info.description));
        }
        assert_eq!(ExportFormat::possible_values(), "csv, markdown, w3c, claimreview, brat, dot, svg");
        assert!(UnknownFormat("xlsx".into()).to_string().contains("csv, markdown, w3c, claimreview, brat, dot, svg"));
    }
}
