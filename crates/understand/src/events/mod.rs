//! Who did what to whom: for each body sentence, the event it reports in the
//! PLOVER ontology, with its source and target actors.
//!
//! A rule-based coder in the manner of CAMEO/PETRARCH verb patterns, without
//! a parser:
//!
//! 1. The first trigger of the sentence ([`lexicon`]) outside names is its
//!    event. Verbal acts govern what follows (`threatened to ban` is a threat,
//!    `demanded that X release` a demand).
//! 2. An act only intended (`will withdraw`, `ready to host`) is an offer
//!    (`AGREE`), or a threat (`THREATEN`) when hostile or conditional
//!    (`unless`); a cooperative act negated (`did not allow`) is `REJECT`;
//!    a hostile act negated is no event.
//! 3. The source is the first actor phrase ([`actors`]) before the trigger
//!    that no preposition introduces (the antecedent of `who` or `which`
//!    just before it; in reported speech, `A said B would visit`, the actor
//!    after the reporting verb); the target is the first actor after the
//!    trigger in its clause, a place only when nothing else is named. In the
//!    passive (`was attacked by X`) they swap; a nominal event no actor
//!    governs (`Biden's visit`, `the talks between A and B`) takes its
//!    possessor, `by` or `between` phrase as source.
//!
//! Questions, the writer's speculation and the words of direct quotes are
//! not coded, and an event must name its source or its target.

pub mod actors;
pub mod lexicon;
pub mod when;

use parallax_model::{Actor, DateMention, Event, EventType, Mention, Segment, Span};

use crate::titles;
use crate::tokens::Tok;
use crate::verbs;
use actors::Phrase;
use lexicon::{Role, Trigger};

/// The longest sentence coded, in words: each trigger tried looks along
/// its sentence, so the cost of a sentence grows with its square.
const MAX_WORDS: usize = 150;

/// What else the events of an article depend on.
pub struct Context<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub segments: &'a [Segment],
    pub mentions: &'a [Mention],
    /// Indices of the writer's own speculation, ascending: no event is
    /// coded there.
    pub speculative: &'a [usize],
    /// Direct quotes, sorted by start: the speaker's words are not events
    /// the article reports.
    pub quoted: &'a [Span],
    /// The publication date, for `on Monday` and `yesterday`.
    pub published: Option<chrono::NaiveDate>,
}

/// The reporting sentences of an article: its body sentences that are not
/// the writer's speculation, with their index and tokens. A run of hundreds
/// of words is a list or broken text, not a sentence a coder can read;
/// skipping it keeps the stage linear on any input.
fn reporting<'c>(
    cx: &'c Context<'_>,
) -> impl Iterator<Item = (usize, &'c Segment, &'c [Tok])> + 'c {
    cx.segments
        .iter()
        .enumerate()
        .filter(|(index, segment)| {
            !segment.kind.is_flagged() && cx.speculative.binary_search(index).is_err()
        })
        .filter_map(|(index, segment)| {
            let from = cx.toks.partition_point(|t| t.start < segment.span.start);
            let to = cx.toks.partition_point(|t| t.end <= segment.span.end);
            let toks = cx.toks.get(from..to).filter(|t| t.len() <= MAX_WORDS)?;
            Some((index, segment, toks))
        })
}

/// The dates the reporting sentences give, in order: each date expression
/// resolved against the publication date ([`when`]), a weekday forward when
/// a `will` stands shortly before it ([`FUTURE_REACH`]).
pub fn dates(cx: &Context<'_>) -> Vec<DateMention> {
    let mut out = Vec::new();
    for (_, _, toks) in reporting(cx) {
        let words: Vec<String> = toks
            .iter()
            .map(|t| t.text(cx.text).to_lowercase())
            .collect();
        // Each date in the tense of its own clause: in `Holm, who resigned
        // on Friday, will testify` Friday is past.
        let future = |at: usize| {
            words[at.saturating_sub(FUTURE_REACH)..at]
                .iter()
                .any(|w| matches!(w.as_str(), "will" | "'ll" | "shall"))
        };
        for e in when::expressions(&words, cx.published, future) {
            if let (Some(first), Some(last)) = (toks.get(e.first), toks.get(e.last)) {
                out.push(DateMention {
                    span: Span::new(first.start, last.end),
                    date: e.date,
                });
            }
        }
    }
    out
}

/// How many words before a date a `will` puts it in the future.
const FUTURE_REACH: usize = 6;

