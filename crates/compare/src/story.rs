//! Assembly of one [`Story`] from its articles: header fields, entities,
//! quotes and claims; and [`Growing`], a story that takes more articles.

use std::collections::{BTreeSet, HashMap};

use parallax_model::{Document, Story, StoryEntity};

use crate::Member;
use crate::acts::Acts;
use crate::claims;
use crate::discrepancies::Gathered;
use crate::entities;
use crate::quotes::{self, QuoteItem};

/// Build the story with index `index` from its members (in arrival order).
pub(crate) fn build(index: usize, members: &[Member<'_>]) -> Story {
    Growing::start(index, members).into_story()
}

/// A story compared once, then grown article by article: what the service
/// keeps for a large open story, so that an article costs its own
/// comparison with the story, not a comparison of the whole story.
///
/// [`add`](Self::add) puts the article's names with the story's entities
/// (or adds new ones at the end), its quotes in the quote groups and its
/// sentences in the claims, each found through the same indexes and tests
/// as a comparison uses. What only a whole comparison does is left as it
/// was: entities are not linked or ranked again, quote groups and claims are
/// not merged with each other, the headline stays. [`Growing::new`] again
/// gives the story exactly as `analyze` does.
pub struct Growing {
    story: Story,
    /// The story's independent outlets.
    outlets: BTreeSet<String>,
    claims: claims::Growth,
    acts: Acts,
    gathered: Gathered,
    /// Built by [`prepare`](Self::prepare), when an article is to be added.
    names: Option<entities::Growth>,
    quotes: Option<quotes::Growth>,
}

impl Growing {
    /// Compare a story: its articles in arrival order, each with `true` when
    /// it is a syndicated copy. Its id is `story-{index + 1}`.
    pub fn new(index: usize, articles: &[(&Document, bool)]) -> Self {
        let members: Vec<Member<'_>> = articles
            .iter()
            .map(|&(doc, is_copy)| Member { doc, is_copy })
            .collect();
        Self::start(index, &members)
    }

    pub(crate) fn start(index: usize, members: &[Member<'_>]) -> Self {
        let originals = || members.iter().filter(|m| !m.is_copy);
        let outlets: BTreeSet<String> = originals()
            .map(|m| m.doc.article.outlet().to_string())
            .collect();
        let unified = entities::unify(members);
        // The first original headline that says something (not a time
        // stamp a page printed above its text) and spells the story's names
        // as the story does ("Kyiv", not one outlet's "Kiev").
        let own = own_spellings(&unified.entities);
        let title = originals()
            .chain(members.iter())
            .min_by_key(|m| {
                let words = own
                    .get(m.doc.article.id.as_str())
                    .map_or(&[][..], Vec::as_slice);
                let title = &m.doc.article.title;
                (time_stamp(title), other_spellings(title, words))
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
        let claims = claims::Growth::new(members, &unified.entities, &unified.map);
        let mut acts = Acts::default();
        let mut gathered = Gathered::default();
        for (m, row) in members.iter().zip(&unified.map) {
            acts.add(m.doc, !m.is_copy, row, &unified.entities);
            gathered.add(m.doc, m.is_copy, row);
        }
        let story = Story {
            id: format!("story-{}", index + 1),
            title,
            articles: members.iter().map(|m| m.doc.article.id.clone()).collect(),
            independent_outlets: outlets.len(),
            entities: unified.entities,
            quotes: quote_groups,
            shared: Vec::new(),
            exclusive: Vec::new(),
            discrepancies: Vec::new(),
            entity_map: unified.map,
            acts: Vec::new(),
            timeline: Vec::new(),
        };
        Growing {
            story,
            outlets,
            claims,
            acts,
            gathered,
            names: None,
            quotes: None,
        }
    }

    /// Build the indexes that adding articles needs; the first
    /// [`add`](Self::add) does when this was not called.
    pub fn prepare(&mut self) {
        let story = &self.story;
        self.names
            .get_or_insert_with(|| entities::Growth::new(&story.entities));
        self.quotes
            .get_or_insert_with(|| quotes::Growth::new(&story.quotes, &story.entities));
        self.claims.open();
    }

    /// Add the story's next article (`is_copy`: a syndicated copy).
    pub fn add(&mut self, doc: &Document, is_copy: bool) {
        self.prepare();
        let (Some(names), Some(quotes)) = (self.names.as_mut(), self.quotes.as_mut()) else {
            return;
        };
        let member = Member { doc, is_copy };
        let story = &mut self.story;
        let row = names.add(&mut story.entities, member);
        for q in &doc.annotations.quotes {
            let speaker = q.speaker.and_then(|s| row.get(s).copied().flatten());
            let item = QuoteItem::new(&doc.article.id, &doc.article.text, q, speaker);
            quotes.add(&mut story.quotes, &item, &story.entities);
        }
        self.claims.add(member, &story.entities, &row);
        self.acts.add(doc, !is_copy, &row, &story.entities);
        self.gathered.add(doc, is_copy, &row);
        story.articles.push(doc.article.id.clone());
        story.entity_map.push(row);
        if !is_copy && self.outlets.insert(doc.article.outlet().to_string()) {
            story.independent_outlets = self.outlets.len();
        }
    }

    /// Articles in the story.
    pub fn len(&self) -> usize {
        self.story.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.story.articles.is_empty()
    }

    /// The story as it stands.
    pub fn story(&self) -> Story {
        let claims = self.claims.claims();
        let (acts, timeline) = self.acts.arranged();
        Story {
            discrepancies: self.gathered.find(
                &claims.shared,
                &self.story.quotes,
                &self.story.entities,
            ),
            shared: claims.shared,
            exclusive: claims.exclusive,
            acts,
            timeline,
            ..self.story.clone()
        }
    }

    /// The story as it stands, the growth let go.
    pub fn into_story(self) -> Story {
        let claims = self.claims.into_claims();
        let (acts, timeline) = self.acts.arranged();
        Story {
            discrepancies: self.gathered.find(
                &claims.shared,
                &self.story.quotes,
                &self.story.entities,
            ),
            shared: claims.shared,
            exclusive: claims.exclusive,
            acts,
            timeline,
            ..self.story
        }
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

/// Words of a time stamp besides dates and times: "Published Friday,
/// March 8, 2013 at 12:46 PM / Updated at 12:48 PM".
const STAMP_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "bst",
    "cet",
    "cest",
    "ist",
];

/// Whether a headline is only a time stamp ("September 18th, 2013, 05:31
/// GMT", "Saturday, August 24, 2013"): it gives a date or a time, and at
/// most one of its words is not a date, a time or their words ("Quake kills
/// 12" is a headline). Some pages, and corpora made of their text,
/// print the time above the article, where its headline would be.
fn time_stamp(title: &str) -> bool {
    let words: Vec<String> = parallax_text::words(title)
        .map(|w| parallax_text::fold(w.text))
        .collect();
    let dated =
        |w: &String| w.contains(|c: char| c.is_ascii_digit()) || parallax_text::is_calendar_word(w);
    let other = words
        .iter()
        .filter(|w| !dated(w) && !STAMP_WORDS.contains(&w.as_str()))
        .count();
    words.iter().any(dated) && other <= 1
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
