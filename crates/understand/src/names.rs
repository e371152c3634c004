//! Candidate name spans: maximal runs of capitalised words, with sentence-initial
//! common words, titles, roles and nationality adjectives stripped off the front
//! (and remembered, to resolve "the Ukrainian president" later), possessives cut
//! off the end, and all-caps datelines turned into places.

use std::collections::HashSet;

use parallax_model::{Segment, Span};
use parallax_text::{is_calendar_word, is_stopword};

use crate::gender::{Gender, of_title};
use crate::keys::plain_fold;
use crate::kinds;
use crate::places;
use crate::titles::{
    ABBREVIATED_ROLES, DETERMINERS, FUNCTION_WORDS, NATIONALITIES, NEVER_NAME, ORG_NOUNS_AFTER,
    ORG_WORDS, PLACE_NOUNS_OF, ROLE_MODIFIERS, ROLE_NOUNS, SPEECH_VERBS, TITLES, is_in,
};
use crate::tokens::{Tok, is_all_caps, is_capitalised, lower, possessive_len};

/// A name occurrence with the evidence around it.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The name only: no title, no possessive.
    pub span: Span,
    /// The words of the name (the last without its possessive).
    pub words: Vec<Span>,
    /// The name as shown (datelines in title case).
    pub display: String,
    pub roles: Vec<&'static str>,
    pub nationalities: Vec<&'static str>,
    /// A title, role or `, who` says this is a person.
    pub person_cue: bool,
    /// `the X union`, `X, which`, `X spokesman` says this is an organisation.
    pub org_cue: bool,
    /// `in X`, `near X`: weak evidence of a place.
    pub place_cue: bool,
    /// `port of X`, a dateline, `Port of X`: strong evidence of a place.
    pub place_strong: bool,
    /// Directly followed by a reporting verb.
    pub speech_subject: bool,
    pub acronym: bool,
    /// What a title or gendered role word next to the name says (`Mrs.`, `spokesman`).
    pub gender: Gender,
}

impl Default for Candidate {
    fn default() -> Self {
        Candidate {
            span: Span::new(0, 0),
            words: Vec::new(),
            display: String::new(),
            roles: Vec::new(),
            nationalities: Vec::new(),
            person_cue: false,
            org_cue: false,
            place_cue: false,
            place_strong: false,
            speech_subject: false,
            acronym: false,
            gender: Gender::Unknown,
        }
    }
}

/// Words after which `of` continues a name (`Port of Rotterdam`, `Chamber of Commerce`).
const OF_HEADS: &[&str] = &[
    "port",
    "town",
    "city",
    "republic",
    "gulf",
    "bay",
    "isle",
    "sea",
    "kingdom",
    "strait",
    "cape",
    "lake",
    "mount",
    "university",
    "bank",
    "ministry",
    "department",
    "chamber",
    "association",
    "council",
    "board",
    "union",
    "federation",
    "institute",
    "museum",
    "church",
    "duke",
    "prince",
    "princess",
    "house",
    "court",
    "office",
    "secretary",
    "college",
    "school",
    "society",
    "academy",
    "bureau",
    "commission",
    "committee",
    "league",
    "state",
    "states",
    "minister",
    "party",
    "friends",
    "bishop",
    "archbishop",
    "king",
    "queen",
];

/// Words after which `of the` continues a name (`Army of the Potomac`,
/// `Secretary of the Treasury Ada Tarn`, whose title is then taken off).
const OF_THE_HEADS: &[&str] = &[
    "secretary",
    "minister",
    "president",
    "speaker",
    "chancellor",
    "chief",
    "army",
    "order",
    "church",
    "museum",
    "bank",
    "society",
    "university",
    "college",
    "institute",
    "academy",
    "council",
    "league",
    "association",
    "federation",
    "organization",
    "organisation",
    "union",
    "congress",
    "assembly",
    "house",
    "court",
    "hall",
    "cathedral",
    "temple",
];

/// Lowercase particles inside personal names (`Charles de Gaulle`).
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "du", "bin", "ibn", "del", "della", "di", "dos", "das",
    "ter", "al", "le", "la",
];

/// Abbreviations whose full stop does not end a name run (`Sen. Jo Tan`,
/// `St. Ives`); single-letter initials (`Jo P. Tan`) are handled apart.
const JOINING_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "rev", "sen", "rep", "gov", "lt", "gen", "col", "sgt",
    "capt", "adm", "maj", "cpl", "atty", "supt", "cmdr", "det", "insp", "pres", "amb", "hon", "fr",
    "msgr", "messrs", "st", "mt", "ft",
];

