//! Sparse weight vectors keyed by a dense id (a term or an entity), kept sorted
//! by id so that dot products are a linear merge and results never depend on
//! hash iteration order.

/// A sparse vector: `(id, weight)` pairs sorted by id, no duplicate ids.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct SparseVec {
    entries: Vec<(u32, f32)>,
    /// Made by [`normalized`](Self::normalized) and unchanged since: the
    /// cosine is then the dot product, without two passes for the norms.
    unit: bool,
}

impl SparseVec {
    /// Build from pairs in any order; weights of repeated ids are summed.
    #[cfg(test)]
    pub(crate) fn from_pairs(mut pairs: Vec<(u32, f32)>) -> Self {
        pairs.sort_by_key(|&(id, _)| id);
        let mut entries: Vec<(u32, f32)> = Vec::with_capacity(pairs.len());
        for (id, w) in pairs {
            match entries.last_mut() {
                Some(last) if last.0 == id => last.1 += w,
                _ => entries.push((id, w)),
            }
        }
        SparseVec {
            entries,
            unit: false,
        }
    }

    /// Build from pairs already sorted by id, without duplicates.
    pub(crate) fn from_sorted(entries: Vec<(u32, f32)>) -> Self {
        debug_assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
        SparseVec {
            entries,
            unit: false,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.entries.iter().copied()
    }

    pub(crate) fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.entries.iter().map(|&(id, _)| id)
    }

    pub(crate) fn get(&self, id: u32) -> Option<f32> {
        self.entries
            .binary_search_by_key(&id, |&(i, _)| i)
            .ok()
            .and_then(|pos| self.entries.get(pos))
            .map(|&(_, w)| w)
    }

    pub(crate) fn norm(&self) -> f32 {
        self.entries.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt()
    }

    /// The same direction with length 1 (the zero vector stays zero).
    pub(crate) fn normalized(mut self) -> Self {
        let n = self.norm();
        if n > 0.0 && n.is_finite() {
            for e in &mut self.entries {
                e.1 /= n;
            }
            self.unit = true;
        }
        self
    }

    /// Each weight transformed by `f(id, weight)`.
    pub(crate) fn map(&self, mut f: impl FnMut(u32, f32) -> f32) -> Self {
        SparseVec {
            entries: self.entries.iter().map(|&(id, w)| (id, f(id, w))).collect(),
            unit: false,
        }
    }

