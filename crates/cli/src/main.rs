//! `parallax`: the command-line front door. Thin by design: it parses
//! arguments, calls the reader, the pipeline and a renderer, and maps problems
//! to messages and exit codes. All analysis lives in the library crates.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod analyze;
mod cluster;
mod extract;
mod ingest;
mod sources;

/// Exit status when the analysis was written but some input was skipped
/// (notes about input that was read do not count).
const EXIT_SKIPPED: u8 = 3;

#[derive(Parser)]
#[command(name = "parallax", version, about = "One news story from every side.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Group articles into stories and compare each story's coverage.
    ///
    /// A .txt article may start with header lines, then a blank line, then
    /// the text (paragraphs separated by blank lines):
    ///
    ///   Title: Ferry returns to the island
    ///   Source: The Harbour Herald
    ///   URL: https://herald.example/ferry
    ///   Published: 2026-03-13T08:00:00Z
    ///
    /// Without them the first line is the headline. A .jsonl file holds one
    /// article per line: {"id", "text", "title"?, "url"?, "source"?,
    /// "published"?, "language"?}.
    ///
    /// Exit status: 0 when every input was analysed, 3 when some file or line
    /// was skipped (each named on stderr), 1 when nothing could be analysed or
    /// the output could not be written, 2 for a usage error.
    #[command(verbatim_doc_comment)]
    #[command(after_help = "Examples:\n  parallax analyze examples/\n  \
        parallax analyze --format html --out stories.html examples/ news.jsonl.gz\n  \
        parallax analyze --format site --out site/ crawl-2026.jsonl.gz\n  \
        parallax analyze --format json archive.warc.gz > analysis.json")]
    Analyze {
        /// Article files or folders (recursed): .txt, .html, .htm, .jsonl, .warc, each optionally .gz.
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = analyze::Format::Text)]
        format: analyze::Format,
        /// Write to this file instead of standard output (with --format
        /// site: to this folder, which is then required).
        #[arg(long, short, required_if_eq("format", "site"))]
        out: Option<PathBuf>,
        /// Print the time each stage took (read, clean, understand, group,
        /// compare, write) on standard error at the end.
        #[arg(long)]
        timings: bool,
    },
    /// Print the article text and metadata of saved web pages: one JSON object
    /// per page (docs/extract-format.md). Exit status as for `analyze`.
    #[command(after_help = "Example:\n  parallax extract saved/*.html > articles.jsonl")]
    Extract {
        /// Saved pages: .html, .htm, optionally .gz.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = extract::ExtractFormat::Jsonl)]
        format: extract::ExtractFormat,
    },
    /// Run Parallax as a service: web pages, the JSON API (/api/v1) and the
    /// analyser, over the store in --data. Stops on Ctrl-C.
    #[command(after_help = "Examples:\n  parallax serve --data news/\n  \
        PARALLAX_TOKEN=... parallax serve --data news/ --listen 0.0.0.0:8080\n\n\
        Then open http://127.0.0.1:8080/ (see docs/service.md).")]
    Serve {
        /// Settings in TOML (see docs/service.md); flags win over the file.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The store directory (created if missing) [default: parallax-data].
        #[arg(long)]
        data: Option<PathBuf>,
        /// Host (name or address) and port to listen on, such as
        /// `localhost:8081` or `0.0.0.0:8080` [default: 127.0.0.1:8080].
        #[arg(long)]
        listen: Option<String>,
        /// Log only warnings and errors.
        #[arg(long, short)]
        quiet: bool,
        /// The token API writes must carry (`Authorization: Bearer TOKEN`).
        /// Without one, writes are open on loopback and a random token is
        /// made up and logged on any other address.
        #[arg(long, env = "PARALLAX_TOKEN", hide_env_values = true)]
        token: Option<String>,
        /// With --nats and --postgres: one server of a cluster, over its
        /// store, new articles published to its log (docs/cluster.md).
        #[command(flatten)]
        cluster: cluster::ClusterArgs,
    },
    /// Add article files or folders to a store, whether or not a server runs
    /// on it; with --nats and --postgres, publish them to a cluster's log and
    /// return once it has acknowledged every one. Exit status as for `analyze`.
    #[command(
        after_help = "Examples:\n  parallax ingest --data news/ examples/ wire.jsonl.gz\n  \
        parallax ingest --nats nats://10.0.0.5:4222 --postgres postgresql://parallax@10.0.0.6/news wire.jsonl.gz"
    )]
    Ingest {
        /// The store directory (created if missing).
        #[arg(long, default_value = DEFAULT_DATA)]
        data: PathBuf,
        /// Article files or folders (recursed), in the formats of `analyze`.
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// No progress bars and no summary: only warnings and errors.
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        cluster: cluster::ClusterArgs,
    },
    /// A worker of a cluster: takes articles from its log (and feed items'
    /// pages, which it fetches and extracts) and understands them (the
    /// per-article stages) for the grouper. Start as many as the load
    /// needs, on any machines. Stops on Ctrl-C.
    #[command(
        after_help = "Example:\n  parallax worker --nats nats://10.0.0.5:4222 --postgres postgresql://parallax@10.0.0.6/news"
    )]
    Worker {
        /// Settings in TOML: its [cluster] and [feeds] sections (docs/cluster.md).
        #[arg(long)]
        config: Option<PathBuf>,
        #[command(flatten)]
        cluster: cluster::ClusterArgs,
        /// Log only warnings and errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// The grouper of a cluster: groups the articles into stories and
    /// compares them, one process at a time; started more than once, the
    /// others stand by and one takes over when it dies. Stops on Ctrl-C.
    #[command(
        after_help = "Example:\n  parallax group --nats nats://10.0.0.5:4222 --postgres postgresql://parallax@10.0.0.6/news"
    )]
    Group {
        /// Settings in TOML: its [cluster] section (docs/cluster.md).
        #[arg(long)]
        config: Option<PathBuf>,
        #[command(flatten)]
        cluster: cluster::ClusterArgs,
        /// Log only warnings and errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// The feeds a store follows: add, list, remove, import or export OPML.
    #[command(
        after_help = "Examples:\n  parallax sources --data news/ add https://herald.example/feed.xml\n  \
        parallax sources --data news/ import subscriptions.opml"
    )]
    Sources {
        /// The store directory (created if missing).
        #[arg(long, default_value = DEFAULT_DATA, global = true)]
        data: PathBuf,
        /// A cluster's PostgreSQL database instead of --data: the feeds its
        /// servers share out (docs/cluster.md).
        #[arg(long, env = "PARALLAX_POSTGRES", hide_env_values = true, global = true)]
        postgres: Option<String>,
        #[command(subcommand)]
        command: sources::SourcesCommand,
    },
}

