//! Quantities a sentence states: a number, what it counts and how exactly it
//! is given ("at least 12 dead", "about 1,000 homes", "3.4 million crowns",
//! "12 to 15 hours", "40 per cent").
//!
//! Only what can be compared across outlets is kept: a number whose count is
//! named (the noun after it, a currency, a percentage), not a year, a time
//! of day, a date or an ordinal. Deaths and injuries are recognised however
//! they are worded ("12 dead", "12 people were killed", "killing 12 people"),
//! since that is how outlets differ most.

use parallax_model::Span;

/// How a number is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Bound {
    Exact,
    /// "at least", "more than", "over".
    AtLeast,
    /// "up to", "at most", "fewer than", "nearly".
    AtMost,
    /// "about", "some", "an estimated".
    About,
}

/// A number and what it counts, as a sentence states it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quantity {
    /// Lowest and highest value: equal unless a range ("12 to 15").
    pub low: f64,
    pub high: f64,
    pub bound: Bound,
    /// What it counts: "deaths", "injuries", "percent", a currency ("$",
    /// "crown"), or the noun after the number, singular ("home", "hour").
    pub unit: String,
    /// Where it is in the sentence, from its bound word to its unit.
    pub span: Span,
    /// The content words around it (folded and stemmed, the unit and
    /// numbers left out): what tells one figure from another of the same
    /// unit in a sentence ("a $43,000 Rolex watch" / "$750,000 in campaign
    /// money").
    pub context: Vec<String>,
    /// The content word right after the unit, when there is one: the rest
    /// of the phrase naming what is counted ("40 volunteer firefighters",
    /// "a .38-caliber revolver").
    pub next: Option<String>,
    /// Who or what the figure is said of, as far as its clause tells: the
    /// capitalised words before it in its clause (folded), and whether a
    /// personal pronoun stands there instead ("he scored 20 points").
    pub subject: Subject,
}

/// The words that may name who a figure is said of: the capitalised words
/// of its clause before it, back to a comma, a semicolon, a parenthesis or
/// a reporting verb (in "police said 12 died" the police are the source,
/// not what the 12 counts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Subject {
    pub capitalised: Vec<String>,
    pub pronoun: bool,
}

/// Content words on each side of a quantity that are its context.
const CONTEXT: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Symbol,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    start: usize,
    end: usize,
    /// Punctuation that ends a clause (`, ; ( ) —` or a quotation mark)
    /// stands between this token and the one before.
    after_break: bool,
}

/// Characters that end a clause: what is before them is not the subject of
/// a figure after them.
const CLAUSE_BREAKS: &[char] = &[
    ',', ';', '(', ')', '—', '"', '“', '”', '.', '?', '!', '[', ']',
];

/// Words (letters and apostrophes), numbers (digits with `,` or `.`
/// between digits) and the symbols `% $ € £ - – :`; everything else
/// separates tokens.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut after_break = false;
    while let Some(&(start, c)) = chars.get(i) {
        let kind = if c.is_alphabetic() {
            Kind::Word
        } else if c.is_ascii_digit() {
            Kind::Number
        } else if matches!(c, '%' | '$' | '€' | '£' | '-' | '–' | ':') {
            Kind::Symbol
        } else {
            after_break |= CLAUSE_BREAKS.contains(&c);
            i += 1;
            continue;
        };
        let mut j = i + 1;
        if kind != Kind::Symbol {
            while let Some(&(_, d)) = chars.get(j) {
                let next_is_digit = chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
                let inside = match kind {
                    // Digits after letters make a code ("A320"), not a number.
                    Kind::Word => {
                        d.is_alphanumeric()
                            || (matches!(d, '\'' | '’')
                                && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphabetic()))
                    }
                    _ => d.is_ascii_digit() || (matches!(d, ',' | '.') && next_is_digit),
                };
                if !inside {
                    break;
                }
                j += 1;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(e, _)| e);
        out.push(Token {
            kind,
            text: text.get(start..end).unwrap_or(""),
            start,
            end,
            after_break,
        });
        after_break = false;
        i = j;
    }
    out
}

