//! `claimlens compare A.claimlens.ron B.claimlens.ron [--json | --table csv|markdown |
//! --differences]`: agreement of B with A as reference ([`crate::ops::compare`]): per label and
//! per document, and over all documents; or the differences the window's Compare With… lists
//! ([`crate::ops::adjudicate`]).

use crate::ops::agreement::{Agreement, Matches};
use crate::ops::compare::compare;
use crate::store;
use anyhow::{Context, Result};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// What `compare` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// Tables for people.
    Tables,
    /// One JSON object.
    Json,
    /// The agreement table as CSV.
    Csv,
    /// The agreement table as Markdown.
    Markdown,
    /// One line per difference.
    Differences,
}

/// Runs the subcommand, writing the report (a table, or one JSON object) to `out`.
pub(super) fn run(a: &Path, b: &Path, report: Report, out: &mut dyn Write) -> Result<()> {
    let pa = store::load(a).with_context(|| format!("reading {}", a.display()))?.project;
    let pb = store::load(b).with_context(|| format!("reading {}", b.display()))?.project;
    let comparison = compare(&pa, &pb);
    let name = |p: &Path| p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned());
    match report {
        Report::Csv => {
            write!(out, "{}", crate::ops::agreement::table::agreement_csv(&comparison.scopes())?)?;
            return Ok(());
        }
        Report::Markdown => {
            let table = crate::ops::agreement::table::agreement_markdown(&comparison.scopes(), &name(a), &name(b));
            write!(out, "{table}")?;
            return Ok(());
        }
        Report::Differences => return write_differences(&pa, &pb, out),
        Report::Tables | Report::Json => {}
    }
    if report == Report::Json {
        let documents: Vec<Value> = comparison
            .documents
            .iter()
            .map(|d| {
                json!({"a": d.a.to_string(), "b": d.b.to_string(), "title": d.title, "paired_by": d.paired_by.as_str(),
                       "agreement": agreement_json(&d.agreement)})
            })
            .collect();
        let only = |ids: &[crate::model::DocumentId]| ids.iter().map(ToString::to_string).collect::<Vec<_>>();
        let report = json!({"total": agreement_json(&comparison.total), "documents": documents,
                            "only_a": only(&comparison.only_a), "only_b": only(&comparison.only_b)});
        writeln!(out, "{report}")?;
        return Ok(());
    }
    let paired = match comparison.documents.len() {
        1 => "the 1 paired document".to_owned(),
        n => format!("all {n} paired documents"),
    };
    writeln!(out, "{paired} (reference {}):", a.display())?;
    write_table(&comparison.total, out)?;
    for d in &comparison.documents {
        writeln!(out, "\n{} ({} / {}, paired by {}):", d.title, d.a, d.b, d.paired_by.as_str())?;
        write_table(&d.agreement, out)?;
    }
    for id in &comparison.only_a {
        writeln!(out, "only in {}: {id}", a.display())?;
    }
    for id in &comparison.only_b {
        writeln!(out, "only in {}: {id}", b.display())?;
    }
    Ok(())
}

/// One line per difference: kind, document, the text, and what each side says.
fn write_differences(pa: &crate::model::Project, pb: &crate::model::Project, out: &mut dyn Write) -> Result<()> {
    let diffs = crate::ops::adjudicate::differences(pa, pb);
    for d in &diffs.items {
        let title = pa.document(&d.doc).map_or("", |x| x.title.as_str());
        let quote = crate::formats::text::shorten(&d.quote, 80);
        writeln!(out, "{}\t{title}\t{quote}\tA: {}\tB: {}", d.kind.title(), d.mine_says, d.theirs_says)?;
    }
    for s in &diffs.skipped {
        writeln!(out, "skipped\t{}\t{}", s.title, s.reason)?;
    }
    writeln!(out, "{} differences", diffs.items.len())?;
    Ok(())
}

fn matches_json(m: Matches) -> Value {
    json!({"reference": m.reference, "other": m.other, "matched": m.matched,
           "p": m.precision(), "r": m.recall(), "f1": m.f1()})
}

/// The JSON object of one agreement: `labels.NAME.{exact,lenient,kappa,alpha}` and `attribution`.
pub fn agreement_json(agreement: &Agreement) -> Value {
    let labels: serde_json::Map<String, Value> = agreement
        .labels
        .iter()
        .map(|(name, l)| {
            let value = json!({"exact": matches_json(l.exact), "lenient": matches_json(l.lenient),
                               "kappa": l.chars.kappa(), "alpha": l.chars.alpha(),
                               "alpha_u": l.sections.alpha()});
            (name.clone(), value)
        })
        .collect();
    json!({"labels": labels, "attribution": {"cue+content": matches_json(agreement.attributions.cue_content),
                                              "cue+content+source": matches_json(agreement.attributions.with_source)}})
}

fn write_table(agreement: &Agreement, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "  {:12}{:>5}{:>5}  {:>20}  {:>20}  {:>6}{:>7}{:>7}",
        "label", "A", "B", "exact P/R/F1", "lenient P/R/F1", "κ", "α", "αu"
    )?;
    let figure = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |x| format!("{x:.3}"));
    for (name, l) in &agreement.labels {
        let (e, n) = (l.exact, l.lenient);
        writeln!(
            out,
            "  {name:12}{:>5}{:>5}  {:6.3}{:7.3}{:7.3}  {:6.3}{:7.3}{:7.3}  {:>6}{:>7}{:>7}",
            e.reference,
            e.other,
            e.precision(),
            e.recall(),
            e.f1(),
            n.precision(),
            n.recall(),
            n.f1(),
            figure(l.chars.kappa()),
            figure(l.chars.alpha()),
            figure(l.sections.alpha()),
        )?;
    }
    let (cc, ws) = (agreement.attributions.cue_content, agreement.attributions.with_source);
    writeln!(
        out,
        "  attributions  A {}  B {}  cue+content F1 {:.3}  +source F1 {:.3}",
        cc.reference,
        cc.other,
        cc.f1(),
        ws.f1()
    )?;
    Ok(())
}
