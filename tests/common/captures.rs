//! Captures made for the tests of `check`, shared by the library's tests and the command's.

use base64::Engine as _;
use serde_json::json;

/// A participant, good.
pub const GOOD_PARTICIPANT: &str = r#"{
  "rel": "participant",
  "name": "Joe Smith",
  "organizer": true,
  "_links": {"self": {"href": "/ucwa/v1/applications/192/communication/conversations/137/participants/196"}}
}"#;

/// An invitation whose `from` is an array (one object documented) holding a participant
/// whose `organizer` is a string (a boolean documented).
pub const BAD_INVITATION: &str = r#"{
  "rel": "audioVideoInvitation",
  "direction": "Incoming",
  "_links": {"self": {"href": "/ucwa/v1/applications/192/communication/audioVideoInvitations/1"}},
  "_embedded": {
    "from": [
      {
        "rel": "participant",
        "name": "Joe Smith",
        "organizer": "yes",
        "_links": {"self": {"href": "/ucwa/v1/applications/192/communication/conversations/137/participants/196"}}
      }
    ]
  }
}"#;

pub fn transcript() -> String {
    format!(
        "HTTP/1.1 200 OK\r\n\
         Content-Type: application/vnd.microsoft.com.ucwa+json; charset=utf-8\r\n\
         Content-Length: {}\r\n\
         \r\n\
         {GOOD_PARTICIPANT}\r\n\
         HTTP/1.1 200 OK\r\n\
         Content-Type: application/vnd.microsoft.com.ucwa+json; charset=utf-8\r\n\
         \r\n\
         {}\r\n",
        GOOD_PARTICIPANT.len(),
        BAD_INVITATION.replace('\n', "\r\n")
    )
}

pub fn base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

pub fn har() -> serde_json::Value {
    let bad_xml = r#"<resource rel="conversation" href="/c/1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
  <property name="participantCount">many</property>
</resource>"#;
    json!({
        "log": {
            "version": "1.2",
            "creator": {"name": "test", "version": "1"},
            "entries": [
                {
                    "request": {
                        "method": "POST",
                        "url": "https://example.com/ucwa/v1/applications",
                        "postData": {
                            "mimeType": "application/json",
                            "text": "{\"userAgent\": \"test\", \"culture\": \"en-US\"}"
                        }
                    },
                    "response": {
                        "status": 201,
                        "content": {"mimeType": "application/vnd.microsoft.com.ucwa+json", "text": GOOD_PARTICIPANT}
                    }
                },
                {
                    "request": {"method": "GET", "url": "https://example.com/c/1"},
                    "response": {
                        "status": 200,
                        "content": {
                            "mimeType": "application/vnd.microsoft.com.ucwa+xml",
                            "encoding": "base64",
                            "text": base64(bad_xml)
                        }
                    }
                },
                {
                    "request": {"method": "GET", "url": "https://example.com/me"},
                    "response": {
                        "status": 200,
                        "content": {"mimeType": "application/json", "text": "{\n  \"rel\": \"me\",\n  \"name\": ,\n}"}
                    }
                },
                {
                    "request": {"method": "GET", "url": "https://example.com/xframe"},
                    "response": {"status": 200, "content": {"mimeType": "text/html", "text": "<h>Hello</h>"}}
                },
                "not an entry"
            ]
        }
    })
}

/// A participant with `count` properties the reference does not document, then a value of
/// the wrong type.
pub fn participant_of_unknowns(count: usize) -> String {
    let mut text = String::from(r#"{"rel": "participant", "_links": {"self": {"href": "/p"}}"#);
    for i in 0..count {
        text.push_str(&format!(r#", "p{i}": 1"#));
    }
    text + r#", "organizer": "yes"}"#
}

/// A request that creates an application, as Fiddler saves it (`raw/NN_c.txt`).
pub const CREATE_APPLICATION: &str = "POST /ucwa/oauth/v1/applications HTTP/1.1\r\n\
    Host: lync.example.com\r\n\
    Content-Type: application/json\r\n\
    \r\n\
    {\"userAgent\": \"test\", \"culture\": \"en-US\", \"endpointId\": \"1\"}";

/// A GET without a body.
pub const GET_INVITATION: &str =
    "GET /ucwa/v1/applications/192/communication/audioVideoInvitations/1 HTTP/1.1\r\n\
    Host: lync.example.com\r\n\
    Accept: application/json\r\n\
    \r\n";

/// A UCWA JSON response of `body`, as Fiddler saves it (`raw/NN_s.txt`).
pub fn response_of(body: &str) -> String {
    let body = body.replace('\n', "\r\n");
    format!(
        "HTTP/1.1 200 OK\r\n\
         Content-Type: application/vnd.microsoft.com.ucwa+json; charset=utf-8\r\n\
         Content-Length: {}\r\n\
         \r\n\
         {body}",
        body.len()
    )
}

/// A zip archive of `entries` (name, content) in that order, each stored or deflated.
pub fn zip_of(entries: &[(String, Vec<u8>)], method: zip::CompressionMethod) -> Vec<u8> {
    use std::io::Write as _;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, content) in entries {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The entries of a Fiddler archive of `sessions` (request, response), numbered from 1 as
/// Fiddler numbers them (`raw/01_c.txt`, `raw/01_s.txt`, `raw/01_m.xml`), after its
/// `[Content_Types].xml`.
pub fn saz_entries(sessions: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
    let mut entries = vec![(
        "[Content_Types].xml".to_owned(),
        br#"<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="txt" ContentType="text/plain" /></Types>"#.to_vec(),
    )];
    for (i, (request, response)) in sessions.iter().enumerate() {
        let n = i + 1;
        entries.push((format!("raw/{n:02}_c.txt"), request.as_bytes().to_vec()));
        entries.push((format!("raw/{n:02}_s.txt"), response.as_bytes().to_vec()));
        let metadata = format!(
            r#"<?xml version="1.0" encoding="utf-8"?><Session SID="{n}" BitFlags="0"><SessionTimers /></Session>"#
        );
        entries.push((format!("raw/{n:02}_m.xml"), metadata.into_bytes()));
    }
    entries
}

/// A Fiddler archive, deflated: creating an application (a good participant answers), then
/// a GET answered by the bad invitation (its findings in `raw/02_s.txt`).
pub fn saz() -> Vec<u8> {
    let sessions = [
        (CREATE_APPLICATION, response_of(GOOD_PARTICIPANT)),
        (GET_INVITATION, response_of(BAD_INVITATION)),
    ];
    let sessions: Vec<(&str, &str)> = sessions.iter().map(|(c, s)| (*c, s.as_str())).collect();
    zip_of(&saz_entries(&sessions), zip::CompressionMethod::Deflated)
}
