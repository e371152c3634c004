//! Numbers: figures a shared claim's outlets give differently.
//!
//! The sentences of a shared claim state one fact; where two articles give a
//! number for the same thing ([`quantities`]: "at least 12 dead" / "15
//! killed" both count deaths), the numbers are compared. "The same thing"
//! is read strictly ([`same_thing`]): the same unit, said of the same one
//! (not of two named players, nor of a "he"), with words around the figures
//! in common, in sentences that say much the same. A missed discrepancy
//! costs little; a false one shown to a reader costs trust. The relations:
//! - `conflict`: no reading makes them agree ("12 dead" / "15 dead");
//! - `bound`: one is a bound or a range the other fits ("at least 12" /
//!   "15"): compatible, but not the same statement;
//! - `rounding`: one is approximate or round and the other within 5% of it
//!   ("about 1,000" / "1,020"): shown as such, not as a conflict.
//!
//! The same number in other words ("12 dead" / "12 people were killed") is
//! no discrepancy, nor is a number only one outlet gives: what one outlet
//! leaves out is for the exclusive claims to show.

use std::collections::{HashMap, HashSet};

use parallax_model::{
    Discrepancy, DiscrepancyKind, EntityKind, Occurrence, Relation, SharedClaim, StoryEntity,
};

use super::alike;
use crate::quantities::{Bound, Quantity, Subject, numbers, quantities, values};

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

/// A sentence giving more numbers than this (in digits, or quantities in
/// words) is a table in prose (a game's statistics): its figures are not
/// compared.
const DENSE: usize = 3;

/// Words that make a figure after them a need, a hope or a forecast, not a
/// fact ("needed just nine points", "could reach 1,000"): what another
/// outlet reports happened is no discrepancy with it.
const UNREAL: &[&str] = &[
    "need",
    "needs",
    "needed",
    "would",
    "could",
    "might",
    "may",
    "expected",
    "expects",
    "hope",
    "hopes",
    "hoped",
    "aim",
    "aims",
    "target",
    "targets",
    "forecast",
    "projected",
    "predicted",
    "want",
    "wants",
    "wanted",
    "plan",
    "plans",
    "planned",
];

/// How many words before a figure [`UNREAL`] reaches.
const UNREAL_REACH: usize = 3;

/// Units of time: a span that grows while a story goes on ("after four days
/// of riots" / "after eight days"), so outlets writing on different days
/// give different figures for the same fact.
const DURATIONS: &[&str] = &[
    "second", "minute", "hour", "day", "night", "week", "month", "year", "decade",
];

/// How many content words around them two figures must share (a death or
/// injury toll, the claim's own in most claims, needs fewer).
const SHARED_CONTEXT: usize = 2;
const SHARED_CONTEXT_TOLL: usize = 1;

/// The words of the story's names, folded: what tells a name in a
/// figure's subject from a capitalised common word ("Firefighters fought"),
/// the words of people's names apart.
struct Names {
    all: HashSet<String>,
    people: HashSet<String>,
}

impl Names {
    fn of(entities: &[StoryEntity]) -> Names {
        let words = |e: &StoryEntity| -> Vec<String> {
            let spelt = e.spellings.iter().flat_map(|s| s.forms.iter());
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .chain(spelt)
                .flat_map(|f| f.split_whitespace())
                .map(parallax_text::fold)
                .filter(|w| !parallax_text::is_stopword(w))
                .collect()
        };
        let all = entities.iter().flat_map(words).collect();
        let people = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .flat_map(words)
            .collect();
        Names { all, people }
    }

    /// The words of `among` in a figure's subject.
    fn in_subject<'s>(s: &'s Subject, among: &HashSet<String>) -> Vec<&'s String> {
        s.capitalised
            .iter()
            .filter(|w| among.contains(*w))
            .collect()
    }
}

/// Whether two sets of subject words, each possibly empty, share one.
fn meet(x: &[&String], y: &[&String]) -> bool {
    x.iter().any(|w| y.contains(w))
}

/// Whether two figures may be said of the same one. A figure said of a
/// person ("Brann scored 20 points") compares only with one said of that
/// person too: not of another ("Ostby scored nine points"), nor of someone
/// unnamed. A figure said of "he" or "they", whom the article named
/// elsewhere, compares only when both name the same person. Places and
/// organisations are often the setting rather than the subject ("Athens was
/// calm after eight days of riots"), so they only part figures that name
/// different ones.
fn same_subject(a: &Subject, b: &Subject, names: &Names) -> bool {
    let people = |s| Names::in_subject(s, &names.people);
    let (x, y) = (people(a), people(b));
    if !x.is_empty() || !y.is_empty() || a.pronoun || b.pronoun {
        return meet(&x, &y);
    }
    let named = |s| Names::in_subject(s, &names.all);
    let (x, y) = (named(a), named(b));
    x.is_empty() || y.is_empty() || meet(&x, &y)
}

