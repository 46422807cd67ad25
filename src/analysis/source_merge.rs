//! One source for one actor: the suggester names the same actor many ways ("The foreign
//! ministers of the Group of Seven countries …", "The ministers", "the Group of Seven
//! ministers", "Officials of these countries"). Mentions that share a head noun, or that point
//! back ("these countries", "the statement"), take the name of the nearest earlier fitting
//! source, so accepting them registers one source.

use super::preannotate::{Proposal, ProposalKind};
use crate::edit::changeset::{same_source_name, source_goes_by};
use crate::model::{Document, Project, Source};

/// Words that point back to an actor named before.
const POINTING: &[&str] = &["these", "those", "this", "such"];

/// Document nouns that, after "the", stand for the statement of the actor named before.
const DOCUMENT_NOUNS: &[&str] = &["statement", "declaration", "communique", "communiqué", "letter", "release"];

/// Common nouns that are too general to identify an actor by.
const VAGUE_HEADS: &[&str] = &["people", "sources", "source", "others", "group", "country", "countries", "side"];

/// The common-noun heads of a name: its last word, and the last word before its first "of".
fn heads(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let before_of = words.iter().position(|w| w.eq_ignore_ascii_case("of")).and_then(|i| i.checked_sub(1));
    [words.len().checked_sub(1), before_of]
        .into_iter()
        .flatten()
        .filter_map(|i| words.get(i))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() > 3 && w.chars().all(char::is_lowercase) && !VAGUE_HEADS.contains(w))
        .map(str::to_owned)
        .collect()
}

/// Whether two names are of one actor by name: the same name, or a shared common-noun head.
pub fn same_actor(a: &str, b: &str) -> bool {
    same_source_name(a, b) || {
        let hb = heads(b);
        heads(a).iter().any(|h| hb.contains(h))
    }
}

fn points_back(name: &str) -> bool {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let document = matches!(words.as_slice(), [the, noun] if the == "the" && DOCUMENT_NOUNS.contains(&noun.as_str()));
    document || words.iter().any(|w| POINTING.contains(&w.as_str()))
}

/// Renames the sources of attribution proposals (in text order) to the nearest earlier source of
/// the same actor; the mention as written stays the proposal's Source span. Returns the names
/// kept, for [`rename_links`].
pub fn merge_sources(proposals: &mut [Proposal]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for p in proposals.iter_mut().filter(|p| p.kind == ProposalKind::Attribution) {
        let Some(name) = p.source_name.clone() else { continue };
        let mine = heads(&name);
        let fitting = seen.iter().rev().find(|s| heads(s).iter().any(|h| mine.contains(h))).cloned();
        let canonical = fitting.or_else(|| if points_back(&name) { seen.last().cloned() } else { None });
        match canonical {
            Some(c) if !same_source_name(&c, &name) => {
                p.summary = p.summary.replacen(&name, &c, 1);
                p.source_name = Some(c.clone());
                seen.retain(|s| s != &c);
                seen.push(c);
            }
            _ => {
                seen.retain(|s| !same_source_name(s, &name));
                seen.push(name);
            }
        }
    }
    seen
}

/// Renames each attribution proposal's source to the registered source of the same actor that the
/// document's claims already name (by its name or an alias: "the ministers" becomes the user's
/// "G7 foreign ministers" when that source goes by a name with the same head), so accepting
/// prefers an existing source over a new one. A name some source already goes by is left alone.
pub fn prefer_registered(project: &Project, document: &Document, proposals: &mut [Proposal]) {
    let known: Vec<&Source> =
        document.claims.iter().flat_map(|c| c.attributed_to.iter().chain(&c.via)).filter_map(|id| project.source(id)).collect();
    if known.is_empty() {
        return;
    }
    for p in proposals.iter_mut().filter(|p| p.kind == ProposalKind::Attribution) {
        let Some(name) = p.source_name.clone() else { continue };
        if project.sources.iter().any(|s| source_goes_by(s, &name)) {
            continue;
        }
        let same = |s: &&&Source| std::iter::once(&s.name).chain(&s.aliases).any(|n| same_actor(n, &name));
        if let Some(s) = known.iter().find(same) {
            p.summary = p.summary.replacen(&name, &s.name, 1);
            p.source_name = Some(s.name.clone());
        }
    }
}

/// Renames the citing and cited names of every proposal's citation links to the kept name of
/// the same actor, so a link stated with another mention ("a statement by the ministers") joins
/// the actor's one source.
pub fn rename_links(proposals: &mut [Proposal], kept: &[String]) {
    let rename = |name: &mut String| {
        if let Some(k) = kept.iter().find(|k| same_actor(k, name)) {
            name.clone_from(k);
        }
    };
    for link in proposals.iter_mut().flat_map(|p| p.citations.iter_mut()) {
        rename(&mut link.citing);
        rename(&mut link.cited);
    }
}

#[cfg(test)]
mod tests {
    use super::{heads, points_back};

    #[test]
    fn heads_and_pointing_back() {
        assert_eq!(heads("The foreign ministers of the Group of Seven countries"), ["ministers"]);
        assert_eq!(heads("the Group of Seven ministers"), ["ministers"]);
        assert!(heads("Pentagon spokesman Pat Ryder").is_empty());
        assert!(points_back("Officials of these countries"));
        assert!(points_back("the statement"));
        assert!(!points_back("the Pentagon"));
    }
}
