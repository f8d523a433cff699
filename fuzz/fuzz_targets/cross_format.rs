//! JSON -> XML -> JSON and XML -> JSON -> XML keep the meaning of whatever decodes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::{diff, json, xml, ErrorKind, Resource};

fuzz_target!(|data: &[u8]| {
    if let Ok(resource) = json::from_slice::<Resource>(data) {
        match xml::to_vec(&resource) {
            Ok(written) => {
                let back = xml::from_slice::<Resource>(&written)
                    .expect("what the XML encoder writes decodes");
                assert_eq!(diff(&resource, &back), vec![]);
            }
            // JSON can hold what XML cannot (control characters, null attributes, ...):
            // the encoder must say so, never drop it.
            Err(err) => assert_eq!(err.kind(), ErrorKind::Unrepresentable),
        }
    }
    if let Ok(resource) = xml::from_slice::<Resource>(data) {
        match json::to_vec(&resource) {
            Ok(written) => {
                let back = json::from_slice::<Resource>(&written)
                    .expect("what the JSON encoder writes decodes");
                assert_eq!(diff(&resource, &back), vec![]);
            }
            // XML can hold what JSON cannot (a property named `_links`, ...).
            Err(err) => assert_eq!(err.kind(), ErrorKind::Unrepresentable),
        }
    }
});
