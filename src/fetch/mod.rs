//! Fetching articles from the web: `claimlens import https://…`, File → Open Web Page… and
//! Check for Changes.
//!
//! [`fetch`] gets one page over HTTP(S) (`ureq` with rustls): a timeout for the whole
//! exchange, redirects followed (at most [`FetchOptions::max_redirects`]), a size cap checked
//! against `Content-Length` and while reading, and the content type and charset checked. Every
//! failure is a [`FetchError`] that says what went wrong in a sentence. [`page`] turns the page
//! into an article ready for [`crate::ops::import`], its original kept for the archive. No
//! egui and no files: the archive is written by [`crate::store`] when the project is saved.

pub mod changes;
pub mod page;

pub use changes::{CheckError, check_for_changes, document_url};
pub use page::{article_from_page, fetch_article};

use chrono::{DateTime, Utc};
use encoding_rs::Encoding;
use std::io::Read;
use std::time::Duration;

/// How a page is fetched.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// The longest the whole exchange (connecting, sending, reading the page) may take.
    pub timeout: Duration,
    /// Pages larger than this are refused.
    pub max_bytes: u64,
    /// Redirects followed at most.
    pub max_redirects: u32,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(30), max_bytes: 16 * 1024 * 1024, max_redirects: 10 }
    }
}

/// What kind of page the server sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// `text/html` or `application/xhtml+xml`.
    Html,
    /// `text/plain`.
    Text,
}

/// A page as the server sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchedPage {
    /// The address asked for.
    pub requested_url: String,
    /// The address the page came from, after redirects.
    pub url: String,
    /// The page's bytes as sent (its SHA-256 names the archived original).
    pub bytes: Vec<u8>,
    /// HTML or plain text.
    pub kind: PageKind,
    /// The character set the `Content-Type` header names, if any (known to `encoding_rs`).
    pub charset: Option<&'static Encoding>,
    /// The response's `Date` header: when the server sent it.
    pub date: Option<DateTime<Utc>>,
    /// The response's `ETag` header.
    pub etag: Option<String>,
    /// The response's `Last-Modified` header.
    pub last_modified: Option<DateTime<Utc>>,
}

/// Why a page could not be fetched; each says so in a sentence, naming the address.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not an `http://` or `https://` address.
    #[error("{0}: not a web address (give one starting with http:// or https://)")]
    NotAWebAddress(String),
    /// The host name is unknown.
    #[error("{0}: host not found (check the address and the network connection)")]
    HostNotFound(String),
    /// Nobody answered at the address.
    #[error("{0}: could not connect to the server")]
    ConnectionFailed(String),
    /// No complete answer in time.
    #[error("{url}: no answer within {seconds} s (timed out)")]
    Timeout {
        /// The address.
        url: String,
        /// The timeout, in seconds.
        seconds: u64,
    },
    /// The server answered with an error status.
    #[error("{url}: the server answered {status}{}", reason_of(*.status))]
    Status {
        /// The address.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// Redirected too many times (a loop, most likely).
    #[error("{url}: redirected more than {max} times (a redirect loop?)")]
    TooManyRedirects {
        /// The address.
        url: String,
        /// The most redirects followed.
        max: u32,
    },
    /// The page is larger than the cap.
    #[error("{url}: the page is larger than {} MB; claimlens reads pages up to that size", .max / (1024 * 1024))]
    TooLarge {
        /// The address.
        url: String,
        /// The cap, in bytes.
        max: u64,
    },
    /// Not a web page or text.
    #[error("{url}: the server sent {content_type}, not a web page (claimlens reads HTML and plain-text pages)")]
    NotAPage {
        /// The address.
        url: String,
        /// What the server said it sent.
        content_type: String,
    },
    /// A charset no decoder knows.
    #[error("{url}: the page's character set {charset:?} is unknown")]
    UnknownCharset {
        /// The address.
        url: String,
        /// The charset as the server named it.
        charset: String,
    },
    /// An empty answer.
    #[error("{0}: the server sent an empty page")]
    Empty(String),
    /// The page came, but no article could be read from it.
    #[error("{url}: {reason}")]
    NoArticle {
        /// The address.
        url: String,
        /// Why (from the extractor).
        reason: String,
    },
    /// Anything else the connection reported.
    #[error("{url}: {reason}")]
    Other {
        /// The address.
        url: String,
        /// What went wrong.
        reason: String,
    },
}

fn reason_of(status: u16) -> &'static str {
    match status {
        401 | 403 => " (access refused)",
        404 | 410 => " (page not found)",
        429 => " (too many requests: try again later)",
        500..=599 => " (a server error)",
        _ => "",
    }
}

