//! Answers to recent searches, reused until the store changes.
//!
//! A search costs milliseconds of full-text ranking and excerpts, and many
//! readers ask the same (a name in the news): on two cores that is what
//! decides how fast a busy server answers. An answer is reused only while
//! the log and its analysis are where they were when it was computed, so a
//! cached answer is never staler than a fresh one would be.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use parallax_store::{ArticleFilter, Seq};

use super::api::Results;

/// Answers kept; when full, the cache starts over (cheap, bounded, and a
/// popular query is back after its next request).
const CAPACITY: usize = 1024;

/// Where the store was: the last article appended and the last analysed.
pub type Version = (Seq, Seq);

/// A query, what it is narrowed to, and the number of hits asked for.
pub type Key = (String, ArticleFilter, usize);

#[derive(Default)]
pub struct SearchCache {
    entries: Mutex<HashMap<Key, (Version, Arc<Results>)>>,
}

impl SearchCache {
    /// The answer to `query` (with `limit`) computed at `version`, if kept.
    pub fn get(
        &self,
        query: &str,
        filter: &ArticleFilter,
        limit: usize,
        version: Version,
    ) -> Option<Arc<Results>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .get(&(query.to_string(), filter.clone(), limit))
            .filter(|(at, _)| *at == version)
            .map(|(_, results)| results.clone())
    }

    pub fn put(&self, key: Key, version: Version, results: Arc<Results>) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(key, (version, results));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_reused_only_at_the_same_version() {
        let cache = SearchCache::default();
        cache.put(
            ("ferry".into(), ArticleFilter::default(), 20),
            (5, 5),
            Arc::new(Results::default()),
        );
        assert!(
            cache
                .get("ferry", &ArticleFilter::default(), 20, (5, 5))
                .is_some()
        );
        assert!(
            cache
                .get("ferry", &ArticleFilter::default(), 20, (6, 5))
                .is_none(),
            "an article arrived"
        );
        assert!(
            cache
                .get("ferry", &ArticleFilter::default(), 20, (5, 6))
                .is_none(),
            "views changed"
        );
        assert!(
            cache
                .get("ferry", &ArticleFilter::default(), 10, (5, 5))
                .is_none()
        );
        assert!(
            cache
                .get("tram", &ArticleFilter::default(), 20, (5, 5))
                .is_none()
        );
    }

    #[test]
    fn it_stays_bounded() {
        let cache = SearchCache::default();
        for n in 0..=CAPACITY {
            cache.put(
                (format!("q{n}"), ArticleFilter::default(), 20),
                (1, 1),
                Arc::new(Results::default()),
            );
        }
        assert!(cache.entries.lock().unwrap().len() <= CAPACITY);
        assert!(
            cache
                .get(
                    &format!("q{CAPACITY}"),
                    &ArticleFilter::default(),
                    20,
                    (1, 1)
                )
                .is_some()
        );
    }
}
