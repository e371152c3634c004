//! Comparison quality: shared claims and names across a story's articles,
//! scored against the ECB+ comparison gold (`parallax.compare-gold/1`, in
//! `../shared/data/compare/ecbplus`), and shared claims per story on BASIL's
//! real three-outlet stories.
//!
//! The metric is the one of the reference scorer
//! (`../shared/data/compare/score_compare.py`), rebuilt here so that CI can
//! hold floors on it without Python:
//! - **claim pairs**: every two occurrences of one shared claim from different
//!   articles, mapped to the annotated sentences their bytes overlap, give
//!   unordered sentence pairs; precision over those pairs, recall over the gold
//!   pairs (`strict`: same event and a same participant; `loose`: same event);
//! - **exclusive accuracy**: of the annotated sentences without a strict
//!   partner, the share no shared claim touches;
//! - **alias recall and precision**: gold name clusters with two or more
//!   spellings found in one story entity, and merged spellings that the gold
//!   tells apart.
//!
//! Gold byte spans point into the texts of `docs.jsonl`; the reader writes
//! paragraphs as `"\n\n"`, so spans are carried over to the analysed text by
//! aligning the non-whitespace characters.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use parallax_compare::Growing;
use parallax_model::{Analysis, Document, Span, Story};

use crate::metrics::{Part, check_floor};
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    sentences: Vec<GoldSentence>,
    claims: GoldClaims,
    entities: Vec<GoldEntity>,
}

#[derive(Deserialize)]
struct GoldSentence {
    id: String,
    doc: String,
    cluster: String,
    start: usize,
    end: usize,
    text: String,
    partner_strict: bool,
}

#[derive(Deserialize)]
struct GoldClaims {
    strict: Vec<[String; 2]>,
    loose: Vec<[String; 2]>,
}

#[derive(Deserialize)]
struct GoldEntity {
    cluster: String,
    instance: String,
    strings: Vec<String>,
    docs: Vec<String>,
}

#[derive(Deserialize)]
struct RawDoc {
    id: String,
    text: String,
}

/// Whether the ECB+ document (or gold cluster) id `"<topic>_..."` is in
/// `part`: topics 1 to 21 are the tuning half.
pub fn in_part(part: Part, id: &str) -> bool {
    let topic: Option<u32> = id.split('_').next().and_then(|t| t.parse().ok());
    match topic {
        Some(t) => part.keeps(t <= 21),
        None => part == Part::All,
    }
}

/// Keep only the gold of `part`.
fn filter_gold(part: Part, gold: &mut Gold) {
    let kept: HashSet<String> = gold
        .sentences
        .iter()
        .filter(|s| in_part(part, &s.doc))
        .map(|s| s.id.clone())
        .collect();
    gold.sentences.retain(|s| kept.contains(&s.id));
    for list in [&mut gold.claims.strict, &mut gold.claims.loose] {
        list.retain(|[a, b]| kept.contains(a) && kept.contains(b));
    }
    gold.entities.retain(|e| in_part(part, &e.cluster));
}

/// What `parallax-bench compare` reads and the floors it enforces.
#[derive(clap::Args)]
pub struct Options {
    /// The comparison gold (`parallax.compare-gold/1`); `docs.jsonl` beside it is analysed.
    #[arg(long, default_value = "../shared/data/compare/ecbplus/gold.json")]
    pub gold: PathBuf,
    /// The topics scored: `tune` (1-21) for tuning, `check` (23-45) to report.
    #[arg(long, value_enum, default_value = "all")]
    pub part: Part,
    /// BASIL's `docs.jsonl`: real three-outlet stories, for shared claims per story.
    #[arg(long)]
    pub basil: Option<PathBuf>,
    /// Fail (exit 1) when strict claim-pair precision is below this floor.
    #[arg(long)]
    pub min_claim_precision: Option<f64>,
    /// Fail (exit 1) when strict claim-pair recall is below this floor.
    #[arg(long)]
    pub min_claim_recall: Option<f64>,
    /// Fail (exit 1) when name-pair (alias) recall is below this floor.
    #[arg(long)]
    pub min_alias_recall: Option<f64>,
    /// Fail (exit 1) when name-pair (alias) precision is below this floor.
    #[arg(long)]
    pub min_alias_precision: Option<f64>,
    /// Fail (exit 1) when the median BASIL story has fewer shared claims.
    #[arg(long)]
    pub min_basil_median: Option<f64>,
    /// Fail (exit 1) when some BASIL story has fewer shared claims.
    #[arg(long)]
    pub min_basil_least: Option<f64>,
    /// Write the missed and the wrong claim pairs to this file.
    #[arg(long)]
    pub examples: Option<PathBuf>,
    /// Score each story as the service shows a large story between two
    /// exact comparisons: compared at its first article, every later one
    /// added to it (`parallax_compare::Growing`), instead of compared whole.
    #[arg(long)]
    pub grown: bool,
}

