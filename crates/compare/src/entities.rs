//! Story-level entities: the articles' local entities unified, with the
//! spelling each outlet uses.
//!
//! Local entities with one key (from the understand stage, which folds
//! spelling and transliteration) are one draft; then drafts whose names fit
//! each other are linked ([`aliases`]: the same name under another kind, a
//! surname and the one full name it can stand for, an acronym).

use std::collections::HashMap;

use parallax_model::{Spelling, StoryEntity};

use crate::Member;
use crate::aliases;

/// The unified entities of a story and, per article, the story index of each
/// of its local entities.
pub(crate) struct Unified {
    pub entities: Vec<StoryEntity>,
    pub map: Vec<Vec<Option<usize>>>,
}

/// Words that name an office, not a person; stripped from the front of a form.
const TITLE_WORDS: &[&str] = &[
    "president",
    "prime",
    "minister",
    "chancellor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "dame",
    "mayor",
    "governor",
    "senator",
    "general",
    "king",
    "queen",
    "pope",
    "judge",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "secretary",
];

fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    TITLE_WORDS.contains(&w.as_str())
}

/// A nationality adjective in front of a title ("Ukrainian President").
fn is_demonym(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && ["ian", "ish", "ese", "ch", "an", "i"]
            .iter()
            .any(|s| word.ends_with(s))
}

/// The surface form of a mention as shown to readers: trimmed, without a
/// possessive `'s`/`’s` and without leading titles ("President Andriy X" →
/// "Andriy X").
pub(crate) fn surface_form(raw: &str) -> String {
    let mut s = raw.trim();
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.trim_end();
            break;
        }
    }
    let parts: Vec<&str> = s.split_whitespace().collect();
    let mut cut = 0;
    for (i, w) in parts.iter().enumerate() {
        if is_title(w) {
            cut = i + 1;
        } else if !is_demonym(w) {
            break;
        }
    }
    if cut > 0 && cut < parts.len() {
        parts.get(cut..).unwrap_or_default().join(" ")
    } else {
        s.to_string()
    }
}

/// Counts of names or forms, in order of first use.
#[derive(Default)]
struct FormCounts {
    forms: Vec<(String, usize)>,
    index: HashMap<String, usize>,
}

impl FormCounts {
    /// Count `form` `times` more times.
    fn add(&mut self, form: String, times: usize) {
        match self.index.get(&form).and_then(|&i| self.forms.get_mut(i)) {
            Some((_, n)) => *n += times,
            None => {
                self.index.insert(form.clone(), self.forms.len());
                self.forms.push((form, times));
            }
        }
    }

    /// Add another count of the same article, keeping first use first.
    fn absorb(&mut self, other: FormCounts) {
        for (form, n) in other.forms {
            self.add(form, n);
        }
    }

    fn total(&self) -> usize {
        self.forms.iter().map(|(_, n)| n).sum()
    }

    /// Most frequent first; ties keep first use.
    fn ranked(&self) -> Vec<String> {
        let mut v: Vec<&(String, usize)> = self.forms.iter().collect();
        v.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        v.into_iter().map(|(f, _)| f.clone()).collect()
    }
}

/// What is gathered for one story entity before it is finalised.
struct Draft {
    key: String,
    kind: parallax_model::EntityKind,
    /// Local full names, counted once per article entity, in first-use order.
    names: FormCounts,
    /// Per article position that mentions it: the forms used there.
    per_article: Vec<(usize, FormCounts)>,
    first_seen: usize,
}

impl Draft {
    /// One draft from several that name the same entity (`None` for none).
    fn merge(group: Vec<Draft>) -> Option<Draft> {
        let lead = group
            .iter()
            .enumerate()
            .max_by_key(|(i, d)| (d.mentions(), std::cmp::Reverse(*i)))?
            .0;
        let (key, kind) = group.get(lead).map(|d| (d.key.clone(), d.kind))?;
        let first_seen = group.iter().map(|d| d.first_seen).min()?;
        let mut names = FormCounts::default();
        let mut per_article: Vec<(usize, FormCounts)> = Vec::new();
        for d in group {
            names.absorb(d.names);
            for (pos, forms) in d.per_article {
                match per_article.iter_mut().find(|(p, _)| *p == pos) {
                    Some((_, mine)) => mine.absorb(forms),
                    None => per_article.push((pos, forms)),
                }
            }
        }
        per_article.sort_by_key(|(pos, _)| *pos);
        Some(Draft {
            key,
            kind,
            names,
            per_article,
            first_seen,
        })
    }

    fn mentions(&self) -> usize {
        self.per_article.iter().map(|(_, f)| f.total()).sum()
    }

    /// The most common full form across articles (ties: earliest article).
    /// Multi-word names win over single words when any exist.
    fn canonical(&self) -> String {
        let longest = self
            .names
            .forms
            .iter()
            .map(|(n, _)| n.split_whitespace().count().min(2))
            .max()
            .unwrap_or(0);
        self.names
            .forms
            .iter()
            .filter(|(n, _)| n.split_whitespace().count().min(2) == longest)
            .enumerate()
            .max_by_key(|(i, (_, count))| (*count, std::cmp::Reverse(*i)))
            .map(|(_, (n, _))| n.clone())
            .unwrap_or_default()
    }
}

