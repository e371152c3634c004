//! Shared and exclusive claims: body sentences aligned across outlets.
//!
//! Each candidate sentence (a body sentence of a non-copy article that is not
//! mostly a direct quote) becomes a set of features: folded content terms,
//! normalised numbers and the story entities it names. Features are weighted
//! by IDF within the story and by kind (numbers and names are strong
//! evidence). Candidate pairs come from an inverted index whose postings are
//! read only up to a cap, so the work stays near-linear in the number of
//! sentences; pairs from different outlets scoring above [`THRESHOLD`]
//! (weighted Dice) are merged best-first, never putting two sentences of one
//! article into one claim, which stops chains of loosely related sentences.

use std::collections::HashMap;

use parallax_model::{Occurrence, Quote, QuoteForm, SharedClaim, Span};

use crate::Member;
use crate::terms::{self, Kind};
use crate::union_find::UnionFind;

/// Weighted Dice a pair of sentences needs to be one claim. Tuned on the demo
/// corpus: its listed shared claims need at most 0.65, wrong pairs start
/// below 0.40 (no entities given); 0.5 sits in the middle.
const THRESHOLD: f32 = 0.5;
/// Shared features a pair needs besides the score: one shared word between
/// two short sentences is not a claim.
const MIN_SHARED: usize = 3;
/// Postings kept per feature: a feature in thousands of sentences is only
/// compared with its first entries (later ones still link through them).
const POSTING_CAP: usize = 32;
/// Features of a sentence looked up in the index: its heaviest ones.
const PROBE_FEATURES: usize = 8;
/// Candidates scored exactly per sentence, best partial scores first.
const CANDIDATE_CAP: usize = 48;