/// Abbreviated honorifics: one inside a capitalised run starts the name
/// ("Leading Ms. Palin" at a sentence start names Palin).
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "rev", "sen", "rep", "gov", "messrs",
];

/// Abbreviated company and generational suffixes whose full stop belongs to
/// the name ("Intel Corp.", "Arcade Comeaux Jr.").
const DOTTED_SUFFIXES: &[&str] = &["inc", "corp", "ltd", "co", "bros", "jr", "sr"];

/// Words that, right before a name, suggest a place.
const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "outside", "across"];

fn is_sentence_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{2018}' | '(' | ':' | '\u{2014}' | '\u{2013}' | '.' | '!' | '?'
    )
}

/// For each token, whether it opens one of the clean stage's segments.
fn segment_starts(toks: &[Tok], segments: &[Segment]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut seg = 0;
    for (i, t) in toks.iter().enumerate() {
        while seg < segments.len() && segments[seg].span.start <= t.start {
            if i == 0 || toks[i - 1].start < segments[seg].span.start {
                out[i] = true;
            }
            seg += 1;
        }
    }
    out
}

/// For each token, whether it opens a sentence (so its capital letter says nothing).
fn sentence_initial(text: &str, toks: &[Tok], segment_start: &[bool]) -> Vec<bool> {
    let mut out = segment_start.to_vec();
    for (i, t) in toks.iter().enumerate() {
        let before = text.get(..t.start).unwrap_or("");
        let mut saw_newline = false;
        let mut prev = None;
        for c in before.chars().rev() {
            if c.is_whitespace() {
                saw_newline |= c == '\n';
                continue;
            }
            prev = Some(c);
            break;
        }
        if saw_newline || prev.is_none_or(is_sentence_opener) {
            out[i] = true;
        }
    }
    out
}

/// The all-caps dateline at the very start of the text (`KYIV —`, `ROTTERDAM, March 13`).
fn dateline(text: &str, toks: &[Tok]) -> Option<usize> {
    let first = toks.first()?;
    if !text.get(..first.start)?.trim().is_empty() {
        return None;
    }
    let mut n = 0;
    while let Some(t) = toks.get(n) {
        let w = t.text(text);
        let gap_ok = n == 0 || toks.get(n - 1).and_then(|p| text.get(p.end..t.start)) == Some(" ");
        if !gap_ok || !is_all_caps(w) || !w.chars().all(char::is_alphabetic) {
            break;
        }
        n += 1;
    }
    let last = toks.get(n.checked_sub(1)?)?;
    let rest = text.get(last.end..)?.trim_start_matches(' ');
    // A headline in capitals ("TEAM TOPS RIVALS, 20-13, REACH FINAL") is no dateline.
    let line = rest.split('\n').next().unwrap_or("");
    (rest.starts_with(['\u{2014}', '\u{2013}', ',']) && line.chars().any(char::is_lowercase))
        .then_some(n)
}

fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for (i, c) in word.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn role_of(lw: &str) -> Option<&'static str> {
    ROLE_NOUNS.iter().copied().find(|r| *r == lw).or_else(|| {
        ABBREVIATED_ROLES
            .iter()
            .find(|(a, _)| *a == lw)
            .map(|(_, r)| *r)
    })
}

/// Keep the first gendered title or role word seen next to the name.
fn note_gender(c: &mut Candidate, lw: &str) {
    if c.gender == Gender::Unknown {
        c.gender = of_title(lw);
    }
}

fn nationality_of(lw: &str) -> Option<&'static str> {
    NATIONALITIES.iter().copied().find(|r| *r == lw)
}

fn push_unique(v: &mut Vec<&'static str>, x: &'static str) {
    if !v.contains(&x) {
        v.push(x);
    }
}

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    initial: Vec<bool>,
    /// Opens a sentence of the clean stage (which knows `U.S.` from a full stop).
    segment_start: Vec<bool>,
    /// Capitalised only because its sentence is in title case (a headline
    /// printed in the text), and not written as a name anywhere else.
    doubtful: Vec<bool>,
    lowercase_words: HashSet<&'a str>,
    name_tokens: HashSet<String>,
    /// Folded one-word runs seen away from a sentence start.
    solo_names: HashSet<String>,
}

