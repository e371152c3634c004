//! Author names: from JSON-LD, meta tags, microdata, then the visible byline;
//! cleaned of "By", labels, roles, dates, e-mails and the outlet's own name;
//! split on "and" and commas; deduplicated.

use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html};

use super::furniture::is_furniture;
use super::sources::Sources;
use super::stamp::month;
use super::{jsonld, normalise};
use crate::dom::{self, any_of};

/// Class-name parts of visible bylines (as written, like CSS `[class*="byline"]`).
const BYLINE_CLASS_PARTS: &[&str] = &["byl", "Byline", "author", "Author", "contributor"];
/// Id parts of visible bylines.
const BYLINE_ID_PARTS: &[&str] = &["byline", "author"];

fn is_byline(element: &Element) -> bool {
    static CLASS: LazyLock<Regex> = LazyLock::new(|| any_of(BYLINE_CLASS_PARTS, false));
    static ID: LazyLock<Regex> = LazyLock::new(|| any_of(BYLINE_ID_PARTS, false));
    dom::attr(element, "class").is_some_and(|c| CLASS.is_match(c))
        || dom::attr(element, "id").is_some_and(|id| ID.is_match(id))
}

/// Words that introduce a byline, in the sets' languages (lowercase), longest first
/// where one starts another.
const PREFIXES: &[&str] = &[
    "post author by",
    "written by",
    "posted by",
    "published by",
    "reported by",
    "story by",
    "text by",
    "words by",
    "insights from",
    "read more about",
    "about",
    "über",
    "veröffentlicht von",
    "eingestellt von",
    "erstellt von",
    "geschrieben von",
    "verfasst von",
    "ein beitrag von",
    "beitrag von",
    "artikel von",
    "publicado por",
    "escrito por",
    "publié par",
    "écrit par",
    "by",
    "von",
    "text und fotos:",
    "text:",
    "text",
    "interview:",
    "autor:",
    "autorin:",
    "author:",
    "auteur:",
    "autor",
    "autorin",
    "author",
    "auteur",
    "par",
    "por",
    "di",
    "door",
    "av",
    "af",
    "przez",
    "from",
    "vom",
];

/// Words that end a label before the name: "View all posts by Ann Lee" (lowercase).
const BY_WORDS: &[&str] = &[
    "by", "von", "vom", "par", "por", "di", "door", "av", "af", "przez", "from",
];

/// Parts of a byline that are not a person (lowercase, whole part).
const NOT_PEOPLE: &[&str] = &[
    "staff",
    "staff writer",
    "editorial staff",
    "redaktion",
    "admin",
    "administrator",
    "editor",
    "editors",
    "the editors",
    "reuters",
    "ap",
    "afp",
    "dpa",
    "associated press",
    "guest",
    "gast",
    "anonymous",
    "unknown",
    "team",
    "newsroom",
    "correspondent",
    "kommentare",
    "comments",
    "name",
    "posted",
    "by",
    "author",
    "the author",
    "autor",
    "written by",
    "publiziert am",
    "veröffentlicht am",
    // A label left alone when the name sits in another element.
    "von",
    "por",
    "par",
    "about",
    "archiv",
    "archive",
    "veröffentlicht",
    "published",
    // Degrees and credentials that a comma split leaves alone.
    "phd",
    "ph.d.",
    "md",
    "m.d.",
    "ma",
    "msc",
    "mba",
    "rn",
    "jr.",
    "sr.",
    "img",
    "image",
    "avatar",
    "photo",
];

/// Words after a name that start its role or the rest of the line (lowercase).
const ROLE_WORDS: &[&str] = &[
    "editor",
    "reporter",
    "writer",
    "founder",
    "co-founder",
    "correspondent",
    "director",
    "manager",
    "head",
    "contributor",
    "contributing",
    "columnist",
    "redakteur",
    "redakteurin",
    "korrespondent",
    "korrespondentin",
    "alle",
    "usa",
    "said",
    "says",
    "sagt",
    "schreibt",
    "wrote",
    "updated",
    "published",
    "posted",
    "last",
    "tech",
    "senior",
    "former",
    "deputy",
    // "lupa am 3. Mai", "Ann at 10:00".
    "am",
    "um",
    "at",
    "on",
];

/// Lowercase words that may sit inside a name ("Nick van Mead", "Walter von Aachen").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "des", "du", "la", "le", "bin",
    "ibn", "al", "zu", "ter", "dos", "y",
];

