//! Modes: one act a shared claim's outlets report as done by one actor and
//! as not done ("Holm signed the accord" / "Holm has not signed it"), or as
//! done and as only intended ("Holm signed" / "Holm will sign").
//!
//! Each sentence's verbs are read with the words that govern them, its
//! verb group ([`mode_of`]): a past form with no marker (`signed`, `had
//! signed`, `was signed`) is done; `not` or `never` with an auxiliary
//! (`has not signed`, `did not sign`, `will not sign`) is not done; `will`,
//! or an infinitive after a word of intention (`plans to sign`, `is expected
//! to sign`), is intended. Hedges (`could`, `can't`, `nearly`,
//! `reportedly`), `not only`, a negated intention (`is not expected to
//! sign`) and anything else say no mode. Two sentences of different
//! outlets compare on a verb of one root whose subject is one story entity:
//! the nearest name before the verb group (a capitalised word in `-ly` is a
//! name, not an adverb), with no subordinate clause between them (`X said
//! that Y signed` is Y's act).
//!
//! Done against not done or intended is a discrepancy only when the latter
//! was published no earlier: reported before the act, it is the story
//! moving on ("will sign" or "has not yet signed" on Monday, "signed" on
//! Tuesday). Without both publication times that cannot be told, and only a
//! plain "has not signed" (no `yet`, `still` or `will`) is compared.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use parallax_model::{
    Discrepancy, DiscrepancyKind, Document, Occurrence, Relation, SharedClaim, Span,
};

/// What a sentence says of an act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Done,
    NotDone,
    Intended,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::Done => "done",
            Mode::NotDone => "not done",
            Mode::Intended => "intended",
        }
    }
}

