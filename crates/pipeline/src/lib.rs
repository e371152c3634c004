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

mod live;

pub use live::{Changes, Live};

use parallax_group::{Clusterer, Prepared};
use parallax_model::{Analysis, Article, Document, Grouping, SegmentKind};
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
pub fn analyze(articles: Vec<Article>) -> Analysis {
    analyze_with(articles, &mut |_| {})
}

/// [`analyze`], telling `placed` how many articles are understood and
/// grouped so far (after every batch), for a progress bar; the stories are
/// compared after the last call.
pub fn analyze_with(mut articles: Vec<Article>, placed: &mut dyn FnMut(usize)) -> Analysis {
    arrival_order(&mut articles);
    let (documents, grouping) = understand_and_group_with(articles, placed);
    let stories = parallax_compare::compare(&documents, &grouping);
    Analysis {
        documents,
        grouping,
        stories,
    }
}

/// Articles understood at a time: enough to keep the cores busy, few enough
/// to keep the first stories coming early.
const BATCH: usize = 512;

/// Clean, annotate and group articles given in arrival order.
///
/// Grouping is sequential by nature (each decision depends on the ones
/// before), so the stages overlap: while the clusterer places one batch on
/// one core, the other cores understand the next batch and prepare it for
/// grouping. The result is the same as running the stages one after another.
pub fn understand_and_group(articles: Vec<Article>) -> (Vec<Document>, Grouping) {
    understand_and_group_with(articles, &mut |_| {})
}

/// [`understand_and_group`], telling `placed` how many articles are placed
/// so far after every batch.
pub fn understand_and_group_with(
    articles: Vec<Article>,
    placed: &mut dyn FnMut(usize),
) -> (Vec<Document>, Grouping) {
    let mut clusterer = Clusterer::default();
    let preparer = clusterer.preparer().clone();
    let understand_batch = |batch: Vec<Article>| -> Vec<(Document, Prepared)> {
        batch
            .into_par_iter()
            .map(|article| {
                let doc = understand(article);
                let prepared = preparer.prepare(&doc);
                (doc, prepared)
            })
            .collect()
    };
    let mut documents = Vec::with_capacity(articles.len());
    let mut rest = articles.into_iter();
    let mut batches = std::iter::from_fn(move || {
        let batch: Vec<Article> = rest.by_ref().take(BATCH).collect();
        (!batch.is_empty()).then_some(batch)
    });
    let mut ready = batches.next().map(&understand_batch).unwrap_or_default();
    while !ready.is_empty() {
        let next = batches.next();
        let (upcoming, ()) = rayon::join(
            || next.map(&understand_batch).unwrap_or_default(),
            || {
                for (doc, prepared) in ready.drain(..) {
                    clusterer.add_prepared(&doc, prepared);
                    documents.push(doc);
                }
            },
        );
        placed(documents.len());
        ready = upcoming;
    }
    (documents, clusterer.finish())
}
