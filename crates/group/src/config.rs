//! Tuning knobs of the story clusterer. The defaults were tuned once for all
//! evaluation sets (see `parallax-bench clusters`); a service rarely needs to
//! change anything but the time window.

use std::time::Duration;

/// Parameters of [`crate::Clusterer`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Config {
    /// Terms kept per document vector (the heaviest by tf-idf): bounds the cost
    /// of every comparison.
    pub doc_terms: usize,
    /// Terms kept per story centroid.
    pub centroid_terms: usize,
    /// Entities kept per story.
    pub centroid_entities: usize,
    /// How many of a document's most salient terms are looked up in the
    /// inverted index to find candidate stories.
    pub lookup_terms: usize,
    /// How many of a story's heaviest centroid terms are indexed.
    pub indexed_terms: usize,
    /// How many of a story's heaviest entities are indexed.
    pub indexed_entities: usize,
    /// Candidate stories scored in full per document (the ones with most index hits).
    pub max_candidates: usize,
    /// Index keys shared by more active stories than this are not looked up:
    /// they select nothing and cost the most.
    pub max_posting: usize,
    /// Weight of a title occurrence relative to a body occurrence: headlines
    /// name the event.
    pub title_weight: f32,
    /// Virtual documents added to the document count in the idf so that the
    /// first documents of a stream already get sensible weights.
    pub idf_prior_docs: f32,
    /// Terms found in more than this share of documents are not looked up in
    /// the index (they would return every story).
    pub max_lookup_df: f32,
    /// Share of the similarity that comes from entities when both sides have
    /// some: WHO and WHERE decide between two events of the same kind.
    pub entity_weight: f32,
    /// Entities in at most this share of documents are *distinctive*: if a
    /// document and a story both have distinctive entities and share none, they
    /// are most likely different events of the same kind.
    pub distinctive_df: f32,
    /// Similarity multiplier for the disjoint-distinctive-entities case.
    pub disjoint_entity_penalty: f32,
    /// Similarity multiplier when both sides name distinctive people or
    /// organisations and share none, though they share a distinctive place:
    /// two strikes in neighbouring ports, one report naming the other port.
    pub disjoint_actor_penalty: f32,
    /// Similarity multiplier when both sides name calendar years and share
    /// none: the same kind of event in another year.
    pub conflicting_years_penalty: f32,
    /// Bonus per quote the document shares word for word with the story.
    pub quote_bonus: f32,
    /// Cap on the total quote bonus.
    pub max_quote_bonus: f32,
    /// Minimum similarity for a document to join a story.
    pub join_threshold: f32,
    /// Documents with fewer terms than this (headlines, snippets) need a
    /// lower similarity to join, in proportion to the square root of their
    /// share of it (see `Clusterer::join_threshold`).
    pub short_doc_terms: usize,
    /// Minimum similarity between two stories (which must also share an entity)
    /// for them to be merged.
    pub merge_threshold: f32,
    /// Stories idle for longer than this (by publication dates) are closed:
    /// no document joins them any more and they leave the index. Documents
    /// further apart than this are never put together.
    pub window: Duration,
    /// Within the window, the similarity is multiplied by
    /// `exp(-gap / time_decay)`, where `gap` is how far the document's date lies
    /// outside the story's date range, minus one day of grace for time zones
    /// and late editions.
    pub time_decay: Duration,
    /// Number of MinHash functions for near-duplicate detection.
    pub minhash_hashes: usize,
    /// Rows per LSH band (`minhash_hashes / copy_band_rows` bands).
    pub copy_band_rows: usize,
    /// Words per shingle.
    pub shingle_words: usize,
    /// Documents with fewer shingles than this are never called copies: the
    /// estimate is meaningless on a couple of lines.
    pub min_copy_shingles: usize,
    /// Estimated Jaccard similarity from which a document is a copy.
    pub copy_threshold: f32,
    /// How many recent documents are remembered for copy detection (besides
    /// the time window).
    pub copy_memory: usize,
}

const DAY: u64 = 24 * 60 * 60;

impl Default for Config {
    fn default() -> Self {
        Config {
            doc_terms: 60,
            centroid_terms: 200,
            centroid_entities: 60,
            lookup_terms: 15,
            indexed_terms: 40,
            indexed_entities: 20,
            max_candidates: 20,
            max_posting: 200,
            title_weight: 2.0,
            idf_prior_docs: 60.0,
            max_lookup_df: 0.2,
            entity_weight: 0.4,
            distinctive_df: 0.2,
            disjoint_entity_penalty: 0.3,
            disjoint_actor_penalty: 0.6,
            conflicting_years_penalty: 0.5,
            quote_bonus: 0.05,
            max_quote_bonus: 0.15,
            join_threshold: 0.2,
            short_doc_terms: 30,
            merge_threshold: 0.35,
            window: Duration::from_secs(7 * DAY),
            time_decay: Duration::from_secs(7 * DAY),
            minhash_hashes: 64,
            copy_band_rows: 4,
            shingle_words: 5,
            min_copy_shingles: 12,
            copy_threshold: 0.8,
            copy_memory: 20_000,
        }
    }
}
