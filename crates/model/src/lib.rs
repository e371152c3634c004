//! The plain data types that flow between Parallax's stages.
//!
//! Data moves one way through the pipeline:
//!
//! ```text
//! bytes ──read──▶ Article ──clean──▶ Segments ──understand──▶ Annotations
//!        ──(Document)──group──▶ Membership ──compare──▶ Story ──report──▶ text / JSON / HTML
//! ```
//!
//! Every type here is a plain value: no I/O, no behaviour beyond small helpers.
//! All offsets ([`Span`]) are **UTF-8 byte offsets into [`Article::text`]**, always on
//! `char` boundaries, so any sentence, quote or name shown to a user can be traced
//! back to its article and position.
//!
//! This crate never knows about files, HTTP, SQL or the JSON schema of the report;
//! serde derives exist so that later crates may serialise these values, but the
//! published contract (`parallax.analysis/1`) is owned by `parallax-report`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers. Returns `""` for a span that does not fit `text`
    /// or does not fall on `char` boundaries, never panics.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// One news article as read from any input format.
///
/// `text` is the article body only: paragraphs separated by a blank line
/// (`"\n\n"`), no headline, no markup. Everything downstream points into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: for a file, its name without extension; for JSONL, the `id` field.
    pub id: String,
    /// The outlet ("The Harbour Herald"), when known.
    pub source: Option<String>,
    pub url: Option<String>,
    /// The headline.
    pub title: String,
    pub published: Option<DateTime<Utc>>,
    /// ISO 639-1 code ("en"), given by the input or detected.
    pub language: Option<String>,
    pub text: String,
}

impl Article {
    /// An article known by its id and text alone: no outlet, URL, headline,
    /// date or language. Other fields are set with struct update syntax.
    pub fn from_text(id: &str, text: &str) -> Self {
        Article {
            id: id.into(),
            source: None,
            url: None,
            title: String::new(),
            published: None,
            language: None,
            text: text.into(),
        }
    }

    /// The outlet name, or the article id when the outlet is unknown, so that
    /// two articles of unknown origin never count as the same outlet.
    pub fn outlet(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.id)
    }
}

/// What a segment of text is. Everything but [`SegmentKind::Body`] is *flagged*:
/// kept with its offsets and shown in reports, but left out of comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// Reporting: the text that gets compared across outlets.
    Body,
    /// Site furniture inside the body: footers, copyright lines, trust badges
    /// ("According to the criteria of ...").
    Boilerplate,
    /// Promotion: "MORE: <another headline>", "Read more", newsletter and subscription blurbs.
    Promo,
    /// An author biography, usually at the end.
    Bio,
    /// A photo caption or credit line.
    Caption,
    /// Speculation or the writer's own opinion ("it could suggest that ...",
    /// "appears to", rhetorical questions). Set by the understand stage.
    Speculation,
}

impl SegmentKind {
    pub fn is_flagged(self) -> bool {
        self != SegmentKind::Body
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Body => "body",
            SegmentKind::Boilerplate => "boilerplate",
            SegmentKind::Promo => "promo",
            SegmentKind::Bio => "bio",
            SegmentKind::Caption => "caption",
            SegmentKind::Speculation => "speculation",
        }
    }
}

/// One sentence of an article with its classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub span: Span,
    /// Index into [`Cleaned::paragraphs`].
    pub paragraph: usize,
    pub kind: SegmentKind,
}

/// Output of the clean stage: the article cut into paragraphs and sentences.
///
/// Invariant: `segments` are sorted, do not overlap, each lies inside its
/// paragraph, and together they cover every non-whitespace byte of the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cleaned {
    pub paragraphs: Vec<Span>,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

/// A named entity as one article knows it, after in-article resolution
/// ("Volodymyr Zelensky" ... "Zelensky" ... "the Ukrainian president" are one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalEntity {
    /// The fullest form this article uses, titles stripped ("Xi Jinping", not
    /// "Chinese President Xi Jinping"), in this article's spelling.
    pub name: String,
    pub kind: EntityKind,
    /// Cross-article identity: two articles' entities with equal `key` are the
    /// same real-world entity (spelling and transliteration folded, e.g.
    /// `"person:zelensky"`, `"place:kyiv"`).
    pub key: String,
}

/// Where an article names an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    /// Index into [`Annotations::entities`].
    pub entity: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteForm {
    /// A whole quoted statement: `"We will rebuild," she said.`
    Direct,
    /// Quoted words inside the writer's own sentence: `She called it "a long and significant call".`
    Partial,
    /// Reported speech without quote marks: `She said that the talks had failed.`
    Indirect,
}

