//! `check` over captures whose every message is bad: the time grows with the size of the file,
//! not with its square (positions are found in a line index built once per file). And `check`
//! of a 10 MB HAR file of the documented responses, beside serde_json reading the same file
//! into a `Value` (what a checker that reads HAR as a tree does before it checks anything).
//!
//! Run with `cargo bench --bench check --features rayon` (the command's build: the HAR
//! file is checked on every core; without the feature, on one).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ucwa_codec::check;

#[path = "docs/mod.rs"]
mod docs;

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

/// A HAR file of about `size` bytes: GETs answered by the documented JSON responses, in turn.
/// `None` when the reference is not there.
fn capture_har(size: usize) -> Option<Vec<u8>> {
    let mut bodies: Vec<String> = std::fs::read_dir(docs::samples_dir())
        .ok()?
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?;
            let response = name.contains(".response.") && name.ends_with(".json");
            response.then(|| std::fs::read_to_string(&path).ok())?
        })
        .collect();
    bodies.sort();
    let mut entries = Vec::new();
    let mut total = 0;
    for (i, body) in bodies.iter().cycle().enumerate() {
        if total >= size || bodies.is_empty() {
            break;
        }
        let entry = serde_json::json!({
            "request": {"method": "GET", "url": format!("https://x/ucwa/v1/applications/1/r/{i}"),
                        "headers": [{"name": "Accept", "value": "application/json"}]},
            "response": {"status": 200,
                         "headers": [{"name": "Content-Type", "value": "application/json"}],
                         "content": {"mimeType": "application/json", "text": body}},
        });
        total += entry.to_string().len() + 1;
        entries.push(entry);
    }
    (!entries.is_empty())
        .then(|| serde_json::to_vec(&serde_json::json!({"log": {"entries": entries}})).unwrap())
}

fn check_har(c: &mut Criterion) {
    let Some(har) = capture_har(10_000_000) else {
        eprintln!(
            "check-har skipped: no samples in {}",
            docs::samples_dir().display()
        );
        return;
    };
    let mut group = c.benchmark_group("check-har");
    group.throughput(Throughput::Bytes(har.len() as u64));
    group.bench_function("ucwa-check", |b| {
        b.iter(|| black_box(check::check_bytes("capture.har", &har)))
    });
    group.bench_function("serde_json-value", |b| {
        b.iter(|| black_box(serde_json::from_slice::<serde_json::Value>(&har).unwrap()))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    targets = checks, check_har
}
criterion_main!(benches);
