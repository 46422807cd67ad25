//! From page texts to paragraphs: running headers, footers and page numbers out, lines joined
//! into paragraphs (a paragraph ends at a blank line where the producer marks paragraphs so,
//! at a heading, or at a short line that ends a sentence), hyphenation at line ends undone.

use crate::formats::html::article::collapse_whitespace;
use crate::formats::html::{Paragraph, ParagraphKind};
use std::collections::HashMap;

/// Lines at each end of a page that are checked for running headers and footers.
const EDGE_LINES: usize = 2;

/// A line of a page: its text, and whether a blank line came before it.
#[derive(Clone, Debug)]
struct Line {
    text: String,
    after_blank: bool,
}

/// The paragraphs of a document whose pages have these texts.
pub fn paragraphs(pages: &[String]) -> Vec<Paragraph> {
    let mut page_lines: Vec<Vec<Line>> = pages.iter().map(|p| lines_of(p)).collect();
    drop_running_lines(&mut page_lines);
    let lines: Vec<Line> = page_lines.into_iter().flatten().collect();
    join_lines(&lines)
}

fn lines_of(page: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut blank = false;
    for raw in page.lines() {
        let text = collapse_whitespace(raw);
        if text.is_empty() {
            blank = true;
        } else {
            out.push(Line { text, after_blank: blank });
            blank = false;
        }
    }
    out
}

/// A line with its digits generalised, so "Page 2 of 3" and "Page 3 of 3" are one line.
fn shape(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c.to_ascii_lowercase() }).collect()
}

/// "3", "- 3 -", "3 / 10", "Page 3", "Page 3 of 10", "iv".
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let rest = lower.strip_prefix("page").unwrap_or(&lower);
    let rest = rest.trim().trim_matches(['-', '–', '—', ' ']);
    let numeric = !rest.is_empty()
        && rest.split([' ', '/']).filter(|w| !w.is_empty()).all(|w| w == "of" || w.bytes().all(|b| b.is_ascii_digit()));
    let roman = !rest.is_empty() && rest.len() <= 6 && rest.chars().all(|c| "ivxlc".contains(c));
    numeric || roman
}

/// Drops page numbers and the lines that repeat at the top or bottom of pages.
fn drop_running_lines(pages: &mut [Vec<Line>]) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut shapes: Vec<String> = edge_indices(page.len()).filter_map(|i| page.get(i)).map(|l| shape(&l.text)).collect();
        shapes.sort();
        shapes.dedup();
        for s in shapes {
            *counts.entry(s).or_insert(0) += 1;
        }
    }
    let page_count = pages.len();
    let repeated = |text: &str| page_count >= 2 && counts.get(&shape(text)).copied().unwrap_or(0) * 2 >= page_count.max(3);
    for page in pages.iter_mut() {
        let edges: Vec<usize> = edge_indices(page.len()).collect();
        let mut index = 0;
        page.retain(|line| {
            let edge = edges.contains(&index);
            index += 1;
            !(edge && (is_page_number(&line.text) || repeated(&line.text)))
        });
    }
}

fn edge_indices(len: usize) -> impl Iterator<Item = usize> {
    let top = 0..EDGE_LINES.min(len);
    let bottom = len.saturating_sub(EDGE_LINES).max(EDGE_LINES.min(len))..len;
    top.chain(bottom)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with(['.', '!', '?', ':', '…'])
}

/// A short line that does not end a sentence and starts with a capital: a title or heading.
fn is_heading(text: &str, full: usize) -> bool {
    let words = text.split_whitespace().count();
    !ends_sentence(text)
        && words <= 12
        && text.chars().count() * 10 < full * 7
        && text.chars().next().is_some_and(char::is_uppercase)
}

/// The length of a full line: the 80th percentile of line lengths.
fn full_line_chars(lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
    lengths.sort_unstable();
    lengths.get(lengths.len() * 4 / 5).copied().unwrap_or(0)
}

fn join_lines(lines: &[Line]) -> Vec<Paragraph> {
    let full = full_line_chars(lines);
    // Some producers put a blank line after every line; then blank lines say nothing.
    let blanks = lines.iter().skip(1).filter(|l| l.after_blank).count();
    let blanks_mark_paragraphs = blanks * 10 < lines.len().saturating_sub(1) * 9;
    let whole_text: String = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current = String::new();
    let mut prev_ended = true;
    for line in lines {
        let heading = is_heading(&line.text, full);
        let starts_new = prev_ended || heading || (blanks_mark_paragraphs && line.after_blank);
        if starts_new && !current.is_empty() {
            out.push(Paragraph::new(std::mem::take(&mut current), ParagraphKind::Body));
        }
        if current.is_empty() {
            current.push_str(&line.text);
        } else {
            append_line(&mut current, &line.text, &whole_text);
        }
        if heading {
            out.push(Paragraph::new(std::mem::take(&mut current), ParagraphKind::Heading));
        }
        let short = line.text.chars().count() * 10 < full * 8;
        prev_ended = heading || (ends_sentence(&line.text) && short);
    }
    if !current.is_empty() {
        out.push(Paragraph::new(current, ParagraphKind::Body));
    }
    out
}

/// Appends the next line of a paragraph, undoing a hyphenation at the line end ("bound-" +
/// "ary") unless the hyphenated word is written so elsewhere in the text ("fast-growing").
fn append_line(current: &mut String, next: &str, whole_text: &str) {
    let hyphenated = current.ends_with('-') && current.chars().rev().nth(1).is_some_and(char::is_alphabetic);
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    if hyphenated && next_lower {
        let head = current.rsplit(' ').next().unwrap_or("");
        let tail = next.split(' ').next().unwrap_or("");
        let written_hyphenated = whole_text.contains(&format!("{head}{tail}"));
        if !written_hyphenated {
            current.pop();
        }
        current.push_str(next);
    } else {
        current.push(' ');
        current.push_str(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pages: &[&str]) -> Vec<String> {
        let pages: Vec<String> = pages.iter().map(|p| (*p).to_owned()).collect();
        paragraphs(&pages).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn headers_footers_and_page_numbers_go_paragraphs_join_across_pages() {
        let got = texts(&[
            "Running Head\nTitle of It\nThe first line of a paragraph that is long\nand goes on to the next page with a\nPage 1 of 2",
            "Running Head\nsecond part that ends here.\nA new paragraph starts on this line now\nand ends.\nPage 2 of 2",
        ]);
        assert_eq!(
            got,
            [
                "Title of It",
                "The first line of a paragraph that is long and goes on to the next page with a second part that ends here.",
                "A new paragraph starts on this line now and ends.",
            ]
        );
    }

    #[test]
    fn hyphenation_at_line_ends_is_undone_but_real_hyphens_stay() {
        let got = texts(&["A fast-growing town with a long bound-\nary and fast-\ngrowing trees along the bound-\nary line."]);
        assert_eq!(got, ["A fast-growing town with a long boundary and fast-growing trees along the boundary line."]);
    }

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for n in ["3", "- 3 -", "3 / 10", "Page 3", "page 3 of 10", "iv"] {
            assert!(is_page_number(n), "{n}");
        }
        assert!(!is_page_number("3 apples"));
    }
}
