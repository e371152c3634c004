//! Article text and metadata from one web page, without the page furniture.
//!
//! Pure: takes the decoded HTML of one page, gives a [`Page`]. Reading files,
//! charsets and gzip stay in `parallax-read`; flagging promo, bio and
//! boilerplate lines inside the body stays in `parallax-clean`.
//!
//! The page is parsed once (html5ever through `scraper`, after [`prune`] cut
//! out script code, styles and comments, with nesting held to
//! [`MAX_DEPTH`] by [`parse`]); [`meta`] reads the
//! headline, authors, dates and site from structured data, meta tags and
//! the visible byline; [`body`] finds the article's main text.

mod body;
mod dom;
mod meta;
mod parse;
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
/// the article ([`prune`]), and with the tree builder's work held to a
/// bound per tag ([`parse`]: elements nested deeper than
/// [`MAX_DEPTH`] are flattened into the one at that depth).
fn parse(html: &str) -> scraper::Html {
    parse::parse_document(&prune::prune(html))
}

/// How deep elements nest at most in the parsed page (open elements and
/// active formatting elements of the HTML tree builder, counted together):
/// the start tags of deeper ones are left out, and what they hold goes to
/// the element at this depth. Real pages stay under 60. Nesting cost
/// html5ever the square of the depth (issue #16); see `parse.rs` for this
/// limit and the one on reopened formatting elements.
pub const MAX_DEPTH: usize = parse::MAX_OPEN;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The depth of the deepest node of the tree and its number of nodes.
    fn shape(document: &scraper::Html) -> (usize, usize) {
        let (mut depth, mut deepest) = (0usize, 0);
        for edge in document.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(_) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                ego_tree::iter::Edge::Close(_) => depth -= 1,
            }
        }
        (deepest, document.tree.nodes().len())
    }

    // Issue #16: html5ever scans its open elements on every block tag, so
    // nesting cost the square of the depth (100,000 `<div>`s: 15 s).
    #[test]
    fn nesting_is_held_to_the_maximum_depth() {
        let depth = 50_000;
        let page = format!(
            "<html><head><title>Deep</title></head><body>{}<p>The council approved the budget.</p>{}</body></html>",
            "<div class=a>".repeat(depth),
            "</div>".repeat(depth)
        );
        let document = parse(&page);
        let (deepest, nodes) = shape(&document);
        assert!(deepest <= MAX_DEPTH + 100, "{deepest}");
        assert!(nodes < MAX_DEPTH + 100, "{nodes}");
        assert_eq!(
            extract_parsed(&document).text,
            "The council approved the budget."
        );
    }

    // Issue #16: paragraphs that end inside formatting elements with
    // distinct attributes made the tree builder reopen all of them in each
    // later paragraph: a number of elements in the square of the page's.
    #[test]
    fn reopened_formatting_elements_are_bounded_by_the_page() {
        let page: String = (0..2000).map(|i| format!("<p><b id={i}>x</p>")).collect();
        let (_, nodes) = shape(&parse(&page));
        assert!(nodes < page.len() + 20_000, "{nodes} nodes");
    }
}
