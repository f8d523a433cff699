//! `check` on arbitrary captures (bodies, HTTP transcripts, HAR, batches): never a panic, and
//! a report that adds up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucwa_codec::check::{check_bytes, Severity};

fuzz_target!(|data: &[u8]| {
    let report = check_bytes("fuzz", data);
    let errors = report.findings.iter().filter(|f| f.severity == Severity::Error).count();
    assert_eq!(report.files, 1);
    assert!(errors <= report.findings.len());
    for finding in &report.findings {
        if let (Some(line), Some(column)) = (finding.line, finding.column) {
            assert!(line >= 1 && column >= 1, "{finding:?}");
        }
    }
});
