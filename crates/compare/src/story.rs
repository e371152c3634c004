//! Assembly of one [`Story`] from its articles: header fields, entities,
//! quotes and claims.

use parallax_model::{Story, StoryEntity};

use crate::Member;
use crate::claims;
use crate::entities;
use crate::quotes::{self, QuoteItem};

/// Build the story with index `index` from its members (in arrival order).
pub(crate) fn build(index: usize, members: &[Member<'_>]) -> Story {
    let originals = || members.iter().filter(|m| !m.is_copy);
    let mut outlets: Vec<&str> = originals().map(|m| m.doc.article.outlet()).collect();
    outlets.sort_unstable();
    outlets.dedup();

    let unified = entities::unify(members);
    // The first original headline that spells the story's names as the
    // story does ("Kyiv", not one outlet's "Kiev").
    let title = originals()
        .chain(members.iter())
        .min_by_key(|m| other_spellings(&m.doc.article.title, &m.doc.article.id, &unified.entities))
        .map(|m| m.doc.article.title.clone())
        .unwrap_or_default();
    let names: Vec<String> = unified.entities.iter().map(|e| e.name.clone()).collect();
    let items: Vec<QuoteItem<'_>> = members
        .iter()
        .zip(&unified.map)
        .flat_map(|(m, local)| {
            m.doc.annotations.quotes.iter().map(move |q| {
                let speaker = q.speaker.and_then(|s| local.get(s).copied().flatten());
                QuoteItem::new(&m.doc.article.id, &m.doc.article.text, q, speaker)
            })
        })
        .collect();
    let quote_groups = quotes::group(&items, &names);
    let claims = claims::align(members, &unified.entities, &unified.map);

    Story {
        id: format!("story-{}", index + 1),
        title,
        articles: members.iter().map(|m| m.doc.article.id.clone()).collect(),
        independent_outlets: outlets.len(),
        entities: unified.entities,
        quotes: quote_groups,
        shared: claims.shared,
        exclusive: claims.exclusive,
        entity_map: unified.map,
    }
}

/// How many words of an article's headline are its own spelling of a story
/// name: a word of one of the article's forms that the canonical name does
/// not have ("Kiev" when the story says "Kyiv", "Sokolovskiy" for
/// "Sokolovskyy"). Surnames and other short forms cost nothing.
fn other_spellings(title: &str, article: &str, entities: &[StoryEntity]) -> usize {
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    entities
        .iter()
        .flat_map(|e| {
            let canonical: Vec<&str> = e.name.split_whitespace().collect();
            e.spellings
                .iter()
                .filter(move |s| s.article == article)
                .flat_map(|s| s.forms.iter().flat_map(|f| f.split_whitespace()))
                .filter(move |w| !canonical.contains(w))
        })
        .filter(|w| words.contains(w))
        .count()
}
