//! The understand stage on the demo corpus, asserting EXPECTED.md sections 2
//! (entities and keys), 3 (quotes and speakers) and 4 (speculation rows).

mod support;

use std::path::PathBuf;
use std::sync::LazyLock;

use parallax_model::{Annotations, Article, Cleaned, EntityKind, QuoteForm, SegmentKind};
use parallax_understand::annotate;

/// Flagged paragraphs from EXPECTED.md section 4 (what the clean stage will flag).
const FLAGGED: &[(&str, SegmentKind)] = &[
    (
        "Read more: Baltic states step up checks on freight trains",
        SegmentKind::Promo,
    ),
    (
        "MORE: Singer Lena Marsh enters rehab, postpones European tour",
        SegmentKind::Promo,
    ),
    (
        "Sign up for our morning briefing: the day’s top stories in your inbox before 7am, every weekday.",
        SegmentKind::Promo,
    ),
    (
        "Jana Petrovic is the Herald’s diplomatic correspondent. She previously reported from Warsaw and Vilnius for the paper for eight years.",
        SegmentKind::Bio,
    ),
    (
        "According to the criteria of the Northgate Editorial Standards Board, this article is a news report based on verified sources and contains no opinion.",
        SegmentKind::Boilerplate,
    ),
    (
        "According to the criteria of the Northgate Editorial Standards Board, this article is an analysis and contains the author's opinion.",
        SegmentKind::Boilerplate,
    ),
    (
        "This story was provided by Meridian Wire and has not been edited by Valley Ledger staff. Copyright 2026 Meridian Wire.",
        SegmentKind::Boilerplate,
    ),
    (
        "(Reporting by Olena Marchenko in Kyiv and Tomasz Wrobel in Warsaw; Editing by Claire Hatton)",
        SegmentKind::Boilerplate,
    ),
    (
        "(Reporting by Anouk Smit; Editing by Claire Hatton)",
        SegmentKind::Boilerplate,
    ),
    (
        "(Reporting by Lucia Ferrer; Editing by Claire Hatton)",
        SegmentKind::Boilerplate,
    ),
    (
        "President Andriy Sokolovskiy during his evening video address in Kyiv on March 12, 2026. Photo: Lars Ek / Meridian Wire",
        SegmentKind::Caption,
    ),
    (
        "Lena Marsh performing at a festival in Glastonbury last June. (Photo by Mira Dalton / Eastbridge Post)",
        SegmentKind::Caption,
    ),
    (
        "Tomas Reyes at a film premiere in Madrid last October. (Photo by Ines Carvalho / Harbour Herald)",
        SegmentKind::Caption,
    ),
];

/// The demo corpus as the reader reads it, once per test binary.
static ARTICLES: LazyLock<Vec<Article>> = LazyLock::new(|| {
    let batch = parallax_read::read_paths(&[PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples"
    ))]);
    assert!(batch.warnings.is_empty(), "{:?}", batch.warnings);
    batch.articles
});

/// Every article id of the demo corpus, in the reader's order.
fn ids() -> Vec<&'static str> {
    ARTICLES.iter().map(|a| a.id.as_str()).collect()
}

fn load(id: &str) -> Article {
    ARTICLES
        .iter()
        .find(|a| a.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("demo article {id} is missing"))
}

struct Run {
    article: Article,
    cleaned: Cleaned,
    ann: Annotations,
}

fn run(id: &str) -> Run {
    let article = load(id);
    assert!(!article.text.is_empty(), "{id} has no text");
    let cleaned = support::clean(&article.text, FLAGGED);
    let ann = annotate(&article, &cleaned);
    Run {
        article,
        cleaned,
        ann,
    }
}

impl Run {
    fn text(&self) -> &str {
        &self.article.text
    }

    /// The entity that the given surface form (its first occurrence) names.
    fn entity_of(&self, form: &str) -> &parallax_model::LocalEntity {
        let m = self
            .ann
            .mentions
            .iter()
            .find(|m| m.span.slice(self.text()) == form)
            .unwrap_or_else(|| panic!("{}: no mention {form:?}", self.article.id));
        &self.ann.entities[m.entity]
    }

    fn key(&self, form: &str) -> String {
        self.entity_of(form).key.clone()
    }

    fn has_mention(&self, form: &str) -> bool {
        self.ann
            .mentions
            .iter()
            .any(|m| m.span.slice(self.text()) == form)
    }

