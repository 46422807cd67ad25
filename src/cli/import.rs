//! `claimlens import ARTICLE... -o P.claimlens.ron [--ann FILE] [--force]`: a new project with
//! one document per article ([`crate::ops::import`]); an `http://` or `https://` address is
//! fetched ([`crate::fetch`]) and its page archived beside the project like a saved page.

use crate::fetch::{FetchOptions, fetch_article, is_web_address};
use crate::import::read_article;
use crate::ops::import::ArticleInput;
use crate::ops::import::new_project_from;
use crate::store::{self, Overwrite};
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs the subcommand, writing its report to `out`.
pub(super) fn run(files: &[PathBuf], output: &Path, ann: Option<&Path>, force: bool, out: &mut dyn Write) -> Result<()> {
    if ann.is_some() && files.len() != 1 {
        bail!("--ann goes with a single input file");
    }
    if let Some(input) = files.iter().map(PathBuf::as_path).chain(ann).find(|f| store::same_file(f, output)) {
        bail!("{}: is an input of this command; not overwritten", input.display());
    }
    if output.exists() && !force {
        bail!("{} already exists; pass --force to replace it (the old file is kept as .bak)", output.display());
    }
    let mut inputs = Vec::with_capacity(files.len());
    let mut ann_paths = Vec::with_capacity(files.len());
    for file in files {
        let (input, ann_path) = read(file, ann)?;
        inputs.push(input);
        ann_paths.push(ann_path);
    }
    // The project is called what its file is (one article's project, after the article).
    let named = output
        .file_name()
        .map(|n| n.to_string_lossy())
        .map(|n| n.strip_suffix(store::EXTENSION).or_else(|| n.strip_suffix(".ron")).unwrap_or(&n).to_owned());
    let stem = files.first().and_then(|f| if is_web_address(&f.to_string_lossy()) { None } else { f.file_stem() });
    let title = named
        .filter(|n| !n.is_empty())
        .or_else(|| stem.map(|s| s.to_string_lossy().into_owned()))
        .or_else(|| inputs.first().map(|i| i.name.clone()));
    let (project, imports) = new_project_from(&title.unwrap_or_default(), &inputs).context("importing the articles")?;
    for ((file, ann_path), imported) in files.iter().zip(&ann_paths).zip(&imports) {
        let source = ann_path.as_ref().map(|a| format!(" with {}", a.display())).unwrap_or_default();
        writeln!(out, "{}{source}: {:?}", file.display(), imported.title)?;
        for w in &imported.warnings {
            // Line warnings are about the .ann; the others (the encoding assumed) the article.
            if w.line.is_some() {
                writeln!(out, "  warning: {}:{w}", file.with_extension("ann").display())?;
            } else {
                writeln!(out, "  warning: {}: {w}", file.display())?;
            }
        }
    }
    let overwrite = if force { Overwrite::Force } else { Overwrite::IfUnchanged };
    store::save(output, &project, None, overwrite)?;
    writeln!(out, "wrote {} ({} documents)", output.display(), project.documents.len())?;
    Ok(())
}

/// Reads one article: fetched when `file` is a web address, else from its files.
fn read(file: &Path, ann: Option<&Path>) -> Result<(ArticleInput, Option<PathBuf>)> {
    let name = file.to_string_lossy();
    if is_web_address(&name) {
        if ann.is_some() {
            bail!("--ann goes with a .txt article, not a web address");
        }
        return Ok((fetch_article(&name, &FetchOptions::default())?, None));
    }
    read_article(file, ann).with_context(|| format!("importing {}", file.display()))
}
