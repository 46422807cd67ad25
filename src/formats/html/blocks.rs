//! The extracted article's markup into paragraphs: every block element (paragraph, heading,
//! list item, quotation, table row, line break) ends one; inline markup and entities become
//! plain text; parts a reader does not read as the article (figures and their captions,
//! buttons, forms, share and "related" widgets left inside the content) are skipped.

use super::article::{ParagraphKind, collapse_whitespace};
use dom_query::NodeRef;

/// A paragraph as the markup gives it, before boilerplate is dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Whitespace-normalised text.
    pub text: String,
    /// Heading, list item, quotation or body (link lines are found later).
    pub kind: ParagraphKind,
    /// Chars of the text inside links (before whitespace was collapsed).
    pub link_chars: usize,
    /// Chars of the raw text (before whitespace was collapsed).
    pub raw_chars: usize,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "button",
    "form",
    "input",
    "select",
    "textarea",
    "nav",
    "iframe",
    "video",
    "audio",
    "canvas",
    "object",
    "embed",
    "figure",
    "figcaption",
    "picture",
    "img",
    "aside",
    "head",
    "title",
    "meta",
    "link",
];

/// Elements that end a paragraph before and after them.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "hr",
    "center",
    "address",
    "details",
    "summary",
    "body",
    "html",
];

/// Words in a class or id that mark a part of the page that is not the article's text.
const BOILERPLATE_MARKS: &[&str] = &[
    "caption",
    "credit",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "signup",
    "byline",
    "dateline",
    "timestamp",
    "comment",
    "comments",
    "promo",
    "advert",
    "advertisement",
    "sponsor",
    "tags",
    "breadcrumb",
    "breadcrumbs",
    "toolbar",
    "recirc",
    "outbrain",
    "taboola",
    "cookie",
    "popup",
    "modal",
];

/// Collects the paragraphs under `root`.
pub fn blocks(root: &NodeRef) -> Vec<Block> {
    let mut walker = Walker::default();
    walker.walk(root, ParagraphKind::Body, false);
    walker.flush();
    walker.out
}

#[derive(Default)]
struct Walker {
    out: Vec<Block>,
    buffer: String,
    kind: Option<ParagraphKind>,
    link_chars: usize,
}

impl Walker {
    fn walk(&mut self, node: &NodeRef, kind: ParagraphKind, in_link: bool) {
        for child in node.children_it(false) {
            if child.is_text() {
                let text = child.text();
                if self.kind.is_none() && !text.trim().is_empty() {
                    self.kind = Some(kind);
                }
                if in_link {
                    self.link_chars += text.chars().count();
                }
                self.buffer.push_str(&text);
            } else if child.is_element() {
                self.element(&child, kind, in_link);
            }
        }
    }

    fn element(&mut self, el: &NodeRef, kind: ParagraphKind, in_link: bool) {
        let Some(name) = el.node_name() else { return };
        let name = name.to_ascii_lowercase();
        if SKIPPED.contains(&name.as_str()) || is_hidden(el) || marked_as_boilerplate(el) {
            return;
        }
        match name.as_str() {
            "br" => self.flush(),
            "td" | "th" => {
                self.buffer.push(' ');
                self.walk(el, kind, in_link);
                self.buffer.push(' ');
            }
            "a" => self.walk(el, kind, true),
            _ if BLOCKS.contains(&name.as_str()) => {
                self.flush();
                self.walk(el, block_kind(&name, kind), in_link);
                self.flush();
            }
            _ => self.walk(el, kind, in_link),
        }
    }

    fn flush(&mut self) {
        let raw_chars = self.buffer.chars().count();
        let text = collapse_whitespace(&self.buffer);
        if !text.is_empty() {
            let kind = self.kind.unwrap_or(ParagraphKind::Body);
            self.out.push(Block { text, kind, link_chars: self.link_chars, raw_chars });
        }
        self.buffer.clear();
        self.kind = None;
        self.link_chars = 0;
    }
}

/// The kind of the paragraphs inside an element: the innermost heading or list item wins,
/// except that everything inside a quotation stays a quotation.
fn block_kind(name: &str, outer: ParagraphKind) -> ParagraphKind {
    if outer == ParagraphKind::BlockQuote {
        return outer;
    }
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => ParagraphKind::Heading,
        "li" | "dt" | "dd" => ParagraphKind::ListItem,
        "blockquote" => ParagraphKind::BlockQuote,
        _ => outer,
    }
}

fn is_hidden(el: &NodeRef) -> bool {
    el.has_attr("hidden")
        || el.attr("aria-hidden").is_some_and(|v| v.as_ref() == "true")
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Whether the element's class or id has a word that marks boilerplate (`share-buttons`,
/// `article__caption`, `relatedLinks`).
fn marked_as_boilerplate(el: &NodeRef) -> bool {
    let class = el.class().map(|c| c.to_string()).unwrap_or_default();
    let id = el.id_attr().map(|c| c.to_string()).unwrap_or_default();
    class.split_whitespace().chain(std::iter::once(id.as_str())).any(has_boilerplate_word)
}

fn has_boilerplate_word(name: &str) -> bool {
    split_words(name).any(|w| BOILERPLATE_MARKS.contains(&w.as_str()))
}

/// `share-buttons` → share, buttons; `relatedLinks` → related, links.
fn split_words(name: &str) -> impl Iterator<Item = String> + '_ {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_ascii_lowercase();
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn texts(html: &str) -> Vec<(String, ParagraphKind)> {
        let doc = Document::from(html);
        let body = doc.select("body");
        let Some(root) = body.nodes().first() else { return Vec::new() };
        blocks(root).into_iter().map(|b| (b.text, b.kind)).collect()
    }

    #[test]
    fn block_elements_make_typed_paragraphs() {
        let got = texts(
            "<body><h2>Head</h2><p>One <b>bold</b>\n word &amp; more.</p><ul><li>First</li><li>Second</li></ul>\
             <blockquote><p>Quoted.</p></blockquote><p>a<br>b</p></body>",
        );
        let kinds = [
            ("Head", ParagraphKind::Heading),
            ("One bold word & more.", ParagraphKind::Body),
            ("First", ParagraphKind::ListItem),
            ("Second", ParagraphKind::ListItem),
            ("Quoted.", ParagraphKind::BlockQuote),
            ("a", ParagraphKind::Body),
            ("b", ParagraphKind::Body),
        ];
        let want: Vec<(String, ParagraphKind)> = kinds.iter().map(|(t, k)| ((*t).to_owned(), *k)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn figures_widgets_and_hidden_parts_are_skipped() {
        let got = texts(
            "<body><p>Text.</p><figure><img src=x><figcaption>Photo: AP</figcaption></figure>\
             <div class=\"share-buttons\">Share Tweet</div><p class=\"relatedLinks\">Also</p>\
             <p style=\"display: none\">Hidden</p><p>End.</p></body>",
        );
        let got: Vec<String> = got.into_iter().map(|(t, _)| t).collect();
        assert_eq!(got, ["Text.", "End."]);
    }

    #[test]
    fn class_words_split_on_case_and_punctuation() {
        let words: Vec<String> = split_words("article__captionText relatedLinks").collect();
        assert_eq!(words, ["article", "caption", "text", "related", "links"]);
    }
}
