//! Grammatical gender of the people an article names, so that `he` and `she`
//! find the right antecedent. Evidence, strongest first: a title or gendered
//! role word (`Mrs.`, `Sen.` says nothing, `spokeswoman`), a common first name,
//! and the pronouns the article itself uses right after the name.
//!
//! The first-name lists are short and hand-written for Parallax (Apache-2.0):
//! common given names in English-language news, no external list. A name in
//! neither list, or in both, says nothing.

use parallax_model::{EntityKind, Mention, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gender {
    #[default]
    Unknown,
    Male,
    Female,
}

impl Gender {
    /// True unless both are known and differ.
    pub fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// Titles and role words that give a gender (lowercase, without a full stop).
pub fn of_title(lower: &str) -> Gender {
    match lower {
        "mr" | "sir" | "lord" | "king" | "prince" | "duke" | "congressman" | "spokesman"
        | "chairman" | "businessman" | "councilman" | "assemblyman" | "father" | "husband"
        | "son" | "brother" | "actor" | "emir" | "sheikh" | "monsieur" | "herr" | "señor"
        | "widower" | "grandfather" | "uncle" | "nephew" => Gender::Male,
        "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" | "duchess"
        | "congresswoman" | "spokeswoman" | "chairwoman" | "businesswoman" | "councilwoman"
        | "assemblywoman" | "mother" | "wife" | "daughter" | "sister" | "actress" | "madame"
        | "frau" | "señora" | "widow" | "grandmother" | "aunt" | "niece" => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// `he`, `his`... or `she`, `her`... (lowercase).
pub fn of_pronoun(lower: &str) -> Gender {
    match lower {
        "he" | "him" | "his" | "himself" => Gender::Male,
        "she" | "her" | "hers" | "herself" => Gender::Female,
        _ => Gender::Unknown,
    }
}

const MALE_NAMES: &[&str] = &[
    "aaron",
    "abdul",
    "adam",
    "adrian",
    "ahmed",
    "alan",
    "albert",
    "alejandro",
    "alex",
    "alexander",
    "alexei",
    "ali",
    "andre",
    "andrei",
    "andrew",
    "andriy",
    "angus",
    "anthony",
    "antonio",
    "arnold",
    "arthur",
    "barack",
    "barry",
    "ben",
    "benjamin",
    "bernard",
    "bernie",
    "bill",
    "billy",
    "bob",
    "bobby",
    "boris",
    "brad",
    "brandon",
    "brendan",
    "brian",
    "bruce",
    "bryan",
    "carl",
    "carlos",
    "charles",
    "charlie",
    "chris",
    "christopher",
    "chuck",
    "clarence",
    "colin",
    "corey",
    "craig",
    "dan",
    "daniel",
    "darren",
    "dave",
    "david",
    "dennis",
    "dick",
    "dmitry",
    "don",
    "donald",
    "doug",
    "douglas",
    "duncan",
    "dylan",
    "ed",
    "eddie",
    "edward",
    "elijah",
    "emmanuel",
    "eric",
    "erik",
    "ernest",
    "evan",
    "felipe",
    "fernando",
    "francis",
    "francisco",
    "frank",
    "fred",
    "frederick",
    "gary",
    "george",
    "gerald",
    "gordon",
    "graham",
    "greg",
    "gregory",
    "hank",
    "hans",
    "harold",
    "harry",
    "henry",
    "howard",
    "hugh",
    "hugo",
    "ian",
    "igor",
    "ivan",
    "jack",
    "jacob",
    "jaime",
    "jake",
    "james",
    "jamie",
    "jan",
    "jason",
    "javier",
    "jay",
    "jeb",
    "jeff",
    "jeffrey",
    "jeremy",
    "jerry",
    "jim",
    "jimmy",
    "joe",
    "joel",
    "john",
    "johnny",
    "jon",
    "jonathan",
    "jorge",
    "jose",
    "joseph",
    "josh",
    "joshua",
    "juan",
    "julian",
    "justin",
    "karl",
    "keith",
    "ken",
    "kenneth",
    "kevin",
    "kurt",
    "larry",
    "lars",
    "lawrence",
    "leo",
    "leon",
    "lindsey",
    "lionel",
    "louis",
    "luis",
    "luke",
    "marc",
    "marco",
    "mark",
    "martin",
    "matt",
    "matthew",
    "max",
    "michael",
    "miguel",
    "mike",
    "mitch",
    "mitt",
    "mohammed",
    "muhammad",
    "nathan",
    "neil",
    "newt",
    "nicholas",
    "nick",
    "nigel",
    "olaf",
    "oliver",
    "omar",
    "oscar",
    "pablo",
    "patrick",
    "paul",
    "pedro",
    "pete",
    "peter",
    "phil",
    "philip",
    "pierre",
    "rahm",
    "ralph",
    "rand",
    "randy",
    "ray",
    "raymond",
    "reince",
    "ricardo",
    "richard",
    "rick",
    "rob",
    "robert",
    "rodrigo",
    "roger",
    "roman",
    "ron",
    "ronald",
    "ross",
    "roy",
    "rudy",
    "russell",
    "ryan",
    "sam",
    "samuel",
    "scott",
    "sean",
    "sebastian",
    "sergei",
    "sergey",
    "seth",
    "shaun",
    "sherrod",
    "simon",
    "stanley",
    "stephen",
    "steve",
    "steven",
    "stuart",
    "ted",
    "terence",
    "terry",
    "thomas",
    "tim",
    "timothy",
    "todd",
    "tom",
    "tommy",
    "tony",
    "travis",
    "trent",
    "troy",
    "vadim",
    "victor",
    "viktor",
    "vincent",
    "vladimir",
    "volodymyr",
    "walter",
    "wayne",
    "william",
    "willie",
    "xi",
    "yuri",
    "zach",
];

const FEMALE_NAMES: &[&str] = &[
    "abigail",
    "ada",
    "adriana",
    "agnes",
    "alexandra",
    "alice",
    "alicia",
    "alison",
    "allison",
    "amanda",
    "amber",
    "amy",
    "ana",
    "andrea",
    "angela",
    "angelina",
    "ann",
    "anna",
    "anne",
    "annie",
    "barbara",
    "becky",
    "betsy",
    "betty",
    "beverly",
    "brenda",
    "bridget",
    "brittany",
    "carla",
    "carly",
    "carmen",
    "carol",
    "caroline",
    "carolyn",
    "catherine",
    "cathy",
    "chelsea",
    "cheryl",
    "christina",
    "christine",
    "claire",
    "claudia",
    "cynthia",
    "daisy",
    "dana",
    "debbie",
    "deborah",
    "denise",
    "diana",
    "diane",
    "dianne",
    "donna",
    "doris",
    "dorothy",
    "elena",
    "elisabeth",
    "elizabeth",
    "ellen",
    "emily",
    "emma",
    "erin",
    "eva",
    "fatima",
    "fiona",
    "frances",
    "gabrielle",
    "gail",
    "gina",
    "gwen",
    "hannah",
    "heather",
    "heidi",
    "helen",
    "hillary",
    "holly",
    "huma",
    "ingrid",
    "irene",
    "isabel",
    "ivanka",
    "jane",
    "janet",
    "janice",
    "jasmine",
    "jean",
    "jeanne",
    "jennifer",
    "jenny",
    "jessica",
    "jill",
    "joan",
    "joanna",
    "jodi",
    "josephine",
    "joyce",
    "judith",
    "judy",
    "julia",
    "julie",
    "karen",
    "kate",
    "katherine",
    "kathleen",
    "kathryn",
    "kathy",
    "katie",
    "kayleigh",
    "kelly",
    "kellyanne",
    "kim",
    "kimberly",
    "kirsten",
    "kristen",
    "laura",
    "lauren",
    "leah",
    "lena",
    "lily",
    "linda",
    "lisa",
    "loretta",
    "lori",
    "louise",
    "lucy",
    "lydia",
    "maria",
    "marie",
    "marilyn",
    "martha",
    "mary",
    "maxine",
    "megan",
    "megyn",
    "melania",
    "melanie",
    "melissa",
    "mia",
    "michelle",
    "mildred",
    "mira",
    "miriam",
    "molly",
    "monica",
    "nancy",
    "natalie",
    "nicole",
    "nikki",
    "nina",
    "olga",
    "olivia",
    "pam",
    "pamela",
    "patricia",
    "patty",
    "paula",
    "peggy",
    "penny",
    "rachel",
    "rebecca",
    "renee",
    "rita",
    "rosa",
    "ruth",
    "sally",
    "samantha",
    "sandra",
    "sara",
    "sarah",
    "sharon",
    "sheila",
    "shirley",
    "sophie",
    "stephanie",
    "susan",
    "susana",
    "suzanne",
    "sylvia",
    "tammy",
    "teresa",
    "theresa",
    "tina",
    "tracy",
    "ursula",
    "valerie",
    "vanessa",
    "wendy",
    "yulia",
    "yvonne",
    "zoe",
];

/// Gender of a given name (already folded: lowercase, no diacritics).
pub fn of_first_name(folded: &str) -> Gender {
    let male = MALE_NAMES.binary_search(&folded).is_ok();
    let female = FEMALE_NAMES.binary_search(&folded).is_ok();
    match (male, female) {
        (true, false) => Gender::Male,
        (false, true) => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// Votes for one entity: titles weigh most, then first names, then pronouns.
#[derive(Debug, Clone, Copy, Default)]
pub struct Votes {
    male: u32,
    female: u32,
}

impl Votes {
    pub fn add(&mut self, g: Gender, weight: u32) {
        match g {
            Gender::Male => self.male += weight,
            Gender::Female => self.female += weight,
            Gender::Unknown => {}
        }
    }

    pub fn decide(self) -> Gender {
        use std::cmp::Ordering;
        match self.male.cmp(&self.female) {
            Ordering::Greater => Gender::Male,
            Ordering::Less => Gender::Female,
            Ordering::Equal => Gender::Unknown,
        }
    }
}

/// Weight of a title or gendered role word.
pub const TITLE_WEIGHT: u32 = 6;
/// Weight of a known first name.
pub const NAME_WEIGHT: u32 = 3;

/// Add the pronoun evidence of the text: the first gendered pronoun after a
/// person's mention, before the next person is named and within the same or
/// the next sentence, votes for that person.
pub fn pronoun_votes(
    text: &str,
    sentences: &[Span],
    mentions: &[Mention],
    kinds: &[EntityKind],
    votes: &mut [Votes],
) {
    let pronouns: Vec<(usize, Gender)> = parallax_text::words(text)
        .filter_map(|w| {
            let g = of_pronoun(&w.text.to_lowercase());
            (g != Gender::Unknown).then_some((w.start, g))
        })
        .collect();
    let is_person = |m: &Mention| kinds.get(m.entity).copied() == Some(EntityKind::Person);
    let persons: Vec<&Mention> = mentions.iter().filter(|m| is_person(m)).collect();
    for (i, m) in persons.iter().enumerate() {
        let next_person = persons.get(i + 1).map_or(text.len(), |n| n.span.start);
        // The end of the sentence after the mention's own.
        let s = sentences.partition_point(|s| s.end <= m.span.end);
        let limit = sentences
            .get(s + 1)
            .or_else(|| sentences.get(s))
            .map_or(text.len(), |s| s.end);
        let p = pronouns.partition_point(|&(at, _)| at < m.span.end);
        if let Some(&(at, g)) = pronouns.get(p)
            && at < next_person.min(limit)
            && let Some(v) = votes.get_mut(m.entity)
        {
            v.add(g, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_lists_are_sorted_and_disjoint() {
        for list in [MALE_NAMES, FEMALE_NAMES] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "unsorted near {list:?}"
            );
        }
        assert!(MALE_NAMES.iter().all(|n| !FEMALE_NAMES.contains(n)));
    }

    #[test]
    fn titles_names_and_pronouns_give_genders() {
        assert_eq!(of_title("mrs"), Gender::Female);
        assert_eq!(of_title("spokesman"), Gender::Male);
        assert_eq!(of_title("senator"), Gender::Unknown);
        assert_eq!(of_first_name("ingrid"), Gender::Female);
        assert_eq!(of_first_name("tomas"), Gender::Unknown);
        assert_eq!(of_first_name("tom"), Gender::Male);
        assert_eq!(of_pronoun("her"), Gender::Female);
        let mut v = Votes::default();
        v.add(Gender::Female, TITLE_WEIGHT);
        v.add(Gender::Male, 1);
        assert_eq!(v.decide(), Gender::Female);
        assert!(Gender::Unknown.compatible(Gender::Male));
        assert!(!Gender::Female.compatible(Gender::Male));
    }
}
