//! Dates: a shared claim's outlets putting one event on different days
//! ("apologized on Friday" / "had to apologize Saturday").
//!
//! The understand stage resolves every date a body sentence gives against
//! its article's publication date ([`DateMention`]): "on Friday" in an
//! article of Saturday 29 November is the 28th, "yesterday" in one of the
//! 29th is the 28th too, and those two agree. Two sentences of a shared
//! claim are compared when each gives exactly one date (a sentence with two
//! leaves open which is the claim's), says more than the date (a dateline
//! or a time stamp reports no event), they word the fact alike
//! ([`alike::worded_alike`]) and share a word right beside the date: what
//! it dates ([`beside`]).

use std::collections::HashMap;

use parallax_model::{
    DateMention, Discrepancy, DiscrepancyKind, Document, Occurrence, Relation, SharedClaim, Span,
};

use super::alike;

/// The dates of a story's original articles, gathered as they arrive.
#[derive(Default)]
pub(crate) struct Dated {
    /// Per article id: its dates, in order.
    articles: HashMap<String, Vec<DateMention>>,
}

/// Fewest words a sentence needs besides its date to report an event.
const MIN_OTHER_WORDS: usize = 6;

/// The one date of a claim's sentence.
struct Given<'a> {
    outlet: &'a str,
    sentence: &'a Occurrence,
    /// Relative to the sentence.
    span: Span,
    date: chrono::NaiveDate,
    words: Vec<String>,
    window: Vec<String>,
    /// The common words right beside the date ([`beside`]).
    beside: Vec<String>,
}

/// How many common words on each side of a date say what it dates: the
/// nearest, since the next may be another clause's ("resigned Monday after
/// her Facebook post").
const BESIDE: usize = 1;

/// The common words (lowercase in the text: no names) nearest a date on
/// each side, stemmed: what it dates. A date belongs to the verb or noun
/// beside it, which a paraphrase of the sentence may change ("apologized on
/// Friday" / "resigned Monday" are two events); two dates compare only when
/// they share one ("apologized on Friday" / "had to apologize Saturday").
fn beside(text: &str, span: Span) -> Vec<String> {
    let common = |w: &parallax_text::Word<'_>| {
        let folded = parallax_text::fold(w.text);
        let lowercase = w.text.starts_with(|c: char| c.is_lowercase());
        (lowercase && folded.chars().count() > 2 && !parallax_text::is_stopword(&folded))
            .then(|| parallax_text::stem(&folded).to_string())
    };
    let before: Vec<String> = parallax_text::words(text.get(..span.start).unwrap_or(""))
        .filter_map(|w| common(&w))
        .collect();
    let after = parallax_text::words(text.get(span.end..).unwrap_or(""))
        .filter_map(|w| common(&w))
        .take(BESIDE);
    before.into_iter().rev().take(BESIDE).chain(after).collect()
}

impl Dated {
    /// Keep `doc`'s dates. A syndicated copy adds nothing: it prints its
    /// source's.
    pub(crate) fn add(&mut self, doc: &Document, is_copy: bool) {
        if is_copy || doc.annotations.dates.is_empty() {
            return;
        }
        self.articles
            .insert(doc.article.id.clone(), doc.annotations.dates.clone());
    }

    /// The date discrepancies, claim by claim (`claim` indexes `shared`).
    pub(crate) fn differing(
        &self,
        shared: &[SharedClaim],
        outlets: &HashMap<String, String>,
    ) -> Vec<Discrepancy> {
        let mut out = Vec::new();
        for (claim, c) in shared.iter().enumerate() {
            let given: Vec<Given<'_>> = c
                .occurrences
                .iter()
                .filter_map(|o| self.given(o, outlets))
                .collect();
            // A claim many outlets report: a bounded sample of its days.
            let given = super::sample(given, |g| g.date);
            let groups = super::differing_groups(&given, |a, b| {
                a.outlet != b.outlet
                    && a.date != b.date
                    && alike::worded_alike((&a.words, &a.window), (&b.words, &b.window))
                    && a.beside.iter().any(|w| b.beside.contains(w))
            });
            // One discrepancy per group of differing sentences.
            out.extend(groups.iter().map(|members| discrepancy(claim, members)));
        }
        out
    }

    /// The one date sentence `o` gives, if it gives exactly one and says
    /// something else too: a line that is little more than a date is a
    /// dateline or a time stamp ("Published on 18th September 2013"), not
    /// an event.
    fn given<'a>(
        &'a self,
        o: &'a Occurrence,
        outlets: &'a HashMap<String, String>,
    ) -> Option<Given<'a>> {
        let outlet = outlets.get(&o.article)?;
        let dates = self.articles.get(&o.article)?;
        let from = dates.partition_point(|d| d.span.start < o.start);
        let to = dates.partition_point(|d| d.span.end <= o.end);
        let [one] = dates.get(from..to)? else {
            return None;
        };
        let span = Span::new(one.span.start - o.start, one.span.end - o.start);
        let rest = [o.text.get(..span.start)?, o.text.get(span.end..)?];
        let others = rest.iter().flat_map(|r| parallax_text::words(r)).count();
        if others < MIN_OTHER_WORDS {
            return None;
        }
        Some(Given {
            outlet,
            sentence: o,
            span,
            date: one.date,
            words: alike::sentence_words(&o.text),
            window: alike::window(&o.text, span),
            beside: beside(&o.text, span),
        })
    }
}

/// One discrepancy of claim `claim` between the dates of `members`: each
/// sentence's date words, and what they mean in order, each day once
/// ("2026-03-13 / 2026-03-14").
fn discrepancy(claim: usize, members: &[&Given<'_>]) -> Discrepancy {
    let mut days: Vec<chrono::NaiveDate> = Vec::new();
    for g in members {
        if !days.contains(&g.date) {
            days.push(g.date);
        }
    }
    let what = days
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" / ");
    let wordings = super::first_per_article(members, |g| &g.sentence.article)
        .iter()
        .map(|g| super::within(g.sentence, g.span))
        .collect();
    Discrepancy {
        kind: DiscrepancyKind::Date,
        relation: Relation::Conflict,
        claim: Some(claim),
        quotes: Vec::new(),
        what,
        wordings,
    }
}
