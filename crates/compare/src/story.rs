//! Assembly of one [`Story`] from its articles: header fields, entities,
//! quotes and claims.

use parallax_model::Story;

use crate::Member;
use crate::claims;
use crate::entities;
use crate::quotes::{self, QuoteItem};

/// Build the story with index `index` from its members (in arrival order).
pub(crate) fn build(index: usize, members: &[Member<'_>]) -> Story {
    let originals = || members.iter().filter(|m| !m.is_copy);
    let title = originals()
        .chain(members.iter())
        .map(|m| m.doc.article.title.clone())
        .next()
        .unwrap_or_default();
    let mut outlets: Vec<&str> = originals().map(|m| m.doc.article.outlet()).collect();
    outlets.sort_unstable();
    outlets.dedup();

    let unified = entities::unify(members);
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
