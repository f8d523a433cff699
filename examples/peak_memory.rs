//! Peak memory while decoding, relative to the input's size (Linux only: reads
//! `/proc/self/status`).
//!
//! ```sh
//! cargo run --release --example peak_memory            # the generated contact lists
//! cargo run --release --example peak_memory -- FILE... # your own documents (.json or .xml)
//! ```
//!
//! Each document is decoded in a process of its own: it reads the file, resets the peak
//! resident set size (`echo 5 > /proc/self/clear_refs`), decodes, and reports how far the peak
//! rose above the resident size before decoding (the input included), and what the decoded
//! model still holds afterwards. Both are resident memory, so they include the allocator's
//! own overhead and slack.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use ucwa_codec::Resource;
use ucwa_codec::{json, xml};

#[path = "../benches/docs/mod.rs"]
mod docs;

/// A field of `/proc/self/status`, in bytes.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// The child: decodes one file and prints `input peak retained` in bytes.
fn measure(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let is_json = path.extension().is_some_and(|e| e == "json");
    std::fs::write("/proc/self/clear_refs", "5").map_err(|e| format!("clear_refs: {e}"))?;
    let before = status_bytes("VmRSS:").ok_or("no VmRSS")?;
    let resource = if is_json {
        json::from_slice::<Resource>(&bytes)
    } else {
        xml::from_slice::<Resource>(&bytes)
    }
    .map_err(|e| format!("{}: {e}", path.display()))?;
    let peak = status_bytes("VmHWM:").ok_or("no VmHWM")?;
    let after = status_bytes("VmRSS:").ok_or("no VmRSS")?;
    std::hint::black_box(&resource);
    println!(
        "{} {} {}",
        bytes.len(),
        peak.saturating_sub(before),
        after.saturating_sub(before)
    );
    Ok(())
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, path] = args.as_slice() {
        if flag == "--measure" {
            return match measure(Path::new(path)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("{message}");
                    ExitCode::FAILURE
                }
            };
        }
    }
    let files: Vec<PathBuf> = if args.is_empty() {
        let dir = std::env::temp_dir().join("ucwa-peak-memory");
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        let mut files = Vec::new();
        for n in [2_000, 10_000, 16_000] {
            let doc = docs::Doc::new(format!("contacts-{n}"), &docs::contact_list(n));
            for (extension, text) in [("json", &doc.json), ("xml", &doc.xml)] {
                let path = dir.join(format!("{}.{extension}", doc.name));
                if let Err(e) = std::fs::write(&path, text) {
                    eprintln!("{}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                files.push(path);
            }
        }
        files
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    let Ok(me) = std::env::current_exe() else {
        eprintln!("cannot find this program to run it per document");
        return ExitCode::FAILURE;
    };
    println!(
        "| document | input | peak while decoding | peak / input | model after | model / input |"
    );
    println!("|---|---|---|---|---|---|");
    let mut status = ExitCode::SUCCESS;
    for file in &files {
        let output = Command::new(&me).arg("--measure").arg(file).output();
        let text = match &output {
            Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
            Ok(o) => {
                eprintln!("{}", String::from_utf8_lossy(&o.stderr).trim());
                status = ExitCode::FAILURE;
                continue;
            }
            Err(e) => {
                eprintln!("{e}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        let numbers: Vec<u64> = text
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        let [input, peak, retained] = numbers[..] else {
            eprintln!("unexpected report: {text}");
            status = ExitCode::FAILURE;
            continue;
        };
        let name = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        println!(
            "| {name} | {} | {} | {:.2}x | {} | {:.2}x |",
            mib(input),
            mib(peak),
            peak as f64 / input as f64,
            mib(retained),
            retained as f64 / input as f64
        );
    }
    status
}
