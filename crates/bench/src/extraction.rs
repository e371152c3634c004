//! `parallax-bench extraction`: body, title, author and date quality of
//! `parallax_extract` on one labelled set, and its speed on one core; with
//! `--peer`, the Python baseline's output for the same pages scored by the same
//! code, as a second row.

mod score;
mod sets;

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use serde_json::Value;

use crate::metrics::check_floor;
use score::{Output, Scores};
pub use sets::Set;

pub struct Options {
    pub set: Set,
    pub data: PathBuf,
    pub peer: Option<PathBuf>,
    pub min_body_f1: Option<f64>,
    pub min_title: Option<f64>,
    pub min_author: Option<f64>,
    pub min_date: Option<f64>,
    /// Print every title, author and date miss of Parallax to stderr.
    pub misses: bool,
    /// Passes over the set; each page's time is its fastest.
    pub repeat: usize,
}

pub fn run(o: Options) -> anyhow::Result<()> {
    let cases = sets::load(o.set, &o.data)?;
    // Only the extraction call is timed: reading and decoding are the same for every tool.
    let pages = cases
        .iter()
        .map(|case| sets::read_page(&case.html))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut ours: HashMap<String, Output> = HashMap::new();
    // Whole passes over the set, as the Python baseline does.
    for _ in 0..o.repeat.max(1) {
        for (case, html) in cases.iter().zip(&pages) {
            let start = Instant::now();
            let page = parallax_extract::extract(html);
            let seconds = start.elapsed().as_secs_f64();
            if let Some(best) = ours.get_mut(&case.id) {
                best.seconds = best.seconds.min(seconds);
                continue;
            }
            let author = (!page.authors.is_empty()).then(|| page.authors.join("; "));
            ours.insert(
                case.id.clone(),
                Output {
                    text: page.text,
                    title: page.title,
                    author,
                    date: page.published,
                    seconds,
                },
            );
        }
    }
    let parallax = score::score(o.set, &cases, &ours);
    if o.misses {
        print_misses(&cases, &ours);
    }
    println!(
        "| tool | pages | body P | body R | body F1 | set figures | title acc | author acc | date acc | extraction s | pages/s (1 core) |"
    );
    println!("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
    row("parallax", &parallax, None);
    if let Some(path) = &o.peer {
        let peer = score::score(o.set, &cases, &load_peer(path)?);
        row("trafilatura 2.3.1 (Python)", &peer, Some(&parallax));
    }
    println!(
        "labelled: title {}, author {}, date {}",
        parallax.title.labelled, parallax.author.labelled, parallax.date.labelled
    );
    floor("body F1", parallax.body.map(|b| b.f1), o.min_body_f1)?;
    floor("title accuracy", parallax.title.value(), o.min_title)?;
    floor("author accuracy", parallax.author.value(), o.min_author)?;
    floor("date accuracy", parallax.date.value(), o.min_date)
}

fn row(tool: &str, s: &Scores, faster_than_us: Option<&Scores>) {
    let fmt = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.3}"));
    let rate = s.pages as f64 / s.seconds.max(1e-9);
    let speed = match faster_than_us {
        Some(us) => format!(
            "{rate:.0} (parallax {:.1}x)",
            (us.pages as f64 / us.seconds.max(1e-9)) / rate
        ),
        None => format!("{rate:.0}"),
    };
    println!(
        "| {tool} | {} | {} | {} | {} | {} | {} | {} | {} | {:.2} | {speed} |",
        s.pages,
        fmt(s.body.map(|b| b.precision)),
        fmt(s.body.map(|b| b.recall)),
        fmt(s.body.map(|b| b.f1)),
        s.notes,
        fmt(s.title.value()),
        fmt(s.author.value()),
        fmt(s.date.value()),
        s.seconds,
    );
}

/// A floor on a figure the set may not measure at all.
fn floor(what: &str, value: Option<f64>, floor: Option<f64>) -> anyhow::Result<()> {
    match (value, floor) {
        (None, Some(_)) => bail!("{what} has a floor but this set does not measure it"),
        (Some(v), f) => check_floor(what, v, f),
        (None, None) => Ok(()),
    }
}

/// The Python baseline's JSONL: one object per page with `id`, `text`, `title`,
/// `author`, `date` and `seconds`.
fn load_peer(path: &Path) -> anyhow::Result<HashMap<String, Output>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut outputs = HashMap::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: reading", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let id = text("id").with_context(|| format!("{}:{}: no \"id\"", path.display(), n + 1))?;
        outputs.insert(
            id,
            Output {
                text: text("text").unwrap_or_default(),
                title: text("title").filter(|t| !t.is_empty()),
                author: text("author").filter(|t| !t.is_empty()),
                date: text("date").filter(|t| !t.is_empty()),
                seconds: v.get("seconds").and_then(Value::as_f64).unwrap_or(0.0),
            },
        );
    }
    Ok(outputs)
}

fn print_misses(cases: &[sets::Case], outputs: &HashMap<String, Output>) {
    for case in cases {
        let Some(out) = outputs.get(&case.id) else {
            continue;
        };
        let found = [
            &out.title,
            &out.author,
            &out.date.as_ref().map(|d| d.chars().take(10).collect()),
        ];
        let gold = [&case.title, &case.author, &case.date];
        for ((what, found), gold) in ["title", "author", "date"].iter().zip(found).zip(gold) {
            if let Some(gold) = gold
                && found.as_deref().map(score::normalise) != Some(score::normalise(gold))
            {
                eprintln!("{} {what}: got {found:?} want {gold:?}", case.id);
            }
        }
    }
}
