//! The streaming clusterer: one document at a time, each decision made from
//! what has been seen so far.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use parallax_model::{Document, Explanation, Grouping, Membership};

use crate::config::Config;
use crate::copies::CopyDetector;
use crate::features::{self, DocFeatures, Prepared, Preparer};
use crate::index::{InvertedIndex, Key};
use crate::similarity::{self, Profile, Similarity, date_gap};
use crate::story::{State, Story};
use crate::vocabulary::Vocabulary;

/// Merges attempted after one document joins: a story rarely bridges more
/// than a couple of others at once.
const MAX_MERGES_PER_DOC: usize = 3;

/// Documents per epoch of the story profiles kept between documents (see
/// `Story::refresh_profile`).
const PROFILE_EPOCH_DOCS: usize = 256;

/// Online story clustering.
///
/// Feed documents in arrival order with [`Clusterer::add`]; each call decides
/// from what is known so far and returns a provisional [`Membership`] whose
/// `story` is the id of the story at that moment (ids in order of creation;
/// a later merge may send that story into an older one, see
/// [`Clusterer::resolve`]). [`Clusterer::finish`] applies all merges and
/// renumbers stories `0..n` in order of first arrival.
///
/// Cost per document is independent of the number of stories: candidates come
/// from an inverted index over salient terms and entities of the stories
/// active within the time window, and stories idle past the window are closed
/// and leave memory.
#[derive(Debug, Clone)]
pub struct Clusterer {
    config: Config,
    terms: Vocabulary,
    entities: Vocabulary,
    stories: Vec<Story>,
    index: InvertedIndex,
    /// Active dated stories keyed by their last publication time, to close
    /// the ones that fall out of the window.
    expiry: BTreeSet<(i64, usize)>,
    /// Latest publication time seen.
    clock: Option<i64>,
    copies: CopyDetector,
    preparer: Preparer,
    /// Membership of each document added, with its provisional story id.
    memberships: Vec<Membership>,
    merges: Vec<(usize, usize)>,
}

impl Default for Clusterer {
    fn default() -> Self {
        Clusterer::new(Config::default())
    }
}

impl Clusterer {
    pub fn new(config: Config) -> Self {
        Clusterer {
            terms: Vocabulary::with_news_prior(config.idf_prior_docs),
            entities: Vocabulary::new(config.idf_prior_docs),
            stories: Vec::new(),
            index: InvertedIndex::default(),
            expiry: BTreeSet::new(),
            clock: None,
            copies: CopyDetector::new(&config),
            preparer: Preparer::new(&config),
            memberships: Vec::new(),
            merges: Vec::new(),
            config,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Number of documents added so far.
    pub fn len(&self) -> usize {
        self.memberships.len()
    }

    pub fn is_empty(&self) -> bool {
        self.memberships.is_empty()
    }

    /// The story a (provisional) story id has ended up in after merges.
    pub fn resolve(&self, mut story: usize) -> usize {
        // Merges always go into an older story, so the chain is finite; the
        // bound only guards against a logic error turning into a hang.
        for _ in 0..=self.stories.len() {
            match self.stories.get(story).map(|s| s.state) {
                Some(State::MergedInto(into)) if into != story => story = into,
                _ => break,
            }
        }
        story
    }

    /// Place the next document (in arrival order) into a story.
    pub fn add(&mut self, doc: &Document) -> Membership {
        let prepared = self.prepare(doc);
        self.add_prepared(doc, prepared)
    }

    /// The stateless part of [`add`](Self::add) (tokenising, hashing): safe to
    /// run for many documents in parallel, ahead of adding them in order.
    pub fn prepare(&self, doc: &Document) -> Prepared {
        self.preparer.prepare(doc)
    }

    /// What [`prepare`](Self::prepare) uses, to clone and run on other threads
    /// while this clusterer adds documents.
    pub fn preparer(&self) -> &Preparer {
        &self.preparer
    }

    /// [`add`](Self::add) for a document [`prepare`](Self::prepare)d earlier.
    pub fn add_prepared(&mut self, doc: &Document, prepared: Prepared) -> Membership {
        let doc_index = self.memberships.len();
        let f = features::extract(
            doc,
            &prepared,
            &self.config,
            &mut self.terms,
            &mut self.entities,
        );
        if let Some(t) = f.published {
            self.advance_clock(t);
        }
        let copy = self
            .copies
            .check_and_insert(doc_index, prepared.signature, f.published);
        let copy_of = copy.map(|c| c.original);
        let original_story = copy_of
            .and_then(|i| self.memberships.get(i))
            .map(|m| m.story)
            .map(|s| self.resolve(s));

        let (story, why, joined) = match original_story {
            Some(story) => {
                if self
                    .stories
                    .get(story)
                    .is_some_and(|s| s.state == State::Closed)
                {
                    self.reopen(story);
                }
                let why = self.explain(&f, story);
                (story, why, true)
            }
            None => match self.best_story(&f) {
                Some((story, sim)) if sim.score >= self.config.join_threshold => {
                    (story, self.explain(&f, story), true)
                }
                _ => (self.new_story(), Explanation::default(), false),
            },
        };
        self.join(story, &f);
        let story = if joined {
            self.merge_around(story)
        } else {
            story
        };
        let membership = Membership {
            story,
            copy_of,
            why,
        };
        self.memberships.push(membership.clone());
        membership
    }

    /// All memberships with merges applied and stories renumbered `0..n` in
    /// order of first arrival.
    pub fn finish(self) -> Grouping {
        let mut renumbered: BTreeMap<usize, usize> = BTreeMap::new();
        let roots: Vec<usize> = self
            .memberships
            .iter()
            .map(|m| self.resolve(m.story))
            .collect();
        let mut memberships = self.memberships;
        for (membership, root) in memberships.iter_mut().zip(roots) {
            let next = renumbered.len();
            membership.story = *renumbered.entry(root).or_insert(next);
        }
        Grouping {
            memberships,
            merges: self.merges,
        }
    }

    fn doc_profile<'a>(&self, f: &'a DocFeatures) -> Profile<'a> {
        Profile {
            terms: Cow::Borrowed(&f.terms),
            entities: Cow::Borrowed(&f.entities),
            distinctive: Cow::Borrowed(&f.distinctive),
            entity_tails: Cow::Borrowed(&f.entity_tails),
            quotes: &f.quotes,
            dates: f.published.map(|t| (t, t)),
        }
    }

