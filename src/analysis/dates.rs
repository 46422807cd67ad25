//! Date mentions normalised against the publication date, the way `HeidelTime` does for news:
//! dates without a year take the year that puts them nearest to publication ("December 30" in an
//! article of 2025-01-02 is 2024-12-30), weekdays are the most recent such day up to publication,
//! and "yesterday", "last week", "earlier this month" count from publication. Offsets are chars.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::attribution::Span;

/// A date expression found in the text and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Where the expression is (chars, end exclusive).
    pub span: Span,
    /// What it denotes.
    pub value: DateValue,
}

/// The normalised value of a date expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateValue {
    /// One calendar day.
    Day(NaiveDate),
    /// A run of days, both ends included.
    Range(NaiveDate, NaiveDate),
    /// A calendar month: year, month 1..=12.
    Month(i32, u32),
    /// An ISO week: ISO year, week 1..=53.
    Week(i32, u32),
    /// A calendar year.
    Year(i32),
}

#[derive(Clone, Debug)]
struct Tok {
    start: usize,
    end: usize,
    low: String,
}

fn toks(chars: &[char]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            while chars.get(i).is_some_and(|d| d.is_alphanumeric()) {
                i += 1;
            }
        } else {
            i += 1;
        }
        let low = chars.get(start..i).unwrap_or(&[]).iter().flat_map(|c| c.to_lowercase()).collect();
        out.push(Tok { start, end: i, low });
    }
    out
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const YEAR_PREPS: &[&str] =
    &["in", "since", "by", "until", "of", "from", "during", "before", "after", "early", "late", "mid", "through", "till"];

fn month_of(t: &Tok, chars: &[char]) -> Option<u32> {
    let m = MONTHS.iter().find(|(n, _)| *n == t.low).map(|&(_, m)| m)?;
    // Short forms and "may"/"march" must be capitalised to count.
    let cap = chars.get(t.start).is_some_and(|c| c.is_uppercase());
    (cap || t.low.len() > 5 && t.low != "march").then_some(m)
}

