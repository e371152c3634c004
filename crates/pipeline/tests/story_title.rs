//! A story's title is a headline that says something: a time stamp some
//! pages print where the headline would be ("September 18th, 2013, 05:31
//! GMT") is passed over for the next article's headline. Fictional articles.

use parallax_compare::Growing;
use parallax_model::{Article, Document};

fn doc(id: &str, outlet: &str, title: &str) -> Document {
    parallax_pipeline::understand(Article {
        source: Some(outlet.into()),
        title: title.into(),
        language: Some("en".into()),
        ..Article::from_text(
            id,
            "The ferry Vell struck the pier in Darnow in thick fog, injuring nine passengers.",
        )
    })
}

fn title(first: &str, second: &str) -> String {
    let a = doc("a", "Tarn Gazette", first);
    let b = doc("b", "Holm Courier", second);
    Growing::new(0, &[(&a, false), (&b, false)])
        .into_story()
        .title
}

#[test]
fn a_time_stamp_is_passed_over_for_a_headline() {
    let headline = "Ferry strikes Darnow pier in fog";
    for stamp in [
        "September 18th, 2013, 05: 31 GMT",
        "Saturday, August 24, 2013",
        "12 January 2010 @ 09: 29 pm",
        "PUBLISHED FRIDAY, MARCH 8, 2013 AT 12: 46 PM / UPDATED AT 12: 48 PM",
    ] {
        assert_eq!(title(stamp, headline), headline, "{stamp}");
    }
    // A headline with a date in it is a headline, and so is a short one:
    // the first is kept.
    for first in [
        "Ferry strikes Darnow pier on Friday, 13 March",
        "Ferry sinks",
        "Fog kills 12",
    ] {
        assert_eq!(title(first, headline), first);
    }
}
