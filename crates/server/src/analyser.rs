//! The analyser: turns the store's article log into story views.
//!
//! Exactly one process analyses a store at a time: the one holding the lock
//! file `analyser.lock` in the store directory (`parallax serve` while it
//! runs; otherwise `parallax ingest`). Others only append to the log; the
//! analyser picks their articles up on its next [`Analyser::catch_up`].
//!
//! On start the log is replayed through the stream pipeline ([`Live`]),
//! which rebuilds the same stories with the same ids (the grouping is
//! deterministic and the log's order is fixed); views are written only for
//! articles after the store's `analysed_to` mark, in the same transaction
//! that moves the mark. A crash at any point therefore loses nothing that was
//! appended and writes nothing twice.
//!
//! Replay starts from the store's checkpoint where there is one: the
//! stream's state saved every [`CHECKPOINT_EVERY`] articles, with the log
//! positions of the documents of the stories still open, which are read
//! back (and understood again where the store keeps no document). So a
//! restart costs the open stories and the articles since the checkpoint,
//! not the whole log. A checkpoint may be ahead of the views (a large
//! story's view waits, see [`Refresh`]): the stories with articles past
//! the `analysed_to` mark are then saved again with the next save. A
//! checkpoint another build of Parallax wrote, or a damaged one, is not
//! read: the whole log is replayed.
//!
//! A story idle past the grouping window closes: its last view is final, and
//! its documents leave memory, so the analyser holds only the open stories
//! however long the log grows.

use std::collections::{BTreeSet, HashMap};
use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use parallax_model::{Analysis, EntityKind};
use parallax_pipeline::{Changes, Live, Saved};
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

/// Articles placed between two checkpoints, by default: a restart replays
/// at most about this many besides the open stories. Writing one costs
/// about what replaying a few hundred articles costs (docs/benchmarks.md).
pub const CHECKPOINT_EVERY: usize = 50_000;

/// What a checkpoint holds: the stream's state, and the log position of
/// every article it placed, as steps from the one before (mostly 1, so
/// they deflate to almost nothing).
#[derive(serde::Serialize, serde::Deserialize)]
struct Checkpoint {
    steps: Vec<u64>,
    live: Saved,
}

impl Checkpoint {
    fn new(live: &Live, seqs: &[Seq]) -> Self {
        let mut last = 0;
        let steps = seqs
            .iter()
            .map(|&seq| {
                let step = u64::try_from(seq - last).unwrap_or(0);
                last = seq;
                step
            })
            .collect();
        Checkpoint {
            steps,
            live: live.save(),
        }
    }

    /// The log positions of the articles placed.
    fn seqs(&self) -> Vec<Seq> {
        let mut seq: Seq = 0;
        self.steps
            .iter()
            .map(|&step| {
                seq = seq.saturating_add(Seq::try_from(step).unwrap_or(Seq::MAX));
                seq
            })
            .collect()
    }
}

/// When a large story's view is refreshed. Comparing a story costs about its
/// size, and so does saving its view, so a large story that gains an
/// article every few seconds is not compared or saved again each time. It
/// is kept open instead ([`Live::open`]): each article is added to its
/// comparison as it is placed, at the cost of the article alone. Its view
/// is saved as grown once it has waited `wait` with articles its view lacks,
/// and compared exactly again (as `analyze` would) once it has grown by
/// `growth` since its last exact comparison, or when it closes or absorbs
/// another story. Until its view is saved, the store's `analysed_to` mark
/// stays at the large story's last view, so a restart saves it again.
#[derive(Debug, Clone, Copy)]
pub struct Refresh {
    /// Articles from which a story is large.
    pub large: usize,
    /// Growth (0.1: a tenth more articles) that makes a large story's view due.
    pub growth: f64,
    /// Longest a large story's view lags behind its articles.
    pub wait: Duration,
}

impl Default for Refresh {
    fn default() -> Self {
        Refresh {
            large: 1000,
            growth: 0.1,
            wait: Duration::from_secs(60),
        }
    }
}

/// How a story's view is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fresh {
    /// The story compared as `analyze` compares it.
    Exact,
    /// A large story's last exact comparison with the articles placed
    /// since added to it ([`Live::current`]).
    Grown,
}

