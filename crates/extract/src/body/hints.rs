//! What tags, attributes, class names and ids say about an element: page
//! furniture to skip, hidden content, and how likely it is to hold the article.

use std::collections::HashMap;
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

/// What a tag says about its element's part in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// Never article prose: the subtree is skipped. A `<figure>` is walked
    /// (some sites put tables and code in one) but its caption is not.
    NeverText,
    /// Page furniture, skipped by the strict walk only: broken pages leave a
    /// `<form>` (ASP.NET), an `<aside>` or a `<nav>` unclosed around the
    /// whole article, and the loose walk must still find it.
    Furniture,
    /// The page itself and the semantic article containers: blocks whose
    /// subtree is kept even when their class names look like furniture.
    Container,
    /// Starts a new paragraph.
    Block,
    Break,
    Inline,
}

/// One `match` instead of a search through several tag lists: this runs on
/// every element of every page.
fn tag(name: &str) -> Tag {
    match name {
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
        | "embed" | "canvas" | "video" | "audio" | "figcaption" | "button" | "select"
        | "textarea" | "input" | "label" | "head" | "title" | "meta" | "link" => Tag::NeverText,
        "nav" | "aside" | "form" | "dialog" | "menu" => Tag::Furniture,
        "html" | "body" | "main" | "article" => Tag::Container,
        "p" | "div" | "section" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "blockquote"
        | "pre" | "table" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th" | "caption" | "h1"
        | "h2" | "h3" | "h4" | "h5" | "h6" | "address" | "center" | "details" | "summary"
        | "fieldset" | "hgroup" | "hr" | "header" | "footer" => Tag::Block,
        "br" => Tag::Break,
        _ => Tag::Inline,
    }
}

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

/// What one class or id word (lower-cased) says. A `match` rather than a
/// search through word lists: Tailwind-style pages carry a dozen words on
/// most elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// Comments, share bars, related links, banners, sign-up and paywall boxes.
    Furniture,
    /// Containers that usually hold the article.
    Article,
    Other,
}

fn word(word: &str) -> Word {
    match word {
        "nav" | "navbar" | "navigation" | "menu" | "footer" | "sidebar" | "breadcrumb"
        | "breadcrumbs" | "comment" | "comments" | "share" | "sharing" | "social" | "related"
        | "newsletter" | "cookie" | "cookies" | "consent" | "gdpr" | "paywall" | "subscribe"
        | "subscription" | "promo" | "sponsor" | "sponsored" | "ad" | "ads" | "advert"
        | "advertisement" | "banner" | "popup" | "modal" | "pagination" | "pager" | "widget"
        | "recommended" | "tags" | "tagcloud" | "byline" | "caption" | "login" | "signup"
        | "toolbar" | "disqus" | "outbrain" | "taboola" | "masthead" | "meta" | "print"
        | "skip" | "teaser" | "teasers" | "rating" | "author" | "bio" => Word::Furniture,
        "article" | "articlebody" | "body" | "content" | "entry" | "main" | "post" | "story"
        | "text" | "hentry" | "blog" | "page" | "storybody" | "postbody" | "entrycontent"
        | "richtext" => Word::Article,
        _ => Word::Other,
    }
}

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
}

/// Reads the hints of a page's elements. Pages repeat a few class
/// attributes on most of their elements (`menu-item`, `story-card`), so what
/// the words of each distinct one say is worked out once per page.
#[derive(Default)]
pub(crate) struct Reader<'a> {
    class_words: HashMap<&'a str, Words>,
}

impl<'a> Reader<'a> {
    /// The part an element plays, and its class weight. `strict` turns the
    /// furniture heuristics on (by tag, ARIA role, class and id); without
    /// them only what is never text and what is hidden is skipped.
    pub(crate) fn read(&mut self, element: &'a Element, strict: bool) -> Hints {
        let skip = Hints {
            role: Role::Skip,
            class_weight: 0.0,
        };
        let tag = tag(element.name());
        let attrs = Attrs::of(element);
        if tag == Tag::NeverText || is_hidden(&attrs) {
            return skip;
        }
        if strict && tag == Tag::Furniture {
            return skip;
        }
        if strict
            && attrs
                .role
                .is_some_and(|r| SKIPPED_ROLES.contains(&r.trim()))
        {
            return skip;
        }
        let mut words = attrs.id.map(Words::of).unwrap_or_default();
        if let Some(class) = attrs.class {
            words = words.or(*self
                .class_words
                .entry(class)
                .or_insert_with(|| Words::of(class)));
        }
        let article_body = attrs.itemprop == Some("articleBody");
        if strict
            && tag != Tag::Container
            && !article_body
            && !words.article
            && (words.furniture || words.fragment)
        {
            return skip;
        }
        let role = match tag {
            Tag::Break => Role::Break,
            Tag::Block | Tag::Container => Role::Block,
            Tag::NeverText | Tag::Furniture | Tag::Inline => Role::Inline,
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
}

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

/// What the words of a class or id attribute (split at anything but letters
/// and digits, lower-cased) say.
#[derive(Debug, Default, Clone, Copy)]
struct Words {
    /// A word of article containers.
    article: bool,
    /// A word of furniture.
    furniture: bool,
    /// A furniture fragment inside a longer name (`socialshare`).
    fragment: bool,
}

impl Words {
    fn of(names: &str) -> Self {
        static FRAGMENT: LazyLock<Regex> = LazyLock::new(|| any_of(FURNITURE_FRAGMENTS, true));
        let mut words = Words {
            fragment: FRAGMENT.is_match(names),
            ..Words::default()
        };
        let mut word = String::new();
        for c in names.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if !c.is_ascii() && c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            } else if !word.is_empty() {
                match self::word(&word) {
                    Word::Furniture => words.furniture = true,
                    Word::Article => words.article = true,
                    Word::Other => {}
                }
                word.clear();
            }
        }
        words
    }

    fn or(self, other: Words) -> Words {
        Words {
            article: self.article || other.article,
            furniture: self.furniture || other.furniture,
            fragment: self.fragment || other.fragment,
        }
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
