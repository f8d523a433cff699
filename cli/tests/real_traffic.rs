//! Wrong answers found on payloads captured from real servers, through the command.

#[macro_use]
#[path = "../../tests/common/mod.rs"]
mod common;
mod run;

/// A batch of three responses, the second of which does not decode.
const ONE_BAD_PART: &str = "--b\r\nContent-Type: application/http; msgtype=response\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"rel\":\"a\",\"_links\":{\"self\":{\"href\":\"/a\"}}}\r\n--b\r\nContent-Type: application/http; msgtype=response\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"rel\": 4}\r\n--b\r\nContent-Type: application/http; msgtype=response\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"rel\":\"c\",\"_links\":{\"self\":{\"href\":\"/c\"}}}\r\n--b--\r\n";

#[test]
fn a_batch_with_one_bad_part_keeps_the_others() {
    use ucwa_codec::batch::Batch;
    use ucwa_codec::convert::ConvertOptions;
    let mut batch = Batch::parse(ONE_BAD_PART.as_bytes(), None).unwrap();
    assert_eq!(batch.parts.len(), 3);
    assert!(batch.parts[0].message.document.is_some() && batch.parts[2].message.document.is_some());
    let err = batch.parts[1].message.body_error.as_ref().unwrap();
    assert!(err.message().starts_with("part 2: "), "{err}");
    assert_eq!(err.line(), 14);
    let outcome = batch.convert(ucwa_codec::Format::Xml, &ConvertOptions::default());
    assert_eq!(outcome.errors.len(), 1);
    let written = String::from_utf8(batch.to_vec().unwrap()).unwrap();
    assert_eq!(written.matches("<resource rel=").count(), 2, "{written}");
    assert!(written.contains("Content-Type: application/json\r\n\r\n{\"rel\": 4}\r\n"));

    let (code, stdout, stderr) =
        run::ucwa_text(&["convert", "--to", "xml"], ONE_BAD_PART.as_bytes());
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stdout.matches("<resource rel=").count(), 2, "{stdout}");
    assert!(stdout.contains("{\"rel\": 4}"));
    assert!(
        stderr.contains("part 2: ") && stderr.contains("<stdin>:14:"),
        "{stderr}"
    );
}

#[test]
fn convert_keeps_a_misfit_as_text_with_a_warning_unless_strict() {
    // The reference's own how-to pages print dates in quotes where XML has them bare.
    let xml = br#"<resource rel="participant" href="/p" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="organizer">perhaps</property></resource>"#;
    let (code, stdout, stderr) = run::ucwa_text(&["convert", "--to", "json", "--compact"], xml);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains(r#""organizer":"perhaps""#), "{stdout}");
    assert!(
        stderr.starts_with("warning: <stdin>: ") && stderr.contains("path organizer"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // --lenient is what it does anyway.
    assert_eq!(
        run::ucwa_text(&["convert", "--to", "json", "--lenient"], xml).0,
        Some(0)
    );
    let (code, stdout, stderr) = run::ucwa_text(&["convert", "--to", "json", "--strict"], xml);
    assert_eq!(code, Some(1));
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("path organizer") && stderr.contains("--strict"),
        "{stderr}"
    );
}

#[test]
fn convert_warns_once_of_each_loss() {
    let json = br#"{"rel":"x","_embedded":{"pals":[{"_links":{"self":{"href":"/p/1"}}},{"_links":{"self":{"href":"/p/2"}}}]}}"#;
    let (code, _, stderr) = run::ucwa_text(&["convert", "--to", "xml"], json);
    assert_eq!(code, Some(0));
    assert_eq!(
        stderr,
        "warning: <stdin>: XML cannot carry this: nothing comes back as pals (2 times, at _embedded.pals[*].rel), path _embedded.pals[0].rel\n"
    );
}

#[test]
fn convert_writes_a_large_document_as_the_library_converts_it() {
    // Written in pieces as it is encoded, and checked a contact at a time: the same bytes and
    // warnings as the whole.
    use ucwa_codec::convert::{convert, ConvertOptions};
    use ucwa_codec::Format;
    let contacts: Vec<String> = (0..2000)
        .map(|i| {
            let null = if i == 1999 { r#","department":null"# } else { "" };
            format!(
                r#"{{"rel":"contact","name":"Contact {i}","custom":{i}{null},"_links":{{"self":{{"href":"/c/{i}"}}}}}}"#
            )
        })
        .collect();
    let json = format!(
        r#"{{"rel":"myContacts","_links":{{"self":{{"href":"/c"}}}},"_embedded":{{"contact":[{}]}}}}"#,
        contacts.join(",")
    );
    let (code, stdout, stderr) = run::ucwa_text(&["convert", "--to", "xml"], json.as_bytes());
    assert_eq!(code, Some(0), "{stderr}");
    let options = ConvertOptions::default().pretty(true);
    let expected = convert(json.as_bytes(), None, Format::Xml, &options).unwrap();
    assert!(expected.bytes.len() > 200_000);
    assert_eq!(stdout.as_bytes(), expected.bytes.as_slice());
    assert_eq!(
        stderr,
        format!("warning: <stdin>: {}\n", expected.warnings[0])
    );
    assert!(
        stderr.contains("(2000 times, at _embedded.contact[*].custom)"),
        "{stderr}"
    );
}