/// Something a person or body said, with who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quote marks. For a quote that runs over
    /// several paragraphs, the span from its first to its last word.
    pub span: Span,
    pub form: QuoteForm,
    /// Index into [`Annotations::entities`]; `None` when no speaker was found.
    pub speaker: Option<usize>,
    /// Where the speaker is named or referred to for this quote ("he", "the minister").
    pub speaker_span: Option<Span>,
    /// The reporting verb or phrase ("said", "according to").
    pub cue_span: Option<Span>,
}

/// Output of the understand stage for one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    pub entities: Vec<LocalEntity>,
    /// Sorted by position, non-overlapping.
    pub mentions: Vec<Mention>,
    /// Sorted by position.
    pub quotes: Vec<Quote>,
    /// Indices into [`Cleaned::segments`] of body sentences that are
    /// speculation or opinion rather than reporting.
    pub speculative: Vec<usize>,
    /// Who did what to whom, sentence by sentence, sorted by position
    /// (see [`Event`]). Absent from documents stored before events existed.
    #[serde(default)]
    pub events: Vec<Event>,
    /// The dates body sentences give ("on Friday", "March 3"), resolved
    /// against the publication date, sorted by position. Absent from
    /// documents stored before dates were kept.
    #[serde(default)]
    pub dates: Vec<DateMention>,
}

/// Where a body sentence gives a date, and the day it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub span: Span,
    pub date: chrono::NaiveDate,
}

/// An event category of the PLOVER ontology (Political Language Ontology for
/// Verifiable Event Records, draft 0.8 of 2021), written in capitals in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    /// Agree to, offer or promise cooperation; cooperation in the future tense.
    Agree,
    /// Meetings, visits, talks, calls, mediation.
    Consult,
    /// Verbal, diplomatic support: praise, endorsement, recognition, a treaty signed.
    Support,
    /// Verbal concessions: restrictions eased, a strike called off, a ceasefire declared.
    Concede,
    /// Mutual material cooperation: trade, joint exercises, shared intelligence.
    Cooperate,
    /// Material aid to the target: money, arms, relief, asylum.
    Aid,
    /// Concessions with material effect: withdrawals, releases, resignations.
    Retreat,
    /// Demands, appeals, orders.
    Request,
    /// Accusations, criticism, lawsuits, investigations.
    Accuse,
    /// Refusals, rejections, vetoes, defiance.
    Reject,
    /// Threats and ultimatums.
    Threaten,
    /// Demonstrations, strikes, riots, boycotts, blockades.
    Protest,
    /// Reduced relations: sanctions, expulsions of diplomats, aid cut.
    Sanction,
    /// Military or police moves short of force: deployments, alerts.
    Mobilize,
    /// Repression: arrests, bans, curfews, deportations, seizures.
    Coerce,
    /// Force: attacks, killings, bombings, shelling, abductions.
    Assault,
}

impl EventType {
    /// The PLOVER name, as written in JSON (`"AGREE"`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }
}

/// Who did something or had it done to them: a stretch of the sentence
/// (`"Egyptian police"`, `"President Obama"`), with the entity it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub span: Span,
    /// Index into [`Annotations::entities`] when the stretch names one.
    pub entity: Option<usize>,
    /// What kind of actor, where a word says so (`"government"`, `"military"`,
    /// `"police"`, `"rebel"`, `"business"`, ...); empty when unknown.
    pub sector: String,
}

/// One event a sentence reports: `source` did `kind` to `target`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub kind: EventType,
    /// The PLOVER mode: how it was done (`"visit"`, `"phone"`,
    /// `"heavy-weapons"`, `"curfew"`, ...); empty when none applies or is known.
    pub mode: String,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    /// The words that say what happened ("agreed", "held talks", "shelled").
    pub trigger: Span,
    /// Index into [`Cleaned::segments`] of the sentence.
    pub sentence: usize,
    /// When it happened, where the sentence says (`on Monday`, `March 3`),
    /// resolved against the publication date.
    #[serde(default)]
    pub when: Option<chrono::NaiveDate>,
}

/// An article with everything the per-article stages learned about it.
/// This is what the grouping and comparison stages consume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub article: Article,
    /// Segments with speculation already applied (`kind == Speculation`).
    pub cleaned: Cleaned,
    pub annotations: Annotations,
}

