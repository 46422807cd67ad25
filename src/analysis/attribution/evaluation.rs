//! Scoring suggestions against gold brat standoff, as `../shared/tools/score_attributions.py`
//! does: per role exact and lenient (overlap of at least half the longer span) precision and
//! recall after trimming white space, quotation marks and end punctuation; attributions found
//! when one predicted attribution matches a gold one's Cue and Content leniently, one to one.

use super::Span;
use super::brat::parse_frags;
use std::fmt::Write as _;

/// The chars the scorer trims from both ends of a span before comparing.
const TRIM: &[char] = &[' ', '\t', '\r', '\n', '"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', ',', '.', ';', ':'];

/// The three roles, in the order of [`Scores::roles`].
pub const ROLES: [&str; 3] = ["Source", "Cue", "Content"];

/// Counts of one role or of attributions: gold, predicted, and matched exactly and leniently.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold spans (or attributions).
    pub gold: usize,
    /// Predicted spans (or attributions).
    pub pred: usize,
    /// Matched with the same trimmed offsets.
    pub exact: usize,
    /// Matched leniently, one to one.
    pub lenient: usize,
}

impl Counts {
    /// F1 of `found` matches.
    fn f1_of(self, found: usize) -> f64 {
        let p = if self.pred > 0 { found as f64 / self.pred as f64 } else { 0.0 };
        let r = if self.gold > 0 { found as f64 / self.gold as f64 } else { 0.0 };
        if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
    }
    /// Lenient precision.
    pub fn precision(self) -> f64 {
        if self.pred > 0 { self.lenient as f64 / self.pred as f64 } else { 0.0 }
    }
    /// Lenient recall.
    pub fn recall(self) -> f64 {
        if self.gold > 0 { self.lenient as f64 / self.gold as f64 } else { 0.0 }
    }
    /// Lenient F1.
    pub fn f1(self) -> f64 {
        self.f1_of(self.lenient)
    }
    /// Exact F1.
    pub fn exact_f1(self) -> f64 {
        self.f1_of(self.exact)
    }
}

/// The figures of a set of documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// Source, Cue and Content ([`ROLES`]).
    pub roles: [Counts; 3],
    /// Attributions (cue + content; `exact` counts those with the source too).
    pub attributions: Counts,
}

impl Scores {
    /// Adds the figures of one document: its text, the gold and the predicted standoff.
    pub fn add(&mut self, text: &str, gold: &str, pred: &str) {
        let chars: Vec<char> = text.chars().collect();
        let (g, p) = (Standoff::parse(&chars, gold), Standoff::parse(&chars, pred));
        for (k, role) in ROLES.iter().enumerate() {
            let (gs, ps) = (g.role_spans(role), p.role_spans(role));
            if let Some(c) = self.roles.get_mut(k) {
                c.gold += gs.len();
                c.pred += ps.len();
                c.exact += gs.iter().filter(|s| ps.binary_search(s).is_ok()).count();
                c.lenient += greedy(&gs, &ps);
            }
        }
        let (ga, pa) = (g.attributions(), p.attributions());
        let a = &mut self.attributions;
        a.gold += ga.len();
        a.pred += pa.len();
        let mut used = vec![false; pa.len()];
        let mut left = Vec::new();
        for x in &ga {
            match (0..pa.len()).find(|&i| used.get(i) == Some(&false) && pa.get(i) == Some(x)) {
                Some(i) => {
                    if let Some(u) = used.get_mut(i) {
                        *u = true;
                    }
                    a.lenient += 1;
                    a.exact += 1;
                }
                None => left.push(*x),
            }
        }
        for x in left {
            let hit = (0..pa.len()).find(|&i| {
                used.get(i) == Some(&false) && pa.get(i).is_some_and(|y| lenient(x.cue, y.cue) && lenient(x.content, y.content))
            });
            if let Some(i) = hit {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                a.lenient += 1;
                let y = pa.get(i).copied().unwrap_or_default();
                a.exact += usize::from(lenient(x.source, y.source) || x.source.is_none() && y.source.is_none());
            }
        }
    }

    /// Lenient F1 of Source, Cue, Content and attributions (cue + content).
    pub fn f1s(&self) -> [f64; 4] {
        let [s, c, t] = self.roles;
        [s.f1(), c.f1(), t.f1(), self.attributions.f1()]
    }