/// A large story's last saved view.
struct LastView {
    /// Articles at its last exact comparison.
    articles: usize,
    /// The log position saved with it.
    at: Seq,
    /// Since when the story has articles its view lacks.
    stale_since: Option<Instant>,
}

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
    refresh: Refresh,
    /// The last view of each open large story.
    large: HashMap<usize, LastView>,
    /// Articles placed between checkpoints.
    checkpoint_every: usize,
    /// Articles placed at the last checkpoint written or read.
    checkpointed: usize,
    /// See [`started_from`](Self::started_from).
    started_from: Seq,
    /// Changes placed but not saved, for the next save: the stories a
    /// checkpoint ahead of the views holds.
    unsaved: Changes,
    /// Held for the analyser's lifetime: the OS releases it when the process
    /// ends, even on `kill -9` (`None` for a cluster's grouper).
    _lock: Option<File>,
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
        Self::replayed(store, Some(lock)).map(Some)
    }

    /// The analyser of a store whose role is held another way: a cluster's
    /// grouper, which holds the store's grouper lock and whose writes the
    /// store fences. Replays the log.
    pub fn for_grouper(store: &'s S) -> Result<Self, Error> {
        Self::replayed(store, None)
    }

    fn replayed(store: &'s S, lock: Option<File>) -> Result<Self, Error> {
        // Known from the start: the executable may be replaced later.
        parallax_pipeline::build::id();
        let mut analyser = Analyser {
            store,
            live: Live::new(),
            seqs: Vec::new(),
            refresh: Refresh::default(),
            large: HashMap::new(),
            checkpoint_every: CHECKPOINT_EVERY,
            checkpointed: 0,
            started_from: 0,
            unsaved: Changes::default(),
            _lock: lock,
        };
        analyser.replay()?;
        Ok(analyser)
    }

    /// Up to [`BATCH`] articles of the log after `seq` (and up to `upto`),
    /// placed; how many, and what changed. The documents a
    /// cluster's workers made are used where the store has them (and they
    /// read back); the other articles are understood here.
    fn place_after(&mut self, seq: Seq, upto: Option<Seq>) -> Result<(usize, Changes), Error> {
        let mut batch = self.store.after_understood(seq, BATCH)?;
        if let Some(upto) = upto {
            batch.retain(|(s, _)| s.seq <= upto);
        }
        let n = batch.len();
        self.seqs.extend(batch.iter().map(|(s, _)| s.seq));
        let items = batch
            .into_iter()
            .map(|(stored, doc)| {
                let doc = doc.and_then(|bytes| parallax_pipeline::wire::decode(&bytes));
                (stored.article, doc)
            })
            .collect();
        Ok((n, self.live.add_understood(items)))
    }

    /// Place every article already analysed, without writing views: from
    /// the checkpoint on where there is one.
    fn replay(&mut self) -> Result<(), Error> {
        let analysed_to = self.store.analysed_to()?;
        self.restore()?;
        let mut after = self.seqs.last().copied().unwrap_or(0);
        if after > analysed_to {
            // The checkpoint is ahead of the views: the stories with
            // articles past the mark are saved again, with the next save
            // (after the articles since, whose views may be newer than the
            // checkpoint, are placed again).
            let stories = self
                .live
                .stories()
                .filter(|&story| {
                    last_seq(&self.live, &self.seqs, story).is_some_and(|last| last > analysed_to)
                })
                .collect();
            self.unsaved = Changes {
                stories,
                ..Changes::default()
            };
        }
        while after < analysed_to {
            let (placed, changes) = self.place_after(after, Some(analysed_to))?;
            if placed == 0 {
                break;
            }
            after = self.seqs.last().copied().unwrap_or(analysed_to);
            // Their views were saved when they closed the first time.
            for story in changes.closed {
                self.live.forget(story);
            }
        }
        tracing::info!(articles = self.live.len(), "replayed the log");
        Ok(())
    }

    /// Carry on from the store's checkpoint, if it has one this build can
    /// read. Anything else leaves the analyser at the start of the log, to
    /// replay it all.
    fn restore(&mut self) -> Result<(), Error> {
        let Some((at, bytes)) = self.store.checkpoint()? else {
            return Ok(());
        };
        let started = Instant::now();
        let Some(checkpoint) = parallax_pipeline::checkpoint::decode::<Checkpoint>(&bytes) else {
            tracing::info!(
                at,
                "the checkpoint is another build's, or damaged: replaying the whole log"
            );
            return Ok(());
        };
        let seqs = checkpoint.seqs();
        if seqs.last().copied().unwrap_or(0) != at || seqs.len() != checkpoint.live.len() {
            tracing::warn!(
                at,
                "the checkpoint does not hold together: replaying the whole log"
            );
            return Ok(());
        }
        // The held documents, read back by log position.
        let arrival_of: HashMap<Seq, usize> = checkpoint
            .live
            .arrivals()
            .into_iter()
            .filter_map(|arrival| Some((*seqs.get(arrival)?, arrival)))
            .collect();
        let wanted: Vec<Seq> = arrival_of.keys().copied().collect();
        let docs = self
            .store
            .understood_at(&wanted)?
            .into_par_iter()
            .filter_map(|(stored, doc)| {
                let arrival = *arrival_of.get(&stored.seq)?;
                let doc = doc
                    .and_then(|bytes| parallax_pipeline::wire::decode(&bytes))
                    .unwrap_or_else(|| parallax_pipeline::understand(stored.article));
                Some((arrival, doc))
            })
            .collect();
        match Live::restore(checkpoint.live, docs) {
            Ok(live) => {
                self.checkpointed = live.len();
                self.live = live;
                self.seqs = seqs;
                self.started_from = at;
                tracing::info!(
                    at,
                    held = wanted.len(),
                    ms = started.elapsed().as_millis() as u64,
                    "carried on from the checkpoint"
                );
            }
            Err(e) => tracing::warn!(at, "{e}: replaying the whole log"),
        }
        Ok(())
    }

    /// Save a checkpoint if one is due: [`CHECKPOINT_EVERY`] articles were
    /// placed since the last one (any, on a flush). A checkpoint is only a
    /// shortcut for the next start, so failing to write one is logged, not
    /// fatal.
    fn checkpoint(&mut self, all: bool) {
        let placed = self.live.len();
        let since = placed.saturating_sub(self.checkpointed);
        let due = if all {
            since > 0
        } else {
            since >= self.checkpoint_every
        };
        if !due {
            return;
        }
        let Some(&at) = self.seqs.last() else {
            return;
        };
        let started = Instant::now();
        let Some(bytes) =
            parallax_pipeline::checkpoint::encode(&Checkpoint::new(&self.live, &self.seqs))
        else {
            tracing::warn!("the checkpoint did not serialise");
            return;
        };
        match self.store.save_checkpoint(at, &bytes) {
            Ok(()) => {
                self.checkpointed = placed;
                tracing::info!(
                    at,
                    bytes = bytes.len(),
                    ms = started.elapsed().as_millis() as u64,
                    "checkpoint saved"
                );
            }
            Err(e) => tracing::warn!("the checkpoint was not saved: {e}"),
        }
    }

    /// Write a checkpoint every `articles` placed instead of
    /// [`CHECKPOINT_EVERY`].
    pub fn set_checkpoint_every(&mut self, articles: usize) {
        self.checkpoint_every = articles.max(1);
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
        let mut changed = std::mem::take(&mut self.unsaved);
        let mut since_save = Instant::now();
        loop {
            let after = self.seqs.last().copied().unwrap_or(0);
            let (placed, changes) = self.place_after(after, None)?;
            let caught_up = placed < BATCH;
            done += placed;
            changed.extend(changes);
            if caught_up || since_save.elapsed() >= SAVE_EVERY {
                self.save(std::mem::take(&mut changed), false)?;
                self.checkpoint(false);
                since_save = Instant::now();
            }
            progress(done);
            if caught_up {
                return Ok(done);
            }
        }
    }

    /// Compare every large story whose view lags or is grown exactly now,
    /// whatever [`Refresh`] says (`ingest` does before it ends).
    /// Then saves a checkpoint if anything was placed since the last one.
    pub fn flush(&mut self) -> Result<(), Error> {
        self.save(Changes::default(), true)?;
        self.checkpoint(true);
        Ok(())
    }

    /// The log position the last start replayed from: its checkpoint's, or
    /// 0 when it replayed the whole log.
    pub fn started_from(&self) -> Seq {
        self.started_from
    }

    /// Use `refresh` instead of [`Refresh::default`].
    pub fn set_refresh(&mut self, refresh: Refresh) {
        self.refresh = refresh;
    }

    /// Compare the changed stories that are due (see [`Refresh`]; all of
    /// them when `all`) and save their views with the log position placed so
    /// far, or the oldest position a large story's view still lacks. A
    /// closed story's view is final: its documents then leave memory.
    fn save(&mut self, changed: Changes, all: bool) -> Result<(), Error> {
        let Some(&placed) = self.seqs.last() else {
            return Ok(());
        };
        let now = Instant::now();
        let absorbing: BTreeSet<usize> = changed.merges.iter().map(|&(_, into)| into).collect();
        let closed: BTreeSet<usize> = changed.closed.iter().copied().collect();
        for &story in &changed.stories {
            if let Some(last) = self.large.get_mut(&story) {
                last.stale_since.get_or_insert(now);
            }
        }
        let refresh = self.refresh;
        let live = &self.live;
        // Whether a story's view is due, and compared exactly or as grown.
        let due = |story: usize, last: Option<&LastView>| -> Option<Fresh> {
            let Some(last) = last else {
                return Some(Fresh::Exact);
            };
            let articles = live.size(story);
            if all
                || closed.contains(&story)
                || absorbing.contains(&story)
                || articles as f64 >= last.articles as f64 * (1.0 + refresh.growth)
            {
                Some(Fresh::Exact)
            } else {
                last.stale_since
                    .is_some_and(|t| now.duration_since(t) >= refresh.wait)
                    .then_some(Fresh::Grown)
            }
        };
        // Large stories waiting for a view, and on a flush those whose view
        // is grown, not exact.
        let mut stories: BTreeSet<usize> = changed.stories.clone();
        stories.extend(
            self.large
                .iter()
                .filter(|&(&story, last)| {
                    last.stale_since.is_some() || (all && live.size(story) != last.articles)
                })
                .map(|(&story, _)| story),
        );
        let wanted: Vec<(usize, Fresh)> = stories
            .into_iter()
            .filter_map(|s| Some((s, due(s, self.large.get(&s))?)))
            .collect();
        if wanted.is_empty() && changed.merges.is_empty() && closed.is_empty() {
            return Ok(());
        }
        // A large open story compared exactly is kept open, so that its
        // articles from now on are added as they come (one at a time: `open`
        // changes the pipeline's state); the others are compared in parallel.
        let large = |story: usize| live.size(story) >= refresh.large;
        let (to_open, others): (Vec<_>, Vec<_>) =
            wanted.into_iter().partition(|&(story, fresh)| {
                large(story)
                    && !closed.contains(&story)
                    && (fresh == Fresh::Exact || !live.is_open(story))
            });
        let mut analyses: Vec<(usize, Fresh, Analysis)> = Vec::new();
        for (story, _) in to_open {
            if let Some(analysis) = self.live.open(story) {
                analyses.push((story, Fresh::Exact, analysis));
            }
        }
        let live = &self.live;
        // Stories absorbed since they changed have no view of their own
        // any more (`None`); the story that absorbed them has.
        analyses.par_extend(others.into_par_iter().filter_map(|(story, fresh)| {
            let analysis = match fresh {
                Fresh::Exact => live.story(story)?,
                Fresh::Grown => live.current(story)?,
            };
            Some((story, fresh, analysis))
        }));
        let seqs = &self.seqs;
        let views: Vec<(usize, Fresh, usize, StoryView)> = analyses
            .into_par_iter()
            .filter_map(|(story, fresh, analysis)| {
                let articles = analysis.documents.len();
                Some((story, fresh, articles, view(live, seqs, story, analysis)?))
            })
            .collect();
        for (story, fresh, articles, _) in &views {
            let compared = match fresh {
                Fresh::Exact => *articles,
                Fresh::Grown => self.large.get(story).map_or(*articles, |l| l.articles),
            };
            self.large.remove(story);
            if *articles >= refresh.large {
                let last = LastView {
                    articles: compared,
                    at: placed,
                    stale_since: None,
                };
                self.large.insert(*story, last);
            }
        }
        for &(absorbed, _) in &changed.merges {
            self.large.remove(&absorbed);
        }
        for story in &closed {
            self.large.remove(story);
            self.live.forget(*story);
        }
        // A large story whose view lacks nothing is complete up to here:
        // once it waits for a view, the mark stays here, not at its last
        // view (which would move the mark back).
        for last in self.large.values_mut() {
            if last.stale_since.is_none() {
                last.at = placed;
            }
        }
        let mark = self
            .large
            .values()
            .filter(|last| last.stale_since.is_some())
            .map(|last| last.at)
            .fold(placed, Seq::min);
        let merges: Vec<(i64, i64)> = changed
            .merges
            .iter()
            .map(|&(absorbed, into)| (id(absorbed), id(into)))
            .collect();
        let views: Vec<StoryView> = views.into_iter().map(|(_, _, _, view)| view).collect();
        self.store.save_views(&views, &merges, mark)?;
        tracing::info!(articles = mark, stories = views.len(), "saved");
        Ok(())
    }

    /// The ids of the stories in memory: the open ones.
    pub fn stories(&self) -> BTreeSet<usize> {
        self.live.stories().collect()
    }
}

/// The view of a live story compared on its own (`analysis`).
fn view(live: &Live, seqs: &[Seq], story: usize, mut analysis: Analysis) -> Option<StoryView> {
    // Named in its page and document as its URL and the API name it.
    if let Some(first) = analysis.stories.first_mut() {
        first.id = StoryId(id(story)).to_string();
    }
    Some(story_view(
        id(story),
        &analysis,
        last_seq(live, seqs, story)?,
    ))
}

/// The log position of a held story's latest article (`None` for a story
/// not held).
fn last_seq(live: &Live, seqs: &[Seq], story: usize) -> Option<Seq> {
    let members = live.members(story)?;
    Some(
        members
            .iter()
            .filter_map(|&i| seqs.get(i))
            .copied()
            .max()
            .unwrap_or(0),
    )
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
