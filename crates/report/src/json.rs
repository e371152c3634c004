//! The `parallax.analysis/1` JSON contract, as typed structs.
//!
//! Field order in these structs is the order in the output and in
//! `docs/json-schema.md`; a field added here must be added there too. Renaming or
//! removing a field is a breaking change: bump [`crate::SCHEMA`] to `/2`.
//!
//! Everything borrows from the [`Analysis`], so [`document`] is cheap and can be
//! streamed with `serde_json::to_writer` without building a `Value`.

use chrono::{DateTime, SecondsFormat, Utc};
use parallax_model::{
    ActActor, Actor, Analysis, DiffOp, Discrepancy, DiscrepancyKind, Document, EntityKind,
    EventRef, Occurrence, QuoteForm, QuoteGroup, Relation, Segment, SegmentKind, SharedClaim,
    Spelling, Story, StoryEntity,
};
use serde::Serialize;

use crate::lookup::{Lookup, slice};

/// The whole document.
#[derive(Debug, Serialize)]
pub struct AnalysisDoc<'a> {
    pub schema: &'static str,
    pub generator: &'static str,
    pub articles: Vec<ArticleDoc<'a>>,
    pub stories: Vec<StoryDoc<'a>>,
    pub merges: Vec<MergeDoc>,
}

/// One article with its per-article analysis.
#[derive(Debug, Serialize)]
pub struct ArticleDoc<'a> {
    pub id: &'a str,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub title: &'a str,
    /// RFC 3339, UTC, `Z` suffix.
    pub published: Option<String>,
    pub language: Option<&'a str>,
    pub text: &'a str,
    /// `Story::id` of the article's story.
    pub story: Option<&'a str>,
    /// Id of the article this one is a syndicated copy of.
    pub copy_of: Option<&'a str>,
    pub why: WhyDoc<'a>,
    pub paragraphs: Vec<RangeDoc>,
    pub segments: Vec<SegmentDoc>,
    pub quotes: Vec<QuoteDoc<'a>>,
    pub entity_mentions: Vec<MentionDoc<'a>>,
    pub events: Vec<EventDoc<'a>>,
}

/// An event one sentence reports: `source` did `type` to `target`.
#[derive(Debug, Serialize)]
pub struct EventDoc<'a> {
    /// The PLOVER category, in capitals (`"CONSULT"`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The PLOVER mode (`"phone"`), or `""`.
    pub mode: &'a str,
    pub source: Option<ActorDoc<'a>>,
    pub target: Option<ActorDoc<'a>>,
    /// The trigger words (`"held talks"`).
    pub start: usize,
    pub end: usize,
    /// `YYYY-MM-DD`: when it happened, where the sentence says.
    pub when: Option<String>,
}

/// An event's source or target where the article names it.
#[derive(Debug, Serialize)]
pub struct ActorDoc<'a> {
    /// The story entity's canonical name, or the words themselves.
    pub name: &'a str,
    pub start: usize,
    pub end: usize,
    /// `"government"`, `"military"`, `"police"`, `"rebel"`, ... or `""`.
    pub sector: &'a str,
}

/// Why the article is in its story.
#[derive(Debug, Serialize)]
pub struct WhyDoc<'a> {
    /// The `f32` score widened without float noise (0.62, not 0.6200000047683716);
    /// `None` (JSON `null`) when it is not finite.
    pub score: Option<f64>,
    pub shared_entities: &'a [String],
    pub shared_terms: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct RangeDoc {
    pub start: usize,
    pub end: usize,
}

/// A sentence of an article's text and its kind (also what `parallax
/// extract` prints).
#[derive(Debug, Serialize)]
pub struct SegmentDoc {
    pub start: usize,
    pub end: usize,
    pub kind: SegmentKind,
}

impl From<&Segment> for SegmentDoc {
    fn from(s: &Segment) -> Self {
        SegmentDoc {
            start: s.span.start,
            end: s.span.end,
            kind: s.kind,
        }
    }
}

/// A quote as found in one article.
#[derive(Debug, Serialize)]
pub struct QuoteDoc<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub form: QuoteForm,
    /// Canonical name of the story entity that speaks.
    pub speaker: Option<&'a str>,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct MentionDoc<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Canonical name of the story entity named here.
    pub entity: Option<&'a str>,
}

/// One story and the comparison of its coverage.
#[derive(Debug, Serialize)]
pub struct StoryDoc<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub articles: &'a [String],
    pub independent_outlets: usize,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub entities: Vec<EntityDoc<'a>>,
    pub quotes: Vec<QuoteGroupDoc<'a>>,
    pub shared: Vec<SharedDoc<'a>>,
    pub exclusive: Vec<OccurrenceDoc<'a>>,
    pub acts: Vec<ActDoc<'a>>,
    /// Indices into `acts` of the dated ones, in date order.
    pub timeline: &'a [usize],
    pub discrepancies: Vec<DiscrepancyDoc<'a>>,
}