    /// The figures as the scorer prints them: per role gold, predicted, exact and lenient P/R/F1.
    pub fn table(&self) -> String {
        let mut out = String::new();
        for (role, c) in ROLES.iter().zip(self.roles) {
            let ep = if c.pred > 0 { c.exact as f64 / c.pred as f64 } else { 0.0 };
            let er = if c.gold > 0 { c.exact as f64 / c.gold as f64 } else { 0.0 };
            let _ = writeln!(
                out,
                "{role:<10}{:6}{:6}  exact {ep:.3} {er:.3} {:.3}  lenient {:.3} {:.3} {:.3}",
                c.gold,
                c.pred,
                c.exact_f1(),
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
        let a = self.attributions;
        let _ = writeln!(
            out,
            "attributions gold {} pred {}  cue+content F1 {:.3}  +source F1 {:.3}",
            a.gold,
            a.pred,
            a.f1(),
            a.exact_f1()
        );
        out
    }
}

/// A trimmed span as the scorer compares them: (start, end) in chars.
type Trimmed = (usize, usize);

/// One attribution's trimmed cover spans per role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Roles {
    source: Option<Trimmed>,
    cue: Option<Trimmed>,
    content: Option<Trimmed>,
}

/// The T and E lines of one standoff file.
struct Standoff<'a> {
    chars: &'a [char],
    /// (id, label, cover of the fragments).
    spans: Vec<(&'a str, &'a str, Span)>,
    /// Role and T id of every argument, per E line.
    events: Vec<Vec<(&'a str, &'a str)>>,
}

impl<'a> Standoff<'a> {
    fn parse(chars: &'a [char], ann: &'a str) -> Self {
        let mut spans = Vec::new();
        let mut events = Vec::new();
        for line in ann.lines() {
            let mut parts = line.split('\t');
            let (Some(id), Some(body)) = (parts.next(), parts.next()) else { continue };
            if id.starts_with('T') {
                let Some((label, offsets)) = body.split_once(' ') else { continue };
                if let Some(cover) = parse_frags(offsets).into_iter().reduce(Span::cover) {
                    spans.push((id, label, cover));
                }
            } else if id.starts_with('E') {
                let args = body
                    .split_whitespace()
                    .filter_map(|a| a.split_once(':'))
                    .map(|(role, tid)| (role.trim_end_matches(|c: char| c.is_ascii_digit()), tid))
                    .collect();
                events.push(args);
            }
        }
        Standoff { chars, spans, events }
    }

    fn trim(&self, s: Span) -> Trimmed {
        let (mut a, mut b) = (s.start, s.end.min(self.chars.len()));
        while a < b && self.chars.get(a).is_some_and(|c| TRIM.contains(c)) {
            a += 1;
        }
        while b > a && self.chars.get(b - 1).is_some_and(|c| TRIM.contains(c)) {
            b -= 1;
        }
        (a, b)
    }

    /// The distinct trimmed spans of a role, sorted.
    fn role_spans(&self, role: &str) -> Vec<Trimmed> {
        let mut v: Vec<Trimmed> = self.spans.iter().filter(|(_, l, _)| *l == role).map(|&(_, _, s)| self.trim(s)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The attributions with a cue or a content.
    fn attributions(&self) -> Vec<Roles> {
        let cover = |args: &[(&str, &str)], role: &str| {
            args.iter()
                .filter(|(r, _)| *r == role)
                .filter_map(|(_, tid)| self.spans.iter().find(|(id, _, _)| id == tid).map(|&(_, _, s)| self.trim(s)))
                .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
        };
        self.events
            .iter()
            .map(|args| Roles { source: cover(args, "Source"), cue: cover(args, "Cue"), content: cover(args, "Content") })
            .filter(|r| r.cue.is_some() || r.content.is_some())
            .collect()
    }
}

/// Whether two spans overlap by at least half of the longer one.
fn lenient(a: Option<Trimmed>, b: Option<Trimmed>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    let (lo, hi) = (a.0.max(b.0), a.1.min(b.1));
    hi > lo && (hi - lo) * 2 >= (a.1 - a.0).max(b.1 - b.0)
}

/// Lenient one-to-one matches, gold in order taking the first free prediction.
fn greedy(gold: &[Trimmed], pred: &[Trimmed]) -> usize {
    let mut used = vec![false; pred.len()];
    let mut n = 0;
    for &g in gold {
        let hit = pred.iter().enumerate().find(|&(i, &p)| used.get(i) == Some(&false) && lenient(Some(g), Some(p)));
        if let Some((i, _)) = hit {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
            n += 1;
        }
    }
    n
}
