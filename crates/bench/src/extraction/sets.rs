//! The four labelled extraction sets in ../shared/data/extraction, read at run
//! time only (their licences forbid copying pages into the repository).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::Value;

/// Which labelled set, and so which gold and which metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Set {
    /// Must-include / must-exclude snippets, plus title/author/date gold.
    TrafilaturaEval,
    /// Bag-of-words F1 against the main content, plus title/author/date gold.
    WcxbDev,
    /// Publication day only.
    HtmldateEval,
    /// Title and byline of Mozilla Readability's test pages.
    ReadabilityTestPages,
}

/// What the gold says about the body of one page.
#[derive(Debug, Clone, Default)]
pub struct BodyGold {
    /// Segments that must appear in the text.
    pub with: Vec<String>,
    /// Segments that must not appear.
    pub without: Vec<String>,
    /// The full main content, for bag-of-words scoring.
    pub main_content: Option<String>,
}

/// One labelled page. `None` gold means "not labelled", which is not scored.
#[derive(Debug, Clone)]
pub struct Case {
    /// Stable id shared with the Python baseline's JSONL.
    pub id: String,
    pub html: PathBuf,
    pub body: BodyGold,
    pub title: Option<String>,
    /// Authors joined with "; ", as trafilatura's evaluation does.
    pub author: Option<String>,
    /// Publication day, YYYY-MM-DD.
    pub date: Option<String>,
}

/// The labelled pages of `set` under `data` (the set's own directory).
pub fn load(set: Set, data: &Path) -> anyhow::Result<Vec<Case>> {
    let mut cases = match set {
        Set::TrafilaturaEval => trafilatura_eval(data)?,
        Set::WcxbDev => wcxb(data)?,
        Set::HtmldateEval => htmldate(data)?,
        Set::ReadabilityTestPages => readability(data)?,
    };
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    cases.dedup_by(|a, b| a.id == b.id);
    if cases.is_empty() {
        bail!("no labelled pages found in {}", data.display());
    }
    Ok(cases)
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// A non-empty gold string; lists (of authors) joined with "; ".
fn gold_text(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("; "),
        _ => return None,
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn trafilatura_eval(dir: &Path) -> anyhow::Result<Vec<Case>> {
    let index = dir.join("evaldata.json");
    let Value::Object(items) = read_json(&index)? else {
        bail!("{}: expected a JSON object of pages", index.display());
    };
    let mut cases = Vec::new();
    for (url, item) in &items {
        let file = item["file"]
            .as_str()
            .with_context(|| format!("{}: page {url} has no \"file\"", index.display()))?;
        cases.push(Case {
            id: file.to_string(),
            html: dir.join("html").join(format!("{file}.gz")),
            body: BodyGold {
                with: strings(item.get("with")),
                without: strings(item.get("without")),
                main_content: None,
            },
            title: gold_text(item.get("title")),
            author: gold_text(item.get("author")),
            date: gold_text(item.get("date")),
        });
    }
    Ok(cases)
}

fn wcxb(dir: &Path) -> anyhow::Result<Vec<Case>> {
    let truth = dir.join("ground-truth");
    let mut cases = Vec::new();
    let entries =
        std::fs::read_dir(&truth).with_context(|| format!("listing {}", truth.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("listing {}", truth.display()))?
            .path();
        let Some(id) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let gold = &read_json(&path)?["ground_truth"];
        cases.push(Case {
            id: id.to_string(),
            html: dir.join("html").join(format!("{id}.html.gz")),
            body: BodyGold {
                with: strings(gold.get("with")),
                without: strings(gold.get("without")),
                main_content: gold_text(gold.get("main_content")),
            },
            title: gold_text(gold.get("title")),
            author: gold_text(gold.get("author")),
            date: gold_text(gold.get("publish_date")),
        });
    }
    Ok(cases)
}

fn htmldate(dir: &Path) -> anyhow::Result<Vec<Case>> {
    let index = dir.join("eval.json");
    let Value::Object(items) = read_json(&index)? else {
        bail!("{}: expected a JSON object of pages", index.display());
    };
    let mut cases = Vec::new();
    for (url, item) in &items {
        let file = item["file"]
            .as_str()
            .with_context(|| format!("{}: page {url} has no \"file\"", index.display()))?;
        cases.push(Case {
            id: file.to_string(),
            html: dir.join("html").join(format!("{file}.gz")),
            body: BodyGold::default(),
            title: None,
            author: None,
            date: gold_text(item.get("date")),
        });
    }
    Ok(cases)
}

fn readability(dir: &Path) -> anyhow::Result<Vec<Case>> {
    let mut cases = Vec::new();
    let entries = std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))?;
    for entry in entries {
        let page = entry
            .with_context(|| format!("listing {}", dir.display()))?
            .path();
        let meta = page.join("expected-metadata.json");
        if !meta.is_file() {
            continue;
        }
        let Some(id) = page.file_name().and_then(|s| s.to_str()) else {
            continue;
        };
        let gold = read_json(&meta)?;
        cases.push(Case {
            id: id.to_string(),
            html: page.join("source.html.gz"),
            body: BodyGold::default(),
            title: gold_text(gold.get("title")),
            author: gold_text(gold.get("byline")),
            date: None,
        });
    }
    Ok(cases)
}

/// The decoded HTML of one gzipped page.
pub fn read_page(path: &Path) -> anyhow::Result<String> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .with_context(|| format!("gunzipping {}", path.display()))?;
    Ok(decode(&bytes))
}

/// Bytes to text the way parallax-read does it: a byte-order mark wins, valid
/// UTF-8 is kept, a declared `charset=` is honoured, else `chardetng` guesses.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let encoding = declared_charset(bytes).unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(&bytes[..bytes.len().min(256 * 1024)], true);
        detector.guess(None, chardetng::Utf8Detection::Allow)
    });
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}
