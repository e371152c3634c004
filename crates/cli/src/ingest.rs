//! `parallax ingest`: files into a store, then analysed unless a server does it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use parallax_store::{Added, ArticleLog, SqliteStore};

/// Append articles to the store, then analyse them unless a server does.
/// `quiet`: no progress bars and no summary, only warnings and errors.
pub fn run(data: &Path, paths: &[PathBuf], quiet: bool) -> anyhow::Result<ExitCode> {
    let say = |line: String| {
        if !quiet {
            eprintln!("parallax: {line}");
        }
    };
    let mut batch = parallax_read::read_paths(paths);
    crate::print_warnings(&batch);
    parallax_pipeline::arrival_order(&mut batch.articles);
    let store = SqliteStore::open(data)?;
    let bar = progress(batch.articles.len(), "adding", quiet);
    let (mut new, mut duplicates) = (0, 0);
    for chunk in batch.articles.chunks(1000) {
        for added in store.append(chunk)? {
            match added {
                Added::New(_) | Added::Queued(_) => new += 1,
                Added::Duplicate(_) => duplicates += 1,
            }
        }
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    say(format!(
        "{new} articles added to {}, {duplicates} already there",
        data.display()
    ));
    match parallax_server::analyser::Analyser::start(data, &store)? {
        Some(mut analyser) => {
            let bar = progress(analyser.pending()?, "analysing", quiet);
            let analysed = analyser.catch_up_with(|done| bar.set_position(done as u64))?;
            // Large stories' views wait for more articles in a server; not here.
            analyser.flush()?;
            bar.finish_and_clear();
            analyser.tidy()?;
            say(format!(
                "{analysed} articles analysed; {} stories",
                analyser.stories().len()
            ));
        }
        None => {
            say("a running server analyses this store; the articles appear there shortly".into())
        }
    }
    Ok(crate::exit_status(&batch))
}

/// A progress bar on standard error; hidden when that is not a terminal or
/// when `quiet`.
pub(crate) fn progress(total: usize, what: &'static str, quiet: bool) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg:>10} [{bar:40}] {pos}/{len} articles ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.set_message(what);
    bar
}
