//! Who can act in a sentence: names the understand stage found, nationality
//! words (`Egyptian`, `Kurds`), and nouns for people acting together
//! (`police`, `rebels`, `officials`), joined into phrases such as
//! `Senior Hungarian and Romanian officials` or `Opposition groups in Zimbabwe`.

use parallax_model::Span;

use crate::places;
use crate::titles::{self, NATIONALITIES};
use crate::tokens::Tok;

/// One actor phrase of a sentence, over tokens `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub first: usize,
    pub last: usize,
    pub span: Span,
    /// The first entity named in the phrase (index into the article's entities).
    pub entity: Option<usize>,
    pub sector: &'static str,
}

/// The sector a noun for a group of people says (`"troops"` → military).
pub fn sector(word: &str) -> Option<&'static str> {
    Some(match word {
        "government" | "governments" | "officials" | "authorities" | "ministry" | "minister"
        | "ministers" | "president" | "parliament" | "lawmakers" | "legislators" | "cabinet"
        | "administration" | "regime" | "diplomat" | "diplomats" | "ambassador" | "envoy"
        | "delegation" | "negotiators" | "mayor" | "governor" | "king" | "emir" | "premier"
        | "chancellor" | "senate" | "congress" | "committee" | "commission" | "council"
        | "agency" | "department" => "government",
        "court" | "courts" | "judge" | "judges" | "prosecutor" | "prosecutors" | "jury"
        | "juries" | "jurors" => "judicial",
        "army" | "armies" | "troops" | "soldiers" | "soldier" | "forces" | "navy" | "warships"
        | "aircraft" | "officers" | "commanders" | "generals" => "military",
        "police" | "policemen" | "policeman" | "gendarmes" => "police",
        "rebels" | "rebel" | "guerrillas" | "guerrilla" | "insurgents" | "militants"
        | "militia" | "militias" | "militiamen" | "fighters" | "separatists" | "extremists"
        | "gunmen" | "jihadists" => "rebel",
        "opposition" | "protesters" | "protestors" | "demonstrators" | "activists"
        | "dissidents" => "opposition",
        "company" | "companies" | "firm" | "firms" | "bank" | "banks" | "investors" => "business",
        "union" | "unions" | "employees" | "teachers" | "farmers" | "dockers" => "labor",
        "journalists" | "reporters" | "newspaper" | "media" => "media",
        "civilians" | "refugees" | "villagers" | "residents" | "students" | "youths"
        | "prisoners" | "detainees" | "settlers" | "doctors" | "hackers" | "people" | "leaders"
        | "leader" | "groups" | "group" | "members" | "member" | "supporters" | "crowds"
        | "elders" | "youth" | "sides" | "organizers" | "organisers" => "",
        // `dockworkers`, `steelworkers`.
        _ if word.ends_with("workers") => "labor",
        _ => return None,
    })
}

/// Words that qualify a group without being one (`senior`, `armed`).
fn is_modifier(word: &str) -> bool {
    matches!(
        word,
        "senior"
            | "former"
            | "radical"
            | "armed"
            | "ethnic"
            | "security"
            | "foreign"
            | "local"
            | "young"
            | "angry"
            | "main"
            | "top"
            | "hardline"
            | "islamist"
            | "tribal"
            | "civilian"
            | "federal"
            | "national"
            | "regional"
            | "aid"
            | "peace"
            | "traditional"
            | "military"
            | "intelligence"
            | "junior"
            | "deputy"
    )
}

fn is_people(word: &str) -> bool {
    NATIONALITIES.contains(&word) || places::demonym_country(word).is_some()
}

/// What one token can be in an actor phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Name(usize),
    /// A capitalised word the name finder left alone (`Hezbollah` opening a
    /// sentence): likely a name, with no entity to link.
    Capital,
    People,
    Group(&'static str),
    Modifier,
    None,
}

impl Part {
    fn is_head(self) -> bool {
        !matches!(self, Part::Modifier | Part::None)
    }
}