    pub(crate) fn dot(&self, other: &SparseVec) -> f32 {
        // The hot loop of clustering: a plain merge over the two sorted lists.
        let (a, b) = (&self.entries, &other.entries);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while let (Some(&(ia, wa)), Some(&(ib, wb))) = (a.get(i), b.get(j)) {
            match ia.cmp(&ib) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += wa * wb;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// Cosine similarity; 0 when either vector is zero.
    pub(crate) fn cosine(&self, other: &SparseVec) -> f32 {
        if self.unit && other.unit {
            return self.dot(other).clamp(0.0, 1.0);
        }
        let denom = self.norm() * other.norm();
        if denom > 0.0 {
            (self.dot(other) / denom).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The ids present in both vectors with both weights, in id order.
    pub(crate) fn zip_shared<'a>(
        &'a self,
        other: &'a SparseVec,
    ) -> impl Iterator<Item = (u32, f32, f32)> + 'a {
        let mut a = self.entries.iter().peekable();
        let mut b = other.entries.iter().peekable();
        std::iter::from_fn(move || {
            loop {
                let (&&(ia, wa), &&(ib, wb)) = (a.peek()?, b.peek()?);
                match ia.cmp(&ib) {
                    std::cmp::Ordering::Less => {
                        a.next();
                    }
                    std::cmp::Ordering::Greater => {
                        b.next();
                    }
                    std::cmp::Ordering::Equal => {
                        a.next();
                        b.next();
                        return Some((ia, wa, wb));
                    }
                }
            }
        })
    }

    /// `self += other`.
    pub(crate) fn add(&mut self, other: &SparseVec) {
        // A linear merge of the two sorted lists.
        let (a, b) = (&self.entries, &other.entries);
        let mut merged = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        loop {
            match (a.get(i), b.get(j)) {
                (Some(&(ia, wa)), Some(&(ib, wb))) => match ia.cmp(&ib) {
                    std::cmp::Ordering::Less => {
                        merged.push((ia, wa));
                        i += 1;
                    }
                    std::cmp::Ordering::Greater => {
                        merged.push((ib, wb));
                        j += 1;
                    }
                    std::cmp::Ordering::Equal => {
                        merged.push((ia, wa + wb));
                        i += 1;
                        j += 1;
                    }
                },
                (Some(&x), None) => {
                    merged.push(x);
                    i += 1;
                }
                (None, Some(&y)) => {
                    merged.push(y);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        *self = SparseVec {
            entries: merged,
            unit: false,
        };
    }

    /// Keep the `k` entries with the largest `rank(id, weight)` (ties: smaller id
    /// wins, so the cut is deterministic).
    pub(crate) fn truncate_by(&mut self, k: usize, mut rank: impl FnMut(u32, f32) -> f32) {
        if self.entries.len() <= k {
            return;
        }
        if k == 0 {
            self.entries.clear();
            return;
        }
        // Find the k-th best `(rank, id)` in linear time, then keep the
        // entries at least as good, in id order: no sort, no second list.
        let ranks: Vec<f32> = self.entries.iter().map(|&(id, w)| rank(id, w)).collect();
        let mut order: Vec<(f32, u32)> = ranks
            .iter()
            .zip(&self.entries)
            .map(|(&r, &(id, _))| (r, id))
            .collect();
        let better = |x: &(f32, u32), y: &(f32, u32)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
        let (_, &mut cut, _) = order.select_nth_unstable_by(k - 1, better);
        let mut ranks = ranks.into_iter();
        self.entries.retain(|&(id, _)| {
            let r = ranks.next().unwrap_or(f32::NEG_INFINITY);
            better(&(r, id), &cut) != std::cmp::Ordering::Greater
        });
        self.unit = false;
    }

    /// Ids sorted by descending `rank(id, weight)`, ties by id.
    pub(crate) fn ranked_ids(&self, mut rank: impl FnMut(u32, f32) -> f32) -> Vec<u32> {
        let mut ranked: Vec<(f32, u32)> = self
            .entries
            .iter()
            .map(|&(id, w)| (rank(id, w), id))
            .collect();
        ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        ranked.into_iter().map(|(_, id)| id).collect()
    }
}

/// One vector spread over a dense array indexed by id, to take its dot
/// product with many others: one load per entry of the other vector instead
/// of a branchy merge of two lists. The sums run in the same id order as
/// [`SparseVec::dot`] (adding exact zeros in between), so results are equal.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scatter {
    weights: Vec<f32>,
}

impl Scatter {
    /// Spread `v` out (the array must be empty, as [`clear`](Self::clear) leaves it).
    pub(crate) fn load(&mut self, v: &SparseVec) {
        if let Some(&(last, _)) = v.entries.last()
            && self.weights.len() <= last as usize
        {
            self.weights.resize(last as usize + 1, 0.0);
        }
        for &(id, w) in &v.entries {
            if let Some(slot) = self.weights.get_mut(id as usize) {
                *slot = w;
            }
        }
    }

    /// Zero the entries `v` set.
    pub(crate) fn clear(&mut self, v: &SparseVec) {
        for &(id, _) in &v.entries {
            if let Some(slot) = self.weights.get_mut(id as usize) {
                *slot = 0.0;
            }
        }
    }

    /// Cosine of the loaded vector `loaded` with `other`.
    pub(crate) fn cosine(&self, loaded: &SparseVec, other: &SparseVec) -> f32 {
        let dot: f32 = other
            .entries
            .iter()
            .map(|&(id, w)| self.weights.get(id as usize).copied().unwrap_or(0.0) * w)
            .sum();
        if loaded.unit && other.unit {
            return dot.clamp(0.0, 1.0);
        }
        let denom = loaded.norm() * other.norm();
        if denom > 0.0 {
            (dot / denom).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_sorted_and_summed() {
        let v = SparseVec::from_pairs(vec![(3, 1.0), (1, 2.0), (3, 0.5)]);
        assert_eq!(v.iter().collect::<Vec<_>>(), [(1, 2.0), (3, 1.5)]);
        assert_eq!(v.get(3), Some(1.5));
        assert_eq!(v.get(2), None);
    }

    #[test]
    fn cosine_of_orthogonal_and_equal_vectors() {
        let a = SparseVec::from_pairs(vec![(1, 1.0), (2, 1.0)]);
        let b = SparseVec::from_pairs(vec![(3, 1.0)]);
        assert_eq!(a.cosine(&b), 0.0);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-6);
        assert_eq!(a.cosine(&SparseVec::default()), 0.0);
        let (ua, ub) = (a.clone().normalized(), b.normalized());
        assert!(ua.unit && (ua.cosine(&ua) - 1.0).abs() < 1e-6);
        assert_eq!(ua.cosine(&ub), 0.0);
        assert!((ua.cosine(&a) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn scattered_cosine_equals_the_merged_one() {
        let a = SparseVec::from_pairs(vec![(1, 0.3), (7, 0.9), (40, 0.2)]).normalized();
        let b = SparseVec::from_pairs(vec![(0, 0.5), (7, 0.4), (40, 1.0), (90, 0.1)]);
        let mut scatter = Scatter::default();
        scatter.load(&a);
        assert_eq!(scatter.cosine(&a, &b), a.cosine(&b));
        let b = b.normalized();
        assert_eq!(scatter.cosine(&a, &b), a.cosine(&b));
        scatter.clear(&a);
        assert!(scatter.weights.iter().all(|&w| w == 0.0));
    }

    #[test]
    fn adding_merges_and_sums() {
        let mut a = SparseVec::from_pairs(vec![(1, 1.0), (4, 1.0), (9, 2.0)]);
        a.add(&SparseVec::from_pairs(vec![(0, 0.5), (4, 2.0), (12, 1.0)]));
        let want = [(0, 0.5), (1, 1.0), (4, 3.0), (9, 2.0), (12, 1.0)];
        assert_eq!(a.iter().collect::<Vec<_>>(), want);
        a.add(&SparseVec::default());
        assert_eq!(a.iter().count(), 5);
    }

    #[test]
    fn truncation_keeps_the_heaviest_entries() {
        let mut v = SparseVec::from_pairs(vec![(1, 0.1), (2, 0.9), (3, 0.5), (4, 0.5)]);
        v.truncate_by(2, |_, w| w);
        assert_eq!(v.ids().collect::<Vec<_>>(), [2, 3]);
        // Ties at the cut go to the smaller id, whatever the order of the rest.
        let mut v = SparseVec::from_pairs(vec![(9, 0.5), (5, 0.5), (7, 0.5), (1, 0.2), (3, 0.8)]);
        v.truncate_by(3, |_, w| w);
        assert_eq!(v.iter().collect::<Vec<_>>(), [(3, 0.8), (5, 0.5), (7, 0.5)]);
        v.truncate_by(0, |_, w| w);
        assert!(v.is_empty());
    }
}