    /// The quote whose text (trailing `,`/`.` trimmed) equals `quoted`.
    fn quote(&self, quoted: &str) -> &parallax_model::Quote {
        let want = quoted.trim_end_matches([',', '.']);
        self.ann
            .quotes
            .iter()
            .find(|q| q.span.slice(self.text()).trim_end_matches([',', '.']) == want)
            .unwrap_or_else(|| {
                panic!(
                    "{}: no quote {quoted:?}; have {:?}",
                    self.article.id,
                    self.quote_texts()
                )
            })
    }

    fn quote_texts(&self) -> Vec<&str> {
        self.ann
            .quotes
            .iter()
            .map(|q| q.span.slice(self.text()))
            .collect()
    }

    fn speaker_name(&self, quoted: &str) -> Option<&str> {
        self.quote(quoted)
            .speaker
            .map(|s| self.ann.entities[s].name.as_str())
    }

    fn speculative_texts(&self) -> Vec<&str> {
        self.ann
            .speculative
            .iter()
            .map(|&i| self.cleaned.segments[i].span.slice(self.text()))
            .collect()
    }
}

/// Section 2: the forms on one row share a key, within and across articles.
#[test]
fn entity_keys_fold_spellings_across_outlets() {
    let herald = run("herald-sokolovskyy-call");
    let northgate = run("northgate-sokolovsky-call");
    let meridian = run("meridian-sokolovskiy-call");
    let eastbridge = run("eastbridge-sokolovskyy-call");
    let sok = herald.key("Andriy Sokolovskyy");
    assert_eq!(herald.key("Sokolovskyy"), sok);
    assert_eq!(eastbridge.key("Andriy Sokolovskyy"), sok);
    assert_eq!(eastbridge.key("Sokolovskyy"), sok);
    assert_eq!(northgate.key("Andrii Sokolovsky"), sok);
    assert_eq!(northgate.key("Sokolovsky"), sok);
    assert_eq!(meridian.key("Andriy Sokolovskiy"), sok);
    assert_eq!(meridian.key("Sokolovskiy"), sok);
    assert_eq!(herald.entity_of("Sokolovskyy").name, "Andriy Sokolovskyy");
    assert_eq!(northgate.entity_of("Sokolovsky").name, "Andrii Sokolovsky");
    assert_eq!(herald.entity_of("Sokolovskyy").kind, EntityKind::Person);
    let kyiv = herald.key("Kyiv");
    assert_eq!(herald.key("KYIV"), kyiv);
    assert_eq!(herald.entity_of("KYIV").name, "Kyiv");
    assert_eq!(meridian.key("Kyiv"), kyiv);
    assert_eq!(eastbridge.key("Kyiv"), kyiv);
    assert_eq!(northgate.key("Kiev"), kyiv);
    assert_eq!(herald.entity_of("Kyiv").kind, EntityKind::Place);
    assert_eq!(herald.key("Odesa"), northgate.key("Odessa"));
    assert_eq!(herald.key("Paweł Kruk"), meridian.key("Pawel Kruk"));
    assert_eq!(
        northgate.key("Oksana Hrytsenko"),
        meridian.key("Oksana Hrytsenko")
    );
    assert_eq!(northgate.key("WARSAW"), herald.key("Warsaw"));
    for r in [&herald, &northgate, &meridian, &eastbridge] {
        assert_eq!(
            r.key("Marta Wielgosz"),
            herald.key("Wielgosz"),
            "{}",
            r.article.id
        );
        assert_eq!(r.key("Lublin"), herald.key("Lublin"));
        assert_eq!(r.key("Warsaw"), herald.key("Warsaw"));
        assert_eq!(r.entity_of("Lublin").kind, EntityKind::Place);
    }
    // Distinct entities stay distinct.
    let keys = [
        &sok,
        &kyiv,
        &herald.key("Marta Wielgosz"),
        &herald.key("Paweł Kruk"),
        &herald.key("Odesa"),
    ];
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            assert_ne!(a, b);
        }
    }
    // Titles stripped: the mention covers the name only.
    assert!(herald.has_mention("Andriy Sokolovskyy"));
    assert!(!herald.has_mention("Ukrainian President Andriy Sokolovskyy"));
    assert_eq!(herald.entity_of("Marta Wielgosz").name, "Marta Wielgosz");
    assert_eq!(northgate.entity_of("Sokolovsky").key, sok);
    assert!(!northgate.has_mention("President Sokolovsky"));
    // The promo line's Lena Marsh is not an entity of the phone-call article.
    assert!(
        northgate
            .ann
            .entities
            .iter()
            .all(|e| e.name != "Lena Marsh")
    );
}

