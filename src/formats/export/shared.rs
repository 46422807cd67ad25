//! Helpers the exporters share: names, quotes, sources and chains of claims.

use crate::anchor::{FRAGMENT_SEPARATOR, TextIndex, exact_of};
use crate::model::{Annotation, Claim, Document, Project, Source};

/// A document's title, or its id when it has none.
pub(crate) fn document_name(document: &Document) -> String {
    if document.title.trim().is_empty() { document.id.to_string() } else { document.title.clone() }
}

/// What marks the kept quote of an orphan (an annotation that lost its place in the text).
pub const ORPHANED: &str = "(orphaned)";

/// The annotation's text: its exact text, or for an orphan its kept quote followed by
/// [`ORPHANED`] (when `marked`).
pub(crate) fn annotation_text(index: &TextIndex<'_>, a: &Annotation, marked: bool) -> String {
    match (a.ranges.is_empty(), marked) {
        (false, _) => exact_of(index, &a.ranges),
        (true, true) => format!("{} {ORPHANED}", a.quote.exact),
        (true, false) => a.quote.exact.clone(),
    }
}

/// The exact text of the claim's content annotations, joined by [`FRAGMENT_SEPARATOR`];
/// an orphaned one by its kept quote, marked [`ORPHANED`].
pub(crate) fn claim_text(document: &Document, index: &TextIndex<'_>, claim: &Claim) -> String {
    claim_text_with(document, index, claim, true)
}

/// [`claim_text`], with orphans' quotes `marked` or not.
pub(crate) fn claim_text_with(document: &Document, index: &TextIndex<'_>, claim: &Claim, marked: bool) -> String {
    let parts: Vec<String> =
        claim.content.iter().filter_map(|id| document.annotation(id)).map(|a| annotation_text(index, a, marked)).collect();
    parts.join(FRAGMENT_SEPARATOR)
}

/// The exact text of the claim's cue, if it has one (an orphan's quote, marked).
pub(crate) fn cue_text(document: &Document, index: &TextIndex<'_>, claim: &Claim) -> Option<String> {
    claim.cue.as_ref().and_then(|id| document.annotation(id)).map(|a| annotation_text(index, a, true))
}

/// The registered sources the claim is attributed to, in order.
pub(crate) fn sources_of<'p>(project: &'p Project, claim: &Claim) -> Vec<&'p Source> {
    claim.attributed_to.iter().filter_map(|id| project.source(id)).collect()
}

/// The claim's via chain, nearest first.
pub(crate) fn via_of<'p>(project: &'p Project, claim: &Claim) -> Vec<&'p Source> {
    claim.via.iter().filter_map(|id| project.source(id)).collect()
}

/// Names of the claim's sources, with the body each speaks for ("Pat Ryder (for Pentagon)");
/// the text of its source spans when none is registered.
pub(crate) fn source_names(project: &Project, document: &Document, index: &TextIndex<'_>, claim: &Claim) -> Vec<String> {
    let registered: Vec<String> = sources_of(project, claim).into_iter().map(|s| project.source_title(s)).collect();
    if !registered.is_empty() {
        return registered;
    }
    claim.source_spans.iter().filter_map(|id| document.annotation(id)).map(|a| annotation_text(index, a, true)).collect()
}

/// The via chain as one line: "Censor.NET ← Ukrinform ← G7 statement".
pub(crate) fn chain_text(project: &Project, claim: &Claim) -> String {
    via_of(project, claim).iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(" ← ")
}

/// The chain as the window shows it: the via sources, then the sources the claim is
/// attributed to ("Censor.NET ← Ukrinform ← G7 statement"), by [`Project::chain_names`].
pub(crate) fn full_chain_text(project: &Project, claim: &Claim) -> String {
    project.chain_names(claim).join(" ← ")
}

/// The title a report starts with: the project's, else (an untitled project) its first
/// document's ("… and 2 other documents" when there are more), else "claimlens report".
pub(crate) fn report_title(project: &Project) -> String {
    let own = project.title.trim();
    if !own.is_empty() && own != "Untitled" {
        return own.to_owned();
    }
    let Some(first) = project.documents.first().filter(|d| !d.title.trim().is_empty()) else {
        return if own.is_empty() { "claimlens report".to_owned() } else { own.to_owned() };
    };
    match project.documents.len().saturating_sub(1) {
        0 => first.title.trim().to_owned(),
        1 => format!("{} and 1 other document", first.title.trim()),
        n => format!("{} and {n} other documents", first.title.trim()),
    }
}

/// The char span of a claim's content: start of the first range, end of the last.
pub(crate) fn content_span(document: &Document, claim: &Claim) -> Option<(usize, usize)> {
    let anns: Vec<_> = claim.content.iter().filter_map(|id| document.annotation(id)).filter(|a| !a.ranges.is_empty()).collect();
    let start = anns.iter().map(|a| a.start()).min()?;
    let end = anns.iter().map(|a| a.end()).max()?;
    Some((start, end))
}
