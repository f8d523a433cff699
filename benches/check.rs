//! `check` over captures whose every message is bad: the time grows with the size of the file,
//! not with its square (positions are found in a line index built once per file).
//!
//! Run with `cargo bench --bench check`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ucwa_codec::check;

fn bad_transcript(count: usize) -> Vec<u8> {
    "HTTP/1.1 200 OK\r\nBad Header\r\n\r\n{}\r\n"
        .repeat(count)
        .into_bytes()
}

fn bad_batch(count: usize) -> Vec<u8> {
    // Each message holds a batch whose one part has no HTTP message.
    "HTTP/1.1 200 OK\r\nContent-Type: multipart/batching; boundary=b\r\n\r\n--b\r\n\r\n--b--\r\n"
        .repeat(count)
        .into_bytes()
}

fn checks(c: &mut Criterion) {
    let mut group = c.benchmark_group("check-bad-messages");
    for count in [1_000, 10_000, 40_000] {
        for (name, bytes) in [
            ("headers", bad_transcript(count)),
            ("batches", bad_batch(count)),
        ] {
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, count), &bytes, |b, bytes| {
                b.iter(|| black_box(check::check_bytes("bad.http", bytes)))
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    targets = checks
}
criterion_main!(benches);