fn number(t: &Tok) -> Option<u32> {
    let digits: String = t.low.chars().take_while(char::is_ascii_digit).collect();
    let rest = t.low.get(digits.len()..).unwrap_or("");
    if digits.is_empty() || digits.len() > 4 || !matches!(rest, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

fn day_num(t: Option<&Tok>) -> Option<u32> {
    let t = t?;
    let n = number(t)?;
    (1..=31).contains(&n).then_some(n)
}

fn year_num(t: Option<&Tok>) -> Option<i32> {
    let t = t?;
    if t.low.len() != 4 {
        return None;
    }
    let n = number(t)?;
    (1000..=2999).contains(&n).then(|| i32::try_from(n).ok()).flatten()
}

/// The date with that month and day whose year puts it nearest to `anchor`.
fn nearest_year(anchor: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (anchor.year() - 1..=anchor.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - anchor).num_days().abs())
}

fn nearest_month_year(anchor: NaiveDate, month: u32) -> i32 {
    let here = anchor.year() * 12 + mi(anchor.month0());
    (anchor.year() - 1..=anchor.year() + 1).min_by_key(|y| (y * 12 + mi(month) - 1 - here).abs()).unwrap_or(anchor.year())
}

fn is_dash(t: Option<&Tok>) -> bool {
    t.is_some_and(|t| matches!(t.low.as_str(), "-" | "\u{2013}" | "\u{2014}" | "to" | "and" | "through"))
}

/// A month number (1..=12 or 0..=11) as `i32`.
fn mi(m: u32) -> i32 {
    i32::try_from(m).unwrap_or(0)
}

fn month_shift(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + mi(m) - 1 + delta;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

/// Find and normalise the date expressions of `text`. Expressions that need the publication date
/// (no year given, or relative ones) are skipped when `published` is `None`.
pub fn find_dates(text: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
    let chars: Vec<char> = text.chars().collect();
    let t = toks(&chars);
    let scanner = Scan { t: &t, chars: &chars, published };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let found = scanner
            .iso(i)
            .or_else(|| scanner.month_first(i))
            .or_else(|| scanner.day_first(i))
            .or_else(|| scanner.year_after_preposition(i))
            .or_else(|| published.and_then(|p| relative(&t, i, p)));
        match found {
            Some((last, value)) => {
                let span = Span { start: t.get(i).map_or(0, |x| x.start), end: t.get(last).map_or(0, |x| x.end) };
                out.push(DateMention { span, value });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// A date expression found at a token: the index of its last token, and its value.
type Found = Option<(usize, DateValue)>;

/// The tokens of a text being searched for dates.
struct Scan<'a> {
    t: &'a [Tok],
    chars: &'a [char],
    published: Option<NaiveDate>,
}

impl Scan<'_> {
    fn low(&self, k: usize) -> &str {
        self.t.get(k).map_or("", |x| x.low.as_str())
    }

    /// ISO 2024-11-05.
    #[allow(clippy::many_single_char_names)]
    fn iso(&self, i: usize) -> Found {
        let t = self.t;
        let (Some(y), true, Some(m), true, Some(d)) = (
            year_num(t.get(i)),
            self.low(i + 1) == "-",
            number_tok(t.get(i + 2)),
            self.low(i + 3) == "-",
            number_tok(t.get(i + 4)),
        ) else {
            return None;
        };
        NaiveDate::from_ymd_opt(y, m, d).map(|date| (i + 4, DateValue::Day(date)))
    }

    /// The day `d1` (to `d2`) of month `m`, in `year` or the year nearest the publication date.
    fn day_or_range(&self, year: Option<i32>, m: u32, d1: u32, d2: Option<u32>) -> Option<DateValue> {
        let start = match (year, self.published) {
            (Some(y), _) => NaiveDate::from_ymd_opt(y, m, d1),
            (None, Some(p)) => nearest_year(p, m, d1),
            (None, None) => None,
        }?;
        Some(match d2.and_then(|d| NaiveDate::from_ymd_opt(start.year(), m, d)) {
            Some(e) => DateValue::Range(start, e),
            None => DateValue::Day(start),
        })
    }

    /// Month-first: "October 28", "October 27-28", "November 5, 2024", "October 2024", "October".
    #[allow(clippy::many_single_char_names)]
    fn month_first(&self, i: usize) -> Found {
        let t = self.t;
        let m = month_of(t.get(i)?, self.chars)?;
        let mut j = i + 1;
        if self.low(j) == "." {
            j += 1;
        }
        if let Some(d1) = day_num(t.get(j)).filter(|_| t.get(j).is_some_and(|x| x.low.len() <= 4 && year_num(Some(x)).is_none()))
        {
            let mut last = j;
            let mut d2 = None;
            if is_dash(t.get(j + 1))
                && let Some(d) = day_num(t.get(j + 2)).filter(|d| *d > d1)
            {
                d2 = Some(d);
                last = j + 2;
            }
            let k = if self.low(last + 1) == "," { last + 2 } else { last + 1 };
            let year = year_num(t.get(k));
            if year.is_some() {
                last = k;
            }
            return self.day_or_range(year, m, d1, d2).map(|value| (last, value));
        }
        if let Some(y) = year_num(t.get(j)).or_else(|| (self.low(j) == ",").then(|| year_num(t.get(j + 1))).flatten()) {
            let last = if self.low(j) == "," { j + 1 } else { j };
            return Some((last, DateValue::Month(y, m)));
        }
        self.bare_month(i, m)
    }

    /// A bare month name: only after "in"/"since"/"last"/"this"/"early" etc. to avoid "May" the verb.
    fn bare_month(&self, i: usize, m: u32) -> Found {
        let p = self.published?;
        let before = if i > 0 { self.low(i - 1) } else { "" };
        if !matches!(
            before,
            "in" | "since" | "last" | "this" | "early" | "late" | "mid" | "until" | "by" | "of" | "next" | "from"
        ) {
            return None;
        }
        let y = match before {
            "last" => {
                let y = nearest_month_year(p, m);
                if y * 12 + mi(m) >= p.year() * 12 + mi(p.month()) { y - 1 } else { y }
            }
            "next" => p.year() + i32::from(m <= p.month()),
            "this" => p.year(),
            _ => nearest_month_year(p, m),
        };
        Some((i, DateValue::Month(y, m)))
    }

    /// Day-first: "5 November", "5 November 2024", "27-28 October".
    fn day_first(&self, i: usize) -> Found {
        let t = self.t;
        let cur = t.get(i)?;
        let d1 = day_num(Some(cur)).filter(|_| cur.low.len() <= 4)?;
        let (mut j, mut d2) = (i + 1, None);
        if is_dash(t.get(j))
            && self.low(j) != "and"
            && self.low(j) != "to"
            && let Some(d) = day_num(t.get(j + 1)).filter(|d| *d > d1)
        {
            d2 = Some(d);
            j += 2;
        }
        if self.low(j) == "of" {
            j += 1;
        }
        let m = t.get(j).and_then(|x| month_of(x, self.chars))?;
        let year = year_num(t.get(j + 1));
        let last = if year.is_some() { j + 1 } else { j };
        self.day_or_range(year, m, d1, d2).map(|value| (last, value))
    }

    /// Years after a preposition: "in 2014".
    fn year_after_preposition(&self, i: usize) -> Found {
        if i == 0 || !YEAR_PREPS.contains(&self.low(i - 1)) {
            return None;
        }
        year_num(self.t.get(i)).map(|y| (i, DateValue::Year(y)))
    }
}

fn number_tok(t: Option<&Tok>) -> Option<u32> {
    let t = t?;
    (t.low.len() <= 2).then(|| number(t)).flatten()
}

fn week_of(d: NaiveDate) -> DateValue {
    let w = d.iso_week();
    DateValue::Week(w.year(), w.week())
}

fn word_number(s: &str) -> Option<i64> {
    const W: &[&str] = &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    if let Some(p) = W.iter().position(|w| *w == s) {
        return i64::try_from(p + 1).ok();
    }
    if s == "a" {
        return Some(1);
    }
    s.parse().ok().filter(|n| (1..=1000).contains(n))
}

/// Relative expressions starting at token `i`: yesterday, today, tomorrow, (last/next/on) weekday,
/// last/this/next week/month/year, earlier this month, N days/weeks ago.
#[allow(clippy::many_single_char_names)]
fn relative(t: &[Tok], i: usize, p: NaiveDate) -> Option<(usize, DateValue)> {
    let low = |k: usize| t.get(k).map_or("", |x| x.low.as_str());
    let w0 = low(i);
    match w0 {
        "yesterday" => return Some((i, DateValue::Day(p - Duration::days(1)))),
        "today" | "tonight" => return Some((i, DateValue::Day(p))),
        "tomorrow" => return Some((i, DateValue::Day(p + Duration::days(1)))),
        _ => {}
    }
    if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == w0) {
        let back = (p.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
        let prev = i.checked_sub(1).map_or("", low);
        let date = match prev {
            "next" => {
                p + Duration::days(i64::from((wd.num_days_from_monday() + 7 - p.weekday().num_days_from_monday()) % 7).max(1))
            }
            "last" => p - Duration::days(i64::from(if back == 0 { 7 } else { back })),
            _ => p - Duration::days(i64::from(back)),
        };
        return Some((i, DateValue::Day(date)));
    }
    // "(earlier|later) this month", "last week", "next year".
    let (k, which) = match w0 {
        "last" | "this" | "next" | "past" => (i + 1, w0),
        "earlier" | "later" if low(i + 1) == "this" => (i + 2, "this"),
        _ => (usize::MAX, ""),
    };
    if !which.is_empty() {
        let delta: i32 = match which {
            "last" | "past" => -1,
            "next" => 1,
            _ => 0,
        };
        match low(k) {
            "week" => return Some((k, week_of(p + Duration::weeks(i64::from(delta))))),
            "month" => {
                let (y, m) = month_shift(p.year(), p.month(), delta);
                return Some((k, DateValue::Month(y, m)));
            }
            "year" => return Some((k, DateValue::Year(p.year() + delta))),
            _ => {}
        }
    }
    // "three days ago", "two weeks ago".
    if let Some(n) = word_number(w0) {
        match (low(i + 1), low(i + 2)) {
            ("day" | "days", "ago") => return Some((i + 2, DateValue::Day(p - Duration::days(n)))),
            ("week" | "weeks", "ago") => return Some((i + 2, week_of(p - Duration::weeks(n)))),
            ("month" | "months", "ago") => {
                let (y, m) = month_shift(p.year(), p.month(), -i32::try_from(n).unwrap_or(0));
                return Some((i + 2, DateValue::Month(y, m)));
            }
            ("year" | "years", "ago") => return Some((i + 2, DateValue::Year(p.year() - i32::try_from(n).unwrap_or(0)))),
            _ => {}
        }
    }
    None
}

/// The sentence (chars) around `span`: from after the previous sentence end or newline to the
/// next one.
fn sentence_of(chars: &[char], span: Span) -> Span {
    let is_end = |k: usize| -> bool {
        match chars.get(k) {
            Some('\n') => true,
            Some('.' | '!' | '?') => chars.get(k + 1).is_none_or(|c| c.is_whitespace()),
            _ => false,
        }
    };
    let mut a = span.start.min(chars.len());
    while a > 0 && !is_end(a - 1) {
        a -= 1;
    }
    let mut b = span.end.min(chars.len());
    while b < chars.len() && !is_end(b) {
        b += 1;
    }
    Span { start: a, end: (b + 1).min(chars.len()) }
}

/// The date of a claim: the first date inside `span`, else the date nearest to it in the same
/// sentence.
pub fn nearest_date<'a>(dates: &'a [DateMention], span: Span, text: &str) -> Option<&'a DateMention> {
    if let Some(d) = dates.iter().find(|d| d.span.start >= span.start && d.span.end <= span.end) {
        return Some(d);
    }
    let chars: Vec<char> = text.chars().collect();
    let sent = sentence_of(&chars, span);
    dates
        .iter()
        .filter(|d| d.span.start >= sent.start && d.span.end <= sent.end)
        .min_by_key(|d| if d.span.end <= span.start { span.start - d.span.end } else { d.span.start.saturating_sub(span.end) })
}

/// Most chars between a cue and a date after it that says when it was said ("said on Friday").
const SAID_GAP: usize = 4;

/// The date that says when the statement of `cue` was made ("On October 25, Zelenskyy said …",
/// "said on Friday that …"): a date of the cue's sentence outside the `content`, before the cue
/// with no other cue of `cues` between them, or right after it. `None` when the text does not say.
/// `chars` is the text's chars, collected once by the caller.
pub fn speaking_date<'a>(
    dates: &'a [DateMention],
    cue: Span,
    content: &[Span],
    cues: &[Span],
    chars: &[char],
) -> Option<&'a DateMention> {
    let sent = sentence_of(chars, cue);
    let outside = |d: &DateMention| !content.iter().any(|c| c.start < d.span.end && d.span.start < c.end);
    let in_sentence = |d: &&DateMention| d.span.start >= sent.start && d.span.end <= sent.end && outside(d);
    let before = dates
        .iter()
        .rfind(|d| in_sentence(d) && d.span.end <= cue.start)
        .filter(|d| !cues.iter().any(|c| *c != cue && c.start >= d.span.end && c.end <= cue.start));
    // What is said after the cue ends where a date after it may be (a quotation before the cue
    // leaves room: "“I'm running,” Patrick said Tuesday night").
    let content_start = content.iter().map(|c| c.start).filter(|&s| s >= cue.end).min().unwrap_or(usize::MAX);
    let after = || {
        dates
            .iter()
            .filter(in_sentence)
            .find(|d| d.span.start >= cue.end && d.span.start - cue.end <= SAID_GAP && d.span.end <= content_start)
    };
    before.or_else(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn values(text: &str, p: NaiveDate) -> Vec<DateValue> {
        find_dates(text, Some(p)).into_iter().map(|m| m.value).collect()
    }

    #[test]
    fn absolute_and_yearless() {
        let p = d(2024, 11, 5);
        assert_eq!(values("On October 28, the Pentagon said", p), vec![DateValue::Day(d(2024, 10, 28))]);
        assert_eq!(values("in combat zones on October 27-28.", p), vec![DateValue::Range(d(2024, 10, 27), d(2024, 10, 28))]);
        assert_eq!(
            values("on November 5, 2024 and 5 November", p),
            vec![DateValue::Day(d(2024, 11, 5)), DateValue::Day(d(2024, 11, 5))]
        );
        assert_eq!(values("published 2024-11-05.", p), vec![DateValue::Day(d(2024, 11, 5))]);
        assert_eq!(values("annexed Crimea in 2014", p), vec![DateValue::Year(2014)]);
        assert_eq!(values("in March 2022", p), vec![DateValue::Month(2022, 3)]);
        assert_eq!(values("27-28 October", p), vec![DateValue::Range(d(2024, 10, 27), d(2024, 10, 28))]);
    }

    #[test]
    fn year_boundary() {
        let p = d(2025, 1, 2);
        assert_eq!(values("On December 30 he said", p), vec![DateValue::Day(d(2024, 12, 30))]);
        assert_eq!(values("since December", p), vec![DateValue::Month(2024, 12)]);
        assert_eq!(values("last week", p), vec![DateValue::Week(2024, 52)]);
        let p = d(2024, 12, 30);
        assert_eq!(values("on January 3", p), vec![DateValue::Day(d(2025, 1, 3))]);
    }

    #[test]
    fn relative() {
        let p = d(2024, 11, 5); // a Tuesday
        assert_eq!(values("yesterday", p), vec![DateValue::Day(d(2024, 11, 4))]);
        assert_eq!(values("said on Monday", p), vec![DateValue::Day(d(2024, 11, 4))]);
        assert_eq!(values("said on Friday", p), vec![DateValue::Day(d(2024, 11, 1))]);
        assert_eq!(values("last week", p), vec![DateValue::Week(2024, 44)]);
        assert_eq!(values("earlier this month", p), vec![DateValue::Month(2024, 11)]);
        assert_eq!(values("last month", p), vec![DateValue::Month(2024, 10)]);
        assert_eq!(values("last year", p), vec![DateValue::Year(2023)]);
        assert_eq!(values("three days ago", p), vec![DateValue::Day(d(2024, 11, 2))]);
    }

    #[test]
    fn spans_are_chars() {
        let text = "Zelenskyy – «On October 25» said";
        let m = find_dates(text, Some(d(2024, 11, 5)));
        assert_eq!(m.len(), 1);
        let got: String = text.chars().skip(m[0].span.start).take(m[0].span.len()).collect();
        assert_eq!(got, "October 25");
    }

    #[test]
    fn no_publication_date() {
        assert!(find_dates("On October 28 and yesterday", None).is_empty());
        assert_eq!(find_dates("November 5, 2024", None).len(), 1);
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(values("he may go; it may rain", d(2024, 11, 5)).is_empty());
    }

    #[test]
    fn nearest() {
        let text = "On October 25, Zelenskyy said that troops would be used on October 27-28. Later, in 2014 nothing.";
        let p = d(2024, 11, 5);
        let dates = find_dates(text, Some(p));
        let z = text.find("Zelenskyy").unwrap();
        let claim = Span { start: z, end: z + "Zelenskyy said".len() };
        let claim_start = text.find("troops").unwrap();
        assert_eq!(nearest_date(&dates, claim, text).map(|m| m.value), Some(DateValue::Day(d(2024, 10, 25))));
        let whole = Span { start: claim_start, end: text.find(". Later").unwrap() };
        assert_eq!(nearest_date(&dates, whole, text).map(|m| m.value), Some(DateValue::Range(d(2024, 10, 27), d(2024, 10, 28))));
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in
            ["", "December", "31 February", "February 30, 2024", "0 May", "May 99999", "last", "9999-99-99", "on", "-", "the 1st"]
        {
            let _ = find_dates(s, Some(d(2024, 2, 29)));
            let _ = find_dates(s, None);
        }
    }

    #[test]
    fn the_day_a_statement_was_made() {
        let text = "On October 25, Zelenskyy said that, according to intelligence, troops would fight on October 27-28.";
        let dates = find_dates(text, Some(d(2024, 11, 5)));
        let chars: Vec<char> = text.chars().collect();
        let at = |w: &str| {
            let i = text.find(w).unwrap();
            Span { start: i, end: i + w.len() }
        };
        let content = [Span { start: at("troops").start, end: text.len() - 1 }];
        let cues = [at("said"), at("according to")];
        let said = speaking_date(&dates, at("said"), &content, &cues, &chars).map(|m| m.value);
        assert_eq!(said, Some(DateValue::Day(d(2024, 10, 25))));
        // Intelligence spoke before Zelenskyy said it: the text does not say when.
        assert_eq!(speaking_date(&dates, at("according to"), &content, &cues, &chars), None);
        let text = "The minister said on Friday that talks would go on.";
        let dates = find_dates(text, Some(d(2024, 11, 5)));
        let content = [Span { start: text.find("talks").unwrap(), end: text.len() - 1 }];
        let cue = Span { start: 13, end: 17 };
        let chars: Vec<char> = text.chars().collect();
        let said = speaking_date(&dates, cue, &content, &[cue], &chars).map(|m| m.value);
        assert_eq!(said, Some(DateValue::Day(d(2024, 11, 1))));
        // The quotation before its cue, the day after it (a new user's AP story).
        let text = "\"I'm running,\" Patrick said Tuesday night.";
        let dates = find_dates(text, Some(d(2019, 11, 20)));
        let cue = Span { start: 23, end: 27 };
        let chars: Vec<char> = text.chars().collect();
        let said = speaking_date(&dates, cue, &[Span { start: 1, end: 13 }], &[cue], &chars).map(|m| m.value);
        assert_eq!(said, Some(DateValue::Day(d(2019, 11, 19))));
    }
}
