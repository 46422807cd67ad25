//! schema.org metadata in a page's JSON-LD scripts: the first article-like object
//! (`NewsArticle`, `Article`, `BlogPosting`…, also inside `@graph` or a list) gives the
//! headline, the publication date, the author and the publisher.

use serde_json::Value;

/// What the JSON-LD says about the article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonLd {
    /// `headline` or `name`.
    pub headline: Option<String>,
    /// `datePublished`, as written.
    pub date_published: Option<String>,
    /// The `author`'s name or names, joined by ", ".
    pub author: Option<String>,
    /// The `publisher`'s name.
    pub publisher: Option<String>,
}

/// Reads the article object out of the texts of the page's `application/ld+json` scripts.
pub fn parse<'a>(scripts: impl IntoIterator<Item = &'a str>) -> JsonLd {
    let mut found = JsonLd::default();
    for script in scripts {
        let Ok(value) = serde_json::from_str::<Value>(script.trim()) else { continue };
        if let Some(article) = find_article(&value, 0) {
            found = JsonLd {
                headline: string(article.get("headline")).or_else(|| string(article.get("name"))),
                date_published: string(article.get("datePublished")),
                author: names(article.get("author")),
                publisher: article.get("publisher").and_then(|p| string(p.get("name")).or_else(|| string(Some(p)))),
            };
            break;
        }
    }
    found
}

/// Deepest nesting looked into.
const MAX_DEPTH: usize = 6;

fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| find_article(v, depth + 1)),
        Value::Object(map) => {
            if is_article_type(map.get("@type")) {
                return Some(value);
            }
            map.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

fn is_article_type(kind: Option<&Value>) -> bool {
    let is_article = |s: &str| s.ends_with("Article") || matches!(s, "BlogPosting" | "Report" | "LiveBlogPosting");
    match kind {
        Some(Value::String(s)) => is_article(s),
        Some(Value::Array(kinds)) => kinds.iter().any(|k| k.as_str().is_some_and(is_article)),
        _ => false,
    }
}

fn string(value: Option<&Value>) -> Option<String> {
    let s = value?.as_str()?.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// A person or organisation, a list of them, or a plain name.
fn names(value: Option<&Value>) -> Option<String> {
    let value = value?;
    let list: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(|v| names(Some(v))).collect(),
        Value::Object(map) => string(map.get("name")).into_iter().collect(),
        Value::String(_) => string(Some(value)).into_iter().collect(),
        _ => Vec::new(),
    };
    (!list.is_empty()).then(|| list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_article_in_a_graph() {
        let script = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":["NewsArticle"],"headline":"H","datePublished":"2024-11-05T10:00:00Z",
             "author":[{"@type":"Person","name":"A. One"},{"name":"B. Two"}],"publisher":{"name":"Outlet"}}]}"#;
        let got = parse([script]);
        assert_eq!(got.headline.as_deref(), Some("H"));
        assert_eq!(got.date_published.as_deref(), Some("2024-11-05T10:00:00Z"));
        assert_eq!(got.author.as_deref(), Some("A. One, B. Two"));
        assert_eq!(got.publisher.as_deref(), Some("Outlet"));
    }

    #[test]
    fn broken_scripts_are_skipped() {
        let got = parse(["{not json", r#"[{"@type":"BlogPosting","name":"N"}]"#]);
        assert_eq!(got.headline.as_deref(), Some("N"));
    }
}
