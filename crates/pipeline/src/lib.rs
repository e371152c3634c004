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

use parallax_model::{Analysis, Article, Document, SegmentKind};
use rayon::prelude::*;

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

/// The per-article stages are independent: spread them over the available
/// cores, keeping input order.
pub fn understand_all(articles: Vec<Article>) -> Vec<Document> {
    articles.into_par_iter().map(understand).collect()
}
