//! Shared and exclusive claims: body sentences aligned across outlets.
//!
//! Each candidate sentence (a body sentence of a non-copy article that is not
//! mostly a direct quote) becomes a set of features: folded content terms,
//! normalised numbers and the story entities it names. Features are weighted
//! by IDF within the story and by kind (numbers and names are strong
//! evidence); two sentences score their weighted Dice. A pair is discounted
//! when a sentence names a person the other sentence's article never names:
//! the same fact reported twice has the same people in it, and an outlet that
//! reports it names them somewhere.
//!
//! Sentences with the same features (a fact every outlet prints word for
//! word, a wire copy's paragraphs) are one unit, compared once: a repeated
//! sentence adds an occurrence, not work. Candidate pairs of units come from
//! an inverted index whose postings are read only up to a cap, so the work
//! stays near-linear in the number of distinct sentences.
//! Pairs are merged best-first into claims with average linkage: two groups
//! join only when all their sentences, the same article's included, agree on
//! average above [`THRESHOLD`], and two sentences of one article only when
//! one of them opens the article (a headline and the lead that restates it):
//! a chain of loosely related sentences never becomes one claim. A group is
//! a shared claim when it spans two or more outlets.
//!
//! A story that keeps growing (the service's open stories) is not aligned
//! anew for every article: [`Growth`] adds an article's sentences to the
//! claims at the cost of their own lookups.

use std::collections::{HashMap, HashSet};

use parallax_model::{
    Document, EntityKind, Mention, Occurrence, Quote, QuoteForm, SharedClaim, Span, StoryEntity,
};

use crate::Member;
use crate::id_map::IdMap;

mod growth;
mod scoring;

use crate::linkage::Linkage;
use crate::terms::{self, Kind};
pub(crate) use growth::Growth;

/// Mean weighted Dice the sentences of one claim need. Chosen on ECB+
/// topics 1-21 (`parallax-bench compare --part tune`: precision 0.87) and by
/// reading BASIL's stories: at 0.15 claims start to drift from one fact into
/// one theme.
const THRESHOLD: f32 = 0.2;
/// Pairs scoring below this are not kept: they count as 0 in the average.
const PAIR_FLOOR: f32 = 0.05;
/// Shared words or numbers a pair needs besides the score: one shared word
/// between two short sentences is not a claim, and sentences that share only
/// names are about the same people, not about the same fact.
const MIN_SHARED_TERMS: usize = 2;
/// Score kept when one sentence of a pair names a person the other's article
/// never names, and when both do.
const ONE_STRANGER: f32 = 0.7;
const TWO_STRANGERS: f32 = 0.3;
/// Postings kept per feature: a feature in thousands of sentences is only
/// compared with its first entries (later ones still link through them).
const POSTING_CAP: usize = 256;
/// Features of a sentence looked up in the index: its heaviest ones.
const PROBE_FEATURES: usize = 16;
/// Candidates scored exactly per sentence, best partial scores first.
const CANDIDATE_CAP: usize = 64;
/// Pairs kept per sentence with the earlier ones, best first. Only giant
/// stories reach it (a sentence near-matching hundreds of others), where
/// every pair kept costs memory and linkage time; a claim's sentences still
/// meet through their best partners.
const PAIRS_KEPT: usize = 32;

/// A scored pair of units: `(score, a, b)`.
type Pair = (f32, usize, usize);

/// One candidate sentence.
struct Sentence {
    member: usize,
    outlet: usize,
    span: Span,
    /// Feature ids, sorted, unique.
    features: Vec<u32>,
    /// The people (story entities) the sentence names, sorted, unique.
    people: Vec<usize>,
    /// The first candidate sentence of its article: its headline or lead.
    opens: bool,
}

/// Sentences with identical features, compared as one (see the module
/// comment), in story order of their first sentence.
struct Units {
    /// Per unit, its sentences in story order; the first stands for all.
    sentences: Vec<Vec<usize>>,
    /// Per sentence, its unit.
    of: Vec<usize>,
}

