//! Event coding on the PLOVER gold standard records
//! (`../shared/data/events/plover/gold_standard_records`, CC BY-SA 4.0): the
//! CAMEO manual's example sentences coded in PLOVER by the Open Event Data
//! Alliance. Each record is one sentence read as an article; its first event
//! is compared with the gold event.
//!
//! The records predate PLOVER's draft 0.8 (2021), which Parallax codes: four
//! old categories are scored as the ones that replaced them (`DEMAND` →
//! `REQUEST`, `DISAPPROVE` and `INVESTIGATE` → `ACCUSE`, the latter with mode
//! `investigate`, `FIGHT` → `ASSAULT`), and old protest modes as their new
//! names (`strike-hun` → `hunger`, `demo-org` → `demo`, `riot-spon` → `riot`).
//!
//! An actor is right when it shares a content word with one of the gold
//! actor texts (`Egyptian police` for `Egyptian police`, `Zimbabwe` for
//! `Opposition groups in Zimbabwe`), or when both are absent.

use std::path::Path;

use anyhow::Context;
use parallax_model::{Actor, Article, Document};
use serde::Deserialize;

use crate::metrics::{Part, check_floor};

#[derive(Deserialize)]
struct Record {
    id: String,
    event: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    source: serde_json::Value,
    #[serde(default)]
    target: serde_json::Value,
}

impl Record {
    /// The record's number within its category: odd ones are the tuning half.
    fn in_tune_half(&self) -> bool {
        self.id
            .rsplit('-')
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n % 2 == 1)
    }

    fn kind(&self) -> &str {
        match self.event.as_str() {
            "DEMAND" => "REQUEST",
            "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
            "FIGHT" => "ASSAULT",
            other => other,
        }
    }

    fn mode(&self) -> &str {
        if self.event == "INVESTIGATE" {
            return "investigate";
        }
        match self.mode.as_deref().unwrap_or("").trim() {
            "strike-hun" => "hunger",
            "strike-gen" => "strike",
            "demo-org" | "demo-spon" => "demo",
            "riot-spon" => "riot",
            other => other,
        }
    }
}

/// The actor texts of a gold `source` or `target` (a list, or `""`).
fn actor_texts(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|a| a.get("actorText")?.as_str())
                .filter(|t| !t.trim().is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn content_words(text: &str) -> Vec<String> {
    parallax_text::words(text)
        .map(|w| parallax_text::fold(w.text))
        .filter(|w| !parallax_text::is_stopword(w))
        .collect()
}

fn actor_right(doc: &Document, ours: Option<&Actor>, gold: &[String]) -> bool {
    match ours {
        None => gold.is_empty(),
        Some(actor) => {
            let ours = content_words(doc.text_of(actor.span));
            gold.iter()
                .any(|g| content_words(g).iter().any(|w| ours.contains(w)))
        }
    }
}

/// One sentence read, cleaned and understood as an article.
fn understood(id: &str, text: &str) -> Document {
    parallax_pipeline::understand(Article::from_text(id, text))
}

pub struct Options<'a> {
    pub gold: &'a Path,
    /// PETRARCH2's unit-test records and the CAMEO-to-PLOVER table, scored
    /// for event type only (their actors are codes of fictional countries).
    pub petrarch: Option<(&'a Path, &'a Path)>,
    pub part: Part,
    pub min_type: Option<f64>,
    pub min_source: Option<f64>,
    pub min_target: Option<f64>,
    pub min_mode: Option<f64>,
    /// Print every record whose event type, source or target is wrong.
    pub misses: bool,
}

