//! Story views: what the service shows, derived from the log by the pipeline.

use chrono::{DateTime, Utc};

use crate::{Error, Seq};

/// What a story list shows of a story.
#[derive(Debug, Clone, PartialEq)]
pub struct StorySummary {
    /// The story's number, stable for the life of the store.
    pub id: i64,
    pub headline: String,
    pub articles: u32,
    /// Independent outlets: syndicated copies not counted.
    pub outlets: u32,
    pub first_published: Option<DateTime<Utc>>,
    pub last_published: Option<DateTime<Utc>>,
    /// The newest article of the story in the log.
    pub last_seq: Seq,
}

/// A story as saved: its summary, its renditions and what finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryView {
    pub summary: StorySummary,
    /// The story as the server shows it, rendered once when the story changes
    /// rather than on every request. Opaque bytes to the store: the analyser
    /// writes them and the server serves them.
    pub renditions: Renditions,
    /// Ids of the story's articles.
    pub articles: Vec<String>,
    /// Quotes and names search finds the story by.
    pub searchable: Vec<Searchable>,
}

/// The forms a story is served in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renditions {
    /// The story's analysis document (for the JSON API).
    pub document: Vec<u8>,
    /// The story's page (HTML).
    pub page: Vec<u8>,
}

/// Which of a story's [`Renditions`] to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendition {
    Document,
    Page,
}

impl Rendition {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Rendition::Document => "document",
            Rendition::Page => "page",
        }
    }
}

/// A piece of a story that search finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searchable {
    pub kind: SearchKind,
    /// For a quote, its speaker; for a name, its kind.
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKind {
    Quote,
    Name,
}

impl SearchKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SearchKind::Quote => "quote",
            SearchKind::Name => "name",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "quote" => Some(SearchKind::Quote),
            "name" => Some(SearchKind::Name),
            _ => None,
        }
    }
}

/// A quote or name that matched a search, with its story.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryHit {
    pub story: i64,
    pub headline: String,
    pub kind: SearchKind,
    pub label: String,
    /// The matched text, matches marked as in [`crate::Hit::excerpt`].
    pub excerpt: String,
}

/// Order of a story list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryOrder {
    /// Most recently updated first.
    Newest,
    /// Most independent outlets first, then most articles.
    Biggest,
}

/// What a story id leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The story's summary and the rendition asked for.
    Story {
        summary: StorySummary,
        rendition: Vec<u8>,
    },
    /// The story was merged into another one later; follow it.
    MergedInto(i64),
}

/// Story views, written by the one process that analyses the log.
pub trait StoryViews {
    /// In one transaction: replace the views of these stories, mark each
    /// `(absorbed, into)` merge, and record that the log has been analysed up
    /// to `analysed_to`.
    fn save_views(
        &self,
        views: &[StoryView],
        merges: &[(i64, i64)],
        analysed_to: Seq,
    ) -> Result<(), Error>;

    /// The log position up to which views are saved (0 at first).
    fn analysed_to(&self) -> Result<Seq, Error>;

    /// Keep the analyser's state (opaque bytes) as of log position `seq`,
    /// in place of the one kept before, so that a restart carries on from
    /// there instead of replaying the whole log.
    fn save_checkpoint(&self, seq: Seq, state: &[u8]) -> Result<(), Error>;

    /// The state last kept by [`save_checkpoint`](Self::save_checkpoint),
    /// with its log position.
    fn checkpoint(&self) -> Result<Option<(Seq, Vec<u8>)>, Error>;

    /// A page of live (not merged) stories.
    fn stories(
        &self,
        order: StoryOrder,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<StorySummary>, Error>;

    /// The number of live (not merged) stories.
    fn count_stories(&self) -> Result<u64, Error>;

    /// The story with this id, in the rendition asked for.
    fn story(&self, id: i64, rendition: Rendition) -> Result<Option<Found>, Error>;

    /// The story an article was last saved in (the analyser saves the story
    /// that absorbs another with all its articles), once analysed.
    fn story_of(&self, article: &str) -> Result<Option<i64>, Error>;

    /// Quotes and names matching every word of `query`, best first.
    fn search_stories(&self, query: &str, limit: usize) -> Result<Vec<StoryHit>, Error>;
}