/// Hedges: an act that could, might or nearly happened is reported with no
/// mode.
const HEDGES: &[&str] = &[
    "could",
    "may",
    "might",
    "would",
    "should",
    "must",
    "can",
    "cannot",
    "need",
    "almost",
    "nearly",
    "allegedly",
    "reportedly",
    "apparently",
    "reputedly",
    "supposedly",
    "purportedly",
    "likely",
    "probably",
    "possibly",
    "perhaps",
];
const FUTURE: &[&str] = &["will", "shall"];
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "having", "did", "does", "do", "was", "were", "is", "are", "be", "been",
    "being",
];
/// What `not` before them makes no negation: `had not only signed`.
const NOT_ONLY: &[&str] = &["only", "just", "merely", "simply"];
/// Words in `-ly` that are no adverb of a verb group.
const NOT_ADVERBS: &[&str] = &[
    "family", "ally", "rally", "supply", "assembly", "early", "july", "italy", "holy", "daily",
    "weekly", "monthly", "yearly", "friendly", "elderly", "only",
];
/// Words of intention an infinitive follows: `plans to sign`.
const INTENDING: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "expected",
    "set",
    "intends",
    "intend",
    "intended",
    "going",
    "poised",
    "due",
    "scheduled",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "promised",
    "promises",
    "aims",
    "about",
];
/// Adverbs that may stand inside a verb group (`has not formally signed`)
/// besides those in `-ly`.
const INSIDE: &[&str] = &[
    "also", "still", "indeed", "again", "now", "soon", "already", "just", "even", "yet", "ever",
    "once", "later", "then",
];
/// Words before a past form that make it an adjective or a noun: `the
/// signed accord`.
const BEFORE_NOUNS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those", "of",
    "in", "on", "for", "with", "at", "by", "from", "about", "into", "as", "newly",
];
/// Words that open a subordinate clause: a name before one is not the
/// subject of a verb after it.
const SUBORDINATORS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "because", "while", "when", "if", "after", "before",
    "since", "although", "though", "whether", "until", "unless", "where", "as",
];
/// Irregular past forms of acts news reports, with their roots.
const IRREGULAR: &[(&str, &str)] = &[
    ("sent", "send"),
    ("sought", "seek"),
    ("made", "make"),
    ("took", "take"),
    ("gave", "give"),
    ("held", "hold"),
    ("met", "meet"),
    ("left", "leave"),
    ("paid", "pay"),
    ("won", "win"),
    ("lost", "lose"),
    ("fought", "fight"),
    ("brought", "bring"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("began", "begin"),
    ("begun", "begin"),
    ("sold", "sell"),
    ("bought", "buy"),
    ("struck", "strike"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("broke", "break"),
    ("broken", "break"),
];

/// The root of a folded verb form, so that its forms meet: `signed`,
/// `signs`, `signing` and `sign`; `endorsed` and `endorse`; `planned` and
/// `plan`.
fn root(folded: &str) -> String {
    if let Some(&(_, base)) = IRREGULAR.iter().find(|(form, _)| *form == folded) {
        return base.to_string();
    }
    let mut r = parallax_text::stem(folded).to_string();
    if r.len() > 3 && r.ends_with('e') {
        r.pop();
    }
    let b = r.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !matches!(b[b.len() - 1], b'l' | b's') {
        r.pop();
    }
    r
}

/// Whether a folded word is a past form: `signed`, or an irregular one.
fn is_past(folded: &str) -> bool {
    folded.ends_with("ed") || IRREGULAR.iter().any(|(form, _)| *form == folded)
}

/// What a word of a verb group does there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marker {
    Not,
    Hedge,
    Future,
    Auxiliary,
    Adverb,
    To,
    Intending,
}

/// The marker word `k` of `words` is before a verb, if any; `proper` says
/// which words the text capitalises (`Kelly` is no adverb).
fn marker(words: &[String], proper: &[bool], k: usize) -> Option<Marker> {
    let w = words[k].as_str();
    Some(match w {
        "not" | "never" => Marker::Not,
        _ if HEDGES.contains(&w) => Marker::Hedge,
        _ if FUTURE.contains(&w) || w.ends_with("'ll") => Marker::Future,
        _ if AUXILIARIES.contains(&w) => Marker::Auxiliary,
        "to" => Marker::To,
        _ if INTENDING.contains(&w) && words.get(k + 1).is_some_and(|n| n == "to") => {
            Marker::Intending
        }
        _ if INSIDE.contains(&w)
            || (w.ends_with("ly") && !proper[k] && !NOT_ADVERBS.contains(&w)) =>
        {
            Marker::Adverb
        }
        _ => return None,
    })
}

/// A verb group with a mode.
#[derive(Debug, PartialEq, Eq)]
struct Group {
    mode: Mode,
    /// The word the group starts at.
    first: usize,
    /// Whether the group expects the act to come: `will`, `yet` or `still`
    /// (`will not sign`, `has not yet signed`).
    pending: bool,
}

/// The verb group ending at word `at`, if it gives its verb a mode. `words`
/// are the sentence's folded words, `proper` which of them the text
/// capitalises.
fn mode_of(words: &[String], proper: &[bool], at: usize) -> Option<Group> {
    let mut markers: Vec<Marker> = Vec::new();
    let mut first = at;
    while first > 0 {
        let k = first - 1;
        // `didn't`, `can't`, `won't`, or `hadn ' t` as some texts space
        // it: a negated auxiliary, whose base says which.
        let spaced = words[k] == "t" && k > 0 && words[k - 1].ends_with('n');
        let base = if spaced {
            words[k - 1].strip_suffix('n')
        } else {
            words[k].strip_suffix("n't")
        };
        if let Some(base) = base {
            markers.extend(match base {
                "ca" | "could" | "would" | "should" | "must" | "might" | "need" => {
                    [Marker::Hedge, Marker::Hedge]
                }
                "wo" => [Marker::Not, Marker::Future],
                _ => [Marker::Not, Marker::Auxiliary],
            });
            first -= if spaced { 2 } else { 1 };
            continue;
        }
        // `had not only signed`: no negation of the act.
        if NOT_ONLY.contains(&words[k].as_str()) && k > 0 && words[k - 1] == "not" {
            return None;
        }
        let Some(m) = marker(words, proper, k) else {
            break;
        };
        markers.push(m);
        first -= 1;
    }
    let has = |m: Marker| markers.contains(&m);
    let mode = if has(Marker::Hedge) {
        return None;
    } else if has(Marker::Not) {
        // `has not signed`, `did not sign`, `will not sign`; a negated
        // intention (`is not expected to sign`) says neither.
        if has(Marker::To) || !(has(Marker::Auxiliary) || has(Marker::Future)) {
            return None;
        }
        Mode::NotDone
    } else if has(Marker::Future) {
        Mode::Intended
    } else if has(Marker::To) {
        // `plans to sign`; any other infinitive (`refused to sign`, `agreed
        // to sign`) is another verb's.
        has(Marker::Intending).then_some(Mode::Intended)?
    } else {
        let before = first.checked_sub(1).map(|k| words[k].as_str());
        let noun = before.is_some_and(|w| BEFORE_NOUNS.contains(&w));
        (is_past(&words[at]) && !noun).then_some(Mode::Done)?
    };
    let pending =
        has(Marker::Future) || words[first..at].iter().any(|w| w == "yet" || w == "still");
    Some(Group {
        mode,
        first,
        pending,
    })
}

/// Longest sentence read, in words: each verb looks back along its
/// sentence for its subject, and a run-on text must not cost the square of
/// its length. News sentences are far shorter.
const MAX_WORDS: usize = 150;

/// One verb of a claim's sentence with its mode and subject.
struct Stated<'a> {
    outlet: &'a str,
    published: Option<DateTime<Utc>>,
    sentence: &'a Occurrence,
    root: String,
    mode: Mode,
    /// Whether the group expects the act to come (`has not yet signed`,
    /// `will not sign`).
    pending: bool,
    /// Story entity index.
    subject: usize,
    /// The verb group, relative to the sentence.
    span: Span,
}

