//! Article text and metadata from one web page, without the page furniture.
//!
//! Pure: takes the decoded HTML of one page, gives a [`Page`]. Reading files,
//! charsets and gzip stay in `parallax-read`; flagging promo, bio and
//! boilerplate lines inside the body stays in `parallax-clean`.
//!
//! The page is parsed once (html5ever through `scraper`, after [`prune`] cut
//! out script code, styles and comments); [`meta`] reads the
//! headline, authors, dates and site from structured data, meta tags and
//! the visible byline; [`body`] finds the article's main text.

mod body;
mod dom;
mod meta;
mod prune;

use serde::Serialize;

/// Everything extracted from one page. Absent values are `None` or empty, never guessed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Page {
    /// Canonical URL of the page, if the page names one.
    pub url: Option<String>,
    /// The on-page headline, without the site name appended to `<title>`.
    pub title: Option<String>,
    /// Person names of the authors: no "By", no "Staff", no outlet name.
    pub authors: Vec<String>,
    /// Publication date or date-time, ISO 8601.
    pub published: Option<String>,
    /// When `published` is `None`: the first publication date the page
    /// declares in a form no reader knows ("soon"), as written.
    pub unreadable_published: Option<String>,
    /// Last modification date or date-time, ISO 8601.
    pub modified: Option<String>,
    pub site_name: Option<String>,
    /// Language the page declares (BCP 47 tag as written, e.g. `en`, `de-DE`).
    pub language: Option<String>,
    pub description: Option<String>,
    /// The article body: paragraphs separated by a blank line (`"\n\n"`).
    pub text: String,
}

/// Extract the article from the HTML source of one page.
pub fn extract(html: &str) -> Page {
    extract_parsed(&parse(html))
}

/// The page parsed as extraction reads it: without script code, style
/// contents, comments and runs of whitespace between tags, which never hold
/// the article ([`prune`]).
fn parse(html: &str) -> scraper::Html {
    scraper::Html::parse_document(&prune::prune(html))
}

/// Extract the article from a page already parsed (with [`parse`], or in
/// full to check that pruning changes nothing).
fn extract_parsed(document: &scraper::Html) -> Page {
    let meta = meta::read(document);
    let text = body::read(document, &meta);
    Page {
        url: meta.url,
        title: meta.title,
        authors: meta.authors,
        published: meta.published,
        unreadable_published: meta.unreadable_published,
        modified: meta.modified,
        site_name: meta.site_name,
        language: meta.language,
        description: meta.description,
        text,
    }
}