#[test]
fn entity_keys_of_the_other_stories() {
    let same = |a: &str, fa: &str, b: &str, fb: &str, kind: EntityKind| {
        let (ra, rb) = (run(a), run(b));
        assert_eq!(ra.key(fa), rb.key(fb), "{a} {fa} / {b} {fb}");
        assert_eq!(ra.entity_of(fa).kind, kind, "{a} {fa}");
        assert_eq!(rb.entity_of(fb).kind, kind, "{b} {fb}");
    };
    use EntityKind::*;
    for (a, b) in [
        ("northgate-lena-marsh-rehab", "eastbridge-lena-marsh-rehab"),
        ("northgate-lena-marsh-rehab", "ledger-lena-marsh-rehab"),
    ] {
        same(a, "Lena Marsh", b, "Marsh", Person);
        same(a, "Dana Whitlock", b, "Whitlock", Person);
        same(a, "Dublin", b, "Dublin", Place);
    }
    same(
        "meridian-rotterdam-strike",
        "Erik Vermeulen",
        "herald-rotterdam-strike",
        "Erik Vermeulen",
        Person,
    );
    same(
        "meridian-rotterdam-strike",
        "Femke Brouwer",
        "herald-rotterdam-strike",
        "Femke Brouwer",
        Person,
    );
    same(
        "meridian-rotterdam-strike",
        "NCT",
        "herald-rotterdam-strike",
        "Noordzee Container Terminals",
        Organization,
    );
    same(
        "meridian-rotterdam-strike",
        "Havenbond",
        "herald-rotterdam-strike",
        "Havenbond",
        Organization,
    );
    same(
        "meridian-rotterdam-strike",
        "ROTTERDAM",
        "herald-rotterdam-strike",
        "Rotterdam",
        Place,
    );
    same(
        "ledger-rotterdam-strike",
        "Erik Vermeulen",
        "herald-rotterdam-strike",
        "Erik Vermeulen",
        Person,
    );
    for a in [
        "meridian-tomas-reyes-rehab",
        "herald-tomas-reyes-rehab",
        "eastbridge-tomas-reyes-rehab",
    ] {
        same(
            a,
            "Reyes",
            "meridian-tomas-reyes-rehab",
            "Tomas Reyes",
            Person,
        );
        same(
            a,
            "Alicia Moreno",
            "meridian-tomas-reyes-rehab",
            "Moreno",
            Person,
        );
        same(
            a,
            "Greyfield Pictures",
            "meridian-tomas-reyes-rehab",
            "Greyfield Pictures",
            Organization,
        );
        same(a, "Belfast", "meridian-tomas-reyes-rehab", "Belfast", Place);
        same(a, "Seville", "meridian-tomas-reyes-rehab", "Seville", Place);
    }
    same(
        "eastbridge-antwerp-strike",
        "Sofie Janssens",
        "northgate-antwerp-strike",
        "Janssens",
        Person,
    );
    same(
        "eastbridge-antwerp-strike",
        "Pieter Claes",
        "northgate-antwerp-strike",
        "Pieter Claes",
        Person,
    );
    same(
        "eastbridge-antwerp-strike",
        "Scheldt Dockers’ Union",
        "northgate-antwerp-strike",
        "Scheldt Dockers' Union",
        Organization,
    );
    same(
        "herald-wielgosz-coalition",
        "Marta Wielgosz",
        "northgate-wielgosz-coalition",
        "Wielgosz",
        Person,
    );
    same(
        "herald-wielgosz-coalition",
        "Jerzy Malinowski",
        "northgate-wielgosz-coalition",
        "Malinowski",
        Person,
    );
    same(
        "herald-wielgosz-coalition",
        "Paweł Kruk",
        "northgate-wielgosz-coalition",
        "Pawel Kruk",
        Person,
    );
    same(
        "herald-wielgosz-coalition",
        "Kruk",
        "northgate-wielgosz-coalition",
        "Pawel Kruk",
        Person,
    );
    same(
        "herald-wielgosz-coalition",
        "Rural Future",
        "northgate-wielgosz-coalition",
        "Rural Future",
        Organization,
    );
    // The hard negatives keep different people apart.
    assert_ne!(
        run("herald-tomas-reyes-rehab").key("Lena Marsh"),
        run("herald-tomas-reyes-rehab").key("Tomas Reyes")
    );
    assert_ne!(
        run("meridian-rotterdam-strike").key("Rotterdam"),
        run("eastbridge-antwerp-strike").key("Antwerp")
    );
}

