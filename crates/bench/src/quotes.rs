//! Quote and speaker quality against annotated corpora, read at run time only.
//!
//! * PolNeAR (brat `.ann` standoff, character offsets): each attribution has a
//!   Content span, a Cue and usually a Source. Speech attributions are those
//!   whose cue holds a reporting verb from the SFU Gender Gap Tracker list (or
//!   `according to`); direct quotes are speech contents that open with a quote
//!   mark. Content spans are scored exact (equal after trimming marks and
//!   punctuation, one-to-one) and by overlap (a prediction is right when it
//!   touches a wanted content, a content is found when a prediction touches
//!   it, as for Citron on PARC 3.0); a predicted quote inside an
//!   annotated attribution of another kind is neither right nor wrong for that
//!   row (a "don't care" region). The speaker is right when our speaker span
//!   overlaps the annotated Source, when one of our speaker's mentions does, or
//!   when both name the same surname.
//! * BASIL: spans with `quote: yes` and a `speaker`; each is found in the
//!   article text, and scored right when a quote of ours overlaps it and its
//!   speaker's surname is the annotated speaker's.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::metrics::check_floor;
use anyhow::{Context, bail};
use parallax_model::{Article, Document, QuoteForm, Span};
use rayon::prelude::*;
use serde::Deserialize;

/// Characters trimmed from both ends of a span before comparing exactly.
fn is_trim(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '„'
                | ','
                | '.'
                | ';'
                | ':'
                | '—'
                | '-'
        )
}

fn trimmed(text: &str, s: Span) -> Span {
    let inner = s.slice(text);
    let lead = inner.len() - inner.trim_start_matches(is_trim).len();
    let core = inner.trim_matches(is_trim);
    Span::new(s.start + lead, s.start + lead + core.len())
}

/// One annotated attribution, in byte offsets.
#[derive(Debug, Clone)]
struct GoldAttribution {
    content: Span,
    source: Option<Span>,
    speech: bool,
    direct: bool,
}

struct GoldArticle {
    name: String,
    text: String,
    attributions: Vec<GoldAttribution>,
}

/// Counts for one row of the table.
#[derive(Default, Debug, Clone, Copy)]
pub struct Counts {
    gold: usize,
    predicted: usize,
    exact: usize,
    overlap: usize,
    /// Predictions that overlap some wanted content.
    touching: usize,
    /// Overlap matches whose gold has a Source.
    with_source: usize,
    speaker_right: usize,
    /// Right speakers that are an entity, not only a span (`a friend`, `they`).
    speaker_named: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.exact += o.exact;
        self.overlap += o.overlap;
        self.touching += o.touching;
        self.with_source += o.with_source;
        self.speaker_right += o.speaker_right;
        self.speaker_named += o.speaker_named;
    }

    fn prf(&self, predicted_hits: usize, gold_hits: usize) -> (f64, f64, f64) {
        let p = ratio(predicted_hits, self.predicted);
        let r = ratio(gold_hits, self.gold);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    pub fn overlap_f1(&self) -> f64 {
        self.prf(self.touching, self.overlap).2
    }

    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.with_source)
    }

    fn row(&self, name: &str) -> String {
        let (ep, er, ef) = self.prf(self.exact, self.exact);
        let (op, or, of) = self.prf(self.touching, self.overlap);
        format!(
            "| {name} | {} | {} | {ep:.3} | {er:.3} | {ef:.3} | {op:.3} | {or:.3} | {of:.3} | {:.3} ({}/{}) | {} |",
            self.gold,
            self.predicted,
            self.speaker_accuracy(),
            self.speaker_right,
            self.with_source,
            self.speaker_named
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The PolNeAR scores: direct quotes whose cue is a reporting verb, every
/// direct quote (any cue: an unusual verb, a colon, none), speech
/// attributions, all attributions.
pub struct PolnearScores {
    pub articles: usize,
    pub direct: Counts,
    pub direct_any_cue: Counts,
    pub speech: Counts,
    pub all: Counts,
}

impl PolnearScores {
    pub fn table(&self) -> String {
        let mut out = format!(
            "PolNeAR: {} articles\n\n| attributions | gold | found | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 | speaker right | of which named |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
            self.articles
        );
        for (name, c) in [
            ("direct quotes", &self.direct),
            ("direct quotes, any cue", &self.direct_any_cue),
            ("speech (all forms)", &self.speech),
            ("all attributions", &self.all),
        ] {
            out.push_str(&c.row(name));
            out.push('\n');
        }
        out
    }
}

/// Reporting verbs from the Gender Gap Tracker list (one inflected form a line).
fn load_verbs(data: &Path) -> anyhow::Result<HashSet<String>> {
    let path = data.join("quotes/lexicons/gendergaptracker/nlp/english/rules/quote_verb_list.txt");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut verbs: HashSet<String> = text
        .lines()
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty())
        .collect();
    verbs.insert("according".into());
    Ok(verbs)
}

/// Byte offset of every character index, plus the end.
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut map: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    map.push(text.len());
    map
}