/// Words that make a name an organisation's (lowercase).
const ORGANISATION_WORDS: &[&str] = &[
    "gmbh",
    "ag",
    "e.v.",
    "inc",
    "inc.",
    "llc",
    "ltd",
    "news",
    "zeitung",
    "magazin",
    "magazine",
    "online",
    "media",
    "team",
    "redaktion",
    "verlag",
    "blog",
    "tv",
    "radio",
    "deutschland",
    "press",
    "group",
    // Newspaper names.
    "herald",
    "times",
    "post",
    "journal",
    "gazette",
    "tribune",
    "daily",
    "chronicle",
    "observer",
    "courier",
    "express",
    "telegraph",
    "weekly",
    "today",
    "review",
];

pub(super) fn read(document: &Html, sources: &Sources, site: Option<&str>) -> Vec<String> {
    let clean = |raw: Vec<String>| tidy(raw, site);
    let mut from_jsonld = Vec::new();
    for object in sources.jsonld.iter().filter(|o| jsonld::is_article(o)) {
        for key in ["author", "creator"] {
            if let Some(v) = object.get(key) {
                jsonld::names(v, &sources.jsonld, &mut from_jsonld);
            }
        }
        if !from_jsonld.is_empty() {
            break;
        }
    }
    let candidates = [
        from_jsonld,
        sources.meta_all("author").to_vec(),
        sources
            .meta_all("article:author")
            .iter()
            .chain(sources.meta_all("parsely-author"))
            .chain(sources.meta_all("sailthru.author"))
            .chain(sources.meta_all("dc.creator"))
            .chain(sources.meta_all("byl"))
            .cloned()
            .collect(),
        microdata(document),
        dom::elements(document)
            .filter(|e| e.value().name() == "a" && dom::has_word(e.value(), "rel", "author"))
            .filter(|e| !is_furniture(*e))
            .map(text)
            .collect(),
    ];
    candidates
        .into_iter()
        .map(clean)
        .find(|names| !names.is_empty())
        .unwrap_or_else(|| visible_byline(document, site))
}

fn text(element: ElementRef) -> String {
    normalise(&element.text().collect::<Vec<_>>().join(" "))
}

fn microdata(document: &Html) -> Vec<String> {
    dom::elements(document)
        .filter(|e| {
            dom::attr(e.value(), "itemprop")
                .is_some_and(|v| dom::holds_any_word(v, &["author", "creator"]))
        })
        .filter(|e| !is_furniture(*e))
        .map(|e| {
            dom::attr(e.value(), "content")
                .map(str::to_string)
                .or_else(|| {
                    dom::descendants(e)
                        .find(|n| dom::has_word(n.value(), "itemprop", "name"))
                        .map(|n| {
                            dom::attr(n.value(), "content").map_or_else(|| text(n), str::to_string)
                        })
                })
                .unwrap_or_else(|| text(e))
        })
        .collect()
}

/// The names in the first short byline element outside comments and
/// sidebars; elements whose class says "name" (`author-name`) first, since
/// their containers often run the name into a date or a role.
fn visible_byline(document: &Html, site: Option<&str>) -> Vec<String> {
    let elements: Vec<ElementRef> = dom::elements(document)
        .filter(|e| is_byline(e.value()))
        .filter(|e| {
            !matches!(
                e.value().name(),
                "body"
                    | "html"
                    | "article"
                    | "main"
                    | "section"
                    | "img"
                    | "meta"
                    | "link"
                    | "script"
                    | "style"
            )
        })
        .filter(|e| {
            let t = text(*e);
            !t.is_empty() && t.chars().count() <= 120
        })
        .filter(|e| !is_furniture(*e))
        .take(12)
        .collect();
    let says_name = |e: &ElementRef| {
        [dom::attr(e.value(), "class"), dom::attr(e.value(), "id")]
            .into_iter()
            .flatten()
            .any(|n| n.to_lowercase().contains("name"))
    };
    elements
        .iter()
        .filter(|e| says_name(e))
        .chain(elements.iter().filter(|e| !says_name(e)))
        .map(|e| tidy(vec![before_date(&text(*e))], site))
        .find(|names| !names.is_empty())
        .unwrap_or_default()
}

/// A byline cut where a date starts: "Chris Carroll30 Sep 2022" -> "Chris Carroll".
fn before_date(line: &str) -> String {
    let Some(cut) = line.find(|c: char| c.is_ascii_digit()) else {
        return line.to_string();
    };
    // The date's month went with it: "Ann Lee June 3" -> "Ann Lee".
    let mut words: Vec<&str> = line[..cut].split_whitespace().collect();
    if words.last().is_some_and(|w| month(w).is_some()) {
        words.pop();
    }
    words.join(" ")
}