/// Section 3: (article, quoted text, form, speaker name as this article spells it).
const QUOTES: &[(&str, &str, QuoteForm, &str)] = &[
    (
        "herald-sokolovskyy-call",
        "It was a long and significant phone call,",
        QuoteForm::Direct,
        "Andriy Sokolovskyy",
    ),
    (
        "northgate-sokolovsky-call",
        "It was a long and meaningful phone call,",
        QuoteForm::Direct,
        "Andrii Sokolovsky",
    ),
    (
        "meridian-sokolovskiy-call",
        "a long and meaningful phone call",
        QuoteForm::Partial,
        "Andriy Sokolovskiy",
    ),
    (
        "herald-sokolovskyy-call",
        "I believe that this call will open a new chapter for our two nations.",
        QuoteForm::Direct,
        "Andriy Sokolovskyy",
    ),
    (
        "northgate-sokolovsky-call",
        "I believe this call will open a new chapter for our two nations,",
        QuoteForm::Direct,
        "Andrii Sokolovsky",
    ),
    (
        "northgate-sokolovsky-call",
        "Our farmers, our hauliers and our border guards deserve clear rules,",
        QuoteForm::Direct,
        "Marta Wielgosz",
    ),
    (
        "meridian-sokolovskiy-call",
        "The blockades hurt both economies and helped neither,",
        QuoteForm::Direct,
        "Pawel Kruk",
    ),
    (
        "herald-sokolovskyy-call",
        "hurt both economies and helped neither",
        QuoteForm::Partial,
        "Paweł Kruk",
    ),
    (
        "northgate-sokolovsky-call",
        "Every day a driver spends in a queue is a day lost for both our economies,",
        QuoteForm::Direct,
        "Oksana Hrytsenko",
    ),
    (
        "northgate-sokolovsky-call",
        "We want the checkpoints working around the clock by the summer.",
        QuoteForm::Direct,
        "Oksana Hrytsenko",
    ),
    (
        "meridian-sokolovskiy-call",
        "the checkpoints working around the clock by the summer",
        QuoteForm::Partial,
        "Oksana Hrytsenko",
    ),
    (
        "herald-sokolovskyy-call",
        "We spoke about the border, about energy and about the safety of our skies.",
        QuoteForm::Direct,
        "Andriy Sokolovskyy",
    ),
    (
        "meridian-sokolovskiy-call",
        "The prime minister wants the border to be boring again.",
        QuoteForm::Direct,
        "Pawel Kruk",
    ),
    (
        "eastbridge-sokolovskyy-call",
        "We are counting every truck and every hour,",
        QuoteForm::Direct,
        "Andriy Sokolovskyy",
    ),
    (
        "eastbridge-sokolovskyy-call",
        "Our soldiers and our farmers both depend on this border,",
        QuoteForm::Direct,
        "Andriy Sokolovskyy",
    ),
    (
        "eastbridge-sokolovskyy-call",
        "within days",
        QuoteForm::Partial,
        "Marta Wielgosz",
    ),
    (
        "northgate-lena-marsh-rehab",
        "I have been running on empty for a long time, and I need to stop before I break,",
        QuoteForm::Direct,
        "Lena Marsh",
    ),
    (
        "eastbridge-lena-marsh-rehab",
        "I have been running on empty for a long time, and I need to stop before I break,",
        QuoteForm::Direct,
        "Lena Marsh",
    ),
    (
        "ledger-lena-marsh-rehab",
        "to stop before I break",
        QuoteForm::Partial,
        "Lena Marsh",
    ),
    (
        "northgate-lena-marsh-rehab",
        "She will take the time she needs.",
        QuoteForm::Direct,
        "Dana Whitlock",
    ),
    (
        "eastbridge-lena-marsh-rehab",
        "She will take the time she needs,",
        QuoteForm::Direct,
        "Dana Whitlock",
    ),
    (
        "northgate-lena-marsh-rehab",
        "Lena made this decision herself, and everyone around her is proud of her for making it,",
        QuoteForm::Direct,
        "Dana Whitlock",
    ),
    (
        "meridian-rotterdam-strike",
        "Nobody is against new technology, but we will not let it be used to throw people on the street,",
        QuoteForm::Direct,
        "Erik Vermeulen",
    ),
    (
        "herald-rotterdam-strike",
        "Nobody is against new technology, but we will not let it be used to throw people on the street,",
        QuoteForm::Direct,
        "Erik Vermeulen",
    ),
    (
        "meridian-rotterdam-strike",
        "We have made a fair offer and the door remains open,",
        QuoteForm::Direct,
        "Femke Brouwer",
    ),
    (
        "herald-rotterdam-strike",
        "a fair offer",
        QuoteForm::Partial,
        "Femke Brouwer",
    ),
    (
        "meridian-rotterdam-strike",
        "A strike does not bring a single job back.",
        QuoteForm::Direct,
        "Femke Brouwer",
    ),
    (
        "ledger-rotterdam-strike",
        "A strike does not bring a single job back.",
        QuoteForm::Direct,
        "Femke Brouwer",
    ),
    (
        "meridian-tomas-reyes-rehab",
        "I'm not proud of where I am, but I'm proud I asked for help,",
        QuoteForm::Direct,
        "Tomas Reyes",
    ),
    (
        "herald-tomas-reyes-rehab",
        "I am not proud of where I am, but I am proud that I asked for help,",
        QuoteForm::Direct,
        "Tomas Reyes",
    ),
    (
        "meridian-tomas-reyes-rehab",
        "Our only concern right now is Tomas and his recovery,",
        QuoteForm::Direct,
        "Greyfield Pictures",
    ),
    (
        "herald-tomas-reyes-rehab",
        "Our only concern right now is Tomas and his recovery,",
        QuoteForm::Direct,
        "Greyfield Pictures",
    ),
    (
        "meridian-tomas-reyes-rehab",
        "The cast and crew are behind him.",
        QuoteForm::Direct,
        "Greyfield Pictures",
    ),
    (
        "eastbridge-tomas-reyes-rehab",
        "I asked for help because I want to be well for my daughters,",
        QuoteForm::Direct,
        "Tomas Reyes",
    ),
    (
        "eastbridge-tomas-reyes-rehab",
        "Tomas has shown enormous courage,",
        QuoteForm::Direct,
        "Alicia Moreno",
    ),
    (
        "eastbridge-tomas-reyes-rehab",
        "He is in good hands.",
        QuoteForm::Direct,
        "Alicia Moreno",
    ),
    (
        "eastbridge-antwerp-strike",
        "We are not machines that can be switched on at three in the morning,",
        QuoteForm::Direct,
        "Sofie Janssens",
    ),
    (
        "northgate-antwerp-strike",
        "We are not machines you can switch on at three in the morning,",
        QuoteForm::Direct,
        "Sofie Janssens",
    ),
    (
        "eastbridge-antwerp-strike",
        "Our customers expect the port to work around the clock, as our competitors do,",
        QuoteForm::Direct,
        "Pieter Claes",
    ),
    (
        "northgate-antwerp-strike",
        "to work around the clock",
        QuoteForm::Partial,
        "Pieter Claes",
    ),
    (
        "herald-wielgosz-coalition",
        "We will not vote for a budget that forgets the countryside,",
        QuoteForm::Direct,
        "Jerzy Malinowski",
    ),
    (
        "northgate-wielgosz-coalition",
        "We will not vote for a budget that forgets the countryside,",
        QuoteForm::Direct,
        "Jerzy Malinowski",
    ),
    (
        "herald-wielgosz-coalition",
        "The door is open, but the budget cannot be written by one party,",
        QuoteForm::Direct,
        "Paweł Kruk",
    ),
    (
        "northgate-wielgosz-coalition",
        "cannot be written by one party",
        QuoteForm::Partial,
        "Pawel Kruk",
    ),
];

