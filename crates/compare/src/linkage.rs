//! Average-linkage grouping of scored pairs, in near-linear time.
//!
//! Pairs are taken best first; the groups of a pair join when the mean score
//! over every pair of items across them (unscored pairs count as 0) reaches
//! the bar, and a caller's test allows it. Each group keeps the summed scores
//! to the groups it has scored pairs with, so the mean is one lookup, and a
//! join folds the smaller group's table into the larger's.
//!
//! An item may stand for several identical ones (its weight): a pair of items
//! then counts as that many pairs, so grouping `n` copies of a sentence as
//! one item of weight `n` gives the means that `n` items would.

use crate::id_map::IdMap;
use crate::union_find::UnionFind;

pub(crate) struct Linkage {
    sets: UnionFind,
    /// Per root: its items.
    members: Vec<Vec<usize>>,
    /// Per root: the summed weight of its items.
    weights: Vec<usize>,
    /// Per root: summed pair scores to other roots.
    links: Vec<IdMap<usize, f32>>,
}

impl Linkage {
    /// Items of the given weights, each alone, and the scored pairs
    /// `(score, a, b)` between them.
    pub(crate) fn new(weights: &[usize], pairs: &[(f32, usize, usize)]) -> Self {
        let n = weights.len();
        let weight = |i: usize| weights.get(i).copied().unwrap_or(1) as f32;
        let mut links: Vec<IdMap<usize, f32>> = vec![IdMap::default(); n];
        for &(score, a, b) in pairs {
            if a == b || a >= n || b >= n {
                continue;
            }
            let sum = score * weight(a) * weight(b);
            for (x, y) in [(a, b), (b, a)] {
                if let Some(map) = links.get_mut(x) {
                    *map.entry(y).or_insert(0.0) += sum;
                }
            }
        }
        Linkage {
            sets: UnionFind::new(n),
            members: (0..n).map(|i| vec![i]).collect(),
            weights: weights.to_vec(),
            links,
        }
    }

    fn size(&self, root: usize) -> usize {
        self.weights.get(root).copied().unwrap_or(0)
    }

    /// The items of the group whose root is `root`.
    pub(crate) fn members(&self, root: usize) -> &[usize] {
        self.members.get(root).map_or(&[], Vec::as_slice)
    }

    /// The root of `item`'s group.
    pub(crate) fn root(&self, item: usize) -> usize {
        self.sets.root(item)
    }

    /// Mean score over all pairs across the groups of roots `a` and `b`.
    fn mean(&self, a: usize, b: usize) -> f32 {
        let sum = self
            .links
            .get(a)
            .and_then(|m| m.get(&b))
            .copied()
            .unwrap_or(0.0);
        let pairs = (self.size(a) * self.size(b)).max(1);
        sum / pairs as f32
    }

    /// Join the groups of roots `a` and `b` (the larger group's root stays).
    fn join(&mut self, a: usize, b: usize) {
        let root = self.sets.union(a, b);
        let other = if root == a { b } else { a };
        let moved = self
            .links
            .get_mut(other)
            .map(std::mem::take)
            .unwrap_or_default();
        for (x, score) in moved {
            if let Some(map) = self.links.get_mut(x) {
                map.remove(&other);
            }
            if x == root {
                continue;
            }
            for (from, to) in [(root, x), (x, root)] {
                if let Some(map) = self.links.get_mut(from) {
                    *map.entry(to).or_insert(0.0) += score;
                }
            }
        }
        let items = self
            .members
            .get_mut(other)
            .map(std::mem::take)
            .unwrap_or_default();
        if let Some(list) = self.members.get_mut(root) {
            list.extend(items);
        }
        let moved = self.weights.get(other).copied().unwrap_or(0);
        if let Some(w) = self.weights.get_mut(root) {
            *w += moved;
        }
    }

    /// Group the items: `pairs` best first, joined while their score reaches
    /// `bar`, when the groups' mean reaches it too and `may_join(self, a, b)`
    /// allows joining the groups of roots `a` and `b`. Groups come back in
    /// order of their first item, each sorted.
    pub(crate) fn group(
        mut self,
        pairs: &[(f32, usize, usize)],
        bar: f32,
        mut may_join: impl FnMut(&Linkage, usize, usize) -> bool,
    ) -> Vec<Vec<usize>> {
        for &(score, a, b) in pairs {
            if score < bar {
                break;
            }
            let (ra, rb) = (self.sets.find(a), self.sets.find(b));
            if ra == rb || self.mean(ra, rb) < bar {
                continue;
            }
            if may_join(&self, ra, rb) {
                self.join(ra, rb);
            }
        }
        let mut groups: Vec<Vec<usize>> = self
            .members
            .into_iter()
            .filter(|m| !m.is_empty())
            .map(|mut m| {
                m.sort_unstable();
                m
            })
            .collect();
        groups.sort_by_key(|g| g.first().copied());
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_of_pairs_is_not_one_group() {
        // 0-1 and 1-2 score high, 0-2 was never scored: the mean of {0,1}
        // with {2} is (0.9 + 0) / 2, under the bar.
        let pairs = [(0.9, 0, 1), (0.9, 1, 2)];
        let groups = Linkage::new(&[1; 3], &pairs).group(&pairs, 0.5, |_, _, _| true);
        assert_eq!(groups, [vec![0, 1], vec![2]]);
        let pairs = [(0.9, 0, 1), (0.9, 1, 2), (0.6, 0, 2)];
        let groups = Linkage::new(&[1; 3], &pairs).group(&pairs, 0.5, |_, _, _| true);
        assert_eq!(groups, [vec![0, 1, 2]]);
    }

    #[test]
    fn weights_count_as_that_many_items() {
        // Item 1 stands for three identical items: {0,1} against {2} is
        // (0.9 * 1 + 0 * 3) / 4 when only 0-2 was scored, under the bar.
        let pairs = [(0.9, 0, 1), (0.9, 0, 2)];
        let groups = Linkage::new(&[1, 3, 1], &pairs).group(&pairs, 0.5, |_, _, _| true);
        assert_eq!(groups, [vec![0, 1], vec![2]]);
        // With weight 1 it is (0.9 + 0) / 2, still under; 1-2 scored makes it one group.
        let pairs = [(0.9, 0, 1), (0.9, 0, 2), (0.4, 1, 2)];
        let groups = Linkage::new(&[1, 3, 1], &pairs).group(&pairs, 0.5, |_, _, _| true);
        assert_eq!(groups, [vec![0, 1, 2]]);
    }

    #[test]
    fn the_callers_test_can_refuse_a_join() {
        let pairs = [(0.9, 0, 1), (0.8, 2, 3)];
        let groups = Linkage::new(&[1; 4], &pairs).group(&pairs, 0.5, |l, a, b| {
            !(l.members(a).contains(&2) || l.members(b).contains(&2))
        });
        assert_eq!(groups, [vec![0, 1], vec![2], vec![3]]);
    }
}