/// The events of a story's articles merged: one actor doing one kind of
/// thing to another, with the outlets that report it.
#[derive(Debug, Serialize)]
pub struct ActDoc<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub mode: &'a str,
    pub when: Option<String>,
    pub source: Option<&'a ActActor>,
    pub target: Option<&'a ActActor>,
    pub outlets: &'a [String],
    pub reports: &'a [EventRef],
}

/// Where a shared claim's sentences state one fact differently.
#[derive(Debug, Serialize)]
pub struct DiscrepancyDoc<'a> {
    pub kind: DiscrepancyKind,
    pub relation: Relation,
    /// Index into the story's `shared` (a number, a date), or null (a speaker).
    pub claim: Option<usize>,
    /// Indices into the story's `quotes` (a speaker), or empty.
    pub quotes: &'a [usize],
    pub what: &'a str,
    pub wordings: Vec<OccurrenceDoc<'a>>,
}

#[derive(Debug, Serialize)]
pub struct EntityDoc<'a> {
    pub name: &'a str,
    pub kind: EntityKind,
    /// The cross-article key, as used in `why.shared_entities`.
    pub key: &'a str,
    pub aliases: &'a [String],
    pub spellings: Vec<SpellingDoc<'a>>,
}

#[derive(Debug, Serialize)]
pub struct SpellingDoc<'a> {
    pub article: &'a str,
    pub outlet: &'a str,
    pub forms: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct QuoteGroupDoc<'a> {
    pub speaker: Option<&'a str>,
    pub occurrences: Vec<QuoteOccurrenceDoc<'a>>,
}

#[derive(Debug, Serialize)]
pub struct QuoteOccurrenceDoc<'a> {
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Prints only part of the reference wording.
    pub fragment: bool,
    /// This occurrence is the group's reference wording.
    pub reference: bool,
    /// Word-level difference from the reference wording; empty for the reference.
    pub diff: Vec<DiffDoc<'a>>,
}

#[derive(Debug, Serialize)]
pub struct DiffDoc<'a> {
    pub op: DiffOp,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct SharedDoc<'a> {
    pub occurrences: Vec<OccurrenceDoc<'a>>,
    pub agreement: f64,
}

#[derive(Debug, Serialize)]
pub struct OccurrenceDoc<'a> {
    pub article: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// A story merge recorded by the grouping stage, story indices before the merge.
#[derive(Debug, Serialize)]
pub struct MergeDoc {
    pub absorbed: usize,
    pub into: usize,
}

/// Build the `parallax.analysis/1` document of an analysis.
pub fn document(analysis: &Analysis) -> AnalysisDoc<'_> {
    let lookup = Lookup::new(analysis);
    AnalysisDoc {
        schema: crate::SCHEMA,
        generator: crate::GENERATOR,
        articles: analysis
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| article(&lookup, i, d))
            .collect(),
        stories: analysis.stories.iter().map(|s| story(&lookup, s)).collect(),
        merges: analysis
            .grouping
            .merges
            .iter()
            .map(|&(absorbed, into)| MergeDoc { absorbed, into })
            .collect(),
    }
}

/// RFC 3339 with a `Z` suffix, whole seconds: `2026-03-12T20:05:00Z`.
pub(crate) fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An `f32` as the `f64` with the same shortest decimal representation, so that
/// the JSON shows the number the grouping stage computed, not its binary expansion.
fn widen(x: f32) -> Option<f64> {
    if !x.is_finite() {
        return None;
    }
    x.to_string().parse().ok()
}

