//! `claimlens merge BASE OURS THEIRS -o OUT` and `claimlens merge-driver %O %A %B %P` (git's
//! merge driver: the result written over %A): a three-way merge by id ([`crate::ops::merge`]).
//! Exit status 1 while conflicts remain, each listed; the merged file is always a valid project.

use crate::ops::merge::{Merged, merge};
use crate::store::{self, Overwrite};
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;

/// Merges and saves the result to `output` (never over an input).
pub(super) fn run(base: &Path, ours: &Path, theirs: &Path, output: &Path, out: &mut dyn Write) -> Result<()> {
    if let Some(input) = [base, ours, theirs].into_iter().find(|f| store::same_file(f, output)) {
        bail!("{}: is an input of this command; not overwritten", input.display());
    }
    let merged = merged(base, ours, theirs)?;
    store::save(output, &merged.project, None, Overwrite::Force)?;
    writeln!(out, "wrote {}", output.display())?;
    report(&merged, output, out)
}

/// git's merge driver: merges %O (base), %A (ours) and %B (theirs) and writes the result over
/// %A (no backup beside it: git keeps the versions); `name` is the path in the repository (%P).
pub(super) fn run_driver(base: &Path, ours: &Path, theirs: &Path, name: &str, out: &mut dyn Write) -> Result<()> {
    let merged = merged(base, ours, theirs).with_context(|| format!("merging {name}"))?;
    let text = store::to_ron(&merged.project)?;
    store::write_atomically(ours, text.as_bytes())?;
    report(&merged, Path::new(name), out)
}

fn merged(base: &Path, ours: &Path, theirs: &Path) -> Result<Merged> {
    let load = |path: &Path| store::load(path).map(|l| l.project).with_context(|| format!("reading {}", path.display()));
    Ok(merge(&load(base)?, &load(ours)?, &load(theirs)?)?)
}

/// Lists the conflicts; an error (exit status 1) while any remain.
fn report(merged: &Merged, path: &Path, out: &mut dyn Write) -> Result<()> {
    if merged.conflicts.is_empty() {
        writeln!(out, "{}: merged without conflicts", path.display())?;
        return Ok(());
    }
    for conflict in &merged.conflicts {
        writeln!(out, "{}: conflict: {conflict}", path.display())?;
    }
    bail!(
        "{}: {} conflicts kept in the merged project (theirs beside ours: annotations, claims and relations as copies \
         with the attribute `{}`, labels, sources, document details and the title in the project's `conflicts`); \
         settle them in the window (File → Merge Conflicts…) and save",
        path.display(),
        merged.conflicts.len(),
        crate::ops::merge::CONFLICT_ATTRIBUTE
    )
}
