//! The pipeline for a stream: what the service runs.
//!
//! [`Live`] takes articles as they arrive, places each one in a story on
//! arrival with the same clusterer as [`analyze`](crate::analyze), and says
//! which stories changed, so that only those are compared again. Story ids are
//! the clusterer's story numbers: stable as long as the same articles arrive
//! in the same order, which is what replaying the store's log gives.

use std::collections::{BTreeMap, BTreeSet};

use parallax_group::Clusterer;
use parallax_model::{Analysis, Article, Document, Grouping, Membership};
use rayon::prelude::*;

use crate::understand;

/// The state of a stream of articles: documents, their stories, the clusterer.
#[derive(Default)]
pub struct Live {
    clusterer: Clusterer,
    documents: Vec<Document>,
    /// Membership of each document as placed (story ids resolved when read).
    memberships: Vec<Membership>,
    /// Documents of each live story, in arrival order.
    members: BTreeMap<usize, Vec<usize>>,
    /// Clusterer merges already applied to `members`.
    merges_seen: usize,
}

/// What one [`Live::add`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Stories that gained articles or absorbed another story, by id.
    pub stories: BTreeSet<usize>,
    /// `(absorbed, into)`: stories that turned out to be part of another.
    pub merges: Vec<(usize, usize)>,
}

impl Live {
    pub fn new() -> Self {
        Self::default()
    }

    /// Articles placed so far.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Understand `articles` (in parallel) and place them, in the given
    /// order, into stories.
    pub fn add(&mut self, articles: Vec<Article>) -> Changes {
        let preparer = self.clusterer.preparer().clone();
        let ready: Vec<_> = articles
            .into_par_iter()
            .map(|article| {
                let doc = understand(article);
                let prepared = preparer.prepare(&doc);
                (doc, prepared)
            })
            .collect();
        let mut changes = Changes::default();
        for (doc, prepared) in ready {
            let membership = self.clusterer.place(&doc, prepared);
            let index = self.documents.len();
            self.documents.push(doc);
            self.members
                .entry(self.clusterer.resolve(membership.story))
                .or_default()
                .push(index);
            changes.stories.insert(membership.story);
            self.memberships.push(membership);
            self.apply_merges(&mut changes);
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
        for &(absorbed, into) in &merges[self.merges_seen..] {
            let into = self.clusterer.resolve(into);
            if let Some(moved) = self.members.remove(&absorbed) {
                let target = self.members.entry(into).or_default();
                target.extend(moved);
                target.sort_unstable();
            }
            changes.merges.push((absorbed, into));
            changes.stories.insert(into);
        }
        self.merges_seen = merges.len();
    }

    /// The ids of the live stories (merged ones excluded), oldest first.
    pub fn stories(&self) -> impl Iterator<Item = usize> + '_ {
        self.members.keys().copied()
    }

    /// Indices (in arrival order over the whole stream) of a live story's documents.
    pub fn members(&self, story: usize) -> Option<&[usize]> {
        self.members.get(&story).map(Vec::as_slice)
    }

    /// One story compared on its own: its documents in arrival order, their
    /// memberships (copies pointing inside the story) and the comparison.
    /// `None` for an unknown or merged id.
    pub fn story(&self, story: usize) -> Option<Analysis> {
        let members = self.members.get(&story)?;
        let local: BTreeMap<usize, usize> =
            members.iter().enumerate().map(|(l, &g)| (g, l)).collect();
        let documents: Vec<Document> = members.iter().map(|&g| self.documents[g].clone()).collect();
        let memberships = members
            .iter()
            .map(|&g| {
                let placed = &self.memberships[g];
                Membership {
                    story,
                    copy_of: placed.copy_of.and_then(|o| local.get(&o).copied()),
                    why: placed.why.clone(),
                }
            })
            .collect();
        let grouping = Grouping {
            memberships,
            merges: Vec::new(),
        };
        let stories = parallax_compare::compare(&documents, &grouping);
        Some(Analysis {
            documents,
            grouping,
            stories,
        })
    }
}
