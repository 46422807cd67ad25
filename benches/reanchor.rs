//! Re-anchoring benchmark: a 1 MB article with 10,000 annotations, then a new version with 10%
//! of the annotated quotes edited (a word changed, inserted or deleted inside the quote) and
//! paragraphs inserted, deleted and moved elsewhere.
//!
//! Where every annotation should land is known by construction: an unedited quote where its
//! text now is, an edited one on the edited version of its span, one whose paragraph was deleted
//! nowhere (an orphan is then the right answer). Correct = placed where expected (or orphaned
//! when its text is gone), wrong = placed anywhere else, orphan = not placed.
//!
//! `cargo bench --bench reanchor` runs five random articles (`REANCHOR_SEEDS=1,2,3` picks
//! others) and prints the worst `reanchor.correct_pct`, the total `reanchor.wrong N`, the mean
//! `reanchor.orphans N` and `reanchor.lost N` (orphaned though their text is still there) and
//! the slowest `reanchor.ms`; it exits non-zero if a goal is missed (≥ 99.5% correct, 0 wrong,
//! ≤ 200 ms). `REANCHOR_SHOW_LOST=N` prints the first N lost annotations.
//! `reanchor.vs_diff` (the largest over the articles) is re-anchoring's time divided by a plain
//! diff of the same two texts in the same run: `similar`'s line diff with every replaced hunk
//! diffed by chars (a char diff of the whole 1 MB texts does not end within minutes), so it
//! holds across machines. `.ci/run` fails when it exceeds its ceiling.
//! `REANCHOR_CORPUS=../shared/data/polnear/train/text` builds the articles from real news
//! paragraphs (each used once, near duplicates left out) and edits them with real words.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // Tests and benches set up their files directly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]
#![allow(clippy::many_single_char_names, clippy::cast_possible_wrap, reason = "a benchmark's bookkeeping on small offsets")]

use claimlens::anchor::{CharRange, TextIndex};
use claimlens::model::Annotation;
use claimlens::reanchor::reanchor;
use std::time::Instant;

const TARGET_CHARS: usize = 1_000_000;
const ANNOTATIONS: usize = 10_000;

struct Para {
    text: Vec<char>,
    /// Annotation index and local range.
    anns: Vec<(usize, usize, usize)>,
}

struct Gen {
    rng: fastrand::Rng,
    words: Vec<String>,
    /// Real paragraphs to draw from, in a random order, each used once (`REANCHOR_CORPUS`).
    corpus: Vec<Vec<char>>,
    /// Every word of the corpus, as often as it occurs.
    corpus_words: Vec<String>,
}

/// The paragraphs of every `.txt` file in `dir` (split at line breaks), without near
/// duplicates: news corpora repeat wire copy, and an annotation whose paragraph was deleted may
/// rightly follow its text to an identical passage elsewhere, so such pairs have no single
/// expected answer. A paragraph sharing any run of 6 words with one kept before is skipped.
fn read_corpus(dir: &str) -> Vec<Vec<char>> {
    let mut files: Vec<std::path::PathBuf> =
        std::fs::read_dir(dir).expect("REANCHOR_CORPUS: a folder of .txt files").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut shingles = std::collections::HashSet::new();
    let mut out = Vec::new();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for p in text.lines().map(str::trim) {
            let words: Vec<&str> = p.split_whitespace().collect();
            if words.len() < 4 {
                continue;
            }
            let own: Vec<String> = words.windows(6.min(words.len())).map(|w| w.join(" ")).collect();
            if own.iter().any(|s| shingles.contains(s)) {
                continue;
            }
            shingles.extend(own);
            out.push(p.chars().collect());
        }
    }
    out
}

