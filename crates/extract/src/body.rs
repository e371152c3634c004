//! The article body: the main text of the page without navigation, related
//! links, comments, captions, cookie or paywall banners.

use scraper::Html;

use crate::meta::Meta;

/// Paragraphs of the main text, separated by `"\n\n"`. The metadata helps
/// (the headline marks where the article starts; the byline is not body).
pub fn read(_document: &Html, _meta: &Meta) -> String {
    String::new()
}
