//! Dates in front matter: posting dates and datetimes, and the partial dates of resumes.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, Utc};

use crate::lang::Lang;

/// A posting's date or datetime, as written: `2026-11-01`, `2026-11-01T09:00:00`,
/// `2026-11-01T09:00:00+08:00`. A datetime without an offset is read as UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    date: NaiveDate,
    time: Option<NaiveTime>,
    offset: Option<FixedOffset>,
}

impl When {
    pub fn parse(text: &str) -> Result<When, String> {
        let text = text.trim();
        let wrong = || {
            format!("`{text}` is not a date; write it like 2026-11-01 or 2026-11-01T09:00:00+08:00")
        };
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(When {
                date,
                time: None,
                offset: None,
            });
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(&text.replacen(' ', "T", 1)) {
            return Ok(When {
                date: dt.date_naive(),
                time: Some(dt.time()),
                offset: Some(*dt.offset()),
            });
        }
        for format in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
                return Ok(When {
                    date: dt.date(),
                    time: Some(dt.time()),
                    offset: None,
                });
            }
        }
        Err(wrong())
    }

    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The last instant this moment stands for: the end of the day for a bare date.
    pub fn end_utc(&self) -> DateTime<Utc> {
        let time = self
            .time
            .unwrap_or(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default());
        let local = self.date.and_time(time);
        let offset = self.offset.unwrap_or(Utc.fix());
        DateTime::<Utc>::from_naive_utc_and_offset(local - offset, Utc)
    }

    /// Whether `now` lies after this moment (for `valid_through`: the posting has closed).
    pub fn has_passed(&self, now: DateTime<Utc>) -> bool {
        now > self.end_utc()
    }

    /// Whole days from `now` until this moment's day.
    pub fn days_from(&self, now: DateTime<Utc>) -> i64 {
        (self.date - now.date_naive()).num_days()
    }

    /// ISO 8601, as written (date, or datetime with the offset when one was given).
    pub fn iso(&self) -> String {
        match (self.time, self.offset) {
            (None, _) => self.date.format("%Y-%m-%d").to_string(),
            (Some(t), None) => self
                .date
                .and_time(t)
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            (Some(t), Some(o)) => self
                .date
                .and_time(t)
                .and_local_timezone(o)
                .single()
                .map_or_else(
                    || self.date.format("%Y-%m-%d").to_string(),
                    |dt| dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                ),
        }
    }

    /// RFC 3339 with a time and an offset, as Atom requires.
    pub fn rfc3339(&self) -> String {
        let time = self.time.unwrap_or_default();
        let offset = self.offset.unwrap_or(Utc.fix());
        self.date
            .and_time(time)
            .and_local_timezone(offset)
            .single()
            .map_or_else(
                || format!("{}T00:00:00Z", self.date),
                |dt| dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            )
    }

    /// The day, for people: `2026年11月1日` or `Nov 1, 2026`.
    pub fn display(&self, lang: Lang) -> String {
        display_date(self.date, lang)
    }
}

/// A day for people: `2026年11月1日` or `Nov 1, 2026`.
pub fn display_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => date.format("%b %-d, %Y").to_string(),
    }
}

