//! XML resource decoding: never a panic; what decodes re-encodes and decodes to the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::{xml, Resource};

fuzz_target!(|data: &[u8]| {
    let Ok(resource) = xml::from_slice::<Resource>(data) else {
        return;
    };
    // XML text can always be written back as XML.
    let written = xml::to_vec(&resource).expect("a decoded resource encodes");
    let again = xml::from_slice::<Resource>(&written).expect("what the encoder writes decodes");
    assert_eq!(again, resource);
    assert_eq!(xml::to_vec(&again).unwrap(), written);
});