/// What modes are read from in each original article: its publication time
/// and the story entities it names, where.
#[derive(Default)]
pub(crate) struct Moods {
    articles: HashMap<String, Named>,
}

struct Named {
    published: Option<DateTime<Utc>>,
    /// In order: each mention's span and story entity.
    mentions: Vec<(Span, usize)>,
}

impl Moods {
    /// Keep `doc`'s part; `row` maps its local entities to the story's. A
    /// syndicated copy adds nothing.
    pub(crate) fn add(&mut self, doc: &Document, is_copy: bool, row: &[Option<usize>]) {
        if is_copy {
            return;
        }
        let mentions = doc
            .annotations
            .mentions
            .iter()
            .filter_map(|m| Some((m.span, row.get(m.entity).copied().flatten()?)))
            .collect();
        self.articles.insert(
            doc.article.id.clone(),
            Named {
                published: doc.article.published,
                mentions,
            },
        );
    }

    /// The mode discrepancies, claim by claim (`claim` indexes `shared`).
    pub(crate) fn differing(
        &self,
        shared: &[SharedClaim],
        outlets: &HashMap<String, String>,
    ) -> Vec<Discrepancy> {
        let mut out = Vec::new();
        for (claim, c) in shared.iter().enumerate() {
            let stated: Vec<Stated<'_>> = c
                .occurrences
                .iter()
                .flat_map(|o| self.stated(o, outlets))
                .collect();
            let stated = super::sample(stated, |s| (s.root.clone(), s.subject, s.mode.label()));
            let groups = super::differing_groups(&stated, |a, b| {
                a.outlet != b.outlet && a.root == b.root && a.subject == b.subject && differs(a, b)
            });
            out.extend(
                groups
                    .iter()
                    .filter_map(|members| discrepancy(claim, members)),
            );
        }
        out
    }

