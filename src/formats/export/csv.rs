//! CSV export: one row per claim, for spreadsheets.
//!
//! RFC 4180 (CRLF between records, fields with commas, quotes or line breaks quoted, quotes
//! doubled) in UTF-8 with a byte-order mark, so that spreadsheet programs that guess the
//! encoding (Excel) read non-ASCII text correctly. Offsets are code points, end exclusive.

use super::ExportError;
use super::shared::{claim_text, content_span, cue_text, document_name, full_chain_text, source_names, via_of};
use crate::anchor::TextIndex;
use crate::model::Project;

/// The header row.
pub const COLUMNS: [&str; 16] = [
    "document",
    "claim_id",
    "claim_text",
    "cue",
    "sources",
    "via",
    "chain",
    "verdict",
    "event_date",
    "said_on",
    "start",
    "end",
    "note",
    "annotation_ids",
    "origin",
    "appearances",
];

/// The UTF-8 byte-order mark that starts the file.
pub const BOM: &str = "\u{feff}";

/// Writes one row per claim, documents in order.
pub fn export_csv(project: &Project) -> Result<String, ExportError> {
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for document in &project.documents {
        let index = TextIndex::new(&document.text);
        let name = document_name(document);
        for claim in &document.claims {
            let (start, end) =
                content_span(document, claim).map_or((String::new(), String::new()), |(s, e)| (s.to_string(), e.to_string()));
            let ids: Vec<&str> = claim.annotation_refs().map(crate::model::AnnotationId::as_str).collect();
            let via: Vec<&str> = via_of(project, claim).into_iter().map(|s| s.name.as_str()).collect();
            let [origin, appearances] = super::links::csv_cells(project, document, claim);
            writer.write_record([
                name.as_str(),
                claim.id.as_str(),
                &claim_text(document, &index, claim),
                &cue_text(document, &index, claim).unwrap_or_default(),
                &source_names(project, document, &index, claim).join("; "),
                &via.join("; "),
                &full_chain_text(project, claim),
                claim.verdict.as_str(),
                &claim.event_date.map(|d| d.to_string()).unwrap_or_default(),
                &claim.said_on.map(|d| d.to_string()).unwrap_or_default(),
                &start,
                &end,
                &claim.note,
                &ids.join(" "),
                &origin,
                &appearances,
            ])?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| ExportError::Csv(::csv::Error::from(e.into_error())))?;
    let text = String::from_utf8(bytes).map_err(|_| ExportError::NotUtf8)?;
    Ok(format!("{BOM}{text}"))
}
