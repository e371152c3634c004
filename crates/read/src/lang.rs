//! Article language: taken from the input when it says, else detected.

use whatlang::Lang;

/// Detection looks at about this many bytes from the start of the text: enough
/// for a reliable guess, and it keeps the cost per article constant.
const DETECT_BYTES: usize = 1024;

/// Very frequent English function words (lowercase, at most 5 letters). In
/// English news prose they make up a third of all words; in other
/// Latin-script languages only the few that happen to be spelled alike ("in",
/// "is", "a") occur.
fn is_english_marker(lowercase: &[u8]) -> bool {
    matches!(
        lowercase,
        b"the"
            | b"and"
            | b"of"
            | b"to"
            | b"in"
            | b"a"
            | b"is"
            | b"was"
            | b"that"
            | b"for"
            | b"on"
            | b"with"
            | b"said"
            | b"it"
            | b"as"
            | b"by"
            | b"at"
            | b"from"
            | b"has"
            | b"have"
            | b"be"
            | b"were"
            | b"are"
            | b"his"
            | b"her"
            | b"their"
            | b"after"
            | b"will"
            | b"would"
            | b"this"
            | b"who"
            | b"which"
            | b"an"
            | b"had"
            | b"not"
            | b"but"
    )
}

/// The English shortcut needs at least this many words ...
const MIN_WORDS_FOR_SHORTCUT: usize = 20;
/// ... and at least this share of them English markers (percent).
const ENGLISH_MARKER_PERCENT: usize = 25;

/// The ISO 639-1 code of `text`'s language, when confident.
///
/// Plain English is recognised by its function words first: whatlang compares
/// every text against dozens of trigram profiles (a few hundred microseconds
/// per article), which would dominate the reading time of an English corpus.
/// Everything else goes to whatlang, and counts only when it is reliable.
pub(crate) fn detect(text: &str) -> Option<String> {
    let sample = prefix_on_char_boundary(text, DETECT_BYTES);
    if is_plainly_english(sample) {
        return Some("en".to_string());
    }
    let info = whatlang::detect(sample)?;
    info.is_reliable()
        .then(|| iso_639_1(info.lang()).to_string())
}

/// True when the sample is written in ASCII letters and a quarter or more of
/// its words are common English function words.
fn is_plainly_english(sample: &str) -> bool {
    let (mut words, mut markers, mut non_ascii) = (0usize, 0usize, 0usize);
    for word in sample.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        if !word.is_ascii() {
            non_ascii += 1;
        } else if word.len() <= 5 {
            let mut lower = [0u8; 5];
            for (slot, byte) in lower.iter_mut().zip(word.bytes()) {
                *slot = byte.to_ascii_lowercase();
            }
            if is_english_marker(lower.get(..word.len()).unwrap_or_default()) {
                markers += 1;
            }
        }
    }
    words >= MIN_WORDS_FOR_SHORTCUT
        && non_ascii * 10 <= words
        && markers * 100 >= words * ENGLISH_MARKER_PERCENT
}

/// A language tag given by the input (`"en"`, `"EN-gb"`, `"en_US"`) reduced to
/// its lowercase primary subtag. `None` for an empty or implausible tag.
pub(crate) fn normalise_tag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
    let plausible =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    if !plausible {
        return None;
    }
    let lower = primary.to_ascii_lowercase();
    // A three-letter ISO 639-3 code that whatlang knows maps to its 639-1 form.
    Some(match Lang::from_code(lower.as_str()) {
        Some(lang) if lower.len() == 3 => iso_639_1(lang).to_string(),
        _ => lower,
    })
}

/// The longest prefix of `text` of at most `max` bytes that ends on a char boundary.
pub(crate) fn prefix_on_char_boundary(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// whatlang names languages by ISO 639-3; articles use ISO 639-1 where it exists.
fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_languages_as_two_letter_codes() {
        let en = "The port authority said the strike would continue until the union and the terminal operators reached an agreement on automation.";
        let de = "Die Hafenbehörde teilte mit, dass der Streik fortgesetzt werde, bis sich die Gewerkschaft und die Betreiber der Terminals auf eine Lösung geeinigt hätten.";
        let pl = "Władze portu poinformowały, że strajk będzie trwał, dopóki związek zawodowy i operatorzy terminali nie porozumieją się w sprawie automatyzacji.";
        assert_eq!(detect(en).as_deref(), Some("en"));
        assert_eq!(detect(de).as_deref(), Some("de"));
        assert_eq!(detect(pl).as_deref(), Some("pl"));
        assert_eq!(detect(""), None);
    }

    #[test]
    fn english_shortcut_only_takes_english() {
        let en = "The union said the strike would go on until the company had agreed to talks, and that it was ready to meet on Monday with the port's owners.";
        let nl = "De vakbond zei dat de staking zou doorgaan totdat het bedrijf had ingestemd met gesprekken, en dat zij bereid was om maandag in Rotterdam te praten.";
        let fr = "Le syndicat a dit que la grève continuerait tant que la société n'aurait pas accepté de négocier, et qu'il était prêt à se réunir lundi.";
        assert!(is_plainly_english(en));
        assert!(!is_plainly_english(nl));
        assert!(!is_plainly_english(fr));
        assert!(!is_plainly_english("The end."));
        assert_eq!(detect(nl).as_deref(), Some("nl"));
        assert_eq!(detect(fr).as_deref(), Some("fr"));
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(normalise_tag("EN-gb").as_deref(), Some("en"));
        assert_eq!(normalise_tag("pt_BR").as_deref(), Some("pt"));
        assert_eq!(normalise_tag("deu").as_deref(), Some("de"));
        assert_eq!(normalise_tag(" ").as_deref(), None);
        assert_eq!(normalise_tag("english").as_deref(), None);
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix_on_char_boundary("Kyïv", 3), "Ky");
        assert_eq!(prefix_on_char_boundary("Kyïv", 4), "Kyï");
        assert_eq!(prefix_on_char_boundary("ab", 10), "ab");
    }
}
