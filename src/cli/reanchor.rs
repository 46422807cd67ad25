//! `claimlens reanchor P.claimlens.ron --doc ID --text NEW.txt [--dry-run]`: moves a document's
//! annotations onto a new version of its text ([`crate::ops::reanchor`]) and saves in place.

use crate::model::DocumentId;
use crate::store::{self, Overwrite};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Runs the subcommand, writing its report to `out`.
pub(super) fn run(path: &Path, doc: &DocumentId, text_path: &Path, dry_run: bool, out: &mut dyn Write) -> Result<()> {
    let loaded = store::load(path)?;
    let mut project = loaded.project;
    // The same normalisation as an import, so offsets count the same chars.
    let new_text = crate::import::read_new_version(text_path)?;
    let update = match crate::ops::reanchor::update_text(&project, doc, &new_text) {
        Err(crate::ops::OpError::Reanchor(crate::reanchor::ReanchorError::Unchanged)) => {
            writeln!(out, "{doc}: the text is the same; nothing changed")?;
            return Ok(());
        }
        result => result.with_context(|| format!("{}: updating document {doc}", path.display()))?,
    };
    if let Some(document) = project.document(doc) {
        for id in &update.report.orphans {
            if let Some(a) = document.annotation(id) {
                writeln!(out, "  orphan: {id} {} {:?}", a.label, crate::formats::text::shorten(&a.quote.exact, 60))?;
            }
        }
    }
    writeln!(out, "{doc}: {}", update.report)?;
    if dry_run {
        return Ok(());
    }
    update.changeset.into_edit().apply(&mut project).context("replacing the text")?;
    project.mark_modified();
    store::save(path, &project, Some(&loaded.fingerprint), Overwrite::IfUnchanged)?;
    writeln!(out, "saved {}", path.display())?;
    Ok(())
}
