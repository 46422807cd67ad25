//! Citation chains: through whom an article knows each claim. The citations a text states ("X
//! reports, citing Y"; "a statement by Z published on W's website") are read as one chain from
//! the outlet that published the article (the document's outlet, else the one source that cites
//! without being cited) down to the claim's source. A chain stated in the report covers the
//! paragraphs that continue it, up to a paragraph that opens the outlet's own background
//! ("Earlier, …", "Previously, …"), a link line or a heading; claims after that are known through
//! the outlet alone. Pure: names and char offsets in, names out.

use super::preannotate::CitationLink;
use super::source_merge::same_actor;
use crate::anchor::CharRange;
use crate::edit::changeset::same_source_name;
use crate::model::SourceKind;
use crate::text::source_kind::guess_kind;

/// Words that open a paragraph of the outlet's own background reporting.
const BACKGROUND_OPENERS: &[&str] = &["earlier", "previously", "recall", "as a reminder", "background", "in the past"];

/// Longest chain followed, against cycles in what the text states.
const MAX_CHAIN: usize = 6;

/// The char range of the report that holds `pos`: from the start of the text or of the last
/// paragraph at or before `pos` that opens background reporting or is no reporting (`skipped`:
/// link lines, headings, bylines, captions, datelines), up to the start of the first such
/// paragraph after `pos` (the text's end if none).
pub fn report_bounds(text: &str, skipped: &[CharRange], pos: usize) -> (usize, usize) {
    let mut start = 0;
    let mut report_start = 0;
    for line in text.split('\n') {
        let len = line.chars().count();
        let is_break = opens_background(line) || skipped.iter().any(|r| (start..=start + len).contains(&r.start));
        if is_break && start > pos {
            return (report_start, start);
        }
        if is_break {
            report_start = start;
        }
        start += len + 1;
    }
    (report_start, start)
}

/// Whether a paragraph opens the outlet's own background reporting ("Earlier, …").
fn opens_background(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    BACKGROUND_OPENERS.iter().any(|o| lower.strip_prefix(o).is_some_and(|rest| rest.starts_with([',', ' '])))
}

/// Whether a source of that name is a press outlet or news agency.
pub fn is_press(name: &str) -> bool {
    matches!(guess_kind(name), SourceKind::Outlet | SourceKind::NewsAgency)
}

/// The root of the stated citations: `outlet` when given, else a citing name that no link cites,
/// an outlet or news agency by its name first.
pub fn chain_root(outlet: Option<&str>, links: &[CitationLink]) -> Option<String> {
    if let Some(o) = outlet.filter(|o| !o.trim().is_empty()) {
        return Some(o.to_owned());
    }
    let roots: Vec<&CitationLink> =
        links.iter().filter(|l| !links.iter().any(|m| same_source_name(&m.cited, &l.citing))).collect();
    let press = |l: &&&CitationLink| is_press(&l.citing);
    roots.iter().find(press).or(roots.first()).map(|l| l.citing.clone())
}

/// The chain, nearest first, through which a claim of `source` is known: the root, then whom it
/// cites, and so on, then what relays the source itself (its statement: "a statement by the
/// ministers published on …"); never the source itself. `links` are the citations covering the
/// claim.
pub fn chain_for(root: &str, links: &[CitationLink], source: Option<&str>) -> Vec<String> {
    let is_source = |n: &str| source.is_some_and(|s| same_actor(s, n));
    let mut chain = vec![root.to_owned()];
    let mut current = root.to_owned();
    while chain.len() < MAX_CHAIN {
        let next =
            links.iter().find(|l| same_source_name(&l.citing, &current) && !chain.iter().any(|c| same_source_name(c, &l.cited)));
        let Some(next) = next else { break };
        if is_source(&next.cited) {
            break;
        }
        chain.push(next.cited.clone());
        current.clone_from(&next.cited);
    }
    if let Some(s) = source {
        for l in links.iter().filter(|l| same_actor(&l.cited, s) && !is_source(&l.citing)) {
            if chain.len() < MAX_CHAIN && !chain.iter().any(|c| same_source_name(c, &l.citing)) {
                chain.push(l.citing.clone());
            }
        }
    }
    chain.retain(|c| !is_source(c));
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(a: &str, b: &str) -> CitationLink {
        CitationLink { citing: a.into(), cited: b.into() }
    }

    #[test]
    fn chain_runs_from_the_outlet_to_the_publisher_of_the_statement() {
        let statement = "Statement on the website of the Japanese Foreign Ministry";
        let links = [
            link(statement, "the ministers"),
            link("Japanese Foreign Ministry", statement),
            link("Censor.NET", "Ukrinform"),
            link("Ukrinform", statement),
        ];
        let root = chain_root(None, &links).unwrap();
        assert_eq!(root, "Censor.NET");
        let ministers = "The foreign ministers of the Group of Seven";
        assert_eq!(chain_for(&root, &links, Some(ministers)), ["Censor.NET", "Ukrinform", statement]);
        assert_eq!(chain_for(&root, &links, Some("Ukrinform")), ["Censor.NET"]);
        // Without the report's tie to the statement, the statement still relays its author.
        assert_eq!(chain_for(&root, &links[..3], Some(ministers)), ["Censor.NET", "Ukrinform", statement]);
    }

    #[test]
    fn background_paragraphs_and_headings_end_the_report() {
        let text = "A said x, Outlet reports citing B.\nMore text here that goes on and on, it said.\nEarlier, C said y.";
        let (start, end) = report_bounds(text, &[], 3);
        assert_eq!(start, 0);
        assert_eq!(text.chars().skip(end).collect::<String>(), "Earlier, C said y.");
        assert_eq!(report_bounds(text, &[], end + 2), (end, text.chars().count() + 1));
        let text = "A said x.\nA heading\nC said y.";
        let skipped: Vec<CharRange> = crate::text::apparatus::structure(text).into_iter().map(|(r, _)| r).collect();
        assert_eq!(report_bounds(text, &skipped, 0), (0, 10));
    }
}
