//! The kind of an entity (person, organisation, place) weighed from all the
//! evidence of its mentions: the cues [`crate::names`] found around each
//! mention, the shipped gazetteer and name lists (`data/`, see its NOTICE),
//! the shape of the name (`X Street`, `X County`, `X FC`, a city followed by
//! a plural noun as sports teams are named), and the words around it
//! (`in X`, `X, Ohio`, `the X`).
//!
//! No single list decides: Washington, Jordan and Lincoln are places and
//! people, so a list hit is one vote among the others, and the kind with
//! most weight wins when it has enough.
//!
//! `lists` loads the shipped lists, `shape` reads the name itself, `context`
//! the words around its mentions; this module weighs them.

mod context;
mod lists;
mod shape;

pub use context::{after_place_preposition, after_strong_place_preposition};
pub use lists::{is_given_name, is_known_place, is_major_place, is_surname};
pub use shape::{ends_other_name, person_shaped, team_parts};

use std::collections::HashSet;
use std::sync::LazyLock;

use parallax_model::EntityKind;

use crate::gender::{Gender, of_first_name, of_pronoun};
use crate::keys::plain_fold;
use crate::names::Candidate;
use crate::places;
use crate::titles::{ORG_WORDS, is_in};
use crate::tokens::{is_all_caps, is_capitalised, lower};

use context::*;
use shape::*;

/// Weights for each kind.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    person: f32,
    org: f32,
    place: f32,
}

/// The kind of an entity from its mentions (`members`) and its fullest name.
/// `linked_short`: a one-word mention was linked to it as a surname or first name.
pub fn decide(
    text: &str,
    cands: &[Candidate],
    members: &[usize],
    fullest: usize,
    linked_short: bool,
) -> EntityKind {
    let Some(best) = cands.get(fullest) else {
        return EntityKind::Other;
    };
    let words = folded_words(text, best);
    let raw: Vec<&str> = best.words.iter().map(|w| w.slice(text)).collect();
    if raw.is_empty() {
        return EntityKind::Other;
    }
    let name = score_name(&words, &raw);
    let person_shaped = (2..=3).contains(&words.len())
        || words
            .first()
            .is_some_and(|w| is_given_name(w) || is_surname(w));
    let around = score_mentions(text, cands, members, person_shaped);
    let mut s = Score {
        person: name.person + around.person,
        org: name.org + around.org,
        place: name.place + around.place,
    };
    let speaks = members
        .iter()
        .any(|&m| cands.get(m).is_some_and(|c| c.speech_subject));
    if (2..=3).contains(&words.len()) && (speaks || linked_short) {
        s.person += 1.5;
    }
    // A role before a name headed like an organisation's is its role
    // (`its owner Tarn Broadcasting`), so the person cue counts half.
    let org_headed = words.len() >= 2
        && (is_in(ORG_HEADS, words.last().map_or("", String::as_str))
            || words.iter().any(|w| is_in(ORG_WORDS, w)));
    if org_headed && s.person > 0.0 {
        s.person *= 0.5;
    }
    [
        (EntityKind::Person, s.person),
        (EntityKind::Organization, s.org),
        (EntityKind::Place, s.place),
    ]
    .into_iter()
    .fold((EntityKind::Other, 0.9), |acc, (k, v)| {
        if v > acc.1 { (k, v) } else { acc }
    })
    .0
}

/// Whether the text between two names joins them in a list (`X, Y`,
/// `X and Y`), and whether it is a conjunction.
fn coordination(gap: &str) -> Option<bool> {
    match gap {
        ", " => Some(false),
        " and " | ", and " | " or " | ", or " | " and the " | " or the " | " / " | " nor " => {
            Some(true)
        }
        _ => None,
    }
}

