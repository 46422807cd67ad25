//! Training the tagger (what wrote `data/tagger.model`): gold BIO tags from brat standoff, an
//! averaged structured perceptron over the hashed features of [`super::featurize`], decoded per
//! paragraph with the same Viterbi as suggestion time, the best epoch chosen by the whole
//! suggester's figures on held-out texts, and the weights written in the format
//! [`crate::analysis::lexicon`] reads. Pure and deterministic (the shuffle has a fixed seed): the
//! caller reads the files (`claimlens train-suggester`, see the README's suggester section).

use super::brat::parse_frags;
use super::evaluation::Scores;
use super::features::featurize_with;
use super::lexicon_build::Counts;
use super::tagger::{TAG_CONTENT, TAG_CUE, TAG_SOURCE, model_tag, viterbi};
use super::{Featurized, TAGS, Token, lexicon, suggest_with, to_brat, tokenize};
use std::fmt::Write as _;

/// A text and its gold standoff (brat, as `PolNeAR` ships it).
#[derive(Clone, Debug)]
pub struct Annotated {
    /// The article's text.
    pub text: String,
    /// Its `.ann` file.
    pub ann: String,
}

/// How to train.
#[derive(Clone, Copy, Debug)]
pub struct TrainOptions {
    /// Passes over the training texts (the best one on the held-out texts is kept).
    pub epochs: usize,
    /// Features whose averaged weights are all smaller than this share of the largest weight are
    /// left out of the model.
    pub min_weight: f32,
    /// Seed of the order the texts are visited in.
    pub seed: u64,
    /// Folds of the training texts: each is featurised with the lexicons counted on the others
    /// (1: with the lexicons of all, its own counts included).
    pub folds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 7, min_weight: 0.02, seed: 15, folds: 10 }
    }
}

/// A trained model and how it did on the held-out texts.
#[derive(Clone, Debug)]
pub struct Trained {
    /// The model text (the format of `data/tagger.model`).
    pub model: String,
    /// The cue lexicon counted on all training texts (`data/cue_lexicon.tsv`).
    pub cue_lexicon: String,
    /// The source-head lexicon counted on all training texts (`data/source_heads.tsv`).
    pub source_heads: String,
    /// The epoch it comes from (1-based).
    pub epoch: usize,
    /// Its figures on the held-out texts.
    pub scores: Scores,
    /// Features in the model.
    pub features: usize,
}

