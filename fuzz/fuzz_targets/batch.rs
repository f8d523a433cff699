//! Batches: never a panic; what parses writes back to bytes that parse to the same batch, and
//! writing that again gives the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::batch::Batch;

fuzz_target!(|data: &[u8]| {
    let Ok(batch) = Batch::parse(data, None) else {
        return;
    };
    let written = batch.to_vec().expect("a parsed batch holds no boundary line");
    let mut again = Batch::parse(&written, None).expect("what the writer writes parses");
    // A body's error stands at its position in the input read, which moves where the writer
    // wrote a line the input left out (a bodiless message's blank line): the same error there.
    for (read_again, read) in again.parts.iter_mut().zip(&batch.parts) {
        if let (Some(a), Some(b)) = (&read_again.message.body_error, &read.message.body_error) {
            if (a.kind(), a.message(), a.path()) == (b.kind(), b.message(), b.path()) {
                read_again.message.body_error = read.message.body_error.clone();
            }
        }
    }
    assert_eq!(again, batch);
    assert_eq!(again.to_vec().expect("it wrote it once"), written);
});
