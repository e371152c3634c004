//! End to end: `parallax analyze examples --format json` must find what
//! `examples/EXPECTED.md` says a correct analysis finds: the stories and the
//! copy, names unified across spellings, every quote with its speaker and its
//! variants and fragments, the flagged lines, and the shared and exclusive claims.

mod expected;

use std::process::Command;
use std::sync::LazyLock;

use serde_json::Value;

static ANALYSIS: LazyLock<Value> = LazyLock::new(|| {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["analyze", examples, "--format", "json"])
        .output()
        .expect("parallax runs");
    assert!(
        out.status.success(),
        "parallax failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("parallax writes JSON")
});

static EXPECTED: LazyLock<String> = LazyLock::new(expected::load);

fn articles() -> &'static [Value] {
    ANALYSIS["articles"].as_array().expect("articles")
}

fn stories() -> &'static [Value] {
    ANALYSIS["stories"].as_array().expect("stories")
}

fn article(id: &str) -> &'static Value {
    articles()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no article {id}"))
}

fn story_of(article_id: &str) -> &'static Value {
    let story = &article(article_id)["story"];
    stories()
        .iter()
        .find(|s| &s["id"] == story)
        .unwrap_or_else(|| panic!("{article_id} has no story"))
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn usize_of(v: &Value) -> usize {
    v.as_u64().expect("an offset") as usize
}

/// Byte span of `needle` in the article's text.
fn find(article_id: &str, needle: &str) -> (usize, usize) {
    let text = article(article_id)["text"].as_str().expect("text");
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{article_id} does not contain {needle:?}"));
    (start, start + needle.len())
}

/// Index in its story's `entities` of the entity `article_id` spells `form`.
fn entity_spelled(article_id: &str, form: &str) -> usize {
    let story = story_of(article_id);
    let entities = story["entities"].as_array().expect("entities");
    entities
        .iter()
        .position(|e| {
            e["spellings"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|s| s["article"] == article_id && strs(&s["forms"]).contains(&form))
        })
        .unwrap_or_else(|| {
            panic!(
                "{article_id}: no entity spelled {form:?}; entities: {}",
                serde_json::to_string(&story["entities"]).unwrap_or_default()
            )
        })
}

/// Quote text compared as EXPECTED.md says: trailing `,` and `.` trimmed.
fn quote_core(text: &str) -> &str {
    text.trim().trim_end_matches([',', '.']).trim_end()
}