/// Claim-pair precision and recall against one gold.
#[derive(Debug, Default, Clone, Copy)]
pub struct PairScore {
    pub right: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl PairScore {
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.right, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Every figure of one scored comparison.
#[derive(Debug, Default)]
pub struct Scores {
    pub strict: PairScore,
    pub loose: PairScore,
    pub exclusive_right: usize,
    pub exclusive: usize,
    pub partnered_in_shared: usize,
    pub partnered: usize,
    pub alias_found: usize,
    pub alias_pairs: usize,
    pub alias_right: usize,
    pub alias_wrong: usize,
    pub unplaced: usize,
}

impl Scores {
    pub fn alias_recall(&self) -> f64 {
        ratio(self.alias_found, self.alias_pairs)
    }
    pub fn alias_precision(&self) -> f64 {
        ratio(self.alias_right, self.alias_right + self.alias_wrong)
    }
    /// The scorer's summary line.
    pub fn summary(&self) -> String {
        format!(
            "claims P {:.3} R {:.3} F1 {:.3} (loose F1 {:.3}) | exclusive acc {:.3} | alias R {:.3} P {:.3}",
            self.strict.precision(),
            self.strict.recall(),
            self.strict.f1(),
            self.loose.f1(),
            ratio(self.exclusive_right, self.exclusive),
            self.alias_recall(),
            self.alias_precision(),
        )
    }
}

/// Carries byte spans of one text over to another that differs only in
/// whitespace: the `k`-th non-whitespace character of both is the same.
struct Aligner {
    /// Byte offset of each non-whitespace char of the gold text, and its end.
    gold: Vec<(usize, usize)>,
    /// The same for the analysed text.
    ours: Vec<(usize, usize)>,
}

impl Aligner {
    fn new(gold: &str, ours: &str) -> Option<Aligner> {
        let solid = |t: &str| -> Vec<(usize, usize, char)> {
            t.char_indices()
                .filter(|(_, c)| !c.is_whitespace())
                .map(|(i, c)| (i, i + c.len_utf8(), c))
                .collect()
        };
        let (g, o) = (solid(gold), solid(ours));
        let same = g.len() == o.len() && g.iter().zip(&o).all(|(a, b)| a.2 == b.2);
        same.then(|| Aligner {
            gold: g.iter().map(|&(s, e, _)| (s, e)).collect(),
            ours: o.iter().map(|&(s, e, _)| (s, e)).collect(),
        })
    }

    fn span(&self, start: usize, end: usize) -> Option<Span> {
        let first = self.gold.partition_point(|&(s, _)| s < start);
        let last = self.gold.partition_point(|&(s, _)| s < end);
        if first >= last {
            return None;
        }
        let a = self.ours.get(first)?.0;
        let b = self.ours.get(last - 1)?.1;
        Some(Span::new(a, b))
    }
}

type Pair = (usize, usize);

fn pair(a: usize, b: usize) -> Pair {
    (a.min(b), a.max(b))
}

/// Score `analysis` against `gold`; `texts` are the gold documents' texts.
/// Gold pairs not found and found pairs that are not even loose gold.
struct Examples {
    missed: Vec<Pair>,
    wrong: Vec<Pair>,
}

fn score(gold: &Gold, texts: &HashMap<String, String>, analysis: &Analysis) -> (Scores, Examples) {
    let index: HashMap<&str, usize> = gold
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let to_pairs = |list: &[[String; 2]]| -> HashSet<Pair> {
        list.iter()
            .filter_map(|[a, b]| Some(pair(*index.get(a.as_str())?, *index.get(b.as_str())?)))
            .collect()
    };
    let strict = to_pairs(&gold.claims.strict);
    let loose = to_pairs(&gold.claims.loose);

    let mut scores = Scores::default();
    // Annotated sentences placed in each analysed article: (span, sentence).
    let mut placed: HashMap<&str, Vec<(Span, usize)>> = HashMap::new();
    let analysed: HashMap<&str, &str> = analysis
        .documents
        .iter()
        .map(|d| (d.article.id.as_str(), d.article.text.as_str()))
        .collect();
    let mut aligners: HashMap<&str, Option<Aligner>> = HashMap::new();
    for (i, s) in gold.sentences.iter().enumerate() {
        let aligner = aligners.entry(s.doc.as_str()).or_insert_with(|| {
            let ours = analysed.get(s.doc.as_str())?;
            Aligner::new(texts.get(&s.doc)?, ours)
        });
        match aligner.as_ref().and_then(|a| a.span(s.start, s.end)) {
            Some(span) => placed.entry(s.doc.as_str()).or_default().push((span, i)),
            None => scores.unplaced += 1,
        }
    }
    let hits = |article: &str, start: usize, end: usize| -> Vec<usize> {
        let span = Span::new(start, end);
        placed
            .get(article)
            .map(|list| {
                list.iter()
                    .filter(|(s, _)| s.overlaps(span))
                    .map(|&(_, i)| i)
                    .collect()
            })
            .unwrap_or_default()
    };

    let mut predicted: HashSet<Pair> = HashSet::new();
    let mut in_shared: HashSet<usize> = HashSet::new();
    for story in &analysis.stories {
        for claim in &story.shared {
            let found: Vec<(&str, Vec<usize>)> = claim
                .occurrences
                .iter()
                .map(|o| (o.article.as_str(), hits(&o.article, o.start, o.end)))
                .collect();
            in_shared.extend(found.iter().flat_map(|(_, h)| h.iter().copied()));
            for (k, (a, ha)) in found.iter().enumerate() {
                for (b, hb) in found.iter().skip(k + 1) {
                    if a == b {
                        continue;
                    }
                    for &x in ha {
                        for &y in hb {
                            predicted.insert(pair(x, y));
                        }
                    }
                }
            }
        }
    }
    scores.strict = PairScore {
        right: predicted.intersection(&strict).count(),
        predicted: predicted.len(),
        gold: strict.len(),
    };
    scores.loose = PairScore {
        right: predicted.intersection(&loose).count(),
        predicted: predicted.len(),
        gold: loose.len(),
    };
    for (i, s) in gold.sentences.iter().enumerate() {
        if s.partner_strict {
            scores.partnered += 1;
            scores.partnered_in_shared += usize::from(in_shared.contains(&i));
        } else {
            scores.exclusive += 1;
            scores.exclusive_right += usize::from(!in_shared.contains(&i));
        }
    }
    aliases(gold, analysis, &mut scores);
    let sorted = |set: HashSet<&Pair>| {
        let mut v: Vec<Pair> = set.into_iter().copied().collect();
        v.sort_unstable();
        v
    };
    let examples = Examples {
        missed: sorted(strict.difference(&predicted).collect()),
        wrong: sorted(predicted.difference(&loose).collect()),
    };
    (scores, examples)
}

/// The spellings a story entity holds, lowercased.
fn entity_strings(story: &Story) -> Vec<BTreeSet<String>> {
    story
        .entities
        .iter()
        .map(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|s| s.to_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .collect()
}

fn aliases(gold: &Gold, analysis: &Analysis, scores: &mut Scores) {
    let story_of: HashMap<&str, usize> = analysis
        .stories
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.articles.iter().map(move |a| (a.as_str(), i)))
        .collect();
    let strings: Vec<Vec<BTreeSet<String>>> = analysis.stories.iter().map(entity_strings).collect();
    let clusters: Vec<(&GoldEntity, BTreeSet<String>)> = gold
        .entities
        .iter()
        .map(|e| (e, e.strings.iter().map(|s| s.to_lowercase()).collect()))
        .collect();
    for (e, strs) in &clusters {
        if strs.len() < 2 {
            continue;
        }
        let stories: BTreeSet<usize> = e
            .docs
            .iter()
            .filter_map(|d| story_of.get(d.as_str()).copied())
            .collect();
        let list: Vec<&String> = strs.iter().collect();
        for (k, a) in list.iter().enumerate() {
            for b in list.iter().skip(k + 1) {
                scores.alias_pairs += 1;
                let found = stories.iter().any(|&s| {
                    strings.get(s).is_some_and(|ents| {
                        ents.iter().any(|set| set.contains(*a) && set.contains(*b))
                    })
                });
                scores.alias_found += usize::from(found);
            }
        }
    }
    for (story, ents) in analysis.stories.iter().zip(&strings) {
        let docs: HashSet<&str> = story.articles.iter().map(String::as_str).collect();
        let mut by_instance: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        let mut by_event: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        for (e, strs) in &clusters {
            if e.docs.iter().any(|d| docs.contains(d.as_str())) {
                let s = strs.iter().map(String::as_str);
                by_instance
                    .entry(e.instance.as_str())
                    .or_default()
                    .extend(s.clone());
                by_event.entry(e.cluster.as_str()).or_default().extend(s);
            }
        }
        let universe: BTreeSet<&str> = by_instance.values().flatten().copied().collect();
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        for set in ents {
            let known: Vec<&str> = set
                .iter()
                .map(String::as_str)
                .filter(|s| universe.contains(s))
                .collect();
            for (k, &a) in known.iter().enumerate() {
                for &b in known.iter().skip(k + 1) {
                    if !seen.insert((a, b)) {
                        continue;
                    }
                    let both = |c: &BTreeSet<&str>| c.contains(a) && c.contains(b);
                    if by_instance.values().any(both) {
                        scores.alias_right += 1;
                    } else if by_event.values().any(both) {
                        scores.alias_wrong += 1;
                    }
                }
            }
        }
    }
}

fn read_texts(path: &Path) -> anyhow::Result<HashMap<String, String>> {
    let raw =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut texts = HashMap::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let d: RawDoc = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a document", path.display(), n + 1))?;
        texts.insert(d.id, d.text);
    }
    Ok(texts)
}

/// Read a JSONL corpus the way `parallax analyze` does and analyse the
/// articles `keep` accepts; with `grown`, each story grown article by
/// article instead of compared whole ([`grow`]).
fn analyse(path: &Path, keep: impl Fn(&str) -> bool, grown: bool) -> anyhow::Result<Analysis> {
    let mut batch = parallax_read::read_file(path);
    if let Some(w) = batch.warnings.first() {
        bail!("{}: {}", path.display(), w.message);
    }
    batch.articles.retain(|a| keep(&a.id));
    let analysis = parallax_pipeline::analyze(batch.articles);
    Ok(if grown { grow(analysis) } else { analysis })
}

/// The analysis with each story compared at its first article and the
/// others added one at a time, in arrival order.
fn grow(mut analysis: Analysis) -> Analysis {
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, m) in analysis.grouping.memberships.iter().enumerate() {
        members.entry(m.story).or_default().push(i);
    }
    for (index, list) in members {
        let articles: Vec<(&Document, bool)> = list
            .iter()
            .filter_map(|&i| {
                let copy = analysis.grouping.memberships.get(i)?.copy_of.is_some();
                Some((analysis.documents.get(i)?, copy))
            })
            .collect();
        let Some((first, rest)) = articles.split_first() else {
            continue;
        };
        let mut growing = Growing::new(index, std::slice::from_ref(first));
        for &(doc, copy) in rest {
            growing.add(doc, copy);
        }
        if let Some(story) = analysis.stories.get_mut(index) {
            *story = Story {
                id: std::mem::take(&mut story.id),
                ..growing.into_story()
            };
        }
    }
    analysis
}

