//! `ucwa check` as a subprocess.

#[macro_use]
#[path = "../../tests/common/mod.rs"]
mod common;
mod run;

use common::captures::*;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::json;

fn ucwa(args: &[&str]) -> Output {
    run::ucwa(args, b"")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// A fresh folder for one test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ucwa-check-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, contents: &[u8]) -> String {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn cli_a_good_folder_passes() {
    needs_reference!();
    let valid = common::docs().join("samples/valid");
    let out = ucwa(&["check", valid.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let count = common::samples("valid").len();
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with(&format!(
            "checked {count} files, {count} payloads: 0 errors, "
        )),
        "{last}"
    );
    // Warnings only, one line each, in file order.
    let findings: Vec<&str> = stdout.lines().filter(|l| l.contains('[')).collect();
    assert!(
        findings.iter().all(|l| l.contains(": warning[")),
        "{stdout}"
    );
    let files: Vec<&str> = findings
        .iter()
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert!(files.windows(2).all(|w| w[0] <= w[1]), "{stdout}");
}

#[test]
fn cli_a_bad_capture_fails_with_its_findings() {
    let dir = temp_dir("bad");
    let good = write(&dir.join("a/good.json"), GOOD_PARTICIPANT.as_bytes());
    let bad = write(&dir.join("b/capture.http"), transcript().as_bytes());
    let out = ucwa(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{bad}: message 2: error[wrong-cardinality] _embedded.from: `audioVideoInvitation` documents one object here, found an array\n\
             {bad}: message 2: error[wrong-value-type] _embedded.from[0].organizer: `participant.organizer` is documented as a boolean, found the string \"yes\"\n\
             checked 2 files, 3 payloads: 2 errors, 0 warnings\n"
        )
    );
    // The good file alone passes.
    let out = ucwa(&["check", &good]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        "checked 1 file, 1 payload: 0 errors, 0 warnings\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_json_output() {
    let dir = temp_dir("json");
    let har = write(
        &dir.join("session.har"),
        &serde_json::to_vec(&har()).unwrap(),
    );
    let out = ucwa(&["check", "--format", "json", &har]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["summary"],
        json!({"files": 1, "payloads": 4, "skipped": 1, "errors": 3, "warnings": 0})
    );
    let first = &report["findings"][0];
    assert_eq!(first["file"], har.as_str());
    assert_eq!(first["payload"], "entry 2 response");
    assert_eq!(first["path"], "participantCount");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "wrong-value-type");
    assert!(first["message"].as_str().unwrap().contains("integer"));
    assert_eq!(
        (&first["line"], &first["column"]),
        (&json!(null), &json!(null))
    );
    assert_eq!(report["skipped"][0]["payload"], "entry 4 response");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_a_missing_path_is_a_usage_error() {
    let out = ucwa(&["check", "/no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("/no/such/file.json"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let out = ucwa(&["check", "-", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("standard input"));
    let out = ucwa(&["check", "--format", "yaml", "x"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cli_a_file_without_payloads_fails() {
    let dir = temp_dir("no-payload");
    let empty = write(&dir.join("empty.json"), b"");
    let out = ucwa(&["check", &empty]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{empty}: file: error[no-payload]: the file is empty: no UCWA payload to check\n\
             checked 1 file, 0 payloads: 1 error, 0 warnings\n"
        )
    );
    let out = run::ucwa(&["check"], b"just some text\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).starts_with("<stdin>: file: error[no-payload]: "),
        "{}",
        text(&out.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_standard_input_is_checked_without_a_path_or_with_dash() {
    let capture = transcript();
    for args in [&["check"][..], &["check", "-"][..]] {
        let out = run::ucwa(args, capture.as_bytes());
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(
            stdout.starts_with("<stdin>: message 2: error[wrong-cardinality]"),
            "{stdout}"
        );
        assert!(
            stdout.ends_with("checked 1 file, 2 payloads: 2 errors, 0 warnings\n"),
            "{stdout}"
        );
    }
    let out = run::ucwa(&["check"], GOOD_PARTICIPANT.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn cli_sarif_output() {
    let dir = temp_dir("sarif");
    let bad = write(
        &dir.join("bad body.json"),
        b"{\n  \"rel\": \"me\",\n  \"x\": [}\n",
    );
    let odd = write(
        &dir.join("odd.json"),
        br#"{"rel": "me", "frobs": 3, "_links": {"self": {"href": "/me"}}}"#,
    );
    let out = ucwa(&["check", "--format", "sarif", &bad, &odd]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "ucwa");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), ucwa_codec::check::codes::ALL.len());
    assert!(rules
        .iter()
        .all(|r| r["shortDescription"]["text"].as_str().is_some()));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{results:?}");
    // The decode error, at its line and column, in a file whose name needs escaping.
    let decode = &results[0];
    assert_eq!(decode["ruleId"], "decode-error");
    assert_eq!(decode["level"], "error");
    assert_eq!(
        rules[decode["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "decode-error"
    );
    let location = &decode["locations"][0]["physicalLocation"];
    assert!(location["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("bad%20body.json"));
    assert_eq!(
        location["region"],
        json!({"startLine": 3, "startColumn": 9})
    );
    // The warning, without a region, named by its payload and path.
    let unknown = &results[1];
    assert_eq!(unknown["ruleId"], "unknown-property");
    assert_eq!(unknown["level"], "warning");
    assert_eq!(
        unknown["locations"][0]["physicalLocation"].get("region"),
        None
    );
    assert_eq!(
        unknown["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "body: frobs"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_reads_fiddler_archives_given_or_in_folders() {
    let dir = temp_dir("saz");
    let archive = saz();
    let saz = write(&dir.join("captures/session.saz"), &archive);
    let expected = format!(
        "{saz}: raw/02_s.txt: error[wrong-cardinality] _embedded.from: `audioVideoInvitation` documents one object here, found an array\n\
         {saz}: raw/02_s.txt: error[wrong-value-type] _embedded.from[0].organizer: `participant.organizer` is documented as a boolean, found the string \"yes\"\n"
    );
    let out = ucwa(&["check", &saz]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("{expected}checked 1 file, 3 payloads: 2 errors, 0 warnings\n")
    );
    // In a folder, beside a good body; and on standard input, by its content.
    write(&dir.join("captures/good.json"), GOOD_PARTICIPANT.as_bytes());
    let out = ucwa(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("{expected}checked 2 files, 4 payloads: 2 errors, 0 warnings\n")
    );
    let out = run::ucwa(&["check", "--format", "json"], &archive);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["findings"][0]["file"], "<stdin>");
    assert_eq!(report["findings"][0]["payload"], "raw/02_s.txt");
    // A truncated one is a finding, not a failure to run.
    let cut = write(&dir.join("cut.saz"), &archive[..archive.len() - 30]);
    let out = ucwa(&["check", &cut]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with(&format!(
            "{cut}: archive: error[invalid-capture]: the zip archive does not read: "
        )),
        "{}",
        text(&out.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
