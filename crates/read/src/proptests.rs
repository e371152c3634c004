//! Property tests: no input makes reading panic, and every article that comes
//! out keeps the text invariants later stages rely on.

use proptest::prelude::*;

use crate::decode::{self, Declared};
use crate::draft::Draft;
use crate::{html, jsonl, txt};

/// Paragraphs joined by exactly `"\n\n"`, each trimmed and non-empty, no
/// other newline anywhere.
fn assert_normalised(text: &str) {
    if text.is_empty() {
        return;
    }
    for paragraph in text.split("\n\n") {
        assert!(!paragraph.is_empty(), "empty paragraph in {text:?}");
        assert_eq!(
            paragraph.trim(),
            paragraph,
            "untrimmed paragraph in {text:?}"
        );
        assert!(
            !paragraph.contains(['\n', '\r']),
            "stray line break in {text:?}"
        );
    }
}

fn assert_article(draft: Draft) {
    assert_normalised(&draft.text);
    let id = draft.id.clone();
    let article = draft.finish();
    assert!(!article.title.is_empty() || id.is_empty());
    assert_eq!(article.title.trim(), article.title);
}

/// Bytes that are mostly text-like, with line breaks, quotes and braces, so
/// that the header, paragraph and JSON paths are all exercised.
fn texty_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            Just(b'\n'),
            Just(b'\r'),
            Just(b':'),
            Just(b'"'),
            Just(b'{'),
            Just(b'}'),
            Just(b' '),
            any::<u8>(),
            b'a'..=b'z',
        ],
        0..400,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decoding_and_txt_parsing_never_panic(bytes in prop_oneof![texty_bytes(), prop::collection::vec(any::<u8>(), 0..300)]) {
        if let Ok(decoded) = decode::decode(&bytes, Declared::None) {
            let (draft, _) = txt::parse(&decoded.text, "p");
            assert_article(draft);
        }
        let _ = decode::decode(&bytes, Declared::Html);
        let _ = decode::decode_line(&bytes);
    }

    #[test]
    fn jsonl_parsing_never_panics(bytes in texty_bytes()) {
        let mut reader = bytes.as_slice();
        jsonl::read(&mut reader, jsonl::Limits { line: 64, total: 10_000 }, |event| {
            if let jsonl::Event::Article { draft, .. } = event {
                assert!(!draft.id.is_empty());
                assert!(!draft.text.is_empty());
                assert_article(draft);
            }
        });
    }

    #[test]
    fn jsonl_text_fields_are_normalised(id in "\\PC{1,8}", text in "\\PC{0,40}(\n{1,3}[ \t]*\\PC{0,40}){0,4}") {
        let line = serde_json::json!({"id": id, "text": text}).to_string();
        let mut reader = line.as_bytes();
        jsonl::read(&mut reader, jsonl::Limits::default(), |event| {
            if let jsonl::Event::Article { draft, .. } = event {
                assert_article(draft);
            }
        });
    }

    #[test]
    fn txt_on_arbitrary_unicode(text in "(\\PC{0,30}[\r\n]{0,3}){0,12}") {
        let (draft, _) = txt::parse(&text, "u");
        assert_article(draft);
    }

    #[test]
    fn html_on_arbitrary_input(body in "(<p>|</p>|<article>|<header>|<br>|&amp;|\\PC{0,20}){0,30}") {
        let (draft, _) = html::parse(&body, "h");
        assert_article(draft);
    }
}
