//! Unit tests of re-anchoring and its algorithms.

use super::myers::{levenshtein, myers};
use super::*;
use crate::anchor::CharRange;
use crate::model::Annotation;
use proptest::prelude::*;

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn ann(text: &str, start: usize, end: usize) -> Annotation {
    let idx = TextIndex::new(text);
    Annotation::new(&idx, "Claim", vec![CharRange::new(start, end)], "t")
}

fn place(old: &str, a: &Annotation, new: &str) -> (Vec<CharRange>, Placement) {
    let (out, report) = reanchor(old, std::slice::from_ref(a), new);
    (out[0].ranges.clone(), report.placements[0].1)
}

#[test]
fn myers_agrees_with_levenshtein() {
    for (p, t) in [("said", "he said so"), ("abcdef", "xxabdefyy"), ("kitten", "sitting")] {
        let (p, t) = (chars(p), chars(t));
        let best = myers_search(&p, &t).into_iter().min().unwrap();
        let naive =
            (0..=t.len()).flat_map(|i| (i..=t.len()).map(move |j| (i, j))).map(|(i, j)| levenshtein(&p, &t[i..j])).min().unwrap();
        assert_eq!(best, naive);
    }
}

proptest! {
    #[test]
    fn myers_multiword_agrees_with_dp(p in "[ab]{1,150}", t in "[abc]{0,200}") {
        let (p, t) = (chars(&p), chars(&t));
        let fast = myers_search(&p, &t);
        // Sellers' DP: first row zero.
        let mut col: Vec<usize> = (0..=p.len()).collect();
        for (j, tc) in t.iter().enumerate() {
            let mut next = vec![0; p.len() + 1];
            for i in 1..=p.len() {
                next[i] = (col[i - 1] + usize::from(p[i - 1] != *tc)).min(col[i] + 1).min(next[i - 1] + 1);
            }
            prop_assert_eq!(fast[j], next[p.len()]);
            col = next;
        }
        // Anchored: the distance to every prefix of the text.
        let anchored = myers(&p, &t, true);
        for j in 0..t.len() {
            prop_assert_eq!(anchored[j], levenshtein(&p, &t[..=j]));
        }
    }

    #[test]
    fn diff_runs_cover_only_equal_chars(a in "[abc\n]{0,80}", b in "[abc\n]{0,80}") {
        let (a, b) = (chars(&a), chars(&b));
        let runs = diff_runs(&a, &b, 1000).unwrap();
        let mut equal = 0;
        let (mut pa, mut pb) = (0, 0);
        for (x, y, n) in runs {
            prop_assert!(x >= pa && y >= pb);
            prop_assert_eq!(&a[x..x + n], &b[y..y + n]);
            pa = x + n;
            pb = y + n;
            equal += n;
        }
        // A shortest edit script keeps a longest common subsequence.
        prop_assert_eq!(a.len() + b.len() - 2 * equal, a.len() + b.len() - 2 * lcs(&a, &b));
    }
}

fn lcs(a: &[char], b: &[char]) -> usize {
    let mut t = vec![vec![0; b.len() + 1]; a.len() + 1];
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            t[i][j] = if a[i - 1] == b[j - 1] { t[i - 1][j - 1] + 1 } else { t[i - 1][j].max(t[i][j - 1]) };
        }
    }
    t[a.len()][b.len()]
}

#[test]
fn unchanged_text_keeps_everything() {
    let text = "One line.\nThe minister said so.\nAnother.";
    let a = ann(text, 14, 22);
    assert_eq!(place(text, &a, text), (vec![CharRange::new(14, 22)], Placement::Exact));
}

#[test]
fn moved_paragraph_carries_its_annotations() {
    let old = "First paragraph here.\nSecond one, where the minister said so.\nThird.";
    let new = "Third.\nA new paragraph.\nSecond one, where the minister said so.\nFirst paragraph here.";
    let start = old.find("minister").unwrap();
    let a = ann(old, start, start + 8);
    let ns = new.find("minister").unwrap();
    assert_eq!(place(old, &a, new), (vec![CharRange::new(ns, ns + 8)], Placement::Exact));
}

