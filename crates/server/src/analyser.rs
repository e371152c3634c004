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

use std::collections::BTreeSet;
use std::fs::{File, TryLockError};
use std::path::Path;

use parallax_model::{Analysis, EntityKind};
use parallax_pipeline::Live;
use parallax_store::{
    ArticleLog, SearchKind, Searchable, Seq, StorySummary, StoryView, StoryViews,
};

/// Articles read from the log and placed at a time.
const BATCH: usize = 1024;

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
            self.live
                .add(batch.into_iter().map(|s| s.article).collect());
        }
        tracing::info!(articles = self.live.len(), "replayed the log");
        Ok(())
    }

    /// Analyse every article appended since the last call and save the views
    /// of the stories that changed. Returns the number of articles analysed.
    pub fn catch_up(&mut self) -> Result<usize, Error> {
        self.catch_up_with(|_| {})
    }

    /// Articles in the log not analysed yet.
    pub fn pending(&self) -> Result<usize, Error> {
        let placed = self.seqs.last().copied().unwrap_or(0);
        let last = self.store.last_seq()?;
        Ok(usize::try_from(last - placed).unwrap_or(0))
    }

    /// [`catch_up`](Self::catch_up), telling `progress` the number of
    /// articles analysed so far after each batch.
    pub fn catch_up_with(&mut self, mut progress: impl FnMut(usize)) -> Result<usize, Error> {
        let mut done = 0;
        loop {
            let after = self.seqs.last().copied().unwrap_or(0);
            let batch = self.store.after(after, BATCH)?;
            let Some(last) = batch.last().map(|s| s.seq) else {
                return Ok(done);
            };
            done += batch.len();
            self.seqs.extend(batch.iter().map(|s| s.seq));
            let changes = self
                .live
                .add(batch.into_iter().map(|s| s.article).collect());
            let views: Vec<StoryView> = changes
                .stories
                .iter()
                .filter_map(|&story| self.view(story))
                .collect();
            let merges: Vec<(i64, i64)> = changes
                .merges
                .iter()
                .map(|&(absorbed, into)| (id(absorbed), id(into)))
                .collect();
            self.store.save_views(&views, &merges, last)?;
            tracing::info!(articles = done, stories = views.len(), "analysed");
            progress(done);
        }
    }

    /// The ids of the stories in memory.
    pub fn stories(&self) -> BTreeSet<usize> {
        self.live.stories().collect()
    }

    fn view(&self, story: usize) -> Option<StoryView> {
        let analysis = self.live.story(story)?;
        let members = self.live.members(story)?;
        let last_seq = members
            .iter()
            .filter_map(|&i| self.seqs.get(i))
            .copied()
            .max()
            .unwrap_or(0);
        Some(story_view(id(story), &analysis, last_seq))
    }
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
        // Serialising plain data cannot fail; an empty document would only
        // show as an empty story page.
        analysis: serde_json::to_string(analysis).unwrap_or_default(),
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
