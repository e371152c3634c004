//! The demo corpus in `examples/` read end to end: the facts of EXPECTED.md
//! that belong to the read stage.

use std::path::{Path, PathBuf};

use parallax_model::Article;
use parallax_read::read_paths;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

fn corpus() -> Vec<Article> {
    let batch = read_paths(&[PathBuf::from(EXAMPLES)]);
    let warnings: Vec<String> = batch.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
    batch.articles
}

fn article<'a>(articles: &'a [Article], id: &str) -> &'a Article {
    articles
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("article {id} not read"))
}

/// The body of a demo `.txt` file as README.md defines it: everything after
/// the first blank line, final newline trimmed.
fn txt_body(name: &str) -> String {
    let raw = std::fs::read_to_string(Path::new(EXAMPLES).join(name)).unwrap_or_default();
    let body = raw.split_once("\n\n").map(|(_, b)| b).unwrap_or_default();
    body.strip_suffix('\n').unwrap_or(body).to_string()
}

#[test]
fn seventeen_articles_with_expected_publication_times() {
    let articles = corpus();
    assert_eq!(articles.len(), 17);
    let expected = [
        (
            "northgate-lena-marsh-rehab",
            "2026-03-11T14:05:00Z",
            "Northgate Daily",
        ),
        (
            "eastbridge-lena-marsh-rehab",
            "2026-03-11T16:40:00Z",
            "Eastbridge Post",
        ),
        (
            "ledger-lena-marsh-rehab",
            "2026-03-12T07:15:00Z",
            "Valley Ledger",
        ),
        (
            "meridian-sokolovskiy-call",
            "2026-03-12T20:05:00Z",
            "Meridian Wire",
        ),
        (
            "herald-sokolovskyy-call",
            "2026-03-12T21:10:00Z",
            "The Harbour Herald",
        ),
        (
            "northgate-sokolovsky-call",
            "2026-03-12T22:30:00Z",
            "Northgate Daily",
        ),
        (
            "meridian-rotterdam-strike",
            "2026-03-13T06:20:00Z",
            "Meridian Wire",
        ),
        (
            "eastbridge-sokolovskyy-call",
            "2026-03-13T07:45:00Z",
            "Eastbridge Post",
        ),
        (
            "ledger-rotterdam-strike",
            "2026-03-13T11:00:00Z",
            "Valley Ledger",
        ),
        (
            "herald-rotterdam-strike",
            "2026-03-13T15:30:00Z",
            "The Harbour Herald",
        ),
        (
            "meridian-tomas-reyes-rehab",
            "2026-03-13T18:45:00Z",
            "Meridian Wire",
        ),
        (
            "herald-tomas-reyes-rehab",
            "2026-03-14T08:10:00Z",
            "The Harbour Herald",
        ),
        (
            "eastbridge-tomas-reyes-rehab",
            "2026-03-14T09:30:00Z",
            "Eastbridge Post",
        ),
        (
            "eastbridge-antwerp-strike",
            "2026-03-14T12:00:00Z",
            "Eastbridge Post",
        ),
        (
            "northgate-antwerp-strike",
            "2026-03-14T17:20:00Z",
            "Northgate Daily",
        ),
        (
            "herald-wielgosz-coalition",
            "2026-03-15T10:00:00Z",
            "The Harbour Herald",
        ),
        (
            "northgate-wielgosz-coalition",
            "2026-03-16T06:30:00Z",
            "Northgate Daily",
        ),
    ];
    for (id, published, outlet) in expected {
        let a = article(&articles, id);
        let got = a
            .published
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        assert_eq!(got.as_deref(), Some(published), "{id}");
        assert_eq!(a.outlet(), outlet, "{id}");
        assert_eq!(a.language.as_deref(), Some("en"), "{id}");
        assert!(!a.title.is_empty(), "{id}");
        assert!(
            a.url.as_deref().is_some_and(|u| u.starts_with("https://")),
            "{id}"
        );
        assert!(!a.text.contains("\n\n\n"), "{id}");
        assert_eq!(a.text.trim(), a.text, "{id}");
    }
}