impl Gen {
    fn new(seed: u64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed);
        let syllables =
            ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zé", "dri", "sha", "por", "lin", "gue", "tor", "an", "el", "ost", "ber"];
        let mut words: Vec<String> = [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "said",
            "that",
            "on",
            "for",
            "was",
            "with",
            "he",
            "it",
            "as",
            "at",
            "by",
            "—",
            "«reportedly»",
            "minister",
            "forces",
            "officials",
            "according",
            "statement",
            "Ukrinform",
            "Pentagon",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        while words.len() < 3000 {
            let n = rng.usize(1..=4);
            let w: String = (0..n).map(|_| syllables[rng.usize(..syllables.len())]).collect();
            words.push(w);
        }
        let mut corpus = std::env::var("REANCHOR_CORPUS").map(|d| read_corpus(&d)).unwrap_or_default();
        rng.shuffle(&mut corpus);
        let corpus_words = corpus
            .iter()
            .flat_map(|p| p.iter().collect::<String>().split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        Self { rng, words, corpus, corpus_words }
    }

    /// Zipf-like: common words are much more frequent.
    fn word(&mut self) -> String {
        if !self.corpus_words.is_empty() {
            return self.corpus_words[self.rng.usize(..self.corpus_words.len())].clone();
        }
        let r = self.rng.f64();
        let i = ((r * r * r) * self.words.len() as f64) as usize;
        self.words[i.min(self.words.len() - 1)].clone()
    }

    fn sentence(&mut self) -> String {
        let n = self.rng.usize(6..=24);
        let mut s: Vec<String> = (0..n).map(|_| self.word()).collect();
        let mut first = s[0].chars();
        s[0] = first.next().map(|c| c.to_uppercase().collect::<String>() + first.as_str()).unwrap_or_default();
        format!("{}.", s.join(" "))
    }

    fn paragraph(&mut self) -> Vec<char> {
        if let Some(p) = self.corpus.pop() {
            return p;
        }
        let n = self.rng.usize(2..=6);
        (0..n).map(|_| self.sentence()).collect::<Vec<_>>().join(" ").chars().collect()
    }
}

/// Word spans (start, end) of a paragraph.
fn words(text: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.iter().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn join(paras: &[&Para]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut pos = 0;
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            // A blank line between paragraphs: repeated (identical) lines, as in real articles.
            text.push_str("\n\n");
            pos += 2;
        }
        starts.push(pos);
        text.extend(p.text.iter());
        pos += p.text.len();
    }
    (text, starts)
}

/// Applies an edit replacing `text[es..ee]` by `with` in paragraph `p`, if it keeps every
/// annotation's expected span well defined (the edit is inside it, or clear of it).
fn try_edit(p: &mut Para, es: usize, ee: usize, with: &[char]) -> bool {
    for &(_, bs, be) in &p.anns {
        let before = ee <= bs;
        let after = es >= be;
        let inside = bs < es && ee < be;
        if !(before || after || inside) {
            return false;
        }
    }
    let delta = with.len() as isize - (ee - es) as isize;
    for a in &mut p.anns {
        if ee <= a.1 {
            a.1 = (a.1 as isize + delta) as usize;
            a.2 = (a.2 as isize + delta) as usize;
        } else if a.1 < es && ee < a.2 {
            a.2 = (a.2 as isize + delta) as usize;
        }
    }
    p.text.splice(es..ee, with.iter().copied());
    true
}

/// One article's figures.
struct Run {
    correct_pct: f64,
    wrong: usize,
    orphans: usize,
    lost: usize,
    ms: f64,
    vs_diff: f64,
}

