//! The documentation's own JSON/XML twins outside the reference pages (the "Event channel
//! details" and "Error responses" articles of the UCWA documentation, MIT-licensed code
//! samples), converted to each other.

mod common;

use ucwa_codec::diff::diff_documents;
use ucwa_codec::document::{self, Document};
use ucwa_codec::Format;

const EVENTS_JSON: &str = r#"{
 "_links": {"self": {"href": "/ucwa/oauth/v1/applications/102/events?ack=1"}, "next": {"href": "/ucwa/oauth/v1/applications/102/events?ack=2"}},
 "sender": [{
  "rel": "communication", "href": "/ucwa/oauth/v1/applications/102/communication",
  "events": [{
   "link": {"rel": "communication", "href": "/ucwa/oauth/v1/applications/102/communication"},
   "_embedded": {"communication": {
    "56de7bbf-1081-43e6-bbf2-1cabf3224c83": "please pass this in a PUT request",
    "supportedModalities": ["Messaging"], "supportedMessageFormats": ["Plain"],
    "_links": {
     "self": {"href": "/ucwa/oauth/v1/applications/102/communication"},
     "conversations": {"href": "/ucwa/oauth/v1/applications/102/communication/conversations?filter=active"},
     "startMessaging": {"href": "/ucwa/oauth/v1/applications/102/communication/messagingInvitations"},
     "startOnlineMeeting": {"href": "/ucwa/oauth/v1/applications/102/communication/onlineMeetingInvitations?onlineMeetingUri=adhoc"},
     "joinOnlineMeeting": {"href": "/ucwa/oauth/v1/applications/102/communication/onlineMeetingInvitations"}},
    "rel": "communication", "etag": "2943169141"}},
   "type": "updated"}]
 }, {
  "rel": "me", "href": "/ucwa/oauth/v1/applications/102/me",
  "events": [
   {"link": {"rel": "me", "href": "/ucwa/oauth/v1/applications/102/me"}, "type": "updated"},
   {"link": {"rel": "presence", "href": "/ucwa/oauth/v1/applications/102/me/presence"}, "type": "added"},
   {"link": {"rel": "note", "href": "/ucwa/oauth/v1/applications/102/me/note"}, "type": "added"},
   {"link": {"rel": "location", "href": "/ucwa/oauth/v1/applications/102/me/location"}, "type": "added"}]
 }]
}"#;

use common::DOCUMENTED_EVENTS_XML as EVENTS_XML;

#[test]
fn the_documented_events_response_in_xml_is_its_json_twin() {
    let from_json = document::decode(EVENTS_JSON.as_bytes(), None).unwrap();
    let from_xml = document::decode(EVENTS_XML.as_bytes(), None).unwrap();
    assert!(matches!(from_xml, Document::Events(_)));
    assert_eq!(diff_documents(&from_json, &from_xml), vec![]);
    // XML -> JSON writes the JSON twin itself (as a JSON value).
    let converted = document::encode(&from_xml, Format::Json, true).unwrap();
    let expected: serde_json::Value = serde_json::from_str(EVENTS_JSON).unwrap();
    let written: serde_json::Value = serde_json::from_slice(&converted).unwrap();
    assert_eq!(written, expected);
    // And JSON -> XML -> JSON comes back to it.
    let xml = document::encode(&from_json, Format::Xml, true).unwrap();
    let back = document::decode(&xml, None).unwrap();
    assert_eq!(diff_documents(&from_json, &back), vec![]);
}

const ERROR_JSON: &str = r#"{
 "code": "Conflict",
 "subcode": "AlreadyExists",
 "message": "The requested resource already exists. Please wait and try again."
}"#;

const ERROR_XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<reason xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
 <code>Conflict</code>
 <subcode>AlreadyExists</subcode>
 <message>The requested resource already exists. Please wait and try again.</message>
 <debugInfo />
 <parameters />
</reason>"#;

#[test]
fn the_documented_error_bodies_convert_to_each_other() {
    let from_json = document::decode(ERROR_JSON.as_bytes(), None).unwrap();
    let from_xml = document::decode(ERROR_XML.as_bytes(), None).unwrap();
    assert!(matches!(from_xml, Document::Error(_)));
    assert_eq!(diff_documents(&from_json, &from_xml), vec![]);
    for doc in [&from_json, &from_xml] {
        let other = document::encode(doc, Format::Xml, false).unwrap();
        assert_eq!(
            diff_documents(doc, &document::decode(&other, None).unwrap()),
            vec![]
        );
        let other = document::encode(doc, Format::Json, false).unwrap();
        assert_eq!(
            diff_documents(doc, &document::decode(&other, None).unwrap()),
            vec![]
        );
    }
}
