//! A fetched page as an article: HTML through the same extractor as a saved page, plain text
//! as a text article; the origin records the address, the response's date, `ETag` and
//! `Last-Modified`, and the SHA-256 of the page as sent, whose bytes are kept for the archive
//! ([`crate::store::archive::keep_pending`]: written beside the project by its next save).

use super::{FetchError, FetchOptions, FetchedPage, PageKind, fetch};
use crate::formats::{Warning, html};
use crate::model::origin::sha256_hex;
use crate::model::{Origin, OriginKind};
use crate::ops::import::{ArticleBody, ArticleInput};

/// Fetches `url` and reads it as an article ([`fetch`] then [`article_from_page`]).
pub fn fetch_article(url: &str, options: &FetchOptions) -> Result<ArticleInput, FetchError> {
    article_from_page(&fetch(url, options)?)
}

/// The article of a fetched page, its original kept for the archive.
pub fn article_from_page(page: &FetchedPage) -> Result<ArticleInput, FetchError> {
    let name = name_of(&page.url);
    let mut origin = Origin::new(if page.kind == PageKind::Html { OriginKind::Html } else { OriginKind::Text });
    origin.url = Some(page.url.clone());
    origin.sha256 = Some(sha256_hex(&page.bytes));
    origin.retrieved = Some(page.date.unwrap_or_else(crate::model::now));
    origin.etag.clone_from(&page.etag);
    origin.last_modified = page.last_modified;
    let mut warnings = Vec::new();
    let body = match page.kind {
        PageKind::Html => {
            let mut article = html::extract(&utf8_for_extraction(page), Some(&page.url))
                .map_err(|e| FetchError::NoArticle { url: page.url.clone(), reason: e.to_string() })?;
            // A page without a canonical address of its own is known by the one it came from.
            article.canonical_url.get_or_insert_with(|| page.url.clone());
            if let Some(sha) = &origin.sha256 {
                crate::store::archive::keep_pending(sha, page.bytes.clone());
            }
            ArticleBody::Extracted(article)
        }
        PageKind::Text => {
            let (decoded, encoding) = decode_text(page);
            if encoding != encoding_rs::UTF_8 {
                warnings.push(Warning { line: None, message: format!("read as {}", encoding.name()) });
            }
            ArticleBody::Text { text: decoded, ann: None }
        }
    };
    Ok(ArticleInput { name, body, warnings, origin: Some(origin) })
}

/// The page's bytes as the extractor should read them: as sent, unless the `Content-Type`
/// header names a charset and the page has no byte-order mark, in which case the header wins
/// (as in browsers) and the page is handed over as UTF-8 with a byte-order mark.
fn utf8_for_extraction(page: &FetchedPage) -> Vec<u8> {
    match page.charset {
        Some(encoding) if encoding_rs::Encoding::for_bom(&page.bytes).is_none() => {
            let (text, _, _) = encoding.decode(&page.bytes);
            let mut out = b"\xEF\xBB\xBF".to_vec();
            out.extend_from_slice(text.as_bytes());
            out
        }
        _ => page.bytes.clone(),
    }
}

/// A text page decoded: by its byte-order mark, else the header's charset, else UTF-8 when
/// valid, else windows-1252.
fn decode_text(page: &FetchedPage) -> (String, &'static encoding_rs::Encoding) {
    let encoding = encoding_rs::Encoding::for_bom(&page.bytes)
        .map(|(e, _)| e)
        .or(page.charset)
        .unwrap_or_else(|| if std::str::from_utf8(&page.bytes).is_ok() { encoding_rs::UTF_8 } else { encoding_rs::WINDOWS_1252 });
    let (text, used, _) = encoding.decode(&page.bytes);
    (text.into_owned(), used)
}

/// The name an article fetched from `url` is known by until it has a title: the last part of
/// its path without extension, else its host.
fn name_of(url: &str) -> String {
    let without_query = url.split(['?', '#']).next().unwrap_or(url);
    let after_scheme = without_query.split_once("://").map_or(without_query, |(_, rest)| rest);
    let mut parts = after_scheme.split('/').filter(|p| !p.is_empty());
    let host = parts.next().unwrap_or("page").to_owned();
    let last = parts.next_back().map(|p| p.rsplit_once('.').map_or(p, |(stem, _)| stem).to_owned());
    last.filter(|l| !l.is_empty()).unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(kind: PageKind, bytes: &[u8], charset: Option<&'static encoding_rs::Encoding>) -> FetchedPage {
        FetchedPage {
            requested_url: "http://example.org/a".into(),
            url: "http://example.org/news/story.html?x=1".into(),
            bytes: bytes.to_vec(),
            kind,
            charset,
            date: None,
            etag: Some("\"v1\"".into()),
            last_modified: None,
        }
    }

    #[test]
    fn names_come_from_the_path_else_the_host() {
        assert_eq!(name_of("https://example.org/news/story.html?x=1"), "story");
        assert_eq!(name_of("https://example.org/"), "example.org");
        assert_eq!(name_of("http://example.org"), "example.org");
    }

    #[test]
    fn the_header_charset_wins_over_a_wrong_meta_charset() {
        let mut html = b"<html><head><meta charset=\"utf-8\"><title>T</title></head><body><article><p>".to_vec();
        // "Привет, мир" in windows-1251, the charset the header names.
        html.extend_from_slice(&[0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0]);
        html.extend_from_slice(b" said the minister in a long statement to the press.</p></article></body></html>");
        let p = page(PageKind::Html, &html, encoding_rs::Encoding::for_label(b"windows-1251"));
        let input = article_from_page(&p).unwrap();
        let ArticleBody::Extracted(article) = &input.body else { panic!("an extracted page") };
        assert!(article.text().contains("Привет, мир said the minister"), "{}", article.text());
        let origin = input.origin.unwrap();
        assert_eq!((origin.kind, origin.etag.as_deref()), (OriginKind::Html, Some("\"v1\"")));
        assert_eq!(origin.sha256.as_deref(), Some(sha256_hex(&html).as_str()), "the hash is of the page as sent");
    }

    #[test]
    fn a_text_page_is_a_text_article() {
        let input = article_from_page(&page(PageKind::Text, b"Headline\n\nBody text.", None)).unwrap();
        let ArticleBody::Text { text, ann: None } = &input.body else { panic!("a text article") };
        assert_eq!(text, "Headline\n\nBody text.");
        assert_eq!(input.origin.unwrap().url.as_deref(), Some("http://example.org/news/story.html?x=1"));
    }
}
