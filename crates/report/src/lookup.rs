//! Cross-references every renderer needs: which document an article id names,
//! which story an article is in, the canonical name behind a local entity, and
//! checked access to spans of an article's text.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use parallax_model::{
    Analysis, Discrepancy, DiscrepancyKind, Document, EntityKind, Occurrence, QuoteForm,
    QuoteGroup, Relation, Segment, SegmentKind, Story,
};

/// Articles whose text a story's page shows side by side: a giant story's
/// page shows this many (originals first), lists the others, and stays
/// readable and bounded in size. The JSON holds every article.
pub(crate) const COLUMNS_SHOWN: usize = 40;

/// Where a document sits in the story list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placement {
    /// Index into [`Analysis::stories`].
    pub story: usize,
    /// Index into that story's `articles` (and `entity_map`), when the story lists it.
    pub position: Option<usize>,
}

/// Indexes over one [`Analysis`], built once per rendering.
pub(crate) struct Lookup<'a> {
    pub analysis: &'a Analysis,
    by_id: HashMap<&'a str, usize>,
    story_by_id: HashMap<&'a str, usize>,
    placements: Vec<Option<Placement>>,
    /// Per story, the documents placed in it, in display order.
    placed: Vec<Vec<usize>>,
    /// Per document, whether the page shows its text (see [`COLUMNS_SHOWN`]).
    columns: Vec<bool>,
    /// Per document, the indices of its segments that fit its text, and
    /// their ranges.
    segments: Vec<(Vec<usize>, Ranges)>,
}

