//! Tokens after which a full stop does not end a sentence.

/// Abbreviations as they are printed, without their final full stop. Matched
/// case-sensitively so that "no." ending a sentence still splits while "No. 10"
/// does not.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col",
    "Sgt", "Capt", "Maj", "Adm", "Cpl", "Rev", "Hon", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "No",
    "Nos", "vs", "etc", "e.g", "i.e", "a.m", "p.m", "U.S", "U.K", "Jan", "Feb", "Aug", "Sept",
    "Oct", "Nov", "Dec", "approx", "Mt", "Ft",
];

/// Longest token (in chars) worth looking at: anything longer is a word.
pub(crate) const MAX_ABBREVIATION_CHARS: usize = 12;

/// True when a full stop right after `token` belongs to an abbreviation, an
/// initial ("J. Smith") or an initialism ("U.N.", "a.m."), not a sentence end.
pub(crate) fn is_abbreviation(token: &str) -> bool {
    ABBREVIATIONS.contains(&token) || is_initial(token) || is_initialism(token)
}

/// A single capital letter: "J" in "J. Smith".
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Single letters joined by full stops: "U.N", "e.g", "D.C".
fn is_initialism(token: &str) -> bool {
    let mut letters = 0;
    for (i, part) in token.split('.').enumerate() {
        let mut chars = part.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
        if i > 8 {
            return false;
        }
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_titles_initials_and_initialisms() {
        for t in ["Mr", "Dr", "Sept", "J", "U.S", "U.N", "a.m", "e.g", "No"] {
            assert!(is_abbreviation(t), "{t}");
        }
        for t in ["no", "address", "I.", "j", "2026", "Kyiv", "", "U..S", "US"] {
            assert!(!is_abbreviation(t), "{t}");
        }
    }
}