/// Shared claims of each story with two or more independent outlets, sorted.
pub fn shared_per_story(analysis: &Analysis) -> Vec<usize> {
    let mut counts: Vec<usize> = analysis
        .stories
        .iter()
        .filter(|s| s.independent_outlets >= 2)
        .map(|s| s.shared.len())
        .collect();
    counts.sort_unstable();
    counts
}

fn median(sorted: &[usize]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0,
    }
}

fn describe(gold: &Gold, examples: &Examples) -> String {
    let mut out = String::new();
    let sections = [
        ("missed strict gold pairs", &examples.missed),
        ("wrong pairs (not even loose gold)", &examples.wrong),
    ];
    for (title, pairs) in sections {
        out.push_str(&format!("# {title}: {}\n\n", pairs.len()));
        for &(a, b) in pairs.iter() {
            out.push_str(&pair_text(gold, a, b));
        }
    }
    out
}

fn pair_text(gold: &Gold, a: usize, b: usize) -> String {
    let text = |i: usize| gold.sentences.get(i).map_or("", |s| s.text.as_str());
    let id = |i: usize| gold.sentences.get(i).map_or("", |s| s.id.as_str());
    let cluster = |i: usize| gold.sentences.get(i).map(|s| &s.cluster);
    let note = if cluster(a) != cluster(b) {
        "\n(across gold events)"
    } else {
        ""
    };
    format!("[{}] {}\n[{}] {}{note}\n\n", id(a), text(a), id(b), text(b))
}

