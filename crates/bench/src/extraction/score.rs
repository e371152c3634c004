//! Scoring extraction output against the gold of each set, with the metrics
//! the sets' own evaluation scripts define. The same code scores Parallax and
//! the Python baseline, so the two rows are comparable.

use std::collections::HashMap;

use super::sets::{Case, Set};

/// What one tool extracted from one page.
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub text: String,
    pub title: Option<String>,
    /// Authors joined with "; ".
    pub author: Option<String>,
    /// Publication date or date-time; only the day is compared.
    pub date: Option<String>,
    /// Time of the extraction call alone.
    pub seconds: f64,
}

/// Share of labelled pages right, and how many were labelled.
#[derive(Debug, Clone, Copy, Default)]
pub struct Accuracy {
    pub right: usize,
    pub labelled: usize,
}

impl Accuracy {
    pub fn value(self) -> Option<f64> {
        (self.labelled > 0).then(|| self.right as f64 / self.labelled as f64)
    }
    fn count(&mut self, right: bool) {
        self.labelled += 1;
        self.right += usize::from(right);
    }
}

/// Precision, recall and F1 of the body.
#[derive(Debug, Clone, Copy, Default)]
pub struct Body {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Every figure of one tool on one set.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub pages: usize,
    pub seconds: f64,
    pub body: Option<Body>,
    /// Set-specific figures (snippet accuracy, with%/without%, date P/R).
    pub notes: String,
    pub title: Accuracy,
    pub author: Accuracy,
    pub date: Accuracy,
}

/// Score `outputs` (by case id; a missing page counts as an empty output).
pub fn score(set: Set, cases: &[Case], outputs: &HashMap<String, Output>) -> Scores {
    let empty = Output::default();
    let mut s = Scores {
        pages: cases.len(),
        ..Scores::default()
    };
    let mut snippets = Snippets::default();
    let (mut bag, mut bag_pages) = (Body::default(), 0usize);
    let (mut with, mut with_all, mut without, mut without_all) = (0, 0, 0, 0);
    let mut day = DayCounts::default();
    for case in cases {
        let out = outputs.get(&case.id).unwrap_or(&empty);
        s.seconds += out.seconds;
        if let Some(gold) = &case.title {
            s.title.count(same(out.title.as_deref(), gold));
        }
        if let Some(gold) = &case.author {
            s.author.count(same(out.author.as_deref(), gold));
        }
        if let Some(gold) = &case.date {
            let found = out.date.as_deref().map(|d| d.get(..10).unwrap_or(d));
            s.date.count(found == Some(gold.as_str()));
            day.count(found, gold);
        }
        match set {
            Set::TrafilaturaEval => snippets.count(&case.body.with, &case.body.without, &out.text),
            Set::WcxbDev => {
                if let Some(gold) = &case.body.main_content {
                    let page = bag_of_words(&out.text, gold);
                    bag.precision += page.precision;
                    bag.recall += page.recall;
                    bag.f1 += page.f1;
                    bag_pages += 1;
                }
                let text = out.text.to_lowercase();
                with_all += case.body.with.len();
                with += case
                    .body
                    .with
                    .iter()
                    .filter(|w| text.contains(&w.to_lowercase()))
                    .count();
                without_all += case.body.without.len();
                without += case
                    .body
                    .without
                    .iter()
                    .filter(|w| text.contains(&w.to_lowercase()))
                    .count();
            }
            Set::HtmldateEval | Set::ReadabilityTestPages => {}
        }
    }
    match set {
        Set::TrafilaturaEval => {
            s.body = Some(snippets.body());
            s.notes = format!("snippet acc {:.3}", snippets.accuracy());
        }
        Set::WcxbDev => {
            let n = bag_pages.max(1) as f64;
            s.body = Some(Body {
                precision: bag.precision / n,
                recall: bag.recall / n,
                f1: bag.f1 / n,
            });
            s.notes = format!(
                "with {:.1}% without {:.1}%",
                percent(with, with_all),
                percent(without, without_all)
            );
        }
        Set::HtmldateEval => {
            let (p, r) = day.precision_recall();
            s.notes = format!("date P {p:.3} R {r:.3}");
        }
        Set::ReadabilityTestPages => {}
    }
    s
}

