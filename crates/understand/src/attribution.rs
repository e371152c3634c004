//! Who said each quote. Looks in the rest of the quote's sentence, first after
//! the closing mark (`"...," Marsh said`, `"...," said Dana Whitlock`), then
//! before the opening mark (`Wielgosz said in a statement: "..."`), for a
//! reporting verb and its subject: a named mention (directly, across a title
//! or role words, across an apposition, or `X of the Y`), a pronoun, a role
//! noun (`the actor`, `the company`), or any other noun phrase (`a friend`,
//! `the ad's narrator`), which names an unnamed speaker. A quote that closes
//! its sentence may still take `Marsh said.` from the next one; a paragraph
//! that is all quote may take `Marsh said:` from the end of the one before.
//! A quote without a cue of its own that follows an attributed quote in the
//! same paragraph continues that quote's speaker.
//!
//! Sentences are the clean stage's (which knows `Mr.` and `J.` do not end one).
//! `he` and `she` go to the latest compatible person (by the gender that
//! [`crate::gender`] found) named as a subject or speaking, else the latest
//! compatible person named.

use parallax_model::{EntityKind, Mention, Quote, Span};

use crate::gender::{Gender, of_pronoun};
use crate::quotes::{RawQuote, is_quote_mark};
use crate::titles::{
    DETERMINERS, INVERSION_VERBS, NATIONALITIES, ORG_REF_NOUNS, ROLE_NOUNS, TITLES, is_in,
};
use crate::verbs;

/// How far (bytes) an attribution may sit from its quote.
const WINDOW: usize = 400;
/// How many mentions back a pronoun or role noun may reach.
const LOOKBACK: usize = 300;
/// Longest unnamed-speaker noun phrase, in words (`the 34-year-old mother of three`).
const PHRASE_WORDS: usize = 7;
/// Words that may sit between an inverted verb and the speaker's name
/// (`said undecided Republican voter Jo Tan`).
const LEAD_WORDS: usize = 6;
/// Longest apposition between a name and its verb, in words.
const APPOSITION_WORDS: usize = 20;

/// Everything attribution needs to know about the article's entities.
pub struct Context<'a> {
    pub text: &'a str,
    pub paragraphs: &'a [Span],
    /// The clean stage's sentences, sorted; empty means one per paragraph.
    pub sentences: &'a [Span],
    pub mentions: &'a [Mention],
    pub kinds: &'a [EntityKind],
    pub roles: &'a [Vec<&'static str>],
    pub nationalities: &'a [Vec<&'static str>],
    pub genders: &'a [Gender],
    /// Per mention: it opens its sentence or is followed by a reporting
    /// verb, so a later pronoun most likely continues it (see [`subjects`]).
    pub subjects: &'a [bool],
}

struct Word {
    span: Span,
    lower: String,
}

pub(crate) struct Found {
    pub(crate) speaker: Option<usize>,
    pub(crate) speaker_span: Span,
    pub(crate) cue: Span,
}

/// Adverbs allowed between a speaker and the verb (`Trump later said`).
fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "then"
            | "also"
            | "later"
            | "again"
            | "once"
            | "recently"
            | "previously"
            | "further"
            | "often"
            | "still"
            | "first"
            | "just"
            | "never"
            // `Trump himself said`: an intensifier, not an object.
            | "himself"
            | "herself"
            | "itself"
            | "themselves"
    ) || (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase()))
}

/// Auxiliaries between a subject and its verb (`Tan has said`, `she had told`).
fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "has" | "have" | "had" | "would" | "will" | "may" | "might" | "could" | "should" | "did"
    )
}

/// Words that end a noun phrase or show that the text is no subject.
fn breaks_phrase(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "about"
            | "as"
            | "after"
            | "before"
            | "when"
            | "while"
            | "and"
            | "but"
            | "or"
            | "if"
            | "because"
            | "than"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "is"
            | "was"
            | "are"
            | "were"
            | "has"
            | "had"
            | "have"
            | "be"
            | "not"
            | "during"
            | "into"
            | "from"
            | "said"
            | "says"
            | "would"
            | "will"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
            | "also"
            | "then"
            | "never"
            | "so"
            | "what"
            | "there"
            | "here"
    )
}

/// `called it "..."`, `what he called "..."`, `calling her tenure "..."`:
/// naming something in the subject's words (not `so-called`, `called for`,
/// `was called`).
fn is_calling(words: &[Word], i: usize) -> bool {
    let Some(w) = words.get(i) else { return false };
    if w.lower != "called" && w.lower != "calling" {
        return false;
    }
    let prev = i
        .checked_sub(1)
        .and_then(|p| words.get(p))
        .map(|p| p.lower.as_str());
    let next = words.get(i + 1).map(|n| n.lower.as_str());
    let passive = matches!(
        prev,
        Some("so" | "was" | "is" | "be" | "been" | "were" | "are" | "being" | "also")
    );
    let phrasal = matches!(
        next,
        Some("for" | "on" | "off" | "up" | "out" | "in" | "back" | "upon" | "to")
    );
    !passive && !phrasal
}

