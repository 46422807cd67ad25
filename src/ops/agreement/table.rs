//! The agreement table of two people's annotations as CSV (RFC 4180, UTF-8 with a byte-order
//! mark, like the claims CSV) and as Markdown: for each scope (all documents, then each document,
//! as `ops::compare::Comparison::scopes` lists them) one row per label, then attribution agreement.

use super::{Agreement, Matches};
use crate::formats::export::ExportError;
use crate::formats::export::csv::BOM;
use crate::formats::export::markdown::escape;
use std::fmt::Write;

/// The header row of the CSV.
pub const COLUMNS: [&str; 13] = [
    "scope",
    "label",
    "mine",
    "theirs",
    "exact_p",
    "exact_r",
    "exact_f1",
    "lenient_p",
    "lenient_r",
    "lenient_f1",
    "kappa",
    "alpha",
    "alpha_u",
];

fn figure(x: Option<f64>) -> String {
    x.map_or_else(String::new, |x| format!("{x:.3}"))
}

/// One row's cells: label, counts, P/R/F1 exact and lenient, κ, α, αu (blank where not defined).
fn rows(agreement: &Agreement) -> Vec<[String; 12]> {
    let mut out: Vec<[String; 12]> = agreement
        .labels
        .iter()
        .map(|(name, l)| {
            let (e, n) = (l.exact, l.lenient);
            [
                name.clone(),
                e.reference.to_string(),
                e.other.to_string(),
                figure(Some(e.precision())),
                figure(Some(e.recall())),
                figure(Some(e.f1())),
                figure(Some(n.precision())),
                figure(Some(n.recall())),
                figure(Some(n.f1())),
                figure(l.chars.kappa()),
                figure(l.chars.alpha()),
                figure(l.sections.alpha()),
            ]
        })
        .collect();
    let attribution = |name: &str, m: Matches| {
        let blank = String::new;
        [
            name.to_owned(),
            m.reference.to_string(),
            m.other.to_string(),
            figure(Some(m.precision())),
            figure(Some(m.recall())),
            figure(Some(m.f1())),
            blank(),
            blank(),
            blank(),
            blank(),
            blank(),
            blank(),
        ]
    };
    out.push(attribution("attributions (cue + content)", agreement.attributions.cue_content));
    out.push(attribution("attributions (+ source)", agreement.attributions.with_source));
    out
}

/// The agreement table as CSV.
pub fn agreement_csv(scopes: &[(String, &Agreement)]) -> Result<String, ExportError> {
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for (scope, agreement) in scopes {
        for row in rows(agreement) {
            writer.write_record(std::iter::once(scope.as_str()).chain(row.iter().map(String::as_str)))?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| ExportError::Csv(::csv::Error::from(e.into_error())))?;
    let text = String::from_utf8(bytes).map_err(|_| ExportError::NotUtf8)?;
    Ok(format!("{BOM}{text}"))
}

/// The agreement table as Markdown, `mine` being the reference and `theirs` compared with it.
pub fn agreement_markdown(scopes: &[(String, &Agreement)], mine: &str, theirs: &str) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "# Agreement of {} with {}\n", escape(theirs), escape(mine));
    let _ = writeln!(
        out,
        "{} is the reference: precision is how much of {}'s is also {}'s. κ and α are computed per character, αu per labelled section.\n",
        escape(mine),
        escape(theirs),
        escape(mine)
    );
    for (scope, agreement) in scopes {
        let _ = writeln!(out, "## {}\n", escape(scope));
        let _ = writeln!(
            out,
            "| label | {} | {} | exact P | exact R | exact F1 | lenient P | lenient R | lenient F1 | κ | α | αu |",
            escape(mine),
            escape(theirs)
        );
        let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for row in rows(agreement) {
            let cells: Vec<String> = row.iter().map(|c| if c.is_empty() { "–".to_owned() } else { escape(c) }).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }
    out
}