fn main() {
    // `REANCHOR_SEEDS=1,2,3` picks the random articles; by default five.
    let seeds: Vec<u64> = std::env::var("REANCHOR_SEEDS")
        .or_else(|_| std::env::var("REANCHOR_SEED"))
        .unwrap_or_else(|_| "1,2,3,4,5".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: Vec<Run> = seeds.iter().map(|&seed| run(seed)).collect();
    let pct = runs.iter().map(|r| r.correct_pct).fold(100.0, f64::min);
    let wrong: usize = runs.iter().map(|r| r.wrong).sum();
    let orphans: usize = runs.iter().map(|r| r.orphans).sum::<usize>() / runs.len().max(1);
    let lost: usize = runs.iter().map(|r| r.lost).sum::<usize>() / runs.len().max(1);
    let ms = runs.iter().map(|r| r.ms).fold(0.0, f64::max);
    eprintln!("{} articles (seeds {seeds:?}): worst correct %, total wrong, mean orphans and lost, slowest ms", runs.len());
    println!("reanchor.correct_pct {pct:.2}");
    println!("reanchor.wrong {wrong}");
    println!("reanchor.orphans {orphans}");
    println!("reanchor.lost {lost}");
    println!("reanchor.ms {ms:.0}");
    println!("reanchor.vs_diff {:.2}", runs.iter().map(|r| r.vs_diff).fold(0.0, f64::max));
    // `REANCHOR_TIME_ADVISORY=1` (CI) reports a missed time goal without failing.
    let time_enforced = std::env::var_os("REANCHOR_TIME_ADVISORY").is_none();
    if ms > 200.0 {
        eprintln!("reanchor: slower than the 200 ms goal");
    }
    if pct < 99.5 || wrong > 0 || (ms > 200.0 && time_enforced) {
        eprintln!("reanchor: goal missed (≥ 99.5% correct, 0 wrong, ≤ 200 ms)");
        std::process::exit(1);
    }
}

fn run(seed: u64) -> Run {
    let mut g = Gen::new(seed);

    // The old article.
    let mut paras: Vec<Para> = Vec::new();
    let mut total = 0;
    while total < TARGET_CHARS {
        let text = g.paragraph();
        total += text.len() + 2;
        paras.push(Para { text, anns: Vec::new() });
    }
    // Annotations: a third single words (sources, cues), a fifth short phrases, the rest clauses.
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    while spans.len() < ANNOTATIONS {
        let pi = g.rng.usize(..paras.len());
        let w = words(&paras[pi].text);
        let kind = g.rng.u8(..10);
        let n = match kind {
            0..=2 => 1,
            3..=4 => g.rng.usize(2..=4),
            _ => g.rng.usize(5..=20),
        }
        .min(w.len());
        let first = g.rng.usize(..=w.len() - n);
        let (s, e) = (w[first].0, w[first + n - 1].1);
        let id = spans.len();
        paras[pi].anns.push((id, s, e));
        spans.push((pi, s, e));
    }
    let (old_text, old_starts) = join(&paras.iter().collect::<Vec<_>>());
    let old_index = TextIndex::new(&old_text);
    let mut annotations: Vec<Annotation> = spans
        .iter()
        .map(|&(pi, s, e)| {
            let r = CharRange::new(old_starts[pi] + s, old_starts[pi] + e);
            Annotation::new(&old_index, "Claim", vec![r], "bench")
        })
        .collect();
    for (i, a) in annotations.iter_mut().enumerate() {
        a.id = claimlens::model::AnnotationId(format!("a{i}"));
    }

    // Edit 10% of the quotes: a word inside it changed, a word inserted, or a word deleted.
    let mut edited = 0;
    let mut tries = 0;
    let mut done = vec![false; spans.len()];
    while edited < ANNOTATIONS / 10 && tries < 1_000_000 {
        tries += 1;
        let id = g.rng.usize(..spans.len());
        if done[id] {
            continue;
        }
        let pi = spans[id].0;
        let Some(&(_, s, e)) = paras[pi].anns.iter().find(|a| a.0 == id) else { continue };
        let inner: Vec<(usize, usize)> = words(&paras[pi].text[s..e]).into_iter().map(|(a, b)| (a + s, b + s)).collect();
        if inner.len() < 4 || e - s < 24 {
            continue;
        }
        let wi = g.rng.usize(1..inner.len() - 1);
        let (ws, we) = inner[wi];
        let new_word: Vec<char> = g.word().chars().collect();
        let (es, ee, with): (usize, usize, Vec<char>) = match g.rng.u8(..3) {
            0 => (ws, we, new_word),
            1 => (we, we, std::iter::once(' ').chain(new_word).collect()),
            _ => (ws, inner[wi + 1].0, Vec::new()),
        };
        if with.len().max(ee - es) * 3 > e - s || paras[pi].text[es..ee] == with[..] {
            continue;
        }
        if try_edit(&mut paras[pi], es, ee, &with) {
            done[id] = true;
            edited += 1;
        }
    }

    // Paragraphs: 2% deleted, 2% moved elsewhere, 3% new ones inserted.
    let n = paras.len();
    let mut order: Vec<Option<usize>> = (0..n).map(Some).collect();
    for _ in 0..n / 50 {
        let i = g.rng.usize(..order.len());
        order.remove(i);
    }
    for _ in 0..n / 50 {
        let i = g.rng.usize(..order.len());
        let p = order.remove(i);
        let j = g.rng.usize(..=order.len());
        order.insert(j, p);
    }
    let mut fresh: Vec<Para> = Vec::new();
    for _ in 0..n * 3 / 100 {
        let j = g.rng.usize(..=order.len());
        order.insert(j, None);
        fresh.push(Para { text: g.paragraph(), anns: Vec::new() });
    }
    let mut fresh_iter = fresh.iter();
    let new_paras: Vec<&Para> =
        order.iter().map(|o| o.map_or_else(|| fresh_iter.next().expect("one per slot"), |i| &paras[i])).collect();
    let (new_text, new_starts) = join(&new_paras);
    let mut expected: Vec<Option<CharRange>> = vec![None; spans.len()];
    for (slot, o) in order.iter().enumerate() {
        if let Some(pi) = o {
            for &(id, s, e) in &paras[*pi].anns {
                expected[id] = Some(CharRange::new(new_starts[slot] + s, new_starts[slot] + e));
            }
        }
    }

    let t = Instant::now();
    let (placed, report) = reanchor(&old_text, &annotations, &new_text);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let diff_ms = plain_diff_ms(&old_text, &new_text);

    let (mut correct, mut wrong, mut orphans, mut lost) = (0, 0, 0, 0);
    // `REANCHOR_SHOW_LOST=N` prints the first N annotations orphaned though their text is there.
    let mut show_lost: usize = std::env::var("REANCHOR_SHOW_LOST").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
    for (i, a) in placed.iter().enumerate() {
        let got = a.ranges.first().copied();
        match (got, expected[i]) {
            (None, None) => {
                correct += 1;
                orphans += 1;
            }
            (None, Some(e)) => {
                orphans += 1;
                lost += 1;
                if show_lost > 0 {
                    show_lost -= 1;
                    let nc: Vec<char> = new_text.chars().collect();
                    let shown: String = nc[e.start.saturating_sub(40)..(e.end + 40).min(nc.len())].iter().collect();
                    eprintln!(
                        "lost: a{i} {:?}\n   expected in {shown:?}\n   prefix {:?} suffix {:?}",
                        annotations[i].quote.exact, annotations[i].quote.prefix, annotations[i].quote.suffix
                    );
                }
            }
            (Some(g), Some(e)) if g == e && a.ranges.len() == 1 => correct += 1,
            (g, e) => {
                wrong += 1;
                if wrong <= 12 {
                    eprintln!(
                        "wrong: a{i} {:?} expected {e:?} got {g:?} ({:?})",
                        annotations[i].quote.exact, report.placements[i].1
                    );
                    if let (Some(g), None) = (g, e) {
                        let nc: Vec<char> = new_text.chars().collect();
                        let shown: String = nc[g.start.saturating_sub(40)..(g.end + 40).min(nc.len())].iter().collect();
                        eprintln!(
                            "   got in {shown:?}\n   prefix {:?} suffix {:?}",
                            annotations[i].quote.prefix, annotations[i].quote.suffix
                        );
                    }
                    if let (Some(g), Some(e)) = (g, e) {
                        let nc: Vec<char> = new_text.chars().collect();
                        let show =
                            |r: CharRange| nc[r.start.saturating_sub(10)..(r.end + 10).min(nc.len())].iter().collect::<String>();
                        eprintln!(
                            "   expected {:?}\n   got      {:?}\n   prefix {:?} suffix {:?}",
                            show(e),
                            show(g),
                            annotations[i].quote.prefix,
                            annotations[i].quote.suffix
                        );
                    }
                }
            }
        }
    }
    let gone = expected.iter().filter(|e| e.is_none()).count();
    let pct = 100.0 * f64::from(correct) / placed.len() as f64;
    eprintln!(
        "seed {seed}: {} chars, {} paragraphs, {} annotations; {edited} quotes edited; {gone} annotations in deleted paragraphs",
        old_text.chars().count(),
        n,
        annotations.len()
    );
    eprintln!("seed {seed}: {report}; {pct:.2}% correct, {wrong} wrong, {lost} lost, {ms:.0} ms (plain diff {diff_ms:.0} ms)");
    Run { correct_pct: pct, wrong, orphans, lost, ms, vs_diff: ms / diff_ms }
}

/// A plain diff of the two texts, in ms: lines, then the chars of every replaced hunk.
fn plain_diff_ms(old: &str, new: &str) -> f64 {
    let t = Instant::now();
    let lines = similar::TextDiff::from_lines(old, new);
    let mut changed = 0;
    for op in lines.ops() {
        if let similar::DiffOp::Replace { old_index, old_len, new_index, new_len } = *op {
            let (a, b) =
                (&lines.old_slices()[old_index..old_index + old_len], &lines.new_slices()[new_index..new_index + new_len]);
            let chars = similar::TextDiff::from_chars(&a.concat(), &b.concat()).ops().len();
            changed += chars;
        }
    }
    std::hint::black_box(changed);
    t.elapsed().as_secs_f64() * 1000.0
}
