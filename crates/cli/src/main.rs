//! `parallax`: the command-line front door. Thin by design: it parses
//! arguments, calls the reader, the pipeline and a renderer, and maps problems
//! to messages and exit codes. All analysis lives in the library crates.

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

/// Exit status when the analysis was written but some input was skipped.
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
    /// Exit status: 0 when every input was analysed, 3 when some file or line
    /// was skipped (each named on stderr), 1 when nothing could be analysed or
    /// the output could not be written, 2 for a usage error.
    Analyze {
        /// Article files or folders (recursed): .txt, .html, .htm, .html.gz, .jsonl.
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Html,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze {
            articles,
            format,
            out,
        } => match analyze(&articles, format, out) {
            Ok(code) => code,
            Err(err) => {
                eprintln!("parallax: error: {err:#}");
                ExitCode::FAILURE
            }
        },
    }
}

fn analyze(paths: &[PathBuf], format: Format, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let batch = parallax_read::read_paths(paths);
    for warning in &batch.warnings {
        eprintln!("parallax: skipped: {warning}");
    }
    if batch.articles.is_empty() {
        anyhow::bail!("no article could be read from the given paths");
    }
    let analysis = parallax_pipeline::analyze(batch.articles);
    let rendered = match format {
        Format::Text => parallax_report::to_text(&analysis),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(&parallax_report::to_json(&analysis))
                .context("serialising the analysis")?;
            json.push('\n');
            json
        }
        Format::Html => parallax_report::to_html(&analysis),
    };
    match out {
        Some(path) => fs::write(&path, rendered)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut stdout = io::stdout().lock();
            // A closed pipe (`parallax analyze ... | head`) is not an error worth a message.
            if let Err(err) = stdout.write_all(rendered.as_bytes())
                && err.kind() != io::ErrorKind::BrokenPipe
            {
                return Err(err).context("cannot write to standard output");
            }
        }
    }
    eprintln!(
        "parallax: {} articles, {} stories{}",
        analysis.documents.len(),
        analysis.stories.len(),
        if batch.warnings.is_empty() {
            String::new()
        } else {
            format!(", {} inputs skipped", batch.warnings.len())
        }
    );
    Ok(if batch.warnings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SKIPPED)
    })
}
