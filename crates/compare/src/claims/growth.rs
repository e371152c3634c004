//! A story's claims kept open for more articles.
//!
//! [`Growth::new`] aligns the articles so far; [`Growth::add`] then adds one
//! more at the cost of its own sentences: a sentence with the features of a
//! known unit joins it, any other is scored against the index like every
//! sentence of the alignment ([`partners`]) and joins the claim whose
//! sentences it matches on average above [`THRESHOLD`] (the test the
//! average linkage makes), or stands alone. The feature weights move on with
//! every sentence but the claims already made are not grouped again: that is
//! what a new alignment is for, which the caller makes when it wants the
//! story exactly as `analyze` gives it.

use std::collections::HashMap;

use parallax_model::{Occurrence, SharedClaim, StoryEntity};

use super::scoring::{Probe, Scoring, Scratch, index, partners, scored_pairs};
use super::{
    Claims, Features, Pair, Sentence, THRESHOLD, Units, agreement, candidates, cluster, doc_freq,
    occurrence, people_named, tallies, unit_outlets, weights,
};
use crate::Member;
use crate::id_map::IdMap;

/// A story's claims: its alignment, and what adding an article needs.
pub(crate) struct Growth {
    features: Features,
    /// Per feature: the candidate sentences that have it.
    df: Vec<u32>,
    /// Candidate sentences so far.
    sentences: usize,
    outlets: Vec<String>,
    /// Per article (story position): the people it names.
    named: Vec<Vec<usize>>,
    units: Vec<Unit>,
    groups: Vec<Group>,
    /// The alignment's scored pairs of units, until [`Growth::open`] files
    /// them under their units.
    pairs: Vec<Pair>,
    /// Feature to units (capped), as the alignment indexed them.
    postings: Vec<Vec<usize>>,
    by_features: HashMap<Vec<u32>, usize>,
    opened: bool,
    scratch: Scratch,
}

/// Sentences with the same features (see [`Units`]).
struct Unit {
    features: Vec<u32>,
    /// The article and people of its first sentence, which stands for all.
    member: usize,
    people: Vec<usize>,
    /// Its sentences per outlet.
    outlets: IdMap<usize, usize>,
    group: usize,
    /// Its scored pairs with other units: `(unit, score)`.
    pairs: Vec<(usize, f32)>,
}

impl Unit {
    fn probe(&self) -> Probe<'_> {
        Probe {
            features: &self.features,
            member: self.member,
            people: &self.people,
        }
    }

    fn weight(&self) -> usize {
        self.outlets.values().sum()
    }
}

/// A claim being built: a shared claim once its sentences span two outlets.
#[derive(Default)]
struct Group {
    /// Its sentences per outlet.
    outlets: IdMap<usize, usize>,
    /// Summed scores of its pairs of sentences from different outlets.
    sum: f32,
    agreement: f32,
    /// Its sentences: the article's story position, and where it is.
    occurrences: Vec<(usize, Occurrence)>,
}

/// Sentences from another outlet than `outlet` among those counted.
fn from_others(counts: &IdMap<usize, usize>, outlet: usize) -> usize {
    counts.values().sum::<usize>() - counts.get(&outlet).copied().unwrap_or(0)
}