impl Units {
    fn new(sentences: &[Sentence]) -> Self {
        let mut by_features: HashMap<&[u32], usize> = HashMap::new();
        let mut units: Vec<Vec<usize>> = Vec::new();
        let of = sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let unit = *by_features
                    .entry(s.features.as_slice())
                    .or_insert(units.len());
                if unit == units.len() {
                    units.push(Vec::new());
                }
                if let Some(list) = units.get_mut(unit) {
                    list.push(i);
                }
                unit
            })
            .collect();
        Units {
            sentences: units,
            of,
        }
    }

    fn unit(&self, sentence: usize) -> usize {
        self.of.get(sentence).copied().unwrap_or(usize::MAX)
    }

    /// The sentence that stands for each unit.
    fn representatives<'s>(&self, sentences: &'s [Sentence]) -> Vec<&'s Sentence> {
        self.sentences
            .iter()
            .filter_map(|list| sentences.get(*list.first()?))
            .collect()
    }

    fn weights(&self) -> Vec<usize> {
        self.sentences.iter().map(Vec::len).collect()
    }
}

/// Claims of one story: shared claims and exclusive sentences.
pub(crate) struct Claims {
    pub shared: Vec<SharedClaim>,
    pub exclusive: Vec<Occurrence>,
}

/// True when direct or partial quotes cover more than half of the sentence:
/// such a sentence is compared as a quote, not as a claim. `quotes` are the
/// article's quotes from the first one that may still reach this sentence.
fn mostly_quote(quotes: &[Quote], span: Span) -> bool {
    let covered: usize = quotes
        .iter()
        .take_while(|q| q.span.start < span.end)
        .filter(|q| q.form != QuoteForm::Indirect && q.span.overlaps(span))
        .map(|q| q.span.end.min(span.end) - q.span.start.max(span.start))
        .sum();
    covered * 2 > span.len()
}

/// Interns feature strings into ids and remembers their kinds.
#[derive(Default)]
struct Features {
    ids: HashMap<(Kind, String), u32>,
    kinds: Vec<Kind>,
}

impl Features {
    fn id(&mut self, kind: Kind, key: String) -> u32 {
        let next = self.kinds.len() as u32;
        let id = *self.ids.entry((kind, key)).or_insert(next);
        if id == next {
            self.kinds.push(kind);
        }
        id
    }
}

/// Gather the candidate sentences of the story's non-copy articles.
/// `outlets` numbers the outlets seen so far (a new one is appended).
fn candidates(
    members: &[Member<'_>],
    entities: &[StoryEntity],
    entity_map: &[Vec<Option<usize>>],
    features: &mut Features,
    outlets: &mut Vec<String>,
) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pos, member) in members.iter().enumerate() {
        if member.is_copy {
            continue;
        }
        let outlet_name = member.doc.article.outlet();
        let outlet = outlets
            .iter()
            .position(|o| o == outlet_name)
            .unwrap_or_else(|| {
                outlets.push(outlet_name.to_string());
                outlets.len() - 1
            });
        let mentions = &member.doc.annotations.mentions;
        let quotes = &member.doc.annotations.quotes;
        // Segments, quotes and mentions are sorted: walk them together.
        let mut first_quote = 0;
        for (_, seg) in member.doc.body_segments() {
            let span = seg.span;
            while quotes
                .get(first_quote)
                .is_some_and(|q| q.span.end <= span.start)
            {
                first_quote += 1;
            }
            let text = member.doc.text_of(span);
            let open_quotes = quotes.get(first_quote..).unwrap_or_default();
            if text.trim().is_empty() || mostly_quote(open_quotes, span) {
                continue;
            }
            let from = mentions.partition_point(|m| m.span.start < span.start);
            let inside: Vec<&Mention> = mentions
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|m| m.span.start < span.end)
                .filter(|m| span.contains(m.span))
                .collect();
            let mut named: Vec<usize> = inside
                .iter()
                .filter_map(|m| entity_map.get(pos)?.get(m.entity).copied().flatten())
                .collect();
            // Mentions of known story entities, relative to the sentence.
            let names: Vec<(usize, usize)> = inside
                .iter()
                .filter(|m| {
                    entity_map
                        .get(pos)
                        .and_then(|l| l.get(m.entity))
                        .is_some_and(Option::is_some)
                })
                .map(|m| (m.span.start - span.start, m.span.end - span.start))
                .collect();
            let mut ids: Vec<u32> = terms::sentence_terms(text, &names)
                .into_iter()
                .map(|(kind, key)| features.id(kind, key))
                .collect();
            named.sort_unstable();
            named.dedup();
            ids.extend(
                named
                    .iter()
                    .map(|entity| features.id(Kind::Entity, entity.to_string())),
            );
            ids.sort_unstable();
            ids.dedup();
            named.retain(|&e| is_person(entities, e));
            out.push(Sentence {
                member: pos,
                outlet,
                span,
                opens: out.last().is_none_or(|s: &Sentence| s.member != pos),
                features: ids,
                people: named,
            });
        }
    }
    out
}

