//! `claimlens check-changes P.claimlens.ron [--apply]`: fetches the address of every document
//! that has one ([`crate::fetch::check_for_changes`]) and prints one line per document whose
//! article text changed; with `--apply`, updates each (annotations re-anchored, the old
//! version kept in its version list) and saves in place (the old file kept as `.bak`).

use crate::fetch::{FetchOptions, check_for_changes, document_url};
use crate::ops::reanchor::update_to_version;
use crate::store::{self, Overwrite};
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;

/// Runs the subcommand, writing its report to `out`.
pub(super) fn run(path: &Path, apply: bool, options: &FetchOptions, out: &mut dyn Write) -> Result<()> {
    let loaded = store::load(path)?;
    let mut project = loaded.project;
    let with_address: Vec<_> = project.documents.iter().filter(|d| document_url(d).is_some()).map(|d| d.id.clone()).collect();
    let (mut changed, mut failed) = (0, 0);
    for id in &with_address {
        let title = project.document(id).map(|d| d.title.clone()).unwrap_or_default();
        let version = match check_for_changes(&project, id, options) {
            Ok(Some(version)) => version,
            Ok(None) => continue,
            Err(e) => {
                failed += 1;
                writeln!(out, "{id} {title:?}: could not check: {e}")?;
                continue;
            }
        };
        changed += 1;
        let mut line = format!("{id} {title:?}: changed: {}", version.changes);
        if apply {
            let update = update_to_version(&project, &version).with_context(|| format!("updating {title:?}"))?;
            update.changeset.into_edit().apply(&mut project).with_context(|| format!("updating {title:?}"))?;
            line = format!("{line}; updated: {}", update.report);
        }
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{} documents checked, {changed} changed", with_address.len())?;
    if apply && changed > 0 {
        store::save(path, &project, Some(&loaded.fingerprint), Overwrite::IfUnchanged)?;
        writeln!(out, "saved {}", path.display())?;
    }
    if failed > 0 {
        bail!("{failed} of {} documents could not be checked", with_address.len());
    }
    Ok(())
}
