//! What an annotation says besides where it is: label, tags, note and attributes from its
//! bodies (and Hypothesis `tags` and `text`), its creator and its times.

use super::import::{many, str_of};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use std::collections::BTreeMap;

pub(super) fn parse_time(v: Option<&str>) -> Option<DateTime<Utc>> {
    let s = v?.trim();
    let t = DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc()))?;
    DateTime::from_timestamp_millis(t.timestamp_millis())
}

pub(super) fn creator_name(item: &Value) -> String {
    if let Some(name) = item.get("user_info").and_then(|u| str_of(u, "display_name")).filter(|n| !n.trim().is_empty()) {
        return name.to_owned();
    }
    if let Some(user) = str_of(item, "user") {
        let user = user.strip_prefix("acct:").unwrap_or(user);
        return user.split('@').next().unwrap_or(user).to_owned();
    }
    for c in many(item.get("creator")) {
        match c {
            Value::String(s) => return s.clone(),
            other => {
                if let Some(n) = str_of(other, "name").or_else(|| str_of(other, "nickname")) {
                    return n.to_owned();
                }
            }
        }
    }
    String::new()
}

fn purposes(body: &Value) -> Vec<&str> {
    many(body.get("purpose")).into_iter().filter_map(Value::as_str).collect()
}

/// Label, tags, note and attributes from the bodies (and Hypothesis `tags` and `text`).
pub(super) struct Content {
    pub label: Option<String>,
    pub tags: Vec<String>,
    pub notes: Vec<String>,
    pub attributes: BTreeMap<String, String>,
}

pub(super) fn content(item: &Value) -> Content {
    let mut c = Content { label: None, tags: Vec::new(), notes: Vec::new(), attributes: BTreeMap::new() };
    for body in many(item.get("body")) {
        let Some(value) = str_of(body, "value") else { continue };
        let p = purposes(body);
        if p.contains(&"classifying") && c.label.is_none() {
            c.label = Some(value.to_owned());
        } else if p.contains(&"tagging") {
            c.tags.push(value.to_owned());
        } else if p.contains(&"describing")
            && let Some((k, v)) = value.split_once('=')
        {
            c.attributes.insert(k.to_owned(), v.to_owned());
        } else {
            c.notes.push(value.to_owned());
        }
    }
    if let Some(v) = str_of(item, "bodyValue") {
        c.notes.push(v.to_owned());
    }
    c.tags.extend(many(item.get("tags")).into_iter().filter_map(Value::as_str).map(str::to_owned));
    if let Some(text) = str_of(item, "text").filter(|t| !t.trim().is_empty()) {
        c.notes.push(text.to_owned());
    }
    c
}
