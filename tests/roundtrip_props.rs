//! Property tests: arbitrary resources round-trip exactly in each format and convert between
//! the formats without a change of meaning.

mod common;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use ucwa_codec::{
    diff, json, xml, Cardinality, Date, EmbeddedGroup, Layout, Link, LinkGroup, Member, Property,
    Resource, Str, Value,
};

/// Text XML 1.0 can carry: Unicode, characters that need escaping, line ends and tabs,
/// leading and trailing spaces, the empty string.
fn xml_safe_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[ a-zA-Z0-9]{0,12}",
        "[ <>&\"'\\\\/\t\n\r]{1,6}",
        "[ -~]{0,24}",
        "[\u{a0}-\u{2fff}\u{e000}-\u{fffd}\u{10000}-\u{10fff}]{1,8}",
        " [a-z]{1,5} ",
    ]
}

/// Any text JSON can carry, control characters included.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        xml_safe_text(),
        "[\u{0}-\u{1f}\u{7f}\u{fffe}\u{ffff}a]{1,6}"
    ]
}

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9_]{0,10}"
}

/// A date as JSON can hold it: whole milliseconds, with or without an offset.
fn json_date() -> impl Strategy<Value = Date> {
    (
        -62_135_596_800_000i64..253_402_300_799_000,
        option::of(-1439i16..=1439),
    )
        .prop_map(|(millis, offset)| Date::from_ticks(millis * 10_000, offset).unwrap())
}

fn json_scalar(text: BoxedStrategy<String>) -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Integer),
        json_date().prop_map(Value::Date),
        text.prop_filter("not a date", |s| !s.starts_with("/Date("))
            .prop_map(|s| Value::String(s.into())),
    ]
}

fn json_value(text: BoxedStrategy<String>) -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => json_scalar(text.clone()),
        1 => vec(json_scalar(text), 0..4).prop_map(Value::List),
    ]
}

fn xml_value() -> impl Strategy<Value = Value> {
    let item = prop_oneof![
        4 => xml_safe_text().prop_map(|s| Value::Text(s.into())),
        1 => Just(Value::Null),
    ];
    prop_oneof![4 => item.clone(), 1 => vec(item, 0..4).prop_map(Value::List)]
}

/// The parts a generator of one flavour (JSON-native or XML-native) supplies.
#[derive(Clone)]
struct Flavour {
    value: BoxedStrategy<Value>,
    attribute: BoxedStrategy<Value>,
    /// XML cannot hold an empty relation, nor tell one item from a list of one.
    xml: bool,
}

fn properties(value: BoxedStrategy<Value>) -> impl Strategy<Value = Vec<Property>> {
    vec((name(), value), 0..6).prop_map(|pairs| {
        let mut seen = std::collections::HashSet::new();
        pairs
            .into_iter()
            .filter(|(n, _)| n != "rel" && seen.insert(n.clone()))
            .map(|(n, value)| Property {
                name: n.into(),
                value,
            })
            .collect()
    })
}

fn link(attribute: BoxedStrategy<Value>) -> impl Strategy<Value = Link> {
    (xml_safe_text(), vec((name(), attribute), 0..3)).prop_map(|(href, attributes)| {
        let mut seen = std::collections::HashSet::new();
        Link {
            href: href.into(),
            attributes: attributes
                .into_iter()
                .filter(|(n, _)| !matches!(n.as_str(), "rel" | "href") && seen.insert(n.clone()))
                .map(|(n, v)| (Str::from(n), v))
                .collect(),
            href_at: 0,
        }
    })
}

fn cardinality_for(xml: bool, count: usize, array: bool) -> Cardinality {
    if (xml && count != 1) || (!xml && array) {
        Cardinality::Array
    } else {
        Cardinality::Single
    }
}

