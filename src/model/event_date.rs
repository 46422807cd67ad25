//! Reading event dates as people type them: the forms [`super::EventDate::read`] takes.

use chrono::NaiveDate;

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
pub(super) fn parse_day(s: &str) -> Option<NaiveDate> {
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
