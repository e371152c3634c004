//! Reads the ground truth of the demo corpus out of `examples/EXPECTED.md`, so
//! that the document users read and the end-to-end test can never disagree.
//!
//! Only the shapes EXPECTED.md uses are understood: Markdown tables whose cells
//! hold `backticked` strings, and `- `article` `sentence`` bullets.

use std::collections::BTreeMap;

pub fn load() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/EXPECTED.md");
    std::fs::read_to_string(path).expect("examples/EXPECTED.md is readable")
}

/// The body of the `## N. ...` section whose heading contains `title`.
pub fn section<'a>(doc: &'a str, title: &str) -> &'a str {
    let start = doc
        .match_indices("\n## ")
        .map(|(i, _)| i + 1)
        .find(|&i| doc[i..].lines().next().is_some_and(|h| h.contains(title)))
        .unwrap_or_else(|| panic!("EXPECTED.md has no section {title:?}"));
    let rest = &doc[start + 3..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

/// The part of `text` from the line containing `from` up to (not including)
/// the next line starting with `until` (or the end).
pub fn part<'a>(text: &'a str, from: &str, until: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("EXPECTED.md lacks {from:?}"));
    let start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[start..];
    let end = rest[1..]
        .find(&format!("\n{until}"))
        .map_or(rest.len(), |i| i + 2);
    &rest[..end]
}

/// Table rows (not the header or the `|---|` rule) as lists of raw cells.
pub fn table_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut seen_rule = false;
    for line in text.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            seen_rule = false;
            continue;
        }
        if line.starts_with("|---") {
            seen_rule = true;
            continue;
        }
        if seen_rule {
            let inner = line.strip_prefix('|').unwrap_or(line);
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            let cells = inner.split('|').map(|c| c.trim().to_string()).collect();
            rows.push(cells);
        }
    }
    rows
}

/// Every `backticked` string of a cell or line, in order.
pub fn ticks(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The first `backticked` string of a cell.
pub fn tick(text: &str) -> String {
    ticks(text)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no `string` in {text:?}"))
}

/// Bullet lines `- `article` `sentence`` grouped under the paragraph heading
/// that precedes them (`S1 — ...`).
pub fn bullet_groups(text: &str) -> BTreeMap<String, Vec<(String, String)>> {
    let mut groups: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut current = String::new();
    for line in text.lines() {
        if let Some(bullet) = line.strip_prefix("- ") {
            let t = ticks(bullet);
            if t.len() == 2 {
                groups
                    .entry(current.clone())
                    .or_default()
                    .push((t[0].clone(), t[1].clone()));
            }
        } else if !line.trim().is_empty() {
            current = line.split(' ').next().unwrap_or("").to_string();
        }
    }
    groups
}

/// Pairs of backticked strings `article` `text` in running prose.
pub fn pairs(text: &str) -> Vec<(String, String)> {
    ticks(text)
        .chunks(2)
        .filter(|c| c.len() == 2)
        .map(|c| (c[0].clone(), c[1].clone()))
        .collect()
}
