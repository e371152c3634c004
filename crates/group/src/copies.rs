//! Syndicated and near-duplicate copies: MinHash signatures over word
//! shingles of the body, with LSH banding so that each new document is only
//! compared with the few recent documents that share a band.
//!
//! Each shingle is hashed once; the signature's hash functions are then
//! affine maps `x·a + b` (odd `a`, modulo 2^64) of that well-mixed hash, which
//! the compiler vectorises: no allocation per shingle, one multiply-add per
//! shingle and function.

use std::collections::VecDeque;

use crate::config::Config;
use crate::hash::{FastMap, mix};
#[cfg(test)]
use crate::tokens::{folded_hash, word_texts};

/// A body's MinHash signature with its LSH band keys, both computed where
/// documents are prepared (in parallel), so that the sequential clusterer
/// only looks them up.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Signature {
    minhash: Vec<u64>,
    /// One hash per band of [`Config::copy_band_rows`] rows, in band order.
    bands: Vec<u64>,
}

/// A remembered document.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Entry {
    doc: usize,
    /// The story the document was placed in (see [`CopyDetector::assign_story`]).
    story: Option<usize>,
    published: Option<i64>,
    signature: Signature,
}

/// The remembered documents of one `(band, hash)`: almost always one, so
/// without a list of its own.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
enum Bucket {
    One(usize),
    Many(Vec<usize>),
}

impl Bucket {
    fn docs(&self) -> &[usize] {
        match self {
            Bucket::One(doc) => std::slice::from_ref(doc),
            Bucket::Many(docs) => docs,
        }
    }

    fn push(&mut self, doc: usize) {
        match self {
            Bucket::One(first) => *self = Bucket::Many(vec![*first, doc]),
            Bucket::Many(docs) => docs.push(doc),
        }
    }

    /// Take `doc` out; true when nothing is left.
    fn remove(&mut self, doc: usize) -> bool {
        match self {
            Bucket::One(only) => *only == doc,
            Bucket::Many(docs) => {
                // Documents leave in arrival order, so the oldest is first.
                match docs.first() {
                    Some(&first) if first == doc => {
                        docs.remove(0);
                    }
                    _ => docs.retain(|&d| d != doc),
                }
                docs.is_empty()
            }
        }
    }
}

/// Finds, for each new document, the earliest recent document it nearly duplicates.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct CopyDetector {
    threshold: f32,
    memory: usize,
    /// `(band, hash of the band's rows)` → remembered documents, ascending.
    buckets: FastMap<(usize, u64), Bucket>,
    /// Remembered documents in arrival order.
    recent: VecDeque<Entry>,
}

/// A detected copy: the original's document index and the estimated Jaccard
/// similarity of the two bodies' shingle sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Copy {
    pub original: usize,
    /// The story the original was placed in (a provisional id).
    pub story: Option<usize>,
    pub similarity: f32,
}

impl CopyDetector {
    pub(crate) fn new(config: &Config) -> Self {
        CopyDetector {
            threshold: config.copy_threshold,
            memory: config.copy_memory.max(1),
            buckets: FastMap::default(),
            recent: VecDeque::new(),
        }
    }

    /// The earliest remembered document whose body has nearly the same
    /// [`signature`](Self::signature), if any; then remember document `doc`
    /// for later ones.
    pub(crate) fn check_and_insert(
        &mut self,
        doc: usize,
        signature: Option<Signature>,
        published: Option<i64>,
    ) -> Option<Copy> {
        let signature = signature?;
        let mut candidates: Vec<usize> = band_keys(&signature)
            .filter_map(|key| self.buckets.get(&key))
            .flat_map(Bucket::docs)
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // Candidates ascend, so the first one above the threshold is the earliest.
        let found = candidates.into_iter().find_map(|other| {
            let (similarity, story) = self.estimate(&signature.minhash, other)?;
            (similarity >= self.threshold).then_some(Copy {
                original: other,
                story,
                similarity,
            })
        });
        for key in band_keys(&signature) {
            self.buckets
                .entry(key)
                .and_modify(|bucket| bucket.push(doc))
                .or_insert(Bucket::One(doc));
        }
        self.recent.push_back(Entry {
            doc,
            story: None,
            published,
            signature,
        });
        while self.recent.len() > self.memory {
            self.evict_front();
        }
        found
    }

    /// Record the story of `doc`, the document last checked: its copies join
    /// that story without the clusterer remembering every document.
    pub(crate) fn assign_story(&mut self, doc: usize, story: usize) {
        if let Some(entry) = self.recent.back_mut().filter(|e| e.doc == doc) {
            entry.story = Some(story);
        }
    }

    /// Forget documents at the front of the memory published before `cutoff`
    /// (seconds): their copies would be too late to matter.
    pub(crate) fn forget_before(&mut self, cutoff: i64) {
        while self
            .recent
            .front()
            .and_then(|e| e.published)
            .is_some_and(|t| t < cutoff)
        {
            self.evict_front();
        }
    }

