//! What the clusterer sees of a document: a tf-idf term vector, an entity
//! vector, the salient keys used to look up candidate stories, quote
//! fingerprints and the publication time.

use std::borrow::Cow;

use chrono::Datelike;
use parallax_model::{Document, QuoteForm};
use parallax_text::{content_terms, fold, is_stopword, stem, words};

use crate::config::Config;
use crate::copies::{MinHasher, Signature};
use crate::hash::{FastMap, fnv1a};
use crate::similarity::Distinct;
use crate::sparse::SparseVec;
use crate::tokens::{folded_hash, word_texts};
use crate::vocabulary::{Vocabulary, key_hash};

/// How many of a document's heaviest entities may count as distinctive: the
/// people and places the article is about, not every name it mentions.
const DISTINCTIVE_PER_DOC: usize = 5;

/// Quotes shorter than this (in content words) are too generic to fingerprint.
const MIN_QUOTE_TERMS: usize = 5;

/// The features of one document.
#[derive(Debug, Clone, Default)]
pub(crate) struct DocFeatures {
    /// Unit tf-idf vector over the document's heaviest terms.
    pub terms: SparseVec,
    /// Unit sublinear-tf vector over the same terms, without idf: what the
    /// document adds to a story centroid (the idf is applied when comparing,
    /// with the frequencies known at that time).
    pub term_tf: SparseVec,
    /// Salient terms to look up in the index, most salient first.
    pub lookup_terms: Vec<u32>,
    /// Unit entity vector weighted by mentions and idf.
    pub entities: SparseVec,
    /// Unit sublinear mention-count vector, without idf (added to stories).
    pub entity_tf: SparseVec,
    /// The document's own rare and prominent entities.
    pub distinctive: Vec<Distinct>,
    /// Name tails of all its entities, sorted.
    pub entity_tails: Vec<u64>,
    /// Fingerprints of its direct and partial quotes, sorted.
    pub quotes: Vec<u64>,
    /// Publication time, seconds since the Unix epoch.
    pub published: Option<i64>,
    /// Calendar years the text names, sorted (see [`years_named`]).
    pub years: Vec<u16>,
}

/// The text of the document that counts: its body sentences, or the whole
/// text when the clean stage has not segmented it at all.
pub(crate) fn body_text(doc: &Document) -> Cow<'_, str> {
    if doc.cleaned.segments.is_empty() {
        return Cow::Borrowed(&doc.article.text);
    }
    let mut out = String::new();
    for (_, segment) in doc.body_segments() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(doc.text_of(segment.span));
    }
    Cow::Owned(out)
}

/// Sublinear term frequency: the tenth mention of a word says little more
/// than the third.
fn sublinear(tf: f32) -> f32 {
    if tf > 0.0 {
        1.0 + tf.ln().max(0.0)
    } else {
        0.0
    }
}

/// The part of a document's features that needs no shared state: its words
/// and its copy signature, made by a [`Preparer`]. Computing it is most of the
/// per-document cost, so it can run in parallel ahead of adding documents in
/// order.
pub struct Prepared {
    /// Each distinct content term (title first, then body, in order of first
    /// occurrence).
    terms: Vec<PreparedTerm>,
    /// The text of every term and of the folded word it first came from,
    /// one after the other (one allocation per document, not two per term).
    term_text: String,
    /// MinHash signature of the body (`None` when too short to compare).
    pub(crate) signature: Option<Signature>,
    /// Calendar years named in the title and body, sorted.
    years: Vec<u16>,
    /// Each distinct entity key (in order of first occurrence) with its
    /// [`key_hash`] and its mention count.
    entities: Vec<(u64, String, f32)>,
    /// Fingerprints of the direct and partial quotes, sorted.
    quotes: Vec<u64>,
}

/// A content term of a prepared document.
#[derive(Debug, Clone, Copy)]
struct PreparedTerm {
    /// Its [`key_hash`].
    hash: u64,
    /// Where its text ends in [`Prepared::term_text`] (it starts where the
    /// previous term's form ends).
    term_end: usize,
    /// Where the folded word it first came from ends, right after the term.
    form_end: usize,
    /// Its weighted count (title words count `Config::title_weight` times).
    weight: f32,
}

impl Prepared {
    /// Each term with its text and display form.
    fn terms(&self) -> impl Iterator<Item = (&PreparedTerm, &str, &str)> {
        let mut start = 0;
        self.terms.iter().map(move |t| {
            let term = self.term_text.get(start..t.term_end).unwrap_or("");
            let form = self.term_text.get(t.term_end..t.form_end).unwrap_or("");
            start = t.form_end;
            (t, term, form)
        })
    }
}

/// Makes [`Prepared`] documents for a [`crate::Clusterer`] (see
/// [`crate::Clusterer::preparer`]). Holds no state that documents change, so
/// one preparer can serve many threads while the clusterer runs on another.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Preparer {
    config: Config,
    hasher: MinHasher,
}