pub fn run(o: Options) -> anyhow::Result<()> {
    let raw =
        std::fs::read_to_string(o.gold).with_context(|| format!("reading {}", o.gold.display()))?;
    let records: Vec<Record> = serde_json::from_str(&raw)
        .with_context(|| format!("parsing {} as PLOVER records", o.gold.display()))?;
    let records: Vec<Record> = records
        .into_iter()
        .filter(|r| r.event != "DOCUMENT" && o.part.keeps(r.in_tune_half()))
        .collect();
    let (mut kind, mut source, mut target, mut mode, mut found) = (0, 0, 0, 0, 0);
    for r in &records {
        let doc = understood(&r.id, &r.text);
        let event = doc.annotations.events.first();
        found += usize::from(event.is_some());
        let ours = event.map_or("", |e| e.kind.as_str());
        let our_mode = event.map_or("", |e| e.mode.as_str());
        let kind_right = ours == r.kind();
        kind += usize::from(kind_right);
        mode += usize::from(our_mode == r.mode());
        let our_source = event.and_then(|e| e.source.as_ref());
        let our_target = event.and_then(|e| e.target.as_ref());
        let (gold_source, gold_target) = (actor_texts(&r.source), actor_texts(&r.target));
        let source_right = actor_right(&doc, our_source, &gold_source);
        let target_right = actor_right(&doc, our_target, &gold_target);
        source += usize::from(source_right);
        target += usize::from(target_right);
        if o.misses && !(kind_right && source_right && target_right) {
            let text = |a: Option<&Actor>| a.map_or("-", |a| doc.text_of(a.span));
            let trigger = event.map_or("", |e| doc.text_of(e.trigger));
            println!(
                "{} gold {} {gold_source:?} -> {gold_target:?} | ours {ours} «{trigger}» {} -> {} | {}",
                r.id,
                r.kind(),
                text(our_source),
                text(our_target),
                r.text
            );
        }
    }
    let n = records.len().max(1) as f64;
    let share = |k: usize| k as f64 / n;
    println!(
        "PLOVER gold records ({:?}): {} sentences, {} with an event; type {:.3}, source {:.3}, target {:.3}, mode {:.3}",
        o.part,
        records.len(),
        found,
        share(kind),
        share(source),
        share(target),
        share(mode)
    );
    if let Some((records, table)) = o.petrarch {
        petrarch(records, table)?;
    }
    check_floor("event type accuracy", share(kind), o.min_type)?;
    check_floor("event source accuracy", share(source), o.min_source)?;
    check_floor("event target accuracy", share(target), o.min_target)?;
    check_floor("event mode accuracy", share(mode), o.min_mode)?;
    Ok(())
}

/// The CAMEO-to-PLOVER table: `064: COOPERATE, , intelligence # ...` lines,
/// code → category.
fn cameo_table(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (code, rest) = l.split_once(':')?;
            let category = rest.split([',', '#']).next()?.trim();
            (!category.is_empty()).then(|| (code.trim().to_string(), category.to_string()))
        })
        .collect()
}

/// The PLOVER category of a CAMEO code, by its longest known prefix
/// (`1711` → `171` → `17`); `None` for codes CAMEO does not have (the
/// suite's own test codes, `9xx`).
fn plover_of<'t>(table: &'t [(String, String)], code: &str) -> Option<&'t str> {
    (2..=code.len()).rev().find_map(|n| {
        let prefix = code.get(..n)?;
        table
            .iter()
            .find(|(c, _)| c == prefix)
            .map(|(_, category)| category.as_str())
    })
}

/// Text between `open` and `close` after `from`, and where it ends.
fn between<'s>(s: &'s str, open: &str, close: &str) -> Option<&'s str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

/// PETRARCH2's unit-test suite: each sentence's first gold coding against
/// the first event found; a sentence coded `noevents` is right when none is.
fn petrarch(records: &Path, table: &Path) -> anyhow::Result<()> {
    let xml = std::fs::read_to_string(records)
        .with_context(|| format!("reading {}", records.display()))?;
    let table = cameo_table(
        &std::fs::read_to_string(table).with_context(|| format!("reading {}", table.display()))?,
    );
    let (mut scored, mut right, mut skipped) = (0usize, 0usize, 0usize);
    for block in xml.split("<Sentence ").skip(1) {
        let Some(text) = between(block, "<Text>", "</Text>") else {
            continue;
        };
        let gold = if block.contains("noevents") {
            Some(None)
        } else {
            between(block, "eventcode=\"", "\"")
                .map(|code| plover_of(&table, code).map(Some))
                .unwrap_or(None)
        };
        let Some(gold) = gold else {
            skipped += 1;
            continue;
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let doc = understood("", &text);
        let ours = doc.annotations.events.first().map(|e| e.kind.as_str());
        scored += 1;
        right += usize::from(ours == gold);
    }
    println!(
        "PETRARCH2 unit tests: {scored} sentences scored ({skipped} whose codes CAMEO does not have left out); type {:.3}",
        right as f64 / scored.max(1) as f64
    );
    Ok(())
}
