//! The article's metadata from the page's head and markup: title (`og:title`, `<h1>`,
//! `<title>` without the site's suffix), outlet (`og:site_name`, the JSON-LD publisher, else
//! the host), author, publication date (JSON-LD `datePublished`, `article:published_time`,
//! other date metas, `<time datetime>`), canonical URL and language.

use super::article::{ExtractedArticle, collapse_whitespace};
use super::jsonld::{self, JsonLd};
use chrono::{DateTime, NaiveDate};
use dom_query::Document;

/// Meta tags that carry the publication date, most trusted first.
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "article.published",
    "cxenseparse:recs:publishtime",
];

/// Reads the metadata of `doc` (`url_hint` is where the page came from, if known): an article
/// with every field but its paragraphs and encoding.
pub fn page_meta(doc: &Document, url_hint: Option<&str>) -> ExtractedArticle {
    let scripts: Vec<String> = doc.select("script[type=\"application/ld+json\"]").iter().map(|s| s.text().to_string()).collect();
    let ld = jsonld::parse(scripts.iter().map(String::as_str));
    let canonical_url = attr(doc, "link[rel=\"canonical\"]", "href")
        .or_else(|| meta(doc, "og:url"))
        .filter(|u| u.starts_with("http"))
        .or_else(|| url_hint.map(str::to_owned));
    let outlet = meta(doc, "og:site_name")
        .or_else(|| ld.publisher.clone())
        .or_else(|| microdata_name(doc, "publisher"))
        .or_else(|| microdata_name(doc, "isPartOf"))
        .or_else(|| meta(doc, "application-name"))
        .or_else(|| canonical_url.as_deref().and_then(host));
    ExtractedArticle {
        title: title(doc, &ld, outlet.as_deref()),
        author: author(doc, &ld),
        published: published(doc, &ld),
        language: language(doc),
        outlet,
        canonical_url,
        ..ExtractedArticle::default()
    }
}

/// The content of `<meta property=NAME>` or `<meta name=NAME>`, or of a `<meta itemprop>` that
/// lists NAME among its words (`itemprop="datePublished dateCreated"`).
fn meta(doc: &Document, name: &str) -> Option<String> {
    ["property=", "name=", "itemprop~="].iter().find_map(|key| attr(doc, &format!("meta[{key}\"{name}\"]"), "content"))
}

/// The schema.org microdata name of the item a page marks as its `PROP` (`publisher`,
/// `isPartOf`): `<div itemprop="publisher" itemscope><meta itemprop="name" content="…">`.
fn microdata_name(doc: &Document, prop: &str) -> Option<String> {
    let scope = format!("[itemprop~=\"{prop}\"]");
    attr(doc, &format!("{scope} meta[itemprop~=\"name\"]"), "content")
        .or_else(|| first_text(doc, &format!("{scope} [itemprop~=\"name\"]:not(meta)")))
        .filter(|n| n.chars().count() <= 80)
}

fn attr(doc: &Document, selector: &str, name: &str) -> Option<String> {
    doc.select(selector).iter().find_map(|n| n.attr(name).map(|v| collapse_whitespace(&v)).filter(|v| !v.is_empty()))
}

fn first_text(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector).iter().map(|n| collapse_whitespace(&n.text())).find(|t| !t.is_empty())
}

fn title(doc: &Document, ld: &JsonLd, outlet: Option<&str>) -> String {
    meta(doc, "og:title")
        .or_else(|| meta(doc, "twitter:title"))
        .or_else(|| ld.headline.clone())
        .or_else(|| first_text(doc, "h1"))
        .or_else(|| first_text(doc, "title"))
        .map(|t| strip_site_suffix(&t, outlet))
        .unwrap_or_default()
}