#[test]
fn edited_quote_lands_on_its_edited_span() {
    let old = "Intro.\nThe foreign ministers of the G7 condemned the deployment strongly today.\nEnd.";
    let new = "Intro.\nThe foreign ministers of the G7 firmly condemned the deployment strongly today.\nEnd.";
    let q = "ministers of the G7 condemned the deployment";
    let s = old.find(q).unwrap();
    let a = ann(old, s, s + q.len());
    let nq = "ministers of the G7 firmly condemned the deployment";
    let ns = new.find(nq).unwrap();
    assert_eq!(place(old, &a, new), (vec![CharRange::new(ns, ns + nq.len())], Placement::Fuzzy));
}

#[test]
fn deleted_text_becomes_an_orphan_not_a_wrong_match() {
    let old = "Alpha said it.\nThe spokesman said nothing at all.\nGamma said that.";
    let new = "Alpha said it.\nGamma said that.";
    let s = old.find("said nothing").unwrap();
    let a = ann(old, s, s + 4);
    assert_eq!(place(old, &a, new), (vec![], Placement::Orphan));
}

fn span(text: &str, needle: &str) -> CharRange {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    CharRange::new(start, start + needle.chars().count())
}

#[test]
fn a_word_inserted_before_a_quote_stays_outside_it() {
    let old = "Intro.\nThe officials said the troops had crossed the border on Monday.\nEnd.";
    let new = "Intro.\nThe officials said that the troops had crossed the border on Monday.\nEnd.";
    let r = span(old, "the troops had crossed the border");
    let a = ann(old, r.start, r.end);
    assert_eq!(place(old, &a, new).0, vec![span(new, "the troops had crossed the border")]);
}

#[test]
fn a_quote_is_not_matched_inside_a_longer_word() {
    // The diff may pair the old "no" with the start of the inserted "nothing".
    let old = "The minister said no more.";
    let new = "The minister said nothing no more.";
    let a = ann(old, 18, 20);
    assert_eq!(place(old, &a, new), (vec![CharRange::new(26, 28)], Placement::ByQuote));
}

#[test]
fn an_ambiguous_duplicate_makes_an_orphan_not_a_guess() {
    // Was "the" inserted before or after the quote's last word? Either reading fits.
    let old = "Alpha.\nThe report said the army withdrew from the town.\nOmega.";
    let new = "Alpha.\nThe report said the the army withdrew from the town.\nOmega.";
    let r = span(old, "report said the");
    let a = ann(old, r.start, r.end);
    assert_eq!(place(old, &a, new), (vec![], Placement::Orphan));
}

#[test]
fn a_short_quote_of_a_deleted_line_is_not_placed_on_a_similar_line() {
    let old = "Alpha said it.\nThe spokesman said nothing at all.\nGamma said nothing more.";
    let new = "Alpha said it.\nGamma said nothing more.";
    let r = span(old, "said nothing at");
    let a = ann(old, r.start, r.start + 4);
    assert_eq!(place(old, &a, new), (vec![], Placement::Orphan));
}

#[test]
fn each_fragment_of_a_discontinuous_annotation_moves_on_its_own() {
    let old = "The G7 ministers, in a statement on Friday, condemned the deployment of troops.";
    let new = "Breaking.\nThe G7 foreign ministers, in a statement on Friday, condemned the deployment of troops.";
    let idx = TextIndex::new(old);
    let a = Annotation::new(&idx, "Claim", vec![span(old, "The G7 ministers"), span(old, "condemned the deployment")], "t");
    let (out, report) = reanchor(old, std::slice::from_ref(&a), new);
    assert_eq!(out[0].ranges, vec![span(new, "The G7 foreign ministers"), span(new, "condemned the deployment")]);
    assert_eq!(out[0].quote.exact, "The G7 foreign ministers … condemned the deployment");
    assert_eq!(report.placements[0].1, Placement::Fuzzy);
}