#[test]
fn txt_articles_are_their_bodies() {
    let articles = corpus();
    let herald = article(&articles, "herald-sokolovskyy-call");
    assert_eq!(herald.text, txt_body("herald-sokolovskyy-call.txt"));
    assert_eq!(
        herald.title,
        "Sokolovskyy and Wielgosz agree border working group after long call"
    );
    assert!(
        herald
            .text
            .contains("“It was a long and significant phone call,” Sokolovskyy said")
    );
    assert!(!herald.text.contains("Title:"));
}

#[test]
fn syndicated_copy_is_meridian_text_plus_footer() {
    let articles = corpus();
    let meridian = article(&articles, "meridian-rotterdam-strike");
    let ledger = article(&articles, "ledger-rotterdam-strike");
    assert_eq!(meridian.text, txt_body("meridian-rotterdam-strike.txt"));
    assert_eq!(
        ledger.text,
        format!(
            "{}\n\n{}",
            meridian.text,
            "This story was provided by Meridian Wire and has not been edited by Valley Ledger staff. Copyright 2026 Meridian Wire."
        )
    );
    let lena = article(&articles, "ledger-lena-marsh-rehab");
    assert!(lena.text.contains(
        "Tickets for the postponed concerts remain valid, and the new dates will be announced by the end of May, the promoter said."
    ));
    assert!(lena.text.contains("\"Salt Lines\""));
}

#[test]
fn eastbridge_html_is_the_article_only() {
    let articles = corpus();
    let page = article(&articles, "eastbridge-sokolovskyy-call");
    assert_eq!(
        page.title,
        "Sokolovskyy and Wielgosz pledge to end border queues"
    );
    assert_eq!(page.source.as_deref(), Some("Eastbridge Post"));
    assert_eq!(
        page.url.as_deref(),
        Some("https://www.eastbridgepost.example/world/europe/sokolovskyy-wielgosz-border-queues")
    );
    let paragraphs: Vec<&str> = page.text.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 11, "{paragraphs:#?}");
    assert_eq!(
        paragraphs.first().copied(),
        Some(
            "Ukrainian President Andriy Sokolovskyy and Polish Prime Minister Marta Wielgosz pledged on Thursday to cut the queues of lorries at their shared border, in a phone call that officials in Kyiv and Warsaw called constructive."
        )
    );
    for expected in [
        "Ukraine’s border guards reported more than 1,200 trucks waiting at crossings into Poland on Thursday morning.",
        "A face-to-face meeting is planned in Lublin on March 27.",
        "The warmer tone appears to mark a turn after months of friction over farm imports.",
        "The Polish Chamber of Transport & Logistics said in a statement that Polish hauliers had lost more than 40 million zlotys since January because of delays at the border.",
        "Poland and Ukraine clashed repeatedly over grain imports last year, when Polish farmers blocked crossings for weeks and Warsaw banned several Ukrainian farm products. The dispute strained ties between two governments that have otherwise stood close together since Russia’s full-scale invasion.",
    ] {
        assert!(
            paragraphs.contains(&expected),
            "missing paragraph: {expected}"
        );
    }
    assert_eq!(
        paragraphs.last().copied(),
        Some(
            "Polish officials said the working group would look at longer opening hours, more customs staff and a booking system for lorry crossings, similar to the one used at some crossings on the Finnish and Baltic borders."
        )
    );
    for furniture in [
        "We use cookies",
        "Accept all",
        "Home",
        "Subscribe",
        "Europe",
        "By Daniel Okafor",
        "March 13, 2026, 7:45 a.m. GMT",
        "Lorries wait at a crossing on the Polish-Ukrainian border. Photo: Eastbridge Post",
        "Related stories",
        "Polish farmers take tractors to Warsaw again",
        "Daniel Okafor is the Eastbridge Post’s Europe editor.",
        "Report an error",
        "About us",
        "All rights reserved",
        "&amp;",
        "<",
    ] {
        assert!(
            !page.text.contains(furniture),
            "furniture in text: {furniture}"
        );
    }
}

#[test]
fn markdown_files_are_ignored() {
    let articles = corpus();
    assert!(
        articles
            .iter()
            .all(|a| a.id != "README" && a.id != "EXPECTED")
    );
}