/// `T3\tContent 10 20;25 40\ttext`: the kind and the hull of its ranges (bytes).
fn parse_span_line(line: &str, bytes: &[usize]) -> Option<(String, String, Span)> {
    let mut cols = line.split('\t');
    let id = cols.next()?.to_string();
    let mut head = cols.next()?.splitn(2, ' ');
    let kind = head.next()?.to_string();
    let ranges = head.next()?;
    let mut lo = usize::MAX;
    let mut hi = 0;
    for r in ranges.split(';') {
        let mut ends = r.split_whitespace();
        let a: usize = ends.next()?.parse().ok()?;
        let b: usize = ends.next()?.parse().ok()?;
        lo = lo.min(a);
        hi = hi.max(b);
    }
    let span = Span::new(*bytes.get(lo)?, *bytes.get(hi)?);
    Some((id, kind, span))
}

fn load_polnear_article(
    ann: &Path,
    text_dir: &Path,
    verbs: &HashSet<String>,
) -> anyhow::Result<GoldArticle> {
    let file = ann.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // `name_4b22.ann`: the suffix names the annotator.
    let name = file
        .strip_suffix(".ann")
        .and_then(|s| s.rsplit_once('_'))
        .map(|(n, _)| n.to_string())
        .with_context(|| format!("{}: unexpected file name", ann.display()))?;
    let text_path = text_dir.join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&text_path)
        .with_context(|| format!("reading {}", text_path.display()))?;
    let bytes = char_to_byte(&text);
    let ann_text =
        std::fs::read_to_string(ann).with_context(|| format!("reading {}", ann.display()))?;
    let mut spans: BTreeMap<String, (String, Span)> = BTreeMap::new();
    let mut events = Vec::new();
    for (n, line) in ann_text.lines().enumerate() {
        // A span's text may hold line breaks, so its continuation lines can
        // start with `T` too: only `T<digits><tab>` opens a span line.
        if is_record(line, 'T') {
            let (id, kind, span) = parse_span_line(line, &bytes)
                .with_context(|| format!("{}:{}: unreadable span line", ann.display(), n + 1))?;
            spans.insert(id, (kind, span));
        } else if is_record(line, 'E') {
            events.push(line.to_string());
        }
    }
    let mut attributions = Vec::new();
    for e in events {
        let mut content = None;
        let mut source = None;
        let mut cue = None;
        for arg in e.split('\t').nth(1).unwrap_or("").split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let span = spans.get(id).map(|(_, s)| *s);
            match role.trim_end_matches(char::is_numeric) {
                "Content" => content = content.or(span),
                "Source" => source = source.or(span),
                "Cue" => cue = cue.or(span),
                _ => {}
            }
        }
        let Some(content) = content else { continue };
        let speech = cue.is_some_and(|c| {
            c.slice(&text)
                .split(|ch: char| !ch.is_alphabetic())
                .any(|w| verbs.contains(&w.to_lowercase()))
        });
        attributions.push(GoldAttribution {
            content,
            source,
            speech,
            direct: opens_with_mark(&text, content),
        });
    }
    Ok(GoldArticle {
        name,
        text,
        attributions,
    })
}

