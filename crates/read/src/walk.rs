//! Which files to read: file kinds by name, and folders walked recursively in
//! a deterministic (sorted) order.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// The article formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Txt,
    Html,
    Jsonl,
    /// A web archive: many pages.
    Warc,
}

/// A readable file's format, whether it is gzipped, and its id (the file
/// name without the recognised extensions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Kind {
    pub format: Format,
    pub gzip: bool,
    pub id: String,
}

/// The extensions that make a file an article file.
const EXTENSIONS: &[(&str, Format)] = &[
    (".txt", Format::Txt),
    (".html", Format::Html),
    (".htm", Format::Html),
    (".jsonl", Format::Jsonl),
    (".warc", Format::Warc),
];

/// The kind of a file, from its name; `None` for anything that is not an article file.
/// Why a named file is not read.
pub(crate) const UNSUPPORTED: &str =
    "unsupported file type, expected .txt, .html, .htm, .jsonl or .warc (optionally .gz)";

pub(crate) fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy();
    let (stem, gzip) = match strip_suffix_ignore_case(&name, ".gz") {
        Some(stem) => (stem, true),
        None => (name.as_ref(), false),
    };
    EXTENSIONS.iter().find_map(|(ext, format)| {
        let id = strip_suffix_ignore_case(stem, ext)?;
        Some(Kind {
            format: *format,
            gzip,
            // A file named just ".txt" has no stem; its whole name is its id.
            id: if id.is_empty() {
                name.to_string()
            } else {
                id.to_string()
            },
        })
    })
}

fn strip_suffix_ignore_case<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    let split = name.len().checked_sub(suffix.len())?;
    let (stem, tail) = (name.get(..split)?, name.get(split..)?);
    tail.eq_ignore_ascii_case(suffix).then_some(stem)
}

/// What walking the inputs found: article files in reading order, and
/// problems as `(path, message)`.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub files: Vec<(PathBuf, Kind)>,
    pub problems: Vec<(PathBuf, String)>,
}

/// Expand the given paths: files as given (an unknown extension is a
/// problem), folders recursively with entries in sorted order, hidden entries
/// and non-article files skipped silently. Symlinked folders are followed once.
pub(crate) fn expand(paths: &[PathBuf]) -> Found {
    let mut found = Found::default();
    let mut visited = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                found
                    .problems
                    .push((path.clone(), "no such file or directory".to_string()));
            }
            Err(e) => found
                .problems
                .push((path.clone(), format!("cannot read: {e}"))),
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut visited, &mut found),
            Ok(_) => match kind_of(path) {
                Some(kind) => found.files.push((path.clone(), kind)),
                None => found.problems.push((path.clone(), UNSUPPORTED.to_string())),
            },
        }
    }
    found
}

fn walk_dir(dir: &Path, visited: &mut HashSet<PathBuf>, found: &mut Found) {
    // Canonical paths guard against symlink loops and folders given twice.
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found
                .problems
                .push((dir.to_path_buf(), format!("cannot read folder: {e}")));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) if !is_hidden(&entry.file_name()) => paths.push(entry.path()),
            Ok(_) => {}
            Err(e) => found
                .problems
                .push((dir.to_path_buf(), format!("cannot read folder entry: {e}"))),
        }
    }
    paths.sort();
    for path in paths {
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk_dir(&path, visited, found),
            Ok(meta) if meta.is_file() => {
                if let Some(kind) = kind_of(&path) {
                    found.files.push((path, kind));
                }
            }
            // Sockets, broken symlinks and the like are not articles.
            _ => {}
        }
    }
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str) -> Option<(Format, bool, String)> {
        kind_of(Path::new(name)).map(|k| (k.format, k.gzip, k.id))
    }

    #[test]
    fn kinds_by_name() {
        assert_eq!(
            kind("a/herald-call.txt"),
            Some((Format::Txt, false, "herald-call".into()))
        );
        assert_eq!(kind("page.HTM"), Some((Format::Html, false, "page".into())));
        assert_eq!(
            kind("page.v2.html.gz"),
            Some((Format::Html, true, "page.v2".into()))
        );
        assert_eq!(
            kind("feed.jsonl.GZ"),
            Some((Format::Jsonl, true, "feed".into()))
        );
        assert_eq!(kind(".txt"), Some((Format::Txt, false, ".txt".into())));
        assert_eq!(kind("README.md"), None);
        assert_eq!(kind("archive.gz"), None);
        assert_eq!(kind("photo.jpg"), None);
    }
}
