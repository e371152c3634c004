//! Publication and modification dates, ISO 8601.
//!
//! The declared publication dates (JSON-LD, meta tags, microdata) come first,
//! checked against what the reader sees: when the date shown in the page
//! matches another declared date (often the modification), that one is the
//! date the page gives (unless labelled as an update); when the declarations
//! are weak (a bare day, a generic `date` tag) and none is shown, the shown
//! date wins; and a time stamped in UTC whose day is not the local
//! day found elsewhere (URL, shown date, a declaration with an offset) yields
//! to the local day. Without declarations: the URL's date, the first date
//! shown outside comments and sidebars, a date in the text, the modification.

use std::sync::LazyLock;

use chrono::{Days, NaiveDate, NaiveTime};
use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html};

use super::furniture::is_furniture;
use super::jsonld;
use super::sources::Sources;
use super::stamp::{Stamp, declared, text_date, url_date};
use crate::dom::{self, any_of};

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
    "published-date",
    "published_date",
    "release_date",
    "publish_date",
    "publishdate",
    "pubdate",
    "og:pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.created",
    "originalpublicationdate",
    "date.available",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "cxenseparse:publishtime",
    "datecreated",
];

/// Meta tags that name some date of the page, not always its publication.
const GENERIC_META: &[&str] = &["dc.date", "dcterms.date", "date", "created"];

const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];

/// Microdata and RDFa publication dates in the body.
/// CSS `[itemprop~="datePublished"], [itemprop~="dateCreated"],
/// time[pubdate], [property~="article:published_time"],
/// [property~="schema:datePublished"], [property~="schema:dateCreated"]`,
/// in one pass over the element's attributes.
fn declares_published(element: &Element) -> bool {
    element.attrs().any(|(name, value)| match name {
        "itemprop" => dom::holds_any_word(value, &["datePublished", "dateCreated"]),
        "property" => dom::holds_any_word(
            value,
            &[
                "article:published_time",
                "schema:datePublished",
                "schema:dateCreated",
            ],
        ),
        "pubdate" => element.name() == "time",
        _ => false,
    })
}
/// Parts of a class name that say an element shows a date (matched as
/// written, like CSS `[class*="date"]`).
const SHOWN_CLASS_PARTS: &[&str] = &[
    "date", "Date", "time", "publish", "posted", "datum", "byline", "meta", "info", "autor",
    "author",
];

/// Whether an element shows a date: `<time>` and those whose class or id
/// says so. A plain test rather than a CSS selector list, which is slower.
fn shows_date(element: &Element) -> bool {
    element.name() == "time"
        || dom::attr(element, "id").is_some_and(|id| id.contains("date"))
        || dom::attr(element, "class").is_some_and(|class| {
            static SHOWN_CLASS: LazyLock<Regex> =
                LazyLock::new(|| any_of(SHOWN_CLASS_PARTS, false));
            SHOWN_CLASS.is_match(class)
        })
}

/// A shown date longer than this is a container's text, not a date line.
const MAX_SHOWN_LEN: usize = 400;
/// How far before a date its label is looked for, in characters.
const MAX_LABEL_LEN: usize = 40;
/// Shown dates looked at: the article's own come early in the page.
const MAX_SHOWN: usize = 12;