impl Growth {
    /// Align the story's sentences (see the module comment).
    pub(crate) fn new(
        members: &[Member<'_>],
        entities: &[StoryEntity],
        entity_map: &[Vec<Option<usize>>],
    ) -> Self {
        let mut features = Features::default();
        let mut outlets = Vec::new();
        let mut sentences = candidates(members, entities, entity_map, &mut features, &mut outlets);
        let units = Units::new(&sentences);
        let named = people_named(entities, entity_map);
        let df = doc_freq(&sentences, &features);
        // A claim is shared when two outlets state it: with one outlet every
        // sentence is exclusive, whatever the pairs, and a long article made
        // hundreds of pairs per sentence (issue #16).
        let (pairs, groups, postings) = if sentences.windows(2).all(|w| w[0].outlet == w[1].outlet)
        {
            let singles = (0..units.sentences.len()).map(|u| vec![u]).collect();
            (Vec::new(), singles, Vec::new())
        } else {
            let w = weights(&df, sentences.len(), &features.kinds);
            let scoring = Scoring {
                w: &w,
                kinds: &features.kinds,
                named: &named,
            };
            let probes: Vec<Probe<'_>> = units
                .representatives(&sentences)
                .into_iter()
                .map(Sentence::probe)
                .collect();
            let (pairs, postings) = scored_pairs(&probes, &scoring);
            let groups = cluster(&sentences, &units, &pairs);
            (pairs, groups, postings)
        };
        let mut group_of = vec![0; units.sentences.len()];
        for (g, list) in groups.iter().enumerate() {
            for &u in list {
                if let Some(slot) = group_of.get_mut(u) {
                    *slot = g;
                }
            }
        }
        let mut counts = unit_outlets(&sentences, &units);
        let groups: Vec<Group> = groups
            .iter()
            .zip(tallies(&counts, &group_of, &groups, &pairs))
            .map(|(group, (outlets, sum))| {
                let mut list: Vec<usize> = group
                    .iter()
                    .filter_map(|&u| units.sentences.get(u))
                    .flatten()
                    .copied()
                    .collect();
                list.sort_unstable();
                let occurrences = list
                    .iter()
                    .filter_map(|&i| {
                        let s = sentences.get(i)?;
                        Some((s.member, occurrence(members.get(s.member)?.doc, s.span)))
                    })
                    .collect();
                Group {
                    agreement: agreement(sum, &outlets),
                    outlets,
                    sum,
                    occurrences,
                }
            })
            .collect();
        let units: Vec<Unit> = units
            .sentences
            .iter()
            .zip(group_of)
            .zip(counts.iter_mut().map(std::mem::take))
            .filter_map(|((list, group), outlets)| {
                let first = sentences.get_mut(*list.first()?)?;
                Some(Unit {
                    features: std::mem::take(&mut first.features),
                    member: first.member,
                    people: std::mem::take(&mut first.people),
                    outlets,
                    group,
                    pairs: Vec::new(),
                })
            })
            .collect();
        Growth {
            df,
            sentences: sentences.len(),
            features,
            outlets,
            named,
            units,
            groups,
            pairs,
            postings,
            by_features: HashMap::new(),
            opened: false,
            scratch: Scratch::default(),
        }
    }

    /// File the alignment's pairs under their units and index the units by
    /// their features: what adding an article needs, which an alignment
    /// that is never added to does not pay for.
    pub(crate) fn open(&mut self) {
        if self.opened {
            return;
        }
        self.opened = true;
        for (score, a, b) in std::mem::take(&mut self.pairs) {
            if let Some(unit) = self.units.get_mut(a) {
                unit.pairs.push((b, score));
            }
            if let Some(unit) = self.units.get_mut(b) {
                unit.pairs.push((a, score));
            }
        }
        let indexed = !self.postings.is_empty();
        for (u, unit) in self.units.iter().enumerate() {
            self.by_features.insert(unit.features.clone(), u);
            if !indexed {
                index(&mut self.postings, &unit.features, u);
            }
        }
    }

    /// Add the story's next article (story position: the articles added so
    /// far); `row` maps its local entities to the story's `entities`.
    pub(crate) fn add(
        &mut self,
        member: Member<'_>,
        entities: &[StoryEntity],
        row: &[Option<usize>],
    ) {
        let pos = self.named.len();
        let map = [row.to_vec()];
        self.named.extend(people_named(entities, &map));
        if member.is_copy {
            return;
        }
        self.open();
        let mut sentences = candidates(
            std::slice::from_ref(&member),
            entities,
            &map,
            &mut self.features,
            &mut self.outlets,
        );
        self.df.resize(self.features.kinds.len(), 0);
        for s in &mut sentences {
            s.member = pos;
            for &f in &s.features {
                if let Some(d) = self.df.get_mut(f as usize) {
                    *d += 1;
                }
            }
        }
        self.sentences += sentences.len();
        let w = weights(&self.df, self.sentences, &self.features.kinds);
        for s in sentences {
            let found = occurrence(member.doc, s.span);
            let outlet = s.outlet;
            let known = self.by_features.get(&s.features).copied();
            let unit = match known {
                Some(u) => u,
                None => self.new_unit(s, &w),
            };
            self.join(unit, outlet, pos, found);
        }
    }

    /// A unit for a sentence with new features, in the claim it matches
    /// best on average (at least [`THRESHOLD`]; never one that holds another
    /// sentence of its article), or in a claim of its own.
    fn new_unit(&mut self, s: Sentence, w: &[f32]) -> usize {
        let scoring = Scoring {
            w,
            kinds: &self.features.kinds,
            named: &self.named,
        };
        let units = &self.units;
        let found = partners(
            s.probe(),
            &self.postings,
            |j| units.get(j).map(Unit::probe),
            |j| units.get(j).map_or(0.0, |u| scoring.total(&u.features)),
            &scoring,
            &mut self.scratch,
        );
        let mut sums: IdMap<usize, f32> = IdMap::default();
        for &(score, v) in &found {
            if let Some(unit) = units.get(v) {
                *sums.entry(unit.group).or_default() += score * unit.weight() as f32;
            }
        }
        let best = sums
            .iter()
            .filter_map(|(&g, &sum)| {
                let group = self.groups.get(g)?;
                let weight: usize = group.outlets.values().sum();
                let mean = sum / weight.max(1) as f32;
                let holds_article = group
                    .occurrences
                    .last()
                    .is_some_and(|(m, _)| *m == s.member);
                (mean >= THRESHOLD && !holds_article).then_some((mean, g))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, g)| g);
        let group = best.unwrap_or_else(|| {
            self.groups.push(Group::default());
            self.groups.len() - 1
        });
        let u = self.units.len();
        for &(score, v) in &found {
            if let Some(unit) = self.units.get_mut(v) {
                unit.pairs.push((u, score));
            }
        }
        index(&mut self.postings, &s.features, u);
        self.by_features.insert(s.features.clone(), u);
        self.units.push(Unit {
            features: s.features,
            member: s.member,
            people: s.people,
            outlets: IdMap::default(),
            group,
            pairs: found.into_iter().map(|(score, v)| (v, score)).collect(),
        });
        u
    }

    /// A sentence of `outlet` (article at story position `pos`) joins unit
    /// `u` and its claim: the claim's agreement takes in its pairs with the
    /// claim's sentences from other outlets (1 within the unit, the unit
    /// pair's score across units, 0 for pairs never scored).
    fn join(&mut self, u: usize, outlet: usize, pos: usize, found: Occurrence) {
        let Some(unit) = self.units.get(u) else {
            return;
        };
        let g = unit.group;
        let mut added = from_others(&unit.outlets, outlet) as f32;
        for &(v, score) in &unit.pairs {
            if let Some(other) = self.units.get(v)
                && other.group == g
            {
                added += score * from_others(&other.outlets, outlet) as f32;
            }
        }
        if let Some(unit) = self.units.get_mut(u) {
            *unit.outlets.entry(outlet).or_default() += 1;
        }
        if let Some(group) = self.groups.get_mut(g) {
            group.sum += added;
            *group.outlets.entry(outlet).or_default() += 1;
            group.occurrences.push((pos, found));
            group.agreement = agreement(group.sum, &group.outlets);
        }
    }

    /// The claims as they stand.
    pub(crate) fn claims(&self) -> Claims {
        arrange(
            self.groups
                .iter()
                .map(|g| (g.outlets.len(), g.agreement, g.occurrences.clone())),
        )
    }

    pub(crate) fn into_claims(self) -> Claims {
        arrange(
            self.groups
                .into_iter()
                .map(|g| (g.outlets.len(), g.agreement, g.occurrences)),
        )
    }
}

/// Shared claims (groups whose sentences span two outlets or more: most
/// outlets first, then in story order) and exclusive sentences (in story
/// order), from groups given as `(outlets, agreement, occurrences)` in story
/// order of their first sentence.
fn arrange(groups: impl Iterator<Item = (usize, f32, Vec<(usize, Occurrence)>)>) -> Claims {
    let mut shared: Vec<(usize, usize, SharedClaim)> = Vec::new();
    let mut exclusive = Vec::new();
    for (order, (outlets, agreement, occurrences)) in groups.enumerate() {
        if outlets >= 2 {
            let occurrences = occurrences.into_iter().map(|(_, o)| o).collect();
            let claim = SharedClaim {
                occurrences,
                agreement,
            };
            shared.push((outlets, order, claim));
        } else {
            exclusive.extend(occurrences);
        }
    }
    shared.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    exclusive.sort_by_key(|(pos, o)| (*pos, o.start));
    Claims {
        shared: shared.into_iter().map(|(_, _, c)| c).collect(),
        exclusive: exclusive.into_iter().map(|(_, o)| o).collect(),
    }
}
