//! `claimlens export P.claimlens.ron --format FORMAT [-o PATH] [--with-originals]`: writes an
//! export to a file, a folder (brat) or standard output, and the archived original pages beside it.

use crate::formats::{ExportFormat, ExportOptions, ExportOutput, export_with};
use crate::store;
use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;

/// Runs the subcommand, writing the export (or its report) to `out`.
pub(super) fn run(
    path: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    force: bool,
    options: &ExportOptions,
    with_originals: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let project = store::load(path)?.project;
    let result = export_with(&project, format, options).with_context(|| format!("exporting {} as {format}", path.display()))?;
    match (result, output) {
        (ExportOutput::Text(_), None) if with_originals => bail!("--with-originals writes files: give the export's file with -o"),
        (ExportOutput::Text(text), None) => out.write_all(text.as_bytes())?,
        (ExportOutput::Files(_), None) => bail!("{format} writes a folder of files: give it with -o FOLDER"),
        (result, Some(target)) => {
            let inputs = vec![path.to_owned()];
            let replace = match result {
                ExportOutput::Text(_) => store::OutputOptions { existing: store::Existing::Replace, inputs },
                ExportOutput::Files(_) => store::OutputOptions::refuse_unless(force, inputs),
            };
            for warning in crate::formats::export_warnings(&project, format) {
                writeln!(out, "  warning: {warning}")?;
            }
            let n = store::write_export(target, &result, &replace)?;
            writeln!(out, "wrote {n} file{} to {}", if n == 1 { "" } else { "s" }, target.display())?;
            if with_originals {
                let dir = store::archive::originals_dir(target, format.is_folder());
                let n = store::archive::export_originals(Some(path), &project, &dir, &replace)?;
                writeln!(out, "wrote {n} original page{} to {}", if n == 1 { "" } else { "s" }, dir.display())?;
            }
        }
    }
    Ok(())
}
