//! When an event happened, where its sentence says: a weekday, `yesterday`,
//! `today`, or a date (`March 12`, `12 March 2026`), resolved against the
//! article's publication date. News writes `on Monday` for the last Monday
//! on or before publication, and a date without a year for the nearest one.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The date the words of a sentence (lowercase, in order) give for what it
/// reports, the expression nearest to token `at` winning; `None` when they
/// give none, or only a relative one and the article is undated. In a
/// sentence about the future (`will meet on Monday`) a weekday is the next
/// one, not the last.
pub fn date(
    words: &[impl AsRef<str>],
    at: usize,
    published: Option<NaiveDate>,
    future: bool,
) -> Option<NaiveDate> {
    expressions(words, published, |_| future)
        .into_iter()
        .min_by_key(|e| e.at.abs_diff(at))
        .map(|e| e.date)
}

/// A date expression: its words `first..=last` and the date it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expression {
    pub first: usize,
    pub last: usize,
    /// The word it was found at (the weekday, the month).
    pub at: usize,
    pub date: NaiveDate,
}

/// Every date expression of a sentence's words (lowercase, in order), in
/// order, resolved as [`date`] resolves them; `future` tells, for the word
/// an expression is found at, whether its clause is about the future (only
/// a weekday's reading depends on it).
pub fn expressions(
    words: &[impl AsRef<str>],
    published: Option<NaiveDate>,
    future: impl Fn(usize) -> bool,
) -> Vec<Expression> {
    (0..words.len())
        .filter_map(|k| expression(words, k, published, future(k)))
        .collect()
}

/// The date expression found at word `k`.
fn expression(
    words: &[impl AsRef<str>],
    k: usize,
    published: Option<NaiveDate>,
    future: bool,
) -> Option<Expression> {
    let at = |j: usize| words.get(j).map(AsRef::as_ref);
    let word = at(k)?;
    let before = k.checked_sub(1).and_then(at);
    let one = |date: Option<NaiveDate>| {
        Some(Expression {
            first: k,
            last: k,
            at: k,
            date: date?,
        })
    };
    match word {
        "today" | "tonight" => one(published),
        "yesterday" => one(published?.checked_sub_days(Days::new(1))),
        "tomorrow" => one(published?.checked_add_days(Days::new(1))),
        _ => {
            if let Some(day) = weekday(word) {
                // `next Monday`, `every Monday`: not when it happened.
                if matches!(before, Some("next" | "every" | "each" | "until")) {
                    return None;
                }
                let (published, day) = (published?, day.num_days_from_monday());
                let today = published.weekday().num_days_from_monday();
                return one(if future {
                    published.checked_add_days(Days::new(u64::from((day + 7 - today) % 7)))
                } else {
                    published.checked_sub_days(Days::new(u64::from((today + 7 - day) % 7)))
                });
            }
            let month = month(word)?;
            // `March 12`, `12 March`, either with a year after.
            let day_at = |w: Option<&str>| number(w).filter(|d| (1..=31).contains(d));
            let (day, first, year_at) = match (day_at(at(k + 1)), day_at(before)) {
                (Some(day), _) => (day, k, k + 2),
                (None, Some(day)) => (day, k - 1, k + 1),
                _ => return None,
            };
            let year = number(at(year_at)).filter(|y| (1900..=2200).contains(y));
            let last = if year.is_some() { year_at } else { year_at - 1 };
            let date = match (year, published) {
                (Some(year), _) => NaiveDate::from_ymd_opt(year as i32, month, day),
                (None, Some(published)) => {
                    let this_year = NaiveDate::from_ymd_opt(published.year(), month, day)?;
                    // Months ahead of publication: last year's.
                    if this_year > published.checked_add_days(Days::new(31))? {
                        NaiveDate::from_ymd_opt(published.year() - 1, month, day)
                    } else {
                        Some(this_year)
                    }
                }
                (None, None) => None,
            };
            Some(Expression {
                first,
                last,
                at: k,
                date: date?,
            })
        }
    }
}

fn number(word: Option<&str>) -> Option<u32> {
    let digits = word?.trim_end_matches(['s', 't', 'h', 'n', 'd', 'r']);
    (!digits.is_empty() && digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn month(word: &str) -> Option<u32> {
    Some(match word.trim_end_matches('.') {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(text: &str, published: &str) -> Option<String> {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let published = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        let future = words.contains(&"will");
        date(&words, 0, published, future).map(|d| d.to_string())
    }

    #[test]
    fn relative_days_count_back_from_publication() {
        // 2026-03-12 is a Thursday.
        let thursday = "2026-03-12";
        assert_eq!(
            on("Police arrested him on Monday.", thursday).as_deref(),
            Some("2026-03-09")
        );
        assert_eq!(
            on("They met on Thursday.", thursday).as_deref(),
            Some("2026-03-12")
        );
        assert_eq!(
            on("The talks ended yesterday.", thursday).as_deref(),
            Some("2026-03-11")
        );
        assert_eq!(
            on("The strike began today.", thursday).as_deref(),
            Some("2026-03-12")
        );
        assert_eq!(on("They will meet next Monday.", thursday), None);
        assert_eq!(
            on("They will meet on Monday.", thursday).as_deref(),
            Some("2026-03-16")
        );
        assert_eq!(
            on("They will meet tomorrow.", thursday).as_deref(),
            Some("2026-03-13")
        );
    }

    #[test]
    fn each_expression_with_its_words() {
        let words = [
            "on",
            "friday",
            "after",
            "3",
            "march",
            "2024",
            "and",
            "march",
            "4",
            "yesterday",
        ];
        let published = NaiveDate::from_ymd_opt(2026, 3, 14);
        let found: Vec<(usize, usize, String)> = expressions(&words, published, |_| false)
            .into_iter()
            .map(|e| (e.first, e.last, e.date.to_string()))
            .collect();
        assert_eq!(
            found,
            [
                (1, 1, "2026-03-13".to_string()),
                (3, 5, "2024-03-03".to_string()),
                (7, 8, "2026-03-04".to_string()),
                (9, 9, "2026-03-13".to_string()),
            ]
        );
    }

    #[test]
    fn dates_with_and_without_a_year() {
        let published = "2026-03-12";
        assert_eq!(
            on("They met on March 3.", published).as_deref(),
            Some("2026-03-03")
        );
        assert_eq!(
            on("They met on 3 March 2024.", published).as_deref(),
            Some("2024-03-03")
        );
        // December, read in March, is last December.
        assert_eq!(
            on("The deal of December 20 held.", published).as_deref(),
            Some("2025-12-20")
        );
        // A month alone, or the modal `may`, is no date.
        assert_eq!(on("They may meet in Vesk.", published), None);
        assert_eq!(on("Talks resume in March.", published), None);
        // Undated articles: only a date with its year.
        assert_eq!(on("They met on Monday.", "unknown"), None);
        assert_eq!(
            on("They met on 3 March 2024.", "unknown").as_deref(),
            Some("2024-03-03")
        );
    }
}