/// `T12\t...`: a brat record of the given type.
fn is_record(line: &str, kind: char) -> bool {
    line.strip_prefix(kind)
        .and_then(|rest| rest.split_once('\t'))
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The content, or the character just before it, opens with a quote mark.
fn opens_with_mark(text: &str, content: Span) -> bool {
    let before = text.get(..content.start).unwrap_or("");
    let first = content.slice(text).trim_start().chars().next();
    let prev = before.chars().next_back();
    [first, prev]
        .into_iter()
        .flatten()
        .any(|c| matches!(c, '"' | '“' | '«' | '„'))
}

/// Dev (or any split) of PolNeAR: one annotator per article (the first by name).
fn load_polnear(split: &Path, verbs: &HashSet<String>) -> anyhow::Result<Vec<GoldArticle>> {
    let ann_dir = split.join("attributions");
    let text_dir = split.join("text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("reading {}", ann_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for f in files {
        let a = load_polnear_article(&f, &text_dir, verbs)?;
        if seen.insert(a.name.clone()) {
            out.push(a);
        }
    }
    if out.is_empty() {
        bail!("no .ann files in {}", ann_dir.display());
    }
    Ok(out)
}

fn understand(id: &str, text: &str) -> Document {
    parallax_pipeline::understand(Article {
        id: id.to_string(),
        source: None,
        url: None,
        title: String::new(),
        published: None,
        language: Some("en".into()),
        text: text.to_string(),
    })
}

/// Lowercased last word of a name: the surname for most people.
fn surname(name: &str) -> Option<String> {
    name.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
        .rfind(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !matches!(*w, "Jr" | "Sr" | "II" | "III")
        })
        .map(|w| {
            w.trim_end_matches("’s")
                .trim_end_matches("'s")
                .to_lowercase()
        })
}

/// Our speaker for a quote is the annotated source.
fn speaker_matches(doc: &Document, q: &parallax_model::Quote, source: Span) -> bool {
    if q.speaker_span.is_some_and(|s| s.overlaps(source)) {
        return true;
    }
    let Some(e) = q.speaker else { return false };
    if doc
        .annotations
        .mentions
        .iter()
        .any(|m| m.entity == e && m.span.overlaps(source))
    {
        return true;
    }
    let ours = doc
        .annotations
        .entities
        .get(e)
        .and_then(|x| surname(&x.name));
    let theirs = surname(doc.text_of(source));
    ours.is_some() && ours == theirs
}

/// Score one article's predictions against the gold attributions that `keep`
/// selects; predictions inside other annotated attributions are ignored.
fn score_rows(
    doc: &Document,
    gold: &[GoldAttribution],
    keep: impl Fn(&GoldAttribution) -> bool,
    predicted_forms: &[QuoteForm],
    mut misses: Option<&mut Vec<String>>,
) -> Counts {
    let text = doc.article.text.as_str();
    let wanted: Vec<&GoldAttribution> = gold.iter().filter(|g| keep(g)).collect();
    let others: Vec<&GoldAttribution> = gold.iter().filter(|g| !keep(g)).collect();
    let preds: Vec<&parallax_model::Quote> = doc
        .annotations
        .quotes
        .iter()
        .filter(|q| predicted_forms.contains(&q.form))
        .filter(|q| {
            wanted.iter().any(|g| g.content.overlaps(q.span))
                || !others.iter().any(|g| g.content.overlaps(q.span))
        })
        .collect();
    // Overlap precision counts every prediction that touches a wanted content
    // (one content may be printed as two quotes around `he said`).
    let touching = preds
        .iter()
        .filter(|q| wanted.iter().any(|g| g.content.overlaps(q.span)))
        .count();
    let mut c = Counts {
        gold: wanted.len(),
        predicted: preds.len(),
        touching,
        ..Counts::default()
    };
    let mut used = vec![false; preds.len()];
    for g in &wanted {
        let gt = trimmed(text, g.content);
        // Best unused prediction: an exact one first, else the largest overlap.
        let best = preds
            .iter()
            .enumerate()
            .filter(|(i, q)| !used[*i] && q.span.overlaps(g.content))
            .max_by_key(|(_, q)| {
                let exact = trimmed(text, q.span) == gt;
                let shared = q.span.end.min(g.content.end) - q.span.start.max(g.content.start);
                (exact, shared)
            });
        let Some((i, q)) = best else { continue };
        used[i] = true;
        c.overlap += 1;
        if trimmed(text, q.span) == gt {
            c.exact += 1;
        }
        if let Some(source) = g.source {
            c.with_source += 1;
            if speaker_matches(doc, q, source) {
                c.speaker_right += 1;
                c.speaker_named += usize::from(q.speaker.is_some());
            } else if let Some(m) = misses.as_deref_mut() {
                m.push(describe_miss(doc, q, doc.text_of(source)));
            }
        }
    }
    c
}