/// Determiners that open a noun phrase naming an unnamed speaker.
fn opens_phrase(w: &str) -> bool {
    DETERMINERS.contains(&w)
        || matches!(
            w,
            "one"
                | "another"
                | "this"
                | "that"
                | "these"
                | "those"
                | "my"
                | "your"
                | "some"
                | "several"
                | "two"
                | "three"
                | "many"
                | "other"
                | "each"
        )
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// For each mention, whether it is subject-like: within the first five words
/// of its sentence and the first mention there, or right before a reporting
/// verb.
pub fn subjects(text: &str, sentences: &[Span], mentions: &[Mention]) -> Vec<bool> {
    let mut out = Vec::with_capacity(mentions.len());
    let mut last_sentence = usize::MAX;
    for m in mentions {
        let s = sentences.partition_point(|s| s.end <= m.span.start);
        let first_in_sentence = s != last_sentence;
        last_sentence = s;
        let opening = sentences.get(s).is_some_and(|sent| {
            sent.start <= m.span.start
                && parallax_text::words(text.get(sent.start..m.span.start).unwrap_or(""))
                    .nth(5)
                    .is_none()
        });
        let after = text.get(m.span.end..).unwrap_or("");
        let speaks = parallax_text::words(after.get(..after.len().min(40)).unwrap_or(""))
            .next()
            .is_some_and(|w| w.start <= 3 && verbs::is_reporting(&w.text.to_lowercase()));
        out.push((opening && first_in_sentence) || speaks);
    }
    out
}

impl<'a> Context<'a> {
    pub(crate) fn slice(&self, a: usize, b: usize) -> &'a str {
        self.text.get(a..b).unwrap_or("")
    }

    fn words(&self, lo: usize, hi: usize) -> Vec<Word> {
        parallax_text::words(self.slice(lo, hi))
            .map(|w| Word {
                span: Span::new(lo + w.start, lo + w.end),
                lower: w.text.to_lowercase().replace('\u{2019}', "'"),
            })
            .collect()
    }

    fn kind(&self, e: usize) -> EntityKind {
        self.kinds.get(e).copied().unwrap_or(EntityKind::Other)
    }

    fn gender(&self, e: usize) -> Gender {
        self.genders.get(e).copied().unwrap_or_default()
    }

    fn is_person(&self, e: usize) -> bool {
        self.kind(e) == EntityKind::Person
    }

    /// Start of the sentence that holds `pos`, not before `floor`.
    fn sentence_start(&self, floor: usize, pos: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.start <= pos);
        let start = match i.checked_sub(1).and_then(|k| self.sentences.get(k)) {
            Some(s) if s.end >= pos => s.start,
            Some(_) => pos,
            None => floor,
        };
        ceil_boundary(self.text, start.max(floor).max(pos.saturating_sub(WINDOW)))
    }

    /// The sentence holding `pos` (ending at or after it), or the one after
    /// `pos` when `pos` sits between sentences.
    fn sentence_at(&self, pos: usize) -> Option<(usize, Span)> {
        let i = self.sentences.partition_point(|s| s.end < pos);
        self.sentences.get(i).map(|s| (i, *s))
    }

    /// First quote mark in `[from, hi)`, or `hi`.
    fn before_quote_mark(&self, from: usize, hi: usize) -> usize {
        self.slice(from, hi)
            .find(is_quote_mark)
            .map_or(hi, |i| from + i)
    }

    /// End of the clause after a closing mark: the end of its sentence, the
    /// next quote mark, or `ceiling`.
    fn clause_end(&self, from: usize, ceiling: usize) -> usize {
        let hi = floor_boundary(self.text, ceiling.min(from + WINDOW));
        let end = match self.sentence_at(from) {
            Some((_, s)) if s.start <= from => s.end.min(hi),
            Some(_) => from,
            None if self.sentences.is_empty() => hi,
            None => from,
        };
        self.before_quote_mark(from, end.max(from))
    }

    /// The reporting verbs of `words`, with their cue span and whether the
    /// subject may follow them.
    fn verbs(words: &[Word]) -> Vec<(usize, Span, bool)> {
        let mut out = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let next = words.get(i + 1).map(|n| n.lower.as_str());
            if verbs::is_reporting(&w.lower) {
                out.push((i, w.span, INVERSION_VERBS.contains(&w.lower.as_str())));
            } else if w.lower == "according" && next == Some("to") {
                let end = words.get(i + 1).map_or(w.span.end, |n| n.span.end);
                out.push((i, Span::new(w.span.start, end), true));
            } else if is_calling(words, i) {
                out.push((i, w.span, false));
            }
        }
        out
    }

    fn is_mention(&self, span: Span) -> bool {
        let idx = self.mentions.partition_point(|m| m.span.start < span.start);
        self.mentions.get(idx).is_some_and(|m| m.span == span)
    }

    /// The mention that starts at `at`, if any.
    fn mention_at(&self, at: usize) -> Option<&Mention> {
        let idx = self.mentions.partition_point(|m| m.span.start < at);
        self.mentions.get(idx).filter(|m| m.span.start == at)
    }

    /// The mention of a person or body (not a place) that starts at `at`.
    fn speaker_at(&self, at: usize) -> Option<&Mention> {
        self.mention_at(at)
            .filter(|m| self.kind(m.entity) != EntityKind::Place)
    }

    fn mention_ending_at(&self, end: usize, lo: usize) -> Option<&Mention> {
        let idx = self.mentions.partition_point(|m| m.span.end < end);
        self.mentions.get(idx).filter(|m| {
            m.span.end == end && m.span.start >= lo && self.kind(m.entity) != EntityKind::Place
        })
    }

    /// `Mr. Morgan of the Sierra Club said`: the person before `of the`, when
    /// the mention `idx` right before the verb is not a person.
    fn head_of(&self, idx: usize, lo: usize) -> Option<&Mention> {
        let m = self.mentions.get(idx)?;
        if self.is_person(m.entity) {
            return None;
        }
        let p = self.mentions.get(idx.checked_sub(1)?)?;
        let gap = self.slice(p.span.end, m.span.start).trim();
        let joined = matches!(
            gap,
            "of" | "of the" | "at" | "at the" | "from" | "from the" | "for" | "for the" | ", of"
        );
        (joined && p.span.start >= lo && self.is_person(p.entity)).then_some(p)
    }

    /// The subject left of a verb at `verb`, inside `[lo, verb)`.
    fn subject_left(
        &self,
        lo: usize,
        verb: usize,
        words: &[Word],
        vi: usize,
        open: usize,
        prev: Option<usize>,
    ) -> Option<(Option<usize>, Span)> {
        let verb_word = words.get(vi)?;
        let prev_word = vi.checked_sub(1).and_then(|p| words.get(p));
        // `..., saying "..."`, `Biden was quick to retort: "..."`: the
        // subject of the sentence (or of an earlier cue in it) speaks.
        let through_subject =
            verbs::is_participle(&verb_word.lower) || prev_word.is_some_and(|w| w.lower == "to");
        let idx = self.mentions.partition_point(|m| m.span.end <= verb);
        let direct = idx
            .checked_sub(1)
            .and_then(|i| Some((i, self.mentions.get(i)?)))
            .filter(|(_, m)| m.span.start >= lo && self.kind(m.entity) != EntityKind::Place)
            .map(|(i, m)| (i, m, self.slice(m.span.end, verb).trim()));
        if let Some((i, m, gap)) = direct {
            let role_gap =
                !gap.is_empty() && gap.split_whitespace().all(|w| ROLE_NOUNS.contains(&w));
            // `Jason Chaffetz (R-Utah) said`, `Trump later said`.
            let aside = (gap.starts_with('(') && gap.ends_with(')') && gap.len() < 40)
                || (!gap.is_empty()
                    && gap
                        .split_whitespace()
                        .all(|w| is_adverb(w) || is_auxiliary(w)));
            let plain = gap.is_empty() || ((role_gap || aside) && !through_subject);
            if plain {
                let m = self.head_of(i, lo).unwrap_or(m);
                return Some((Some(m.entity), m.span));
            }
        }
        if through_subject {
            let before = prev_word.map_or(verb, |w| w.span.start);
            let earlier = self
                .search(lo, before, true, open, prev)
                .map(|f| (f.speaker, f.speaker_span));
            if earlier.is_some() {
                return earlier;
            }
            // The whole sentence, even before a quote that sits in it.
            let start = self.sentence_start(0, lo).min(lo);
            let sentence_words = self.words(start, verb);
            return self.sentence_subject(start, verb, &sentence_words, open, prev);
        }
        if let Some(m) = self.before_comma(lo, verb) {
            return Some((Some(m.entity), m.span));
        }
        // Pronoun, role noun or other noun phrase right before the verb, or
        // before adverbs (`it further wrote`).
        let mut li = vi.checked_sub(1)?;
        while li > 0
            && words
                .get(li)
                .is_some_and(|w| is_adverb(&w.lower) || is_auxiliary(&w.lower))
        {
            li -= 1;
        }
        let last = words.get(li)?;
        let between = self.slice(last.span.end, verb);
        if last.span.start < lo || !between.chars().all(|c| c.is_alphabetic() || c == ' ') {
            return None;
        }
        if last.lower == "and" {
            return self.coordinated_subject(words, li, lo, open, prev);
        }
        if let Some(found) = self.pronoun_subject(last, open, prev) {
            return Some(found);
        }
        self.role_phrase(words, li, lo, open.min(verb))
            .or_else(|| self.phrase_left(words, li + 1, lo))
    }

    /// `I laughed and said`, `Tan smiled and added`: the subject a few words
    /// before `and` (word `and_at`), in the same clause.
    fn coordinated_subject(
        &self,
        words: &[Word],
        and_at: usize,
        lo: usize,
        open: usize,
        prev: Option<usize>,
    ) -> Option<(Option<usize>, Span)> {
        for k in (and_at.saturating_sub(4)..and_at).rev() {
            let (w, next) = (words.get(k)?, words.get(k + 1)?);
            if w.span.start < lo || !self.slice(w.span.end, next.span.start).trim().is_empty() {
                return None;
            }
            if let Some(m) = self.mention_ending_at(w.span.end, lo) {
                return Some((Some(m.entity), m.span));
            }
            if let Some(found) = self.pronoun_subject(w, open, prev) {
                return Some(found);
            }
        }
        None
    }

    /// The name before the commas that end right before a verb: `Jo Tan,
    /// said`, `Jo Tan (D-Ore.), said`, and appositions: `Pawel Kruk, the prime
    /// minister's spokesman, told`, `Jo Tan, 30, of Derry, N.H., said`. A
    /// person wins over a body (`Kruk, the spokesman for Havenbond, said`).
    fn before_comma(&self, lo: usize, verb: usize) -> Option<&Mention> {
        // `Jo Tan, who coined the word, once said`: adverbs after the comma.
        let mut before = self.slice(lo, verb).trim_end();
        while let Some((head, last)) = before.rsplit_once(' ')
            && (is_adverb(last) || is_auxiliary(last))
        {
            before = head.trim_end();
        }
        let inner = before.strip_suffix(',')?;
        let at = |end: &str| self.mention_ending_at(lo + strip_parenthetical(end).len(), lo);
        // `of Voss`, `for Rep. Tan`, `at the yard`: a name governed by a
        // preposition inside an apposition is no subject.
        let governed = |m: &Mention| {
            parallax_text::words(self.slice(lo, m.span.start))
                .map(|w| w.text.to_lowercase())
                .filter(|w| !is_in(TITLES, w))
                .last()
                .is_some_and(|w| matches!(w.as_str(), "of" | "in" | "from" | "at" | "near" | "for"))
        };
        let itself = at(inner).filter(|m| !governed(m));
        if let Some(m) = itself.filter(|m| self.is_person(m.entity)) {
            return Some(m);
        }
        let mut fallback = None;
        let mut rest = inner;
        while let Some(pos) = rest.rfind(',') {
            let appo = inner.get(pos + 1..).unwrap_or("");
            if appo.split_whitespace().count() > APPOSITION_WORDS || appo.contains(is_quote_mark) {
                break;
            }
            rest = rest.get(..pos).unwrap_or("");
            // Of the names before the commas a person wins, else the leftmost.
            let Some(m) = at(rest).filter(|m| !governed(m)) else {
                continue;
            };
            if self.is_person(m.entity) {
                return Some(m);
            }
            fallback = Some(m);
        }
        fallback.or(itself)
    }

    /// `he`, `she`, `it`, `they`, `we`, `I` as the subject. Only `he`/`she`
    /// (a person) and `it` (an organisation) are resolved; the others keep
    /// the pronoun as an unnamed speaker.
    fn pronoun_subject(
        &self,
        w: &Word,
        open: usize,
        prev: Option<usize>,
    ) -> Option<(Option<usize>, Span)> {
        let before = open.min(w.span.start);
        match w.lower.as_str() {
            "he" | "she" => Some((self.pronoun(before, of_pronoun(&w.lower), prev), w.span)),
            "it" => {
                // The previous speaker when it is a body (a newspaper may be
                // typed Other), else the latest organisation.
                let body =
                    |e: usize| !matches!(self.kind(e), EntityKind::Person | EntityKind::Place);
                let org = |e: usize| self.kind(e) == EntityKind::Organization;
                let e = prev
                    .filter(|&e| body(e))
                    .or_else(|| self.recent(before, org));
                Some((e, w.span))
            }
            "they" | "we" | "i" => Some((None, w.span)),
            _ => None,
        }
    }

    /// The subject of the sentence in `[lo, verb)`: its first named person or
    /// body, or a leading pronoun, whichever comes first. For a participle
    /// (`Trump attacked Clinton, saying, "..."`).
    fn sentence_subject(
        &self,
        lo: usize,
        verb: usize,
        words: &[Word],
        open: usize,
        prev: Option<usize>,
    ) -> Option<(Option<usize>, Span)> {
        let idx = self.mentions.partition_point(|m| m.span.start < lo);
        let named = self
            .mentions
            .get(idx..)?
            .iter()
            .take_while(|m| m.span.end <= verb)
            .find(|m| self.kind(m.entity) != EntityKind::Place);
        let pronoun = words
            .iter()
            .take_while(|w| w.span.end <= verb)
            .filter(|w| w.span.start >= lo)
            .take(4)
            .find(|w| matches!(w.lower.as_str(), "he" | "she"));
        let resolve = |p: &Word| {
            (
                self.pronoun(open.min(p.span.start), of_pronoun(&p.lower), prev),
                p.span,
            )
        };
        match (named, pronoun) {
            (Some(m), Some(p)) if p.span.start < m.span.start => Some(resolve(p)),
            (Some(m), _) => Some((Some(m.entity), m.span)),
            (None, Some(p)) => Some(resolve(p)),
            (None, None) => None,
        }
    }

    /// `the [Ukrainian] president`, `the company`: a role phrase ending at word `li`.
    fn role_phrase(
        &self,
        words: &[Word],
        li: usize,
        lo: usize,
        before: usize,
    ) -> Option<(Option<usize>, Span)> {
        let last = words.get(li)?;
        let head = last.lower.as_str();
        let is_org = ORG_REF_NOUNS.contains(&head);
        if !is_org && !ROLE_NOUNS.contains(&head) {
            return None;
        }
        let mut nat = None;
        let mut j = li;
        loop {
            j = j.checked_sub(1)?;
            let w = words.get(j)?;
            if w.span.start < lo || li - j > 4 {
                return None;
            }
            if !self
                .slice(w.span.end, words.get(j + 1)?.span.start)
                .trim()
                .is_empty()
            {
                return None;
            }
            if w.lower == "the" {
                break;
            }
            if let Some(n) = NATIONALITIES.iter().find(|n| **n == w.lower) {
                nat = Some(*n);
            }
        }
        let span = Span::new(words.get(j)?.span.start, last.span.end);
        let entity = if is_org {
            self.recent(before, |e| self.kind(e) == EntityKind::Organization)
        } else {
            self.recent(before, |e| {
                self.is_person(e)
                    && self.roles.get(e).is_some_and(|r| r.contains(&head))
                    && nat
                        .is_none_or(|n| self.nationalities.get(e).is_some_and(|ns| ns.contains(&n)))
            })
        };
        Some((entity, span))
    }

    /// A noun phrase ending right before the verb at word `vi`: `a friend`,
    /// `the ad's narrator`, `one Sanders supporter`; or a short bare one that
    /// opens the clause (`Officials said`). An unnamed speaker: no entity.
    fn phrase_left(&self, words: &[Word], vi: usize, lo: usize) -> Option<(Option<usize>, Span)> {
        let last = words.get(vi.checked_sub(1)?)?;
        if breaks_phrase(&last.lower) || is_adverb(&last.lower) || last.span.start < lo {
            return None;
        }
        let mut j = vi - 1;
        loop {
            let w = words.get(j)?;
            if opens_phrase(&w.lower) {
                break;
            }
            if breaks_phrase(&w.lower) || vi - j >= PHRASE_WORDS {
                return None;
            }
            let clause_start = j == 0
                || words.get(j - 1).is_some_and(|p| p.span.end <= lo)
                || self
                    .slice(words.get(j - 1)?.span.end, w.span.start)
                    .contains(',');
            if clause_start {
                // Bare noun phrases only at the start of the sentence.
                let at_start = self.slice(lo, w.span.start).trim().is_empty();
                if at_start && vi - j <= 4 {
                    break;
                }
                return None;
            }
            let gap = self.slice(words.get(j - 1)?.span.end, w.span.start);
            if !gap.chars().all(|c| c == ' ' || c == '-') {
                return None;
            }
            j -= 1;
        }
        let first = words.get(j)?;
        Some((None, Span::new(first.span.start, last.span.end)))
    }

    /// The most recent entity mentioned before `before` that passes `ok`.
    fn recent(&self, before: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
        let end = self.mentions.partition_point(|m| m.span.start < before);
        self.mentions
            .get(..end)?
            .iter()
            .rev()
            .take(LOOKBACK)
            .map(|m| m.entity)
            .find(|&e| ok(e))
    }

    /// `he`/`she` at `at`: the latest compatible person that was a subject
    /// or the previous speaker, else the latest compatible person named.
    fn pronoun(&self, at: usize, gender: Gender, prev: Option<usize>) -> Option<usize> {
        let ok = |e: usize| self.is_person(e) && self.gender(e).compatible(gender);
        let end = self.mentions.partition_point(|m| m.span.start < at);
        let salient = self
            .mentions
            .get(..end)?
            .iter()
            .enumerate()
            .rev()
            .take(LOOKBACK)
            .find(|(i, m)| {
                ok(m.entity)
                    && (self.subjects.get(*i).copied().unwrap_or(false) || Some(m.entity) == prev)
            })
            .map(|(_, m)| m.entity);
        salient
            .or_else(|| prev.filter(|&e| ok(e)))
            .or_else(|| self.recent(at, ok))
    }

    /// The subject right after an inverted verb (`said Dana Whitlock`, `said
    /// Concord resident Jo Tan`, `said a spokesman`), inside `[verb_end, hi)`.
    /// When the verb does not open its clause (`... and said Tan`), only a
    /// name or pronoun right after it counts (`strict`).
    #[allow(clippy::too_many_arguments)]
    fn subject_right(
        &self,
        verb_end: usize,
        hi: usize,
        words: &[Word],
        vi: usize,
        open: usize,
        prev: Option<usize>,
        strict: bool,
    ) -> Option<(Option<usize>, Span)> {
        let idx = self.mentions.partition_point(|m| m.span.start < verb_end);
        let mut adjacent = None;
        for m in self.mentions.get(idx..)?.iter() {
            if m.span.end > hi {
                break;
            }
            let gap = self.slice(verb_end, m.span.start);
            let clean_gap = !gap.contains([',', ';', ':', '(', ')', '"', '“', '”'])
                && parallax_text::words(gap).count() <= LEAD_WORDS
                && !parallax_text::words(gap).any(|w| breaks_phrase(&w.text.to_lowercase()));
            if !clean_gap {
                break;
            }
            if self.is_person(m.entity) && (!strict || gap.trim().is_empty()) {
                return Some((Some(m.entity), m.span));
            }
            if adjacent.is_none()
                && gap.trim().is_empty()
                && self.kind(m.entity) != EntityKind::Place
            {
                adjacent = Some((Some(m.entity), m.span));
            }
        }
        if adjacent.is_some() {
            return adjacent;
        }
        let next = words.get(vi + 1)?;
        if matches!(next.lower.as_str(), "he" | "she") {
            let g = of_pronoun(&next.lower);
            return Some((self.pronoun(open.min(next.span.start), g, prev), next.span));
        }
        if strict {
            return None;
        }
        self.phrase_right(words, vi + 1, hi, open)
    }

    /// `said a spokesman for the party`, `tweeted another`: a noun phrase
    /// opened by a determiner right after the verb, up to a break word or
    /// punctuation. A role noun resolves as in [`Self::role_phrase`].
    fn phrase_right(
        &self,
        words: &[Word],
        first: usize,
        hi: usize,
        open: usize,
    ) -> Option<(Option<usize>, Span)> {
        let w0 = words.get(first)?;
        if !opens_phrase(&w0.lower) || w0.span.end > hi {
            return None;
        }
        let mut last = first;
        for j in first + 1..(first + PHRASE_WORDS).min(words.len()) {
            let (Some(p), Some(w)) = (words.get(j - 1), words.get(j)) else {
                break;
            };
            let gap = self.slice(p.span.end, w.span.start);
            if w.span.end > hi
                || breaks_phrase(&w.lower)
                || !gap.chars().all(|c| c == ' ' || c == '-')
            {
                break;
            }
            last = j;
        }
        let end = words.get(last)?;
        if let Some(found) = self.role_phrase(words, last, w0.span.start, open.min(w0.span.start)) {
            return Some(found);
        }
        Some((None, Span::new(w0.span.start, end.span.end)))
    }

    /// Search `[lo, hi)` for a verb with a subject. `nearest_last` scans verbs
    /// from the end (text before the quote).
    pub(crate) fn search(
        &self,
        lo: usize,
        hi: usize,
        nearest_last: bool,
        open: usize,
        prev: Option<usize>,
    ) -> Option<Found> {
        if lo >= hi {
            return None;
        }
        let words = self.words(lo, hi);
        let mut verbs = Self::verbs(&words);
        if nearest_last {
            verbs.reverse();
        }
        // Right after a closing mark any reporting verb is inverted
        // (`"..." declares Ada Acs`), whatever the list says.
        let after_mark = self
            .text
            .get(..lo)
            .is_some_and(|t| t.trim_end().ends_with(is_quote_mark));
        for (vi, cue, inverted) in verbs {
            let leading = self
                .slice(lo, cue.start)
                .trim_matches(|c: char| c.is_whitespace() || c == ',')
                .is_empty();
            // (`"...," adding that ...` keeps its subject before the quote.)
            let participle = words
                .get(vi)
                .is_some_and(|w| verbs::is_participle(&w.lower));
            let inverted = inverted || (leading && after_mark && !participle);
            // `"..." for Clinton, said Kunin`: a name right after an inverted
            // verb that follows a comma is its subject.
            let after_comma = inverted && self.slice(lo, cue.start).trim_end().ends_with(',');
            // `..., said of Trump's campaign`: a name after a preposition is
            // what was spoken of, not who spoke.
            let spoken_of = words
                .get(vi + 1)
                .is_some_and(|w| w.lower == "of" || breaks_phrase(&w.lower));
            let named_right = || {
                self.subject_right(cue.end, hi, &words, vi, open, prev, false)
                    .filter(|&(e, span)| {
                        e.is_some_and(|e| self.is_person(e)) && self.is_mention(span)
                    })
                    .filter(|_| !spoken_of)
            };
            let found = if inverted && leading {
                self.subject_right(cue.end, hi, &words, vi, open, prev, false)
            } else if let Some(right) = after_comma.then(named_right).flatten() {
                Some(right)
            } else {
                self.subject_left(lo, cue.start, &words, vi, open, prev)
                    .or_else(|| {
                        if inverted {
                            self.subject_right(cue.end, hi, &words, vi, open, prev, true)
                        } else {
                            None
                        }
                    })
            };
            if let Some((speaker, speaker_span)) = found {
                return Some(Found {
                    speaker,
                    speaker_span,
                    cue,
                });
            }
        }
        None
    }

    /// `"...?" Trump said, looking at the crowd.`: the sentence after a quote
    /// that closed its own, when it opens with its subject and a reporting
    /// verb and says little more (`Trump said the union...` is a new statement).
    fn next_sentence(
        &self,
        from: usize,
        hi: usize,
        open: usize,
        prev: Option<usize>,
    ) -> Option<Found> {
        let s = self
            .sentences
            .get(self.sentences.partition_point(|s| s.start < from))?;
        let start = s.start;
        if start >= hi || !self.slice(from, start).trim().is_empty() {
            return None;
        }
        let end = self.before_quote_mark(start, s.end.min(hi));
        let f = self.search(start, end, false, open, prev)?;
        // At most a title before it (`Mr. Tan said.`).
        let lead = self.slice(start, f.speaker_span.start.min(f.cue.start));
        let subject_first = parallax_text::words(lead).nth(2).is_none() && !lead.contains(',');
        let rest = self
            .slice(f.cue.end.max(f.speaker_span.end), end)
            .trim_start();
        // `said about ...`, `said Sunday in ...` add circumstances, not a
        // new statement.
        let first = parallax_text::words(rest)
            .next()
            .map(|w| w.text.to_lowercase())
            .unwrap_or_default();
        let circumstance = matches!(
            first.as_str(),
            "about"
                | "of"
                | "on"
                | "in"
                | "at"
                | "during"
                | "after"
                | "before"
                | "while"
                | "when"
                | "as"
                | "from"
                | "with"
                | "through"
                | "later"
                | "earlier"
                | "yesterday"
                | "today"
                | "tonight"
                | "afterward"
                | "afterwards"
        ) || parallax_text::is_calendar_word(&first);
        let short = rest.is_empty()
            || rest.starts_with([',', '.', ':'])
            || circumstance
            || (parallax_text::words(rest).nth(6).is_none() && !rest.starts_with("that"));
        (subject_first && short).then_some(f)
    }

    /// `"..." ― Ana Ruiz`: a dash after the closing mark, then a name that
    /// ends its line or sentence, signs the quote (reader voices, pull quotes,
    /// epigraphs).
    fn dash_signature(&self, from: usize, hi: usize) -> Option<Found> {
        let rest = self.slice(from, hi);
        let after_space = rest.trim_start_matches([' ', '\u{a0}']);
        let dash = after_space.chars().next()?;
        if !matches!(dash, '\u{2015}' | '\u{2014}' | '\u{2013}') {
            return None;
        }
        let dash_at = from + (rest.len() - after_space.len());
        let name_at = dash_at + dash.len_utf8();
        let gap = self.slice(name_at, hi);
        let start = name_at + (gap.len() - gap.trim_start().len());
        let m = self.speaker_at(start)?;
        let line_rest = self.slice(m.span.end, hi);
        let line_rest = line_rest.split('\n').next().unwrap_or("").trim();
        let signs = line_rest.is_empty()
            || (line_rest.starts_with([',', '.', '(']) && line_rest.len() <= 80);
        signs.then_some(Found {
            speaker: Some(m.entity),
            speaker_span: m.span,
            cue: Span::new(dash_at, name_at),
        })
    }

    /// `"Will you?" Tan demanded.`, `"Stop!" she yells.`: a name or pronoun
    /// and one verb right after a quote that ends in a comma, question or
    /// exclamation mark attribute it, whatever the verb.
    fn verb_after(&self, q: &RawQuote, hi: usize, prev: Option<usize>) -> Option<Found> {
        let inner = self.slice(q.inner.start, q.inner.end).trim_end();
        if !inner.ends_with([',', '?', '!']) {
            return None;
        }
        let words = self.words(q.close_end, hi);
        let (subject, verb) = (words.first()?, words.get(1)?);
        let finite = verb.lower.len() > 3
            && (verb.lower.ends_with("ed") || verb.lower.ends_with('s'))
            && verb.lower.chars().all(|c| c.is_ascii_lowercase());
        let leading = self
            .slice(q.close_end, subject.span.start)
            .trim()
            .is_empty();
        if !finite || !leading {
            return None;
        }
        let (speaker, speaker_span) = match self.speaker_at(subject.span.start) {
            Some(m) if self.slice(m.span.end, verb.span.start).trim().is_empty() => {
                (Some(m.entity), m.span)
            }
            Some(_) => return None,
            None => self.pronoun_subject(subject, q.open, prev)?,
        };
        Some(Found {
            speaker,
            speaker_span,
            cue: verb.span,
        })
    }

    /// The subject of the clause in `[lo, end)` that introduces a quote with a
    /// colon, whatever its verb (`Rubio fired back forcefully:`, `She went
    /// on:`, `Pew Research:`): a name or pronoun among its first words, after
    /// a fronted phrase (`In a statement Thursday, ...`).
    fn clause_subject(
        &self,
        lo: usize,
        end: usize,
        open: usize,
        prev: Option<usize>,
    ) -> Option<Found> {
        let words = self.words(lo, end);
        // `with Trump reportedly yelling:`, `Jared Potts echoed:`: the name
        // right before the verb that ends the clause.
        if let Some(verb) = words.len().checked_sub(1)
            && words[verb].lower.len() > 4
            && (words[verb].lower.ends_with("ing") || words[verb].lower.ends_with("ed"))
        {
            let mut k = verb;
            while k > 0 && is_adverb(&words[k - 1].lower) {
                k -= 1;
            }
            if let Some(m) = k
                .checked_sub(1)
                .and_then(|p| self.mention_ending_at(words[p].span.end, lo))
            {
                return Some(Found {
                    speaker: Some(m.entity),
                    speaker_span: m.span,
                    cue: words[verb].span,
                });
            }
        }
        // `In a statement, ...`, `Asked about it, ...`, `Clearly angry, ...`.
        let fronted = words.first().is_some_and(|w| {
            let participle = w.lower.ends_with("ing") || w.lower.ends_with("ed");
            (breaks_phrase(&w.lower) || participle || is_adverb(&w.lower))
                && self.mention_at(w.span.start).is_none()
        });
        let from = if fronted {
            let comma = lo + self.slice(lo, end).find(',')?;
            words.iter().position(|w| w.span.start > comma)?
        } else {
            0
        };
        // The first words (a hyphenated `17-year-old` counts three).
        let head = words.get(from..(from + 6).min(words.len()))?;
        let (first, last) = (head.first()?, head.last()?);
        // The first name that starts among those words.
        let idx = self
            .mentions
            .partition_point(|m| m.span.start < first.span.start);
        let named = self
            .mentions
            .get(idx)
            .filter(|m| m.span.start < last.span.end && self.kind(m.entity) != EntityKind::Place);
        let pronoun = head.iter().find_map(|w| {
            self.pronoun_subject(w, open, prev)
                .map(|found| (w.span, found))
        });
        let (speaker, speaker_span) = match (named, pronoun) {
            (Some(m), Some((at, found))) if at.start < m.span.start => found,
            (Some(m), _) => (Some(m.entity), m.span),
            (None, Some((_, found))) => found,
            (None, None) => return None,
        };
        Some(Found {
            speaker,
            speaker_span,
            cue: Span::new(end, end + 1),
        })
    }

    fn para(&self, p: usize) -> Span {
        self.paragraphs
            .get(p)
            .copied()
            .unwrap_or(Span::new(0, self.text.len()))
    }
}