    /// The verbs of claim sentence `o` that have a mode and a subject.
    fn stated<'a>(
        &'a self,
        o: &'a Occurrence,
        outlets: &'a HashMap<String, String>,
    ) -> Vec<Stated<'a>> {
        let (Some(outlet), Some(named)) = (outlets.get(&o.article), self.articles.get(&o.article))
        else {
            return Vec::new();
        };
        let found: Vec<parallax_text::Word<'_>> = parallax_text::words(&o.text).collect();
        if found.len() > MAX_WORDS {
            return Vec::new();
        }
        let words: Vec<String> = found.iter().map(|w| parallax_text::fold(w.text)).collect();
        let proper: Vec<bool> = found
            .iter()
            .map(|w| w.text.starts_with(char::is_uppercase))
            .collect();
        let from = named.mentions.partition_point(|(s, _)| s.start < o.start);
        let to = named.mentions.partition_point(|(s, _)| s.end <= o.end);
        let mentions = named.mentions.get(from..to).unwrap_or_default();
        let mut out: Vec<Stated<'a>> = Vec::new();
        for (at, w) in found.iter().enumerate() {
            // A verb of the writer's: lowercase, not a short function word.
            if !w.text.starts_with(|c: char| c.is_lowercase())
                || w.text.len() < 3
                || parallax_text::is_stopword(&words[at])
            {
                continue;
            }
            let Some(Group {
                mode,
                first,
                pending,
            }) = mode_of(&words, &proper, at)
            else {
                continue;
            };
            let group_start = found[first].start;
            // The nearest name before the group, unless a subordinate clause
            // opens between them.
            let Some(&(name, subject)) = mentions
                .iter()
                .rev()
                .find(|(s, _)| s.end - o.start <= group_start)
            else {
                continue;
            };
            let subordinate = found
                .iter()
                .zip(&words)
                .filter(|(x, _)| x.start >= name.end - o.start && x.end <= group_start)
                .any(|(_, f)| SUBORDINATORS.contains(&f.as_str()));
            if subordinate {
                continue;
            }
            let root = root(&words[at]);
            if out.iter().any(|s| s.root == root) {
                continue; // a verb's first use in the sentence
            }
            out.push(Stated {
                outlet,
                published: named.published,
                sentence: o,
                root,
                mode,
                pending,
                subject,
                span: Span::new(group_start, w.end),
            });
        }
        out
    }
}

/// Whether two reports of one act by one actor differ in mode.
fn differs(a: &Stated<'_>, b: &Stated<'_>) -> bool {
    let (done, other) = match (a.mode, b.mode) {
        (Mode::Done, Mode::NotDone | Mode::Intended) => (a, b),
        (Mode::NotDone | Mode::Intended, Mode::Done) => (b, a),
        _ => return false,
    };
    match (other.published, done.published) {
        // Reported not done or intended after it was reported done.
        (Some(o), Some(d)) => o >= d,
        // Without both times, only a plain "has not signed": an intention
        // or "has not yet signed" may be the story before the act.
        _ => other.mode == Mode::NotDone && !other.pending,
    }
}

