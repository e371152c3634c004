//! Author names: from JSON-LD, meta tags, microdata, then the visible byline;
//! cleaned of "By", roles, dates, e-mails and the outlet's own name; split on
//! "and" and commas; deduplicated.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

use super::sources::{Sources, selector};
use super::{jsonld, normalise};

static REL_AUTHOR: LazyLock<Selector> = LazyLock::new(|| selector(r#"a[rel~="author"]"#));
static ITEMPROP_AUTHOR: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"[itemprop~="author"], [itemprop~="creator"]"#));
static ITEMPROP_NAME: LazyLock<Selector> = LazyLock::new(|| selector(r#"[itemprop~="name"]"#));
static BYLINE: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"[class*="byline"], [class*="author"], [class*="byl"], [class*="contributor"], [id*="byline"], [id*="author"], [class*="Author"], [class*="Byline"]"#,
    )
});

/// Words that introduce a byline, in the sets' languages (lowercase).
const PREFIXES: &[&str] = &[
    "written by",
    "posted by",
    "published by",
    "reported by",
    "story by",
    "text by",
    "by",
    "von",
    "text:",
    "text",
    "autor:",
    "autorin:",
    "author:",
    "autor",
    "autorin",
    "par",
    "por",
    "di",
    "door",
    "av",
    "af",
    "przez",
    "from",
];

/// Parts of a byline that are not a person (lowercase, whole part).
const NOT_PEOPLE: &[&str] = &[
    "staff",
    "staff writer",
    "editorial staff",
    "redaktion",
    "admin",
    "administrator",
    "editor",
    "editors",
    "the editors",
    "reuters",
    "ap",
    "afp",
    "dpa",
    "associated press",
    "guest",
    "gast",
    "anonymous",
    "unknown",
    "team",
    "newsroom",
    "correspondent",
    "kommentare",
    "comments",
];

pub(super) fn read(document: &Html, sources: &Sources, site: Option<&str>) -> Vec<String> {
    let clean = |raw: Vec<String>| tidy(raw, site);
    let mut from_jsonld = Vec::new();
    for object in sources.jsonld.iter().filter(|o| jsonld::is_article(o)) {
        for key in ["author", "creator"] {
            if let Some(v) = object.get(key) {
                jsonld::names(v, &mut from_jsonld);
            }
        }
        if !from_jsonld.is_empty() {
            break;
        }
    }
    let candidates = [
        from_jsonld,
        sources.meta_all("author").to_vec(),
        sources
            .meta_all("article:author")
            .iter()
            .chain(sources.meta_all("parsely-author"))
            .chain(sources.meta_all("sailthru.author"))
            .chain(sources.meta_all("dc.creator"))
            .chain(sources.meta_all("byl"))
            .cloned()
            .collect(),
        microdata(document),
        document.select(&REL_AUTHOR).map(text).collect(),
        visible_byline(document),
    ];
    candidates
        .into_iter()
        .map(clean)
        .find(|names| !names.is_empty())
        .unwrap_or_default()
}

fn text(element: ElementRef) -> String {
    normalise(&element.text().collect::<Vec<_>>().join(" "))
}

fn microdata(document: &Html) -> Vec<String> {
    document
        .select(&ITEMPROP_AUTHOR)
        .map(|e| {
            e.value()
                .attr("content")
                .map(str::to_string)
                .or_else(|| {
                    e.select(&ITEMPROP_NAME).next().map(|n| {
                        n.value()
                            .attr("content")
                            .map_or_else(|| text(n), str::to_string)
                    })
                })
                .unwrap_or_else(|| text(e))
        })
        .collect()
}

/// The first short element whose class or id says byline or author.
fn visible_byline(document: &Html) -> Vec<String> {
    document
        .select(&BYLINE)
        .filter(|e| {
            !matches!(
                e.value().name(),
                "body"
                    | "html"
                    | "article"
                    | "main"
                    | "section"
                    | "img"
                    | "meta"
                    | "link"
                    | "script"
                    | "style"
            )
        })
        .map(text)
        .filter(|t| !t.is_empty() && t.chars().count() <= 120)
        .take(1)
        .collect()
}

/// Clean each raw value, split it into names, drop non-names, deduplicate.
fn tidy(raw: Vec<String>, site: Option<&str>) -> Vec<String> {
    let site = site.map(str::to_lowercase);
    let mut names: Vec<String> = Vec::new();
    for value in raw {
        if value.starts_with("http://") || value.starts_with("https://") || value.starts_with('/') {
            continue;
        }
        for part in split(&value) {
            let Some(name) = person(&part) else { continue };
            let lower = name.to_lowercase();
            if site.as_deref() == Some(lower.as_str()) {
                continue;
            }
            if !names.iter().any(|n| n.to_lowercase() == lower) {
                names.push(name);
            }
        }
    }
    names
}

/// Split "A and B", "A, B", "A & B", "A und B", "A; B", "A | B".
fn split(value: &str) -> Vec<String> {
    let mut parts = vec![normalise(value)];
    for sep in [
        ";", " | ", ",", " & ", " and ", " und ", " et ", " y ", " i ", " en ", " e ", " og ",
        " och ", " oraz ",
    ] {
        parts = parts.iter().flat_map(|p| split_ci(p, sep)).collect();
    }
    parts
}

/// Split on a separator, ignoring ASCII case.
fn split_ci(text: &str, sep: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return text.split(sep).map(str::to_string).collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(at) = lower[start..].find(sep) {
        let (Some(part), true) = (
            text.get(start..start + at),
            text.is_char_boundary(start + at + sep.len()),
        ) else {
            return vec![text.to_string()];
        };
        out.push(part.to_string());
        start += at + sep.len();
    }
    out.push(text.get(start..).unwrap_or_default().to_string());
    out
}

/// The person's name in one byline part, or `None` when it is not one.
fn person(part: &str) -> Option<String> {
    let mut name = normalise(part);
    // Leading "By", "Von", ... (repeatedly: "Text: Von ...").
    loop {
        let lower = name.to_lowercase();
        let Some(prefix) = PREFIXES.iter().find(|p| {
            lower.starts_with(*p)
                && lower
                    .get(p.len()..)
                    .is_some_and(|r| r.starts_with([' ', ':']))
                || (p.ends_with(':') && lower.starts_with(*p))
        }) else {
            break;
        };
        let Some(rest) = name.get(prefix.len()..) else {
            break;
        };
        name = rest.trim_start_matches([' ', ':']).to_string();
    }
    // Trailing role or date after a dash, bracket or pipe: "Jane Roe (dpa)", "Jane Roe - Reporter".
    for cut in [" (", " - ", " – ", " — ", " /", "|", "\u{a0}"] {
        if let Some(at) = name.find(cut) {
            name.truncate(at);
        }
    }
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')')
        .to_string();
    let lower = name.to_lowercase();
    let words = name.split_whitespace().count();
    let plausible = !name.is_empty()
        && words <= 5
        && !name.contains('@')
        && !lower.contains("http")
        && !lower.contains("www.")
        && !name.chars().any(|c| c.is_ascii_digit())
        && name.chars().next().is_some_and(char::is_alphabetic)
        && !NOT_PEOPLE.contains(&lower.as_str());
    plausible.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_is_cleaned_and_split() {
        let names = tidy(
            vec!["By Mara Quill and Tobias Fenn, Staff".to_string()],
            None,
        );
        assert_eq!(names, vec!["Mara Quill", "Tobias Fenn"]);
    }

    #[test]
    fn urls_emails_dates_and_the_outlet_are_not_people() {
        let raw = vec![
            "https://example.org/people/ann".to_string(),
            "Von Lena Brandt (dpa)".to_string(),
            "news@example.org".to_string(),
            "12.03.2024".to_string(),
            "Eastport Herald".to_string(),
            "lena brandt".to_string(),
        ];
        assert_eq!(tidy(raw, Some("Eastport Herald")), vec!["Lena Brandt"]);
    }
}
