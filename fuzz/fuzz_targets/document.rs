//! Any document (resource, events, error body, metadata) in either format: never a panic;
//! what decodes re-encodes in both formats, and its own format decodes to the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::document::{self, Document};
use ucwa_codec::{diff::diff_documents, ErrorKind, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = document::decode(data, None) else {
        return;
    };
    let format = Format::detect(data).expect("a decoded document has a format");
    let written = document::encode(&doc, format, false).expect("a decoded document re-encodes");
    let again: Document = document::decode(&written, Some(format)).expect("what the encoder writes decodes");
    assert_eq!(again, doc);
    match document::encode(&doc, format.other(), false) {
        Ok(other) => {
            let back = document::decode(&other, Some(format.other())).expect("the other format decodes");
            assert_eq!(diff_documents(&doc, &back), vec![]);
        }
        Err(err) => assert_eq!(err.kind(), ErrorKind::Unrepresentable),
    }
});
