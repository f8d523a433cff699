//! `ucwa catalogue` as a subprocess. The catalogue is compiled in: these tests need no
//! reference.

mod run;

use serde_json::{json, Value};

fn ucwa(args: &[&str]) -> (Option<i32>, String, String) {
    run::ucwa_text(args, b"")
}

fn json_of(name: &str) -> Value {
    let (code, stdout, stderr) = ucwa(&["catalogue", name, "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|err| panic!("not one JSON value: {err}"))
}

/// The members of a JSON object, sorted.
fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn text_explains_a_page_with_its_operations() {
    let (code, out, err) = ucwa(&["catalogue", "startMessaging"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with("RESOURCE: startMessaging\nPAGES:    startMessaging, startMessaging2\n")
    );
    for line in [
        "  POST startMessaging -> messagingInvitation",
        "      to  optional",
        "      operationId  string, optional, at most 50 characters",
        "      to           string, required",
        "      importance   enumeration Importance, optional",
        "      message      type unknown, optional",
        "      409  Conflict        AlreadyExists",
        "      409  Conflict        -",
        "  POST startMessaging2 -> no resource",
        "  Conversations.Initiate",
    ] {
        assert!(
            out.lines().any(|l| l == line),
            "no line `{line}` in:\n{out}"
        );
    }
    for heading in [
        "PROPERTIES:",
        "LINKS:",
        "EMBEDDED:",
        "OPERATIONS:",
        "EVENTS:",
    ] {
        assert!(out.lines().any(|l| l == heading), "no {heading} in:\n{out}");
    }
    assert!(
        out.contains("ParameterValidationFailure"),
        "the generic errors:\n{out}"
    );
}

#[test]
fn text_explains_a_resource_type() {
    let (code, out, err) = ucwa(&["catalogue", "participant"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out
        .lines()
        .any(|l| l.starts_with("  organizer") && l.ends_with("boolean")));
    assert!(out
        .lines()
        .any(|l| l.starts_with("  role") && l.ends_with("enumeration Role")));
    let added = out
        .lines()
        .find(|l| l.starts_with("  added") && l.contains("sender conversation"))
        .unwrap_or_else(|| panic!("no added event in:\n{out}"));
    assert!(added.ends_with("priority High"), "{added}");
}

#[test]
fn json_is_one_object_of_the_documented_shape() {
    let entry = json_of("myOnlineMeeting");
    assert_eq!(
        keys(&entry),
        [
            "embedded",
            "events",
            "links",
            "name",
            "operations",
            "pages",
            "properties",
            "scopes"
        ]
    );
    assert_eq!(entry["name"], "myOnlineMeeting");
    assert_eq!(entry["pages"], json!(["myOnlineMeeting"]));
    assert_eq!(
        entry["scopes"],
        json!(["Conversations.Initiate", "Conversations.Receive"])
    );
    let property = &entry["properties"][0];
    assert_eq!(keys(property), ["list", "name", "type"]);
    assert_eq!(
        entry["links"][0].get("rel").and_then(Value::as_str),
        Some("onlineMeetingExtensions")
    );
    assert_eq!(keys(&entry["links"][0]), ["cardinality", "rel"]);
    assert_eq!(
        entry["embedded"][0],
        json!({"relation": "onlineMeetingExtension", "type": "onlineMeetingExtension", "cardinality": "array"})
    );

    let operations = entry["operations"].as_array().unwrap();
    let methods: Vec<&str> = operations
        .iter()
        .map(|o| o["method"].as_str().unwrap())
        .collect();
    assert_eq!(methods, ["GET", "DELETE", "PUT"]);
    let put = &operations[2];
    assert_eq!(
        keys(put),
        ["errors", "method", "page", "query", "request", "response"]
    );
    assert_eq!(put["response"], "myOnlineMeeting");
    assert_eq!(
        put["request"][0],
        json!({
            "name": "accessLevel",
            "type": "enumeration AccessLevel",
            "list": false,
            "required": false,
            "max_length": null,
            "enumeration": "AccessLevel",
        })
    );
    assert_eq!(
        put["errors"][1],
        json!({"status": 410, "code": "Gone", "subcode": "CannotRedirect"})
    );
    let delete = &operations[1];
    assert_eq!(delete["response"], Value::Null);
    assert_eq!(delete["request"], json!([]));
}

#[test]
fn json_fields_queries_errors_and_events() {
    let entry = json_of("startMessaging");
    let post = &entry["operations"][0];
    assert_eq!(post["query"], json!([{"name": "to", "required": false}]));
    assert_eq!(
        post["request"][0],
        json!({
            "name": "operationId",
            "type": "string",
            "list": false,
            "required": false,
            "max_length": 50,
            "enumeration": null,
        })
    );
    // `ExternalResource`: no type the catalogue names.
    assert_eq!(post["request"][5]["type"], Value::Null);
    assert_eq!(
        post["errors"][0],
        json!({"status": 403, "code": "Forbidden", "subcode": null})
    );

    let participant = json_of("participant");
    let event = participant["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["resource"] == "participant")
        .unwrap();
    assert_eq!(keys(event), ["priority", "resource", "sender", "type"]);
    assert_eq!(
        *event,
        json!({"type": "added", "resource": "participant", "sender": "conversation", "priority": "High"})
    );
}

#[test]
fn a_page_gives_its_type() {
    // `acceptedByContact` documents a `contact`.
    let entry = json_of("acceptedByContact");
    assert_eq!(entry["name"], "contact");
    let pages: Vec<&str> = entry["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["page"].as_str().unwrap())
        .collect();
    assert!(pages.contains(&"acceptedByContact") && pages.contains(&"contact"));
}

#[test]
fn a_type_only_the_samples_show() {
    let entry = json_of("startEmergencyCallParameters");
    assert_eq!(entry["pages"], json!([]));
    assert_eq!(entry["operations"], json!([]));
    let (code, out, _) = ucwa(&["catalogue", "startEmergencyCallParameters"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("PAGES:    none (only the samples show this type)"),
        "{out}"
    );
}

#[test]
fn an_unknown_name_is_a_usage_error_with_close_names() {
    let (code, out, err) = ucwa(&["catalogue", "contcat"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty(), "{out}");
    assert_eq!(
        err.trim_end(),
        "error: `contcat` is neither a resource type nor a reference page of the catalogue; \
         did you mean contact?"
    );
    // Case is a near miss too.
    let (code, _, err) = ucwa(&["catalogue", "StartMessaging", "--format", "json"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("did you mean startMessaging"), "{err}");
    // Nothing near: no suggestion.
    let (code, _, err) = ucwa(&["catalogue", "zzzzzzzzzzzzzzzzzzzz"]);
    assert_eq!(code, Some(2));
    assert!(!err.contains("did you mean"), "{err}");
    // A name with control characters is written escaped, on one line.
    let (code, _, err) = ucwa(&["catalogue", "a\nb"]);
    assert_eq!(code, Some(2));
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let (code, _, _) = ucwa(&["catalogue"]);
    assert_eq!(code, Some(2));
    let (code, _, _) = ucwa(&["catalogue", "contact", "--format", "yaml"]);
    assert_eq!(code, Some(2));
}