fn percent(part: usize, all: usize) -> f64 {
    100.0 * part as f64 / all.max(1) as f64
}

/// Whitespace runs collapsed to one space, ends trimmed.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same(found: Option<&str>, gold: &str) -> bool {
    found.is_some_and(|f| normalise(f) == normalise(gold))
}

/// trafilatura's `count_item`: a must-include segment found is a TP, missing a
/// FN; a must-exclude segment found is a FP, absent a TN; micro-summed.
#[derive(Debug, Default)]
struct Snippets {
    tp: usize,
    fn_: usize,
    fp: usize,
    tn: usize,
}

impl Snippets {
    fn count(&mut self, with: &[String], without: &[String], text: &str) {
        let text = normalise(text);
        for segment in with {
            if text.contains(&normalise(segment)) {
                self.tp += 1;
            } else {
                self.fn_ += 1;
            }
        }
        for segment in without {
            if text.contains(&normalise(segment)) {
                self.fp += 1;
            } else {
                self.tn += 1;
            }
        }
    }
    fn body(&self) -> Body {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        Body {
            precision: tp / (tp + fp).max(1.0),
            recall: tp / (tp + fn_).max(1.0),
            f1: 2.0 * tp / (2.0 * tp + fp + fn_).max(1.0),
        }
    }
    fn accuracy(&self) -> f64 {
        let all = self.tp + self.fn_ + self.fp + self.tn;
        (self.tp + self.tn) as f64 / all.max(1) as f64
    }
}

/// htmldate's `evaluate_result`: no output is a FN, the gold day a TP, another day a FP.
#[derive(Debug, Default)]
struct DayCounts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl DayCounts {
    fn count(&mut self, found: Option<&str>, gold: &str) {
        match found {
            None => self.fn_ += 1,
            Some(day) if day == gold => self.tp += 1,
            Some(_) => self.fp += 1,
        }
    }
    fn precision_recall(&self) -> (f64, f64) {
        let tp = self.tp as f64;
        (
            tp / (tp + self.fp as f64).max(1.0),
            tp / (tp + self.fn_ as f64).max(1.0),
        )
    }
}

/// WCXB's per-page bag-of-words overlap of lowercase `\w+` tokens (multisets).
pub fn bag_of_words(found: &str, gold: &str) -> Body {
    let found = tokens(found);
    let gold = tokens(gold);
    let (n_found, n_gold) = (found.values().sum::<usize>(), gold.values().sum::<usize>());
    if n_found == 0 || n_gold == 0 {
        let both_empty = n_found == n_gold;
        let v = if both_empty { 1.0 } else { 0.0 };
        return Body {
            precision: v,
            recall: v,
            f1: v,
        };
    }
    let common: usize = found
        .iter()
        .map(|(word, n)| (*n).min(gold.get(word).copied().unwrap_or(0)))
        .sum();
    let precision = common as f64 / n_found as f64;
    let recall = common as f64 / n_gold as f64;
    let f1 = if common == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Body {
        precision,
        recall,
        f1,
    }
}

/// Python's `\w+` on lowercased text: runs of letters, digits, marks and `_`.
fn tokens(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_string()).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bag_of_words_counts_repeated_words_once_per_occurrence() {
        let s = bag_of_words("the cat the cat", "The cat sat");
        assert!((s.precision - 0.5).abs() < 1e-9);
        assert!((s.recall - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn snippets_follow_trafilatura_counting() {
        let mut s = Snippets::default();
        let with = vec!["keep  this".to_string(), "missing".to_string()];
        let without = vec!["Impressum".to_string()];
        s.count(&with, &without, "We keep\nthis and the Impressum.");
        assert_eq!((s.tp, s.fn_, s.fp, s.tn), (1, 1, 1, 0));
        assert!((s.body().f1 - 0.5).abs() < 1e-9);
    }
}
