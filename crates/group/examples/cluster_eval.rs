//! Story clustering quality on a labelled JSONL set, independent of the
//! other stages.
//!
//! Each line: `{"id", "title", "text", "published"?, "gold"}`. Documents get a
//! crude entity extraction (capitalised word runs → `other:<folded>`) instead
//! of the understand stage, are streamed in (published, file) order, and the
//! stories are scored with BCubed and pairwise precision/recall/F1.
//!
//! ```text
//! cargo run -p parallax-group --example cluster_eval -- docs.jsonl [key=value ...]
//! ```
//!
//! `key=value` pairs override [`Config`] fields for tuning (e.g.
//! `join_threshold=0.25`); `undated` drops all dates (a dense-stream stress
//! test); `no-entities` drops the crude entities (terms only). With
//! `CLUSTER_EVAL_VERBOSE=1` every document's story and explanation is printed.

use std::collections::HashMap;
use std::error::Error;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use parallax_group::{Clusterer, Config};
use parallax_model::{
    Annotations, Article, Cleaned, Document, EntityKind, LocalEntity, Mention, Segment,
    SegmentKind, Span,
};
use parallax_text::{fold, is_stopword, words};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: cluster_eval <docs.jsonl> [key=value ...]")?;
    let mut config = Config::default();
    let mut undated = false;
    let mut entities = true;
    for arg in args {
        if arg == "undated" {
            undated = true;
        } else if arg == "no-entities" {
            entities = false;
        } else {
            override_config(&mut config, &arg)?;
        }
    }
    let (mut docs, gold) = load(&path)?;
    if !entities {
        // Terms only: what the clusterer sees when no entity annotator runs.
        for doc in &mut docs {
            doc.annotations = Annotations::default();
        }
    }
    if undated {
        // A dense-stream stress test: without dates nothing keeps events apart
        // but their content.
        for doc in &mut docs {
            doc.article.published = None;
        }
    }

    // Arrival order: by date, undated last, file order otherwise (stable).
    let mut labelled: Vec<(Document, String)> = docs.into_iter().zip(gold).collect();
    labelled.sort_by_key(|(d, _)| (d.article.published.is_none(), d.article.published));
    let (by_arrival, gold_by_arrival): (Vec<Document>, Vec<String>) = labelled.into_iter().unzip();

    let started = Instant::now();
    let mut clusterer = Clusterer::new(config);
    for doc in &by_arrival {
        clusterer.add(doc);
    }
    let grouping = clusterer.finish();
    let elapsed = started.elapsed();

    if std::env::var_os("CLUSTER_EVAL_VERBOSE").is_some() {
        for ((doc, m), g) in by_arrival
            .iter()
            .zip(&grouping.memberships)
            .zip(&gold_by_arrival)
        {
            println!(
                "{}\t{}\t{}\t{:.3}\t{:?}\t{}\t{:?}\t{:?}\t{:?}",
                doc.article.id,
                g,
                m.story,
                m.why.score,
                doc.article.published.map(|d| d.date_naive()),
                doc.article.title,
                m.why.shared_terms,
                m.why.shared_entities,
                m.copy_of
                    .and_then(|c| by_arrival.get(c))
                    .map(|d| &d.article.id)
            );
        }
    }
    let predicted: Vec<usize> = grouping.memberships.iter().map(|m| m.story).collect();
    let copies = grouping
        .memberships
        .iter()
        .filter(|m| m.copy_of.is_some())
        .count();
    let gold_ids = intern(&gold_by_arrival);
    let (bp, br, bf) = bcubed(&predicted, &gold_ids);
    let (pp, pr, pf) = pairwise(&predicted, &gold_ids);
    println!("file       {path}");
    println!(
        "documents  {}  gold stories {}  stories {}  merges {}  copies {}  ({:.0} ms)",
        predicted.len(),
        distinct(&gold_ids),
        distinct(&predicted),
        grouping.merges.len(),
        copies,
        elapsed.as_secs_f64() * 1000.0
    );
    println!("bcubed     P {bp:.3}  R {br:.3}  F1 {bf:.3}");
    println!("pairwise   P {pp:.3}  R {pr:.3}  F1 {pf:.3}");
    println!("nmi        {:.3}", nmi(&predicted, &gold_ids));
    Ok(())
}

