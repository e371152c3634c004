//! Site name, canonical URL, language and description: declared values only.

use scraper::Html;

use super::sources::Sources;
use super::{jsonld, non_empty};
use crate::dom;

pub(super) fn name(sources: &Sources) -> Option<String> {
    sources
        .meta(&[
            "og:site_name",
            "application-name",
            "twitter:app:name:iphone",
        ])
        .and_then(non_empty)
        .or_else(|| {
            sources.jsonld.iter().find_map(|o| {
                let publisher = o.get("publisher")?;
                jsonld::text(publisher.get("name")?).and_then(non_empty)
            })
        })
}

pub(super) fn canonical_url(document: &Html, sources: &Sources) -> Option<String> {
    dom::elements(document)
        .filter(|l| l.value().name() == "link" && dom::has_word(l.value(), "rel", "canonical"))
        .filter_map(|l| dom::attr(l.value(), "href"))
        .chain(sources.meta(&["og:url"]))
        .map(str::trim)
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(str::to_string)
}

pub(super) fn language(document: &Html, sources: &Sources) -> Option<String> {
    dom::first(document, "html")
        .and_then(|h| dom::attr(h.value(), "lang").and_then(non_empty))
        .or_else(|| {
            sources
                .meta(&["content-language", "language", "dc.language"])
                .and_then(non_empty)
        })
        .or_else(|| {
            sources
                .meta(&["og:locale"])
                .and_then(non_empty)
                .map(|l| l.replace('_', "-"))
        })
}

pub(super) fn description(sources: &Sources) -> Option<String> {
    sources
        .meta(&["description", "og:description", "twitter:description"])
        .and_then(non_empty)
        .or_else(|| sources.jsonld_str("description").and_then(non_empty))
}

/// The registrable-looking name of a URL's host: `www.example.co.uk` -> `example`.
pub(super) fn domain_word(url: &str) -> Option<String> {
    let host = url
        .split("://")
        .nth(1)?
        .split(['/', '?', '#', ':'])
        .next()?;
    let parts: Vec<&str> = host.split('.').filter(|p| *p != "www").collect();
    let word = match parts.len() {
        0 | 1 => parts.first()?,
        n if parts[n - 2].len() <= 3 && n >= 3 => parts[n - 3],
        n => parts[n - 2],
    };
    Some(word.to_lowercase())
}
