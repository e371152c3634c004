//! Which feed addresses can be followed.

/// A feed address fit to be stored and polled: an absolute `http` or
/// `https` URL with a host and without credentials. Credentials would be
/// stored, listed to anyone who can read the sources and sent on every
/// redirect, so a URL carrying them is refused, and the refusal shows the URL
/// without them.
pub fn check_feed_url(text: &str) -> Result<url::Url, String> {
    let trimmed = text.trim();
    let mut url = url::Url::parse(trimmed).map_err(|e| format!("{trimmed:?} is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!("{:?} is not an http(s) URL", redacted(&mut url)));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "{} carries a user name or password: feeds with credentials cannot be followed",
            redacted(&mut url)
        ));
    }
    Ok(url)
}

/// The URL without its credentials.
fn redacted(url: &mut url::Url) -> String {
    // Fails only for URLs that cannot have credentials, which have none.
    let _ = url.set_password(None);
    let _ = url.set_username("");
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_urls_are_followed_and_credentials_never_echoed() {
        assert_eq!(
            check_feed_url(" https://herald.example/feed.xml ").map(String::from),
            Ok("https://herald.example/feed.xml".to_string())
        );
        let refused = check_feed_url("https://editor:hunter2@herald.example/feed.xml").unwrap_err();
        assert_eq!(
            refused,
            "https://herald.example/feed.xml carries a user name or password: feeds with credentials cannot be followed"
        );
        assert!(!refused.contains("hunter2"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://x.example/f",
            "feed.xml",
            "http://",
        ] {
            assert!(check_feed_url(bad).is_err(), "{bad}");
        }
    }
}