/// The events of an article's body sentences, in order.
pub fn find(cx: &Context<'_>) -> Vec<Event> {
    let text = cx.text;
    let mut events = Vec::new();
    for (index, segment, sentence_toks) in reporting(cx) {
        // A question reports nothing done.
        if segment.span.slice(text).trim_end().ends_with('?') {
            continue;
        }
        let sentence = Sentence::new(text, sentence_toks, cx.mentions);
        if let Some(event) = sentence.event(index, cx.published)
            && !quoted(cx.quoted, event.trigger)
        {
            events.push(event);
        }
    }
    events
}

/// Whether `span` lies in one of the `quotes` (sorted by start, not
/// overlapping).
fn quoted(quotes: &[Span], span: Span) -> bool {
    let after = quotes.partition_point(|q| q.start <= span.start);
    after
        .checked_sub(1)
        .and_then(|k| quotes.get(k))
        .is_some_and(|q| q.contains(span))
}

/// One sentence, tokenised, with its actor phrases.
struct Sentence<'a> {
    text: &'a str,
    toks: &'a [Tok],
    lower: Vec<String>,
    /// Per token, the entity named there.
    names: Vec<Option<usize>>,
    phrases: Vec<Phrase>,
}

/// A trigger found at token `at`, `len` tokens long.
#[derive(Debug, Clone, Copy)]
struct Found {
    at: usize,
    len: usize,
    trigger: Trigger,
}

impl<'a> Sentence<'a> {
    fn new(text: &'a str, toks: &'a [Tok], mentions: &[Mention]) -> Self {
        let lower: Vec<String> = toks.iter().map(|t| t.text(text).to_lowercase()).collect();
        let names: Vec<Option<usize>> = toks
            .iter()
            .map(|t| {
                let at = mentions.partition_point(|m| m.span.end <= t.start);
                mentions
                    .get(at)
                    .filter(|m| m.span.start <= t.start)
                    .map(|m| m.entity)
            })
            .collect();
        let phrases = actors::find(text, toks, &lower, &names);
        Sentence {
            text,
            toks,
            lower,
            names,
            phrases,
        }
    }

    fn word(&self, k: usize) -> &str {
        self.lower.get(k).map_or("", String::as_str)
    }

    /// A word that can be a trigger: lowercase (a capital inside a sentence
    /// starts a name: the `Cooperation` of an organisation's name) and not
    /// inside a named actor.
    fn can_trigger(&self, k: usize) -> bool {
        let starts_lower = self.toks[k]
            .text(self.text)
            .chars()
            .next()
            .is_some_and(|c| !c.is_uppercase());
        // Nor inside an actor: the `aid` of `aid workers`.
        (k == 0 || starts_lower) && !self.phrases.iter().any(|p| p.first <= k && k <= p.last)
    }

