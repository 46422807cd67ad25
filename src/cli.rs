//! The command line: `import`, `check`, `export`, `import-annotations` (and the window when no
//! subcommand is given).

use crate::edit::check_project;
use crate::formats::w3c::TimeStyle;
use crate::formats::w3c_import::import_w3c;
use crate::formats::{ExportFormat, ExportOptions, ExportOutput, Reviewer, export_with};
use crate::import::{ImportedArticle, import_article};
use crate::model::{DocumentId, Project};
use crate::store::{self, Overwrite};
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

mod suggest;

/// claimlens: read news, annotate claims, sources and citation chains.
#[derive(Debug, Parser)]
#[command(name = "claimlens", version, about, long_about = None)]
pub struct Cli {
    /// A project (.claimlens.ron) or an article (.txt, .md, brat .txt + .ann) to open in the window.
    pub file: Option<PathBuf>,
    /// A subcommand instead of the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import articles (.txt, .md; with a sibling .ann as brat standoff) into a new project file.
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
        /// The format: csv, markdown, w3c, claimreview or brat.
        #[arg(short, long, default_value = "csv")]
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
    /// Suggest attributions (Source, Cue, Content) for articles: writes DIR/NAME.ann (brat) per NAME.txt.
    Suggest {
        /// Article files, or folders whose *.txt files are taken.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The folder for the .ann files (created if missing).
        #[arg(short, long)]
        output: PathBuf,
        /// Replace existing .ann files (each old one is kept as NAME.ann.bak).
        #[arg(long)]
        force: bool,
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
        Command::Import { files, output, ann, force } => import(&files, &output, ann.as_deref(), force, out),
        Command::Check { project } => check(&project, out),
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
        } => {
            let options = ExportOptions {
                today: date.unwrap_or_else(|| crate::model::now().date_naive()),
                reviewer: Reviewer { name: reviewer, organization: reviewer_is_organization, url: None },
                review_url,
                w3c_times: if w3c_datetimes { TimeStyle::DateTime } else { TimeStyle::Date },
            };
            let output = output.filter(|o| o.as_os_str() != "-");
            export(&project, format, output.as_deref(), force, &options, out)
        }
        Command::ImportAnnotations { project, file, document, dry_run } => {
            import_annotations(&project, &file, document.map(|d| DocumentId::from(d.as_str())).as_ref(), dry_run, out)
        }
        Command::Suggest { inputs, output, force } => suggest::run(&inputs, &output, force, out),
        Command::Reanchor { project, doc, text, dry_run } => {
            reanchor(&project, &DocumentId::from(doc.as_str()), &text, dry_run, out)
        }
    }
}

fn reanchor(path: &Path, doc: &DocumentId, text_path: &Path, dry_run: bool, out: &mut dyn Write) -> Result<()> {
    let loaded = store::load(path)?;
    let mut project = loaded.project;
    let raw = store::read_article(text_path)?;
    if let Some(w) = raw.warning() {
        writeln!(out, "  warning: {}: {w}", text_path.display())?;
    }
    // The same normalisation as an import, so offsets count the same chars.
    let new_text = crate::formats::text::import_text(&raw.text, "").text;
    let (edit, report) = match crate::reanchor::update_text(&project, doc, &new_text) {
        Err(crate::reanchor::ReanchorError::Unchanged) => {
            writeln!(out, "{doc}: the text is the same; nothing changed")?;
            return Ok(());
        }
        result => result.with_context(|| format!("{}: updating document {doc}", path.display()))?,
    };
    if let Some(document) = project.document(doc) {
        for id in &report.orphans {
            if let Some(a) = document.annotation(id) {
                writeln!(out, "  orphan: {id} {} {:?}", a.label, crate::formats::text::shorten(&a.quote.exact, 60))?;
            }
        }
    }
    writeln!(out, "{doc}: {report}")?;
    if dry_run {
        return Ok(());
    }
    edit.apply(&mut project).context("replacing the text")?;
    store::save(path, &project, Some(&loaded.fingerprint), Overwrite::IfUnchanged)?;
    writeln!(out, "saved {}", path.display())?;
    Ok(())
}

