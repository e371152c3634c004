//! In-article resolution: candidates that name the same thing become one
//! entity (full name, bare surname, first name, acronym), each entity gets a
//! kind from the evidence of all its mentions, its fullest name and its key.

use std::collections::HashMap;

use parallax_model::{EntityKind, LocalEntity, Mention};

use crate::gender::{Gender, NAME_WEIGHT, TITLE_WEIGHT, Votes, of_first_name};
use crate::keys::{entity_key, plain_fold, token_key};
use crate::kinds;
use crate::names::Candidate;
use crate::places;
use crate::titles::{ORG_WORDS, is_in};
use crate::tokens::lower;

/// Entities with what later stages of this crate need to know about them.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub entities: Vec<LocalEntity>,
    /// One per candidate, same order (so sorted and non-overlapping).
    pub mentions: Vec<Mention>,
    pub roles: Vec<Vec<&'static str>>,
    pub nationalities: Vec<Vec<&'static str>>,
    /// Gender evidence per entity from titles and first names (persons only).
    pub gender_votes: Vec<Votes>,
}

#[derive(Default)]
struct Group {
    members: Vec<usize>,
    /// Index of the candidate with the fullest name.
    fullest: usize,
    multi: bool,
    linked_short: bool,
}

fn words<'a>(text: &'a str, c: &Candidate) -> Vec<&'a str> {
    c.words.iter().map(|w| w.slice(text)).collect()
}

fn lexical_org(text: &str, c: &Candidate) -> bool {
    c.words
        .iter()
        .any(|w| is_in(ORG_WORDS, &lower(w.slice(text))))
}

/// `Native Americans`, `Hispanics`: a people, not a person (see [`places::is_group`]).
fn lexical_group(text: &str, c: &Candidate) -> bool {
    let joined = words(text, c)
        .iter()
        .map(|w| plain_fold(w))
        .collect::<Vec<_>>()
        .join(" ");
    places::is_group(&joined)
}

fn lexical_place(text: &str, c: &Candidate) -> bool {
    let joined = words(text, c)
        .iter()
        .map(|w| plain_fold(w))
        .collect::<Vec<_>>()
        .join(" ");
    places::is_place(&joined)
}

/// Resolve candidates into entities. `forced_other[i]` marks candidates that
/// are titles of works (`“Cold Acre”`).
pub fn resolve(text: &str, cands: &[Candidate], forced_other: &[bool]) -> Resolved {
    let keys: Vec<Vec<String>> = cands
        .iter()
        .map(|c| words(text, c).iter().map(|w| token_key(w)).collect())
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut by_full: HashMap<String, usize> = HashMap::new();
    let mut group_of = vec![usize::MAX; cands.len()];
    // Full names first, so that surnames can find them wherever they occur.
    for (i, k) in keys.iter().enumerate().filter(|(_, k)| k.len() >= 2) {
        let full = k.join(" ");
        let g = *by_full.entry(full).or_insert_with(|| {
            groups.push(Group {
                fullest: i,
                multi: true,
                ..Group::default()
            });
            groups.len() - 1
        });
        group_of[i] = g;
    }
    let person_like: Vec<bool> = groups
        .iter()
        .map(|g| {
            let c = &cands[g.fullest];
            !lexical_org(text, c)
                && !lexical_place(text, c)
                && kinds::person_shaped(text, c)
                && !lexical_group(text, c)
                && !forced_other[g.fullest]
        })
        .collect();
    let index = ShortIndex::new(text, cands, &keys, &groups, &person_like);
    for (i, k) in keys.iter().enumerate().filter(|(_, k)| k.len() == 1) {
        let word = &k[0];
        let g = if let Some(&g) = by_full.get(word) {
            g
        } else if let Some(g) = index.link(text, &cands[i], word) {
            groups[g].linked_short = true;
            g
        } else {
            groups.push(Group {
                fullest: i,
                ..Group::default()
            });
            by_full.insert(word.clone(), groups.len() - 1);
            groups.len() - 1
        };
        group_of[i] = g;
    }
    for (i, &g) in group_of.iter().enumerate() {
        if let Some(group) = groups.get_mut(g) {
            group.members.push(i);
        }
    }
    let decided: Vec<(EntityKind, bool)> = groups
        .iter()
        .map(|g| kind_of(text, g, cands, forced_other))
        .collect();
    let mut kinds_now: Vec<EntityKind> = decided.iter().map(|d| d.0).collect();
    let open: Vec<bool> = decided.iter().map(|d| d.1).collect();
    let person_ok: Vec<bool> = groups
        .iter()
        .map(|g| (2..=3).contains(&cands[g.fullest].words.len()))
        .collect();
    kinds::coordinated(text, cands, &group_of, &mut kinds_now, &open, &person_ok);
    let mut out = Resolved::default();
    for (g, &kind) in groups.iter().zip(&kinds_now) {
        let best = &cands[g.fullest];
        let ws = words(text, best);
        let mut roles = Vec::new();
        let mut nats = Vec::new();
        let mut votes = Votes::default();
        if kind == EntityKind::Person {
            votes.add(first_name_gender(text, best), NAME_WEIGHT);
            for &m in &g.members {
                votes.add(cands[m].gender, TITLE_WEIGHT);
            }
        }
        for &m in &g.members {
            for r in &cands[m].roles {
                if !roles.contains(r) {
                    roles.push(*r);
                }
            }
            for n in &cands[m].nationalities {
                if !nats.contains(n) {
                    nats.push(*n);
                }
            }
        }
        out.entities.push(LocalEntity {
            name: best.display.clone(),
            kind,
            key: entity_key(kind, &ws),
        });
        out.roles.push(roles);
        out.nationalities.push(nats);
        out.gender_votes.push(votes);
    }
    out.mentions = cands
        .iter()
        .zip(&group_of)
        .map(|(c, &g)| Mention {
            span: c.span,
            entity: g,
        })
        .collect();
    out
}

