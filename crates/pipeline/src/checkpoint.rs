//! A long-running analyser's state as bytes, so that a restart carries on
//! from it instead of replaying the whole log (see [`crate::Live::save`]).
//!
//! postcard (compact, floats bit for bit), deflated, behind a tag that names
//! this Parallax's version: the state is the clusterer's inner workings, so
//! a checkpoint written by another version is not read ([`decode`] gives
//! `None`) and the log is replayed instead.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The tag every checkpoint starts with.
fn tag() -> Vec<u8> {
    format!("parallax.checkpoint/{}\n", env!("CARGO_PKG_VERSION")).into_bytes()
}

/// `state`, encoded; `None` if it does not serialise.
pub fn encode(state: &impl Serialize) -> Option<Vec<u8>> {
    let raw = postcard::to_stdvec(state).ok()?;
    let mut encoder = DeflateEncoder::new(tag(), Compression::fast());
    encoder.write_all(&raw).ok()?;
    encoder.finish().ok()
}

/// The state in `bytes`, if they hold one written by this version.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let body = bytes.strip_prefix(tag().as_slice())?;
    let mut raw = Vec::new();
    DeflateDecoder::new(body).read_to_end(&mut raw).ok()?;
    postcard::from_bytes(&raw).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_back_exactly_and_foreign_bytes_do_not() {
        let state = (
            vec![0.1f32, f32::MIN_POSITIVE, -3.5e30],
            "Kyiv".to_string(),
            7usize,
        );
        let bytes = encode(&state).expect("plain data serialises");
        assert_eq!(decode::<(Vec<f32>, String, usize)>(&bytes), Some(state));
        assert_eq!(
            decode::<(Vec<f32>, String, usize)>(b"parallax.checkpoint/0.0.0\n"),
            None
        );
        assert_eq!(
            decode::<(Vec<f32>, String, usize)>(&bytes[..bytes.len() / 2]),
            None
        );
    }
}
