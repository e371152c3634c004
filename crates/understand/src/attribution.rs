//! Who said each quote. Looks in the rest of the quote's sentence, first after
//! the closing mark (`"...," Marsh said`, `"...," said Dana Whitlock`), then
//! before the opening mark (`Wielgosz said in a statement: "..."`), for a
//! reporting verb and its subject: a named mention (directly, across a role
//! word or across an apposition), a pronoun, or a role noun (`the actor`,
//! `the company`). A quote without a cue of its own that follows an attributed
//! quote in the same paragraph continues that quote's speaker.

use parallax_model::{EntityKind, Mention, Quote, Span};

use crate::quotes::{RawQuote, is_quote_mark};
use crate::titles::{INVERSION_VERBS, NATIONALITIES, ORG_REF_NOUNS, ROLE_NOUNS};
use crate::verbs;

/// How far (bytes) an attribution may sit from its quote.
const WINDOW: usize = 400;
/// How many mentions back a pronoun or role noun may reach.
const LOOKBACK: usize = 300;

/// Everything attribution needs to know about the article's entities.
pub struct Context<'a> {
    pub text: &'a str,
    pub paragraphs: &'a [Span],
    pub mentions: &'a [Mention],
    pub kinds: &'a [EntityKind],
    pub roles: &'a [Vec<&'static str>],
    pub nationalities: &'a [Vec<&'static str>],
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
        "then" | "also" | "later" | "again" | "once" | "recently" | "previously"
    ) || (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase()))
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

    /// Start of the sentence that holds `pos`, not before `floor`.
    fn sentence_start(&self, floor: usize, pos: usize) -> usize {
        let lo = ceil_boundary(self.text, floor.max(pos.saturating_sub(WINDOW)));
        let before = self.slice(lo, pos);
        let mut start = lo;
        let mut prev: Option<char> = None;
        for (i, c) in before.char_indices().rev() {
            if matches!(c, '.' | '!' | '?') && prev.is_some_and(char::is_whitespace) {
                start = lo + i + 1;
                break;
            }
            prev = Some(c);
        }
        start
    }

    /// End of the clause after a closing mark: next sentence end, next quote
    /// mark, or `ceiling`.
    fn clause_end(&self, from: usize, ceiling: usize) -> usize {
        let hi = floor_boundary(self.text, ceiling.min(from + WINDOW));
        let after = self.slice(from, hi);
        let mut chars = after.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_quote_mark(c) {
                return from + i;
            }
            if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|&(_, n)| n.is_whitespace())
            {
                return from + i;
            }
        }
        hi
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
            } else if w.lower == "called" && matches!(next, Some("it" | "them" | "this" | "that")) {
                out.push((i, w.span, false));
            }
        }
        out
    }

    fn mention_ending_at(&self, end: usize, lo: usize) -> Option<&Mention> {
        let idx = self.mentions.partition_point(|m| m.span.end < end);
        self.mentions.get(idx).filter(|m| {
            m.span.end == end && m.span.start >= lo && self.kind(m.entity) != EntityKind::Place
        })
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
        let idx = self.mentions.partition_point(|m| m.span.end <= verb);
        let direct = idx
            .checked_sub(1)
            .and_then(|i| self.mentions.get(i))
            .filter(|m| m.span.start >= lo && self.kind(m.entity) != EntityKind::Place)
            .map(|m| (m, self.slice(m.span.end, verb).trim()));
        if let Some((m, gap)) = direct {
            let role_gap =
                !gap.is_empty() && gap.split_whitespace().all(|w| ROLE_NOUNS.contains(&w));
            // `Jason Chaffetz (R-Utah) said`, `Trump later said`.
            let aside = (gap.starts_with('(') && gap.ends_with(')') && gap.len() < 40)
                || (!gap.is_empty() && gap.split_whitespace().all(is_adverb));
            if gap.is_empty() || role_gap || aside {
                return Some((Some(m.entity), m.span));
            }
        }
        // Apposition: `Pawel Kruk, the prime minister's spokesman, told`; checked
        // before `X, said` so that a name inside the apposition does not win.
        let before = self.slice(lo, verb).trim_end();
        if let Some(inner) = before.strip_suffix(',')
            && let Some(pos) = inner.rfind(',')
        {
            let appo = inner.get(pos + 1..).unwrap_or("");
            let name_end = lo + inner.get(..pos).unwrap_or("").trim_end().len();
            if appo.split_whitespace().count() <= 12
                && !appo.contains(is_quote_mark)
                && let Some(m) = self.mention_ending_at(name_end, lo)
            {
                return Some((Some(m.entity), m.span));
            }
        }
        if let Some((m, ",")) = direct {
            return Some((Some(m.entity), m.span));
        }
        // Pronoun or role noun right before the verb.
        let last = words.get(vi.checked_sub(1)?)?;
        if last.span.start < lo {
            return None;
        }
        if matches!(last.lower.as_str(), "he" | "she") {
            return Some((self.pronoun(open, prev), last.span));
        }
        self.role_phrase(words, vi - 1, lo, open).or_else(|| {
            let verb_word = words.get(vi)?;
            if verbs::is_participle(&verb_word.lower) {
                self.sentence_subject(lo, verb, words, open, prev)
            } else {
                None
            }
        })
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
        match (named, pronoun) {
            (Some(m), Some(p)) if p.span.start < m.span.start => {
                Some((self.pronoun(open, prev), p.span))
            }
            (Some(m), _) => Some((Some(m.entity), m.span)),
            (None, Some(p)) => Some((self.pronoun(open, prev), p.span)),
            (None, None) => None,
        }
    }

    /// `the [Ukrainian] president`, `the company`: a role phrase ending at word `li`.
    fn role_phrase(
        &self,
        words: &[Word],
        li: usize,
        lo: usize,
        open: usize,
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
            self.recent(open, |e| self.kind(e) == EntityKind::Organization)
        } else {
            self.recent(open, |e| {
                self.kind(e) == EntityKind::Person
                    && self.roles.get(e).is_some_and(|r| r.contains(&head))
                    && nat
                        .is_none_or(|n| self.nationalities.get(e).is_some_and(|ns| ns.contains(&n)))
            })
        };
        Some((entity, span))
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

    /// `he`/`she`: the previous speaker when a person, else the latest person named.
    fn pronoun(&self, open: usize, prev: Option<usize>) -> Option<usize> {
        prev.filter(|&e| self.kind(e) == EntityKind::Person)
            .or_else(|| self.recent(open, |e| self.kind(e) == EntityKind::Person))
    }

    /// The subject right after an inverted verb (`said Dana Whitlock`).
    fn subject_right(
        &self,
        verb_end: usize,
        hi: usize,
        words: &[Word],
        vi: usize,
        open: usize,
        prev: Option<usize>,
    ) -> Option<(Option<usize>, Span)> {
        let idx = self.mentions.partition_point(|m| m.span.start < verb_end);
        if let Some(m) = self.mentions.get(idx)
            && m.span.end <= hi
            && self.slice(verb_end, m.span.start).trim().is_empty()
            && self.kind(m.entity) != EntityKind::Place
        {
            return Some((Some(m.entity), m.span));
        }
        let next = words.get(vi + 1)?;
        if matches!(next.lower.as_str(), "he" | "she") {
            return Some((self.pronoun(open, prev), next.span));
        }
        None
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
        for (vi, cue, inverted) in verbs {
            let leading = self
                .slice(lo, cue.start)
                .trim_matches(|c: char| c.is_whitespace() || c == ',')
                .is_empty();
            let found = if inverted && leading {
                self.subject_right(cue.end, hi, &words, vi, open, prev)
            } else {
                self.subject_left(lo, cue.start, &words, vi, open, prev)
                    .or_else(|| {
                        if inverted {
                            self.subject_right(cue.end, hi, &words, vi, open, prev)
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

    fn para(&self, p: usize) -> Span {
        self.paragraphs
            .get(p)
            .copied()
            .unwrap_or(Span::new(0, self.text.len()))
    }
}

/// Attribute every quote (titles must already be removed). Sorted as given.
pub fn attribute(ctx: &Context, raw: &[RawQuote]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::with_capacity(raw.len());
    let mut last_speaker: Option<usize> = None;
    for (i, q) in raw.iter().enumerate() {
        let prev_q = i.checked_sub(1).and_then(|j| raw.get(j));
        let first = ctx.para(q.first_para);
        let last = ctx.para(q.last_para);
        // After the closing mark, unless the quote ended its sentence and a new one starts.
        let inner_text = q.inner.slice(ctx.text);
        let post_hi = raw
            .get(i + 1)
            .filter(|n| n.first_para == q.last_para)
            .map_or(last.end, |n| n.open);
        let post_end = ctx.clause_end(q.close_end, post_hi);
        let ends_sentence = inner_text.ends_with(['.', '!', '?']);
        let post_first_cap = ctx
            .slice(q.close_end, post_end)
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        let post = if ends_sentence && post_first_cap {
            None
        } else {
            ctx.search(q.close_end, post_end, false, q.open, last_speaker)
        };
        let found = post.or_else(|| {
            let floor = prev_q
                .filter(|p| p.last_para == q.first_para)
                .map_or(first.start, |p| p.close_end.max(first.start));
            let lo = ctx.sentence_start(floor, q.open);
            ctx.search(lo, q.open, true, q.open, last_speaker)
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
                let opens_para = ctx.slice(first.start, q.open).trim().is_empty();
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
