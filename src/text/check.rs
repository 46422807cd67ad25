//! Rules pinned as data: one line per case, with the expected spans marked inline as `[...]`
//! and a position as `|`.

use crate::anchor::CharRange;

/// `case` without its `|` marker, and the char position the marker stood at (0 without one).
pub fn marked(case: &str) -> (String, usize) {
    let at = case.chars().position(|c| c == '|').unwrap_or(0);
    (case.replace('|', ""), at)
}

/// `case` without its `[`, `]` and `|` markers, the spans the brackets mark, and the position of `|`.
pub fn parse(case: &str) -> (String, Vec<CharRange>, usize) {
    let (mut text, mut spans, mut at, mut open) = (String::new(), Vec::new(), 0, None);
    let mut n = 0;
    for c in case.chars() {
        match c {
            '[' => open = Some(n),
            ']' => spans.extend(open.take().map(|s| CharRange::new(s, n))),
            '|' => at = n,
            _ => {
                text.push(c);
                n += 1;
            }
        }
    }
    (text, spans, at)
}

/// Runs `rule` on every case (its text and `|` position) and asserts it finds the marked spans.
pub fn check(cases: &[&str], rule: impl Fn(&str, usize) -> Vec<CharRange>) {
    for case in cases {
        let (text, want, at) = parse(case);
        let got = rule(&text, at);
        let show = |spans: &[CharRange]| -> Vec<String> {
            spans.iter().map(|r| text.chars().skip(r.start).take(r.end - r.start).collect()).collect()
        };
        assert_eq!(show(&got), show(&want), "case {case:?}");
    }
}
