//! Invariants shared by the fuzz targets: what every reader promises about
//! its output, checked on whatever the fuzzer feeds it. A broken promise
//! panics, which libFuzzer reports as a crash with the input that caused it.

use std::collections::HashSet;

use parallax_read::Batch;

/// Body text as `parallax-read` promises it: non-empty, trimmed, non-empty
/// paragraphs joined by exactly `"\n\n"`, with no line break anywhere else.
pub fn check_body_text(text: &str, what: &str) {
    assert!(!text.is_empty(), "{what}: empty text");
    for paragraph in text.split("\n\n") {
        assert!(!paragraph.is_empty(), "{what}: empty paragraph in {text:?}");
        assert_eq!(
            paragraph,
            paragraph.trim(),
            "{what}: untrimmed paragraph in {text:?}"
        );
        assert!(
            !paragraph.contains(['\n', '\r']),
            "{what}: line break inside a paragraph in {text:?}"
        );
    }
}

/// Every article of a batch has well-formed text, an id, a title, and an id
/// of its own (duplicates are renamed).
pub fn check_batch(batch: &Batch) {
    let mut ids = HashSet::new();
    for article in &batch.articles {
        check_body_text(&article.text, &article.id);
        assert!(
            ids.insert(article.id.as_str()),
            "duplicate id {:?} in one batch",
            article.id
        );
        if let Some(language) = &article.language {
            assert!(!language.is_empty(), "{}: empty language", article.id);
        }
        for value in [&article.source, &article.url].into_iter().flatten() {
            assert_eq!(value, value.trim(), "{}: untrimmed {value:?}", article.id);
            assert!(!value.is_empty(), "{}: empty optional field", article.id);
        }
    }
}
