//! Name finding on Wikigold (Wikipedia text with CoNLL name tags, CC BY 4.0,
//! in `../shared/data/entities/wikigold`): how many person, organisation and
//! place names the understand stage finds with their exact span, whatever
//! kind it gives them, and of those how many get the right kind.
//!
//! The CoNLL tokens are joined back into text (no space before closing
//! punctuation), one sentence per paragraph, one article per `-DOCSTART-`
//! document. A found name that is exactly a gold MISC name (a nationality,
//! an event) is neither right nor wrong: the stage has no such kind.

use std::path::Path;

use anyhow::Context;
use parallax_model::{Article, EntityKind, Span};

use crate::metrics::{Part, check_floor};

/// One gold name: its byte span in the rebuilt text and its CoNLL type.
struct GoldName {
    span: Span,
    kind: &'static str,
}

struct Doc {
    text: String,
    names: Vec<GoldName>,
}

/// Tokens glued to the word before them.
fn attaches_left(token: &str) -> bool {
    matches!(
        token,
        "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "'s" | "'" | "%" | "n't"
    )
}

fn conll_kind(tag: &str) -> Option<&'static str> {
    match tag.split_once('-')?.1 {
        "PER" => Some("PER"),
        "ORG" => Some("ORG"),
        "LOC" => Some("LOC"),
        "MISC" => Some("MISC"),
        _ => None,
    }
}

/// Parse the CoNLL file into documents with their gold names.
fn parse(conll: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = Doc {
        text: String::new(),
        names: Vec::new(),
    };
    // The name being read: its start and kind.
    let mut open: Option<(usize, &'static str)> = None;
    let mut sentence_start = true;
    let close = |doc: &mut Doc, open: &mut Option<(usize, &'static str)>| {
        if let Some((start, kind)) = open.take() {
            let end = doc.text.len();
            doc.names.push(GoldName {
                span: Span::new(start, end),
                kind,
            });
        }
    };
    for line in conll.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            close(&mut doc, &mut open);
            if !doc.text.trim().is_empty() {
                docs.push(std::mem::replace(
                    &mut doc,
                    Doc {
                        text: String::new(),
                        names: Vec::new(),
                    },
                ));
            }
            sentence_start = true;
            continue;
        }
        let Some((token, tag)) = line.rsplit_once(' ') else {
            close(&mut doc, &mut open);
            sentence_start = true;
            continue;
        };
        let kind = conll_kind(tag);
        if open.is_some_and(|(_, k)| Some(k) != kind || tag.starts_with("B-")) {
            close(&mut doc, &mut open);
        }
        if sentence_start {
            if !doc.text.is_empty() {
                doc.text.push_str("\n\n");
            }
        } else if !attaches_left(token) {
            doc.text.push(' ');
        }
        sentence_start = false;
        if open.is_none()
            && let Some(k) = kind
        {
            open = Some((doc.text.len(), k));
        }
        doc.text.push_str(token);
    }
    close(&mut doc, &mut open);
    if !doc.text.trim().is_empty() {
        docs.push(doc);
    }
    docs
}

const GOLD_KINDS: [&str; 3] = ["PER", "ORG", "LOC"];
const FOUND_KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
    EntityKind::Other,
];

/// Counts of one run.
#[derive(Default)]
struct Counts {
    gold: usize,
    found: usize,
    exact: usize,
    kind_right: usize,
    /// Found names the stage gave no kind (`Other`), and how many of them are
    /// exact gold spans.
    other: usize,
    other_exact: usize,
    /// Exact spans by gold kind (rows, [`GOLD_KINDS`]) and found kind (columns, [`FOUND_KINDS`]).
    confusion: [[usize; 4]; 3],
}

impl Counts {
    fn add(&mut self, c: &Counts) {
        self.gold += c.gold;
        self.found += c.found;
        self.exact += c.exact;
        self.kind_right += c.kind_right;
        self.other += c.other;
        self.other_exact += c.other_exact;
        for (row, other) in self.confusion.iter_mut().zip(&c.confusion) {
            for (cell, n) in row.iter_mut().zip(other) {
                *cell += n;
            }
        }
    }
}

fn same_kind(gold: &str, found: EntityKind) -> bool {
    matches!(
        (gold, found),
        ("PER", EntityKind::Person)
            | ("ORG", EntityKind::Organization)
            | ("LOC", EntityKind::Place)
    )
}

