//! Saved article pages: the article body and metadata come from
//! `parallax-extract` (one parse of the page). What that does not provide yet
//! is read here from the `<head>`: `og:`/`<title>` headline, site name,
//! canonical URL, `lang`, and the publication date (with a warning when the
//! page gives one that does not parse).

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use scraper::{ElementRef, Html, Node, Selector};

use serde_json::Value;

use crate::date;
use crate::draft::Draft;
use crate::lang;
use crate::paragraphs;

/// Elements whose text content is never prose.
const NON_TEXT: &[&str] = &["script", "style", "noscript", "template"];

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · "];

/// Compile one of this file's selector literals. They are constants checked by
/// every test that parses a page, never derived from input.
fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selector literals in html.rs are valid CSS")
}

static OG_TITLE: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"meta[property="og:title"], meta[name="og:title"]"#));
static TWITTER_TITLE: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"meta[name="twitter:title"]"#));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static SITE_NAME: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"meta[property="og:site_name"], meta[name="og:site_name"], meta[name="application-name"]"#,
    )
});
static OG_URL: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"meta[property="og:url"], meta[name="og:url"]"#));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel="canonical"]"#));
static PUBLISHED_META: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"], meta[name="date"], meta[name="pubdate"], meta[name="publish-date"], meta[name="dc.date"]"#,
    )
});
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static HTML_LANG: LazyLock<Selector> = LazyLock::new(|| selector("html[lang]"));

/// Parse a decoded HTML page. Returns the draft (its text may be empty when the
/// page has no article text) and messages about unusable values.
pub(crate) fn parse(source: &str, id: &str) -> (Draft, Vec<String>) {
    let page = parallax_extract::parse(source);
    let extracted = parallax_extract::extract_parsed(&page);
    let mut warnings = Vec::new();
    let json_ld = json_ld_blocks(&page);

    let source_name = extracted
        .site_name
        .or_else(|| first_content(&page, &SITE_NAME))
        .or_else(|| {
            json_ld
                .iter()
                .find_map(|v| find_key(v, "publisher").and_then(|p| p.get("name")?.as_str()))
                .map(str::to_string)
        });
    let title = extracted
        .title
        .or_else(|| first_content(&page, &OG_TITLE))
        .or_else(|| first_content(&page, &TWITTER_TITLE))
        .or_else(|| page_title(&page, source_name.as_deref()))
        .or_else(|| page.select(&H1).next().map(element_text));
    let url = extracted
        .url
        .or_else(|| first_content(&page, &OG_URL))
        .or_else(|| first_attr(&page, &CANONICAL, "href"));
    let language = extracted
        .language
        .as_deref()
        .and_then(lang::normalise_tag)
        .or_else(|| {
            page.select(&HTML_LANG)
                .next()
                .and_then(|html| html.attr("lang"))
                .and_then(lang::normalise_tag)
        });
    let published = match extracted
        .published
        .as_deref()
        .and_then(date::parse_published)
    {
        Some(time) => Some(time),
        None => published(&page, &json_ld, &mut warnings),
    };

    let draft = Draft {
        id: id.to_string(),
        title: title.filter(|t| !t.is_empty()),
        source: source_name,
        url,
        published,
        language,
        text: extracted.text,
    };
    (draft, warnings)
}

/// The text of an element: its text nodes in order, `<br>` as a space,
/// scripts and styles left out.
fn element_text(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in element.descendants() {
        match node.value() {
            Node::Text(text) => {
                let in_non_text = node
                    .parent()
                    .and_then(|p| p.value().as_element().map(|e| NON_TEXT.contains(&e.name())))
                    .unwrap_or(false);
                if !in_non_text {
                    out.push_str(text);
                }
            }
            Node::Element(e) if e.name() == "br" => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The `content` of the first matching `<meta>` that has a non-blank one.
fn first_content(page: &Html, selector: &Selector) -> Option<String> {
    first_attr(page, selector, "content")
}

fn first_attr(page: &Html, selector: &Selector, attr: &str) -> Option<String> {
    page.select(selector)
        .filter_map(|e| e.attr(attr))
        .map(paragraphs::collapse_whitespace)
        .find(|v| !v.is_empty())
}

/// `<title>`, without a trailing ` | Site` when it names the site.
fn page_title(page: &Html, site: Option<&str>) -> Option<String> {
    let title = paragraphs::collapse_whitespace(&element_text(page.select(&TITLE).next()?));
    let stripped = site.and_then(|site| strip_site_suffix(&title, site));
    Some(stripped.unwrap_or(&title).to_string()).filter(|t| !t.is_empty())
}

fn strip_site_suffix<'a>(title: &'a str, site: &str) -> Option<&'a str> {
    TITLE_SEPARATORS.iter().find_map(|sep| {
        let (head, tail) = title.rsplit_once(sep)?;
        (tail.trim().eq_ignore_ascii_case(site.trim()) && !head.trim().is_empty())
            .then(|| head.trim())
    })
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
    fn title_suffix_kept_when_not_the_site_name() {
        assert_eq!(strip_site_suffix("Budget - a guide", "Fjord Times"), None);
        assert_eq!(
            strip_site_suffix("Budget — Fjord Times", "fjord times"),
            Some("Budget")
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
