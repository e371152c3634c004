//! Speakers: the same words quoted by two outlets, put in different mouths
//! ("the minister said" / "her spokesman said").
//!
//! Quote groups only join quotes whose speakers agree, so the same words
//! under two speakers stand in two groups. Most such pairs are a misread
//! attribution, not the outlets' disagreement: a partial quote inside a
//! sentence about someone else, a "he" resolved to the wrong person. So a
//! quote takes part only when its attribution cannot be misread
//! ([`plainly_attributed`]): a whole quote with its reporting verb and the
//! speaker's name right beside it (`"...," Mr. Holm said.` / `Holm said:
//! "..."`). Each is kept with its speaker (a story entity) and that name's
//! offsets. Two quotes
//! of different outlets are the same statement when the shorter has at least
//! [`MIN_WORDS`] words and matches the longer as quote groups match
//! ([`quotes::relate`]); their speakers then differ when they are different
//! story entities whose names share no word ("Obama" / "Michelle Obama" may
//! be one entity split in two, so it is left out). Each pair of groups so
//! joined is one discrepancy, with one wording per article: the speaker's
//! mention, its offsets into the article.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use parallax_model::{
    Discrepancy, DiscrepancyKind, Document, Occurrence, QuoteGroup, Relation, StoryEntity,
};

use crate::entities::folded;
use crate::quotes;
use crate::wording;

/// Fewest words the shorter of two quotes needs: a short phrase ("we will
/// not back down") is said by many.
const MIN_WORDS: usize = 6;

/// A trigram shared by more quotes than this is too common to be evidence.
const POSTING_CAP: usize = 64;

/// One attributed quote of an original article.
struct Attributed {
    /// Where the quoted words start: with the article, what finds its group.
    quote: Occurrence,
    norms: Vec<String>,
    /// Story entity index.
    speaker: usize,
    /// The speaker's mention for this quote ("Mr. Holm").
    mention: Occurrence,
    /// The folded words of the text around the quote and its attribution
    /// ([`NEARBY`]).
    nearby: HashSet<String>,
}

/// How far around a quote and its attribution (bytes) another speaker's
/// name makes the attribution uncertain: "Ben Stephenson, Controller, BBC
/// Drama Commissioning says" names the man and his office, and the other
/// outlet's speaker is one of the two.
const NEARBY: usize = 200;

/// The attributed quotes of a story, gathered as its articles arrive.
#[derive(Default)]
pub(crate) struct Said {
    quotes: Vec<Attributed>,
}

impl Said {
    /// Keep `doc`'s attributed quotes; `row` maps its local entities to the
    /// story's. A syndicated copy adds nothing: it prints its source's words.
    pub(crate) fn add(&mut self, doc: &Document, is_copy: bool, row: &[Option<usize>]) {
        if is_copy {
            return;
        }
        let text = &doc.article.text;
        let occurrence = |span: parallax_model::Span| {
            Some(Occurrence {
                article: doc.article.id.clone(),
                start: span.start,
                end: span.end,
                text: text.get(span.start..span.end)?.to_string(),
            })
        };
        for q in &doc.annotations.quotes {
            let local = q.speaker.and_then(|s| doc.annotations.entities.get(s));
            let speaker = q.speaker.and_then(|s| row.get(s).copied().flatten());
            let (Some(local), Some(speaker), Some(at)) = (local, speaker, q.speaker_span) else {
                continue;
            };
            if !plainly_attributed(q, text, &local.name) {
                continue;
            }
            let (Some(quote), Some(mention)) = (occurrence(q.span), occurrence(at)) else {
                continue;
            };
            let tokens = wording::tokens(&quote.text, quote.start);
            let norms: Vec<String> = wording::norms(&tokens)
                .into_iter()
                .map(String::from)
                .collect();
            if norms.len() < MIN_WORDS {
                continue;
            }
            let from = q.span.start.min(at.start).saturating_sub(NEARBY);
            let to = q.span.end.max(at.end).saturating_add(NEARBY);
            let nearby = parallax_text::words(around(text, from, to))
                .map(|w| parallax_text::fold(w.text))
                .collect();
            self.quotes.push(Attributed {
                quote,
                norms,
                speaker,
                mention,
                nearby,
            });
        }
    }

