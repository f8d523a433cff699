//! The `ucwa` command, run as a subprocess.

#[macro_use]
#[path = "../../tests/common/mod.rs"]
mod common;
mod run;

use std::process::{Command, Output, Stdio};

fn ucwa(args: &[&str], stdin: Option<&[u8]>) -> Output {
    run::ucwa(args, stdin.unwrap_or_default())
}

fn sample_path(which: &str, name: &str) -> String {
    common::docs()
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
    needs_reference!();
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
    let original =
        ucwa_codec::json::from_slice::<ucwa_codec::Resource>(&std::fs::read(&json_path).unwrap())
            .unwrap();
    let converted = ucwa_codec::json::from_slice::<ucwa_codec::Resource>(&back.stdout).unwrap();
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
    needs_reference!();
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
    needs_reference!();
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
    needs_reference!();
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
    needs_reference!();
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
    needs_reference!();
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
    needs_reference!();
    let good = sample_path("valid", INVITATION);
    let bad = sample_path("invalid", "addAudio.post.request.1.json");
    let out = ucwa(&["diff", &good, &bad], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("line 8, column 47"));
}

#[test]
fn convert_xml_to_json_types_values_with_the_catalogue() {
    needs_reference!();
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
fn convert_xml_to_json_keeps_a_value_of_the_wrong_type_as_text_unless_strict() {
    let input = br#"<resource rel="conversation" href="/c" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="participantCount">four</property></resource>"#;
    let strict = ucwa(&["convert", "--to", "json", "--strict"], Some(input));
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        text(&strict.stderr).contains("participantCount"),
        "{}",
        text(&strict.stderr)
    );

    for args in [
        &["convert", "--to", "json"][..],
        &["convert", "--to", "json", "--lenient"],
    ] {
        let lenient = ucwa(args, Some(input));
        assert_eq!(lenient.status.code(), Some(0));
        assert!(
            text(&lenient.stderr).starts_with("warning: "),
            "{}",
            text(&lenient.stderr)
        );
        assert!(text(&lenient.stdout).contains("\"participantCount\": \"four\""));
    }
}

#[test]
fn convert_and_diff_take_every_document_kind() {
    needs_reference!();
    for name in [
        "participant.event.added.1.json",
        "presence.event.updated.2.json",
        "applications.post.response.4.json",
        "applications.post.response.5.xml",
    ] {
        let path = sample_path("valid", name);
        let to = if name.ends_with(".json") {
            "xml"
        } else {
            "json"
        };
        let out = ucwa(&["convert", "--to", to, &path], None);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        let converted = temp_file(&format!("{name}.{to}"), &out.stdout);
        let same = ucwa(&["diff", &path, converted.to_str().unwrap()], None);
        assert_eq!(
            same.status.code(),
            Some(0),
            "{name}: {}{}",
            text(&same.stdout),
            text(&same.stderr)
        );
    }
    let events_xml = ucwa(
        &[
            "convert",
            "--to",
            "xml",
            &sample_path("valid", "participant.event.added.1.json"),
        ],
        None,
    );
    assert!(text(&events_xml.stdout)
        .contains("<events href=\"http://sample:80/ucwa/v1/applications/appId/events?ack=1\""));
}

#[test]
fn an_error_body_converts_and_differences_have_paths() {
    let xml_body = br#"<reason xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><code>Conflict</code><subcode>AlreadyExists</subcode><message>The resource already exists.</message></reason>"#;
    let out = ucwa(&["convert", "--to", "json", "--compact"], Some(xml_body));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"code\":\"Conflict\",\"subcode\":\"AlreadyExists\",\"message\":\"The resource already exists.\"}\n"
    );
    let a = temp_file("error.xml", xml_body);
    let b = temp_file(
        "error.json",
        br#"{"code":"Conflict","subcode":"TooMany","message":"The resource already exists."}"#,
    );
    let diff = ucwa(&["diff", a.to_str().unwrap(), b.to_str().unwrap()], None);
    assert_eq!(diff.status.code(), Some(1));
    assert_eq!(text(&diff.stdout), "subcode: AlreadyExists -> TooMany\n");
    let c = temp_file("resource.json", br#"{"rel":"x"}"#);
    let kinds = ucwa(&["diff", a.to_str().unwrap(), c.to_str().unwrap()], None);
    assert_eq!(
        text(&kinds.stdout),
        "(root): an error document -> a resource document\n"
    );
}

