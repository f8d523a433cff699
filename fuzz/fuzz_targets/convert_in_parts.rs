//! Conversion in parts: for any document, the loss check by parts gives the warnings of
//! reading back the whole (or leaves the document to the whole, which then fails if the parts
//! would), and the output written in pieces is the output encoded whole.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::__private::convert_losses_both_ways;
use ucwa_codec::convert::ConvertOptions;
use ucwa_codec::{document, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = document::decode(data, None) else {
        return;
    };
    let from = Format::detect(data).expect("a decoded document has a format");
    let to = match from {
        Format::Json => Format::Xml,
        Format::Xml => Format::Json,
    };
    for pretty in [false, true] {
        let options = ConvertOptions::default().pretty(pretty);
        if let Ok((parts, whole)) = convert_losses_both_ways(doc.clone(), from, to, &options) {
            match (parts, whole) {
                (Some(parts), Ok(whole)) => assert_eq!(parts, whole),
                (Some(parts), Err(err)) => panic!("parts {parts:?} where the whole fails: {err}"),
                (None, _) => {}
            }
        }
        if let Ok(whole) = document::encode(&doc, to, pretty) {
            let mut pieces = Vec::new();
            document::encode_to_writer(&doc, to, pretty, &mut pieces).expect("as the whole");
            assert_eq!(pieces, whole);
        }
    }
});