/// Clean each raw value, split it into names, drop non-names, deduplicate.
fn tidy(raw: Vec<String>, site: Option<&str>) -> Vec<String> {
    let site = site.map(str::to_lowercase);
    let mut names: Vec<String> = Vec::new();
    for value in raw {
        if value.starts_with("http://") || value.starts_with("https://") || value.starts_with('/') {
            continue;
        }
        for part in split(&value) {
            let Some(name) = person(&part) else { continue };
            let lower = name.to_lowercase();
            // The outlet's name is no author, unless the site is a person's own.
            if site.as_deref() == Some(lower.as_str()) && !looks_like_person(&name) {
                continue;
            }
            if !names.iter().any(|n| n.to_lowercase() == lower) {
                names.push(name);
            }
        }
    }
    names
}

/// Split "A and B", "A, B", "A & B", "A und B", "A; B", "A | B".
fn split(value: &str) -> Vec<String> {
    let mut parts = vec![normalise(value)];
    for sep in [
        ";", " | ", ",", " & ", " and ", " und ", " et ", " y ", " i ", " en ", " e ", " og ",
        " och ", " oraz ",
    ] {
        parts = parts.iter().flat_map(|p| split_ci(p, sep)).collect();
    }
    parts
}

/// Split on a separator, ignoring ASCII case.
fn split_ci(text: &str, sep: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return text.split(sep).map(str::to_string).collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(at) = lower[start..].find(sep) {
        let (Some(part), true) = (
            text.get(start..start + at),
            text.is_char_boundary(start + at + sep.len()),
        ) else {
            return vec![text.to_string()];
        };
        out.push(part.to_string());
        start += at + sep.len();
    }
    out.push(text.get(start..).unwrap_or_default().to_string());
    out
}

/// The person's name in one byline part, or `None` when it is not one.
fn person(part: &str) -> Option<String> {
    let mut name = normalise(part);
    // Leading "By", "Von", ... (repeatedly: "Text: Von ...").
    loop {
        let lower = name.to_lowercase();
        let Some(prefix) = PREFIXES.iter().find(|p| {
            lower.starts_with(*p)
                && lower
                    .get(p.len()..)
                    .is_some_and(|r| r.starts_with([' ', ':']))
                || (p.ends_with(':') && lower.starts_with(*p))
        }) else {
            break;
        };
        let Some(rest) = name.get(prefix.len()..) else {
            break;
        };
        name = rest.trim_start_matches([' ', ':']).to_string();
    }
    name = after_label(&name);
    // Trailing role or date after a dash, bracket or pipe: "Jane Roe (dpa)", "Jane Roe - Reporter".
    for cut in [" (", " - ", " – ", " — ", " /", "|", "\u{a0}", " •", " ·"] {
        if let Some(at) = name.find(cut) {
            name.truncate(at);
        }
    }
    let name = without_role(&name);
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')')
        .to_string();
    let lower = name.to_lowercase();
    let words = name.split_whitespace().count();
    let plausible = !name.is_empty()
        && words <= 5
        && !name.contains('@')
        && !lower.contains("http")
        && !lower.contains("www.")
        && !is_domain(&lower)
        && !name.chars().any(|c| c.is_ascii_digit())
        && name.chars().next().is_some_and(char::is_alphabetic)
        && !NOT_PEOPLE.contains(&lower.as_str())
        && !(words == 1 && month(&lower).is_some());
    plausible.then_some(name)
}

/// The name after a label that ends in "by": "View all posts by Ann Lee",
/// "Zeige alle Beiträge von Ann Lee". A label has a lowercase word that no
/// name holds, which keeps "Walter von Aachen" whole.
fn after_label(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_label_word = |w: &&str| {
        let lower = w.to_lowercase();
        w.chars().next().is_some_and(char::is_lowercase) && !PARTICLES.contains(&lower.as_str())
    };
    let by = words.iter().enumerate().rev().find(|(i, w)| {
        let lower = w.to_lowercase();
        *i > 0
            && *i + 1 < words.len()
            && BY_WORDS.contains(&lower.as_str())
            // "Guide by Ann Lee": an English "by" after one word, a full name after it.
            && (words[..*i].iter().any(is_label_word)
                || (lower == "by" && *i == 1 && words.len() - i > 2))
    });
    match by {
        Some((i, _)) => words[i + 1..].join(" "),
        None => name.to_string(),
    }
}

