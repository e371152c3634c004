//! Keys that recognise the same article arriving twice.

use parallax_model::Article;

/// Query parameters that only track where a click came from; two links that
/// differ only by these point to the same page.
const TRACKING: &[&str] = &[
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid",
    "ref_src", "ref_url", "_ga", "_gl", "yclid", "twclid", "smid", "smtyp",
];

/// The identity of a page for deduplication: the URL without scheme, `www.`,
/// fragment, default port, trailing slash or tracking parameters (`utm_*` and
/// the common click ids), host lowercased. `None` for text that is not an
/// absolute http(s) URL.
///
/// ```
/// use parallax_store::url_key;
/// assert_eq!(
///     url_key("HTTPS://www.Herald.example:443/ferry/?utm_source=rss&id=4#top"),
///     url_key("http://herald.example/ferry?id=4"),
/// );
/// assert_ne!(url_key("https://herald.example/ferry?id=4"), url_key("https://herald.example/ferry?id=5"));
/// ```
pub fn url_key(raw: &str) -> Option<String> {
    let url = url::Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let mut key = String::with_capacity(raw.len());
    key.push_str(host);
    if let Some(port) = url.port() {
        key.push(':');
        key.push_str(&port.to_string());
    }
    key.push_str(url.path().trim_end_matches('/'));
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| !is_tracking(name))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    if !kept.is_empty() {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(kept)
            .finish();
        key.push('?');
        key.push_str(&query);
    }
    Some(key)
}

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.starts_with("utm_") || TRACKING.contains(&name.as_str())
}

/// The identity of an article's text within its outlet: a re-fetch of the
/// same story under another URL. Syndicated copies in *other* outlets differ
/// here on purpose: they are kept, and the grouping marks them as copies.
pub fn body_key(article: &Article) -> String {
    let text: String = article
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "{:016x}:{}",
        parallax_text::fnv1a(text.as_bytes()),
        article.outlet()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_parameters_fragment_and_scheme_do_not_matter() {
        let a = url_key("https://herald.example/a/b?utm_medium=x&fbclid=1&page=2#c");
        assert_eq!(a.as_deref(), Some("herald.example/a/b?page=2"));
        assert_eq!(a, url_key("http://www.herald.example/a/b/?page=2"));
    }

    #[test]
    fn paths_hosts_and_ports_matter() {
        let a = url_key("https://herald.example/a");
        assert_ne!(a, url_key("https://herald.example/b"));
        assert_ne!(a, url_key("https://gazette.example/a"));
        assert_ne!(a, url_key("https://herald.example:8080/a"));
    }

    #[test]
    fn non_web_urls_have_no_key() {
        assert_eq!(url_key("not a url"), None);
        assert_eq!(url_key("mailto:desk@herald.example"), None);
        assert_eq!(url_key("file:///tmp/a.html"), None);
    }

    #[test]
    fn body_key_ignores_whitespace_but_not_the_outlet() {
        let article = |source: &str, text: &str| Article {
            id: "x".into(),
            source: Some(source.into()),
            url: None,
            title: String::new(),
            published: None,
            language: None,
            text: text.into(),
        };
        let a = body_key(&article("Herald", "One two.\n\nThree."));
        assert_eq!(a, body_key(&article("Herald", "One  two.\n\n Three.")));
        assert_ne!(a, body_key(&article("Gazette", "One two.\n\nThree.")));
        assert_ne!(a, body_key(&article("Herald", "One two. Four.")));
    }
}