fn links(flavour: Flavour) -> impl Strategy<Value = Vec<LinkGroup>> {
    let min = usize::from(flavour.xml);
    let group = (
        name(),
        any::<bool>(),
        vec(link(flavour.attribute.clone()), min..4),
    );
    (option::of(link(flavour.attribute)), vec(group, 0..4)).prop_map(move |(self_link, groups)| {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<LinkGroup> = self_link
            .map(|l| LinkGroup {
                rel: "self".into(),
                cardinality: Cardinality::Single,
                links: vec![l].into(),
            })
            .into_iter()
            .collect();
        for (rel, array, links) in groups {
            if rel == "self" || !seen.insert(rel.clone()) {
                continue;
            }
            // JSON writes a single relation with other than one link as an array.
            let array = array || links.len() != 1;
            out.push(LinkGroup {
                rel: rel.into(),
                cardinality: cardinality_for(flavour.xml, links.len(), array),
                links: links.into(),
            });
        }
        out
    })
}

/// A layout as a decoder would record it, or any layout where `free`.
fn layout(count: usize) -> impl Strategy<Value = Layout> {
    (
        0..=count,
        0..=count,
        0..=count,
        Just([Member::Type, Member::Links, Member::Embedded]).prop_shuffle(),
    )
        .prop_map(|(t, l, e, order)| Layout {
            type_at: Some(t as u32),
            links_at: Some(l as u32),
            embedded_at: Some(e as u32),
            order,
        })
}

fn resource(flavour: Flavour, depth: u32) -> BoxedStrategy<Resource> {
    let leaf = (
        option::of(name()),
        properties(flavour.value.clone()),
        links(flavour.clone()),
    )
        .prop_flat_map(|(type_name, properties, links)| {
            let count = properties.len();
            (
                Just(type_name),
                Just(properties),
                Just(links),
                layout(count),
            )
        })
        .prop_map(|(type_name, properties, links, layout)| Resource {
            type_name: type_name.map(Str::from),
            properties,
            links,
            embedded: Vec::new(),
            layout,
        });
    if depth == 0 {
        return leaf.boxed();
    }
    let child = resource(flavour.clone(), depth - 1);
    let min = usize::from(flavour.xml);
    let xml = flavour.xml;
    (leaf, vec((name(), any::<bool>(), vec(child, min..3)), 0..3))
        .prop_map(move |(mut parent, groups)| {
            let mut seen = std::collections::HashSet::new();
            for (relation, array, mut resources) in groups {
                if !seen.insert(relation.clone()) {
                    continue;
                }
                if xml {
                    for child in &mut resources {
                        // XML always names an embedded resource's type (its relation at least).
                        child
                            .type_name
                            .get_or_insert_with(|| Str::from(relation.as_str()));
                    }
                }
                let array = array || resources.len() != 1;
                parent.embedded.push(EmbeddedGroup {
                    relation: relation.into(),
                    cardinality: cardinality_for(xml, resources.len(), array),
                    resources: resources.into(),
                });
            }
            parent
        })
        .boxed()
}

fn json_resource() -> BoxedStrategy<Resource> {
    let text = any_text().boxed();
    resource(
        Flavour {
            value: json_value(text.clone()).boxed(),
            attribute: json_scalar(text).boxed(),
            xml: false,
        },
        2,
    )
}

/// JSON-native resources that XML can carry: XML-safe text, no null link attributes.
fn portable_resource() -> BoxedStrategy<Resource> {
    let text = xml_safe_text().boxed();
    resource(
        Flavour {
            value: json_value(text.clone()).boxed(),
            attribute: json_scalar(text)
                .prop_filter("XML attributes are text", |v| !v.is_null())
                .boxed(),
            xml: false,
        },
        2,
    )
}

fn xml_resource() -> BoxedStrategy<Resource> {
    let text = || xml_safe_text().prop_map(|s| Value::Text(s.into())).boxed();
    resource(
        Flavour {
            value: xml_value().boxed(),
            attribute: text(),
            xml: true,
        },
        2,
    )
}

