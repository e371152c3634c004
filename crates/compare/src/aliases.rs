//! Which of a story's entities name the same thing, across articles.
//!
//! The understand stage gives each article's entities a key, but the key
//! carries the entity's kind, and the kind is fragile (the same name is a
//! person in one article and an organisation in the next). Here names are
//! compared as names, with the kind only as a guard:
//! 1. the same name, ignoring case, diacritics, spaces and hyphens
//!    ("SeaMicro" / "Sea Micro"), British spellings and abbreviations ("Betty
//!    Ford Centre", "Mt Cook"), company and generational suffixes ("Intel
//!    Corp." / "Intel", "Arcade Joseph Comeaux Jr."), a person's middle names
//!    ("LuAnn Marie Johnson" / "LuAnn Johnson") and nickname ("Bill Clinton"
//!    / "William Clinton"), and for an organisation the words naming a
//!    facility ("Betty Ford Clinic" / "Betty Ford Treatment Center") or a
//!    place of the story in front ("Malibu Promises Treatment Center");
//! 2. a person's name and the same first name with a surname one letter
//!    apart ("Duncan Rait" / "Duncan Raite"), or a blend of the two
//!    ("LiLo" / "Lindsay Lohan");
//! 3. a one-word name and the one full name it can stand for: a surname
//!    ("Lohan"), a name that comes first ("Xi" / "Xi Jinping") or an acronym
//!    ("AP" / "Associated Press"), linked only when exactly one full name fits,
//!    so that two Lis stay apart;
//! 4. a name that begins a longer organisation or place name, when only one
//!    does ("Betty Ford" / "Betty Ford Center").
//!
//! Places take no part in 3, which would make "Sudan" South Sudan, and join
//! only places through 4: "New York" is not the "New York Times".

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use parallax_model::EntityKind;
use parallax_text::fold;

use crate::union_find::UnionFind;

/// What the linker knows of one entity: its kind and every name it goes by.
pub(crate) struct Names<'a> {
    pub kind: EntityKind,
    pub names: Vec<&'a str>,
}

/// Trailing words that do not tell two names apart.
const SUFFIXES: &[&str] = &[
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "co",
    "plc",
    "llc",
    "jr",
    "sr",
    "ii",
    "iii",
    "iv",
];

/// Spellings of one word that do not tell two names apart.
const SAME_WORD: &[(&str, &str)] = &[
    ("centre", "center"),
    ("theatre", "theater"),
    ("mt", "mount"),
    ("ft", "fort"),
];

/// Trailing words that say what kind of place an organisation is, not which:
/// "Betty Ford Clinic" and "Betty Ford Treatment Center" are one clinic.
const FACILITY_WORDS: &[&str] = &[
    "center",
    "clinic",
    "hospital",
    "treatment",
    "rehab",
    "rehabilitation",
    "facility",
    "building",
    "block",
    "complex",
    "plant",
    "factory",
    "dairy",
    "creamery",
    "warehouse",
];

/// Given names by nickname and by themselves ("bill" → ["william"],
/// "william" → ["william"]), from `data/nicknames.csv` (Apache-2.0).
static FORMAL_NAMES: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
    for line in include_str!("../data/nicknames.csv").lines() {
        if let Some((name, nickname)) = line.split_once(',')
            && !line.starts_with('#')
        {
            map.entry(nickname).or_default().push(name);
            map.entry(name).or_default().push(name);
        }
    }
    for names in map.values_mut() {
        names.sort_unstable();
        names.dedup();
    }
    map
});

/// The formal given names a first name may stand for (itself included).
fn formal_names(first: &str) -> Vec<&str> {
    FORMAL_NAMES
        .get(first)
        .map_or_else(|| vec![first], |names| names.clone())
}

/// Words skipped when reading an acronym off a name.
const NOT_IN_ACRONYMS: &[&str] = &["of", "and", "the", "for", "de", "&"];

