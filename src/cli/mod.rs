//! The command line: one file per subcommand (`import`, `check`, `export`, `import-annotations`,
//! `suggest`, `reanchor`), each a thin call into [`crate::ops`] and [`crate::store`] (the
//! window opens when no subcommand is given).

use crate::formats::w3c::TimeStyle;
use crate::formats::{ExportFormat, ExportOptions, Reviewer};
use crate::model::DocumentId;
use anyhow::Result;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

mod check;
mod check_changes;
mod compare;
mod export;
mod import;
mod import_annotations;
mod match_claims;
mod merge;
mod reanchor;
mod suggest;
mod train_suggester;

/// claimlens: read news, annotate claims, sources and citation chains.
#[derive(Debug, Parser)]
#[command(name = "claimlens", version, about, long_about = None)]
pub struct Cli {
    /// A project (.claimlens.ron) or an article (.txt, .md, .html, .pdf, brat .txt + .ann) to open in the window (an article on a new project), or an https:// address to fetch.
    pub file: Option<PathBuf>,
    /// Open the window, print `startup.first_frame_ms` (launch to the first frame showing the text) and `startup.rss_mb` (resident memory once idle), and close.
    #[arg(long)]
    pub measure_startup: bool,
    /// The same for the window with one line of text and nothing else (what eframe and the
    /// OpenGL driver cost alone): `startup.empty_window.*`.
    #[arg(long, hide = true)]
    pub measure_empty_window: bool,
    /// A subcommand instead of the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles (.txt, .md, .html, .pdf; a .txt with a sibling .ann as brat standoff) into a new project file.
    Import {
        /// The article files, one document each.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The project file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// The brat .ann file for the (single) input, when its name differs.
        #[arg(long)]
        ann: Option<PathBuf>,
        /// Replace the output file if it exists (the old one is kept as FILE.bak).
        #[arg(long)]
        force: bool,
    },
    /// Check a project file and print a line per document.
    Check {
        /// The project file.
        project: PathBuf,
    },
    /// Export a project: csv, markdown, w3c (Web Annotation JSON-LD), claimreview (schema.org) or brat.
    Export {
        /// The project file.
        project: PathBuf,
        /// The format.
        #[arg(short, long, default_value = "csv", ignore_case = true)]
        format: ExportFormat,
        /// The output file (standard output when omitted or `-`); for brat, a folder (created if missing).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// For brat: replace existing files in the folder (each old one is kept as NAME.bak).
        #[arg(long)]
        force: bool,
        /// For claimreview: who publishes the reviews.
        #[arg(long, default_value = "claimlens user")]
        reviewer: String,
        /// For claimreview: the reviewer is an organisation, not a person.
        #[arg(long)]
        reviewer_is_organization: bool,
        /// For claimreview: the page where the reviews are published (each review's url is PAGE#CLAIM).
        #[arg(long)]
        review_url: Option<String>,
        /// For claimreview: the publication date of the reviews (default today), YYYY-MM-DD.
        #[arg(long)]
        date: Option<NaiveDate>,
        /// For w3c: write `created`/`modified` as full date-times (the W3C model) instead of plain
        /// dates (what the `validate-web-annotation` schema accepts; exact times then go in
        /// `claimlens:created`/`claimlens:modified`).
        #[arg(long)]
        w3c_datetimes: bool,
        /// Also write each document's archived original page (STEM.html, STEM.pdf): into the
        /// folder for brat, else into OUTPUT-originals/ beside the file.
        #[arg(long)]
        with_originals: bool,
    },
    /// Add Web Annotations (W3C JSON-LD, or a Hypothesis API result or export) to a project's documents.
    ImportAnnotations {
        /// The project file (saved in place; the old version is kept as FILE.bak).
        project: PathBuf,
        /// The JSON file.
        file: PathBuf,
        /// The document (id) for annotations whose target URL matches no document.
        #[arg(long)]
        document: Option<String>,
        /// Report what would be added without saving.
        #[arg(long)]
        dry_run: bool,
    },
    /// Suggest attributions (Source, Cue, Content) for articles: writes DIR/NAME.ann (brat) per
    /// NAME.txt; or, given a project (.claimlens.ron) with --apply or --dry-run, accepts every
    /// suggestion into its documents as the window's Accept all does.
    Suggest {
        /// Article files, or folders whose *.txt files are taken; or one project file.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The folder for the .ann files (created if missing; articles only).
        #[arg(short, long, required_unless_present_any = ["apply", "dry_run"])]
        output: Option<PathBuf>,
        /// Replace existing .ann files (each old one is kept as NAME.ann.bak).
        #[arg(long)]
        force: bool,
        /// Project mode: accept all suggestions and save the project in place (FILE.bak kept).
        #[arg(long)]
        apply: bool,
        /// Project mode: list what --apply would add, without saving.
        #[arg(long, conflicts_with = "apply")]
        dry_run: bool,
        /// Project mode: only this document (id).
        #[arg(long)]
        doc: Option<String>,
    },
    /// Train the suggester's tagger on brat-annotated texts (`PolNeAR`'s train folder: text/ and
    /// attributions/), choosing the epoch on held-out ones, and write the model file.
    #[command(hide = true)]
    TrainSuggester {
        /// The training folder (with text/ and attributions/).
        #[arg(long)]
        train: PathBuf,
        /// The held-out folder used to choose the epoch (`PolNeAR` dev).
        #[arg(long)]
        dev: PathBuf,
        /// The folder to write `tagger.model`, `cue_lexicon.tsv` and `source_heads.tsv` to (`src/analysis/data`).
        #[arg(short, long)]
        output: PathBuf,
        /// Passes over the training texts.
        #[arg(long, default_value_t = 7)]
        epochs: usize,
        /// Leave out features whose weights are all below this share of the largest weight.
        #[arg(long, default_value_t = 0.02)]
        min_weight: f32,
        /// Folds for counting the lexicons each training text is featurised with (1: all texts).
        #[arg(long, default_value_t = 10)]
        folds: usize,
    },
    /// Agreement of two annotators' projects of the same articles (B against A as reference):
    /// per label exact and lenient P/R/F1, character-level κ and α, attribution F1.
    Compare {
        /// The reference project.
        a: PathBuf,
        /// The other project.
        b: PathBuf,
        /// Print one JSON object instead of tables.
        #[arg(long)]
        json: bool,
        /// Print the agreement table as CSV or Markdown (what the window's Compare With… exports).
        #[arg(long, value_name = "FORMAT", value_parser = ["csv", "markdown"])]
        table: Option<String>,
        /// List every difference (only A's, only B's, other labels, claims), one per line.
        #[arg(long)]
        differences: bool,
    },
    /// Three-way merge of projects by id: additions of both sides kept, deletions applied, items
    /// both changed differently kept as conflicts (exit status 1 while any remain).
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our version.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// The merged project file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// git merge driver: `claimlens merge-driver %O %A %B %P` writes the merge over %A.
    MergeDriver {
        /// %O: the common ancestor.
        base: PathBuf,
        /// %A: our version, replaced by the result.
        ours: PathBuf,
        /// %B: their version.
        theirs: PathBuf,
        /// %P: the path in the repository (for messages).
        #[arg(default_value = "")]
        name: String,
    },
    /// Fetch the address of every document that has one again and print a line per document
    /// whose article text changed; --apply updates them (annotations moved, old versions kept).
    CheckChanges {
        /// The project file (saved in place with --apply; the old version is kept as FILE.bak).
        project: PathBuf,
        /// Update every changed document to its new version and save.
        #[arg(long)]
        apply: bool,
        /// Give up on a page after this many seconds.
        #[arg(long, default_value_t = 30.0)]
        timeout: f64,
    },
    /// Claims of different documents that are the same claim (shared quotes, or the same
    /// entities, numbers and dates): one line per pair; `--apply` links them (one undoable change).
    Match {
        /// The project file.
        project: PathBuf,
        /// Link every pair printed and save the project in place (FILE.bak kept).
        #[arg(long)]
        apply: bool,
        /// Also match the suggested attributions of documents that have no claims yet.
        #[arg(long)]
        spans: bool,
        /// The lowest score printed (0..1).
        #[arg(long, default_value_t = crate::analysis::claim_match::DEFAULT_THRESHOLD)]
        threshold: f32,
    },
    /// Replace a document's text with a new version of the article, moving every annotation with
    /// it (those that cannot be found become orphans, kept for re-attaching by hand).
    Reanchor {
        /// The project file (saved in place; the old version is kept as FILE.bak).
        project: PathBuf,
        /// The document (id) to update.
        #[arg(long)]
        doc: String,
        /// The new version of the article's text.
        #[arg(long)]
        text: PathBuf,
        /// Report what would happen without saving.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs a subcommand, writing its report to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Import { files, output, ann, force } => import::run(&files, &output, ann.as_deref(), force, out),
        Command::Check { project } => check::run(&project, out),
        Command::Export {
            project,
            format,
            output,
            force,
            reviewer,
            reviewer_is_organization,
            review_url,
            date,
            w3c_datetimes,
            with_originals,
        } => {
            let options = ExportOptions {
                today: date.unwrap_or_else(|| crate::model::now().date_naive()),
                reviewer: Reviewer { name: reviewer, organization: reviewer_is_organization, url: None, affiliation: None },
                review_url,
                w3c_times: if w3c_datetimes { TimeStyle::DateTime } else { TimeStyle::Date },
            };
            let output = output.filter(|o| o.as_os_str() != "-");
            export::run(&project, format, output.as_deref(), force, &options, with_originals, out)
        }
        Command::ImportAnnotations { project, file, document, dry_run } => {
            import_annotations::run(&project, &file, document.map(|d| DocumentId::from(d.as_str())).as_ref(), dry_run, out)
        }
        Command::Compare { a, b, json, table, differences } => {
            let report = match (table.as_deref(), differences) {
                (Some("csv"), _) => compare::Report::Csv,
                (Some(_), _) => compare::Report::Markdown,
                (None, true) => compare::Report::Differences,
                (None, false) if json => compare::Report::Json,
                (None, false) => compare::Report::Tables,
            };
            compare::run(&a, &b, report, out)
        }
        Command::Merge { base, ours, theirs, output } => merge::run(&base, &ours, &theirs, &output, out),
        Command::MergeDriver { base, ours, theirs, name } => merge::run_driver(&base, &ours, &theirs, &name, out),
        Command::Suggest { inputs, output, force, apply, dry_run, doc } => match (inputs.as_slice(), output) {
            ([project], _) if apply || dry_run || crate::store::is_project_path(project) => {
                suggest::apply(project, doc.map(|d| DocumentId::from(d.as_str())).as_ref(), dry_run, out)
            }
            (_, Some(output)) => suggest::run(&inputs, &output, force, out),
            (_, None) => anyhow::bail!("suggest: give -o DIR for articles, or one project file with --apply or --dry-run"),
        },
        Command::TrainSuggester { train, dev, output, epochs, min_weight, folds } => {
            let opts = crate::analysis::attribution::training::TrainOptions { epochs, min_weight, folds, ..Default::default() };
            train_suggester::run(&train, &dev, &output, &opts, out)
        }
        Command::CheckChanges { project, apply, timeout } => {
            let options = crate::fetch::FetchOptions {
                timeout: std::time::Duration::from_secs_f64(timeout.clamp(0.001, 3600.0)),
                ..Default::default()
            };
            check_changes::run(&project, apply, &options, out)
        }
        Command::Match { project, apply, spans, threshold } => match_claims::run(&project, apply, spans, threshold, out),
        Command::Reanchor { project, doc, text, dry_run } => {
            reanchor::run(&project, &DocumentId::from(doc.as_str()), &text, dry_run, out)
        }
    }
}