/// `Jo Tan (D-Ore.)` → `Jo Tan`: a name part without its trailing parenthetical.
fn strip_parenthetical(s: &str) -> &str {
    let t = s.trim_end();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
    {
        return t.get(..open).unwrap_or(t).trim_end();
    }
    t
}

/// Attribute every quote (titles must already be removed). Sorted as given.
pub fn attribute(ctx: &Context, raw: &[RawQuote]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::with_capacity(raw.len());
    let mut last_speaker: Option<usize> = None;
    for (i, q) in raw.iter().enumerate() {
        let prev_q = i.checked_sub(1).and_then(|j| raw.get(j));
        let first = ctx.para(q.first_para);
        let last = ctx.para(q.last_para);
        // After the closing mark, in the rest of its sentence; if the quote
        // closed its sentence, `Marsh said.` may open the next one.
        let post_hi = raw
            .get(i + 1)
            .filter(|n| n.first_para == q.last_para)
            .map_or(last.end, |n| n.open);
        let post_end = ctx.clause_end(q.close_end, post_hi);
        let post = if ctx.slice(q.close_end, post_end).trim().is_empty() {
            ctx.next_sentence(q.close_end, post_hi, q.open, last_speaker)
                .or_else(|| ctx.verb_after(q, post_hi, last_speaker))
        } else {
            ctx.search(q.close_end, post_end, false, q.open, last_speaker)
                .or_else(|| ctx.verb_after(q, post_end, last_speaker))
        };
        let post = ctx.dash_signature(q.close_end, last.end).or(post);
        let opens_para = ctx.slice(first.start, q.open).trim().is_empty();
        // The sentence before the quote, after any earlier quote in its paragraph.
        let floor = prev_q
            .filter(|p| p.last_para == q.first_para)
            .map_or(first.start, |p| p.close_end.max(first.start));
        let lo = ctx.sentence_start(floor, q.open);
        let found = post
            .or_else(|| ctx.search(lo, q.open, true, q.open, last_speaker))
            .or_else(|| {
                // `Rubio fired back: "..."`: whoever the clause before a colon is about.
                let colon = ctx.slice(lo, q.open).trim_end().strip_suffix(':')?;
                ctx.clause_subject(lo, lo + colon.len(), q.open, last_speaker)
            })
            .or_else(|| {
                // `Cruz continued:` closing the paragraph before a quote paragraph.
                let before = ctx.para(q.first_para.checked_sub(1)?);
                let colon = ctx
                    .slice(before.start, before.end)
                    .trim_end()
                    .strip_suffix(':')?;
                if !opens_para {
                    return None;
                }
                let floor = prev_q.map_or(before.start, |p| p.close_end.max(before.start));
                let lo = ctx.sentence_start(floor, before.end);
                ctx.search(lo, before.end, true, q.open, last_speaker)
                    .or_else(|| {
                        ctx.clause_subject(lo, before.start + colon.len(), q.open, last_speaker)
                    })
            })
            .or_else(|| {
                // `The judge then turned to me. "..."`: a quote that opens a
                // sentence right after one, in its paragraph and with no
                // quote before it, is its subject's.
                if lo != q.open || prev_q.is_some_and(|p| p.last_para == q.first_para) {
                    return None;
                }
                let prev = ctx.sentence_start(first.start, q.open.checked_sub(2)?);
                if prev < first.start || prev >= q.open {
                    return None;
                }
                let f = ctx.clause_subject(prev, q.open, q.open, last_speaker)?;
                f.speaker.is_some().then_some(f)
            });
        let quote = match found {
            Some(f) => Quote {
                span: q.inner,
                form: q.form,
                speaker: f.speaker,
                speaker_span: Some(f.speaker_span),
                cue_span: Some(f.cue),
            },
            None => {
                // Same paragraph, or a paragraph that is a bare quote right
                // after the previous quote's paragraph.
                let continued = prev_q.zip(out.last()).filter(|(p, _)| {
                    p.last_para == q.first_para || (opens_para && p.last_para + 1 == q.first_para)
                });
                // `"...," he said. "..."`: within a paragraph the same cue covers both.
                let same_para = continued.is_some_and(|(p, _)| p.last_para == q.first_para);
                let (speaker, speaker_span, cue_span) = match continued {
                    Some((_, o)) if same_para => (o.speaker, o.speaker_span, o.cue_span),
                    Some((_, o)) => (o.speaker, None, None),
                    None => (None, None, None),
                };
                Quote {
                    span: q.inner,
                    form: q.form,
                    speaker,
                    speaker_span,
                    cue_span,
                }
            }
        };
        if quote.speaker.is_some() {
            last_speaker = quote.speaker;
        }
        out.push(quote);
    }
    out
}
