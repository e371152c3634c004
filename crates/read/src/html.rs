//! Saved article pages: the article body and metadata come from
//! `parallax-extract`. What is added here: the language tag normalised, the
//! publication date as a time, and a warning when the page declares a
//! publication date that does not parse.

use crate::date;
use crate::draft::Draft;
use crate::lang;

/// Parse a decoded HTML page. Returns the draft (its text may be empty when the
/// page has no article text) and messages about unusable values.
pub(crate) fn parse(source: &str, id: &str) -> (Draft, Vec<String>) {
    let extracted = parallax_extract::extract(source);
    let mut warnings = Vec::new();
    // The extractor writes ISO 8601, which always parses.
    let published = extracted
        .published
        .as_deref()
        .and_then(date::parse_published);
    if let Some(bad) = &extracted.unreadable_published {
        warnings.push(format!("unrecognised publication date {bad:?}"));
    }
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
