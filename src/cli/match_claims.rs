//! `claimlens match P.claimlens.ron [--apply] [--spans] [--threshold X]`: the claims of
//! different documents that are the same claim (quotes shared verbatim or near verbatim,
//! paraphrases with the same entities, numbers and dates), one line per pair: score, kind, the
//! later document and its claim, the earlier document and its claim. `--spans` also matches the
//! suggested attributions of documents that have no claims yet.

use crate::formats::text::shorten;
use crate::model::{DocumentId, Project};
use crate::ops::matching::{Appearance, LinkProposal, accept_links, propose_links};
use crate::store;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Longest claim text printed, in chars.
const TEXT_CHARS: usize = 100;

/// A document as a line names it: the file it came from, else its title, else its id.
pub fn document_name(project: &Project, id: &DocumentId) -> String {
    let Some(d) = project.document(id) else { return id.to_string() };
    if let Some(file) = d.origin.as_ref().and_then(|o| o.file_name.as_ref()) {
        return file.clone();
    }
    if d.title.trim().is_empty() { id.to_string() } else { shorten(&d.title, 40) }
}

fn side(project: &Project, a: &Appearance) -> String {
    let text = shorten(&a.text.split_whitespace().collect::<Vec<_>>().join(" "), TEXT_CHARS);
    format!("{} \u{201c}{text}\u{201d}", document_name(project, &a.document))
}

/// One printed line: `0.97 verbatim LATER “…” <- EARLIER “…”`.
pub fn pair_line(project: &Project, p: &LinkProposal) -> String {
    format!("{:.2} {} {} <- {}", p.score, p.kind.as_str(), side(project, &p.from), side(project, &p.to))
}

/// Runs the subcommand.
pub(super) fn run(path: &Path, apply: bool, spans: bool, threshold: f32, out: &mut dyn Write) -> Result<()> {
    let loaded = store::load(path)?;
    let project = loaded.project.clone();
    let proposals = propose_links(&project, threshold, spans);
    for p in &proposals {
        writeln!(out, "{}", pair_line(&project, p))?;
    }
    writeln!(out, "{} pairs at score {threshold} or more", proposals.len())?;
    if !apply || proposals.is_empty() {
        return Ok(());
    }
    let mut project = project;
    let changeset = accept_links(&project, &proposals).context("linking the pairs")?;
    changeset.into_edit().apply(&mut project).context("linking the pairs")?;
    store::save(path, &project, Some(&loaded.fingerprint), store::Overwrite::IfUnchanged)?;
    writeln!(out, "linked {} pairs; saved {}", proposals.len(), path.display())?;
    Ok(())
}
