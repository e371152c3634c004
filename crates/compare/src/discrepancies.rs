//! Discrepancies: one fact stated differently by the outlets of a story.
//!
//! The sentences of a shared claim state one fact; where two articles give a
//! number for the same thing ([`quantities`]: "at least 12 dead" / "15
//! killed" both count deaths; two sums of money only when said of the same
//! thing, see [`same_thing`]), the numbers are compared:
//! - `conflict`: no reading makes them agree ("12 dead" / "15 dead");
//! - `bound`: one is a bound or a range the other fits ("at least 12" /
//!   "15"): compatible, but not the same statement;
//! - `rounding`: one is approximate or round and the other within 5% of it
//!   ("about 1,000" / "1,020"): shown as such, not as a conflict.
//!
//! The same number in other words ("12 dead" / "12 people were killed") is
//! no discrepancy, nor is a number only one outlet gives: what one outlet
//! leaves out is for the exclusive claims to show.

use parallax_model::{Discrepancy, DiscrepancyKind, Occurrence, Relation, SharedClaim};

use crate::quantities::{Bound, Quantity, quantities};

/// How close an approximate or round number must be to count as rounding.
const ROUNDING: f64 = 0.05;

/// Whether a value reads as rounded: a whole number of at least 100 with at
/// most two significant digits ("1,000", "250", "3,400,000").
fn is_round(v: f64) -> bool {
    if v < 100.0 || v.fract() != 0.0 || v > 1e15 {
        return false;
    }
    let digits = format!("{v:.0}");
    digits.trim_end_matches('0').len() <= 2
}

/// The values a quantity allows.
fn interval(q: &Quantity) -> (f64, f64) {
    match q.bound {
        Bound::Exact | Bound::About => (q.low, q.high),
        Bound::AtLeast => (q.low, f64::INFINITY),
        Bound::AtMost => (f64::NEG_INFINITY, q.high),
    }
}

/// How two quantities of the same thing relate; `None` when they say the
/// same ("12" / "12", "12" / "at least 12").
fn relate(a: &Quantity, b: &Quantity) -> Option<Relation> {
    if a.low == b.low && a.high == b.high {
        return None;
    }
    let single = |q: &Quantity| (q.low == q.high).then_some(q.low);
    if let (Some(x), Some(y)) = (single(a), single(b)) {
        // One figure given roughly, the other more precisely.
        let rough =
            a.bound == Bound::About || b.bound == Bound::About || is_round(x) != is_round(y);
        let close = (x - y).abs() <= ROUNDING * x.abs().max(y.abs());
        if close && rough {
            return Some(Relation::Rounding);
        }
    }
    let ((a0, a1), (b0, b1)) = (interval(a), interval(b));
    let one_is_loose =
        a.bound != Bound::Exact || b.bound != Bound::Exact || a.low != a.high || b.low != b.high;
    if one_is_loose && a0 <= b1 && b0 <= a1 {
        return Some(Relation::Bound);
    }
    Some(Relation::Conflict)
}

fn rank(r: Relation) -> u8 {
    match r {
        Relation::Conflict => 2,
        Relation::Bound => 1,
        Relation::Rounding => 0,
    }
}

/// Whether two figures can be about the same thing: the same unit, and for
/// anything but a death or injury toll (which in one claim is the claim's
/// own), a content word around them in common: one sentence often gives
/// several sums or shares ("a $43,000 Rolex" / "$750,000 in campaign
/// money"), and only those said of the same thing compare.
fn same_thing(a: &Quantity, b: &Quantity) -> bool {
    a.unit == b.unit
        && (matches!(a.unit.as_str(), "deaths" | "injuries")
            || a.context.iter().any(|w| b.context.contains(w)))
}

/// How many content words two figures share around them.
fn closeness(a: &Quantity, b: &Quantity) -> usize {
    a.context.iter().filter(|w| b.context.contains(w)).count()
}

/// One figure of a claim: the article's position among the claim's
/// articles, the occurrence it is read from, and the quantity.
struct Figure<'a> {
    article: usize,
    occurrence: &'a Occurrence,
    quantity: Quantity,
}