impl Preparer {
    pub(crate) fn new(config: &Config) -> Self {
        Preparer {
            config: config.clone(),
            hasher: MinHasher::new(config),
        }
    }

    pub fn prepare(&self, doc: &Document) -> Prepared {
        prepare(doc, &self.config, &self.hasher)
    }
}

fn prepare(doc: &Document, config: &Config, hasher: &MinHasher) -> Prepared {
    let body = body_text(doc);
    let mut terms = TermCounter::default();
    for word in word_texts(&doc.article.title) {
        terms.add(word, folded_hash(word), config.title_weight);
    }
    // One pass over the body for its terms and its shingles.
    let mut word_hashes: Vec<u64> = Vec::with_capacity(body.len() / 6);
    for word in word_texts(&body) {
        let hash = folded_hash(word);
        word_hashes.push(hash);
        terms.add(word, hash, 1.0);
    }
    let mut years = years_named(&doc.article.title);
    years.extend(years_named(lead(&body)));
    if let Some(t) = doc.article.published {
        years.extend(u16::try_from(t.year()).ok());
    }
    years.sort_unstable();
    years.dedup();
    Prepared {
        terms: terms.terms,
        term_text: terms.text,
        signature: hasher.signature_of_words(&word_hashes),
        years,
        entities: entity_counts(doc),
        quotes: quote_fingerprints(doc),
    }
}

/// Counts a document's content terms, folding, stemming and filtering each
/// distinct word once.
#[derive(Default)]
struct TermCounter {
    /// See [`Prepared::terms`].
    terms: Vec<PreparedTerm>,
    /// See [`Prepared::term_text`].
    text: String,
    /// Term [`key_hash`] → its place in `terms`.
    position: FastMap<u64, usize>,
    /// [`folded_hash`] of each word seen → its place in `terms`, `None` for
    /// a word that is no content term.
    seen: FastMap<u64, Option<usize>>,
}

impl TermCounter {
    /// Count `word`, whose [`folded_hash`] is `folded_hash`, `weight` times.
    fn add(&mut self, word: &str, folded_hash: u64, weight: f32) {
        let at = match self.seen.get(&folded_hash) {
            Some(&at) => at,
            None => {
                let at = self.place_of(word);
                self.seen.insert(folded_hash, at);
                at
            }
        };
        if let Some(term) = at.and_then(|at| self.terms.get_mut(at)) {
            term.weight += weight;
        }
    }

    /// Where the term of a new word is (added with no weight yet when new),
    /// `None` when the word is no content term.
    fn place_of(&mut self, word: &str) -> Option<usize> {
        let folded = fold(word);
        if is_stopword(&folded) {
            return None;
        }
        let term = stem(&folded);
        // One-letter tokens are initials and list markers, not content.
        term.chars().nth(1)?;
        let hash = key_hash(term);
        if let Some(&at) = self.position.get(&hash) {
            return Some(at);
        }
        let at = self.terms.len();
        self.position.insert(hash, at);
        self.text.push_str(term);
        let term_end = self.text.len();
        self.text.push_str(&folded);
        self.terms.push(PreparedTerm {
            hash,
            term_end,
            form_end: self.text.len(),
            weight: 0.0,
        });
        Some(at)
    }
}

/// The document's entity keys with their mention counts (an entity with no
/// recorded mention still occurs once: it was found somewhere).
fn entity_counts(doc: &Document) -> Vec<(u64, String, f32)> {
    let annotations = &doc.annotations;
    let mut mentions = vec![0.0f32; annotations.entities.len()];
    for m in &annotations.mentions {
        if let Some(count) = mentions.get_mut(m.entity) {
            *count += 1.0;
        }
    }
    let mut counts: Vec<(u64, String, f32)> = Vec::new();
    let mut position: FastMap<u64, usize> = FastMap::default();
    for (entity, count) in annotations.entities.iter().zip(&mentions) {
        let key = entity.key.trim();
        if key.is_empty() {
            continue;
        }
        let hash = key_hash(key);
        match position.get(&hash).and_then(|&at| counts.get_mut(at)) {
            Some(seen) => seen.2 += count.max(1.0),
            None => {
                position.insert(hash, counts.len());
                counts.push((hash, key.to_string(), count.max(1.0)));
            }
        }
    }
    counts
}

/// Extract the features of `doc`, updating the document frequencies.
pub(crate) fn extract(
    doc: &Document,
    prepared: &Prepared,
    config: &Config,
    terms: &mut Vocabulary,
    entities: &mut Vocabulary,
) -> DocFeatures {
    let (term_vec, term_tf, ranked_terms) = term_features(prepared, config, terms);
    let lookup_terms = lookup_terms(&ranked_terms, config, terms);
    let (entity_vec, entity_tf, distinctive) = entity_features(prepared, config, entities);
    let entity_tails = tails(&entity_vec, entities);
    DocFeatures {
        terms: term_vec,
        term_tf,
        lookup_terms,
        entities: entity_vec,
        entity_tf,
        distinctive,
        entity_tails,
        quotes: prepared.quotes.clone(),
        published: doc.article.published.map(|t| t.timestamp()),
        years: prepared.years.clone(),
    }
}