    /// The speaker discrepancies between the story's quote `groups`;
    /// `outlets` gives each article's outlet.
    pub(crate) fn differing(
        &self,
        groups: &[QuoteGroup],
        entities: &[StoryEntity],
        outlets: &HashMap<String, String>,
    ) -> Vec<Discrepancy> {
        // Each story entity's name words, read once for all pairs.
        let names: Vec<HashSet<String>> = entities.iter().map(name_words).collect();
        let no_words = HashSet::new();
        let words = |e: usize| names.get(e).unwrap_or(&no_words);
        let outlet = |a: &Attributed| outlets.get(&a.quote.article);
        let group_of: HashMap<(&str, usize), usize> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| {
                group
                    .occurrences
                    .iter()
                    .map(move |o| ((o.at.article.as_str(), o.at.start), g))
            })
            .collect();
        let group = |a: &Attributed| {
            group_of
                .get(&(a.quote.article.as_str(), a.quote.start))
                .copied()
        };
        // Pairs of groups, each with the quotes that join them.
        let mut joined: BTreeMap<(usize, usize), BTreeSet<usize>> = BTreeMap::new();
        for (i, j) in self.candidates() {
            let (Some(a), Some(b)) = (self.quotes.get(i), self.quotes.get(j)) else {
                continue;
            };
            let (x, y) = (words(a.speaker), words(b.speaker));
            let named_near = |names: &HashSet<String>, q: &Attributed| {
                names.iter().any(|w| q.nearby.contains(w))
            };
            if outlet(a) == outlet(b)
                || a.speaker == b.speaker
                || !different_people(x, y)
                || named_near(x, b)
                || named_near(y, a)
            {
                continue;
            }
            let (x, y) = (as_strs(&a.norms), as_strs(&b.norms));
            let (short, long) = if x.len() <= y.len() {
                (&x, &y)
            } else {
                (&y, &x)
            };
            if quotes::relate(short, long).is_none() {
                continue;
            }
            let (Some(g), Some(h)) = (group(a), group(b)) else {
                continue;
            };
            if g == h {
                continue;
            }
            let members = joined.entry((g.min(h), g.max(h))).or_default();
            members.extend([i, j]);
        }
        joined
            .into_iter()
            .map(|((g, h), members)| self.discrepancy(g, h, &members))
            .collect()
    }

    /// Pairs `(i, j)`, `i < j`, of quotes that share a trigram of words.
    fn candidates(&self) -> Vec<(usize, usize)> {
        let mut postings: HashMap<&[String], Vec<usize>> = HashMap::new();
        let mut pairs = HashSet::new();
        for (i, a) in self.quotes.iter().enumerate() {
            for gram in a.norms.windows(3) {
                let posting = postings.entry(gram).or_default();
                if posting.last() == Some(&i) {
                    continue;
                }
                for &j in posting.iter().take(POSTING_CAP) {
                    pairs.insert((j, i));
                }
                posting.push(i);
            }
        }
        let mut pairs: Vec<(usize, usize)> = pairs.into_iter().collect();
        pairs.sort_unstable();
        pairs
    }

    /// One discrepancy for groups `g` and `h`, joined by quotes `members`:
    /// the speaker's mention in each article (its first), in story order.
    /// Quotes are kept in story order, so `members` (their indices, in
    /// order) are too; a quote printed by many outlets is shown by a bounded
    /// sample of them ([`super::sample`]).
    fn discrepancy(&self, g: usize, h: usize, members: &BTreeSet<usize>) -> Discrepancy {
        let members: Vec<&Attributed> =
            members.iter().filter_map(|&i| self.quotes.get(i)).collect();
        let mut seen = HashSet::new();
        let firsts: Vec<&Attributed> = members
            .iter()
            .copied()
            .filter(|a| seen.insert(a.mention.article.as_str()))
            .collect();
        let wordings: Vec<Occurrence> = super::sample(firsts, |a| a.speaker)
            .into_iter()
            .map(|a| a.mention.clone())
            .collect();
        let what = members
            .iter()
            .map(|a| &a.quote.text)
            .min_by_key(|t| t.len())
            .cloned()
            .unwrap_or_default();
        Discrepancy {
            kind: DiscrepancyKind::Speaker,
            relation: Relation::Conflict,
            claim: None,
            quotes: vec![g, h],
            what,
            wordings,
        }
    }
}

/// Most bytes between a quote and its attribution: the closing mark, a
/// comma, a colon and spaces (`," ` / `: "`), and a title before the name
/// (`," Mayor `).
const GAP: usize = 32;

/// Most words of a title between a quote and its attribution.
const TITLE_WORDS: usize = 3;

/// Most bytes of an attribution, from the speaker's name to the reporting
/// verb (`Senator Maren Holm of Tarn said`).
const ATTRIBUTION: usize = 80;

/// Whether `q` is a whole quote whose reporting verb and speaker stand right
/// beside it, the speaker named there by a word of `name` (the entity's
/// name in the article), not by "he" or "the minister".
fn plainly_attributed(q: &parallax_model::Quote, text: &str, name: &str) -> bool {
    let (Some(cue), Some(at)) = (q.cue_span, q.speaker_span) else {
        return false;
    };
    if q.form != parallax_model::QuoteForm::Direct {
        return false;
    }
    let (start, end) = (cue.start.min(at.start), cue.end.max(at.end));
    if end - start > ATTRIBUTION {
        return false;
    }
    let gap = if start >= q.span.end {
        text.get(q.span.end..start)
    } else if end <= q.span.start {
        text.get(end..q.span.start)
    } else {
        None
    };
    let beside = gap.is_some_and(|g| {
        let words: Vec<_> = parallax_text::words(g).collect();
        g.len() <= GAP
            && words.len() <= TITLE_WORDS
            && words.iter().all(|w| w.text.starts_with(char::is_uppercase))
    });
    let mention = text.get(at.start..at.end).map(folded).unwrap_or_default();
    let names = folded(name);
    let named = mention
        .split(' ')
        .any(|w| !w.is_empty() && names.split(' ').any(|n| n == w));
    beside && named
}

fn as_strs(norms: &[String]) -> Vec<&str> {
    norms.iter().map(String::as_str).collect()
}

/// `text[from..to]`, both ends moved in to the nearest character boundary.
fn around(text: &str, from: usize, to: usize) -> &str {
    let mut to = to.min(text.len());
    let mut from = from.min(to);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    text.get(from..to).unwrap_or("")
}

/// The folded words of a story entity's name and aliases, stopwords and
/// initials left out.
fn name_words(e: &StoryEntity) -> HashSet<String> {
    std::iter::once(&e.name)
        .chain(&e.aliases)
        .flat_map(|n| folded(n).split(' ').map(String::from).collect::<Vec<_>>())
        .filter(|w| w.chars().count() > 1 && !parallax_text::is_stopword(w))
        .collect()
}

/// Whether two different story entities, known by their [`name_words`],
/// are surely two people (or bodies): their names, aliases included, share
/// no word.
fn different_people(x: &HashSet<String>, y: &HashSet<String>) -> bool {
    !x.is_empty() && !y.is_empty() && x.is_disjoint(y)
}
