//! Speaker attribution on short fictional news, cut into sentences by the
//! real clean stage (which knows that `Mr.` and `J.` do not end a sentence).

mod support;

use parallax_model::{Annotations, EntityKind};
use parallax_understand::annotate;

fn ann(text: &str) -> Annotations {
    let article = support::article("t", text);
    annotate(&article, &parallax_clean::clean(&article))
}

/// The quote whose text (trailing `,`/`.` trimmed) starts with `quoted`.
fn quote<'a>(a: &'a Annotations, text: &str, quoted: &str) -> &'a parallax_model::Quote {
    a.quotes
        .iter()
        .find(|q| q.span.slice(text).starts_with(quoted))
        .unwrap_or_else(|| panic!("no quote {quoted:?}"))
}

/// (speaker entity name, speaker span text) of a quote.
fn said_by<'a>(a: &'a Annotations, text: &'a str, quoted: &str) -> (Option<&'a str>, &'a str) {
    let q = quote(a, text, quoted);
    (
        q.speaker.map(|s| a.entities[s].name.as_str()),
        q.speaker_span.map_or("", |s| s.slice(text)),
    )
}

#[test]
fn abbreviated_titles_and_initials_do_not_end_the_attribution() {
    let text = "Ferry talks resumed in Tromsø on Monday.\n\n\
        “We reopen the bridge in May,” Mr. Halden said.\n\n\
        “The fjord is safe,” said Sen. Maren J. Lotte (D-Ore.), who chairs the panel.\n\n\
        “Nobody wants a strike,” Rep. Ola Brekke, the union’s lawyer, told reporters.";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "We reopen"), (Some("Halden"), "Halden"));
    assert_eq!(
        said_by(&a, text, "The fjord"),
        (Some("Maren J. Lotte"), "Maren J. Lotte")
    );
    assert_eq!(
        said_by(&a, text, "Nobody wants"),
        (Some("Ola Brekke"), "Ola Brekke")
    );
}

#[test]
fn pronouns_follow_gender_and_the_latest_subject() {
    let text = "Harbour master Tom Aasen closed the quay after Ingrid Solberg, the mayor, \
        ordered an inspection.\n\n\
        “The cranes are not safe,” Aasen said.\n\n\
        Solberg disagreed at a council meeting on Tuesday.\n\n\
        “We checked every crane last spring,” she said. “They are fine.”\n\n\
        Mrs. Dahl, a crane driver, was not so sure. “I would not climb one,” she said.";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "We checked").0, Some("Ingrid Solberg"));
    assert_eq!(said_by(&a, text, "They are fine").0, Some("Ingrid Solberg"));
    // A `Mrs.` is a woman even when her first name is unknown.
    assert_eq!(said_by(&a, text, "I would not").0, Some("Dahl"));
}

#[test]
fn unnamed_speakers_keep_their_phrase() {
    let text = "The strike at the Vestby yard entered its third week.\n\n\
        “We are not going back,” a crane driver said.\n\n\
        “Nobody has called us,” said one union official who asked not to be named.\n\n\
        “It is a question of respect,” they wrote in a letter to the yard.";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "We are not"), (None, "a crane driver"));
    assert_eq!(
        said_by(&a, text, "Nobody has"),
        (None, "one union official")
    );
    assert_eq!(said_by(&a, text, "It is a question"), (None, "they"));
}

#[test]
fn attributions_outside_the_quote_sentence() {
    let text = "Kari Nygaard, 52, of Bergen, who runs the yard, spoke to reporters.\n\n\
        “Is the ferry late again?” Nygaard asked, looking at the board.\n\n\
        Nygaard then wrote to the ministry:\n\n\
        “Send us the engineers you promised.”\n\n\
        “The delay hurts us,” Per Lie, 40, of Voss, who drives the bus, said.\n\n\
        The minister, Siv Holm, praised the crews, saying, “They worked all night.”";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "Is the ferry").0, Some("Kari Nygaard"));
    assert_eq!(said_by(&a, text, "Send us").0, Some("Kari Nygaard"));
    assert_eq!(said_by(&a, text, "The delay").0, Some("Per Lie"));
    assert_eq!(said_by(&a, text, "They worked").0, Some("Siv Holm"));
}

#[test]
fn peoples_are_not_persons_and_exonyms_share_a_key() {
    let text = "Native Americans and Ukrainians marched in Kiew on Sunday.\n\n\
        The march ended in Kyiv’s central square, Lena Dahl said.";
    let a = ann(text);
    let kind_of = |name: &str| a.entities.iter().find(|e| e.name == name).map(|e| e.kind);
    assert_eq!(kind_of("Native Americans"), Some(EntityKind::Other));
    assert_ne!(kind_of("Ukrainians"), Some(EntityKind::Person));
    let key_of = |name: &str| {
        a.entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.key.clone())
    };
    assert_eq!(key_of("Kiew").as_deref(), Some("place:kyiv"));
    assert_eq!(key_of("Kyiv").as_deref(), Some("place:kyiv"));
    assert_eq!(kind_of("Lena Dahl"), Some(EntityKind::Person));
}

#[test]
fn a_title_word_after_a_title_is_a_surname() {
    let text = "The council met on Friday.\n\n\"It is about the harbour,\" Mr. King added.";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "It is about"), (Some("King"), "King"));
}

