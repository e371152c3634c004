//! A deterministic generator of synthetic news coverage for benchmarks.
//!
//! Stories have heavy-tailed sizes (a Pareto draw: most stories have a few
//! articles, a few have hundreds), each with its own people, place, numbers
//! and quotes; articles paraphrase the story's facts, add filler, promo lines
//! and bios, and about one in ten is a syndicated copy of an earlier article.
//! The text is nonsense words in English sentence shapes: the pipeline does the
//! same work as on real news (names, quotes, flags, clustering), while the
//! corpus stays original and needs no data files.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use chrono::{DateTime, Duration, TimeZone, Utc};
use parallax_model::{Article, EntityKind, LocalEntity};

/// splitmix64: tiny, fast, and good enough for generating test text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ra", "to", "vu", "sel", "dor", "fen", "gri", "hal", "jun", "kor",
    "lan", "mar", "nor", "pel", "quin", "ros", "sta", "tem", "val", "wen", "zor", "bel", "cas",
    "dra", "el", "fo",
];
const FIRST_NAMES: &[&str] = &[
    "Anna", "Marta", "Jonas", "Elena", "Tomas", "Lena", "Pavel", "Sofia", "David", "Irina",
    "Mateo", "Clara", "Omar", "Nadia", "Lukas", "Ingrid", "Rafael", "Yuki", "Amara", "Viktor",
];
const TITLES: &[&str] = &[
    "Minister",
    "President",
    "Governor",
    "Mayor",
    "spokeswoman",
    "Senator",
    "Judge",
    "General",
];
const PLACES: &[&str] = &[
    "Kyiv", "Gdansk", "Porto", "Tallinn", "Lyon", "Bergen", "Valencia", "Cork", "Graz", "Turku",
    "Riga", "Split", "Ghent", "Malmo", "Bari",
];
const VERBS: &[&str] = &[
    "approved",
    "rejected",
    "delayed",
    "announced",
    "expanded",
    "suspended",
    "reviewed",
    "funded",
];
const FILLER: &[&str] = &[
    "officials",
    "residents",
    "the council",
    "local groups",
    "the agency",
    "observers",
    "analysts",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables).map(|_| *rng.pick(SYLLABLES)).collect()
}

fn capitalised(mut w: String) -> String {
    if let Some(first) = w.get(0..1) {
        let upper = first.to_uppercase();
        w.replace_range(0..1, &upper);
    }
    w
}

struct StoryPlan {
    people: Vec<(String, String, &'static str)>, // (first, surname, title)
    place: &'static str,
    topic: Vec<String>,
    facts: Vec<String>,
    quotes: Vec<String>,
    start: DateTime<Utc>,
}

fn plan_story(rng: &mut Rng, start: DateTime<Utc>) -> StoryPlan {
    let people: Vec<_> = (0..3)
        .map(|_| {
            let first = rng.pick(FIRST_NAMES).to_string();
            let surname = capitalised(word(rng, 3));
            (first, surname, *rng.pick(TITLES))
        })
        .collect();
    let place = *rng.pick(PLACES);
    let topic: Vec<String> = (0..8)
        .map(|_| {
            let syllables = 2 + rng.below(2);
            word(rng, syllables)
        })
        .collect();
    let facts = (0..8)
        .map(|i| {
            let (_, surname, _) = &people[i % people.len()];
            format!(
                "The {} {} {} {} {} in {} on {}, according to {}.",
                topic[i % topic.len()],
                topic[(i + 1) % topic.len()],
                rng.pick(VERBS),
                rng.below(900) + 10,
                topic[(i + 3) % topic.len()],
                place,
                ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][i % 5],
                surname,
            )
        })
        .collect();
    let quotes = (0..3)
        .map(|_| {
            let words: Vec<String> = (0..8).map(|_| word(rng, 2)).collect();
            format!("We will {} the {}", words[0], words[1..].join(" "))
        })
        .collect();
    StoryPlan {
        people,
        place,
        topic,
        facts,
        quotes,
        start,
    }
}

