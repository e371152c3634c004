//! A long-running analyser's state as bytes, so that a restart carries on
//! from it instead of replaying the whole log (see [`crate::Live::save`]).
//!
//! postcard (compact, floats bit for bit), compressed with zlib (whose
//! checksum catches a damaged checkpoint), behind a tag that names this
//! build ([`crate::build::id`]): the state is the clusterer's inner
//! workings, so a checkpoint another build wrote is not read ([`decode`]
//! gives `None`) and the log is replayed instead.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The tag every checkpoint starts with.
fn tag() -> Vec<u8> {
    format!("parallax.checkpoint/1 {}\n", crate::build::id()).into_bytes()
}

/// `state`, encoded; `None` if it does not serialise.
pub fn encode(state: &impl Serialize) -> Option<Vec<u8>> {
    let raw = postcard::to_stdvec(state).ok()?;
    let mut encoder = ZlibEncoder::new(tag(), Compression::fast());
    encoder.write_all(&raw).ok()?;
    encoder.finish().ok()
}

/// The state in `bytes`, if they hold one written by this version.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let body = bytes.strip_prefix(tag().as_slice())?;
    let mut raw = Vec::new();
    ZlibDecoder::new(body).read_to_end(&mut raw).ok()?;
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
        // A damaged byte fails the checksum.
        let mut damaged = bytes.clone();
        let at = damaged.len() - 6;
        damaged[at] ^= 0x40;
        assert_eq!(decode::<(Vec<f32>, String, usize)>(&damaged), None);
    }
}