/// The XML batch response of the reference: `batch.post.response.2.xml` printed without its
/// first part's boundary line and heads.
fn xml_batch_body() -> Vec<u8> {
    let mut body = b"--0cac9abd\nContent-Type: application/http; msgtype=response\n\nHTTP/1.1 200 OK\nCache-Control: no-cache\nContent-Type: application/vnd.microsoft.com.ucwa+xml; charset=utf-8\n\n".to_vec();
    body.extend_from_slice(
        &std::fs::read(sample_path("invalid", "batch.post.response.2.xml")).unwrap(),
    );
    body
}

#[test]
fn convert_a_batch_part_by_part() {
    needs_reference!();
    let out = ucwa(&["convert", "--to", "json"], Some(&xml_batch_body()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = text(&out.stdout);
    assert_eq!(
        written
            .matches("Content-Type: application/vnd.microsoft.com.ucwa+json; charset=utf-8")
            .count(),
        2,
        "{written}"
    );
    assert!(!written.contains("ucwa+xml"), "{written}");
    // Typed on the way to JSON, like a single document.
    assert!(
        written.contains("\"includeInContactCard\": true"),
        "{written}"
    );
    assert!(written.trim_end().ends_with("--0cac9abd--"), "{written}");

    let json_batch = temp_file("batch.json.txt", &out.stdout);
    let xml_batch = temp_file("batch.xml.txt", &xml_batch_body());
    let same = ucwa(
        &[
            "diff",
            xml_batch.to_str().unwrap(),
            json_batch.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}{}",
        text(&same.stdout),
        text(&same.stderr)
    );

    // A whole HTTP message whose body is the batch.
    let body = xml_batch_body();
    let mut message = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: multipart/batching; boundary=\"0cac9abd\"\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    message.extend_from_slice(&body);
    let out = ucwa(&["convert", "--to", "json", "--compact"], Some(&message));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = text(&out.stdout);
    assert!(written.starts_with("HTTP/1.1 200 OK\r\n"), "{written}");
    let head_end = written.find("\r\n\r\n").unwrap() + 4;
    let length: usize = written[..head_end]
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(length, written.len() - head_end, "{written}");
}

#[test]
fn a_malformed_batch_part_is_named() {
    needs_reference!();
    let mut body = xml_batch_body();
    let at = body.windows(6).position(|w| w == b"<resou").unwrap();
    body.truncate(at + 40);
    body.extend_from_slice(b"\n--0cac9abd--\n");
    let out = ucwa(&["convert", "--to", "json"], Some(&body));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("part 1"), "{err}");
    assert!(err.contains("line "), "{err}");
}

#[test]
fn hostile_input_exits_1_with_a_clear_message() {
    let deep = format!(
        "{}{{}}{}",
        r#"{"_embedded":{"a":"#.repeat(100_000),
        "}}".repeat(100_000)
    );
    let out = ucwa(&["convert", "--to", "xml"], Some(deep.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("resources nested more than 40 deep (max_depth)"),
        "{}",
        text(&out.stderr)
    );

    let bomb = br#"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><resource rel="x">&lol2;</resource>"#;
    let out = ucwa(&["convert", "--to", "json"], Some(bomb));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("a DOCTYPE is not allowed"),
        "{}",
        text(&out.stderr)
    );

    let out = ucwa(&["convert", "--to", "json"], Some(b"{\"rel\": \"\xff\"}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("invalid UTF-8 at byte offset 9"),
        "{}",
        text(&out.stderr)
    );
}

/// An event entry as clients log them, outside its events document.
const EVENT_ENTRY: &[u8] =
    br#"{"link": {"rel": "presence", "href": "/me/presence"}, "type": "updated",
 "_embedded": {"presence": {"rel": "presence", "availability": "Online",
  "_links": {"self": {"href": "/me/presence"}}}}}"#;

#[test]
fn an_event_entry_on_its_own_is_named_by_convert_diff_and_check() {
    let named = "an event entry on its own, not an events document";
    let out = ucwa(&["convert", "--to", "xml"], Some(EVENT_ENTRY));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains(named), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("invalid type"));

    let entry = temp_file("entry.json", EVENT_ENTRY);
    let out = ucwa(&["diff", entry.to_str().unwrap(), "-"], Some(b"{}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains(named), "{}", text(&out.stderr));

    let out = ucwa(&["check", entry.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains(&format!("error[decode-error]: {named}")),
        "{}",
        text(&out.stdout)
    );
    let xml = br#"<added xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa" rel="note" href="/me/note"/>"#;
    let out = ucwa(&["check"], Some(xml));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains(named), "{}", text(&out.stdout));
}

/// A resource with `count` properties, whose every rendering is far longer than a pipe holds.
fn big_resource(count: usize, value: &str) -> String {
    let properties: Vec<String> = (0..count)
        .map(|i| format!("\"p{i}\": \"{value}\""))
        .collect();
    format!(
        "{{\"rel\": \"x\", {}, \"_links\": {{\"self\": {{\"href\": \"/x\"}}}}}}",
        properties.join(", ")
    )
}

/// Runs `ucwa` with standard input from a file, reads `keep` bytes of its standard output and
/// closes it; gives the exit code and standard error.
fn ucwa_into_closed_pipe(args: &[&str], keep: usize) -> (Option<i32>, String) {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ucwa"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the ucwa binary runs");
    let mut stdout = child.stdout.take().unwrap();
    let mut start = vec![0; keep];
    stdout.read_exact(&mut start).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let a = temp_file("pipe-a.json", big_resource(20_000, "a").as_bytes());
    let b = temp_file("pipe-b.json", big_resource(20_000, "b").as_bytes());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    for args in [
        &["convert", "--to", "xml", a][..],
        &["convert", "--to", "json", "--compact", a][..],
        &["diff", a, b][..],
        &["check", a][..],
        &["check", "--format", "json", a][..],
    ] {
        let (code, stderr) = ucwa_into_closed_pipe(args, 10);
        assert_eq!((code, stderr.as_str()), (Some(0), ""), "{args:?}");
    }
}

/// A file that takes no more bytes (Linux's `/dev/full`), when there is one.
fn full_device() -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()
}