pub fn run(o: Options) -> anyhow::Result<()> {
    let start = std::time::Instant::now();
    let raw = std::fs::read_to_string(&o.gold)
        .with_context(|| format!("reading {}", o.gold.display()))?;
    let mut gold: Gold = serde_json::from_str(&raw)
        .with_context(|| format!("{}: not comparison gold", o.gold.display()))?;
    let docs = o.gold.with_file_name("docs.jsonl");
    let texts = read_texts(&docs)?;
    filter_gold(o.part, &mut gold);
    let analysis = analyse(&docs, |id| in_part(o.part, id), o.grown)?;
    let (s, examples) = score(&gold, &texts, &analysis);
    println!(
        "claim pairs (strict): P {:.3} R {:.3} F1 {:.3}  right {} predicted {} gold {}",
        s.strict.precision(),
        s.strict.recall(),
        s.strict.f1(),
        s.strict.right,
        s.strict.predicted,
        s.strict.gold
    );
    println!(
        "claim pairs (loose): P {:.3} R {:.3} F1 {:.3}",
        s.loose.precision(),
        s.loose.recall(),
        s.loose.f1()
    );
    println!(
        "exclusive: accuracy {:.3} over {} sentences; of {} sentences with a gold partner, {:.3} are in a shared claim; {} gold sentences not placed",
        ratio(s.exclusive_right, s.exclusive),
        s.exclusive,
        s.partnered,
        ratio(s.partnered_in_shared, s.partnered),
        s.unplaced
    );
    println!(
        "names: alias R {:.3} ({}/{} gold string pairs) P {:.3} ({} right, {} wrong merged pairs)",
        s.alias_recall(),
        s.alias_found,
        s.alias_pairs,
        s.alias_precision(),
        s.alias_right,
        s.alias_wrong
    );
    println!("{}", s.summary());
    if let Some(path) = &o.examples {
        std::fs::write(path, describe(&gold, &examples))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let mut basil = None;
    if let Some(path) = &o.basil {
        let counts = shared_per_story(&analyse(path, |_| true, o.grown)?);
        let zero = counts.iter().filter(|&&c| c == 0).count();
        let m = median(&counts);
        println!(
            "BASIL: {} stories with two or more outlets; shared claims per story: median {m:.1}, min {}, max {}; {zero} with none",
            counts.len(),
            counts.first().copied().unwrap_or(0),
            counts.last().copied().unwrap_or(0),
        );
        basil = Some((m, counts.first().copied().unwrap_or(0) as f64));
    }
    println!("{:.1} s", start.elapsed().as_secs_f64());

    let floors = [
        (
            "claim-pair precision",
            s.strict.precision(),
            o.min_claim_precision,
        ),
        ("claim-pair recall", s.strict.recall(), o.min_claim_recall),
        ("alias recall", s.alias_recall(), o.min_alias_recall),
        (
            "alias precision",
            s.alias_precision(),
            o.min_alias_precision,
        ),
        (
            "BASIL median shared claims",
            basil.map_or(0.0, |b| b.0),
            o.min_basil_median,
        ),
        (
            "BASIL least shared claims",
            basil.map_or(0.0, |b| b.1),
            o.min_basil_least,
        ),
    ];
    for (name, value, floor) in floors {
        check_floor(name, value, floor)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligner_carries_spans_over_reflowed_whitespace() {
        let gold = "Héllo there.\nSecond line here.";
        let ours = "Héllo there.\n\nSecond  line here.";
        let a = Aligner::new(gold, ours).expect("same characters");
        let start = gold.find("Second").unwrap_or(0);
        let span = a.span(start, gold.len()).expect("placed");
        assert_eq!(&ours[span.start..span.end], "Second  line here.");
        let first = a.span(0, gold.find('\n').unwrap_or(0)).expect("placed");
        assert_eq!(&ours[first.start..first.end], "Héllo there.");
        assert!(Aligner::new(gold, "Other text.").is_none());
    }

    #[test]
    fn median_of_even_and_odd_lists() {
        assert_eq!(median(&[]), 0.0);
        assert_eq!(median(&[1, 3, 9]), 3.0);
        assert_eq!(median(&[0, 1, 5, 9]), 3.0);
    }
}