/// Names listed together are mostly of one kind (`Tarnby, Orla and
/// Quell`): an entity nothing else gave a kind (`open`) takes the kind its
/// list neighbours agree on. A list needs a conjunction, so that `In Ohio,
/// Quorvex said` lists nothing; and a one-word name never becomes a person
/// this way (`Ada Tarn and Quorvex`).
pub fn coordinated(
    text: &str,
    cands: &[Candidate],
    group_of: &[usize],
    kinds: &mut [EntityKind],
    open: &[bool],
    person_ok: &[bool],
) {
    // Runs of candidates joined by list gaps, kept when one gap is a conjunction.
    let mut linked = vec![false; cands.len()];
    let mut start = 0;
    while start < cands.len() {
        let mut end = start;
        let mut conj = false;
        while end + 1 < cands.len() {
            let gap = text
                .get(cands[end].span.end..cands[end + 1].span.start)
                .unwrap_or("");
            // A possessive `'s` sits between the name and the gap.
            let gap = gap.strip_prefix("'s").unwrap_or(gap);
            match coordination(gap) {
                Some(c) => {
                    conj |= c;
                    end += 1;
                }
                None => break,
            }
        }
        if conj {
            for l in &mut linked[start..=end] {
                *l = true;
            }
        }
        start = end + 1;
    }
    for _ in 0..3 {
        let mut tally = vec![[0usize; 3]; kinds.len()];
        for (i, &g) in group_of.iter().enumerate() {
            if !linked[i] || !open.get(g).copied().unwrap_or(false) {
                continue;
            }
            let joined = |j: usize| {
                let (a, b) = (i.min(j), i.max(j));
                text.get(cands[a].span.end..cands[b].span.start)
                    .map(|gap| gap.strip_prefix("'s").unwrap_or(gap))
                    .and_then(coordination)
                    .is_some()
            };
            let near = [i.checked_sub(1), Some(i + 1)];
            for j in near.into_iter().flatten() {
                let Some(&h) = group_of.get(j) else { continue };
                if h == g || !linked[j] || !joined(j) {
                    continue;
                }
                let slot = match kinds.get(h) {
                    Some(EntityKind::Person) => 0,
                    Some(EntityKind::Organization) => 1,
                    Some(EntityKind::Place) => 2,
                    _ => continue,
                };
                if let Some(t) = tally.get_mut(g) {
                    t[slot] += 1;
                }
            }
        }
        let mut changed = false;
        for (g, t) in tally.iter().enumerate() {
            if kinds[g] != EntityKind::Other {
                continue;
            }
            let best = (0..3).max_by_key(|&k| t[k]).unwrap_or(0);
            if t[best] == 0 || (0..3).any(|k| k != best && t[k] == t[best]) {
                continue;
            }
            if best == 0 && !person_ok.get(g).copied().unwrap_or(false) {
                continue;
            }
            kinds[g] = [
                EntityKind::Person,
                EntityKind::Organization,
                EntityKind::Place,
            ][best];
            changed = true;
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::resolve;
    use crate::names::candidates;
    use crate::tokens::tokenize;

    /// The kind of every mention of a fictional text, as (mention, kind).
    fn kinds(text: &str) -> Vec<(String, EntityKind)> {
        let toks = tokenize(text);
        let cands = candidates(text, &toks, &[]);
        let resolved = resolve(text, &cands, &vec![false; cands.len()]);
        resolved
            .mentions
            .iter()
            .map(|m| {
                (
                    m.span.slice(text).to_string(),
                    resolved.entities[m.entity].kind,
                )
            })
            .collect()
    }

    fn kind(text: &str, name: &str) -> Option<EntityKind> {
        kinds(text)
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, k)| k)
    }

    #[test]
    fn shipped_lists_load() {
        assert!(is_major_place("ohio") && is_major_place("ontario"));
        assert!(is_known_place("bridgeton") && !is_major_place("bridgeton"));
        assert!(is_known_place("st louis") && is_known_place("saint louis"));
        assert!(!is_known_place("summit"));
        assert!(is_given_name("stan") && is_given_name("hayley"));
        assert!(!is_given_name("destiny"));
        assert!(is_surname("harrison") && is_surname("wrzelski"));
        assert!(!is_surname("table"));
    }

    #[test]
    fn the_word_before_and_after_a_comma() {
        let text = "He moved to Bramley, Ohio, in May.";
        let at = text.find("Bramley").unwrap_or(0);
        assert_eq!(word_before(text, at).as_deref(), Some("to"));
        assert_eq!(after_comma(text, at + "Bramley".len()), "ohio");
        assert_eq!(word_before("Bramley is", 0), None);
    }

    #[test]
    fn one_pronoun_after_an_unknown_word_makes_no_person() {
        let text = "Voters asked about Quorvex at the meeting. Later he said it was fine. \
                    The mayor met Drennick first. He was angry. Voters cheered Drennick. \
                    He came back. Reporters followed Drennick. He won. They filmed Drennick. \
                    He waved.";
        assert_eq!(kind(text, "Quorvex"), Some(EntityKind::Other));
        assert_eq!(kind(text, "Drennick"), Some(EntityKind::Person));
    }

    #[test]
    fn teams_are_organisations_and_their_city_a_place() {
        let text = "The Leeds Lanterns beat the Perth Gulls on Saturday. \
                    Fans of the Lanterns celebrated in Leeds until midnight.";
        assert_eq!(kind(text, "Leeds Lanterns"), Some(EntityKind::Organization));
        assert_eq!(kind(text, "Perth Gulls"), Some(EntityKind::Organization));
        assert_eq!(kind(text, "Lanterns"), Some(EntityKind::Organization));
        assert_eq!(kind(text, "Leeds"), Some(EntityKind::Place));
    }

    #[test]
    fn lists_shapes_and_context_give_kinds() {
        let text = "Storms hit Florida on Monday. Marta Quellin grew up in Dunmoor, Ohio, \
                    and studied at Keswick University. She later opened a shop on Tallow \
                    Street near Greyfen Park. Tomasz Wrzelski joined her there.";
        assert_eq!(kind(text, "Florida"), Some(EntityKind::Place));
        assert_eq!(kind(text, "Marta Quellin"), Some(EntityKind::Person));
        assert_eq!(kind(text, "Dunmoor"), Some(EntityKind::Place));
        assert_eq!(
            kind(text, "Keswick University"),
            Some(EntityKind::Organization)
        );
        assert_eq!(kind(text, "Tallow Street"), Some(EntityKind::Place));
        assert_eq!(kind(text, "Greyfen Park"), Some(EntityKind::Place));
        assert_eq!(kind(text, "Tomasz Wrzelski"), Some(EntityKind::Person));
    }

    #[test]
    fn definitions_and_pronouns_give_kinds() {
        let text = "Last year Velmora, a chain of discount stores, opened a branch. \
                    The family later moved to Quorrin, a small town on the coast. \
                    Arvel Tusk was born there; he left at sixteen.";
        assert_eq!(kind(text, "Velmora"), Some(EntityKind::Organization));
        assert_eq!(kind(text, "Quorrin"), Some(EntityKind::Place));
        assert_eq!(kind(text, "Arvel Tusk"), Some(EntityKind::Person));
    }

    #[test]
    fn a_place_inside_a_title_is_still_a_place() {
        let text = "The band played \"Made in Ohio\" twice. They grew up in Ohio.";
        let toks = tokenize(text);
        let cands = candidates(text, &toks, &[]);
        let title = text.find("Made").unwrap_or(0)..text.find("\" twice").unwrap_or(0);
        let forced: Vec<bool> = cands
            .iter()
            .map(|c| title.contains(&c.span.start))
            .collect();
        let resolved = resolve(text, &cands, &forced);
        let ohio = resolved
            .mentions
            .iter()
            .find(|m| m.span.slice(text) == "Ohio")
            .map(|m| resolved.entities[m.entity].kind);
        assert_eq!(ohio, Some(EntityKind::Place));
    }

    #[test]
    fn the_head_of_a_list_gives_its_names_a_kind() {
        let text = "The label signed bands such as Quorvex, Drennick and Tallow. \
                    Floods reached Marlowby, Quenfield and other villages. \
                    Neither the Tarvish or Orlin parties voted.";
        assert_eq!(kind(text, "Quorvex"), Some(EntityKind::Organization));
        assert_eq!(kind(text, "Tallow"), Some(EntityKind::Organization));
        assert_eq!(kind(text, "Marlowby"), Some(EntityKind::Place));
        assert_eq!(kind(text, "Orlin"), Some(EntityKind::Organization));
    }

    #[test]
    fn listed_names_share_a_kind_but_one_word_makes_no_person() {
        let text = "The fund owns Tarnco Inc, Velmora and Orbis Group. \
                    Ada Tarn and Quorvex met later.";
        assert_eq!(kind(text, "Velmora"), Some(EntityKind::Organization));
        assert_eq!(kind(text, "Quorvex"), Some(EntityKind::Other));
    }

    #[test]
    fn words_around_a_name_give_kinds() {
        let text = "On Monday Quorvex's shares fell. By 1950 Drennick was born in \
                    Ohio. She became a member of Velmora. Last week Tarnby's mayor \
                    resigned.";
        assert_eq!(kind(text, "Quorvex"), Some(EntityKind::Organization));
        assert_eq!(kind(text, "Drennick"), Some(EntityKind::Person));
        assert_eq!(kind(text, "Velmora"), Some(EntityKind::Organization));
        assert_eq!(kind(text, "Tarnby"), Some(EntityKind::Place));
    }

    #[test]
    fn a_city_after_in_is_no_surname() {
        let text = "Ada London wrote the book. She later lived in London.";
        let all = kinds(text);
        let last = all
            .iter()
            .rev()
            .find(|(n, _)| n == "London")
            .map(|(_, k)| *k);
        assert_eq!(last, Some(EntityKind::Place));
    }

    #[test]
    fn empires_suburbs_and_former_states_are_places() {
        let text = "Trade grew across the Quorvan Empire. She lives in a suburb of \
                    Tallowby. He left the Soviet Union in 1970.";
        assert_eq!(kind(text, "Quorvan Empire"), Some(EntityKind::Place));
        assert_eq!(kind(text, "Tallowby"), Some(EntityKind::Place));
        assert_eq!(kind(text, "Soviet Union"), Some(EntityKind::Place));
    }

    #[test]
    fn compass_words_and_plural_place_nouns_make_places() {
        let text = "The farm lies two miles north of Quorvex. \
                    The troops marched towards the villages of Drennick and Tallowmere.";
        assert_eq!(kind(text, "Quorvex"), Some(EntityKind::Place));
        assert_eq!(kind(text, "Drennick"), Some(EntityKind::Place));
        assert_eq!(kind(text, "Tallowmere"), Some(EntityKind::Place));
    }

    #[test]
    fn company_verbs_make_organisations() {
        let text = "In 1999 Quorvex was acquired by a rival, and since then \
                    Drennick is headquartered in a small office.";
        assert_eq!(kind(text, "Quorvex"), Some(EntityKind::Organization));
        assert_eq!(kind(text, "Drennick"), Some(EntityKind::Organization));
    }

    #[test]
    fn a_role_before_an_organisation_name_makes_no_person() {
        let text = "The station was bought by its owner Tarnvale Broadcasting in 1994.";
        assert_eq!(
            kind(text, "Tarnvale Broadcasting"),
            Some(EntityKind::Organization)
        );
    }

    #[test]
    fn kin_nouns_and_initials_make_persons() {
        let text = "The shop was opened by her brother-in-law, Quorvex, in 1920. \
                    The record was mixed by P. Drennick last year.";
        assert_eq!(kind(text, "Quorvex"), Some(EntityKind::Person));
        assert_eq!(kind(text, "P. Drennick"), Some(EntityKind::Person));
    }
}
