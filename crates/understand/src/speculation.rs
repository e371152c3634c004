//! Sentences where the writer speculates or gives an opinion, as opposed to
//! reporting: hedges (`could suggest`, `appears to`), opinion markers (`in our
//! view`, `arguably`) and rhetorical questions. Quoted speech is ignored, and a
//! hedge inside a sentence with a reporting verb is the source's, not the writer's.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use parallax_model::{Segment, SegmentKind, Span};

/// The writer's voice whatever else the sentence contains.
const OPINION: &[&str] = &[
    "in our view",
    "in my view",
    "we believe",
    "arguably",
    "it remains to be seen",
    "one wonders",
    "it is unclear whether",
    "it is not clear whether",
    "raises questions",
    "raise questions",
    "perhaps",
    "in our opinion",
    "needless to say",
    "surely",
];

/// The writer drawing an inference with a dummy subject ("If the talks
/// resume, it could suggest that ..."): speculation even when the sentence
/// also reports what someone said or knows.
const INFERENCE: &[&str] = &[
    "it could suggest",
    "it may suggest",
    "it might suggest",
    "it would suggest",
    "this could suggest",
    "this may suggest",
    "this might suggest",
    "which could suggest",
    "which may suggest",
    "it could mean",
    "it would mean",
    "it might mean",
    "this could mean",
    "which could mean",
    "it could signal",
    "this could signal",
    "it could indicate",
    "this could indicate",
    "it is possible that",
    "it's possible that",
    "it is likely that",
    "it's likely that",
    "it is unlikely that",
    "it's unlikely that",
];

/// Hedges: speculation unless attributed to a source in the same sentence.
const HEDGES: &[&str] = &[
    "could suggest",
    "may suggest",
    "might suggest",
    "could signal",
    "may signal",
    "might signal",
    "could indicate",
    "may indicate",
    "might indicate",
    "appears to",
    "appear to",
    "appears designed",
    "appeared designed",
    "seems to",
    "seem to",
    "seemingly",
    "is likely to",
    "are likely to",
    "looks set to",
    "it seems",
    "it appears",
];

/// Reporting verbs: a sentence with one reports someone else's expectation.
const REPORTING: &[&str] = &[
    " said",
    " says",
    " told",
    " according to",
    " warned",
    " warns",
    " expects",
    " expected",
    " believes",
    " predicted",
    " forecast",
    " reported",
    " announced",
    " stated",
    " asked",
    " asks",
    " wondered",
    " wrote",
    " added",
    " argued",
];

/// Indices of body segments that are speculation. `quotes` are quoted spans
/// (inner text), sorted.
pub fn flag(text: &str, segments: &[Segment], quotes: &[Span]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        if seg.kind != SegmentKind::Body {
            continue;
        }
        if is_speculative(text, seg.span, quotes) {
            out.push(i);
        }
    }
    out
}

fn is_speculative(text: &str, span: Span, quotes: &[Span]) -> bool {
    let Some(sentence) = text.get(span.start..span.end) else {
        return false;
    };
    // Blank out quoted speech (marks included) so only the writer's words remain.
    let first = quotes.partition_point(|q| q.end <= span.start);
    let mut writer = String::with_capacity(sentence.len());
    let mut quoted = 0;
    let mut pos = span.start;
    for q in quotes.get(first..).unwrap_or(&[]) {
        if q.start >= span.end {
            break;
        }
        let a = q.start.max(span.start);
        let b = q.end.min(span.end);
        writer.push_str(text.get(pos..a).unwrap_or(""));
        writer.push(' ');
        quoted += b.saturating_sub(a);
        pos = b.max(pos);
    }
    writer.push_str(text.get(pos..span.end).unwrap_or(""));
    if quoted * 2 > sentence.trim().len() {
        return false;
    }
    let lower = writer.to_lowercase();
    let lower = lower.trim_matches(|c: char| c.is_whitespace() || is_mark(c));
    let found = CUES.find(lower);
    if found.writer {
        return true;
    }
    if found.reported {
        return false;
    }
    found.hedge || lower.ends_with('?')
}

