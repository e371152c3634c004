//! How alike a document and a story (or two stories) are: term cosine and
//! entity cosine mixed, a strong penalty when both name distinctive people or
//! places and none in common, a small bonus for shared quotes, and a decay
//! for distant dates.

use std::borrow::Cow;

use parallax_model::Explanation;

use crate::config::Config;
use crate::sparse::SparseVec;
use crate::vocabulary::Vocabulary;

/// Most shared terms listed in an explanation.
const EXPLAINED_TERMS: usize = 8;

const DAY_SECS: f32 = 24.0 * 60.0 * 60.0;

/// A rare, prominent entity of a document or story, by the name tail (see
/// `Vocabulary::tail`) it is compared by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Distinct {
    pub tail: u64,
    /// A person or an organisation: who acts, as opposed to where.
    pub actor: bool,
}

/// A comparable view of a document or a story: unit vectors weighted with the
/// current document frequencies. Borrowed where the owner keeps them weighted.
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile<'a> {
    pub terms: Cow<'a, SparseVec>,
    pub entities: Cow<'a, SparseVec>,
    /// The rare, prominent entities.
    pub distinctive: Cow<'a, [Distinct]>,
    /// Name tails of all entities, sorted.
    pub entity_tails: Cow<'a, [u64]>,
    /// Quote fingerprints, sorted.
    pub quotes: &'a [u64],
    /// Years named in the text, sorted.
    pub years: &'a [u16],
    /// Publication range (seconds), when dated.
    pub dates: Option<(i64, i64)>,
}

/// The similarity of two profiles and its parts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Similarity {
    pub score: f32,
    /// Cosine of the term vectors.
    pub terms: f32,
    /// Cosine of the entity vectors, when both sides have entities.
    pub entities: Option<f32>,
    /// Both sides have distinctive entities and share none.
    pub disjoint_entities: bool,
    /// Both sides have distinctive people or organisations and share none
    /// (they may share a place).
    pub disjoint_actors: bool,
    /// Both sides name years and none in common.
    pub conflicting_years: bool,
    pub shared_quotes: usize,
}

impl Similarity {
    /// The two sides have at least one entity in common.
    pub(crate) fn shares_entities(&self) -> bool {
        self.entities.is_some_and(|e| e > 0.0)
    }
}

/// Compare two profiles.
pub(crate) fn similarity(a: &Profile<'_>, b: &Profile<'_>, config: &Config) -> Similarity {
    similarity_with_terms(a, b, a.terms.cosine(&b.terms), config)
}

/// [`similarity`] with the cosine of the term vectors computed already.
pub(crate) fn similarity_with_terms(
    a: &Profile<'_>,
    b: &Profile<'_>,
    terms: f32,
    config: &Config,
) -> Similarity {
    let entities =
        (!a.entities.is_empty() && !b.entities.is_empty()).then(|| a.entities.cosine(&b.entities));
    let weight = config.entity_weight.clamp(0.0, 1.0);
    let mut score = match entities {
        Some(e) => (1.0 - weight) * terms + weight * e,
        None => terms,
    };
    let disjoint_entities = disjoint_distinctive(a, b, |_| true);
    let disjoint_actors = !disjoint_entities && disjoint_distinctive(a, b, |d| d.actor);
    if disjoint_entities {
        score *= config.disjoint_entity_penalty;
    } else if disjoint_actors {
        score *= config.disjoint_actor_penalty;
    }
    let conflicting_years =
        !a.years.is_empty() && !b.years.is_empty() && count_shared_sorted(a.years, b.years) == 0;
    if conflicting_years {
        score *= config.conflicting_years_penalty;
    }

    let shared_quotes = count_shared_sorted(a.quotes, b.quotes);
    score += (shared_quotes as f32 * config.quote_bonus).min(config.max_quote_bonus);
    score *= time_factor(a.dates, b.dates, config);
    Similarity {
        score,
        terms,
        entities,
        disjoint_entities,
        disjoint_actors,
        conflicting_years,
        shared_quotes,
    }
}

/// True when both sides are about specific people or places (those that
/// pass `kind`) and neither mentions any of the other's: the signature of two
/// different events of the same kind (two rehab admissions, two port
/// strikes, even when one strike's report mentions the other's port).
fn disjoint_distinctive(
    a: &Profile<'_>,
    b: &Profile<'_>,
    kind: impl Fn(&Distinct) -> bool,
) -> bool {
    // Compared by the last word of the name: "Eric Cantor" on one side and
    // "House Majority Leader Eric Cantor" on the other are not disjoint.
    let mentioned_in = |side: &Profile<'_>, other: &Profile<'_>| {
        let mut of_kind = side.distinctive.iter().filter(|d| kind(d)).peekable();
        of_kind.peek()?;
        Some(of_kind.any(|d| other.entity_tails.binary_search(&d.tail).is_ok()))
    };
    matches!(
        (mentioned_in(a, b), mentioned_in(b, a)),
        (Some(false), Some(false))
    )
}

fn count_shared_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

/// Seconds between two date ranges (0 when they overlap), `None` when either
/// side is undated.
pub(crate) fn date_gap(a: Option<(i64, i64)>, b: Option<(i64, i64)>) -> Option<i64> {
    let ((a0, a1), (b0, b1)) = (a?, b?);
    Some(if a1 < b0 {
        b0.saturating_sub(a1)
    } else if b1 < a0 {
        a0.saturating_sub(b1)
    } else {
        0
    })
}