/// One wrong speaker, for reading: the wanted speaker, ours, the quote and
/// the text around it (line breaks shown as `¶`).
fn describe_miss(doc: &Document, q: &parallax_model::Quote, want: &str) -> String {
    let text = doc.article.text.as_str();
    let got = q
        .speaker
        .and_then(|e| doc.annotations.entities.get(e))
        .map_or("-", |e| e.name.as_str());
    let said = q.speaker_span.map_or("", |s| s.slice(text));
    let around = |a: usize, b: usize| {
        let a = (0..=a)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let b = (b.min(text.len())..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        text.get(a..b).unwrap_or("").replace('\n', "¶")
    };
    format!(
        "## {}\nwant: {want}\ngot: {got} (span: {said})\nquote: {}\ncontext: {}\n",
        doc.article.id,
        around(q.span.start, q.span.end.min(q.span.start + 160)),
        around(q.span.start.saturating_sub(400), q.span.end + 200),
    )
}

/// Score a PolNeAR split; each wrong speaker of a direct quote (any cue) goes into `misses`.
pub fn polnear(
    split: &Path,
    data: &Path,
    misses: Option<&mut Vec<String>>,
) -> anyhow::Result<PolnearScores> {
    let verbs = load_verbs(data)?;
    let gold = load_polnear(split, &verbs)?;
    let per: Vec<([Counts; 4], Vec<String>)> = gold
        .par_iter()
        .map(|a| {
            let doc = understand(&a.name, &a.text);
            let marked = [QuoteForm::Direct, QuoteForm::Partial];
            let every = [QuoteForm::Direct, QuoteForm::Partial, QuoteForm::Indirect];
            let mut wrong = Vec::new();
            let direct = |g: &GoldAttribution| g.speech && g.direct;
            let rows = [
                score_rows(&doc, &a.attributions, direct, &marked, None),
                score_rows(
                    &doc,
                    &a.attributions,
                    |g| g.direct,
                    &marked,
                    Some(&mut wrong),
                ),
                score_rows(&doc, &a.attributions, |g| g.speech, &every, None),
                score_rows(&doc, &a.attributions, |_| true, &every, None),
            ];
            (rows, wrong)
        })
        .collect();
    let mut s = PolnearScores {
        articles: gold.len(),
        direct: Counts::default(),
        direct_any_cue: Counts::default(),
        speech: Counts::default(),
        all: Counts::default(),
    };
    let mut misses = misses;
    for ([d, any, sp, al], wrong) in per {
        if let Some(m) = misses.as_deref_mut() {
            m.extend(wrong);
        }
        s.direct.add(d);
        s.direct_any_cue.add(any);
        s.speech.add(sp);
        s.all.add(al);
    }
    Ok(s)
}

#[derive(Deserialize)]
struct BasilDoc {
    id: String,
    text: String,
}

#[derive(Deserialize)]
struct BasilSpan {
    #[serde(default)]
    quote: String,
    #[serde(default)]
    speaker: String,
    #[serde(default)]
    txt: String,
}

#[derive(Deserialize)]
struct BasilAnnotations {
    #[serde(rename = "phrase-level-annotations", default)]
    spans: Vec<BasilSpan>,
}

/// BASIL quote speakers: spans found in the text, covered by a quote of ours,
/// and with the right speaker.
#[derive(Default, Debug, Clone, Copy)]
pub struct BasilScores {
    pub spans: usize,
    pub located: usize,
    pub covered: usize,
    pub speaker_right: usize,
}

impl BasilScores {
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_right, self.covered)
    }

    pub fn line(&self) -> String {
        format!(
            "BASIL: {} quote spans with a named speaker, {} found in the text, {} covered by a quote ({:.3}), speaker right for {} ({:.3} of covered, {:.3} of found)",
            self.spans,
            self.located,
            self.covered,
            ratio(self.covered, self.located),
            self.speaker_right,
            self.speaker_accuracy(),
            ratio(self.speaker_right, self.located)
        )
    }
}