/// The value of a number token: "3,400,000" groups thousands, "3.4" is a
/// decimal.
fn value(text: &str) -> Option<f64> {
    text.replace(',', "").parse().ok()
}

const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

const MULTIPLIERS: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("m", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
];

/// Words before a number and the bound they give, longest first.
const BOUNDS: &[(&[&str], Bound)] = &[
    (&["at", "least"], Bound::AtLeast),
    (&["more", "than"], Bound::AtLeast),
    (&["upwards", "of"], Bound::AtLeast),
    (&["in", "excess", "of"], Bound::AtLeast),
    (&["at", "most"], Bound::AtMost),
    (&["up", "to"], Bound::AtMost),
    (&["fewer", "than"], Bound::AtMost),
    (&["less", "than"], Bound::AtMost),
    (&["no", "more", "than"], Bound::AtMost),
    (&["close", "to"], Bound::About),
    (&["an", "estimated"], Bound::About),
    (&["over"], Bound::AtLeast),
    (&["above"], Bound::AtLeast),
    (&["nearly"], Bound::AtMost),
    (&["almost"], Bound::AtMost),
    (&["under"], Bound::AtMost),
    (&["within"], Bound::AtMost),
    (&["about"], Bound::About),
    (&["around"], Bound::About),
    (&["roughly"], Bound::About),
    (&["approximately"], Bound::About),
    (&["some"], Bound::About),
    (&["estimated"], Bound::About),
];

const DEATHS: &[&str] = &[
    "dead",
    "died",
    "die",
    "killed",
    "killing",
    "kill",
    "deaths",
    "death",
    "fatalities",
    "lives",
    "bodies",
    "perished",
    "slain",
];
const INJURIES: &[&str] = &[
    "injured", "injuring", "injuries", "wounded", "wounding", "hurt",
];
/// Nouns for people: what they count is said by the verb near them ("12
/// people were killed").
const PEOPLE: &[&str] = &[
    "people",
    "persons",
    "person",
    "civilians",
    "residents",
    "passengers",
    "workers",
    "children",
    "men",
    "women",
    "soldiers",
    "troops",
    "protesters",
    "migrants",
    "victims",
    "man",
    "woman",
    "child",
    "soldier",
    "others",
    "more",
    "other",
];
const CURRENCIES: &[&str] = &[
    "dollars", "euros", "pounds", "crowns", "kroner", "kronor", "francs", "yuan", "yen", "rupees",
    "roubles", "rubles", "zlotys", "hryvnias", "pesos",
];
/// Abbreviated months; the full names are [`parallax_text::is_calendar_word`].
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether a token names a month or a weekday: a number beside it is a date.
fn is_calendar(t: Option<&Token<'_>>) -> bool {
    t.is_some_and(|t| {
        let w = lower(t);
        t.kind == Kind::Word
            && (parallax_text::is_calendar_word(&w) || MONTH_ABBREVIATIONS.contains(&w.as_str()))
    })
}
/// Words after a number that do not name what it counts.
const NOT_UNITS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "as",
    "is", "was", "were", "are", "be", "been", "that", "this", "it", "its", "his", "her", "their",
    "per", "times", "o'clock", "am", "pm", "said", "says", "just", "after", "before", "into",
    "over", "under", "across", "more", "less", "each", "only", "also", "still", "since", "until",
    "while", "when", "where", "who", "which", "than", "ago", "apiece",
];

fn lower(t: &Token<'_>) -> String {
    t.text.to_lowercase()
}

fn is_word(t: Option<&Token<'_>>, words: &[&str]) -> bool {
    t.is_some_and(|t| t.kind == Kind::Word && words.contains(&lower(t).as_str()))
}

/// Whether a token is a word in the plural ("months", "people").
fn is_plural(t: &Token<'_>) -> bool {
    let word = lower(t);
    t.kind == Kind::Word && (singular(&word) != word || PEOPLE.contains(&word.as_str()))
}

/// A noun in the singular, for comparing what two numbers count.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 2) {
        return format!("{stem}y");
    }
    match word.strip_suffix('s') {
        Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem.to_string(),
        _ => word.to_string(),
    }
}