impl<'a> Ctx<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    fn gap(&self, i: usize) -> &'a str {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => self.text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
    }

    /// Token `i` is an initial (`P` in `Jo P. Tan`, not `S` in `U.S.`) or an
    /// abbreviated title, so a full stop after it does not end the name.
    fn abbreviation(&self, i: usize) -> bool {
        let w = self.word(i);
        let mut chars = w.chars();
        let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
        let after_stop = i.checked_sub(1).is_some_and(|p| self.gap(p).ends_with('.'));
        (initial && !after_stop) || is_in(JOINING_ABBREVIATIONS, &w.to_lowercase())
    }
}

/// Maximal runs of capitalised tokens, as inclusive token index ranges.
/// True when a segment is in title case ("Singer Checks Into Rehab After
/// Tour"): at least `least` words after the first are capitalised and no
/// content word is lowercase (function words such as "with" may be).
/// Running text may be full of names, but its verbs are lowercase.
fn is_title_case(words: &[&str], least: usize) -> bool {
    let mut capitalised = 0;
    for w in words
        .iter()
        .skip(1)
        // Numbers ("20", "5th") say nothing either way.
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
    {
        if is_capitalised(w) {
            capitalised += 1;
        } else if w.chars().count() >= 3 && !is_stopword(&lower(w)) {
            return false;
        }
    }
    capitalised >= least
}

/// True when a segment of three or more words is in capitals ("COLTS TOP
/// CHIEFS"): its capitals say no more than a title-case headline's.
fn is_shouted(words: &[&str]) -> bool {
    let mut letters = words.iter().filter(|w| w.chars().any(char::is_alphabetic));
    letters.clone().count() >= 3 && letters.all(|w| is_all_caps(w) || w.chars().count() == 1)
}

/// For each token, whether its capital letter comes from a title-case
/// segment only: such a word is a name when the rest of the text writes it
/// as one ("Lindsay Lohan Checks Into Rehab": only "Lindsay Lohan" is).
fn doubtful_capitals(
    text: &str,
    toks: &[Tok],
    segments: &[Segment],
    initial: &[bool],
) -> Vec<bool> {
    let mut in_title = vec![false; toks.len()];
    let mut first = 0;
    for seg in segments {
        let from = first + toks[first..].partition_point(|t| t.start < seg.span.start);
        let to = from + toks[from..].partition_point(|t| t.start < seg.span.end);
        first = to;
        let words: Vec<&str> = toks[from..to].iter().map(|t| t.text(text)).collect();
        // A headline (no full stop) needs fewer capitals to be one: "Colts
        // Beat Chiefs".
        let headline = !seg
            .span
            .slice(text)
            .trim_end()
            .ends_with(['.', '!', '?', '"', '\u{201D}']);
        if is_title_case(&words, if headline { 2 } else { 3 }) || is_shouted(&words) {
            in_title[from..to].fill(true);
        }
    }
    // Nothing to doubt without a title-case segment, and nothing to confirm
    // against when every segment is one.
    if !in_title.contains(&true) || !in_title.contains(&false) {
        return vec![false; toks.len()];
    }
    let confirmed: HashSet<String> = toks
        .iter()
        .enumerate()
        .filter(|&(i, t)| !in_title[i] && !initial[i] && is_capitalised(t.text(text)))
        .map(|(_, t)| plain_fold(t.text(text)))
        .collect();
    toks.iter()
        .enumerate()
        .map(|(i, t)| in_title[i] && !confirmed.contains(&plain_fold(t.text(text))))
        .collect()
}

/// Calendar words that end a name run ("Senate Republicans Tuesday"): the
/// months that are also given names or surnames ("Theresa May") are not among
/// them, so they only lose their place at the front of a run.
fn ends_names(lower_word: &str) -> bool {
    (is_calendar_word(lower_word) && !matches!(lower_word, "may" | "june" | "april" | "august"))
        || is_in(CLOCK_WORDS, lower_word)
}

/// Times of day and time zones, capitalised in datelines and timestamps
/// ("7:32 AM EDT", "1300 GMT"), never names.
const CLOCK_WORDS: &[&str] = &[
    "am", "pm", "gmt", "utc", "bst", "cet", "cest", "et", "edt", "est", "cdt", "cst", "mdt", "mst",
    "pdt", "pst", "akst", "akdt", "hst",
];

