//! `parallax analyze`: files in, stories out.
//!
//! A reader thread reads the files and puts the articles in arrival order
//! within a window ([`Reorder`]) while the pipeline analyses them. The
//! document formats (text, JSON, HTML) render the whole analysis at the end;
//! `jsonl` and `site` write each story as soon as it closes, so memory holds
//! only the open stories and the reader's window, whatever the size of the
//! input.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

use anyhow::Context;
use clap::ValueEnum;
use parallax_model::{Analysis, Article};
use parallax_pipeline::{Compared, REORDER_WINDOW, Reorder, Stage, Timings};
use parallax_report::site;

use crate::EXIT_SKIPPED;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// A plain-text report.
    Text,
    /// One `parallax.analysis/1` document (docs/json-schema.md).
    Json,
    /// A self-contained HTML page.
    Html,
    /// One `parallax.analysis/1` document per line, a story and its
    /// articles, written as each story closes: for inputs of any size.
    Jsonl,
    /// A static site in the `--out` folder: a page per story, written as
    /// each story closes, and index pages listing them: for inputs of any
    /// size.
    Site,
}

/// Articles waiting between the reader and the pipeline.
const READ_AHEAD: usize = 2048;

pub(crate) fn run(
    paths: &[PathBuf],
    format: Format,
    out: Option<&Path>,
    show_timings: bool,
) -> anyhow::Result<ExitCode> {
    let timings = Timings::default();
    // Only the streamed forms need a bounded window: the others hold
    // everything anyway, and sort it all.
    let window = match format {
        Format::Jsonl | Format::Site => REORDER_WINDOW,
        Format::Text | Format::Json | Format::Html => usize::MAX,
    };
    // Shown only on a terminal, as `ingest`'s.
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} articles analysed ({per_sec})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let placed = &mut |n: usize| bar.set_position(n as u64);
    let (sender, articles) = mpsc::sync_channel::<Article>(READ_AHEAD);
    let (skipped, summary) = std::thread::scope(|scope| -> anyhow::Result<_> {
        let reader = scope.spawn(|| read(paths, window, sender, &timings));
        let summary = match format {
            Format::Jsonl => write_stories(articles.into_iter(), out, &timings, placed),
            Format::Site => out
                .context("--format site writes a folder: name it with --out DIR")
                .and_then(|dir| write_site(articles.into_iter(), dir, &timings, placed)),
            Format::Text | Format::Json | Format::Html => {
                let analysis =
                    parallax_pipeline::analyze_stream(articles.into_iter(), &timings, placed);
                let rendered = timings.time(Stage::Write, || render(&analysis, format))?;
                timings.time(Stage::Write, || crate::write_out(out, &rendered))?;
                Ok(Summary {
                    articles: analysis.documents.len(),
                    stories: analysis.stories.len(),
                })
            }
        };
        let skipped = reader.join().unwrap_or(0);
        Ok((skipped, summary?))
    })?;
    bar.finish_and_clear();
    if summary.articles == 0 {
        anyhow::bail!("no article could be read from the given paths");
    }
    eprintln!(
        "parallax: {} articles, {} stories{}",
        summary.articles,
        summary.stories,
        match skipped {
            0 => String::new(),
            1 => ", 1 input skipped".to_string(),
            n => format!(", {n} inputs skipped"),
        }
    );
    if show_timings {
        eprintln!(
            "parallax: time per stage (summed over threads): {}",
            timings.summary()
        );
    }
    Ok(if skipped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SKIPPED)
    })
}

struct Summary {
    articles: usize,
    stories: usize,
}

/// Read every file, printing warnings as they come, and send the articles
/// in arrival order (within `window`). Returns the inputs skipped.
fn read(
    paths: &[PathBuf],
    window: usize,
    sender: mpsc::SyncSender<Article>,
    timings: &Timings,
) -> usize {
    let start = Instant::now();
    let mut waiting = std::time::Duration::ZERO;
    let mut reorder = Reorder::new(window);
    // A send fails only when the pipeline stopped (its output failed):
    // reading on would be wasted.
    let send = |article: Article, waiting: &mut std::time::Duration| {
        let blocked = Instant::now();
        let _ = sender.send(article);
        *waiting += blocked.elapsed();
    };
    let skipped = parallax_read::read_paths_with(
        paths,
        &mut |article| {
            if let Some(due) = reorder.push(article) {
                send(due, &mut waiting);
            }
        },
        &mut |warning| crate::print_warning(&warning),
    );
    for article in reorder.finish() {
        send(article, &mut waiting);
    }
    timings.add(Stage::Read, start.elapsed().saturating_sub(waiting));
    skipped
}

