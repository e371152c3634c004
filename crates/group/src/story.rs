//! The state the clusterer keeps per story: a truncated centroid, entity
//! counts, quote fingerprints, the date range and the member count.

use std::borrow::Cow;

use crate::config::Config;
use crate::features::{self, DocFeatures};
use crate::index::Key;
use crate::similarity::{Distinct, Profile};
use crate::sparse::SparseVec;
use crate::vocabulary::Vocabulary;

/// Quote fingerprints kept per story.
const MAX_QUOTES: usize = 256;

/// Distinct years kept per story.
const MAX_YEARS: usize = 32;

/// How many of a story's heaviest entities may count as distinctive.
const DISTINCTIVE_PER_STORY: usize = 10;

/// Where a story stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum State {
    /// Open to new documents and in the index.
    Active,
    /// Idle past the time window: out of the index and out of memory.
    Closed,
    /// Absorbed by another story.
    MergedInto(usize),
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Story {
    /// Sum of the members' unit tf vectors (idf applied when comparing).
    pub centroid: SparseVec,
    /// Sum of the members' unit entity-count vectors.
    pub entities: SparseVec,
    /// Quote fingerprints, sorted.
    pub quotes: Vec<u64>,
    /// Years named by members, sorted (at most [`MAX_YEARS`]).
    pub years: Vec<u16>,
    /// First and last publication time of dated members (seconds).
    pub dates: Option<(i64, i64)>,
    pub size: usize,
    /// The profile as last weighted, with the epoch (see
    /// [`Story::refresh_profile`]) of the document frequencies it used; `None`
    /// once the story has changed since.
    weighted: Option<(usize, Weighted)>,
}

/// A story's vectors weighted with the document frequencies of one moment.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Weighted {
    terms: SparseVec,
    entities: SparseVec,
    distinctive: Vec<Distinct>,
    entity_tails: Vec<u64>,
}

impl Story {
    pub(crate) fn new() -> Self {
        Story {
            centroid: SparseVec::default(),
            entities: SparseVec::default(),
            quotes: Vec::new(),
            years: Vec::new(),
            dates: None,
            size: 0,
            weighted: None,
        }
    }

    /// Add a document's features.
    pub(crate) fn add_doc(
        &mut self,
        doc: &DocFeatures,
        config: &Config,
        terms: &Vocabulary,
        entities: &Vocabulary,
    ) {
        self.centroid.add(&doc.term_tf);
        self.entities.add(&doc.entity_tf);
        self.add_quotes(&doc.quotes);
        self.add_years(&doc.years);
        if let Some(t) = doc.published {
            self.extend_dates(Some((t, t)));
        }
        self.size += 1;
        self.weighted = None;
        self.truncate(config, terms, entities);
    }

    /// Take over everything of `other` (a merge).
    pub(crate) fn absorb(
        &mut self,
        other: &Story,
        config: &Config,
        terms: &Vocabulary,
        entities: &Vocabulary,
    ) {
        self.centroid.add(&other.centroid);
        self.entities.add(&other.entities);
        self.add_quotes(&other.quotes);
        self.add_years(&other.years);
        self.extend_dates(other.dates);
        self.size += other.size;
        self.weighted = None;
        self.truncate(config, terms, entities);
    }

    fn add_quotes(&mut self, quotes: &[u64]) {
        self.quotes.extend_from_slice(quotes);
        self.quotes.sort_unstable();
        self.quotes.dedup();
        self.quotes.truncate(MAX_QUOTES);
    }

    fn add_years(&mut self, years: &[u16]) {
        self.years.extend_from_slice(years);
        self.years.sort_unstable();
        self.years.dedup();
        self.years.truncate(MAX_YEARS);
    }

