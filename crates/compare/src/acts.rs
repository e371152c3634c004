//! A story's acts: its articles' events merged when they say the same actor
//! did the same kind of thing to the same other actor.
//!
//! Actors are the same when they name the same story entity (`Zelensky` and
//! `Zelenskyy` are one) or, unnamed, when their words fold alike
//! (`Egyptian police`). Kept open like the rest of a growing story: an
//! article's events join the acts as it is added.

use std::collections::HashMap;

use chrono::NaiveDate;

use parallax_model::{Act, ActActor, Actor, Document, EventRef, EventType, StoryEntity};

use crate::entities;

/// What makes two reports one act.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Who {
    Entity(usize),
    Words(String),
    Nobody,
}

type Key = (EventType, Who, Who);

/// The acts of a story so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct Acts {
    acts: Vec<Act>,
    by_key: HashMap<Key, usize>,
    /// Per act, how many reports give each mode, and each date.
    modes: Vec<HashMap<String, usize>>,
    dates: Vec<HashMap<NaiveDate, usize>>,
}

impl Acts {
    /// Add one article's events: `row` maps its local entities to the
    /// story's, `original` says whether its outlet counts.
    pub fn add(
        &mut self,
        doc: &Document,
        original: bool,
        row: &[Option<usize>],
        entities: &[StoryEntity],
    ) {
        for (index, event) in doc.annotations.events.iter().enumerate() {
            let source = event.source.as_ref().map(|a| actor(doc, a, row, entities));
            let target = event.target.as_ref().map(|a| actor(doc, a, row, entities));
            let key = (event.kind, who(&source), who(&target));
            let next = self.acts.len();
            let at = *self.by_key.entry(key).or_insert(next);
            if at == next {
                self.acts.push(Act {
                    kind: event.kind,
                    mode: String::new(),
                    when: None,
                    source,
                    target,
                    outlets: Vec::new(),
                    reports: Vec::new(),
                });
                self.modes.push(HashMap::new());
                self.dates.push(HashMap::new());
            }
            let (Some(act), Some(modes), Some(dates)) = (
                self.acts.get_mut(at),
                self.modes.get_mut(at),
                self.dates.get_mut(at),
            ) else {
                continue;
            };
            act.reports.push(EventRef {
                article: doc.article.id.clone(),
                event: index,
            });
            let outlet = doc.article.outlet();
            if original && !act.outlets.iter().any(|o| o == outlet) {
                act.outlets.push(outlet.to_string());
                act.outlets.sort();
            }
            if !event.mode.is_empty() {
                *modes.entry(event.mode.clone()).or_default() += 1;
                act.mode = most_given(modes).unwrap_or_default();
            }
            if let Some(date) = event.when {
                *dates.entry(date).or_default() += 1;
                act.when = most_given(dates);
            }
        }
    }

    /// The acts, most independent outlets first, then in order of first
    /// report; and the timeline: the indices of those with a date, by date.
    pub fn arranged(&self) -> (Vec<Act>, Vec<usize>) {
        let mut acts = self.acts.clone();
        acts.sort_by_key(|a| std::cmp::Reverse(a.outlets.len()));
        let mut timeline: Vec<usize> = (0..acts.len())
            .filter(|&i| acts[i].when.is_some())
            .collect();
        timeline.sort_by_key(|&i| acts[i].when);
        (acts, timeline)
    }
}

/// The value most reports give; on a tie the least (the first mode in
/// alphabetical order, the earliest date), so that the result does not
/// depend on hashing.
fn most_given<T: Ord + Clone>(counts: &HashMap<T, usize>) -> Option<T> {
    counts
        .iter()
        .max_by_key(|&(value, n)| (*n, std::cmp::Reverse(value)))
        .map(|(value, _)| value.clone())
}

fn actor(doc: &Document, a: &Actor, row: &[Option<usize>], entities: &[StoryEntity]) -> ActActor {
    let entity = a.entity.and_then(|e| row.get(e).copied().flatten());
    let name = entity
        .and_then(|e| entities.get(e))
        .map_or_else(|| doc.text_of(a.span).to_string(), |e| e.name.clone());
    ActActor { name, entity }
}

fn who(actor: &Option<ActActor>) -> Who {
    match actor {
        None => Who::Nobody,
        Some(ActActor {
            entity: Some(e), ..
        }) => Who::Entity(*e),
        Some(ActActor { name, .. }) => Who::Words(entities::folded(name)),
    }
}
