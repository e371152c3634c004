//! Web archives: the HTML pages of WARC `response` records.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    parallax_fuzz::check_batch(&parallax_read::read_bytes("a.warc", data));
});
