//! Decode and encode throughput, JSON and XML, against the baselines a user would otherwise
//! pick, measured in the same groups:
//!
//! - `json-decode`: [`ucwa_codec::json::from_slice::<ucwa_codec::Resource>`] against
//!   `serde_json::from_slice::<serde_json::Value>`, `simd_json::to_borrowed_value` (of a copy
//!   of the bytes: it parses in place) and `sonic_rs::from_slice::<sonic_rs::Value>` of the
//!   same bytes;
//! - `xml-decode`: [`ucwa_codec::xml::from_slice::<ucwa_codec::Resource>`] against a bare quick-xml event loop (every
//!   event, every attribute value normalized and unescaped, every text) and
//!   `roxmltree::Document::parse`, each given the same bytes (and checking their UTF-8);
//! - `json-encode`: [`ucwa_codec::json::to_vec`] against `serde_json::to_vec` of the same
//!   document as a `serde_json::Value`;
//! - `xml-encode`: [`ucwa_codec::xml::to_vec`] against `serde_json::to_vec` of the equivalent
//!   `serde_json::Value`.
//!
//! Every function of a case is given the same [`Throughput::Bytes`]: the size of the
//! document in the group's format (the output, for encoding). Ratios of throughput within a
//! case are therefore ratios of time for the same document.
//!
//! The cases (see `benches/README.md` for their sizes): the documented samples that are
//! resources, concatenated (`samples`); a contact list from 2 to 16,000 contacts
//! (`contacts-N`, ~1 KB to ~10 MB); 40 levels of embedding (`deep-40`); and the pathological
//! shapes `links-20000` (one relation), `relations-3000` (3,000 link and 3,000 embedded
//! relations), `properties-20000` and `long-strings` (4 × 256 KB).
//!
//! Run with `cargo bench --bench codec`; a filter such as `cargo bench --bench codec --
//! xml-decode/ucwa` narrows it. `UCWA_DOCS` points at the UCWA reference (default
//! `../shared/ucwa-docs`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode,
    Throughput,
};
use ucwa_codec::{json, xml};
use ucwa_codec::{Events, Resource};

mod baselines;
mod docs;

use baselines::{quick_xml_events, roxmltree_parse, simd_json_borrowed, sonic_rs_value};
use docs::{cases, total, Case, Kind, Model};

/// Decodes JSON as the case's kind of document, and drops it.
fn decode_json(kind: Kind, bytes: &[u8]) {
    match kind {
        Kind::Resource => drop(black_box(
            json::from_slice::<Resource>(bytes).expect("decodes"),
        )),
        Kind::Events => drop(black_box(
            json::from_slice::<Events>(bytes).expect("decodes"),
        )),
    }
}

/// Decodes XML as the case's kind of document, and drops it.
fn decode_xml(kind: Kind, bytes: &[u8]) {
    match kind {
        Kind::Resource => drop(black_box(
            xml::from_slice::<Resource>(bytes).expect("decodes"),
        )),
        Kind::Events => drop(black_box(
            xml::from_slice::<Events>(bytes).expect("decodes"),
        )),
    }
}

/// Short measurements, flat sampling for the documents that take milliseconds.
fn configure(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, bytes: u64) {
    group.throughput(Throughput::Bytes(bytes));
    group.sampling_mode(if bytes > 500_000 {
        SamplingMode::Flat
    } else {
        SamplingMode::Auto
    });
}

fn json_decode(c: &mut Criterion, cases: &[Case]) {
    let mut group = c.benchmark_group("json-decode");
    for case in cases {
        configure(&mut group, total(&case.json));
        group.bench_with_input(
            BenchmarkId::new("ucwa", &case.name),
            &case.json,
            |b, parts| {
                b.iter(|| {
                    for part in parts {
                        decode_json(case.kind, black_box(part));
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("serde_json-Value", &case.name),
            &case.json,
            |b, parts| {
                b.iter(|| {
                    for part in parts {
                        let value: serde_json::Value =
                            serde_json::from_slice(black_box(part)).expect("parses");
                        black_box(value);
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("simd-json-borrowed", &case.name),
            &case.json,
            |b, parts| {
                b.iter(|| {
                    for part in parts {
                        black_box(simd_json_borrowed(black_box(part)));
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("sonic-rs-value", &case.name),
            &case.json,
            |b, parts| {
                b.iter(|| {
                    for part in parts {
                        black_box(sonic_rs_value(black_box(part)));
                    }
                })
            },
        );
    }
    group.finish();
}

fn xml_decode(c: &mut Criterion, cases: &[Case]) {
    let mut group = c.benchmark_group("xml-decode");
    for case in cases {
        configure(&mut group, total(&case.xml));
        group.bench_with_input(
            BenchmarkId::new("ucwa", &case.name),
            &case.xml,
            |b, parts| {
                b.iter(|| {
                    for part in parts {
                        decode_xml(case.kind, black_box(part));
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("quick-xml-events", &case.name),
            &case.xml,
            |b, parts| {
                b.iter(|| {
                    for part in parts {
                        black_box(quick_xml_events(black_box(part)));
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("roxmltree", &case.name),
            &case.xml,
            |b, parts| {
                b.iter(|| {
                    for part in parts {
                        black_box(roxmltree_parse(black_box(part)));
                    }
                })
            },
        );
    }
    group.finish();
}

fn json_encode(c: &mut Criterion, cases: &[Case]) {
    let mut group = c.benchmark_group("json-encode");
    for case in cases {
        let models: Vec<Model> = case
            .json
            .iter()
            .map(|p| Model::from_json(case.kind, p))
            .collect();
        let values: Vec<serde_json::Value> = case
            .json
            .iter()
            .map(|p| serde_json::from_slice(p).expect("parses"))
            .collect();
        let bytes = models.iter().map(|m| m.to_json().len() as u64).sum();
        configure(&mut group, bytes);
        group.bench_with_input(
            BenchmarkId::new("ucwa", &case.name),
            &models,
            |b, models| {
                b.iter(|| {
                    for model in models {
                        black_box(black_box(model).to_json());
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("serde_json-Value", &case.name),
            &values,
            |b, values| {
                b.iter(|| {
                    for value in values {
                        black_box(serde_json::to_vec(black_box(value)).expect("encodes"));
                    }
                })
            },
        );
    }
    group.finish();
}

fn xml_encode(c: &mut Criterion, cases: &[Case]) {
    let mut group = c.benchmark_group("xml-encode");
    for case in cases {
        let models: Vec<Model> = case
            .xml
            .iter()
            .map(|p| Model::from_xml(case.kind, p))
            .collect();
        let values: Vec<serde_json::Value> = models.iter().map(Model::to_value).collect();
        let bytes = models.iter().map(|m| m.to_xml().len() as u64).sum();
        configure(&mut group, bytes);
        group.bench_with_input(
            BenchmarkId::new("ucwa", &case.name),
            &models,
            |b, models| {
                b.iter(|| {
                    for model in models {
                        black_box(black_box(model).to_xml());
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("serde_json-Value", &case.name),
            &values,
            |b, values| {
                b.iter(|| {
                    for value in values {
                        black_box(serde_json::to_vec(black_box(value)).expect("encodes"));
                    }
                })
            },
        );
    }
    group.finish();
}

fn codec(c: &mut Criterion) {
    let cases = cases();
    json_decode(c, &cases);
    xml_decode(c, &cases);
    json_encode(c, &cases);
    xml_encode(c, &cases);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = codec
}
criterion_main!(benches);
