//! What tags, attributes, class names and ids say about an element: page
//! furniture to skip, hidden content, and how likely it is to hold the article.

use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;

use crate::dom::any_of;

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

/// What an element's tag and attributes say about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hints {
    pub role: Role,
    /// Readability's class weight: positive for article-like class and id
    /// names, negative for furniture-like ones (0 for skipped elements).
    pub class_weight: f32,
}

/// The attributes the hints read, found in one pass over the element's.
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    hidden: bool,
    style: Option<&'a str>,
}

impl<'a> Attrs<'a> {
    fn of(element: &'a Element) -> Self {
        let mut attrs = Attrs::default();
        for (name, value) in &element.attrs {
            if !name.ns.is_empty() {
                continue;
            }
            let value = Some(&**value);
            match &*name.local {
                "class" => attrs.class = value,
                "id" => attrs.id = value,
                "role" => attrs.role = value,
                "itemprop" => attrs.itemprop = value,
                "aria-hidden" => attrs.aria_hidden = value,
                "hidden" => attrs.hidden = true,
                "style" => attrs.style = value,
                _ => {}
            }
        }
        attrs
    }

    fn names(&self) -> impl Iterator<Item = &'a str> {
        self.class.into_iter().chain(self.id)
    }
}

/// The part an element plays, and its class weight. `strict` turns the
/// furniture heuristics on (by tag, ARIA role, class and id); without them
/// only what is never text and what is hidden is skipped.
pub(crate) fn read(element: &Element, strict: bool) -> Hints {
    let skip = Hints {
        role: Role::Skip,
        class_weight: 0.0,
    };
    let name = element.name();
    let attrs = Attrs::of(element);
    if NEVER_TEXT_TAGS.contains(&name) || is_hidden(&attrs) {
        return skip;
    }
    if strict && FURNITURE_TAGS.contains(&name) {
        return skip;
    }
    if strict
        && attrs
            .role
            .is_some_and(|r| SKIPPED_ROLES.contains(&r.trim()))
    {
        return skip;
    }
    let words = Words::of(&attrs);
    let article_body = attrs.itemprop == Some("articleBody");
    if strict
        && !NEVER_SKIPPED_BY_CLASS.contains(&name)
        && !article_body
        && !words.article
        && (words.furniture || attrs.names().any(|n| FURNITURE_FRAGMENT.is_match(n)))
    {
        return skip;
    }
    let role = if name == "br" {
        Role::Break
    } else if BLOCK_TAGS.contains(&name) {
        Role::Block
    } else {
        Role::Inline
    };
    let mut class_weight = 0.0;
    if words.article {
        class_weight += 25.0;
    }
    if words.furniture {
        class_weight -= 25.0;
    }
    if article_body {
        class_weight += 50.0;
    }
    Hints { role, class_weight }
}

/// Distinctive furniture fragments inside longer class names, as one matcher.
static FURNITURE_FRAGMENT: LazyLock<Regex> = LazyLock::new(|| any_of(FURNITURE_FRAGMENTS, true));

/// `hidden`, `aria-hidden="true"` or an inline `display:none` / `visibility:hidden`.
fn is_hidden(attrs: &Attrs) -> bool {
    if attrs.aria_hidden == Some("true") {
        return true;
    }
    // React streams server-rendered content into `<div hidden id="S:0">` and
    // moves it into place with a script: it is the page, not hidden text.
    if attrs.hidden && !attrs.id.is_some_and(|id| id.starts_with("S:")) {
        return true;
    }
    attrs.style.is_some_and(|style| {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

/// Whether the class and id words (split at anything but letters and
/// digits, lower-cased) name an article container or furniture.
#[derive(Default)]
struct Words {
    article: bool,
    furniture: bool,
}

impl Words {
    fn of(attrs: &Attrs) -> Self {
        let mut words = Words::default();
        let mut word = String::new();
        for name in attrs.names() {
            for c in name.chars().chain(std::iter::once(' ')) {
                if c.is_ascii_alphanumeric() {
                    word.push(c.to_ascii_lowercase());
                } else if !c.is_ascii() && c.is_alphanumeric() {
                    word.extend(c.to_lowercase());
                } else if !word.is_empty() {
                    words.article |= ARTICLE_WORDS.contains(&word.as_str());
                    words.furniture |= FURNITURE_WORDS.contains(&word.as_str());
                    word.clear();
                }
            }
        }
        words
    }
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
