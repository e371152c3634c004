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

use std::collections::HashSet;
use std::sync::LazyLock;

use parallax_model::EntityKind;

use crate::gender::{Gender, of_first_name, of_pronoun};
use crate::keys::plain_fold;
use crate::names::Candidate;
use crate::places;
use crate::titles::{ORG_WORDS, is_in};
use crate::tokens::{is_all_caps, is_capitalised, lower};

fn load(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Countries, states, regions and cities of 100,000 people and more.
static MAJOR_PLACES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut set = load(include_str!("../data/major_places.txt"));
    set.extend(load(include_str!("../data/regions.txt")));
    set
});
/// Smaller cities and towns, and US counties.
static MINOR_PLACES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| load(include_str!("../data/places.txt")));
static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut set = load(include_str!("../data/given_names.txt"));
    set.extend(extra("given"));
    set
});
static SURNAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut set = load(include_str!("../data/surnames.txt"));
    set.extend(extra("surname"));
    set
});
/// Surnames written before the given name (`Li Wen`, `Kim Soo-jin`).
static SURNAMES_FIRST: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| extra("surname first").collect());

/// One `[section]` of `data/names_extra.txt`.
fn extra(section: &str) -> impl Iterator<Item = &'static str> {
    let text = include_str!("../data/names_extra.txt");
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

/// A folded last word that makes a name a place, facility or organisation
/// (`Park`, `Hall`, `Corps`), whatever else it may be.
pub fn ends_other_name(folded: &str) -> bool {
    PLACE_HEADS.contains(&folded) || FACILITY_HEADS.contains(&folded) || ORG_HEADS.contains(&folded)
}

/// Endings of surnames in many languages, long enough to say little else.
const SURNAME_ENDINGS: &[&str] = &[
    "ski", "ska", "cki", "cka", "wicz", "vich", "ovic", "evic", "enko", "chuk", "shvili", "dze",
    "sson", "opoulos", "akis", "escu", "oglu", "yan", "ian", "ova", "eva", "ov", "ev",
];

/// Last words that make a name a place (`Hay Street`, `Deccan Plateau`).
const PLACE_HEADS: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "boulevard",
    "lane",
    "way",
    "drive",
    "highway",
    "square",
    "plaza",
    "park",
    "playfield",
    "garden",
    "gardens",
    "river",
    "creek",
    "brook",
    "stream",
    "lake",
    "lakes",
    "pond",
    "reservoir",
    "bay",
    "beach",
    "coast",
    "island",
    "islands",
    "isle",
    "peninsula",
    "cape",
    "mountain",
    "mountains",
    "mount",
    "hill",
    "hills",
    "heights",
    "valley",
    "canyon",
    "plateau",
    "plain",
    "plains",
    "desert",
    "forest",
    "woods",
    "falls",
    "glacier",
    "gulf",
    "sea",
    "ocean",
    "strait",
    "channel",
    "harbour",
    "harbor",
    "county",
    "parish",
    "district",
    "province",
    "prefecture",
    "region",
    "territory",
    "township",
    "borough",
    "village",
    "town",
    "city",
    "oblast",
    "krai",
    "taluk",
    "canton",
    "junction",
    "airport",
    "oval",
    "stadium",
    "arena",
    "cave",
    "caves",
    "estate",
    "springs",
    "fields",
    "field",
    "place",
    "row",
    "terrace",
    "trail",
    "point",
    "rink",
];

/// First words that make a name a place (`Lake Orla`, `Mount Tarn`).
const PLACE_LEADS: &[&str] = &[
    "lake", "mount", "mt", "cape", "port", "fort", "camp", "isle", "gulf", "bay", "sierra", "rio",
    "lago", "monte", "san", "santa", "saint", "st",
];

/// Last words of buildings, lines and other facilities, which name places
/// in the CoNLL sense (`Alder House`, `Harbour Line`).
const FACILITY_HEADS: &[&str] = &[
    "house",
    "hall",
    "tower",
    "building",
    "bridge",
    "station",
    "railroad",
    "railway",
    "line",
    "tunnel",
    "dam",
    "palace",
    "castle",
    "fort",
    "camp",
    "base",
    "courthouse",
    "cemetery",
    "memorial",
    "monument",
    "pier",
    "port",
    "terminal",
    "mall",
    "market",
];

