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
//! `profile interleaved CASE ROUNDS OPERATION...` instead times the operations against each
//! other: each round runs each once, in a turning order, timed by the thread's CPU time; it
//! prints each one's median and its ratio to the first's, as a row of a Markdown table:
//!
//! ```sh
//! target/release/examples/profile interleaved contacts-10000 30 \
//!     json-decode json-decode-simd-json json-decode-sonic-rs
//! ```
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

const USAGE: &str = "usage: profile OPERATION CASE [REPETITIONS]\n       \
                     profile interleaved CASE ROUNDS OPERATION...";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let interleaved = args.first().is_some_and(|a| a == "interleaved");
    let args = if interleaved { &args[1..] } else { &args[..] };
    let (ops, name, count) = match (interleaved, args) {
        (false, [op, name, rest @ ..]) => (vec![op.clone()], name, rest.first()),
        (true, [name, rounds, ops @ ..]) if !ops.is_empty() => (ops.to_vec(), name, Some(rounds)),
        _ => {
            eprintln!("{USAGE}\noperations: {OPS:?}\ncases: {:?}", docs::CASES);
            return ExitCode::FAILURE;
        }
    };
    let count: usize = count.and_then(|r| r.parse().ok()).unwrap_or(1);
    if let Some(op) = ops.iter().find(|op| !OPS.contains(&op.as_str())) {
        eprintln!("unknown operation `{op}`; one of {OPS:?}");
        return ExitCode::FAILURE;
    }
    let _all_cases = std::env::var_os("ALL_CASES").map(|_| docs::cases());
    let Some(case) = docs::case(name) else {
        eprintln!("unknown case `{name}`; one of {:?}", docs::CASES);
        return ExitCode::FAILURE;
    };
    let input = Input::of(case);
    if interleaved {
        interleave(name, &ops, &input, count);
        return ExitCode::SUCCESS;
    }
    let op = ops[0].as_str();
    let bytes = input.bytes(op);
    let started = std::time::Instant::now();
    for _ in 0..count {
        run(op, &input);
    }
    let elapsed = started.elapsed();
    println!(
        "{op} {name}: {bytes} bytes per repetition, {:?} per repetition",
        elapsed / u32::try_from(count.max(1)).unwrap_or(u32::MAX)
    );
    ExitCode::SUCCESS
}

impl Input {
    fn of(case: docs::Case) -> Input {
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
        Input {
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
        }
    }

    /// The bytes one repetition of `op` reads or writes.
    fn bytes(&self, op: &str) -> usize {
        match op {
            op if op.starts_with("json-decode") => docs::total(&self.json) as usize,
            op if op.starts_with("xml-decode") => docs::total(&self.xml) as usize,
            op if op.starts_with("json-encode") => {
                self.json_models.iter().map(|m| m.to_json().len()).sum()
            }
            _ => self.xml_models.iter().map(|m| m.to_xml().len()).sum(),
        }
    }
}

/// Times `ops` in `rounds` rounds, each running every operation once, in an order that turns
/// from round to round, and prints the median thread time of each and its ratio to the first
/// (the other's time over the first's: above 1, the first is faster). Thread time (CPU time
/// of this thread alone) leaves out the time other processes take the core; interleaving
/// spreads what still drifts (frequency, caches) over every operation alike.
fn interleave(name: &str, ops: &[String], input: &Input, rounds: usize) {
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); ops.len()];
    for round in 0..rounds.max(1) {
        for turn in 0..ops.len() {
            let index = (round + turn) % ops.len();
            let started = cpu_time::ThreadTime::now();
            run(&ops[index], input);
            times[index].push(started.elapsed().as_secs_f64());
        }
    }
    let medians: Vec<f64> = times
        .iter_mut()
        .map(|t| {
            t.sort_by(f64::total_cmp);
            t[t.len() / 2]
        })
        .collect();
    let cells: Vec<String> = ops
        .iter()
        .zip(&medians)
        .map(|(op, median)| {
            let mib_s = input.bytes(op) as f64 / median / f64::from(1 << 20);
            format!(
                "{op} {:.3} ms {mib_s:.0} MiB/s ({:.2}x)",
                median * 1e3,
                median / medians[0]
            )
        })
        .collect();
    println!("| {name} | {} |", cells.join(" | "));
}