/// The gold model (BIO) tag of every token: a token takes the role of a Source, Cue or Content
/// fragment it starts in; the first token of each fragment begins a span.
pub fn gold_tags(toks: &[Token], ann: &str) -> Vec<usize> {
    let mut tags = vec![0usize; toks.len()];
    for line in ann.lines() {
        let mut parts = line.split('\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else { continue };
        let Some((label, offsets)) = body.split_once(' ').filter(|_| id.starts_with('T')) else { continue };
        let role = match label {
            "Source" => TAG_SOURCE,
            "Cue" => TAG_CUE,
            "Content" => TAG_CONTENT,
            _ => continue,
        };
        for frag in parse_frags(offsets) {
            let first = toks.partition_point(|t| t.start < frag.start);
            for (k, tag) in tags.iter_mut().enumerate().skip(first) {
                if toks.get(k).is_none_or(|t| t.start >= frag.end) {
                    break;
                }
                *tag = model_tag(role, k == first);
            }
        }
    }
    tags
}

/// Weights of an averaged perceptron: current weights and the sums that give their average.
#[derive(Default)]
struct Perceptron {
    w: lexicon::IdMap<u32, [f32; TAGS]>,
    /// Sum of `step × update`: the average is `w - u / step`.
    u: lexicon::IdMap<u32, [f32; TAGS]>,
    trans: [[f32; TAGS]; TAGS + 1],
    trans_u: [[f32; TAGS]; TAGS + 1],
    step: f32,
}

impl Perceptron {
    /// Decodes tokens `a..b` with the current weights and moves the weights towards the gold tags.
    fn learn(&mut self, f: &Featurized, gold: &[usize], (a, b): (usize, usize), pred: &mut Vec<usize>) {
        self.step += 1.0;
        let em: Vec<[f32; TAGS]> = (a..b)
            .map(|i| {
                let mut s = [0f32; TAGS];
                for h in f.of(i) {
                    if let Some(w) = self.w.get(h) {
                        s.iter_mut().zip(w).for_each(|(x, y)| *x += y);
                    }
                }
                s
            })
            .collect();
        pred.clear();
        viterbi(&em, &self.trans, 0, b - a, pred);
        let gold = gold.get(a..b).unwrap_or(&[]);
        if pred.as_slice() == gold {
            return;
        }
        let (mut gp, mut pp) = (TAGS, TAGS);
        for (i, (&g, &p)) in gold.iter().zip(pred.iter()).enumerate() {
            if g != p {
                for &h in f.of(a + i) {
                    self.update(h, g, 1.0);
                    self.update(h, p, -1.0);
                }
            }
            if g != p || gp != pp {
                self.update_trans(gp, g, 1.0);
                self.update_trans(pp, p, -1.0);
            }
            (gp, pp) = (g, p);
        }
    }

    fn update(&mut self, h: u32, tag: usize, d: f32) {
        let step = self.step;
        if let Some(x) = self.w.entry(h).or_default().get_mut(tag) {
            *x += d;
        }
        if let Some(x) = self.u.entry(h).or_default().get_mut(tag) {
            *x += d * step;
        }
    }

    fn update_trans(&mut self, from: usize, to: usize, d: f32) {
        let step = self.step;
        if let Some(x) = self.trans.get_mut(from).and_then(|r| r.get_mut(to)) {
            *x += d;
        }
        if let Some(x) = self.trans_u.get_mut(from).and_then(|r| r.get_mut(to)) {
            *x += d * step;
        }
    }

    /// The averaged weights as a model file, scaled so that the largest fits an `i16`, leaving
    /// out features whose weights are all below `min_weight` times the largest.
    fn model(&self, min_weight: f32) -> (String, usize) {
        let step = self.step.max(1.0);
        let avg = |w: f32, u: f32| w - u / step;
        let largest = |w: &[f32; TAGS], u: &[f32; TAGS]| w.iter().zip(u).map(|(&a, &b)| avg(a, b).abs()).fold(0f32, f32::max);
        let max = self
            .w
            .iter()
            .map(|(h, w)| largest(w, self.u.get(h).unwrap_or(&[0.0; TAGS])))
            .chain(self.trans.iter().zip(&self.trans_u).map(|(w, u)| largest(w, u)))
            .fold(0f32, f32::max);
        let scale = (max / 30_000.0).max(1e-6);
        let q = |w: f32, u: f32| (avg(w, u) / scale).round().clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16;
        let row = |w: &[f32; TAGS], u: &[f32; TAGS]| -> [i16; TAGS] {
            std::array::from_fn(|t| q(w.get(t).copied().unwrap_or(0.0), u.get(t).copied().unwrap_or(0.0)))
        };
        let join = |r: &[i16; TAGS]| r.iter().map(i16::to_string).collect::<Vec<_>>().join(" ");
        let mut out = format!("scale\t{scale}\n");
        for (k, (w, u)) in self.trans.iter().zip(&self.trans_u).enumerate() {
            let _ = writeln!(out, "T{k}\t{}", join(&row(w, u)));
        }
        let limit = (min_weight * 30_000.0).round() as i16;
        let mut feats: Vec<(u32, [i16; TAGS])> = self
            .w
            .iter()
            .filter_map(|(&h, w)| {
                let r = row(w, self.u.get(&h).unwrap_or(&[0.0; TAGS]));
                r.iter().any(|x| x.saturating_abs() >= limit.max(1)).then_some((h, r))
            })
            .collect();
        feats.sort_unstable_by_key(|&(h, _)| h);
        for (h, r) in &feats {
            let _ = writeln!(out, "{h:x}\t{}", join(r));
        }
        (out, feats.len())
    }
}

/// The suggester's figures on `texts` with a model and lexicons.
pub fn evaluate(lex: &lexicon::Lexicon, texts: &[Annotated]) -> Scores {
    let mut scores = Scores::default();
    for t in texts {
        let pred = to_brat(&t.text, &suggest_with(&t.text, lex));
        scores.add(&t.text, &t.ann, &pred);
    }
    scores
}

/// The training texts featurised, each with the lexicons counted on the folds it is not in, with
/// their gold tags; and the counts of all texts.
fn featurised(train: &[Annotated], folds: usize) -> (Vec<(Featurized, Vec<usize>)>, Counts) {
    let folds = folds.max(1);
    let mut fold_counts = vec![Counts::default(); folds];
    let mut total = Counts::default();
    for (d, t) in train.iter().enumerate() {
        let chars: Vec<char> = t.text.chars().collect();
        let toks = tokenize(&chars);
        let gold = gold_tags(&toks, &t.ann);
        if let Some(c) = fold_counts.get_mut(d % folds) {
            c.add(&chars, &toks, &gold);
        }
    }
    for c in &fold_counts {
        total.merge(c, 1);
    }
    let mut data: Vec<Option<(Featurized, Vec<usize>)>> = (0..train.len()).map(|_| None).collect();
    for (k, own) in fold_counts.iter().enumerate() {
        let mut others = total.clone();
        if folds > 1 {
            others.merge(own, -1);
        }
        let lex = lexicon::Lexicon::parse(&others.cue_tsv(), &others.head_tsv(), "");
        for (d, t) in train.iter().enumerate().filter(|(d, _)| d % folds == k) {
            let chars: Vec<char> = t.text.chars().collect();
            let f = featurize_with(&chars, &lex);
            let gold = gold_tags(&f.tokens, &t.ann);
            if let Some(slot) = data.get_mut(d) {
                *slot = Some((f, gold));
            }
        }
    }
    (data.into_iter().flatten().collect(), total)
}

/// A small deterministic generator (64-bit LCG) for the order of the texts.
fn shuffle<T>(v: &mut [T], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        v.swap(i, (*state >> 33) as usize % (i + 1));
    }
}