    /// The triggers from token `from` on, in order.
    fn triggers(&self, from: usize) -> impl Iterator<Item = Found> + '_ {
        let words: Vec<&str> = self.lower.iter().map(String::as_str).collect();
        let mut k = from;
        std::iter::from_fn(move || {
            while k < words.len() {
                let at = k;
                k += 1;
                if !self.can_trigger(at) {
                    continue;
                }
                // `must` after a reporting verb is a demand reported:
                // `X said Y must withdraw`.
                if matches!(words[at], "must" | "should")
                    && words[..at].iter().any(|w| verbs::is_reporting(w))
                {
                    let trigger = Trigger {
                        kind: EventType::Request,
                        mode: "",
                        role: Role::Governs,
                    };
                    return Some(Found {
                        at,
                        len: 1,
                        trigger,
                    });
                }
                let end = (at + 4).min(words.len());
                if let Some((trigger, len)) = lexicon::lookup(&words[at..end]) {
                    k = at + len;
                    return Some(Found { at, len, trigger });
                }
            }
            None
        })
    }

    /// The sentence's event, if it reports one: its first trigger that
    /// says something happened and names who did it or to whom.
    fn event(&self, sentence: usize, published: Option<chrono::NaiveDate>) -> Option<Event> {
        self.triggers(0).find_map(|found| {
            let kind = self.kind(found)?;
            let (source, target) = self.roles(found);
            // An act with nobody doing it or suffering it tells a reader nothing.
            if source.is_none() && target.is_none() {
                return None;
            }
            let span = Span::new(
                self.toks[found.at].start,
                self.toks[found.at + found.len - 1].end,
            );
            Some(Event {
                kind,
                mode: self.mode(found, kind).to_string(),
                source: source.as_ref().map(actor),
                target: target.as_ref().map(actor),
                trigger: span,
                sentence,
                when: self.when(found, published),
            })
        })
    }

    /// When the event happened, where the sentence says.
    fn when(
        &self,
        found: Found,
        published: Option<chrono::NaiveDate>,
    ) -> Option<chrono::NaiveDate> {
        let future = self.intended(found.at)
            || self
                .lower
                .iter()
                .any(|w| matches!(w.as_str(), "will" | "'ll" | "shall" | "next"));
        when::date(&self.lower, found.at, published, future)
    }

    /// The category a trigger has here, or `None` when it reports no event
    /// (a hostile act that did not happen).
    fn kind(&self, found: Found) -> Option<EventType> {
        let Trigger { kind, role, .. } = found.trigger;
        let (word, next) = (self.word(found.at), self.word(found.at + found.len));
        let previous = found.at.checked_sub(1).map_or("", |k| self.word(k));
        let not_an_act = previous == "no"
            || next == "no"
            // `sought to distinguish herself`: an attempt, not a request.
            || (matches!(word, "sought" | "seek" | "seeks" | "seeking") && next == "to")
            // `asked about the vote`, `asked the congressman if`, `"Is it
            // true?" he asked`: a question.
            || (matches!(word, "asked" | "ask" | "asks" | "asking") && self.question(found))
            || self.idiom(found);
        if not_an_act {
            return None;
        }
        if kind == EventType::Assault && self.verbal_attack(found) {
            return Some(EventType::Accuse);
        }
        let hostile = lexicon::is_hostile(kind);
        if self.negated(found.at) && kind != EventType::Reject {
            // `will not accept`, `failed to reach agreement`.
            return (!hostile).then_some(EventType::Reject);
        }
        if role == Role::Governs {
            // `vowed to retaliate` is a threat, `vowed to help` an offer.
            let promise = matches!(
                self.word(found.at),
                "vow"
                    | "vows"
                    | "vowed"
                    | "swore"
                    | "sworn"
                    | "pledge"
                    | "pledges"
                    | "pledged"
                    | "promise"
                    | "promises"
                    | "promised"
            );
            let threat = promise
                && self
                    .triggers(found.at + found.len)
                    .next()
                    .is_some_and(|inner| lexicon::is_hostile(inner.trigger.kind));
            return Some(if threat { EventType::Threaten } else { kind });
        }
        if self.intended(found.at) {
            let conditional = self.lower.iter().any(|w| w == "unless" || w == "if");
            return Some(if hostile || conditional {
                EventType::Threaten
            } else {
                EventType::Agree
            });
        }
        Some(kind)
    }

    /// Whether a trigger word is here part of a phrase that is no act of
    /// its kind: `pleaded guilty` (no appeal), `shot up in the polls`,
    /// `shot back` (no shooting), `released a report` and `the speech
    /// delivered by` (things, not people freed or aid given).
    fn idiom(&self, found: Found) -> bool {
        let word = self.word(found.at);
        let next = self.word(found.at + found.len);
        let near = |k: usize| {
            let after = (found.at + found.len..found.at + found.len + 3)
                .map(|j| self.word(j))
                .find(|w| !titles::is_in(titles::DETERMINERS, w) && !w.is_empty());
            let before = k.checked_sub(1).map(|j| self.word(j));
            [before, after]
                .into_iter()
                .flatten()
                .any(|w| THINGS.contains(&w))
        };
        match word {
            "plead" | "pleads" | "pleaded" | "pleading" => {
                matches!(next, "guilty" | "not" | "innocent" | "no")
            }
            "shot" | "shoots" => matches!(next, "up" | "back"),
            // Pleading guilty admits a charge; no one accuses here.
            "guilty" => matches!(
                self.word(found.at.saturating_sub(1)),
                "pleaded" | "pleads" | "plead" | "pleading" | "was" | "is" | "not"
            ),
            "release" | "releases" | "released" | "releasing" | "deliver" | "delivers"
            | "delivered" | "delivering" => near(found.at),
            _ => false,
        }
    }

    /// An attack in words: on a policy, a record or remarks, or on someone
    /// for what they did or said (`attacked his policy on Medicare`,
    /// `attacked the mayor for cutting the ferry`; not `attacked the convoy
    /// for two hours`).
    fn verbal_attack(&self, found: Found) -> bool {
        let word = self.word(found.at);
        if !word.starts_with("attack") {
            return false;
        }
        let end = found.at + found.len;
        (end..end + 5).any(|k| {
            let next = self.word(k + 1);
            ISSUES.contains(&self.word(k))
                || (self.word(k) == "for"
                    && (next.ends_with("ing")
                        || matches!(next, "his" | "her" | "their" | "its" | "what")))
        })
    }

    /// Whether an `ask` at `found` asks a question rather than for
    /// something: a question word within a few words after it, or a
    /// question mark in the sentence or closing the quote just before it
    /// (`"Is it true?" he asked.`).
    fn question(&self, found: Found) -> bool {
        let end = found.at + found.len;
        let asks = (end..end + 4).map(|k| self.word(k)).any(|w| {
            matches!(
                w,
                "about" | "whether" | "if" | "why" | "how" | "what" | "when" | "who"
            )
        });
        let (first, last) = (self.toks.first(), self.toks.last());
        let marked = first
            .zip(last)
            .and_then(|(a, b)| self.text.get(a.start..b.end))
            .is_some_and(|s| s.contains('?'));
        let after_question = first
            .and_then(|a| self.text.get(..a.start))
            .is_some_and(|before| {
                before
                    .trim_end()
                    .trim_end_matches(['"', '\u{201d}', '\'', '\u{2019}'])
                    .ends_with('?')
            });
        asks || marked || after_question
    }

    /// The few words before `at`, back to a comma.
    fn before(&self, at: usize, n: usize) -> impl Iterator<Item = &str> + '_ {
        (at.saturating_sub(n)..at)
            .rev()
            .take_while(move |&k| !self.punctuated_before(k + 1))
            .map(|k| self.word(k))
    }

    fn punctuated_before(&self, k: usize) -> bool {
        match (
            k.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(k),
        ) {
            (Some(a), Some(b)) => self
                .text
                .get(a.end..b.start)
                .is_some_and(|gap| gap.contains([',', ';', ':'])),
            _ => false,
        }
    }

    fn negated(&self, at: usize) -> bool {
        self.before(at, 3)
            .any(|w| matches!(w, "not" | "never" | "n't" | "no" | "without" | "failed"))
            || self.before(at, 3).any(|w| w.ends_with("n't"))
    }

    /// Only intended or offered: `will visit`, `plans to withdraw`, `ready to host`.
    fn intended(&self, at: usize) -> bool {
        self.before(at, 4).any(|w| {
            matches!(
                w,
                "will"
                    | "would"
                    | "shall"
                    | "'ll"
                    | "plans"
                    | "plan"
                    | "planned"
                    | "intends"
                    | "intend"
                    | "ready"
                    | "willing"
                    | "prepared"
                    | "committed"
                    | "wants"
                    | "want"
                    | "going"
            )
        })
    }

    /// How it was done: the trigger's own mode, or what it governs (a threat
    /// to ban, to cut ties), or a weapon named in the sentence.
    fn mode(&self, found: Found, kind: EventType) -> &'static str {
        let own = found.trigger.mode;
        match kind {
            EventType::Threaten => {
                let inner = if found.trigger.kind == EventType::Threaten {
                    self.triggers(found.at + found.len)
                        .next()
                        .map(|f| f.trigger)
                } else {
                    Some(found.trigger)
                };
                inner.map_or("", threat_mode)
            }
            EventType::Agree | EventType::Reject if found.trigger.kind != kind => "",
            EventType::Assault if own.is_empty() => self
                .lower
                .iter()
                .find_map(|w| lexicon::assault_mode(w))
                .unwrap_or(""),
            EventType::Mobilize if own.is_empty() => {
                if self.lower.iter().any(|w| w == "police") {
                    "police"
                } else if self
                    .lower
                    .iter()
                    .any(|w| matches!(w.as_str(), "troops" | "soldiers" | "forces" | "army"))
                {
                    "troops"
                } else {
                    ""
                }
            }
            _ => own,
        }
    }

    /// The source and target phrases of the event at `found`.
    fn roles(&self, found: Found) -> (Option<Phrase>, Option<Phrase>) {
        let (source, target) = self.role_phrases(found);
        match (source, target) {
            // `the call between A and B`: A and B, one on each side.
            (Some(s), None) if s.first > 0 && self.word(s.first - 1) == "between" => {
                match (s.first..=s.last).find(|&k| self.word(k) == "and") {
                    Some(and) if and > s.first && and < s.last => (
                        Some(self.sub_phrase(s.first, and - 1)),
                        Some(self.sub_phrase(and + 1, s.last)),
                    ),
                    _ => (Some(s.clone()), None),
                }
            }
            (s, t) => (s.cloned(), t.cloned()),
        }
    }

    /// Tokens `first..=last` of the sentence as an actor phrase.
    fn sub_phrase(&self, first: usize, last: usize) -> Phrase {
        Phrase {
            first,
            last,
            span: Span::new(self.toks[first].start, self.toks[last].end),
            entity: self
                .names
                .get(first..=last)
                .and_then(|n| n.iter().flatten().next().copied()),
            sector: "",
        }
    }

    fn role_phrases(&self, found: Found) -> (Option<&Phrase>, Option<&Phrase>) {
        let after_end = found.at + found.len;
        let cut = self.attribution_cut(after_end);
        let clause_end = (after_end..cut)
            .find(|&k| is_subordinator(self.word(k)))
            .unwrap_or(cut);
        let after: Vec<&Phrase> = self
            .phrases
            .iter()
            .filter(|p| p.first >= after_end && p.last < clause_end)
            .collect();
        let by = after
            .iter()
            .copied()
            .find(|p| p.first > 0 && self.word(p.first - 1) == "by");
        if self.nominal(found.at) {
            return self.nominal_roles(found.at, &after, by);
        }
        let introduced = |p: &Phrase| {
            // Past a determiner: `at the White House`.
            let mut k = p.first;
            while k > 0 && titles::is_in(titles::DETERMINERS, self.word(k - 1)) {
                k -= 1;
            }
            k > 0 && actors::is_preposition(self.word(k - 1))
        };
        let before: Vec<&Phrase> = self.phrases.iter().filter(|p| p.last < found.at).collect();
        // The subject: the first actor no preposition introduces (`After
        // talks with Russia, China agreed`; `Members of X, a body linked to
        // Y, investigated`).
        // `X, who is seeking the seat`: the relative pronoun's antecedent.
        let relative = (found.at.saturating_sub(3)..found.at)
            .rev()
            .find(|&k| matches!(self.word(k), "who" | "which" | "that"));
        let first = match relative {
            Some(k) => before.iter().copied().rfind(|p| p.last < k),
            None => before
                .iter()
                .copied()
                .find(|p| !introduced(p))
                .or_else(|| before.first().copied()),
        };
        if matches!(self.word(found.at), "must" | "should") {
            // `X said Y must withdraw`: X demands it of Y.
            let nearest = before.last().copied().filter(|p| Some(*p) != first);
            return (first, nearest);
        }
        // `A said B would visit C`: B acts, A reports it.
        let subject = first.map(|s| {
            let reported = (s.last + 1..found.at).rfind(|&k| verbs::is_reporting(self.word(k)));
            reported
                .and_then(|r| {
                    before
                        .iter()
                        .copied()
                        .find(|p| p.first > r && !introduced(p))
                })
                .unwrap_or(s)
        });
        if self.passive(found.at) {
            return (by, subject);
        }
        // `X faced criticism`, `came under investigation`, `drew charges`:
        // X is acted on.
        let adverse =
            found.trigger.kind == EventType::Accuse || lexicon::is_hostile(found.trigger.kind);
        if adverse && self.suffered(found.at) {
            return (by, subject);
        }
        let source = subject.or_else(|| {
            // `the talks between A and B`, `a meeting of A with B`.
            after.first().copied().filter(|p| {
                p.first > 0 && matches!(self.word(p.first - 1), "between" | "of" | "by")
            })
        });
        let others = || {
            after
                .iter()
                .copied()
                .filter(move |p| source.is_none_or(|s| !same_actor(s, p)))
        };
        // What is done to someone comes before where it is done: `rallies in
        // Gaza against Abbas`.
        let located = |p: &Phrase| {
            p.first > 0 && matches!(self.word(p.first - 1), "in" | "near" | "at" | "during")
        };
        let target = others().find(|p| !located(p)).or_else(|| others().next());
        (source, target)
    }

    /// A trigger used as a noun that no actor before it governs: `the
    /// attack that killed four`, `Biden's visit`, `the hasty retreat by 33
    /// senators`; not `Quatar's emir launched a mediation effort`, whose
    /// subject acts.
    fn nominal(&self, at: usize) -> bool {
        let Some(previous) = at.checked_sub(1) else {
            return false;
        };
        let word = self.word(previous);
        let possessive = word.ends_with("'s") || word.ends_with("\u{2019}s");
        let determiner = matches!(
            word,
            "the"
                | "a"
                | "an"
                | "its"
                | "his"
                | "her"
                | "their"
                | "our"
                | "this"
                | "these"
                | "those"
        );
        (possessive || determiner)
            && !self
                .phrases
                .iter()
                .any(|p| p.last < previous || (p.last == previous && !possessive))
    }

    /// The actors of a nominal event: its possessor or `by` phrase acts;
    /// what follows `of`, `against`, `with`, `on`, `to` is acted on;
    /// `between A and B` gives both.
    fn nominal_roles<'p>(
        &'p self,
        at: usize,
        after: &[&'p Phrase],
        by: Option<&'p Phrase>,
    ) -> (Option<&'p Phrase>, Option<&'p Phrase>) {
        let possessor = self.phrases.iter().find(|p| p.last + 1 == at);
        let introduced_by =
            |p: &Phrase, words: &[&str]| p.first > 0 && words.contains(&self.word(p.first - 1));
        let between = after
            .iter()
            .copied()
            .find(|p| introduced_by(p, &["between"]));
        let source = possessor.or(by).or(between);
        let target = after.iter().copied().find(|p| {
            introduced_by(
                p,
                &["of", "against", "with", "on", "to", "for", "into", "from"],
            ) && source.is_none_or(|s| !same_actor(s, p))
        });
        (source, target)
    }

    /// Where the reporting tail starts (`, officials said Thursday`), if any
    /// after `from`: actors there are the messengers, not the target.
    fn attribution_cut(&self, from: usize) -> usize {
        (from..self.toks.len())
            .find(|&k| {
                self.punctuated_before(k)
                    && (k..(k + 6).min(self.toks.len())).any(|j| {
                        let w = self.word(j);
                        verbs::is_reporting(w) || w == "according"
                    })
            })
            .unwrap_or(self.toks.len())
    }

    /// A noun of accusation its subject undergoes: `faced an onslaught of
    /// criticism`, `is under investigation`, `drew charges`; the trigger a
    /// noun (no `-ed` verb: `Soldiers under Holm attacked`) with no actor
    /// between it and the verb.
    fn suffered(&self, at: usize) -> bool {
        if self.word(at).ends_with("ed") {
            return false;
        }
        let verb = (at.saturating_sub(4)..at).rev().find(|&k| {
            (k + 1..=at).all(|j| !self.punctuated_before(j))
                && matches!(
                    self.word(k),
                    "faced"
                        | "faces"
                        | "face"
                        | "facing"
                        | "drew"
                        | "draws"
                        | "drawn"
                        | "received"
                        | "receives"
                        | "under"
                        | "weathered"
                        | "endured"
                )
        });
        verb.is_some_and(|v| !self.phrases.iter().any(|p| p.first > v && p.last < at))
    }

    /// `was attacked`, `have been killed`: a form of *be* just before.
    fn passive(&self, at: usize) -> bool {
        let word = self.word(at);
        (word.ends_with("ed") || matches!(word, "shot" | "beaten" | "held" | "withdrawn"))
            && self
                .before(at, 3)
                .find(|w| !w.ends_with("ly"))
                .is_some_and(|w| {
                    matches!(w, "was" | "were" | "been" | "being" | "is" | "are" | "be")
                })
    }
}

