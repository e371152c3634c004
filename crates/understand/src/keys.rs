//! Cross-article identity keys: the same entity must get the same key in every
//! outlet, whatever transliteration or place-name variant the outlet uses.

use crate::places;
use parallax_model::EntityKind;

/// Case, diacritics and apostrophes folded, plus the letters that Unicode
/// normalisation does not decompose (`ł`, `ø`, `ß`...), apostrophes dropped.
pub fn plain_fold(word: &str) -> String {
    let folded = parallax_text::fold(word);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            'ł' => out.push('l'),
            'ø' => out.push('o'),
            'đ' | 'ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            'þ' => out.push_str("th"),
            // Apostrophes, and the full stops of an initialism ("U.S.").
            '\'' | '\u{2019}' | '\u{02BC}' | '.' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Transliteration folding of one already [`plain_fold`]ed token, conservative
/// enough that different names stay apart: `kh` → `h`, `zh` → `z`, `tz` → `ts`,
/// and a final `yy|iy|ii|yi|y|i` → `i` (Sokolovskyy / Sokolovsky / Sokolovskiy,
/// Andriy / Andrii).
pub fn translit(token: &str) -> String {
    let mut s = token
        .replace("kh", "h")
        .replace("zh", "z")
        .replace("tz", "ts");
    for ending in ["yy", "iy", "ii", "yi"] {
        if s.len() > ending.len() + 2 && s.ends_with(ending) {
            s.truncate(s.len() - ending.len());
            s.push('i');
            return s;
        }
    }
    if s.len() > 3 && s.ends_with('y') {
        s.truncate(s.len() - 1);
        s.push('i');
    }
    s
}

/// The matching form of a name token: plain fold then transliteration fold.
pub fn token_key(word: &str) -> String {
    translit(&plain_fold(word))
}

/// The cross-article key of an entity from the words of its fullest name.
/// Persons use given name and surname only (`person:andri sokolovski`); places
/// go through the variant table (`place:kyiv`); titles never reach here.
pub fn entity_key(kind: EntityKind, words: &[&str]) -> String {
    match kind {
        EntityKind::Person => {
            let first = words.first().map(|w| token_key(w)).unwrap_or_default();
            let last = words.last().map(|w| token_key(w)).unwrap_or_default();
            if words.len() >= 2 {
                format!("person:{first} {last}")
            } else {
                format!("person:{first}")
            }
        }
        EntityKind::Place => {
            let plain = join(words, plain_fold);
            match places::canonical(&plain) {
                Some(c) => format!("place:{c}"),
                None => format!("place:{}", join(words, token_key)),
            }
        }
        EntityKind::Organization => format!("org:{}", join(words, token_key)),
        EntityKind::Other => format!("other:{}", join(words, token_key)),
    }
}

/// Folded words joined by single spaces.
pub fn join(words: &[&str], f: fn(&str) -> String) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&f(w));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_token() {
        let a = token_key("Sokolovskyy");
        assert_eq!(a, token_key("Sokolovsky"));
        assert_eq!(a, token_key("Sokolovskiy"));
        assert_eq!(token_key("Andriy"), token_key("Andrii"));
        assert_eq!(token_key("Paweł"), "pawel");
        assert_ne!(token_key("Kruk"), token_key("Krok"));
    }

    #[test]
    fn keys_fold_titles_free_names() {
        assert_eq!(
            entity_key(EntityKind::Person, &["Andriy", "Sokolovskyy"]),
            entity_key(EntityKind::Person, &["Andrii", "Sokolovsky"])
        );
        assert_eq!(entity_key(EntityKind::Place, &["Kiev"]), "place:kyiv");
        assert_eq!(entity_key(EntityKind::Place, &["Odessa"]), "place:odesa");
        assert_eq!(
            entity_key(EntityKind::Organization, &["Scheldt", "Dockers’", "Union"]),
            entity_key(EntityKind::Organization, &["Scheldt", "Dockers'", "Union"])
        );
        assert_ne!(
            entity_key(EntityKind::Person, &["Lena", "Marsh"]),
            entity_key(EntityKind::Person, &["Tomas", "Reyes"])
        );
    }
}