impl<'a> Lookup<'a> {
    pub fn new(analysis: &'a Analysis) -> Self {
        let mut by_id = HashMap::with_capacity(analysis.documents.len());
        for (i, doc) in analysis.documents.iter().enumerate() {
            // Ids should be unique; if not, the first document keeps the id so that
            // every reference resolves the same way in every renderer.
            by_id.entry(doc.article.id.as_str()).or_insert(i);
        }
        let mut story_by_id = HashMap::with_capacity(analysis.stories.len());
        for (i, story) in analysis.stories.iter().enumerate() {
            story_by_id.entry(story.id.as_str()).or_insert(i);
        }
        let mut placements: Vec<Option<Placement>> = vec![None; analysis.documents.len()];
        for (story, s) in analysis.stories.iter().enumerate() {
            for (position, id) in s.articles.iter().enumerate() {
                let free = by_id
                    .get(id.as_str())
                    .and_then(|&d| placements.get_mut(d))
                    .filter(|slot| slot.is_none());
                if let Some(slot) = free {
                    *slot = Some(Placement {
                        story,
                        position: Some(position),
                    });
                }
            }
        }
        // A document no story lists still belongs to the story its membership names.
        let memberships = &analysis.grouping.memberships;
        for (slot, membership) in placements.iter_mut().zip(memberships) {
            if slot.is_none() && membership.story < analysis.stories.len() {
                *slot = Some(Placement {
                    story: membership.story,
                    position: None,
                });
            }
        }
        let mut placed: Vec<Vec<(usize, usize)>> = vec![Vec::new(); analysis.stories.len()];
        for (doc, p) in placements.iter().enumerate() {
            let Some(p) = p else { continue };
            if let Some(list) = placed.get_mut(p.story) {
                list.push((p.position.unwrap_or(usize::MAX), doc));
            }
        }
        let placed: Vec<Vec<usize>> = placed
            .into_iter()
            .map(|mut list| {
                list.sort_unstable();
                list.into_iter().map(|(_, doc)| doc).collect()
            })
            .collect();
        // Originals before copies, each in display order, up to the bound;
        // a document in no story is shown with the unplaced ones.
        let mut columns: Vec<bool> = placements.iter().map(Option::is_none).collect();
        let is_copy = |doc: usize| memberships.get(doc).is_some_and(|m| m.copy_of.is_some());
        for docs in &placed {
            let originals = docs.iter().filter(|&&d| !is_copy(d));
            let copies = docs.iter().filter(|&&d| is_copy(d));
            for &doc in originals.chain(copies).take(COLUMNS_SHOWN) {
                if let Some(shown) = columns.get_mut(doc) {
                    *shown = true;
                }
            }
        }
        let segments = analysis
            .documents
            .iter()
            .map(|doc| {
                let valid: Vec<usize> = doc
                    .cleaned
                    .segments
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| slice(&doc.article.text, s.span.start, s.span.end).is_some())
                    .map(|(i, _)| i)
                    .collect();
                let spans = valid
                    .iter()
                    .filter_map(|&i| doc.cleaned.segments.get(i))
                    .map(|s| (s.span.start, s.span.end));
                let ranges = Ranges::new(spans);
                (valid, ranges)
            })
            .collect();
        Lookup {
            analysis,
            by_id,
            story_by_id,
            placements,
            placed,
            columns,
            segments,
        }
    }

    /// True when the page shows the article's text (its column), so that
    /// links may point into it.
    pub fn has_column(&self, article: &str) -> bool {
        self.index_of(article)
            .is_some_and(|d| self.columns.get(d).copied().unwrap_or(false))
    }

    /// False for a document whose id an earlier document already has: references
    /// by id (claims, quotes, stories) resolve to that earlier one.
    pub fn owns_id(&self, doc: usize) -> bool {
        self.analysis
            .documents
            .get(doc)
            .is_some_and(|d| self.index_of(&d.article.id) == Some(doc))
    }

    /// False for a story whose id an earlier story already has.
    pub fn owns_story_id(&self, story: usize) -> bool {
        self.analysis
            .stories
            .get(story)
            .is_some_and(|s| self.story_by_id.get(s.id.as_str()) == Some(&story))
    }

    /// The documents placed in story `story`: the ones it lists, in its order,
    /// then any others whose membership names it, in arrival order.
    pub fn placed_in(&self, story: usize) -> &[usize] {
        self.placed.get(story).map_or(&[], Vec::as_slice)
    }

    /// The document index of an article id.
    /// How many articles are syndicated or near-duplicate copies.
    pub fn copies(&self) -> usize {
        self.analysis
            .grouping
            .memberships
            .iter()
            .filter(|m| m.copy_of.is_some())
            .count()
    }

    pub fn index_of(&self, article: &str) -> Option<usize> {
        self.by_id.get(article).copied()
    }

    pub fn document(&self, article: &str) -> Option<&'a Document> {
        self.index_of(article)
            .and_then(|i| self.analysis.documents.get(i))
    }

    pub fn placement(&self, doc: usize) -> Option<Placement> {
        self.placements.get(doc).copied().flatten()
    }

    pub fn story_of(&self, doc: usize) -> Option<&'a Story> {
        self.placement(doc)
            .and_then(|p| self.analysis.stories.get(p.story))
    }

    /// The canonical story-level name of local entity `local` of document `doc`.
    pub fn entity_name(&self, doc: usize, local: usize) -> Option<&'a str> {
        let placement = self.placement(doc)?;
        let story = self.analysis.stories.get(placement.story)?;
        let index = (*story.entity_map.get(placement.position?)?.get(local)?)?;
        story.entities.get(index).map(|e| e.name.as_str())
    }

    /// The id of the article document `doc` is a syndicated copy of.
    pub fn copy_of(&self, doc: usize) -> Option<&'a str> {
        let original = self.analysis.grouping.memberships.get(doc)?.copy_of?;
        self.analysis
            .documents
            .get(original)
            .map(|d| d.article.id.as_str())
    }

    /// The outlet an article id belongs to; the id itself when unknown, as
    /// [`parallax_model::Article::outlet`] does.
    pub fn outlet<'s>(&self, article: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.document(article)
            .map_or(article, |d| d.article.outlet())
    }

    /// The documents of a story that the analysis has, in story order.
    pub fn story_documents(&self, story: &'a Story) -> Vec<(usize, &'a Document)> {
        story
            .articles
            .iter()
            .filter_map(|id| {
                let i = self.index_of(id)?;
                Some((i, self.analysis.documents.get(i)?))
            })
            .collect()
    }

    /// The segment of `article` that contains byte `at`, else the last one that
    /// starts before it: the sentence a claim or quote should link to.
    pub fn segment_at(&self, article: &str, at: usize) -> Option<&'a Segment> {
        let index = self.index_of(article)?;
        let doc = self.analysis.documents.get(index)?;
        let text = &doc.article.text;
        // Only segments that fit the text: the others are never rendered, so
        // linking to them would lead nowhere.
        let valid = || {
            doc.cleaned
                .segments
                .iter()
                .filter(|s| slice(text, s.span.start, s.span.end).is_some())
        };
        // In order and apart (as the clean stage writes them), the segment
        // holding `at` is the last one starting at or before it, as is the
        // one taken when none holds it: found by binary search, not by a
        // scan per link (a page links every sentence).
        if let Some((ids, ranges)) = self.segments.get(index)
            && ranges.apart
        {
            let last = ranges
                .starting_before(at.saturating_add(1))
                .checked_sub(1)?;
            return doc.cleaned.segments.get(*ids.get(last)?);
        }
        valid()
            .find(|s| s.span.start <= at && at < s.span.end)
            .or_else(|| valid().rfind(|s| s.span.start <= at))
    }

    /// Earliest and latest publication time of a story's articles.
    pub fn time_span(&self, story: &'a Story) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let mut times = self
            .story_documents(story)
            .into_iter()
            .filter_map(|(_, d)| d.article.published);
        let first = times.next()?;
        Some(times.fold((first, first), |(lo, hi), t| (lo.min(t), hi.max(t))))
    }

    /// Distinct outlets over all documents.
    pub fn outlet_count(&self) -> usize {
        count_distinct(self.analysis.documents.iter().map(|d| d.article.outlet()))
    }

    /// Distinct outlets of the given articles (by id).
    pub fn outlets_of<'b>(&self, articles: impl Iterator<Item = &'b str>) -> usize {
        count_distinct(articles.map(|a| self.outlet(a)))
    }

    /// A story's quote groups with the number of outlets printing each, the
    /// most printed first: that is where wordings can differ. The sort is
    /// stable, so ties keep the story's order.
    pub fn quote_groups_by_reach(&self, story: &'a Story) -> Vec<(usize, &'a QuoteGroup)> {
        let mut groups: Vec<(usize, &QuoteGroup)> = story
            .quotes
            .iter()
            .map(|g| {
                let articles = g.occurrences.iter().map(|o| o.at.article.as_str());
                (self.outlets_of(articles), g)
            })
            .collect();
        groups.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
        groups
    }

    /// Flagged segments of a story's documents, per kind, in [`FLAGGED_KINDS`] order.
    pub fn flagged_counts(&self, story: &'a Story) -> Vec<(SegmentKind, usize)> {
        let docs = self.story_documents(story);
        FLAGGED_KINDS
            .iter()
            .map(|&kind| {
                let n = docs
                    .iter()
                    .flat_map(|(_, d)| &d.cleaned.segments)
                    .filter(|s| s.kind == kind)
                    .count();
                (kind, n)
            })
            .filter(|&(_, n)| n > 0)
            .collect()
    }
}

