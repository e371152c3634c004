//! Exports of stories, articles and quotes as JSONL or CSV, streamed: the
//! store is read page by page on the blocking pool while the response is
//! being sent, so an export of any size holds one page in memory.

use std::io;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use parallax_store::{Found, Rendition, StoryOrder};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc::Sender;

use super::StoryId;
use super::api::{ArticleItem, StoryItem};
use super::{AppState, Backend, Failure};
use crate::gzip;

/// Rows read from the store at a time.
const PAGE: usize = 500;

#[derive(Clone, Copy)]
enum What {
    Stories,
    Articles,
    Quotes,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Jsonl,
    Csv,
}

/// One quote occurrence, flat.
#[derive(Serialize)]
struct QuoteRow {
    story: StoryId,
    /// Canonical speaker, empty when unattributed.
    speaker: String,
    article: String,
    outlet: String,
    /// UTF-8 byte offsets into the article's text.
    start: usize,
    end: usize,
    text: String,
    /// Prints only part of the fullest wording of the quote.
    fragment: bool,
}

pub async fn export(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, Failure> {
    let (what, format) = match file.as_str() {
        "stories.jsonl" => (What::Stories, Format::Jsonl),
        "stories.csv" => (What::Stories, Format::Csv),
        "articles.jsonl" => (What::Articles, Format::Jsonl),
        "articles.csv" => (What::Articles, Format::Csv),
        "quotes.jsonl" => (What::Quotes, Format::Jsonl),
        "quotes.csv" => (What::Quotes, Format::Csv),
        _ => return Err(Failure::not_found(format!("export {file:?}"))),
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<io::Result<Vec<u8>>>(4);
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || {
        if let Err(err) = write(store.as_ref(), what, format, &tx) {
            tracing::error!(%err, "export failed");
            // The client sees a truncated body and an error, not a silent end.
            let _ = tx.blocking_send(Err(io::Error::other(err.to_string())));
        }
    });
    let content_type = match format {
        Format::Jsonl => "application/x-ndjson; charset=utf-8",
        Format::Csv => "text/csv; charset=utf-8",
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"parallax-{file}\""),
            ),
        ],
        Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx)),
    )
        .into_response())
}

/// Sends rows as encoded chunks; a closed channel (client gone) stops early.
struct Rows<'a> {
    tx: &'a Sender<io::Result<Vec<u8>>>,
    format: Format,
    header_written: bool,
}

impl Rows<'_> {
    /// Encode and send one page of rows. False when the client went away.
    fn send<T: Serialize>(&mut self, rows: &[T]) -> anyhow::Result<bool> {
        let mut chunk = Vec::new();
        match self.format {
            Format::Jsonl => {
                for row in rows {
                    serde_json::to_writer(&mut chunk, row)?;
                    chunk.push(b'\n');
                }
            }
            Format::Csv => {
                let mut writer = csv::WriterBuilder::new()
                    .has_headers(!self.header_written)
                    .from_writer(&mut chunk);
                for row in rows {
                    writer.serialize(row)?;
                }
                writer.flush()?;
                drop(writer);
                self.header_written = true;
            }
        }
        Ok(self.tx.blocking_send(Ok(chunk)).is_ok())
    }
}