/// Words that make a name an organisation besides [`ORG_WORDS`]: clubs,
/// companies, bands and units (`Perth FC`, `Alder Brothers`, `IV Corps`).
const ORG_HEADS: &[&str] = &[
    "fc",
    "afc",
    "cf",
    "hc",
    "sc",
    "ac",
    "united",
    "rovers",
    "wanderers",
    "athletic",
    "corps",
    "brothers",
    "bros",
    "lines",
    "exchange",
    "hotel",
    "theatre",
    "theater",
    "publishing",
    "publishers",
    "force",
    "command",
    "conference",
    "mission",
    "orchestra",
    "choir",
    "ensemble",
    "band",
    "diocese",
    "regiment",
    "brigade",
    "division",
    "battalion",
    "squadron",
    "fleet",
    "project",
    "works",
    "mills",
    "labs",
    "laboratories",
    "partners",
    "enterprises",
    "international",
    "ministries",
    "cathedral",
    "church",
    "broadcasting",
    "broadcasters",
    "lounge",
    "bar",
    "cafe",
    "restaurant",
    "shop",
    "store",
    "stores",
    "supermarket",
    "bancorp",
    "capital",
    "energy",
    "pharmaceuticals",
    "airline",
];

/// Prepositions before a name that say it is a place; the first ones say it
/// more strongly (`in X`), the others (`from X`, `to X`) are weak.
const STRONG_PLACE_BEFORE: &[&str] = &["in", "near", "outside", "across", "throughout"];
const WEAK_PLACE_BEFORE: &[&str] = &[
    "at", "from", "to", "into", "through", "toward", "towards", "via", "around",
];

/// Compass and similar words that, in front of a known place, still name a
/// place (`Southern California`, `West Germany`).
const PLACE_MODIFIERS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "upper", "lower", "greater", "new", "old", "inner", "outer",
];

/// Lowercase nouns right before a name that make it an organisation
/// (`the band Orla`, `retailer Tarnco`).
const ORG_NOUNS_BEFORE: &[&str] = &[
    "band",
    "group",
    "label",
    "company",
    "firm",
    "club",
    "team",
    "newspaper",
    "magazine",
    "network",
    "channel",
    "airline",
    "carrier",
    "retailer",
    "chain",
    "brand",
    "manufacturer",
    "maker",
    "bank",
    "publisher",
    "broadcaster",
    "charity",
    "outfit",
    "franchise",
    "studio",
    "website",
    "insurer",
    "lender",
    "supermarket",
    "conglomerate",
    "startup",
    "giant",
];

/// Nouns that, as the head of `X, a ...` or `X is a ...`, make X a place.
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "hamlet",
    "county",
    "river",
    "lake",
    "island",
    "region",
    "province",
    "state",
    "country",
    "neighborhood",
    "neighbourhood",
    "suburb",
    "municipality",
    "parish",
    "district",
    "mountain",
    "valley",
    "settlement",
    "community",
    "capital",
    "port",
    "park",
    "stadium",
    "street",
    "road",
    "borough",
    "commune",
    "territory",
    "peninsula",
];

/// Nouns that, as the head of `X, a ...` or `X is a ...`, make X a person.
const PERSON_NOUNS: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "politician",
    "footballer",
    "cricketer",
    "athlete",
    "poet",
    "novelist",
    "painter",
    "composer",
    "journalist",
    "historian",
    "philosopher",
    "soldier",
    "engineer",
    "teacher",
    "student",
    "entrepreneur",
    "businessman",
    "businesswoman",
    "actor",
    "actress",
    "singer",
    "musician",
    "rapper",
    "writer",
    "author",
    "guitarist",
    "drummer",
    "pianist",
    "producer",
    "director",
    "player",
    "coach",
    "lawyer",
];

/// The head noun of an apposition or definition after a name (`X, a small
/// town in ...`, `X is an American rock band`): the first listed noun among
/// the few lowercase words after the article.
fn defined_as(text: &str, at: usize) -> Option<EntityKind> {
    let rest = text.get(at..)?;
    let openers = [
        ", a ",
        ", an ",
        ", the ",
        " is a ",
        " is an ",
        " is the ",
        " was a ",
        " was an ",
        " was the ",
        " are a ",
        " were a ",
    ];
    let opener = openers.iter().find(|o| rest.starts_with(*o))?;
    for w in rest[opener.len()..].split(' ').take(7) {
        let bare = w.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        let lw = bare.to_lowercase();
        if is_in(PLACE_NOUNS, &lw) {
            return Some(EntityKind::Place);
        }
        if is_in(ORG_NOUNS_BEFORE, &lw) || is_in(ORG_WORDS, &lw) && bare == lw {
            return Some(EntityKind::Organization);
        }
        if is_in(PERSON_NOUNS, &lw) || crate::titles::ROLE_NOUNS.contains(&lw.as_str()) {
            return Some(EntityKind::Person);
        }
        if bare.len() != w.len()
            || matches!(
                lw.as_str(),
                "of" | "in" | "from" | "that" | "which" | "who" | "and" | "on"
            )
        {
            return None;
        }
    }
    None
}

/// Folded words of a candidate.
fn folded_words(text: &str, c: &Candidate) -> Vec<String> {
    c.words
        .iter()
        .map(|w| plain_fold(w.slice(text)).replace('.', ""))
        .collect()
}

