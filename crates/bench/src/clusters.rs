//! Story clustering quality on labelled JSONL sets (`id`, `title`, `text`,
//! optional `published`, `source`, `url`, and `gold`): the whole pipeline runs
//! (clean, understand, group) in one streaming pass, and the stories it forms
//! are scored against the gold labels.
//!
//! The GoogleNews sets of Yin & Wang are read as they are published:
//! `{"text", "cluster"}` (GSDMM's T, S, TS) and `{"Id", "clusterNo",
//! "textCleaned"}` (MStream's News, News-T); a line without an id gets its
//! line number.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use parallax_model::{Article, Membership};
use serde::Deserialize;

use crate::metrics::{self, Prf};

#[derive(Deserialize)]
struct Labelled {
    #[serde(alias = "Id")]
    id: Option<serde_json::Value>,
    #[serde(default)]
    title: String,
    #[serde(default, alias = "textCleaned")]
    text: String,
    source: Option<String>,
    url: Option<String>,
    published: Option<String>,
    #[serde(alias = "cluster", alias = "clusterNo")]
    gold: serde_json::Value,
}

pub struct Scores {
    /// Per article in input order: id, gold story, found story, and why it
    /// joined (score and shared names and terms).
    pub rows: Vec<[String; 4]>,
    pub articles: usize,
    pub gold_stories: usize,
    pub stories: usize,
    pub bcubed: Prf,
    pub pairwise: Prf,
    pub nmi: f64,
}

fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            let day = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
            Some(day.and_hms_opt(0, 0, 0)?.and_utc())
        })
}

/// Read labelled articles from each file; ids and labels are prefixed with
/// the file's folder and name so that several sets can be mixed in one stream.
pub fn load(paths: &[impl AsRef<Path>]) -> anyhow::Result<(Vec<Article>, Vec<String>)> {
    let mut articles = Vec::new();
    let mut gold = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = |p: Option<&Path>| {
            p.and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let set = format!("{}/{}", name(path.parent()), name(Some(path)));
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        for (n, line) in BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("{}:{}: unreadable", path.display(), n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let doc: Labelled = serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: not a labelled article", path.display(), n + 1))?;
            let id = match doc.id {
                Some(serde_json::Value::String(s)) => s,
                Some(other) => other.to_string(),
                None => (n + 1).to_string(),
            };
            gold.push(format!("{set}/{}", doc.gold));
            articles.push(Article {
                id: format!("{set}/{id}"),
                source: doc.source,
                url: doc.url,
                title: doc.title,
                published: doc.published.as_deref().and_then(parse_date),
                language: None,
                text: doc.text,
            });
        }
    }
    Ok((articles, gold))
}

/// Run the pipeline over `articles` and score its stories against `gold`.
pub fn score(articles: Vec<Article>, gold: &[String]) -> Scores {
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let analysis = parallax_pipeline::analyze(articles);
    let membership_of: HashMap<&str, &Membership> = analysis
        .documents
        .iter()
        .zip(&analysis.grouping.memberships)
        .map(|(d, m)| (d.article.id.as_str(), m))
        .collect();
    // Articles the pipeline dropped (none expected) each count as a singleton.
    let pred: Vec<String> = ids
        .iter()
        .map(|id| match membership_of.get(id.as_str()) {
            Some(m) => m.story.to_string(),
            None => format!("missing:{id}"),
        })
        .collect();
    let rows = ids
        .iter()
        .zip(gold)
        .zip(&pred)
        .map(|((id, gold), story)| {
            let why = membership_of
                .get(id.as_str())
                .map(|m| {
                    let copy = m
                        .copy_of
                        .map(|c| format!("copy of #{c}; "))
                        .unwrap_or_default();
                    format!(
                        "{copy}{:.3}; {}; {}",
                        m.why.score,
                        m.why.shared_entities.join(", "),
                        m.why.shared_terms.join(", ")
                    )
                })
                .unwrap_or_default();
            [id.clone(), gold.clone(), story.clone(), why]
        })
        .collect();
    let gold: Vec<&str> = gold.iter().map(String::as_str).collect();
    let mut gold_set = gold.clone();
    gold_set.sort_unstable();
    gold_set.dedup();
    Scores {
        rows,
        articles: ids.len(),
        gold_stories: gold_set.len(),
        stories: analysis.stories.len(),
        bcubed: metrics::bcubed(&gold, &pred),
        pairwise: metrics::pairwise(&gold, &pred),
        nmi: metrics::nmi(&gold, &pred),
    }
}

/// Write [`Scores::rows`] as TSV (`id`, `gold`, `story`, `why`), for reading
/// which stories were merged or split.
pub fn write_predictions(path: &Path, scores: &Scores) -> anyhow::Result<()> {
    let mut out = String::from("id\tgold\tstory\twhy\n");
    for row in &scores.rows {
        let cells: Vec<String> = row.iter().map(|c| c.replace(['\t', '\n'], " ")).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))
}
