//! An understood document as it crosses a process boundary: a cluster's
//! workers understand articles ([`crate::understand`]) and store the result,
//! the grouper places it without understanding the article again.
//!
//! JSON (floats written shortest-exact, so a document read back is the one
//! written), deflated (a document is about four times its article as JSON,
//! a third of that deflated), behind a version tag: a document written by a
//! Parallax whose model differs is not read ([`decode`] gives `None`) and
//! the article is understood again instead.

use parallax_model::Document;

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;

/// The tag every encoded document starts with; changes when the model does.
const TAG: &[u8] = b"parallax.document/1\n";

/// `doc`, encoded.
pub fn encode(doc: &Document) -> Vec<u8> {
    // Serialised whole, then deflated in one call: serde writing piece by
    // piece into the deflater took twice as long as understanding the
    // article. Plain data serialises without fail and writing to memory
    // cannot fail; an unreadable body only makes the grouper understand
    // the article itself.
    let Ok(json) = serde_json::to_vec(doc) else {
        return TAG.to_vec();
    };
    let mut encoder = DeflateEncoder::new(TAG.to_vec(), Compression::fast());
    match encoder.write_all(&json).and_then(|()| encoder.finish()) {
        Ok(bytes) => bytes,
        Err(_) => TAG.to_vec(),
    }
}

/// The document in `bytes`, if they hold one of this version.
pub fn decode(bytes: &[u8]) -> Option<Document> {
    let mut json = Vec::with_capacity(bytes.len() * 4);
    DeflateDecoder::new(bytes.strip_prefix(TAG)?)
        .read_to_end(&mut json)
        .ok()?;
    serde_json::from_slice(&json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_model::Article;

    #[test]
    fn a_document_read_back_is_the_one_written() {
        let article = Article::from_text(
            "ferry",
            "Mayor Lena Marsh said on Friday: \"The ferry to Holm stays in port.\" \
             About 1,020 passengers, or 12.5% of the week's total, waited.",
        );
        let doc = crate::understand(article);
        let back = decode(&encode(&doc)).expect("decodes");
        assert_eq!(back, doc);
        assert!(decode(b"parallax.document/0\n{}").is_none());
        assert!(decode(&encode(&doc)[..40]).is_none());
    }
}