#[test]
fn a_discontinuous_annotation_with_a_fragment_gone_becomes_an_orphan() {
    let old = "Kyiv said the strike hit a depot.\nMoscow denied it.\nLater, officials confirmed the strike.";
    let new = "Kyiv said the strike hit a depot.\nLater, officials confirmed the strike.";
    let idx = TextIndex::new(old);
    let a = Annotation::new(&idx, "Claim", vec![span(old, "Kyiv said"), span(old, "Moscow denied it")], "t");
    let (out, report) = reanchor(old, std::slice::from_ref(&a), new);
    assert!(out[0].ranges.is_empty());
    assert_eq!(out[0].quote.exact, "Kyiv said … Moscow denied it");
    assert_eq!(report.orphans, vec![a.id.clone()]);
}

proptest! {
    /// Whatever the texts, every annotation comes back either placed on text that reads as
    /// its new quote (valid, ordered fragments) or as an orphan with its old quote.
    #[test]
    fn placed_annotations_always_read_as_their_quote(
        old in "[ab \n.é]{0,120}",
        new in "[ab \n.é]{0,120}",
        spans in proptest::collection::vec((0usize..120, 1usize..30, 0usize..3), 0..6),
    ) {
        let old_index = TextIndex::new(&old);
        let len = old_index.char_len();
        let annotations: Vec<Annotation> = spans
            .iter()
            .filter(|(s, _, _)| *s < len)
            .map(|&(s, l, fragments)| {
                let e = (s + l).min(len);
                let mut ranges = vec![CharRange::new(s, e)];
                // A second fragment after a gap, when there is room.
                if fragments == 2 && e + 2 < len {
                    ranges.push(CharRange::new(e + 1, (e + 1 + l).min(len)));
                }
                Annotation::new(&old_index, "Claim", ranges, "t")
            })
            .collect();
        let (out, report) = reanchor(&old, &annotations, &new);
        prop_assert_eq!(out.len(), annotations.len());
        prop_assert_eq!(report.placements.len(), annotations.len());
        let new_index = TextIndex::new(&new);
        for ((before, after), (_, how)) in annotations.iter().zip(&out).zip(&report.placements) {
            prop_assert_eq!(&before.id, &after.id);
            if matches!(how, Placement::Exact | Placement::ByQuote) {
                prop_assert_eq!(&after.quote.exact, &before.quote.exact, "placed exactly means the same text");
            }
            if after.ranges.is_empty() {
                prop_assert_eq!(&after.quote.exact, &before.quote.exact);
            } else {
                prop_assert!(crate::anchor::validate_ranges(&after.ranges, new_index.char_len()).is_ok());
                prop_assert_eq!(after.ranges.len(), before.ranges.len());
                prop_assert_eq!(&after.quote, &Quote::of(&new_index, &after.ranges));
            }
        }
    }
}

#[test]
fn a_long_annotation_moves_with_its_ends_without_a_slow_search() {
    // A 200,000-char annotation (a whole report) with a word changed inside and a
    // paragraph inserted before it: placed where its ends went, at once.
    let body: String = (0..20_000).map(|i| ["word", &(i % 97).to_string(), " "].concat()).collect();
    let old = format!("Intro.\nStart {body}end.\nOutro.");
    let new = format!("New lead.\nIntro.\nStart {}end.\nOutro.", body.replacen("word5 ", "changed ", 1));
    let s = old.find("Start").unwrap();
    let e = old.find("end.").unwrap() + 3;
    let a = ann(&old, s, e);
    let ns = new.find("Start").unwrap();
    let ne = new.find("end.").unwrap() + 3;
    assert_eq!(place(&old, &a, &new), (vec![CharRange::new(ns, ne)], Placement::Fuzzy));
}