impl Document {
    /// Body sentences: the ones that take part in comparison.
    pub fn body_segments(&self) -> impl Iterator<Item = (usize, &Segment)> {
        self.cleaned
            .segments
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.kind.is_flagged())
    }

    pub fn text_of(&self, span: Span) -> &str {
        span.slice(&self.article.text)
    }
}

/// Why an article is in its story: produced by the group stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// Similarity to the story when the article joined (0 for the article that started it).
    pub score: f32,
    /// Entity keys the article shares with the story.
    pub shared_entities: Vec<String>,
    /// Salient terms the article shares with the story.
    pub shared_terms: Vec<String>,
}

/// Where the group stage put one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    /// Index of the story (0-based, in order of creation, after merges are applied).
    pub story: usize,
    /// Index of the article this one is a syndicated or near-duplicate copy of.
    /// Copies never count as independent coverage.
    pub copy_of: Option<usize>,
    pub why: Explanation,
}

/// Output of the group stage: one membership per input document, same order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Grouping {
    pub memberships: Vec<Membership>,
    /// Stories that were merged after both had been created: `(absorbed, into)`,
    /// story indices as they were before the merge was applied.
    pub merges: Vec<(usize, usize)>,
}

/// A passage of one article: what every claim and quote occurrence points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// Article id.
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One piece of a word-level difference between two wordings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffPiece {
    pub op: DiffOp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    Same,
    /// Present in this occurrence, absent from the reference wording.
    Added,
    /// Present in the reference wording, absent from this occurrence.
    Removed,
}

/// A quote occurrence inside a [`QuoteGroup`], with its difference from the
/// group's reference wording (empty for the reference itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteOccurrence {
    #[serde(flatten)]
    pub at: Occurrence,
    /// True when this occurrence prints only part of the reference wording.
    pub fragment: bool,
    pub diff: Vec<DiffPiece>,
}

/// The same statement as printed by one or more articles of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteGroup {
    /// Canonical name of a [`StoryEntity`], or `None` when unattributed.
    pub speaker: Option<String>,
    /// Index into `occurrences` of the reference wording (the longest).
    pub reference: usize,
    pub occurrences: Vec<QuoteOccurrence>,
}

/// How one outlet spells an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spelling {
    pub article: String,
    pub outlet: String,
    /// The surface forms this article uses, most frequent first.
    pub forms: Vec<String>,
}

/// An entity unified across the articles of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryEntity {
    /// The canonical name: the most common full form across the story.
    pub name: String,
    pub kind: EntityKind,
    pub key: String,
    /// Every other spelling used in the story.
    pub aliases: Vec<String>,
    pub spellings: Vec<Spelling>,
}

/// A claim reported by two or more independent outlets: the body sentences
/// that state it, one or more per article, in article then text order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedClaim {
    pub occurrences: Vec<Occurrence>,
    /// How closely the outlets' wordings agree, from 0 to 1: the mean
    /// similarity of its sentences from different outlets (weighted overlap
    /// of their words, numbers and names).
    pub agreement: f32,
}

/// What a [`Discrepancy`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscrepancyKind {
    /// A number given for the same thing ("12 dead" / "15 killed").
    Number,
    /// The same words quoted, put in different mouths ("the minister said" /
    /// "her spokesman said").
    Speaker,
    /// One event put on different days ("on Friday" / "Saturday", each
    /// resolved against its article's publication date).
    Date,
    /// One actor's act reported as done and as not done, or as done and as
    /// only intended ("signed the accord" / "has not signed it" / "will
    /// sign it"), the intention published no earlier than the act.
    Mode,
}

/// How the wordings of a [`Discrepancy`] relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// No reading makes them agree.
    Conflict,
    /// One is a bound or a range the other fits ("at least 12" / "15").
    Bound,
    /// One is approximate or round, the other within 5% of it.
    Rounding,
}

/// One fact stated differently by a story's outlets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Discrepancy {
    pub kind: DiscrepancyKind,
    /// For a date, a speaker or a mode, always `Conflict`.
    pub relation: Relation,
    /// Index into the story's `shared` of the claim whose sentences differ
    /// (a number, a date, a mode); `None` for a speaker.
    pub claim: Option<usize>,
    /// Indices into the story's `quotes` of the groups that print the same
    /// words under different speakers (a speaker); empty otherwise.
    #[serde(default)]
    pub quotes: Vec<usize>,
    /// What differs: for a number, what it counts ("deaths", "crown",
    /// "percent", "home"); for a speaker, the words quoted; for a date, the
    /// days the wordings mean, in order ("2026-03-13 / 2026-03-14"); for a
    /// mode, the modes in order ("done / not done", "done / intended").
    pub what: String,
    /// Each article's wording of it (one per article, in story order).
    pub wordings: Vec<Occurrence>,
}

