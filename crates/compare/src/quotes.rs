//! Quote groups: the same statement as printed by the story's articles.
//!
//! Two quotes are one statement when their speakers agree (same story entity,
//! or one of them unknown) and their wordings match, either as a *fragment*
//! (the shorter one's tokens appear in the longer one, with at most one
//! differing token per six) or as a *variant* (word-level LCS covers at least
//! 60 % of the longer one and at least four tokens). Candidate pairs come from
//! an inverted index over token trigrams with capped postings, so a story with
//! hundreds of quotes never compares all pairs.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use parallax_model::{Occurrence, Quote, QuoteGroup, QuoteOccurrence, StoryEntity};

use crate::union_find::UnionFind;
use crate::wording::{self, Token};

/// One quote of the story, ready to compare.
pub(crate) struct QuoteItem<'a> {
    /// Article id.
    pub article: &'a str,
    /// The article text the spans point into.
    pub text: &'a str,
    pub quote: &'a Quote,
    /// Story entity index of the speaker.
    pub speaker: Option<usize>,
    pub tokens: Vec<Token>,
}

impl<'a> QuoteItem<'a> {
    pub(crate) fn new(
        article: &'a str,
        text: &'a str,
        quote: &'a Quote,
        speaker: Option<usize>,
    ) -> Self {
        let body = quote.span.slice(text);
        let base = if body.is_empty() { 0 } else { quote.span.start };
        QuoteItem {
            article,
            text,
            quote,
            speaker,
            tokens: wording::tokens(body, base),
        }
    }
}

/// How two wordings relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    /// The shorter one prints only part of the longer one: the token window
    /// `[start, end)` of the longer one.
    Fragment { start: usize, end: usize },
    /// Two renderings of the whole statement.
    Variant,
}

/// Fewest tokens a fragment needs: shorter pieces ("we will") match anything.
const MIN_FRAGMENT_TOKENS: usize = 3;
/// At most one differing token per this many tokens of the fragment.
const TOKENS_PER_EDIT: usize = 6;
const MIN_VARIANT_RATIO: f64 = 0.6;
const MIN_COMMON_TOKENS: usize = 4;

/// Whether `short` (no longer than `long`) is the same statement as `long`.
pub(crate) fn relate(short: &[&str], long: &[&str]) -> Option<Match> {
    if short.is_empty() || long.is_empty() {
        return None;
    }
    if short.len() >= MIN_FRAGMENT_TOKENS {
        let allowed = short.len() / TOKENS_PER_EDIT;
        if let Some((start, end)) = wording::contained_window(short, long, allowed) {
            let covers_all = start == 0 && end >= long.len();
            return Some(if covers_all {
                Match::Variant
            } else {
                Match::Fragment { start, end }
            });
        }
    }
    let common = wording::lcs_len(short, long);
    let ratio = common as f64 / short.len().max(long.len()) as f64;
    (common >= MIN_COMMON_TOKENS && ratio >= MIN_VARIANT_RATIO).then_some(Match::Variant)
}

/// Index keys of a token sequence: its trigrams, or the whole sequence when
/// it is shorter than three tokens.
fn grams(norms: &[&str]) -> Vec<String> {
    if norms.len() < 3 {
        return vec![norms.join(" ")];
    }
    norms.windows(3).map(|w| w.join(" ")).collect()
}

/// A trigram shared by more quotes than this is too common to be evidence;
/// only its first entries are compared.
const POSTING_CAP: usize = 64;