fn is_person(entities: &[StoryEntity], e: usize) -> bool {
    entities
        .get(e)
        .is_some_and(|x| x.kind == EntityKind::Person)
}

/// Per article: the people (story entities) it names anywhere, sorted.
fn people_named(entities: &[StoryEntity], entity_map: &[Vec<Option<usize>>]) -> Vec<Vec<usize>> {
    entity_map
        .iter()
        .map(|local| {
            let mut people: Vec<usize> = local
                .iter()
                .flatten()
                .copied()
                .filter(|&e| is_person(entities, e))
                .collect();
            people.sort_unstable();
            people.dedup();
            people
        })
        .collect()
}

/// Per feature, the candidate sentences that have it.
fn doc_freq(sentences: &[Sentence], features: &Features) -> Vec<u32> {
    let mut df = vec![0u32; features.kinds.len()];
    for s in sentences {
        for &f in &s.features {
            if let Some(d) = df.get_mut(f as usize) {
                *d += 1;
            }
        }
    }
    df
}

/// Weight of each feature: IDF over the story's `n` sentences (`df` from
/// [`doc_freq`]) times its kind's boost.
fn weights(df: &[u32], n: usize, kinds: &[Kind]) -> Vec<f32> {
    let n = n.max(1) as f32;
    df.iter()
        .zip(kinds)
        .map(|(&d, kind)| (1.0 + n / d.max(1) as f32).ln() * kind.boost())
        .collect()
}

/// Group the units into claims with average linkage ([`Linkage`], each unit
/// weighing its number of sentences) at [`THRESHOLD`]; two sentences of one
/// article join only when one opens the article (a headline restated by the
/// lead) and the pair scores the bar on its own. Groups come back in story
/// order.
fn cluster(sentences: &[Sentence], units: &Units, pairs: &[Pair]) -> Vec<Vec<usize>> {
    let opens = |i: usize| sentences.get(i).is_some_and(|s| s.opens);
    // The pairs that may restate an opening sentence: those scoring the bar
    // with a unit that holds one (few: one opening sentence per article).
    let opening: Vec<bool> = units
        .sentences
        .iter()
        .map(|list| list.iter().any(|&i| opens(i)))
        .collect();
    let has_opening = |u: usize| opening.get(u).copied().unwrap_or(false);
    let restating: HashSet<(usize, usize)> = pairs
        .iter()
        .filter(|&&(score, a, b)| score >= THRESHOLD && (has_opening(a) || has_opening(b)))
        .map(|&(_, a, b)| (a.min(b), a.max(b)))
        .collect();
    let restate = |x: usize, y: usize| {
        let (a, b) = (units.unit(x), units.unit(y));
        (opens(x) || opens(y)) && restating.contains(&(a.min(b), a.max(b)))
    };
    // The sentences of each article, a range (sentences come article by article).
    let mut of_article: IdMap<usize, (usize, usize)> = IdMap::default();
    for (i, s) in sentences.iter().enumerate() {
        of_article
            .entry(s.member)
            .and_modify(|range| range.1 = i + 1)
            .or_insert((i, i + 1));
    }
    Linkage::new(&units.weights(), pairs).group(pairs, THRESHOLD, |linkage, a, b| {
        // Walk the smaller group's sentences and their articles' other
        // sentences: the cost is the smaller group's, whatever the larger's.
        let (small, large) = if linkage.members(a).len() <= linkage.members(b).len() {
            (a, b)
        } else {
            (b, a)
        };
        let mut mine = linkage
            .members(small)
            .iter()
            .filter_map(|&u| units.sentences.get(u))
            .flatten()
            .copied();
        mine.all(|x| {
            let Some(&(from, to)) = sentences.get(x).and_then(|s| of_article.get(&s.member)) else {
                return true;
            };
            (from..to).all(|y| linkage.root(units.unit(y)) != large || restate(x, y))
        })
    })
}

