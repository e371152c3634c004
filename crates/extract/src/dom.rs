//! Fast reads of the parsed page, for tests that run on every element.
//!
//! `scraper`'s `Element::attr` interns the attribute name (a hash and a
//! table lookup) on every call, and its CSS selectors carry a matching
//! engine's bookkeeping; together they were a fifth of extraction time. The
//! few element tests extraction needs are plain functions over these instead.

use regex::{Regex, RegexBuilder};
use scraper::node::Element;
use scraper::{ElementRef, Html};

/// Every element of the page, in the order `Html::select` visits them.
pub(crate) fn elements(document: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    document.tree.nodes().filter_map(ElementRef::wrap)
}

/// Every element below `element`, in document order, without itself (as
/// `ElementRef::select` visits them).
pub(crate) fn descendants<'a>(element: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    element.descendants().skip(1).filter_map(ElementRef::wrap)
}

/// The first element named `tag` (lowercase).
pub(crate) fn first<'a>(document: &'a Html, tag: &str) -> Option<ElementRef<'a>> {
    elements(document).find(|e| e.value().name() == tag)
}

/// The value of the attribute `name` (lowercase, no namespace): a scan of
/// the element's few attributes, comparing names as written.
pub(crate) fn attr<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element
        .attrs
        .iter()
        .find(|(q, _)| q.ns.is_empty() && &*q.local == name)
        .map(|(_, value)| &**value)
}

/// CSS `[name~="word" i]`: the attribute holds `word` among its
/// space-separated words, ASCII case ignored (as browsers match `rel`; an
/// `itemprop="Author"` means the same as `author`).
pub(crate) fn has_word(element: &Element, name: &str, word: &str) -> bool {
    attr(element, name).is_some_and(|v| holds_any_word(v, &[word]))
}

/// Whether the space-separated words of an attribute value hold one of
/// `words`, ASCII case ignored (see [`has_word`]).
pub(crate) fn holds_any_word(value: &str, words: &[&str]) -> bool {
    value
        .split_ascii_whitespace()
        .any(|v| words.iter().any(|w| v.eq_ignore_ascii_case(w)))
}

/// A matcher for any of `parts` inside a string, ASCII case ignored when
/// `ignore_case`. One regex over all the parts (a multi-substring search)
/// instead of one substring search per part, and no lowercased copy of the
/// string.
pub(crate) fn any_of(parts: &[&str], ignore_case: bool) -> Regex {
    let pattern = parts
        .iter()
        .map(|part| regex::escape(part))
        .collect::<Vec<_>>()
        .join("|");
    RegexBuilder::new(&pattern)
        .case_insensitive(ignore_case)
        .unicode(false)
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_attributes_and_words_as_scraper_does() {
        let page = Html::parse_document(
            r#"<html><body><div id="a" class="x  author y" data-v="1"><svg><a xlink:href="n.html">n</a></svg><p>t</p></div></body></html>"#,
        );
        let div = first(&page, "div").expect("a div").value();
        assert_eq!(attr(div, "id"), Some("a"));
        assert_eq!(attr(div, "data-v"), div.attr("data-v"));
        assert_eq!(attr(div, "href"), None);
        assert!(has_word(div, "class", "author"));
        assert!(has_word(div, "class", "Author"));
        assert!(!has_word(div, "class", "auth"));
        // A namespaced attribute is not the plain one of the same local name.
        let a = first(&page, "a").expect("an a");
        assert_eq!(attr(a.value(), "href"), None);
        let names: Vec<&str> = elements(&page).map(|e| e.value().name()).collect();
        assert_eq!(names, ["html", "head", "body", "div", "svg", "a", "p"]);
        let below: Vec<&str> = first(&page, "div")
            .into_iter()
            .flat_map(descendants)
            .map(|e| e.value().name())
            .collect();
        assert_eq!(below, ["svg", "a", "p"]);
    }

    #[test]
    fn finds_any_part_with_or_without_case() {
        let exact = any_of(&["date", "more-"], false);
        assert!(exact.is_match("post-date"));
        assert!(!exact.is_match("PostDate"));
        assert!(exact.is_match("read-more-links"));
        assert!(!exact.is_match("more.links"));
        let any_case = any_of(&["sidebar"], true);
        assert!(any_case.is_match("Main-SideBar"));
        assert!(!any_case.is_match("side bar"));
    }
}