/// Every flagged kind, in the order reports list them.
pub(crate) const FLAGGED_KINDS: [SegmentKind; 5] = [
    SegmentKind::Boilerplate,
    SegmentKind::Promo,
    SegmentKind::Bio,
    SegmentKind::Caption,
    SegmentKind::Speculation,
];

/// Byte ranges `start..end` in a fixed order, searched for the ones that
/// overlap a given range. When they come sorted by start (as the pipeline
/// writes spans), a search looks only at those that can overlap, found by
/// binary search; otherwise at all of them. Renderers look up the spans of
/// every sentence: a scan of all spans each time cost the square of an
/// article's length.
pub(crate) struct Ranges {
    spans: Vec<(usize, usize)>,
    /// When the starts are sorted: the running maximum of the ends.
    reach: Option<Vec<usize>>,
    /// Sorted by start, and none overlaps the next.
    apart: bool,
}

impl Ranges {
    pub fn new(spans: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let spans: Vec<(usize, usize)> = spans.into_iter().collect();
        let sorted = spans.windows(2).all(|w| w[0].0 <= w[1].0);
        let reach = sorted.then(|| {
            spans
                .iter()
                .scan(0, |reach, &(_, end)| {
                    *reach = end.max(*reach);
                    Some(*reach)
                })
                .collect()
        });
        let apart = sorted && spans.windows(2).all(|w| w[0].1 <= w[1].0);
        Ranges {
            spans,
            reach,
            apart,
        }
    }

    /// Indices of the ranges sharing a byte with `start..end`, in order.
    pub fn overlapping(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let (from, to) = match &self.reach {
            Some(reach) => (
                reach.partition_point(|&r| r <= start),
                self.starting_before(end),
            ),
            None => (0, self.spans.len()),
        };
        (from..to.max(from)).filter(move |&i| {
            self.spans
                .get(i)
                .is_some_and(|&(s, e)| s < end && start < e)
        })
    }

    /// How many ranges start before `at`, when they are sorted by start.
    fn starting_before(&self, at: usize) -> usize {
        self.spans.partition_point(|&(s, _)| s < at)
    }
}

