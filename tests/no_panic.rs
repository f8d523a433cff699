//! Whatever the input, the decoders answer with a resource or an error, never a panic.

mod common;

use proptest::prelude::*;
use ucwa_codec::Resource;
use ucwa_codec::{json, xml};

fn samples() -> &'static [common::Sample] {
    static SAMPLES: std::sync::OnceLock<Vec<common::Sample>> = std::sync::OnceLock::new();
    SAMPLES.get_or_init(|| common::samples("valid"))
}

fn decode_both(bytes: &[u8]) {
    for result in [
        json::from_slice::<Resource>(bytes).map(drop),
        xml::from_slice::<Resource>(bytes).map(drop),
    ] {
        if let Err(err) = result {
            // Every error renders as one line.
            assert!(!err.to_string().contains('\n'), "{err}");
        }
    }
}

proptest! {
    #![proptest_config(common::proptest_config(512))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        decode_both(&bytes);
    }

    #[test]
    fn samples_with_bytes_changed(
        index in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        if common::docs_dir().is_none() {
            return Ok(());
        }
        let sample = index.get(samples());
        let mut bytes = sample.bytes.clone();
        for (at, byte) in edits {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        decode_both(&bytes);
    }

    #[test]
    fn samples_with_markup_characters_inserted(
        index in any::<prop::sample::Index>(),
        inserts in proptest::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec!["<", ">", "&", "\"", "{", "}", "[", "]", ":", ",", "\\", "<!--", "]]>", "&#0;", "\u{0}"])), 1..4),
    ) {
        if common::docs_dir().is_none() {
            return Ok(());
        }
        let sample = index.get(samples());
        let mut text = String::from_utf8_lossy(&sample.bytes).into_owned();
        for (at, insert) in inserts {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, insert);
        }
        decode_both(text.as_bytes());
    }
}