/// Full names indexed by surname, first name and initials, built once so that
/// linking a one-word mention costs a hash lookup.
struct ShortIndex {
    by_last: HashMap<String, Vec<usize>>,
    by_first: HashMap<String, Vec<usize>>,
    by_initials: HashMap<String, Vec<usize>>,
    /// Teams by nickname (`bruins`) and by place (`boston`).
    by_nickname: HashMap<String, Vec<usize>>,
    by_team_place: HashMap<String, Vec<usize>>,
}

impl ShortIndex {
    fn new(
        text: &str,
        cands: &[Candidate],
        keys: &[Vec<String>],
        groups: &[Group],
        person_like: &[bool],
    ) -> Self {
        let mut ix = ShortIndex {
            by_last: HashMap::new(),
            by_first: HashMap::new(),
            by_initials: HashMap::new(),
            by_nickname: HashMap::new(),
            by_team_place: HashMap::new(),
        };
        for (g, group) in groups.iter().enumerate().filter(|(_, g)| g.multi) {
            let k = &keys[group.fullest];
            ix.by_initials
                .entry(initials(text, &cands[group.fullest]))
                .or_default()
                .push(g);
            if let Some((place, nickname)) = kinds::team_parts(text, &cands[group.fullest]) {
                ix.by_nickname.entry(nickname).or_default().push(g);
                ix.by_team_place.entry(place).or_default().push(g);
            }
            if person_like[g]
                && let (Some(first), Some(last)) = (k.first(), k.last())
            {
                ix.by_last.entry(last.clone()).or_default().push(g);
                ix.by_first.entry(first.clone()).or_default().push(g);
            }
        }
        ix
    }

    /// The group a one-word candidate refers to: an acronym of an organisation's
    /// initials, or the surname or first name of exactly one person-like full name.
    fn link(&self, text: &str, cand: &Candidate, word: &str) -> Option<usize> {
        let unique = |hits: Option<&Vec<usize>>| match hits.map(Vec::as_slice) {
            Some([g]) => Some(*g),
            _ => None,
        };
        if cand.acronym
            && let Some(g) = unique(self.by_initials.get(cand.span.slice(text)))
        {
            return Some(g);
        }
        // A titled mention (`Mr. Tan`, `President Tan`) is a surname, never a
        // first name: `Mr. Trump` is not `Trump Tower`.
        // Nor is a bare `London` the first name of `London Tarn`. A team is
        // named by its nickname, and by its place where that is no place
        // (`Boston won`, not `in Boston`).
        let folded = plain_fold(cand.span.slice(text));
        // `in London` is the city, not the surname of `Poetry London`.
        let place_here =
            kinds::is_major_place(word) && kinds::after_strong_place_preposition(text, cand);
        unique(self.by_last.get(word))
            .filter(|_| !place_here || cand.person_cue)
            .or_else(|| {
                if cand.person_cue || kinds::is_major_place(word) {
                    None
                } else {
                    unique(self.by_first.get(word))
                }
            })
            .or_else(|| unique(self.by_nickname.get(&folded)))
            .or_else(|| {
                if kinds::after_place_preposition(text, cand) {
                    None
                } else {
                    unique(self.by_team_place.get(&folded))
                }
            })
    }
}

/// The gender of a two-or-more-word name's first word, when it is a known given name.
fn first_name_gender(text: &str, c: &Candidate) -> Gender {
    match c.words.as_slice() {
        [first, _, ..] => of_first_name(&plain_fold(first.slice(text))),
        _ => Gender::Unknown,
    }
}

/// Uppercase initials of the capitalised words (`Noordzee Container Terminals` → `NCT`).
fn initials(text: &str, c: &Candidate) -> String {
    c.words
        .iter()
        .filter_map(|w| w.slice(text).chars().next())
        .filter(|ch| ch.is_uppercase())
        .collect()
}

/// A quote mark right before and right after the name (spaces aside).
fn quoted_alone(text: &str, c: &Candidate) -> bool {
    let quote = |ch: char| matches!(ch, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»');
    let before = text.get(..c.span.start).unwrap_or("").trim_end();
    let after = text
        .get(c.span.end..)
        .unwrap_or("")
        .trim_start_matches([',', '.'])
        .trim_start();
    before.chars().next_back().is_some_and(quote) && after.chars().next().is_some_and(quote)
}

/// The kind of a group, and whether it is open to its neighbours' kinds:
/// nothing said what it is (titles of works and peoples are closed).
fn kind_of(
    text: &str,
    g: &Group,
    cands: &[Candidate],
    forced_other: &[bool],
) -> (EntityKind, bool) {
    let ms = || g.members.iter().map(|&m| &cands[m]);
    // A name that is a whole title (`“Cold Acre”`) names a work wherever it
    // is mentioned; one that is only part of a title (`“Made in Ohio”`) is
    // still what it is elsewhere.
    let whole_title = |m: usize| forced_other[m] && quoted_alone(text, &cands[m]);
    let all_forced = g.members.iter().all(|&m| forced_other[m]);
    if (all_forced || g.members.iter().any(|&m| whole_title(m))) && !ms().any(|c| c.person_cue) {
        return (EntityKind::Other, false);
    }
    if ms().all(|c| lexical_group(text, c)) {
        return (EntityKind::Other, false);
    }
    let kind = kinds::decide(text, cands, &g.members, g.fullest, g.linked_short);
    (kind, kind == EntityKind::Other)
}