/// Bytes of the body searched for years: the dateline and lead say when the
/// event happened; later paragraphs recall earlier ones.
const LEAD_BYTES: usize = 400;

/// The first [`LEAD_BYTES`] of `body`, cut at a character boundary.
fn lead(body: &str) -> &str {
    let mut end = LEAD_BYTES.min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

/// Years from 1900 to 2099 written as four digits: when an event happened.
/// Two reports of the same kind of event in different years (two heavyweight
/// title defences, two patches for the same browser) name disjoint years.
fn years_named(text: &str) -> Vec<u16> {
    words(text)
        .filter(|w| w.text.len() == 4 && w.text.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|w| w.text.parse::<u16>().ok())
        .filter(|y| (1900..2100).contains(y))
        .collect()
}

fn term_features(
    prepared: &Prepared,
    config: &Config,
    vocab: &mut Vocabulary,
) -> (SparseVec, SparseVec, Vec<u32>) {
    // Prepared terms are distinct, so are their ids.
    let mut counts: Vec<(u32, f32)> = prepared
        .terms()
        .map(|(t, term, form)| (vocab.id_hashed(t.hash, term, form), t.weight))
        .collect();
    counts.sort_unstable_by_key(|&(id, _)| id);
    vocab.observe(counts.iter().map(|&(id, _)| id));
    weigh_counts(&counts, config.doc_terms, vocab)
}

/// A document's unit tf-idf vector over its `keep` heaviest `counts` (sorted
/// by id), its unit sublinear-tf vector over the same ids, and those ids by
/// descending tf-idf.
fn weigh_counts(
    counts: &[(u32, f32)],
    keep: usize,
    vocab: &Vocabulary,
) -> (SparseVec, SparseVec, Vec<u32>) {
    let mut tfidf = SparseVec::from_sorted(
        counts
            .iter()
            .map(|&(id, tf)| (id, sublinear(tf) * vocab.idf(id)))
            .collect(),
    );
    tfidf.truncate_by(keep, |_, w| w);
    let ranked = tfidf.ranked_ids(|_, w| w);
    let tf = tfidf
        .map(|id, _| {
            let at = counts.binary_search_by_key(&id, |&(i, _)| i);
            sublinear(at.map_or(0.0, |at| counts[at].1))
        })
        .normalized();
    (tfidf.normalized(), tf, ranked)
}

/// The salient terms of a document (see [`DocFeatures::lookup_terms`]).
fn lookup_terms(ranked: &[u32], config: &Config, vocab: &Vocabulary) -> Vec<u32> {
    ranked
        .iter()
        .copied()
        .filter(|&id| vocab.df_share(id) <= config.max_lookup_df)
        .take(config.lookup_terms)
        .collect()
}

fn entity_features(
    prepared: &Prepared,
    config: &Config,
    vocab: &mut Vocabulary,
) -> (SparseVec, SparseVec, Vec<Distinct>) {
    // Prepared keys are distinct, so are their ids.
    let mut counts: Vec<(u32, f32)> = prepared
        .entities
        .iter()
        .map(|(hash, key, count)| (vocab.id_hashed(*hash, key, key), *count))
        .collect();
    counts.sort_unstable_by_key(|&(id, _)| id);
    vocab.observe(counts.iter().map(|&(id, _)| id));
    let (weighted, tf, ranked) = weigh_counts(&counts, config.centroid_entities, vocab);
    let distinctive = distinctive_tails(&ranked, DISTINCTIVE_PER_DOC, config, vocab);
    (weighted, tf, distinctive)
}

/// The first `limit` of `ranked` (entities, heaviest first) that are rare
/// enough to tell one event from another.
pub(crate) fn distinctive_tails(
    ranked: &[u32],
    limit: usize,
    config: &Config,
    vocab: &Vocabulary,
) -> Vec<Distinct> {
    ranked
        .iter()
        .copied()
        .take(limit)
        .filter(|&id| vocab.df_share(id) <= config.distinctive_df)
        .map(|id| Distinct {
            tail: vocab.tail(id),
            actor: vocab.is_actor(id),
        })
        .collect()
}

/// Sorted name tails of every entity of `entities`.
pub(crate) fn tails(entities: &SparseVec, vocab: &Vocabulary) -> Vec<u64> {
    let mut out: Vec<u64> = entities.ids().map(|id| vocab.tail(id)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A fingerprint per quote long enough to be specific, from its folded,
/// stemmed content words: two outlets printing the same statement match even
/// when punctuation or capitalisation differ.
fn quote_fingerprints(doc: &Document) -> Vec<u64> {
    let mut out: Vec<u64> = doc
        .annotations
        .quotes
        .iter()
        .filter(|q| q.form != QuoteForm::Indirect)
        .filter_map(|q| {
            let terms = content_terms(doc.text_of(q.span));
            (terms.len() >= MIN_QUOTE_TERMS).then(|| fnv1a(terms.join(" ").as_bytes()))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}
