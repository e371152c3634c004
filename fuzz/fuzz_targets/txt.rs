//! Plain-text articles, as read and gzipped.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let batch = parallax_read::read_bytes("a.txt", data);
    assert!(batch.articles.len() <= 1, "one .txt file, one article");
    parallax_fuzz::check_batch(&batch);
    let batch = parallax_read::read_bytes("a.txt.gz", data);
    assert!(batch.articles.len() <= 1, "one .txt.gz file, one article");
    parallax_fuzz::check_batch(&batch);
});