fn export(
    path: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    force: bool,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let project = store::load(path)?.project;
    let result = export_with(&project, format, options).with_context(|| format!("exporting {} as {format}", path.display()))?;
    match (result, output) {
        (ExportOutput::Text(text), None) => out.write_all(text.as_bytes())?,
        (ExportOutput::Files(_), None) => bail!("{format} writes a folder of files: give it with -o FOLDER"),
        (result, Some(target)) => {
            let inputs = vec![path.to_owned()];
            let replace = match result {
                ExportOutput::Text(_) => store::OutputOptions { existing: store::Existing::Replace, inputs },
                ExportOutput::Files(_) => store::OutputOptions::refuse_unless(force, inputs),
            };
            let n = store::write_export(target, &result, &replace)?;
            writeln!(out, "wrote {n} file{} to {}", if n == 1 { "" } else { "s" }, target.display())?;
        }
    }
    Ok(())
}

fn import_annotations(path: &Path, file: &Path, fallback: Option<&DocumentId>, dry_run: bool, out: &mut dyn Write) -> Result<()> {
    let loaded = store::load(path)?;
    let mut project = loaded.project;
    if let Some(id) = fallback
        && project.document(id).is_none()
    {
        bail!("{}: no document {id}", path.display());
    }
    let json = store::read_text(file)?;
    let imported = import_w3c(&json, &project, fallback).with_context(|| format!("reading {}", file.display()))?;
    for orphan in &imported.orphans {
        writeln!(out, "  orphan: {orphan}")?;
    }
    writeln!(
        out,
        "{}: {} annotations to add, {} already present, {} orphans",
        file.display(),
        imported.annotations.len(),
        imported.already_present,
        imported.orphans.len()
    )?;
    if dry_run || imported.annotations.is_empty() {
        return Ok(());
    }
    imported.edit().apply(&mut project).context("adding the annotations")?;
    store::save(path, &project, Some(&loaded.fingerprint), Overwrite::IfUnchanged)?;
    writeln!(out, "saved {}", path.display())?;
    Ok(())
}

fn import(files: &[PathBuf], output: &Path, ann: Option<&Path>, force: bool, out: &mut dyn Write) -> Result<()> {
    if ann.is_some() && files.len() != 1 {
        bail!("--ann goes with a single input file");
    }
    if let Some(input) = files.iter().map(PathBuf::as_path).chain(ann).find(|f| store::same_file(f, output)) {
        bail!("{}: is an input of this command; not overwritten", input.display());
    }
    if output.exists() && !force {
        bail!("{} already exists; pass --force to replace it (the old file is kept as .bak)", output.display());
    }
    let title = files.first().and_then(|f| f.file_stem()).map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut project = Project::new(title);
    for file in files {
        let ImportedArticle { edit, title, warnings, ann_path } =
            import_article(file, ann, &project).with_context(|| format!("importing {}", file.display()))?;
        edit.apply(&mut project).with_context(|| format!("importing {}", file.display()))?;
        let source = ann_path.map(|a| format!(" with {}", a.display())).unwrap_or_default();
        writeln!(out, "{}{source}: {title:?}", file.display())?;
        for w in warnings {
            // Line warnings are about the .ann; the others (the encoding assumed) the article.
            if w.line.is_some() {
                writeln!(out, "  warning: {}:{w}", file.with_extension("ann").display())?;
            } else {
                writeln!(out, "  warning: {}: {w}", file.display())?;
            }
        }
    }
    if let Some(doc) = project.documents.first()
        && project.documents.len() == 1
    {
        project.title.clone_from(&doc.title);
    }
    check_project(&project).context("the imported project is inconsistent")?;
    let overwrite = if force { Overwrite::Force } else { Overwrite::IfUnchanged };
    store::save(output, &project, None, overwrite)?;
    writeln!(out, "wrote {} ({} documents)", output.display(), project.documents.len())?;
    Ok(())
}

fn check(path: &Path, out: &mut dyn Write) -> Result<()> {
    let loaded = store::load(path)?;
    let p = &loaded.project;
    writeln!(
        out,
        "{}: {:?}, format version {}, {} sources, {} labels",
        path.display(),
        p.title,
        loaded.from_version,
        p.sources.len(),
        p.labels.len()
    )?;
    for d in &p.documents {
        let sources: std::collections::BTreeSet<_> = d.claims.iter().flat_map(|c| c.attributed_to.iter()).collect();
        writeln!(
            out,
            "{}\t{:?}\t{} annotations\t{} claims\t{} sources\t{} orphaned anchors",
            d.id,
            d.title,
            d.annotations.len(),
            d.claims.len(),
            sources.len(),
            d.orphans().count()
        )?;
    }
    Ok(())
}