fn write_article(rng: &mut Rng, plan: &StoryPlan, outlet: usize) -> (String, String) {
    let (first, surname, title) = &plan.people[0];
    let title_line = format!(
        "{} {} {} in {}",
        capitalised(plan.topic[0].clone()),
        plan.topic[1],
        rng.pick(VERBS),
        plan.place
    );
    let mut paragraphs = vec![format!(
        "{} {} {} said on {} that the {} plan for {} had been {}.",
        title,
        first,
        surname,
        ["Monday", "Tuesday", "Wednesday"][rng.below(3)],
        plan.topic[2],
        plan.place,
        rng.pick(VERBS)
    )];
    for fact in &plan.facts {
        if rng.chance(0.6) {
            let filler = rng.pick(FILLER);
            paragraphs.push(format!(
                "{fact} {} said the decision was {}.",
                capitalised(filler.to_string()),
                word(rng, 3)
            ));
        }
    }
    let quote = rng.pick(&plan.quotes);
    paragraphs.push(format!("\u{201c}{quote},\u{201d} {surname} said."));
    let (_, other, other_title) = &plan.people[1];
    paragraphs.push(format!(
        "\"The {} is not {},\" said {}, the {}.",
        plan.topic[4],
        word(rng, 2),
        other,
        other_title.to_lowercase()
    ));
    for _ in 0..2 + rng.below(4) {
        let words: Vec<String> = (0..12)
            .map(|_| {
                let syllables = 1 + rng.below(3);
                word(rng, syllables)
            })
            .collect();
        paragraphs.push(format!(
            "{} {}.",
            capitalised(words[0].clone()),
            words[1..].join(" ")
        ));
    }
    if rng.chance(0.3) {
        paragraphs.push(format!(
            "It could suggest that the {} will {}.",
            plan.topic[5],
            word(rng, 2)
        ));
    }
    if rng.chance(0.4) {
        paragraphs.insert(
            2,
            format!(
                "MORE: {} {} {}",
                capitalised(word(rng, 3)),
                word(rng, 2),
                word(rng, 3)
            ),
        );
    }
    paragraphs.push(format!(
        "Sign up for the Outlet {outlet} morning briefing to get the news in your inbox."
    ));
    (title_line, paragraphs.join("\n\n"))
}

/// Seconds between two articles of the same story, unless the story is too
/// big to fit [`STORY_SPAN_SECONDS`] at that pace.
const ARTICLE_EVERY_SECONDS: i64 = 17 * 60;

/// The longest a story publishes: within the clusterer's 7-day window, so a
/// giant story stays one story.
const STORY_SPAN_SECONDS: i64 = 5 * 24 * 3600;

/// The shape of a synthetic corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shape {
    /// Stories of up to 400 articles, 40 outlets, one article in ten a
    /// syndicated copy.
    News,
    /// Heavy-tailed: stories of up to 20,000 articles (a war, an election),
    /// 400 outlets, one article in ten a copy and one in ten a near-copy
    /// (a copy with one sentence rewritten).
    Heavy,
}

impl Shape {
    fn max_story(self) -> usize {
        match self {
            Shape::News => 400,
            Shape::Heavy => 20_000,
        }
    }

    fn outlets(self) -> usize {
        match self {
            Shape::News => 40,
            Shape::Heavy => 400,
        }
    }

    fn near_copies(self) -> f64 {
        match self {
            Shape::News => 0.0,
            Shape::Heavy => 0.1,
        }
    }
}

/// `n` articles in arrival order, deterministically from `seed`, with a
/// story starting every 37 minutes, generated as they are read.
pub fn articles(n: usize, seed: u64, shape: Shape) -> impl Iterator<Item = Article> + Send {
    Stream::new(seed, Duration::minutes(37), shape)
        .take(n)
        .map(|a| a.article)
}

/// One story of `n` articles from 400 outlets, over five days: the same
/// facts in different orders and words, one article in ten a copy of the
/// one before and one in ten a near-copy.
pub fn giant_story(n: usize, seed: u64) -> impl Iterator<Item = Article> + Send {
    let mut stream = Stream::new(seed, Duration::days(365), Shape::Heavy);
    stream.forced_size = Some(n);
    stream.take(n).map(|a| a.article)
}

/// A generated article with the named entities the understand stage would
/// find in it (the story's people and place), for benchmarks that feed the
/// clusterer directly.
pub struct SynthArticle {
    pub article: Article,
    pub entities: Vec<LocalEntity>,
    /// The story the generator wrote it for: the gold label.
    pub story: usize,
}

/// A story still publishing.
struct Running {
    plan: StoryPlan,
    size: usize,
    /// Seconds between two of its articles.
    every: i64,
    /// The last article written, which a syndicated copy repeats.
    last: Option<(String, String)>,
}

