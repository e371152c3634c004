//! Publication and modification dates, ISO 8601.
//!
//! Declared dates first (JSON-LD, meta tags, microdata, `<time>`), then the
//! URL path, then a date written in the page's header or text (numeric forms
//! and month names in several languages, as htmldate does). A date before
//! 1995 or in the future is not a publication date.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use regex::Regex;
use scraper::{ElementRef, Html, Selector};

use super::sources::{Sources, selector};
use super::{jsonld, normalise};

/// Meta tags naming the publication date, most specific first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publication_date",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "originalpublicationdate",
    "date.available",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "date",
    "created",
];

const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];

static PUBLISHED_ELEMENT: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"[itemprop~="datePublished"], [itemprop~="dateCreated"], time[pubdate], [property~="article:published_time"]"#,
    )
});
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
/// Elements whose class or id suggests a date line.
static DATE_ELEMENT: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"time, [class*="date"], [id*="date"], [class*="Date"], [class*="time"], [class*="publish"], [class*="posted"], [class*="datum"], [class*="byline"], [class*="meta"], [class*="info"], [class*="autor"], [class*="author"]"#,
    )
});
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));

pub(super) fn read(
    document: &Html,
    sources: &Sources,
    url: Option<&str>,
) -> (Option<String>, Option<String>) {
    let modified = jsonld_date(sources, &["dateModified"]).or_else(|| {
        MODIFIED_META
            .iter()
            .find_map(|k| sources.meta(&[k]).and_then(declared))
    });
    let published = jsonld_date(sources, &["datePublished", "dateCreated"])
        .or_else(|| {
            PUBLISHED_META
                .iter()
                .find_map(|k| sources.meta(&[k]).and_then(declared))
        })
        .or_else(|| document.select(&PUBLISHED_ELEMENT).find_map(element_date))
        .or_else(|| document.select(&TIME).find_map(element_date))
        .or_else(|| url.and_then(url_date))
        .or_else(|| visible_date(document))
        .or_else(|| modified.clone());
    (published, modified)
}

fn jsonld_date(sources: &Sources, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        sources
            .jsonld
            .iter()
            .find_map(|o| jsonld::text(o.get(*k)?).and_then(declared))
    })
}

/// The date an element declares (`datetime`, `content`) or shows.
fn element_date(element: ElementRef) -> Option<String> {
    let e = element.value();
    e.attr("datetime")
        .or_else(|| e.attr("content"))
        .and_then(declared)
        .or_else(|| text_date(&element.text().collect::<String>()))
}

/// A declared, machine-readable date: ISO 8601, RFC 2822 or a written date.
/// Date-times are kept whole (RFC 3339); anything else becomes the day.
fn declared(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(raw) {
        return plausible(dt.date_naive()).then(|| dt.to_rfc3339());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(raw) {
        return plausible(dt.date_naive()).then(|| dt.to_rfc3339());
    }
    text_date(raw)
}

fn url_date(url: &str) -> Option<String> {
    static PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})[/_-]([01]?\d)[/_-]([0-3]?\d)(?:[/_.-]|$)")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let c = PATH.captures(url)?;
    day(&c[1], &c[2], &c[3])
}

/// The first date written in an element that looks like a date line, else in the body text.
fn visible_date(document: &Html) -> Option<String> {
    document
        .select(&DATE_ELEMENT)
        .filter(|e| {
            !matches!(
                e.value().name(),
                "body" | "html" | "main" | "article" | "script" | "style"
            )
        })
        .map(|e| e.text().collect::<String>())
        .filter(|t| t.len() <= 400)
        .find_map(|t| text_date(&t))
        .or_else(|| {
            let body = document.select(&BODY).next()?;
            let text: String = body.text().collect::<Vec<_>>().join(" ");
            text_date(&text)
        })
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
];

fn month(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == name).map(|(_, n)| *n)
}

/// The first plausible date written in `text`, as YYYY-MM-DD.
fn text_date(text: &str) -> Option<String> {
    static PATTERNS: LazyLock<Vec<(Regex, [usize; 3])>> = LazyLock::new(|| {
        // Capture order: the indices of year, month, day in each pattern.
        let word = r"(\p{L}{3,12}\.?)";
        [
            (r"\b((?:19|20)\d{2})[-/.]([01]?\d)[-/.]([0-3]?\d)\b".to_string(), [1, 2, 3]),
            (r"\b([0-3]?\d)\.\s?([01]?\d)\.\s?((?:19|20)\d{2})\b".to_string(), [3, 2, 1]),
            (r"\b([0-3]?\d)[-/]([01]?\d)[-/]((?:19|20)\d{2})\b".to_string(), [3, 2, 1]),
            (format!(r"\b([0-3]?\d)(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?{word},?\s+(?:de\s+)?((?:19|20)\d{{2}})\b"), [3, 2, 1]),
            (format!(r"{word}\s+([0-3]?\d)(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b"), [3, 1, 2]),
        ]
        .into_iter()
        .map(|(p, order)| (Regex::new(&format!("(?i){p}")).unwrap_or_else(|e| panic!("{e}")), order))
        .collect()
    });
    let text = normalise(text);
    // The earliest match in the text wins, whatever its pattern.
    let mut best: Option<(usize, String)> = None;
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

/// A plausible calendar day from its parts, as YYYY-MM-DD.
fn day(year: &str, month: &str, day: &str) -> Option<String> {
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    plausible(date).then(|| date.format("%Y-%m-%d").to_string())
}

/// Not before the web's news pages (1995) and not in the future.
fn plausible(date: NaiveDate) -> bool {
    date.year() >= 1995 && date <= Utc::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates_in_several_languages() {
        assert_eq!(
            text_date("Veröffentlicht am 3. März 2021, 14:00"),
            Some("2021-03-03".into())
        );
        assert_eq!(
            text_date("Posted on March 4th, 2019 by Ann"),
            Some("2019-03-04".into())
        );
        assert_eq!(text_date("le 12 décembre 2018"), Some("2018-12-12".into()));
        assert_eq!(text_date("Stand: 05.11.2020"), Some("2020-11-05".into()));
        assert_eq!(text_date("2017/06/30"), Some("2017-06-30".into()));
        assert_eq!(text_date("no date here, 1990-01-01 is too old"), None);
    }

    #[test]
    fn declared_dates_keep_the_time_and_reject_the_future() {
        assert_eq!(
            declared("2022-08-09T10:11:12+02:00"),
            Some("2022-08-09T10:11:12+02:00".into())
        );
        assert_eq!(declared("2999-01-01"), None);
        assert_eq!(
            url_date("https://example.org/2016/05/07/ferry-returns"),
            Some("2016-05-07".into())
        );
    }
}