use parallax_server::DEFAULT_DATA;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze {
            articles,
            format,
            out,
            timings,
        } => report(analyze::run(&articles, format, out.as_deref(), timings)),
        Command::Extract { files, format } => report(extract::run(&files, format)),
        Command::Serve {
            config,
            data,
            listen,
            quiet,
            token,
            cluster,
        } => report(serve(config, data, listen, quiet, token, cluster)),
        Command::Ingest {
            data,
            articles,
            quiet,
            cluster,
        } => report(
            cluster
                .settings(None)
                .and_then(|settings| match settings.urls()? {
                    Some((nats, postgres)) => {
                        cluster::ingest(nats, postgres, settings.replicas, &articles, quiet)
                    }
                    None => ingest::run(&data, &articles, quiet),
                }),
        ),
        Command::Worker {
            config,
            cluster,
            quiet,
        } => {
            logging(quiet);
            report(
                cluster
                    .config(config.as_deref())
                    .and_then(|c| cluster::worker(&c)),
            )
        }
        Command::Group {
            config,
            cluster,
            quiet,
        } => {
            logging(quiet);
            report(
                cluster
                    .settings(config.as_deref())
                    .and_then(|c| cluster::group(&c)),
            )
        }
        Command::Sources {
            data,
            postgres,
            command,
        } => report(sources::run(&data, postgres.as_deref(), command)),
    }
}

/// The exit code of a command, its error printed.
fn report(result: anyhow::Result<ExitCode>) -> ExitCode {
    result.unwrap_or_else(|err| {
        eprintln!("parallax: error: {err:#}");
        ExitCode::FAILURE
    })
}

/// `parallax serve`: the configuration file, then the flags.
fn serve(
    file: Option<PathBuf>,
    data: Option<PathBuf>,
    listen: Option<String>,
    quiet: bool,
    token: Option<String>,
    cluster: cluster::ClusterArgs,
) -> anyhow::Result<ExitCode> {
    let mut config = match file {
        Some(path) => parallax_server::Config::load(&path)?,
        None => parallax_server::Config::default(),
    };
    config.data = data.unwrap_or(config.data);
    config.listen = listen.unwrap_or(config.listen);
    config.quiet |= quiet;
    config.token = token.or(config.token);
    cluster.apply(&mut config.cluster);
    logging(config.quiet);
    match config.cluster.urls()? {
        Some((nats, postgres)) => cluster::serve(&config, nats, postgres)?,
        None => parallax_server::serve(&config)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Structured logs on standard error; `RUST_LOG` overrides the level.
fn logging(quiet: bool) {
    let level = if quiet { "warn" } else { "info" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    // Colours only for a terminal: a log file gets no escape codes.
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(io::IsTerminal::is_terminal(&io::stderr()))
        .with_writer(io::stderr)
        .init();
}

/// Write a command's output to a file, or to standard output.
fn write_out(out: Option<&std::path::Path>, rendered: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            fs::write(path, rendered).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            let mut stdout = io::stdout().lock();
            // A closed pipe (`parallax analyze ... | head`) is not an error worth a message.
            match stdout.write_all(rendered.as_bytes()) {
                Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
                    Err(err).context("cannot write to standard output")
                }
                _ => Ok(()),
            }
        }
    }
}

/// Every reading warning on standard error: `skipped:` when a file, line or
/// record was not read, `note:` when it was read but not quite as written.
fn print_warnings(batch: &parallax_read::Batch) {
    batch.warnings.iter().for_each(print_warning);
}

fn print_warning(warning: &parallax_read::Warning) {
    let what = if warning.skipped { "skipped" } else { "note" };
    eprintln!("parallax: {what}: {warning}");
}

/// 0 when every input was read, [`EXIT_SKIPPED`] when some was not.
fn exit_status(batch: &parallax_read::Batch) -> ExitCode {
    if batch.skipped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SKIPPED)
    }
}
