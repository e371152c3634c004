//! Which paragraphs and sentences are not reporting.
//!
//! Classification is per paragraph: site furniture comes in whole paragraphs
//! (a footer, a "Read more" line, a caption), so a flagged paragraph flags all
//! of its sentences. The only sentence-level cue is a copyright notice, which
//! some sites glue to the end of a body paragraph.

use parallax_model::{SegmentKind, Span};
use parallax_text::{fold, words};

use crate::cues::{
    BOILERPLATE_ANYWHERE, BOILERPLATE_STARTS, CALLS_TO_ACTION, CAPTION_ENDINGS, CAPTION_MARKERS,
    CONTRIBUTOR_ENDINGS, DOWNLOAD_START, LABEL_SEPARATORS, NEWSLETTER_WORDS, PROMO_LABELS,
    PROMO_SHOUTED_LABELS, PROMO_STARTS, ROLE_WORDS, SERIES_START, SHORT_PROMO_PHRASES,
    SIGN_UP_STARTS, VIDEO_MARKER, WIRE_CREDIT_STARTS,
};
use crate::matching::{contains_ci, is_single_line, starts_with_ci, starts_with_word};
use crate::sentences::sentences;

/// Longest paragraph that may be a wire credit line.
const WIRE_CREDIT_MAX: usize = 400;
/// Longest paragraph that may be a contributor credit.
const CONTRIBUTOR_MAX: usize = 250;
/// Longest paragraph that may be a photo caption.
const CAPTION_MAX: usize = 400;
/// Longest paragraph in which a bare call to action ("click here") flags it.
const SHORT_PROMO_MAX: usize = 200;
/// Longest headline promoted after a bare label ("READ MORE" on its own line).
const PROMOTED_HEADLINE_MAX: usize = 160;
/// How many headlines a bare label may introduce.
const PROMOTED_HEADLINES_MAX: usize = 3;
/// Bios sit in the last paragraphs of an article.
const BIO_WINDOW: usize = 3;
/// A bio names its subject first: the " is " must come this early.
const BIO_NAME_MAX: usize = 80;

/// The kind of every paragraph of `text`, same order as `paragraphs`.
pub(crate) fn paragraph_kinds(text: &str, paragraphs: &[Span]) -> Vec<SegmentKind> {
    let count = paragraphs.len();
    let mut kinds = Vec::with_capacity(count);
    // Headlines still to be taken as promotion after a bare label.
    let mut promoted_left = 0;
    for (index, span) in paragraphs.iter().enumerate() {
        let paragraph = span.slice(text);
        let label = promo_label(paragraph);
        let kind = if is_boilerplate(paragraph) {
            SegmentKind::Boilerplate
        } else if label.is_some() || is_promo(paragraph) {
            SegmentKind::Promo
        } else if promoted_left > 0 && is_promoted_headline(paragraph) {
            promoted_left -= 1;
            SegmentKind::Promo
        } else if is_caption(paragraph) {
            SegmentKind::Caption
        } else if index + BIO_WINDOW >= count && is_bio(paragraph) {
            SegmentKind::Bio
        } else {
            SegmentKind::Body
        };
        if label == Some(Label::Bare) {
            promoted_left = PROMOTED_HEADLINES_MAX;
        } else if kind != SegmentKind::Promo {
            promoted_left = 0;
        }
        kinds.push(kind);
    }
    kinds
}

/// The kind of one sentence of a body paragraph: boilerplate for a copyright
/// notice, else body.
pub(crate) fn sentence_kind(sentence: &str) -> SegmentKind {
    if is_copyright_notice(sentence) || contains_any(sentence, BOILERPLATE_ANYWHERE) {
        SegmentKind::Boilerplate
    } else {
        SegmentKind::Body
    }
}

fn contains_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| text.contains(n))
}

fn contains_any_ci(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| contains_ci(text, n))
}

/// "Copyright 2026 Meridian Wire.", "Copyright © ...", "© 2026 ...".
fn is_copyright_notice(text: &str) -> bool {
    text.starts_with('©')
        || text.strip_prefix("Copyright ").is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_digit() || c == '©') || rest.starts_with("(c)")
        })
}

