//! Compare the coverage of each story.
//!
//! For every story of a [`Grouping`] this stage unifies the articles' entities
//! and records each outlet's spelling ([`entities`], linked across articles
//! by [`aliases`]), groups quotes across outlets with word-level diffs
//! ([`quotes`], [`wording`]), aligns body sentences into shared and
//! exclusive claims ([`claims`], [`terms`], grouped by [`linkage`]) and
//! finds where a shared claim's sentences give different numbers
//! ([`discrepancies`], [`quantities`]).
//! Syndicated copies (`Membership::copy_of`) are listed and their quotes kept,
//! but they never count as an independent outlet or claim.
//!
//! [`Growing`] keeps a compared story open for more articles, each added at
//! the cost of its own comparison with the story (the service's large open
//! stories).

mod acts;
mod aliases;
mod claims;
mod discrepancies;
mod entities;
mod id_map;
mod linkage;
mod quantities;
mod quotes;
mod story;
mod terms;
#[cfg(test)]
mod testkit;
mod union_find;
mod wording;

use std::collections::BTreeMap;

use parallax_model::{Document, Grouping, Story};
use rayon::prelude::*;

pub use story::Growing;

/// One article of a story.
#[derive(Clone, Copy)]
pub(crate) struct Member<'a> {
    pub doc: &'a Document,
    /// A syndicated or near-duplicate copy of another article.
    pub is_copy: bool,
}

