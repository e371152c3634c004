//! The evidence a sentence offers for claim alignment: its content terms with a
//! light extra suffix folding, its numbers, and the story entities it names.
//!
//! The shared stemmer is deliberately conservative; claims in different words
//! need a little more (`queuing`/`queue`, `planned`/`plan`, `delayed`/`delay`),
//! so terms here are folded a step further. The folded term is a matching key,
//! never shown.

use parallax_text::{fold, is_stopword, stem, words};

/// What kind of evidence a feature is; numbers and names weigh more than words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Word,
    Number,
    Entity,
}

impl Kind {
    /// How much more a shared feature of this kind says than a shared word.
    pub(crate) fn boost(self) -> f32 {
        match self {
            Kind::Word => 1.0,
            Kind::Number => 3.0,
            Kind::Entity => 2.0,
        }
    }
}

/// Reporting verbs say who said something, not what happened; they would make
/// every attributed sentence look alike.
const ATTRIBUTION: &[&str] = &["said", "say", "says", "told", "tell", "according", "added"];

/// The matching key of one word, or `None` for function words.
pub(crate) fn term(word: &str) -> Option<(Kind, String)> {
    let folded = fold(word);
    if folded.is_empty() || is_stopword(&folded) || ATTRIBUTION.contains(&folded.as_str()) {
        return None;
    }
    if let Some(number) = number(&folded) {
        // A count under ten ("three years", "3 million") is everywhere; it
        // weighs as a word, not as a figure that pins a fact down.
        let small = number.len() == 1;
        return Some((if small { Kind::Word } else { Kind::Number }, number));
    }
    if folded.chars().count() < 2 {
        return None;
    }
    Some((Kind::Word, light_fold(&folded)))
}

/// Numbers written as words, cardinal and ordinal, with their value: news
/// style spells out small numbers, and outlets differ ("two" / "2", "12th" /
/// "twelfth"). "One", "first" and "second" are left out: "one of the", "for
/// the first time" and "a second" are rarely counts.
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("dozen", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("twentieth", 20),
];

/// `1,200` and `1200` are the same number; `3.5` keeps its point; `12th`,
/// `twelfth` and `twelve` are 12.
fn number(folded: &str) -> Option<String> {
    if let Some((_, n)) = NUMBER_WORDS.iter().find(|(w, _)| *w == folded) {
        return Some(n.to_string());
    }
    let folded = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| {
            folded
                .strip_suffix(s)
                .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
        })
        .unwrap_or(folded);
    if !folded.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !folded
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    Some(folded.chars().filter(|c| *c != ',').collect())
}

/// Stem, then fold the endings the shared stemmer keeps: a doubled final
/// consonant left by `-ing`/`-ed` (`plann` → `plan`), a final `e` (`queue`,
/// `queu(ing)` → `queu`) and a final `y` (`delay` → `dela`).
fn light_fold(folded: &str) -> String {
    let stemmed = stem(folded);
    let mut s = stemmed.to_string();
    if stemmed.len() < folded.len() && s.is_ascii() {
        let bytes = s.as_bytes();
        if let [.., a, b] = bytes
            && a == b
            && !matches!(a, b'l' | b's' | b'e' | b'o')
            && a.is_ascii_alphabetic()
        {
            s.pop();
        }
    }
    if s.len() > 3 && (s.ends_with('e') || s.ends_with('y')) {
        s.pop();
    }
    s
}

/// The word and number features of a sentence, each once, leaving out the
/// words inside `names` (byte ranges into `text`): a name counts once, as its
/// entity, not again as words.
pub(crate) fn sentence_terms(text: &str, names: &[(usize, usize)]) -> Vec<(Kind, String)> {
    let mut seen = std::collections::HashSet::new();
    words(text)
        .filter(|w| !names.iter().any(|&(a, b)| w.start >= a && w.end <= b))
        .filter_map(|w| term(w.text))
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: &str) -> String {
        term(w).map(|(_, s)| s).unwrap_or_default()
    }

    #[test]
    fn light_folding_matches_inflections() {
        assert_eq!(key("meeting"), key("meet"));
        assert_eq!(key("queuing"), key("queue"));
        assert_eq!(key("delayed"), key("delay"));
        assert_eq!(key("diverted"), key("divert"));
        assert_eq!(key("planned"), key("plan"));
        assert_eq!(key("waiting"), key("wait"));
    }

    #[test]
    fn numbers_are_normalised_and_typed() {
        assert_eq!(term("1,200"), Some((Kind::Number, "1200".to_string())));
        assert_eq!(term("3.5"), Some((Kind::Number, "3.5".to_string())));
        assert_eq!(term("Twelfth"), Some((Kind::Number, "12".to_string())));
        assert_eq!(term("12th"), Some((Kind::Number, "12".to_string())));
        assert_eq!(term("two"), Some((Kind::Word, "2".to_string())));
        assert_eq!(term("2"), Some((Kind::Word, "2".to_string())));
        assert_eq!(term("the"), None);
        assert_eq!(term("said"), None);
    }

    #[test]
    fn sentence_terms_are_unique() {
        let t = sentence_terms("Ferries wait, and ferries waited.", &[]);
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn words_of_names_are_left_to_the_entity() {
        let text = "Ida Marr opened the bridge.";
        let keys: Vec<String> = sentence_terms(text, &[(0, 8)])
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        assert_eq!(keys, [key("opened"), key("bridge")]);
    }
}
