//! Krippendorff's unitized alpha (αu, Krippendorff 1995, "On the reliability of unitizing
//! contiguous data") for one label and two annotators: each annotator's labelled chars form
//! sections (maximal runs, so overlapping or nested annotations of one label count as one
//! section), the rest gaps. Observed disagreement sums, over overlapping sections of the two,
//! the squared differences of their starts and ends (both labelled) or the squared length of a
//! labelled section lying inside the other's gap; expected disagreement considers every
//! placement of the sections on the continuum.

/// One section of the continuum: start, length, labelled or gap.
type Section = (usize, usize, bool);

/// Two annotators' labelled runs (start, length) on one continuum of `len` chars.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unitized {
    /// The continuum's length (the sum of the texts' lengths).
    pub len: usize,
    /// The reference's runs, in order.
    pub a: Vec<(usize, usize)>,
    /// The other's runs, in order.
    pub b: Vec<(usize, usize)>,
}

impl Unitized {
    /// The runs of two coverages of one text.
    pub fn of(a: &[bool], b: &[bool]) -> Self {
        Self { len: a.len().min(b.len()), a: runs(a), b: runs(b) }
    }

    /// Appends another text's runs after this continuum.
    pub fn add(&mut self, other: &Self) {
        let shift = |runs: &[(usize, usize)]| runs.iter().map(|&(s, l)| (s + self.len, l)).collect::<Vec<_>>();
        let (a, b) = (shift(&other.a), shift(&other.b));
        self.a.extend(a);
        self.b.extend(b);
        self.len += other.len;
    }

    /// αu = 1 − observed / expected disagreement; `None` when nobody labelled anything or the
    /// continuum is empty.
    pub fn alpha(&self) -> Option<f64> {
        let expected = self.expected()?;
        let observed = self.observed();
        if (observed - expected).abs() < f64::EPSILON { Some(0.0) } else { Some(1.0 - observed / expected) }
    }

    fn observed(&self) -> f64 {
        let (sa, sb) = (sections(&self.a, self.len), sections(&self.b, self.len));
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while let (Some(&x), Some(&y)) = (sa.get(i), sb.get(j)) {
            sum += distance(x, y);
            if x.0 + x.1 <= y.0 + y.1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        let len = self.len as f64;
        // 2 × sum over the pair / (m (m − 1) L²) with m = 2 annotators.
        sum / (len * len)
    }

    fn expected(&self) -> Option<f64> {
        let units: Vec<f64> = self.a.iter().chain(&self.b).map(|&(_, l)| l as f64).collect();
        let mut gaps: Vec<f64> = [&self.a, &self.b]
            .into_iter()
            .flat_map(|runs| sections(runs, self.len).into_iter().filter(|s| !s.2).map(|s| s.1 as f64))
            .collect();
        gaps.sort_by(|x, y| y.total_cmp(x));
        let (n, len) = (units.len() as f64, self.len as f64);
        if units.is_empty() || self.len == 0 {
            return None;
        }
        let mut total = 0.0;
        for &l in &units {
            let within = (n - 1.0) * (2.0 * l * l * l - 3.0 * l * l + l) / 3.0;
            let placements: f64 = gaps.iter().take_while(|&&g| g >= l).map(|&g| g - l + 1.0).sum();
            total += within + l * l * placements;
        }
        let squared: f64 = units.iter().map(|&l| l * (l - 1.0)).sum();
        let denominator = 2.0 * len * (2.0 * len - 1.0) - squared;
        (denominator > 0.0).then(|| total * 2.0 / len / denominator)
    }
}

/// The maximal runs of `true` as (start, length).
fn runs(covered: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in covered.iter().chain(std::iter::once(&false)).enumerate() {
        match (c, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - s));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The continuum cut into labelled runs and the gaps between them.
fn sections(runs: &[(usize, usize)], len: usize) -> Vec<Section> {
    let mut out = Vec::with_capacity(2 * runs.len() + 1);
    let mut at = 0;
    for &(start, length) in runs {
        if start > at {
            out.push((at, start - at, false));
        }
        out.push((start, length, true));
        at = start + length;
    }
    if at < len {
        out.push((at, len - at, false));
    }
    out
}

/// The disagreement of two overlapping sections.
fn distance((b1, l1, c1): Section, (b2, l2, c2): Section) -> f64 {
    let (b1, l1, b2, l2) = (b1 as f64, l1 as f64, b2 as f64, l2 as f64);
    let (begin, end) = (b1 - b2, (b1 + l1) - (b2 + l2));
    match (c1, c2) {
        (true, true) => begin * begin + end * end,
        (true, false) if b1 >= b2 && b1 + l1 <= b2 + l2 => l1 * l1,
        (false, true) if b2 >= b1 && b2 + l2 <= b1 + l1 => l2 * l2,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coverage(len: usize, runs: &[(usize, usize)]) -> Vec<bool> {
        (0..len).map(|i| runs.iter().any(|&(s, l)| i >= s && i < s + l)).collect()
    }

    #[test]
    fn a_published_example_gives_its_figures() {
        // The two-annotator example of DKPro Statistics' unitizing tests (observed 0.9100,
        // expected 0.5351, αu −0.7003): `-11111111-` against `--1-1-1---`.
        let u = Unitized::of(&coverage(10, &[(1, 8)]), &coverage(10, &[(2, 1), (4, 1), (6, 1)]));
        assert!((u.observed() - 0.9100).abs() < 1e-4, "{}", u.observed());
        assert!((u.expected().unwrap_or_default() - 0.5351).abs() < 1e-4, "{:?}", u.expected());
        assert!((u.alpha().unwrap_or_default() + 0.7003).abs() < 1e-4, "{:?}", u.alpha());
    }

    #[test]
    fn identical_sections_agree_perfectly() {
        let a = coverage(50, &[(3, 8), (20, 5)]);
        assert_eq!(Unitized::of(&a, &a).alpha(), Some(1.0));
    }

    #[test]
    fn shifted_sections_agree_less_than_identical_and_more_than_disjoint() {
        let a = coverage(100, &[(10, 20), (60, 10)]);
        let near = Unitized::of(&a, &coverage(100, &[(12, 20), (60, 11)])).alpha().unwrap_or(1.0);
        let far = Unitized::of(&a, &coverage(100, &[(35, 20), (80, 10)])).alpha().unwrap_or(1.0);
        assert!(near < 1.0 && near > 0.8, "{near}");
        assert!(far < 0.0, "{far}");
    }

    #[test]
    fn a_section_inside_the_others_gap_costs_its_squared_length() {
        let u = Unitized::of(&coverage(10, &[(2, 3)]), &coverage(10, &[]));
        assert!((u.observed() - 9.0 / 100.0).abs() < 1e-12);
    }
}