pub(super) fn read(
    document: &Html,
    sources: &Sources,
    url: Option<&str>,
) -> (Option<String>, Option<String>) {
    let modified = jsonld_dates(sources, &["dateModified"])
        .into_iter()
        .chain(meta_dates(sources, MODIFIED_META))
        .next();
    let shown = shown_dates(document);
    let specific: Vec<Stamp> = jsonld_dates(sources, &["datePublished", "dateCreated"])
        .into_iter()
        .chain(meta_dates(sources, PUBLISHED_META))
        .collect();
    // A day without a time, or a generic `date` tag, is a weak declaration.
    let weak = specific.first().is_none_or(|s| s.time.is_none());
    let declared: Vec<Stamp> = specific
        .into_iter()
        .chain(meta_dates(sources, GENERIC_META))
        .chain(microdata_dates(document, &shown))
        .collect();
    let url_day = url.and_then(url_date);
    let published = match declared.first() {
        Some(first) => Some(
            confirmed_by_shown(first, weak, &declared, modified.as_ref(), &shown)
                .or_else(|| local_day(first, &declared, &shown, url_day))
                .unwrap_or_else(|| first.clone()),
        ),
        None => url_day
            .map(Stamp::from)
            .or_else(|| shown.into_iter().next().map(|s| s.stamp))
            .or_else(|| body_date(document).map(Stamp::from))
            .or_else(|| modified.clone()),
    };
    (published.map(|s| s.iso()), modified.map(|s| s.iso()))
}

/// The first publication date the page declares in no form known here
/// ("soon", "Tuesday"), for a caller that wants to say why it found none.
pub(super) fn unreadable(sources: &Sources) -> Option<String> {
    jsonld_values(sources, &["datePublished"])
        .chain(meta_values(sources, PUBLISHED_META))
        .chain(meta_values(sources, GENERIC_META))
        .find(|raw| !raw.trim().is_empty() && declared(raw).is_none())
        .map(|raw| raw.trim().to_string())
}

/// When the page does not show the first declared date but shows another
/// declared one, the declaration that the reader sees.
fn confirmed_by_shown(
    first: &Stamp,
    weak: bool,
    declared: &[Stamp],
    modified: Option<&Stamp>,
    shown: &[Shown],
) -> Option<Stamp> {
    if shown.iter().any(|s| s.stamp.day == first.day) {
        return None;
    }
    let seen = shown.iter().find(|s| !s.updated)?;
    // A page that shows none of its declared dates, where the declaration is
    // weak (a bare day, a generic `date` tag), shows its own date: the
    // declaration is a template's or a republication's.
    if !shown.iter().any(|s| {
        declared
            .iter()
            .chain(modified)
            .any(|d| d.day == s.stamp.day)
    }) && weak
    {
        return Some(seen.stamp.clone());
    }
    declared
        .iter()
        .chain(modified)
        .find(|s| s.day == seen.stamp.day)
        .cloned()
}

/// A UTC time stamp near midnight is a day off for readers east or west of
/// Greenwich: the local day, when another source gives it, wins.
fn local_day(
    first: &Stamp,
    declared: &[Stamp],
    shown: &[Shown],
    url_day: Option<NaiveDate>,
) -> Option<Stamp> {
    let hour = first.utc_hour()?;
    // Midnight exactly is a bare day written as a time, not a moment.
    if first.time == NaiveTime::from_hms_opt(0, 0, 0) {
        return None;
    }
    // The article's own shown date comes first; later ones may be other articles'.
    let shown = shown.iter().find(|s| !s.updated).map(|s| &s.stamp);
    let local: Vec<Stamp> = declared
        .iter()
        .chain(shown)
        .filter(|s| s.utc_hour().is_none())
        .cloned()
        .chain(url_day.map(Stamp::from))
        .collect();
    if local.iter().any(|s| s.day == first.day) {
        return None;
    }
    // West of Greenwich the local day is the day before (UTC morning), east of it the day after.
    let before = (hour < 12)
        .then(|| first.day.checked_sub_days(Days::new(1)))
        .flatten();
    let after = (hour >= 10)
        .then(|| first.day.checked_add_days(Days::new(1)))
        .flatten();
    // Prefer a local source that has the time too.
    let mut fits: Vec<&Stamp> = local
        .iter()
        .filter(|s| Some(s.day) == before || Some(s.day) == after)
        .collect();
    fits.sort_by_key(|s| s.time.is_none());
    fits.first().map(|s| (*s).clone())
}

