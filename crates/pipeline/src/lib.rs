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

mod arrival;
pub mod build;
pub mod checkpoint;
mod live;
mod timings;
pub mod wire;

pub use arrival::{REORDER_WINDOW, Reorder, arrival_order};
pub use live::{Changes, Compared, Held, Live, RestoreError, Saved};
pub use timings::{Stage, Timings};

use parallax_group::{Prepared, Preparer};
use parallax_model::{Analysis, Article, Document, Grouping, SegmentKind};
use rayon::prelude::*;

/// Clean and annotate one article: the per-article half of the pipeline.
pub fn understand(article: Article) -> Document {
    understand_in(article, &Timings::default())
}

fn understand_in(article: Article, timings: &Timings) -> Document {
    let mut cleaned = timings.time(Stage::Clean, || parallax_clean::clean(&article));
    let annotations = timings.time(Stage::Understand, || {
        parallax_understand::annotate(&article, &cleaned)
    });
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

/// [`understand`], then the stateless part of grouping, each stage timed.
fn understand_timed(
    article: Article,
    preparer: &Preparer,
    timings: &Timings,
) -> (Document, Prepared) {
    let doc = understand_in(article, timings);
    let prepared = timings.time(Stage::Group, || preparer.prepare(&doc));
    (doc, prepared)
}

/// [`understand_timed`] for many articles, in parallel, keeping their order.
fn understand_batch(
    articles: Vec<Article>,
    preparer: &Preparer,
    timings: &Timings,
) -> Vec<(Document, Prepared)> {
    articles
        .into_par_iter()
        .map(|article| understand_timed(article, preparer, timings))
        .collect()
}

/// Analyse a batch of articles.
pub fn analyze(articles: Vec<Article>) -> Analysis {
    analyze_with(articles, &mut |_| {})
}

/// [`analyze`], telling `placed` how many articles are understood and
/// grouped so far (after every batch), for a progress bar.
pub fn analyze_with(mut articles: Vec<Article>, placed: &mut dyn FnMut(usize)) -> Analysis {
    arrival_order(&mut articles);
    analyze_stream(articles.into_iter(), &Timings::default(), placed)
}

/// [`analyze`] for articles given in arrival order, read as they are
/// needed. The whole analysis is in memory at the end: for inputs larger
/// than memory, [`stream`] hands over each story as it closes instead.
pub fn analyze_stream(
    articles: impl Iterator<Item = Article> + Send,
    timings: &Timings,
    placed: &mut dyn FnMut(usize),
) -> Analysis {
    let mut compared = Vec::new();
    let streamed = stream(articles, timings, placed, &mut |story| compared.push(story));
    assemble(compared, streamed)
}

/// Articles understood at a time: enough to keep the cores busy, few enough
/// to keep the first stories coming early.
const BATCH: usize = 512;

/// What [`stream`] did besides handing over stories.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Streamed {
    /// Articles placed.
    pub articles: usize,
    /// Every story merge, `(absorbed, into)` in the clusterer's story numbers.
    pub merges: Vec<(usize, usize)>,
}

/// Analyse articles given in arrival order as a stream, in memory bounded
/// by the open stories: each story is compared and handed to `emit` as soon
/// as it closes (idle past the grouping window), the rest at the end.
/// `placed` is told the number of articles placed after every batch.
///
/// Grouping is sequential by nature (each decision depends on the ones
/// before), so the stages overlap: while the clusterer places one batch and
/// the stories it closed are compared and handed over (written, for the
/// CLI), the other cores read, understand and prepare the next batch. The
/// result is the same as running the stages one after another.
pub fn stream(
    articles: impl Iterator<Item = Article> + Send,
    timings: &Timings,
    placed: &mut dyn FnMut(usize),
    emit: &mut (dyn FnMut(Compared) + Send),
) -> Streamed {
    let mut live = Live::new();
    let preparer = live.preparer().clone();
    let mut articles = articles;
    let mut next_batch =
        || understand_batch(articles.by_ref().take(BATCH).collect(), &preparer, timings);
    let mut ready = next_batch();
    while !ready.is_empty() {
        let (upcoming, ()) = rayon::join(&mut next_batch, || {
            let changes = live.place(std::mem::take(&mut ready), timings);
            let held: Vec<Held> = changes
                .closed
                .iter()
                .filter_map(|&story| live.take(story))
                .collect();
            compare_all(held, timings).into_iter().for_each(&mut *emit);
        });
        placed(live.len());
        ready = upcoming;
    }
    // The stories still open close with the stream.
    let open: Vec<usize> = live.stories().collect();
    let held: Vec<Held> = open.into_iter().filter_map(|s| live.take(s)).collect();
    compare_all(held, timings).into_iter().for_each(emit);
    Streamed {
        articles: live.len(),
        merges: live.merges().to_vec(),
    }
}

/// Compare stories in parallel, keeping their order.
fn compare_all(held: Vec<Held>, timings: &Timings) -> Vec<Compared> {
    held.into_par_iter()
        .map(|story| story.compare(timings))
        .collect()
}

/// One [`Analysis`] from the stories of a whole stream: documents in
/// arrival order, stories numbered `story-1`, `story-2`, ... in order of
/// their first article.
fn assemble(mut compared: Vec<Compared>, streamed: Streamed) -> Analysis {
    compared.sort_by_key(|c| c.arrivals.first().copied());
    let mut slots: Vec<Option<(Document, parallax_model::Membership)>> =
        (0..streamed.articles).map(|_| None).collect();
    let mut stories = Vec::with_capacity(compared.len());
    for (number, c) in compared.into_iter().enumerate() {
        let Analysis {
            documents,
            grouping,
            stories: found,
        } = c.analysis;
        for ((doc, mut membership), &arrival) in documents
            .into_iter()
            .zip(grouping.memberships)
            .zip(&c.arrivals)
        {
            membership.story = number;
            membership.copy_of = membership
                .copy_of
                .and_then(|local| c.arrivals.get(local).copied());
            if let Some(slot) = slots.get_mut(arrival) {
                *slot = Some((doc, membership));
            }
        }
        stories.extend(found.into_iter().map(|mut story| {
            story.id = format!("story-{}", number + 1);
            story
        }));
    }
    let (documents, memberships) = slots.into_iter().flatten().unzip();
    Analysis {
        documents,
        grouping: Grouping {
            memberships,
            merges: streamed.merges,
        },
        stories,
    }
}
