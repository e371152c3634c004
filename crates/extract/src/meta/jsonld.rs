//! JSON-LD blocks: parsed leniently, `@graph`s and arrays flattened, the
//! article-like objects put first (a page's JSON-LD often also describes the
//! site, the organisation and the breadcrumb).

use scraper::Html;
use serde_json::Value;

use crate::dom;

/// Types whose headline, author and dates are the page's own.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "report",
    "liveblogposting",
    "socialmediaposting",
    "posting",
];

pub(super) fn objects(document: &Html) -> Vec<Value> {
    let mut found = Vec::new();
    // Some frameworks carry the block in a meta tag (`<meta name="script:ld+json" content=...>`).
    let in_meta = dom::elements(document)
        .filter(|m| m.value().name() == "meta")
        .filter(|m| dom::attr(m.value(), "name").is_some_and(|n| n.ends_with("ld+json")))
        .filter_map(|m| dom::attr(m.value(), "content").map(str::to_string));
    for raw in dom::elements(document)
        .filter(|s| {
            s.value().name() == "script"
                && dom::attr(s.value(), "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
        })
        .map(|s| s.text().collect::<String>())
        .chain(in_meta)
    {
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        // Some sites end a block with a stray semicolon.
        let raw = raw.trim_end_matches(';');
        // Some templates escape the block as if it were HTML text (`&quot;`).
        let parsed = serde_json::from_str::<Value>(raw).or_else(|e| {
            if raw.contains("&quot;") {
                serde_json::from_str::<Value>(&raw.replace("&quot;", "\"").replace("&amp;", "&"))
            } else {
                Err(e)
            }
        });
        if let Ok(value) = parsed {
            flatten(value, &mut found, 0);
        }
    }
    // Stable: article-like objects first, then the rest in page order.
    found.sort_by_key(|o| !is_article(o));
    found
}

fn flatten(value: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            if let Some(main) = map.get("mainEntity").filter(|m| m.is_object()).cloned() {
                flatten(main, out, depth + 1);
            }
            if !map.is_empty() {
                out.push(Value::Object(map));
            }
        }
        _ => {}
    }
}

/// Whether the object's `@type` (a string or a list) names an article.
pub(super) fn is_article(object: &Value) -> bool {
    types(object).any(|t| ARTICLE_TYPES.contains(&t.to_lowercase().as_str()))
}

fn types(object: &Value) -> impl Iterator<Item = &str> {
    let t = object.get("@type");
    let list: Vec<&str> = match t {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
}

/// A string value, or the first string of a list.
pub(super) fn text(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim()),
        Value::Array(items) => items.iter().find_map(text),
        _ => None,
    }
}

/// Person names under an `author` / `creator` value: strings, `{name}`
/// objects, lists, and `{"@id"}` references to a node elsewhere in the
/// page's JSON-LD (Yoast and others put the person in the `@graph`).
pub(super) fn names(value: &Value, all: &[Value], out: &mut Vec<String>) {
    names_at(value, all, out, 0);
}

fn names_at(value: &Value, all: &[Value], out: &mut Vec<String>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| names_at(v, all, out, depth + 1)),
        Value::Object(map) => {
            let is_org = types(value).any(|t| {
                t.eq_ignore_ascii_case("organization")
                    || t.eq_ignore_ascii_case("newsmediaorganization")
            });
            if is_org {
                return;
            }
            match (map.get("name"), map.get("@id").and_then(Value::as_str)) {
                (Some(name), _) => names_at(name, all, out, depth + 1),
                (None, Some(id)) => {
                    let node = all.iter().find(|o| {
                        o.get("@id").and_then(Value::as_str) == Some(id) && o.get("name").is_some()
                    });
                    if let Some(node) = node {
                        names_at(node, all, out, depth + 1);
                    }
                }
                (None, None) => {}
            }
        }
        _ => {}
    }
}