fn article<'a>(lookup: &Lookup<'a>, index: usize, doc: &'a Document) -> ArticleDoc<'a> {
    let a = &doc.article;
    let membership = lookup.analysis.grouping.memberships.get(index);
    let why = membership.map(|m| &m.why);
    ArticleDoc {
        id: &a.id,
        source: a.source.as_deref(),
        url: a.url.as_deref(),
        title: &a.title,
        published: a.published.map(iso),
        language: a.language.as_deref(),
        text: &a.text,
        story: lookup.story_of(index).map(|s| s.id.as_str()),
        copy_of: lookup.copy_of(index),
        why: WhyDoc {
            score: widen(why.map_or(0.0, |w| w.score)),
            shared_entities: why.map_or(&[], |w| &w.shared_entities),
            shared_terms: why.map_or(&[], |w| &w.shared_terms),
        },
        paragraphs: doc
            .cleaned
            .paragraphs
            .iter()
            .map(|p| RangeDoc {
                start: p.start,
                end: p.end,
            })
            .collect(),
        segments: doc.cleaned.segments.iter().map(SegmentDoc::from).collect(),
        quotes: doc
            .annotations
            .quotes
            .iter()
            .map(|q| QuoteDoc {
                start: q.span.start,
                end: q.span.end,
                text: slice(&a.text, q.span.start, q.span.end).unwrap_or(""),
                form: q.form,
                speaker: q.speaker.and_then(|e| lookup.entity_name(index, e)),
                speaker_start: q.speaker_span.map(|s| s.start),
                speaker_end: q.speaker_span.map(|s| s.end),
            })
            .collect(),
        entity_mentions: doc
            .annotations
            .mentions
            .iter()
            .map(|m| MentionDoc {
                start: m.span.start,
                end: m.span.end,
                text: slice(&a.text, m.span.start, m.span.end).unwrap_or(""),
                entity: lookup.entity_name(index, m.entity),
            })
            .collect(),
        events: doc
            .annotations
            .events
            .iter()
            .map(|e| {
                let actor = |a: &'a Actor| ActorDoc {
                    name: a
                        .entity
                        .and_then(|e| lookup.entity_name(index, e))
                        .or_else(|| slice(&doc.article.text, a.span.start, a.span.end))
                        .unwrap_or(""),
                    start: a.span.start,
                    end: a.span.end,
                    sector: &a.sector,
                };
                EventDoc {
                    kind: e.kind.as_str(),
                    mode: &e.mode,
                    source: e.source.as_ref().map(actor),
                    target: e.target.as_ref().map(actor),
                    start: e.trigger.start,
                    end: e.trigger.end,
                    when: e.when.map(|d| d.to_string()),
                }
            })
            .collect(),
    }
}

fn story<'a>(lookup: &Lookup<'a>, s: &'a Story) -> StoryDoc<'a> {
    let span = lookup.time_span(s);
    StoryDoc {
        id: &s.id,
        title: &s.title,
        articles: &s.articles,
        independent_outlets: s.independent_outlets,
        first_published: span.map(|(lo, _)| iso(lo)),
        last_published: span.map(|(_, hi)| iso(hi)),
        entities: s.entities.iter().map(entity).collect(),
        quotes: s.quotes.iter().map(quote_group).collect(),
        shared: s.shared.iter().map(shared).collect(),
        exclusive: s.exclusive.iter().map(occurrence).collect(),
        acts: s
            .acts
            .iter()
            .map(|a| ActDoc {
                kind: a.kind.as_str(),
                mode: &a.mode,
                when: a.when.map(|d| d.to_string()),
                source: a.source.as_ref(),
                target: a.target.as_ref(),
                outlets: &a.outlets,
                reports: &a.reports,
            })
            .collect(),
        timeline: &s.timeline,
        discrepancies: s.discrepancies.iter().map(discrepancy).collect(),
    }
}

fn discrepancy(d: &Discrepancy) -> DiscrepancyDoc<'_> {
    DiscrepancyDoc {
        kind: d.kind,
        relation: d.relation,
        claim: d.claim,
        quotes: &d.quotes,
        what: &d.what,
        wordings: d.wordings.iter().map(occurrence).collect(),
    }
}

fn entity(e: &StoryEntity) -> EntityDoc<'_> {
    EntityDoc {
        name: &e.name,
        kind: e.kind,
        key: &e.key,
        aliases: &e.aliases,
        spellings: e.spellings.iter().map(spelling).collect(),
    }
}

fn spelling(s: &Spelling) -> SpellingDoc<'_> {
    SpellingDoc {
        article: &s.article,
        outlet: &s.outlet,
        forms: &s.forms,
    }
}

fn quote_group(g: &QuoteGroup) -> QuoteGroupDoc<'_> {
    QuoteGroupDoc {
        speaker: g.speaker.as_deref(),
        occurrences: g
            .occurrences
            .iter()
            .enumerate()
            .map(|(i, o)| QuoteOccurrenceDoc {
                article: &o.at.article,
                start: o.at.start,
                end: o.at.end,
                text: &o.at.text,
                fragment: o.fragment,
                reference: i == g.reference,
                diff: o
                    .diff
                    .iter()
                    .map(|p| DiffDoc {
                        op: p.op,
                        text: &p.text,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn shared(c: &SharedClaim) -> SharedDoc<'_> {
    SharedDoc {
        occurrences: c.occurrences.iter().map(occurrence).collect(),
        // Two decimals: the figure is a reading aid, not a measurement.
        agreement: (f64::from(c.agreement) * 100.0).round() / 100.0,
    }
}

fn occurrence(o: &Occurrence) -> OccurrenceDoc<'_> {
    OccurrenceDoc {
        article: &o.article,
        start: o.start,
        end: o.end,
        text: &o.text,
    }
}
