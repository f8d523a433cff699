//! Typed access: the same user struct read from the JSON and the XML sample of a resource,
//! errors that name the property, and struct -> properties -> JSON/XML -> struct.

#[macro_use]
mod common;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ucwa_codec::{json, typed, xml, Date, ErrorKind, Property, Resource, Value};

/// A documented sample of `samples/valid`, decoded by its extension.
fn sample(name: &str) -> Resource {
    let path = common::docs().join("samples/valid").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoded = if name.ends_with(".json") {
        json::from_slice::<Resource>(&bytes)
    } else {
        xml::from_slice::<Resource>(&bytes)
    };
    decoded.unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

#[derive(Deserialize, Serialize, Debug, PartialEq, Clone, Copy)]
enum Importance {
    Low,
    Normal,
    High,
}

#[derive(Deserialize, Serialize, Debug, PartialEq, Clone, Copy)]
enum Modality {
    Messaging,
    Audio,
    Video,
    ApplicationSharing,
    DataCollaboration,
}

#[derive(Deserialize, Serialize, Debug, PartialEq, Clone)]
#[serde(rename_all = "camelCase")]
struct Conversation {
    participant_count: u32,
    created: Date,
    expiration_time: Date,
    importance: Importance,
    active_modalities: Vec<Modality>,
    read_locally: bool,
    recording: bool,
    state: String,
    subject: Option<String>,
    thread_id: String,
    /// Not in the samples.
    #[serde(skip_serializing_if = "Option::is_none")]
    topic: Option<String>,
}

#[test]
fn a_conversation_reads_alike_from_json_and_xml() {
    needs_reference!();
    let from_json: Conversation = sample("conversation.get.response.1.json")
        .properties_as()
        .unwrap();
    let from_xml: Conversation = sample("conversation.get.response.2.xml")
        .properties_as()
        .unwrap();

    // Where the two examples differ.
    assert_eq!(from_json.participant_count, 11);
    assert_eq!(from_xml.participant_count, 4);
    assert_eq!(
        from_json.created,
        Date::from_unix_millis(1474932024822).unwrap()
    );
    assert_eq!(from_xml.created, date("2016-09-26T16:20:24.8356669-07:00"));
    // The same instant to the millisecond, written in another offset and precision.
    assert_eq!(from_json.expiration_time.unix_millis(), 1326337402743);
    assert_eq!(from_xml.expiration_time.unix_millis(), 1326337402743);
    assert_eq!(from_xml.expiration_time.offset_minutes(), Some(-480));

    // Everything else is equal.
    assert_eq!(
        Conversation {
            participant_count: from_xml.participant_count,
            created: from_xml.created,
            expiration_time: from_xml.expiration_time,
            ..from_json.clone()
        },
        from_xml
    );
    assert_eq!(from_json.importance, Importance::Normal);
    assert_eq!(
        from_json.active_modalities,
        [
            Modality::Messaging,
            Modality::Audio,
            Modality::Video,
            Modality::ApplicationSharing
        ]
    );
    assert!(!from_xml.read_locally && !from_xml.recording);
    assert_eq!(from_xml.subject.as_deref(), Some("Skype for Business"));
    assert_eq!(from_xml.topic, None);
}

#[derive(Deserialize, Debug, PartialEq)]
enum SourceNetwork {
    SameEnterprise,
    Federated,
    PublicCloud,
    Everyone,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Contact {
    name: String,
    company: Option<String>,
    email_addresses: Vec<String>,
    source_network: SourceNetwork,
    #[serde(rename = "type")]
    kind: String,
    uri: String,
    work_phone_number: Option<String>,
    /// Not in the samples.
    #[serde(default)]
    phone_numbers: Vec<String>,
}

#[test]
fn a_contact_reads_alike_from_json_and_xml() {
    needs_reference!();
    let from_json: Contact = sample("contact.get.response.1.json")
        .properties_as()
        .unwrap();
    let from_xml: Contact = sample("contact.get.response.2.xml")
        .properties_as()
        .unwrap();
    assert_eq!(from_json, from_xml);
    assert_eq!(from_xml.email_addresses, ["Alex.Doe@contoso.com"]);
    assert_eq!(from_xml.source_network, SourceNetwork::SameEnterprise);
    assert_eq!(from_xml.kind, "User");
    assert!(from_xml.phone_numbers.is_empty());
}

/// Borrows its text from the resource.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Participant<'a> {
    name: &'a str,
    anonymous: bool,
    in_lobby: bool,
    local: bool,
    organizer: bool,
    role: Role,
    uri: &'a str,
}

#[derive(Deserialize, Debug, PartialEq)]
enum Role {
    Attendee,
    Leader,
    #[serde(other)]
    Unknown,
}

#[test]
fn a_participant_reads_alike_from_json_and_xml_and_borrows_its_text() {
    needs_reference!();
    let json_resource = sample("participant.get.response.4.json");
    let xml_resource = sample("participant.get.response.5.xml");
    let from_json: Participant = json_resource.properties_as().unwrap();
    let from_xml: Participant = xml_resource.properties_as().unwrap();
    assert_eq!(from_json, from_xml);
    assert_eq!(from_xml.name, "Joe Smith");
    assert!(from_xml.organizer && from_xml.in_lobby);
    assert_eq!(from_xml.role, Role::Attendee);
}

#[derive(Deserialize, Debug, PartialEq)]
enum Availability {
    Away,
    BeRightBack,
    Busy,
    DoNotDisturb,
    Offwork,
    Online,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Presence {
    activity: String,
    availability: Availability,
}

#[test]
fn enumerations_read_from_json_strings_and_xml_text() {
    needs_reference!();
    let from_json: Presence = sample("presence.get.response.4.json")
        .properties_as()
        .unwrap();
    let from_xml: Presence = sample("presence.get.response.5.xml")
        .properties_as()
        .unwrap();
    assert_eq!(from_json.activity, from_xml.activity);
    assert_eq!(from_json.availability, Availability::Online);
    assert_eq!(from_xml.availability, Availability::DoNotDisturb);
}

/// A resource with one property of that name and value.
fn with_property(name: &str, value: Value) -> Resource {
    let mut resource = Resource::new("test");
    resource.push_property(name, value);
    resource
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Typed {
    #[serde(default)]
    participant_count: u32,
    #[serde(default)]
    organizer: bool,
    created: Option<Date>,
    #[serde(default)]
    counts: Vec<u8>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    availability: Option<Availability>,
}

/// The error of reading one property into `Typed`: (message, path).
fn typed_error(name: &str, value: Value) -> (String, String) {
    let err = with_property(name, value)
        .properties_as::<Typed>()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Value, "{err}");
    (err.message().to_owned(), err.path().to_owned())
}

#[test]
fn errors_name_the_property_and_what_was_expected() {
    let cases: &[(&str, Value, &str, &str)] = &[
        (
            "participantCount",
            text("four"),
            "expected u32, found text `four`",
            "participantCount",
        ),
        (
            "participantCount",
            text(" 4"),
            "expected u32, found text ` 4`",
            "participantCount",
        ),
        (
            "participantCount",
            Value::Integer(-1),
            "expected u32, found integer `-1`",
            "participantCount",
        ),
        (
            "participantCount",
            Value::Null,
            "expected u32, found null",
            "participantCount",
        ),
        (
            "participantCount",
            Value::Bool(true),
            "expected u32, found boolean `true`",
            "participantCount",
        ),
        (
            "organizer",
            text("Yes"),
            "expected bool, found text `Yes`",
            "organizer",
        ),
        (
            "organizer",
            Value::Integer(1),
            "expected bool, found integer `1`",
            "organizer",
        ),
        (
            "counts",
            Value::List(vec![text("1"), text("300")]),
            "expected u8, found text `300`",
            "counts[1]",
        ),
        (
            "counts",
            text("1"),
            "expected a list, found text `1`",
            "counts",
        ),
        (
            "name",
            Value::List(vec![text("a"), text("b")]),
            "expected text, found a list of 2 items",
            "name",
        ),
        ("name", Value::Null, "expected text, found null", "name"),
        (
            "created",
            text("yesterday"),
            "invalid date: too short for YYYY-MM-DDThh:mm:ss and an offset",
            "created",
        ),
        (
            "availability",
            text("Invisible"),
            "unknown variant `Invisible`, expected one of `Away`, `BeRightBack`, `Busy`, \
             `DoNotDisturb`, `Offwork`, `Online`",
            "availability",
        ),
    ];
    for (name, value, message, path) in cases {
        assert_eq!(
            typed_error(name, value.clone()),
            (message.to_string(), path.to_string()),
            "{name} = {value:?}"
        );
    }

    let long = "x".repeat(100);
    let (message, _) = typed_error("participantCount", text(&long));
    assert_eq!(
        message,
        format!("expected u32, found text `{}…`", "x".repeat(40))
    );
}

#[test]
fn an_error_displays_its_path() {
    let resource = xml::from_str::<Resource>(
        r#"<resource rel="contact" href="/c" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
  <propertyList name="emailAddresses"><item>a@contoso.com</item><item>b</item></propertyList>
</resource>"#,
    )
    .unwrap();
    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Emails {
        email_addresses: Vec<Date>,
    }
    let err = resource.properties_as::<Emails>().unwrap_err();
    assert_eq!(err.path(), "emailAddresses[0]");
    assert!(
        err.to_string().ends_with(", path emailAddresses[0]"),
        "{err}"
    );
}

#[test]
fn struct_level_errors_have_no_path() {
    let err = Resource::new("x")
        .properties_as::<Conversation>()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Value);
    assert_eq!(err.message(), "missing field `participantCount`");
    assert_eq!(err.path(), "");

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        a: Option<u8>,
    }
    let err = with_property("b", Value::Null)
        .properties_as::<Strict>()
        .unwrap_err();
    assert_eq!(err.message(), "unknown field `b`, expected `a`");
    assert_eq!(err.path(), "b");
}

