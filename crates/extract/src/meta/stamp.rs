//! Dates as pages write them, parsed into a [`Stamp`]: the day, and the time
//! and UTC offset when the page gives them. Declared values (ISO 8601 with or
//! without offset, `Z`/`UTC`/`GMT`, offsets with or without a colon, RFC 2822,
//! JavaScript's `Date.toString()`) and dates written in text (numeric forms
//! and month names in several languages, as htmldate reads them). A date
//! before 1995 or in the future is not a publication date.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use regex::Regex;

use super::normalise;

/// Longer declared values are not dates; the cap keeps parsing cheap on garbage.
const MAX_DECLARED_LEN: usize = 80;

/// A day, with the time and the UTC offset (seconds east) when known.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stamp {
    pub day: NaiveDate,
    pub time: Option<NaiveTime>,
    pub offset: Option<i32>,
}

impl From<NaiveDate> for Stamp {
    fn from(day: NaiveDate) -> Self {
        Stamp {
            day,
            time: None,
            offset: None,
        }
    }
}

impl Stamp {
    /// ISO 8601: RFC 3339 when the offset is known, a local date-time when
    /// only the time is, else the day.
    pub fn iso(&self) -> String {
        match (self.time, self.offset.and_then(FixedOffset::east_opt)) {
            (Some(time), Some(offset)) => offset
                .from_local_datetime(&self.day.and_time(time))
                .single()
                .map_or_else(|| self.day.to_string(), |t| t.to_rfc3339()),
            (Some(time), None) => self
                .day
                .and_time(time)
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            _ => self.day.format("%Y-%m-%d").to_string(),
        }
    }

    /// The hour of a time stamped in UTC: its day may not be the reader's.
    pub fn utc_hour(&self) -> Option<u32> {
        use chrono::Timelike;
        (self.offset == Some(0)).then_some(self.time?.hour())
    }
}

/// A declared, machine-readable date: ISO 8601, RFC 2822, `Date.toString()`,
/// else a date written in the value.
pub(super) fn declared(raw: &str) -> Option<Stamp> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > MAX_DECLARED_LEN {
        return text_date(raw).map(Stamp::from);
    }
    iso(raw)
        .or_else(|| {
            DateTime::parse_from_rfc2822(raw)
                .ok()
                .map(|t| from_datetime(&t))
        })
        .or_else(|| javascript(raw))
        .filter(|s| plausible(s.day))
        .or_else(|| text_date(raw).map(Stamp::from))
}

fn from_datetime(t: &DateTime<FixedOffset>) -> Stamp {
    Stamp {
        day: t.date_naive(),
        time: Some(t.time()),
        offset: Some(t.offset().local_minus_utc()),
    }
}

/// `2021-11-12`, `2021-11-12T13:00`, `2021-11-12 13:00:00.123`, `...Z`,
/// `... UTC`, `...+0200`, `...+02:00`, `...-07`.
fn iso(raw: &str) -> Option<Stamp> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,:]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    });
    let c = ISO.captures(raw)?;
    let number = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let day = NaiveDate::from_ymd_opt(c[1].parse().ok()?, number(2)?, number(3)?)?;
    let time = match number(4) {
        Some(h) => Some(NaiveTime::from_hms_opt(
            h,
            number(5)?,
            number(6).unwrap_or(0),
        )?),
        None => None,
    };
    let offset = c.get(7).and_then(|m| offset_seconds(m.as_str()));
    Some(Stamp {
        day,
        time,
        offset: time.and(offset),
    })
}

/// `Z`, `UTC`, `GMT`, `+02`, `+0200`, `+02:00` as seconds east of UTC.
fn offset_seconds(text: &str) -> Option<i32> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Some(0);
    }
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
    let seconds = hours * 3600 + minutes * 60;
    (seconds <= 14 * 3600).then_some(if text.starts_with('-') {
        -seconds
    } else {
        seconds
    })
}