/// `exp(-gap / decay)` with a day of grace; 1 when either side is undated.
fn time_factor(a: Option<(i64, i64)>, b: Option<(i64, i64)>, config: &Config) -> f32 {
    let Some(gap) = date_gap(a, b) else {
        return 1.0;
    };
    let effective = (gap as f32 - DAY_SECS).max(0.0);
    let decay = config.time_decay.as_secs_f32();
    if decay > 0.0 {
        (-effective / decay).exp()
    } else if effective > 0.0 {
        0.0
    } else {
        1.0
    }
}

/// Why a document joined a story: the score, the entities both have and the
/// terms that weigh most on both sides.
pub(crate) fn explain(
    doc: &Profile<'_>,
    story: &Profile<'_>,
    score: f32,
    terms: &Vocabulary,
    entities: &Vocabulary,
) -> Explanation {
    Explanation {
        score,
        shared_entities: shared_keys(&doc.entities, &story.entities, usize::MAX)
            .map(|id| entities.name(id).to_string())
            .collect(),
        shared_terms: shared_keys(&doc.terms, &story.terms, EXPLAINED_TERMS)
            .map(|id| terms.display(id).to_string())
            .collect(),
    }
}

/// Ids present in both vectors, the heaviest product first (ties by id).
fn shared_keys(a: &SparseVec, b: &SparseVec, limit: usize) -> impl Iterator<Item = u32> {
    let mut shared: Vec<(f32, u32)> = a.zip_shared(b).map(|(id, x, y)| (x * y, id)).collect();
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    shared.into_iter().take(limit).map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(
        terms: &[(u32, f32)],
        entities: &[(u32, f32)],
        distinctive: &[u32],
    ) -> Profile<'static> {
        Profile {
            terms: Cow::Owned(SparseVec::from_pairs(terms.to_vec()).normalized()),
            entities: Cow::Owned(SparseVec::from_pairs(entities.to_vec()).normalized()),
            // In these tests an entity's id doubles as its name tail.
            distinctive: distinctive
                .iter()
                .map(|&id| Distinct {
                    tail: u64::from(id),
                    actor: id % 2 == 0,
                })
                .collect(),
            entity_tails: entities.iter().map(|&(id, _)| u64::from(id)).collect(),
            quotes: &[],
            years: &[],
            dates: None,
        }
    }

    #[test]
    fn disjoint_distinctive_entities_are_penalised() {
        let config = Config::default();
        let a = profile(&[(1, 1.0), (2, 1.0)], &[(10, 1.0)], &[10]);
        let b = profile(&[(1, 1.0), (2, 1.0)], &[(11, 1.0)], &[11]);
        let s = similarity(&a, &b, &config);
        assert!(s.disjoint_entities);
        assert!((s.terms - 1.0).abs() < 1e-6);
        assert!(s.score < config.join_threshold);

        let c = profile(&[(1, 1.0), (2, 1.0)], &[(10, 1.0), (12, 1.0)], &[12]);
        let s = similarity(&a, &c, &config);
        assert!(!s.disjoint_entities);
        assert!(s.shares_entities());
        assert!(s.score > 0.8);
    }

    #[test]
    fn disjoint_actors_sharing_a_place_are_penalised_less() {
        // Even ids are people here, odd ones places.
        let config = Config::default();
        let strike_a = profile(&[(1, 1.0)], &[(3, 1.0), (10, 1.0)], &[3, 10]);
        let strike_b = profile(&[(1, 1.0)], &[(3, 0.5), (12, 1.0)], &[3, 12]);
        let s = similarity(&strike_a, &strike_b, &config);
        assert!(!s.disjoint_entities && s.disjoint_actors);
        let w = config.entity_weight;
        let mixed = (1.0 - w) + w * strike_a.entities.cosine(&strike_b.entities);
        assert!((s.score - mixed * config.disjoint_actor_penalty).abs() < 1e-6);

        // A shared person, or no person on one side, is no contrast.
        let same = profile(&[(1, 1.0)], &[(3, 1.0), (10, 1.0), (12, 1.0)], &[12]);
        assert!(!similarity(&strike_a, &same, &config).disjoint_actors);
        let placed = profile(&[(1, 1.0)], &[(3, 1.0)], &[3]);
        assert!(!similarity(&strike_a, &placed, &config).disjoint_actors);
    }

    #[test]
    fn dates_decay_after_a_day_of_grace() {
        let config = Config::default();
        let mut a = profile(&[(1, 1.0)], &[], &[]);
        let mut b = a.clone();
        a.dates = Some((0, 0));
        b.dates = Some((20 * 3600, 20 * 3600));
        assert!((similarity(&a, &b, &config).score - 1.0).abs() < 1e-6);
        b.dates = Some((8 * 86_400, 8 * 86_400));
        assert!(similarity(&a, &b, &config).score < 0.5);
        assert_eq!(date_gap(Some((0, 10)), Some((5, 20))), Some(0));
        assert_eq!(date_gap(Some((30, 40)), Some((5, 20))), Some(10));
        assert_eq!(date_gap(None, Some((5, 20))), None);
    }
}
