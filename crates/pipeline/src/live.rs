//! The pipeline for a stream: what the service and the streaming `analyze` run.
//!
//! [`Live`] takes articles as they arrive, places each one in a story on
//! arrival with the same clusterer as [`analyze`](crate::analyze), and says
//! which stories changed, so that only those are compared again, and which
//! closed (idle past the grouping window: they never change again). It holds
//! the documents of the stories it was not told to let go of: the open ones,
//! and the closed ones until [`take`](Live::take)n or
//! [`forget`](Live::forget)ten, so memory is bounded by the window, not by
//! the stream. Story ids are the clusterer's story numbers: stable as long as
//! the same articles arrive in the same order, which is what replaying the
//! store's log gives.
//!
//! A large story whose view is wanted often can be kept [`open`](Live::open):
//! each article placed in it is then added to its comparison as it comes
//! ([`Growing`]), and [`current`](Live::current) shows it without comparing
//! the story again.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use parallax_compare::Growing;
use parallax_group::{Clusterer, Prepared, Preparer};
use parallax_model::{Analysis, Article, Document, Grouping, Membership, Story};

use crate::timings::{Stage, Timings};
use crate::understand_timed;
use rayon::prelude::*;

/// The state of a stream of articles: the held stories and the clusterer.
#[derive(Default)]
pub struct Live {
    clusterer: Clusterer,
    /// Articles placed so far.
    placed: usize,
    /// The held stories by id: their documents in arrival order.
    held: BTreeMap<usize, Vec<Member>>,
    /// Clusterer merges already applied to `held`.
    merges_seen: usize,
    /// The held stories kept open by [`open`](Live::open): each article
    /// placed in one is added to its comparison as it comes.
    growing: HashMap<usize, Growing>,
}

/// A [`Live`]'s state without its documents ([`Live::save`]): the
/// clusterer, and the arrival and membership of each held document.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Saved {
    clusterer: Clusterer,
    placed: usize,
    merges_seen: usize,
    /// The held stories by id: `(arrival, membership)` of each document.
    held: Vec<(usize, Vec<(usize, Membership)>)>,
}

impl Saved {
    /// Arrival positions of the held documents, which
    /// [`Live::restore`] needs back, ascending.
    pub fn arrivals(&self) -> Vec<usize> {
        let mut arrivals: Vec<usize> = self
            .held
            .iter()
            .flat_map(|(_, members)| members.iter().map(|&(arrival, _)| arrival))
            .collect();
        arrivals.sort_unstable();
        arrivals
    }

    /// Articles placed before the state was saved.
    pub fn len(&self) -> usize {
        self.placed
    }

    pub fn is_empty(&self) -> bool {
        self.placed == 0
    }
}

/// Why a [`Saved`] state could not be restored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestoreError {
    #[error("the state was saved with other grouping settings")]
    Settings,
    #[error("the document that arrived at position {0} is missing")]
    Missing(usize),
}

/// One document of a held story.
struct Member {
    /// Its position in the whole stream (0 for the first article placed).
    arrival: usize,
    doc: Document,
    /// As placed: `copy_of` is an arrival position.
    membership: Membership,
}

/// What one [`Live::add`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Stories that gained articles or absorbed another story, by id.
    pub stories: BTreeSet<usize>,
    /// `(absorbed, into)`: stories that turned out to be part of another.
    pub merges: Vec<(usize, usize)>,
    /// Stories that closed, in order of closing: they will not change again.
    pub closed: Vec<usize>,
}

impl Changes {
    /// Fold the changes of a later call into these.
    pub fn extend(&mut self, later: Changes) {
        self.stories.extend(later.stories);
        self.merges.extend(later.merges);
        self.closed.extend(later.closed);
    }
}

/// A story's documents taken out of [`Live`], not compared yet.
pub struct Held {
    pub story: usize,
    members: Vec<Member>,
}

/// A story compared on its own: its documents in arrival order, their
/// memberships (copies pointing inside the story) and the comparison.
pub struct Compared {
    /// The clusterer's story number.
    pub story: usize,
    /// Where each of `analysis.documents` arrived in the whole stream.
    pub arrivals: Vec<usize>,
    pub analysis: Analysis,
}

/// Each member's `copy_of` as a position in the story alone (it is an
/// arrival position in the stream).
fn local_copies(members: &[Member]) -> Vec<Option<usize>> {
    let local: BTreeMap<usize, usize> = members
        .iter()
        .enumerate()
        .map(|(l, m)| (m.arrival, l))
        .collect();
    members
        .iter()
        .map(|m| m.membership.copy_of.and_then(|o| local.get(&o).copied()))
        .collect()
}

