//! Saved article pages: the article body and metadata come from
//! `parallax-extract` (one parse of the page). What is added here: the
//! language tag normalised, the publication date as a time, and a warning
//! when the page declares a publication date that does not parse.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use scraper::{Html, Selector};

use serde_json::Value;

use crate::date;
use crate::draft::Draft;
use crate::lang;

/// Compile one of this file's selector literals. They are constants checked by
/// every test that parses a page, never derived from input.
fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selector literals in html.rs are valid CSS")
}

static PUBLISHED_META: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"], meta[name="date"], meta[name="pubdate"], meta[name="publish-date"], meta[name="dc.date"]"#,
    )
});
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));

/// Parse a decoded HTML page. Returns the draft (its text may be empty when the
/// page has no article text) and messages about unusable values.
pub(crate) fn parse(source: &str, id: &str) -> (Draft, Vec<String>) {
    let page = parallax_extract::parse(source);
    let extracted = parallax_extract::extract_parsed(&page);
    let mut warnings = Vec::new();
    let published = match extracted
        .published
        .as_deref()
        .and_then(date::parse_published)
    {
        Some(time) => Some(time),
        None => published(&page, &json_ld_blocks(&page), &mut warnings),
    };
    let draft = Draft {
        id: id.to_string(),
        title: extracted.title.filter(|t| !t.is_empty()),
        source: extracted.site_name,
        url: extracted.url,
        published,
        language: extracted.language.as_deref().and_then(lang::normalise_tag),
        text: extracted.text,
    };
    (draft, warnings)
}

/// The first parseable of: `article:published_time` and similar `<meta>`s,
/// `<time datetime>`, JSON-LD `datePublished`.
/// When values exist but none parses, one warning names the first.
fn published(page: &Html, json_ld: &[Value], warnings: &mut Vec<String>) -> Option<DateTime<Utc>> {
    let metas = page
        .select(&PUBLISHED_META)
        .filter_map(|e| e.attr("content"));
    let page_times = page.select(&TIME).filter_map(|e| e.attr("datetime"));
    let ld = json_ld
        .iter()
        .filter_map(|v| find_key(v, "datePublished")?.as_str());
    let mut first_bad = None;
    for value in metas.chain(page_times).chain(ld) {
        if value.trim().is_empty() {
            continue;
        }
        if let Some(time) = date::parse_published(value) {
            return Some(time);
        }
        first_bad.get_or_insert(value);
    }
    if let Some(bad) = first_bad {
        warnings.push(format!("unrecognised publication date {:?}", bad.trim()));
    }
    None
}

/// Every JSON-LD block that parses.
fn json_ld_blocks(page: &Html) -> Vec<Value> {
    page.select(&JSON_LD)
        .filter_map(|script| serde_json::from_str(&script.text().collect::<String>()).ok())
        .collect()
}

/// Depth-first search for the first value under `key` (JSON-LD nests the
/// article in `@graph` arrays). serde_json's recursion limit bounds the depth.
fn find_key<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    match value {
        Value::Object(map) => map
            .get(key)
            .or_else(|| map.values().find_map(|v| find_key(v, key))),
        Value::Array(items) => items.iter().find_map(|v| find_key(v, key)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en-GB"><head>
<title>Ferry services cut as storm nears | Fjord Times</title>
<meta property="og:site_name" content="Fjord Times">
<link rel="canonical" href="https://fjord.example/ferries">
<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2026-02-03T09:15:00+01:00"}]}</script>
</head><body>
<div class="cookie" role="dialog"><p>We use cookies.</p></div>
<article>
  <header><h1>Ferry services cut</h1><p class="byline">By Ola Strand</p></header>
  <p>Ferry   operators cancelled
     <a href="/x">twelve crossings</a> on Tuesday.</p>
  <figure><img src="a.jpg"><figcaption><p>A ferry in port.</p></figcaption></figure>
  <p> </p>
  <div><p>Passengers were told to travel<br>by rail &amp; bus.</p></div>
  <aside><p>Related: bridge closed</p></aside>
  <form><p>Sign up for alerts</p></form>
  <footer><p>Ola Strand covers transport.</p></footer>
</article>
<footer><p>© Fjord Times</p></footer>
</body></html>"#;

    #[test]
    fn article_text_without_furniture() {
        let (draft, warnings) = parse(PAGE, "ferries");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            draft.text,
            "Ferry operators cancelled twelve crossings on Tuesday.\n\nPassengers were told to travel by rail & bus."
        );
    }

    #[test]
    fn metadata_with_title_suffix_stripped() {
        let (draft, _) = parse(PAGE, "ferries");
        // The on-page headline from the extractor, not `<title>`.
        assert_eq!(draft.title.as_deref(), Some("Ferry services cut"));
        assert_eq!(draft.source.as_deref(), Some("Fjord Times"));
        assert_eq!(draft.url.as_deref(), Some("https://fjord.example/ferries"));
        assert_eq!(draft.language.as_deref(), Some("en"));
        assert_eq!(
            draft.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-02-03T08:15:00+00:00")
        );
    }

    #[test]
    fn bad_date_is_reported() {
        let page = r#"<head><meta property="article:published_time" content="soon"></head><body><p>Text.</p></body>"#;
        let (draft, warnings) = parse(page, "d");
        assert_eq!(draft.published, None);
        assert_eq!(
            warnings,
            vec!["unrecognised publication date \"soon\"".to_string()]
        );
    }

    #[test]
    fn page_without_paragraphs_has_no_text() {
        let (draft, _) = parse("<html><body><div>Just a div</div></body></html>", "e");
        assert_eq!(draft.text, "");
    }
}