#[test]
fn every_expected_quote_has_its_form_and_speaker() {
    for &(id, quoted, form, speaker) in QUOTES {
        let r = run(id);
        let q = r.quote(quoted);
        assert_eq!(q.form, form, "{id}: {quoted}");
        assert_eq!(r.speaker_name(quoted), Some(speaker), "{id}: {quoted}");
    }
}

#[test]
fn herald_statement_spans_two_paragraphs() {
    let r = run("herald-sokolovskyy-call");
    let q = r
        .ann
        .quotes
        .iter()
        .find(|q| {
            q.span
                .slice(r.text())
                .starts_with("Poland has stood with Ukraine")
        })
        .expect("C3 found");
    let quoted = q.span.slice(r.text());
    assert!(quoted.contains("solving practical problems together.\n\n"));
    assert!(quoted.ends_with("what we agreed to write in the coming weeks."));
    assert_eq!(q.form, QuoteForm::Direct);
    assert_eq!(
        q.speaker.map(|s| r.ann.entities[s].name.as_str()),
        Some("Marta Wielgosz")
    );
    assert_eq!(q.cue_span.map(|s| s.slice(r.text())), Some("said"));
}

#[test]
fn speaker_forms_point_at_the_attribution() {
    let cases = [
        (
            "northgate-sokolovsky-call",
            "I believe this call will open a new chapter for our two nations,",
            "he",
        ),
        (
            "eastbridge-sokolovskyy-call",
            "Our soldiers and our farmers both depend on this border,",
            "the Ukrainian president",
        ),
        (
            "herald-tomas-reyes-rehab",
            "Our only concern right now is Tomas and his recovery,",
            "the company",
        ),
        (
            "eastbridge-tomas-reyes-rehab",
            "I asked for help because I want to be well for my daughters,",
            "the actor",
        ),
        (
            "northgate-lena-marsh-rehab",
            "Lena made this decision herself, and everyone around her is proud of her for making it,",
            "Dana Whitlock",
        ),
        (
            "meridian-sokolovskiy-call",
            "The blockades hurt both economies and helped neither,",
            "Pawel Kruk",
        ),
    ];
    for (id, quoted, form) in cases {
        let r = run(id);
        let q = r.quote(quoted);
        assert_eq!(
            q.speaker_span.map(|s| s.slice(r.text())),
            Some(form),
            "{id}: {quoted}"
        );
    }
    let r = run("meridian-sokolovskiy-call");
    let q = r.quote("the checkpoints working around the clock by the summer");
    assert_eq!(q.cue_span.map(|s| s.slice(r.text())), Some("according to"));
}