fn is_boilerplate(paragraph: &str) -> bool {
    BOILERPLATE_STARTS.iter().any(|s| paragraph.starts_with(s))
        || is_copyright_notice(paragraph)
        || contains_any(paragraph, BOILERPLATE_ANYWHERE)
        || (paragraph.contains("has not been edited by") && paragraph.contains("staff"))
        || is_wire_credit(paragraph)
        || (paragraph.len() <= CONTRIBUTOR_MAX
            && CONTRIBUTOR_ENDINGS.iter().any(|e| paragraph.ends_with(e)))
}

/// "(Reporting by Anouk Smit; Editing by Claire Hatton)". Without the
/// brackets a credit needs a second credit ("...; Editing by ..."), so that
/// "Reporting by local radio suggested ..." stays reporting.
fn is_wire_credit(paragraph: &str) -> bool {
    if paragraph.len() > WIRE_CREDIT_MAX {
        return false;
    }
    let bracketed = paragraph
        .strip_prefix('(')
        .and_then(|p| p.strip_suffix(')'));
    match bracketed {
        Some(inner) => WIRE_CREDIT_STARTS.iter().any(|s| inner.starts_with(s)),
        None => {
            WIRE_CREDIT_STARTS.iter().any(|s| paragraph.starts_with(s))
                && paragraph.match_indices("; ").any(|(i, sep)| {
                    paragraph
                        .get(i + sep.len()..)
                        .is_some_and(|rest| WIRE_CREDIT_STARTS.iter().any(|s| rest.starts_with(s)))
                })
        }
    }
}

/// How a promotion label opens a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// The label alone ("READ MORE"): the next short lines are the headlines.
    Bare,
    /// The label and its headline ("Read more: Baltic states ...").
    Inline,
}

fn promo_label(paragraph: &str) -> Option<Label> {
    let rest = PROMO_SHOUTED_LABELS
        .iter()
        .find(|l| starts_with_word(paragraph, l, false))
        .and_then(|l| paragraph.get(l.len()..))
        .map(|rest| rest.trim_start().trim_start_matches(LABEL_SEPARATORS))
        .or_else(|| {
            PROMO_LABELS.iter().find_map(|l| {
                if !starts_with_ci(paragraph, l) {
                    return None;
                }
                let rest = paragraph.get(l.len()..)?.trim_start();
                if rest.is_empty() {
                    Some(rest)
                } else {
                    rest.strip_prefix(LABEL_SEPARATORS)
                }
            })
        })?;
    if rest.trim().is_empty() {
        Some(Label::Bare)
    } else {
        Some(Label::Inline)
    }
}

/// A headline under a bare label: one short line without a final full stop.
fn is_promoted_headline(paragraph: &str) -> bool {
    paragraph.len() <= PROMOTED_HEADLINE_MAX
        && is_single_line(paragraph)
        && !paragraph.ends_with('.')
}

fn is_promo(paragraph: &str) -> bool {
    PROMO_STARTS
        .iter()
        .any(|s| starts_with_word(paragraph, s, true))
        || (SIGN_UP_STARTS.iter().any(|s| starts_with_ci(paragraph, s))
            && contains_any_ci(paragraph, NEWSLETTER_WORDS))
        || (starts_with_ci(paragraph, DOWNLOAD_START) && mentions_word(paragraph, "app"))
        || (paragraph.starts_with(SERIES_START) && contains_any_ci(paragraph, CALLS_TO_ACTION))
        || (paragraph.len() <= SHORT_PROMO_MAX && contains_any_ci(paragraph, SHORT_PROMO_PHRASES))
}

fn mentions_word(text: &str, word: &str) -> bool {
    words(text).any(|w| w.text.eq_ignore_ascii_case(word))
}

