//! The API's article JSON: the body of `POST /api/v1/articles`, one article
//! object or an array of them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(posted) = parallax_server::posted_articles(data) else {
        return;
    };
    for article in posted.articles.iter().flatten() {
        assert!(!article.id.trim().is_empty(), "article without an id kept");
        assert!(!article.text.trim().is_empty(), "article without text kept");
    }
});
