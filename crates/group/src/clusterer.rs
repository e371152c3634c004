//! The streaming clusterer: one document at a time, each decision made from
//! what has been seen so far.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, MutexGuard};

use parallax_model::{Document, Explanation, Grouping, Membership};

use crate::config::Config;
use crate::copies::CopyDetector;
use crate::features::{self, DocFeatures, Prepared, Preparer};
use crate::hash::FastMap;
use crate::index::{InvertedIndex, Key};
use crate::similarity::{self, Profile, Similarity, date_gap};
use crate::sparse::Scatter;
use crate::story::{State, Story};
use crate::vocabulary::Vocabulary;

/// Merges attempted after one document joins: a story rarely bridges more
/// than a couple of others at once.
const MAX_MERGES_PER_DOC: usize = 3;

/// Stories up to this size look for merges after every new member; larger
/// ones when their size reaches a power of two.
const MERGE_EVERY_MEMBER_UP_TO: usize = 8;

/// Documents per epoch of the story profiles kept between documents (see
/// `Story::refresh_profile`).
const PROFILE_EPOCH_DOCS: usize = 1024;

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
///
/// Its state serialises with serde (scratch space left out), so that a
/// long-running service can save it and start again from there instead of
/// replaying every document: the restored clusterer decides exactly as the
/// saved one would have (no decision depends on a hash map's order).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Clusterer {
    config: Config,
    terms: Vocabulary,
    entities: Vocabulary,
    /// What became of every story created, by id (what `resolve` follows).
    states: Vec<State>,
    /// The features of the active stories: closed and absorbed ones leave
    /// memory, so it stays bounded by the time window.
    stories: FastMap<usize, Story>,
    index: InvertedIndex,
    /// Active dated stories keyed by their last publication time, to close
    /// the ones that fall out of the window.
    expiry: BTreeSet<(i64, usize)>,
    /// Latest publication time seen.
    clock: Option<i64>,
    copies: CopyDetector,
    preparer: Preparer,
    /// Documents placed so far.
    placed: usize,
    /// Membership of each document [`add`](Self::add)ed, with its provisional
    /// story id ([`place`](Self::place)d ones are the caller's to keep).
    memberships: Vec<Membership>,
    merges: Vec<(usize, usize)>,
    /// Stories closed since the last [`take_closed`](Self::take_closed).
    closed: Vec<usize>,
    /// Scratch space for scoring one profile against many candidates (in a
    /// mutex, never contended, so that a shared clusterer can still prepare
    /// documents from many threads).
    #[serde(skip)]
    scatter: ScatterCell,
    /// Scratch space for counting index hits.
    #[serde(skip)]
    hits: FastMap<usize, f32>,
}

/// The clusterer's [`Scatter`] scratch space. A clone starts empty.
#[derive(Debug, Default)]
struct ScatterCell(Mutex<Scatter>);

impl Clone for ScatterCell {
    fn clone(&self) -> Self {
        ScatterCell::default()
    }
}

