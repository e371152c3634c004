//! docs/json-schema.md and the code agree: the example is a valid document with
//! exactly the fields the code writes, its offsets are right, and every field
//! name is documented.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::fixture;

fn schema_doc() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/json-schema.md");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn example() -> Value {
    let doc = schema_doc();
    let start = doc
        .find("```json\n")
        .map(|i| i + "```json\n".len())
        .unwrap_or(0);
    let end = start + doc[start..].find("\n```").unwrap_or(0);
    serde_json::from_str(&doc[start..end]).unwrap_or_else(|e| panic!("example: {e}"))
}

/// Every key path of a JSON value: `articles[].why.score`.
fn paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.insert(path.clone());
                paths(child, &path, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn example_has_exactly_the_fields_the_code_writes() {
    let mut documented = BTreeSet::new();
    paths(&example(), "", &mut documented);
    let mut written = BTreeSet::new();
    paths(
        &parallax_report::to_json(&fixture::analysis()),
        "",
        &mut written,
    );
    // The example has no merge; everything else must match both ways.
    let written: BTreeSet<String> = written
        .into_iter()
        .filter(|p| !p.starts_with("merges[]"))
        .collect();
    assert_eq!(documented, written);
}

#[test]
fn example_is_current_and_its_offsets_are_right() {
    let e = example();
    assert_eq!(e["schema"], parallax_report::SCHEMA);
    let text_of = |id: &Value| -> String {
        e["articles"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|a| a["id"] == *id)
            .and_then(|a| a["text"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    let check = |text: &str, o: &Value| {
        let (s, t) = (
            o["start"].as_u64().unwrap_or(0) as usize,
            o["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(text.get(s..t), o["text"].as_str(), "{o}");
    };
    let mut checked = 0;
    for a in e["articles"].as_array().into_iter().flatten() {
        let text = a["text"].as_str().unwrap_or_default();
        for o in a["quotes"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(a["entity_mentions"].as_array().into_iter().flatten())
        {
            check(text, o);
            checked += 1;
        }
        // An event's trigger and actors: the trigger is a verb of the
        // sentence, each actor's offsets cover a name or the words shown.
        for ev in a["events"].as_array().into_iter().flatten() {
            let span = |o: &Value| {
                let (s, t) = (o["start"].as_u64(), o["end"].as_u64());
                text.get(s.unwrap_or(0) as usize..t.unwrap_or(0) as usize)
                    .unwrap_or_default()
                    .to_string()
            };
            assert_eq!(span(ev), "thanked");
            assert_eq!(span(&ev["source"]), "Vantongeren");
            assert_eq!(
                span(&ev["target"]),
                ev["target"]["name"].as_str().unwrap_or("?")
            );
            checked += 1;
        }
    }
    for s in e["stories"].as_array().into_iter().flatten() {
        let mut occurrences: Vec<&Value> =
            s["exclusive"].as_array().into_iter().flatten().collect();
        for c in s["shared"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(s["quotes"].as_array().into_iter().flatten())
        {
            occurrences.extend(c["occurrences"].as_array().into_iter().flatten());
        }
        for o in occurrences {
            check(&text_of(&o["article"]), o);
            checked += 1;
        }
    }
    assert_eq!(checked, 12);
}

#[test]
fn every_field_is_documented() {
    let doc = schema_doc();
    let mut written = BTreeSet::new();
    paths(
        &parallax_report::to_json(&fixture::analysis()),
        "",
        &mut written,
    );
    for path in written {
        let field = path
            .rsplit('.')
            .next()
            .unwrap_or(&path)
            .trim_end_matches("[]");
        assert!(
            doc.contains(&format!("`{field}`")),
            "`{field}` is not documented"
        );
    }
}