#[test]
fn titles_of_works_are_not_quotes() {
    for (id, title) in [
        ("northgate-lena-marsh-rehab", "Salt Lines"),
        ("northgate-lena-marsh-rehab", "Low Tide Radio"),
        ("eastbridge-lena-marsh-rehab", "Salt Lines"),
        ("eastbridge-lena-marsh-rehab", "Harbour Wall"),
        ("ledger-lena-marsh-rehab", "Salt Lines"),
        ("ledger-lena-marsh-rehab", "Low Tide Radio"),
        ("meridian-tomas-reyes-rehab", "Cold Acre"),
        ("herald-tomas-reyes-rehab", "Cold Acre"),
        ("eastbridge-tomas-reyes-rehab", "Cold Acre"),
    ] {
        let r = run(id);
        assert!(!r.quote_texts().contains(&title), "{id}: {title}");
    }
    for id in ["eastbridge-antwerp-strike", "northgate-antwerp-strike"] {
        let r = run(id);
        assert!(
            r.quote_texts().iter().all(|q| !q.contains("Dockers")),
            "{id}"
        );
    }
}

/// Section 4: exactly these sentences are speculation in the whole corpus.
#[test]
fn speculation_rows_and_nothing_else() {
    let expected = [
        (
            "meridian-sokolovskiy-call",
            "It could suggest that Warsaw is preparing to soften its ban on some Ukrainian farm imports before the Lublin meeting.",
        ),
        (
            "eastbridge-sokolovskyy-call",
            "The warmer tone appears to mark a turn after months of friction over farm imports.",
        ),
        (
            "herald-wielgosz-coalition",
            "The move appears designed to extract concessions from Wielgosz before the vote rather than to bring down the government.",
        ),
        (
            "northgate-wielgosz-coalition",
            "In our view, the prime minister has run out of room to manoeuvre.",
        ),
        (
            "northgate-wielgosz-coalition",
            "But can the coalition survive another winter?",
        ),
    ];
    let ids = ids();
    assert_eq!(ids.len(), 17, "14 .txt, 1 .html and 2 JSONL articles");
    let mut found = Vec::new();
    for id in ids {
        let r = run(id);
        for s in r.speculative_texts() {
            found.push((id, s.to_string()));
        }
    }
    let want: Vec<(&str, String)> = expected.iter().map(|(a, s)| (*a, s.to_string())).collect();
    assert_eq!(found.len(), want.len(), "{found:#?}");
    for w in &want {
        assert!(found.contains(w), "missing {w:?}");
    }
}