#[test]
fn a_nested_struct_is_no_property_value() {
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        a: u8,
    }
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Outer {
        inner: Inner,
    }
    let err = with_property("inner", text("x"))
        .properties_as::<Outer>()
        .unwrap_err();
    assert_eq!(
        err.message(),
        "expected struct Inner (a property value is a scalar or a list), found text `x`"
    );
    assert_eq!(err.path(), "inner");
}

#[test]
fn scalars_read_as_the_field_type_asks() {
    assert_eq!(
        typed::from_value::<String>(&Value::Integer(11)).unwrap(),
        "11"
    );
    assert_eq!(
        typed::from_value::<String>(&Value::Bool(true)).unwrap(),
        "True"
    );
    let created = date("2016-09-26T16:20:24.8356669-07:00");
    assert_eq!(
        typed::from_value::<String>(&Value::Date(created)).unwrap(),
        "2016-09-26T16:20:24.8356669-07:00"
    );
    // A date reads back exactly: ticks and offset.
    assert_eq!(
        typed::from_value::<Date>(&Value::Date(created)).unwrap(),
        created
    );
    assert_eq!(
        typed::from_value::<Date>(&Value::String("/Date(1474932024822)/".into())).unwrap(),
        Date::from_unix_millis(1474932024822).unwrap()
    );
    for (t, b) in [
        ("True", true),
        ("true", true),
        ("False", false),
        ("false", false),
    ] {
        assert_eq!(typed::from_value::<bool>(&text(t)).unwrap(), b);
        assert_eq!(
            typed::from_value::<bool>(&Value::String(t.into())).unwrap(),
            b
        );
    }
    assert_eq!(
        typed::from_value::<u64>(&text("18446744073709551615")).unwrap(),
        u64::MAX
    );
    assert_eq!(
        typed::from_value::<i8>(&Value::String("-4".into())).unwrap(),
        -4
    );
    assert_eq!(typed::from_value::<f64>(&Value::Integer(3)).unwrap(), 3.0);
    assert_eq!(typed::from_value::<char>(&text("é")).unwrap(), 'é');
    assert_eq!(typed::from_value::<Option<u8>>(&Value::Null).unwrap(), None);
    assert_eq!(typed::from_value::<()>(&Value::Null).unwrap(), ());
    assert_eq!(
        typed::from_value::<(u8, bool)>(&Value::List(vec![text("1"), text("True")])).unwrap(),
        (1, true)
    );
    let err = typed::from_value::<(u8,)>(&Value::List(vec![text("1"), text("2")])).unwrap_err();
    assert_eq!(
        err.message(),
        "expected a list of 1 item, found a list of 2 items"
    );

    #[derive(Deserialize, Debug, PartialEq)]
    struct Count(u32);
    assert_eq!(typed::from_value::<Count>(&text("7")).unwrap(), Count(7));
}

