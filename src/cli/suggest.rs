//! `claimlens suggest TEXT... -o DIR`: the attribution suggester over many article files, one
//! brat `.ann` per `.txt`, in parallel, keeping going past bad files. `claimlens suggest
//! P.claimlens.ron --apply [--doc ID]` accepts every suggestion into a project's documents
//! ([`crate::ops::suggestions::accept_suggestions`], one undoable batch per document, never over
//! the user's annotations) and saves it; `--dry-run` lists what would be added.

use crate::analysis::attribution::{suggest, to_brat};
use crate::store;
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// One file to process: the input and the `.ann` to write.
struct Job {
    input: PathBuf,
    output: PathBuf,
}

/// Expands the inputs (files, or folders whose `*.txt` are taken) into jobs, reporting what
/// cannot be listed or would be written twice.
fn jobs(inputs: &[PathBuf], dir: &Path, failures: &mut Vec<String>) -> Vec<Job> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            match store::text_files_in(input) {
                Ok(found) if found.is_empty() => failures.push(format!("{}: no .txt files in this folder", input.display())),
                Ok(found) => files.extend(found),
                Err(e) => failures.push(e.to_string()),
            }
        } else {
            files.push(input.clone());
        }
    }
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut out = Vec::new();
    for input in files {
        let Some(stem) = input.file_stem() else {
            failures.push(format!("{}: not a file name", input.display()));
            continue;
        };
        let mut name = stem.to_os_string();
        name.push(".ann");
        let output = dir.join(name);
        if let Some(first) = seen.get(&output) {
            if first != &input {
                failures.push(format!(
                    "{}: skipped, {} is already written for {}",
                    input.display(),
                    output.display(),
                    first.display()
                ));
            }
            continue;
        }
        seen.insert(output.clone(), input.clone());
        out.push(Job { input, output });
    }
    out
}

fn run_job(job: &Job, force: bool) -> Result<usize, String> {
    // Strict UTF-8: a corpus run reports a file in another encoding rather than guessing.
    let text = store::read_text(&job.input).map_err(|e| e.to_string())?;
    let suggestions = suggest(&text);
    let ann = to_brat(&text, &suggestions);
    let options = store::OutputOptions::refuse_unless(force, vec![job.input.clone()]);
    store::write_output(&job.output, ann.as_bytes(), &options).map_err(|e| e.to_string())?;
    Ok(suggestions.attributions.len())
}

/// Writes `DIR/NAME.ann` for every input `NAME.txt`. Bad files are reported on standard error
/// as they come; the run fails at the end when any did.
/// An existing `.ann` is replaced only when `force` (keeping it as `NAME.ann.bak`).
pub fn run(inputs: &[PathBuf], dir: &Path, force: bool, out: &mut dyn Write) -> Result<()> {
    store::create_output_dir(dir)?;
    let mut failures = Vec::new();
    let jobs = jobs(inputs, dir, &mut failures);
    for f in &failures {
        eprintln!("claimlens suggest: {f}");
    }
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(Some(jobs.len() as u64), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} (ETA {eta}) {wide_msg}") {
        bar.set_style(style);
    }
    let results: Vec<Result<usize, String>> = jobs
        .par_iter()
        .map(|job| {
            bar.set_message(job.input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
            let r = run_job(job, force);
            if let Err(e) = &r {
                bar.suspend(|| eprintln!("claimlens suggest: {e}"));
            }
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let attributions: usize = results.iter().filter_map(|r| r.as_ref().ok()).sum();
    let written = results.iter().filter(|r| r.is_ok()).count();
    let failed = failures.len() + results.iter().filter(|r| r.is_err()).count();
    writeln!(out, "wrote {written} .ann files ({attributions} attributions) to {}", dir.display())?;
    if failed > 0 {
        bail!("{failed} of {} inputs failed (see the messages above)", failed + written);
    }
    Ok(())
}

/// The author written on annotations accepted from the command line.
const CLI_AUTHOR: &str = "claimlens suggest";

/// Accepts every suggestion into the documents of the project at `path` (only `doc` when
/// given) and saves it in place, or with `dry_run` lists what would be added.
pub(super) fn apply(path: &Path, doc: Option<&crate::model::DocumentId>, dry_run: bool, out: &mut dyn Write) -> Result<()> {
    use crate::analysis::preannotate::propose;
    use crate::ops::suggestions::accept_suggestions;
    let loaded = store::load(path)?;
    let mut project = loaded.project;
    let ids: Vec<_> = project.documents.iter().map(|d| d.id.clone()).filter(|id| doc.is_none_or(|d| d == id)).collect();
    if let Some(d) = doc
        && ids.is_empty()
    {
        bail!("{}: no document {d}", path.display());
    }
    let mut changed = 0;
    for id in ids {
        let proposals: Vec<_> = propose(&project, &id, CLI_AUTHOR)
            .proposals
            .into_iter()
            .filter(|p| !crate::ops::suggestions::is_applied(&project, p))
            .collect();
        if dry_run {
            for p in &proposals {
                writeln!(out, "  {id} {} {}: {}", p.kind.label(), p.id, p.summary)?;
            }
        }
        let changeset = accept_suggestions(&project, &id, &proposals, None);
        writeln!(out, "{id}: {} suggestions, {} edits", proposals.len(), changeset.edits().len())?;
        if dry_run || changeset.is_empty() {
            continue;
        }
        changeset.into_edit().apply(&mut project).with_context(|| format!("accepting the suggestions for {id}"))?;
        changed += 1;
    }
    if dry_run || changed == 0 {
        return Ok(());
    }
    project.mark_modified();
    store::save(path, &project, Some(&loaded.fingerprint), store::Overwrite::IfUnchanged)?;
    writeln!(out, "saved {}", path.display())?;
    Ok(())
}
