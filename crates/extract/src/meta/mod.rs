//! Page metadata: headline, authors, dates, site name, language, description, canonical URL.
//!
//! Every field is read from the page's own declarations first (JSON-LD, meta
//! tags, microdata), then from what the reader sees (the `<h1>`, the byline,
//! a date in the article header), and checked against the others where they
//! can disagree: one default configuration, no per-site rules.

mod authors;
mod dates;
mod furniture;
mod jsonld;
mod site;
mod sources;
mod stamp;
mod title;

use scraper::Html;

use sources::Sources;

/// Metadata of one page, before the body is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub url: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    /// When no publication date was found: the first one the page declares
    /// in a form no reader knows, as written.
    pub unreadable_published: Option<String>,
    pub modified: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
}

/// Read the metadata of a parsed page.
pub fn read(document: &Html) -> Meta {
    let sources = Sources::gather(document);
    let site_name = site::name(&sources);
    let url = site::canonical_url(document, &sources);
    let title = title::read(document, &sources, site_name.as_deref(), url.as_deref());
    let authors = authors::read(document, &sources, site_name.as_deref());
    let (published, modified) = dates::read(document, &sources, url.as_deref());
    let unreadable_published = published
        .is_none()
        .then(|| dates::unreadable(&sources))
        .flatten();
    Meta {
        title,
        authors,
        published,
        unreadable_published,
        modified,
        language: site::language(document, &sources),
        description: site::description(&sources),
        site_name,
        url,
    }
}

/// Whitespace runs collapsed to one space, ends trimmed.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The normalised text, or `None` when it is empty.
fn non_empty(text: &str) -> Option<String> {
    let text = normalise(text);
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(head: &str) -> Meta {
        read(&Html::parse_document(&format!(
            "<html><head>{head}</head><body><p>Text.</p></body></html>"
        )))
    }

    #[test]
    fn an_unreadable_declared_date_is_kept_only_when_no_date_is_found() {
        let unreadable = meta(r#"<meta property="article:published_time" content=" soon ">"#);
        assert_eq!(unreadable.published, None);
        assert_eq!(unreadable.unreadable_published.as_deref(), Some("soon"));

        // The URL still gives the day: nothing to report.
        let dated = meta(
            r#"<meta property="article:published_time" content="soon">
            <link rel="canonical" href="https://news.example/2026/03/13/ferry">"#,
        );
        assert_eq!(dated.published.as_deref(), Some("2026-03-13"));
        assert_eq!(dated.unreadable_published, None);
    }
}
