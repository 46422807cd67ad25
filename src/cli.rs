//! The command line: `import`, `check` (and the window when no subcommand is given).

use crate::edit::{Edit, check_project};
use crate::import::{ImportedArticle, import_article};
use crate::model::Project;
use crate::store::{self, Overwrite};
use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

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
}

/// Runs a subcommand, writing its report to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Import { files, output, ann, force } => import(&files, &output, ann.as_deref(), force, out),
        Command::Check { project } => check(&project, out),
    }
}

fn import(files: &[PathBuf], output: &Path, ann: Option<&Path>, force: bool, out: &mut dyn Write) -> Result<()> {
    if ann.is_some() && files.len() != 1 {
        bail!("--ann goes with a single input file");
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
            let ann_name = file.with_extension("ann");
            writeln!(out, "  warning: {}:{w}", ann_name.display())?;
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

/// Applies an edit to a project, for subcommands that change files.
pub fn apply(project: &mut Project, edit: Edit) -> Result<()> {
    edit.apply(project).map(|_| ()).map_err(Into::into)
}
