//! Catalogue typing after XML decoding: never a panic; typing is idempotent, an error leaves
//! the document as it was, and what it types writes to JSON and reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::catalogue::{apply_to_document, OnMismatch, TypingOptions};
use ucwa_codec::diff::{diff_documents_with, Comparison};
use ucwa_codec::document;
use ucwa_codec::{ErrorKind, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = document::decode(data, Some(Format::Xml)) else {
        return;
    };
    let mut strict = decoded.clone();
    if apply_to_document(&mut strict, &TypingOptions::default()).is_err() {
        assert_eq!(strict, decoded, "a typing error leaves the document as it was");
    }
    let mut options = TypingOptions::default();
    options.on_mismatch = OnMismatch::Warn;
    let mut typed = decoded.clone();
    apply_to_document(&mut typed, &options).expect("warnings, not errors");
    let mut twice = typed.clone();
    apply_to_document(&mut twice, &options).expect("warnings, not errors");
    assert_eq!(twice, typed, "typing is idempotent");
    match document::encode(&typed, Format::Json, false) {
        Ok(json) => {
            let back = document::decode(&json, Some(Format::Json)).expect("what JSON encoding writes decodes");
            assert_eq!(diff_documents_with(&typed, &back, Comparison::Meaning), vec![]);
        }
        Err(err) => assert_eq!(err.kind(), ErrorKind::Unrepresentable, "{err}"),
    }
});
