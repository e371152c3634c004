//! Read articles from files: plain text, saved HTML pages (optionally gzipped) and JSONL.
//!
//! Takes paths, gives [`Article`]s plus [`Warning`]s. Reading never fails as a
//! whole: a bad file or line becomes a warning naming the file (and line) and
//! the rest is still read.
//!
//! - [`read_paths`] walks files and folders (folders recursively, entries in
//!   sorted order, hidden entries and non-article files skipped) and reads
//!   every `.txt`, `.html`/`.htm` and `.jsonl` file, each optionally `.gz`.
//! - Text is decoded from UTF-8, a declared charset or a detected legacy
//!   encoding; binary files and oversized files are refused with a warning.
//! - Every article's `text` is trimmed paragraphs joined by `"\n\n"`; its
//!   title falls back to the first sentence (or the id), its language to
//!   detection.
//! - Two articles with the same id are both kept: the later one is renamed
//!   `id-2` (then `id-3`, ...) and a warning says so.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use parallax_model::Article;

mod date;
mod decode;
mod draft;
mod html;
mod jsonl;
mod lang;
mod load;
mod paragraphs;
mod txt;
mod walk;
mod warc;

#[cfg(test)]
mod proptests;

use decode::Declared;
use draft::Draft;
pub use jsonl::parse_json;
use walk::{Format, Kind};

/// Something wrong with the input, named precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    /// 1-based line number, for line-oriented formats.
    pub line: Option<usize>,
    pub message: String,
    /// True when the file, line or record was not read at all; false for a
    /// note about input that was read (an id renamed, a field ignored, bytes
    /// replaced).
    pub skipped: bool,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// What reading produced.
#[derive(Debug, Default)]
pub struct Batch {
    pub articles: Vec<Article>,
    /// At most [`MAX_WARNINGS_PER_FILE`] for one file, then one that counts
    /// the rest.
    pub warnings: Vec<Warning>,
    /// Files, lines and records not read, listed in `warnings` or not.
    pub skipped: usize,
}

/// Warnings kept for one file. A corrupt multi-gigabyte JSONL file can hold
/// millions of bad lines; past this many, they are only counted.
pub const MAX_WARNINGS_PER_FILE: usize = 1000;

/// Read files and folders (recursively, in sorted order).
pub fn read_paths(paths: &[PathBuf]) -> Batch {
    let (mut articles, mut warnings) = (Vec::new(), Vec::new());
    let skipped = read_paths_with(paths, &mut |a| articles.push(a), &mut |w| warnings.push(w));
    Batch {
        articles,
        warnings,
        skipped,
    }
}

/// [`read_paths`] as a stream: each article is handed to `article` and each
/// warning to `warning` as soon as it is read, so that inputs larger than
/// memory can be read. Returns the number of files, lines and records not
/// read.
pub fn read_paths_with(
    paths: &[PathBuf],
    article: &mut dyn FnMut(Article),
    warning: &mut dyn FnMut(Warning),
) -> usize {
    let found = walk::expand(paths);
    let mut collector = Collector::new(article, warning);
    for (path, message) in found.problems {
        collector.warn(&path, None, message);
    }
    for (path, kind) in &found.files {
        collector.read_file(path, kind, None);
    }
    collector.skipped
}

/// Read one file. A folder is read like [`read_paths`] would.
pub fn read_file(path: &Path) -> Batch {
    read_paths(&[path.to_path_buf()])
}

/// Extract one saved HTML page (`.html`, `.htm`, optionally `.gz`, or any
/// other name: the file is taken as HTML) into a [`parallax_extract::Page`],
/// decoded with the same charset rules as [`read_paths`]. A file that cannot
/// be read or decoded is a [`Warning`] naming it.
pub fn extract_page(path: &Path) -> Result<parallax_extract::Page, Warning> {
    let warning = |message: String| Warning {
        path: path.to_path_buf(),
        line: None,
        message,
        skipped: true,
    };
    let gzip = walk::kind_of(path).map_or_else(
        || {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
        },
        |kind| kind.gzip,
    );
    let bytes = load::read_whole(path, gzip, load::MAX_PAGE_BYTES).map_err(warning)?;
    let decoded =
        decode::decode(&bytes, Declared::Html).map_err(|e| warning(e.message().to_string()))?;
    drop(bytes);
    Ok(parallax_extract::extract(&decoded.text))
}

