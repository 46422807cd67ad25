//! `claimlens import-annotations P.claimlens.ron ANNOTATIONS.json [--document ID] [--dry-run]`:
//! adds W3C or Hypothesis annotations ([`crate::ops::annotations`]) and saves in place.

use crate::model::DocumentId;
use crate::ops::OpError;
use crate::ops::annotations::import_annotations;
use crate::store::{self, Overwrite};
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;

/// Runs the subcommand, writing its report to `out`.
pub(super) fn run(path: &Path, file: &Path, fallback: Option<&DocumentId>, dry_run: bool, out: &mut dyn Write) -> Result<()> {
    let loaded = store::load(path)?;
    let mut project = loaded.project;
    let json = store::read_text(file)?;
    let imported = match import_annotations(&project, &json, fallback) {
        Ok(imported) => imported,
        Err(OpError::NoDocument(id)) => bail!("{}: no document {id}", path.display()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", file.display())),
    };
    for orphan in &imported.orphans {
        writeln!(out, "  orphan: {orphan}")?;
    }
    writeln!(
        out,
        "{}: {} annotations to add, {} already present, {} orphans",
        file.display(),
        imported.added,
        imported.already_present,
        imported.orphans.len()
    )?;
    if dry_run || imported.changeset.is_empty() {
        return Ok(());
    }
    imported.changeset.into_edit().apply(&mut project).context("adding the annotations")?;
    project.mark_modified();
    store::save(path, &project, Some(&loaded.fingerprint), Overwrite::IfUnchanged)?;
    writeln!(out, "saved {}", path.display())?;
    Ok(())
}
