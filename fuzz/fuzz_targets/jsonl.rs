//! JSON Lines: one article object per line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let batch = parallax_read::read_bytes("a.jsonl", data);
    let lines = data.split(|&b| b == b'\n').count();
    assert!(batch.articles.len() <= lines, "more articles than lines");
    parallax_fuzz::check_batch(&batch);
});
