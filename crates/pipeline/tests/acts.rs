//! A story's acts on real pipeline output: the same act reported by two
//! outlets, in different words and spellings, is one act with two outlets;
//! an act with another target stays apart; acts with a date make the
//! story's timeline. Fictional articles.

use chrono::{NaiveDate, TimeZone, Utc};
use parallax_compare::Growing;
use parallax_model::{Article, Document, EventType};

fn doc(id: &str, outlet: &str, text: &str) -> Document {
    parallax_pipeline::understand(Article {
        source: Some(outlet.into()),
        title: "Arrest in Darnow".into(),
        // A Thursday.
        published: Utc.with_ymd_and_hms(2026, 3, 12, 9, 0, 0).single(),
        language: Some("en".into()),
        ..Article::from_text(id, text)
    })
}

#[test]
fn one_act_in_two_outlets_words_is_one_act() {
    let a = doc(
        "a",
        "Tarn Gazette",
        "Tarnish police arrested Ola Brenn in Darnow on Monday.",
    );
    let b = doc(
        "b",
        "Holm Courier",
        "Tarnish police on Monday arrested opposition leader Ola Brenn, his lawyer said.",
    );
    let c = doc(
        "c",
        "Holm Courier",
        "Tarnish police also arrested Iwo Darnow at his home.",
    );
    let story = Growing::new(0, &[(&a, false), (&b, false), (&c, false)]).into_story();
    let arrests: Vec<_> = story
        .acts
        .iter()
        .filter(|act| act.kind == EventType::Coerce)
        .collect();
    assert_eq!(arrests.len(), 2, "{:#?}", story.acts);
    let brenn = arrests[0];
    assert_eq!(brenn.mode, "arrest");
    assert_eq!(brenn.outlets, ["Holm Courier", "Tarn Gazette"]);
    assert_eq!(brenn.reports.len(), 2);
    assert_eq!(
        brenn.target.as_ref().map(|t| t.name.as_str()),
        Some("Ola Brenn")
    );
    assert_eq!(
        brenn.source.as_ref().map(|s| s.name.as_str()),
        Some("Tarnish police")
    );
    // `on Monday`, in articles published on Thursday 12 March.
    assert_eq!(brenn.when, NaiveDate::from_ymd_opt(2026, 3, 9));
    let dated: Vec<usize> = (0..story.acts.len())
        .filter(|&i| story.acts[i].when.is_some())
        .collect();
    assert_eq!(story.timeline.len(), dated.len());
    assert!(
        story
            .timeline
            .windows(2)
            .all(|w| story.acts[w[0]].when <= story.acts[w[1]].when)
    );
    let darnow = arrests[1];
    assert_eq!(darnow.outlets, ["Holm Courier"]);
    assert_eq!(
        darnow.target.as_ref().map(|t| t.name.as_str()),
        Some("Iwo Darnow")
    );
    // Every report points at an event of its article, whose trigger lies in
    // the article's text.
    for act in &story.acts {
        for r in &act.reports {
            let d = [&a, &b, &c]
                .into_iter()
                .find(|d| d.article.id == r.article)
                .expect("a known article");
            let event = &d.annotations.events[r.event];
            assert!(!d.text_of(event.trigger).is_empty());
        }
    }
}
