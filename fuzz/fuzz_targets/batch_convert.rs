//! Batch conversion: whatever a batch's parts hold, converting it to either format and writing
//! it gives a batch that parses back to the same parts: as many, with the same start lines,
//! and each converted document the same as before (no part smuggled in by a body's text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::batch::Batch;
use ucwa_codec::convert::ConvertOptions;
use ucwa_codec::diff::{diff_documents_with, Comparison};
use ucwa_codec::Format;

fuzz_target!(|data: &[u8]| {
    let Ok(batch) = Batch::parse(data, None) else {
        return;
    };
    for to in [Format::Xml, Format::Json] {
        let mut converted = batch.clone();
        let outcome = converted.convert(to, &ConvertOptions::default().check_losses(false));
        let written = converted
            .to_vec()
            .expect("a converted batch holds no boundary line");
        let again = Batch::parse(&written, None).expect("what the writer writes parses");
        assert_eq!(again.parts.len(), batch.parts.len());
        for (index, (read, part)) in again.parts.iter().zip(&converted.parts).enumerate() {
            assert_eq!(read.message.start_line, part.message.start_line);
            assert_eq!(read.headers, part.headers);
            assert_eq!(read.message.body, part.message.body);
            let failed = outcome.errors.iter().any(|e| e.message().starts_with(&format!("part {}: ", index + 1)));
            if let (Some(x), Some(y)) = (&read.message.document, &part.message.document) {
                if !failed {
                    assert_eq!(diff_documents_with(x, y, Comparison::Exact), vec![]);
                }
            }
        }
    }
});