fn write(
    store: &dyn Backend,
    what: What,
    format: Format,
    tx: &Sender<io::Result<Vec<u8>>>,
) -> anyhow::Result<()> {
    let mut rows = Rows {
        tx,
        format,
        header_written: false,
    };
    match what {
        What::Articles => {
            let mut after = 0;
            loop {
                let page = store.after(after, PAGE)?;
                let Some(last) = page.last() else { break };
                after = last.seq;
                let items = page
                    .into_iter()
                    .map(|stored| {
                        let story = store.story_of(&stored.article.id)?;
                        let mut item = ArticleItem::new(stored, story, true);
                        if format == Format::Csv {
                            item.defuse();
                        }
                        Ok(item)
                    })
                    .collect::<Result<Vec<_>, parallax_store::Error>>()?;
                if !rows.send(&items)? {
                    break;
                }
            }
        }
        What::Stories | What::Quotes => {
            let mut offset = 0;
            loop {
                let page = store.stories(StoryOrder::Newest, offset, PAGE)?;
                if page.is_empty() {
                    break;
                }
                offset += page.len();
                let sent = match what {
                    What::Stories => {
                        let items: Vec<StoryItem> = page
                            .into_iter()
                            .map(|s| {
                                let mut item = StoryItem::from(s);
                                if format == Format::Csv {
                                    item.headline = defuse(item.headline);
                                }
                                item
                            })
                            .collect();
                        rows.send(&items)?
                    }
                    _ => {
                        let mut quotes = Vec::new();
                        for summary in page {
                            quotes.extend(quote_rows(store, summary.id, format)?);
                        }
                        rows.send(&quotes)?
                    }
                };
                if !sent {
                    break;
                }
            }
        }
    }
    Ok(())
}

fn quote_rows(store: &dyn Backend, story: i64, format: Format) -> anyhow::Result<Vec<QuoteRow>> {
    let Some(Found::Story { rendition, .. }) = store.story(story, Rendition::Document)? else {
        return Ok(Vec::new());
    };
    let document: QuotesOfStory = serde_json::from_slice(&gzip::decompress(&rendition)?)?;
    let outlet = |id: &str| {
        document
            .articles
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.source.clone().unwrap_or_else(|| a.id.clone()))
            .unwrap_or_default()
    };
    let text = |t: String| if format == Format::Csv { defuse(t) } else { t };
    let mut rows = Vec::new();
    for s in &document.stories {
        for group in &s.quotes {
            for occurrence in &group.occurrences {
                rows.push(QuoteRow {
                    story: StoryId(story),
                    speaker: text(group.speaker.clone().unwrap_or_default()),
                    article: text(occurrence.article.clone()),
                    outlet: text(outlet(&occurrence.article)),
                    start: occurrence.start,
                    end: occurrence.end,
                    text: text(occurrence.text.clone()),
                    fragment: occurrence.fragment,
                });
            }
        }
    }
    Ok(rows)
}

/// What the quote export reads of a story's `parallax.analysis/1` document
/// (docs/json-schema.md).
#[derive(Deserialize)]
struct QuotesOfStory {
    articles: Vec<ArticleOutlet>,
    stories: Vec<StoryQuotes>,
}

#[derive(Deserialize)]
struct ArticleOutlet {
    id: String,
    /// The outlet; an article without one is its own outlet (as in the report).
    source: Option<String>,
}

#[derive(Deserialize)]
struct StoryQuotes {
    quotes: Vec<QuoteGroup>,
}

#[derive(Deserialize)]
struct QuoteGroup {
    speaker: Option<String>,
    occurrences: Vec<Occurrence>,
}

#[derive(Deserialize)]
struct Occurrence {
    article: String,
    start: usize,
    end: usize,
    text: String,
    fragment: bool,
}

/// A spreadsheet treats a cell starting with `=`, `+`, `-`, `@` (or a tab or
/// carriage return) as a formula; article text must never become one when an
/// export is opened, so such a cell gets a leading apostrophe (OWASP's advice).
pub fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

impl ArticleItem {
    fn defuse(&mut self) {
        for field in [&mut self.id, &mut self.title] {
            *field = defuse(std::mem::take(field));
        }
        for field in [&mut self.source, &mut self.url, &mut self.text] {
            if let Some(value) = field.take() {
                *field = Some(defuse(value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_text_is_not_touched() {
        assert_eq!(defuse("=HYPERLINK(\"x\")".into()), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(defuse("Ferry returns".into()), "Ferry returns");
        assert_eq!(defuse(String::new()), "");
    }
}