/// Separators between a headline and the site's name in a `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// "Headline | Site" → "Headline" when the part after the last separator names the outlet or
/// is a short name (at most four words) after a longer headline.
pub fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    let cut = TITLE_SEPARATORS.iter().filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len()))).max();
    let Some((at, len)) = cut else { return title.to_owned() };
    let (head, tail) = (title.get(..at).unwrap_or(title).trim(), title.get(at + len..).unwrap_or("").trim());
    let names_outlet = outlet.is_some_and(|o| {
        let simple = |s: &str| s.to_lowercase().replace(['.', ' ', '-'], "");
        let (o, t) = (simple(o), simple(tail));
        !o.is_empty() && (t.contains(&o) || o.contains(&t))
    });
    let short_name = tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 4;
    if !head.is_empty() && (names_outlet || short_name) { head.to_owned() } else { title.to_owned() }
}

fn author(doc: &Document, ld: &JsonLd) -> Option<String> {
    let is_name = |a: &String| !a.starts_with("http") && a.chars().count() <= 120;
    ld.author
        .clone()
        .filter(is_name)
        .or_else(|| meta(doc, "author").filter(is_name))
        .or_else(|| meta(doc, "article:author").filter(is_name))
        .or_else(|| meta(doc, "parsely-author"))
        .or_else(|| first_text(doc, "[rel=\"author\"]"))
        .map(|a| byline_names(&a))
        .filter(|a| !a.is_empty())
}

/// Words that open a byline before the names ("By", "Analysis by").
const BYLINE_OPENERS: &[&str] = &["by", "analysis by", "opinion by", "story by", "written by", "words by", "reporting by"];

/// Words of a role or an agency that a byline gives after the names and a comma ("CNN
/// Editor-at-large", "Associated Press").
const BYLINE_ROLES: &[&str] = &[
    "editor",
    "correspondent",
    "reporter",
    "writer",
    "columnist",
    "staff",
    "contributor",
    "analyst",
    "producer",
    "bureau",
    "press",
    "reuters",
    "afp",
];

/// The names in a byline as a page writes it: "By MEG KINNARD and ERRIN HAINES" is "Meg
/// Kinnard and Errin Haines", "Analysis by Chris Cillizza, CNN Editor-at-large" is "Chris
/// Cillizza".
pub fn byline_names(byline: &str) -> String {
    let mut names = byline.trim();
    let lower = names.to_lowercase();
    if let Some(opener) = BYLINE_OPENERS.iter().filter(|o| lower.starts_with(&format!("{o} "))).max_by_key(|o| o.len()) {
        names = names.get(opener.len()..).unwrap_or(names).trim_start();
    }
    if let Some((who, role)) = names.split_once(", ") {
        let role = role.to_lowercase();
        if BYLINE_ROLES.iter().any(|r| role.contains(r)) {
            names = who;
        }
    }
    // Names in capitals ("MEG KINNARD and ERRIN HAINES"; "and" may be either).
    let mut words =
        names.split(' ').filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.eq_ignore_ascii_case("and"));
    let shouted = words.clone().next().is_some() && words.all(|w| !w.chars().any(char::is_lowercase));
    if !shouted {
        return names.to_owned();
    }
    names
        .split(' ')
        .map(|w| match w {
            "AND" | "and" => "and".to_owned(),
            _ => {
                let mut chars = w.chars();
                chars.next().map(|c| c.to_string() + &chars.as_str().to_lowercase()).unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn published(doc: &Document, ld: &JsonLd) -> Option<NaiveDate> {
    ld.date_published
        .as_deref()
        .and_then(parse_date)
        .or_else(|| DATE_METAS.iter().find_map(|name| meta(doc, name).as_deref().and_then(parse_date)))
        .or_else(|| doc.select("time[datetime]").iter().find_map(|t| t.attr("datetime").and_then(|d| parse_date(&d))))
}

/// A date as pages write it: ISO 8601 (with or without a time), RFC 2822, or `YYYY/MM/DD`.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    if let Some(date) = raw.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        return Some(date);
    }
    if let Some(date) = raw.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y/%m/%d").ok()) {
        return Some(date);
    }
    if let Some(digits) = raw.get(..8).filter(|d| d.bytes().all(|b| b.is_ascii_digit())) {
        return NaiveDate::parse_from_str(digits, "%Y%m%d").ok();
    }
    DateTime::parse_from_rfc2822(raw).ok().map(|d| d.date_naive())
}