/// The resource without its layouts (member order among the kinds of member), recursively.
fn content(resource: &Resource) -> Resource {
    let mut copy = resource.clone();
    copy.layout = Layout::default();
    for group in &mut copy.embedded {
        for child in &mut group.resources {
            *child = content(child);
        }
    }
    copy
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn json_round_trip_is_exact(resource in json_resource()) {
        let written = json::to_string(&resource).unwrap();
        let decoded = json::from_str::<Resource>(&written).unwrap();
        prop_assert_eq!(content(&decoded), content(&resource));
        prop_assert_eq!(json::to_string(&decoded).unwrap(), written.clone());
        let pretty = json::to_string_pretty(&resource).unwrap();
        prop_assert_eq!(json::from_str::<Resource>(&pretty).unwrap(), decoded);
    }

    #[test]
    fn xml_round_trip_is_exact(resource in xml_resource()) {
        let written = xml::to_string(&resource).unwrap();
        let decoded = xml::from_str::<Resource>(&written).unwrap();
        prop_assert_eq!(content(&decoded), content(&resource), "{}", written);
        prop_assert_eq!(xml::to_string(&decoded).unwrap(), written.clone());
        let pretty = xml::to_string_pretty(&resource).unwrap();
        prop_assert_eq!(xml::from_str::<Resource>(&pretty).unwrap(), decoded);
    }

    #[test]
    fn the_xml_fast_path_reads_what_the_encoder_writes(resource in xml_resource()) {
        use ucwa_codec::__private::{xml_fast_path, xml_full_decoder};
        for text in [xml::to_string(&resource).unwrap(), xml::to_string_pretty(&resource).unwrap()] {
            let full = xml_full_decoder(&text).unwrap();
            prop_assert_eq!(xml_fast_path(&text), Some(full), "{}", text);
        }
    }

    #[test]
    fn json_to_xml_to_json_keeps_the_meaning(resource in portable_resource()) {
        let xml_text = xml::to_string(&resource).unwrap();
        let via_xml = xml::from_str::<Resource>(&xml_text).unwrap();
        let back = json::from_str::<Resource>(&json::to_string(&via_xml).unwrap()).unwrap();
        let differences = diff(&resource, &back);
        prop_assert!(differences.is_empty(), "{:?}\n{}", differences, xml_text);
    }

    #[test]
    fn xml_to_json_to_xml_keeps_the_meaning(resource in xml_resource()) {
        let json_text = json::to_string(&resource).unwrap();
        let back = xml::from_str::<Resource>(&xml::to_string(&json::from_str::<Resource>(&json_text).unwrap()).unwrap()).unwrap();
        let differences = diff(&resource, &back);
        prop_assert!(differences.is_empty(), "{:?}\n{}", differences, json_text);
    }

    #[test]
    fn control_characters_are_refused_by_the_xml_writer_not_dropped(text in "[\u{1}-\u{8}\u{b}\u{c}\u{e}-\u{1f}]") {
        let mut resource = Resource::new("x");
        resource.push_property("p", text.as_str());
        let err = xml::to_string(&resource).unwrap_err();
        prop_assert_eq!(err.kind(), ucwa_codec::ErrorKind::Unrepresentable);
    }
}

/// The committed regression cases are read (proptest runs them first), and a new failure is
/// written nowhere: the regression file stays as committed.
#[test]
fn regression_cases_are_read_and_never_written() {
    use proptest::test_runner::FailurePersistence;
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/roundtrip_props.proptest-regressions"
    );
    let before = std::fs::read(path).unwrap();
    let mut persistence = common::ReadOnlyRegressions::default();
    let seeds = persistence.load_persisted_failures2(Some(file!()));
    assert!(!seeds.is_empty(), "no committed case read from {path}");
    persistence.save_persisted_failure2(Some(file!()), seeds[0].clone(), &"a new failure");
    assert_eq!(std::fs::read(path).unwrap(), before);
}
