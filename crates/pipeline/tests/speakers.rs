//! Speaker discrepancies on real pipeline output: the same words quoted by
//! two outlets under two named speakers are one discrepancy, with each
//! outlet's name for the speaker and its offsets; the look-alikes (the same
//! speaker in other words, a speaker the other outlet also names beside
//! the quote, a pronoun, a partial quote) are none. Fictional articles.

use parallax_compare::Growing;
use parallax_model::{Article, DiscrepancyKind, Document, Relation, Story};

mod support;

fn doc(id: &str, outlet: &str, text: &str) -> Document {
    parallax_pipeline::understand(Article {
        source: Some(outlet.into()),
        title: "Ferry to return to Brackwater".into(),
        language: Some("en".into()),
        ..Article::from_text(id, text)
    })
}

const QUOTE: &str = "The ferry will sail again before the first storms of winter";

fn story(a: &str, b: &str) -> Story {
    let a = doc("a", "Tarn Gazette", a);
    let b = doc("b", "Holm Courier", b);
    Growing::new(0, &[(&a, false), (&b, false)]).into_story()
}

/// Whether both articles print the quote: the look-alikes reach the rule
/// they test.
fn printed_twice(story: &Story) -> bool {
    let articles: std::collections::HashSet<&str> = story
        .quotes
        .iter()
        .flat_map(|g| &g.occurrences)
        .filter(|o| o.at.text.starts_with(QUOTE))
        .map(|o| o.at.article.as_str())
        .collect();
    articles.len() == 2
}

fn speakers(story: &Story) -> Vec<&parallax_model::Discrepancy> {
    support::of_kind(story, DiscrepancyKind::Speaker)
}

#[test]
fn one_quote_under_two_named_speakers_is_a_discrepancy() {
    let a = format!(
        "Brackwater will have its ferry back.\n\n\"{QUOTE},\" Mayor Ilse Vantongeren said on Monday."
    );
    let b = format!(
        "The ferry returns to Brackwater.\n\n\"{QUOTE},\" said Piet Hollander, the harbour master."
    );
    let s = story(&a, &b);
    let found = speakers(&s);
    let [d] = found.as_slice() else {
        panic!("one speaker discrepancy: {:#?}", s.discrepancies);
    };
    assert_eq!(d.relation, Relation::Conflict);
    assert_eq!(d.claim, None);
    assert!(d.what.starts_with(QUOTE), "{}", d.what);
    assert_eq!(d.quotes.len(), 2);
    assert_eq!(d.wordings.len(), 2, "{:?}", d.wordings);
    let texts = [a.as_str(), b.as_str()];
    let wordings: Vec<(&str, &str)> = d
        .wordings
        .iter()
        .zip(texts)
        .map(|(w, text)| (w.article.as_str(), &text[w.start..w.end]))
        .collect();
    assert_eq!(wordings.len(), 2, "{:?}", d.wordings);
    assert_eq!(wordings[0].0, "a");
    assert!(wordings[0].1.contains("Vantongeren"), "{wordings:?}");
    assert_eq!(wordings[1].0, "b");
    assert!(wordings[1].1.contains("Hollander"), "{wordings:?}");
    // Each quote group names its own speaker.
    let names: Vec<Option<&str>> = d
        .quotes
        .iter()
        .map(|&g| s.quotes[g].speaker.as_deref())
        .collect();
    assert_eq!(
        names,
        [Some("Ilse Vantongeren"), Some("Piet Hollander")],
        "{:#?}",
        s.quotes
    );
}

#[test]
fn look_alikes_are_no_speaker_discrepancy() {
    let vantongeren = format!("\"{QUOTE},\" Mayor Ilse Vantongeren said on Monday.");
    // The same speaker in other words.
    let s = story(
        &vantongeren,
        &format!("\"{QUOTE},\" said Vantongeren, the mayor."),
    );
    assert!(printed_twice(&s), "{:#?}", s.quotes);
    assert!(speakers(&s).is_empty(), "{:#?}", s.discrepancies);
    // The other outlet names both beside the quote: its attribution is the
    // one to doubt.
    let s = story(
        &vantongeren,
        &format!(
            "Ilse Vantongeren stood by as the harbour master spoke.\n\n\"{QUOTE},\" said Piet Hollander."
        ),
    );
    assert!(printed_twice(&s), "{:#?}", s.quotes);
    assert!(speakers(&s).is_empty(), "{:#?}", s.discrepancies);
    // A pronoun is resolved, not read: it may be resolved wrongly.
    let s = story(
        &vantongeren,
        &format!("Piet Hollander runs the harbour.\n\n\"{QUOTE},\" he said."),
    );
    assert!(printed_twice(&s), "{:#?}", s.quotes);
    assert!(speakers(&s).is_empty(), "{:#?}", s.discrepancies);
    // A partial quote inside a sentence about someone else.
    let s = story(
        &vantongeren,
        &format!("Piet Hollander doubted the mayor's promise that \"{QUOTE}.\""),
    );
    assert!(printed_twice(&s), "{:#?}", s.quotes);
    assert!(speakers(&s).is_empty(), "{:#?}", s.discrepancies);
}