#[test]
fn untyped_targets_get_the_natural_type() {
    needs_reference!();
    let json_props: BTreeMap<String, serde_json::Value> =
        sample("conversation.get.response.1.json")
            .properties_as()
            .unwrap();
    assert_eq!(json_props["participantCount"], serde_json::json!(11));
    assert_eq!(json_props["recording"], serde_json::json!(false));
    assert_eq!(
        json_props["created"],
        serde_json::json!("2016-09-26T23:20:24.8220000Z")
    );
    let xml_props: BTreeMap<String, serde_json::Value> = sample("conversation.get.response.2.xml")
        .properties_as()
        .unwrap();
    assert_eq!(xml_props["participantCount"], serde_json::json!("4"));
    assert_eq!(
        xml_props["activeModalities"][3],
        serde_json::json!("ApplicationSharing")
    );
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Outgoing {
    subject: String,
    participant_count: u32,
    organizer: bool,
    created: Date,
    importance: Importance,
    email_addresses: Vec<String>,
    no_modalities: Vec<Modality>,
    topic: Option<String>,
    big: i64,
}

fn outgoing() -> Outgoing {
    Outgoing {
        subject: "Lunch & <planning>".into(),
        participant_count: 3,
        organizer: true,
        created: Date::parse_json("/Date(1474932024822-0700)/").unwrap(),
        importance: Importance::High,
        email_addresses: vec!["a@contoso.com".into(), "b@contoso.com".into()],
        no_modalities: vec![],
        topic: None,
        big: i64::MIN,
    }
}

#[test]
fn a_struct_writes_typed_properties_in_field_order() {
    let resource = Resource::from_properties("conversation", &outgoing()).unwrap();
    assert_eq!(resource.type_name(), Some("conversation"));
    let names: Vec<&str> = resource
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "subject",
            "participantCount",
            "organizer",
            "created",
            "importance",
            "emailAddresses",
            "noModalities",
            "topic",
            "big"
        ]
    );
    assert_eq!(
        resource.property("participantCount"),
        Some(&Value::Integer(3))
    );
    assert_eq!(resource.property("organizer"), Some(&Value::Bool(true)));
    assert_eq!(
        resource.property("created"),
        Some(&Value::Date(outgoing().created))
    );
    assert_eq!(resource.property("importance"), Some(&Value::from("High")));
    assert_eq!(
        resource.property("emailAddresses"),
        Some(&Value::from(vec!["a@contoso.com", "b@contoso.com"]))
    );
    assert_eq!(resource.property("topic"), Some(&Value::Null));
}