    fn story_profile(&self, story: usize) -> Option<Profile<'_>> {
        self.stories
            .get(story)
            .map(|s| s.profile(&self.config, &self.terms, &self.entities))
    }

    /// Stories active and within the time window of `dates`.
    fn is_eligible(&self, story: usize, dates: Option<(i64, i64)>) -> bool {
        let window = i64::try_from(self.config.window.as_secs()).unwrap_or(i64::MAX);
        self.stories.get(story).is_some_and(|s| {
            s.state == State::Active && date_gap(dates, s.dates).is_none_or(|gap| gap <= window)
        })
    }

    /// The most similar eligible story among the index candidates.
    fn best_story(&mut self, f: &DocFeatures) -> Option<(usize, Similarity)> {
        let mut lookups: Vec<(Key, f32)> = f
            .lookup_terms
            .iter()
            .map(|&id| (Key::Term(id), f.terms.get(id).unwrap_or(0.0)))
            .collect();
        lookups.extend(f.entities.iter().map(|(id, w)| (Key::Entity(id), w)));
        self.warm_profiles(&lookups);
        let doc = self.doc_profile(f);
        self.best_among(&lookups, &doc, None, |_| true)
    }

    /// Weigh (or keep) the profiles of the stories `lookups` can return, so
    /// that scoring borrows them instead of weighing each one per document.
    fn warm_profiles(&mut self, lookups: &[(Key, f32)]) {
        let epoch = self.memberships.len() / PROFILE_EPOCH_DOCS;
        for (story, _) in self.index.candidates(lookups, self.config.max_candidates) {
            if let Some(s) = self.stories.get_mut(story) {
                s.refresh_profile(epoch, &self.config, &self.terms, &self.entities);
            }
        }
    }

    /// Score the index candidates for `lookups` against `profile`, skipping
    /// `exclude`, and keep the best that passes `accept` (ties: older story).
    fn best_among(
        &self,
        lookups: &[(Key, f32)],
        profile: &Profile<'_>,
        exclude: Option<usize>,
        accept: impl Fn(&Similarity) -> bool,
    ) -> Option<(usize, Similarity)> {
        let mut best: Option<(usize, Similarity)> = None;
        for (story, _) in self.index.candidates(lookups, self.config.max_candidates) {
            if Some(story) == exclude || !self.is_eligible(story, profile.dates) {
                continue;
            }
            let Some(candidate) = self.story_profile(story) else {
                continue;
            };
            let sim = similarity::similarity(profile, &candidate, &self.config);
            if !accept(&sim) {
                continue;
            }
            let better = match &best {
                None => true,
                Some((id, b)) => sim.score > b.score || (sim.score == b.score && story < *id),
            };
            if better {
                best = Some((story, sim));
            }
        }
        best
    }

    fn explain(&self, f: &DocFeatures, story: usize) -> Explanation {
        let doc = self.doc_profile(f);
        match self.story_profile(story) {
            Some(profile) => {
                let score = similarity::similarity(&doc, &profile, &self.config).score;
                similarity::explain(&doc, &profile, score, &self.terms, &self.entities)
            }
            None => Explanation::default(),
        }
    }

    fn new_story(&mut self) -> usize {
        self.stories.push(Story::new());
        self.stories.len() - 1
    }

    fn reopen(&mut self, story: usize) {
        if let Some(s) = self.stories.get_mut(story) {
            s.state = State::Active;
        }
    }

    fn join(&mut self, story: usize, f: &DocFeatures) {
        self.unschedule(story);
        if let Some(s) = self.stories.get_mut(story) {
            s.add_doc(f, &self.config, &self.terms, &self.entities);
        }
        self.schedule(story);
        self.reindex(story);
    }

    fn reindex(&mut self, story: usize) {
        if let Some(s) = self.stories.get(story) {
            let keys = s.index_keys(&self.config, &self.terms, &self.entities);
            self.index.set(story, keys);
        }
    }

    fn unschedule(&mut self, story: usize) {
        if let Some((_, last)) = self.stories.get(story).and_then(|s| s.dates) {
            self.expiry.remove(&(last, story));
        }
    }

    fn schedule(&mut self, story: usize) {
        if let Some((_, last)) = self.stories.get(story).and_then(|s| s.dates) {
            self.expiry.insert((last, story));
        }
    }

    /// Move the clock to `t` and close the stories idle for longer than the
    /// window; forget old documents in the copy detector too.
    fn advance_clock(&mut self, t: i64) {
        let clock = self.clock.map_or(t, |c| c.max(t));
        self.clock = Some(clock);
        let window = i64::try_from(self.config.window.as_secs()).unwrap_or(i64::MAX);
        let cutoff = clock.saturating_sub(window);
        while let Some(&(last, story)) = self.expiry.first() {
            if last >= cutoff {
                break;
            }
            self.expiry.pop_first();
            self.index.remove(story);
            if let Some(s) = self.stories.get_mut(story) {
                s.close();
            }
        }
        self.copies.forget_before(cutoff);
    }

    /// After `story` grew, merge it with any active story that now looks like
    /// the same event (shared entities, high similarity). Returns the story
    /// the document ends up in.
    fn merge_around(&mut self, mut story: usize) -> usize {
        for _ in 0..MAX_MERGES_PER_DOC {
            let Some(other) = self.merge_partner(story) else {
                break;
            };
            let (into, absorbed) = (story.min(other), story.max(other));
            self.merge(absorbed, into);
            story = into;
        }
        story
    }

    fn merge_partner(&mut self, story: usize) -> Option<usize> {
        let lookups = {
            let s = self.stories.get(story)?;
            let profile = s.profile(&self.config, &self.terms, &self.entities);
            let mut lookups: Vec<(Key, f32)> = s
                .salient_terms(self.config.lookup_terms, &self.config, &self.terms)
                .into_iter()
                .map(|id| (Key::Term(id), profile.terms.get(id).unwrap_or(0.0)))
                .collect();
            lookups.extend(profile.entities.iter().map(|(id, w)| (Key::Entity(id), w)));
            lookups
        };
        self.warm_profiles(&lookups);
        let s = self.stories.get(story)?;
        let profile = s.profile(&self.config, &self.terms, &self.entities);
        let threshold = self.config.merge_threshold;
        self.best_among(&lookups, &profile, Some(story), |sim| {
            sim.shares_entities() && !sim.disjoint_entities && sim.score >= threshold
        })
        .map(|(other, _)| other)
    }

    fn merge(&mut self, absorbed: usize, into: usize) {
        if absorbed == into {
            return;
        }
        self.unschedule(absorbed);
        self.unschedule(into);
        self.index.remove(absorbed);
        let Some(taken) = self.stories.get_mut(absorbed).map(|s| {
            let mut taken = std::mem::replace(s, Story::new());
            s.state = State::MergedInto(into);
            taken.state = State::Active;
            taken
        }) else {
            return;
        };
        if let Some(target) = self.stories.get_mut(into) {
            target.absorb(&taken, &self.config, &self.terms, &self.entities);
        }
        self.schedule(into);
        self.reindex(into);
        self.merges.push((absorbed, into));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_model::{Annotations, Article, Cleaned};

    fn article(id: &str, text: &str, published: Option<i64>) -> Document {
        Document {
            article: Article {
                id: id.into(),
                source: None,
                url: None,
                title: String::new(),
                published: published.and_then(|s| chrono::DateTime::from_timestamp(s, 0)),
                language: None,
                text: text.into(),
            },
            cleaned: Cleaned::default(),
            annotations: Annotations::default(),
        }
    }

    const DAY: i64 = 24 * 60 * 60;

    #[test]
    fn idle_stories_are_closed_and_leave_the_index() {
        let mut c = Clusterer::default();
        c.add(&article(
            "a",
            "Ferry service to Holm island suspended by storm",
            Some(0),
        ));
        c.add(&article(
            "b",
            "Tram fares in Velden rise next month",
            Some(DAY),
        ));
        assert_eq!(c.index.len(), 2);
        // Eight days after the first story's only article: it is closed.
        c.add(&article(
            "c",
            "Velden tram fares rise confirmed",
            Some(8 * DAY),
        ));
        assert_eq!(c.stories.first().map(|s| s.state), Some(State::Closed));
        assert!(c.stories.first().is_some_and(|s| s.centroid.is_empty()));
        assert_eq!(c.index.len(), 1);
        // The same ferry news after the window starts a new story.
        let m = c.add(&article(
            "d",
            "Ferry service to Holm island suspended by storm",
            Some(9 * DAY),
        ));
        assert_eq!(m.story, 2);
        assert_eq!(c.len(), 4);
    }
}