/// The discrepancies between the sentences of each shared claim (`claim`
/// is the index into `shared`), claim by claim.
///
/// Between every two articles of a claim, figures that say the same are
/// matched first; each figure left is then paired with the other article's
/// figure of the same thing it is closest to, when each is the other's
/// closest ([`same_thing`]). A pair that differs is a discrepancy; pairs
/// that share a figure are one discrepancy, its wordings in story order.
pub(crate) fn find(shared: &[SharedClaim]) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    for (claim, c) in shared.iter().enumerate() {
        let mut articles: Vec<&str> = Vec::new();
        let mut figures: Vec<Figure<'_>> = Vec::new();
        for o in &c.occurrences {
            let article = match articles.iter().position(|a| *a == o.article) {
                Some(k) => k,
                None => {
                    articles.push(&o.article);
                    articles.len() - 1
                }
            };
            // A sentence giving several figures of one unit (a game's
            // statistics, two sums) leaves open which of them is which.
            let found = quantities(&o.text);
            let single = |q: &Quantity| found.iter().filter(|p| p.unit == q.unit).count() == 1;
            let kept: Vec<Quantity> = found.iter().filter(|q| single(q)).cloned().collect();
            figures.extend(kept.into_iter().map(|quantity| Figure {
                article,
                occurrence: o,
                quantity,
            }));
        }
        let mut pairs: Vec<(usize, usize, Relation)> = Vec::new();
        for x in 0..articles.len() {
            for y in x + 1..articles.len() {
                pairs.extend(differing(&figures, x, y));
            }
        }
        out.extend(gather(claim, &figures, &pairs));
    }
    out
}

