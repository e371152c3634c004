//! Story renditions are kept gzip-compressed: a big story's page is megabytes
//! of HTML that compresses about tenfold, so the store holds less, the
//! analyser writes less, and a browser (every browser accepts gzip) is sent
//! the stored bytes as they are.

use std::io::{Read, Write};

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

/// `bytes`, gzip-compressed. The fast level: renditions are compressed on
/// every change of a story, and it already shrinks HTML and JSON several fold.
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// What [`compress`] compressed.
pub fn decompress(gzipped: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(gzipped.len() * 4);
    GzDecoder::new(gzipped).read_to_end(&mut out)?;
    Ok(out)
}

/// Whether the request's `Accept-Encoding` takes gzip (and does not refuse it
/// with `q=0`).
fn accepts_gzip(request: &HeaderMap) -> bool {
    request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

/// A response with a stored gzip body: sent compressed when the client
/// takes gzip, else decompressed as it is sent, a chunk at a time, so that a
/// client without gzip costs the server a chunk of memory, not the whole
/// page (a giant story's page is a hundred megabytes of HTML).
pub(crate) fn respond(
    request: &HeaderMap,
    gzipped: Vec<u8>,
    content_type: &'static str,
) -> Response {
    let content_type = (header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let vary = (header::VARY, HeaderValue::from_static("accept-encoding"));
    if accepts_gzip(request) {
        let encoding = (header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        return ([content_type, vary, encoding], gzipped).into_response();
    }
    let mut decoder = GzDecoder::new(std::io::Cursor::new(gzipped));
    let chunks = std::iter::from_fn(move || {
        let mut chunk = vec![0; CHUNK];
        match decoder.read(&mut chunk) {
            Ok(0) => None,
            Ok(n) => {
                chunk.truncate(n);
                Some(Ok(axum::body::Bytes::from(chunk)))
            }
            Err(err) => {
                // The status is sent already: the client sees a cut-off body.
                tracing::error!(%err, "a stored rendition does not decompress");
                Some(Err(err))
            }
        }
    });
    let body = axum::body::Body::from_stream(tokio_stream::iter(chunks));
    ([content_type, vary], body).into_response()
}

/// Decompressed bytes sent at a time.
const CHUNK: usize = 64 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(accept: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        map
    }

    #[test]
    fn round_trips() {
        let page = "<p>Storm keeps the Holm ferry in port.</p>".repeat(100);
        let gzipped = compress(page.as_bytes());
        assert!(gzipped.len() < page.len() / 10);
        assert_eq!(decompress(&gzipped).unwrap(), page.as_bytes());
        assert!(decompress(b"not gzip").is_err());
    }

    #[test]
    fn gzip_is_sent_only_to_clients_that_take_it() {
        assert!(accepts_gzip(&headers("gzip, deflate, br")));
        assert!(accepts_gzip(&headers("br;q=1.0, GZIP;q=0.5")));
        assert!(accepts_gzip(&headers("*")));
        assert!(!accepts_gzip(&headers("gzip;q=0, br")));
        assert!(!accepts_gzip(&headers("identity")));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