/// Whether `text` is a web address claimlens fetches (`http://` or `https://`).
pub fn is_web_address(text: &str) -> bool {
    let lower = text.trim().get(..8).unwrap_or("").to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches the page at `url`.
pub fn fetch(url: &str, options: &FetchOptions) -> Result<FetchedPage, FetchError> {
    let url = url.trim();
    if !is_web_address(url) {
        return Err(FetchError::NotAWebAddress(url.to_owned()));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .max_redirects(options.max_redirects)
        .user_agent(concat!("claimlens/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let response = agent
        .get(url)
        .header("Accept", "text/html,application/xhtml+xml,text/plain;q=0.8")
        .call()
        .map_err(|e| connection_error(url, options, e))?;
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let content_type = header("content-type");
    let (date, etag, last_modified) = (header("date"), header("etag"), header("last-modified"));
    if header("content-length").and_then(|l| l.trim().parse::<u64>().ok()).is_some_and(|l| l > options.max_bytes) {
        return Err(FetchError::TooLarge { url: url.to_owned(), max: options.max_bytes });
    }
    let bytes = read_capped(response.into_body().into_reader(), url, options)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FetchError::Empty(url.to_owned()));
    }
    let (kind, charset) = page_kind(url, content_type.as_deref(), &bytes)?;
    Ok(FetchedPage {
        requested_url: url.to_owned(),
        url: final_url,
        bytes,
        kind,
        charset,
        date: date.as_deref().and_then(http_date),
        etag,
        last_modified: last_modified.as_deref().and_then(http_date),
    })
}

/// Reads at most `options.max_bytes` of the body; more is [`FetchError::TooLarge`].
fn read_capped(reader: impl Read, url: &str, options: &FetchOptions) -> Result<Vec<u8>, FetchError> {
    let mut bytes = Vec::new();
    reader.take(options.max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| io_error(url, options, &e))?;
    if bytes.len() as u64 > options.max_bytes {
        return Err(FetchError::TooLarge { url: url.to_owned(), max: options.max_bytes });
    }
    Ok(bytes)
}

fn io_error(url: &str, options: &FetchOptions, e: &std::io::Error) -> FetchError {
    if matches!(e.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock) || e.to_string().contains("timeout") {
        return FetchError::Timeout { url: url.to_owned(), seconds: options.timeout.as_secs().max(1) };
    }
    FetchError::Other { url: url.to_owned(), reason: format!("the connection broke off while reading the page ({e})") }
}

fn connection_error(url: &str, options: &FetchOptions, e: ureq::Error) -> FetchError {
    let url = url.to_owned();
    match e {
        ureq::Error::StatusCode(status) => FetchError::Status { url, status },
        ureq::Error::Timeout(_) => FetchError::Timeout { url, seconds: options.timeout.as_secs().max(1) },
        ureq::Error::HostNotFound => FetchError::HostNotFound(url),
        ureq::Error::ConnectionFailed => FetchError::ConnectionFailed(url),
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects { url, max: options.max_redirects },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge { url, max: options.max_bytes },
        ureq::Error::BadUri(_) => FetchError::NotAWebAddress(url),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => FetchError::ConnectionFailed(url),
            _ => io_error(&url, options, &io),
        },
        other => FetchError::Other { url, reason: other.to_string() },
    }
}

/// What the page is by its `Content-Type` (by its first bytes when there is none), and the
/// charset the header names. Anything but HTML or text is refused.
fn page_kind(url: &str, content_type: Option<&str>, bytes: &[u8]) -> Result<(PageKind, Option<&'static Encoding>), FetchError> {
    let Some(content_type) = content_type.map(str::trim).filter(|c| !c.is_empty()) else {
        let starts_with_markup = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
        return Ok((if starts_with_markup { PageKind::Html } else { PageKind::Text }, None));
    };
    let mut parts = content_type.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let kind = match media.as_str() {
        "text/html" | "application/xhtml+xml" => PageKind::Html,
        "text/plain" => PageKind::Text,
        _ => return Err(FetchError::NotAPage { url: url.to_owned(), content_type: media }),
    };
    let charset = parts.filter_map(|p| p.split_once('=')).find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"));
    let charset = match charset.map(|(_, v)| v.trim().trim_matches(['"', '\''])) {
        None => None,
        Some(label) => Some(
            Encoding::for_label(label.as_bytes())
                .ok_or_else(|| FetchError::UnknownCharset { url: url.to_owned(), charset: label.to_owned() })?,
        ),
    };
    Ok((kind, charset))
}

/// An HTTP date (`Tue, 05 Nov 2024 08:12:31 GMT`).
fn http_date(raw: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc2822(raw.trim()).ok().map(|d| d.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_and_charsets_are_checked() {
        let ok = |ct: Option<&str>, body: &[u8]| page_kind("u", ct, body).map(|(k, c)| (k, c.map(Encoding::name)));
        assert_eq!(ok(Some("text/html; charset=windows-1251"), b"").unwrap(), (PageKind::Html, Some("windows-1251")));
        assert_eq!(ok(Some("application/xhtml+xml"), b"").unwrap(), (PageKind::Html, None));
        assert_eq!(ok(Some("text/plain;charset=\"utf-8\""), b"").unwrap(), (PageKind::Text, Some("UTF-8")));
        assert_eq!(ok(None, b"  <html>").unwrap(), (PageKind::Html, None));
        assert_eq!(ok(None, b"Plain words.").unwrap(), (PageKind::Text, None));
        let png = ok(Some("image/png"), b"").unwrap_err().to_string();
        assert_eq!(png, "u: the server sent image/png, not a web page (claimlens reads HTML and plain-text pages)");
        let odd = ok(Some("text/html; charset=klingon"), b"").unwrap_err().to_string();
        assert!(odd.contains("character set \"klingon\" is unknown"), "{odd}");
    }

    #[test]
    fn web_addresses_and_http_dates() {
        assert!(is_web_address("https://example.org/a") && is_web_address("HTTP://x"));
        assert!(!is_web_address("page.html") && !is_web_address("ftp://x") && !is_web_address("http"));
        let date = http_date("Tue, 05 Nov 2024 08:12:31 GMT").unwrap();
        assert_eq!(date.to_rfc3339(), "2024-11-05T08:12:31+00:00");
        assert!(http_date("yesterday").is_none());
    }

    #[test]
    fn a_bad_address_is_refused_before_any_connection() {
        let err = fetch("www.example.org", &FetchOptions::default()).unwrap_err();
        assert!(matches!(err, FetchError::NotAWebAddress(_)), "{err}");
    }
}