/// The quantities `text` states, in order.
pub(crate) fn quantities(text: &str) -> Vec<Quantity> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match number_at(&toks, i) {
            Some((quantity, next)) => {
                // A figure opening a parenthesis is a conversion or an
                // aside ("$1 million ($1.52 million)", "50 km (30 miles)").
                let opens_aside = text
                    .get(..quantity.span.start)
                    .is_some_and(|before| before.trim_end().ends_with('('));
                if !opens_aside {
                    out.push(quantity);
                }
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// The value of the number (digits or words) starting at token `i`, and the
/// token after it (multipliers included).
fn read_number(toks: &[Token<'_>], i: usize) -> Option<(f64, usize)> {
    let t = toks.get(i)?;
    let mut at = i + 1;
    let base = match t.kind {
        Kind::Number => {
            // Letters glued to the digits: an ordinal ("5th"), a
            // multiplier ("2bn") or a unit ("10km").
            let glued = toks
                .get(at)
                .filter(|g| g.kind == Kind::Word && g.start == t.end);
            // An ordinal, or digits with a leading zero ("05", the "000"
            // of a thousands group cut off): not a count.
            if is_word(glued, ORDINAL_SUFFIXES) || (t.text.len() > 1 && t.text.starts_with('0')) {
                return None;
            }
            let (v, after) = split_thousands(toks, i)?;
            at = after;
            v
        }
        Kind::Word => {
            let w = lower(t);
            // "a dozen": the article is part of the number.
            if w == "a" && is_word(toks.get(i + 1), &["dozen"]) {
                at = i + 2;
                12.0
            } else {
                NUMBER_WORDS.iter().find(|(n, _)| *n == w)?.1
            }
        }
        Kind::Symbol => return None,
    };
    let multiplier = |k: usize| {
        toks.get(k).filter(|t| t.kind == Kind::Word).and_then(|t| {
            let w = lower(t);
            MULTIPLIERS.iter().find(|(m, _)| *m == w).map(|(_, x)| *x)
        })
    };
    // Some house styles join the multiplier with a hyphen ("$5.4-billion").
    let hyphened = toks.get(at).is_some_and(|t| matches!(t.text, "-" | "–"));
    match (
        multiplier(at),
        hyphened.then(|| multiplier(at + 1)).flatten(),
    ) {
        (Some(x), _) => Some((base * x, at + 1)),
        (None, Some(x)) => Some((base * x, at + 2)),
        (None, None) => Some((base, at)),
    }
}

/// The number token at `i` joined with the thousands groups that a
/// tokenised text has cut off with a comma and a space ("230, 000", as in
/// ECB+): its value and the token after it.
fn split_thousands(toks: &[Token<'_>], i: usize) -> Option<(f64, usize)> {
    let t = toks.get(i)?;
    let mut v = value(t.text)?;
    let mut at = i + 1;
    if t.text.len() > 3 || t.text.contains([',', '.']) {
        return Some((v, at));
    }
    let mut end = t.end;
    while let Some(group) = toks.get(at).filter(|g| {
        g.kind == Kind::Number && g.text.len() == 3 && g.after_break && g.start == end + 2
    }) {
        v = v * 1000.0 + value(group.text)?;
        end = group.end;
        at += 1;
    }
    Some((v, at))
}

/// Words before a figure that give it a part of a whole ("18 of its next
/// 23 games", "178 of 369 punches"): a statistic, not a count to compare.
fn is_whole_of_part(toks: &[Token<'_>], from: usize) -> bool {
    (from.saturating_sub(4)..from).any(|k| {
        is_word(toks.get(k), &["of"])
            && k.checked_sub(1)
                .and_then(|p| toks.get(p))
                .is_some_and(|p| p.kind == Kind::Number)
    })
}

/// Personal pronouns: a figure said of one is said of someone the article
/// named elsewhere, who may not be whom another outlet's figure is about.
const PRONOUNS: &[&str] = &["he", "she", "his", "her", "him", "they", "their", "them"];
/// Verbs that introduce a source: the words before them name who tells,
/// not what a figure after them is about.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "according",
    "added",
    "adds",
];
/// How far back, in tokens, a figure's subject is looked for.
const SUBJECT_REACH: usize = 10;

/// The subject of the figure whose words start at token `from`: see
/// [`Subject`].
fn subject(toks: &[Token<'_>], from: usize) -> Subject {
    let mut found = Subject::default();
    let mut k = from;
    while k > 0 && from - k < SUBJECT_REACH {
        if toks.get(k).is_some_and(|t| t.after_break) {
            break;
        }
        k -= 1;
        let Some(t) = toks.get(k).filter(|t| t.kind == Kind::Word) else {
            continue;
        };
        let word = lower(t);
        if REPORTING.contains(&word.as_str()) {
            break;
        }
        if PRONOUNS.contains(&word.as_str()) {
            found.pronoun = true;
        } else if t.text.chars().next().is_some_and(char::is_uppercase) {
            // "Brann's 20 points" are said of Brann.
            let name = t.text.trim_end_matches("'s").trim_end_matches("’s");
            found.capitalised.push(parallax_text::fold(name));
        }
    }
    found
}

/// A word's content form (folded and stemmed), or `None` for a stopword or
/// a word too short to tell anything.
fn content(t: &Token<'_>) -> Option<String> {
    if t.kind != Kind::Word {
        return None;
    }
    let w = parallax_text::fold(t.text);
    (w.chars().count() > 2 && !parallax_text::is_stopword(&w))
        .then(|| parallax_text::stem(&w).to_string())
}

/// The content words of a sentence, for telling how closely two sentences
/// say the same.
pub(crate) fn content_words(text: &str) -> Vec<String> {
    tokens(text).iter().filter_map(content).collect()
}

/// How many numbers a sentence gives, years left out: a sentence dense with
/// them is a table in prose (a game's statistics, a budget's lines), where
/// which figure is which is beyond a reading by words.
pub(crate) fn numbers(text: &str) -> usize {
    tokens(text)
        .iter()
        .filter(|t| t.kind == Kind::Number)
        .filter(|t| {
            !(t.text.len() == 4 && value(t.text).is_some_and(|v| (1800.0..=2100.0).contains(&v)))
        })
        .count()
}

/// Every number `text` gives, in digits or in words, whatever it counts
/// ("Cheanne McKnight, 11," gives 11).
pub(crate) fn values(text: &str) -> Vec<f64> {
    let toks = tokens(text);
    (0..toks.len())
        .filter_map(|i| read_number(&toks, i).map(|(v, _)| v))
        .collect()
}

/// The quantity whose number starts at token `i`, and the token after it.
fn number_at(toks: &[Token<'_>], i: usize) -> Option<(Quantity, usize)> {
    let first = toks.get(i)?;
    let (low, mut next) = read_number(toks, i)?;
    let prev = i.checked_sub(1).and_then(|p| toks.get(p));
    // A year, a time of day, a date: not a quantity to compare.
    let year = first.kind == Kind::Number
        && first.text.len() == 4
        && (1800.0..=2100.0).contains(&low)
        && !first.text.contains([',', '.']);
    let clock =
        prev.is_some_and(|p| p.text == ":") || toks.get(next).is_some_and(|t| t.text == ":");
    let date = is_calendar(prev) || is_calendar(toks.get(next));
    if year || clock || date {
        return None;
    }
    // A range: "12 to 15", "12-15", "between 12 and 15".
    let mut high = low;
    let between = i >= 1 && is_word(toks.get(i - 1), &["between"]);
    let joiner = toks.get(next);
    let is_range_word = joiner.is_some_and(|t| {
        matches!(t.text, "-" | "–")
            || (t.kind == Kind::Word && (lower(t) == "to" || (between && lower(t) == "and")))
    });
    let hyphen = |t: Option<&Token<'_>>| t.is_some_and(|t| matches!(t.text, "-" | "–"));
    // Numbers joined by a hyphen are a score or a record ("102-98", "a 1-3
    // loss", "an 18-30 start") unless a plural follows ("12-15 months"):
    // neither half counts anything of its own.
    let second_half = hyphen(prev)
        && i.checked_sub(2)
            .and_then(|p| toks.get(p))
            .is_some_and(|p| p.kind == Kind::Number);
    if second_half {
        return None;
    }
    if is_range_word
        && let Some((upper, after)) = read_number(toks, next + 1)
        && upper > low
    {
        let score = hyphen(joiner) && toks.get(after).is_some_and(|t| !is_plural(t));
        if score {
            return None;
        }
        high = upper;
        next = after;
    }
    // A rank ("No. 2", "number 3"), not a quantity.
    if is_word(prev, &["no", "number"]) || prev.is_some_and(|p| p.text == "#") {
        return None;
    }
    let currency_before = prev.filter(|p| matches!(p.text, "$" | "€" | "£"));
    // The bound: the words right before the number or its currency ("at
    // least 12", "more than $1 million").
    let lead = if currency_before.is_some() { i - 1 } else { i };
    let (bound, from) = BOUNDS
        .iter()
        .find_map(|(words, bound)| {
            let start = lead.checked_sub(words.len())?;
            let matches = words
                .iter()
                .enumerate()
                .all(|(k, w)| is_word(toks.get(start + k), &[*w]));
            matches.then_some((*bound, start))
        })
        .unwrap_or((Bound::Exact, lead));
    if is_whole_of_part(toks, from) {
        return None;
    }
    let (unit, unit_end) = unit_after(toks, from, next, currency_before)?;
    // "eight days ago" dates an event; it does not count anything.
    if is_word(toks.get(unit_end + 1), &["ago"]) {
        return None;
    }
    let start = toks.get(from).map_or(first.start, |t| t.start);
    let end = toks.get(unit_end).map_or(first.end, |t| t.end);
    // The words of a toll ("killing", "injured") say what it counts, which
    // its unit already tells.
    let word = |k: usize| {
        toks.get(k)
            .filter(|t| !is_word(Some(t), DEATHS) && !is_word(Some(t), INJURIES))
            .and_then(content)
    };
    // Looked for within a few tokens each side, so that a sentence of many
    // numbers and few words costs no more than its length.
    let reach = CONTEXT * 4;
    let mut context: Vec<String> = (from.saturating_sub(reach)..from)
        .rev()
        .filter_map(word)
        .take(CONTEXT)
        .collect();
    let after = unit_end + 1;
    context.extend(
        (after..(after + reach).min(toks.len()))
            .filter_map(word)
            .take(CONTEXT),
    );
    Some((
        Quantity {
            low,
            high,
            bound,
            unit,
            span: Span::new(start, end),
            context,
            next: toks
                .get(unit_end + 1)
                .filter(|t| !t.after_break)
                .and_then(content),
            subject: subject(toks, from),
        },
        unit_end + 1,
    ))
}

/// What the number at tokens `from..next` (its bound words included)
/// counts, and the last token of the quantity; `None` when the sentence does
/// not say.
fn unit_after(
    toks: &[Token<'_>],
    from: usize,
    next: usize,
    currency_before: Option<&Token<'_>>,
) -> Option<(String, usize)> {
    let last = next.saturating_sub(1);
    if let Some(symbol) = currency_before {
        return Some((symbol.text.to_string(), last));
    }
    let after = toks.get(next);
    if after.is_some_and(|t| matches!(t.text, "-" | "–")) {
        return compound(toks, next + 1);
    }
    if after.is_some_and(|t| t.text == "%") {
        return Some(("percent".to_string(), next));
    }
    if is_word(after, &["per"]) && is_word(toks.get(next + 1), &["cent"]) {
        return Some(("percent".to_string(), next + 1));
    }
    if is_word(after, &["percent"]) {
        return Some(("percent".to_string(), next));
    }
    let after = after.filter(|t| t.kind == Kind::Word)?;
    let word = lower(after);
    if DEATHS.contains(&word.as_str()) {
        return Some(("deaths".to_string(), next));
    }
    if INJURIES.contains(&word.as_str()) {
        return Some(("injuries".to_string(), next));
    }
    // What a toll of people counts is said by the nearest verb, within
    // three words after ("12 people were killed") or four before ("killing
    // at least 12 people and injuring dozens"); after wins a tie.
    let toll = || {
        let verb = |k: usize| {
            if is_word(toks.get(k), DEATHS) {
                Some("deaths")
            } else if is_word(toks.get(k), INJURIES) {
                Some("injuries")
            } else {
                None
            }
        };
        let ahead = (next + 1..(next + 4).min(toks.len())).map(|k| (k - next, k));
        let before = (from.saturating_sub(4)..from).map(|k| (from - k, k));
        ahead
            .chain(before)
            .filter_map(|(distance, k)| Some((distance, verb(k)?)))
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, toll)| toll)
    };
    if PEOPLE.contains(&word.as_str()) {
        if let Some(toll) = toll() {
            return Some((toll.to_string(), next));
        }
        if matches!(word.as_str(), "more" | "other" | "others") {
            return None;
        }
        return Some(("people".to_string(), next));
    }
    // A capitalised word after a number names a people or a brand ("640
    // Palestinians", "768 Intel Atom cores"): a toll when a verb says so,
    // otherwise not what the number counts.
    if after.text.chars().next().is_some_and(char::is_uppercase) {
        return toll().map(|toll| (toll.to_string(), next));
    }
    if CURRENCIES.contains(&word.as_str()) {
        return Some((singular(&word), next));
    }
    if NOT_UNITS.contains(&word.as_str()) || NUMBER_WORDS.iter().any(|(n, _)| *n == word) {
        return None;
    }
    Some((singular(&word), next))
}

/// What a number joined by a hyphen to the word at `k` counts ("a
/// 90-day stay": days; "a 35-yard run": yards; "a 15-year-old boy": an
/// age), and the last token of it.
fn compound(toks: &[Token<'_>], k: usize) -> Option<(String, usize)> {
    let word = toks
        .get(k)
        .filter(|t| t.kind == Kind::Word && !t.text.starts_with(char::is_uppercase))
        .map(lower)?;
    if NOT_UNITS.contains(&word.as_str()) {
        return None;
    }
    let aged = toks.get(k + 1).is_some_and(|t| matches!(t.text, "-" | "–"))
        && is_word(toks.get(k + 2), &["old"]);
    if aged {
        return Some(("age".to_string(), k + 2));
    }
    Some((singular(&word), k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(f64, f64, Bound, String, &str)> {
        quantities(text)
            .into_iter()
            .map(|q| {
                let words = text.get(q.span.start..q.span.end).unwrap_or("");
                (q.low, q.high, q.bound, q.unit, words)
            })
            .collect()
    }

    #[test]
    fn deaths_and_injuries_however_worded() {
        assert_eq!(
            read("At least 12 people were killed and 40 injured on Monday."),
            [
                (
                    12.0,
                    12.0,
                    Bound::AtLeast,
                    "deaths".to_string(),
                    "At least 12 people"
                ),
                (
                    40.0,
                    40.0,
                    Bound::Exact,
                    "injuries".to_string(),
                    "40 injured"
                ),
            ]
        );
        assert_eq!(
            read("The blast left fifteen dead."),
            [(
                15.0,
                15.0,
                Bound::Exact,
                "deaths".to_string(),
                "fifteen dead"
            )]
        );
        assert_eq!(
            read("The storm killed about 30 people."),
            [(
                30.0,
                30.0,
                Bound::About,
                "deaths".to_string(),
                "about 30 people"
            )]
        );
    }

    #[test]
    fn money_percentages_ranges_and_multipliers() {
        assert_eq!(
            read("Repairs cost 3.4 million crowns, 40 per cent over budget."),
            [
                (
                    3.4e6,
                    3.4e6,
                    Bound::Exact,
                    "crown".to_string(),
                    "3.4 million crowns"
                ),
                (
                    40.0,
                    40.0,
                    Bound::Exact,
                    "percent".to_string(),
                    "40 per cent"
                ),
            ]
        );
        assert_eq!(
            read("It will cost $2bn and take 12 to 15 months."),
            [
                (2e9, 2e9, Bound::Exact, "$".to_string(), "$2bn"),
                (
                    12.0,
                    15.0,
                    Bound::Exact,
                    "month".to_string(),
                    "12 to 15 months"
                ),
            ]
        );
        assert_eq!(
            read("Tarnwell bought the yard for $1.2-billion."),
            [(1.2e9, 1.2e9, Bound::Exact, "$".to_string(), "$1.2-billion")]
        );
        assert_eq!(
            read("Between 200 and 250 homes were flooded."),
            [(
                200.0,
                250.0,
                Bound::Exact,
                "home".to_string(),
                "200 and 250 homes"
            )]
        );
    }

    #[test]
    fn a_bound_before_a_currency_and_the_words_around_a_figure() {
        assert_eq!(
            read("It cost more than $1 million, the magazine estimated."),
            [(
                1e6,
                1e6,
                Bound::AtLeast,
                "$".to_string(),
                "more than $1 million"
            )]
        );
        let q = quantities("He bought a $43,000 Rolex watch and a mink cape.");
        assert_eq!(q[0].context, ["bought", "rolex", "watch", "mink", "cape"]);
        assert!(read("Hoyer kept the No. 2 job; Clyburn is number 3 in rank.").is_empty());
    }

    #[test]
    fn the_nearest_verb_says_what_a_toll_counts_and_asides_are_left_out() {
        assert_eq!(
            read("The quake struck, killing at least five people and injuring dozens.")[0].3,
            "deaths"
        );
        assert_eq!(
            read("A girl was killed and at least 40 people were injured.")[0].3,
            "injuries"
        );
        assert_eq!(
            read("Damage was put at 200 million euros ($265.3 million) in Athens.")
                .into_iter()
                .map(|q| q.4)
                .collect::<Vec<_>>(),
            ["200 million euros"]
        );
        // A capitalised word after a number is not what it counts, unless a
        // toll verb says so.
        assert!(read("It had up to 768 Intel Atom cores.").is_empty());
        assert_eq!(
            read("More than 600 Palestinians have been killed.")[0].3,
            "deaths"
        );
    }

    #[test]
    fn years_dates_times_and_ordinals_are_not_quantities() {
        assert!(read("In 2024, on 5 March at 10:30, the 3rd vote was held.").is_empty());
        assert!(read("The A320 landed on March 5.").is_empty());
        // A number that counts nothing named is not compared either.
        assert!(read("The vote was 12 to the council's 7.").is_empty());
    }

    #[test]
    fn compounds_split_thousands_and_what_is_not_a_count() {
        assert_eq!(
            read("She began a 90-day stay; a 15-year-old boy was hurt.")
                .into_iter()
                .map(|q| (q.0, q.3))
                .collect::<Vec<_>>(),
            [(90.0, "day".to_string()), (15.0, "age".to_string())]
        );
        // A tokenised text cuts thousands off with a comma and a space.
        assert_eq!(read("Some 230, 000 homes lost power.")[0].0, 230_000.0);
        // A date counted back, and a part of a whole, count nothing.
        assert!(read("The riots began eight days ago.").is_empty());
        assert!(read("They won 18 of their last 23 games.").is_empty());
        // A score or a record is not a range.
        assert!(read("After an 18-30 start they lost 102-98 win.").is_empty());
        assert_eq!(read("It took 12-15 months.")[0].1, 15.0);
    }

    #[test]
    fn a_figure_s_subject_is_the_capitalised_words_of_its_clause() {
        let subject = |text: &str| quantities(text).remove(0).subject;
        assert_eq!(
            subject("Police said Ida Brann scored 20 points.").capitalised,
            ["brann", "ida"]
        );
        assert!(subject("In Tarn, he scored 20 points.").pronoun);
        assert_eq!(
            subject("Brann's 20 points led the Foxes.").capitalised,
            ["brann"]
        );
        assert_eq!(
            subject("In Tarn, officials counted 20 points."),
            Subject::default()
        );
    }
}