/// A story's members compared, the comparison kept open.
fn compared(story: usize, members: &[Member]) -> Growing {
    let articles: Vec<(&Document, bool)> = members
        .iter()
        .map(|m| (&m.doc, m.membership.copy_of.is_some()))
        .collect();
    Growing::new(story, &articles)
}

/// The analysis of one story compared on its own, its documents copied.
fn analysis_of(story: usize, members: &[Member], compared: Story) -> Analysis {
    Analysis {
        documents: members.iter().map(|m| m.doc.clone()).collect(),
        grouping: Grouping {
            memberships: members
                .iter()
                .zip(local_copies(members))
                .map(|(m, copy_of)| Membership {
                    story,
                    copy_of,
                    why: m.membership.why.clone(),
                })
                .collect(),
            merges: Vec::new(),
        },
        stories: vec![compared],
    }
}

impl Held {
    /// Compare the story (the `compare` stage).
    pub fn compare(self, timings: &Timings) -> Compared {
        let Held { story, members } = self;
        let copies = local_copies(&members);
        let mut arrivals = Vec::with_capacity(members.len());
        let mut documents = Vec::with_capacity(members.len());
        let mut memberships = Vec::with_capacity(members.len());
        for (m, copy_of) in members.into_iter().zip(copies) {
            arrivals.push(m.arrival);
            documents.push(m.doc);
            memberships.push(Membership {
                story,
                copy_of,
                why: m.membership.why,
            });
        }
        let grouping = Grouping {
            memberships,
            merges: Vec::new(),
        };
        let stories = timings.time(Stage::Compare, || {
            parallax_compare::compare(&documents, &grouping)
        });
        Compared {
            story,
            arrivals,
            analysis: Analysis {
                documents,
                grouping,
                stories,
            },
        }
    }
}

impl Live {
    pub fn new() -> Self {
        Self::default()
    }

    /// Articles placed so far.
    pub fn len(&self) -> usize {
        self.placed
    }

    pub fn is_empty(&self) -> bool {
        self.placed == 0
    }

    /// The state to carry on from later ([`restore`](Self::restore)):
    /// everything but the held documents, which the caller keeps anyway
    /// (a log). Stories kept [`open`](Self::open) are not: restored, they
    /// are compared anew when next asked for.
    pub fn save(&self) -> Saved {
        Saved {
            clusterer: self.clusterer.clone(),
            placed: self.placed,
            merges_seen: self.merges_seen,
            held: self
                .held
                .iter()
                .map(|(&story, members)| {
                    let members = members
                        .iter()
                        .map(|m| (m.arrival, m.membership.clone()))
                        .collect();
                    (story, members)
                })
                .collect(),
        }
    }

    /// The stream as it was [`save`](Self::save)d, its held documents given
    /// back by arrival position: from here it places articles exactly as
    /// the saved one would have.
    pub fn restore(saved: Saved, mut docs: HashMap<usize, Document>) -> Result<Live, RestoreError> {
        if saved.clusterer.config() != Clusterer::default().config() {
            return Err(RestoreError::Settings);
        }
        let mut held = BTreeMap::new();
        for (story, members) in saved.held {
            let members = members
                .into_iter()
                .map(|(arrival, membership)| {
                    let doc = docs
                        .remove(&arrival)
                        .ok_or(RestoreError::Missing(arrival))?;
                    Ok(Member {
                        arrival,
                        doc,
                        membership,
                    })
                })
                .collect::<Result<Vec<_>, RestoreError>>()?;
            held.insert(story, members);
        }
        Ok(Live {
            clusterer: saved.clusterer,
            placed: saved.placed,
            held,
            merges_seen: saved.merges_seen,
            growing: HashMap::new(),
        })
    }

    /// What prepares documents for [`place`](Self::place), to run on other
    /// threads.
    pub fn preparer(&self) -> &Preparer {
        self.clusterer.preparer()
    }

    /// Understand `articles` (in parallel) and place them, in the given
    /// order, into stories.
    pub fn add(&mut self, articles: Vec<Article>) -> Changes {
        self.add_understood(articles.into_iter().map(|a| (a, None)).collect())
    }

    /// Place articles in the given order, each with the document already
    /// made of it where there is one (a cluster's workers made it); the
    /// others are understood here, in parallel.
    pub fn add_understood(&mut self, items: Vec<(Article, Option<Document>)>) -> Changes {
        let timings = Timings::default();
        let preparer = self.clusterer.preparer();
        let ready = items
            .into_par_iter()
            .map(|(article, doc)| match doc {
                Some(doc) => {
                    let prepared = preparer.prepare(&doc);
                    (doc, prepared)
                }
                None => understand_timed(article, preparer, &timings),
            })
            .collect();
        self.place(ready, &timings)
    }

