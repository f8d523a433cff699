//! The XML fast path against the full decoder: whatever the fast path reads (a resource or
//! an events document), the full decoder on quick-xml reads the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::__private::{
    events_xml_fast_path, events_xml_full_decoder, xml_fast_path, xml_full_decoder,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(fast) = xml_fast_path(text) {
        let full = xml_full_decoder(text).expect("the full decoder reads what the fast path reads");
        assert_eq!(fast, full);
    }
    if let Some(fast) = events_xml_fast_path(text) {
        let full = events_xml_full_decoder(text)
            .expect("the full decoder reads what the fast path reads");
        assert_eq!(fast, full);
    }
});