fn render(analysis: &parallax_model::Analysis, format: Format) -> anyhow::Result<String> {
    Ok(match format {
        Format::Text => parallax_report::to_text(analysis),
        Format::Html => parallax_report::to_html(analysis),
        Format::Json | Format::Jsonl | Format::Site => {
            let mut json = serde_json::to_string_pretty(&parallax_report::json::document(analysis))
                .context("serialising the analysis")?;
            json.push('\n');
            json
        }
    })
}

/// Run the streamed pipeline, handing each story to `write` (on the thread
/// that places and compares, while the others understand the next articles)
/// as it closes. After a failed write, stories are still counted but no
/// longer written; the first error is returned.
fn stream_stories(
    articles: impl Iterator<Item = Article> + Send,
    timings: &Timings,
    placed: &mut dyn FnMut(usize),
    mut write: impl FnMut(&Analysis) -> io::Result<()> + Send,
) -> (Summary, Option<io::Error>) {
    let mut stories = 0;
    let mut failed: Option<io::Error> = None;
    let mut emit = |story: Compared| {
        stories += story.analysis.stories.len();
        if failed.is_none() {
            failed = timings.time(Stage::Write, || write(&story.analysis)).err();
        }
    };
    let streamed = parallax_pipeline::stream(articles, timings, placed, &mut emit);
    let summary = Summary {
        articles: streamed.articles,
        stories,
    };
    (summary, failed)
}

/// Stream the analysis, one story per line as each closes.
fn write_stories(
    articles: impl Iterator<Item = Article> + Send,
    out: Option<&Path>,
    timings: &Timings,
    placed: &mut dyn FnMut(usize),
) -> anyhow::Result<Summary> {
    let mut output: Box<dyn Write + Send> = match out {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout())),
    };
    let (summary, failed) = stream_stories(articles, timings, placed, |analysis| {
        // Straight from the report's borrowed structs: no value tree.
        serde_json::to_writer(&mut output, &parallax_report::json::document(analysis))?;
        output.write_all(b"\n")
    });
    let flushed = match failed {
        Some(err) => Err(err),
        None => output.flush(),
    };
    match flushed {
        // A closed pipe (`parallax analyze ... | head`) is not an error worth a message.
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(err).context(match out {
            Some(path) => format!("cannot write {}", path.display()),
            None => "cannot write to standard output".to_string(),
        }),
        _ => Ok(summary),
    }
}

/// Write the analysis as a static site in `dir` ([`parallax_report::site`]):
/// each story's page as the story closes, the index pages at the end.
fn write_site(
    articles: impl Iterator<Item = Article> + Send,
    dir: &Path,
    timings: &Timings,
    placed: &mut dyn FnMut(usize),
) -> anyhow::Result<Summary> {
    let pages = dir.join("stories");
    std::fs::create_dir_all(&pages)
        .with_context(|| format!("cannot create {}", pages.display()))?;
    let written = |path: PathBuf, page: String| {
        std::fs::write(&path, page)
            .map_err(|err| io::Error::new(err.kind(), format!("{}: {err}", path.display())))
    };
    let mut listed = Vec::new();
    let (summary, failed) = stream_stories(articles, timings, placed, |analysis| {
        let (page, lines) = site::story_page(analysis);
        if let Some(first) = lines.first() {
            written(dir.join(site::story_path(&first.id)), page)?;
        }
        listed.extend(lines);
        Ok(())
    });
    if let Some(err) = failed {
        return Err(err).context("cannot write the site");
    }
    timings.time(Stage::Write, || {
        let index = site::Index::new(listed);
        (0..index.pages())
            .try_for_each(|n| written(dir.join(site::index_path(n)), index.page(n)))
            .context("cannot write the site")
    })?;
    Ok(summary)
}
