//! `parallax sources`: the feeds a store follows.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Subcommand;
use parallax_feeds::opml::{self, Subscription};
use parallax_store::{PgStore, Sources, SqliteStore};

#[derive(Subcommand)]
pub enum SourcesCommand {
    /// Follow a feed (RSS, Atom or JSON Feed).
    Add {
        url: String,
        /// A name for the feed (learned from the feed when absent).
        #[arg(long)]
        title: Option<String>,
        /// Minutes between polls (at least 5; the feed's own ttl is respected).
        #[arg(long, default_value_t = parallax_server::FeedsConfig::default().every_minutes)]
        every: u32,
    },
    /// List the followed feeds with their polling state.
    List,
    /// Stop following a feed.
    Remove { url: String },
    /// Follow every feed of an OPML file (as exported by feed readers).
    Import { file: PathBuf },
    /// Write the followed feeds as OPML.
    Export {
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
}

/// Work on the feeds of the store in `data`, or with `postgres` on those a
/// cluster's servers share.
pub fn run(
    data: &Path,
    postgres: Option<&str>,
    command: SourcesCommand,
) -> anyhow::Result<ExitCode> {
    match postgres {
        Some(url) => on(&PgStore::connect(url)?, command),
        None => on(&SqliteStore::open(data)?, command),
    }
}

fn on(store: &dyn Sources, command: SourcesCommand) -> anyhow::Result<ExitCode> {
    match command {
        SourcesCommand::Add { url, title, every } => {
            let url = parallax_feeds::check_feed_url(&url).map_err(anyhow::Error::msg)?;
            let source =
                store.add_source(url.as_str(), title.as_deref(), i64::from(every.max(5)) * 60)?;
            eprintln!(
                "parallax: following {} (every {} min)",
                source.url,
                source.interval_s / 60
            );
        }
        SourcesCommand::List => {
            let mut out = io::stdout().lock();
            for s in store.sources()? {
                let state = match (&s.last_error, s.last_polled) {
                    (Some(err), _) => format!("failing ({} in a row): {err}", s.failures),
                    (None, Some(at)) => format!("polled {}", at.format("%Y-%m-%d %H:%M UTC")),
                    (None, None) => "not polled yet".into(),
                };
                writeln!(
                    out,
                    "{}\t{}\tevery {} min\t{state}",
                    s.url,
                    s.title.as_deref().unwrap_or("-"),
                    s.interval_s / 60
                )?;
            }
        }
        SourcesCommand::Remove { url } => {
            if !store.remove_source(&url)? {
                bail!("{url} is not followed");
            }
            eprintln!("parallax: no longer following {url}");
        }
        SourcesCommand::Import { file } => {
            let text = fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let subscriptions = opml::parse(&text)
                .with_context(|| format!("{}: not a readable OPML file", file.display()))?;
            let mut added = 0;
            for sub in &subscriptions {
                let url = match parallax_feeds::check_feed_url(&sub.url) {
                    Ok(url) => url,
                    Err(err) => {
                        eprintln!("parallax: skipped: {}: {err}", file.display());
                        continue;
                    }
                };
                let every = parallax_server::FeedsConfig::default().every_minutes;
                store.add_source(url.as_str(), sub.title.as_deref(), i64::from(every) * 60)?;
                added += 1;
            }
            eprintln!("parallax: following {added} feeds from {}", file.display());
            if added < subscriptions.len() {
                return Ok(ExitCode::from(crate::EXIT_SKIPPED));
            }
        }
        SourcesCommand::Export { out } => {
            let subscriptions: Vec<Subscription> = store
                .sources()?
                .into_iter()
                .map(|s| Subscription {
                    url: s.url,
                    title: s.title,
                })
                .collect();
            crate::write_out(out.as_deref(), &opml::write(&subscriptions))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
