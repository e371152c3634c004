//! Scoring pairs of sentences: weighted Dice of their features, found
//! through an inverted index so that each sentence is scored against few.

use super::{
    CANDIDATE_CAP, MIN_SHARED_TERMS, ONE_STRANGER, PAIR_FLOOR, PAIRS_KEPT, POSTING_CAP,
    PROBE_FEATURES, Pair, Sentence, TWO_STRANGERS,
};
use crate::terms::Kind;

/// Weighted Dice of two sorted feature lists (given their total weights),
/// and how many words and numbers (features that are not names) they share.
fn dice(a: &[u32], b: &[u32], w: &[f32], kinds: &[Kind], total: f32) -> (f32, usize) {
    let weight = |f: &u32| w.get(*f as usize).copied().unwrap_or(0.0);
    let is_term = |f: &u32| kinds.get(*f as usize).is_some_and(|k| *k != Kind::Entity);
    let (mut i, mut j, mut shared, mut count) = (0, 0, 0.0f32, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += weight(x);
                count += usize::from(is_term(x));
                i += 1;
                j += 1;
            }
        }
    }
    if total <= 0.0 {
        return (0.0, count);
    }
    (2.0 * shared / total, count)
}

/// What scoring needs of a sentence or a unit: its features, its article
/// (story position) and the people it names.
#[derive(Clone, Copy)]
pub(super) struct Probe<'a> {
    pub features: &'a [u32],
    pub member: usize,
    pub people: &'a [usize],
}

impl Sentence {
    pub(super) fn probe(&self) -> Probe<'_> {
        Probe {
            features: &self.features,
            member: self.member,
            people: &self.people,
        }
    }
}

/// The share of a pair's score kept, by how many of the two sentences name a
/// person that the other sentence's article never names.
fn stranger_discount(a: Probe<'_>, b: Probe<'_>, named: &[Vec<usize>]) -> f32 {
    let stranger = |s: Probe<'_>, other: Probe<'_>| {
        let known = named.get(other.member).map_or(&[][..], Vec::as_slice);
        s.people.iter().any(|p| known.binary_search(p).is_err())
    };
    match (stranger(a, b), stranger(b, a)) {
        (false, false) => 1.0,
        (true, true) => TWO_STRANGERS,
        _ => ONE_STRANGER,
    }
}

/// What a pair's score depends on besides the two sentences: the features'
/// weights and kinds, and the people each article names.
pub(super) struct Scoring<'a> {
    pub w: &'a [f32],
    pub kinds: &'a [Kind],
    pub named: &'a [Vec<usize>],
}

impl Scoring<'_> {
    pub(super) fn weight(&self, f: u32) -> f32 {
        self.w.get(f as usize).copied().unwrap_or(0.0)
    }

    pub(super) fn total(&self, features: &[u32]) -> f32 {
        features.iter().map(|&f| self.weight(f)).sum()
    }
}

/// Space [`partners`] reuses from one sentence to the next.
#[derive(Default)]
pub(super) struct Scratch {
    /// Per indexed entry: the weight of the probed features it shares.
    pub found: Vec<f32>,
    pub touched: Vec<usize>,
    pub probe: Vec<u32>,
}

/// The best partners `(score, j)` of `s` among the entries already in
/// `postings` (feature to entries), best first, at most [`PAIRS_KEPT`];
/// `other(j)` and `total(j)` give an entry's features and their weight.
///
/// `s` looks up only its [`PROBE_FEATURES`] heaviest features (a true match
/// shares several), accumulates their weight per entry, and is scored
/// exactly only against the [`CANDIDATE_CAP`] best entries whose upper bound
/// (found weight plus the weight of its unprobed features) can reach
/// [`PAIR_FLOOR`].
pub(super) fn partners<'a>(
    s: Probe<'_>,
    postings: &[Vec<usize>],
    other: impl Fn(usize) -> Option<Probe<'a>>,
    total: impl Fn(usize) -> f32,
    scoring: &Scoring<'_>,
    scratch: &mut Scratch,
) -> Vec<(f32, usize)> {
    let Scratch {
        found,
        touched,
        probe,
    } = scratch;
    probe.clear();
    probe.extend_from_slice(s.features);
    probe.sort_by(|a, b| scoring.weight(*b).total_cmp(&scoring.weight(*a)));
    probe.truncate(PROBE_FEATURES);
    let total_s = scoring.total(s.features);
    let unprobed = total_s - probe.iter().map(|&f| scoring.weight(f)).sum::<f32>();
    for &f in probe.iter() {
        let Some(list) = postings.get(f as usize) else {
            continue;
        };
        for &j in list {
            if found.len() <= j {
                found.resize(j + 1, 0.0);
            }
            if let Some(slot) = found.get_mut(j) {
                if *slot == 0.0 {
                    touched.push(j);
                }
                *slot += scoring.weight(f);
            }
        }
    }
    let mut candidates: Vec<(usize, f32)> = touched
        .drain(..)
        .filter_map(|j| {
            let partial = found.get_mut(j).map(std::mem::take)?;
            let sum = total_s + total(j);
            let bound = 2.0 * (partial + unprobed.max(0.0)) / sum.max(f32::MIN_POSITIVE);
            (bound >= PAIR_FLOOR).then_some((j, partial))
        })
        .collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut kept = Vec::new();
    for (j, _) in candidates.into_iter().take(CANDIDATE_CAP) {
        let Some(o) = other(j) else {
            continue;
        };
        let sum = total_s + total(j);
        let (score, shared) = dice(s.features, o.features, scoring.w, scoring.kinds, sum);
        let score = score * stranger_discount(s, o, scoring.named);
        if score >= PAIR_FLOOR && shared >= MIN_SHARED_TERMS {
            kept.push((score, j));
        }
    }
    if kept.len() > PAIRS_KEPT {
        kept.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        kept.truncate(PAIRS_KEPT);
    }
    kept
}

/// Add entry `j` with `features` to the postings (each list capped at
/// [`POSTING_CAP`]: a feature in thousands of sentences is only compared
/// with its first entries, later ones still link through them).
pub(super) fn index(postings: &mut Vec<Vec<usize>>, features: &[u32], j: usize) {
    for &f in features {
        let f = f as usize;
        if postings.len() <= f {
            postings.resize(f + 1, Vec::new());
        }
        if let Some(list) = postings.get_mut(f)
            && list.len() < POSTING_CAP
        {
            list.push(j);
        }
    }
}

/// Scored pairs `(score, i, j)` of `units` (a sentence standing for each
/// unit, with its article's names), best first, each unit scored against
/// the earlier ones through the index ([`partners`]); and the index.
/// Sentences of one article are scored too: the average linkage needs them.
pub(super) fn scored_pairs(
    units: &[Probe<'_>],
    scoring: &Scoring<'_>,
) -> (Vec<Pair>, Vec<Vec<usize>>) {
    let totals: Vec<f32> = units.iter().map(|u| scoring.total(u.features)).collect();
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); scoring.w.len()];
    let mut scratch = Scratch {
        found: vec![0.0; units.len()],
        ..Scratch::default()
    };
    let mut pairs = Vec::new();
    for (i, s) in units.iter().enumerate() {
        let found = partners(
            *s,
            &postings,
            |j| units.get(j).copied(),
            |j| totals.get(j).copied().unwrap_or(0.0),
            scoring,
            &mut scratch,
        );
        pairs.extend(found.into_iter().map(|(score, j)| (score, j, i)));
        index(&mut postings, s.features, i);
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    (pairs, postings)
}