fn language(doc: &Document) -> Option<String> {
    attr(doc, "html", "lang")
        .or_else(|| attr(doc, "meta[http-equiv=\"content-language\"]", "content"))
        .or_else(|| attr(doc, "meta[http-equiv=\"Content-Language\"]", "content"))
        .or_else(|| meta(doc, "og:locale").map(|l| l.replace('_', "-")))
}

/// `https://www.example.com/a` → `example.com`.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_without_the_site_suffix() {
        assert_eq!(strip_site_suffix("G7 ministers meet in Rome | Censor.NET", Some("Censor.NET")), "G7 ministers meet in Rome");
        assert_eq!(strip_site_suffix("Markets fall again today - Reuters", None), "Markets fall again today");
        assert_eq!(strip_site_suffix("Spider-Man - a review of the film", None), "Spider-Man - a review of the film");
    }

    #[test]
    fn dates_in_the_forms_pages_use() {
        let d = NaiveDate::from_ymd_opt(2024, 11, 5);
        assert_eq!(parse_date("2024-11-05T10:42:00+02:00"), d);
        assert_eq!(parse_date("2024/11/05"), d);
        assert_eq!(parse_date("20241105"), d);
        assert_eq!(parse_date("Tue, 05 Nov 2024 10:42:00 +0200"), d);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn bylines_give_their_names() {
        assert_eq!(byline_names("By MEG KINNARD and ERRIN HAINES"), "Meg Kinnard and Errin Haines");
        assert_eq!(byline_names("Analysis by Chris Cillizza, CNN Editor-at-large"), "Chris Cillizza");
        assert_eq!(byline_names("MEG KINNARD and ERRIN HAINES, Associated Press"), "Meg Kinnard and Errin Haines");
        assert_eq!(byline_names("Erika Muster"), "Erika Muster");
        assert_eq!(byline_names("Smith, Jones and Brown"), "Smith, Jones and Brown");
        assert_eq!(byline_names("Byron Tau"), "Byron Tau", "a name that begins with By");
    }

    #[test]
    fn microdata_gives_the_date_and_the_outlet() {
        // As nytimes.com writes them: two words in one itemprop, the outlet in an isPartOf item.
        let doc = Document::from(
            "<html><head><meta property=\"article:published\" itemprop=\"datePublished dateCreated\" \
             content=\"2019-11-18T17:56:27.000Z\"></head><body><span itemprop=\"isPartOf\" itemscope>\
             <meta itemprop=\"name\" content=\"The New York Times\"></span><p>Text.</p></body></html>",
        );
        let m = page_meta(&doc, Some("https://www.nytimes.com/2019/11/18/us/politics/story.html"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2019, 11, 18));
        assert_eq!(m.outlet.as_deref(), Some("The New York Times"));
    }

    #[test]
    fn metadata_from_head_tags_and_host_fallback() {
        let doc = Document::from(
            "<html lang=\"de\"><head><title>Ein Titel hier - Zeitung</title>\
             <meta name=\"author\" content=\"Erika Muster\"></head>\
             <body><time datetime=\"2019-11-18\">18.11.</time></body></html>",
        );
        let m = page_meta(&doc, Some("https://www.zeitung.example/artikel"));
        assert_eq!(m.title, "Ein Titel hier");
        assert_eq!(m.outlet.as_deref(), Some("zeitung.example"));
        assert_eq!(m.author.as_deref(), Some("Erika Muster"));
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2019, 11, 18));
        assert_eq!(m.language.as_deref(), Some("de"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://www.zeitung.example/artikel"));
    }
}