/// Every phrase list above in one automaton, so that a sentence is read once
/// whatever the number of phrases.
struct Cues {
    automaton: Option<AhoCorasick>,
    /// The list each pattern comes from, by pattern index.
    kinds: Vec<Cue>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// [`OPINION`] or [`INFERENCE`]: a whole word or phrase.
    Writer,
    /// [`HEDGES`]: a whole word or phrase.
    Hedge,
    /// [`REPORTING`]: anywhere (each starts with a space).
    Reporting,
}

/// What a sentence holds.
#[derive(Default)]
struct Found {
    writer: bool,
    hedge: bool,
    reported: bool,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let lists = [
        (OPINION, Cue::Writer),
        (INFERENCE, Cue::Writer),
        (HEDGES, Cue::Hedge),
        (REPORTING, Cue::Reporting),
    ];
    let (patterns, kinds): (Vec<&str>, Vec<Cue>) = lists
        .iter()
        .flat_map(|(list, cue)| list.iter().map(move |p| (*p, *cue)))
        .unzip();
    Cues {
        automaton: AhoCorasick::new(&patterns).ok(),
        kinds,
    }
});

impl Cues {
    fn find(&self, lower: &str) -> Found {
        let mut found = Found::default();
        let Some(automaton) = &self.automaton else {
            return found;
        };
        // Overlapping, so that "it appears" inside "it appears to" counts too.
        for m in automaton.find_overlapping_iter(lower) {
            let cue = self.kinds.get(m.pattern().as_usize()).copied();
            match cue {
                Some(Cue::Reporting) => found.reported = true,
                Some(cue) if on_word_boundaries(lower, m.start(), m.end()) => match cue {
                    Cue::Writer => found.writer = true,
                    _ => found.hedge = true,
                },
                _ => {}
            }
        }
        found
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}')
}

/// `hay[a..b]` starts and ends on word boundaries.
fn on_word_boundaries(hay: &str, a: usize, b: usize) -> bool {
    let ok_before = hay
        .get(..a)
        .and_then(|s| s.chars().next_back())
        .is_none_or(|c| !c.is_alphanumeric());
    let ok_after = hay
        .get(b..)
        .and_then(|s| s.chars().next())
        .is_none_or(|c| !c.is_alphanumeric());
    ok_before && ok_after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str) -> Vec<Segment> {
        vec![Segment {
            span: Span::new(0, text.len()),
            paragraph: 0,
            kind: SegmentKind::Body,
        }]
    }

    fn flagged(text: &str, quotes: &[Span]) -> bool {
        !flag(text, &seg(text), quotes).is_empty()
    }

    #[test]
    fn writer_hedges_and_opinions_are_flagged() {
        assert!(flagged(
            "The delay could suggest that the ferry line is in trouble.",
            &[]
        ));
        assert!(flagged(
            "The new timetable appears designed to please commuters.",
            &[]
        ));
        assert!(flagged(
            "In our view, the council has waited too long.",
            &[]
        ));
        assert!(flagged("But will the bridge ever open?", &[]));
        // A conditional inference stays the writer's even next to a reporting verb.
        assert!(flagged(
            "If Marr is truly confident that the ferry deal will hold, it could suggest that \
             the council already knows what the port told its staff.",
            &[]
        ));
    }

    #[test]
    fn reporting_and_quotes_are_not() {
        assert!(!flagged(
            "The harbour master said delays were likely to grow.",
            &[]
        ));
        assert!(!flagged(
            "Ferry operators warned passengers to expect delays.",
            &[]
        ));
        // A question the source asks is reporting, not the writer's rhetoric.
        assert!(!flagged(
            "So why, the mayor asked, is the ferry still idle?",
            &[]
        ));
        assert!(!flagged(
            "Forty boats waited outside the harbour on Monday.",
            &[]
        ));
        let text = "“Will it ever open? It appears to be cursed,” Berg said.";
        assert!(!flagged(text, &[Span::new(3, 45)]));
    }

    #[test]
    fn phrases_need_word_boundaries() {
        assert!(!flagged("The shipments appear tomorrow.", &[]));
        assert!(CUES.find("well perhaps not").writer);
        assert!(!CUES.find("perhapsy").writer);
        // A cue inside a longer one still counts: "it appears" in "it appears to".
        let found = CUES.find("it appears to rain");
        assert!(found.hedge && !found.writer && !found.reported);
        assert!(CUES.find("the mayor said it appears to rain").reported);
    }
}