    /// Place documents understood and prepared elsewhere, in the given order.
    pub fn place(&mut self, ready: Vec<(Document, Prepared)>, timings: &Timings) -> Changes {
        let mut changes = Changes::default();
        for (doc, prepared) in ready {
            let membership = timings.time(Stage::Group, || self.clusterer.place(&doc, prepared));
            let arrival = self.placed;
            self.placed += 1;
            changes.stories.insert(membership.story);
            let story = self.clusterer.resolve(membership.story);
            if let Some(growing) = self.growing.get_mut(&story) {
                let is_copy = membership.copy_of.is_some();
                timings.time(Stage::Compare, || growing.add(&doc, is_copy));
            }
            self.held.entry(story).or_default().push(Member {
                arrival,
                doc,
                membership,
            });
            self.apply_merges(&mut changes);
            changes.closed.extend(self.clusterer.take_closed());
        }
        // Ids placed before a merge in this batch now live on in the story they joined.
        changes.stories = changes
            .stories
            .iter()
            .map(|&s| self.clusterer.resolve(s))
            .collect();
        changes
    }

    fn apply_merges(&mut self, changes: &mut Changes) {
        let merges = self.clusterer.merges();
        for &(absorbed, into) in merges.get(self.merges_seen..).unwrap_or_default() {
            let into = self.clusterer.resolve(into);
            // Merged stories are compared anew: their articles interleave.
            self.growing.remove(&absorbed);
            self.growing.remove(&into);
            if let Some(moved) = self.held.remove(&absorbed) {
                let target = self.held.entry(into).or_default();
                target.extend(moved);
                target.sort_unstable_by_key(|m| m.arrival);
            }
            changes.merges.push((absorbed, into));
            changes.stories.insert(into);
        }
        self.merges_seen = merges.len();
    }

    /// The ids of the held stories (merged ones excluded), oldest first.
    pub fn stories(&self) -> impl Iterator<Item = usize> + '_ {
        self.held.keys().copied()
    }

    /// Articles in a held story (0 for an unknown, merged or let-go id).
    pub fn size(&self, story: usize) -> usize {
        self.held.get(&story).map_or(0, Vec::len)
    }

    /// Arrival positions (over the whole stream) of a held story's documents.
    pub fn members(&self, story: usize) -> Option<Vec<usize>> {
        self.held
            .get(&story)
            .map(|members| members.iter().map(|m| m.arrival).collect())
    }

    /// One held story compared on its own, the story staying held. `None`
    /// for an unknown, merged or let-go id.
    pub fn story(&self, story: usize) -> Option<Analysis> {
        let members = self.held.get(&story)?;
        Some(analysis_of(
            story,
            members,
            compared(story, members).into_story(),
        ))
    }

    /// One held story compared exactly (as [`story`](Self::story)), and
    /// kept open: each article placed in it from now on is added to the
    /// comparison as it comes ([`Growing`]), so that [`current`](Self::current)
    /// costs no comparison. For a large story whose view is wanted often.
    pub fn open(&mut self, story: usize) -> Option<Analysis> {
        let members = self.held.get(&story)?;
        let mut growing = compared(story, members);
        growing.prepare();
        let analysis = analysis_of(story, members, growing.story());
        self.growing.insert(story, growing);
        Some(analysis)
    }

    /// An [`open`](Self::open)ed story as it has grown since: its exact
    /// comparison then, with the articles placed since added to it. `None`
    /// for a story not open (or merged since: merged stories are compared
    /// anew).
    pub fn current(&self, story: usize) -> Option<Analysis> {
        let growing = self.growing.get(&story)?;
        let members = self.held.get(&story)?;
        Some(analysis_of(story, members, growing.story()))
    }

    /// Whether a story is [`open`](Self::open) (and not merged since).
    pub fn is_open(&self, story: usize) -> bool {
        self.growing.contains_key(&story)
    }

    /// Let go of a story's documents, handing them over to be compared.
    pub fn take(&mut self, story: usize) -> Option<Held> {
        self.growing.remove(&story);
        let members = self.held.remove(&story)?;
        Some(Held { story, members })
    }

    /// Let go of a story's documents (a closed story whose view is saved).
    pub fn forget(&mut self, story: usize) {
        self.growing.remove(&story);
        self.held.remove(&story);
    }

    /// Every merge so far: `(absorbed, into)` story ids, in order.
    pub fn merges(&self) -> &[(usize, usize)] {
        self.clusterer.merges()
    }
}
