//! What the clusterer sees of a document: a tf-idf term vector, an entity
//! vector, the salient keys used to look up candidate stories, quote
//! fingerprints and the publication time.

use std::collections::BTreeMap;

use chrono::Datelike;
use parallax_model::{Document, QuoteForm};
use parallax_text::{content_terms, fold, is_stopword, stem, words};

use crate::config::Config;
use crate::copies::MinHasher;
use crate::hash::{FastMap, fnv1a};
use crate::sparse::SparseVec;
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
    /// Name tails (see `Vocabulary::tail`) of the document's own rare and
    /// prominent entities.
    pub distinctive: Vec<u64>,
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
pub(crate) fn body_text(doc: &Document) -> String {
    if doc.cleaned.segments.is_empty() {
        return doc.article.text.clone();
    }
    let mut out = String::new();
    for (_, segment) in doc.body_segments() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(doc.text_of(segment.span));
    }
    out
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
    /// occurrence) with its [`key_hash`], the folded word it first came from
    /// and its weighted count (title words count `Config::title_weight` times).
    terms: Vec<(u64, String, String, f32)>,
    /// MinHash signature of the body (`None` when too short to compare).
    pub(crate) signature: Option<Vec<u64>>,
    /// Calendar years named in the title and body, sorted.
    years: Vec<u16>,
}

/// Makes [`Prepared`] documents for a [`crate::Clusterer`] (see
/// [`crate::Clusterer::preparer`]). Holds no state that documents change, so
/// one preparer can serve many threads while the clusterer runs on another.
#[derive(Debug, Clone)]
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
    let mut terms: Vec<(u64, String, String, f32)> = Vec::new();
    let mut position: FastMap<u64, usize> = FastMap::default();
    let sources = [
        (doc.article.title.as_str(), config.title_weight),
        (body.as_str(), 1.0),
    ];
    for (text, weight) in sources {
        for word in words(text) {
            let folded = fold(word.text);
            if is_stopword(&folded) {
                continue;
            }
            let term = stem(&folded);
            // One-letter tokens are initials and list markers, not content.
            if term.chars().nth(1).is_none() {
                continue;
            }
            let hash = key_hash(term);
            match position.get(&hash).and_then(|&at| terms.get_mut(at)) {
                Some(seen) => seen.3 += weight,
                None => {
                    position.insert(hash, terms.len());
                    terms.push((hash, term.to_string(), folded.clone(), weight));
                }
            }
        }
    }
    let mut years = years_named(&doc.article.title);
    years.extend(years_named(lead(&body)));
    if let Some(t) = doc.article.published {
        years.extend(u16::try_from(t.year()).ok());
    }
    years.sort_unstable();
    years.dedup();
    Prepared {
        terms,
        signature: hasher.signature(&body),
        years,
    }
}

/// Extract the features of `doc`, updating the document frequencies.
pub(crate) fn extract(
    doc: &Document,
    prepared: &Prepared,
    config: &Config,
    terms: &mut Vocabulary,
    entities: &mut Vocabulary,
) -> DocFeatures {
    let (term_vec, term_tf, lookup_terms) = term_features(prepared, config, terms);
    let (entity_vec, entity_tf, distinctive) = entity_features(doc, config, entities);
    let entity_tails = tails(&entity_vec, entities);
    DocFeatures {
        terms: term_vec,
        term_tf,
        lookup_terms,
        entities: entity_vec,
        entity_tf,
        distinctive,
        entity_tails,
        quotes: quote_fingerprints(doc),
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
    let mut counts: BTreeMap<u32, f32> = BTreeMap::new();
    for (hash, term, form, weight) in &prepared.terms {
        *counts
            .entry(vocab.id_hashed(*hash, term, form))
            .or_insert(0.0) += weight;
    }
    vocab.observe(counts.keys().copied());

    let mut tfidf = SparseVec::from_pairs(
        counts
            .iter()
            .map(|(&id, &tf)| (id, sublinear(tf) * vocab.idf(id)))
            .collect(),
    );
    tfidf.truncate_by(config.doc_terms, |_, w| w);
    let lookup: Vec<u32> = tfidf
        .ranked_ids(|_, w| w)
        .into_iter()
        .filter(|&id| vocab.df_share(id) <= config.max_lookup_df)
        .take(config.lookup_terms)
        .collect();
    let tf = tfidf
        .map(|id, _| sublinear(counts.get(&id).copied().unwrap_or(0.0)))
        .normalized();
    (tfidf.normalized(), tf, lookup)
}

fn entity_features(
    doc: &Document,
    config: &Config,
    vocab: &mut Vocabulary,
) -> (SparseVec, SparseVec, Vec<u64>) {
    let annotations = &doc.annotations;
    // Mentions per local entity; an entity with no recorded mention still
    // occurs once (it was found somewhere).
    let mut mentions = vec![0.0f32; annotations.entities.len()];
    for m in &annotations.mentions {
        if let Some(count) = mentions.get_mut(m.entity) {
            *count += 1.0;
        }
    }
    let mut counts: BTreeMap<u32, f32> = BTreeMap::new();
    for (entity, count) in annotations.entities.iter().zip(&mentions) {
        let key = entity.key.trim();
        if key.is_empty() {
            continue;
        }
        *counts.entry(vocab.id(key)).or_insert(0.0) += count.max(1.0);
    }
    vocab.observe(counts.keys().copied());

    let mut weighted = SparseVec::from_pairs(
        counts
            .iter()
            .map(|(&id, &c)| (id, sublinear(c) * vocab.idf(id)))
            .collect(),
    );
    weighted.truncate_by(config.centroid_entities, |_, w| w);
    let distinctive = distinctive_tails(&weighted, DISTINCTIVE_PER_DOC, config, vocab);
    let tf = weighted
        .map(|id, _| sublinear(counts.get(&id).copied().unwrap_or(0.0)))
        .normalized();
    (weighted.normalized(), tf, distinctive)
}

/// Name tails of the `limit` heaviest entities of `weighted` that are rare
/// enough to tell one event from another.
pub(crate) fn distinctive_tails(
    weighted: &SparseVec,
    limit: usize,
    config: &Config,
    vocab: &Vocabulary,
) -> Vec<u64> {
    weighted
        .ranked_ids(|_, w| w)
        .into_iter()
        .take(limit)
        .filter(|&id| vocab.df_share(id) <= config.distinctive_df)
        .map(|id| vocab.tail(id))
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
