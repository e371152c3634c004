//! Getting bytes off the disk safely: size limits, gzip with a cap on the
//! decompressed size (a small `.gz` can expand to gigabytes), and lines read
//! with a bound so one enormous line cannot exhaust memory.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

/// A single-article file (`.txt`, `.html`) larger than this is refused: real
/// articles are well under 1 MB, and later stages should not see 100 MB "articles".
pub(crate) const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// A page given to `extract_page` larger than this is refused. Higher than
/// [`MAX_ARTICLE_BYTES`]: saved pages carry scripts and inline images, and the
/// extractor keeps bounded time on pages of tens of megabytes.
pub(crate) const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

/// A JSONL line (one article) longer than this is skipped.
pub(crate) const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// A compressed JSONL stream stops after this much decompressed data.
pub(crate) const MAX_STREAM_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// A compressed stream may expand to at most this many times its size (news
/// text compresses three to ten times; a gzip bomb a thousand times), but
/// always to [`MIN_EXPANDED_BYTES`] and never past [`MAX_STREAM_BYTES`].
const MAX_EXPANSION: u64 = 100;
const MIN_EXPANDED_BYTES: u64 = 64 * 1024 * 1024;

/// Read buffer for streams: also the window in which binary data is sniffed.
const STREAM_BUFFER: usize = 64 * 1024;

/// A human-readable size: `20.0 MiB`, `512 bytes`.
pub(crate) fn human_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    const GIB: u64 = 1024 * MIB;
    if bytes >= GIB {
        format!("{:.1} GiB", bytes as f64 / GIB as f64)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// The whole content of a single-article file, decompressed when `gzip`,
/// refusing anything over `limit` bytes. The error is the warning message.
pub(crate) fn read_whole(path: &Path, gzip: bool, limit: u64) -> Result<Vec<u8>, String> {
    let file = open_regular(path)?;
    if !gzip {
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        if size > limit {
            return Err(too_large(size, limit));
        }
    }
    read_limited(file, gzip, limit)
}

/// Everything `reader` gives, decompressed when `gzip`, refusing anything
/// over `limit` bytes. The error is the warning message.
pub(crate) fn read_limited(reader: impl Read, gzip: bool, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let result = if gzip {
        MultiGzDecoder::new(BufReader::new(reader))
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
    } else {
        reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)
    };
    if let Err(e) = result {
        return Err(if gzip {
            format!("corrupt gzip data: {e}")
        } else {
            format!("read error: {e}")
        });
    }
    if bytes.len() as u64 > limit {
        return Err(if gzip {
            format!(
                "decompressed size exceeds the {} limit for one article (gzip bomb?), skipped",
                human_size(limit)
            )
        } else {
            // The file grew while it was being read.
            too_large(bytes.len() as u64, limit)
        });
    }
    Ok(bytes)
}

/// Open a file to read, if it is a regular one: opening a FIFO waits for a
/// writer forever, and a device may never end.
fn open_regular(path: &Path) -> Result<File, String> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            Err("not a regular file (a pipe, socket or device), skipped".to_string())
        }
        _ => File::open(path).map_err(|e| format!("cannot open: {e}")),
    }
}

fn too_large(size: u64, limit: u64) -> String {
    format!(
        "file is {}, over the {} limit for one article, skipped",
        human_size(size),
        human_size(limit)
    )
}

/// A buffered stream over a line-oriented file, decompressed when `gzip`.
pub(crate) fn open_stream(path: &Path, gzip: bool) -> Result<Box<dyn BufRead>, String> {
    let file = open_regular(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    Ok(stream(file, size, gzip))
}

/// A buffered stream over `reader` of `size` bytes, decompressed when
/// `gzip`; decompression fails with an error once the output passes
/// [`MAX_EXPANSION`] times `size`.
pub(crate) fn stream<'a>(reader: impl Read + 'a, size: u64, gzip: bool) -> Box<dyn BufRead + 'a> {
    if gzip {
        let limit = size
            .saturating_mul(MAX_EXPANSION)
            .clamp(MIN_EXPANDED_BYTES, MAX_STREAM_BYTES);
        let decoder = Capped {
            inner: MultiGzDecoder::new(BufReader::new(reader)),
            left: limit,
            limit,
        };
        Box::new(BufReader::with_capacity(STREAM_BUFFER, decoder))
    } else {
        Box::new(BufReader::with_capacity(STREAM_BUFFER, reader))
    }
}

/// A decompressing reader that fails once it has given `limit` bytes.
struct Capped<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            // At the limit: fine if the data ends here, else refused.
            return match self.inner.read(&mut [0u8; 1])? {
                0 => Ok(0),
                _ => Err(io::Error::other(format!(
                    "decompressed data passes {} (gzip bomb?)",
                    human_size(self.limit)
                ))),
            };
        }
        let room = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(buf.get_mut(..room).unwrap_or_default())?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// What [`read_line_bounded`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line is in the buffer, without its `\n`.
    Fits,
    /// The line was longer than the bound: it was consumed but not kept.
    TooLong { len: u64 },
    /// End of input; the buffer is empty.
    End,
}

/// Read one line into `buf` (cleared first), keeping at most `max` bytes.
/// A longer line is consumed to its end but not stored, so memory stays
/// bounded; time stays linear in the input because every byte is looked at once.
pub(crate) fn read_line_bounded<R: BufRead + ?Sized>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut len: u64 = 0;
    let mut too_long = false;
    let mut saw_any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        saw_any = true;
        let newline = available.iter().position(|&b| b == b'\n');
        let chunk = available
            .get(..newline.unwrap_or(available.len()))
            .unwrap_or_default();
        len += chunk.len() as u64;
        if !too_long {
            if buf.len() + chunk.len() <= max {
                buf.extend_from_slice(chunk);
            } else {
                too_long = true;
                buf.clear();
                buf.shrink_to(max.min(STREAM_BUFFER));
            }
        }
        let used = chunk.len() + usize::from(newline.is_some());
        reader.consume(used);
        if newline.is_some() {
            break;
        }
    }
    Ok(if too_long {
        Line::TooLong { len }
    } else if saw_any {
        Line::Fits
    } else {
        Line::End
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_lines(input: &[u8], max: usize) -> Vec<(Line, Vec<u8>)> {
        let mut reader = BufReader::with_capacity(4, input);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match read_line_bounded(&mut reader, &mut buf, max) {
                Ok(Line::End) | Err(_) => break,
                Ok(line) => out.push((line, buf.clone())),
            }
        }
        out
    }

    #[test]
    fn lines_are_split_and_long_ones_skipped() {
        let lines = all_lines(b"short\nthis line is too long\n\nok", 8);
        assert_eq!(
            lines,
            vec![
                (Line::Fits, b"short".to_vec()),
                (Line::TooLong { len: 21 }, Vec::new()),
                (Line::Fits, Vec::new()),
                (Line::Fits, b"ok".to_vec()),
            ]
        );
        assert!(all_lines(b"", 8).is_empty());
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(512), "512 bytes");
        assert_eq!(human_size(16 * 1024 * 1024), "16.0 MiB");
        assert_eq!(human_size(5 * 1024 * 1024 * 1024), "5.0 GiB");
    }
}