fn override_config(config: &mut Config, arg: &str) -> Result<(), Box<dyn Error>> {
    let (key, value) = arg.split_once('=').ok_or("overrides are key=value")?;
    let f = || value.parse::<f32>();
    let n = || value.parse::<usize>();
    let days = || {
        value
            .parse::<f64>()
            .map(|d| Duration::from_secs_f64(d * 86_400.0))
    };
    match key {
        "doc_terms" => config.doc_terms = n()?,
        "centroid_terms" => config.centroid_terms = n()?,
        "centroid_entities" => config.centroid_entities = n()?,
        "lookup_terms" => config.lookup_terms = n()?,
        "indexed_terms" => config.indexed_terms = n()?,
        "indexed_entities" => config.indexed_entities = n()?,
        "max_candidates" => config.max_candidates = n()?,
        "title_weight" => config.title_weight = f()?,
        "idf_prior_docs" => config.idf_prior_docs = f()?,
        "max_lookup_df" => config.max_lookup_df = f()?,
        "entity_weight" => config.entity_weight = f()?,
        "distinctive_df" => config.distinctive_df = f()?,
        "disjoint_entity_penalty" => config.disjoint_entity_penalty = f()?,
        "join_threshold" => config.join_threshold = f()?,
        "merge_threshold" => config.merge_threshold = f()?,
        "window_days" => config.window = days()?,
        "time_decay_days" => config.time_decay = days()?,
        "copy_threshold" => config.copy_threshold = f()?,
        _ => return Err(format!("unknown config field {key}").into()),
    }
    Ok(())
}

fn load(path: &str) -> Result<(Vec<Document>, Vec<String>), Box<dyn Error>> {
    let mut docs = Vec::new();
    let mut gold = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        let field = |k: &str| match v.get(k) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        let published = v
            .get("published")
            .and_then(|p| p.as_str())
            .and_then(parse_date);
        let article = Article {
            id: field("id"),
            source: v.get("source").and_then(|s| s.as_str()).map(str::to_string),
            url: None,
            title: field("title"),
            published,
            language: Some("en".into()),
            text: field("text"),
        };
        gold.push(field("gold"));
        docs.push(build_document(article));
    }
    Ok((docs, gold))
}

fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            let day = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
            Some(day.and_hms_opt(12, 0, 0)?.and_utc())
        })
}

/// One body segment per non-empty line, and crude entities.
fn build_document(article: Article) -> Document {
    let mut cleaned = Cleaned::default();
    let mut offset = 0;
    for line in article.text.split('\n') {
        let start = offset + (line.len() - line.trim_start().len());
        let end = offset + line.trim_end().len();
        offset += line.len() + 1;
        if end > start {
            let span = Span::new(start, end);
            cleaned.segments.push(Segment {
                span,
                paragraph: cleaned.paragraphs.len(),
                kind: SegmentKind::Body,
            });
            cleaned.paragraphs.push(span);
        }
    }
    let annotations = crude_entities(&article.text);
    Document {
        article,
        cleaned,
        annotations,
    }
}

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "am",
    "pm",
    "et",
    "edt",
    "est",
    "pt",
    "pdt",
    "pst",
    "gmt",
    "utc",
    "bst",
    "cet",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
];