/// `text[start..end]` when the range fits `text` on `char` boundaries.
pub(crate) fn slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    text.get(start..end)
}

/// A story's title for people, never blank.
pub(crate) fn story_title(story: &Story) -> &str {
    if story.title.trim().is_empty() {
        "(untitled story)"
    } else {
        &story.title
    }
}

fn count_distinct<'b>(items: impl Iterator<Item = &'b str>) -> usize {
    let mut items: Vec<&str> = items.collect();
    items.sort_unstable();
    items.dedup();
    items.len()
}

/// A story's exclusive claims grouped by article: the story's articles in
/// order, then any article the story does not list; articles without an
/// exclusive claim are left out.
pub(crate) fn exclusive_by_article(story: &Story) -> Vec<(&str, Vec<&Occurrence>)> {
    let mut order: Vec<&str> = story.articles.iter().map(String::as_str).collect();
    for o in &story.exclusive {
        if !order.contains(&o.article.as_str()) {
            order.push(&o.article);
        }
    }
    order
        .into_iter()
        .map(|article| {
            let claims = story.exclusive.iter().filter(|o| o.article == article);
            (article, claims.collect::<Vec<_>>())
        })
        .filter(|(_, claims)| !claims.is_empty())
        .collect()
}

/// One line of story facts: articles, independent outlets, time span.
pub(crate) fn story_facts<'a>(lookup: &Lookup<'a>, story: &'a Story) -> String {
    format!(
        "{} · {} · {}",
        plural(story.articles.len(), "article", "articles"),
        plural(
            story.independent_outlets,
            "independent outlet",
            "independent outlets"
        ),
        span_label(lookup.time_span(story))
    )
}

/// "1 article" / "2 articles".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How a shared claim's agreement reads to people: "close wording (0.62)".
/// The bands follow what the figure means in practice: from 0.5 the outlets
/// share most of their words, numbers and names; under 0.25 they state the
/// fact in words of their own.
pub(crate) fn agreement(value: f32) -> String {
    let band = if value >= 0.5 {
        "close wording"
    } else if value >= 0.25 {
        "similar wording"
    } else {
        "paraphrased"
    };
    format!("{band} ({value:.2})")
}

/// How the figures of a discrepancy relate, for people.
pub(crate) fn difference(d: &Discrepancy) -> &'static str {
    match (d.kind, d.relation) {
        (DiscrepancyKind::Speaker, _) => "said by different speakers",
        (DiscrepancyKind::Date, _) => "different days",
        (DiscrepancyKind::Mode, _) => "one act, reported in different modes",
        (_, Relation::Conflict) => "different figures",
        (_, Relation::Bound) => "a bound and a figure within it",
        (_, Relation::Rounding) => "one figure rounded",
    }
}

/// What a discrepancy is about, in a few words: what a number counts, or
/// the quote's first `words` words.
pub(crate) fn subject(d: &Discrepancy, words: usize) -> String {
    match d.kind {
        DiscrepancyKind::Number | DiscrepancyKind::Date | DiscrepancyKind::Mode => d.what.clone(),
        DiscrepancyKind::Speaker => {
            let all: Vec<&str> = d.what.split_whitespace().collect();
            let opening = all
                .iter()
                .take(words)
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            if all.len() > words {
                format!("“{opening}…”")
            } else {
                format!("“{opening}”")
            }
        }
    }
}

/// A publication time for people: `2026-03-12 20:05`.
pub(crate) fn short_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// A story's time span for people: `2026-03-12 20:05 – 2026-03-13 07:45 UTC`.
pub(crate) fn span_label(span: Option<(DateTime<Utc>, DateTime<Utc>)>) -> String {
    match span {
        None => "undated".to_string(),
        Some((lo, hi)) if lo == hi => format!("{} UTC", short_time(lo)),
        Some((lo, hi)) if lo.date_naive() == hi.date_naive() => {
            format!("{}–{} UTC", short_time(lo), hi.format("%H:%M"))
        }
        Some((lo, hi)) => format!("{} – {} UTC", short_time(lo), short_time(hi)),
    }
}

/// A quote form as the JSON contract spells it.
pub(crate) fn form_name(form: QuoteForm) -> &'static str {
    match form {
        QuoteForm::Direct => "direct",
        QuoteForm::Partial => "partial",
        QuoteForm::Indirect => "indirect",
    }
}

/// An entity kind as the JSON contract spells it.
pub(crate) fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Place => "place",
        EntityKind::Other => "other",
    }
}