/// The actor phrases of a sentence's tokens (`lower`: their lowercase text;
/// `names`: the entity named at each, if any).
pub fn find(text: &str, toks: &[Tok], lower: &[String], names: &[Option<usize>]) -> Vec<Phrase> {
    // The first word of a sentence or clause is capitalised whatever it is:
    // it counts as a name only before a group (`Hezbollah guerrillas`).
    let opens = |k: usize| k == 0 || opens_clause(text, toks[k - 1], toks[k]);
    let mut parts: Vec<Part> = toks
        .iter()
        .zip(lower)
        .enumerate()
        .map(|(k, (t, w))| match names.get(k).copied().flatten() {
            Some(entity) => Part::Name(entity),
            None if is_people(w) => Part::People,
            None if !opens(k) && is_capital(t.text(text), w) => Part::Capital,
            None => match sector(w) {
                Some(s) => Part::Group(s),
                None if is_modifier(w) => Part::Modifier,
                None => Part::None,
            },
        })
        .collect();
    for k in 0..parts.len() {
        // `UPDATE: Richard Blumenthal` is a label, not a name.
        let before_group = parts.get(k + 1).is_some_and(|p| *p != Part::None)
            && toks
                .get(k + 1)
                .is_some_and(|next| !punctuated(text, toks[k], *next));
        if parts[k] == Part::None
            && opens(k)
            && before_group
            && is_capital(toks[k].text(text), &lower[k])
        {
            parts[k] = Part::Capital;
        }
    }
    let mut phrases = Vec::new();
    let mut k = dateline_end(text, toks);
    while k < toks.len() {
        if parts[k] == Part::None {
            k += 1;
            continue;
        }
        let first = k;
        let mut last = k;
        let mut j = k + 1;
        while j < toks.len() {
            // One name's tokens stay together across its full stops
            // (`Joseph R. Biden Jr.`).
            let same_name =
                matches!((parts[j - 1], parts[j]), (Part::Name(a), Part::Name(b)) if a == b);
            if parts[j] != Part::None && (same_name || !punctuated(text, toks[j - 1], toks[j])) {
                last = j;
                j += 1;
                continue;
            }
            // `officials of the ministry`, `groups in Zimbabwe`, `Hungarian
            // and Romanian officials`: a link word to more of the phrase.
            let link = lower[j].as_str();
            let skip_the = lower.get(j + 1).is_some_and(|w| w == "the");
            let next = j + 1 + usize::from(skip_the);
            let joins = match link {
                // Only a group takes a place or body after it: `rebels in
                // the Ivory Coast`, not `Ola Brenn in Darnow`.
                "of" | "in" | "from" => {
                    matches!(parts[j - 1], Part::Group(_))
                        && matches!(parts.get(next), Some(Part::Name(_)))
                }
                "and" => parts.get(next).is_some_and(|p| p.is_head()),
                _ => false,
            };
            if joins && !punctuated(text, toks[j - 1], toks[j]) {
                j = next;
                continue;
            }
            break;
        }
        let heads = &parts[first..=last];
        if heads.iter().any(|p| p.is_head()) {
            let entity = heads.iter().find_map(|p| match p {
                Part::Name(e) => Some(*e),
                _ => None,
            });
            let sector = heads
                .iter()
                .rev()
                .find_map(|p| match p {
                    Part::Group(s) if !s.is_empty() => Some(*s),
                    _ => None,
                })
                .unwrap_or("");
            phrases.push(Phrase {
                first,
                last,
                span: Span::new(toks[first].start, toks[last].end),
                entity,
                sector,
            });
        }
        k = last + 1;
    }
    phrases
}

fn is_capital(word: &str, lower: &str) -> bool {
    // `Tuesday's` is a day, whatever it owns.
    let lower = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("\u{2019}s"))
        .unwrap_or(lower);
    word.chars().next().is_some_and(char::is_uppercase)
        && word.len() > 1
        && !titles::is_in(titles::FUNCTION_WORDS, lower)
        && !titles::is_in(titles::TITLES, lower)
        && !titles::is_in(titles::NEVER_NAME, lower)
        && !titles::is_in(titles::DETERMINERS, lower)
        && !parallax_text::is_calendar_word(lower)
        && crate::events::lexicon::lookup(&[lower]).is_none()
}

/// The first token after a dateline (`KANSAS CITY, Mo. — Leaders ...`): a
/// place in capitals and a dash open the sentence, naming where it was
/// written, not who acted.
fn dateline_end(text: &str, toks: &[Tok]) -> usize {
    let Some(first) = toks.first() else { return 0 };
    let head = text.get(first.start..).unwrap_or("");
    // Only a sentence's first 60 bytes can hold a dateline: looking further
    // would cost the rest of the article for every sentence.
    let dash = head
        .char_indices()
        .take_while(|&(i, _)| i < 60)
        .find(|&(_, c)| matches!(c, '\u{2014}' | '\u{2013}'))
        .map(|(i, _)| i);
    let Some(dash) = dash else { return 0 };
    let place = head[..dash].split(',').next().unwrap_or("");
    if place.chars().any(char::is_lowercase) {
        return 0;
    }
    toks.partition_point(|t| t.start < first.start + dash)
}

/// Whether `b` opens a clause of its own after `a`: `said: Reductions ...`.
fn opens_clause(text: &str, a: Tok, b: Tok) -> bool {
    text.get(a.end..b.start).is_some_and(|gap| {
        gap.contains([
            ':', '"', '\u{201c}', '(', '\u{2018}', '.', '?', '!', '\u{2014}',
        ])
    })
}

/// Punctuation between two tokens ends a phrase (`Iraq, Libya`).
fn punctuated(text: &str, a: Tok, b: Tok) -> bool {
    text.get(a.end..b.start)
        .is_some_and(|gap| gap.contains([',', ';', ':', '(', ')', '.']))
}

/// Lowercase words that may precede an actor without making it the subject.
pub fn is_preposition(word: &str) -> bool {
    titles::is_in(
        &[
            "in", "on", "at", "from", "to", "with", "against", "by", "for", "of", "into", "near",
            "under", "after", "before", "over", "between", "toward", "towards", "across", "about",
            "during",
        ],
        word,
    )
}