#[test]
fn coordinated_verbs_and_adverbs_keep_the_subject() {
    let text = "The Harbour Gazette covered the vote.\n\n\
        Tove Lunde smiled and said, “We won the harbour back.”\n\n\
        “The vote was close,” the Harbour Gazette wrote. “Too close,” it further wrote.";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "We won").0, Some("Tove Lunde"));
    assert_eq!(
        said_by(&a, text, "Too close"),
        (Some("Harbour Gazette"), "it")
    );
}

#[test]
fn auxiliaries_and_circumstances_keep_the_attribution() {
    let text = "The ferry strike went on.\n\n\
        “We cannot wait forever,” Ida Moen has said.\n\n\
        “Why would anyone cross now?” Ola Vik said about the storm warnings on the fjord.";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "We cannot").0, Some("Ida Moen"));
    assert_eq!(said_by(&a, text, "Why would").0, Some("Ola Vik"));
}

#[test]
fn a_dash_and_a_name_sign_a_quote() {
    let text = "Readers wrote in about the ferry strike.\n\n\
        “The boats have not run for a week.” ― Marta Oyelaran\n\n\
        “My shop is empty.” — Tomasz Wiecek, a baker in Tarnow.\n\n\
        “Fares will rise” — a claim the harbour board denies.";
    let a = ann(text);
    assert_eq!(
        said_by(&a, text, "The boats"),
        (Some("Marta Oyelaran"), "Marta Oyelaran")
    );
    assert_eq!(said_by(&a, text, "My shop").0, Some("Tomasz Wiecek"));
    // A dash that opens a comment names nobody.
    assert_eq!(said_by(&a, text, "Fares will rise").0, None);
}

#[test]
fn any_verb_right_after_a_questioning_quote_attributes_it() {
    let text = "Senator Dana Whitlock pressed the harbour chief at the hearing.\n\n\
        “Who signed the contract?” Whitlock demanded.\n\n\
        Lina Moss, the chief, stood up. “Stop this!” she yells.\n\n\
        “The cranes are old.” Ferries arrived late.";
    let a = ann(text);
    assert_eq!(
        said_by(&a, text, "Who signed"),
        (Some("Dana Whitlock"), "Whitlock")
    );
    assert_eq!(said_by(&a, text, "Stop this"), (Some("Lina Moss"), "she"));
    // A full stop inside the marks ends the statement: the next sentence is news.
    assert_ne!(said_by(&a, text, "The cranes").1, "Ferries");
}

#[test]
fn a_name_inside_an_apposition_or_an_intensifier_is_not_the_speaker() {
    let text = "Ada Lunde, the spokeswoman for Rep. Ivo Brenn (R-Tenn.), wrote that the pier \
        should “stay closed until spring.”\n\n\
        Brenn himself said the pier was “perfectly safe.”";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "stay closed").0, Some("Ada Lunde"));
    assert_eq!(said_by(&a, text, "perfectly safe").0, Some("Ivo Brenn"));
}

#[test]
fn a_colon_gives_the_quote_to_the_subject_of_its_clause() {
    let text = "The harbour vote split the council.\n\n\
        Worried about the cost of the new quay, Mayor Ingrid Solberg fired back: “We cannot pay twice.”\n\n\
        Councillor Tom Aasen went on:\n\n\
        “The cranes must go first.”\n\n\
        The headline read: “Quay vote fails.”";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "We cannot").0, Some("Ingrid Solberg"));
    assert_eq!(said_by(&a, text, "The cranes must").0, Some("Tom Aasen"));
    // No name or pronoun opens the clause: nobody is made up.
    assert_eq!(said_by(&a, text, "Quay vote").0, None);
}

#[test]
fn the_person_spoken_of_is_not_the_speaker() {
    let text = "The ferry line changed hands on Friday.\n\n\
        “They are open to new routes,” Jenna Varn, the board’s director of planning, said of \
        Ivo Tarnowski’s company. “They move fast.”";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "They are open").0, Some("Jenna Varn"));
    assert_eq!(said_by(&a, text, "They move fast").0, Some("Jenna Varn"));
}

#[test]
fn a_verb_ending_the_clause_before_a_colon_gives_its_subject() {
    let text = "The rally turned rough in Tarnow, with Ivo Marr reportedly yelling: “Get him out!”\n\n\
        Some voters agreed. 17-year-old Ada Quell echoed:\n\n\
        “He says what we think.”";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "Get him out").0, Some("Ivo Marr"));
    assert_eq!(said_by(&a, text, "He says what").0, Some("Ada Quell"));
}

#[test]
fn a_bare_quote_after_a_sentence_is_its_subjects() {
    let text = "The hearing dragged on.\n\n\
        Judge Ada Brenn then turned to the defendant. “Do you understand the charge?”\n\n\
        Officials in Tarnow met the union. “Talks went well.”";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "Do you understand").0, Some("Ada Brenn"));
    // No person opens the sentence before: nobody is made up.
    assert_eq!(said_by(&a, text, "Talks went well").0, None);
}

#[test]
fn any_reporting_verb_right_after_the_closing_mark_puts_its_subject_after_it() {
    let text = "Voters lined up early in Tarnow.\n\n\
        “The attacks changed my mind,” said Ivo Grimm, a retired farmer.\n\n\
        “I am a voter,” declares Ada Acs, 27, a nurse who was polled. “I want answers.”\n\n\
        In a statement, Orlin Mining said: “We grew fast,” adding that its shares rose.";
    let a = ann(text);
    assert_eq!(said_by(&a, text, "I am a voter").0, Some("Ada Acs"));
    assert_eq!(said_by(&a, text, "I want answers").0, Some("Ada Acs"));
    assert_eq!(said_by(&a, text, "We grew fast").0, Some("Orlin Mining"));
}