/// The word right before `at` (only spaces between), lowercase.
fn word_before(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?;
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() || trimmed.ends_with(['\n', '.', ',', ';', ':']) {
        return None;
    }
    let start = trimmed
        .rfind(|ch: char| !ch.is_alphanumeric() && ch != '\'' && ch != '-')
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    Some(lower(&trimmed[start..]))
}

/// The capitalised words right after `, ` at `at` (`, New Jersey, in`), folded
/// and joined; empty when the text goes on otherwise.
fn after_comma(text: &str, at: usize) -> String {
    let Some(rest) = text.get(at..).and_then(|r| r.strip_prefix(", ")) else {
        return String::new();
    };
    let mut words = Vec::new();
    for w in rest.split(' ').take(4) {
        let bare = w.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        if bare.is_empty() || !is_capitalised(bare) {
            break;
        }
        words.push(plain_fold(bare).replace('.', ""));
        if bare.len() != w.len() {
            break;
        }
    }
    words.join(" ")
}

/// A personal pronoun (`he`, `her`) after `from`, before `until` (the next
/// name) and within the next sentence or so.
fn pronoun_follows(text: &str, from: usize, until: usize) -> bool {
    let mut end = until.min(from + 200).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let Some(window) = text.get(from..end) else {
        return false;
    };
    parallax_text::words(window).any(|w| of_pronoun(&w.text.to_lowercase()) != Gender::Unknown)
}

/// Weights for each kind.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    person: f32,
    org: f32,
    place: f32,
}

/// What the name itself says, whatever its context: lists and shape.
fn score_name(words: &[String], raw: &[&str]) -> Score {
    let mut s = Score::default();
    let full = words.join(" ");
    let n = words.len();
    let last = words.last().map_or("", String::as_str);
    let first = words.first().map_or("", String::as_str);
    let one_word_person = n == 1 && (is_surname(&full) || is_given_name(&full));
    let named_place = if is_major_place(&full) {
        s.place += 4.0;
        true
    } else if MINOR_PLACES.contains(full.as_str()) {
        // A one-word town is often a surname too (Harrison, Lincoln).
        s.place += if one_word_person { 1.0 } else { 2.5 };
        true
    } else {
        if n >= 2 && is_in(PLACE_MODIFIERS, first) && is_known_place(&words[1..].join(" ")) {
            s.place += 2.5;
        }
        false
    };
    let place_head = n >= 2 && is_in(PLACE_HEADS, last);
    if place_head {
        s.place += 4.0;
    }
    if n >= 2 && !place_head && is_in(PLACE_LEADS, first) {
        s.place += if matches!(first, "san" | "santa" | "saint" | "st") {
            1.0
        } else {
            3.0
        };
    }
    let facility = n >= 2 && is_in(FACILITY_HEADS, last);
    if facility {
        s.place += 2.0;
    }
    if !named_place {
        if words.iter().any(|w| is_in(ORG_WORDS, w)) {
            s.org += 4.0;
        }
        if words.iter().any(|w| is_in(ORG_HEADS, w)) && (n >= 2 || is_all_caps(raw[0])) {
            s.org += 3.0;
        }
        // `NATO`, `Orbis & Vale`, `The Zutons`, `Radio 98`.
        if n == 1 && is_all_caps(raw[0]) && (2..=6).contains(&raw[0].chars().count()) {
            s.org += 1.5;
        }
        if raw
            .iter()
            .any(|w| w.chars().any(|ch| ch.is_ascii_digit() || ch == '&'))
        {
            s.org += 1.5;
        }
    }
    if n >= 2 && raw[0] == "The" {
        s.org += 2.0;
        s.person -= 2.0;
    }
    // `DJ Sola`, `MC Tarn`.
    if n >= 2 && matches!(first, "dj" | "mc") {
        s.person += 3.0;
    }
    if team_words(words) {
        s.org += 4.0;
    }
    let headed = place_head
        || facility
        || is_in(ORG_HEADS, last)
        || words.iter().any(|w| is_in(ORG_WORDS, w));
    if (2..=4).contains(&n)
        && !headed
        && (is_given_name(first) || (n <= 3 && SURNAMES_FIRST.contains(first)))
    {
        s.person += 3.0;
    }
    if n >= 2 && !headed && is_surname(last) {
        s.person += 1.5;
    }
    let alphabetic = raw.iter().all(|w| {
        w.chars()
            .all(|ch| ch.is_alphabetic() || ch == '\'' || ch == '-')
    });
    if n == 1 && alphabetic && !is_all_caps(raw[0]) {
        if is_given_name(first) {
            s.person += 1.5;
        }
        if is_surname(first) {
            s.person += 1.0;
        }
    }
    // `Jo P. Tan`: a middle initial.
    if n >= 3 && raw[1..n - 1].iter().any(|w| w.chars().count() == 1) {
        s.person += 2.0;
    }
    s
}

