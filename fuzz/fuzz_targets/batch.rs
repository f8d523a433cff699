//! Batches: never a panic; what parses writes back to bytes that parse to the same batch.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::batch::Batch;

fuzz_target!(|data: &[u8]| {
    let Ok(batch) = Batch::parse(data, None) else {
        return;
    };
    let written = batch.to_vec().expect("a parsed batch holds no boundary line");
    let again = Batch::parse(&written, None).expect("what the writer writes parses");
    assert_eq!(again, batch);
});