/// A web page fetched over HTTP or kept in an archive, as an article whose
/// id is its URL. Decoded by a byte-order mark, else the HTTP charset, else
/// the page's own declaration, else detection (the HTML standard's order);
/// then extracted like a saved page.
pub fn web_page(bytes: &[u8], http_charset: Option<&str>, url: &str) -> Result<Article, String> {
    let declared = http_charset.and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    let text = match declared {
        Some(encoding) if encoding_rs::Encoding::for_bom(bytes).is_none() => {
            if decode::looks_binary(bytes) {
                return Err(decode::DecodeError::Binary.message().to_string());
            }
            encoding.decode_without_bom_handling(bytes).0.into_owned()
        }
        _ => {
            decode::decode(bytes, Declared::Html)
                .map_err(|e| e.message().to_string())?
                .text
        }
    };
    let (mut draft, _) = html::parse(&text, url);
    if draft.text.is_empty() {
        return Err("no article text found".to_string());
    }
    draft.url = draft.url.or_else(|| Some(url.to_string()));
    Ok(draft.finish())
}

/// Read the content of one file already in memory, named `name`: its
/// extension picks the format exactly as [`read_paths`] would, and warnings
/// name it. For inputs that arrive without a file (uploads, fuzzing).
pub fn read_bytes(name: &str, bytes: &[u8]) -> Batch {
    let path = Path::new(name);
    let (mut articles, mut warnings) = (Vec::new(), Vec::new());
    let (mut article, mut warning) = (|a| articles.push(a), |w| warnings.push(w));
    let mut collector = Collector::new(&mut article, &mut warning);
    match walk::kind_of(path) {
        Some(kind) => collector.read_file(path, &kind, Some(bytes)),
        None => collector.warn(path, None, walk::UNSUPPORTED.to_string()),
    }
    let skipped = collector.skipped;
    drop(collector);
    Batch {
        articles,
        warnings,
        skipped,
    }
}

/// Read one article file of a known kind into the collector, from `bytes`
/// when the content is in memory, else from the file at `path`.
fn read_kind(collector: &mut Collector, path: &Path, kind: &Kind, bytes: Option<&[u8]>) {
    if let Format::Txt | Format::Html = kind.format {
        let whole = match bytes {
            Some(bytes) => load::read_limited(bytes, kind.gzip, load::MAX_ARTICLE_BYTES),
            None => load::read_whole(path, kind.gzip, load::MAX_ARTICLE_BYTES),
        };
        return match whole {
            Ok(whole) => read_single_article(collector, path, kind, whole),
            Err(message) => collector.warn(path, None, message),
        };
    }
    let reader = match bytes {
        Some(bytes) => load::stream(bytes, bytes.len() as u64, kind.gzip),
        None => match load::open_stream(path, kind.gzip) {
            Ok(reader) => reader,
            Err(message) => return collector.warn(path, None, message),
        },
    };
    match kind.format {
        Format::Jsonl => read_jsonl(collector, path, reader),
        Format::Warc => read_warc(collector, path, reader),
        Format::Txt | Format::Html => {} // read whole above
    }
}

/// Every HTML page of a web archive, each an article named by its URL.
fn read_warc(collector: &mut Collector, path: &Path, mut reader: Box<dyn std::io::BufRead + '_>) {
    warc::read(&mut reader, load::MAX_PAGE_BYTES, |event| match event {
        warc::Event::Page(page) => match web_page(&page.body, page.charset.as_deref(), &page.uri) {
            Ok(article) => collector.add_article(path, Some(page.line), article),
            Err(message) => {
                collector.warn(path, Some(page.line), format!("{}: {message}", page.uri))
            }
        },
        warc::Event::Warning { line, message } => collector.warn(path, Some(line), message),
    });
}

fn read_single_article(collector: &mut Collector, path: &Path, kind: &Kind, bytes: Vec<u8>) {
    let declared = match kind.format {
        Format::Html => Declared::Html,
        Format::Txt | Format::Jsonl | Format::Warc => Declared::None,
    };
    let decoded = match decode::decode(&bytes, declared) {
        Ok(decoded) => decoded,
        Err(e) => return collector.warn(path, None, e.message().to_string()),
    };
    drop(bytes);
    if let Some(note) = decoded.note() {
        collector.note(path, None, note);
    }
    let (draft, notes) = match kind.format {
        Format::Html => html::parse(&decoded.text, &kind.id),
        Format::Txt | Format::Jsonl | Format::Warc => txt::parse(&decoded.text, &kind.id),
    };
    for note in notes {
        collector.note(path, None, note);
    }
    collector.add(path, None, draft);
}