fn actor(phrase: &Phrase) -> Actor {
    Actor {
        span: phrase.span,
        entity: phrase.entity,
        sector: phrase.sector.to_string(),
    }
}

/// What an attack in words is made on (`attacked his policy`).
const ISSUES: &[&str] = &[
    "policy",
    "policies",
    "plan",
    "plans",
    "record",
    "remarks",
    "comments",
    "proposal",
    "proposals",
    "bill",
    "bills",
    "idea",
    "ideas",
    "claims",
    "claim",
    "decision",
    "decisions",
    "stance",
    "views",
    "agenda",
    "position",
    "positions",
    "budget",
    "law",
    "laws",
    "report",
    "statement",
    "statements",
    "handling",
    "leadership",
    "credibility",
    "integrity",
    "character",
    "motives",
    "rhetoric",
    "speech",
    "candidacy",
    "campaign",
    "tenure",
    "program",
    "reform",
];

/// What is released or delivered when no one is freed and no aid given:
/// documents, statements, speeches, recordings.
const THINGS: &[&str] = &[
    "records",
    "record",
    "emails",
    "e-mails",
    "email",
    "e-mail",
    "documents",
    "document",
    "report",
    "reports",
    "statement",
    "statements",
    "video",
    "videos",
    "data",
    "details",
    "photos",
    "photo",
    "images",
    "tapes",
    "tape",
    "transcript",
    "transcripts",
    "memo",
    "memos",
    "list",
    "results",
    "findings",
    "figures",
    "album",
    "film",
    "book",
    "budget",
    "text",
    "letter",
    "letters",
    "information",
    "footage",
    "recording",
    "recordings",
    "version",
    "poll",
    "survey",
    "speech",
    "speeches",
    "address",
    "remarks",
    "message",
    "keynote",
    "lecture",
    "sermon",
    "verdict",
    "ruling",
    "estimates",
    "numbers",
    "plan",
    "proposal",
    "ad",
    "ads",
    "advertisement",
];