#[test]
fn a_full_standard_output_is_exit_2_and_a_full_standard_error_no_panic() {
    let Some(_) = full_device() else {
        return eprintln!("skipped: no /dev/full on this system");
    };
    let good = temp_file(
        "full.json",
        br#"{"rel": "x", "_links": {"self": {"href": "/x"}}}"#,
    );
    let good = good.to_str().unwrap();
    let other = temp_file("full-other.json", br#"{"rel": "y"}"#);
    for args in [
        &["convert", "--to", "xml", good][..],
        &["diff", good, other.to_str().unwrap()][..],
        &["check", good][..],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ucwa"))
            .args(args)
            .stdout(full_device().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).starts_with("error: cannot write to standard output: "),
            "{}",
            text(&out.stderr)
        );
    }
    // An error, and a warning, told to a full standard error: the exit code, no panic (101).
    let bad = temp_file("full-bad.json", b"{\"rel\": }");
    let xml = temp_file(
        "full-warn.xml",
        br#"<resource rel="conversation" href="/c"><property name="participantCount">many</property></resource>"#,
    );
    for (args, code) in [
        (&["convert", "--to", "xml", bad.to_str().unwrap()][..], 1),
        (
            &[
                "convert",
                "--to",
                "json",
                "--lenient",
                xml.to_str().unwrap(),
            ][..],
            0,
        ),
        (&["check", "/no/such/file"][..], 2),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ucwa"))
            .args(args)
            .stdout(Stdio::null())
            .stderr(full_device().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
    }
}

#[test]
fn error_snippets_escape_control_characters_and_show_a_window() {
    // DEL and CSI (U+009B) may stand raw in a JSON string; the error comes after them.
    let input = "{\"rel\": \"x\",\n \"a\x7f\u{9b}[2J\": 1, \"b\": tru}";
    let out = ucwa(&["convert", "--to", "xml"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    let lines: Vec<&str> = err.lines().collect();
    let source = lines.iter().position(|l| l.starts_with("2 | ")).unwrap();
    assert_eq!(lines[source], "2 |  \"a\\u{7f}\\u{9b}[2J\": 1, \"b\": tru}");
    // The caret stands under the column, counted in the escaped text.
    assert_eq!(
        lines[source + 1].find('^'),
        lines[source].rfind('}'),
        "{err}"
    );

    // A long line (here 1 MB) shows a window around the column, not the whole line.
    let long = format!(
        "{{\"rel\": \"x\", \"p\": \"{}\", \"q\": nope}}",
        "y".repeat(1_000_000)
    );
    let out = ucwa(&["convert", "--to", "xml"], Some(long.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.len() < 1_000, "{} bytes", err.len());
    let line = err.lines().find(|l| l.starts_with("1 | ")).unwrap();
    assert!(
        line.starts_with("1 | …yyy") && line.ends_with("\", \"q\": nope}"),
        "{line}"
    );
    let caret = err.lines().last().unwrap().find('^').unwrap();
    let under: String = line.chars().skip(caret).take(3).collect();
    assert_eq!(under, "ope", "{err}");
}

#[test]
fn error_snippets_escape_what_a_terminal_would_obey_and_keep_tabs() {
    // What made the snippets stay ours rather than annotate-snippets' (CHANGELOG): C1
    // controls (NEL) and the bidirectional marks escaped by name, tabs kept as tabs, and
    // invalid UTF-8 shown as U+FFFD, with the caret under it.
    let input = b"{\"rel\": \"x\",\n\t\"a\xE2\x80\xAE\xE2\x80\x8F\xC2\x85\xC3\xA9\xFF\": 1}";
    let out = ucwa(&["convert", "--to", "xml"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("at line 2, column 8"), "{err}");
    assert!(err.contains(" --> <stdin>:2:8\n"), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    let source = lines.iter().position(|l| l.starts_with("2 | ")).unwrap();
    assert_eq!(
        lines[source],
        "2 | \t\"a\\u{202e}\\u{200f}\\u{85}\u{e9}\u{fffd}\": 1}"
    );
    assert!(lines[source + 1].starts_with("  | \t"), "{err}");
    assert_eq!(
        lines[source + 1].chars().position(|c| c == '^'),
        lines[source].chars().position(|c| c == '\u{fffd}'),
        "{err}"
    );
}

#[test]
fn empty_input_is_named_as_empty() {
    let empty = temp_file("empty.json", b"");
    let blank = temp_file("blank.xml", b" \r\n\t\n");
    let full = temp_file("nonempty.json", br#"{"rel": "x"}"#);
    let (empty, blank, full) = (
        empty.to_str().unwrap(),
        blank.to_str().unwrap(),
        full.to_str().unwrap(),
    );
    let no_input: Option<&[u8]> = None;
    let cases = [
        (&["convert", "--to", "xml", empty][..], no_input, 1),
        (&["convert", "--to", "json"][..], Some(&b""[..]), 1),
        (
            &["convert", "--to", "json", "-"][..],
            Some(&b"\n\n  "[..]),
            1,
        ),
        (&["diff", empty, full][..], None, 2),
        (&["diff", full, blank][..], None, 2),
    ];
    for (args, stdin, code) in cases {
        let out = ucwa(args, stdin);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert!(
            text(&out.stderr).contains(": the input is empty"),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn the_readme_run_command_converts_a_payload_the_project_ships() {
    let root = common::repo_root().to_str().unwrap();
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let command = readme
        .lines()
        .find_map(|line| line.strip_prefix("cargo run --release -- "))
        .expect("the README's run command");
    let args: Vec<&str> = command.split_whitespace().collect();
    let out = Command::new(env!("CARGO_BIN_EXE_ucwa"))
        .args(&args)
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{command}: {}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("<property name=\"rel\">participant</property>"));
}