    fn evict_front(&mut self) {
        let Some(entry) = self.recent.pop_front() else {
            return;
        };
        for key in band_keys(&entry.signature) {
            if self
                .buckets
                .get_mut(&key)
                .is_some_and(|bucket| bucket.remove(entry.doc))
            {
                self.buckets.remove(&key);
            }
        }
    }

    /// Share of equal MinHash values: an unbiased estimate of the Jaccard
    /// similarity of the shingle sets.
    /// Also gives the other document's story.
    fn estimate(&self, signature: &[u64], other: usize) -> Option<(f32, Option<usize>)> {
        let pos = self.recent.binary_search_by_key(&other, |e| e.doc).ok()?;
        let theirs = self.recent.get(pos)?;
        let equal = signature
            .iter()
            .zip(&theirs.signature.minhash)
            .filter(|(a, b)| a == b)
            .count();
        Some((equal as f32 / signature.len().max(1) as f32, theirs.story))
    }
}

/// The bucket keys of a signature: `(band, hash of the band's rows)`.
fn band_keys(signature: &Signature) -> impl Iterator<Item = (usize, u64)> + '_ {
    signature.bands.iter().copied().enumerate()
}

/// Computes MinHash signatures: the stateless half of copy detection, which
/// can run for many documents in parallel.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct MinHasher {
    /// `(a, b)` of each hash function `x·a + b`, `a` odd.
    functions: Vec<(u64, u64)>,
    /// Rows (hash functions) per LSH band.
    band_rows: usize,
    shingle_words: usize,
    min_shingles: usize,
}

impl MinHasher {
    pub(crate) fn new(config: &Config) -> Self {
        let hashes = config.minhash_hashes.max(1);
        MinHasher {
            band_rows: config.copy_band_rows.clamp(1, hashes),
            functions: (0..hashes as u64)
                .map(|i| {
                    let a = mix(i.wrapping_add(0x5eed)) | 1;
                    (a, mix(a))
                })
                .collect(),
            shingle_words: config.shingle_words.max(1),
            min_shingles: config.min_copy_shingles.max(1),
        }
    }

    /// MinHash signature of the body's word shingles; `None` when the body is
    /// too short for the estimate to mean anything.
    #[cfg(test)]
    pub(crate) fn signature(&self, body: &str) -> Option<Signature> {
        let word_hashes: Vec<u64> = word_texts(body).map(folded_hash).collect();
        self.signature_of_words(&word_hashes)
    }

    /// [`signature`](Self::signature) from the `folded_hash` of each word
    /// of the body, in order.
    pub(crate) fn signature_of_words(&self, word_hashes: &[u64]) -> Option<Signature> {
        let mut shingles: Vec<u64> = word_hashes
            .windows(self.shingle_words)
            .map(|window| mix(window.iter().fold(0, |h, &w| mix(h ^ w))))
            .collect();
        shingles.sort_unstable();
        shingles.dedup();
        if shingles.len() < self.min_shingles {
            return None;
        }
        let mut signature = vec![u64::MAX; self.functions.len()];
        for x in shingles {
            for (min, &(a, b)) in signature.iter_mut().zip(&self.functions) {
                *min = (*min).min(x.wrapping_mul(a).wrapping_add(b));
            }
        }
        let bands = signature
            .chunks(self.band_rows)
            .map(|rows| rows.iter().fold(0u64, |h, &v| mix(h ^ v)))
            .collect();
        Some(Signature {
            minhash: signature,
            bands,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(body: &str) -> Option<Signature> {
        MinHasher::new(&Config::default()).signature(body)
    }

    const BODY: &str = "The harbour authority in Port Velden closed the eastern quay on Monday \
        after a crane collapsed onto two container ships, injuring four dock workers. \
        Engineers will inspect the remaining cranes before the quay reopens next week, \
        the authority said in a statement.";

    #[test]
    fn a_copy_with_a_different_footer_is_found() {
        let mut d = CopyDetector::new(&Config::default());
        assert_eq!(d.check_and_insert(0, signature(BODY), None), None);
        let copy = format!("{BODY}\nDistributed by the Velden Wire Service.");
        let found = d.check_and_insert(1, signature(&copy), None);
        assert_eq!(found.map(|c| c.original), Some(0));
        assert!(found.is_some_and(|c| c.similarity >= 0.8));
    }

    #[test]
    fn different_text_and_short_text_are_not_copies() {
        let mut d = CopyDetector::new(&Config::default());
        d.check_and_insert(0, signature(BODY), None);
        let other = "A new library opened in the old town of Marsby on Saturday, with a \
            reading room for children and a café run by volunteers from the parish.";
        assert_eq!(d.check_and_insert(1, signature(other), None), None);
        assert_eq!(d.check_and_insert(2, signature("Too short."), None), None);
    }

    #[test]
    fn forgotten_documents_are_not_matched() {
        let mut d = CopyDetector::new(&Config::default());
        d.check_and_insert(0, signature(BODY), Some(100));
        d.forget_before(200);
        assert_eq!(d.check_and_insert(1, signature(BODY), Some(300)), None);
        assert!(d.buckets.values().all(|b| b.docs() == [1]));
    }
}
