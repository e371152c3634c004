//! HTML extraction: `parallax_extract::extract` on any text, and a saved
//! `.html` page through `parallax_read` (charset detection and decoding too).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let page = parallax_extract::extract(&html);
    if !page.text.is_empty() {
        parallax_fuzz::check_body_text(&page.text, "extract");
    }
    parallax_fuzz::check_batch(&parallax_read::read_bytes("page.html", data));
});
