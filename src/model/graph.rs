//! The citation graph of a source registry (who cites whom), checked in time linear in the
//! number of sources and citations, however long the chains.

use super::{Source, SourceId};
use std::collections::HashMap;

/// The first citation or body spoken for (in registry order) of a source that is not in the
/// registry: the referring source and the missing id.
pub fn find_missing_cite(sources: &[Source]) -> Option<(SourceId, SourceId)> {
    let ids: std::collections::HashSet<&SourceId> = sources.iter().map(|s| &s.id).collect();
    sources.iter().find_map(|s| s.cites.iter().chain(&s.speaks_for).find(|c| !ids.contains(c)).map(|c| (s.id.clone(), c.clone())))
}

/// Where a source stands in the depth-first search.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Colour {
    /// Not reached yet.
    White,
    /// On the current path.
    Grey,
    /// Done: no cycle through it.
    Black,
}

/// A source that lies on a cycle of `cites` (a source citing itself, directly or through
/// others), or `None`. One iterative depth-first pass with colours: every source and citation
/// is looked at once, and no recursion, so a chain of any length neither takes quadratic time
/// nor overflows the stack. Citations of sources not in the registry are ignored here (see
/// [`find_missing_cite`]).
pub fn find_cite_cycle(sources: &[Source]) -> Option<SourceId> {
    let index: HashMap<&SourceId, usize> = sources.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
    let edges: Vec<Vec<usize>> = sources.iter().map(|s| s.cites.iter().filter_map(|c| index.get(c).copied()).collect()).collect();
    let mut colour = vec![Colour::White; sources.len()];
    // The current path: a source and how many of its citations were followed.
    let mut path: Vec<(usize, usize)> = Vec::new();
    for root in 0..sources.len() {
        if colour.get(root) != Some(&Colour::White) {
            continue;
        }
        path.push((root, 0));
        if let Some(c) = colour.get_mut(root) {
            *c = Colour::Grey;
        }
        while let Some((node, followed)) = path.last_mut() {
            let node = *node;
            let Some(&cited) = edges.get(node).and_then(|c| c.get(*followed)) else {
                if let Some(c) = colour.get_mut(node) {
                    *c = Colour::Black;
                }
                path.pop();
                continue;
            };
            *followed += 1;
            match colour.get(cited) {
                Some(Colour::Grey) => return sources.get(cited).map(|s| s.id.clone()),
                Some(Colour::White) => {
                    if let Some(c) = colour.get_mut(cited) {
                        *c = Colour::Grey;
                    }
                    path.push((cited, 0));
                }
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str, cites: &[&str]) -> Source {
        let mut s = Source::new(id, super::super::SourceKind::default());
        s.id = SourceId(id.into());
        s.cites = cites.iter().map(|c| SourceId((*c).into())).collect();
        s
    }

    #[test]
    fn cycles_are_found_and_chains_and_diamonds_are_not_cycles() {
        let diamond = [source("a", &["b", "c"]), source("b", &["d"]), source("c", &["d"]), source("d", &[])];
        assert_eq!(find_cite_cycle(&diamond), None);
        let looped = [source("a", &["b"]), source("b", &["c"]), source("c", &["a"]), source("x", &[])];
        assert!(find_cite_cycle(&looped).is_some());
        assert_eq!(find_cite_cycle(&[source("s", &["s"])]), Some(SourceId("s".into())));
        // A cycle reached only from a later root, behind finished sources.
        let late = [source("a", &["b"]), source("b", &[]), source("c", &["d"]), source("d", &["b", "c"])];
        assert!(matches!(find_cite_cycle(&late), Some(id) if id.0 == "c" || id.0 == "d"));
    }

    #[test]
    fn a_long_chain_is_checked_without_recursion() {
        let n = 200_000;
        let chain: Vec<Source> = (0..n).map(|i| source(&format!("s{i}"), &[&format!("s{}", i + 1)])).collect();
        assert_eq!(find_cite_cycle(&chain), None);
        assert_eq!(find_missing_cite(&chain), Some((SourceId(format!("s{}", n - 1)), SourceId(format!("s{n}")))));
    }

    #[test]
    fn missing_citations_are_named() {
        let sources = [source("a", &["b"]), source("b", &["zz"])];
        assert_eq!(find_missing_cite(&sources), Some((SourceId("b".into()), SourceId("zz".into()))));
    }
}
