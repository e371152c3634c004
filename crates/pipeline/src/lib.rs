//! Run Parallax's pure analysis stages over a batch of articles.
//!
//! Takes [`Article`]s (from any reader), gives an [`Analysis`]: every article
//! cleaned and annotated, grouped into stories, and each story compared. No I/O:
//! the CLI and the server feed it and render what it returns.
//!
//! Articles are processed in *arrival order*: by publication time when known
//! (articles without a date keep their input position relative to each other
//! and come after dated ones), so the online grouping sees them as a live
//! stream would.

use std::thread;

use parallax_model::{Analysis, Article, Document, SegmentKind};

/// Clean and annotate one article: the per-article half of the pipeline.
pub fn understand(article: Article) -> Document {
    let mut cleaned = parallax_clean::clean(&article);
    let annotations = parallax_understand::annotate(&article, &cleaned);
    for &i in &annotations.speculative {
        if let Some(segment) = cleaned.segments.get_mut(i)
            && segment.kind == SegmentKind::Body
        {
            segment.kind = SegmentKind::Speculation;
        }
    }
    Document {
        article,
        cleaned,
        annotations,
    }
}

/// Sort articles into arrival order (stable).
pub fn arrival_order(articles: &mut [Article]) {
    articles.sort_by(|a, b| match (a.published, b.published) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
}

/// Analyse a batch of articles.
pub fn analyze(mut articles: Vec<Article>) -> Analysis {
    arrival_order(&mut articles);
    let documents = understand_all(articles);
    let grouping = parallax_group::group(&documents);
    let stories = parallax_compare::compare(&documents, &grouping);
    Analysis {
        documents,
        grouping,
        stories,
    }
}

/// The per-article stages are independent: spread them over the available cores,
/// keeping input order.
fn understand_all(articles: Vec<Article>) -> Vec<Document> {
    let workers = thread::available_parallelism().map_or(1, usize::from);
    if workers < 2 || articles.len() < 64 {
        return articles.into_iter().map(understand).collect();
    }
    let chunk = articles.len().div_ceil(workers);
    let mut chunks: Vec<Vec<Article>> = Vec::with_capacity(workers);
    let mut rest = articles.into_iter();
    loop {
        let part: Vec<Article> = rest.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        chunks.push(part);
    }
    thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(understand).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(docs) => docs,
                // A panic in a stage is a bug, not bad input: surface it.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}
