//! When the event a claim speaks of happened, and reading it as people type it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// When the event a claim speaks of happened: one day or a range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EventDate {
    /// First day.
    pub start: NaiveDate,
    /// Last day, for ranges ("October 27-28").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
}

impl EventDate {
    /// A single day.
    pub const fn day(date: NaiveDate) -> Self {
        Self { start: date, end: None }
    }

    /// [`EventDate::read`], with `None` for an empty, unreadable or reversed date.
    pub fn parse(s: &str) -> Option<Self> {
        Self::read(s).ok().flatten()
    }

    /// The one event-date parser: a day (`2024-10-28`, `28 October 2024`, `October 28, 2024`, `28 Oct
    /// 2024`, `28.10.2024`, `10/28/2024`) or two joined by `..`, `/`, `–` or ` - `; empty is `Ok(None)`.
    pub fn read(text: &str) -> Result<Option<Self>, EventDateError> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        if let Some(d) = parse_day(t) {
            return Ok(Some(Self::day(d)));
        }
        for sep in ["..", "/", " \u{2013} ", " - ", "\u{2013}"] {
            if let Some((a, b)) = t.split_once(sep)
                && let (Some(start), Some(end)) = (parse_day(a), parse_day(b))
            {
                if end < start {
                    return Err(EventDateError::Reversed(t.to_owned()));
                }
                return Ok(Some(Self { start, end: (end != start).then_some(end) }));
            }
        }
        Err(EventDateError::Unreadable(t.to_owned()))
    }
}

impl std::fmt::Display for EventDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.end {
            Some(end) => write!(f, "{}..{}", self.start, end),
            None => write!(f, "{}", self.start),
        }
    }
}

/// Why a typed event date was not taken.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EventDateError {
    /// A range whose end comes before its start.
    #[error("the range {0:?} ends before it starts")]
    Reversed(String),
    /// Not a date in any known form.
    #[error("cannot read {0:?} as a date; write it like 2024-10-28 or 28 October 2024")]
    Unreadable(String),
}

/// One day in any of the forms [`EventDate::read`] takes.
fn parse_day(s: &str) -> Option<NaiveDate> {
    const FORMATS: [&str; 8] = ["%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%d.%m.%Y", "%m/%d/%Y"];
    let s = s.trim().trim_end_matches('.');
    FORMATS.iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok()).filter(|d| chrono::Datelike::year(d) > 0)
}

#[cfg(test)]
mod tests {
    use super::super::EventDate;
    use super::*;

    #[test]
    fn typed_event_dates_and_ranges() {
        let day = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).map(EventDate::day);
        for typed in ["2024-10-28", "28 October 2024", "October 28, 2024", "28 Oct 2024", "28.10.2024", "10/28/2024"] {
            assert_eq!(EventDate::read(typed), Ok(day(2024, 10, 28)), "{typed}");
        }
        let both = EventDate::parse("2024-10-27..2024-10-28");
        for typed in ["2024-10-27/2024-10-28", "27 October 2024 \u{2013} 28 October 2024", "2024-10-27 - 2024-10-28"] {
            assert_eq!(EventDate::parse(typed), both, "{typed}");
        }
        assert_eq!(EventDate::read(" "), Ok(None));
        assert!(matches!(EventDate::read("2024-10-28..2024-10-27"), Err(EventDateError::Reversed(_))));
        assert!(matches!(EventDate::read("next tuesday"), Err(EventDateError::Unreadable(_))));
    }
}