/// Whether two figures can be about the same thing: the same unit, said of
/// the same one ([`same_subject`]), worded alike ([`alike::worded_alike`]),
/// with content words around them in common: one sentence
/// often gives several sums or shares ("a $43,000 Rolex" / "$750,000 in
/// campaign money"), and only those said of the same thing compare.
fn same_thing(a: &Figure<'_>, b: &Figure<'_>, names: &Names) -> bool {
    let (p, q) = (&a.quantity, &b.quantity);
    let needed = if matches!(p.unit.as_str(), "deaths" | "injuries") {
        SHARED_CONTEXT_TOLL
    } else {
        SHARED_CONTEXT
    };
    p.unit == q.unit
        && same_subject(&p.subject, &q.subject, names)
        && closeness(p, q) >= needed
        && alike::worded_alike((&a.words, &a.window), (&b.words, &b.window))
        && same_scope(&a.scope, &b.scope)
        && !echoed(a, b)
        && !echoed(b, a)
}

/// Whether the other sentence gives `a`'s number too, for something else or
/// in another form ("Cheanne McKnight, 11," / "an 11-year-old girl"): then
/// `a` agrees with it, and a figure of `a`'s unit in the other sentence is
/// about something else ("a 31-year-old mother").
fn echoed(a: &Figure<'_>, b: &Figure<'_>) -> bool {
    let q = &a.quantity;
    q.low == q.high && b.values.contains(&q.low)
}

/// How many content words two figures share around them, the word right
/// after their unit counting twice when it is the same: two figures whose
/// phrases read alike ("40 volunteer firefighters") count alike things.
fn closeness(a: &Quantity, b: &Quantity) -> usize {
    let mut shared: Vec<&String> = a.context.iter().filter(|w| b.context.contains(w)).collect();
    shared.sort_unstable();
    shared.dedup();
    let phrase = a.next.is_some() && a.next == b.next;
    shared.len() + usize::from(phrase)
}

/// One figure of a claim: the article's position among the claim's
/// articles, the occurrence it is read from, the quantity, and the content
/// words of its sentence.
struct Figure<'a> {
    article: usize,
    occurrence: &'a Occurrence,
    quantity: Quantity,
    /// Every number its sentence gives ([`values`]).
    values: Vec<f64>,
    words: Vec<String>,
    /// The words on each side of it ([`alike::window`]).
    window: Vec<String>,
    /// Where or among whom it holds, as the sentence says right after it
    /// ([`scope`]).
    scope: Vec<String>,
}

/// The discrepancies between the sentences of each shared claim (`claim`
/// is the index into `shared`), claim by claim.
///
/// Between every two articles of a claim, figures that say the same are
/// matched first; each figure left is then paired with the other article's
/// figure of the same thing it is closest to, when each is the other's
/// closest ([`same_thing`]). A pair that differs is a discrepancy; pairs
/// that share a figure are one discrepancy, its wordings in story order.
/// A claim many outlets report is read on a bounded sample of its figures
/// ([`super::sample`]).
pub(crate) fn find(
    shared: &[SharedClaim],
    entities: &[StoryEntity],
    outlets: &HashMap<String, String>,
) -> Vec<Discrepancy> {
    let names = Names::of(entities);
    let mut out = Vec::new();
    for (claim, c) in shared.iter().enumerate() {
        let mut articles: HashMap<&str, usize> = HashMap::new();
        let mut figures: Vec<Figure<'_>> = Vec::new();
        for o in &c.occurrences {
            let next = articles.len();
            let article = *articles.entry(o.article.as_str()).or_insert(next);
            figures.extend(figures_of(o, article));
        }
        let figures = super::sample(figures, |f| {
            let q = &f.quantity;
            (q.unit.clone(), q.low.to_bits(), q.high.to_bits(), q.bound)
        });
        // Each article's figures, in story order.
        let mut by_article: Vec<(usize, Vec<usize>)> = Vec::new();
        for (i, f) in figures.iter().enumerate() {
            match by_article.iter_mut().find(|(a, _)| *a == f.article) {
                Some((_, mine)) => mine.push(i),
                None => by_article.push((f.article, vec![i])),
            }
        }
        // One outlet's articles are one voice: its update ("12 dead", later
        // "15 dead") is no discrepancy between outlets.
        let outlet = |figure: usize| {
            figures
                .get(figure)
                .and_then(|f| outlets.get(&f.occurrence.article))
        };
        let mut pairs: Vec<(usize, usize, Relation)> = Vec::new();
        for (x, (_, left)) in by_article.iter().enumerate() {
            for (_, right) in by_article.iter().skip(x + 1) {
                if outlet(left[0]) == outlet(right[0]) {
                    continue;
                }
                pairs.extend(differing(&figures, left.clone(), right.clone(), &names));
            }
        }
        out.extend(gather(claim, &figures, &pairs));
    }
    out
}