/// `Boston Bruins`, `Perth Falcons`: a place and a plural noun, as sports
/// teams are named (not `Maurice Cheeks`: a given name first is a person's).
fn team_words(words: &[String]) -> bool {
    let [prefix @ .., last] = words else {
        return false;
    };
    if prefix.is_empty() {
        return false;
    }
    let prefix = prefix.join(" ");
    let plural = last.len() > 3 && last.ends_with('s') && !last.ends_with("ss");
    plural
        && is_known_place(&prefix)
        && (is_major_place(&prefix) || !is_given_name(&prefix))
        && !is_surname(last)
        && !is_in(PLACE_HEADS, last)
}

/// The place and the nickname of a team's name (`Boston Bruins` → `boston`,
/// `bruins`), which stand for the team alone.
pub fn team_parts(text: &str, c: &Candidate) -> Option<(String, String)> {
    let mut words = folded_words(text, c);
    if !team_words(&words) {
        return None;
    }
    let nickname = words.pop()?;
    Some((words.join(" "), nickname))
}

/// A preposition before the mention says it names a place (`in X`, `from X`).
pub fn after_place_preposition(text: &str, c: &Candidate) -> bool {
    c.place_cue
        || word_before(text, c.span.start)
            .is_some_and(|w| is_in(STRONG_PLACE_BEFORE, &w) || is_in(WEAK_PLACE_BEFORE, &w))
}

/// Whether a name may be a person's at all, for linking a bare surname or
/// first name to it: `Boston` is not the first name of `Boston Bruins`, nor
/// `Reading` that of `Reading Street`.
pub fn person_shaped(text: &str, c: &Candidate) -> bool {
    let words = folded_words(text, c);
    let raw: Vec<&str> = c.words.iter().map(|w| w.slice(text)).collect();
    if raw.is_empty() {
        return false;
    }
    let s = score_name(&words, &raw);
    s.org <= 0.0 && s.place < 2.0
}

/// What the mentions of an entity and the words around them say. A `he` or
/// `she` soon after counts half for a name not shaped like a person's
/// (`person_shaped`): after "Medicare" or "Twitter" it is often about
/// someone else, so one is not enough, but a name followed by them again and
/// again is a person's.
fn score_mentions(
    text: &str,
    cands: &[Candidate],
    members: &[usize],
    person_shaped: bool,
) -> Score {
    let mut s = Score::default();
    let (mut strong_place, mut weak_place, mut article, mut within) = (0, 0, false, false);
    let (mut pronouns, mut life) = (0, false);
    for &m in members {
        let Some(c) = cands.get(m) else { continue };
        let until = cands.get(m + 1).map_or(text.len(), |n| n.span.start);
        pronouns += usize::from(pronoun_follows(text, c.span.end, until));
        // `Ada Tarn (born 1950)`, `Ada Tarn (1901–1980)`.
        let after = text.get(c.span.end..).unwrap_or("");
        life |= ["(born", "(b.", "(c.", "(1", "(2"]
            .iter()
            .any(|p| after.trim_start_matches(' ').starts_with(p));
        if c.person_cue {
            s.person += 5.0;
        }
        if c.org_cue {
            s.org += 3.0;
        }
        if c.place_strong {
            s.place += 5.0;
        }
        if c.speech_subject {
            s.person += 0.5;
            s.org += 0.5;
        }
        match word_before(text, c.span.start).as_deref() {
            Some(w) if c.place_cue || is_in(STRONG_PLACE_BEFORE, w) => strong_place += 1,
            Some(w) if is_in(WEAK_PLACE_BEFORE, w) => weak_place += 1,
            Some("the") => article = true,
            Some(w) if is_in(ORG_NOUNS_BEFORE, w) => s.org += 2.0,
            _ => {}
        }
        match defined_as(text, c.span.end) {
            Some(EntityKind::Place) => s.place += 3.0,
            Some(EntityKind::Organization) => s.org += 3.0,
            Some(EntityKind::Person) => s.person += 3.0,
            _ => {}
        }
        // `Harrison, New Jersey`: a place within a place.
        let next = after_comma(text, c.span.end);
        within |= !next.is_empty() && is_known_place(&next);
    }
    s.place += (1.5 * strong_place as f32 + 0.5 * weak_place as f32).min(3.0);
    let weight = if person_shaped { 1.5 } else { 0.75 };
    s.person += (weight * pronouns as f32).min(3.0);
    if life {
        s.person += 3.0;
    }
    if within {
        s.place += 2.5;
    }
    // People are rarely `the X`; organisations and some places are.
    if article {
        s.person -= 2.0;
        s.org += 1.0;
    }
    s
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
}
