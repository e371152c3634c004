//! `parallax analyze --format jsonl` streams the analysis: one
//! `parallax.analysis/1` document per line, a story with its articles, and
//! together the lines hold what the single JSON document holds.

use std::process::Command;

use serde_json::Value;

fn analyze(format: &str, input: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["analyze", input, "--format", format])
        .output()
        .expect("parallax runs");
    assert!(
        out.status.success(),
        "parallax failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

/// A value without the story ids, which differ between the two forms
/// (`story-N` in order of first arrival in the document, the grouping's own
/// numbers on the lines).
fn without_story_ids(mut v: Value) -> Value {
    v["id"] = Value::Null;
    v
}

#[test]
fn each_line_is_one_story_with_its_articles_and_together_they_are_the_document() {
    let document: Value =
        serde_json::from_slice(&analyze("json", EXAMPLES)).expect("a JSON document");
    let lines = analyze("jsonl", EXAMPLES);
    let lines: Vec<Value> = lines
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("each line is JSON"))
        .collect();
    let stories = document["stories"].as_array().expect("stories");
    assert_eq!(lines.len(), stories.len());

    let mut seen_ids = Vec::new();
    let mut articles_seen = 0;
    for line in &lines {
        assert_eq!(line["schema"], "parallax.analysis/1");
        let [story] = line["stories"].as_array().expect("stories").as_slice() else {
            panic!("one story per line: {line}");
        };
        seen_ids.push(story["id"].as_str().expect("an id").to_string());
        // The line's articles are the story's, each naming it.
        let articles = line["articles"].as_array().expect("articles");
        let ids: Vec<&Value> = articles.iter().map(|a| &a["id"]).collect();
        assert_eq!(
            ids,
            story["articles"]
                .as_array()
                .expect("ids")
                .iter()
                .collect::<Vec<_>>()
        );
        for article in articles {
            assert_eq!(article["story"], story["id"]);
            // The same article, word for word and offset for offset, as in the document.
            let twin = document["articles"]
                .as_array()
                .and_then(|all| all.iter().find(|a| a["id"] == article["id"]))
                .expect("the article is in the document");
            let mut mine = article.clone();
            let mut theirs = twin.clone();
            mine["story"] = Value::Null;
            theirs["story"] = Value::Null;
            assert_eq!(mine, theirs);
        }
        articles_seen += articles.len();
        // The same comparison as the document's story with these articles.
        let twin = stories
            .iter()
            .find(|s| s["articles"] == story["articles"])
            .expect("the document has this story");
        assert_eq!(
            without_story_ids(story.clone()),
            without_story_ids(twin.clone())
        );
    }
    assert_eq!(
        articles_seen,
        document["articles"].as_array().map_or(0, Vec::len)
    );
    seen_ids.sort();
    seen_ids.dedup();
    assert_eq!(seen_ids.len(), lines.len(), "story ids are unique");
}