/// An endless stream of synthetic articles in arrival (publication) order:
/// a new story starts every `story_every`, and each publishes its articles
/// [`ARTICLE_EVERY_SECONDS`] apart (closer for giant stories). Only the stories still publishing are in
/// memory, so a stream of any length runs in constant memory.
pub struct Stream {
    rng: Rng,
    shape: Shape,
    /// Every story this size (for [`giant_story`]) instead of a Pareto draw.
    forced_size: Option<usize>,
    base: DateTime<Utc>,
    story_every: Duration,
    next_story: usize,
    /// Upcoming articles `(time, story, article number)`, earliest first.
    queue: BinaryHeap<Reverse<(DateTime<Utc>, usize, usize)>>,
    running: HashMap<usize, Running>,
}

impl Stream {
    pub fn new(seed: u64, story_every: Duration, shape: Shape) -> Self {
        Stream {
            rng: Rng::new(seed),
            shape,
            forced_size: None,
            base: Utc
                .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
                .single()
                .unwrap_or_default(),
            story_every,
            next_story: 0,
            queue: BinaryHeap::new(),
            running: HashMap::new(),
        }
    }

    fn start_story(&mut self, start: DateTime<Utc>) {
        // Pareto(alpha = 1.2) story sizes: most stories have a few articles,
        // a few have hundreds (or thousands, for the heavy shape).
        let pareto = (1.0 / (1.0 - self.rng.unit()).powf(1.0 / 1.2)) as usize;
        let size = self
            .forced_size
            .unwrap_or_else(|| pareto.clamp(1, self.shape.max_story()));
        let every = ARTICLE_EVERY_SECONDS.min(STORY_SPAN_SECONDS / size.max(1) as i64);
        let plan = plan_story(&mut self.rng, start);
        let story = self.next_story;
        self.next_story += 1;
        self.queue.push(Reverse((start, story, 0)));
        self.running.insert(
            story,
            Running {
                plan,
                size,
                every: every.max(1),
                last: None,
            },
        );
    }
}

impl Iterator for Stream {
    type Item = SynthArticle;

    fn next(&mut self) -> Option<SynthArticle> {
        // Start every story that begins before the next queued article.
        loop {
            let start = self.base + self.story_every * i32::try_from(self.next_story).ok()?;
            match self.queue.peek() {
                Some(Reverse((t, _, _))) if *t <= start => break,
                _ => self.start_story(start),
            }
        }
        let Reverse((published, story, k)) = self.queue.pop()?;
        let running = self.running.get_mut(&story)?;
        let outlet = self.rng.below(self.shape.outlets());
        let near_copies = self.shape.near_copies();
        let draw = self.rng.unit();
        let (title, text) = match &running.last {
            // About one article in ten is a syndicated copy with its own footer.
            Some((t, body)) if draw < 0.1 => (
                t.clone(),
                format!("{body}\n\nThis story was republished from a wire service."),
            ),
            // A near-copy: the same article with one paragraph rewritten.
            Some((t, body)) if draw < 0.1 + near_copies => {
                let paragraphs: Vec<&str> = body.split("\n\n").collect();
                let changed = self.rng.below(paragraphs.len());
                let fresh = format!(
                    "{} {} said the {} was {}.",
                    capitalised(self.rng.pick(FILLER).to_string()),
                    word(&mut self.rng, 2),
                    running.plan.topic[6],
                    word(&mut self.rng, 3)
                );
                let text: Vec<&str> = paragraphs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| if i == changed { fresh.as_str() } else { p })
                    .collect();
                (t.clone(), text.join("\n\n"))
            }
            _ => write_article(&mut self.rng, &running.plan, outlet),
        };
        let entities = entities_of(&running.plan);
        running.last = Some((title.clone(), text.clone()));
        if k + 1 < running.size {
            let next = running.plan.start + Duration::seconds(running.every * (k as i64 + 1));
            self.queue.push(Reverse((next, story, k + 1)));
        } else {
            self.running.remove(&story);
        }
        Some(SynthArticle {
            article: Article {
                id: format!("s{story}-a{k}"),
                source: Some(format!("Outlet {outlet}")),
                url: None,
                title,
                published: Some(published),
                language: Some("en".to_string()),
                text,
            },
            entities,
            story,
        })
    }
}

/// The people and place every article of the story names.
fn entities_of(plan: &StoryPlan) -> Vec<LocalEntity> {
    let people = plan
        .people
        .iter()
        .take(2)
        .map(|(first, surname, _)| LocalEntity {
            name: format!("{first} {surname}"),
            kind: EntityKind::Person,
            key: format!("person:{}", surname.to_lowercase()),
        });
    people
        .chain(std::iter::once(LocalEntity {
            name: plan.place.to_string(),
            kind: EntityKind::Place,
            key: format!("place:{}", plan.place.to_lowercase()),
        }))
        .collect()
}
