//! The analyser: turns the store's article log into story views.
//!
//! Exactly one process analyses a store at a time: the one holding the lock
//! file `analyser.lock` in the store directory (`parallax serve` while it
//! runs; otherwise `parallax ingest`). Others only append to the log; the
//! analyser picks their articles up on its next [`Analyser::catch_up`].
//!
//! On start the whole log is replayed through the stream pipeline ([`Live`]),
//! which rebuilds the same stories with the same ids (the grouping is
//! deterministic and the log's order is fixed); views are written only for
//! articles after the store's `analysed_to` mark, in the same transaction
//! that moves the mark. A crash at any point therefore loses nothing that was
//! appended and writes nothing twice.
//!
//! A story idle past the grouping window closes: its last view is final, and
//! its documents leave memory, so the analyser holds only the open stories
//! however long the log grows.

use std::collections::BTreeSet;
use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use parallax_model::{Analysis, EntityKind};
use parallax_pipeline::{Changes, Live};
use parallax_store::{
    ArticleLog, Renditions, SearchKind, Searchable, Seq, StorySummary, StoryView, StoryViews,
};
use rayon::prelude::*;

use crate::gzip;
use crate::http::StoryId;

/// Articles read from the log and placed at a time.
const BATCH: usize = 1024;

/// Longest time changed stories wait to be saved while a backlog is analysed.
const SAVE_EVERY: Duration = Duration::from_secs(10);

/// Why the analyser could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] parallax_store::Error),
    #[error("{path}: {source}")]
    Lock {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The analyser of one store.
pub struct Analyser<'s, S: ?Sized> {
    store: &'s S,
    live: Live,
    /// Log position of each document placed, in placement order.
    seqs: Vec<Seq>,
    /// Held for the analyser's lifetime: the OS releases it when the process
    /// ends, even on `kill -9`.
    _lock: File,
}

impl<'s, S: ArticleLog + StoryViews + ?Sized> Analyser<'s, S> {
    /// Become the analyser of the store in `dir`, replaying its log. `None`
    /// when another process is the analyser.
    pub fn start(dir: &Path, store: &'s S) -> Result<Option<Self>, Error> {
        let path = dir.join("analyser.lock");
        let lock_error = |source| Error::Lock {
            path: path.display().to_string(),
            source,
        };
        let lock = File::create(&path).map_err(lock_error)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(source)) => return Err(lock_error(source)),
        }
        let mut analyser = Analyser {
            store,
            live: Live::new(),
            seqs: Vec::new(),
            _lock: lock,
        };
        analyser.replay()?;
        Ok(Some(analyser))
    }

    /// Place every article already analysed, without writing views.
    fn replay(&mut self) -> Result<(), Error> {
        let analysed_to = self.store.analysed_to()?;
        let mut after = 0;
        while after < analysed_to {
            let batch: Vec<_> = self
                .store
                .after(after, BATCH)?
                .into_iter()
                .take_while(|s| s.seq <= analysed_to)
                .collect();
            let Some(last) = batch.last() else { break };
            after = last.seq;
            self.seqs.extend(batch.iter().map(|s| s.seq));
            let changes = self
                .live
                .add(batch.into_iter().map(|s| s.article).collect());
            // Their views were saved when they closed the first time.
            for story in changes.closed {
                self.live.forget(story);
            }
        }
        tracing::info!(articles = self.live.len(), "replayed the log");
        Ok(())
    }

    /// Analyse every article appended since the last call and save the views
    /// of the stories that changed. Returns the number of articles analysed.
    pub fn catch_up(&mut self) -> Result<usize, Error> {
        self.catch_up_with(|_| {})
    }

    /// Tidy the store's search indexes while no article waits to be
    /// analysed (each step is short, so a new article waits little).
    pub fn tidy(&self) -> Result<(), Error> {
        let mut steps = 0;
        while self.pending()? == 0 && self.store.tidy_search()? {
            steps += 1;
        }
        if steps > 0 {
            tracing::info!(steps, "tidied the search indexes");
        }
        Ok(())
    }

    /// Articles in the log not analysed yet.
    pub fn pending(&self) -> Result<usize, Error> {
        let placed = self.seqs.last().copied().unwrap_or(0);
        let last = self.store.last_seq()?;
        Ok(usize::try_from(last - placed).unwrap_or(0))
    }

    /// [`catch_up`](Self::catch_up), telling `progress` the number of
    /// articles analysed so far after each batch.
    ///
    /// Articles are placed batch by batch, but the stories they changed are
    /// compared and saved only once the log is caught up, or every
    /// [`SAVE_EVERY`] while a long backlog is worked through: a big story
    /// that gains articles in every batch is compared once, not once per
    /// batch. The log position saved with the views moves with them, so a
    /// crash between two saves only means the articles after it are placed
    /// again on the next start.
    pub fn catch_up_with(&mut self, mut progress: impl FnMut(usize)) -> Result<usize, Error> {
        let mut done = 0;
        let mut changed = Changes::default();
        let mut since_save = Instant::now();
        loop {
            let after = self.seqs.last().copied().unwrap_or(0);
            let batch = self.store.after(after, BATCH)?;
            let caught_up = batch.len() < BATCH;
            done += batch.len();
            self.seqs.extend(batch.iter().map(|s| s.seq));
            changed.extend(
                self.live
                    .add(batch.into_iter().map(|s| s.article).collect()),
            );
            if caught_up || since_save.elapsed() >= SAVE_EVERY {
                let saved = std::mem::take(&mut changed);
                self.save(&saved)?;
                // A closed story never changes again: its view is final,
                // and its documents leave memory.
                for story in saved.closed {
                    self.live.forget(story);
                }
                since_save = Instant::now();
            }
            progress(done);
            if caught_up {
                return Ok(done);
            }
        }
    }

    /// Compare the changed stories and save their views with the log
    /// position placed so far.
    fn save(&self, changed: &Changes) -> Result<(), Error> {
        let Some(&placed) = self.seqs.last() else {
            return Ok(());
        };
        if changed.stories.is_empty() && changed.merges.is_empty() {
            return Ok(());
        }
        // Stories absorbed since they changed have no view of their own
        // any more ([`view`] is `None`); the story that absorbed them has.
        let (live, seqs) = (&self.live, &self.seqs);
        let stories: Vec<usize> = changed.stories.iter().copied().collect();
        let views: Vec<StoryView> = stories
            .par_iter()
            .filter_map(|&story| view(live, seqs, story))
            .collect();
        let merges: Vec<(i64, i64)> = changed
            .merges
            .iter()
            .map(|&(absorbed, into)| (id(absorbed), id(into)))
            .collect();
        self.store.save_views(&views, &merges, placed)?;
        tracing::info!(articles = placed, stories = views.len(), "saved");
        Ok(())
    }

    /// The ids of the stories in memory: the open ones.
    pub fn stories(&self) -> BTreeSet<usize> {
        self.live.stories().collect()
    }
}