/// One candidate sentence.
struct Sentence {
    member: usize,
    outlet: usize,
    span: Span,
    /// Feature ids, sorted, unique.
    features: Vec<u32>,
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
fn candidates(
    members: &[Member<'_>],
    entity_map: &[Vec<Option<usize>>],
    features: &mut Features,
) -> Vec<Sentence> {
    let mut outlets: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (pos, member) in members.iter().enumerate() {
        if member.is_copy {
            continue;
        }
        let outlet_name = member.doc.article.outlet();
        let outlet = outlets
            .iter()
            .position(|o| *o == outlet_name)
            .unwrap_or_else(|| {
                outlets.push(outlet_name);
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
            let mut ids: Vec<u32> = terms::sentence_terms(text)
                .into_iter()
                .map(|(kind, key)| features.id(kind, key))
                .collect();
            let from = mentions.partition_point(|m| m.span.start < span.start);
            let named = mentions
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|m| m.span.start < span.end)
                .filter(|m| span.contains(m.span))
                .filter_map(|m| entity_map.get(pos)?.get(m.entity).copied().flatten());
            for entity in named {
                ids.push(features.id(Kind::Entity, entity.to_string()));
            }
            ids.sort_unstable();
            ids.dedup();
            out.push(Sentence {
                member: pos,
                outlet,
                span,
                features: ids,
            });
        }
    }
    out
}

/// Weight of each feature: IDF over the story's sentences times its kind's boost.
fn weights(sentences: &[Sentence], features: &Features) -> Vec<f32> {
    let mut df = vec![0u32; features.kinds.len()];
    for s in sentences {
        for &f in &s.features {
            if let Some(d) = df.get_mut(f as usize) {
                *d += 1;
            }
        }
    }
    let n = sentences.len().max(1) as f32;
    df.iter()
        .zip(&features.kinds)
        .map(|(&d, kind)| (1.0 + n / d.max(1) as f32).ln() * kind.boost())
        .collect()
}

/// Weighted Dice of two sorted feature lists (given their total weights),
/// and how many features they share.
fn dice(a: &[u32], b: &[u32], w: &[f32], total: f32) -> (f32, usize) {
    let weight = |f: &u32| w.get(*f as usize).copied().unwrap_or(0.0);
    let (mut i, mut j, mut shared, mut count) = (0, 0, 0.0f32, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += weight(x);
                count += 1;
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

/// Matching pairs `(score, i, j)` found through the inverted index.
///
/// Each sentence looks up only its [`PROBE_FEATURES`] heaviest features (a
/// true match shares several), accumulates their weight per candidate in a
/// dense array, and is scored exactly only against candidates whose upper
/// bound (found weight plus the weight of its unprobed features) can reach
/// the threshold.
fn scored_pairs(sentences: &[Sentence], w: &[f32]) -> Vec<(f32, usize, usize)> {
    let weight = |f: u32| w.get(f as usize).copied().unwrap_or(0.0);
    let totals: Vec<f32> = sentences
        .iter()
        .map(|s| s.features.iter().map(|&f| weight(f)).sum())
        .collect();
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); w.len()];
    let mut pairs = Vec::new();
    let mut found = vec![0.0f32; sentences.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut probe: Vec<u32> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        probe.clear();
        probe.extend_from_slice(&s.features);
        probe.sort_by(|a, b| weight(*b).total_cmp(&weight(*a)));
        probe.truncate(PROBE_FEATURES);
        let total_i = totals.get(i).copied().unwrap_or(0.0);
        let unprobed = total_i - probe.iter().map(|&f| weight(f)).sum::<f32>();
        for &f in &probe {
            let Some(list) = postings.get(f as usize) else {
                continue;
            };
            for &j in list {
                if let Some(slot) = found.get_mut(j) {
                    if *slot == 0.0 {
                        touched.push(j);
                    }
                    *slot += weight(f);
                }
            }
        }
        let mut candidates: Vec<(usize, f32)> = touched
            .drain(..)
            .filter_map(|j| {
                let partial = found.get_mut(j).map(std::mem::take)?;
                let other = sentences.get(j)?;
                let total = total_i + totals.get(j).copied().unwrap_or(0.0);
                let bound = 2.0 * (partial + unprobed.max(0.0)) / total.max(f32::MIN_POSITIVE);
                (other.outlet != s.outlet && bound >= THRESHOLD).then_some((j, partial))
            })
            .collect();
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (j, _) in candidates.into_iter().take(CANDIDATE_CAP) {
            let Some(other) = sentences.get(j) else {
                continue;
            };
            let total = total_i + totals.get(j).copied().unwrap_or(0.0);
            let (score, shared) = dice(&s.features, &other.features, w, total);
            if score >= THRESHOLD && shared >= MIN_SHARED {
                pairs.push((score, j, i));
            }
        }
        for &f in &s.features {
            if let Some(list) = postings.get_mut(f as usize)
                && list.len() < POSTING_CAP
            {
                list.push(i);
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    pairs
}

/// Merge pairs best-first into groups that hold at most one sentence per article.
fn cluster(sentences: &[Sentence], pairs: &[(f32, usize, usize)]) -> UnionFind {
    let mut uf = UnionFind::new(sentences.len());
    let mut articles: HashMap<usize, Vec<usize>> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| (i, vec![s.member]))
        .collect();
    for &(_, a, b) in pairs {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb {
            continue;
        }
        let left = articles.get(&ra).map_or(&[][..], Vec::as_slice);
        let right = articles.get(&rb).map_or(&[][..], Vec::as_slice);
        if left.iter().any(|m| right.contains(m)) {
            continue;
        }
        let mut merged = articles.remove(&ra).unwrap_or_default();
        merged.extend(articles.remove(&rb).unwrap_or_default());
        let root = uf.union(ra, rb);
        articles.insert(root, merged);
    }
    uf
}

fn occurrence(members: &[Member<'_>], s: &Sentence) -> Option<Occurrence> {
    let doc = members.get(s.member)?.doc;
    Some(Occurrence {
        article: doc.article.id.clone(),
        start: s.span.start,
        end: s.span.end,
        text: doc.text_of(s.span).to_string(),
    })
}

/// Align the story's sentences into shared claims and exclusive sentences.
pub(crate) fn align(members: &[Member<'_>], entity_map: &[Vec<Option<usize>>]) -> Claims {
    let mut features = Features::default();
    let sentences = candidates(members, entity_map, &mut features);
    let w = weights(&sentences, &features);
    let pairs = scored_pairs(&sentences, &w);
    let mut uf = cluster(&sentences, &pairs);
    // Sentences are in story order (article, then position), so groups are too.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for i in 0..sentences.len() {
        let root = uf.find(i);
        let g = *group_of.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(list) = groups.get_mut(g) {
            list.push(i);
        }
    }
    let mut shared: Vec<(usize, usize, SharedClaim)> = Vec::new();
    let mut exclusive = Vec::new();
    for (order, members_of) in groups.iter().enumerate() {
        let mut outlets: Vec<usize> = members_of
            .iter()
            .filter_map(|&i| sentences.get(i).map(|s| s.outlet))
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        let occurrences: Vec<Occurrence> = members_of
            .iter()
            .filter_map(|&i| occurrence(members, sentences.get(i)?))
            .collect();
        if outlets.len() >= 2 {
            shared.push((outlets.len(), order, SharedClaim { occurrences }));
        } else {
            exclusive.extend(occurrences);
        }
    }
    shared.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    // Exclusive sentences back in article order, then position.
    let position: HashMap<&str, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.doc.article.id.as_str(), i))
        .collect();
    exclusive.sort_by_key(|o| (position.get(o.article.as_str()).copied(), o.start));
    Claims {
        shared: shared.into_iter().map(|(_, _, c)| c).collect(),
        exclusive,
    }
}