/// The words of a name as matching keys: folded, possessive and full stops
/// dropped, split at hyphens, without a leading "the" or trailing suffixes.
pub(crate) fn tokens(name: &str) -> Vec<String> {
    let mut out: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| {
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            let w = fold(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'));
            match SAME_WORD.iter().find(|(variant, _)| *variant == w) {
                Some((_, word)) => (*word).to_string(),
                None => w,
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    if out.len() > 1 && out.first().is_some_and(|w| w == "the") {
        out.remove(0);
    }
    while out.len() > 1 && out.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) {
        out.pop();
    }
    out
}

/// The initials of a name of two or more words ("associated press" → "ap").
fn initials(tokens: &[String]) -> Option<String> {
    let words: Vec<&String> = tokens
        .iter()
        .filter(|t| !NOT_IN_ACRONYMS.contains(&t.as_str()))
        .collect();
    (words.len() >= 2).then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

/// A name written in capitals of two to six letters ("AP", "NYPD").
fn is_acronym(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters) && !name.chars().any(char::is_lowercase)
}

/// A kind that does not rule out a person: the kind is fragile, and
/// `other` or a wrong `person` may still name one.
fn may_be_person(kind: EntityKind) -> bool {
    !matches!(kind, EntityKind::Organization | EntityKind::Place)
}

/// The keys under which two names are the same name: the words run together;
/// for a name that may be a person's, first and last name (dropping middle
/// names) with the first name read as each formal name it may stand for;
/// for an organisation or unknown, the name without its facility words and
/// without a place of the story in front.
fn same_name_keys(
    kind: EntityKind,
    t: &[String],
    surnames: &HashSet<&str>,
    places: &HashSet<String>,
) -> Vec<String> {
    let mut keys = vec![t.concat()];
    if let (true, [first, .., last]) = (may_be_person(kind), t) {
        for formal in formal_names(first) {
            keys.push(format!("person:{formal} {last}"));
        }
    }
    if kind != EntityKind::Person && kind != EntityKind::Place {
        // "Indianapolis Colts" / "an Indianapolis Colt".
        if let Some((last, rest)) = t.split_last()
            && last.len() > 4
            && let Some(singular) = last.strip_suffix('s').filter(|w| !w.ends_with('s'))
        {
            keys.push(format!("{}{singular}", rest.concat()));
        }
        let from = (1..t.len())
            .rfind(|&k| places.contains(&t[..k].join(" ")))
            .unwrap_or(0);
        let core_len = t.len()
            - t[from..]
                .iter()
                .rev()
                .take_while(|w| FACILITY_WORDS.contains(&w.as_str()))
                .count();
        let core = &t[from..core_len];
        let distinctive = match core {
            [] => false,
            [word] => word.chars().count() >= 4 && !surnames.contains(word.as_str()),
            _ => true,
        };
        if distinctive {
            keys.push(format!("facility:{}", core.join(" ")));
        }
    }
    keys
}

/// Link names of one person written two ways: the same first name with a
/// surname one letter apart ("Duncan Rait" / "Duncan Raite", "Zelensky" /
/// "Zelenskiy"), and a blend of a first and a last name written with an
/// inner capital ("LiLo" / "Lindsay Lohan"), when exactly one full name fits.
fn link_near_names(entities: &[Names<'_>], toks: &[Vec<Vec<String>>], uf: &mut UnionFind) {
    let may_be_person = |i: usize| may_be_person(entities[i].kind);
    let mut full: Vec<(usize, &str, &str)> = Vec::new();
    for (i, names) in toks.iter().enumerate().filter(|&(i, _)| may_be_person(i)) {
        for t in names {
            if let [first, .., last] = t.as_slice() {
                full.push((i, first, last));
            }
        }
    }
    // Only names with one first name are compared (sorted, so in a fixed order).
    let mut by_first = full.clone();
    by_first.sort_by_key(|&(i, first, _)| (first, i));
    for same_first in by_first.chunk_by(|a, b| a.1 == b.1) {
        for (a, &(i, _, last)) in same_first.iter().enumerate() {
            for &(j, _, other) in &same_first[a + 1..] {
                let longer = last.chars().count().max(other.chars().count());
                if longer >= 5 && strsim::levenshtein(last, other) == 1 {
                    uf.union(i, j);
                }
            }
        }
    }
    for (i, e) in entities
        .iter()
        .enumerate()
        .filter(|&(i, _)| may_be_person(i))
    {
        for name in e.names.iter().filter(|n| is_blend(n)) {
            let word = fold(name);
            let mut fits: Vec<usize> = full
                .iter()
                .filter(|(_, first, last)| blends(first, last).any(|b| b == word))
                .map(|&(j, _, _)| uf.find(j))
                .collect();
            fits.sort_unstable();
            fits.dedup();
            if let [root] = fits.as_slice() {
                uf.union(i, *root);
            }
        }
    }
}

/// One word with a capital inside, as blends of names are written ("LiLo",
/// "JLo", "ARod"); not an acronym.
fn is_blend(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(char::is_uppercase)
        && name.chars().all(char::is_alphabetic)
        && name.chars().any(char::is_lowercase)
        && chars.any(char::is_uppercase)
}

/// The blends of a first and a last name: one to three letters of the first
/// and two to four of the last ("li" + "lo", "j" + "lo").
fn blends<'a>(first: &'a str, last: &'a str) -> impl Iterator<Item = String> + 'a {
    let prefix = |w: &str, n: usize| w.chars().take(n).collect::<String>();
    (1..=3).flat_map(move |a| (2..=4).map(move |b| prefix(first, a) + &prefix(last, b)))
}

/// Link the entities; returns, per entity, the index of the entity it joins
/// (itself when it stays alone). Deterministic: entities are visited in order.
pub(crate) fn link(entities: &[Names<'_>]) -> Vec<usize> {
    let mut uf = UnionFind::new(entities.len());
    let toks: Vec<Vec<Vec<String>>> = entities
        .iter()
        .map(|e| {
            e.names
                .iter()
                .map(|n| tokens(n))
                .filter(|t| !t.is_empty())
                .collect()
        })
        .collect();

    // Surnames of the story's people: a facility is never named by one alone
    // ("Kennedy Center" / "Kennedy").
    let surnames: HashSet<&str> = entities
        .iter()
        .zip(&toks)
        .filter(|(e, _)| e.kind == EntityKind::Person)
        .flat_map(|(_, names)| names.iter().filter(|t| t.len() >= 2))
        .filter_map(|t| t.last().map(String::as_str))
        .collect();

    // The story's places: one that opens an organisation's name says where
    // it is, not which it is ("Malibu Promises Treatment Center").
    let places: HashSet<String> = entities
        .iter()
        .zip(&toks)
        .filter(|(e, _)| e.kind == EntityKind::Place)
        .flat_map(|(_, names)| names.iter().map(|t| t.join(" ")))
        .collect();

    // 1. The same name.
    let mut first_with: HashMap<String, usize> = HashMap::new();
    for (i, (e, names)) in entities.iter().zip(&toks).enumerate() {
        for t in names {
            for key in same_name_keys(e.kind, t, &surnames, &places) {
                let j = *first_with.entry(key).or_insert(i);
                uf.union(i, j);
            }
        }
    }

    // 2. One person: a surname one letter apart, or a blend of the names.
    link_near_names(entities, &toks, &mut uf);

    // A group is a place when any of its names is one: "California" typed
    // `other` in one article is still the state.
    let place_roots: HashSet<usize> = (0..entities.len())
        .filter(|&i| entities[i].kind == EntityKind::Place)
        .map(|i| uf.find(i))
        .collect();
    let place_of: Vec<bool> = (0..entities.len())
        .map(|i| place_roots.contains(&uf.find(i)))
        .collect();
    let is_place = |i: usize| place_of.get(i).copied().unwrap_or(false);

    // The full names of each group after step 1, by their words. Only a
    // person's name is found by its last or first word ("Lohan", "Xi"), and a
    // team's by its plural ("Colts"): "Senate" is not the "California State
    // Senate", nor "Democratic" the "Democratic National Committee".
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    let mut long_names: Vec<(usize, &[String])> = Vec::new();
    for (i, names) in toks.iter().enumerate() {
        let root = uf.find(i);
        let kind = entities.get(i).map_or(EntityKind::Other, |e| e.kind);
        let body = kind != EntityKind::Person;
        for t in names.iter().filter(|t| t.len() >= 2) {
            let add = |list: &mut Vec<usize>| {
                if !list.contains(&root) {
                    list.push(root);
                }
            };
            let last = t[t.len() - 1].as_str();
            // Groups of people ("House Democrats") are `other`, teams organisations.
            let team = kind == EntityKind::Organization && last.len() > 4 && last.ends_with('s');
            if !body || team {
                add(by_last.entry(last).or_default());
            }
            if !body {
                add(by_first.entry(t[0].as_str()).or_default());
            }
            if let Some(acronym) = initials(t) {
                add(by_initials.entry(acronym).or_default());
            }
            if body {
                long_names.push((root, t));
            }
        }
    }
    // Only roots whose kind may take the short name: a place joins places only.
    let unique =
        |candidates: Option<&Vec<usize>>, short: usize, uf: &mut UnionFind| -> Option<usize> {
            let found: Vec<usize> = candidates?
                .iter()
                .copied()
                .filter(|&r| !is_place(short) || is_place(r))
                .filter(|&r| uf.find(r) != uf.find(short))
                .collect();
            match found.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        };

    // 3. A one-word name and the one full name it stands for.
    for (i, names) in toks.iter().enumerate() {
        if names.is_empty() || names.iter().any(|t| t.len() != 1) || is_place(i) {
            continue;
        }
        let word = names[0][0].as_str();
        let acronym = entities
            .get(i)
            .is_some_and(|e| e.names.iter().any(|n| is_acronym(n)));
        // A surname first; a leading name ("Xi") only when no full name ends
        // in the word; an acronym last.
        let target = unique(by_last.get(word), i, &mut uf)
            .or_else(|| {
                (!by_last.contains_key(word))
                    .then(|| unique(by_first.get(word), i, &mut uf))
                    .flatten()
            })
            .or_else(|| {
                acronym
                    .then(|| unique(by_initials.get(word), i, &mut uf))
                    .flatten()
            });
        if let Some(root) = target {
            uf.union(i, root);
        }
    }

    // 4. A name that begins exactly one longer organisation or place name.
    for (i, names) in toks.iter().enumerate() {
        if matches!(entities.get(i).map(|e| e.kind), Some(EntityKind::Person)) {
            continue;
        }
        for t in names.iter().filter(|t| t.len() >= 2) {
            let mut longer: Vec<usize> = long_names
                .iter()
                .filter(|(_, long)| long.len() > t.len() && long.starts_with(t))
                .map(|&(root, _)| root)
                .collect();
            longer.sort_unstable();
            longer.dedup();
            if let Some(root) = unique(Some(&longer), i, &mut uf) {
                uf.union(i, root);
            }
        }
    }
    (0..entities.len()).map(|i| uf.find(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    fn groups(entities: &[(EntityKind, &[&str])]) -> Vec<usize> {
        let names: Vec<Names<'_>> = entities
            .iter()
            .map(|(kind, names)| Names {
                kind: *kind,
                names: names.to_vec(),
            })
            .collect();
        let roots = link(&names);
        // Renumber roots by first appearance so tests read as group numbers.
        let mut seen: Vec<usize> = Vec::new();
        roots
            .iter()
            .map(|r| match seen.iter().position(|s| s == r) {
                Some(p) => p,
                None => {
                    seen.push(*r);
                    seen.len() - 1
                }
            })
            .collect()
    }

    #[test]
    fn names_are_normalised_for_matching() {
        assert_eq!(tokens("The Tarn Works Corp."), ["tarn", "works"]);
        assert_eq!(tokens("Ivo Darnov Jr."), ["ivo", "darnov"]);
        assert_eq!(tokens("Sea-Micro’s"), ["sea", "micro"]);
        assert_eq!(tokens("Zoë"), ["zoe"]);
    }

    #[test]
    fn the_same_name_joins_whatever_its_kind() {
        let g = groups(&[
            (Person, &["Ola Zelenskyy"]),
            (Organization, &["Ola Zelenskyy"]),
            (Organization, &["SeaVell"]),
            (Other, &["Sea Vell Inc."]),
            (Person, &["Ida Marie Tarn"]),
            (Other, &["Ida Tarn"]),
        ]);
        assert_eq!(g, [0, 0, 1, 1, 2, 2]);
    }

    #[test]
    fn a_short_name_joins_the_one_full_name_it_fits() {
        let g = groups(&[
            (Person, &["Xi Jinping"]),
            (Other, &["Xi"]),
            (Person, &["Ola Brenn"]),
            (Organization, &["Brenn"]),
            (Organization, &["Associated Press"]),
            (Organization, &["AP"]),
        ]);
        assert_eq!(g, [0, 0, 1, 1, 2, 2]);
    }

    #[test]
    fn nicknames_spellings_and_facility_words_do_not_tell_names_apart() {
        assert_eq!(
            tokens("Vell Recovery Centre"),
            ["vell", "recovery", "center"]
        );
        let g = groups(&[
            (Person, &["Bill Varnell"]),
            (Other, &["William Varnell"]),
            (Organization, &["Halloway Recovery Center"]),
            (Organization, &["Halloway Recovery Clinic"]),
            (Other, &["Halloway Recovery Treatment Centre"]),
            (Other, &["Halloway Recovery"]),
            (Person, &["Bill Orrin"]),
            (Person, &["Mary Orrin"]),
        ]);
        assert_eq!(g, [0, 0, 1, 1, 1, 1, 2, 3]);
    }

    #[test]
    fn a_place_in_front_of_an_organisation_says_where_not_which() {
        let g = groups(&[
            (Place, &["Varna Bay"]),
            (Other, &["Varna Bay Promise Recovery Center"]),
            (Organization, &["Promise Recovery"]),
            (Organization, &["Holm Promise Recovery"]),
        ]);
        // "Holm" is no place of this story: "Holm Promise Recovery" is another.
        assert_eq!(g, [0, 1, 1, 2]);
    }

    #[test]
    fn a_facility_is_not_named_by_a_surname_or_a_person() {
        let g = groups(&[
            (Person, &["Ada Kessler"]),
            (Organization, &["Kessler Center"]),
            (Other, &["Kessler"]),
            (Person, &["Ola Brenn"]),
            (Organization, &["Ola Brenn Clinic"]),
        ]);
        // "Kessler" alone is Ada Kessler's surname, never her namesake's centre.
        assert_eq!(g, [0, 1, 0, 2, 3]);
    }

    #[test]
    fn near_surnames_and_blends_of_one_person_join() {
        let g = groups(&[
            (Person, &["Duncan Ralte"]),
            (Person, &["Duncan Raite"]),
            (Person, &["Mara Lohring"]),
            (Other, &["MaLo"]),
            (Person, &["Ivo Tan"]),
            (Person, &["Ivo Tam"]),
        ]);
        // Short surnames one letter apart are different people ("Tan" / "Tam").
        assert_eq!(g, [0, 0, 1, 1, 2, 3]);
    }

    #[test]
    fn only_people_and_teams_are_named_by_one_of_their_words() {
        let g = groups(&[
            (Organization, &["Tarnow State Senate"]),
            (Organization, &["Senate"]),
            (Other, &["Tarnow"]),
            (Place, &["Tarnow"]),
            (Organization, &["Liberal National Committee"]),
            (Other, &["Liberal"]),
            (Organization, &["Holm Harbour Hawks"]),
            (Other, &["Hawks"]),
        ]);
        // "Tarnow" typed `other` in one article is the place of another.
        assert_eq!(g, [0, 1, 2, 2, 3, 4, 5, 5]);
    }

    #[test]
    fn an_ambiguous_short_name_stays_apart() {
        let g = groups(&[
            (Person, &["Li Wen"]),
            (Person, &["Dara Li"]),
            (Person, &["Ming Li"]),
            (Person, &["Li"]),
        ]);
        assert_eq!(g, [0, 1, 2, 3]);
    }

    #[test]
    fn a_place_never_joins_what_is_not_a_place() {
        let g = groups(&[
            (Organization, &["Tarnow Times"]),
            (Place, &["Tarnow"]),
            (Organization, &["Vell Recovery Center"]),
            (Organization, &["Vell Recovery"]),
            (Place, &["Holm Bay"]),
            (Organization, &["Holm Bay Ferries"]),
            (Place, &["South Vell"]),
            (Place, &["Vell"]),
        ]);
        assert_eq!(g, [0, 1, 2, 2, 3, 4, 5, 6]);
    }
}