/// The view of a live story; `None` for a story merged into another.
fn view(live: &Live, seqs: &[Seq], story: usize) -> Option<StoryView> {
    let mut analysis = live.story(story)?;
    // Named in its page and document as its URL and the API name it.
    if let Some(first) = analysis.stories.first_mut() {
        first.id = StoryId(id(story)).to_string();
    }
    let last_seq = live
        .members(story)?
        .iter()
        .filter_map(|&i| seqs.get(i))
        .copied()
        .max()
        .unwrap_or(0);
    Some(story_view(id(story), &analysis, last_seq))
}

/// Story ids in the store: the clusterer's story numbers.
fn id(story: usize) -> i64 {
    i64::try_from(story).unwrap_or(i64::MAX)
}

/// The view of a story compared on its own.
fn story_view(id: i64, analysis: &Analysis, last_seq: Seq) -> StoryView {
    let story = analysis.stories.first();
    let dates = analysis
        .documents
        .iter()
        .filter_map(|d| d.article.published);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut searchable = Vec::new();
    if let Some(story) = story {
        for group in &story.quotes {
            // Every outlet's wording, so that any of them finds the quote.
            let wordings: BTreeSet<&str> = group
                .occurrences
                .iter()
                .map(|o| o.at.text.as_str())
                .collect();
            for text in wordings {
                searchable.push(Searchable {
                    kind: SearchKind::Quote,
                    label: group.speaker.clone().unwrap_or_default(),
                    text: text.to_string(),
                });
            }
        }
        for entity in &story.entities {
            let mut text = entity.name.clone();
            for alias in &entity.aliases {
                text.push_str(" / ");
                text.push_str(alias);
            }
            searchable.push(Searchable {
                kind: SearchKind::Name,
                label: kind_label(entity.kind).into(),
                text,
            });
        }
    }
    StoryView {
        summary: StorySummary {
            id,
            headline: story.map(|s| s.title.clone()).unwrap_or_default(),
            articles: count(analysis.documents.len()),
            outlets: count(story.map_or(0, |s| s.independent_outlets)),
            first_published: dates.clone().min(),
            last_published: dates.max(),
            last_seq,
        },
        renditions: Renditions {
            // Serialising plain data cannot fail; an empty document would
            // only show as an unreadable story.
            document: gzip::compress(
                &serde_json::to_vec(&parallax_report::json::document(analysis)).unwrap_or_default(),
            ),
            page: gzip::compress(parallax_report::to_html_in_site(analysis, "/").as_bytes()),
        },
        articles: analysis
            .documents
            .iter()
            .map(|d| d.article.id.clone())
            .collect(),
        searchable,
    }
}

fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
        EntityKind::Other => "other",
    }
}
