//! The `ucwa` command, run as a subprocess.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn ucwa(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ucwa"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ucwa binary runs");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn sample_path(which: &str, name: &str) -> String {
    common::docs_dir()
        .join("samples")
        .join(which)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

fn temp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ucwa-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

const INVITATION: &str = "audioVideoInvitation.get.response.1.json";

#[test]
fn convert_json_file_to_xml_and_back() {
    let json_path = sample_path("valid", INVITATION);
    let out = ucwa(&["convert", "--to", "xml", &json_path], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let xml_text = text(&out.stdout);
    assert!(xml_text.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resource rel=\"audioVideoInvitation\""
    ));
    assert!(xml_text.contains("<resource rel=\"from\" href=\"/ucwa/v1/applications/192/communication/conversations/137/participants/196\">\n    <link rel=\"admit\""));
    assert!(xml_text.contains("<property name=\"rel\">participant</property>"));

    let back = ucwa(&["convert", "--to", "json", "-"], Some(xml_text.as_bytes()));
    assert_eq!(back.status.code(), Some(0), "{}", text(&back.stderr));
    let original = ucwa_codec::json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let converted = ucwa_codec::json::from_slice(&back.stdout).unwrap();
    assert_eq!(ucwa_codec::diff(&original, &converted), vec![]);
}

#[test]
fn convert_reads_standard_input_without_a_file() {
    let out = ucwa(
        &["convert", "--to", "json", "--compact"],
        Some(b"<resource rel=\"x\" href=\"/x\"/>"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"rel\":\"x\",\"_links\":{\"self\":{\"href\":\"/x\"}}}\n"
    );
}

#[test]
fn convert_same_format_is_a_normalized_copy() {
    let out = ucwa(
        &["convert", "--to", "json", &sample_path("valid", INVITATION)],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let original: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sample_path("valid", INVITATION)).unwrap()).unwrap();
    let written: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(original, written);
}

#[test]
fn convert_compact_writes_one_line() {
    let out = ucwa(
        &[
            "convert",
            "--to",
            "xml",
            "--compact",
            &sample_path("valid", INVITATION),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).lines().count(), 1);
}

#[test]
fn convert_invalid_input_exits_1_with_the_line_and_a_caret() {
    let out = ucwa(
        &[
            "convert",
            "--to",
            "xml",
            &sample_path("invalid", "addAudio.post.request.1.json"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.contains("at line 8, column 47, path _links.mediaOffer.href"),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.starts_with("8 | "))
        .expect("the source line");
    assert_eq!(
        lines[source],
        "8 |       \"href\" : \"data : application/sdp;base64,"
    );
    let caret = lines[source + 1];
    assert_eq!(caret.find('^'), Some("8 | ".len() + 46), "{err}");
}

#[test]
fn convert_xml_error_points_at_the_column() {
    let input = b"<resource rel=\"x\">\n  <link rel=\"a\"/>\n</resource>";
    let out = ucwa(&["convert", "--to", "json"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("<link> without an `href` attribute at line 2, column 3, path _links.a"),
        "{err}"
    );
    assert!(err.contains("2 |   <link rel=\"a\"/>\n  |   ^"), "{err}");
}

#[test]
fn convert_with_the_wrong_from_is_invalid_input() {
    let out = ucwa(
        &[
            "convert",
            "--to",
            "json",
            "--from",
            "xml",
            &sample_path("valid", INVITATION),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("line 1, column 1"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn convert_undetectable_input_exits_1() {
    let out = ucwa(&["convert", "--to", "json"], Some(b"hello"));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot tell the format"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(ucwa(&["convert"], None).status.code(), Some(2));
    assert_eq!(
        ucwa(&["convert", "--to", "yaml"], None).status.code(),
        Some(2)
    );
    assert_eq!(ucwa(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(ucwa(&["diff", "only-one"], None).status.code(), Some(2));
    let missing = ucwa(&["convert", "--to", "xml", "/nonexistent/file.json"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cannot read /nonexistent/file.json"));
}

#[test]
fn diff_of_a_sample_and_its_conversion_is_empty() {
    let json_path = sample_path("valid", INVITATION);
    let xml_out = ucwa(&["convert", "--to", "xml", &json_path], None);
    let xml_path = temp_file("invitation.xml", &xml_out.stdout);
    let out = ucwa(&["diff", &json_path, xml_path.to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn diff_prints_one_line_per_difference_with_its_path() {
    let a = temp_file("a.json", br#"{"rel":"x","count":11,"on":true,"when":"\/Date(1474932024822)\/","_links":{"self":{"href":"/x"}}}"#);
    let b = temp_file(
        "b.xml",
        br#"<resource rel="x" href="/y" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
  <property name="count">11</property><property name="on">False</property>
  <property name="when">2016-09-26T16:20:24.8220000-07:00</property></resource>"#,
    );
    let out = ucwa(&["diff", a.to_str().unwrap(), b.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "on: True -> False\n_links.self.href: /x -> /y\n"
    );
}

#[test]
fn diff_of_invalid_input_exits_2() {
    let good = sample_path("valid", INVITATION);
    let bad = sample_path("invalid", "addAudio.post.request.1.json");
    let out = ucwa(&["diff", &good, &bad], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("line 8, column 47"));
}

#[test]
fn convert_xml_to_json_types_values_with_the_catalogue() {
    let out = ucwa(
        &[
            "convert",
            "--to",
            "json",
            &sample_path("valid", "conversation.get.response.2.xml"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = text(&out.stdout);
    assert!(written.contains("\"participantCount\": 4,"), "{written}");
    assert!(written.contains("\"readLocally\": false,"), "{written}");
    assert!(
        written.contains("\"created\": \"\\/Date(1474932024835)\\/\","),
        "{written}"
    );

    let untyped = ucwa(
        &[
            "convert",
            "--to",
            "json",
            "--untyped",
            &sample_path("valid", "conversation.get.response.2.xml"),
        ],
        None,
    );
    assert!(text(&untyped.stdout).contains("\"participantCount\": \"4\","));
}

#[test]
fn convert_xml_to_json_refuses_a_value_of_the_wrong_type_unless_lenient() {
    let input = br#"<resource rel="conversation" href="/c" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="participantCount">four</property></resource>"#;
    let out = ucwa(&["convert", "--to", "json"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("participantCount"),
        "{}",
        text(&out.stderr)
    );

    let lenient = ucwa(&["convert", "--to", "json", "--lenient"], Some(input));
    assert_eq!(lenient.status.code(), Some(0));
    assert!(
        text(&lenient.stderr).starts_with("warning: "),
        "{}",
        text(&lenient.stderr)
    );
    assert!(text(&lenient.stdout).contains("\"participantCount\": \"four\""));
}