fn runs(ctx: &Ctx, skip: usize) -> Vec<(usize, usize)> {
    let toks = ctx.toks;
    let capital = |i: usize| {
        let lw = lower(ctx.word(i));
        let date = is_calendar_word(&lw)
            && ctx.gap(i) == " "
            && ctx.word(i + 1).starts_with(|c: char| c.is_ascii_digit());
        is_capitalised(ctx.word(i))
            && !ctx.doubtful.get(i).copied().unwrap_or(false)
            && !ends_names(&lw)
            && !date
    };
    let mut out = Vec::new();
    let mut i = skip;
    while i < toks.len() {
        if !capital(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < toks.len() && possessive_len(ctx.word(j)) == 0 {
            let gap = ctx.gap(j);
            let next = ctx.word(j + 1);
            let plural_possessive = matches!(gap, "\u{2019} " | "' ") && ctx.word(j).ends_with('s');
            let abbreviated = gap == ". " && ctx.abbreviation(j);
            // `the U.S. Consulate`, but not `in the U.S.` + `Officials said`.
            let sentence_ends = ctx.word(j).ends_with('.') && ctx.segment_start[j + 1];
            if (gap == " " || gap == " & " || plural_possessive || abbreviated)
                && capital(j + 1)
                && !sentence_ends
            {
                j += 1;
                continue;
            }
            let connector_ok = gap == " "
                && ctx.gap(j + 1) == " "
                && capital(j + 2)
                && ((next == "of" && is_in(OF_HEADS, &lower(ctx.word(j))))
                    || is_in(PARTICLES, next));
            if connector_ok {
                j += 2;
                continue;
            }
            // `Army of the Potomac`, `Church of the Nativity`.
            let of_the = gap == " "
                && next == "of"
                && ctx.word(j + 2) == "the"
                && ctx.gap(j + 1) == " "
                && ctx.gap(j + 2) == " "
                && capital(j + 3)
                && is_in(OF_THE_HEADS, &lower(ctx.word(j)));
            if of_the {
                j += 3;
                continue;
            }
            break;
        }
        out.push((i, j));
        i = j + 1;
    }
    out
}

/// Find every name candidate of the text, in order.
pub fn candidates(text: &str, toks: &[Tok], segments: &[Segment]) -> Vec<Candidate> {
    let segment_start = segment_starts(toks, segments);
    let initial = sentence_initial(text, toks, &segment_start);
    let mut ctx = Ctx {
        text,
        toks,
        doubtful: doubtful_capitals(text, toks, segments, &initial),
        initial,
        segment_start,
        lowercase_words: HashSet::new(),
        name_tokens: HashSet::new(),
        solo_names: HashSet::new(),
    };
    for t in toks {
        let w = t.text(text);
        if !w.chars().any(char::is_uppercase) {
            ctx.lowercase_words.insert(w);
        }
    }
    let mut out = Vec::new();
    let skip = match dateline(text, toks) {
        Some(n) => {
            out.push(dateline_candidate(&ctx, n));
            n
        }
        None => 0,
    };
    let runs = runs(&ctx, skip);
    for &(a, b) in &runs {
        if a == b && !ctx.initial[a] {
            ctx.solo_names.insert(plain_fold(ctx.word(a)));
        }
        for k in a..=b {
            if !(k == a && ctx.initial[a]) {
                ctx.name_tokens.insert(plain_fold(ctx.word(k)));
            }
        }
    }
    for (a, b) in runs {
        if let Some(c) = candidate(&ctx, a, b) {
            out.push(c);
        }
    }
    out
}

fn dateline_candidate(ctx: &Ctx, n: usize) -> Candidate {
    let words: Vec<Span> = ctx.toks.iter().take(n).map(|t| t.span()).collect();
    let display = (0..n)
        .map(|i| title_case(ctx.word(i)))
        .collect::<Vec<_>>()
        .join(" ");
    let span = Span::new(
        words.first().map_or(0, |s| s.start),
        words.last().map_or(0, |s| s.end),
    );
    Candidate {
        span,
        words,
        display,
        place_strong: true,
        ..Candidate::default()
    }
}

fn candidate(ctx: &Ctx, a: usize, b: usize) -> Option<Candidate> {
    let mut c = Candidate::default();
    let mut s = a;
    // Words that are never names, and sentence-initial common words.
    while s <= b {
        let lw = lower(ctx.word(s));
        if is_in(NEVER_NAME, &lw) || is_calendar_word(&lw) {
            s += 1;
            continue;
        }
        if s == a && ctx.initial[a] {
            // A one-word run must be seen alone elsewhere; a longer run keeps
            // its first word when that word also occurs inside a name mid-sentence.
            let known = if a == b {
                &ctx.solo_names
            } else {
                &ctx.name_tokens
            };
            let common = ctx.lowercase_words.contains(lw.as_str())
                && !known.contains(&plain_fold(ctx.word(s)));
            if is_in(FUNCTION_WORDS, &lw) || common {
                s += 1;
                continue;
            }
        }
        break;
    }
    if s > b {
        return None;
    }
    if let Some(k) = (s + 1..b)
        .rev()
        .find(|&k| ctx.gap(k) == ". " && is_in(HONORIFICS, &lower(ctx.word(k))))
    {
        s = k;
    }
    s = after_inner_title(ctx, s, b, &mut c);
    let folded_all = |from: usize| {
        (from..=b)
            .map(|k| plain_fold(crate::tokens::strip_possessive(ctx.word(k))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let org_lex = (s..=b).any(|k| is_in(ORG_WORDS, &lower(ctx.word(k))));
    // `Port of Rotterdam` names Rotterdam.
    if !org_lex
        && s + 2 <= b
        && ctx.word(s + 1) == "of"
        && is_in(PLACE_NOUNS_OF, &lower(ctx.word(s)))
    {
        s += 2;
        c.place_strong = true;
    }
    let is_place = places::is_place(&folded_all(s));
    if !org_lex && !is_place {
        while s <= b {
            let lw = lower(ctx.word(s));
            // `Mr. King`, `Dr. Judge`: after a title the last word is the name.
            if s == b && c.person_cue {
                break;
            }
            if is_in(TITLES, &lw) || role_of(&lw).is_some() {
                c.person_cue = true;
                note_gender(&mut c, &lw);
                if let Some(r) = role_of(&lw) {
                    push_unique(&mut c.roles, r);
                }
            } else if let Some(n) = nationality_of(&lw) {
                push_unique(&mut c.nationalities, n);
            } else if !is_in(ROLE_MODIFIERS, &lw) {
                break;
            }
            s += 1;
        }
        if s > b {
            return None;
        }
    }
    if !org_lex && !is_place {
        s = given_name_start(ctx, s, b);
    }
    if s == b
        && s == a
        && ctx.initial[a]
        && !is_place
        && !is_all_caps(ctx.word(s))
        && !ctx.name_tokens.contains(&plain_fold(ctx.word(s)))
    {
        return None;
    }
    let last = ctx.toks.get(b)?;
    let end = last.end - possessive_len(ctx.word(b));
    let start = ctx.toks.get(s)?.start;
    let dotted = is_in(DOTTED_SUFFIXES, &lower(ctx.word(b)))
        && s < b
        && ctx.text.get(end..end + 1) == Some(".");
    c.span = Span::new(start, end + usize::from(dotted));
    c.display = c.span.slice(ctx.text).to_string();
    c.words = (s..=b)
        .filter_map(|k| ctx.toks.get(k))
        .map(|t| Span::new(t.start, t.end.min(end)))
        .filter(|w| !w.is_empty())
        .collect();
    c.acronym = s == b && is_all_caps(ctx.word(s)) && ctx.word(s).len() <= 6;
    look_before(ctx, a, &mut c);
    if possessive_len(ctx.word(b)) == 0 {
        look_after(ctx, a, b, &mut c);
    }
    Some(c)
}

/// A title inside a capitalised run ("New York City Mayor Michael Bloomberg",
/// "House Judiciary Committee Chairman Jerrold Nadler", "Secretary of State
/// Hillary Clinton"): the person is the two or three words after the last
/// title word, and the words before it are the title. Returns where the name
/// starts (`s` unchanged when there is no such title). A title first in the
/// run is left to the caller's own loop, and one word after a title is not
/// enough ("General Motors" is no person).
fn after_inner_title(ctx: &Ctx, s: usize, b: usize, c: &mut Candidate) -> usize {
    let is_title = |k: usize| {
        let lw = lower(ctx.word(k));
        is_in(TITLES, &lw) || role_of(&lw).is_some()
    };
    let mut name_start = None;
    for k in s..b {
        if is_title(k) {
            // "Secretary of State", "Chief of Staff", "Speaker of the House":
            // the title runs on over `of [the] X`.
            let after = match (ctx.word(k + 1), ctx.word(k + 2)) {
                ("of", "the") => k + 4,
                ("of", _) => k + 3,
                _ => k + 1,
            };
            name_start = Some(after);
        }
    }
    let Some(start) = name_start.filter(|&n| n > s + 1 && n < b && b - n < 3) else {
        return s;
    };
    let plain_name = (start..=b).all(|k| {
        let w = ctx.word(k);
        w.chars().next().is_some_and(char::is_uppercase)
            && !is_in(ORG_WORDS, &lower(w))
            && !is_title(k)
    });
    if !plain_name {
        return s;
    }
    c.person_cue = true;
    for k in s..start {
        let lw = lower(ctx.word(k));
        note_gender(c, &lw);
        if let Some(r) = role_of(&lw) {
            push_unique(&mut c.roles, r);
        } else if let Some(n) = nationality_of(&lw) {
            push_unique(&mut c.nationalities, n);
        }
    }
    start
}

/// Where a person's name starts inside a longer run ("Colts QB Andrew Luck",
/// "County Coroner Ada McLaughlin", "Queenslander Mitchell Rawlins"): at a
/// given name right after a word shaped like a role or a people (an
/// abbreviation in capitals, or an agent or demonym ending: "-er", "-or",
/// "-ist", "-an") that is itself no name, when the run ends in a surname or
/// a word the text never writes in lowercase.
/// Unknown foreign given names ("Nadja Angelique Beauford") keep the run.
/// Returns `s` when there is no such start.
fn given_name_start(ctx: &Ctx, s: usize, b: usize) -> usize {
    let folded = |k: usize| plain_fold(ctx.word(k));
    // A surname, or a word this text never writes in lowercase ("Luck").
    let surname =
        kinds::is_surname(&folded(b)) || !ctx.lowercase_words.contains(lower(ctx.word(b)).as_str());
    if b < s + 2 || !surname || kinds::ends_other_name(&folded(b)) {
        return s;
    }
    let role_shaped = |k: usize| {
        let w = folded(k);
        let abbreviation = is_all_caps(ctx.word(k)) && w.len() <= 4;
        let agent = ["er", "or", "ist", "an"].iter().any(|e| w.ends_with(e)) && w.len() > 4;
        (abbreviation || agent) && !kinds::is_given_name(&w) && !kinds::is_surname(&w)
    };
    (s + 1..b)
        .find(|&k| {
            kinds::is_given_name(&folded(k))
                && !is_in(PARTICLES, &lower(ctx.word(k)))
                && role_shaped(k - 1)
                && ctx.gap(k - 1) == " "
        })
        .unwrap_or(s)
}

/// Lowercase roles and nationalities just before the name (`union leader X`,
/// `his manager, X`), and place prepositions (`in X`, `port of X`).
fn look_before(ctx: &Ctx, a: usize, c: &mut Candidate) {
    let Some(first) = a.checked_sub(1) else {
        return;
    };
    let prev = lower(ctx.word(first));
    if ctx.gap(first) == " " {
        if is_in(PLACE_PREPOSITIONS, &prev) {
            c.place_cue = true;
        }
        if prev == "of" && first > 0 && is_in(PLACE_NOUNS_OF, &lower(ctx.word(first - 1))) {
            c.place_strong = true;
        }
    }
    let mut k = first;
    loop {
        let gap = ctx.gap(k);
        let lw = lower(ctx.word(k));
        let comma_ok = k == first && gap == ", " && role_of(&lw).is_some();
        if gap != " " && !comma_ok {
            break;
        }
        if let Some(r) = role_of(&lw) {
            push_unique(&mut c.roles, r);
            note_gender(c, &lw);
            c.person_cue = true;
        } else if let Some(n) = nationality_of(&lw) {
            push_unique(&mut c.nationalities, n);
        } else if !is_in(ROLE_MODIFIERS, &lw) {
            break;
        }
        if k == 0 || first - k >= 4 {
            break;
        }
        k -= 1;
    }
}

/// Appositions (`X, the Ukrainian infrastructure minister`), `X, who` / `X, which`,
/// `the X union`, and a reporting verb right after the name.
fn look_after(ctx: &Ctx, a: usize, b: usize, c: &mut Candidate) {
    let gap = ctx.gap(b);
    let next = b + 1;
    if next >= ctx.toks.len() {
        return;
    }
    let nw = ctx.word(next);
    let nl = lower(nw);
    if gap == " " && !is_capitalised(nw) {
        if is_in(ORG_NOUNS_AFTER, &nl) {
            c.org_cue = true;
        }
        if is_in(SPEECH_VERBS, &nl) {
            c.speech_subject = true;
        }
    }
    // `Senator Jo Tan of New York, the Democratic leader, who ...`: what
    // follows the comma is about the name the preposition hangs on.
    let governed = a.checked_sub(1).is_some_and(|p| {
        ctx.gap(p) == " " && is_in(&["of", "from", "for", "at"], &lower(ctx.word(p)))
    });
    if gap != ", " || governed {
        return;
    }
    match nl.as_str() {
        "who" => c.person_cue = true,
        "which" => c.org_cue = true,
        _ => {}
    }
    if is_in(SPEECH_VERBS, &nl) {
        c.speech_subject = true;
    }
    let opens = is_in(DETERMINERS, &nl)
        || possessive_len(nw) > 0
        || nationality_of(&nl).is_some()
        || is_in(ROLE_MODIFIERS, &nl)
        || role_of(&nl).is_some();
    if !opens {
        return;
    }
    let mut head = None;
    let mut nats = Vec::new();
    for k in next..(next + 8).min(ctx.toks.len()) {
        if k > next && ctx.gap(k - 1) != " " {
            break;
        }
        let lw = lower(ctx.word(k));
        if matches!(
            lw.as_str(),
            "for"
                | "from"
                | "at"
                | "of"
                | "in"
                | "who"
                | "which"
                | "that"
                | "and"
                | "with"
                | "on"
                | "since"
                | "said"
                | "told"
                | "says"
        ) {
            break;
        }
        if let Some(r) = role_of(&lw) {
            head = Some(r);
        } else if let Some(n) = nationality_of(&lw) {
            nats.push(n);
        }
    }
    if let Some(r) = head {
        push_unique(&mut c.roles, r);
        note_gender(c, r);
        c.person_cue = true;
        for n in nats {
            push_unique(&mut c.nationalities, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn names(text: &str) -> Vec<Candidate> {
        let toks = tokenize(text);
        candidates(text, &toks, &[])
    }

    fn shown(text: &str) -> Vec<String> {
        names(text).into_iter().map(|c| c.display).collect()
    }

    /// Names of a text whose paragraphs are its segments.
    fn shown_in_paragraphs(text: &str) -> Vec<String> {
        let mut segments = Vec::new();
        let mut at = 0;
        for para in text.split("\n\n") {
            segments.push(Segment {
                span: Span::new(at, at + para.len()),
                paragraph: segments.len(),
                kind: parallax_model::SegmentKind::Body,
            });
            at += para.len() + 2;
        }
        let toks = tokenize(text);
        candidates(text, &toks, &segments)
            .into_iter()
            .map(|c| c.display)
            .collect()
    }

    #[test]
    fn a_title_case_headline_gives_only_the_names_the_text_confirms() {
        let text = "Singer Ola Brenn Checks Into Rehab After Tour Collapse\n\n\
                    The singer Ola Brenn has entered a clinic in Tarnow, her agent said.";
        assert_eq!(
            shown_in_paragraphs(text),
            ["Ola Brenn", "Ola Brenn", "Tarnow"]
        );
        // Running text full of names is not title case.
        let text = "Polish Prime Minister Marta Wielgosz and Ukrainian President Andrii \
                    Sokolovsky agreed on Thursday to form a joint working group.";
        assert_eq!(
            shown_in_paragraphs(text),
            ["Marta Wielgosz", "Andrii Sokolovsky"]
        );
        let text =
            "OSLO — Prime Minister Ingrid Halvorsen and Premier Mads Kjeldsen spoke on Monday.";
        assert_eq!(
            shown_in_paragraphs(text),
            ["Oslo", "Ingrid Halvorsen", "Mads Kjeldsen"]
        );
    }

    #[test]
    fn weekdays_end_a_name_but_may_can_be_one() {
        let text = "Senate Republicans Tuesday backed the plan of Prime Minister Ada May.";
        assert_eq!(shown(text), ["Senate Republicans", "Ada May"]);
    }

    #[test]
    fn a_given_name_after_a_role_shaped_word_starts_the_person() {
        let text = "Then Hawks QB Andrew Luck and County Coroner Ada Miller met Queenslander \
                    Mitchell Rawlins at Cal Anderson Park near Friedrich von Schlegel's house.";
        // The words before the person go as a title would ("Hawks QB").
        assert_eq!(
            shown(text),
            [
                "Andrew Luck",
                "Ada Miller",
                "Mitchell Rawlins",
                "Cal Anderson Park",
                "Friedrich von Schlegel"
            ]
        );
    }

    #[test]
    fn a_short_headline_in_title_case_gives_only_confirmed_names() {
        let text = "Hawks Beat Ravens 20 - 13, Clinch 5th Seed\n\nThe Hawks beat the Ravens.";
        assert_eq!(
            shown_in_paragraphs(text),
            ["Hawks", "Ravens", "Hawks", "Ravens"]
        );
    }

    #[test]
    fn an_apposition_after_a_place_in_a_prepositional_phrase_is_not_its_own() {
        let text = "They blamed Senator Jo Tan of Vellmark, the Liberal leader, for the deal.";
        let c = names(text);
        assert_eq!(c[1].display, "Vellmark");
        assert!(!c[1].person_cue);
        assert!(c[0].person_cue);
    }

    #[test]
    fn of_the_continues_an_institution_and_a_title() {
        let text = "The Army of the Vell crossed with the Tarnish Air Force, said Secretary \
                    of the Treasury Ada Marr.";
        assert_eq!(
            shown(text),
            ["Army of the Vell", "Tarnish Air Force", "Ada Marr"]
        );
    }

    #[test]
    fn dates_and_clock_times_are_not_names() {
        let text = "Posted May 2, 2031 7:32 AM EDT by Ada Varn of Harlow Press.";
        assert_eq!(shown(text), ["Ada Varn", "Harlow Press"]);
    }

    #[test]
    fn a_company_suffix_keeps_its_full_stop() {
        let text = "Tarn Micro Devices Inc. sued Velloway Corp. on Monday, said Ivo Darnov Jr.";
        let c = names(text);
        let spans: Vec<&str> = c.iter().map(|c| c.span.slice(text)).collect();
        assert_eq!(
            spans,
            [
                "Tarn Micro Devices Inc.",
                "Velloway Corp.",
                "Ivo Darnov Jr."
            ]
        );
        // The words stay without it, for keys and initials.
        assert_eq!(c[1].words.last().map(|w| w.slice(text)), Some("Corp"));
    }

    #[test]
    fn an_honorific_inside_a_run_starts_the_name() {
        let text = "Leading Ms. Varn to apologise, the fire spread.";
        let c = names(text);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].display, "Varn");
        assert!(c[0].person_cue);
    }

    #[test]
    fn a_headline_in_capitals_is_no_dateline_and_gives_only_confirmed_names() {
        let text = "HAWKS TOP RAVENS, 20-13, REACH FINAL\n\nThe Hawks beat the Ravens in Tarnow.";
        let c = names(text);
        assert!(c.iter().all(|c| !c.place_strong), "no dateline");
        assert_eq!(
            shown_in_paragraphs(text),
            ["HAWKS", "RAVENS", "Hawks", "Ravens", "Tarnow"]
        );
    }

    #[test]
    fn titles_and_nationalities_are_stripped_and_kept() {
        let text = "OSLO — Norwegian Prime Minister Ingrid Halvorsen met Kari Dahl.";
        let c = names(text);
        assert_eq!(c[0].display, "Oslo");
        assert!(c[0].place_strong);
        assert_eq!(c[1].display, "Ingrid Halvorsen");
        assert_eq!(c[1].span.slice(text), "Ingrid Halvorsen");
        assert_eq!(c[1].nationalities, ["norwegian"]);
        assert_eq!(c[1].roles, ["minister"]);
        assert!(c[1].person_cue);
    }

    #[test]
    fn possessives_and_plural_possessives() {
        assert_eq!(
            shown("They met at the Fjord Rowers’ Union before Halvorsen’s speech."),
            ["Fjord Rowers’ Union", "Halvorsen"]
        );
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        assert_eq!(
            shown("The mayor left. Officials said Bergen was calm. Then Tove Lunde spoke."),
            ["Bergen", "Tove Lunde"]
        );
    }

    #[test]
    fn roles_before_and_in_apposition() {
        let text =
            "Their spokeswoman, Mette Berg, spoke. Ola Nord, the Danish harbour chef, agreed.";
        let c = names(text);
        assert_eq!(c[0].display, "Mette Berg");
        assert_eq!(c[0].roles, ["spokeswoman"]);
        assert_eq!(c[1].display, "Ola Nord");
        assert_eq!(c[1].roles, ["chef"]);
        assert_eq!(c[1].nationalities, ["danish"]);
    }

    #[test]
    fn organisation_and_place_cues() {
        let text = "the Fiskelag union struck in the port of Tromsø, the Kystlag party said.";
        let c = names(text);
        assert_eq!(c[0].display, "Fiskelag");
        assert!(c[0].org_cue);
        assert_eq!(c[1].display, "Tromsø");
        assert!(c[1].place_strong);
        assert!(c[2].org_cue);
    }
}
