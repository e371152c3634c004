//! What tags, attributes, class names and ids say about an element: page
//! furniture to skip, hidden content, and how likely it is to hold the article.

use scraper::node::Element;

/// How one element takes part in the text flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Never text, or page furniture: the whole subtree is left out.
    Skip,
    /// Starts a new paragraph (its text is not run together with the text around it).
    Block,
    /// A line break: ends the current paragraph.
    Break,
    /// Inline markup: its text runs on in the surrounding paragraph.
    Inline,
}

/// Subtrees that are never article prose. A `<figure>` is walked (some
/// sites put tables and code in one) but its caption is not.
const NEVER_TEXT_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "figcaption",
    "button",
    "select",
    "textarea",
    "input",
    "label",
    "head",
    "title",
    "meta",
    "link",
];

/// Page furniture by tag. Skipped by the strict walk only: broken pages leave
/// a `<form>` (ASP.NET), an `<aside>` or a `<nav>` unclosed around the whole
/// article, and the loose walk must still find it.
const FURNITURE_TAGS: &[&str] = &["nav", "aside", "form", "dialog", "menu"];

/// Elements that start a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "address",
    "center",
    "details",
    "summary",
    "fieldset",
    "hgroup",
    "body",
    "html",
    "hr",
    "header",
    "footer",
];

/// ARIA roles of furniture when sites use `<div role=...>`.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "search",
    "toolbar",
    "tablist",
];

/// Class or id words (split at `-`, `_` and spaces, lower-cased) of furniture:
/// comments, share bars, related links, banners, sign-up and paywall boxes.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "paywall",
    "subscribe",
    "subscription",
    "promo",
    "sponsor",
    "sponsored",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "popup",
    "modal",
    "pagination",
    "pager",
    "widget",
    "recommended",
    "tags",
    "tagcloud",
    "byline",
    "caption",
    "login",
    "signup",
    "toolbar",
    "disqus",
    "outbrain",
    "taboola",
    "masthead",
    "meta",
    "print",
    "skip",
    "teaser",
    "teasers",
    "rating",
    "author",
    "bio",
];

/// Distinctive furniture fragments found inside longer class names
/// (`socialshare`, `relatedposts`, `commentlist`).
const FURNITURE_FRAGMENTS: &[&str] = &[
    "comment",
    "kommentar",
    "disqus",
    "sidebar",
    "breadcrumb",
    "newsletter",
    "cookie",
    "share",
    "related",
    "paywall",
    "advert",
    "sponsor",
    "footer",
    "social",
    "subscribe",
];

/// Class or id words of containers that usually hold the article.
const ARTICLE_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "hentry",
    "blog",
    "page",
    "storybody",
    "postbody",
    "entrycontent",
    "richtext",
];

/// Tags whose subtree is kept even when their class names look like furniture:
/// the page itself and the semantic article containers.
const NEVER_SKIPPED_BY_CLASS: &[&str] = &["html", "body", "main", "article"];

/// The part an element plays. `strict` turns the furniture heuristics on
/// (by tag, ARIA role, class and id); without them only what is never text
/// and what is hidden is skipped.
pub(crate) fn role(element: &Element, strict: bool) -> Role {
    let name = element.name();
    if NEVER_TEXT_TAGS.contains(&name) || is_hidden(element) {
        return Role::Skip;
    }
    if strict && FURNITURE_TAGS.contains(&name) {
        return Role::Skip;
    }
    if strict
        && element
            .attr("role")
            .is_some_and(|r| SKIPPED_ROLES.contains(&r.trim()))
    {
        return Role::Skip;
    }
    if strict
        && !NEVER_SKIPPED_BY_CLASS.contains(&name)
        && element.attr("itemprop") != Some("articleBody")
        && looks_like_furniture(element)
    {
        return Role::Skip;
    }
    if name == "br" {
        Role::Break
    } else if BLOCK_TAGS.contains(&name) {
        Role::Block
    } else {
        Role::Inline
    }
}

/// `hidden`, `aria-hidden="true"` or an inline `display:none` / `visibility:hidden`.
fn is_hidden(element: &Element) -> bool {
    if element.attr("aria-hidden") == Some("true") {
        return true;
    }
    // React streams server-rendered content into `<div hidden id="S:0">` and
    // moves it into place with a script: it is the page, not hidden text.
    if element.attr("hidden").is_some() && !element.id().is_some_and(|id| id.starts_with("S:")) {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

fn looks_like_furniture(element: &Element) -> bool {
    let mut furniture = false;
    let mut article = false;
    for_each_word(element, |word| {
        furniture |= FURNITURE_WORDS.contains(&word);
        article |= ARTICLE_WORDS.contains(&word);
    });
    if article {
        return false;
    }
    furniture || names(element).any(|n| FURNITURE_FRAGMENTS.iter().any(|f| contains_ci(n, f)))
}

/// Readability's class weight: positive for article-like names, negative for
/// furniture-like ones.
pub(crate) fn class_weight(element: &Element) -> f32 {
    let mut weight = 0.0;
    let (mut article, mut furniture) = (false, false);
    for_each_word(element, |word| {
        article |= ARTICLE_WORDS.contains(&word);
        furniture |= FURNITURE_WORDS.contains(&word);
    });
    if article {
        weight += 25.0;
    }
    if furniture {
        weight -= 25.0;
    }
    if element.attr("itemprop") == Some("articleBody") {
        weight += 50.0;
    }
    weight
}

/// Readability's starting score for a tag.
pub(crate) fn tag_weight(name: &str) -> f32 {
    match name {
        "article" => 10.0,
        "div" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn names(element: &Element) -> impl Iterator<Item = &str> {
    element.attr("class").into_iter().chain(element.attr("id"))
}

/// Calls `f` with every lower-cased word of the class and id attributes.
fn for_each_word(element: &Element, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for name in names(element) {
        for c in name.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            } else if !word.is_empty() {
                f(&word);
                word.clear();
            }
        }
    }
}

/// ASCII case-insensitive substring test (class names are ASCII in practice).
fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}
