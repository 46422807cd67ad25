//! Character-level agreement on one label: every char of the text is labelled by each
//! annotator or not. Cohen's κ as `QualCoder` computes it, and Krippendorff's α over the chars as
//! units with the two values "labelled" / "not labelled".

use crate::anchor::CharRange;

/// Which chars of a text of `len` chars the given ranges cover (ranges past the end are cut).
pub fn coverage<'a>(len: usize, ranges: impl IntoIterator<Item = &'a CharRange>) -> Vec<bool> {
    let mut covered = vec![false; len];
    for range in ranges {
        let end = range.end.min(len);
        if let Some(slots) = covered.get_mut(range.start.min(end)..end) {
            slots.fill(true);
        }
    }
    covered
}

/// The four counts of two annotators' char coverage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CharCounts {
    /// Chars both labelled.
    pub both: usize,
    /// Chars only the reference labelled.
    pub only_a: usize,
    /// Chars only the other labelled.
    pub only_b: usize,
    /// Chars neither labelled.
    pub neither: usize,
}

impl CharCounts {
    /// Counts two coverages of one text (the shorter one decides the length).
    pub fn of(a: &[bool], b: &[bool]) -> Self {
        let mut counts = Self::default();
        for (&x, &y) in a.iter().zip(b) {
            match (x, y) {
                (true, true) => counts.both += 1,
                (true, false) => counts.only_a += 1,
                (false, true) => counts.only_b += 1,
                (false, false) => counts.neither += 1,
            }
        }
        counts
    }

    /// Adds another text's counts (the figures of several documents are over all their chars).
    pub fn add(&mut self, other: Self) {
        self.both += other.both;
        self.only_a += other.only_a;
        self.only_b += other.only_b;
        self.neither += other.neither;
    }

    fn total(self) -> f64 {
        (self.both + self.only_a + self.only_b + self.neither) as f64
    }

    /// Cohen's κ: observed agreement against the agreement expected from each annotator's share
    /// of labelled chars; `None` when chance agreement is certain (nobody or everybody labelled).
    pub fn kappa(self) -> Option<f64> {
        let total = self.total();
        let a = (self.both + self.only_a) as f64 / total;
        let b = (self.both + self.only_b) as f64 / total;
        let observed = (self.both + self.neither) as f64 / total;
        let expected = a * b + (1.0 - a) * (1.0 - b);
        (total > 0.0 && expected < 1.0).then(|| (observed - expected) / (1.0 - expected))
    }

    /// Krippendorff's α with each char a unit coded by both, nominal values labelled / not
    /// labelled: 1 − (n − 1)·disagreements / (n₁·n₀) over the coincidence matrix (n = 2 × chars).
    pub fn alpha(self) -> Option<f64> {
        let n = 2.0 * self.total();
        let labelled = (2 * self.both + self.only_a + self.only_b) as f64;
        let unlabelled = n - labelled;
        let disagreements = 2.0 * (self.only_a + self.only_b) as f64;
        (labelled > 0.0 && unlabelled > 0.0).then(|| 1.0 - (n - 1.0) * disagreements / (2.0 * labelled * unlabelled))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_coverage_agrees_perfectly() {
        let a = coverage(10, &[CharRange::new(2, 5)]);
        let counts = CharCounts::of(&a, &a);
        assert_eq!(counts.kappa(), Some(1.0));
        assert_eq!(counts.alpha(), Some(1.0));
    }

    #[test]
    fn kappa_and_alpha_of_a_known_table() {
        // 20 chars: both 6, only A 2, only B 2, neither 10.
        let counts = CharCounts { both: 6, only_a: 2, only_b: 2, neither: 10 };
        // po = 0.8, pe = 0.4*0.4 + 0.6*0.6 = 0.52, κ = 0.28 / 0.48.
        let kappa = counts.kappa().unwrap_or_default();
        assert!((kappa - 0.28 / 0.48).abs() < 1e-9, "{kappa}");
        // n = 40, n1 = 16, n0 = 24, disagreement pairs 8: α = 1 - 39*8 / (2*16*24).
        let alpha = counts.alpha().unwrap_or_default();
        assert!((alpha - (1.0 - 39.0 * 8.0 / 768.0)).abs() < 1e-9, "{alpha}");
    }

    #[test]
    fn nobody_labelling_has_no_kappa() {
        assert_eq!(CharCounts { neither: 5, ..CharCounts::default() }.kappa(), None);
    }
}
