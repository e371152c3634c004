//! Assembly of one [`Story`] from its articles: header fields, entities,
//! quotes and claims.

use std::collections::HashMap;

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
    let own = own_spellings(&unified.entities);
    let title = originals()
        .chain(members.iter())
        .min_by_key(|m| {
            let words = own
                .get(m.doc.article.id.as_str())
                .map_or(&[][..], Vec::as_slice);
            other_spellings(&m.doc.article.title, words)
        })
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

/// Per article, the words of its forms of the story's names that the
/// canonical names do not have ("Kiev" when the story says "Kyiv",
/// "Sokolovskiy" for "Sokolovskyy"); surnames and other short forms are not
/// among them. One pass over the spellings, whatever the number of articles.
fn own_spellings(entities: &[StoryEntity]) -> HashMap<&str, Vec<&str>> {
    let mut own: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in entities {
        let canonical: Vec<&str> = e.name.split_whitespace().collect();
        for s in &e.spellings {
            let words = s
                .forms
                .iter()
                .flat_map(|f| f.split_whitespace())
                .filter(|w| !canonical.contains(w));
            own.entry(s.article.as_str()).or_default().extend(words);
        }
    }
    own
}

/// How many words of a headline are its article's own spelling of a story
/// name (`own`, from [`own_spellings`]).
fn other_spellings(title: &str, own: &[&str]) -> usize {
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    own.iter().filter(|w| words.contains(w)).count()
}
