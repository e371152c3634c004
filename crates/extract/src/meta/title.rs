//! The on-page headline. `<title>` usually carries the site name, so the
//! headline is picked by agreement: the `<h1>` that the declared titles
//! (og:title, JSON-LD headline, `<title>`) confirm, else a declared title
//! with the site name cut off.

use scraper::Html;

use super::site::domain_word;
use super::sources::Sources;
use super::{non_empty, normalise};
use crate::dom;

/// Separators between a headline and the site name in `<title>`.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " : ", " · ", " » ", " :: ", " // ", " || ",
];

pub(super) fn read(
    document: &Html,
    sources: &Sources,
    site: Option<&str>,
    url: Option<&str>,
) -> Option<String> {
    let title_tag =
        dom::first(document, "title").and_then(|t| non_empty(&t.text().collect::<String>()));
    let declared: Vec<String> = [
        sources.meta(&["og:title"]),
        sources.meta(&["twitter:title"]),
        sources.jsonld_str("headline"),
        sources.meta(&["dc.title", "headline"]),
    ]
    .into_iter()
    .flatten()
    .filter_map(non_empty)
    .collect();
    let h1s: Vec<String> = dom::elements(document)
        .filter(|e| e.value().name() == "h1")
        .filter_map(|h| non_empty(&h.text().collect::<String>()))
        .filter(|h| h.chars().count() <= 300)
        .take(8)
        .collect();

    let site_words = site_words(site, url);
    let stripped = |t: &str| strip_site(t, &site_words);
    // 1. An <h1> that a declared title or <title> confirms.
    for h1 in &h1s {
        let key = fold(h1);
        let confirmed = declared.iter().chain(&title_tag).any(|t| {
            let t = fold(t);
            t == key
                || (key.chars().count() >= 10 && t.starts_with(&key))
                || fold(&stripped(&t)) == key
        });
        if confirmed {
            return Some(h1.clone());
        }
    }
    // 2. A lone <h1> that is a headline rather than the site's logo.
    if let [h1] = h1s.as_slice()
        && h1.split_whitespace().count() >= 3
        && !is_site(h1, &site_words)
    {
        return Some(h1.clone());
    }
    // 3. A declared title, site name removed.
    if let Some(t) = declared.first() {
        return Some(stripped(t));
    }
    // 4. <title>, site name removed; else the only <h1>.
    title_tag
        .map(|t| stripped(&t))
        .or_else(|| (h1s.len() == 1).then(|| h1s[0].clone()))
}

/// Lowercase words naming the site, for recognising the site part of a title.
fn site_words(site: Option<&str>, url: Option<&str>) -> Vec<String> {
    let mut words: Vec<String> = site.map(fold).into_iter().collect();
    words.extend(url.and_then(domain_word));
    words.retain(|w| !w.is_empty());
    words
}

fn fold(text: &str) -> String {
    normalise(text).to_lowercase()
}

/// Whether a title part names the site.
fn is_site(part: &str, site_words: &[String]) -> bool {
    let part = fold(part);
    let squashed: String = part.chars().filter(|c| c.is_alphanumeric()).collect();
    site_words.iter().any(|w| {
        let w_squashed: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
        part == *w
            || squashed == w_squashed
            || (!w_squashed.is_empty()
                && squashed.contains(&w_squashed)
                && part.split_whitespace().count() <= 4)
    })
}

/// The title without a leading or trailing site name.
fn strip_site(title: &str, site_words: &[String]) -> String {
    for sep in SEPARATORS {
        let parts: Vec<&str> = title.split(sep).collect();
        if parts.len() < 2 {
            continue;
        }
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        if is_site(last, site_words) {
            return normalise(&parts[..parts.len() - 1].join(sep));
        }
        if is_site(first, site_words) {
            return normalise(&parts[1..].join(sep));
        }
        // Unknown site name: a short last part after a long headline is the site.
        let words = |s: &str| s.split_whitespace().count();
        if matches!(*sep, " | " | " – " | " — " | " - " | " · " | " » ")
            && words(last) <= 3
            && words(first) >= 4
        {
            return normalise(&parts[..parts.len() - 1].join(sep));
        }
    }
    normalise(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_known_site_and_unknown_short_suffix() {
        let site = vec!["the harbour gazette".to_string()];
        assert_eq!(
            strip_site("Ferry returns to Eastport | The Harbour Gazette", &site),
            "Ferry returns to Eastport"
        );
        assert_eq!(
            strip_site(
                "HarbourGazette.com · Ferry returns",
                &["harbourgazette".to_string()]
            ),
            "Ferry returns"
        );
        assert_eq!(
            strip_site("Council votes on new bridge tolls - Gazette", &[]),
            "Council votes on new bridge tolls"
        );
        assert_eq!(strip_site("A - B", &[]), "A - B");
    }
}