impl ScatterCell {
    fn lock(&self) -> MutexGuard<'_, Scatter> {
        self.0.lock().unwrap_or_else(|poisoned| {
            // A panic mid-scoring may have left weights behind: start afresh.
            let mut scatter = poisoned.into_inner();
            *scatter = Scatter::default();
            scatter
        })
    }
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
            states: Vec::new(),
            stories: FastMap::default(),
            index: InvertedIndex::default(),
            expiry: BTreeSet::new(),
            clock: None,
            copies: CopyDetector::new(&config),
            preparer: Preparer::new(&config),
            placed: 0,
            memberships: Vec::new(),
            merges: Vec::new(),
            closed: Vec::new(),
            scatter: ScatterCell::default(),
            hits: FastMap::default(),
            config,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Number of documents placed so far.
    pub fn len(&self) -> usize {
        self.placed
    }

    pub fn is_empty(&self) -> bool {
        self.placed == 0
    }

    /// Stories open to new documents, whose features are in memory.
    pub fn active_stories(&self) -> usize {
        self.stories.len()
    }

    /// The story a (provisional) story id has ended up in after merges.
    pub fn resolve(&self, mut story: usize) -> usize {
        // Merges always go into an older story, so the chain is finite; the
        // bound only guards against a logic error turning into a hang.
        for _ in 0..=self.states.len() {
            match self.states.get(story) {
                Some(&State::MergedInto(into)) if into != story => story = into,
                _ => break,
            }
        }
        story
    }

    /// The similarity a document needs to join a story. A document with `n`
    /// terms, all of them in a story whose centroid spreads over `m`, has a
    /// cosine of about `sqrt(n / m)` with it: a headline of eight words can
    /// never reach what a full article reaches, so the bar is lowered by
    /// that factor for documents with fewer than
    /// [`Config::short_doc_terms`] terms (at most halved).
    fn join_threshold(&self, f: &DocFeatures) -> f32 {
        let full = self.config.short_doc_terms.max(1) as f32;
        let evidence = (f.terms.len() as f32 / full).clamp(0.25, 1.0);
        self.config.join_threshold * evidence.sqrt()
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
        let membership = self.place(doc, prepared);
        self.memberships.push(membership.clone());
        membership
    }

    /// [`add_prepared`](Self::add_prepared) without remembering the
    /// membership, for an endless stream: the caller keeps what it needs (and
    /// resolves merges with [`resolve`](Self::resolve) or [`merges`](Self::merges)),
    /// so memory stays bounded by the time window. [`finish`](Self::finish)
    /// only returns the memberships of documents added with `add`.
    pub fn place(&mut self, doc: &Document, prepared: Prepared) -> Membership {
        let doc_index = self.placed;
        self.placed += 1;
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
        // A copy of an article whose story has closed is news again, weighed
        // like any other article: a closed story never changes.
        let copy = self
            .copies
            .check_and_insert(doc_index, prepared.signature, f.published)
            .map(|c| (c.original, c.story.map(|s| self.resolve(s))))
            .filter(|&(_, story)| {
                story.is_some_and(|s| self.states.get(s) == Some(&State::Active))
            });
        let copy_of = copy.map(|(original, _)| original);
        let original_story = copy.and_then(|(_, story)| story);

        // The stories the document was compared with, when it was.
        let mut compared: Option<Vec<usize>> = None;
        let (story, why, joined) = match original_story {
            Some(story) => {
                let why = self.explain(&f, story, None);
                (story, why, true)
            }
            None => {
                let (best, candidates) = self.best_story(&f);
                compared = Some(candidates);
                match best {
                    Some((story, sim)) if sim.score >= self.join_threshold(&f) => {
                        (story, self.explain(&f, story, Some(sim.score)), true)
                    }
                    _ => (self.new_story(), Explanation::default(), false),
                }
            }
        };
        self.join(story, &f);
        let story = if joined {
            self.merge_around(story, compared.as_deref())
        } else {
            story
        };
        self.copies.assign_story(doc_index, story);
        Membership {
            story,
            copy_of,
            why,
        }
    }

    /// The stories closed since the last call, in order of closing: idle
    /// past the time window, they take no more documents and never merge.
    pub fn take_closed(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.closed)
    }

    /// Every merge so far: `(absorbed, into)` story ids, in order.
    pub fn merges(&self) -> &[(usize, usize)] {
        &self.merges
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
            years: &f.years,
            dates: f.published.map(|t| (t, t)),
        }
    }

    fn story_profile(&self, story: usize) -> Option<Profile<'_>> {
        self.stories
            .get(&story)
            .map(|s| s.profile(&self.config, &self.terms, &self.entities))
    }

    /// The most similar eligible story among the index candidates, and the
    /// candidates.
    fn best_story(&mut self, f: &DocFeatures) -> (Option<(usize, Similarity)>, Vec<usize>) {
        let mut lookups: Vec<(Key, f32)> = f
            .lookup_terms
            .iter()
            .map(|&id| (Key::Term(id), f.terms.get(id).unwrap_or(0.0)))
            .collect();
        lookups.extend(f.entities.iter().map(|(id, w)| (Key::Entity(id), w)));
        let candidates = self.warm_candidates(&lookups);
        let doc = self.doc_profile(f);
        let best = self.best_among(&candidates, &doc, None, |_| true);
        (best, candidates)
    }

    /// The index candidates for `lookups`, with their profiles weighed (or
    /// kept), so that scoring borrows them instead of weighing each one per
    /// document.
    fn warm_candidates(&mut self, lookups: &[(Key, f32)]) -> Vec<usize> {
        let epoch = self.placed / PROFILE_EPOCH_DOCS;
        let candidates: Vec<usize> = self
            .index
            .candidates(
                lookups,
                self.config.max_candidates,
                self.config.max_posting,
                &mut self.hits,
            )
            .into_iter()
            .map(|(story, _)| story)
            .collect();
        for story in &candidates {
            if let Some(s) = self.stories.get_mut(story) {
                s.refresh_profile(epoch, &self.config, &self.terms, &self.entities);
            }
        }
        candidates
    }

    /// Score the `candidates` against `profile`, skipping `exclude`, and keep
    /// the best that passes `accept` (ties: older story).
    fn best_among(
        &self,
        candidates: &[usize],
        profile: &Profile<'_>,
        exclude: Option<usize>,
        accept: impl Fn(&Similarity) -> bool,
    ) -> Option<(usize, Similarity)> {
        let mut best: Option<(usize, Similarity)> = None;
        let mut scatter = self.scatter.lock();
        scatter.load(&profile.terms);
        let window = i64::try_from(self.config.window.as_secs()).unwrap_or(i64::MAX);
        for &story in candidates {
            if Some(story) == exclude {
                continue;
            }
            // Only active stories within the time window of the profile.
            let Some(s) = self.stories.get(&story) else {
                continue;
            };
            if date_gap(profile.dates, s.dates).is_some_and(|gap| gap > window) {
                continue;
            }
            let candidate = s.profile(&self.config, &self.terms, &self.entities);
            let terms = scatter.cosine(&profile.terms, &candidate.terms);
            let sim = similarity::similarity_with_terms(profile, &candidate, terms, &self.config);
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
        scatter.clear(&profile.terms);
        best
    }

    /// Why `f` joined `story`, with the `score` of the two when known already.
    fn explain(&self, f: &DocFeatures, story: usize, score: Option<f32>) -> Explanation {
        let doc = self.doc_profile(f);
        match self.story_profile(story) {
            Some(profile) => {
                let score = score
                    .unwrap_or_else(|| similarity::similarity(&doc, &profile, &self.config).score);
                similarity::explain(&doc, &profile, score, &self.terms, &self.entities)
            }
            None => Explanation::default(),
        }
    }

    fn new_story(&mut self) -> usize {
        let story = self.states.len();
        self.states.push(State::Active);
        self.stories.insert(story, Story::new());
        story
    }

    fn join(&mut self, story: usize, f: &DocFeatures) {
        self.unschedule(story);
        if let Some(s) = self.stories.get_mut(&story) {
            s.add_doc(f, &self.config, &self.terms, &self.entities);
        }
        self.schedule(story);
        self.reindex(story);
    }

    fn reindex(&mut self, story: usize) {
        if let Some(s) = self.stories.get(&story) {
            let keys = s.index_keys(&self.config, &self.terms, &self.entities);
            self.index.set(story, keys);
        }
    }

    fn unschedule(&mut self, story: usize) {
        if let Some((_, last)) = self.stories.get(&story).and_then(|s| s.dates) {
            self.expiry.remove(&(last, story));
        }
    }

    fn schedule(&mut self, story: usize) {
        if let Some((_, last)) = self.stories.get(&story).and_then(|s| s.dates) {
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
            self.stories.remove(&story);
            if let Some(state) = self.states.get_mut(story) {
                *state = State::Closed;
            }
            self.closed.push(story);
        }
        self.copies.forget_before(cutoff);
    }

    /// After `story` grew, merge it with any active story that now looks like
    /// the same event (shared entities, high similarity). Returns the story
    /// the document ends up in.
    ///
    /// A story is compared with the others while it is small (each member
    /// changes it a lot) and then each time its size doubles: a large story
    /// barely moves with one more member, and the search costs as much as
    /// placing a document.
    ///
    /// `compared` are the stories the new document was compared with: what
    /// changed in `story` is that document, so the stories it may now look
    /// like are the ones that document looked like (the others were already
    /// compared with it before). A copy, placed without comparison, searches
    /// the index with the whole story.
    fn merge_around(&mut self, mut story: usize, compared: Option<&[usize]>) -> usize {
        let size = self.stories.get(&story).map_or(0, |s| s.size);
        if size > MERGE_EVERY_MEMBER_UP_TO && !size.is_power_of_two() {
            return story;
        }
        for _ in 0..MAX_MERGES_PER_DOC {
            let Some(other) = self.merge_partner(story, compared) else {
                break;
            };
            let (into, absorbed) = (story.min(other), story.max(other));
            self.merge(absorbed, into);
            story = into;
        }
        story
    }

    /// The story `story` should merge with, among `candidates` or else the
    /// stories the index finds for it.
    fn merge_partner(&mut self, story: usize, candidates: Option<&[usize]>) -> Option<usize> {
        // Weigh the grown story once, for both the lookups and the scoring.
        let epoch = self.placed / PROFILE_EPOCH_DOCS;
        if let Some(s) = self.stories.get_mut(&story) {
            s.refresh_profile(epoch, &self.config, &self.terms, &self.entities);
        }
        let found;
        let candidates = match candidates {
            Some(candidates) => candidates,
            None => {
                let lookups = {
                    let s = self.stories.get(&story)?;
                    let profile = s.profile(&self.config, &self.terms, &self.entities);
                    let mut lookups: Vec<(Key, f32)> = s
                        .salient_terms(self.config.lookup_terms, &self.config, &self.terms)
                        .into_iter()
                        .map(|id| (Key::Term(id), profile.terms.get(id).unwrap_or(0.0)))
                        .collect();
                    lookups.extend(profile.entities.iter().map(|(id, w)| (Key::Entity(id), w)));
                    lookups
                };
                found = self.warm_candidates(&lookups);
                &found
            }
        };
        let s = self.stories.get(&story)?;
        let profile = s.profile(&self.config, &self.terms, &self.entities);
        let threshold = self.config.merge_threshold;
        self.best_among(candidates, &profile, Some(story), |sim| {
            (sim.shares_entities() || sim.entities.is_none())
                && !sim.disjoint_entities
                && !sim.disjoint_actors
                && !sim.conflicting_years
                && sim.score >= threshold
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
        let Some(taken) = self.stories.remove(&absorbed) else {
            return;
        };
        if let Some(state) = self.states.get_mut(absorbed) {
            *state = State::MergedInto(into);
        }
        if let Some(target) = self.stories.get_mut(&into) {
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
        assert_eq!(c.states.first(), Some(&State::Closed));
        assert_eq!(c.take_closed(), [0]);
        assert!(c.take_closed().is_empty());
        assert!(!c.stories.contains_key(&0));
        assert_eq!(c.active_stories(), 1);
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

    const WIRE: &str = "The harbour authority of Holm suspended all ferry crossings on \
        Tuesday after a storm tore two cranes from their rails at the north quay, and \
        engineers will inspect the remaining cranes before the quay reopens next week, \
        the authority said in a statement issued late in the evening to every island council.";

    #[test]
    fn a_copy_joins_its_original_while_the_story_is_open_and_never_reopens_it() {
        let mut c = Clusterer::default();
        // An undated wire text stays in the copy detector's memory.
        c.add(&article("wire", WIRE, None));
        c.add(&article("dated", WIRE, Some(DAY)));
        let open = c.add(&article("copy", WIRE, None));
        assert_eq!((open.story, open.copy_of), (0, Some(0)));
        // The story closes eight days later...
        c.add(&article(
            "other",
            "Tram fares in Velden rise",
            Some(9 * DAY),
        ));
        assert_eq!(c.take_closed(), [0]);
        // ...and a late copy of the wire is news again: a new story, no copy link.
        let late = c.add(&article("late", WIRE, None));
        assert_eq!(late.copy_of, None);
        assert_ne!(late.story, 0);
        assert_eq!(c.states.first(), Some(&State::Closed));
    }
}