/// Build one [`Story`] per distinct story index of `grouping`, ordered by
/// index, with id `story-{index + 1}`. Documents without a membership are
/// ignored. Never panics.
pub fn compare(docs: &[Document], grouping: &Grouping) -> Vec<Story> {
    let mut stories: BTreeMap<usize, Vec<Member<'_>>> = BTreeMap::new();
    for (doc, membership) in docs.iter().zip(&grouping.memberships) {
        stories.entry(membership.story).or_default().push(Member {
            doc,
            is_copy: membership.copy_of.is_some(),
        });
    }
    // Stories are independent of each other: compare them in parallel, in order.
    let stories: Vec<(usize, Vec<Member<'_>>)> = stories.into_iter().collect();
    stories
        .par_iter()
        .map(|(index, members)| story::build(*index, members))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{doc, entity, one_story, quote};

    const A: &str = "The Vell Bridge reopened on Monday after 14 months of repairs costing 3,400,000 crowns.\n\nLocal bakers handed out free rolls to the first drivers.";
    const B: &str = "After 14 months of repairs, the Vell Bridge has reopened, at a cost of 3400000 crowns.\n\nThe mayor's office expects traffic to double by winter.";

    #[test]
    fn shared_and_exclusive_claims() {
        let docs = vec![doc("a", "Tarn Gazette", A), doc("b", "Holm Courier", B)];
        let stories = compare(&docs, &one_story(2, &[]));
        assert_eq!(stories.len(), 1);
        let s = &stories[0];
        assert_eq!(s.id, "story-1");
        assert_eq!(s.independent_outlets, 2);
        assert_eq!(s.shared.len(), 1);
        let claim: Vec<&str> = s.shared[0]
            .occurrences
            .iter()
            .map(|o| o.article.as_str())
            .collect();
        assert_eq!(claim, ["a", "b"]);
        let excl: Vec<&str> = s.exclusive.iter().map(|o| &o.text[..10]).collect();
        assert_eq!(excl, ["Local bake", "The mayor'"]);
    }

    #[test]
    fn outlets_giving_a_claim_different_figures_is_a_discrepancy_with_offsets() {
        // The same figures in other words are none.
        let docs = vec![doc("a", "Tarn Gazette", A), doc("b", "Holm Courier", B)];
        assert!(
            compare(&docs, &one_story(2, &[]))[0]
                .discrepancies
                .is_empty()
        );
        let b = B.replace("3400000 crowns", "3900000 crowns");
        let docs = vec![doc("a", "Tarn Gazette", A), doc("b", "Holm Courier", &b)];
        let s = &compare(&docs, &one_story(2, &[]))[0];
        assert_eq!(s.shared.len(), 1);
        let [d] = s.discrepancies.as_slice() else {
            panic!("one discrepancy: {:?}", s.discrepancies);
        };
        assert_eq!(d.kind, parallax_model::DiscrepancyKind::Number);
        assert_eq!(d.relation, parallax_model::Relation::Conflict);
        assert_eq!((d.claim, d.what.as_str()), (Some(0), "crown"));
        assert_eq!(d.wordings.len(), 2, "{:?}", d.wordings);
        let texts = [A, b.as_str()];
        let wordings: Vec<(&str, &str)> = d
            .wordings
            .iter()
            .zip(texts)
            .map(|(w, text)| (w.article.as_str(), &text[w.start..w.end]))
            .collect();
        assert_eq!(
            wordings,
            [("a", "3,400,000 crowns"), ("b", "3900000 crowns")]
        );
    }

    #[test]
    fn a_copy_never_makes_a_claim_shared() {
        let copy = format!("{A}\n\nThis story was supplied by the Tarn Gazette.");
        let docs = vec![doc("a", "Tarn Gazette", A), doc("c", "Fell Ledger", &copy)];
        let stories = compare(&docs, &one_story(2, &[(1, 0)]));
        let s = &stories[0];
        assert_eq!(s.articles, ["a", "c"]);
        assert_eq!(s.title, "Title of a");
        assert_eq!(s.independent_outlets, 1);
        assert!(s.shared.is_empty());
        assert_eq!(s.exclusive.len(), 2);
        assert!(s.exclusive.iter().all(|o| o.article == "a"));
    }

    #[test]
    fn same_outlet_sentences_are_not_shared() {
        let docs = vec![doc("a", "Tarn Gazette", A), doc("b", "Tarn Gazette", B)];
        let s = &compare(&docs, &one_story(2, &[]))[0];
        assert_eq!(s.independent_outlets, 1);
        assert!(s.shared.is_empty());
    }

    #[test]
    fn mostly_quoted_sentences_are_left_to_quotes() {
        let text = "“We will rebuild the old mill by 2030 with 40 new homes,” Ida Marr said.";
        let other = "Ida Marr said the old mill would be rebuilt by 2030 with 40 new homes.";
        let a = quote(
            doc("a", "Tarn Gazette", text),
            "We will rebuild the old mill by 2030 with 40 new homes,",
            None,
        );
        let docs = vec![a, doc("b", "Holm Courier", other)];
        let s = &compare(&docs, &one_story(2, &[]))[0];
        assert!(s.shared.is_empty());
        assert_eq!(s.exclusive.len(), 1);
        assert_eq!(s.exclusive[0].article, "b");
        assert_eq!(s.quotes.len(), 1);
    }

    #[test]
    fn entities_unify_spellings_and_pick_the_common_name() {
        let t1 = "Mayor Ivo Darnov opened the bridge in Tarnow. Darnov cut the ribbon.";
        let t2 = "Ivo Darnov spoke in Tarnow. Darnov’s speech was short.";
        let t3 = "Iwo Darnow waved. Darnow left early.";
        let t4 = "Darnov later thanked the workers.";
        let d1 = entity(
            doc("d1", "Tarn Gazette", t1),
            "Ivo Darnov",
            "person:ivo darnov",
            &["Ivo Darnov", "Darnov"],
        );
        let d1 = entity(d1, "Tarnow", "place:tarnow", &["Tarnow"]);
        let d2 = entity(
            doc("d2", "Holm Courier", t2),
            "Ivo Darnov",
            "person:ivo darnov",
            &["Ivo Darnov", "Darnov’s"],
        );
        let d2 = entity(d2, "Tarnow", "place:tarnow", &["Tarnow"]);
        let d3 = entity(
            doc("d3", "Fell Ledger", t3),
            "Iwo Darnow",
            "person:ivo darnov",
            &["Iwo Darnow", "Darnow"],
        );
        let d4 = entity(
            doc("d4", "Moor Post", t4),
            "Darnov",
            "person:darnov",
            &["Darnov"],
        );
        let s = &compare(&[d1, d2, d3, d4], &one_story(4, &[]))[0];
        assert_eq!(s.entities.len(), 2);
        let e = &s.entities[0];
        assert_eq!(e.name, "Ivo Darnov");
        assert_eq!(e.key, "person:ivo darnov");
        assert_eq!(e.aliases, ["Darnov", "Iwo Darnow", "Darnow"]);
        assert_eq!(e.spellings.len(), 4);
        assert_eq!(e.spellings[1].outlet, "Holm Courier");
        assert_eq!(e.spellings[1].forms, ["Ivo Darnov", "Darnov"]);
        assert_eq!(e.spellings[3].forms, ["Darnov"]);
        assert_eq!(s.entities[1].name, "Tarnow");
        assert_eq!(
            s.entity_map,
            [
                vec![Some(0), Some(1)],
                vec![Some(0), Some(1)],
                vec![Some(0)],
                vec![Some(0)]
            ]
        );
    }

    #[test]
    fn the_story_headline_spells_names_as_the_story_does() {
        let titled = |id: &str, outlet: &str, name: &str, title: &str| {
            let text = format!("{name} opened the bridge. {name} cut the ribbon.");
            let mut d = entity(doc(id, outlet, &text), name, "person:ivo darnov", &[name]);
            d.article.title = title.into();
            d
        };
        // The first article spells him its own way; two of three say "Darnov".
        let docs = [
            titled(
                "c",
                "Fell Ledger",
                "Iwo Darnow",
                "Iwo Darnow opens the bridge",
            ),
            titled(
                "a",
                "Tarn Gazette",
                "Ivo Darnov",
                "Darnov opens the bridge at last",
            ),
            titled("b", "Holm Courier", "Ivo Darnov", "Bridge opens"),
        ];
        let s = &compare(&docs, &one_story(3, &[]))[0];
        assert_eq!(s.entities[0].name, "Ivo Darnov");
        assert_eq!(s.title, "Darnov opens the bridge at last");
    }

    /// The first article of the Ola Brenn stories: he says it "to trade".
    fn brenn_to_trade() -> Document {
        let text = "“We will keep the border open to trade,” Ola Brenn said on Monday.";
        brenn("a", "Tarn Gazette", text, "Ola Brenn", "person:ola brenn")
    }

    /// An article quoting Ola Brenn (named `name`, keyed `key`) on the
    /// border, in one of two wordings.
    fn brenn(id: &str, outlet: &str, text: &str, name: &str, key: &str) -> Document {
        let said = [
            "We will keep the border open to trade,",
            "We will keep the border open for trade.",
        ]
        .into_iter()
        .find(|w| text.contains(w))
        .unwrap_or_default();
        quote(
            entity(doc(id, outlet, text), name, key, &[name]),
            said,
            Some(0),
        )
    }

    #[test]
    fn one_person_typed_two_ways_is_one_name_and_one_speaker() {
        // One outlet's reader typed the speaker an organisation, the other a
        // person; a third names him by the name that comes first.
        let d1 = brenn_to_trade();
        let t2 = "Ola Brenn said: “We will keep the border open for trade.”";
        let d2 = brenn("b", "Holm Courier", t2, "Ola Brenn", "org:ola brenn");
        let t3 = "Brenn met farmers in Tarnow.";
        let d3 = entity(
            doc("c", "Fell Ledger", t3),
            "Brenn",
            "person:brenn",
            &["Brenn"],
        );
        let s = &compare(&[d1, d2, d3], &one_story(3, &[]))[0];
        assert_eq!(s.entities.len(), 1, "{:?}", s.entities);
        assert_eq!(s.entities[0].name, "Ola Brenn");
        assert_eq!(s.entities[0].spellings.len(), 3);
        assert_eq!(s.quotes.len(), 1);
        assert_eq!(s.quotes[0].speaker.as_deref(), Some("Ola Brenn"));
        assert_eq!(s.quotes[0].occurrences.len(), 2);
    }

    #[test]
    fn the_stories_own_outlets_are_not_its_names() {
        let t1 = "Ida Marr told the Herald that the ferry would run.";
        let t2 = "Ida Marr said the ferry would run, Meridian Wire reported.";
        let d1 = entity(
            doc("a", "The Harbour Herald", t1),
            "Ida Marr",
            "person:ida marr",
            &["Ida Marr"],
        );
        let d1 = entity(d1, "Herald", "org:herald", &["Herald"]);
        let d2 = entity(
            doc("b", "Meridian Wire", t2),
            "Ida Marr",
            "person:ida marr",
            &["Ida Marr"],
        );
        let d2 = entity(d2, "Meridian Wire", "org:meridian wire", &["Meridian Wire"]);
        let s = &compare(&[d1, d2], &one_story(2, &[]))[0];
        let names: Vec<&str> = s.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Ida Marr"]);
        assert_eq!(s.entity_map, [vec![Some(0), None], vec![Some(0), None]]);
    }

    #[test]
    fn spelling_forms_are_ranked_by_frequency() {
        let t = "Ola Brenn spoke. Brenn smiled. Brenn left.";
        let d = entity(
            doc("x", "Tarn Gazette", t),
            "Ola Brenn",
            "person:ola brenn",
            &["Ola Brenn", "Brenn"],
        );
        let s = &compare(&[d], &one_story(1, &[]))[0];
        assert_eq!(s.entities[0].spellings[0].forms, ["Brenn", "Ola Brenn"]);
        assert_eq!(s.entities[0].aliases, ["Brenn"]);
    }

    #[test]
    fn a_sentence_printed_alike_by_many_outlets_is_one_claim_with_every_occurrence() {
        // The same sentence word for word in 40 outlets, a paraphrase in one
        // more: one shared claim holding all 41, identical wordings agreeing
        // fully and the paraphrase pulling the mean down a little.
        let same = "The Vell Bridge reopened on Monday after 14 months of repairs.";
        let mut docs: Vec<Document> = (0..40)
            .map(|i| doc(&format!("a{i}"), &format!("Outlet {i}"), same))
            .collect();
        docs.push(doc(
            "b",
            "Holm Courier",
            "After 14 months of repairs costing 3,400,000 crowns, the Vell Bridge reopened on Monday.",
        ));
        let s = &compare(&docs, &one_story(41, &[]))[0];
        assert_eq!(s.shared.len(), 1);
        let claim = &s.shared[0];
        assert_eq!(claim.occurrences.len(), 41);
        assert_eq!(claim.occurrences[40].article, "b");
        assert!(
            claim.agreement > 0.9 && claim.agreement < 1.0,
            "{}",
            claim.agreement
        );
        assert!(s.exclusive.is_empty());
    }

    #[test]
    fn a_quote_printed_alike_by_many_outlets_is_one_group() {
        let text = "\u{201c}We will rebuild the old mill by 2030,\u{201d} Ida Marr said.";
        let docs: Vec<Document> = (0..30)
            .map(|i| {
                quote(
                    doc(&format!("a{i}"), &format!("Outlet {i}"), text),
                    "We will rebuild the old mill by 2030,",
                    None,
                )
            })
            .collect();
        let s = &compare(&docs, &one_story(30, &[]))[0];
        assert_eq!(s.quotes.len(), 1);
        assert_eq!(s.quotes[0].occurrences.len(), 30);
        assert!(s.quotes[0].occurrences.iter().all(|o| !o.fragment));
    }

    /// The first `n` documents compared, kept open, then the rest added.
    fn grown(docs: &[Document], n: usize) -> Story {
        let first: Vec<(&Document, bool)> = docs[..n].iter().map(|d| (d, false)).collect();
        let mut growing = Growing::new(0, &first);
        for d in &docs[n..] {
            growing.add(d, false);
        }
        assert_eq!(growing.len(), docs.len());
        growing.story()
    }

    fn claim_articles(s: &Story) -> Vec<Vec<&str>> {
        s.shared
            .iter()
            .map(|c| c.occurrences.iter().map(|o| o.article.as_str()).collect())
            .collect()
    }

    #[test]
    fn an_article_added_to_a_growing_story_lands_where_a_comparison_puts_it() {
        const C: &str = "The Vell Bridge has reopened after 14 months of repairs costing 3,400,000 crowns.\n\nCyclists were the first to cross it.";
        let docs = vec![
            doc("a", "Tarn Gazette", A),
            doc("b", "Holm Courier", B),
            doc("c", "Fell Ledger", C),
        ];
        let whole = &compare(&docs, &one_story(3, &[]))[0];
        let grown = grown(&docs, 2);
        assert_eq!(grown.id, "story-1");
        assert_eq!(grown.articles, whole.articles);
        assert_eq!(grown.independent_outlets, 3);
        assert_eq!(claim_articles(&grown), [["a", "b", "c"]]);
        assert_eq!(claim_articles(&grown), claim_articles(whole));
        assert_eq!(grown.exclusive, whole.exclusive);
        let agreement = grown.shared[0].agreement;
        assert!(agreement > 0.2 && agreement < 1.0, "{agreement}");
        // A copy adds an article, not an outlet or a claim.
        let copy = doc("d", "Moor Post", C);
        let first: Vec<(&Document, bool)> = docs.iter().map(|d| (d, false)).collect();
        let mut growing = Growing::new(0, &first);
        growing.add(&copy, true);
        let with_copy = growing.story();
        assert_eq!(with_copy.articles.len(), 4);
        assert_eq!(with_copy.independent_outlets, 3);
        assert_eq!(claim_articles(&with_copy), [["a", "b", "c"]]);
    }

    #[test]
    fn a_growing_story_takes_a_new_spelling_and_a_new_wording_of_a_quote() {
        let d1 = brenn_to_trade();
        let t2 = "Brenn said: “We will keep the border open for trade.” Iwo Darnow agreed.";
        let d2 = brenn("b", "Holm Courier", t2, "Brenn", "person:brenn");
        let d2 = entity(d2, "Iwo Darnow", "person:iwo darnow", &["Iwo Darnow"]);
        let s = grown(&[d1, d2], 1);
        let names: Vec<&str> = s.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Ola Brenn", "Iwo Darnow"]);
        assert_eq!(s.entities[0].aliases, ["Brenn"]);
        assert_eq!(s.entities[0].spellings.len(), 2);
        assert_eq!(s.entities[0].spellings[1].forms, ["Brenn"]);
        assert_eq!(s.entity_map, [vec![Some(0)], vec![Some(0), Some(1)]]);
        assert_eq!(s.quotes.len(), 1);
        let group = &s.quotes[0];
        assert_eq!(group.speaker.as_deref(), Some("Ola Brenn"));
        assert_eq!(group.occurrences.len(), 2);
        assert_eq!(group.occurrences[1].at.article, "b");
        assert!(
            group.occurrences[1]
                .diff
                .iter()
                .any(|p| p.op == parallax_model::DiffOp::Added && p.text.contains("for")),
            "{:?}",
            group.occurrences[1].diff
        );
    }

    #[test]
    fn stories_follow_story_index_and_skip_missing_memberships() {
        let docs = vec![
            doc("a", "X", "One."),
            doc("b", "Y", "Two."),
            doc("c", "Z", "Three."),
        ];
        let mut g = one_story(2, &[]);
        g.memberships[0].story = 2;
        let stories = compare(&docs, &g);
        let ids: Vec<&str> = stories.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["story-1", "story-3"]);
        assert_eq!(stories[0].articles, ["b"]);
    }

    fn check_occurrences(
        docs: &[Document],
        stories: &[Story],
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let text_of = |id: &str| {
            docs.iter()
                .find(|d| d.article.id == id)
                .map(|d| d.article.text.as_str())
        };
        for s in stories {
            let occs = s
                .shared
                .iter()
                .flat_map(|c| &c.occurrences)
                .chain(&s.exclusive);
            let quotes = s
                .quotes
                .iter()
                .flat_map(|g| g.occurrences.iter().map(|o| &o.at));
            for o in occs.chain(quotes) {
                let text = text_of(&o.article).unwrap_or("");
                proptest::prop_assert_eq!(text.get(o.start..o.end), Some(o.text.as_str()));
            }
            for g in &s.quotes {
                proptest::prop_assert!(g.reference < g.occurrences.len());
                proptest::prop_assert!(g.occurrences[g.reference].diff.is_empty());
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_offsets_are_exact(
            texts in proptest::collection::vec("\\PC{0,120}", 1..5),
            cuts in proptest::collection::vec((0usize..200, 0usize..60), 0..6),
        ) {
            let mut docs: Vec<Document> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| doc(&format!("d{i}"), if i % 2 == 0 { "East" } else { "West" }, t))
                .collect();
            // Arbitrary quotes and mentions on char boundaries.
            for (k, &(at, len)) in cuts.iter().enumerate() {
                let n = docs.len();
                let Some(d) = docs.get_mut(k % n) else { continue };
                let text = d.article.text.clone();
                let start = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
                let end = (start..=(start + len).min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(start);
                let piece = &text[start..end];
                if piece.is_empty() { continue; }
                let taken = std::mem::replace(d, doc("tmp", "tmp", ""));
                let with_quote = quote(taken, piece, Some(0));
                *d = entity(with_quote, piece, "person:someone", &[piece]);
            }
            let copies = if docs.len() > 2 { vec![(2, 0)] } else { vec![] };
            let stories = compare(&docs, &one_story(docs.len(), &copies));
            check_occurrences(&docs, &stories)?;
        }

        #[test]
        fn quote_grouping_keeps_invariants_on_similar_texts(
            words in proptest::collection::vec("[a-zé’']{1,6}", 1..30),
            drop in 0usize..30,
        ) {
            let full = words.join(" ");
            let mut fewer = words.clone();
            if drop < fewer.len() { fewer.remove(drop); }
            let part = fewer.join(" ");
            let a = quote(doc("a", "East", &full), &full, None);
            let b = quote(doc("b", "West", &part), &part, None);
            let docs = vec![a, b];
            let stories = compare(&docs, &one_story(2, &[]));
            check_occurrences(&docs, &stories)?;
        }
    }
}
