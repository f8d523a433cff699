//! One operation of the benchmarks over one of their cases, repeated: a driver for profilers,
//! whose instruction counts do not depend on the machine's load as timings do.
//!
//! ```sh
//! cargo build --release --example profile
//! valgrind --tool=callgrind --toggle-collect='profile::run' \
//!     target/release/examples/profile xml-decode contacts-2000 5
//! ```
//!
//! It prints the bytes one repetition processes (the benchmark's throughput): callgrind's
//! `I refs` divided by the repetitions and by that gives instructions per byte.
//! `callgrind_annotate` then shows where they go.
//!
//! With `ALL_CASES=1` it first builds every case and keeps them, as `benches/codec.rs` does,
//! so that the allocator is in the benchmark's state: roxmltree's large vectors then come from
//! a heap already grown rather than from fresh pages, and it runs 10-15 % faster than in a
//! process of its own.
//!
//! Operations: `json-decode`, `json-decode-value` (serde_json::Value),
//! `json-decode-simd-json` (`simd_json::to_borrowed_value` of a copy), `json-decode-sonic-rs`
//! (`sonic_rs::Value`), `xml-decode`,
//! `xml-decode-quick-xml`, `xml-decode-roxmltree`, `json-encode`, `json-encode-value`,
//! `xml-encode`, `xml-encode-value`. Cases: those of `benches/codec.rs`.

use std::hint::black_box;
use std::process::ExitCode;

#[path = "../benches/baselines/mod.rs"]
mod baselines;
#[path = "../benches/docs/mod.rs"]
mod docs;

use docs::{Kind, Model};

/// What one repetition works on.
struct Input {
    kind: Kind,
    json: Vec<Vec<u8>>,
    xml: Vec<Vec<u8>>,
    json_models: Vec<Model>,
    xml_models: Vec<Model>,
    json_values: Vec<serde_json::Value>,
    xml_values: Vec<serde_json::Value>,
}

/// One repetition of `op`; kept out of line so that a profiler can count it alone.
#[inline(never)]
fn run(op: &str, input: &Input) {
    match op {
        "json-decode" => input.json.iter().for_each(|d| {
            black_box(Model::from_json(input.kind, d));
        }),
        "json-decode-value" => input.json.iter().for_each(|d| {
            black_box(serde_json::from_slice::<serde_json::Value>(d).expect("parses"));
        }),
        "json-decode-simd-json" => input.json.iter().for_each(|d| {
            black_box(baselines::simd_json_borrowed(d));
        }),
        "json-decode-sonic-rs" => input.json.iter().for_each(|d| {
            black_box(baselines::sonic_rs_value(d));
        }),
        "xml-decode" => input.xml.iter().for_each(|d| {
            black_box(Model::from_xml(input.kind, d));
        }),
        "xml-decode-quick-xml" => input.xml.iter().for_each(|d| {
            black_box(baselines::quick_xml_events(d));
        }),
        "xml-decode-roxmltree" => input.xml.iter().for_each(|d| {
            black_box(baselines::roxmltree_parse(d));
        }),
        "json-encode" => input.json_models.iter().for_each(|m| {
            black_box(m.to_json());
        }),
        "json-encode-value" => input.json_values.iter().for_each(|v| {
            black_box(serde_json::to_vec(v).expect("encodes"));
        }),
        "xml-encode" => input.xml_models.iter().for_each(|m| {
            black_box(m.to_xml());
        }),
        "xml-encode-value" => input.xml_values.iter().for_each(|v| {
            black_box(serde_json::to_vec(v).expect("encodes"));
        }),
        _ => unreachable!("checked in main"),
    }
}

fn main() -> ExitCode {
    const OPS: [&str; 11] = [
        "json-decode",
        "json-decode-value",
        "json-decode-simd-json",
        "json-decode-sonic-rs",
        "xml-decode",
        "xml-decode-quick-xml",
        "xml-decode-roxmltree",
        "json-encode",
        "json-encode-value",
        "xml-encode",
        "xml-encode-value",
    ];
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(op), Some(name)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: profile OPERATION CASE [REPETITIONS]\noperations: {OPS:?}\ncases: {:?}",
            docs::CASES
        );
        return ExitCode::FAILURE;
    };
    let repetitions: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(1);
    if !OPS.contains(&op.as_str()) {
        eprintln!("unknown operation `{op}`; one of {OPS:?}");
        return ExitCode::FAILURE;
    }
    let _all_cases = std::env::var_os("ALL_CASES").map(|_| docs::cases());
    let Some(case) = docs::case(name) else {
        eprintln!("unknown case `{name}`; one of {:?}", docs::CASES);
        return ExitCode::FAILURE;
    };
    let json_models: Vec<Model> = case
        .json
        .iter()
        .map(|d| Model::from_json(case.kind, d))
        .collect();
    let xml_models: Vec<Model> = case
        .xml
        .iter()
        .map(|d| Model::from_xml(case.kind, d))
        .collect();
    let input = Input {
        kind: case.kind,
        json_values: case
            .json
            .iter()
            .map(|d| serde_json::from_slice(d).expect("parses"))
            .collect(),
        xml_values: xml_models.iter().map(Model::to_value).collect(),
        json_models,
        xml_models,
        json: case.json,
        xml: case.xml,
    };
    let bytes: usize = match op.as_str() {
        op if op.starts_with("json-decode") => docs::total(&input.json) as usize,
        op if op.starts_with("xml-decode") => docs::total(&input.xml) as usize,
        op if op.starts_with("json-encode") => {
            input.json_models.iter().map(|m| m.to_json().len()).sum()
        }
        _ => input.xml_models.iter().map(|m| m.to_xml().len()).sum(),
    };
    let started = std::time::Instant::now();
    for _ in 0..repetitions {
        run(op, &input);
    }
    let elapsed = started.elapsed();
    println!(
        "{op} {name}: {bytes} bytes per repetition, {:?} per repetition",
        elapsed / u32::try_from(repetitions.max(1)).unwrap_or(u32::MAX)
    );
    ExitCode::SUCCESS
}