fn read_jsonl(collector: &mut Collector, path: &Path, mut reader: Box<dyn std::io::BufRead + '_>) {
    jsonl::read(&mut reader, jsonl::Limits::default(), |event| match event {
        jsonl::Event::Article { line, draft } => collector.add(path, Some(line), draft),
        jsonl::Event::Warning { line, message } => collector.warn(path, line, message),
        jsonl::Event::Note { line, message } => collector.note(path, Some(line), message),
    });
}

/// Hands on articles and warnings in reading order, renaming duplicate ids.
struct Collector<'s> {
    article: &'s mut dyn FnMut(Article),
    warning: &'s mut dyn FnMut(Warning),
    skipped: usize,
    /// The files read, so that `taken` names one by its index.
    files: Vec<PathBuf>,
    /// Every id handed out so far, with where its article came from (an
    /// index into `files`, and the line).
    taken: HashMap<String, (usize, Option<usize>)>,
    /// For a duplicated id, the next suffix to try, so that many copies of one
    /// id are renamed in linear time.
    next_suffix: HashMap<String, usize>,
    /// Warnings about the file being read, and those of them not kept.
    file_warnings: usize,
    file_unlisted: usize,
}

impl<'s> Collector<'s> {
    fn new(article: &'s mut dyn FnMut(Article), warning: &'s mut dyn FnMut(Warning)) -> Self {
        Collector {
            article,
            warning,
            skipped: 0,
            files: Vec::new(),
            taken: HashMap::new(),
            next_suffix: HashMap::new(),
            file_warnings: 0,
            file_unlisted: 0,
        }
    }

    /// Read one file, keeping at most [`MAX_WARNINGS_PER_FILE`] of its warnings.
    fn read_file(&mut self, path: &Path, kind: &Kind, bytes: Option<&[u8]>) {
        (self.file_warnings, self.file_unlisted) = (0, 0);
        self.files.push(path.to_path_buf());
        read_kind(self, path, kind, bytes);
        if self.file_unlisted > 0 {
            let message = format!(
                "{} more warnings about this file not listed",
                self.file_unlisted
            );
            (self.warning)(Warning {
                path: path.to_path_buf(),
                line: None,
                message,
                skipped: false,
            });
        }
    }

    /// Something was not read.
    fn warn(&mut self, path: &Path, line: Option<usize>, message: String) {
        self.push(path, line, message, true);
    }

    /// Something was read, but not quite as written.
    fn note(&mut self, path: &Path, line: Option<usize>, message: String) {
        self.push(path, line, message, false);
    }

    fn push(&mut self, path: &Path, line: Option<usize>, message: String, skipped: bool) {
        self.skipped += usize::from(skipped);
        self.file_warnings += 1;
        if self.file_warnings > MAX_WARNINGS_PER_FILE {
            self.file_unlisted += 1;
            return;
        }
        (self.warning)(Warning {
            path: path.to_path_buf(),
            line,
            message,
            skipped,
        });
    }

    /// Finish a draft and keep it, unless it has no text.
    fn add(&mut self, path: &Path, line: Option<usize>, draft: Draft) {
        if draft.text.is_empty() {
            return self.warn(path, line, "no article text found".to_string());
        }
        self.add_article(path, line, draft.finish());
    }

    /// Keep an article, renaming it when its id is taken.
    fn add_article(&mut self, path: &Path, line: Option<usize>, mut article: Article) {
        if let Some(&(file, first_line)) = self.taken.get(&article.id) {
            let first_path = self.files.get(file).map_or(path, PathBuf::as_path);
            let first = match first_line {
                Some(n) => format!("{}:{n}", first_path.display()),
                None => first_path.display().to_string(),
            };
            let next = self.next_suffix.entry(article.id.clone()).or_insert(2);
            let mut renamed = format!("{}-{next}", article.id);
            while self.taken.contains_key(&renamed) {
                *next += 1;
                renamed = format!("{}-{next}", article.id);
            }
            *next += 1;
            let message = format!(
                "duplicate article id {:?} (first read from {first}), renamed to {renamed:?}",
                article.id
            );
            article.id = renamed;
            self.note(path, line, message);
        }
        let file = self.files.len().saturating_sub(1);
        self.taken.insert(article.id.clone(), (file, line));
        (self.article)(article);
    }
}