/// A word that opens a clause of its own (`as the opposition threatened`):
/// the actors in it are not the event's.
fn is_subordinator(word: &str) -> bool {
    matches!(
        word,
        "where"
            | "as"
            | "after"
            | "before"
            | "when"
            | "while"
            | "if"
            | "unless"
            | "until"
            | "because"
            | "since"
            | "despite"
            | "following"
            | "which"
            | "who"
            | "whose"
            | "whom"
            | "although"
            | "though"
    )
}

fn same_actor(a: &Phrase, b: &Phrase) -> bool {
    a.span == b.span || (a.entity.is_some() && a.entity == b.entity)
}

/// What a threat threatens, as a PLOVER mode of `THREATEN`.
fn threat_mode(inner: Trigger) -> &'static str {
    match (inner.kind, inner.mode) {
        (EventType::Coerce, "ban") => "ban",
        (EventType::Coerce, "curfew") => "curfew",
        (EventType::Coerce | EventType::Protest, _) => "restrict",
        (EventType::Sanction, "expel") => "expel",
        (EventType::Sanction, _) | (EventType::Retreat, _) => "relations",
        (EventType::Assault | EventType::Mobilize, _) => "violence",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use parallax_model::{Event, EventType};

    use super::EventType::*;

    fn events(text: &str) -> (String, Vec<Event>) {
        (text.to_string(), crate::annotate_text(text).events)
    }

    /// The first event's category, mode, trigger, source and target words.
    fn first(text: &str) -> (EventType, String, String, String, String) {
        let (text, events) = events(text);
        let e = events.first().expect("an event");
        let words = |a: &Option<parallax_model::Actor>| {
            a.as_ref()
                .map_or("-".to_string(), |a| a.span.slice(&text).to_string())
        };
        (
            e.kind,
            e.mode.clone(),
            e.trigger.slice(&text).to_string(),
            words(&e.source),
            words(&e.target),
        )
    }

    #[test]
    fn an_act_with_its_doer_and_its_object() {
        let (kind, mode, trigger, source, target) =
            first("Tarnish police arrested Ola Brenn in Darnow on Monday.");
        assert_eq!(
            (kind, mode.as_str(), trigger.as_str()),
            (Coerce, "arrest", "arrested")
        );
        assert_eq!(
            (source.as_str(), target.as_str()),
            ("Tarnish police", "Ola Brenn")
        );
    }

    #[test]
    fn a_verbal_act_governs_what_it_threatens() {
        let (kind, mode, trigger, source, target) =
            first("Iwo Darnow threatened to ban the Holm Party from the election.");
        assert_eq!(
            (kind, mode.as_str(), trigger.as_str()),
            (Threaten, "ban", "threatened")
        );
        assert_eq!(
            (source.as_str(), target.as_str()),
            ("Iwo Darnow", "Holm Party")
        );
    }

    #[test]
    fn an_intended_act_is_an_offer_or_a_threat() {
        assert_eq!(first("Ola Brenn will visit Tarnow in June.").0, Agree);
        assert_eq!(
            first("Holm will withdraw its envoy from Tarnow unless the border reopens.").0,
            Threaten
        );
        assert_eq!(
            first("Sokol vowed to attack the rebels in the hills.").0,
            Threaten
        );
    }

    #[test]
    fn a_negated_act_is_a_refusal_or_nothing() {
        assert_eq!(
            first("Holm did not allow the observers into Tarnow.").0,
            Reject
        );
        let (_, events) = events("The Holm army did not attack the village of Vesk.");
        assert!(events.is_empty(), "{events:?}");
    }

    #[test]
    fn each_date_in_the_tense_of_its_clause() {
        use chrono::TimeZone;
        // Published on Saturday 14 March 2026.
        let article = parallax_model::Article {
            published: chrono::Utc.with_ymd_and_hms(2026, 3, 14, 9, 0, 0).single(),
            ..parallax_model::Article::from_text(
                "t",
                "Ola Brenn, who resigned on Friday, will testify in Tarnow on Monday.",
            )
        };
        let ann = crate::annotate(&article, &parallax_clean::clean(&article));
        let dates: Vec<(&str, String)> = ann
            .dates
            .iter()
            .map(|d| (d.span.slice(&article.text), d.date.to_string()))
            .collect();
        assert_eq!(
            dates,
            [
                ("Friday", "2026-03-13".to_string()),
                ("Monday", "2026-03-16".to_string())
            ]
        );
    }

    #[test]
    fn a_body_acts_rather_than_the_place_it_sits_in() {
        let (kind, _, _, source, target) =
            first("A grand jury in Tarnow indicted Ola Brenn on fraud charges.");
        assert_eq!(
            (kind, source.as_str(), target.as_str()),
            (Accuse, "jury in Tarnow", "Ola Brenn")
        );
        let (_, _, _, source, _) =
            first("The ethics committee of Holm accused Ida Lunde of fraud.");
        assert_eq!(source.as_str(), "committee of Holm");
    }

    #[test]
    fn idioms_are_no_act_of_their_verb() {
        let kinds =
            |text: &str| -> Vec<EventType> { events(text).1.iter().map(|e| e.kind).collect() };
        // No appeal, no accusation, no shooting, no one freed, no aid given.
        let plea = kinds("Ola Brenn pleaded guilty to fraud in Tarnow.");
        assert!(
            !plea.contains(&Request) && !plea.contains(&Accuse),
            "{plea:?}"
        );
        let asked = kinds("\"Is it true that Holm paid less?\" Ola Brenn asked.");
        assert!(asked.is_empty(), "{asked:?}");
        assert!(
            !kinds("Ola Brenn asked the mayor if she backed the ferry plan.").contains(&Request)
        );
        assert_eq!(
            first("Ola Brenn asked the mayor for a recount in Tarnow.").0,
            Request
        );
        assert!(!kinds("Ola Brenn shot up in the polls after the debate.").contains(&Assault));
        assert!(!kinds("The Holm ministry released the records on Monday.").contains(&Retreat));
        assert!(!kinds("The keynote speech delivered by Ola Brenn drew cheers.").contains(&Aid));
        // The same verbs as acts.
        assert_eq!(
            first("Holm rebels released 12 hostages on Monday.").0,
            Retreat
        );
        // An attack in words is an accusation.
        let (kind, _, _, source, target) =
            first("Ola Brenn attacked the housing policy of the Holm Party.");
        assert_eq!(
            (kind, source.as_str(), target.as_str()),
            (Accuse, "Ola Brenn", "Holm Party")
        );
        assert_eq!(
            first("Holm troops attacked the village of Vesk.").0,
            Assault
        );
        assert_eq!(
            first("Holm troops attacked the convoy for two hours.").0,
            Assault
        );
        // Under a commander, soldiers still act.
        let (kind, _, _, source, _) =
            first("Soldiers under Ola Brenn attacked the village of Vesk.");
        assert_eq!((kind, source.as_str()), (Assault, "Soldiers"));
        // An accusation its subject undergoes.
        let (kind, _, _, source, target) =
            first("Mayor Ida Lunde faced an onslaught of criticism over the ferry deal.");
        assert_eq!(
            (kind, source.as_str(), target.as_str()),
            (Accuse, "-", "Mayor Ida Lunde")
        );
    }

    #[test]
    fn the_passive_swaps_doer_and_done_to() {
        let (kind, _, _, source, target) =
            first("Ola Brenn was detained by Tarnish police at the border.");
        assert_eq!(kind, Coerce);
        assert_eq!(
            (source.as_str(), target.as_str()),
            ("Tarnish police", "Ola Brenn")
        );
    }

    #[test]
    fn a_nominal_event_takes_both_actors_after_it() {
        let (kind, mode, _, source, target) =
            first("The phone call between Ola Brenn and Iwo Darnow lasted an hour.");
        assert_eq!((kind, mode.as_str()), (Consult, "phone"));
        assert!(source.contains("Ola Brenn"), "{source}");
        assert_ne!(target, "-");
    }

    #[test]
    fn reported_speech_codes_who_acts_not_who_reports() {
        let (kind, mode, _, source, target) =
            first("Ola Brenn said Iwo Darnow would visit Tarnow next week.");
        assert_eq!((kind, mode.as_str()), (Agree, ""));
        assert_eq!((source.as_str(), target.as_str()), ("Iwo Darnow", "Tarnow"));
    }

    #[test]
    fn coordinated_actors_stay_one_phrase() {
        let (kind, _, _, source, _) =
            first("Senior Holmish and Tarnish officials agreed on Friday to reopen the bridge.");
        assert_eq!(kind, Agree);
        assert_eq!(source, "Senior Holmish and Tarnish officials");
    }

    #[test]
    fn names_are_not_triggers_and_quotes_are_not_events() {
        // `Cooperation` is part of a name; the event is the meeting.
        let (kind, ..) = first("The Holm Cooperation Council met Iwo Darnow in Vesk.");
        assert_eq!(kind, Consult);
        let (_, events) = events("“We will attack Vesk at dawn,” Ola Brenn said.");
        assert!(events.is_empty(), "{events:?}");
    }

    #[test]
    fn a_run_on_text_is_not_coded_and_costs_little() {
        // One "sentence" of 40,000 words, each trigger without an actor:
        // coding it would cost the square of its length.
        let text = vec!["and then the attack"; 10_000].join(" ");
        assert!(events(&text).1.is_empty());
        assert_eq!(events("Holmish rebels shelled Vesk.").1.len(), 1);
    }

    #[test]
    fn a_dateline_place_is_not_the_actor() {
        let (_, _, _, source, _) =
            first("VESK, March 3 — Holmish rebels shelled the town of Tarnow overnight.");
        assert_eq!(source, "Holmish rebels");
    }
}
