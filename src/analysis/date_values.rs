//! The text form of normalised date values, as stored in a `Date` annotation's
//! `attributes["value"]`: `2024-10-28`, `2024-10-27..2024-10-28`, `2024-10`, `2024-W44`, `2024`
//! (ISO 8601 and TIMEX3 style). Parsing is the inverse of formatting, and every value has the
//! first and last day it covers, for ordering a timeline and for a claim's event date.

use chrono::{NaiveDate, Weekday};

use super::dates::DateValue;
use crate::model::EventDate;

/// The normalised text of a date value.
pub fn format_value(value: DateValue) -> String {
    match value {
        DateValue::Day(d) => d.format("%Y-%m-%d").to_string(),
        DateValue::Range(a, b) => format!("{}..{}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")),
        DateValue::Month(y, m) => format!("{y:04}-{m:02}"),
        DateValue::Week(y, w) => format!("{y:04}-W{w:02}"),
        DateValue::Year(y) => format!("{y:04}"),
    }
}

/// Parses a normalised value (the inverse of [`format_value`]); days and ranges are read by
/// [`EventDate::read`], so `/` also separates a range. Invalid dates, weeks and reversed ranges
/// give `None`.
pub fn parse_value(s: &str) -> Option<DateValue> {
    let s = s.trim();
    // Days and ranges of days: the one event-date parser.
    match EventDate::read(s) {
        Ok(Some(date)) => return Some(from_event_date(date)),
        Err(crate::model::EventDateError::Reversed(_)) | Ok(None) => return None,
        Err(crate::model::EventDateError::Unreadable(_)) => {}
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if let Some((y, w)) = s.split_once("-W") {
        let (year, week) = (y.parse::<i32>().ok()?, w.parse::<u32>().ok()?);
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        return (digits(y) && digits(w)).then_some(DateValue::Week(year, week));
    }
    if let Some((y, m)) = s.split_once('-') {
        let (year, month) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
        return (digits(y) && digits(m) && y.len() == 4 && (1..=12).contains(&month)).then_some(DateValue::Month(year, month));
    }
    if digits(s) && s.len() == 4 { s.parse().ok().map(DateValue::Year) } else { None }
}

/// The first and last day a value covers (both included). `None` only for values outside
/// chrono's calendar.
pub fn bounds(value: DateValue) -> Option<(NaiveDate, NaiveDate)> {
    match value {
        DateValue::Day(d) => Some((d, d)),
        DateValue::Range(a, b) => Some((a.min(b), a.max(b))),
        DateValue::Month(y, m) => {
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? };
            Some((first, next.pred_opt()?))
        }
        DateValue::Week(y, w) => {
            let monday = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
            let sunday = NaiveDate::from_isoywd_opt(y, w, Weekday::Sun)?;
            Some((monday, sunday))
        }
        DateValue::Year(y) => Some((NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?)),
    }
}

/// A claim's event date for a value: the day, or the run of days it covers (a month is its
/// first to its last day).
pub fn to_event_date(value: DateValue) -> Option<EventDate> {
    let (start, end) = bounds(value)?;
    Some(EventDate { start, end: (end != start).then_some(end) })
}

/// The value of an event date (a day or a range).
pub fn from_event_date(date: EventDate) -> DateValue {
    match date.end {
        Some(end) if end != date.start => DateValue::Range(date.start, end),
        _ => DateValue::Day(date.start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn formats_and_parses_back() {
        let values = [
            DateValue::Day(d("2024-10-28")),
            DateValue::Range(d("2024-10-27"), d("2024-10-28")),
            DateValue::Month(2024, 10),
            DateValue::Week(2024, 44),
            DateValue::Year(2024),
        ];
        let texts: Vec<String> = values.iter().map(|v| format_value(*v)).collect();
        assert_eq!(texts, ["2024-10-28", "2024-10-27..2024-10-28", "2024-10", "2024-W44", "2024"]);
        for (v, t) in values.iter().zip(&texts) {
            assert_eq!(parse_value(t), Some(*v), "{t}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_value() {
        for s in ["", "October", "2024-13", "2024-W54", "2024-10-29..2024-10-28", "24", "2024-1x", "-2024", "2024-W"] {
            assert_eq!(parse_value(s), None, "{s:?}");
        }
        assert_eq!(parse_value("2024-10-28/2024-10-28"), Some(DateValue::Day(d("2024-10-28"))));
    }

    #[test]
    fn bounds_of_periods() {
        assert_eq!(bounds(DateValue::Month(2024, 2)), Some((d("2024-02-01"), d("2024-02-29"))));
        assert_eq!(bounds(DateValue::Month(2024, 12)), Some((d("2024-12-01"), d("2024-12-31"))));
        assert_eq!(bounds(DateValue::Week(2024, 44)), Some((d("2024-10-28"), d("2024-11-03"))));
        assert_eq!(to_event_date(DateValue::Day(d("2024-10-28"))), Some(EventDate::day(d("2024-10-28"))));
        let r = to_event_date(DateValue::Range(d("2024-10-27"), d("2024-10-28")));
        assert_eq!(r.map(|e| e.to_string()).as_deref(), Some("2024-10-27..2024-10-28"));
        assert_eq!(r.map(from_event_date), Some(DateValue::Range(d("2024-10-27"), d("2024-10-28"))));
    }
}