/// Trains on `train`, keeping the epoch whose model does best on `held_out` (the mean of the
/// lenient F1 of the three roles and of attributions); `report` hears each epoch's figures.
pub fn train(
    train: &[Annotated],
    held_out: &[Annotated],
    opts: &TrainOptions,
    report: &mut dyn FnMut(usize, &Scores),
) -> Trained {
    let (data, counts) = featurised(train, opts.folds);
    let (cue_lexicon, source_heads) = (counts.cue_tsv(), counts.head_tsv());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut state = opts.seed;
    let mut p = Perceptron::default();
    let mut pred = Vec::new();
    let mut best: Option<(f64, (String, usize, Scores, usize))> = None;
    for epoch in 1..=opts.epochs {
        shuffle(&mut order, &mut state);
        for &d in &order {
            let Some((f, gold)) = data.get(d) else { continue };
            for &para in &f.paras {
                p.learn(f, gold, para, &mut pred);
            }
        }
        let (model, features) = p.model(opts.min_weight);
        let scores = evaluate(&lexicon::Lexicon::parse(&cue_lexicon, &source_heads, &model), held_out);
        report(epoch, &scores);
        let mean = scores.f1s().iter().sum::<f64>() / 4.0;
        if best.as_ref().is_none_or(|(m, _)| mean > *m) {
            best = Some((mean, (model, epoch, scores, features)));
        }
    }
    let (model, epoch, scores, features) = best.map_or_else(
        || {
            let (model, features) = p.model(opts.min_weight);
            (model, 0, Scores::default(), features)
        },
        |(_, t)| t,
    );
    Trained { model, cue_lexicon, source_heads, epoch, scores, features }
}

#[cfg(test)]
mod tests {
    use super::super::tagger::role_of;
    use super::*;

    const NAMES: [&str; 6] = ["Maria Lopez", "The senator", "A spokesman", "John Park", "The ministry", "Officials"];
    const CLAIMS: [&str; 5] =
        ["the bridge will reopen in May", "taxes rose last year", "the talks failed", "prices will fall", "the vote was fair"];

    /// "NAME said CLAIM." with its standoff.
    fn example(name: &str, claim: &str) -> Annotated {
        let text = format!("{name} said {claim}.\n");
        let n = name.chars().count();
        let c = claim.chars().count();
        let ann = format!(
            "T1\tSource 0 {n}\t{name}\nT2\tCue {} {}\tsaid\nT3\tContent {} {}\t{claim}\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
            n + 1,
            n + 5,
            n + 6,
            n + 6 + c
        );
        Annotated { text, ann }
    }

    #[test]
    fn gold_tags_follow_the_standoff() {
        let t = example("Maria Lopez", "taxes rose");
        let chars: Vec<char> = t.text.chars().collect();
        let roles: Vec<usize> = gold_tags(&tokenize(&chars), &t.ann).into_iter().map(role_of).collect();
        // Maria Lopez | said | taxes rose | .
        assert_eq!(roles, [TAG_SOURCE, TAG_SOURCE, TAG_CUE, TAG_CONTENT, TAG_CONTENT, 0]);
    }

    #[test]
    fn a_model_trained_on_examples_finds_attributions_in_new_text() {
        let mut texts = Vec::new();
        for (i, name) in NAMES.iter().enumerate() {
            for (j, claim) in CLAIMS.iter().enumerate() {
                if (i + j) % 3 != 0 {
                    texts.push(example(name, claim));
                }
            }
        }
        let held_out: Vec<Annotated> = NAMES
            .iter()
            .zip(CLAIMS.iter().cycle())
            .map(|(n, c)| example(n, c))
            .filter(|e| !texts.iter().any(|t| t.text == e.text))
            .collect();
        let opts = TrainOptions { epochs: 3, folds: 2, ..TrainOptions::default() };
        let trained = train(&texts, &held_out, &opts, &mut |_, _| {});
        let [source, cue, content, attribution] = trained.scores.f1s();
        assert!(source > 0.9 && cue > 0.9 && content > 0.9 && attribution > 0.9, "{}", trained.scores.table());
        // The model file reads back to the same figures.
        let lex = lexicon::Lexicon::parse(&trained.cue_lexicon, &trained.source_heads, &trained.model);
        assert_eq!(evaluate(&lex, &held_out), trained.scores);
    }

    #[test]
    fn scores_count_exact_and_lenient_matches() {
        let gold = example("Maria Lopez", "the bridge will reopen in May");
        let mut scores = Scores::default();
        scores.add(&gold.text, &gold.ann, &gold.ann);
        assert!(scores.f1s().iter().all(|&f| (f - 1.0).abs() < 1e-9), "{}", scores.table());
        // The content predicted without "in May": lenient, not exact.
        let short = gold.ann.replace("Content 17 46", "Content 17 39");
        let mut scores = Scores::default();
        scores.add(&gold.text, &gold.ann, &short);
        let content = scores.roles[2];
        assert_eq!((content.exact, content.lenient), (0, 1));
    }
}
