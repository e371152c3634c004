//! Which entities are spelled differently across a story, and which forms show it.
//!
//! A story entity always has several surface forms ("Andriy Sokolovskyy",
//! "Sokolovskyy", the dateline "KYIV"); most are just longer or shorter
//! versions of the same name. A *spelling difference* is narrower: two forms
//! with a word that is the same name written differently ("Sokolovskyy" /
//! "Sokolovsky", "Kyiv" / "Kiev", "Paweł" / "Pawel"). Case alone ("KYIV") and
//! a trailing possessive do not count.

use parallax_model::{Spelling, StoryEntity};

/// The words of a name form, lowercased, without a possessive `'s` / `’s`.
fn name_words(form: &str) -> Vec<String> {
    form.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            match lower
                .strip_suffix("'s")
                .or_else(|| lower.strip_suffix("\u{2019}s"))
            {
                Some(stem) if !stem.is_empty() => stem.to_string(),
                _ => lower,
            }
        })
        .collect()
}

/// Two different words that look like spellings of the same word: close in edit
/// distance, more leniently when they start alike (transliterations mostly
/// differ inside the word: Kyiv / Kiev).
fn same_word_spelled_differently(a: &str, b: &str) -> bool {
    if a == b || a.chars().count() < 3 || b.chars().count() < 3 {
        return false;
    }
    let similarity = strsim::normalized_damerau_levenshtein(a, b);
    let same_start = a.chars().next() == b.chars().next();
    similarity >= 0.75 || (same_start && similarity >= 0.5)
}

/// A form with only its letters and digits, lowercased: equal for "Van
/// Tongeren" / "Vantongeren", "al-Assad" / "Al Assad", "Dockers’" / "Dockers'".
fn squashed(form: &str) -> String {
    form.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Two forms that differ only in spacing, hyphens or punctuation (case aside).
fn same_letters_spelled_differently(a: &str, b: &str) -> bool {
    let key = squashed(a);
    !key.is_empty() && key == squashed(b) && a.to_lowercase() != b.to_lowercase()
}

/// True when the story's forms of this entity include two spellings of one word.
pub(crate) fn has_variants(entity: &StoryEntity) -> bool {
    let mut forms: Vec<&String> = entity
        .spellings
        .iter()
        .flat_map(|s| &s.forms)
        .chain(std::iter::once(&entity.name))
        .chain(&entity.aliases)
        .collect();
    forms.sort_unstable();
    forms.dedup();
    let punctuation = forms.iter().enumerate().any(|(i, a)| {
        forms
            .iter()
            .skip(i + 1)
            .any(|b| same_letters_spelled_differently(a, b))
    });
    if punctuation {
        return true;
    }
    let mut words: Vec<String> = forms.iter().flat_map(|f| name_words(f)).collect();
    words.sort_unstable();
    words.dedup();
    words.iter().enumerate().any(|(i, a)| {
        words
            .iter()
            .skip(i + 1)
            .any(|b| same_word_spelled_differently(a, b))
    })
}

/// True when `form` spells a word of the canonical `name` differently.
pub(crate) fn is_variant_form(form: &str, name: &str) -> bool {
    if same_letters_spelled_differently(form, name) {
        return true;
    }
    let canonical = name_words(name);
    name_words(form).iter().any(|w| {
        canonical
            .iter()
            .any(|c| same_word_spelled_differently(w, c))
    })
}

/// The forms worth showing for one article: duplicates that differ only in case
/// dropped, and forms whose words all appear in a longer form of the same
/// article dropped ("Sokolovskyy" next to "Andriy Sokolovskyy"). Order kept.
pub(crate) fn display_forms(spelling: &Spelling) -> Vec<&str> {
    let forms: Vec<(&str, Vec<String>)> = spelling
        .forms
        .iter()
        .map(|f| (f.as_str(), name_words(f)))
        .collect();
    let mut shown: Vec<&str> = Vec::new();
    let mut shown_words: Vec<&Vec<String>> = Vec::new();
    for (i, (form, words)) in forms.iter().enumerate() {
        if words.is_empty() || shown_words.contains(&words) {
            continue;
        }
        let covered = forms.iter().enumerate().any(|(j, (_, other))| {
            j != i && other.len() > words.len() && words.iter().all(|w| other.contains(w))
        });
        if !covered {
            shown.push(form);
            shown_words.push(words);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_model::EntityKind;

    fn entity(name: &str, spellings: &[&[&str]]) -> StoryEntity {
        StoryEntity {
            name: name.into(),
            kind: EntityKind::Person,
            key: "person:x".into(),
            aliases: vec![],
            spellings: spellings
                .iter()
                .enumerate()
                .map(|(i, forms)| Spelling {
                    article: format!("a{i}"),
                    outlet: format!("Outlet {i}"),
                    forms: forms.iter().map(|f| f.to_string()).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn transliterations_are_variants() {
        let e = entity(
            "Andriy Sokolovskyy",
            &[
                &["Andriy Sokolovskyy", "Sokolovskyy"],
                &["Andrii Sokolovsky"],
            ],
        );
        assert!(has_variants(&e));
        assert!(has_variants(&entity(
            "Kyiv",
            &[&["Kyiv", "KYIV"], &["Kiev"]]
        )));
        assert!(has_variants(&entity(
            "Paweł Kruk",
            &[&["Paweł Kruk"], &["Pawel Kruk"]]
        )));
        assert!(has_variants(&entity(
            "Jan Vantongeren",
            &[&["Jan Vantongeren"], &["Jan Van Tongeren"]]
        )));
        assert!(has_variants(&entity(
            "Scheldt Dockers’ Union",
            &[&["Scheldt Dockers’ Union"], &["Scheldt Dockers' Union"]]
        )));
    }

    #[test]
    fn shorter_forms_case_and_possessives_are_not_variants() {
        let e = entity(
            "Oksana Hrytsenko",
            &[
                &["Oksana Hrytsenko", "Hrytsenko", "Hrytsenko’s"],
                &["OKSANA HRYTSENKO"],
            ],
        );
        assert!(!has_variants(&e));
        assert!(!has_variants(&entity("Xi Jinping", &[&["Xi"], &["Li"]])));
    }

    #[test]
    fn variant_forms_are_judged_against_the_canonical_name() {
        assert!(is_variant_form("Andrii Sokolovsky", "Andriy Sokolovskyy"));
        assert!(is_variant_form("Kiev", "Kyiv"));
        assert!(!is_variant_form("KYIV", "Kyiv"));
        assert!(!is_variant_form("Sokolovskyy", "Andriy Sokolovskyy"));
        assert!(is_variant_form("Van Tongeren", "Vantongeren"));
    }

    #[test]
    fn display_forms_keep_the_fullest_distinct_forms() {
        let s = Spelling {
            article: "a".into(),
            outlet: "A".into(),
            forms: vec![
                "Sokolovskyy".into(),
                "Andriy Sokolovskyy".into(),
                "ANDRIY SOKOLOVSKYY".into(),
                "the Ukrainian president".into(),
            ],
        };
        assert_eq!(
            display_forms(&s),
            ["Andriy Sokolovskyy", "the Ukrainian president"]
        );
    }
}
