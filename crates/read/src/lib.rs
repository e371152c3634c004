//! Read articles from files: plain text, saved HTML pages (optionally gzipped) and JSONL.
//!
//! Takes paths, gives [`Article`]s plus [`Warning`]s. Reading never fails as a
//! whole: a bad file or line becomes a warning naming the file (and line) and
//! the rest is still read.

use std::fmt;
use std::path::{Path, PathBuf};

use parallax_model::Article;

/// Something that could not be read, named precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    /// 1-based line number, for line-oriented formats.
    pub line: Option<usize>,
    pub message: String,
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
    pub warnings: Vec<Warning>,
}

/// Read files and folders (recursively, in sorted order).
pub fn read_paths(paths: &[PathBuf]) -> Batch {
    let _ = paths;
    Batch::default()
}

/// Read one file.
pub fn read_file(path: &Path) -> Batch {
    let _ = path;
    Batch::default()
}
