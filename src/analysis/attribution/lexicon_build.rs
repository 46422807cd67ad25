//! Building the cue and source-head lexicons (`data/cue_lexicon.tsv`, `data/source_heads.tsv`)
//! from annotated texts: per word, how often it is part of a Cue span (or ends a Source span) and
//! how often it occurs at all. The trainer featurises each training text with the lexicons of
//! the *other* texts (by folds), so that the tagger learns how far to trust the lexicon on a text
//! it has not counted, as at suggestion time.

use super::Token;
use super::tagger::{TAG_CUE, TAG_SOURCE, role_of};
use super::tokens::Kind;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Fewest hits a word needs to be written to a lexicon.
const MIN_HITS: u32 = 2;

/// Word counts of some texts: (hits, total) per lower-cased word, for cues and for source heads.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    cue: HashMap<String, (u32, u32)>,
    head: HashMap<String, (u32, u32)>,
}

impl Counts {
    /// Counts one text given its tokens and gold model tags.
    pub fn add(&mut self, chars: &[char], toks: &[Token], tags: &[usize]) {
        for (k, t) in toks.iter().enumerate() {
            if t.kind != Kind::Word {
                continue;
            }
            let word: String = chars.get(t.start..t.end).unwrap_or(&[]).iter().flat_map(|c| c.to_lowercase()).collect();
            let role = tags.get(k).copied().map_or(0, role_of);
            // A source's head: its last word (the next word token is no longer in the source).
            let next_word = (k + 1..toks.len()).find(|&j| toks.get(j).is_some_and(|x| x.kind == Kind::Word));
            let source_continues = next_word
                .is_some_and(|j| tags.get(j).copied().is_some_and(|g| role_of(g) == TAG_SOURCE && !super::tagger::begins(g)));
            let head = role == TAG_SOURCE && !source_continues;
            let c = self.cue.entry(word.clone()).or_default();
            c.0 += u32::from(role == TAG_CUE);
            c.1 += 1;
            let h = self.head.entry(word).or_default();
            h.0 += u32::from(head);
            h.1 += 1;
        }
    }

    /// Adds (`sign` 1) or takes away (`sign` -1) another set of counts.
    pub fn merge(&mut self, other: &Counts, sign: i64) {
        let apply = |into: &mut HashMap<String, (u32, u32)>, from: &HashMap<String, (u32, u32)>| {
            for (w, &(h, t)) in from {
                let e = into.entry(w.clone()).or_default();
                e.0 = (i64::from(e.0) + sign * i64::from(h)).max(0) as u32;
                e.1 = (i64::from(e.1) + sign * i64::from(t)).max(0) as u32;
            }
        };
        apply(&mut self.cue, &other.cue);
        apply(&mut self.head, &other.head);
    }

    /// The cue lexicon file.
    pub fn cue_tsv(&self) -> String {
        tsv(&self.cue, "# Cue words: how often each word is part of a Cue span")
    }

    /// The source-head lexicon file.
    pub fn head_tsv(&self) -> String {
        tsv(&self.head, "# Source heads: how often each word is the last word of a Source span")
    }
}

/// Words with at least [`MIN_HITS`] hits, most hits first, then by word.
fn tsv(map: &HashMap<String, (u32, u32)>, title: &str) -> String {
    let mut rows: Vec<(&String, &(u32, u32))> = map.iter().filter(|(_, (h, _))| *h >= MIN_HITS).collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
    let mut out = format!("{title}\n# word\thits\ttotal occurrences in PolNeAR train\n");
    for (w, (h, t)) in rows {
        let _ = writeln!(out, "{w}\t{h}\t{t}");
    }
    out
}