/// One discrepancy of claim `claim` between `members`: each article's verb
/// group (its first), and their modes in the order first given ("done /
/// not done"); none when those wordings do not differ.
fn discrepancy(claim: usize, members: &[&Stated<'_>]) -> Option<Discrepancy> {
    let shown = super::first_per_article(members, |s| &s.sentence.article);
    let mut modes: Vec<Mode> = Vec::new();
    for s in &shown {
        if !modes.contains(&s.mode) {
            modes.push(s.mode);
        }
    }
    if modes.len() < 2 {
        return None; // the wordings shown would not differ
    }
    let what = modes
        .iter()
        .map(|m| m.label())
        .collect::<Vec<_>>()
        .join(" / ");
    let wordings = shown
        .iter()
        .map(|s| super::within(s.sentence, s.span))
        .collect();
    Some(Discrepancy {
        kind: DiscrepancyKind::Mode,
        relation: Relation::Conflict,
        claim: Some(claim),
        quotes: Vec::new(),
        what,
        wordings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(sentence: &str, verb: &str) -> Option<Mode> {
        let found: Vec<parallax_text::Word<'_>> = parallax_text::words(sentence).collect();
        let words: Vec<String> = found.iter().map(|w| parallax_text::fold(w.text)).collect();
        let proper: Vec<bool> = found
            .iter()
            .map(|w| w.text.starts_with(char::is_uppercase))
            .collect();
        let at = words.iter().position(|w| w == verb)?;
        mode_of(&words, &proper, at).map(|g| g.mode)
    }

    #[test]
    fn a_verb_group_says_done_not_done_or_intended() {
        assert_eq!(mode("Holm signed the accord", "signed"), Some(Mode::Done));
        assert_eq!(mode("Holm had signed it", "signed"), Some(Mode::Done));
        assert_eq!(mode("the accord was signed", "signed"), Some(Mode::Done));
        assert_eq!(
            mode("Holm has not formally signed it", "signed"),
            Some(Mode::NotDone)
        );
        assert_eq!(mode("Holm didn't sign it", "sign"), Some(Mode::NotDone));
        assert_eq!(
            mode("the case hadn ’ t been submitted", "submitted"),
            Some(Mode::NotDone)
        );
        assert_eq!(mode("Holm wouldn't sign it", "sign"), None);
        assert_eq!(mode("Holm won't sign it", "sign"), Some(Mode::NotDone));
        assert_eq!(mode("Holm’ll sign it", "sign"), Some(Mode::Intended));
        assert_eq!(mode("Holm will not sign it", "sign"), Some(Mode::NotDone));
        assert_eq!(
            mode("Holm will officially sign it", "sign"),
            Some(Mode::Intended)
        );
        assert_eq!(mode("Holm plans to sign it", "sign"), Some(Mode::Intended));
        assert_eq!(
            mode("Holm is expected to sign it", "sign"),
            Some(Mode::Intended)
        );
        // Hedges, other verbs' infinitives, adjectives and present forms:
        // no mode.
        assert_eq!(mode("Holm could sign it", "sign"), None);
        assert_eq!(mode("Holm could not sign it", "sign"), None);
        assert_eq!(mode("Holm refused to sign it", "sign"), None);
        assert_eq!(mode("the signed accord", "signed"), None);
        assert_eq!(mode("Holm signs it", "signs"), None);
        // A negated intention, `not only`, hedges in any spelling.
        assert_eq!(mode("Holm is not expected to sign it", "sign"), None);
        assert_eq!(mode("Holm does not plan to sign it", "sign"), None);
        assert_eq!(mode("Holm had not only signed it", "signed"), None);
        assert_eq!(mode("Holm can't sign it", "sign"), None);
        assert_eq!(mode("Holm can ’ t sign it", "sign"), None);
        assert_eq!(mode("Holm shouldn't have signed it", "signed"), None);
        assert_eq!(mode("the accord cannot be signed", "signed"), None);
        assert_eq!(mode("Holm nearly signed it", "signed"), None);
        assert_eq!(mode("Holm almost signed it", "signed"), None);
        assert_eq!(mode("Holm reportedly signed it", "signed"), None);
        // A name in -ly is no adverb: the group is `signed` alone.
        let words: Vec<String> = ["governor", "kelly", "signed"].map(String::from).into();
        assert_eq!(
            mode_of(&words, &[false, true, false], 2).map(|g| (g.mode, g.first)),
            Some((Mode::Done, 2))
        );
    }

    #[test]
    fn the_forms_of_a_verb_share_a_root() {
        for (a, b) in [
            ("endorsed", "endorse"),
            ("signed", "signing"),
            ("planned", "plan"),
            ("withdrew", "withdraw"),
            ("overturned", "overturn"),
        ] {
            assert_eq!(root(a), root(b), "{a} / {b}");
        }
        assert_ne!(root("signed"), root("sighed"));
    }
}