/// Group the story's quotes (in story order: article order, then position).
pub(crate) fn group(items: &[QuoteItem<'_>], entity_names: &[String]) -> Vec<QuoteGroup> {
    let norms: Vec<Vec<&str>> = items.iter().map(|q| wording::norms(&q.tokens)).collect();
    let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
    let mut uf = UnionFind::new(items.len());
    // A wording already seen with the same speaker joins it without being
    // compared: a quote every outlet prints alike costs one comparison, not
    // one per outlet.
    let mut first: HashMap<(&[&str], Option<usize>), usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let Some(mine) = norms.get(i) else { continue };
        match first.entry((mine.as_slice(), item.speaker)) {
            Entry::Occupied(earlier) => {
                uf.union(i, *earlier.get());
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
        let mut seen: HashSet<usize> = HashSet::new();
        for gram in grams(mine) {
            let list = postings.entry(gram).or_default();
            for &j in list.iter().take(POSTING_CAP) {
                if !seen.insert(j) {
                    continue;
                }
                let (Some(other), Some(theirs)) = (items.get(j), norms.get(j)) else {
                    continue;
                };
                if speakers_agree(item.speaker, other.speaker) && same_statement(mine, theirs) {
                    uf.union(i, j);
                }
            }
            if list.len() < POSTING_CAP && list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for i in 0..items.len() {
        let root = uf.find(i);
        let g = *group_of.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(members) = groups.get_mut(g) {
            members.push(i);
        }
    }
    groups
        .iter()
        .map(|members| build_group(items, &norms, members, entity_names))
        .collect()
}

fn speakers_agree(a: Option<usize>, b: Option<usize>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn same_statement(a: &[&str], b: &[&str]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    relate(short, long).is_some()
}

/// The quote groups of a story kept open for more articles' quotes.
///
/// A new quote joins the group that printed the same words by the same
/// speaker, or the first group with a wording it matches as [`group`] would
/// match it (same trigram index, same tests), and is diffed against that
/// group's reference; otherwise it starts a group. Groups are not merged
/// with each other and references stay: that is for a new comparison.
pub(crate) struct Growth {
    /// Every wording indexed: its normalised tokens, speaker (story entity)
    /// and group.
    wordings: Vec<(Vec<String>, Option<usize>, usize)>,
    /// The group of each wording and speaker.
    first: HashMap<(Vec<String>, Option<usize>), usize>,
    /// Trigram to wordings (capped).
    postings: HashMap<String, Vec<usize>>,
    /// Per group: its reference wording (text, tokens from 0) and speaker.
    references: Vec<(String, Vec<Token>)>,
    speakers: Vec<Option<usize>>,
}

impl Growth {
    /// Index the story's `groups`; `entities` are the story's.
    pub(crate) fn new(groups: &[QuoteGroup], entities: &[StoryEntity]) -> Self {
        let mut growth = Growth {
            wordings: Vec::new(),
            first: HashMap::new(),
            postings: HashMap::new(),
            references: Vec::with_capacity(groups.len()),
            speakers: Vec::with_capacity(groups.len()),
        };
        for (g, group) in groups.iter().enumerate() {
            let speaker = group
                .speaker
                .as_ref()
                .and_then(|name| entities.iter().position(|e| &e.name == name));
            let reference = group
                .occurrences
                .get(group.reference)
                .map_or("", |o| o.at.text.as_str());
            growth
                .references
                .push((reference.to_string(), wording::tokens(reference, 0)));
            growth.speakers.push(speaker);
            for o in &group.occurrences {
                growth.index(owned_norms(&wording::tokens(&o.at.text, 0)), speaker, g);
            }
        }
        growth
    }

    fn index(&mut self, norms: Vec<String>, speaker: Option<usize>, group: usize) {
        let at = self.wordings.len();
        let refs: Vec<&str> = norms.iter().map(String::as_str).collect();
        for gram in grams(&refs) {
            let list = self.postings.entry(gram).or_default();
            if list.len() < POSTING_CAP && list.last() != Some(&at) {
                list.push(at);
            }
        }
        self.first.entry((norms.clone(), speaker)).or_insert(group);
        self.wordings.push((norms, speaker, group));
    }

    /// Add `item`, a quote of the story's next article, to `groups`.
    pub(crate) fn add(
        &mut self,
        groups: &mut Vec<QuoteGroup>,
        item: &QuoteItem<'_>,
        entities: &[StoryEntity],
    ) {
        let mine = owned_norms(&item.tokens);
        let refs: Vec<&str> = mine.iter().map(String::as_str).collect();
        let found = self
            .first
            .get(&(mine.clone(), item.speaker))
            .copied()
            .or_else(|| {
                let mut seen: HashSet<usize> = HashSet::new();
                grams(&refs).iter().find_map(|gram| {
                    let list = self.postings.get(gram)?;
                    list.iter()
                        .take(POSTING_CAP)
                        .filter(|&&j| seen.insert(j))
                        .find_map(|&j| {
                            let (theirs, speaker, group) = self.wordings.get(j)?;
                            let theirs: Vec<&str> = theirs.iter().map(String::as_str).collect();
                            (speakers_agree(item.speaker, *speaker)
                                && same_statement(&refs, &theirs))
                            .then_some(*group)
                        })
                })
            });
        let name =
            |speaker: Option<usize>| speaker.and_then(|e| Some(entities.get(e)?.name.clone()));
        let at = Occurrence {
            article: item.article.to_string(),
            start: item.quote.span.start,
            end: item.quote.span.end,
            text: item.quote.span.slice(item.text).to_string(),
        };
        let group = match found.filter(|&g| g < groups.len()) {
            Some(g) => {
                if let (Some(group), Some((text, tokens))) =
                    (groups.get_mut(g), self.references.get(g))
                {
                    let (fragment, diff) = occurrence_diff(
                        (text.as_str(), tokens.as_slice()),
                        &wording::norms(tokens),
                        item,
                        &refs,
                    );
                    group
                        .occurrences
                        .push(QuoteOccurrence { at, fragment, diff });
                    if group.speaker.is_none() && item.speaker.is_some() {
                        group.speaker = name(item.speaker);
                        if let Some(slot) = self.speakers.get_mut(g) {
                            *slot = item.speaker;
                        }
                    }
                }
                g
            }
            None => {
                let tokens = wording::tokens(&at.text, 0);
                self.references.push((at.text.clone(), tokens));
                self.speakers.push(item.speaker);
                groups.push(QuoteGroup {
                    speaker: name(item.speaker),
                    reference: 0,
                    occurrences: vec![QuoteOccurrence {
                        at,
                        fragment: false,
                        diff: Vec::new(),
                    }],
                });
                groups.len() - 1
            }
        };
        let speaker = item
            .speaker
            .or_else(|| self.speakers.get(group).copied().flatten());
        self.index(mine, speaker, group);
    }
}

fn owned_norms(tokens: &[Token]) -> Vec<String> {
    wording::norms(tokens)
        .into_iter()
        .map(String::from)
        .collect()
}

/// The reference (longest wording; ties: first), each occurrence's diff
/// against it, and the speaker's canonical name.
fn build_group(
    items: &[QuoteItem<'_>],
    norms: &[Vec<&str>],
    members: &[usize],
    entity_names: &[String],
) -> QuoteGroup {
    let size = |i: usize| {
        (
            norms.get(i).map_or(0, Vec::len),
            items.get(i).map_or(0, |q| q.quote.span.len()),
        )
    };
    let reference = members
        .iter()
        .enumerate()
        .max_by_key(|&(pos, &i)| (size(i), std::cmp::Reverse(pos)))
        .map_or(0, |(pos, _)| pos);
    let ref_item = members.get(reference).and_then(|&i| items.get(i));
    let ref_norms = members
        .get(reference)
        .and_then(|&i| norms.get(i))
        .map_or(&[][..], Vec::as_slice);
    let speaker = members
        .iter()
        .filter_map(|&i| items.get(i)?.speaker)
        .next()
        .and_then(|e| entity_names.get(e).cloned());
    let occurrences = members
        .iter()
        .enumerate()
        .filter_map(|(pos, &i)| {
            let item = items.get(i)?;
            let mine = norms.get(i).map_or(&[][..], Vec::as_slice);
            let (fragment, diff) = match ref_item {
                Some(r) if pos != reference => {
                    occurrence_diff((r.text, &r.tokens), ref_norms, item, mine)
                }
                _ => (false, Vec::new()),
            };
            Some(QuoteOccurrence {
                at: Occurrence {
                    article: item.article.to_string(),
                    start: item.quote.span.start,
                    end: item.quote.span.end,
                    text: item.quote.span.slice(item.text).to_string(),
                },
                fragment,
                diff,
            })
        })
        .collect();
    QuoteGroup {
        speaker,
        reference,
        occurrences,
    }
}

/// A fragment is diffed against the part of the reference it prints; anything
/// else against the whole reference (`(text, tokens)`, the tokens' spans
/// pointing into the text).
fn occurrence_diff(
    reference: (&str, &[Token]),
    ref_norms: &[&str],
    item: &QuoteItem<'_>,
    mine: &[&str],
) -> (bool, Vec<parallax_model::DiffPiece>) {
    let (ref_text, ref_tokens) = reference;
    let window = if mine.len() <= ref_norms.len() {
        match relate(mine, ref_norms) {
            Some(Match::Fragment { start, end }) => Some((start, end)),
            _ => None,
        }
    } else {
        None
    };
    match window {
        Some((start, end)) => {
            let part = ref_tokens.get(start..end).unwrap_or_default();
            (
                true,
                wording::diff((ref_text, part), (item.text, &item.tokens)),
            )
        }
        None => (
            false,
            wording::diff((ref_text, ref_tokens), (item.text, &item.tokens)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_model::{DiffOp, QuoteForm, Span};

    fn quote(text: &str, needle: &str) -> Quote {
        let start = text.find(needle).unwrap_or(0);
        Quote {
            span: Span::new(start, start + needle.len()),
            form: QuoteForm::Direct,
            speaker: None,
            speaker_span: None,
            cue_span: None,
        }
    }

    fn norms(s: &str) -> Vec<String> {
        wording::tokens(s, 0).into_iter().map(|t| t.norm).collect()
    }

    fn rel(a: &str, b: &str) -> Option<Match> {
        let (a, b) = (norms(a), norms(b));
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let b: Vec<&str> = b.iter().map(String::as_str).collect();
        if a.len() <= b.len() {
            relate(&a, &b)
        } else {
            relate(&b, &a)
        }
    }

    #[test]
    fn one_word_swap_is_a_variant() {
        assert_eq!(
            rel(
                "It was a calm and useful meeting,",
                "It was a calm and fruitful meeting,"
            ),
            Some(Match::Variant)
        );
    }

    #[test]
    fn inserted_that_and_contractions_are_a_variant() {
        assert_eq!(
            rel(
                "I'm sure we'll find the money, but I'm not sure it'll come fast",
                "I am sure that we will find the money, but I am not sure it will come fast"
            ),
            Some(Match::Variant)
        );
    }

    #[test]
    fn partial_quote_is_a_fragment() {
        assert_eq!(
            rel(
                "an honest price",
                "We have put an honest price on the table,"
            ),
            Some(Match::Fragment { start: 3, end: 6 })
        );
    }

    #[test]
    fn different_statements_sharing_words_do_not_match() {
        assert_eq!(
            rel(
                "I came home because I want to be near my sons,",
                "I am not happy about where I am, but I am happy that I came home,"
            ),
            None
        );
    }

    #[test]
    fn groups_fragment_with_diff_against_its_part() {
        let a = "“We have put an honest price on the table,” the mayor said.";
        let b = "The mayor spoke of “an honest price” for the land.";
        let qa = quote(a, "We have put an honest price on the table,");
        let qb = quote(b, "an honest price");
        let items = vec![
            QuoteItem::new("a", a, &qa, Some(0)),
            QuoteItem::new("b", b, &qb, None),
        ];
        let groups = group(&items, &["Ida Marr".to_string()]);
        assert_eq!(groups.len(), 1);
        let g = &groups[0];
        assert_eq!(g.speaker.as_deref(), Some("Ida Marr"));
        assert_eq!(g.reference, 0);
        assert!(g.occurrences[0].diff.is_empty());
        let frag = &g.occurrences[1];
        assert!(frag.fragment);
        assert_eq!(frag.at.text, "an honest price");
        assert_eq!(frag.diff.len(), 1);
        assert_eq!(frag.diff[0].op, DiffOp::Same);
        assert_eq!(frag.diff[0].text, "an honest price");
    }

    #[test]
    fn different_speakers_never_group() {
        let a = "“The bridge will open in May,” Ola said.";
        let b = "“The bridge will open in May,” Pim said.";
        let qa = quote(a, "The bridge will open in May,");
        let qb = quote(b, "The bridge will open in May,");
        let items = vec![
            QuoteItem::new("a", a, &qa, Some(0)),
            QuoteItem::new("b", b, &qb, Some(1)),
        ];
        let groups = group(&items, &["Ola".into(), "Pim".into()]);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[1].speaker.as_deref(), Some("Pim"));
    }
}