/// Score one document; each exact span with the wrong kind goes into `misses`.
fn score(doc: &Doc, index: usize, mut misses: Option<&mut Vec<String>>) -> Counts {
    let article = Article {
        id: format!("wikigold-{index}"),
        source: None,
        url: None,
        title: String::new(),
        published: None,
        language: Some("en".into()),
        text: doc.text.clone(),
    };
    let understood = parallax_pipeline::understand(article);
    let ann = &understood.annotations;
    let mut c = Counts::default();
    let gold: Vec<&GoldName> = doc.names.iter().filter(|n| n.kind != "MISC").collect();
    c.gold = gold.len();
    for m in &ann.mentions {
        let Some(kind) = ann.entities.get(m.entity).map(|e| e.kind) else {
            continue;
        };
        if doc
            .names
            .iter()
            .any(|n| n.kind == "MISC" && n.span == m.span)
        {
            continue;
        }
        c.found += 1;
        let exact = gold.iter().find(|g| g.span == m.span);
        if let Some(g) = exact {
            c.exact += 1;
            let right = same_kind(g.kind, kind);
            c.kind_right += usize::from(right);
            let row = GOLD_KINDS.iter().position(|k| *k == g.kind);
            let col = FOUND_KINDS.iter().position(|k| *k == kind);
            if let (Some(row), Some(col)) = (row, col) {
                c.confusion[row][col] += 1;
            }
            if let (false, Some(m)) = (right, misses.as_deref_mut()) {
                m.push(format!(
                    "{index}\t{}\t{kind:?}\t{}\t{}",
                    g.kind,
                    g.span.slice(&doc.text),
                    context(&doc.text, g.span)
                ));
            }
        }
        if kind == EntityKind::Other {
            c.other += 1;
            c.other_exact += usize::from(exact.is_some());
        }
    }
    c
}

/// The paragraph around a span, on one line.
fn context(text: &str, span: Span) -> String {
    let start = text[..span.start].rfind("\n\n").map_or(0, |i| i + 2);
    let end = text[span.end..]
        .find("\n\n")
        .map_or(text.len(), |i| span.end + i);
    text[start..end].replace(['\n', '\t'], " ")
}

/// What `parallax-bench entities` reads and the floors it enforces.
pub struct Options<'a> {
    pub wikigold: &'a Path,
    pub part: Part,
    pub min_f1: Option<f64>,
    pub min_kind: Option<f64>,
    /// Where to write each exact span given the wrong kind, with its paragraph.
    pub misses: Option<&'a Path>,
}

pub fn run(o: Options) -> anyhow::Result<()> {
    let path = o.wikigold;
    let conll =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let all = parse(&conll);
    let mut total = Counts::default();
    let mut misses = Vec::new();
    let mut docs = 0;
    for (i, doc) in all.iter().enumerate() {
        if !o.part.keeps(i < all.len() / 2) {
            continue;
        }
        docs += 1;
        total.add(&score(doc, i, o.misses.map(|_| &mut misses)));
    }
    if let Some(out) = o.misses {
        misses.push(String::new());
        std::fs::write(out, misses.join("\n"))
            .with_context(|| format!("writing {}", out.display()))?;
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (p, r) = (
        ratio(total.exact, total.found),
        ratio(total.exact, total.gold),
    );
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let kind = ratio(total.kind_right, total.exact);
    println!(
        "wikigold ({:?}): {docs} documents, {} PER/ORG/LOC names; found {}, exact span {}: span P {p:.3} R {r:.3} F1 {f1:.3}; kind right for {kind:.3} of exact spans",
        o.part, total.gold, total.found, total.exact,
    );
    let (found, exact) = (total.found - total.other, total.exact - total.other_exact);
    let (p2, r2) = (ratio(exact, found), ratio(exact, total.gold));
    println!(
        "  names given a kind (person, organisation, place) only: found {found}, exact span {exact}: span P {p2:.3} R {r2:.3} F1 {:.3}",
        if p2 + r2 > 0.0 {
            2.0 * p2 * r2 / (p2 + r2)
        } else {
            0.0
        }
    );
    println!("  kinds of exact spans (rows gold, columns found):");
    println!(
        "    {:<4} {:>7} {:>7} {:>7} {:>7}",
        "", "person", "org", "place", "other"
    );
    for (gold, row) in GOLD_KINDS.iter().zip(&total.confusion) {
        println!(
            "    {gold:<4} {:>7} {:>7} {:>7} {:>7}",
            row[0], row[1], row[2], row[3]
        );
    }
    check_floor("span F1", f1, o.min_f1)?;
    check_floor("kind accuracy", kind, o.min_kind)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_tokens_become_text_and_spans() {
        let conll = "-DOCSTART- O\n\nIda I-PER\nMarr I-PER\nvisited O\nTarnow I-LOC\n. O\n\nShe O\nis O\nDanish I-MISC\n. O\n";
        let docs = parse(conll);
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "Ida Marr visited Tarnow.\n\nShe is Danish.");
        let names: Vec<(&str, &str)> = d
            .names
            .iter()
            .map(|n| (n.span.slice(&d.text), n.kind))
            .collect();
        assert_eq!(
            names,
            [("Ida Marr", "PER"), ("Tarnow", "LOC"), ("Danish", "MISC")]
        );
    }
}