#[test]
fn struct_to_properties_to_json_and_xml_and_back() {
    let original = outgoing();
    let mut resource = Resource::from_properties("conversation", &original).unwrap();
    resource.set_self_href("/ucwa/v1/applications/192/communication/conversations/137");

    let json_text = json::to_string(&resource).unwrap();
    let from_json = json::from_str::<Resource>(&json_text).unwrap();
    assert_eq!(
        from_json.properties_as::<Outgoing>().unwrap(),
        original,
        "{json_text}"
    );

    let xml_text = xml::to_string(&resource).unwrap();
    let from_xml = xml::from_str::<Resource>(&xml_text).unwrap();
    assert!(matches!(
        from_xml.property("participantCount"),
        Some(Value::Text(_))
    ));
    assert_eq!(
        from_xml.properties_as::<Outgoing>().unwrap(),
        original,
        "{xml_text}"
    );
}

#[test]
fn a_sample_read_into_a_struct_writes_back_the_same_by_meaning() {
    needs_reference!();
    // XML sample -> struct -> properties set again: typed now (integers, booleans, dates), and
    // the same by meaning. `Date` writes its JSON form, to the millisecond: finer fractions
    // are truncated, the offset is kept.
    let mut resource = sample("conversation.get.response.2.xml");
    let before = resource.clone();
    let conversation: Conversation = resource.properties_as().unwrap();
    resource.set_properties_from(&conversation).unwrap();
    assert_eq!(ucwa_codec::diff(&before, &resource), vec![]);
    assert_eq!(resource.properties.len(), before.properties.len());
    assert_eq!(
        resource.property("participantCount"),
        Some(&Value::Integer(4))
    );
    assert_eq!(resource.property("recording"), Some(&Value::Bool(false)));
    assert_eq!(
        resource.property("created"),
        Some(&Value::Date(date("2016-09-26T16:20:24.835-07:00")))
    );
    assert_eq!(
        resource.properties_as::<Conversation>().unwrap(),
        Conversation {
            created: date("2016-09-26T16:20:24.835-07:00"),
            expiration_time: date("2012-01-11T19:03:22.743-08:00"),
            ..conversation
        }
    );
}

