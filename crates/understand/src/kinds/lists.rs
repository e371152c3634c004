//! The shipped gazetteer and name lists (`data/`, see its NOTICE), loaded
//! once.

use super::*;

pub(super) fn load(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Countries, states, regions and cities of 100,000 people and more.
pub(super) static MAJOR_PLACES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut set = load(include_str!("../../data/major_places.txt"));
    set.extend(load(include_str!("../../data/regions.txt")));
    set
});
/// Smaller cities and towns, and US counties.
pub(super) static MINOR_PLACES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| load(include_str!("../../data/places.txt")));
pub(super) static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut set = load(include_str!("../../data/given_names.txt"));
    set.extend(extra("given"));
    set
});
pub(super) static SURNAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut set = load(include_str!("../../data/surnames.txt"));
    set.extend(extra("surname"));
    set
});
/// Surnames written before the given name (`Li Wen`, `Kim Soo-jin`).
pub(super) static SURNAMES_FIRST: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| extra("surname first").collect());

/// One `[section]` of `data/names_extra.txt`.
pub(super) fn extra(section: &str) -> impl Iterator<Item = &'static str> {
    let text = include_str!("../../data/names_extra.txt");
    let mut current = "";
    text.lines().map(str::trim).filter(move |l| {
        if let Some(name) = l.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name;
            return false;
        }
        current == section && !l.is_empty() && !l.starts_with('#')
    })
}

/// A folded name (`"ohio"`, `"st louis"`) of a country, state, region or
/// large city.
pub fn is_major_place(folded: &str) -> bool {
    places::is_place(folded) || MAJOR_PLACES.contains(folded)
}

/// A folded name that any of the gazetteers knows, down to small towns.
pub fn is_known_place(folded: &str) -> bool {
    is_major_place(folded) || MINOR_PLACES.contains(folded)
}

/// A folded word that is a given name in the built-in or shipped lists.
pub fn is_given_name(folded: &str) -> bool {
    of_first_name(folded) != Gender::Unknown || GIVEN_NAMES.contains(folded)
}

/// A folded word that is a frequent surname, or has the ending of one
/// (`-ski`, `-wicz`, `-enko`, `-sson`, `-opoulos`).
pub fn is_surname(folded: &str) -> bool {
    SURNAMES.contains(folded)
        || (folded.len() >= 6 && SURNAME_ENDINGS.iter().any(|e| folded.ends_with(e)))
}

/// Endings of surnames in many languages, long enough to say little else.
pub(super) const SURNAME_ENDINGS: &[&str] = &[
    "ski", "ska", "cki", "cka", "wicz", "vich", "ovic", "evic", "enko", "chuk", "shvili", "dze",
    "sson", "opoulos", "akis", "escu", "oglu", "yan", "ian", "ova", "eva", "ov", "ev",
];
