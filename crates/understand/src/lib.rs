//! Named entities, quotes with their speakers, and speculation flags for one article.
//!
//! Rule-based, built-in lexicons only. The steps, each in its own module:
//!
//! 1. [`tokens`]: word tokens keeping internal apostrophes and hyphens.
//! 2. [`names`]: candidate names (capitalised runs, titles and roles stripped,
//!    datelines), with the cues around them ([`titles`] has the word lists,
//!    [`places`] the gazetteer).
//! 3. [`entities`]: in-article resolution and kinds; [`keys`] gives the
//!    cross-article key with transliteration and place-variant folding;
//!    [`gender`]: who `he` and `she` can be.
//! 4. [`quotes`]: quote-mark pairs, titles of works set aside; [`attribution`]:
//!    speakers (named, or an unnamed `a crane driver`); [`indirect`]:
//!    reported speech without quote marks.
//! 5. [`speculation`]: the writer's own speculation and opinion.
//! 6. [`events`]: who did what to whom, in the PLOVER ontology.
//!
//! Entities named only in flagged segments (promo, boilerplate, bio, caption)
//! are dropped, so a promo line for another story does not add its names.

pub mod attribution;
pub mod entities;
pub mod events;
pub mod gender;
pub mod indirect;
pub mod keys;
pub mod kinds;
pub mod names;
pub mod places;
pub mod quotes;
pub mod speculation;
pub mod titles;
pub mod tokens;
pub mod verbs;

use parallax_model::{Annotations, Article, Cleaned, EntityKind, Quote, QuoteForm, Segment, Span};

/// Annotate one cleaned article.
pub fn annotate(article: &Article, cleaned: &Cleaned) -> Annotations {
    let text = article.text.as_str();
    let toks = tokens::tokenize(text);
    let raw_quotes = quotes::find(text, &cleaned.paragraphs);
    let cands = names::candidates(text, &toks, &cleaned.segments);
    let title_spans: Vec<Span> = raw_quotes
        .iter()
        .filter(|q| q.title)
        .map(|q| q.inner)
        .collect();
    let forced_other: Vec<bool> = cands
        .iter()
        .map(|c| title_spans.iter().any(|t| t.contains(c.span)))
        .collect();
    let resolved = entities::resolve(text, &cands, &forced_other);
    let kinds: Vec<EntityKind> = resolved.entities.iter().map(|e| e.kind).collect();
    let sentences: Vec<Span> = cleaned.segments.iter().map(|s| s.span).collect();
    let mut votes = resolved.gender_votes.clone();
    gender::pronoun_votes(text, &sentences, &resolved.mentions, &kinds, &mut votes);
    let genders: Vec<gender::Gender> = votes.iter().map(|v| v.decide()).collect();
    let subjects = attribution::subjects(text, &sentences, &resolved.mentions);
    let speech: Vec<quotes::RawQuote> = raw_quotes.into_iter().filter(|q| !q.title).collect();
    let whole = [Span::new(0, text.len())];
    let ctx = attribution::Context {
        text,
        paragraphs: if cleaned.paragraphs.is_empty() {
            &whole
        } else {
            &cleaned.paragraphs
        },
        mentions: &resolved.mentions,
        kinds: &kinds,
        roles: &resolved.roles,
        nationalities: &resolved.nationalities,
        sentences: &sentences,
        genders: &genders,
        subjects: &subjects,
    };
    let mut quotes = attribution::attribute(&ctx, &speech);
    // A lone quoted word nobody said is a scare quote, not speech.
    quotes.retain(|q| {
        q.speaker.is_some() || parallax_text::words(q.span.slice(text)).nth(1).is_some()
    });
    let quote_spans: Vec<Span> = quotes.iter().map(|q| q.span).collect();
    let speculative = speculation::flag(text, &cleaned.segments, &quote_spans);
    // The writer's own speculation is not someone's indirect speech.
    let speculative_spans: Vec<Span> = speculative
        .iter()
        .filter_map(|&i| cleaned.segments.get(i).map(|s| s.span))
        .collect();
    quotes.extend(
        indirect::find(&ctx, &cleaned.segments)
            .into_iter()
            .filter(|q| !speculative_spans.iter().any(|s| s.contains(q.span))),
    );
    quotes.sort_by_key(|q| q.span.start);
    let quoted: Vec<Span> = quotes
        .iter()
        .filter(|q| q.form == QuoteForm::Direct)
        .map(|q| q.span)
        .collect();
    let coding = events::Context {
        text,
        toks: &toks,
        segments: &cleaned.segments,
        mentions: &resolved.mentions,
        speculative: &speculative,
        quoted: &quoted,
        published: article.published.map(|t| t.date_naive()),
    };
    let events = events::find(&coding);
    let dates = events::dates(&coding);
    let mut ann = Annotations {
        entities: resolved.entities,
        mentions: resolved.mentions,
        quotes,
        speculative,
        events,
        dates,
    };
    drop_flagged_only(&mut ann, &cleaned.segments);
    ann
}

/// Clean and annotate a text read as one article: what the unit tests start from.
#[cfg(test)]
pub(crate) fn annotate_text(text: &str) -> Annotations {
    let article = Article::from_text("t", text);
    annotate(&article, &parallax_clean::clean(&article))
}

/// Remove entities whose every mention lies in a flagged segment, and renumber.
fn drop_flagged_only(ann: &mut Annotations, segments: &[Segment]) {
    let mut keep = vec![false; ann.entities.len()];
    for m in &ann.mentions {
        if !in_flagged(segments, m.span)
            && let Some(k) = keep.get_mut(m.entity)
        {
            *k = true;
        }
    }
    let mut new_index = vec![None; keep.len()];
    let mut next = 0;
    for (i, &k) in keep.iter().enumerate() {
        if k {
            new_index[i] = Some(next);
            next += 1;
        }
    }
    let mut i = 0;
    ann.entities.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    ann.mentions
        .retain_mut(|m| match new_index.get(m.entity).copied().flatten() {
            Some(n) => {
                m.entity = n;
                true
            }
            None => false,
        });
    for q in &mut ann.quotes {
        q.speaker = q.speaker.and_then(|s| new_index.get(s).copied().flatten());
        if q.speaker.is_none() {
            drop_speaker_spans(q);
        }
    }
    for actor in ann
        .events
        .iter_mut()
        .flat_map(|e| e.source.iter_mut().chain(e.target.iter_mut()))
    {
        actor.entity = actor
            .entity
            .and_then(|e| new_index.get(e).copied().flatten());
    }
}

fn drop_speaker_spans(q: &mut Quote) {
    if q.speaker_span.is_some() && q.cue_span.is_none() {
        q.speaker_span = None;
    }
}

/// True when `span` starts inside a flagged segment.
fn in_flagged(segments: &[Segment], span: Span) -> bool {
    let idx = segments.partition_point(|s| s.span.end <= span.start);
    segments
        .get(idx)
        .is_some_and(|s| s.span.start <= span.start && s.kind.is_flagged())
}