#[test]
fn an_edited_paragraph_stays_paired_with_its_neighbours_not_a_look_alike() {
    let para = "Asked whether Clinton has the honesty and integrity to serve effectively as president, 75 percent of Democrats said yes while 20 percent said no.";
    let edited = para.replace("honesty and integrity", "strength and stamina").replace("while 20", "and 20");
    // A wire copy of the old paragraph now appears further down, in another story.
    let old = format!("Lead.\n\n{para}\n\nMiddle of the story.\n\nEnd.");
    let new = format!("Lead.\n\n{edited}\n\nMiddle of the story.\n\nEnd.\n\nAnother story quotes the poll: {para}");
    let r = span(&old, "75 percent of Democrats");
    let a = ann(&old, r.start, r.end);
    let here = span(&new, "75 percent of Democrats");
    assert_eq!(place(&old, &a, &new).0, vec![here], "in the edited paragraph, not the copy below");
}

#[test]
fn a_quote_of_a_deleted_paragraph_does_not_move_to_a_parallel_sentence() {
    let old = "Lead.\n\nAsked whether she has the integrity to serve effectively as president,\u{201d} 75 percent of Democrats said yes.\n\nAsked whether she is realistic enough to serve effectively as president,\u{201d} 72 percent of Democrats said yes.";
    let new = "Lead.\n\nAsked whether she is realistic enough to serve effectively as president,\u{201d} 72 percent of Democrats said yes.";
    let r = span(old, "president,\u{201d} 75");
    let a = ann(old, r.start, r.start + 11);
    assert_eq!(place(old, &a, new), (vec![], Placement::Orphan));
}

#[test]
fn update_text_is_undoable() {
    let mut p = Project::new("t");
    let old = "Alpha said it.\nBeta said more.";
    let mut d = crate::model::Document::new("d", old);
    d.annotations.push(ann(old, 15, 19));
    let id = d.id.clone();
    p.documents.push(d);
    let before = p.clone();
    let (edit, report) = update_text(&p, &id, "New first line.\nAlpha said it.\nBeta said more.").unwrap();
    assert_eq!(report.exact, 1);
    let inverse = edit.apply(&mut p).unwrap();
    assert_eq!(p.documents[0].annotations[0].ranges, vec![CharRange::new(31, 35)]);
    inverse.apply(&mut p).unwrap();
    assert_eq!(p, before);
}

proptest! {
    /// Finding a quote through a whole word of it finds what a scan of the whole text finds, in
    /// the same order: all of it for a quote that begins inside a word (found through a word
    /// inside it), and only where its first word is a whole word for one whose first word was.
    #[test]
    fn occurrences_through_the_word_index_are_the_scanned_ones(
        words in proptest::collection::vec("[ab]{1,3}", 4..60),
        seps in proptest::collection::vec(prop_oneof![Just(" "), Just("  "), Just("\n"), Just(" \n\n")], 60),
        start in 0usize..200,
        len in 1usize..14,
    ) {
        let text: String = words.iter().zip(&seps).flat_map(|(w, s)| [w.as_str(), *s]).collect();
        let n = text.chars().count();
        let start = start % n;
        let r = CharRange::new(start, (start + len).min(n));
        let context = super::placement::Context::new(&text, &text);
        let target = context.target_of(r);
        let exact: String = target.quote.iter().collect();
        let mut scanned = context.occurrences(&exact, target.quote.len(), CharRange::new(0, n), 1000);
        let chars = chars(&text);
        let space = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_none_or(|c| c.is_whitespace());
        let first = target.quote.iter().position(|c| c.is_whitespace()).unwrap_or(target.quote.len());
        if space(r.start.checked_sub(1)) && first > 0 && space(Some(r.start + first)) {
            scanned.retain(|o| space(o.start.checked_sub(1)) && space(Some(o.start + first)));
        }
        prop_assert_eq!(context.occurrences_everywhere(&target, 1000), scanned);
    }
}