#[test]
fn every_offset_points_at_its_text() {
    for a in articles() {
        let text = a["text"].as_str().expect("text");
        let covered = |v: &Value| {
            let (s, e) = (usize_of(&v["start"]), usize_of(&v["end"]));
            let slice = text.get(s..e);
            assert!(slice.is_some(), "{}: bad span {s}..{e}", a["id"]);
            if let Some(t) = v.get("text").and_then(Value::as_str) {
                assert_eq!(slice, Some(t), "{}: span {s}..{e}", a["id"]);
            }
        };
        for key in ["segments", "quotes", "entity_mentions", "paragraphs"] {
            a[key].as_array().expect(key).iter().for_each(covered);
        }
    }
    for s in stories() {
        let occurrences = s["exclusive"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(
                s["shared"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|c| c["occurrences"].as_array().into_iter().flatten()),
            )
            .chain(
                s["quotes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|q| q["occurrences"].as_array().into_iter().flatten()),
            );
        for o in occurrences {
            let text = article(o["article"].as_str().expect("article"))["text"]
                .as_str()
                .expect("text");
            let (start, end) = (usize_of(&o["start"]), usize_of(&o["end"]));
            assert_eq!(text.get(start..end), o["text"].as_str(), "{o}");
        }
    }
}

#[test]
fn stories_and_arrival_order_match_expected() {
    let partition = expected::section(&EXPECTED, "Story partition");
    let rows = expected::table_rows(expected::part(partition, "| story |", "Arrival"));
    assert_eq!(stories().len(), rows.len(), "number of stories");
    for row in &rows {
        let story = stories()
            .iter()
            .find(|s| s["id"] == row[0].as_str())
            .unwrap_or_else(|| panic!("no {}", row[0]));
        assert_eq!(
            strs(&story["articles"]),
            expected::ticks(&row[2]),
            "{}",
            row[1]
        );
        let outlets: u64 = row[3].parse().expect("outlet count");
        assert_eq!(story["independent_outlets"], outlets, "{}", row[1]);
    }
    let order = expected::table_rows(expected::part(partition, "| # |", "###"));
    let ids: Vec<&str> = articles().iter().filter_map(|a| a["id"].as_str()).collect();
    let want: Vec<String> = order.iter().map(|r| expected::tick(&r[2])).collect();
    assert_eq!(ids, want);
    for row in &order {
        let a = article(&expected::tick(&row[2]));
        assert_eq!(a["published"], row[1].as_str());
        assert_eq!(a["source"], row[3].as_str());
    }
}

#[test]
fn only_the_syndicated_copy_is_a_copy() {
    for a in articles() {
        let want = (a["id"] == "ledger-rotterdam-strike").then_some("meridian-rotterdam-strike");
        assert_eq!(a["copy_of"].as_str(), want, "{}", a["id"]);
    }
}

#[test]
fn names_are_unified_across_spellings_and_outlets() {
    let table = expected::part(
        expected::section(&EXPECTED, "Entities and spellings"),
        "| entity | kind | article |",
        "Note",
    );
    // Rows without an entity cell continue the entity of the row above.
    let mut entities: Vec<(String, String, Vec<usize>)> = Vec::new();
    for row in expected::table_rows(table) {
        if !row[0].is_empty() {
            entities.push((row[0].clone(), row[1].clone(), Vec::new()));
        }
        let Some(article_id) = expected::ticks(&row[2]).into_iter().next() else {
            continue; // "all four": checked through the named articles
        };
        let forms_before_notes = row[3].split('(').next().unwrap_or("");
        let last = entities.last_mut().expect("an entity row first");
        for form in expected::ticks(forms_before_notes) {
            last.2.push(entity_spelled(&article_id, &form));
        }
        let story = story_of(&article_id);
        let kind = &story["entities"][last.2[0]]["kind"];
        assert_eq!(kind, last.1.as_str(), "{}", last.0);
    }
    let mut seen = Vec::new();
    for (name, _, indices) in entities.iter().filter(|e| !e.2.is_empty()) {
        assert!(
            indices.windows(2).all(|w| w[0] == w[1]),
            "{name}: its spellings landed on different entities {indices:?}"
        );
        assert!(
            !seen.contains(&indices[0]),
            "{name} merged with another entity"
        );
        seen.push(indices[0]);
    }
    let story = story_of("herald-sokolovskyy-call");
    let president = &story["entities"][entity_spelled("herald-sokolovskyy-call", "Sokolovskyy")];
    assert_eq!(president["name"], "Andriy Sokolovskyy");
    for alias in ["Andrii Sokolovsky", "Andriy Sokolovskiy", "Sokolovsky"] {
        assert!(
            strs(&president["aliases"]).contains(&alias),
            "alias {alias}"
        );
    }
}

#[test]
fn titles_are_stripped_from_names_and_role_nouns_resolve() {
    let section = expected::section(&EXPECTED, "Entities and spellings");
    let titles = expected::part(section, "Titles that must be stripped", "The role noun");
    for (article_id, titled) in expected::pairs(titles) {
        let (start, end) = find(&article_id, &titled);
        let mentions = article(&article_id)["entity_mentions"]
            .as_array()
            .expect("mentions");
        let inside: Vec<&Value> = mentions
            .iter()
            .filter(|m| usize_of(&m["start"]) >= start && usize_of(&m["end"]) <= end)
            .collect();
        assert_eq!(inside.len(), 1, "{article_id} {titled:?}: {inside:?}");
        let name = inside[0]["text"].as_str().expect("text");
        assert!(
            titled.ends_with(name) && !name.contains("President"),
            "{name:?}"
        );
    }
    let eastbridge = "eastbridge-sokolovskyy-call";
    let quote = article(eastbridge)["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .find(|q| quote_core(q["text"].as_str().unwrap_or("")).starts_with("Our soldiers"))
        .expect("the quote the Ukrainian president speaks");
    assert_eq!(quote["speaker"], "Andriy Sokolovskyy");
}

#[test]
fn other_stories_unify_names() {
    let same = |a: (&str, &str), b: (&str, &str)| {
        assert_eq!(
            entity_spelled(a.0, a.1),
            entity_spelled(b.0, b.1),
            "{a:?} vs {b:?}"
        );
    };
    same(
        ("eastbridge-antwerp-strike", "Scheldt Dockers’ Union"),
        ("northgate-antwerp-strike", "Scheldt Dockers' Union"),
    );
    same(
        ("meridian-rotterdam-strike", "NCT"),
        ("meridian-rotterdam-strike", "Noordzee Container Terminals"),
    );
    same(
        ("herald-wielgosz-coalition", "Paweł Kruk"),
        ("northgate-wielgosz-coalition", "Pawel Kruk"),
    );
    same(
        ("meridian-tomas-reyes-rehab", "Moreno"),
        ("herald-tomas-reyes-rehab", "Alicia Moreno"),
    );
}

/// One row of a quote table in EXPECTED.md section 3.
struct QuoteRow {
    group: String,
    article: String,
    partial: bool,
    fragment: bool,
    pieces: Vec<String>,
    speaker: String,
}

fn quote_rows() -> Vec<QuoteRow> {
    let section = expected::section(&EXPECTED, "Quotes");
    let tables = section
        .split("### Quote marks that are NOT")
        .next()
        .unwrap_or("");
    expected::table_rows(tables)
        .into_iter()
        .map(|row| QuoteRow {
            group: row[0].clone(),
            article: expected::tick(&row[1]),
            partial: row[2].starts_with("partial"),
            fragment: row[2].contains("fragment"),
            pieces: expected::ticks(&row[3]),
            speaker: row[4].clone(),
        })
        .collect()
}

/// The article's quote whose text matches the row, and its index.
fn quote_for(row: &QuoteRow) -> (usize, &'static Value) {
    let quotes = article(&row.article)["quotes"].as_array().expect("quotes");
    let first = quote_core(&row.pieces[0]);
    let last = quote_core(row.pieces.last().expect("a quoted string"));
    quotes
        .iter()
        .enumerate()
        .find(|(_, q)| {
            let text = quote_core(q["text"].as_str().unwrap_or(""));
            if row.pieces.len() == 1 {
                text == first
            } else {
                text.starts_with(first) && text.ends_with(last)
            }
        })
        .unwrap_or_else(|| {
            panic!(
                "{}: no quote {:?}; found {:?}",
                row.article,
                row.pieces,
                quotes.iter().map(|q| &q["text"]).collect::<Vec<_>>()
            )
        })
}

/// Whether `speaker` (as printed in EXPECTED.md) is the story entity named `name`.
fn is_speaker(story: &Value, name: &Value, speaker: &str) -> bool {
    story["entities"].as_array().into_iter().flatten().any(|e| {
        &e["name"] == name && (e["name"] == speaker || strs(&e["aliases"]).contains(&speaker))
    })
}

#[test]
fn every_quote_is_found_with_its_speaker_and_form() {
    for row in quote_rows() {
        let (_, quote) = quote_for(&row);
        let story = story_of(&row.article);
        assert!(
            is_speaker(story, &quote["speaker"], &row.speaker),
            "{} {}: speaker {} instead of {}",
            row.group,
            row.article,
            quote["speaker"],
            row.speaker
        );
        let form = if row.partial { "partial" } else { "direct" };
        assert_eq!(quote["form"], form, "{} {}", row.group, row.article);
    }
}

#[test]
fn the_same_quote_is_grouped_across_outlets_with_fragments_marked() {
    let rows = quote_rows();
    // (group label, article, start) -> index of the story quote group holding it.
    let mut placed: Vec<(&str, usize)> = Vec::new();
    for row in &rows {
        let (_, quote) = quote_for(row);
        let story = story_of(&row.article);
        let groups = story["quotes"].as_array().expect("quote groups");
        let start = &quote["start"];
        let (g, occurrence) = groups
            .iter()
            .enumerate()
            .find_map(|(g, group)| {
                group["occurrences"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find_map(|o| {
                        (o["article"] == row.article.as_str() && &o["start"] == start)
                            .then_some((g, o))
                    })
            })
            .unwrap_or_else(|| panic!("{} {}: quote in no group", row.group, row.article));
        assert_eq!(
            occurrence["fragment"], row.fragment,
            "{} {}",
            row.group, row.article
        );
        let label = row.group.as_str();
        for (other, other_g) in &placed {
            let same_story = other.chars().next() == label.chars().next();
            if same_story {
                assert_eq!(*other == label, *other_g == g, "{other} vs {label}");
            }
        }
        placed.push((label, g));
    }
    // The one-word translation difference shows as a word-level diff.
    let story = story_of("northgate-sokolovsky-call");
    let (_, northgate_c1) = quote_for(&QuoteRow {
        group: "C1".into(),
        article: "northgate-sokolovsky-call".into(),
        partial: false,
        fragment: false,
        pieces: vec!["It was a long and meaningful phone call".into()],
        speaker: String::new(),
    });
    let occurrence = story["quotes"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|g| g["occurrences"].as_array().into_iter().flatten())
        .find(|o| {
            o["article"] == "northgate-sokolovsky-call" && o["start"] == northgate_c1["start"]
        })
        .expect("C1 at Northgate");
    let changed: Vec<(&str, &str)> = occurrence["diff"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["op"] != "same")
        .map(|p| {
            (
                p["op"].as_str().unwrap_or(""),
                p["text"].as_str().unwrap_or("").trim(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        [("removed", "significant"), ("added", "meaningful")],
        "{occurrence}"
    );
}

#[test]
fn titles_and_apostrophes_are_not_quotes() {
    let section = expected::section(&EXPECTED, "Quotes");
    let not_quotes = section
        .split("### Quote marks that are NOT")
        .nth(1)
        .expect("the NOT-quotes list");
    for (article_id, marked) in expected::pairs(not_quotes) {
        let inner = marked.trim_matches(['"', '“', '”']);
        let quotes = article(&article_id)["quotes"].as_array().expect("quotes");
        assert!(
            quotes
                .iter()
                .all(|q| !q["text"].as_str().unwrap_or("").contains(inner)),
            "{article_id}: {marked} taken for a quote"
        );
    }
}

/// Kind of every segment overlapping `span` of the article.
fn kinds_over(article_id: &str, span: (usize, usize)) -> Vec<&'static str> {
    article(article_id)["segments"]
        .as_array()
        .expect("segments")
        .iter()
        .filter(|s| usize_of(&s["start"]) < span.1 && span.0 < usize_of(&s["end"]))
        .map(|s| s["kind"].as_str().unwrap_or(""))
        .collect()
}

#[test]
fn flagged_lines_are_flagged_and_nothing_else_is() {
    let section = expected::section(&EXPECTED, "Flagged lines");
    let mut flagged: Vec<(String, (usize, usize))> = Vec::new();
    for row in expected::table_rows(section) {
        let article_id = expected::tick(&row[0]);
        let kind = row[1].split_whitespace().next().unwrap_or("");
        let span = find(&article_id, &expected::tick(&row[2]));
        let kinds = kinds_over(&article_id, span);
        assert!(
            !kinds.is_empty() && kinds.iter().all(|k| *k == kind),
            "{article_id}: {:?} is {kinds:?}, not {kind}",
            row[2]
        );
        flagged.push((article_id, span));
    }
    let body = expected::part(section, "Lines that must stay **body**", "Not in any");
    for (article_id, line) in expected::pairs(body) {
        let kinds = kinds_over(&article_id, find(&article_id, &line));
        assert!(
            kinds.iter().all(|k| *k == "body"),
            "{article_id}: {line:?} is {kinds:?}"
        );
    }
    for a in articles() {
        let id = a["id"].as_str().expect("id");
        for s in a["segments"].as_array().expect("segments") {
            let (start, end) = (usize_of(&s["start"]), usize_of(&s["end"]));
            let listed = flagged
                .iter()
                .any(|(fid, span)| fid == id && span.0 <= start && end <= span.1);
            if !listed {
                let text = &a["text"].as_str().expect("text")[start..end];
                assert_eq!(s["kind"], "body", "{id}: {text:?} flagged");
            }
        }
    }
}

#[test]
fn html_page_furniture_is_left_out_of_the_text() {
    let section = expected::section(&EXPECTED, "Flagged lines");
    let furniture = expected::part(section, "Not in any article text", "\n");
    let text = article("eastbridge-sokolovskyy-call")["text"]
        .as_str()
        .expect("text");
    let strings = expected::ticks(furniture);
    assert!(strings.len() >= 2, "{furniture}");
    for s in strings.iter().filter(|s| s.len() > 20) {
        assert!(!text.contains(s.as_str()), "{s:?} is in the text");
    }
}

#[test]
fn claims_several_outlets_report_are_shared() {
    let section = expected::section(&EXPECTED, "Claims");
    let shared = expected::part(section, "### Shared", "\n## ");
    let groups = expected::bullet_groups(shared);
    assert_eq!(groups.len(), 9, "S1..S9");
    for (label, sentences) in groups {
        let story = story_of(&sentences[0].0);
        let claim = story["shared"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| {
                let occurrences = c["occurrences"].as_array().into_iter().flatten();
                occurrences.clone().any(|o| {
                    o["article"] == sentences[0].0.as_str() && o["text"] == sentences[0].1.as_str()
                })
            })
            .unwrap_or_else(|| panic!("{label}: {:?} is not shared", sentences[0]));
        for (article_id, sentence) in &sentences {
            let present = claim["occurrences"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|o| o["article"] == article_id.as_str() && o["text"] == sentence.as_str());
            assert!(
                present,
                "{label}: {article_id} {sentence:?} missing from {claim}"
            );
        }
    }
}

#[test]
fn claims_one_outlet_reports_are_exclusive() {
    let section = expected::section(&EXPECTED, "Claims");
    let exclusive = expected::part(section, "### Exclusive", "### Shared");
    let rows = expected::table_rows(exclusive);
    assert_eq!(rows.len(), 7);
    for row in rows {
        let (article_id, sentence) = (expected::tick(&row[0]), expected::tick(&row[1]));
        let story = story_of(&article_id);
        let found = story["exclusive"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|o| o["article"] == article_id.as_str() && o["text"] == sentence.as_str());
        assert!(found, "{article_id}: {sentence:?} is not exclusive");
    }
}

#[test]
fn the_copy_never_makes_a_claim_shared() {
    let story = story_of("ledger-rotterdam-strike");
    for claim in story["shared"].as_array().into_iter().flatten() {
        for o in claim["occurrences"].as_array().into_iter().flatten() {
            assert_ne!(o["article"], "ledger-rotterdam-strike", "{claim}");
        }
    }
}