/// Unify the local entities of the story's articles.
pub(crate) fn unify(members: &[Member<'_>]) -> Unified {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut map: Vec<Vec<Option<usize>>> = Vec::with_capacity(members.len());
    for (pos, member) in members.iter().enumerate() {
        let ann = &member.doc.annotations;
        let mut local_map = Vec::with_capacity(ann.entities.len());
        for local in &ann.entities {
            let key = if local.key.is_empty() {
                format!("name:{}", local.name.to_lowercase())
            } else {
                local.key.clone()
            };
            let next = drafts.len();
            let idx = *by_key.entry(key.clone()).or_insert(next);
            if idx == next {
                drafts.push(Draft {
                    key,
                    kind: local.kind,
                    names: FormCounts::default(),
                    per_article: Vec::new(),
                    first_seen: next,
                });
            }
            if let Some(d) = drafts.get_mut(idx) {
                let name = surface_form(&local.name);
                if !name.is_empty() {
                    d.names.add(name, 1);
                }
            }
            local_map.push(Some(idx));
        }
        for mention in &ann.mentions {
            let Some(Some(idx)) = local_map.get(mention.entity).copied() else {
                continue;
            };
            let form = surface_form(member.doc.text_of(mention.span));
            if form.is_empty() {
                continue;
            }
            let Some(d) = drafts.get_mut(idx) else {
                continue;
            };
            if d.per_article.last().is_none_or(|(p, _)| *p != pos) {
                d.per_article.push((pos, FormCounts::default()));
            }
            if let Some((_, counts)) = d.per_article.last_mut() {
                counts.add(form, 1);
            }
        }
        map.push(local_map);
    }
    let (drafts, map) = merge_linked(drafts, map);
    finish(drafts, map, members)
}

/// The story's entities kept open for more articles.
///
/// An article's own entities (unified within it by [`unify`]) join the story
/// entity with the same key, or the one a name of theirs folds to (its name
/// or a spelling), or, for a one-word name, the one person whose surname it
/// is; and add their spelling. Any other becomes a new story entity at the
/// end of the list. Entities are not linked or ranked again: that is for a
/// new comparison.
pub(crate) struct Growth {
    by_key: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    /// Surname to the one person of the story with it (`None`: several).
    by_surname: HashMap<String, Option<usize>>,
}

/// A name folded for lookup: case, diacritics, possessives and hyphens aside.
pub(crate) fn folded(name: &str) -> String {
    aliases::tokens(name).join(" ")
}

impl Growth {
    pub(crate) fn new(entities: &[StoryEntity]) -> Self {
        let mut growth = Growth {
            by_key: HashMap::new(),
            by_name: HashMap::new(),
            by_surname: HashMap::new(),
        };
        for (i, e) in entities.iter().enumerate() {
            growth.register(e, i);
        }
        growth
    }

    fn register(&mut self, e: &StoryEntity, i: usize) {
        self.by_key.entry(e.key.clone()).or_insert(i);
        let words = aliases::tokens(&e.name);
        if let (parallax_model::EntityKind::Person, [_, .., surname]) = (e.kind, words.as_slice()) {
            let slot = self.by_surname.entry(surname.clone()).or_insert(Some(i));
            if *slot != Some(i) {
                *slot = None;
            }
        }
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            self.register_name(name, i);
        }
    }

    fn register_name(&mut self, name: &str, i: usize) {
        let name = folded(name);
        if !name.is_empty() {
            self.by_name.entry(name).or_insert(i);
        }
    }

    /// Add `member`'s entities to the story's `entities`; returns its row of
    /// the story's entity map.
    pub(crate) fn add(
        &mut self,
        entities: &mut Vec<StoryEntity>,
        member: Member<'_>,
    ) -> Vec<Option<usize>> {
        let own = unify(std::slice::from_ref(&member));
        let targets: Vec<usize> = own
            .entities
            .into_iter()
            .map(|e| {
                let known = self
                    .by_key
                    .get(&e.key)
                    .copied()
                    .or_else(|| {
                        std::iter::once(&e.name)
                            .chain(&e.aliases)
                            .find_map(|n| self.by_name.get(&folded(n)).copied())
                    })
                    .or_else(|| match aliases::tokens(&e.name).as_slice() {
                        [one] => self.by_surname.get(one).copied().flatten(),
                        _ => None,
                    });
                match known.filter(|&i| i < entities.len()) {
                    Some(i) => {
                        if let Some(story) = entities.get_mut(i) {
                            for form in std::iter::once(e.name).chain(e.aliases) {
                                if form != story.name && !story.aliases.contains(&form) {
                                    self.register_name(&form, i);
                                    story.aliases.push(form);
                                }
                            }
                            story.spellings.extend(e.spellings);
                        }
                        i
                    }
                    None => {
                        let i = entities.len();
                        self.register(&e, i);
                        entities.push(e);
                        i
                    }
                }
            })
            .collect();
        own.map
            .into_iter()
            .next()
            .unwrap_or_default()
            .into_iter()
            .map(|slot| slot.and_then(|k| targets.get(k).copied()))
            .collect()
    }
}

