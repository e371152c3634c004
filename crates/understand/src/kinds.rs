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
    "empire",
    "kingdom",
    "caliphate",
    "sultanate",
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

/// Plural nouns that head a list of organisations (`bands such as X`,
/// `X, Y and other companies`).
const ORG_PLURALS: &[&str] = &[
    "bands",
    "groups",
    "companies",
    "firms",
    "corporations",
    "businesses",
    "brands",
    "labels",
    "publications",
    "newspapers",
    "magazines",
    "journals",
    "stations",
    "networks",
    "channels",
    "broadcasters",
    "outlets",
    "clubs",
    "teams",
    "parties",
    "organizations",
    "organisations",
    "banks",
    "retailers",
    "chains",
    "airlines",
    "carriers",
    "universities",
    "colleges",
    "schools",
    "agencies",
    "institutions",
    "charities",
    "manufacturers",
    "makers",
    "lenders",
    "insurers",
    "studios",
    "websites",
    "platforms",
    "startups",
    "unions",
    "federations",
    "leagues",
    "automakers",
    "carmakers",
];

/// Plural nouns that head a list of places (`towns such as X`).
const PLACE_PLURALS: &[&str] = &[
    "places",
    "cities",
    "towns",
    "villages",
    "hamlets",
    "countries",
    "nations",
    "states",
    "regions",
    "islands",
    "rivers",
    "lakes",
    "provinces",
    "counties",
    "districts",
    "locations",
    "destinations",
    "suburbs",
    "neighborhoods",
    "neighbourhoods",
    "parishes",
    "municipalities",
    "capitals",
    "territories",
    "continents",
];

/// Plural nouns that head a list of people (`players such as X`).
const PERSON_PLURALS: &[&str] = &[
    "people",
    "players",
    "actors",
    "actresses",
    "singers",
    "musicians",
    "politicians",
    "writers",
    "authors",
    "celebrities",
    "athletes",
    "poets",
    "composers",
    "painters",
    "lawmakers",
    "senators",
    "candidates",
    "rappers",
];

fn plural_kind(lw: &str) -> Option<EntityKind> {
    if is_in(ORG_PLURALS, lw) {
        Some(EntityKind::Organization)
    } else if is_in(PLACE_PLURALS, lw) {
        Some(EntityKind::Place)
    } else if is_in(PERSON_PLURALS, lw) {
        Some(EntityKind::Person)
    } else {
        None
    }
}

/// Text between a list's head and one of its names: only names, commas
/// and `and`/`or` (`X, Y and `).
fn list_material(between: &str) -> bool {
    between.split_whitespace().all(|w| {
        let w = w.trim_end_matches([',', ';']).trim_end_matches("'s");
        w.is_empty()
            || matches!(w, "and" | "or" | "the" | "of" | "&" | "/")
            || w.chars()
                .next()
                .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit())
    })
}

/// The kind a list's head noun gives a name in it: `bands such as X`,
/// `companies like X, Y`, `towns including X`, `X, Y and other clubs`.
fn list_kind(text: &str, span: parallax_model::Span) -> Option<EntityKind> {
    const TRIGGERS: &[&str] = &[
        " such as ",
        " like ",
        " including ",
        " include ",
        " includes ",
    ];
    let mut from = span.start.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..span.start)?;
    let found = TRIGGERS
        .iter()
        .filter_map(|t| before.rfind(t).map(|i| (i, t.len())))
        .max_by_key(|&(i, _)| i);
    if let Some((i, len)) = found
        && list_material(&before[i + len..])
    {
        let head = before[..i].trim_end_matches(',');
        let noun = head.rsplit(' ').next().unwrap_or("");
        if let Some(k) = plural_kind(noun) {
            return Some(k);
        }
    }
    let mut to = (span.end + 200).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let after = text.get(span.end..to)?;
    // `the Tarn and Orla parties`: names joined, then a plural noun.
    let mut joined = before.ends_with(" and ") || before.ends_with(" or ");
    for w in after.split_whitespace().take(12) {
        let bare = w.trim_end_matches([',', ';']);
        if matches!(bare, "and" | "or") {
            joined = true;
        } else if !list_material(bare) {
            let bare = bare.trim_end_matches(|ch: char| !ch.is_alphanumeric());
            match plural_kind(bare) {
                Some(k) if joined => return Some(k),
                _ => break,
            }
        }
    }
    let found = [
        " and other ",
        " or other ",
        " and several other ",
        " and many other ",
        " and various other ",
    ]
    .iter()
    .filter_map(|t| after.find(t).map(|i| (i, t.len())))
    .min_by_key(|&(i, _)| i)?;
    if !list_material(&after[..found.0]) {
        return None;
    }
    after[found.0 + found.1..]
        .split(' ')
        .take(3)
        .find_map(|w| plural_kind(w.trim_end_matches(|ch: char| !ch.is_alphanumeric())))
}