fn jsonld_dates(sources: &Sources, keys: &[&str]) -> Vec<Stamp> {
    jsonld_values(sources, keys).filter_map(declared).collect()
}

fn meta_dates<'a>(sources: &'a Sources, keys: &'a [&str]) -> impl Iterator<Item = Stamp> + 'a {
    meta_values(sources, keys).filter_map(declared)
}

/// The JSON-LD values under `keys`, key by key, as written.
fn jsonld_values<'a>(sources: &'a Sources, keys: &'a [&str]) -> impl Iterator<Item = &'a str> {
    keys.iter().flat_map(|k| {
        sources
            .jsonld
            .iter()
            .filter_map(|o| jsonld::text(o.get(*k)?))
    })
}

/// The first content of each meta tag of `keys`, as written.
fn meta_values<'a>(sources: &'a Sources, keys: &'a [&str]) -> impl Iterator<Item = &'a str> {
    keys.iter().filter_map(|k| sources.meta(&[k]))
}

/// Microdata publication dates outside the furniture; none when they name
/// several days, as on a page that lists other articles with theirs.
fn microdata_dates(document: &Html, shown: &[Shown]) -> Vec<Stamp> {
    let mut found: Vec<Stamp> = dom::elements(document)
        .filter(|e| declares_published(e.value()))
        // Meta tags are read with the others, in their order of precedence.
        .filter(|e| e.value().name() != "meta" && !is_furniture(*e))
        .filter_map(element_date)
        .collect();
    let Some(first) = found.first().cloned() else {
        return found;
    };
    if found.iter().any(|s| s.day != first.day) {
        // The article's own comes first, and is the first date the page shows.
        found = if shown.first().is_some_and(|s| s.stamp.day == first.day) {
            vec![first]
        } else {
            Vec::new()
        };
    }
    found
}

/// The date an element declares (`datetime`, `content`) or shows.
fn element_date(element: ElementRef) -> Option<Stamp> {
    let e = element.value();
    dom::attr(e, "datetime")
        .or_else(|| dom::attr(e, "content"))
        .and_then(declared)
        .or_else(|| text_date(&element.text().collect::<String>()).map(Stamp::from))
}

/// Nodes below a shown date at most: candidates include whole containers,
/// and a deep page would make the walk as long as its depth for each of
/// its nested candidates.
const MAX_SHOWN_NODES: usize = 200;

/// Whether an element holds at most [`MAX_SHOWN_LEN`] bytes of text in at
/// most [`MAX_SHOWN_NODES`] nodes: a date line, not a container. Stops
/// counting at either limit.
fn is_short(element: ElementRef) -> bool {
    let mut len = 0;
    for (seen, node) in element.descendants().enumerate() {
        if seen > MAX_SHOWN_NODES {
            return false;
        }
        if let Some(text) = node.value().as_text() {
            len += text.len();
            if len > MAX_SHOWN_LEN {
                return false;
            }
        }
    }
    true
}

/// A date shown in the page, and whether its label says it is an update.
struct Shown {
    stamp: Stamp,
    updated: bool,
}

/// Words that label a shown date as the last update (lowercase).
const UPDATE_WORDS: &[&str] = &[
    "update",
    "aktualisiert",
    "geändert",
    "modified",
    "mis à jour",
    "actualizado",
    "aggiornato",
    "bijgewerkt",
    "reviewed",
];

