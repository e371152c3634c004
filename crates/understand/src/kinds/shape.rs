//! What a name says by itself: list hits, endings and openings (`X Street`,
//! `Lake X`, `X FC`), a city and a plural noun as teams are named.

use super::lists::*;
use super::*;

/// Last words that make a name a place (`Hay Street`, `Deccan Plateau`).
pub(super) const PLACE_HEADS: &[&str] = &[
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
pub(super) const PLACE_LEADS: &[&str] = &[
    "lake", "mount", "mt", "cape", "port", "fort", "camp", "isle", "gulf", "bay", "sierra", "rio",
    "lago", "monte", "san", "santa", "saint", "st",
];

/// Last words of buildings, lines and other facilities, which name places
/// in the CoNLL sense (`Alder House`, `Harbour Line`).
pub(super) const FACILITY_HEADS: &[&str] = &[
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
pub(super) const ORG_HEADS: &[&str] = &[
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

/// A folded last word that makes a name a place, facility or organisation
/// (`Park`, `Hall`, `Corps`), whatever else it may be.
pub fn ends_other_name(folded: &str) -> bool {
    PLACE_HEADS.contains(&folded) || FACILITY_HEADS.contains(&folded) || ORG_HEADS.contains(&folded)
}

/// What the name itself says, whatever its context: lists and shape.
pub(super) fn score_name(words: &[String], raw: &[&str]) -> Score {
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
pub(super) fn team_words(words: &[String]) -> bool {
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

/// Folded words of a candidate.
pub(super) fn folded_words(text: &str, c: &Candidate) -> Vec<String> {
    c.words.iter().map(|w| plain_fold(w.slice(text))).collect()
}
