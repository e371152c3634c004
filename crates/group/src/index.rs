//! Inverted index from salient terms and entities to the active stories that
//! feature them, so that a new document is compared with a handful of
//! candidate stories instead of all of them.

use crate::hash::FastMap;

/// A key of the index: a term id or an entity id (separate id spaces).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum Key {
    Term(u32),
    Entity(u32),
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct InvertedIndex {
    /// Key → story ids, ascending.
    postings: FastMap<Key, Vec<usize>>,
    /// Story id → the keys it is indexed under, sorted.
    keys_of: FastMap<usize, Vec<Key>>,
}

impl InvertedIndex {
    /// Index `story` under exactly `keys` (replacing what it had).
    pub(crate) fn set(&mut self, story: usize, mut keys: Vec<Key>) {
        keys.sort_unstable();
        keys.dedup();
        let old = self.keys_of.remove(&story).unwrap_or_default();
        for key in old.iter().filter(|k| keys.binary_search(k).is_err()) {
            self.unpost(*key, story);
        }
        for key in keys.iter().filter(|k| old.binary_search(k).is_err()) {
            let posting = self.postings.entry(*key).or_default();
            if let Err(pos) = posting.binary_search(&story) {
                posting.insert(pos, story);
            }
        }
        self.keys_of.insert(story, keys);
    }

    /// Take `story` out of the index.
    pub(crate) fn remove(&mut self, story: usize) {
        for key in self.keys_of.remove(&story).unwrap_or_default() {
            self.unpost(key, story);
        }
    }

    fn unpost(&mut self, key: Key, story: usize) {
        if let Some(posting) = self.postings.get_mut(&key) {
            if let Ok(pos) = posting.binary_search(&story) {
                posting.remove(pos);
            }
            if posting.is_empty() {
                self.postings.remove(&key);
            }
        }
    }

    /// Stories indexed under any of the weighted `lookups`, with the summed
    /// weight of the keys that hit, best first (ties: older story first), at
    /// most `limit` of them.
    ///
    /// Keys posted for more than `max_posting` stories are skipped: like a
    /// stop word, a key most active stories share selects nothing, and its
    /// long list would dominate the cost.
    ///
    /// `hits` is scratch space, left empty, kept by the caller so that its
    /// table is not allocated and grown again for every document.
    pub(crate) fn candidates(
        &self,
        lookups: &[(Key, f32)],
        limit: usize,
        max_posting: usize,
        hits: &mut FastMap<usize, f32>,
    ) -> Vec<(usize, f32)> {
        hits.clear();
        for (key, weight) in lookups {
            let Some(posting) = self.postings.get(key) else {
                continue;
            };
            if posting.len() > max_posting {
                continue;
            }
            for &story in posting {
                *hits.entry(story).or_insert(0.0) += weight;
            }
        }
        // The order is total (weight, then id): no hash order leaks out.
        let mut ranked: Vec<(usize, f32)> = hits.drain().collect();
        let order = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if limit == 0 {
            return Vec::new();
        }
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        ranked
    }

    /// Number of indexed stories.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.keys_of.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_rank_by_hit_weight_and_reindexing_replaces_keys() {
        let mut index = InvertedIndex::default();
        let hits = &mut FastMap::default();
        index.set(0, vec![Key::Term(1), Key::Entity(1)]);
        index.set(1, vec![Key::Term(1), Key::Term(2)]);
        let found = index.candidates(&[(Key::Term(1), 1.0), (Key::Entity(1), 2.0)], 10, 10, hits);
        assert_eq!(found, [(0, 3.0), (1, 1.0)]);
        // Term 1 is posted for two stories: over a limit of one, it selects nothing.
        let found = index.candidates(&[(Key::Term(1), 1.0), (Key::Entity(1), 2.0)], 10, 1, hits);
        assert_eq!(found, [(0, 2.0)]);

        index.set(0, vec![Key::Term(2)]);
        let found = index.candidates(&[(Key::Entity(1), 2.0), (Key::Term(2), 1.0)], 10, 10, hits);
        assert_eq!(found, [(0, 1.0), (1, 1.0)]);

        index.remove(1);
        assert_eq!(index.candidates(&[(Key::Term(1), 1.0)], 10, 10, hits), []);
        assert_eq!(index.len(), 1);
        assert_eq!(index.candidates(&[(Key::Term(2), 1.0)], 0, 10, hits), []);
    }
}