/// The pairs `(i, j, relation)` of figures of articles `x` and `y` that are
/// about the same thing and differ.
fn differing(figures: &[Figure<'_>], x: usize, y: usize) -> Vec<(usize, usize, Relation)> {
    let of = |article: usize| -> Vec<usize> {
        (0..figures.len())
            .filter(|&i| figures.get(i).is_some_and(|f| f.article == article))
            .collect()
    };
    let (mut left, mut right) = (of(x), of(y));
    let quantity = |i: usize| figures.get(i).map(|f| &f.quantity);
    // Figures the other article also gives are no discrepancy.
    left.retain(|&i| {
        let Some(a) = quantity(i) else { return false };
        match right
            .iter()
            .position(|&j| quantity(j).is_some_and(|b| a.unit == b.unit && relate(a, b).is_none()))
        {
            Some(k) => {
                right.remove(k);
                false
            }
            None => true,
        }
    });
    let closest = |i: usize, among: &[usize]| -> Option<usize> {
        let a = quantity(i)?;
        among
            .iter()
            .copied()
            .filter(|&j| quantity(j).is_some_and(|b| same_thing(a, b)))
            .max_by_key(|&j| {
                (
                    quantity(j).map_or(0, |b| closeness(a, b)),
                    std::cmp::Reverse(j),
                )
            })
    };
    let mut pairs = Vec::new();
    for &i in &left {
        let Some(j) = closest(i, &right) else {
            continue;
        };
        if closest(j, &left) != Some(i) {
            continue;
        }
        if let (Some(a), Some(b)) = (quantity(i), quantity(j))
            && let Some(relation) = relate(a, b)
        {
            pairs.push((i, j, relation));
        }
    }
    pairs
}

/// One discrepancy per group of figures that differing pairs join.
fn gather(
    claim: usize,
    figures: &[Figure<'_>],
    pairs: &[(usize, usize, Relation)],
) -> Vec<Discrepancy> {
    let mut sets = crate::union_find::UnionFind::new(figures.len());
    for &(i, j, _) in pairs {
        sets.union(i, j);
    }
    let mut groups: Vec<(usize, Vec<usize>, Relation)> = Vec::new();
    for &(i, j, relation) in pairs {
        let root = sets.find(i);
        match groups.iter_mut().find(|(r, _, _)| *r == root) {
            Some((_, members, worst)) => {
                members.extend([i, j]);
                if rank(relation) > rank(*worst) {
                    *worst = relation;
                }
            }
            None => groups.push((root, vec![i, j], relation)),
        }
    }
    groups
        .into_iter()
        .map(|(_, mut members, relation)| {
            members.sort_unstable();
            members.dedup();
            let wordings: Vec<Occurrence> = members
                .iter()
                .filter_map(|&i| {
                    let f = figures.get(i)?;
                    let span = f.quantity.span;
                    Some(Occurrence {
                        article: f.occurrence.article.clone(),
                        start: f.occurrence.start + span.start,
                        end: f.occurrence.start + span.end,
                        text: f.occurrence.text.get(span.start..span.end)?.to_string(),
                    })
                })
                .collect();
            let what = members
                .first()
                .and_then(|&i| figures.get(i))
                .map_or_else(String::new, |f| f.quantity.unit.clone());
            Discrepancy {
                kind: DiscrepancyKind::Number,
                relation,
                claim,
                what,
                wordings,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(sentences: &[(&str, &str)]) -> SharedClaim {
        SharedClaim {
            occurrences: sentences
                .iter()
                .map(|(article, text)| Occurrence {
                    article: article.to_string(),
                    start: 100,
                    end: 100 + text.len(),
                    text: text.to_string(),
                })
                .collect(),
            agreement: 0.5,
        }
    }

    fn found(sentences: &[(&str, &str)]) -> Vec<(Relation, String, Vec<String>)> {
        find(&[claim(sentences)])
            .into_iter()
            .map(|d| {
                let words = d.wordings.iter().map(|w| w.text.clone()).collect();
                (d.relation, d.what, words)
            })
            .collect()
    }

    #[test]
    fn a_different_death_toll_is_a_conflict_with_both_wordings() {
        let d = find(&[claim(&[
            ("a", "Twelve people died when the ferry sank off Holm."),
            ("b", "The ferry sank off Holm, killing 15 people."),
        ])]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].relation, Relation::Conflict);
        assert_eq!(d[0].what, "deaths");
        assert_eq!(d[0].claim, 0);
        let texts: Vec<&str> = d[0].wordings.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Twelve people", "15 people"]);
        // Offsets point into the article, past the sentence's own start.
        assert_eq!(
            d[0].wordings[1].start,
            100 + "The ferry sank off Holm, killing ".len()
        );
    }

    #[test]
    fn bounds_and_rounding_are_told_apart_from_conflicts() {
        assert_eq!(
            found(&[
                ("a", "At least 12 people were killed."),
                ("b", "15 people were killed.")
            ]),
            [(
                Relation::Bound,
                "deaths".to_string(),
                vec!["At least 12 people".to_string(), "15 people".to_string()]
            )]
        );
        let r = |a: &str, b: &str| found(&[("a", a), ("b", b)]).first().map(|d| d.0);
        assert_eq!(
            r("At least 12 people died.", "15 people died."),
            Some(Relation::Bound)
        );
        assert_eq!(
            r("About 1,000 homes flooded.", "1,020 homes flooded."),
            Some(Relation::Rounding)
        );
        assert_eq!(
            r("1,000 homes flooded.", "1,020 homes flooded."),
            Some(Relation::Rounding)
        );
        assert_eq!(
            r("Between 12 and 15 people died.", "14 people died."),
            Some(Relation::Bound)
        );
        assert_eq!(
            r("12 people died.", "20 people died."),
            Some(Relation::Conflict)
        );
        // Two round figures apart are two figures, not one rounded.
        assert_eq!(
            r("250 homes flooded.", "260 homes flooded."),
            Some(Relation::Conflict)
        );
        assert_eq!(
            r("At least 20 people died.", "12 people died."),
            Some(Relation::Conflict)
        );
    }

    #[test]
    fn the_same_number_in_other_words_or_a_number_one_outlet_omits_is_none() {
        let none = |a: &str, b: &str| found(&[("a", a), ("b", b)]).is_empty();
        assert!(none(
            "Twelve people were killed.",
            "The crash left 12 dead."
        ));
        assert!(none(
            "12 people died in the crash.",
            "People died in the crash."
        ));
        // Different things counted are not compared.
        assert!(none("12 people died.", "15 people were injured."));
        // Two sentences of one article are one outlet's wording.
        assert!(found(&[("a", "12 people died."), ("a", "15 people died.")]).is_empty());
    }
}
