//! End-to-end behaviour of `annotate` on short fictional fixtures, plus
//! robustness on arbitrary input.

mod support;

use parallax_model::{EntityKind, QuoteForm, SegmentKind};
use parallax_understand::annotate;

fn ann(text: &str) -> parallax_model::Annotations {
    annotate(&support::article("t", text), &support::clean(text, &[]))
}

fn speaker<'a>(a: &'a parallax_model::Annotations, text: &str, quoted: &str) -> Option<&'a str> {
    a.quotes
        .iter()
        .find(|q| q.span.slice(text).trim_end_matches(',') == quoted)
        .and_then(|q| q.speaker)
        .map(|s| a.entities[s].name.as_str())
}

const FJORD: &str = "OSLO — Norwegian Prime Minister Ingrid Halvorsen and Danish Premier Mads Kjeldsen spoke on Monday.\n\n\
“The ferry must run again,” the Norwegian prime minister said. “We cannot wait.”\n\n\
“We agree,” said Lars Holm, a spokesman for the Fjordline Ferry Company.\n\n\
The company said repairs would take a week. “Every sailing counts,” the company said.\n\n\
Kjeldsen called it “a constructive conversation”, and Halvorsen’s office agreed. “Trust matters,” he said.";

#[test]
fn role_nouns_pronouns_and_continuations_find_speakers() {
    let a = ann(FJORD);
    assert_eq!(
        speaker(&a, FJORD, "The ferry must run again"),
        Some("Ingrid Halvorsen")
    );
    assert_eq!(
        speaker(&a, FJORD, "We cannot wait."),
        Some("Ingrid Halvorsen")
    );
    assert_eq!(speaker(&a, FJORD, "We agree"), Some("Lars Holm"));
    assert_eq!(
        speaker(&a, FJORD, "Every sailing counts"),
        Some("Fjordline Ferry Company")
    );
    assert_eq!(
        speaker(&a, FJORD, "a constructive conversation"),
        Some("Mads Kjeldsen")
    );
    let partial = a
        .quotes
        .iter()
        .find(|q| q.span.slice(FJORD) == "a constructive conversation");
    assert_eq!(partial.map(|q| q.form), Some(QuoteForm::Partial));
}

#[test]
fn entities_resolve_surnames_and_possessives() {
    let a = ann(FJORD);
    let halvorsen = a
        .mentions
        .iter()
        .find(|m| m.span.slice(FJORD) == "Halvorsen")
        .map(|m| &a.entities[m.entity]);
    assert_eq!(halvorsen.map(|e| e.name.as_str()), Some("Ingrid Halvorsen"));
    assert_eq!(halvorsen.map(|e| e.kind), Some(EntityKind::Person));
    assert_eq!(
        halvorsen.map(|e| e.key.as_str()),
        Some("person:ingrid halvorsen")
    );
    let oslo = a
        .mentions
        .first()
        .map(|m| (m.span.slice(FJORD), &a.entities[m.entity]));
    assert_eq!(
        oslo.map(|(s, e)| (s, e.name.as_str(), e.kind)),
        Some(("OSLO", "Oslo", EntityKind::Place))
    );
    // Mentions are sorted and do not overlap.
    assert!(
        a.mentions
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start)
    );
}

#[test]
fn names_only_in_flagged_segments_are_dropped() {
    let text = "Ingrid Halvorsen opened the bridge.\n\nMORE: Singer Tove Lunde cancels her tour";
    let cleaned = support::clean(
        text,
        &[(
            "MORE: Singer Tove Lunde cancels her tour",
            SegmentKind::Promo,
        )],
    );
    let a = annotate(&support::article("t", text), &cleaned);
    assert!(a.entities.iter().any(|e| e.name == "Ingrid Halvorsen"));
    assert!(a.entities.iter().all(|e| e.name != "Tove Lunde"));
    assert!(a.mentions.iter().all(|m| m.entity < a.entities.len()));
}

#[test]
fn speculation_is_writer_voice_only() {
    let text = "The ferry line said delays were likely to grow. The silence appears to signal a retreat. \
“Could it be worse?” Holm said.";
    let a = ann(text);
    let cleaned = support::clean(text, &[]);
    let flagged: Vec<&str> = a
        .speculative
        .iter()
        .map(|&i| cleaned.segments[i].span.slice(text))
        .collect();
    assert_eq!(flagged, ["The silence appears to signal a retreat."]);
}

proptest::proptest! {
    #[test]
    fn never_panics_and_keeps_invariants(s in "(\\PC|[“”\"’'\n .,:A-Z]){0,300}") {
        let a = ann(&s);
        for m in &a.mentions {
            proptest::prop_assert!(s.get(m.span.start..m.span.end).is_some());
            proptest::prop_assert!(m.entity < a.entities.len());
        }
        proptest::prop_assert!(a.mentions.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        proptest::prop_assert!(a.quotes.windows(2).all(|w| w[0].span.start <= w[1].span.start));
        for q in &a.quotes {
            proptest::prop_assert!(s.get(q.span.start..q.span.end).is_some());
            proptest::prop_assert!(q.speaker.is_none_or(|e| e < a.entities.len()));
        }
    }

    #[test]
    fn structured_news_like_text_never_panics(
        words in proptest::collection::vec("(Anna|Berg|said|the|“|”|\"|President|OSLO|—|,|\\.|\n\n|minister|he|Kyiv|NCT|of|Port|’s|appears to|\\?)", 0..120)
    ) {
        let s = words.join(" ");
        let a = ann(&s);
        for m in &a.mentions {
            proptest::prop_assert!(s.get(m.span.start..m.span.end).is_some());
        }
    }
}

#[test]
fn large_input_runs_in_linear_time() {
    let para = "Ingrid Halvorsen said the ferry “would run again”, the Norwegian minister said. \
Halvorsen’s office in Oslo agreed.";
    let text = vec![para; 20_000].join("\n\n");
    let start = std::time::Instant::now();
    let a = ann(&text);
    assert_eq!(a.quotes.len(), 20_000);
    // Debug build; a quadratic step would take minutes here.
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

/// Titles that sit inside a capitalised run, after an office or a place, are
/// stripped too; a single word after a title is not taken for a person.
#[test]
fn titles_inside_a_run_are_stripped() {
    let text = "Harbour City Mayor Ines Varga met Secretary of State Tomas Ruel and \
        Port Authority Chairman Olaf Brandt on Friday.\n\n\
        “The quay reopens in May,” Varga said. Workers at General Motors were not affected.";
    let a = ann(text);
    let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
    for person in ["Ines Varga", "Tomas Ruel", "Olaf Brandt"] {
        let entity = a.entities.iter().find(|e| e.name == person);
        assert!(
            entity.is_some_and(|e| e.kind == EntityKind::Person),
            "{person} in {names:?}"
        );
    }
    assert!(!names.contains(&"Motors"), "{names:?}");
    assert_eq!(
        speaker(&a, text, "The quay reopens in May"),
        Some("Ines Varga")
    );
}
