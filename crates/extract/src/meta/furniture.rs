//! Whether an element sits in the page's furniture (comments, sidebars,
//! related-article lists, footers): dates and bylines found there belong to
//! other texts than the article.

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use crate::dom::{self, any_of};

/// Class or id fragments (lowercase) of containers that hold other texts.
const FURNITURE_WORDS: &[&str] = &[
    "comment",
    "related",
    "sidebar",
    "teaser",
    "recommend",
    "popular",
    "most-read",
    "mostread",
    "most-viewed",
    "mostviewed",
    "more-",
    "similar",
    "reply",
    "respond",
    "discussion",
    // The site's top bar, which often shows today's date.
    "top-bar",
    "topbar",
    "top-menu",
    "header-top",
    "site-header",
    "masthead",
    "navbar",
    "weather",
];

/// How many ancestors are looked at: furniture wraps its items closely.
const MAX_DEPTH: usize = 12;

pub(super) fn is_furniture(element: ElementRef) -> bool {
    let chain = || std::iter::once(element).chain(element.ancestors().filter_map(ElementRef::wrap));
    // An article's own footer holds its byline and date; the page's footer
    // does not. Looked up only for a header or footer: the whole chain is as
    // long as the page is deep.
    let in_article = std::cell::OnceCell::new();
    // `<body>` and `<html>` classes describe the page ("has-sidebar"), not a container.
    chain()
        .take(MAX_DEPTH)
        .filter(|e| !matches!(e.value().name(), "body" | "html"))
        .any(|e| {
            let v = e.value();
            if matches!(v.name(), "aside" | "nav")
                || (matches!(v.name(), "footer" | "header")
                    && !*in_article.get_or_init(|| chain().any(|e| e.value().name() == "article"))
                    && !is_articles(&e))
            {
                return true;
            }
            [dom::attr(v, "class"), dom::attr(v, "id")]
                .into_iter()
                .flatten()
                .any(|names| {
                    static FURNITURE: LazyLock<Regex> =
                        LazyLock::new(|| any_of(FURNITURE_WORDS, true));
                    FURNITURE.is_match(names)
                })
        })
}

/// Whether a header or footer outside `<article>` says it is the article's own.
fn is_articles(element: &ElementRef) -> bool {
    let v = element.value();
    [dom::attr(v, "class"), dom::attr(v, "id")]
        .into_iter()
        .flatten()
        .any(|names| {
            static ARTICLES: LazyLock<Regex> =
                LazyLock::new(|| any_of(&["article", "entry", "post", "story", "content"], true));
            ARTICLES.is_match(names)
        })
}