/// Titles and roles that precede a name ("Actress Lindsay Lohan").
const TITLES: &[&str] = &[
    "actress",
    "actor",
    "singer",
    "star",
    "president",
    "vice",
    "prime",
    "minister",
    "judge",
    "attorney",
    "lawyer",
    "prosecutor",
    "rep",
    "sen",
    "senator",
    "gov",
    "governor",
    "secretary",
    "chairman",
    "chief",
    "former",
    "director",
    "coach",
    "champion",
    "general",
    "officer",
    "spokesman",
    "spokeswoman",
    "superior",
    "court",
    "sheriff",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "captain",
    "detective",
    "police",
    "rapper",
    "model",
    "leader",
    "speaker",
    "representative",
    "chairwoman",
    "whip",
    "adviser",
    "advisor",
    "aide",
    "ceo",
];

/// A crude stand-in for the understand stage: runs of capitalised words in
/// non-headline lines, leading function words and titles dropped ("The Hague"
/// → "hague", "Actress Lindsay Lohan" → "lindsay lohan"), dates and time
/// zones ignored, a single capitalised word at the start of a sentence
/// skipped (usually an ordinary word), and short forms resolved to the
/// longer name they end or belong to within the article ("Lohan" →
/// "lindsay lohan").
fn crude_entities(text: &str) -> Annotations {
    let runs = capitalised_runs(text);
    let forms: Vec<&Vec<String>> = runs.iter().map(|(_, words)| words).collect();
    let mut annotations = Annotations::default();
    let mut keys: HashMap<String, usize> = HashMap::new();
    for (span, words) in &runs {
        let resolved = forms
            .iter()
            .filter(|longer| longer.len() > words.len())
            .filter(|longer| {
                longer.ends_with(words)
                    || (words.len() == 1 && words.first().is_some_and(|w| longer.contains(w)))
            })
            .max_by_key(|longer| longer.len())
            .copied()
            .unwrap_or(words);
        let key = format!("other:{}", resolved.join(" "));
        let next = annotations.entities.len();
        let entity = *keys.entry(key.clone()).or_insert(next);
        if entity == next {
            annotations.entities.push(LocalEntity {
                name: span.slice(text).to_string(),
                kind: EntityKind::Other,
                key,
            });
        }
        annotations.mentions.push(Mention {
            span: *span,
            entity,
        });
    }
    annotations
}

/// Title-case lines (headlines) capitalise ordinary words: no names there.
fn is_headline(line: &str) -> bool {
    let long: Vec<&str> = words(line)
        .map(|w| w.text)
        .filter(|w| w.len() > 3)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    long.len() >= 3 && capitalised * 5 >= long.len() * 4
}

fn capitalised_runs(text: &str) -> Vec<(Span, Vec<String>)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let line_start = offset;
        offset += line.len() + 1;
        if is_headline(line) {
            continue;
        }
        // (start, end, folded, starts a sentence)
        let mut run: Vec<(usize, usize, String, bool)> = Vec::new();
        let mut previous_end = 0;
        for w in words(line) {
            let gap = line.get(previous_end..w.start).unwrap_or(" ");
            let capitalised = w.text.chars().next().is_some_and(char::is_uppercase);
            let sentence_start =
                previous_end == 0 || gap.contains(['.', '!', '?', '"', '\u{201c}']);
            // "Anthony D. Weiner": a middle initial does not end the name.
            let after_initial = run.last().is_some_and(|w| w.1 - w.0 == 1) && gap == ". ";
            let continues = gap.chars().all(|c| c == ' ') || after_initial;
            if !capitalised || !continues {
                finish_run(&mut run, &mut out);
            }
            if capitalised {
                let initial = sentence_start && run.is_empty();
                run.push((
                    line_start + w.start,
                    line_start + w.end,
                    fold(w.text),
                    initial,
                ));
            }
            previous_end = w.end;
        }
        finish_run(&mut run, &mut out);
    }
    out
}