/// The comparison of one story's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable within one analysis: `"story-1"`, `"story-2"`, ... in order of first arrival.
    pub id: String,
    /// The earliest original headline that spells the story's names as the
    /// story does (see `entities`), a time stamp printed as a headline only
    /// when no other is left.
    pub title: String,
    /// Article ids, in arrival order.
    pub articles: Vec<String>,
    /// Number of distinct outlets, syndicated copies not counted.
    pub independent_outlets: usize,
    pub entities: Vec<StoryEntity>,
    pub quotes: Vec<QuoteGroup>,
    pub shared: Vec<SharedClaim>,
    /// Body sentences only one outlet reports.
    pub exclusive: Vec<Occurrence>,
    /// Facts the outlets state differently: numbers, then dates (each claim
    /// by claim), then speakers, then modes (claim by claim).
    #[serde(default)]
    pub discrepancies: Vec<Discrepancy>,
    /// For each article of the story (same order as `articles`), the index in
    /// `entities` of each of its local entities (`None` if not kept).
    pub entity_map: Vec<Vec<Option<usize>>>,
    /// What the articles report was done: their events merged, most widely
    /// reported first. Absent from stories stored before acts existed.
    #[serde(default)]
    pub acts: Vec<Act>,
    /// Indices into `acts` of the acts with a date, in order of that date.
    #[serde(default)]
    pub timeline: Vec<usize>,
}

/// One act of a story: the events of its articles in which the same actor
/// does the same kind of thing to the same other actor, merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Act {
    pub kind: EventType,
    /// The mode most of its reports give (empty when none gives one).
    pub mode: String,
    /// The date most of its reports give, the earliest on a tie.
    #[serde(default)]
    pub when: Option<chrono::NaiveDate>,
    pub source: Option<ActActor>,
    pub target: Option<ActActor>,
    /// Independent outlets that report it, sorted.
    pub outlets: Vec<String>,
    /// Its reports: each an article's event, in arrival order.
    pub reports: Vec<EventRef>,
}

/// Who acts or is acted on in an [`Act`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActActor {
    /// The story entity's canonical name, or the words of the first report
    /// (`"Egyptian police"`) when no entity is named.
    pub name: String,
    /// Index into [`Story::entities`].
    pub entity: Option<usize>,
}

/// One article's report of an act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRef {
    pub article: String,
    /// Index into that article's [`Annotations::events`].
    pub event: usize,
}

/// The whole result of one analysis: what the report stage renders.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// In arrival order.
    pub documents: Vec<Document>,
    pub grouping: Grouping,
    pub stories: Vec<Story>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slice_never_panics_on_bad_offsets() {
        let text = "Kyiv — Kiev";
        assert_eq!(Span::new(0, 4).slice(text), "Kyiv");
        // Inside the multi-byte dash: not a char boundary.
        assert_eq!(Span::new(5, 6).slice(text), "");
        assert_eq!(Span::new(3, 400).slice(text), "");
    }

    #[test]
    fn span_relations() {
        let a = Span::new(10, 20);
        assert!(a.contains(Span::new(12, 20)));
        assert!(!a.contains(Span::new(9, 12)));
        assert!(a.overlaps(Span::new(19, 30)));
        assert!(!a.overlaps(Span::new(20, 30)));
    }

    #[test]
    fn outlet_falls_back_to_id() {
        let mut a = Article {
            id: "a1".into(),
            source: None,
            url: None,
            title: "T".into(),
            published: None,
            language: None,
            text: String::new(),
        };
        assert_eq!(a.outlet(), "a1");
        a.source = Some("The Harbour Herald".into());
        assert_eq!(a.outlet(), "The Harbour Herald");
    }

    #[test]
    fn segment_kinds_serialise_lowercase() {
        let json = serde_json::to_string(&SegmentKind::Speculation).unwrap_or_default();
        assert_eq!(json, "\"speculation\"");
        assert!(SegmentKind::Promo.is_flagged());
        assert!(!SegmentKind::Body.is_flagged());
    }
}
