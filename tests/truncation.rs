//! Every documented sample cut short at every byte offset is rejected cleanly: an error with a
//! position inside what was read, never a panic.

#[macro_use]
mod common;

use ucwa_codec::Resource;
use ucwa_codec::{json, xml};

#[test]
fn every_sample_truncated_at_every_offset_is_rejected_cleanly() {
    needs_reference!();
    let mut checked = 0usize;
    for sample in common::samples("valid") {
        let bytes = &sample.bytes;
        // Cutting off only trailing white space leaves a whole document.
        let content_end = bytes.len()
            - bytes
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
        for cut in 0..content_end {
            let prefix = &bytes[..cut];
            let result = if sample.is_json() {
                json::from_slice::<Resource>(prefix).map(drop)
            } else {
                xml::from_slice::<Resource>(prefix).map(drop)
            };
            let err = match result {
                Err(err) => err,
                Ok(()) => panic!("{} cut at byte {cut} decoded", sample.name),
            };
            let position = err
                .position()
                .unwrap_or_else(|| panic!("{} cut at {cut}: no position in {err}", sample.name));
            assert!(
                position.offset <= cut,
                "{} cut at {cut}: {err} points past the input",
                sample.name
            );
            checked += 1;
        }
    }
    assert!(checked > 100_000, "checked {checked} truncations");
}