/// BASIL speakers are `First_Last`, or `other_pro` / `other_anti` /
/// `other_neutral` for someone unnamed: only named ones can be checked.
/// Group labels (`Democratic_lawmakers`, `House_Democrats`, `Tea_Party`) name
/// no one person either, so they are left out too.
fn is_named_speaker(speaker: &str) -> bool {
    let s = speaker.trim();
    let last = s.rsplit('_').next().unwrap_or("");
    let group = last.chars().next().is_none_or(char::is_lowercase)
        || last.ends_with("ans")
        || last.ends_with("ats")
        || last.ends_with("ics")
        || matches!(
            last,
            "Party" | "Senate" | "House" | "BuzzFeed" | "Lawmakers" | "Officials"
        );
    !s.is_empty() && !s.starts_with("other_") && s.contains('_') && !group
}

/// Same surname, allowing for a label cut at an accent (`Calder` / `Calderón`).
fn same_surname(ours: Option<String>, theirs: Option<String>) -> bool {
    match (ours, theirs) {
        (Some(a), Some(b)) => a == b || (b.len() >= 4 && a.starts_with(&b)),
        _ => false,
    }
}

/// Score BASIL quote speakers; each wrong one goes into `misses`.
pub fn basil(dir: &Path, misses: Option<&mut Vec<String>>) -> anyhow::Result<BasilScores> {
    let docs_path = dir.join("docs.jsonl");
    let docs_text = std::fs::read_to_string(&docs_path)
        .with_context(|| format!("reading {}", docs_path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in docs_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let d: BasilDoc = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: bad JSON", docs_path.display(), n + 1))?;
        docs.push(d);
    }
    let per: Vec<anyhow::Result<(BasilScores, Vec<String>)>> = docs
        .par_iter()
        .map(|d| {
            let ann_path = dir.join("annotations").join(format!("{}_ann.json", d.id));
            let Ok(raw) = std::fs::read_to_string(&ann_path) else {
                return Ok((BasilScores::default(), Vec::new()));
            };
            let ann: BasilAnnotations = serde_json::from_str(&raw)
                .with_context(|| format!("{}: bad JSON", ann_path.display()))?;
            let doc = understand(&d.id, &d.text);
            let mut s = BasilScores::default();
            let mut wrong = Vec::new();
            for sp in ann
                .spans
                .iter()
                .filter(|s| s.quote == "yes" && is_named_speaker(&s.speaker))
            {
                s.spans += 1;
                let needle = sp.txt.trim();
                let Some(at) = (!needle.is_empty()).then(|| d.text.find(needle)).flatten() else {
                    continue;
                };
                s.located += 1;
                let span = Span::new(at, at + needle.len());
                let Some(q) = doc
                    .annotations
                    .quotes
                    .iter()
                    .find(|q| q.span.overlaps(span))
                else {
                    continue;
                };
                s.covered += 1;
                let ours = q
                    .speaker
                    .and_then(|e| doc.annotations.entities.get(e))
                    .and_then(|e| surname(&e.name));
                let theirs = surname(&sp.speaker.replace('_', " "));
                if same_surname(ours, theirs) {
                    s.speaker_right += 1;
                } else {
                    wrong.push(describe_miss(&doc, q, &sp.speaker));
                }
            }
            Ok((s, wrong))
        })
        .collect();
    let mut total = BasilScores::default();
    let mut misses = misses;
    for r in per {
        let (s, wrong) = r?;
        if let Some(m) = misses.as_deref_mut() {
            m.extend(wrong);
        }
        total.spans += s.spans;
        total.located += s.located;
        total.covered += s.covered;
        total.speaker_right += s.speaker_right;
    }
    Ok(total)
}

/// What `parallax-bench quotes` reads and the floors it enforces.
pub struct Options {
    pub polnear: PathBuf,
    pub basil: PathBuf,
    pub data: PathBuf,
    pub min_direct_f1: Option<f64>,
    pub min_direct_speaker: Option<f64>,
    pub min_any_cue_speaker: Option<f64>,
    pub min_basil_speaker: Option<f64>,
    /// Write every wrong speaker (direct quotes, BASIL) to this file.
    pub misses: Option<PathBuf>,
}

pub fn run(o: Options) -> anyhow::Result<()> {
    let start = std::time::Instant::now();
    let mut misses = o.misses.as_ref().map(|_| Vec::new());
    let p = polnear(&o.polnear, &o.data, misses.as_mut())?;
    print!("{}", p.table());
    let b = if o.basil.join("docs.jsonl").exists() {
        let b = basil(&o.basil, misses.as_mut())?;
        println!("\n{}", b.line());
        Some(b)
    } else {
        println!("\nBASIL: {} not found, skipped", o.basil.display());
        None
    };
    println!("{:.1} s", start.elapsed().as_secs_f64());
    if let (Some(path), Some(m)) = (&o.misses, &misses) {
        std::fs::write(path, m.join("\n"))
            .with_context(|| format!("writing {}", path.display()))?;
        println!("{} wrong speakers written to {}", m.len(), path.display());
    }
    check_floor(
        "direct-quote overlap F1",
        p.direct.overlap_f1(),
        o.min_direct_f1,
    )?;
    check_floor(
        "direct-quote speaker accuracy",
        p.direct.speaker_accuracy(),
        o.min_direct_speaker,
    )?;
    check_floor(
        "speaker accuracy over every direct quote",
        p.direct_any_cue.speaker_accuracy(),
        o.min_any_cue_speaker,
    )?;
    if let Some(floor) = o.min_basil_speaker {
        let Some(b) = b else {
            bail!(
                "a BASIL floor was given but {} is missing",
                o.basil.display()
            );
        };
        check_floor("BASIL speaker accuracy", b.speaker_accuracy(), Some(floor))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_lines_use_character_offsets_and_hull_discontinuous_ranges() {
        let text = "«Ja» sa Åse: nei";
        let bytes = char_to_byte(text);
        let (id, kind, span) = parse_span_line("T3\tContent 1 3;8 11\tJa Åse", &bytes).unwrap();
        assert_eq!((id.as_str(), kind.as_str()), ("T3", "Content"));
        assert_eq!(span.slice(text), "Ja» sa Åse");
    }

    #[test]
    fn surnames_skip_suffixes_and_possessives() {
        assert_eq!(surname("Donald Trump").as_deref(), Some("trump"));
        assert_eq!(surname("Martin Luther King Jr").as_deref(), Some("king"));
        assert_eq!(surname("the senator"), None);
    }

    #[test]
    fn trimming_drops_marks_and_punctuation() {
        let text = "“We stay,” she said.";
        assert_eq!(trimmed(text, Span::new(0, 14)).slice(text), "We stay");
    }
}
