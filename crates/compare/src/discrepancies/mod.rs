//! Discrepancies: one fact stated differently by the outlets of a story.
//!
//! Four kinds are found, each read strictly: a missed discrepancy costs
//! little, a false one shown to a reader costs trust.
//! - [`numbers`]: the figures a shared claim's outlets give for the same
//!   thing ("at least 12 dead" / "15 killed"), told apart from a bound the
//!   other fits and from a rounding;
//! - [`dates`]: a shared claim's outlets putting one event on different
//!   days ("on Friday" / "Saturday", resolved against publication dates);
//! - [`speakers`]: the same words quoted under different speakers ("the
//!   minister said" / "her spokesman said");
//! - [`modes`]: one actor's act reported as done and as not done, or as
//!   done and as only intended ("signed the accord" / "has not signed it").
//!
//! Numbers, dates and modes are read from the story's shared claims,
//! speakers from its quote groups, each with what [`Gathered`] keeps of
//! every article as it arrives: its outlet, its dates, its attributed
//! quotes, its names and publication time.

mod alike;
mod dates;
mod modes;
mod numbers;
mod speakers;

use std::collections::HashMap;
use std::hash::Hash;

use parallax_model::{
    Discrepancy, Document, Occurrence, QuoteGroup, SharedClaim, Span, StoryEntity,
};

use crate::union_find::UnionFind;
use dates::Dated;
use modes::Moods;
use speakers::Said;

/// What the story's articles give that discrepancies are read from beyond
/// its claims and quote groups: their dates and attributed quotes.
#[derive(Default)]
pub(crate) struct Gathered {
    /// Each original article's outlet, by article id.
    outlets: HashMap<String, String>,
    dated: Dated,
    said: Said,
    moods: Moods,
}

impl Gathered {
    /// Keep `doc`'s part; `row` maps its local entities to the story's.
    pub(crate) fn add(&mut self, doc: &Document, is_copy: bool, row: &[Option<usize>]) {
        if !is_copy {
            self.outlets
                .insert(doc.article.id.clone(), doc.article.outlet().to_string());
        }
        self.dated.add(doc, is_copy);
        self.said.add(doc, is_copy, row);
        self.moods.add(doc, is_copy, row);
    }

    /// The story's discrepancies: numbers claim by claim, then dates claim
    /// by claim, then speakers, then modes claim by claim.
    pub(crate) fn find(
        &self,
        shared: &[SharedClaim],
        quotes: &[QuoteGroup],
        entities: &[StoryEntity],
    ) -> Vec<Discrepancy> {
        let mut found = numbers::find(shared, entities, &self.outlets);
        found.extend(self.dated.differing(shared, &self.outlets));
        found.extend(self.said.differing(quotes, entities, &self.outlets));
        found.extend(self.moods.differing(shared, &self.outlets));
        found
    }
}

/// Most versions of one fact a claim's sentences are compared on (its most
/// given figures or days), and most sentences kept of each version.
const VERSIONS: usize = 12;
const PER_VERSION: usize = 8;

/// The items a claim's discrepancies are read from, bounded: the
/// [`VERSIONS`] most given versions (`version` tells an item's; ties go to
/// the first given), each with its first [`PER_VERSION`] items, in their
/// order. Every pair of items is compared, and a claim that hundreds of
/// outlets report would otherwise cost the square of their number; what is
/// left out repeats a version kept or is given by few.
fn sample<T, V: Eq + Hash>(items: Vec<T>, version: impl Fn(&T) -> V) -> Vec<T> {
    let mut counts: HashMap<V, (usize, usize)> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        counts.entry(version(item)).or_insert((0, i)).0 += 1;
    }
    if counts.len() <= VERSIONS && counts.values().all(|&(n, _)| n <= PER_VERSION) {
        return items;
    }
    let mut ranked: Vec<(usize, usize)> = counts.values().copied().collect();
    ranked.sort_unstable_by_key(|&(n, first)| (std::cmp::Reverse(n), first));
    ranked.truncate(VERSIONS);
    let kept: Vec<usize> = ranked.iter().map(|&(_, first)| first).collect();
    let mut taken: HashMap<V, usize> = HashMap::new();
    items
        .into_iter()
        .filter(|item| {
            let v = version(item);
            let Some(&(_, first)) = counts.get(&v) else {
                return false;
            };
            let slot = taken.entry(v).or_insert(0);
            *slot += 1;
            kept.contains(&first) && *slot <= PER_VERSION
        })
        .collect()
}

/// The words at `span` (relative to `sentence`) as an occurrence in the
/// article: a wording of a discrepancy.
fn within(sentence: &Occurrence, span: Span) -> Occurrence {
    Occurrence {
        article: sentence.article.clone(),
        start: sentence.start + span.start,
        end: sentence.start + span.end,
        text: span.slice(&sentence.text).to_string(),
    }
}

/// The first of `members` from each article (`article` names it), in
/// order: a discrepancy shows one wording per article.
fn first_per_article<'m, T>(members: &[&'m T], article: impl Fn(&T) -> &str) -> Vec<&'m T> {
    let mut seen = std::collections::HashSet::new();
    members
        .iter()
        .copied()
        .filter(|m| seen.insert(article(m)))
        .collect()
}

/// The groups of `items` joined by the pairs that `differ`, each of more
/// than one item, in order of their first item; items in order within.
/// What one claim's sentences state differently, one group per fact.
fn differing_groups<T>(items: &[T], differ: impl Fn(&T, &T) -> bool) -> Vec<Vec<&T>> {
    let mut sets = UnionFind::new(items.len());
    let mut joined = false;
    for (i, a) in items.iter().enumerate() {
        for (j, b) in items.iter().enumerate().skip(i + 1) {
            if differ(a, b) {
                sets.union(i, j);
                joined = true;
            }
        }
    }
    if !joined {
        return Vec::new();
    }
    let mut groups: Vec<(usize, Vec<&T>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let root = sets.find(i);
        match groups.iter_mut().find(|(r, _)| *r == root) {
            Some((_, members)) => members.push(item),
            None => groups.push((root, vec![item])),
        }
    }
    groups
        .into_iter()
        .map(|(_, members)| members)
        .filter(|members| members.len() > 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_keeps_the_most_given_versions_in_order() {
        // Few items: all kept.
        assert_eq!(sample(vec![3, 1, 3], |&v| v), [3, 1, 3]);
        // 2,000 outlets: the most given versions, a few of each, in order.
        let items: Vec<(usize, u32)> = (0..2_000)
            .map(|i| {
                (
                    i,
                    if i % 10 == 0 {
                        15
                    } else if i % 3 == 0 {
                        12
                    } else {
                        i as u32
                    },
                )
            })
            .collect();
        let kept = sample(items, |&(_, v)| v);
        assert!(kept.len() <= VERSIONS * PER_VERSION, "{}", kept.len());
        let count = |v: u32| kept.iter().filter(|&&(_, x)| x == v).count();
        assert_eq!((count(12), count(15)), (PER_VERSION, PER_VERSION));
        assert!(kept.windows(2).all(|w| w[0].0 < w[1].0), "story order kept");
    }
}
