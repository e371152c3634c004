//! Date discrepancies on real pipeline output: two outlets putting one
//! event of a shared claim on different days, each date resolved against
//! its article's publication date, are one discrepancy with both wordings
//! and offsets; the look-alikes (the same day in other words, two events
//! of one sentence on two days, a time stamp) are none. Fictional articles.

use chrono::{TimeZone, Utc};
use parallax_compare::Growing;
use parallax_model::{Article, DiscrepancyKind, Document, Relation, Story};

mod support;

/// An article published on Saturday 14 March 2026.
fn doc(id: &str, outlet: &str, text: &str) -> Document {
    parallax_pipeline::understand(Article {
        source: Some(outlet.into()),
        title: "Harbour master arrested after Darnow ferry crash".into(),
        published: Utc.with_ymd_and_hms(2026, 3, 14, 9, 0, 0).single(),
        language: Some("en".into()),
        ..Article::from_text(id, text)
    })
}

const FOG: &str = "The ferry Vell struck the pier in thick fog, injuring nine passengers.";

fn story(a: &str, b: &str) -> Story {
    let a = doc("a", "Tarn Gazette", &format!("{a}\n\n{FOG}"));
    let b = doc("b", "Holm Courier", &format!("{b}\n\n{FOG}"));
    Growing::new(0, &[(&a, false), (&b, false)]).into_story()
}

fn dates(story: &Story) -> Vec<&parallax_model::Discrepancy> {
    support::of_kind(story, DiscrepancyKind::Date)
}

#[test]
fn one_arrest_on_two_days_is_a_discrepancy() {
    let a = "Tarnish police arrested the harbour master Ola Brenn on Friday after the ferry crash in Darnow.";
    let b = "Tarnish police arrested the harbour master Ola Brenn on Thursday after the ferry crash in Darnow.";
    let s = story(a, b);
    let found = dates(&s);
    let [d] = found.as_slice() else {
        panic!("one date discrepancy: {:#?}", s.discrepancies);
    };
    assert_eq!(d.relation, Relation::Conflict);
    assert_eq!(d.what, "2026-03-13 / 2026-03-12");
    assert_eq!(d.wordings.len(), 2, "{:?}", d.wordings);
    let claim = d.claim.expect("a date discrepancy names its claim");
    assert!(s.shared[claim].occurrences[0].text.contains("arrested"));
    let wordings: Vec<(&str, &str)> = d
        .wordings
        .iter()
        .zip([a, b])
        .map(|(w, text)| (w.article.as_str(), &text[w.start..w.end]))
        .collect();
    assert_eq!(wordings, [("a", "Friday"), ("b", "Thursday")]);
}

#[test]
fn look_alikes_are_no_date_discrepancy() {
    let friday = "Tarnish police arrested the harbour master Ola Brenn on Friday after the ferry crash in Darnow.";
    // The same day in other words: yesterday, for an article of Saturday.
    let s = story(
        friday,
        "Tarnish police arrested the harbour master Ola Brenn yesterday after the ferry crash in Darnow.",
    );
    assert!(support::shared(&s, "Ola Brenn"), "{:#?}", s.shared);
    assert!(dates(&s).is_empty(), "{:#?}", s.discrepancies);
    // Another event of the sentence: the crash, not the arrest, is dated.
    let s = story(
        friday,
        "Tarnish police arrested the harbour master Ola Brenn after the ferry crashed on Thursday in Darnow.",
    );
    assert!(support::shared(&s, "Ola Brenn"), "{:#?}", s.shared);
    assert!(dates(&s).is_empty(), "{:#?}", s.discrepancies);
    // Two dates in one sentence leave open which is the arrest's.
    let s = story(
        friday,
        "Tarnish police arrested the harbour master Ola Brenn on Thursday, a day after the ferry crash in Darnow on Wednesday.",
    );
    assert!(support::shared(&s, "Ola Brenn"), "{:#?}", s.shared);
    assert!(dates(&s).is_empty(), "{:#?}", s.discrepancies);
    // A time stamp is no event.
    let s = story(
        &format!("Last updated on 13 March 2026.\n\n{friday}"),
        &format!("Last updated on 12 March 2026.\n\n{friday}"),
    );
    assert!(support::shared(&s, "Last updated"), "{:#?}", s.shared);
    assert!(dates(&s).is_empty(), "{:#?}", s.discrepancies);
}
