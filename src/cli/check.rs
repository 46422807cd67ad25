//! `claimlens check P.claimlens.ron`: loads a project (checking every invariant) and prints a
//! line per document; an error (exit status 1) when it cannot be read or holds merge conflicts
//! not yet settled.

use crate::store;
use crate::text::count_of;
use anyhow::Result;
use std::io::Write;
use std::path::Path;

/// Runs the subcommand, writing its report to `out`.
pub(super) fn run(path: &Path, out: &mut dyn Write) -> Result<()> {
    let loaded = store::load(path)?;
    let p = &loaded.project;
    writeln!(
        out,
        "{}: {:?}, format version {}, {}, {}",
        path.display(),
        p.title,
        loaded.from_version,
        count_of(p.sources.len(), "source", "sources"),
        count_of(p.labels.len(), "label", "labels")
    )?;
    for repair in &loaded.repairs {
        writeln!(out, "  warning: {}: {repair}", path.display())?;
    }
    let conflicts = crate::ops::merge::settle::conflicts_in(p);
    for conflict in &conflicts {
        writeln!(out, "  merge conflict: {:?} ours: {}; theirs: {}", conflict.kind, conflict.ours, conflict.theirs)?;
    }
    for d in &p.documents {
        let sources: std::collections::BTreeSet<_> = d.claims.iter().flat_map(|c| c.attributed_to.iter()).collect();
        writeln!(
            out,
            "{}\t{:?}\t{}\t{}\t{}\t{}",
            d.id,
            d.title,
            count_of(d.annotations.len(), "annotation", "annotations"),
            count_of(d.claims.len(), "claim", "claims"),
            count_of(sources.len(), "source", "sources"),
            count_of(d.orphans().count(), "orphaned anchor", "orphaned anchors")
        )?;
    }
    // Like git with conflict markers: a project with a merge left unsettled is not done.
    if !conflicts.is_empty() {
        let n = count_of(conflicts.len(), "merge conflict", "merge conflicts");
        let them = if conflicts.len() == 1 { "it" } else { "them" };
        anyhow::bail!("{}: {n} left unsettled; settle {them} in the window (File → Merge Conflicts…) and save", path.display());
    }
    Ok(())
}