/// JavaScript's `Date.toString()`: `Tue Feb 20 2018 01:00:00 GMT+0100 (CET)`.
fn javascript(raw: &str) -> Option<Stamp> {
    static JS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\w{3} (\w{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-]\d{4})")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let c = JS.captures(raw)?;
    let day = NaiveDate::from_ymd_opt(c[3].parse().ok()?, month(&c[1])?, c[2].parse().ok()?)?;
    let time = NaiveTime::from_hms_opt(c[4].parse().ok()?, c[5].parse().ok()?, c[6].parse().ok()?)?;
    Some(Stamp {
        day,
        time: Some(time),
        offset: offset_seconds(&c[7]),
    })
}

/// The date in a URL path: `/2016/05/07/`, `/2016-05-07-`, `/20160507/`.
pub(super) fn url_date(url: &str) -> Option<NaiveDate> {
    static PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})[/_-]([01]?\d)[/_-]([0-3]?\d)(?:[/_.-]|$)")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let c = PATH.captures(url)?;
    day(&c[1], &c[2], &c[3])
}

/// Month names and abbreviations (lowercase, without the final dot) in the
/// languages of the sets: English, German, French, Spanish, Italian, Dutch, Polish.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("stycznia", 1),
    ("styczeń", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("feber", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("lutego", 2),
    ("luty", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("maart", 3),
    ("marca", 3),
    ("marzec", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("kwietnia", 4),
    ("kwiecień", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mei", 5),
    ("maja", 5),
    ("maj", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("czerwca", 6),
    ("czerwiec", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("lipca", 7),
    ("lipiec", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("sierpnia", 8),
    ("sierpień", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("września", 9),
    ("wrzesień", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("października", 10),
    ("październik", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("listopada", 11),
    ("listopad", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("grudnia", 12),
    ("grudzień", 12),
    // Portuguese and Spanish forms not above.
    ("janeiro", 1),
    ("ene", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("abr", 4),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("ago", 8),
    ("setembro", 9),
    ("set", 9),
    ("outubro", 10),
    ("out", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("dic", 12),
    // Russian and Ukrainian, genitive as in "15 августа 2016".
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
];

pub(super) fn month(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == name).map(|(_, n)| *n)
}

/// The first plausible date written in `text`.
pub(super) fn text_date(text: &str) -> Option<NaiveDate> {
    static PATTERNS: LazyLock<Vec<(Regex, [usize; 3])>> = LazyLock::new(|| {
        // Capture order: the indices of year, month, day in each pattern.
        // A date may run straight into a time (`2021-11-12T13:00`) or follow
        // a word without a space (`Kulturtechnik25. Oktober`), so a pattern
        // starts and ends at any non-digit rather than at a word boundary.
        let word = r"(\p{L}{3,12}\.?)";
        let end = r"(?:[^0-9]|$)";
        // An ASCII word boundary: a Unicode one makes the regex engine give
        // up its DFA on any non-ASCII text and crawl through the whole body
        // with the NFA (a fifth of all extraction time).
        let year_end = r"(?-u:\b)";
        [
            (format!(r"(?:^|[^0-9])((?:19|20)\d{{2}})[-/.]([01]?\d)[-/.]([0-3]?\d){end}"), [1, 2, 3]),
            (format!(r"(?:^|[^0-9])([0-3]?\d)\.\s?([01]?\d)\.\s?((?:19|20)\d{{2}}){end}"), [3, 2, 1]),
            (format!(r"(?:^|[^0-9])([0-3]?\d)[-/]([01]?\d)[-/]((?:19|20)\d{{2}}){end}"), [3, 2, 1]),
            (format!(r"(?:^|[^0-9])([0-3]?\d)(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?{word},?\s+(?:de\s+)?((?:19|20)\d{{2}}){year_end}"), [3, 2, 1]),
            (format!(r"(?:^|[^0-9])([0-3]?\d)[-/ ]{word}[-/ ]((?:19|20)\d{{2}}){year_end}"), [3, 2, 1]),
            (format!(r"{word}\s+([0-3]?\d)(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}}){year_end}"), [3, 1, 2]),
        ]
        .into_iter()
        .map(|(p, order)| (Regex::new(&format!("(?i){p}")).unwrap_or_else(|e| panic!("{e}")), order))
        .collect()
    });
    let text = normalise(text);
    // The earliest match in the text wins, whatever its pattern.
    let mut best: Option<(usize, NaiveDate)> = None;
    for (pattern, [y, m, d]) in PATTERNS.iter() {
        for c in pattern.captures_iter(&text) {
            let at = c.get(0).map_or(0, |m| m.start());
            if best.as_ref().is_some_and(|(b, _)| *b <= at) {
                break;
            }
            let month_text = &c[*m];
            let found = match month_text.parse::<u32>() {
                Ok(_) => day(&c[*y], month_text, &c[*d]),
                Err(_) => month(month_text).and_then(|mm| day(&c[*y], &mm.to_string(), &c[*d])),
            }
            .or_else(|| {
                // US order 03/15/2024 when the first number cannot be a month... or the day.
                (m != d).then(|| day(&c[*y], &c[*d], month_text)).flatten()
            });
            if let Some(found) = found {
                best = Some((at, found));
                break;
            }
        }
    }
    best.map(|(_, d)| d)
}

/// A plausible calendar day from its parts.
fn day(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    plausible(date).then_some(date)
}

/// Not before the web's news pages (1995) and not in the future.
fn plausible(date: NaiveDate) -> bool {
    date.year() >= 1995 && date <= Utc::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<String> {
        text_date(s).map(|d| d.to_string())
    }

    fn iso_of(s: &str) -> Option<String> {
        declared(s).map(|s| s.iso())
    }

    #[test]
    fn written_dates_in_several_languages() {
        assert_eq!(
            text("Veröffentlicht am 3. März 2021, 14:00"),
            Some("2021-03-03".into())
        );
        assert_eq!(
            text("Posted on March 4th, 2019 by Ann"),
            Some("2019-03-04".into())
        );
        assert_eq!(text("le 12 décembre 2018"), Some("2018-12-12".into()));
        assert_eq!(text("Stand: 05.11.2020"), Some("2020-11-05".into()));
        assert_eq!(text("2017/06/30"), Some("2017-06-30".into()));
        assert_eq!(text("2017-06-30T10:00"), Some("2017-06-30".into()));
        assert_eq!(text("no date here, 1990-01-01 is too old"), None);
    }

    #[test]
    fn declared_dates_keep_the_time_and_offset_and_reject_the_future() {
        assert_eq!(
            iso_of("2022-08-09T10:11:12+02:00"),
            Some("2022-08-09T10:11:12+02:00".into())
        );
        assert_eq!(
            iso_of("2020-04-12T18:00:00-0700"),
            Some("2020-04-12T18:00:00-07:00".into())
        );
        assert_eq!(
            iso_of("2006-12-16T08:00+01:00"),
            Some("2006-12-16T08:00:00+01:00".into())
        );
        assert_eq!(
            iso_of("2021-11-12T13:00:00"),
            Some("2021-11-12T13:00:00".into())
        );
        assert_eq!(
            iso_of("2022-05-05T22:12:00 UTC"),
            Some("2022-05-05T22:12:00+00:00".into())
        );
        assert_eq!(
            iso_of("Tue Feb 20 2018 01:00:00 GMT+0100 (Central European Standard Time)"),
            Some("2018-02-20T01:00:00+01:00".into())
        );
        assert_eq!(
            iso_of("Sat, 19 Oct 2019 00:04:00 +0200"),
            Some("2019-10-19T00:04:00+02:00".into())
        );
        assert_eq!(iso_of("2999-01-01"), None);
        assert_eq!(
            declared("2023-11-09T01:09:55Z").and_then(|s| s.utc_hour()),
            Some(1)
        );
        assert_eq!(
            url_date("https://example.org/2016/05/07/ferry-returns").map(|d| d.to_string()),
            Some("2016-05-07".into())
        );
    }
}
