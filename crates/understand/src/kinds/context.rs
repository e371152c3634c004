//! What the words around a name's mentions say: prepositions (`in X`), a
//! place after a comma (`X, Ohio`), definitions (`X, a town in`), lists
//! (`bands such as X`), possessions (`X's wife`), pronouns after it.

use super::lists::*;
use super::*;

/// Prepositions before a name that say it is a place; the first ones say it
/// more strongly (`in X`), the others (`from X`, `to X`) are weak.
pub(super) const STRONG_PLACE_BEFORE: &[&str] = &["in", "near", "outside", "across", "throughout"];
pub(super) const WEAK_PLACE_BEFORE: &[&str] = &[
    "at", "from", "to", "into", "through", "toward", "towards", "via", "around",
];

/// Compass and similar words that, in front of a known place, still name a
/// place (`Southern California`, `West Germany`).
pub(super) const PLACE_MODIFIERS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "upper", "lower", "greater", "new", "old", "inner", "outer",
];

/// Lowercase nouns right before a name that make it an organisation
/// (`the band Orla`, `retailer Tarnco`).
pub(super) const ORG_NOUNS_BEFORE: &[&str] = &[
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
pub(super) const PLACE_NOUNS: &[&str] = &[
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
pub(super) const PERSON_NOUNS: &[&str] = &[
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
pub(super) fn defined_as(text: &str, at: usize) -> Option<EntityKind> {
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
pub(super) const ORG_PLURALS: &[&str] = &[
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
pub(super) const PLACE_PLURALS: &[&str] = &[
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
pub(super) const PERSON_PLURALS: &[&str] = &[
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

pub(super) fn plural_kind(lw: &str) -> Option<EntityKind> {
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
pub(super) fn list_material(between: &str) -> bool {
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
pub(super) fn list_kind(text: &str, span: parallax_model::Span) -> Option<EntityKind> {
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
    // The last trigger: every one starts with a space, so only spaces are
    // tried, from the end (asked for every mention of every name).
    let found = before.rmatch_indices(' ').find_map(|(i, _)| {
        let rest = before.get(i..)?;
        TRIGGERS
            .iter()
            .find(|t| rest.starts_with(*t))
            .map(|t| (i, t.len()))
    });
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
pub(super) const PERSON_POSSESSIONS: &[&str] = &[
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
pub(super) const ORG_POSSESSIONS: &[&str] = &[
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
pub(super) const PLACE_POSSESSIONS: &[&str] = &[
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
pub(super) const PERSON_AFTER: &[&str] =
    &[" was born", " born in", " died", " married", " graduated"];

/// Words before a name that make it an organisation (`a member of X`,
/// `signed to X`).
pub(super) const ORG_BEFORE: &[&str] = &[
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

/// Words after a name that only an organisation's take (`Tarnco was
/// acquired`, `Tarnco is headquartered in`).
pub(super) const ORG_AFTER: &[&str] = &[
    " was acquired by",
    " were acquired by",
    " is headquartered",
    " was headquartered",
    " are headquartered",
    " headquartered in",
    " went bankrupt",
    " filed for bankruptcy",
    " went public",
    " merged with",
    " is a subsidiary",
    " was a subsidiary",
];

/// Kin nouns right before a name (`his brother Tarn`, `her husband, Ada
/// Tarn`): the name is a person's.
pub(super) const KIN_BEFORE: &[&str] = &[
    "wife",
    "husband",
    "son",
    "daughter",
    "father",
    "mother",
    "brother",
    "sister",
    "uncle",
    "aunt",
    "nephew",
    "niece",
    "cousin",
    "grandson",
    "granddaughter",
    "grandfather",
    "grandmother",
    "widow",
    "widower",
    "stepson",
    "stepdaughter",
    "stepfather",
    "stepmother",
    "brother-in-law",
    "sister-in-law",
    "son-in-law",
    "daughter-in-law",
    "father-in-law",
    "mother-in-law",
    "fiancé",
    "fiancée",
    "fiance",
    "fiancee",
];

/// A kin noun right before `at`, a comma allowed between (`his brother, X`).
pub(super) fn kin_before(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let before = before
        .strip_suffix(", ")
        .or_else(|| before.strip_suffix(' '))
        .unwrap_or("");
    is_in(KIN_BEFORE, &lower(last_word(before)))
}

/// The last whitespace-separated word of `s`.
fn last_word(s: &str) -> &str {
    s.rsplit(char::is_whitespace).next().unwrap_or("")
}

/// Compass words that, before `of X`, make X a place (`north of X`).
pub(super) const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
];

/// `north of X`, `20 km southwest of X`: X is a place.
pub(super) fn compass_before(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else {
        return false;
    };
    let Some(rest) = before.strip_suffix(" of ") else {
        return false;
    };
    is_in(COMPASS, &lower(last_word(rest)))
}

/// What the words right around one mention say: a possessive and its
/// noun, a noun or verb after, a phrase before.
pub(super) fn cue_around(text: &str, c: &Candidate) -> Score {
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
    if ORG_AFTER.iter().any(|p| after.starts_with(p)) {
        s.org += 3.0;
    }
    if compass_before(text, c.span.start) {
        s.place += 3.0;
    }
    if kin_before(text, c.span.start) {
        s.person += 3.0;
    }
    // `P. Tarn`, `J. Orla Quist`: an initial opens a person's name.
    if c.words.len() >= 2
        && c.words.first().is_some_and(|w| {
            let raw = w.slice(text);
            raw.chars().count() == 1
                && raw.chars().all(|ch| ch.is_uppercase())
                && text.get(w.end..).is_some_and(|r| r.starts_with(". "))
        })
    {
        s.person += 2.5;
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

/// The word right before `at` (only spaces between), lowercase.
pub(super) fn word_before(text: &str, at: usize) -> Option<String> {
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
pub(super) fn after_comma(text: &str, at: usize) -> String {
    let Some(rest) = text.get(at..).and_then(|r| r.strip_prefix(", ")) else {
        return String::new();
    };
    let mut words = Vec::new();
    for w in rest.split(' ').take(4) {
        let bare = w.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        if bare.is_empty() || !is_capitalised(bare) {
            break;
        }
        words.push(plain_fold(bare));
        if bare.len() != w.len() {
            break;
        }
    }
    words.join(" ")
}

/// A personal pronoun (`he`, `her`) after `from`, before `until` (the next
/// name) and within the next sentence or so.
pub(super) fn pronoun_follows(text: &str, from: usize, until: usize) -> bool {
    let mut end = until.min(from + 200).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let Some(window) = text.get(from..end) else {
        return false;
    };
    parallax_text::words(window).any(|w| of_pronoun(&w.text.to_lowercase()) != Gender::Unknown)
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

/// What the mentions of an entity and the words around them say. A `he` or
/// `she` soon after counts half for a name not shaped like a person's
/// (`person_shaped`): after "Medicare" or "Twitter" it is often about
/// someone else, so one is not enough, but a name followed by them again and
/// again is a person's.
pub(super) fn score_mentions(
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
