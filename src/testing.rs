//! (Hidden) a `check` helper for tests of text-in, spans-out algorithms, in the style of
//! rust-analyzer's: the expected spans are written inside the input text.
//!
//! ```text
//! [[Censor.NET|Source]] [[reports|Cue]], citing Ukrinform.
//! ```
//!
//! `[[TEXT|LABEL]]` marks a span with its label; marks may nest. [`check`] strips the marks,
//! runs the algorithm on the plain text and compares what it returns with the marks, printing
//! both as marked text and the spans that differ. [`check_lines`] takes one case a line and
//! reports every failing line at once. [`check_at`] and [`marked_at`] do the same for rules asked
//! about a position (`|`), with unlabelled spans `[...]`.

use crate::anchor::CharRange;
use std::fmt::Write as _;

/// A span an algorithm found: char range (code points, end exclusive) and label.
pub type LabelledSpan = (CharRange, String);

/// Text with its marks taken out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The plain text.
    pub text: String,
    /// The marked spans, sorted by start, then longest first.
    pub spans: Vec<LabelledSpan>,
}

/// Takes the `[[TEXT|LABEL]]` marks out of `marked`. A `[[` without its `|LABEL]]` is kept as text.
pub fn parse_marked(marked: &str) -> Marked {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut open: Vec<usize> = Vec::new();
    let mut spans = Vec::new();
    let mut rest = marked;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[[") {
            open.push(chars);
            rest = after;
        } else if let (Some(after), Some(start)) = (rest.strip_prefix('|'), open.last().copied())
            && let Some(end_of_label) = after.find("]]")
        {
            let label = after.get(..end_of_label).unwrap_or_default();
            spans.push((CharRange::new(start, chars), label.to_owned()));
            open.pop();
            rest = after.get(end_of_label + 2..).unwrap_or_default();
        } else if let Some(c) = rest.chars().next() {
            text.push(c);
            chars += 1;
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
        }
    }
    sort(&mut spans);
    Marked { text, spans }
}

fn sort(spans: &mut [LabelledSpan]) {
    spans.sort_by(|(a, la), (b, lb)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(la.cmp(lb)));
}

/// `text` with `spans` written in as marks (the inverse of [`parse_marked`] for nested or
/// disjoint spans; a span crossing another's end is closed where the outer one closes).
pub fn render_marked(text: &str, spans: &[LabelledSpan]) -> String {
    let mut spans = spans.to_vec();
    sort(&mut spans);
    let mut out = String::new();
    let mut stack: Vec<&LabelledSpan> = Vec::new();
    let mut next = spans.iter().peekable();
    let total = text.chars().count();
    let mut chars = text.chars();
    for i in 0..=total {
        while let Some(top) = stack.last()
            && top.0.end <= i
        {
            let _ = write!(out, "|{}]]", top.1);
            stack.pop();
        }
        while let Some(span) = next.next_if(|s| s.0.start == i) {
            out.push_str("[[");
            stack.push(span);
        }
        if let Some(c) = chars.next() {
            out.push(c);
        }
    }
    for top in stack.iter().rev() {
        let _ = write!(out, "|{}]]", top.1);
    }
    out
}

/// What differs between the expected and the found spans of `text`, as readable lines (empty
/// when they agree).
pub fn diff(text: &str, expected: &[LabelledSpan], found: &[LabelledSpan]) -> String {
    let mut expected = expected.to_vec();
    let mut found = found.to_vec();
    sort(&mut expected);
    sort(&mut found);
    if expected == found {
        return String::new();
    }
    let quote = |r: &CharRange| text.chars().skip(r.start).take(r.end.saturating_sub(r.start)).collect::<String>();
    let mut out = format!("expected: {}\n   found: {}\n", render_marked(text, &expected), render_marked(text, &found));
    for s in expected.iter().filter(|s| !found.contains(s)) {
        let _ = writeln!(out, "  missing {} {}..{} {:?}", s.1, s.0.start, s.0.end, quote(&s.0));
    }
    for s in found.iter().filter(|s| !expected.contains(s)) {
        let _ = writeln!(out, "  extra   {} {}..{} {:?}", s.1, s.0.start, s.0.end, quote(&s.0));
    }
    out
}

