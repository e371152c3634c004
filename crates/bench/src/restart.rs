//! What a restart of the analyser costs (docs/benchmarks.md, "Restarts"):
//! a store directory filled with the synthetic corpus and analysed, then
//! the analyser started again from its checkpoint, and again with the
//! checkpoint unreadable, so that it replays the whole log, as every start
//! did before checkpoints.

use std::time::Instant;

use anyhow::Context;
use parallax_model::Article;
use parallax_server::analyser::Analyser;
use parallax_store::{ArticleLog, SqliteStore, StoryViews};

pub fn run(size: usize, seed: u64) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let store = SqliteStore::open(dir.path())?;
    let articles: Vec<Article> = crate::Corpus::News.articles(size, seed).collect();
    for chunk in articles.chunks(1000) {
        store.append(chunk)?;
    }
    println!(
        "{size} articles (synthetic news corpus, seed {seed}), store in a temporary directory"
    );

    // Another process cannot hold the lock of a directory of our own.
    let start_analyser = || -> anyhow::Result<Analyser<'_, SqliteStore>> {
        Analyser::start(dir.path(), &store)?.context("another process analyses the store")
    };
    let start = Instant::now();
    let mut analyser = start_analyser()?;
    analyser.catch_up()?;
    let analysed = start.elapsed();
    let start = Instant::now();
    analyser.flush()?;
    let flushed = start.elapsed();
    drop(analyser);
    let Some((at, state)) = store.checkpoint()? else {
        anyhow::bail!("no checkpoint after a flush");
    };

    let start = Instant::now();
    let analyser = start_analyser()?;
    let restored = start.elapsed();
    let held = analyser.stories().len();
    anyhow::ensure!(
        analyser.started_from() == at,
        "did not start from the checkpoint"
    );
    drop(analyser);

    store.save_checkpoint(at, b"unreadable")?;
    let start = Instant::now();
    let analyser = start_analyser()?;
    let replayed = start.elapsed();
    anyhow::ensure!(analyser.started_from() == 0, "did not replay the log");

    println!("| step | time (s) |");
    println!("|---|---:|");
    println!("| analyse the log | {:.2} |", analysed.as_secs_f64());
    println!(
        "| flush: save the checkpoint ({:.1} MB, log position {at}) | {:.2} |",
        state.len() as f64 / 1e6,
        flushed.as_secs_f64()
    );
    println!(
        "| start from the checkpoint ({held} open stories read back) | {:.2} |",
        restored.as_secs_f64()
    );
    println!(
        "| start replaying the whole log | {:.2} |",
        replayed.as_secs_f64()
    );
    println!(
        "the checkpoint makes a start {:.1} times faster",
        replayed.as_secs_f64() / restored.as_secs_f64()
    );
    Ok(())
}