fn is_caption(paragraph: &str) -> bool {
    if paragraph.len() > CAPTION_MAX {
        return false;
    }
    let tail = paragraph.trim_end_matches([')', '.', ' ']);
    contains_any(paragraph, CAPTION_MARKERS)
        || CAPTION_ENDINGS.iter().any(|e| tail.ends_with(e))
        || (paragraph.len() <= SHORT_PROMO_MAX && paragraph.contains(VIDEO_MARKER))
}

/// "Jana Petrovic is the Herald’s diplomatic correspondent. She ...": a
/// capitalised name of two or three words, " is a/an/the ", and a journalism
/// role in the first sentence.
fn is_bio(paragraph: &str) -> bool {
    let Some(is_at) = paragraph.find(" is ").filter(|&i| i <= BIO_NAME_MAX) else {
        return false;
    };
    let (Some(name), Some(after)) = (paragraph.get(..is_at), paragraph.get(is_at + 4..)) else {
        return false;
    };
    // "is a/the ... editor", or "is Example Daily's ... editor".
    let describes = ["a ", "an ", "the "].iter().any(|a| after.starts_with(a))
        || after.starts_with(char::is_uppercase);
    if !is_person_name(name) || !describes {
        return false;
    }
    let first = sentences(paragraph)
        .next()
        .and_then(|(s, e)| paragraph.get(s..e))
        .unwrap_or(paragraph);
    names_journalism_role(first)
}

/// Two or three capitalised words: "Jana Petrovic", "Mary-Ann O’Neill".
fn is_person_name(name: &str) -> bool {
    let mut count = 0;
    for token in name.split(' ') {
        count += 1;
        let mut chars = token.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase);
        if !capitalised || !chars.all(|c| c.is_alphabetic() || "-.’'".contains(c)) {
            return false;
        }
    }
    (2..=3).contains(&count)
}

