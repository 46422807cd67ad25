//! The second pass over the extractor's paragraphs: drops what a reader does not read as the
//! article (the headline repeated, bylines and datelines, photo credits, share and subscribe
//! lines, repeated paragraphs, an author's bio or "related" list at the end) and marks
//! "Read more: …" link lines. General rules only, no site-specific ones.

use super::article::{Paragraph, ParagraphKind};
use super::blocks::Block;
use crate::text::apparatus::{ends_sentence, is_dateline};

/// Short lines whose first words say they are page furniture (compared in lower case).
const FURNITURE_STARTS: &[&str] = &[
    "photo:",
    "photos:",
    "image:",
    "images:",
    "credit:",
    "(image",
    "(photo",
    "source:",
    "video:",
    "watch:",
    "updated",
    "published",
    "posted",
    "last updated",
    "by ",
    "share",
    "tweet",
    "email",
    "print",
    "comments",
    "subscribe",
    "sign up",
    "click here",
    "follow us",
    "advertisement",
    "loading",
    "copyright",
    "©",
    "all rights",
    "filed under",
    "tags:",
    "topics:",
    "order reprints",
    "text size",
    "you may also like",
    "read more",
];

/// Section headings after which the rest is not the article.
const TRAILER_STARTS: &[&str] = &[
    "about the author",
    "related",
    "more from",
    "you may also like",
    "recommended",
    "read next",
    "top stories",
    "most popular",
    "popular",
    "latest",
    "more stories",
    "more great",
    "comments",
    "share this",
];

/// How news agencies credit the reporting at the end of a story.
const CREDIT_STARTS: &[&str] = &["reporting by", "additional reporting", "editing by", "writing by", "compiled by"];

/// Credit phrases that may stand anywhere in the line.
const CREDIT_PHRASES: &[&str] = &["contributed reporting", "contributed to this report"];

/// Words up to which a credit line is looked for.
const CREDIT_WORDS: usize = 40;

/// Words up to which a line counts as short.
const SHORT_WORDS: usize = 12;

/// Turns blocks into the article's paragraphs. `title` is the headline and `author` the
/// byline's name, both as found in the metadata.
pub fn clean(blocks: Vec<Block>, title: &str, author: Option<&str>) -> Vec<Paragraph> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<Paragraph> = Vec::new();
    let last = blocks.len().saturating_sub(1);
    for (i, block) in blocks.into_iter().enumerate() {
        if out.len() >= 3 && i * 10 >= last * 7 && starts_trailer(&block) {
            break;
        }
        let link_line = is_link_line(&block);
        let furniture = !link_line && (is_furniture(&block, author) || is_credit(&block.text) || is_teaser_link(&block));
        if furniture || same_text(&block.text, title) || !seen.insert(block.text.clone()) {
            continue;
        }
        let kind = if link_line { ParagraphKind::LinkLine } else { block.kind };
        out.push(Paragraph::new(block.text, kind));
    }
    trim_edges(&mut out);
    out
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn same_text(a: &str, b: &str) -> bool {
    let simple = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    !b.is_empty() && simple(a) == simple(b)
}

fn is_furniture(block: &Block, author: Option<&str>) -> bool {
    let text = block.text.as_str();
    if words(text) > SHORT_WORDS || block.kind == ParagraphKind::BlockQuote {
        return false;
    }
    let lower = text.to_lowercase();
    FURNITURE_STARTS.iter().any(|s| lower.starts_with(s))
        || author.is_some_and(|a| !a.is_empty() && lower.contains(&a.to_lowercase()) && !ends_sentence(text))
        || (block.kind != ParagraphKind::Heading && is_dateline(text))
}

fn is_credit(text: &str) -> bool {
    let lower = text.to_lowercase();
    words(text) <= CREDIT_WORDS
        && (CREDIT_STARTS.iter().any(|s| lower.starts_with(s)) || CREDIT_PHRASES.iter().any(|s| lower.contains(s)))
}

/// A body paragraph that is one link of a few words and no sentence: a teaser for another
/// story. (Linked headings and list items are left alone: in gift guides and deal lists they
/// are the article.)
fn is_teaser_link(block: &Block) -> bool {
    let linked = block.raw_chars > 0 && block.link_chars * 10 >= block.raw_chars * 9;
    let n = words(&block.text);
    block.kind == ParagraphKind::Body && linked && (4..=2 * SHORT_WORDS).contains(&n) && !ends_sentence(&block.text)
}

fn starts_trailer(block: &Block) -> bool {
    let lower = block.text.to_lowercase();
    words(&block.text) <= 6 && !ends_sentence(&block.text) && TRAILER_STARTS.iter().any(|s| lower.starts_with(s))
}

/// "Read more: <a>Another story</a>": a short label with a colon, then mostly link text.
fn is_link_line(block: &Block) -> bool {
    let Some((label, _)) = block.text.split_once(':') else { return false };
    let mostly_link = block.raw_chars > 0 && block.link_chars * 2 >= block.raw_chars;
    (1..=4).contains(&words(label)) && mostly_link
}

/// Drops the short non-sentence lines (section names, "Image", a name alone) before the first
/// and after the last sentence of the article.
fn trim_edges(paragraphs: &mut Vec<Paragraph>) {
    let is_sentence = |p: &Paragraph| ends_sentence(&p.text) || words(&p.text) > SHORT_WORDS;
    let Some(first) = paragraphs.iter().position(is_sentence) else { return };
    let last = paragraphs.iter().rposition(is_sentence).unwrap_or(first);
    let leading_kept = |p: &Paragraph| p.kind == ParagraphKind::Heading && words(&p.text) > 3;
    let mut index = 0;
    paragraphs.retain(|p| {
        let keep = (first..=last).contains(&index) || (index < first && leading_kept(p));
        index += 1;
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, kind: ParagraphKind, link_chars: usize) -> Block {
        Block { text: text.to_owned(), kind, link_chars, raw_chars: text.chars().count() }
    }

    fn body(text: &str) -> Block {
        block(text, ParagraphKind::Body, 0)
    }

    #[test]
    fn furniture_and_repeats_go_the_text_stays() {
        let got = clean(
            vec![
                body("A Headline Here"),
                body("By Jane Roe"),
                body("Updated 10:07 AM"),
                body("November 19, 2019 at 9:45 am"),
                body("The council met on Monday and voted on the budget."),
                body("Photo: Damian Dovarganes, AP"),
                body("It passed with a large majority."),
                body("It passed with a large majority."),
                body("Share"),
            ],
            "A headline here",
            Some("Jane Roe"),
        );
        let texts: Vec<&str> = got.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["The council met on Monday and voted on the budget.", "It passed with a large majority."]);
    }

    #[test]
    fn read_more_link_lines_are_kept_and_marked() {
        let line = "Read more: Another story about the talks";
        let got =
            clean(vec![body("First sentence of the text."), block(line, ParagraphKind::Body, 30), body("Last one.")], "", None);
        assert_eq!(got.get(1).map(|p| p.kind), Some(ParagraphKind::LinkLine));
    }

    #[test]
    fn the_trailer_after_the_article_is_cut() {
        let mut blocks: Vec<Block> = (0..8).map(|i| body(&format!("Sentence number {i} of the story."))).collect();
        blocks.push(block("About the Author", ParagraphKind::Heading, 0));
        blocks.push(body("Zac covers news for the site and hosts the weekly podcast."));
        let got = clean(blocks, "", None);
        assert_eq!(got.len(), 8);
    }
}