#[test]
fn set_properties_from_replaces_in_place_appends_and_keeps_the_rest() {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Update<'a> {
        subject: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        importance: Option<Importance>,
        participant_count: u32,
    }
    let mut resource = Resource::new("conversation");
    resource.push_property("participantCount", text("4"));
    resource.push_property("importance", text("Normal"));
    resource.push_property("subject", text("old"));
    resource
        .set_properties_from(&Update {
            subject: "new",
            importance: None,
            participant_count: 5,
        })
        .unwrap();
    assert_eq!(
        resource.properties,
        [
            Property {
                name: "participantCount".into(),
                value: Value::Integer(5)
            },
            Property {
                name: "importance".into(),
                value: text("Normal")
            },
            Property {
                name: "subject".into(),
                value: Value::from("new")
            },
        ]
    );

    #[derive(Serialize)]
    struct Bad {
        subject: &'static str,
        ratio: f64,
    }
    let before = resource.clone();
    let err = resource
        .set_properties_from(&Bad {
            subject: "changed",
            ratio: 0.5,
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Value);
    assert_eq!(err.path(), "ratio");
    assert_eq!(resource, before, "unchanged after an error");
}

#[test]
fn what_has_no_property_form_is_an_error_with_its_path() {
    #[derive(Serialize)]
    struct Inner {
        a: u8,
    }
    #[derive(Serialize)]
    struct Nested {
        inner: Inner,
    }
    #[derive(Serialize)]
    struct Lists {
        lists: Vec<Vec<u8>>,
    }
    #[derive(Serialize)]
    struct Big {
        size: u64,
    }
    #[derive(Serialize)]
    enum Shape {
        Circle { r: u8 },
    }
    #[derive(Serialize)]
    struct WithShape {
        shape: Shape,
    }
    let cases = [
        (
            typed::to_properties(&Nested {
                inner: Inner { a: 1 },
            })
            .unwrap_err(),
            "cannot write the struct Inner as a property value: a property value is a scalar or \
             a list of scalars",
            "inner",
        ),
        (
            typed::to_properties(&Lists {
                lists: vec![vec![1]],
            })
            .unwrap_err(),
            "cannot write a list in a list as a property value: a property value is a scalar or \
             a list of scalars",
            "lists[0]",
        ),
        (
            typed::to_properties(&Big { size: u64::MAX }).unwrap_err(),
            "cannot write 18446744073709551615: it does not fit an i64",
            "size",
        ),
        (
            typed::to_properties(&WithShape {
                shape: Shape::Circle { r: 1 },
            })
            .unwrap_err(),
            "cannot write the enum variant Shape::Circle with data as a property value: a \
             property value is a scalar or a list of scalars",
            "shape",
        ),
        (
            typed::to_properties(&4u32).unwrap_err(),
            "properties are written from a struct or a map, not from an integer",
            "",
        ),
        (
            typed::to_properties(&vec!["a"]).unwrap_err(),
            "properties are written from a struct or a map, not from a list",
            "",
        ),
    ];
    for (err, message, path) in cases {
        assert_eq!(err.kind(), ErrorKind::Value);
        assert_eq!((err.message(), err.path()), (message, path));
    }
}

#[test]
fn values_write_as_documented() {
    assert_eq!(typed::to_value(&2.0f64).unwrap(), Value::Integer(2));
    assert!(typed::to_value(&f64::NAN).is_err());
    assert!(typed::to_value(&1e19f64).is_err());
    assert_eq!(typed::to_value(&'x').unwrap(), Value::from("x"));
    assert_eq!(typed::to_value(&()).unwrap(), Value::Null);
    assert_eq!(
        typed::to_value(&"/Date(1474932024822)/").unwrap(),
        Value::Date(Date::from_unix_millis(1474932024822).unwrap())
    );
    assert_eq!(
        typed::to_value(&(1u8, "a", None::<bool>)).unwrap(),
        Value::List(vec![Value::Integer(1), Value::from("a"), Value::Null])
    );
    // A map writes its entries as properties, in its order.
    let map = BTreeMap::from([("b", 2), ("a", 1)]);
    let properties = typed::to_properties(&map).unwrap();
    assert_eq!(properties[0].name, "a");
    assert_eq!(properties[1].value, Value::Integer(2));
    let bad_keys = BTreeMap::from([(1, 2)]);
    assert_eq!(
        typed::to_properties(&bad_keys).unwrap_err().message(),
        "a property name must be text, found integer `1`"
    );
}