/// Nouns after a name's possessive that belong to a person (`Tarn's wife`).
const PERSON_POSSESSIONS: &[&str] = &[
    "wife",
    "husband",
    "son",
    "daughter",
    "sons",
    "daughters",
    "father",
    "mother",
    "brother",
    "sister",
    "parents",
    "widow",
    "girlfriend",
    "boyfriend",
    "death",
    "birth",
    "funeral",
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
    "childhood",
];

/// Nouns after a name's possessive that belong to an organisation
/// (`Tarnco's shares`, `Orla's debut album`).
const ORG_POSSESSIONS: &[&str] = &[
    "shares",
    "stock",
    "shareholders",
    "subsidiary",
    "subsidiaries",
    "headquarters",
    "employees",
    "staff",
    "workforce",
    "ceo",
    "chairman",
    "album",
    "albums",
    "debut",
    "lineup",
    "line-up",
    "founders",
    "members",
    "products",
    "revenue",
    "profits",
    "logo",
];

/// Nouns after a name's possessive that belong to a place (`Orla's mayor`).
const PLACE_POSSESSIONS: &[&str] = &[
    "capital",
    "population",
    "mayor",
    "governor",
    "residents",
    "inhabitants",
    "citizens",
    "suburbs",
    "outskirts",
    "streets",
    "coast",
    "coastline",
    "borders",
];

/// Words after a name that only a person's takes (`Tarn was born`).
const PERSON_AFTER: &[&str] = &[" was born", " born in", " died", " married", " graduated"];

/// Words before a name that make it an organisation (`a member of X`,
/// `signed to X`).
const ORG_BEFORE: &[&str] = &[
    "member of",
    "members of",
    "member of the",
    "members of the",
    "founder of",
    "co-founder of",
    "founders of",
    "founder of the",
    "subsidiary of",
    "division of",
    "shareholders of",
    "signed to",
    "signed with",
];

/// What the words right around one mention say: a possessive and its
/// noun, a noun or verb after, a phrase before.
fn cue_around(text: &str, c: &Candidate) -> Score {
    let mut s = Score::default();
    let after = text.get(c.span.end..).unwrap_or("");
    let next_word = |rest: &str| -> String {
        let w = rest.split(' ').next().unwrap_or("");
        w.trim_end_matches(|ch: char| !ch.is_alphanumeric())
            .to_string()
    };
    if let Some(rest) = after
        .strip_prefix("'s ")
        .or_else(|| after.strip_prefix("’s "))
        .or_else(|| after.strip_prefix("' "))
    {
        let w = next_word(rest);
        if is_in(PERSON_POSSESSIONS, &w) {
            s.person += 2.0;
        } else if is_in(ORG_POSSESSIONS, &w) {
            s.org += 2.0;
        } else if is_in(PLACE_POSSESSIONS, &w) {
            s.place += 2.0;
        }
    } else if let Some(rest) = after.strip_prefix(' ') {
        let w = next_word(rest);
        if matches!(w.as_str(), "member" | "members") {
            s.org += 2.0;
        }
    }
    if PERSON_AFTER.iter().any(|p| after.starts_with(p)) {
        s.person += 3.0;
    }
    let before = text.get(..c.span.start).unwrap_or("").trim_end_matches(' ');
    let mut from = before.len().saturating_sub(20);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let lowered = lower(&before[from..]);
    if ORG_BEFORE.iter().any(|p| {
        lowered.ends_with(p)
            && lowered[..lowered.len() - p.len()]
                .chars()
                .next_back()
                .is_none_or(|ch| !ch.is_alphanumeric())
    }) {
        s.org += 2.0;
    }
    s
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

/// `in X`, `near X`: a preposition before the mention that says more
/// strongly than `to X` that it names a place.
/// Not with a possessive: `in Tarn's house` is about Tarn's house.
pub fn after_strong_place_preposition(text: &str, c: &Candidate) -> bool {
    let after = text.get(c.span.end..).unwrap_or("");
    let possessive = ["'s", "’s", "' ", "’ "]
        .iter()
        .any(|p| after.starts_with(p));
    !possessive
        && (c.place_cue
            || word_before(text, c.span.start).is_some_and(|w| is_in(STRONG_PLACE_BEFORE, &w)))
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
        let cue = cue_around(text, c);
        s.person += cue.person;
        s.org += cue.org;
        s.place += cue.place;
        match list_kind(text, c.span) {
            Some(EntityKind::Place) => s.place += 3.0,
            Some(EntityKind::Organization) => s.org += 3.0,
            Some(EntityKind::Person) => s.person += 3.0,
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
}