/// The figures of one sentence (`article` is its article's position among
/// the claim's) that can be compared: none from a sentence dense with
/// numbers ([`DENSE`]), none of a unit the sentence gives twice (two sums,
/// two players' points), which leaves open which of them is which, no
/// duration ([`DURATIONS`]), none that is a need or a forecast ([`UNREAL`]),
/// and none in digits opening the sentence: news
/// style spells a number out there, so digits there are mostly the tail of
/// a decimal the sentence splitter cut ("a 6." / "1-magnitude quake").
fn figures_of(o: &Occurrence, article: usize) -> Vec<Figure<'_>> {
    if numbers(&o.text) > DENSE {
        return Vec::new();
    }
    let found = quantities(&o.text);
    // Numbers in words count too ("one car, two boats, three vans").
    if found.len() > DENSE {
        return Vec::new();
    }
    let single = |q: &Quantity| found.iter().filter(|p| p.unit == q.unit).count() == 1;
    let given = values(&o.text);
    let words = alike::sentence_words(&o.text);
    let opens =
        |q: &Quantity| q.span.start == 0 && o.text.starts_with(|c: char| c.is_ascii_digit());
    let unreal = |q: &Quantity| {
        let before = o.text.get(..q.span.start).unwrap_or("");
        let words: Vec<String> = parallax_text::words(before)
            .map(|w| parallax_text::fold(w.text))
            .collect();
        words
            .iter()
            .rev()
            .take(UNREAL_REACH)
            .any(|w| UNREAL.contains(&w.as_str()))
    };
    found
        .iter()
        .filter(|q| single(q) && !opens(q) && !unreal(q) && !DURATIONS.contains(&q.unit.as_str()))
        .map(|q| Figure {
            article,
            occurrence: o,
            quantity: q.clone(),
            values: given.clone(),
            words: words.clone(),
            window: alike::window(&o.text, q.span),
            scope: scope(&o.text, q.span),
        })
        .collect()
}

/// Prepositions that put a figure in a place or a group ("170,000 in the
/// province" / "230,000 across Asia").
const SCOPES: &[&str] = &[
    "in",
    "across",
    "around",
    "throughout",
    "at",
    "among",
    "inside",
    "outside",
];

/// How many words after a figure its scope may start ("10 houses were
/// damaged in Takengon"), and how many words it has at most.
const SCOPE_REACH: usize = 4;
const SCOPE_WORDS: usize = 3;

/// The content words of the first place phrase ([`SCOPES`]) within
/// [`SCOPE_REACH`] words after `span`, before any punctuation: empty when
/// the sentence gives none.
fn scope(text: &str, span: parallax_model::Span) -> Vec<String> {
    let after = text.get(span.end..).unwrap_or("");
    let clause = after.split([',', ';', '.', '(', ':']).next().unwrap_or("");
    let words: Vec<String> = parallax_text::words(clause)
        .map(|w| parallax_text::fold(w.text))
        .collect();
    let Some(k) = words
        .iter()
        .take(SCOPE_REACH + 1)
        .position(|w| SCOPES.contains(&w.as_str()))
    else {
        return Vec::new();
    };
    words
        .iter()
        .skip(k + 1)
        .filter(|w| !parallax_text::is_stopword(w))
        .take(SCOPE_WORDS)
        .cloned()
        .collect()
}

/// Whether two figures hold in the same place or group: both scopes share
/// a word, or one of them is not said.
fn same_scope(a: &[String], b: &[String]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|w| b.contains(w))
}

