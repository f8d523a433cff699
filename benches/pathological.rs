//! The `pathological` group: hostile shapes, each at N and 4N items, to show that no input
//! takes quadratic time (issue #17). Linear code takes about 4x as long at 4N; a per-item
//! scan of what was read so far takes about 16x.
//!
//! Each case is `SHAPE/N`: one object with N members, attributes, relations, senders, events
//! ..., decoded (or encoded, diffed, typed) whole. The inputs are generated here.
//!
//! Run with `cargo bench --bench pathological -- pathological`; `UCWA_BENCH_N` sets N
//! (default 20,000), and a filter such as `pathological/json-link-attributes` narrows it.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

mod shapes;

fn pathological(c: &mut Criterion) {
    let n = std::env::var("UCWA_BENCH_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for size in [n, 4 * n] {
        for (shape, mut operation) in shapes::cases(size) {
            group.bench_function(format!("{shape}/{size}"), |b| b.iter(&mut operation));
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = pathological
}
criterion_main!(benches);
