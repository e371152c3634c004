//! News feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(feed) = parallax_feeds::parse(data, "https://example.org/feed") {
        for item in &feed.items {
            if let Some(link) = &item.link {
                assert!(
                    link.starts_with("http://") || link.starts_with("https://"),
                    "item link not absolute: {link:?}"
                );
            }
            if let Some(summary) = &item.summary {
                assert!(!summary.trim().is_empty(), "blank summary kept");
            }
            for author in &item.authors {
                assert!(!author.is_empty(), "empty author kept");
            }
        }
    }
});
