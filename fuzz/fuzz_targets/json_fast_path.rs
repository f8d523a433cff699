//! The JSON fast path against the serde decoder: whatever the fast path reads (a resource or
//! an events document), the serde decoder reads the same; what the serde decoder refuses, the
//! fast path leaves to it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::__private::{
    events_json_fast_path, events_json_full_decoder, json_fast_path, json_full_decoder,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(fast) = json_fast_path(text) {
        let full = json_full_decoder(text).expect("the serde decoder reads what the fast path reads");
        assert_eq!(fast, full);
    }
    if let Some(fast) = events_json_fast_path(text) {
        let full = events_json_full_decoder(text)
            .expect("the serde decoder reads what the fast path reads");
        assert_eq!(fast, full);
    }
});