fn names_journalism_role(sentence: &str) -> bool {
    let mut previous_was_author = false;
    for word in words(sentence) {
        let folded = fold(word.text);
        if previous_was_author && folded == "of" {
            return true;
        }
        let singular = folded.strip_suffix('s').unwrap_or(&folded);
        if ROLE_WORDS.contains(&folded.as_str()) || ROLE_WORDS.contains(&singular) {
            return true;
        }
        previous_was_author = folded == "author";
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paragraphs::paragraph_spans;

    fn kinds(text: &str) -> Vec<SegmentKind> {
        paragraph_kinds(text, &paragraph_spans(text))
    }

    use SegmentKind::*;

    #[test]
    fn boilerplate_footers_and_credits() {
        for p in [
            "According to the criteria of the Fenwick Press Council, this is a news report.",
            "(Reporting by Ivo Marsh; Editing by Pia Lund)",
            "(Writing by Ivo Marsh)",
            "Reporting by Ivo Marsh; Editing by Pia Lund",
            "This story was provided by Coastline Wire and has not been edited by Fenwick Gazette staff.",
            "Copyright 2031 Coastline Wire. All rights reserved.",
            "© 2031 Fenwick Gazette",
            "This article was originally published on the Fenwick Gazette website.",
            "Our standards: The Fenwick Gazette follows the Coastline editorial code.",
            "Correction: An earlier version misstated the mayor's age.",
            "Ida Crane in Lisbon contributed to this report.",
        ] {
            assert_eq!(kinds(p), [Boilerplate], "{p}");
        }
    }

    #[test]
    fn sources_and_reporting_stay_body() {
        for p in [
            "According to ship-tracking data, 12 ferries were held in the harbour on Monday.",
            "Exports rose 4 percent, according to the fisheries ministry.",
            "More than 300 lorries waited at the crossing.",
            "Subscribers to the water utility will pay 8 percent more from May.",
            "The council said residents could subscribe to flood alerts by text message, which 4,000 people have done since the storm in January.",
            "Reporting by local radio suggested the bridge would reopen on Friday, but engineers disagreed with that estimate in a report published late on Thursday evening.",
            "The agency distributed the photo to newspapers.",
            "Copyright lawyers said the ruling was narrow.",
        ] {
            assert_eq!(kinds(p), [Body], "{p}");
        }
    }

    #[test]
    fn promotion_labels_and_calls_to_action() {
        for p in [
            "Read more: Ferry strike ends after nine days",
            "MORE: Mayor Ortiz wins second term",
            "READ MORE Ferry strike ends",
            "Related: Floods close coastal road",
            "See also: Harbour fees rise",
            "Watch: The flood in 60 seconds",
            "Sign up for our evening newsletter to get the headlines first.",
            "Subscribe to the Fenwick Gazette for unlimited access.",
            "Follow us on social media for live updates.",
            "Download our app for breaking news alerts.",
            "Download the Gazette app",
            "Click here to read the full report.",
            "This article is part of our Coast series. Sign up to get every episode.",
        ] {
            assert_eq!(kinds(p), [Promo], "{p}");
        }
        assert_eq!(
            kinds("This article is part of a year-long investigation by the Gazette into housing."),
            [Body]
        );
    }

    #[test]
    fn bare_label_flags_the_promoted_headlines_only() {
        let text = "Crews repaired the dam.\n\nREAD MORE\n\nFerry strike ends after nine days\n\nHarbour fees rise?\n\nThe mayor visited the site on Tuesday.";
        assert_eq!(kinds(text), [Body, Promo, Promo, Promo, Body]);
        let text = "Related\n\nThe mayor visited the site on Tuesday and promised new funds.";
        assert_eq!(kinds(text), [Promo, Body]);
    }

    #[test]
    fn captions_and_credits() {
        for p in [
            "Mayor Ortiz at the flooded quay on Monday. Photo: Ida Crane / Fenwick Gazette",
            "Volunteers fill sandbags. (Photo by Ida Crane / Fenwick Gazette)",
            "Rescue boats on the river. Jo Bell / AP",
            "Firefighters at the scene. (AP Photo/Jo Bell)",
            "Crowds outside the stadium. Jo Bell/Getty Images",
            "Video: Drone footage of the flooded valley",
            "Photograph: Ida Crane",
        ] {
            assert_eq!(kinds(p), [Caption], "{p}");
        }
        for p in [
            "Getty Images said it had withdrawn the picture.",
            "The agency's largest client is Getty Images.",
            "Credit card spending fell 2 percent in March, the central bank said.",
        ] {
            assert_eq!(kinds(p), [Body], "{p}");
        }
        assert_eq!(
            kinds("More — much more — is needed, the mayor said."),
            [Body]
        );
    }

    #[test]
    fn bio_only_near_the_end_and_with_a_role() {
        let bio = "Ida Crane is the Gazette’s transport correspondent. She covered the floods.";
        let body = "The river rose overnight.";
        let text = format!("{bio}\n\n{body}\n\n{body}\n\n{body}");
        assert_eq!(kinds(&text), [Body, Body, Body, Body]);
        let text = format!("{body}\n\n{body}\n\n{body}\n\n{bio}");
        assert_eq!(kinds(&text), [Body, Body, Body, Bio]);
        let text = format!("{body}\n\nRiver Watch is a charity that monitors floods.");
        assert_eq!(kinds(&text), [Body, Body]);
        let text = format!("{body}\n\nIda Crane is an editorial assistant at the council.");
        assert_eq!(kinds(&text), [Body, Body]);
        let text = format!("{body}\n\nPia Lund is the author of three books on the coast.");
        assert_eq!(kinds(&text), [Body, Bio]);
        let text = format!(
            "{body}\n\nJo Vale is Tarn Daily's Breaking News Editor. She is a writer based in Holm."
        );
        assert_eq!(kinds(&text), [Body, Bio]);
        let text = format!("{body}\n\nJo Vale is Tarn Council's new chief executive.");
        assert_eq!(kinds(&text), [Body, Body]);
    }

    #[test]
    fn copyright_sentence_inside_a_body_paragraph() {
        assert_eq!(sentence_kind("Copyright 2031 Coastline Wire."), Boilerplate);
        assert_eq!(sentence_kind("Copyright law changed in 2019."), Body);
    }
}
