//! Arrival order: the order in which a live stream would have seen the
//! articles, by publication time, undated articles last.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use chrono::{DateTime, Utc};
use parallax_model::Article;

/// Sort articles into arrival order (stable).
pub fn arrival_order(articles: &mut [Article]) {
    articles.sort_by(|a, b| match (a.published, b.published) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
}

/// Dated articles a streaming reader holds to put its input in arrival
/// order (about 150 MB of typical articles): an archive read in roughly the
/// order it was crawled comes out sorted.
pub const REORDER_WINDOW: usize = 100_000;

/// [`arrival_order`] for a stream too long to hold: articles are held in a
/// window of `window` dated articles and let out earliest first, so a stream
/// whose articles are at most `window` places out of order comes out in
/// exactly the order [`arrival_order`] gives (any stream no longer than the
/// window does). An article later than that comes out late, and is grouped
/// when it comes. Undated articles come after every dated one, so they are
/// held until the end.
pub struct Reorder {
    window: usize,
    dated: BinaryHeap<Reverse<Pending>>,
    undated: Vec<Article>,
    /// Articles pushed so far: ties keep their input order.
    pushed: u64,
}

/// A dated article waiting in the window, ordered by (time, input order).
struct Pending {
    key: (DateTime<Utc>, u64),
    article: Article,
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Pending {}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pending {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}

impl Reorder {
    pub fn new(window: usize) -> Self {
        Reorder {
            window: window.max(1),
            dated: BinaryHeap::new(),
            undated: Vec::new(),
            pushed: 0,
        }
    }

    /// Take the next article of the input; returns the article now due, if any.
    pub fn push(&mut self, article: Article) -> Option<Article> {
        self.pushed += 1;
        let Some(published) = article.published else {
            self.undated.push(article);
            return None;
        };
        self.dated.push(Reverse(Pending {
            key: (published, self.pushed),
            article,
        }));
        if self.dated.len() > self.window {
            self.dated.pop().map(|Reverse(p)| p.article)
        } else {
            None
        }
    }

    /// The articles still held, in arrival order: the input has ended.
    pub fn finish(self) -> impl Iterator<Item = Article> {
        let mut dated = self.dated.into_sorted_vec();
        // `into_sorted_vec` sorts ascending by `Reverse`: latest first.
        dated.reverse();
        dated
            .into_iter()
            .map(|Reverse(p)| p.article)
            .chain(self.undated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn article(id: &str, day: Option<u32>) -> Article {
        Article {
            id: id.into(),
            source: None,
            url: None,
            title: String::new(),
            published: day.and_then(|d| Utc.with_ymd_and_hms(2026, 3, d, 0, 0, 0).single()),
            language: None,
            text: String::new(),
        }
    }

    fn ids(articles: impl IntoIterator<Item = Article>) -> Vec<String> {
        articles.into_iter().map(|a| a.id).collect()
    }

    fn reordered(input: Vec<Article>, window: usize) -> Vec<String> {
        let mut reorder = Reorder::new(window);
        let mut out: Vec<Article> = input.into_iter().filter_map(|a| reorder.push(a)).collect();
        out.extend(reorder.finish());
        ids(out)
    }

    fn input() -> Vec<Article> {
        vec![
            article("c", Some(3)),
            article("u1", None),
            article("a", Some(1)),
            article("b1", Some(2)),
            article("u2", None),
            article("b2", Some(2)),
            article("d", Some(4)),
        ]
    }

    #[test]
    fn a_window_as_long_as_the_input_gives_the_arrival_order() {
        let mut sorted = input();
        arrival_order(&mut sorted);
        assert_eq!(ids(sorted.clone()), ["a", "b1", "b2", "c", "d", "u1", "u2"]);
        assert_eq!(reordered(input(), 5), ids(sorted));
    }

    #[test]
    fn articles_further_out_of_order_than_the_window_come_late() {
        // Displaced by at most the window: sorted all the same.
        assert_eq!(
            reordered(input(), 2),
            ["a", "b1", "b2", "c", "d", "u1", "u2"]
        );
        // With one held, "c" (day 3) must leave before "a" (day 1) arrives.
        let late = vec![
            article("d", Some(4)),
            article("c", Some(3)),
            article("a", Some(1)),
        ];
        assert_eq!(reordered(late, 1), ["c", "a", "d"]);
    }
}
