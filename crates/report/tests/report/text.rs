//! The terminal summary: the whole output for the fixture, width and safety.

use crate::fixture;

const EXPECTED: &str = "\
Parallax · 2 articles · 1 story · 2 outlets

story-1 · Brackwater ferry back on Monday
  2 articles · 2 independent outlets · 2026-04-02 09:30–11:00 UTC
  Articles
    2026-04-02 09:30  The Harbour Herald · herald-ferry
    2026-04-02 11:00  Valley Ledger · ledger-ferry
  Shared claims (1)
    • 2 outlets: The Harbour Herald, Valley Ledger, similar wording (0.42)
      Mayor Ilse Vantongeren said the Brackwater ferry would resume service on Monday.
  Exclusive claims (1)
    The Harbour Herald (herald-ferry)
      • Repairs to the hull cost €2.4 million, according to the council.
  Quotes (2 groups)
    Ilse Vantongeren · 2 outlets
      The Harbour Herald  “We owe the islanders a reliable crossing,” [−dependable +reliable]
      Valley Ledger       “We owe the islanders a dependable crossing,” [reference]
    Ilse Vantongeren · 2 outlets
      The Harbour Herald  “The timetable will be published on Friday.” [reference]
      Valley Ledger       “…published on Friday…” [fragment]
  Spellings
    Ilse Vantongeren — The Harbour Herald: Ilse Vantongeren · Valley Ledger: Ilze Vantongeren
  Flagged: 1 promo

Grouping merged 1 story into earlier ones.
";

#[test]
fn whole_summary_of_the_fixture() {
    let text = parallax_report::to_text(&fixture::analysis());
    assert_eq!(text, EXPECTED, "\n--- got ---\n{text}");
}

#[test]
fn output_is_deterministic() {
    let a = fixture::analysis();
    assert_eq!(parallax_report::to_text(&a), parallax_report::to_text(&a));
}

#[test]
fn long_and_hostile_lines_are_cut_and_cleaned() {
    let mut a = fixture::analysis();
    a.stories[0].title = format!(
        "Ferry\u{1b}[2J {}\nsecond line",
        "very long title ".repeat(12)
    );
    a.stories[0].exclusive[0].text = "word ".repeat(40);
    a.documents[1].article.source =
        Some("The Extraordinarily Long Name Of A Regional Weekly".into());
    a.stories[0].entities[0].spellings[1].outlet = "Outlet ".repeat(12);
    let text = parallax_report::to_text(&a);
    for line in text.lines() {
        assert!(line.chars().count() <= 100, "too long: {line:?}");
        assert!(
            !line.chars().any(char::is_control),
            "control character in {line:?}"
        );
    }
    assert!(text.contains("story-1 · Ferry[2J very long title very long title"));
    assert!(
        text.lines()
            .any(|l| l.ends_with('…') && l.starts_with("      • word word"))
    );
    // The spellings line wraps instead of losing the second outlet.
    assert!(text.contains("\n      · Outlet Outlet"), "{text}");
}

#[test]
fn copies_and_empty_analyses() {
    let mut a = fixture::analysis();
    a.grouping.memberships[1].copy_of = Some(0);
    let text = parallax_report::to_text(&a);
    assert!(text.starts_with("Parallax · 2 articles · 1 story · 2 outlets · 1 syndicated copy\n"));
    assert!(
        text.contains(
            "    2026-04-02 11:00  Valley Ledger · ledger-ferry · copy of herald-ferry\n"
        )
    );
    // A copy's spelling is its original's, not its outlet's own choice.
    assert!(text.contains("    Ilse Vantongeren — The Harbour Herald: Ilse Vantongeren\n"));

    let empty = parallax_report::to_text(&parallax_model::Analysis::default());
    assert_eq!(
        empty,
        "Parallax · 0 articles · 0 stories · 0 outlets\nNo articles to compare.\n"
    );
}
