//! Markdown report: per document its metadata, then its claims grouped by source, each with
//! the exact quote, cue, verdict, event date, via chain and note.
//!
//! Text from the articles is escaped so that it renders as written (a `*` in a quote stays a
//! star), and multi-line quotes stay inside their block quote.

use super::shared::{annotation_text, chain_text, claim_text, cue_text, document_name, report_title, source_names};
use crate::anchor::TextIndex;
use crate::model::{Claim, Document, Project, Verdict};
use std::fmt::Write;

/// Escapes Markdown's inline syntax characters so the text renders literally.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '{' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes `text` and prefixes every line with `prefix` (for block quotes and list items).
fn block(text: &str, prefix: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            let escaped = escape(l);
            // A line starting like a list item or heading would change the structure.
            if matches!(escaped.chars().next(), Some('-' | '+' | '=')) {
                format!("{prefix}\\{escaped}")
            } else if let Some(digits) = ordered_item_digits(&escaped) {
                let (number, rest) = escaped.split_at(digits);
                format!("{prefix}{number}\\{rest}")
            } else {
                format!("{prefix}{escaped}")
            }
        })
        .collect();
    if lines.is_empty() { prefix.trim_end().to_owned() } else { lines.join("\n") }
}

/// The number of leading digits when `line` starts like an ordered list item (`2.` or `2)`).
fn ordered_item_digits(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && matches!(line.chars().nth(digits), Some('.' | ')'))).then_some(digits)
}

/// Writes the report.
pub fn export_markdown(project: &Project) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&report_title(project)));
    let claims: usize = project.documents.iter().map(|d| d.claims.len()).sum();
    let _ = writeln!(
        out,
        "{}, {}, {}.\n",
        count(project.documents.len(), "document"),
        count(claims, "claim"),
        count(project.sources.len(), "source")
    );
    for document in &project.documents {
        document_section(project, document, &mut out);
    }
    out
}

fn document_section(project: &Project, document: &Document, out: &mut String) {
    let _ = writeln!(out, "## {}\n", escape(&document_name(document)));
    if let Some(outlet) = &document.outlet {
        let _ = writeln!(out, "- Outlet: {}", escape(outlet));
    }
    if let Some(date) = document.published {
        let _ = writeln!(out, "- Published: {date}");
    }
    if let Some(url) = &document.url {
        let _ = writeln!(out, "- URL: <{}>", url.replace('>', "%3E").replace(' ', "%20"));
    }
    let _ = writeln!(out, "- Annotations: {}, claims: {}\n", document.annotations.len(), document.claims.len());
    let index = TextIndex::new(&document.text);
    if document.claims.is_empty() {
        let _ = writeln!(out, "No claims.\n");
    }
    // Group by source, in order of first appearance.
    let mut groups: Vec<(String, Vec<&Claim>)> = Vec::new();
    for claim in &document.claims {
        let names = source_names(project, document, &index, claim);
        let key = if names.is_empty() { "No source named".to_owned() } else { names.join(", ") };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(claim),
            None => groups.push((key, vec![claim])),
        }
    }
    for (source, claims) in groups {
        let _ = writeln!(out, "### {}\n", escape(&source));
        for claim in claims {
            claim_section(project, document, &index, claim, out);
        }
    }
    notes_section(document, &index, out);
}

/// Every annotation with a note or tags: its label, quote, note and tags.
fn notes_section(document: &Document, index: &TextIndex<'_>, out: &mut String) {
    let noted: Vec<_> = document.annotations.iter().filter(|a| !a.note.trim().is_empty() || !a.tags.is_empty()).collect();
    if noted.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Notes and tags\n");
    for a in noted {
        let quote = annotation_text(index, a, true).replace('\n', " ");
        let _ = writeln!(out, "- {}: “{}”", escape(&a.label), escape(&quote));
        if !a.tags.is_empty() {
            let tags: Vec<String> = a.tags.iter().map(|t| escape(t)).collect();
            let _ = writeln!(out, "  - Tags: {}", tags.join(", "));
        }
        if !a.note.trim().is_empty() {
            let _ = writeln!(out, "  - Note:\n{}", block(&a.note, "    "));
        }
    }
    let _ = writeln!(out);
}

fn claim_section(project: &Project, document: &Document, index: &TextIndex<'_>, claim: &Claim, out: &mut String) {
    let _ = writeln!(out, "{}\n", block(&claim_text(document, index, claim), "> "));
    let mut facts: Vec<String> = Vec::new();
    if let Some(cue) = cue_text(document, index, claim) {
        facts.push(format!("Cue: “{}”", escape(&cue.replace('\n', " "))));
    }
    let verdict = match claim.verdict {
        Verdict::Unverified => "Unverified".to_owned(),
        v => format!("**{}**", v.label()),
    };
    facts.push(format!("Verdict: {verdict}"));
    if let Some(date) = claim.event_date {
        facts.push(format!("Event date: {date}"));
    }
    if let Some(date) = claim.said_on {
        facts.push(format!("Said on: {date}"));
    }
    let chain = chain_text(project, claim);
    if !chain.is_empty() {
        facts.push(format!("Via: {}", escape(&chain)));
    }
    if let Some(story) = super::links::chain_in_words(project, document, claim) {
        facts.push(format!("Story: {}", escape(&story)));
    }
    for fact in facts {
        let _ = writeln!(out, "- {fact}");
    }
    if !claim.note.trim().is_empty() {
        let _ = writeln!(out, "- Note:\n{}", block(&claim.note, "  "));
    }
    let _ = writeln!(out, "- Claim id: `{}`\n", claim.id);
}

/// "1 claim", "2 claims".
fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_inline_syntax_and_line_starts() {
        assert_eq!(escape("*a* [b](c) <d>"), "\\*a\\* \\[b\\](c) \\<d\\>");
        assert_eq!(block("- one\n2. two\nthree", "> "), "> \\- one\n> 2\\. two\n> three");
        assert_eq!(block("", "> "), ">");
    }
}
