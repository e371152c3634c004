//! The `parallax.analysis/1` document: fields, order, offsets, resolved names.

use serde_json::{Value, json};

use crate::fixture::{self, HERALD, LEDGER};

fn doc() -> Value {
    parallax_report::to_json(&fixture::analysis())
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// `text[start..end]` of an object with `start` and `end`.
fn sliced<'t>(text: &'t str, v: &Value) -> &'t str {
    let start = v["start"].as_u64().unwrap_or(u64::MAX) as usize;
    let end = v["end"].as_u64().unwrap_or(u64::MAX) as usize;
    text.get(start..end).unwrap_or("<out of range>")
}

#[test]
fn header_and_field_order_follow_the_documented_schema() {
    let d = doc();
    assert_eq!(d["schema"], "parallax.analysis/1");
    assert_eq!(d["schema"], parallax_report::SCHEMA);
    assert_eq!(
        d["generator"],
        format!("parallax {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(
        keys(&d),
        ["schema", "generator", "articles", "stories", "merges"]
    );
    assert_eq!(
        keys(&d["articles"][0]),
        [
            "id",
            "source",
            "url",
            "title",
            "published",
            "language",
            "text",
            "story",
            "copy_of",
            "why",
            "paragraphs",
            "segments",
            "quotes",
            "entity_mentions",
            "events"
        ]
    );
    assert_eq!(
        keys(&d["articles"][0]["events"][0]),
        ["type", "mode", "source", "target", "start", "end", "when"]
    );
    assert_eq!(
        keys(&d["articles"][0]["events"][0]["source"]),
        ["name", "start", "end", "sector"]
    );
    assert_eq!(
        keys(&d["articles"][0]["why"]),
        ["score", "shared_entities", "shared_terms"]
    );
    assert_eq!(
        keys(&d["articles"][0]["quotes"][0]),
        [
            "start",
            "end",
            "text",
            "form",
            "speaker",
            "speaker_start",
            "speaker_end"
        ]
    );
    assert_eq!(
        keys(&d["stories"][0]),
        [
            "id",
            "title",
            "articles",
            "independent_outlets",
            "first_published",
            "last_published",
            "entities",
            "quotes",
            "shared",
            "exclusive",
            "acts",
            "timeline",
            "discrepancies"
        ]
    );
    assert_eq!(
        keys(&d["stories"][0]["acts"][0]),
        [
            "type", "mode", "when", "source", "target", "outlets", "reports"
        ]
    );
    assert_eq!(
        keys(&d["stories"][0]["entities"][0]),
        ["name", "kind", "key", "aliases", "spellings"]
    );
    assert_eq!(
        keys(&d["stories"][0]["quotes"][0]["occurrences"][0]),
        [
            "article",
            "start",
            "end",
            "text",
            "fragment",
            "reference",
            "diff"
        ]
    );
}

#[test]
fn streaming_the_typed_document_gives_the_same_json() {
    let analysis = fixture::analysis();
    let streamed =
        serde_json::to_string(&parallax_report::json::document(&analysis)).unwrap_or_default();
    let via_value = serde_json::to_string(&parallax_report::to_json(&analysis)).unwrap_or_default();
    assert_eq!(streamed, via_value);
}

#[test]
fn article_metadata() {
    let d = doc();
    let herald = &d["articles"][0];
    assert_eq!(herald["id"], "herald-ferry");
    assert_eq!(herald["source"], "The Harbour Herald");
    assert_eq!(
        herald["url"],
        "https://herald.example/ferry?from=rss&lang=en"
    );
    assert_eq!(herald["published"], "2026-04-02T09:30:00Z");
    assert_eq!(herald["language"], "en");
    assert_eq!(herald["text"], HERALD);
    assert_eq!(herald["story"], "story-1");
    assert_eq!(herald["copy_of"], Value::Null);
    assert_eq!(
        herald["why"],
        json!({"score": 0.0, "shared_entities": [], "shared_terms": []})
    );
    let ledger = &d["articles"][1];
    assert_eq!(ledger["url"], Value::Null);
    assert_eq!(
        ledger["why"],
        json!({
            "score": 0.62,
            "shared_entities": ["person:vantongeren", "place:brackwater"],
            "shared_terms": ["ferry", "monday"]
        })
    );
    assert_eq!(d["merges"], json!([{"absorbed": 1, "into": 0}]));
}

#[test]
fn paragraphs_and_segments_carry_exact_offsets_and_kinds() {
    let d = doc();
    let herald = &d["articles"][0];
    assert_eq!(
        herald["paragraphs"],
        json!([{"start": 0, "end": 80}, {"start": 82, "end": 196}, {"start": 198, "end": 264}, {"start": 266, "end": 311}])
    );
    let segments = herald["segments"].as_array().cloned().unwrap_or_default();
    assert_eq!(segments.len(), 5);
    assert_eq!(
        segments[3],
        json!({"start": 198, "end": 264, "kind": "body"})
    );
    assert_eq!(
        segments[4],
        json!({"start": 266, "end": 311, "kind": "promo"})
    );
    assert_eq!(
        sliced(HERALD, &segments[4]),
        "Read more: Ten ferries that changed the coast"
    );
    // The exclusive sentence holds a multi-byte "€": offsets are bytes, not chars.
    assert_eq!(
        sliced(HERALD, &segments[3]),
        "Repairs to the hull cost €2.4 million, according to the council."
    );
}

#[test]
fn quotes_resolve_speakers_to_canonical_names() {
    let d = doc();
    let q = &d["articles"][0]["quotes"][0];
    assert_eq!(
        *q,
        json!({
            "start": 85, "end": 126, "text": "We owe the islanders a reliable crossing,",
            "form": "direct", "speaker": "Ilse Vantongeren", "speaker_start": 130, "speaker_end": 141
        })
    );
    assert_eq!(sliced(HERALD, q), q["text"]);
    assert_eq!(&HERALD[130..141], "Vantongeren");
    assert_eq!(d["articles"][0]["quotes"][1]["speaker_start"], Value::Null);

    // The Ledger's local entity is "Ilze Vantongeren" at local index 1; the
    // story's entity_map turns it into the canonical name.
    let partial = &d["articles"][1]["quotes"][1];
    assert_eq!(partial["form"], "partial");
    assert_eq!(partial["speaker"], "Ilse Vantongeren");
    assert_eq!(partial["text"], "published on Friday");
    assert_eq!(sliced(LEDGER, partial), "published on Friday");
    let she = (
        partial["speaker_start"].as_u64().unwrap_or(0) as usize,
        partial["speaker_end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(LEDGER.get(she.0..she.1), Some("she"));
}

#[test]
fn mentions_keep_the_outlet_spelling_and_name_the_story_entity() {
    let d = doc();
    let mentions = d["articles"][1]["entity_mentions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        mentions[0],
        json!({"start": 6, "end": 22, "text": "Ilze Vantongeren", "entity": "Ilse Vantongeren"})
    );
    assert_eq!(mentions[1]["entity"], "Brackwater");
    for m in &mentions {
        assert_eq!(sliced(LEDGER, m), m["text"]);
    }
}

#[test]
fn story_comparison() {
    let d = doc();
    let s = &d["stories"][0];
    assert_eq!(s["id"], "story-1");
    assert_eq!(s["articles"], json!(["herald-ferry", "ledger-ferry"]));
    assert_eq!(s["independent_outlets"], 2);
    assert_eq!(s["first_published"], "2026-04-02T09:30:00Z");
    assert_eq!(s["last_published"], "2026-04-02T11:00:00Z");
    assert_eq!(
        s["entities"][0],
        json!({
            "name": "Ilse Vantongeren", "kind": "person", "key": "person:vantongeren",
            "aliases": ["Ilze Vantongeren", "Vantongeren"],
            "spellings": [
                {"article": "herald-ferry", "outlet": "The Harbour Herald", "forms": ["Ilse Vantongeren", "Vantongeren"]},
                {"article": "ledger-ferry", "outlet": "Valley Ledger", "forms": ["Ilze Vantongeren"]}
            ]
        })
    );
    let group = &s["quotes"][0];
    assert_eq!(group["speaker"], "Ilse Vantongeren");
    assert_eq!(group["occurrences"][0]["reference"], false);
    assert_eq!(group["occurrences"][1]["reference"], true);
    assert_eq!(group["occurrences"][1]["diff"], json!([]));
    assert_eq!(
        group["occurrences"][0]["diff"],
        json!([
            {"op": "same", "text": "We owe the islanders a"},
            {"op": "removed", "text": "dependable"},
            {"op": "added", "text": "reliable"},
            {"op": "same", "text": "crossing,"}
        ])
    );
    assert_eq!(s["quotes"][1]["occurrences"][1]["fragment"], true);
    assert_eq!(
        s["exclusive"],
        json!([{"article": "herald-ferry", "start": 198, "end": 264,
                "text": "Repairs to the hull cost €2.4 million, according to the council."}])
    );
    assert_eq!(s["shared"][0]["occurrences"][1]["start"], 0);
    assert_eq!(s["shared"][0]["occurrences"][1]["end"], 90);
}

#[test]
fn every_occurrence_slices_to_its_text() {
    let d = doc();
    let text_of = |id: &Value| match id.as_str() {
        Some("herald-ferry") => HERALD,
        Some("ledger-ferry") => LEDGER,
        _ => "",
    };
    let s = &d["stories"][0];
    let mut occurrences: Vec<&Value> = Vec::new();
    for claim in s["shared"].as_array().into_iter().flatten() {
        occurrences.extend(claim["occurrences"].as_array().into_iter().flatten());
    }
    occurrences.extend(s["exclusive"].as_array().into_iter().flatten());
    for group in s["quotes"].as_array().into_iter().flatten() {
        occurrences.extend(group["occurrences"].as_array().into_iter().flatten());
    }
    assert_eq!(occurrences.len(), 7);
    for o in occurrences {
        assert_eq!(sliced(text_of(&o["article"]), o), o["text"], "{o}");
    }
}

#[test]
fn copies_and_orphans() {
    let mut analysis = fixture::analysis();
    analysis.grouping.memberships[1].copy_of = Some(0);
    // An article no story lists, with no membership either.
    let mut orphan = fixture::ledger();
    orphan.article.id = "orphan".into();
    orphan.article.published = None;
    analysis.documents.push(orphan);
    let d = parallax_report::to_json(&analysis);
    assert_eq!(d["articles"][1]["copy_of"], "herald-ferry");
    assert_eq!(d["articles"][2]["story"], Value::Null);
    assert_eq!(d["articles"][2]["published"], Value::Null);
    assert_eq!(d["articles"][2]["quotes"][0]["speaker"], Value::Null);
    assert_eq!(d["articles"][2]["why"]["score"], 0.0);
}
