//! `Resource` inside the user's own serde types.

use serde::{Deserialize, Serialize};
use ucwa_codec::{Resource, Value};

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