/// Per unit, its sentences per outlet.
fn unit_outlets(sentences: &[Sentence], units: &Units) -> Vec<IdMap<usize, usize>> {
    units
        .sentences
        .iter()
        .map(|list| {
            let mut counts: IdMap<usize, usize> = IdMap::default();
            for s in list.iter().filter_map(|&i| sentences.get(i)) {
                *counts.entry(s.outlet).or_default() += 1;
            }
            counts
        })
        .collect()
}

/// For each group of units: its sentences per outlet, and the summed score
/// of its pairs of sentences from different outlets (unscored pairs count
/// as 0; two sentences of one unit score 1), in one pass over the pairs.
/// `counts` are [`unit_outlets`], `group_of` each unit's group.
fn tallies(
    counts: &[IdMap<usize, usize>],
    group_of: &[usize],
    groups: &[Vec<usize>],
    pairs: &[Pair],
) -> Vec<(IdMap<usize, usize>, f32)> {
    let none = IdMap::default();
    let counts = |u: usize| counts.get(u).unwrap_or(&none);
    // Pairs of sentences from different outlets between units `a` and `b`.
    let across = |a: usize, b: usize| -> usize {
        let (ca, cb) = (counts(a), counts(b));
        let (na, nb): (usize, usize) = (ca.values().sum(), cb.values().sum());
        let same: usize = ca
            .iter()
            .map(|(o, n)| n * cb.get(o).copied().unwrap_or(0))
            .sum();
        na * nb - same
    };
    let mut sums: Vec<f32> = groups
        .iter()
        .map(|members| {
            members
                .iter()
                .map(|&u| pairs_across_outlets(counts(u)) as f32)
                .sum()
        })
        .collect();
    for &(score, a, b) in pairs {
        if let (Some(&ga), Some(&gb)) = (group_of.get(a), group_of.get(b))
            && ga == gb
            && let Some(sum) = sums.get_mut(ga)
        {
            *sum += score * across(a, b) as f32;
        }
    }
    groups
        .iter()
        .zip(sums)
        .map(|(members, sum)| {
            let mut per_outlet: IdMap<usize, usize> = IdMap::default();
            for &u in members {
                for (&o, &n) in counts(u) {
                    *per_outlet.entry(o).or_default() += n;
                }
            }
            (per_outlet, sum)
        })
        .collect()
}

/// A claim's agreement: the mean score of its pairs of sentences from
/// different outlets, given their sum and its sentences per outlet.
fn agreement(sum: f32, per_outlet: &IdMap<usize, usize>) -> f32 {
    match pairs_across_outlets(per_outlet) {
        0 => 0.0,
        across => sum / across as f32,
    }
}

/// Pairs of sentences from different outlets among sentences counted per
/// outlet: all pairs less those within one outlet.
fn pairs_across_outlets(per_outlet: &IdMap<usize, usize>) -> usize {
    let n: usize = per_outlet.values().sum();
    let within: usize = per_outlet
        .values()
        .map(|c| c * c.saturating_sub(1) / 2)
        .sum();
    n * n.saturating_sub(1) / 2 - within
}

fn occurrence(doc: &Document, span: Span) -> Occurrence {
    Occurrence {
        article: doc.article.id.clone(),
        start: span.start,
        end: span.end,
        text: doc.text_of(span).to_string(),
    }
}