/// Merge the drafts that [`aliases::link`] finds to name one entity: names
/// and forms pooled, the kind and key of the most mentioned, the earliest
/// first sighting.
fn merge_linked(
    drafts: Vec<Draft>,
    map: Vec<Vec<Option<usize>>>,
) -> (Vec<Draft>, Vec<Vec<Option<usize>>>) {
    let names: Vec<aliases::Names<'_>> = drafts
        .iter()
        .map(|d| aliases::Names {
            kind: d.kind,
            names: d.names.forms.iter().map(|(n, _)| n.as_str()).collect(),
        })
        .collect();
    let roots = aliases::link(&names);
    // New index per root, in order of the first draft of each group.
    let mut index_of_root: HashMap<usize, usize> = HashMap::new();
    let new_index: Vec<usize> = roots
        .iter()
        .map(|r| {
            let next = index_of_root.len();
            *index_of_root.entry(*r).or_insert(next)
        })
        .collect();
    let mut groups: Vec<Vec<Draft>> = (0..index_of_root.len()).map(|_| Vec::new()).collect();
    for (d, &to) in drafts.into_iter().zip(&new_index) {
        if let Some(g) = groups.get_mut(to) {
            g.push(d);
        }
    }
    let merged = groups.into_iter().filter_map(Draft::merge).collect();
    let map = map
        .into_iter()
        .map(|local| {
            local
                .into_iter()
                .map(|slot| slot.and_then(|old| new_index.get(old).copied()))
                .collect()
        })
        .collect();
    (merged, map)
}

/// True when the draft names one of the story's own outlets ("the Herald"
/// for The Harbour Herald, "Meridian Wire"): the outlet is the reporter, not
/// someone in the story.
fn is_outlet(d: &Draft, outlets: &[Vec<String>]) -> bool {
    d.names.forms.iter().any(|(name, _)| {
        let t = aliases::tokens(name);
        !t.is_empty() && outlets.iter().any(|o| o.ends_with(&t))
    })
}

/// Order the drafts (most articles, then most mentions, then first seen),
/// leave out the story's outlets, build the public entities and remap the
/// article maps.
fn finish(drafts: Vec<Draft>, mut map: Vec<Vec<Option<usize>>>, members: &[Member<'_>]) -> Unified {
    let outlets: Vec<Vec<String>> = members
        .iter()
        .map(|m| aliases::tokens(m.doc.article.outlet()))
        .collect();
    let mut order: Vec<usize> = (0..drafts.len())
        .filter(|&i| drafts.get(i).is_some_and(|d| !is_outlet(d, &outlets)))
        .collect();
    order.sort_by_key(|&i| {
        drafts.get(i).map_or((0, 0, i), |d| {
            (
                usize::MAX - d.per_article.len(),
                usize::MAX - d.mentions(),
                d.first_seen,
            )
        })
    });
    let mut new_index: Vec<Option<usize>> = vec![None; drafts.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = new_index.get_mut(old) {
            *slot = Some(new);
        }
    }
    for local in &mut map {
        for slot in local.iter_mut() {
            *slot = slot.and_then(|old| new_index.get(old).copied().flatten());
        }
    }
    let mut slots: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
    let entities = order
        .iter()
        .filter_map(|&old| slots.get_mut(old).and_then(Option::take))
        .map(|d| build(d, members))
        .collect();
    Unified { entities, map }
}

fn build(d: Draft, members: &[Member<'_>]) -> StoryEntity {
    let name = d.canonical();
    let mut aliases: Vec<String> = Vec::new();
    // Forms as the articles use them (article order, most frequent first),
    // then local names no mention printed.
    let all_forms = d
        .per_article
        .iter()
        .flat_map(|(_, f)| f.ranked())
        .chain(d.names.forms.iter().map(|(n, _)| n.clone()));
    for form in all_forms {
        if form != name && !aliases.contains(&form) {
            aliases.push(form);
        }
    }
    let spellings = d
        .per_article
        .iter()
        .filter_map(|(pos, counts)| {
            let article = &members.get(*pos)?.doc.article;
            Some(Spelling {
                article: article.id.clone(),
                outlet: article.outlet().to_string(),
                forms: counts.ranked(),
            })
        })
        .collect();
    StoryEntity {
        name,
        kind: d.kind,
        key: d.key,
        aliases,
        spellings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surface_form_strips_titles_and_possessives() {
        assert_eq!(surface_form("President Ivo Darn"), "Ivo Darn");
        assert_eq!(
            surface_form("Ruritanian Prime Minister Ana Vell"),
            "Ana Vell"
        );
        assert_eq!(surface_form("Darn’s"), "Darn");
        assert_eq!(surface_form("President"), "President");
        assert_eq!(surface_form("Italian Job"), "Italian Job");
    }
}
