//! Cross-outlet quote pairing on a labelled set of original, fictional cases:
//! two outlets print a quote each, and the label says whether it is the same
//! statement (translation variants, a dropped `that`, a fragment) or not
//! (the same speaker saying something else on the same subject). Each pair
//! runs through the real clean and understand stages, then `compare`; the
//! pair counts as matched when both quotes land in one quote group.

use parallax_model::{Article, Document, Explanation, Grouping, Membership};

/// (speaker as outlet A names them, quote A, speaker as outlet B names them, quote B, same statement)
const CASES: &[(&str, &str, &str, &str, bool)] = &[
    (
        "Andriy Sokolovskyy",
        "It was a long and significant phone call about the grain corridor",
        "Andriy Sokolovsky",
        "It was a long and meaningful phone call about the grain corridor",
        true,
    ),
    (
        "Lena Marsh",
        "I am grateful to everyone who stood by me this year",
        "Lena Marsh",
        "I am grateful to everyone who stood by me",
        true,
    ),
    (
        "Pawel Kruk",
        "We will not sign any deal that hurts the dockworkers",
        "Pawel Kruk",
        "We will not sign any deal that hurts dockworkers",
        true,
    ),
    (
        "Ola Berg",
        "The ferry will run again once the ice has gone from the fjord",
        "Ola Berg",
        "the ferry will run again once the ice has gone",
        true,
    ),
    (
        "Marta Wielgosz",
        "The coalition holds and it will hold until the budget passes",
        "Marta Wielgosz",
        "The coalition holds, and it will hold until the budget is passed",
        true,
    ),
    (
        "Tomas Reyes",
        "I said that I would come back stronger and I did",
        "Tomas Reyes",
        "I said I would come back stronger and I did",
        true,
    ),
    (
        "Ines Duarte",
        "Our nurses have been working double shifts since the winter began",
        "Ines Duarte",
        "working double shifts since the winter began",
        true,
    ),
    (
        "Jonas Vik",
        "Nobody in this town should have to choose between heating and food",
        "Jonas Vik",
        "No one in this town should have to choose between heating and food",
        true,
    ),
    (
        "Sara Lind",
        "The bridge is safe, the inspectors have checked every bolt twice",
        "Sara Lind",
        "The bridge is safe. The inspectors have checked every bolt twice",
        true,
    ),
    (
        "Karel Novak",
        "We are ready to talk at any time and in any place the union chooses",
        "Karel Novak",
        "ready to talk at any time and in any place",
        true,
    ),
    (
        "Andriy Sokolovskyy",
        "Our soldiers are holding the line near the river despite the shelling",
        "Andriy Sokolovskiy",
        "Our soldiers hold the line near the river despite the shelling",
        true,
    ),
    (
        "Mei Chen",
        "The factory will reopen in March with three hundred workers",
        "Mei Chen",
        "The plant will reopen in March with three hundred workers",
        true,
    ),
    (
        "Andriy Sokolovskyy",
        "It was a long and significant phone call about the grain corridor",
        "Andriy Sokolovskyy",
        "We asked for more air defence systems before the winter",
        false,
    ),
    (
        "Lena Marsh",
        "I am grateful to everyone who stood by me this year",
        "Lena Marsh",
        "I am not ready to go back on tour this year",
        false,
    ),
    (
        "Pawel Kruk",
        "We will not sign any deal that hurts the dockworkers",
        "Pawel Kruk",
        "The port authority has not called us back since Friday",
        false,
    ),
    (
        "Ola Berg",
        "The ferry will run again once the ice has gone from the fjord",
        "Ola Berg",
        "The fares will rise by ten percent in May",
        false,
    ),
    (
        "Marta Wielgosz",
        "The coalition holds and it will hold until the budget passes",
        "Marta Wielgosz",
        "The budget will be smaller than the one we passed last year",
        false,
    ),
    (
        "Tomas Reyes",
        "I said that I would come back stronger and I did",
        "Tomas Reyes",
        "I would like to thank my family and my coach",
        false,
    ),
    (
        "Ines Duarte",
        "Our nurses have been working double shifts since the winter began",
        "Ines Duarte",
        "The winter has been hard on the hospital and on the town",
        false,
    ),
    (
        "Jonas Vik",
        "Nobody in this town should have to choose between heating and food",
        "Jonas Vik",
        "The town will open two warm rooms in the library from Monday",
        false,
    ),
    (
        "Sara Lind",
        "The bridge is safe, the inspectors have checked every bolt twice",
        "Sara Lind",
        "The inspectors will come back in the spring to check the bridge again",
        false,
    ),
    (
        "Karel Novak",
        "We are ready to talk at any time and in any place the union chooses",
        "Karel Novak",
        "The union has chosen to walk away from the table",
        false,
    ),
    (
        "Mei Chen",
        "The factory will reopen in March with three hundred workers",
        "Mei Chen",
        "Three hundred workers have already signed new contracts for March",
        false,
    ),
    (
        "Mei Chen",
        "The factory will reopen in March with three hundred workers",
        "Jonas Vik",
        "The factory will never reopen, whatever the owners say",
        false,
    ),
];

fn understood(id: &str, outlet: &str, speaker: &str, quote: &str) -> Document {
    let surname = speaker.rsplit(' ').next().unwrap_or(speaker);
    let text = format!(
        "{speaker} spoke to reporters in the harbour town on Monday.\n\n\
         “{quote},” {surname} said.\n\n\
         The meeting ended before noon."
    );
    let article = Article {
        id: id.into(),
        source: Some(outlet.into()),
        url: None,
        title: format!("Harbour news {id}"),
        published: None,
        language: Some("en".into()),
        text,
    };
    let cleaned = parallax_clean::clean(&article);
    let annotations = parallax_understand::annotate(&article, &cleaned);
    Document {
        article,
        cleaned,
        annotations,
    }
}

/// Whether the two quotes of a case end up in one quote group.
fn paired(case: &(&str, &str, &str, &str, bool)) -> bool {
    let docs = [
        understood("a", "The Harbour Herald", case.0, case.1),
        understood("b", "Northgate Daily", case.2, case.3),
    ];
    let grouping = Grouping {
        memberships: (0..2)
            .map(|_| Membership {
                story: 0,
                copy_of: None,
                why: Explanation::default(),
            })
            .collect(),
        merges: Vec::new(),
    };
    let stories = parallax_compare::compare(&docs, &grouping);
    stories.iter().any(|s| {
        s.quotes.iter().any(|g| {
            g.occurrences.iter().any(|o| o.at.article == "a")
                && g.occurrences.iter().any(|o| o.at.article == "b")
        })
    })
}

#[test]
fn quote_pairing_precision_and_recall_stay_above_the_floor() {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for case in CASES {
        match (paired(case), case.4) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                wrong.push(format!("paired but different: {:?} / {:?}", case.1, case.3));
            }
            (false, true) => {
                fn_ += 1;
                wrong.push(format!("same but not paired: {:?} / {:?}", case.1, case.3));
            }
            (false, false) => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    assert!(
        precision >= 0.95 && recall >= 0.95,
        "precision {precision:.3}, recall {recall:.3}; wrong: {wrong:#?}"
    );
}

#[test]
fn the_labelled_set_has_both_kinds_of_case() {
    let same = CASES.iter().filter(|c| c.4).count();
    assert!(same >= 10 && CASES.len() - same >= 10);
}
