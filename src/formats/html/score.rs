//! The article-extraction metric of the public benchmark (and of
//! `../shared/tools/score_extraction.py`): word 4-gram shingles per page (words are runs of
//! `\w`), true/false positives and negatives normalised so that every page weighs the same,
//! precision and recall averaged over pages, F1 of the two averages.

use std::collections::HashMap;
use unicode_general_category::get_general_category;

/// Words per shingle.
const SHINGLE: usize = 4;

/// One page's share of true positives, false positives and false negatives (they sum to 1,
/// or are all 0 when both texts have no words).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PageCounts {
    /// Shingles in both texts.
    pub tp: f64,
    /// Shingles only in the prediction.
    pub fp: f64,
    /// Shingles only in the truth.
    pub fn_: f64,
}

impl PageCounts {
    /// Precision of this page (1 when nothing is wrong or missing).
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Recall of this page (1 when nothing is wrong or missing).
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    /// F1 of this page.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }
}

/// Precision, recall and F1 over a set of pages.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    /// Mean precision over the pages that predicted or matched something.
    pub precision: f64,
    /// Mean recall over the pages whose truth has words.
    pub recall: f64,
    /// F1 of the two means.
    pub f1: f64,
}

/// Python's `\w` in a `str` pattern: `_` and what `str.isalnum()` accepts, the general
/// categories L* and N* (so not the combining marks Rust's `is_alphabetic` also takes, such as
/// Arabic vowel signs, nor circled letters).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    get_general_category(c).abbreviation().starts_with(['L', 'N'])
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).collect()
}

/// The multiset of word 4-grams; a text of fewer than four words is one shorter gram.
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let words = words(text);
    let mut grams = HashMap::new();
    let count = words.len().saturating_sub(SHINGLE - 1).max(1);
    for start in 0..count {
        let end = (start + SHINGLE).min(words.len());
        let gram: Vec<&str> = words.get(start..end).unwrap_or_default().to_vec();
        if !gram.is_empty() {
            *grams.entry(gram).or_insert(0) += 1;
        }
    }
    grams
}

/// Compares one extraction with its truth.
pub fn page_counts(truth: &str, predicted: &str) -> PageCounts {
    let truth = shingles(truth);
    let predicted = shingles(predicted);
    let mut tp = 0usize;
    let mut fp = 0usize;
    for (gram, &n) in &predicted {
        let t = truth.get(gram).copied().unwrap_or(0);
        tp += n.min(t);
        fp += n.saturating_sub(t);
    }
    let fn_: usize = truth.iter().map(|(gram, &n)| n.saturating_sub(predicted.get(gram).copied().unwrap_or(0))).sum();
    let total = (tp + fp + fn_) as f64;
    if total == 0.0 {
        return PageCounts::default();
    }
    PageCounts { tp: tp as f64 / total, fp: fp as f64 / total, fn_: fn_ as f64 / total }
}

/// Averages precision over pages with predicted or matched shingles, recall over pages with
/// true or matched ones, and takes F1 of the averages.
pub fn score(pages: &[PageCounts]) -> Score {
    let ps: Vec<f64> = pages.iter().filter(|c| c.tp + c.fp > 0.0).map(PageCounts::precision).collect();
    let rs: Vec<f64> = pages.iter().filter(|c| c.tp + c.fn_ > 0.0).map(PageCounts::recall).collect();
    let precision = mean(&ps);
    let recall = mean(&rs);
    Score { precision, recall, f1: harmonic(precision, recall) }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one() {
        let c = page_counts("one two three four five", "one two three four five");
        assert!((c.f1() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn extra_boilerplate_lowers_precision_only() {
        let c = page_counts("a b c d e f", "a b c d e f share this story now");
        assert!(c.precision() < 1.0);
        assert!((c.recall() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn short_texts_form_one_shorter_gram() {
        assert!((page_counts("hello world", "hello, world!").f1() - 1.0).abs() < 1e-12);
        assert!(page_counts("hello world", "hello there").f1() < 1e-12);
    }

    #[test]
    fn words_split_like_python_regex_w() {
        assert_eq!(words("ⓒ café_2 ٣ bi\u{64e}t"), ["café_2", "٣", "bi", "t"]);
    }

    #[test]
    fn empty_prediction_counts_against_recall() {
        let s = score(&[page_counts("a b c d", "a b c d"), page_counts("a b c d", "")]);
        assert!((s.precision - 1.0).abs() < 1e-12);
        assert!((s.recall - 0.5).abs() < 1e-12);
    }
}
