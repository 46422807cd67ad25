//! `claimlens compare A.claimlens.ron B.claimlens.ron [--json]`: agreement of B with A as
//! reference ([`crate::ops::compare`]): per label and per document, and over all documents.

use crate::analysis::agreement::{Agreement, Matches};
use crate::ops::compare::compare;
use crate::store;
use anyhow::{Context, Result};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// Runs the subcommand, writing the report (a table, or one JSON object) to `out`.
pub(super) fn run(a: &Path, b: &Path, as_json: bool, out: &mut dyn Write) -> Result<()> {
    let pa = store::load(a).with_context(|| format!("reading {}", a.display()))?.project;
    let pb = store::load(b).with_context(|| format!("reading {}", b.display()))?.project;
    let comparison = compare(&pa, &pb);
    if as_json {
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
    writeln!(out, "all {} paired documents (reference {}):", comparison.documents.len(), a.display())?;
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