/// The pairs `(i, j, relation)` of figures of two articles (`left`,
/// `right`: their figures) that are about the same thing and differ.
fn differing(
    figures: &[Figure<'_>],
    mut left: Vec<usize>,
    mut right: Vec<usize>,
    names: &Names,
) -> Vec<(usize, usize, Relation)> {
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
        let f = figures.get(i)?;
        among
            .iter()
            .copied()
            .filter(|&j| figures.get(j).is_some_and(|g| same_thing(f, g, names)))
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
            // One wording per article, its first.
            let mut seen = HashSet::new();
            let wordings: Vec<Occurrence> = members
                .iter()
                .filter(|&&i| figures.get(i).is_some_and(|f| seen.insert(f.article)))
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
                claim: Some(claim),
                quotes: Vec::new(),
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

    /// Articles `a` and `b` of two outlets.
    fn outlets() -> HashMap<String, String> {
        [("a", "Tarn Gazette"), ("b", "Holm Courier")]
            .into_iter()
            .map(|(a, o)| (a.to_string(), o.to_string()))
            .collect()
    }

    /// A person of the story, known by `name` only.
    fn person(name: &str) -> StoryEntity {
        StoryEntity {
            name: name.to_string(),
            kind: EntityKind::Person,
            key: name.to_lowercase(),
            aliases: Vec::new(),
            spellings: Vec::new(),
        }
    }

    /// Relation, unit and wordings of what two articles' sentences `a` and
    /// `b` differ in, in a story naming `people`.
    fn between(a: &str, b: &str, people: &[&str]) -> Vec<(Relation, String, Vec<String>)> {
        let entities: Vec<StoryEntity> = people.iter().map(|p| person(p)).collect();
        find(&[claim(&[("a", a), ("b", b)])], &entities, &outlets())
            .into_iter()
            .map(|d| {
                let words = d.wordings.iter().map(|w| w.text.clone()).collect();
                (d.relation, d.what, words)
            })
            .collect()
    }

    fn relation(a: &str, b: &str) -> Option<Relation> {
        between(a, b, &[]).first().map(|d| d.0)
    }

    #[test]
    fn a_different_death_toll_is_a_conflict_with_both_wordings() {
        let d = find(
            &[claim(&[
                ("a", "Twelve people died when the ferry sank off Holm."),
                ("b", "The ferry sank off Holm, killing 15 people."),
            ])],
            &[],
            &outlets(),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].relation, Relation::Conflict);
        assert_eq!(d[0].what, "deaths");
        assert_eq!(d[0].claim, Some(0));
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
            between(
                "At least 12 people were killed in the blast at the Orvik depot.",
                "The blast at the Orvik depot killed 15 people.",
                &[]
            ),
            [(
                Relation::Bound,
                "deaths".to_string(),
                vec!["At least 12 people".to_string(), "15 people".to_string()]
            )]
        );
        let flood = |n: &str| format!("The Lenne burst its banks and flooded {n} homes.");
        assert_eq!(
            relation(&flood("About 1,000"), &flood("1,020")),
            Some(Relation::Rounding)
        );
        assert_eq!(
            relation(&flood("1,000"), &flood("1,020")),
            Some(Relation::Rounding)
        );
        assert_eq!(
            relation(&flood("Between 120 and 150"), &flood("140")),
            Some(Relation::Bound)
        );
        assert_eq!(
            relation(&flood("120"), &flood("200")),
            Some(Relation::Conflict)
        );
        // Two round figures apart are two figures, not one rounded.
        assert_eq!(
            relation(&flood("250"), &flood("260")),
            Some(Relation::Conflict)
        );
        assert_eq!(
            relation(&flood("At least 200"), &flood("120")),
            Some(Relation::Conflict)
        );
    }

    #[test]
    fn the_same_number_in_other_words_or_a_number_one_outlet_omits_is_none() {
        let none = |a: &str, b: &str| between(a, b, &[]).is_empty();
        assert!(none(
            "A dozen people were killed when the ferry sank off Holm.",
            "The ferry sank off Holm, killing 12 people."
        ));
        assert!(none(
            "12 people died when the ferry sank off Holm.",
            "People died when the ferry sank off Holm."
        ));
        // Different things counted are not compared.
        assert!(none(
            "12 people died when the ferry sank off Holm.",
            "15 people were injured when the ferry sank off Holm."
        ));
        // Two sentences of one article are one outlet's wording.
        let one = [
            ("a", "12 people died when the ferry sank off Holm."),
            ("a", "15 people died when the ferry sank off Holm."),
        ];
        assert!(find(&[claim(&one)], &[], &outlets()).is_empty());
        // Nor are two articles of one outlet (its update, "later 15 dead").
        let mut one_outlet = outlets();
        one_outlet.insert("b".to_string(), "Tarn Gazette".to_string());
        let update = [
            (
                "a",
                "Police said 12 people died when the ferry sank off Holm.",
            ),
            (
                "b",
                "Police said 15 people died when the ferry sank off Holm.",
            ),
        ];
        assert!(find(&[claim(&update)], &[], &one_outlet).is_empty());
        assert_eq!(find(&[claim(&update)], &[], &outlets()).len(), 1);
    }

    #[test]
    fn look_alikes_of_a_different_figure_are_none() {
        let none = |a: &str, b: &str| between(a, b, &[]).is_empty();
        // A span of time grows while the story goes on.
        assert!(none(
            "Vellmar was calm on Sunday after four days of the worst riots in years.",
            "Vellmar was calm after eight days of the worst riots in years."
        ));
        // A need or a forecast is no fact.
        assert!(none(
            "The Foxes needed just nine points in the last game to win the cup.",
            "The Foxes scored 20 points in the last game to win the cup."
        ));
        // Different places or groups.
        assert!(none(
            "The flood of 2019 destroyed 1,700 homes in the province and more elsewhere.",
            "The flood of 2019 destroyed 2,300 homes across the Lenne valley."
        ));
        // The other sentence gives the number for someone else.
        assert!(none(
            "Tove Lunde, 11, was grazed, while a 31-year-old mother was shot in the arm.",
            "An 11-year-old girl, Tove Lunde, was grazed in the cheek."
        ));
        // Digits opening a sentence are the tail of a cut decimal ("a 6." /
        // "1-magnitude quake").
        assert!(none(
            "1-magnitude quake struck off Holm, the agency said.",
            "A 4-magnitude quake struck off Holm, the agency said."
        ));
        // Two figures of one unit worded apart in loosely aligned sentences.
        assert!(none(
            "The Owls opened the scoring with a 28-yard pass from Brann to Ostby in the first quarter.",
            "Ostby, who caught five passes for 127 yards last week, made a difference in the first quarter."
        ));
    }

    #[test]
    fn a_bound_reads_within_and_a_hyphened_multiplier() {
        assert_eq!(
            between(
                "One rocket landed within 20 miles of Tarnby, police said.",
                "One rocket landed 17 miles from Tarnby, police said.",
                &[]
            ),
            [(
                Relation::Bound,
                "mile".to_string(),
                vec!["within 20 miles".to_string(), "17 miles".to_string()]
            )]
        );
        assert_eq!(
            relation(
                "Orvik Mills bought the Tarn yard for $5.4-billion on Monday.",
                "Orvik Mills bought the Tarn yard for $4.6 billion on Monday."
            ),
            Some(Relation::Conflict)
        );
    }

    #[test]
    fn figures_said_of_different_people_are_not_compared() {
        let game =
            |who: &str, n: &str| format!("{who} scored {n} points as the Foxes beat the Owls.");
        let people = ["Ida Brann", "Ola Ostby"];
        assert!(between(&game("Brann", "20"), &game("Ostby", "nine"), &people).is_empty());
        // "He" is someone the article named elsewhere.
        assert!(between(&game("He", "20"), &game("Brann", "nine"), &people).is_empty());
        // Nor is a figure said of a named player compared with one said of
        // nobody named.
        assert!(between(&game("Brann", "20"), &game("The guard", "nine"), &people).is_empty());
        // Said of the same player, the figures compare.
        assert_eq!(
            between(&game("Brann", "20"), &game("Ida Brann", "22"), &people)
                .first()
                .map(|d| d.0),
            Some(Relation::Conflict)
        );
        // A sentence dense with numbers is a box score in prose.
        assert!(
            between(
                "Brann had 20 points, 11 rebounds and 7 assists, and Ostby 9 points as the Foxes beat the Owls.",
                &game("Brann", "22"),
                &people
            )
            .is_empty()
        );
        // A part of a whole is a statistic, not a count.
        assert!(
            between(
                "The Foxes won 18 of their last 23 games this season under coach Lund.",
                "The Foxes won 40 games this season under coach Lund.",
                &[]
            )
            .is_empty()
        );
    }

    #[test]
    fn conversions_and_different_referents_of_one_unit_are_not_compared() {
        let none = |a: &str, b: &str| between(a, b, &[]).is_empty();
        // The dollars in parentheses convert the crowns; only the other
        // outlet gives dollars.
        assert!(none(
            "The bridge over the Sor fjord cost 40 million crowns ($4 million) to build.",
            "The bridge over the Sor fjord cost $5 million to build."
        ));
        // Two sums, each of its own fund.
        assert!(none(
            "Officials will move $200 million from the harbour fund to the school plan.",
            "The mayor will also tap $2.5 billion in road money, aides said on Monday."
        ));
        // A date, not a count.
        assert!(none(
            "The riots in Tarn began eight days ago after the arrest of a student.",
            "The riots in Tarn began five days ago after the arrest of a student."
        ));
    }
}
