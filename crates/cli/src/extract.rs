//! `parallax extract`: the article text and metadata of saved web pages, one
//! JSON object per page (or a readable text form), with the segments that
//! the clean stage flags inside the body.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use parallax_model::Article;
use parallax_report::json::SegmentDoc;
use serde::Serialize;

use crate::EXIT_SKIPPED;

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ExtractFormat {
    /// One JSON object per line (docs/extract-format.md).
    Jsonl,
    /// Metadata lines, then the text, then the flagged segments.
    Text,
}

/// One page as printed: field order is the documented order.
#[derive(Serialize)]
struct PageDoc<'a> {
    path: String,
    url: Option<&'a str>,
    title: Option<&'a str>,
    authors: &'a [String],
    published: Option<&'a str>,
    modified: Option<&'a str>,
    site_name: Option<&'a str>,
    language: Option<&'a str>,
    description: Option<&'a str>,
    text: &'a str,
    segments: Vec<SegmentDoc>,
}

/// Extract every file; a file that cannot be read is named on stderr and the
/// others are still printed. Exit 3 when some file was skipped, 1 when none
/// could be read.
pub(crate) fn run(paths: &[PathBuf], format: ExtractFormat) -> anyhow::Result<ExitCode> {
    let mut stdout = io::stdout().lock();
    let mut skipped = 0;
    for path in paths {
        let page = match parallax_read::extract_page(path) {
            Ok(page) => page,
            Err(warning) => {
                eprintln!("parallax: skipped: {warning}");
                skipped += 1;
                continue;
            }
        };
        let doc = document(path, &page);
        let rendered = match format {
            ExtractFormat::Jsonl => {
                let mut line = serde_json::to_string(&doc)
                    .with_context(|| format!("serialising {}", path.display()))?;
                line.push('\n');
                line
            }
            ExtractFormat::Text => text_form(&doc),
        };
        match stdout.write_all(rendered.as_bytes()) {
            // `parallax extract ... | head` closing the pipe ends the run quietly.
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            Err(err) => return Err(err).context("cannot write to standard output"),
            Ok(()) => {}
        }
    }
    if skipped == paths.len() {
        anyhow::bail!("no page could be read from the given files");
    }
    Ok(if skipped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SKIPPED)
    })
}

/// The printed form of a page, its text segmented and classified by the
/// clean stage exactly as `analyze` does.
fn document<'a>(path: &Path, page: &'a parallax_extract::Page) -> PageDoc<'a> {
    let article = Article {
        id: path.display().to_string(),
        source: page.site_name.clone(),
        url: page.url.clone(),
        title: page.title.clone().unwrap_or_default(),
        published: None,
        language: page.language.clone(),
        text: page.text.clone(),
    };
    let cleaned = parallax_clean::clean(&article);
    PageDoc {
        path: path.display().to_string(),
        url: page.url.as_deref(),
        title: page.title.as_deref(),
        authors: &page.authors,
        published: page.published.as_deref(),
        modified: page.modified.as_deref(),
        site_name: page.site_name.as_deref(),
        language: page.language.as_deref(),
        description: page.description.as_deref(),
        text: &page.text,
        segments: cleaned.segments.iter().map(SegmentDoc::from).collect(),
    }
}

/// `== path`, the metadata that is present, a blank line, the text, and the
/// flagged segments as `[kind] sentence`.
fn text_form(doc: &PageDoc<'_>) -> String {
    let mut out = format!("== {}\n", doc.path);
    let authors = doc.authors.join("; ");
    let fields = [
        ("title", doc.title),
        ("url", doc.url),
        ("authors", Some(authors.as_str()).filter(|a| !a.is_empty())),
        ("published", doc.published),
        ("modified", doc.modified),
        ("site", doc.site_name),
        ("language", doc.language),
        ("description", doc.description),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            out.push_str(&format!("{name}: {value}\n"));
        }
    }
    out.push('\n');
    out.push_str(doc.text);
    out.push('\n');
    for segment in doc.segments.iter().filter(|s| s.kind.is_flagged()) {
        if let Some(sentence) = doc.text.get(segment.start..segment.end) {
            out.push_str(&format!("[{}] {sentence}\n", segment.kind.as_str()));
        }
    }
    out.push('\n');
    out
}