fn finish_run(run: &mut Vec<(usize, usize, String, bool)>, out: &mut Vec<(Span, Vec<String>)>) {
    let junk = |w: &str| is_stopword(w) || NOT_NAMES.contains(&w);
    let mut words: &[(usize, usize, String, bool)] = run;
    // "House Majority Leader Eric Cantor": the name follows the last title.
    if let Some(last_title) = words
        .iter()
        .rposition(|w| TITLES.contains(&w.2.as_str()))
        .filter(|&i| i + 1 < words.len())
    {
        words = words.get(last_title + 1..).unwrap_or_default();
    }
    while let Some((first, rest)) = words.split_first() {
        if junk(&first.2) || TITLES.contains(&first.2.as_str()) {
            words = rest;
        } else {
            break;
        }
    }
    while let Some((last, rest)) = words.split_last() {
        if junk(&last.2) {
            words = rest;
        } else {
            break;
        }
    }
    let single_initial = words.len() == 1 && words.first().is_some_and(|w| w.3);
    if let (Some(first), Some(last), false) = (words.first(), words.last(), single_initial) {
        out.push((
            Span::new(first.0, last.1),
            words.iter().map(|w| w.2.clone()).collect(),
        ));
    }
    run.clear();
}

fn intern(labels: &[String]) -> Vec<usize> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    labels
        .iter()
        .map(|l| {
            let next = ids.len();
            *ids.entry(l.as_str()).or_insert(next)
        })
        .collect()
}

fn distinct(labels: &[usize]) -> usize {
    let mut v = labels.to_vec();
    v.sort_unstable();
    v.dedup();
    v.len()
}

fn counts(labels: &[usize]) -> HashMap<usize, f64> {
    let mut c = HashMap::new();
    for &l in labels {
        *c.entry(l).or_insert(0.0) += 1.0;
    }
    c
}

fn joint(a: &[usize], b: &[usize]) -> HashMap<(usize, usize), f64> {
    let mut c = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *c.entry((x, y)).or_insert(0.0) += 1.0;
    }
    c
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn bcubed(pred: &[usize], gold: &[usize]) -> (f64, f64, f64) {
    let (cp, cg, both) = (counts(pred), counts(gold), joint(pred, gold));
    let n = pred.len().max(1) as f64;
    let (mut p, mut r) = (0.0, 0.0);
    for (x, y) in pred.iter().zip(gold) {
        let shared = both.get(&(*x, *y)).copied().unwrap_or(0.0);
        p += shared / cp.get(x).copied().unwrap_or(1.0);
        r += shared / cg.get(y).copied().unwrap_or(1.0);
    }
    let (p, r) = (p / n, r / n);
    (p, r, f1(p, r))
}

/// Normalised mutual information (arithmetic-mean normalisation, as
/// scikit-learn's default).
fn nmi(pred: &[usize], gold: &[usize]) -> f64 {
    let n = pred.len() as f64;
    if n == 0.0 {
        return 1.0;
    }
    let (cp, cg, both) = (counts(pred), counts(gold), joint(pred, gold));
    let entropy =
        |c: &HashMap<usize, f64>| -> f64 { c.values().map(|&k| -(k / n) * (k / n).ln()).sum() };
    let mut mi = 0.0;
    for (&(x, y), &k) in &both {
        let (px, py) = (
            cp.get(&x).copied().unwrap_or(1.0),
            cg.get(&y).copied().unwrap_or(1.0),
        );
        mi += (k / n) * ((k * n) / (px * py)).ln();
    }
    let norm = (entropy(&cp) + entropy(&cg)) / 2.0;
    if norm > 0.0 { mi / norm } else { 1.0 }
}

fn pairs<K>(c: HashMap<K, f64>) -> f64 {
    c.values().map(|n| n * (n - 1.0) / 2.0).sum()
}

fn pairwise(pred: &[usize], gold: &[usize]) -> (f64, f64, f64) {
    let (tp, pp, gp) = (
        pairs(joint(pred, gold)),
        pairs(counts(pred)),
        pairs(counts(gold)),
    );
    let p = if pp > 0.0 { tp / pp } else { 1.0 };
    let r = if gp > 0.0 { tp / gp } else { 1.0 };
    (p, r, f1(p, r))
}