/// Runs `algorithm` on the text of `marked` and panics with a readable diff unless it returns
/// exactly the marked spans (order does not matter).
pub fn check(marked: &str, algorithm: impl Fn(&str) -> Vec<LabelledSpan>) {
    let Marked { text, spans } = parse_marked(marked);
    let report = diff(&text, &spans, &algorithm(&text));
    assert!(report.is_empty(), "spans differ\n{report}");
}

/// [`check`] for one case a line (blank lines and lines starting with `#` are skipped),
/// reporting every failing line together.
pub fn check_lines(cases: &str, algorithm: impl Fn(&str) -> Vec<LabelledSpan>) {
    let mut failures = String::new();
    let mut failed = 0;
    for (n, line) in cases.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Marked { text, spans } = parse_marked(line);
        let report = diff(&text, &spans, &algorithm(&text));
        if !report.is_empty() {
            failed += 1;
            let _ = writeln!(failures, "case on line {}:\n{report}", n + 1);
        }
    }
    assert!(failed == 0, "{failed} case(s) failed\n{failures}");
}

// ----- Rules with a position: `[...]` marks the expected spans and `|` the position the rule
// is asked about (a double click, a Ctrl+arrow), one case a line. -----

/// `case` without its `|` marker, and the char position the marker stood at (0 without one).
pub fn marked_at(case: &str) -> (String, usize) {
    let at = case.chars().position(|c| c == '|').unwrap_or(0);
    (case.replace('|', ""), at)
}

/// `case` without its `[`, `]` and `|` markers, the spans the brackets mark, and the position of `|`.
pub fn parse_at(case: &str) -> (String, Vec<CharRange>, usize) {
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
pub fn check_at(cases: &[&str], rule: impl Fn(&str, usize) -> Vec<CharRange>) {
    for case in cases {
        let (text, want, at) = parse_at(case);
        let got = rule(&text, at);
        let show = |spans: &[CharRange]| -> Vec<String> {
            spans.iter().map(|r| text.chars().skip(r.start).take(r.end - r.start).collect()).collect()
        };
        assert_eq!(show(&got), show(&want), "case {case:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, label: &str) -> LabelledSpan {
        (CharRange::new(start, end), label.to_owned())
    }

    #[test]
    fn marks_parse_to_char_spans_and_render_back() {
        let marked = "[[Censor.NET|Source]] [[reports|Cue]] on [[the «G7 [[ministers|Source]]»|Claim]].";
        let m = parse_marked(marked);
        assert_eq!(m.text, "Censor.NET reports on the «G7 ministers».");
        assert_eq!(m.spans, vec![span(0, 10, "Source"), span(11, 18, "Cue"), span(22, 40, "Claim"), span(30, 39, "Source")]);
        assert_eq!(render_marked(&m.text, &m.spans), marked);
    }

    #[test]
    fn a_difference_names_the_missing_and_the_extra_span() {
        let report = diff("He said so.", &[span(0, 2, "Source")], &[span(3, 7, "Cue")]);
        assert!(report.contains("expected: [[He|Source]] said so."), "{report}");
        assert!(report.contains("   found: He [[said|Cue]] so."), "{report}");
        assert!(report.contains("missing Source 0..2 \"He\""), "{report}");
        assert!(report.contains("extra   Cue 3..7 \"said\""), "{report}");
        assert_eq!(diff("x", &[span(0, 1, "A")], &[span(0, 1, "A")]), "");
    }

    #[test]
    fn check_lines_reports_each_failing_case() {
        let words = |t: &str| vec![span(0, t.find(' ').unwrap_or(t.len()), "First")];
        check_lines("[[one|First]] two\n\n# a comment\n[[three|First]] four", words);
        let failed = std::panic::catch_unwind(|| check_lines("[[one|First]] two\none [[two|First]]", words));
        let message = failed.err().and_then(|e| e.downcast_ref::<String>().cloned()).unwrap_or_default();
        assert!(message.contains("1 case(s) failed") && message.contains("case on line 2"), "{message}");
    }
}
