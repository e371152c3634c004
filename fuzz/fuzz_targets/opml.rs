//! OPML subscription lists: import, and export of what was imported.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(subscriptions) = parallax_feeds::opml::parse(&text) else {
        return;
    };
    let mut urls = std::collections::HashSet::new();
    for s in &subscriptions {
        assert!(!s.url.is_empty(), "empty feed URL kept");
        assert!(
            urls.insert(s.url.as_str()),
            "duplicate feed URL {:?}",
            s.url
        );
        if let Some(title) = &s.title {
            assert!(!title.is_empty(), "empty title kept");
        }
    }
    // What Parallax exports, it imports again: the same feeds in the same order.
    let exported = parallax_feeds::opml::write(&subscriptions);
    let again = parallax_feeds::opml::parse(&exported)
        .unwrap_or_else(|e| panic!("exported OPML does not parse: {e}\n{exported}"));
    let before: Vec<&str> = subscriptions.iter().map(|s| s.url.as_str()).collect();
    let after: Vec<&str> = again.iter().map(|s| s.url.as_str()).collect();
    assert_eq!(before, after, "export then import changed the feed URLs");
});