/// The name without what follows it: a role ("Ann Lee Tech Reporter"), a
/// verb ("Ann Lee says"), or a lowercase word that no name holds ("am Samstag").
fn without_role(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    // In a title-case name a lowercase word ends it; "ann lee" is written so throughout.
    let title_case = words
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    let end = words
        .iter()
        .enumerate()
        .find(|(i, w)| {
            let lower = w.to_lowercase();
            // A role ends the name, even as its first word.
            ROLE_WORDS.contains(&lower.as_str())
                || (*i > 0
                    && title_case
                    && w.chars().next().is_some_and(char::is_lowercase)
                    && !PARTICLES.contains(&lower.as_str()))
        })
        .map_or(words.len(), |(i, _)| i);
    words[..end].join(" ")
}

/// `example.de`, `news.example.com`: a site, not a person.
fn is_domain(lower: &str) -> bool {
    static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|de|at|ch|it|fr|es|nl|uk|eu|io|info|co)$")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    DOMAIN.is_match(lower)
}

/// Whether a site's name is a person's ("Ann Lee" runs her own blog): two to
/// four capitalised words, none an organisation's.
fn looks_like_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            !ORGANISATION_WORDS.contains(&lower.as_str())
                && (PARTICLES.contains(&lower.as_str())
                    || (w.chars().next().is_some_and(char::is_uppercase)
                        && w.chars().skip(1).any(char::is_lowercase)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str, site: Option<&str>) -> Vec<String> {
        let document = Html::parse_document(html);
        let sources = Sources::gather(&document);
        read(&document, &sources, site)
    }

    #[test]
    fn byline_is_cleaned_and_split() {
        let names = tidy(
            vec!["By Mara Quill and Tobias Fenn, Staff".to_string()],
            None,
        );
        assert_eq!(names, vec!["Mara Quill", "Tobias Fenn"]);
    }

    #[test]
    fn urls_emails_dates_and_the_outlet_are_not_people() {
        let raw = vec![
            "https://example.org/people/ann".to_string(),
            "Von Lena Brandt (dpa)".to_string(),
            "news@example.org".to_string(),
            "12.03.2024".to_string(),
            "Eastport Herald".to_string(),
            "eastportherald.com".to_string(),
            "lena brandt".to_string(),
        ];
        assert_eq!(tidy(raw, Some("Eastport Herald")), vec!["Lena Brandt"]);
    }

    #[test]
    fn labels_roles_and_verbs_are_cut_off() {
        let raw = vec![
            "Veröffentlicht von Jonas Albrecht".to_string(),
            "Post author By Wren Halloway".to_string(),
            "Ines Marlow Tech Reporter".to_string(),
            "Ruth Okafor, PhD".to_string(),
        ];
        assert_eq!(
            tidy(raw, None),
            vec![
                "Jonas Albrecht",
                "Wren Halloway",
                "Ines Marlow",
                "Ruth Okafor"
            ]
        );
    }

    #[test]
    fn a_persons_own_site_keeps_her_name() {
        assert_eq!(
            tidy(vec!["Tilda Marsh".to_string()], Some("Tilda Marsh")),
            vec!["Tilda Marsh"]
        );
        assert!(tidy(vec!["Harbour Media".to_string()], Some("Harbour Media")).is_empty());
    }

    #[test]
    fn jsonld_author_reference_is_resolved() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@graph":[{"@type":"NewsArticle","headline":"Pier reopens","author":{"@id":"https://example.org/#ann"}},
                       {"@type":"Person","@id":"https://example.org/#ann","name":"Ann Corrigan"}]}
            </script></head><body><p>Text.</p></body></html>"#;
        assert_eq!(names(html, None), vec!["Ann Corrigan"]);
    }

    #[test]
    fn visible_byline_skips_comments_and_trailing_dates() {
        let html = r#"<html><body><article><h1>Pier reopens</h1>
            <div class="author-box"><span class="author-name">Nick van Hale</span>12 May 2023</div>
            <p>Text.</p></article>
            <div class="comments"><span class="comment-author">Troll says</span></div></body></html>"#;
        assert_eq!(names(html, None), vec!["Nick van Hale"]);
        let glued = r#"<html><body><div class="byline">By Ada Krum30 Sep 2022, 11:07am</div></body></html>"#;
        assert_eq!(names(glued, None), vec!["Ada Krum"]);
    }
}
