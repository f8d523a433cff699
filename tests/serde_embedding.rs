//! `Resource` inside the user's own serde types.

use serde::{Deserialize, Serialize};
use ucwa_codec::json;
use ucwa_codec::{ErrorBody, Events, Metadata, Resource, Value};

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Envelope {
    status: u16,
    body: Resource,
}

#[test]
fn a_resource_sits_inside_a_derived_type() {
    let text = r#"{"status":200,"body":{"rel":"note","message":"Hi","created":"\/Date(1474932024822)\/","_links":{"self":{"href":"/n"}}}}"#;
    let envelope: Envelope = serde_json::from_str(text).unwrap();
    assert_eq!(envelope.status, 200);
    assert_eq!(envelope.body.type_name(), Some("note"));
    assert!(matches!(
        envelope.body.property("created"),
        Some(Value::Date(_))
    ));
    // serde_json's own writer does not escape the slashes of the date.
    let written = serde_json::to_string(&envelope).unwrap();
    assert_eq!(written, text.replace("\\/", "/"));
    let again: Envelope = serde_json::from_str(&written).unwrap();
    assert_eq!(again, envelope);
}

#[test]
fn a_resource_reads_from_a_serde_json_value() {
    let value = serde_json::json!({"rel": "x", "n": 4, "_embedded": {"c": [{"rel": "y"}]}});
    let resource: Resource = serde_json::from_value(value).unwrap();
    assert_eq!(resource.property("n"), Some(&Value::Integer(4)));
    assert_eq!(resource.embedded_of("c")[0].type_name(), Some("y"));
}

#[test]
fn errors_inside_the_user_type_keep_serde_json_positions() {
    let err = serde_json::from_str::<Envelope>(r#"{"status":200,"body":{"_links":{"self":{}}}}"#)
        .unwrap_err();
    assert!(err.to_string().contains("missing field `href`"), "{err}");
}

/// A long poll's answer as a user's service might relay it: the three kinds of document a
/// client gets, each in its own field.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Relayed {
    events: Events,
    error: Option<ErrorBody>,
    options: Option<Metadata>,
}

const EVENTS: &str = r#"{"_links":{"self":{"href":"/e?ack=1"},"next":{"href":"/e?ack=2"}},"sender":[{"rel":"conversation","href":"/c/1","events":[{"link":{"rel":"message","href":"/c/1/m/2"},"_embedded":{"message":{"rel":"message","created":"\/Date(1474932024822)\/","_links":{"self":{"href":"/c/1/m/2"}}}},"type":"added"}]}]}"#;
const ERROR: &str =
    r#"{"code":"Conflict","subcode":"AlreadyExists","message":"Taken","parameters":{"name":"x"}}"#;
const OPTIONS: &str = r#"{"metadata":[{"httpMethod":"POST","parameters":[{"name":"culture","supportedValues":["en-US"]}]}]}"#;

#[test]
fn events_error_bodies_and_metadata_sit_inside_a_derived_type() {
    let text = format!(r#"{{"events":{EVENTS},"error":{ERROR},"options":{OPTIONS}}}"#);
    let relayed: Relayed = serde_json::from_str(&text).unwrap();
    // What each codec reads from the same text.
    assert_eq!(relayed.events, json::from_str::<Events>(EVENTS).unwrap());
    assert_eq!(
        relayed.error,
        Some(json::from_str::<ErrorBody>(ERROR).unwrap())
    );
    assert_eq!(
        relayed.options,
        Some(json::from_str::<Metadata>(OPTIONS).unwrap())
    );
    assert_eq!(relayed.events.next_href(), Some("/e?ack=2"));
    let message = relayed
        .events
        .events()
        .next()
        .unwrap()
        .1
        .resource()
        .unwrap();
    assert!(matches!(message.property("created"), Some(Value::Date(_))));
    assert_eq!(
        relayed.error.as_ref().unwrap().parameter("name"),
        Some(&Value::String("x".into()))
    );
    assert_eq!(
        relayed
            .options
            .as_ref()
            .unwrap()
            .method("post")
            .unwrap()
            .parameters[0]
            .name,
        "culture"
    );

    // serde_json's own writer does not escape the slashes of the date.
    let written = serde_json::to_string(&relayed).unwrap();
    assert_eq!(written, text.replace("\\/", "/"));
    let again: Relayed = serde_json::from_str(&written).unwrap();
    assert_eq!(again, relayed);
}

#[test]
fn documents_read_from_a_serde_json_value() {
    let value: serde_json::Value = serde_json::from_str(EVENTS).unwrap();
    let from_value: Events = serde_json::from_value(value).unwrap();
    // A `serde_json::Value` sorts the members by name, so compare by content.
    let json_value = |e: &Events| -> serde_json::Value {
        serde_json::from_slice(&json::to_vec(e).unwrap()).unwrap()
    };
    assert_eq!(
        json_value(&from_value),
        json_value(&json::from_str::<Events>(EVENTS).unwrap())
    );
    assert_eq!(from_value.senders[0].events[0].kind.as_str(), "added");
    let body: ErrorBody = serde_json::from_value(serde_json::json!({"code": "Gone"})).unwrap();
    assert_eq!(
        body,
        json::from_str::<ErrorBody>(r#"{"code": "Gone"}"#).unwrap()
    );
    assert_eq!(body.code, "Gone");
    let options: Metadata = serde_json::from_value(serde_json::from_str(OPTIONS).unwrap()).unwrap();
    assert_eq!(options.methods[0].http_method, "POST");
}

#[test]
fn malformed_documents_inside_the_user_type_are_refused() {
    let err =
        serde_json::from_str::<Relayed>(r#"{"events":{"_links":{},"sender":[{"href":"/c"}]}}"#)
            .unwrap_err();
    assert!(err.to_string().contains("missing field `rel`"), "{err}");
    let err = serde_json::from_str::<Relayed>(
        r#"{"events":{"sender":[]},"error":{"message":"no code"}}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("missing field `code`"), "{err}");
    let err =
        serde_json::from_str::<Relayed>(r#"{"events":{"sender":[]},"options":{"metadata":{}}}"#)
            .unwrap_err();
    assert!(err.to_string().contains("invalid type: map"), "{err}");
}
