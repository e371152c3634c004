//! `parallax-bench`: throughput and peak memory of Parallax on synthetic corpora.
//!
//! `parallax-bench analyze --sizes 1000,10000,100000` runs each size in a fresh
//! child process (so each peak-memory reading is its own) and prints a
//! Markdown table for docs/benchmarks.md.

mod cluster;
mod clusters;
mod compare;
mod discrepancies;
mod entities;
mod events;
mod extraction;
mod metrics;
mod quotes;
mod restart;
mod site;
mod stream;
mod synth;

use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "parallax-bench", about = "Benchmarks for Parallax.")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// End-to-end `analyze` (clean, understand, group, compare) on synthetic articles.
    Analyze {
        /// Corpus sizes, comma separated.
        #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
        sizes: Vec<usize>,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// The synthetic corpus: `news` (stories up to 400 articles),
        /// `heavy` (up to 20,000, with near-copies), or `giant` (one story
        /// of each size).
        #[arg(long, value_enum, default_value = "news")]
        corpus: Corpus,
    },
    /// Every discrepancy (figures a shared claim's outlets give differently,
    /// one quote under two speakers) found in a corpus, with the sentences
    /// around each wording, to be read and judged.
    Discrepancies {
        /// Article files or folders, as `parallax analyze` reads them.
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Print at most this many (all are counted).
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// ECB+ topics: `tune` (1-21) to adjust the rules, `check` (23-45) to report.
        #[arg(long, value_enum, default_value = "all")]
        part: metrics::Part,
        /// Fail when more are reported: the ones past what was read and
        /// judged (docs/benchmarks.md) have not been.
        #[arg(long)]
        max_reported: Option<usize>,
        /// Fail when fewer are reported (the real ones found when read).
        #[arg(long, default_value_t = 0)]
        min_reported: usize,
    },
    /// Story clustering quality on labelled JSONL files, all mixed into one stream.
    Clusters {
        /// Labelled JSONL files (`id`, `title`, `text`, `published`, `gold`).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Fail (exit 1) when BCubed F1 is below this floor.
        #[arg(long)]
        min_bcubed_f1: Option<f64>,
        /// Fail (exit 1) when NMI is below this floor.
        #[arg(long)]
        min_nmi: Option<f64>,
        /// Write each article's gold and found story (and why it joined) to this TSV file.
        #[arg(long)]
        predictions: Option<std::path::PathBuf>,
    },
    /// Comparison quality: shared claims and names across articles against
    /// the ECB+ comparison gold, and shared claims per BASIL story.
    Compare(compare::Options),
    /// Name finding on Wikigold: exact-span F1 for person, organisation and
    /// place names whatever their kind, and the share with the right kind.
    Entities {
        /// Wikigold's CoNLL file.
        #[arg(
            long,
            default_value = "../shared/data/entities/wikigold/data/wikigold/CONLL-format/data/wikigold.conll.txt"
        )]
        wikigold: std::path::PathBuf,
        /// Fail (exit 1) when the span F1 is below this floor.
        #[arg(long)]
        min_span_f1: Option<f64>,
        /// Fail (exit 1) when the kind accuracy of exact spans is below this floor.
        #[arg(long)]
        min_kind: Option<f64>,
        /// The documents scored: `tune` (first half) for tuning, `check` (second half) to report.
        #[arg(long, value_enum, default_value = "all")]
        part: metrics::Part,
        /// Write every exact span given the wrong kind, with its paragraph, to this TSV file.
        #[arg(long)]
        misses: Option<std::path::PathBuf>,
    },
    /// Event coding on the PLOVER gold standard records: the share of
    /// sentences whose event type, source, target and mode are right.
    Events {
        /// The records (a JSON array).
        #[arg(
            long,
            default_value = "../shared/data/events/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt"
        )]
        gold: std::path::PathBuf,
        /// The records scored: `tune` (odd numbers) for tuning, `check` (even) to report.
        #[arg(long, value_enum, default_value = "all")]
        part: metrics::Part,
        #[arg(long)]
        min_type: Option<f64>,
        #[arg(long)]
        min_source: Option<f64>,
        #[arg(long)]
        min_target: Option<f64>,
        #[arg(long)]
        min_mode: Option<f64>,
        /// Print each sentence whose event type is wrong.
        #[arg(long)]
        misses: bool,
        /// Also score PETRARCH2's unit-test records (event type only), e.g.
        /// `../shared/data/events/petrarch2/petrarch2/data/text/PETR.UnitTest.records.xml`.
        #[arg(long)]
        petrarch: Option<std::path::PathBuf>,
        /// The CAMEO-to-PLOVER table the PETRARCH2 codes are mapped with.
        #[arg(
            long,
            default_value = "../shared/data/events/plover/CAMEO2PLOVER-2021.txt"
        )]
        cameo2plover: std::path::PathBuf,
    },
    /// The story clusterer alone on an endless synthetic stream: articles/s
    /// and peak memory (each size in a child process).
    Stream {
        /// Stream lengths, comma separated.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000,1000000")]
        sizes: Vec<usize>,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Measure the first size in this process (used by `stream` itself).
        #[arg(long, hide = true)]
        child: bool,
    },
    /// Quote content and speaker quality on PolNeAR (brat attributions) and BASIL.
    Quotes {
        /// The PolNeAR split to score (holds `text/` and `attributions/`).
        #[arg(long, default_value = "../shared/data/quotes/polnear/dev")]
        polnear: std::path::PathBuf,
        /// The BASIL directory (`docs.jsonl`, `annotations/`); skipped when absent.
        #[arg(long, default_value = "../shared/data/clustering/basil")]
        basil: std::path::PathBuf,
        /// The shared data root (for the reporting-verb list).
        #[arg(long, default_value = "../shared/data")]
        data: std::path::PathBuf,
        /// Fail (exit 1) when direct-quote overlap F1 is below this floor.
        #[arg(long)]
        min_direct_f1: Option<f64>,
        /// Fail (exit 1) when the direct-quote speaker accuracy is below this floor.
        #[arg(long)]
        min_direct_speaker: Option<f64>,
        /// Fail (exit 1) when the speaker accuracy over every direct quote
        /// (any cue) is below this floor.
        #[arg(long)]
        min_any_cue_speaker: Option<f64>,
        /// Fail (exit 1) when the BASIL speaker accuracy (of covered spans) is below this floor.
        #[arg(long)]
        min_basil_speaker: Option<f64>,
        /// Write every wrong speaker (direct quotes, BASIL) with its context to this file.
        #[arg(long)]
        misses: Option<std::path::PathBuf>,
    },
    /// Article extraction quality (body, title, author, date) and speed on one
    /// labelled set in ../shared/data/extraction; `--peer` adds the Python
    /// baseline's JSONL, scored by the same code.
    Extraction {
        #[arg(long, value_enum)]
        set: extraction::Set,
        /// Passes over the set; each page's time is its fastest (as with the
        /// Python baseline's REPEAT), which keeps host noise out of the speed.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
        /// The set's directory, e.g. ../shared/data/extraction/wcxb-dev.
        #[arg(long)]
        data: std::path::PathBuf,
        /// JSONL of another tool's output for the same pages (scripts/trafilatura_baseline.py).
        #[arg(long)]
        peer: Option<std::path::PathBuf>,
        /// Fail (exit 1) when the body F1 is below this floor.
        #[arg(long)]
        min_body_f1: Option<f64>,
        /// Fail (exit 1) when the title accuracy is below this floor.
        #[arg(long)]
        min_title: Option<f64>,
        /// Fail (exit 1) when the author accuracy is below this floor.
        #[arg(long)]
        min_author: Option<f64>,
        /// Fail (exit 1) when the publication-date accuracy is below this floor.
        #[arg(long)]
        min_date: Option<f64>,
        /// Print each title, author and date miss to stderr.
        #[arg(long)]
        misses: bool,
    },
    /// The cluster mode's throughput against the embedded mode's on one
    /// synthetic corpus, with 1, 2 or 4 workers (starts NATS and PostgreSQL
    /// from Debian's packages; docs/benchmarks.md).
    Cluster {
        #[arg(long, default_value_t = 20_000)]
        size: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Worker counts, comma separated.
        #[arg(long, value_delimiter = ',', default_value = "1,2,4")]
        workers: Vec<usize>,
        /// The `parallax` binary [default: beside this one].
        #[arg(long)]
        parallax: Option<std::path::PathBuf>,
    },
    /// What a restart of the analyser costs: from its checkpoint, and
    /// replaying the whole log (docs/benchmarks.md).
    Restart {
        #[arg(long, default_value_t = 20_000)]
        size: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Write the synthetic corpus as JSONL (`id`, `source`, `title`,
    /// `published`, `text`), e.g. to fill a store for the service benchmark.
    Corpus {
        #[arg(long)]
        size: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// As `analyze --corpus`.
        #[arg(long, value_enum, default_value = "news")]
        corpus: Corpus,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Write the synthetic corpus as a web site: one RSS feed per outlet,
    /// one HTML page per article and `sources.opml` (for
    /// `scripts/service-feeds`, served from `--out` at `--base`).
    Site {
        #[arg(long)]
        size: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        #[arg(long)]
        base: String,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// The service's cost of one more article in a giant story kept open
    /// (`Live::open`): understanding it, placing it and adding it to the
    /// story's comparison; and the exact comparison it replaces.
    Grow {
        /// Articles already in the story.
        #[arg(long, default_value_t = 20_000)]
        size: usize,
        /// Articles then added one at a time.
        #[arg(long, default_value_t = 20)]
        adds: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// One measurement in this process (used by `analyze`).
    #[command(hide = true)]
    AnalyzeOne {
        size: usize,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        #[arg(long, value_enum, default_value = "news")]
        corpus: Corpus,
    },
}

/// The synthetic corpora of `analyze`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Corpus {
    News,
    Heavy,
    Giant,
}

impl Corpus {
    /// The articles in arrival order, generated as they are read.
    fn articles(
        self,
        size: usize,
        seed: u64,
    ) -> Box<dyn Iterator<Item = parallax_model::Article> + Send> {
        match self {
            Corpus::News => Box::new(synth::articles(size, seed, synth::Shape::News)),
            Corpus::Heavy => Box::new(synth::articles(size, seed, synth::Shape::Heavy)),
            Corpus::Giant => Box::new(synth::giant_story(size, seed)),
        }
    }
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Cmd::Analyze {
            sizes,
            seed,
            corpus,
        } => {
            println!(
                "| articles | stories | largest story | s | articles/s | peak RSS MiB | corpus MiB | CPU s: clean / understand / group / compare |"
            );
            println!("|---:|---:|---:|---:|---:|---:|---:|---|");
            let me = std::env::current_exe().context("locating this binary")?;
            for size in sizes {
                let out = Command::new(&me)
                    .args([
                        "analyze-one",
                        &size.to_string(),
                        "--seed",
                        &seed.to_string(),
                        "--corpus",
                        &format!("{corpus:?}").to_lowercase(),
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
        }
        Cmd::Clusters {
            files,
            min_bcubed_f1,
            min_nmi,
            predictions,
        } => {
            let (articles, gold) = clusters::load(&files)?;
            let start = Instant::now();
            let s = clusters::score(articles, &gold);
            let secs = start.elapsed().as_secs_f64();
            if let Some(path) = predictions {
                clusters::write_predictions(&path, &s)?;
            }
            println!(
                "articles {} | gold stories {} | stories {} | BCubed P {:.3} R {:.3} F1 {:.3} | \
                 pairwise P {:.3} R {:.3} F1 {:.3} | NMI {:.3} | {:.1} s",
                s.articles,
                s.gold_stories,
                s.stories,
                s.bcubed.precision,
                s.bcubed.recall,
                s.bcubed.f1,
                s.pairwise.precision,
                s.pairwise.recall,
                s.pairwise.f1,
                s.nmi,
                secs
            );
            metrics::check_floor("BCubed F1", s.bcubed.f1, min_bcubed_f1)?;
            metrics::check_floor("NMI", s.nmi, min_nmi)?;
        }
        Cmd::Quotes {
            polnear,
            basil,
            data,
            min_direct_f1,
            min_direct_speaker,
            min_any_cue_speaker,
            min_basil_speaker,
            misses,
        } => quotes::run(quotes::Options {
            polnear,
            basil,
            data,
            min_direct_f1,
            min_direct_speaker,
            min_any_cue_speaker,
            min_basil_speaker,
            misses,
        })?,
        Cmd::Extraction {
            set,
            repeat,
            data,
            peer,
            min_body_f1,
            min_title,
            min_author,
            min_date,
            misses,
        } => extraction::run(extraction::Options {
            set,
            data,
            peer,
            min_body_f1,
            min_title,
            min_author,
            min_date,
            misses,
            repeat,
        })?,
        Cmd::Compare(options) => compare::run(options)?,
        Cmd::Discrepancies {
            files,
            limit,
            part,
            max_reported,
            min_reported,
        } => discrepancies::run(
            &files,
            part,
            limit,
            min_reported..=max_reported.unwrap_or(usize::MAX),
        )?,
        Cmd::Entities {
            wikigold,
            min_span_f1,
            min_kind,
            part,
            misses,
        } => entities::run(entities::Options {
            wikigold: &wikigold,
            part,
            min_f1: min_span_f1,
            min_kind,
            misses: misses.as_deref(),
        })?,
        Cmd::Events {
            gold,
            part,
            min_type,
            min_source,
            min_target,
            min_mode,
            misses,
            petrarch,
            cameo2plover,
        } => events::run(events::Options {
            gold: &gold,
            petrarch: petrarch.as_deref().map(|p| (p, cameo2plover.as_path())),
            part,
            min_type,
            min_source,
            min_target,
            min_mode,
            misses,
        })?,
        Cmd::Stream { sizes, seed, child } => match (child, sizes.first()) {
            (true, Some(&size)) => stream::run_one(size, seed),
            _ => stream::run(&sizes, seed)?,
        },
        Cmd::Restart { size, seed } => restart::run(size, seed)?,
        Cmd::Cluster {
            size,
            seed,
            workers,
            parallax,
        } => {
            let parallax = match parallax {
                Some(path) => path,
                None => std::env::current_exe()?.with_file_name("parallax"),
            };
            cluster::run(&cluster::Options {
                size,
                seed,
                workers,
                parallax,
            })?
        }
        Cmd::Corpus {
            size,
            seed,
            corpus,
            out,
        } => {
            use std::io::Write;
            let file = std::fs::File::create(&out)
                .with_context(|| format!("cannot write {}", out.display()))?;
            let mut writer = std::io::BufWriter::new(file);
            for article in corpus.articles(size, seed) {
                serde_json::to_writer(&mut writer, &article)?;
                writer.write_all(b"\n")?;
            }
            writer.flush()?;
        }
        Cmd::Site {
            size,
            seed,
            base,
            out,
        } => site::run(&site::Options {
            size,
            seed,
            base,
            out,
        })?,
        Cmd::Grow { size, adds, seed } => {
            let mut articles: Vec<_> = synth::giant_story(size + adds, seed).collect();
            let later = articles.split_off(size);
            let mut live = parallax_pipeline::Live::new();
            for chunk in articles.chunks(512) {
                live.add(chunk.to_vec());
            }
            // What the service does with a large story: compare it exactly
            // once and keep it open.
            let large = parallax_server::analyser::Refresh::default().large;
            let open: Vec<usize> = live.stories().filter(|&s| live.size(s) >= large).collect();
            let start = Instant::now();
            for &story in &open {
                live.open(story).context("the story compares")?;
            }
            let compare = start.elapsed().as_secs_f64();
            // Each later article understood, placed and, when it joins an
            // open story, added to its comparison.
            let mut times = Vec::with_capacity(later.len());
            let mut grown = 0;
            for article in later {
                let start = Instant::now();
                let changes = live.add(vec![article]);
                times.push(start.elapsed().as_secs_f64());
                grown += changes.stories.iter().filter(|&&s| live.is_open(s)).count();
            }
            let story = open
                .iter()
                .copied()
                .max_by_key(|&s| live.size(s))
                .context("an open story")?;
            let members = live.size(story);
            let start = Instant::now();
            let view = live.current(story).context("the grown story")?;
            let current = start.elapsed().as_secs_f64();
            times.sort_by(f64::total_cmp);
            let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
            println!(
                "story of {members} articles ({} shared claims): compared exactly and indexed in {compare:.2} s; \
                 {} articles added one at a time ({grown} into an open story): mean {:.1} ms, max {:.1} ms each \
                 (understood, placed, added to the comparison); the grown story assembled for its view \
                 (documents copied) in {:.0} ms; peak RSS {:.0} MiB",
                view.stories.first().map_or(0, |s| s.shared.len()),
                times.len(),
                mean * 1000.0,
                times.last().copied().unwrap_or(0.0) * 1000.0,
                current * 1000.0,
                peak_rss_kib().unwrap_or(0) as f64 / 1024.0,
            );
        }
        Cmd::AnalyzeOne { size, seed, corpus } => {
            // `parallax_pipeline::stream` (what `analyze --format jsonl`
            // runs) on articles generated as they are read, each story
            // dropped once compared: the memory is the pipeline's own.
            let timings = parallax_pipeline::Timings::default();
            let mut corpus_bytes = 0;
            let articles = corpus.articles(size, seed).inspect(|a| {
                corpus_bytes += a.text.len() + a.title.len();
            });
            let (mut stories, mut largest) = (0, 0);
            let start = Instant::now();
            parallax_pipeline::stream(articles, &timings, &mut |_| {}, &mut |story| {
                stories += story.analysis.stories.len();
                largest = largest.max(story.arrivals.len());
            });
            let secs = start.elapsed().as_secs_f64();
            let cpu = |stage| timings.get(stage).as_secs_f64();
            use parallax_pipeline::Stage;
            println!(
                "| {} | {} | {} | {:.2} | {:.0} | {:.0} | {:.0} | {:.1} / {:.1} / {:.1} / {:.1} |",
                size,
                stories,
                largest,
                secs,
                size as f64 / secs,
                peak_rss_kib().unwrap_or(0) as f64 / 1024.0,
                corpus_bytes as f64 / (1024.0 * 1024.0),
                cpu(Stage::Clean),
                cpu(Stage::Understand),
                cpu(Stage::Group),
                cpu(Stage::Compare),
            );
        }
    }
    Ok(())
}

/// Peak resident set size of this process (Linux `VmHWM`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
