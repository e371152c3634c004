//! Mode discrepancies on real pipeline output: one actor's act that one
//! outlet reports as done and another as not done, or as only intended
//! after it was reported done, is one discrepancy with each outlet's verb
//! group and its offsets; the look-alikes (an intention reported before
//! the act, another actor, a hedge) are none. Fictional articles.

use chrono::{TimeZone, Utc};
use parallax_compare::Growing;
use parallax_model::{Article, DiscrepancyKind, Document, Relation, Story};

mod support;

/// An article published on 14 March 2026 at `hour`.
fn doc(id: &str, outlet: &str, hour: u32, text: &str) -> Document {
    parallax_pipeline::understand(Article {
        source: Some(outlet.into()),
        title: "Darnow harbour accord".into(),
        published: Utc.with_ymd_and_hms(2026, 3, 14, hour, 0, 0).single(),
        language: Some("en".into()),
        ..Article::from_text(id, text)
    })
}

const FOG: &str =
    "The ferry Vell struck the pier in thick fog last month, injuring nine passengers.";

/// A story of two outlets: `a` published at `hour_a`, `b` at `hour_b`.
fn story((a, hour_a): (&str, u32), (b, hour_b): (&str, u32)) -> Story {
    // The claim second, so that its wordings' offsets are the article's.
    let a = doc("a", "Tarn Gazette", hour_a, &format!("{FOG}\n\n{a}"));
    let b = doc("b", "Holm Courier", hour_b, &format!("{FOG}\n\n{b}"));
    Growing::new(0, &[(&a, false), (&b, false)]).into_story()
}

fn modes(story: &Story) -> Vec<&parallax_model::Discrepancy> {
    support::of_kind(story, DiscrepancyKind::Mode)
}

const SIGNED: &str = "Mayor Ola Brenn signed the harbour accord with the Vell ferry company on Friday after months of talks in Darnow.";

#[test]
fn an_act_done_and_not_done_is_a_discrepancy() {
    let b = "Mayor Ola Brenn has not yet signed the harbour accord with the Vell ferry company after months of talks in Darnow.";
    let s = story((SIGNED, 9), (b, 9));
    let found = modes(&s);
    let [d] = found.as_slice() else {
        panic!("one mode discrepancy: {:#?}", s.discrepancies);
    };
    assert_eq!(d.relation, Relation::Conflict);
    assert_eq!(d.what, "done / not done");
    let claim = d.claim.expect("a mode discrepancy names its claim");
    assert!(
        s.shared[claim]
            .occurrences
            .iter()
            .any(|o| o.text.contains("harbour accord")),
        "{:#?}",
        s.shared
    );
    let texts = [format!("{FOG}\n\n{SIGNED}"), format!("{FOG}\n\n{b}")];
    let wordings: Vec<(&str, &str)> = d
        .wordings
        .iter()
        .zip(&texts)
        .map(|(w, text)| (w.article.as_str(), &text[w.start..w.end]))
        .collect();
    assert_eq!(wordings, [("a", "signed"), ("b", "has not yet signed")]);
    // Reported not done before it was reported done: the story moved on.
    let s = story((SIGNED, 15), (b, 9));
    assert!(support::shared(&s, "harbour accord"), "{:#?}", s.shared);
    assert!(modes(&s).is_empty(), "{:#?}", s.discrepancies);
}

#[test]
fn an_intention_reported_after_the_act_is_a_discrepancy_and_before_it_none() {
    let b = "Mayor Ola Brenn will sign the harbour accord with the Vell ferry company on Friday after months of talks in Darnow.";
    // Published after the act was reported done: the outlets differ.
    let s = story((SIGNED, 9), (b, 15));
    let found = modes(&s);
    let [d] = found.as_slice() else {
        panic!("one mode discrepancy: {:#?}", s.discrepancies);
    };
    assert_eq!(d.what, "done / intended");
    let texts: Vec<&str> = d.wordings.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(texts, ["signed", "will sign"]);
    // Published before it: the story moved on.
    let s = story((SIGNED, 15), (b, 9));
    assert!(support::shared(&s, "harbour accord"), "{:#?}", s.shared);
    assert!(modes(&s).is_empty(), "{:#?}", s.discrepancies);
}

#[test]
fn look_alikes_are_no_mode_discrepancy() {
    // Another actor does not sign.
    let other = "The Vell ferry company of Eiko Tarvan has not signed the harbour accord with Mayor Ola Brenn after months of talks in Darnow.";
    let s = story((SIGNED, 9), (other, 9));
    assert!(support::shared(&s, "harbour accord"), "{:#?}", s.shared);
    assert!(modes(&s).is_empty(), "{:#?}", s.discrepancies);
    // A hedge says neither.
    let hedge = "Mayor Ola Brenn could not sign the harbour accord with the Vell ferry company on Friday after months of talks in Darnow.";
    let s = story((SIGNED, 9), (hedge, 15));
    assert!(support::shared(&s, "harbour accord"), "{:#?}", s.shared);
    assert!(modes(&s).is_empty(), "{:#?}", s.discrepancies);
    // What the mayor said someone else did not do is theirs, not the
    // mayor's.
    let reported = "Mayor Ola Brenn said that the ferry company has not signed the harbour accord after months of talks in Darnow.";
    let s = story((SIGNED, 9), (reported, 9));
    assert!(support::shared(&s, "harbour accord"), "{:#?}", s.shared);
    assert!(modes(&s).is_empty(), "{:#?}", s.discrepancies);
}
