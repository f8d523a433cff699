//! JSON resource decoding: never a panic; what decodes re-encodes and decodes to the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::{json, Resource};

fuzz_target!(|data: &[u8]| {
    let Ok(resource) = json::from_slice::<Resource>(data) else {
        return;
    };
    let written = json::to_vec(&resource).expect("a decoded resource encodes");
    let again = json::from_slice::<Resource>(&written).expect("what the encoder writes decodes");
    assert_eq!(again, resource);
    assert_eq!(json::to_vec(&again).unwrap(), written);
});