    fn extend_dates(&mut self, dates: Option<(i64, i64)>) {
        self.dates = match (self.dates, dates) {
            (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
            (a, b) => a.or(b),
        };
    }

    fn truncate(&mut self, config: &Config, terms: &Vocabulary, entities: &Vocabulary) {
        self.centroid
            .truncate_by(config.centroid_terms, |id, w| w * terms.idf(id));
        self.entities
            .truncate_by(config.centroid_entities, |id, w| w * entities.idf(id));
    }

    /// Weigh the profile with the current frequencies unless it was weighed in
    /// this `epoch` and the story has not changed since. Document frequencies
    /// drift slowly, so a profile weighed a few hundred documents ago still
    /// scores the same to a rounding error, at a fraction of the cost.
    pub(crate) fn refresh_profile(
        &mut self,
        epoch: usize,
        config: &Config,
        terms: &Vocabulary,
        entities: &Vocabulary,
    ) {
        let fresh = self.weighted.as_ref().is_some_and(|(e, _)| *e == epoch);
        if !fresh {
            self.weighted = Some((epoch, self.weigh(config, terms, entities)));
        }
    }

    /// The story as a comparable profile: the one kept by
    /// [`refresh_profile`](Self::refresh_profile), else weighed now.
    pub(crate) fn profile(
        &self,
        config: &Config,
        terms: &Vocabulary,
        entities: &Vocabulary,
    ) -> Profile<'_> {
        let (terms, entities, distinctive, entity_tails) = match &self.weighted {
            Some((_, w)) => (
                Cow::Borrowed(&w.terms),
                Cow::Borrowed(&w.entities),
                Cow::Borrowed(w.distinctive.as_slice()),
                Cow::Borrowed(w.entity_tails.as_slice()),
            ),
            None => {
                let w = self.weigh(config, terms, entities);
                (
                    Cow::Owned(w.terms),
                    Cow::Owned(w.entities),
                    Cow::Owned(w.distinctive),
                    Cow::Owned(w.entity_tails),
                )
            }
        };
        Profile {
            terms,
            entities,
            distinctive,
            entity_tails,
            quotes: &self.quotes,
            years: &self.years,
            dates: self.dates,
        }
    }

    fn weigh(&self, config: &Config, terms: &Vocabulary, entities: &Vocabulary) -> Weighted {
        let weighted_entities = self.entities.map(|id, w| w * entities.idf(id));
        let distinctive = features::distinctive_tails(
            &weighted_entities.ranked_ids(|_, w| w),
            DISTINCTIVE_PER_STORY,
            config,
            entities,
        );
        Weighted {
            terms: self.centroid.map(|id, w| w * terms.idf(id)).normalized(),
            entities: weighted_entities.normalized(),
            distinctive,
            entity_tails: features::tails(&self.entities, entities),
        }
    }

    /// The heaviest terms of the centroid that are specific enough to look up,
    /// most salient first.
    pub(crate) fn salient_terms(
        &self,
        limit: usize,
        config: &Config,
        terms: &Vocabulary,
    ) -> Vec<u32> {
        self.centroid
            .ranked_ids(|id, w| w * terms.idf(id))
            .into_iter()
            .filter(|&id| terms.df_share(id) <= config.max_lookup_df)
            .take(limit)
            .collect()
    }

    /// The keys to index this story under: its [`salient_terms`](Self::salient_terms)
    /// and heaviest entities, in no particular order.
    pub(crate) fn index_keys(
        &self,
        config: &Config,
        terms: &Vocabulary,
        entities: &Vocabulary,
    ) -> Vec<Key> {
        let mut keys: Vec<Key> = heaviest(
            self.centroid
                .iter()
                .filter(|&(id, _)| terms.df_share(id) <= config.max_lookup_df)
                .map(|(id, w)| (w * terms.idf(id), id)),
            config.indexed_terms,
        )
        .map(Key::Term)
        .collect();
        keys.extend(
            heaviest(
                self.entities
                    .iter()
                    .map(|(id, w)| (w * entities.idf(id), id)),
                config.indexed_entities,
            )
            .map(Key::Entity),
        );
        keys
    }
}

/// The ids of the `limit` largest `(rank, id)` pairs (ties: smaller id), in
/// no particular order: a selection in linear time instead of a sort.
fn heaviest(ranked: impl Iterator<Item = (f32, u32)>, limit: usize) -> impl Iterator<Item = u32> {
    let mut ranked: Vec<(f32, u32)> = ranked.collect();
    if limit == 0 {
        ranked.clear();
    } else if ranked.len() > limit {
        ranked.select_nth_unstable_by(limit - 1, |x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        ranked.truncate(limit);
    }
    ranked.into_iter().map(|(_, id)| id)
}
