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
