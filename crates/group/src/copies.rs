//! Syndicated and near-duplicate copies: MinHash signatures over word
//! shingles of the body, with LSH banding so that each new document is only
//! compared with the few recent documents that share a band.
//!
//! Each shingle is hashed once; the signature's hash functions are then
//! affine maps `x·a + b` (odd `a`, modulo 2^64) of that well-mixed hash, which
//! the compiler vectorises: no allocation per shingle, one multiply-add per
//! shingle and function.

use std::collections::{BTreeSet, VecDeque};

use parallax_text::{fold, words};

use crate::config::Config;
use crate::hash::{FastMap, fnv1a, mix};

/// A remembered document.
#[derive(Debug, Clone)]
struct Entry {
    doc: usize,
    /// The story the document was placed in (see [`CopyDetector::assign_story`]).
    story: Option<usize>,
    published: Option<i64>,
    signature: Vec<u64>,
}

/// Finds, for each new document, the earliest recent document it nearly duplicates.
#[derive(Debug, Clone)]
pub(crate) struct CopyDetector {
    rows: usize,
    threshold: f32,
    memory: usize,
    /// `(band, hash of the band's rows)` → remembered documents, ascending.
    buckets: FastMap<(usize, u64), Vec<usize>>,
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
        let hashes = config.minhash_hashes.max(1);
        CopyDetector {
            rows: config.copy_band_rows.clamp(1, hashes),
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
        signature: Option<Vec<u64>>,
        published: Option<i64>,
    ) -> Option<Copy> {
        let signature = signature?;
        let keys = self.band_keys(&signature);
        let candidates: BTreeSet<usize> = keys
            .iter()
            .filter_map(|key| self.buckets.get(key))
            .flatten()
            .copied()
            .collect();
        // Candidates ascend, so the first one above the threshold is the earliest.
        let found = candidates.into_iter().find_map(|other| {
            let (similarity, story) = self.estimate(&signature, other)?;
            (similarity >= self.threshold).then_some(Copy {
                original: other,
                story,
                similarity,
            })
        });
        for key in keys {
            self.buckets.entry(key).or_default().push(doc);
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
        for key in self.band_keys(&entry.signature) {
            if let Some(bucket) = self.buckets.get_mut(&key) {
                // Documents leave in arrival order, so the oldest is first.
                match bucket.first() {
                    Some(&first) if first == entry.doc => {
                        bucket.remove(0);
                    }
                    _ => bucket.retain(|&d| d != entry.doc),
                }
                if bucket.is_empty() {
                    self.buckets.remove(&key);
                }
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
            .zip(&theirs.signature)
            .filter(|(a, b)| a == b)
            .count();
        Some((equal as f32 / signature.len().max(1) as f32, theirs.story))
    }

    fn band_keys(&self, signature: &[u64]) -> Vec<(usize, u64)> {
        signature
            .chunks(self.rows)
            .enumerate()
            .map(|(band, rows)| (band, rows.iter().fold(0u64, |h, &v| mix(h ^ v))))
            .collect()
    }
}

/// Computes MinHash signatures: the stateless half of copy detection, which
/// can run for many documents in parallel.
#[derive(Debug, Clone)]
pub(crate) struct MinHasher {
    /// `(a, b)` of each hash function `x·a + b`, `a` odd.
    functions: Vec<(u64, u64)>,
    shingle_words: usize,
    min_shingles: usize,
}

impl MinHasher {
    pub(crate) fn new(config: &Config) -> Self {
        MinHasher {
            functions: (0..config.minhash_hashes.max(1) as u64)
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
    pub(crate) fn signature(&self, body: &str) -> Option<Vec<u64>> {
        let word_hashes: Vec<u64> = words(body).map(|w| folded_hash(w.text)).collect();
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
        Some(signature)
    }
}

/// `fnv1a(fold(word))`, without building the folded string for ASCII words
/// (most of them): this runs for every word of every article.
fn folded_hash(word: &str) -> u64 {
    if !word.is_ascii() {
        return fnv1a(fold(word).as_bytes());
    }
    // As `fold` does for ASCII: lower case, backtick as apostrophe, no "'s".
    let bytes = word.as_bytes();
    let folded = |b: u8| {
        if b == b'`' {
            b'\''
        } else {
            b.to_ascii_lowercase()
        }
    };
    let n = bytes.len();
    let possessive = n >= 2 && folded(bytes[n - 2]) == b'\'' && folded(bytes[n - 1]) == b's';
    let kept = if possessive { &bytes[..n - 2] } else { bytes };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in kept {
        h ^= u64::from(folded(b));
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(body: &str) -> Option<Vec<u64>> {
        MinHasher::new(&Config::default()).signature(body)
    }

    const BODY: &str = "The harbour authority in Port Velden closed the eastern quay on Monday \
        after a crane collapsed onto two container ships, injuring four dock workers. \
        Engineers will inspect the remaining cranes before the quay reopens next week, \
        the authority said in a statement.";

    #[test]
    fn folded_hash_is_the_hash_of_the_folded_word() {
        for word in [
            "Velden's", "QUAY", "don`t", "s", "'s", "café", "Ünal's", "x's",
        ] {
            assert_eq!(folded_hash(word), fnv1a(fold(word).as_bytes()), "{word}");
        }
    }

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
        assert!(d.buckets.values().all(|b| b == &[1]));
    }
}
