//! Reading the lines of a `.ann` file into their kinds (no meaning yet): `T`, `E`, `R`, `*`,
//! `A`/`M`, `N` and `#`. A byte-order mark and CRLF line ends read as none and LF. Lines that
//! cannot be read, and ids given twice, are reported as [`Warning`]s.

use super::super::Warning;
use crate::anchor::CharRange;
use std::collections::HashMap;

/// A `T` line: a text-bound annotation.
#[derive(Debug)]
pub(super) struct TLine {
    /// Its id (`T12`).
    pub id: String,
    /// 1-based line number.
    pub line: usize,
    /// The entity type.
    pub kind: String,
    /// Its fragments as given (not sorted).
    pub ranges: Vec<CharRange>,
    /// The text column (with continuation lines joined by `\n`).
    pub text: String,
}

/// An `E` line: an event with its trigger and role arguments.
#[derive(Debug)]
pub(super) struct ELine {
    /// Its id (`E3`).
    pub id: String,
    /// 1-based line number.
    pub line: usize,
    /// The event type.
    pub kind: String,
    /// The trigger's `T` id.
    pub trigger: String,
    /// (role, id) arguments, in order; an id may name a `T` line or another event.
    pub args: Vec<(String, String)>,
}

/// An `R` line: id, line number, type, role arguments.
pub(super) type RLine = (String, usize, String, Vec<(String, String)>);
/// An `N` line: line number, type, target, reference, text.
pub(super) type NLine = (usize, String, String, String, String);
/// An `A`/`M` line: line number, name, target, value.
pub(super) type ALine = (usize, String, String, Option<String>);
/// A `#` line: line number, note type, target, text.
pub(super) type NoteLine = (usize, String, String, String);

/// Every line of a `.ann`, by kind.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub t: Vec<TLine>,
    pub e: Vec<ELine>,
    pub r: Vec<RLine>,
    pub equiv: Vec<(usize, String, Vec<String>)>,
    pub attrs: Vec<ALine>,
    pub norms: Vec<NLine>,
    pub notes: Vec<NoteLine>,
}

fn is_line_start(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('T' | 'R' | 'E' | 'A' | 'M' | 'N' | '#') => {
            let rest: String = chars.take_while(|c| *c != '\t').collect();
            rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') && line.contains('\t')
        }
        Some('*') => line.starts_with("*\t"),
        _ => false,
    }
}

fn parse_fragments(spec: &str) -> Option<Vec<CharRange>> {
    spec.split(';')
        .map(|frag| {
            let mut it = frag.split_whitespace();
            let a = it.next()?.parse().ok()?;
            let b = it.next()?.parse().ok()?;
            it.next().is_none().then_some(CharRange::new(a, b))
        })
        .collect()
}

fn parse_args(parts: &[&str]) -> Vec<(String, String)> {
    parts.iter().filter_map(|a| a.split_once(':').map(|(r, t)| (r.to_owned(), t.to_owned()))).collect()
}

/// Reads `ann` line by line.
pub(super) fn parse(ann: &str, warnings: &mut Vec<Warning>) -> Parsed {
    let mut p = Parsed::default();
    // The first line each T, E and R id was given on.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let ann = ann.strip_prefix('\u{feff}').unwrap_or(ann);
    for (i, raw) in ann.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        if !is_line_start(line) {
            // A T line's text that itself contained a line break continues here.
            if let Some(t) = p.t.last_mut()
                && t.line < n
            {
                t.text.push('\n');
                t.text.push_str(line);
                continue;
            }
            let shown = crate::formats::text::shorten(line, 60);
            warnings.push(Warning { line: Some(n), message: format!("not a brat annotation line: {shown:?}") });
            continue;
        }
        let id = line.split('\t').next().unwrap_or_default();
        if matches!(id.chars().next(), Some('T' | 'E' | 'R')) {
            if let Some(first) = seen.get(id) {
                let message = format!("{id}: the id was already given on line {first}; this line is not imported");
                warnings.push(Warning { line: Some(n), message });
                continue;
            }
            seen.insert(id.to_owned(), n);
        }
        parse_line(&mut p, n, line, warnings);
    }
    p
}

/// Reads one annotation line (`line` is its 1-based number) into `p`.
fn parse_line(p: &mut Parsed, n: usize, line: &str, warnings: &mut Vec<Warning>) {
    let mut warn = |message: String| warnings.push(Warning { line: Some(n), message });
    let cols: Vec<&str> = line.splitn(3, '\t').collect();
    let id = cols.first().copied().unwrap_or("").to_owned();
    let body = cols.get(1).copied().unwrap_or("");
    let extra = cols.get(2).copied().unwrap_or("");
    let parts: Vec<&str> = body.split_whitespace().collect();
    match id.chars().next() {
        Some('T') => {
            let (kind, spec) = body.split_once(' ').unwrap_or((body, ""));
            match parse_fragments(spec) {
                Some(ranges) if !kind.is_empty() => {
                    p.t.push(TLine { id, line: n, kind: kind.to_owned(), ranges, text: extra.to_owned() });
                }
                _ => warn(format!("{id}: cannot read the type and offsets {body:?}")),
            }
        }
        Some('E') => {
            let Some((kind, trigger)) = parts.first().and_then(|h| h.split_once(':')) else {
                warn(format!("{id}: an event needs TYPE:TRIGGER"));
                return;
            };
            let args = parse_args(parts.get(1..).unwrap_or_default());
            p.e.push(ELine { id, line: n, kind: kind.to_owned(), trigger: trigger.to_owned(), args });
        }
        Some('R') => match parts.split_first() {
            Some((kind, rest)) if !rest.is_empty() => p.r.push((id, n, (*kind).to_owned(), parse_args(rest))),
            _ => warn(format!("{id}: a relation needs TYPE ARG1:ID ARG2:ID")),
        },
        Some('*') => match parts.split_first() {
            Some((kind, rest)) => p.equiv.push((n, (*kind).to_owned(), rest.iter().map(|s| (*s).to_owned()).collect())),
            None => warn("an equivalence needs TYPE ID ID...".into()),
        },
        Some('A' | 'M') => match parts.as_slice() {
            [name, target] => p.attrs.push((n, (*name).to_owned(), (*target).to_owned(), None)),
            [name, target, value] => p.attrs.push((n, (*name).to_owned(), (*target).to_owned(), Some((*value).to_owned()))),
            _ => warn(format!("{id}: an attribute needs NAME TARGET [VALUE]")),
        },
        Some('N') => match parts.as_slice() {
            [kind, target, reference] => {
                p.norms.push((n, (*kind).to_owned(), (*target).to_owned(), (*reference).to_owned(), extra.to_owned()));
            }
            _ => warn(format!("{id}: a normalisation needs TYPE TARGET DB:ID")),
        },
        Some('#') => match parts.as_slice() {
            [kind, target, ..] => p.notes.push((n, (*kind).to_owned(), (*target).to_owned(), extra.to_owned())),
            _ => warn(format!("{id}: a note needs TYPE TARGET")),
        },
        _ => warn(format!("unknown line kind {id:?}")),
    }
}
