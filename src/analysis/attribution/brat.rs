//! The suggestions as brat standoff (`PolNeAR`'s format) and back.

use super::{Attribution, Span, Suggestions, text_of};
use std::fmt::Write as _;

pub(super) fn brat_text(chars: &[char], spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| chars.get(s.start..s.end).map(|c| c.iter().collect::<String>()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\n', '\r', '\t'], " ")
}

pub(super) fn brat_offsets(spans: &[Span]) -> String {
    spans.iter().map(|s| format!("{} {}", s.start, s.end)).collect::<Vec<_>>().join(";")
}

/// The suggestions as brat standoff, as `PolNeAR` writes it: T lines typed Source, Cue, Content and
/// Attribution (the trigger, on the cue span) and one E line per attribution. Newlines inside a
/// span's text are written as spaces so that every line stays one annotation.
pub fn to_brat(text: &str, s: &Suggestions) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut t = 0;
    let mut line = |out: &mut String, label: &str, spans: &[Span]| -> usize {
        t += 1;
        let _ = writeln!(out, "T{t}\t{label} {}\t{}", brat_offsets(spans), brat_text(&chars, spans));
        t
    };
    for (e, a) in s.attributions.iter().enumerate() {
        let src = a.source.map(|sp| line(&mut out, "Source", &[sp]));
        let cue = line(&mut out, "Cue", &[a.cue]);
        let content = (!a.content.is_empty()).then(|| line(&mut out, "Content", &a.content));
        let trig = line(&mut out, "Attribution", &[a.cue]);
        let mut ev = format!("E{}\tAttribution:T{trig}", e + 1);
        if let Some(c) = content {
            let _ = write!(ev, " Content:T{c}");
        }
        let _ = write!(ev, " Cue:T{cue}");
        if let Some(sr) = src {
            let _ = write!(ev, " Source:T{sr}");
        }
        out.push_str(&ev);
        out.push('\n');
    }
    out
}

pub(super) fn parse_frags(offsets: &str) -> Vec<Span> {
    offsets
        .split(';')
        .filter_map(|fr| {
            let mut it = fr.split_whitespace();
            let start = it.next()?.parse().ok()?;
            let end = it.next()?.parse().ok()?;
            (end > start).then_some(Span { start, end })
        })
        .collect()
}

/// Read attributions back from brat standoff (`PolNeAR`'s format); the inverse of [`to_brat`].
/// Continuation lines and malformed lines are skipped; confidence is 1.
pub fn from_brat(text: &str, ann: &str) -> Vec<Attribution> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: std::collections::HashMap<&str, Vec<Span>> = std::collections::HashMap::new();
    let mut events = Vec::new();
    for l in ann.lines() {
        let mut parts = l.split('\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else { continue };
        if id.starts_with('T') && id.get(1..).is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())) {
            let Some((_, offsets)) = body.split_once(' ') else { continue };
            spans.insert(id, parse_frags(offsets));
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for ev in events {
        let (mut source, mut cue, mut content): (Option<Span>, Option<Span>, Vec<Span>) = (None, None, Vec::new());
        for arg in ev.split_whitespace() {
            let Some((role, tid)) = arg.split_once(':') else { continue };
            let Some(fr) = spans.get(tid) else { continue };
            let cover = fr.iter().copied().reduce(Span::cover);
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match role {
                "Source" => source = cover.map(|c| source.map_or(c, |s| s.cover(c))),
                "Cue" => cue = cover.map(|c| cue.map_or(c, |s| s.cover(c))),
                "Content" => content.extend(fr.iter().copied()),
                _ => {}
            }
        }
        content.sort();
        if let Some(cue) = cue {
            let source_name = source.map(|s| text_of(&chars, s));
            out.push(Attribution { source, source_name, cue, content, confidence: 1.0 });
        }
    }
    out.sort_by_key(|a| a.cue);
    out
}
