//! Hostile input, round two (issue #17), through the command: input read without end,
//! findings capped, folders with what is no file, XML that looks like a start line.

#[path = "../../tests/common/mod.rs"]
mod common;
mod run;

use common::captures::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use ucwa_codec::check::{codes, DEFAULT_MAX_FINDINGS};

// Reading stops at `max_size`.

fn ucwa(args: &[&str], stdin: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ucwa"))
        .args(args)
        .stdin(stdin)
        .output()
        .expect("the ucwa binary runs")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

/// A fresh folder for one test's files.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ucwa-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn convert_stops_reading_dev_zero_at_max_size() {
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let out = ucwa(
        &["convert", "--to", "json", "--max-size", "4096"],
        zero.into(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "error: <stdin>: the input is more than 4096 bytes (max_size)\n"
    );
}

#[test]
fn convert_and_check_stop_reading_an_endless_fifo_at_max_size() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("endless.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let fifo_name = fifo.to_str().unwrap();
    for args in [
        &["convert", "--to", "xml", "--max-size", "100000", fifo_name][..],
        &[
            "check",
            "--format",
            "json",
            "--max-size",
            "100000",
            fifo_name,
        ][..],
    ] {
        // A writer that writes until the reader goes away.
        let path = fifo.clone();
        let writer = std::thread::spawn(move || {
            let mut out = std::fs::OpenOptions::new().write(true).open(path).unwrap();
            let chunk = [b' '; 4096];
            while out.write_all(&chunk).is_ok() {}
        });
        let out = ucwa(args, Stdio::null());
        writer.join().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
        assert!(
            said.contains("the input is more than 100000 bytes (max_size)"),
            "{args:?}: {said}"
        );
        if args[0] == "check" {
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(report["findings"][0]["code"], codes::FILE_NOT_READ);
            assert_eq!(report["findings"][0]["file"], fifo_name);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_json_output_keeps_the_first_findings_too() {
    let dir = temp_dir("many");
    let file = dir.join("many.json");
    std::fs::write(&file, participant_of_unknowns(5_000)).unwrap();
    let out = ucwa(
        &["check", "--format", "json", file.to_str().unwrap()],
        Stdio::null(),
    );
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), DEFAULT_MAX_FINDINGS + 1);
    assert_eq!(
        findings[DEFAULT_MAX_FINDINGS]["code"],
        codes::TOO_MANY_FINDINGS
    );
    assert_eq!(findings[DEFAULT_MAX_FINDINGS]["severity"], "error");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_says_what_in_a_folder_it_skipped_or_could_not_read() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = temp_dir("folder");
    let name = |file: &str| dir.join(file).to_string_lossy().into_owned();
    std::fs::write(dir.join("a-good.json"), r#"{"a": 1}"#).unwrap();
    assert!(Command::new("mkfifo")
        .arg(dir.join("b-pipe.json"))
        .status()
        .unwrap()
        .success());
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("c-socket")).unwrap();
    symlink(dir.join("nowhere"), dir.join("d-gone.json")).unwrap();
    // A link to itself cannot be looked through, whoever runs the test (root too).
    symlink(dir.join("e-loop.json"), dir.join("e-loop.json")).unwrap();
    std::fs::create_dir(dir.join("f-folder")).unwrap();
    symlink(dir.join("f-folder"), dir.join("g-folder-link")).unwrap();
    let locked = dir.join("h-locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("inside.json"), "{}").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let args = ["check", "--format", "json", dir.to_str().unwrap()];
    // Root lists a folder of mode 000: then check runs as `nobody`, where `setpriv` can.
    let root = std::fs::read_dir(&locked).is_ok();
    let as_nobody = root
        .then(|| {
            Command::new("setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_ucwa"))
                .args(args)
                .stdin(Stdio::null())
                .output()
                .ok()
                .filter(|out| !out.stdout.is_empty())
        })
        .flatten();
    let locked_for_check = !root || as_nobody.is_some();
    if !locked_for_check {
        let _ = writeln!(
            std::io::stderr(),
            "not tested: a folder that cannot be listed (the test runs as root, and `setpriv` \
             cannot run check as nobody)"
        );
    }
    let out = as_nobody.unwrap_or_else(|| ucwa(&args, Stdio::null()));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let not_read: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == codes::FILE_NOT_READ)
        .map(|f| (f["file"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(not_read[0].0, name("e-loop.json"));
    assert!(
        not_read[0].1.contains("symbolic links"),
        "{}",
        not_read[0].1
    );
    if locked_for_check {
        assert_eq!(not_read.len(), 2, "{not_read:?}");
        assert_eq!(not_read[1].0, name("h-locked"));
        assert_eq!(
            not_read[1].1,
            "cannot list the folder: Permission denied (os error 13)"
        );
    } else {
        assert_eq!(not_read.len(), 1, "{not_read:?}");
    }
    let skipped: Vec<(String, String)> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["file"].as_str().unwrap().to_owned(),
                s["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        (
            "b-pipe.json",
            "a FIFO (named pipe), not read: it may never end",
        ),
        ("c-socket", "a socket, not read"),
        (
            "d-gone.json",
            "a symbolic link to nothing (its target does not exist)",
        ),
        ("g-folder-link", "a symbolic link to a folder, not followed"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(f, r)| (name(f), (*r).to_owned()))
        .collect();
    assert_eq!(skipped, expected);
    // The good files are still checked.
    let good = if locked_for_check { 1 } else { 2 };
    assert_eq!(report["summary"]["payloads"], good);

    // In text, one line each.
    let out = ucwa(&["check", dir.to_str().unwrap()], Stdio::null());
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "{}: file: error[file-not-read]: ",
            name("e-loop.json")
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{}: file: skipped: a socket, not read\n",
            name("c-socket")
        )),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("(4 skipped): 1 error, 0 warnings\n"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn xml_whose_first_line_ends_like_a_request_line_is_xml() {
    let xml = b"<resource rel=\"x\" xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\" href=\"/a/b HTTP/1.1\n\"/>\n";
    let (code, stdout, stderr) = run::ucwa_text(&["convert", "--to", "json", "--compact"], xml);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "{\"rel\":\"x\",\"_links\":{\"self\":{\"href\":\"/a/b HTTP/1.1 \"}}}\n"
    );
    let (_, stdout, _) = run::ucwa_text(&["check", "--format", "json"], xml);
    assert!(
        stdout.contains("\"payloads\": 1") || stdout.contains("\"payloads\":1"),
        "{stdout}"
    );
    assert!(!stdout.contains("invalid-capture"), "{stdout}");
}
