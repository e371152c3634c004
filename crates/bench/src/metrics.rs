//! Clustering metrics against gold labels: BCubed, pairwise ("standard" F1 of
//! Miranda et al. 2018) and normalised mutual information.
//!
//! All take two label vectors of equal length: `gold[i]` and `pred[i]` are the
//! gold and predicted cluster of item `i`.

use std::collections::HashMap;
use std::hash::Hash;

/// Which part of a benchmark set is scored: settings are tuned on one half
/// and reported on the other, so that no rule is fitted to what it is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// The whole set.
    All,
    /// The half where settings are tuned (ECB+ topics 1-21, Wikigold's first documents).
    Tune,
    /// The other half, never used for tuning.
    Check,
}

impl Part {
    /// Whether an item is scored, given whether it is in the tuning half.
    pub fn keeps(self, in_tune_half: bool) -> bool {
        match self {
            Part::All => true,
            Part::Tune => in_tune_half,
            Part::Check => !in_tune_half,
        }
    }
}

/// Fail when a floor is given and `value` is under it.
pub fn check_floor(name: &str, value: f64, floor: Option<f64>) -> anyhow::Result<()> {
    match floor {
        Some(floor) if value < floor => {
            anyhow::bail!("floor broken: {name} {value:.3} is below the floor {floor}")
        }
        Some(floor) => {
            eprintln!("floor held: {name} {value:.3} >= {floor}");
            Ok(())
        }
        None => Ok(()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// Joint counts: `(gold, pred) -> n`, and the marginals.
struct Contingency {
    joint: HashMap<(usize, usize), u64>,
    gold: HashMap<usize, u64>,
    pred: HashMap<usize, u64>,
    n: u64,
}

fn dense<T: Eq + Hash + Clone>(labels: &[T]) -> Vec<usize> {
    let mut ids: HashMap<T, usize> = HashMap::new();
    labels
        .iter()
        .map(|l| {
            let next = ids.len();
            *ids.entry(l.clone()).or_insert(next)
        })
        .collect()
}

fn contingency<G: Eq + Hash + Clone, P: Eq + Hash + Clone>(gold: &[G], pred: &[P]) -> Contingency {
    let (g, p) = (dense(gold), dense(pred));
    let mut c = Contingency {
        joint: HashMap::new(),
        gold: HashMap::new(),
        pred: HashMap::new(),
        n: g.len().min(p.len()) as u64,
    };
    for (&a, &b) in g.iter().zip(&p) {
        *c.joint.entry((a, b)).or_default() += 1;
        *c.gold.entry(a).or_default() += 1;
        *c.pred.entry(b).or_default() += 1;
    }
    c
}

/// BCubed precision and recall (Bagga & Baldwin 1998), averaged over items.
pub fn bcubed<G: Eq + Hash + Clone, P: Eq + Hash + Clone>(gold: &[G], pred: &[P]) -> Prf {
    let c = contingency(gold, pred);
    if c.n == 0 {
        return Prf::new(0.0, 0.0);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (&(g, q), &nij) in &c.joint {
        let nij = nij as f64;
        // Each of the nij items in this cell has nij correct neighbours.
        p += nij * nij / c.pred[&q] as f64;
        r += nij * nij / c.gold[&g] as f64;
    }
    Prf::new(p / c.n as f64, r / c.n as f64)
}

fn pairs(k: u64) -> f64 {
    (k * k.saturating_sub(1) / 2) as f64
}

/// Pairwise precision and recall over same-cluster item pairs.
pub fn pairwise<G: Eq + Hash + Clone, P: Eq + Hash + Clone>(gold: &[G], pred: &[P]) -> Prf {
    let c = contingency(gold, pred);
    let tp: f64 = c.joint.values().map(|&k| pairs(k)).sum();
    let pred_pairs: f64 = c.pred.values().map(|&k| pairs(k)).sum();
    let gold_pairs: f64 = c.gold.values().map(|&k| pairs(k)).sum();
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 1.0 };
    Prf::new(ratio(tp, pred_pairs), ratio(tp, gold_pairs))
}

/// Normalised mutual information, arithmetic-mean normalisation (as scikit-learn's default).
pub fn nmi<G: Eq + Hash + Clone, P: Eq + Hash + Clone>(gold: &[G], pred: &[P]) -> f64 {
    let c = contingency(gold, pred);
    if c.n == 0 {
        return 0.0;
    }
    let n = c.n as f64;
    let entropy = |m: &HashMap<usize, u64>| -> f64 {
        m.values()
            .map(|&k| {
                let p = k as f64 / n;
                -p * p.ln()
            })
            .sum()
    };
    let mi: f64 = c
        .joint
        .iter()
        .map(|(&(g, q), &k)| {
            let pij = k as f64 / n;
            pij * (pij / (c.gold[&g] as f64 / n * c.pred[&q] as f64 / n)).ln()
        })
        .sum();
    let (hg, hp) = (entropy(&c.gold), entropy(&c.pred));
    if hg + hp == 0.0 {
        1.0
    } else {
        (2.0 * mi / (hg + hp)).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_clustering_scores_one() {
        let gold = ["a", "a", "b", "c"];
        let pred = [7, 7, 1, 2];
        assert_eq!(bcubed(&gold, &pred).f1, 1.0);
        assert_eq!(pairwise(&gold, &pred).f1, 1.0);
        assert!((nmi(&gold, &pred) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn one_big_cluster_has_full_recall_low_precision() {
        let gold = ["a", "a", "b", "b"];
        let pred = [0, 0, 0, 0];
        let b = bcubed(&gold, &pred);
        assert_eq!(b.recall, 1.0);
        assert_eq!(b.precision, 0.5);
        let p = pairwise(&gold, &pred);
        assert!((p.precision - 2.0 / 6.0).abs() < 1e-12);
        assert_eq!(nmi(&gold, &pred), 0.0);
    }
}