/// The dates shown in `<time>` and date-like elements outside the furniture, in page order.
fn shown_dates(document: &Html) -> Vec<Shown> {
    let mut shown: Vec<Shown> = dom::elements(document)
        .filter(|e| shows_date(e.value()))
        .filter(|e| {
            !matches!(
                e.value().name(),
                "body" | "html" | "main" | "article" | "script" | "style" | "meta" | "link"
            )
        })
        .filter(|e| is_short(*e))
        .filter(|e| !is_furniture(*e))
        .filter_map(|e| {
            let text = e.text().collect::<Vec<_>>().join(" ");
            let stamp = match e.value().name() {
                "time" => dom::attr(e.value(), "datetime")
                    .and_then(declared)
                    .or_else(|| text_date(&text).map(Stamp::from)),
                _ => text_date(&text).map(Stamp::from),
            }?;
            let updated = std::iter::once(e)
                .chain(e.parent().and_then(ElementRef::wrap))
                .any(says_updated);
            Some(Shown { stamp, updated })
        })
        .take(MAX_SHOWN)
        .collect();
    // A day labelled as an update anywhere (often only on the inner element) is one everywhere.
    let updated_days: Vec<NaiveDate> = shown
        .iter()
        .filter(|s| s.updated)
        .map(|s| s.stamp.day)
        .collect();
    for s in &mut shown {
        s.updated |= updated_days.contains(&s.stamp.day);
    }
    shown
}

/// Whether an element's short text or its class names label an update
/// (WordPress marks the publication time `published updated`: not a label).
fn says_updated(element: ElementRef) -> bool {
    let v = element.value();
    let names = [dom::attr(v, "class"), dom::attr(v, "id")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if !names.contains("publish") && (names.contains("updated") || names.contains("modified")) {
        return true;
    }
    let text = element.text().collect::<Vec<_>>().join(" ");
    // The label just precedes the date: "Updated on 4 May", not "4 May / Updated 2 hours ago".
    let before = text
        .split(|c: char| c.is_ascii_digit())
        .next()
        .unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .nth(MAX_LABEL_LEN)
        .map_or(0, |(at, _)| at);
    let label = before[start..].to_lowercase();
    UPDATE_WORDS.iter().any(|w| label.contains(w))
}

fn body_date(document: &Html) -> Option<NaiveDate> {
    let body = dom::first(document, "body")?;
    let text: String = body.text().collect::<Vec<_>>().join(" ");
    text_date(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(html: &str) -> Option<String> {
        let document = Html::parse_document(html);
        let sources = Sources::gather(&document);
        let url = super::super::site::canonical_url(&document, &sources);
        read(&document, &sources, url.as_deref()).0
    }

    #[test]
    fn shown_date_picks_between_declared_published_and_modified() {
        let html = r#"<html><head>
            <meta property="article:published_time" content="2021-03-01T09:00:00+01:00">
            <meta property="article:modified_time" content="2022-06-10T09:00:00+01:00">
            </head><body><h1>Ferry timetable changes</h1>
            <p class="date">10 June 2022</p><p>The ferry runs hourly.</p></body></html>"#;
        assert_eq!(published(html), Some("2022-06-10T09:00:00+01:00".into()));
        // A date labelled as the update is not the one the page gives as its date.
        let labelled = html.replace("<p class=\"date\">10", "<p class=\"date\">Updated 10");
        assert_eq!(
            published(&labelled),
            Some("2021-03-01T09:00:00+01:00".into())
        );
    }

    #[test]
    fn utc_stamp_yields_to_the_local_day() {
        let html = r#"<html><head>
            <link rel="canonical" href="https://example.org/2023/11/08/council-vote/">
            <meta property="article:published_time" content="2023-11-09T02:30:00+00:00">
            </head><body><h1>Council vote</h1><p>Text.</p></body></html>"#;
        assert_eq!(published(html), Some("2023-11-08".into()));
        let same_day = html.replace("02:30:00", "14:30:00");
        assert_eq!(
            published(&same_day),
            Some("2023-11-09T14:30:00+00:00".into())
        );
    }

    #[test]
    fn comment_dates_are_not_the_article_date() {
        let html = r#"<html><body><div class="comments"><time datetime="2020-01-05">5 Jan</time></div>
            <article><h1>Harbour opens</h1><p class="byline">By Ann Lee, 3 January 2020</p></article></body></html>"#;
        assert_eq!(published(html), Some("2020-01-03".into()));
    }
}