/// A resume date: a year, a month or a day (`2018`, `2018-10`, `2018.10`, `2018-10-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let t = text.trim();
        let wrong = || format!("`{t}` is not a date; write it like 2018, 2018-10 or 2018-10-01");
        let parts: Vec<&str> = t.split(['-', '.', '/']).collect();
        let number = |s: &str| s.parse::<u32>().ok();
        let year = parts
            .first()
            .and_then(|y| (y.len() == 4).then(|| y.parse::<i32>().ok()).flatten())
            .ok_or_else(wrong)?;
        let month = match parts.get(1) {
            Some(m) => Some(
                number(m)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(wrong)?,
            ),
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => Some(number(d).ok_or_else(wrong)?),
            None => None,
        };
        if parts.len() > 3 {
            return Err(wrong());
        }
        if let (Some(m), Some(d)) = (month, day) {
            NaiveDate::from_ymd_opt(year, m, d).ok_or_else(wrong)?;
        }
        Ok(PartialDate { year, month, day })
    }

    /// JSON Resume's form: `2018`, `2018-10` or `2018-10-01`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// For people: `2018.10` in Chinese, `Oct 2018` in English.
    pub fn display(&self, lang: Lang) -> String {
        match (lang, self.month) {
            (_, None) => self.year.to_string(),
            (Lang::Zh, Some(m)) => format!("{}.{m:02}", self.year),
            (Lang::En, Some(m)) => {
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ];
                format!("{} {}", MONTHS[(m as usize - 1) % 12], self.year)
            }
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// The end of a resume entry: a date, or still going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndDate {
    On(PartialDate),
    Present,
}

impl EndDate {
    pub fn parse(text: &str) -> Result<EndDate, String> {
        match text.trim().to_lowercase().as_str() {
            "present" | "now" | "current" | "至今" | "现在" | "今" => Ok(EndDate::Present),
            _ => PartialDate::parse(text).map(EndDate::On),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn parses_dates_and_datetimes() {
        for (text, iso) in [
            ("2026-11-01", "2026-11-01"),
            ("2026-11-01T09:30:00", "2026-11-01T09:30:00"),
            ("2026-11-01T09:30:00+08:00", "2026-11-01T09:30:00+08:00"),
            ("2026-11-01 09:30:00Z", "2026-11-01T09:30:00Z"),
        ] {
            assert_eq!(When::parse(text).unwrap().iso(), iso);
        }
        assert_eq!(
            When::parse("2026-11-01").unwrap().rfc3339(),
            "2026-11-01T00:00:00Z"
        );
    }

    #[test]
    fn rejects_non_dates() {
        assert!(When::parse("2026-13-01").is_err());
        assert!(When::parse("next week").unwrap_err().contains("2026-11-01"));
        assert!(When::parse("2026/11/01").is_err());
    }

    #[test]
    fn a_bare_date_is_open_through_its_whole_day() {
        let w = When::parse("2026-11-22").unwrap();
        assert!(!w.has_passed(utc("2026-11-22T23:00:00Z")));
        assert!(w.has_passed(utc("2026-11-23T00:00:01Z")));
    }

    #[test]
    fn a_datetime_closes_at_its_instant() {
        let w = When::parse("2026-11-22T12:00:00+08:00").unwrap();
        assert!(!w.has_passed(utc("2026-11-22T03:59:59Z")));
        assert!(w.has_passed(utc("2026-11-22T04:00:01Z")));
        assert_eq!(w.days_from(utc("2026-11-20T10:00:00Z")), 2);
    }

    #[test]
    fn displays_per_language() {
        let w = When::parse("2026-11-01").unwrap();
        assert_eq!(w.display(Lang::Zh), "2026年11月1日");
        assert_eq!(w.display(Lang::En), "Nov 1, 2026");
    }

    #[test]
    fn partial_dates() {
        let d = PartialDate::parse("2018.10").unwrap();
        assert_eq!(d.iso(), "2018-10");
        assert_eq!(d.display(Lang::Zh), "2018.10");
        assert_eq!(d.display(Lang::En), "Oct 2018");
        assert_eq!(PartialDate::parse("2018").unwrap().iso(), "2018");
        assert_eq!(
            PartialDate::parse("2018-02-03").unwrap().iso(),
            "2018-02-03"
        );
        assert!(PartialDate::parse("2018-13").is_err());
        assert!(PartialDate::parse("2018-02-30").is_err());
        assert!(PartialDate::parse("18-02").is_err());
        assert_eq!(EndDate::parse("至今").unwrap(), EndDate::Present);
        assert_eq!(EndDate::parse("Present").unwrap(), EndDate::Present);
    }
}
