//! The output invariants of `clean` on arbitrary text: it never panics, and
//! paragraphs and segments keep the contract documented in the crate root.

use parallax_clean::clean;
use parallax_model::{Article, Cleaned, SegmentKind};
use proptest::prelude::*;

fn article(text: &str) -> Article {
    Article {
        id: "prop".into(),
        source: None,
        url: None,
        title: String::new(),
        published: None,
        language: None,
        text: text.to_string(),
    }
}

/// Checks every documented invariant, returning the first violation.
fn check(text: &str, cleaned: &Cleaned) -> Result<(), String> {
    let on_boundary = |i: usize| text.is_char_boundary(i);
    let mut previous_end = 0;
    for (i, p) in cleaned.paragraphs.iter().enumerate() {
        let slice = text
            .get(p.start..p.end)
            .ok_or(format!("paragraph {i} off boundary"))?;
        if slice.is_empty() || slice.trim() != slice {
            return Err(format!("paragraph {i} empty or untrimmed: {slice:?}"));
        }
        if slice.split('\n').any(|line| line.trim().is_empty()) {
            return Err(format!("paragraph {i} contains a blank line"));
        }
        let gap = text
            .get(previous_end..p.start)
            .ok_or("paragraphs out of order")?;
        if !gap.trim().is_empty() {
            return Err(format!("non-whitespace between paragraphs: {gap:?}"));
        }
        if i > 0 && gap.matches('\n').count() < 2 {
            return Err(format!(
                "paragraphs {} and {i} not separated by a blank line",
                i - 1
            ));
        }
        previous_end = p.end;
    }
    if !text.get(previous_end..).unwrap_or("x").trim().is_empty() {
        return Err("text after the last paragraph".into());
    }

    let mut previous_end = 0;
    for (i, s) in cleaned.segments.iter().enumerate() {
        if !on_boundary(s.span.start) || !on_boundary(s.span.end) || s.span.start > s.span.end {
            return Err(format!("segment {i} off boundary"));
        }
        let slice = s.span.slice(text);
        if slice.is_empty() || slice.trim() != slice {
            return Err(format!("segment {i} empty or untrimmed: {slice:?}"));
        }
        let paragraph = cleaned
            .paragraphs
            .get(s.paragraph)
            .ok_or("bad paragraph index")?;
        if !paragraph.contains(s.span) {
            return Err(format!("segment {i} outside its paragraph"));
        }
        // Sorted, non-overlapping, and only whitespace left uncovered.
        let gap = text
            .get(previous_end..s.span.start)
            .ok_or("segments out of order")?;
        if !gap.trim().is_empty() {
            return Err(format!("uncovered text before segment {i}: {gap:?}"));
        }
        if s.kind == SegmentKind::Speculation {
            return Err("clean never sets speculation".into());
        }
        previous_end = s.span.end;
    }
    if !text.get(previous_end..).unwrap_or("x").trim().is_empty() {
        return Err("uncovered text after the last segment".into());
    }
    Ok(())
}

/// News-like text: capitals, terminators, quotes, abbreviations, blank lines.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("a.m. ".to_string()),
        Just("3.5 ".to_string()),
        Just("said. ".to_string()),
        Just("“Yes.” ".to_string()),
        Just("\"No,\" he said. ".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n \r\n".to_string()),
        Just("Read more: ".to_string()),
        Just("READ MORE".to_string()),
        Just("(Reporting by A; Editing by B)".to_string()),
        Just("Photo: ".to_string()),
        Just("Jo Bell is the Post’s correspondent. ".to_string()),
        Just("Copyright 2030 ".to_string()),
        "[A-Za-zÄé日 .!?…”“’\"'()\\n\t\u{a0}\u{2003}]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn invariants_hold_on_arbitrary_unicode(text in any::<String>()) {
        let cleaned = clean(&article(&text));
        prop_assert_eq!(check(&text, &cleaned), Ok(()));
    }

    #[test]
    fn invariants_hold_on_news_like_text(text in newsish()) {
        let cleaned = clean(&article(&text));
        prop_assert_eq!(check(&text, &cleaned), Ok(()));
    }
}

#[test]
fn copyright_notice_inside_a_body_paragraph_is_boilerplate() {
    let text = "Crews cleared the road on Monday. Copyright 2031 Coastline Wire.";
    let cleaned = clean(&article(text));
    let kinds: Vec<_> = cleaned.segments.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SegmentKind::Body, SegmentKind::Boilerplate]);
}

#[test]
fn a_megabyte_of_text_keeps_the_invariants() {
    let paragraph = "KYIV — Mr. Ortiz said on Monday that 3.5 percent “was enough.” He left at 9 a.m. Read more below.\n\n";
    let mut text = paragraph.repeat(1_000_000 / paragraph.len());
    // One huge paragraph without any sentence end, and one without spaces.
    text.push_str(&"word ".repeat(50_000));
    text.push_str("\n\n");
    text.push_str(&".".repeat(50_000));
    let cleaned = clean(&article(&text));
    assert_eq!(check(&text, &cleaned), Ok(()));
    assert_eq!(cleaned.paragraphs.len(), 1_000_000 / paragraph.len() + 2);
}
