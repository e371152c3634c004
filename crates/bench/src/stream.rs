//! `parallax-bench stream --sizes 10000,100000,1000000`: the story clusterer
//! alone on an endless synthetic stream, at scale.
//!
//! Articles are generated on the fly in arrival order (a story every two
//! minutes, so a million articles span about ten months and the seven-day
//! window slides many times), turned into documents with the entities the
//! understand stage would find, prepared in parallel (tokens, MinHash) and
//! placed one by one by the sequential clusterer while the next batch is being
//! prepared. Nothing is kept per article but its story id (4 bytes), so peak
//! memory is bounded by the window, not by the stream. Each size runs in a
//! fresh child process, so that each peak-memory reading is its own.

use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use chrono::Duration;
use parallax_group::{Clusterer, Prepared, Preparer};
use parallax_model::{Annotations, Cleaned, Document};
use rayon::prelude::*;

use crate::metrics;
use crate::synth::{Shape, Stream, SynthArticle};

/// Articles generated and prepared at a time.
const BATCH: usize = 2048;

/// How often a new story starts in the synthetic stream.
const STORY_EVERY_MINUTES: i64 = 2;

/// Run each size in a child process and print a Markdown table.
pub fn run(sizes: &[usize], seed: u64) -> anyhow::Result<()> {
    println!(
        "| articles | days | stories (gold) | active stories at end | s | clusterer s | clusterer CPU s | CPU s | articles/s | peak RSS MiB | BCubed F1 |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let me = std::env::current_exe().context("locating this binary")?;
    for &size in sizes {
        let out = Command::new(&me)
            .args([
                "stream",
                "--sizes",
                &size.to_string(),
                "--seed",
                &seed.to_string(),
                "--child",
            ])
            .output()
            .context("running a measurement")?;
        if !out.status.success() {
            bail!(
                "measurement of {size} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
    Ok(())
}

/// One measurement in this process: print one table row.
pub fn run_one(size: usize, seed: u64) {
    let mut stream =
        Stream::new(seed, Duration::minutes(STORY_EVERY_MINUTES), Shape::News).take(size);
    let mut clusterer = Clusterer::default();
    let preparer = clusterer.preparer().clone();
    // What is kept per article: the provisional story id and the gold story.
    let mut placed: Vec<u32> = Vec::with_capacity(size);
    let mut gold: Vec<u32> = Vec::with_capacity(size);
    let (mut first, mut last) = (None, None);
    // Time the sequential clusterer spends placing documents: the part no
    // extra core can speed up.
    let mut placing = std::time::Duration::ZERO;
    // The CPU time of that work (the wall time above also counts the moments
    // the machine gave its core to another process).
    let mut placing_cpu = 0.0;

    let start = Instant::now();
    let mut ready = prepare_batch(stream.by_ref().take(BATCH).collect(), &preparer);
    // Placed documents are dropped on the preparing side, off the clusterer's core.
    let mut spent: Vec<Document> = Vec::with_capacity(BATCH);
    while !ready.is_empty() {
        let mut dropping = std::mem::take(&mut spent);
        let (prepared, ()) = rayon::join(
            || {
                dropping.clear();
                // The next articles arrive (are generated) while this batch is placed.
                let upcoming: Vec<SynthArticle> = stream.by_ref().take(BATCH).collect();
                prepare_batch(upcoming, &preparer)
            },
            || {
                let started = Instant::now();
                let cpu_before = thread_cpu_seconds();
                for (doc, prepared, story) in ready.drain(..) {
                    let membership = clusterer.place(&doc, prepared);
                    placed.push(u32::try_from(membership.story).unwrap_or(u32::MAX));
                    gold.push(u32::try_from(story).unwrap_or(u32::MAX));
                    let published = doc.article.published;
                    first = first.or(published);
                    last = published.or(last);
                    spent.push(doc);
                }
                placing += started.elapsed();
                if let (Some(before), Some(after)) = (cpu_before, thread_cpu_seconds()) {
                    placing_cpu += after - before;
                }
            },
        );
        ready = prepared;
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().unwrap_or(0.0);
    let peak_mib = crate::peak_rss_kib().unwrap_or(0) as f64 / 1024.0;
    let active = clusterer.active_stories();

    let resolved: Vec<usize> = placed
        .iter()
        .map(|&s| clusterer.resolve(s as usize))
        .collect();
    let mut stories = resolved.clone();
    stories.sort_unstable();
    stories.dedup();
    let mut gold_stories = gold.clone();
    gold_stories.sort_unstable();
    gold_stories.dedup();
    let f1 = metrics::bcubed(&gold, &resolved).f1;
    let days = match (first, last) {
        (Some(a), Some(b)) => (b - a).num_hours() as f64 / 24.0,
        _ => 0.0,
    };
    println!(
        "| {} | {:.0} | {} ({}) | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.0} | {:.0} | {:.3} |",
        placed.len(),
        days,
        stories.len(),
        gold_stories.len(),
        active,
        secs,
        placing.as_secs_f64(),
        placing_cpu,
        cpu,
        placed.len() as f64 / secs,
        peak_mib,
        f1,
    );
}

/// CPU time (user + system) this process has used: on a shared machine it
/// tells how much of the wall time was ours.
fn cpu_seconds() -> Option<f64> {
    stat_cpu_seconds("/proc/self/stat")
}

/// CPU time of the calling thread (the clusterer's, while it places a batch).
fn thread_cpu_seconds() -> Option<f64> {
    stat_cpu_seconds("/proc/thread-self/stat")
}

/// utime + stime of a `/proc/.../stat` file (in clock ticks of 1/100 s, as
/// on every Linux this runs on).
fn stat_cpu_seconds(path: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(path).ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after ')'.
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

/// Turn generated articles into documents and prepare them, in parallel.
fn prepare_batch(
    batch: Vec<SynthArticle>,
    preparer: &Preparer,
) -> Vec<(Document, Prepared, usize)> {
    batch
        .into_par_iter()
        .map(|a| {
            let doc = Document {
                article: a.article,
                cleaned: Cleaned::default(),
                annotations: Annotations {
                    entities: a.entities,
                    ..Annotations::default()
                },
            };
            let prepared = preparer.prepare(&doc);
            (doc, prepared, a.story)
        })
        .collect()
}
