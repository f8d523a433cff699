//! XML written in other legal styles decodes to the same resource: a prefixed namespace,
//! single quotes, comments and processing instructions, CDATA, character references, CRLF line
//! ends, reordered attributes, a byte-order mark.

#[macro_use]
mod common;

use ucwa_codec::Resource;
use ucwa_codec::{xml, ErrorKind, Value};

/// A tag of the sample: its name, attributes and whether it is an end or empty tag.
struct Tag {
    end: bool,
    empty: bool,
    name: String,
    attributes: Vec<(String, String)>,
}

fn parse_tag(raw: &str) -> Tag {
    let end = raw.starts_with("</");
    let empty = raw.ends_with("/>");
    let inner = raw
        .trim_start_matches("</")
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let inner = inner.trim();
    let (name, mut rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        let Some((key, after)) = rest.split_once('=') else {
            break;
        };
        let quote = after.chars().next().unwrap();
        let after = &after[1..];
        let close = after.find(quote).unwrap();
        attributes.push((key.trim().to_owned(), after[..close].to_owned()));
        rest = &after[close + 1..];
    }
    Tag {
        end,
        empty,
        name: name.to_owned(),
        attributes,
    }
}

/// Rewrites every tag of a document (the declaration aside) and every text between tags.
fn rewrite(
    document: &str,
    mut tag: impl FnMut(&Tag) -> String,
    mut text: impl FnMut(&str, Option<&str>) -> String,
) -> String {
    let mut out = String::new();
    let mut rest = document;
    let mut open: Vec<String> = Vec::new();
    while let Some(start) = rest.find('<') {
        out.push_str(&text(&rest[..start], open.last().map(String::as_str)));
        let end = start + rest[start..].find('>').unwrap() + 1;
        let raw = &rest[start..end];
        if raw.starts_with("<?") {
            out.push_str(raw);
        } else {
            let parsed = parse_tag(raw);
            if parsed.end {
                open.pop();
            } else if !parsed.empty {
                open.push(parsed.name.clone());
            }
            out.push_str(&tag(&parsed));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn write_tag(tag: &Tag, prefix: &str, quote: char, reverse: bool) -> String {
    if tag.end {
        return format!("</{prefix}{}>", tag.name);
    }
    let mut attributes: Vec<String> = tag
        .attributes
        .iter()
        .map(|(k, v)| {
            let k = if k == "xmlns" && !prefix.is_empty() {
                format!("xmlns:{}", prefix.trim_end_matches(':'))
            } else {
                k.clone()
            };
            format!("{k}={quote}{v}{quote}")
        })
        .collect();
    if reverse {
        attributes.reverse();
    }
    let joined = if attributes.is_empty() {
        String::new()
    } else {
        format!(" {}", attributes.join("  "))
    };
    format!(
        "<{prefix}{}{joined}{}>",
        tag.name,
        if tag.empty { " /" } else { "" }
    )
}

fn same_text(text: &str, _: Option<&str>) -> String {
    text.to_owned()
}

fn xml_samples() -> Vec<common::Sample> {
    common::resource_samples()
        .into_iter()
        .filter(|s| !s.is_json())
        .collect()
}

fn assert_same_resource(name: &str, style: &str, variant: &str, expected: &ucwa_codec::Resource) {
    match xml::from_str::<Resource>(variant) {
        Ok(decoded) => assert_eq!(
            &decoded, expected,
            "{name} in the {style} style:\n{variant}"
        ),
        Err(err) => panic!("{name} in the {style} style: {err}\n{variant}"),
    }
}

#[test]
fn other_legal_styles_decode_to_the_same_resource() {
    needs_reference!();
    let samples = xml_samples();
    assert!(samples.len() > 100);
    for sample in &samples {
        let expected = common::decode(sample).unwrap();
        let original = sample.text();
        let styles: Vec<(&str, String)> = vec![
            (
                "prefixed namespace",
                rewrite(original, |t| write_tag(t, "u:", '"', false), same_text),
            ),
            (
                "single quotes",
                rewrite(original, |t| write_tag(t, "", '\'', false), same_text),
            ),
            (
                "reordered attributes",
                rewrite(original, |t| write_tag(t, "", '"', true), same_text),
            ),
            (
                "comments and processing instructions",
                rewrite(
                    original,
                    |t| {
                        format!(
                            "{}<!-- after {} --><?pi data?>",
                            write_tag(t, "", '"', false),
                            t.name
                        )
                    },
                    same_text,
                ),
            ),
            (
                "CDATA and character references",
                rewrite(
                    original,
                    |t| write_tag(t, "", '"', false),
                    |text, parent| match parent {
                        Some("property" | "item") if !text.is_empty() => {
                            let mut chars = text.chars();
                            let first = chars.next().unwrap();
                            format!("&#x{:X};<![CDATA[{}]]>", u32::from(first), chars.as_str())
                        }
                        _ => text.to_owned(),
                    },
                ),
            ),
            (
                "CRLF line ends",
                original.replace("\r\n", "\n").replace('\n', "\r\n"),
            ),
            ("byte-order mark", format!("\u{FEFF}{original}")),
        ];
        for (style, variant) in styles {
            assert_same_resource(&sample.name, style, &variant, &expected);
        }
    }
}

const NS: &str = "http://schemas.microsoft.com/rtc/2012/03/ucwa";

#[test]
fn xsi_nil_is_null_and_an_empty_property_is_the_empty_string() {
    let text = format!(
        r#"<resource rel="x" href="/x" xmlns="{NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <property name="gone" i:nil="true"/>
  <property name="empty"/>
  <property name="alsoEmpty"></property>
  <propertyList name="list"><item i:nil="true"/><item>a</item><item/></propertyList>
</resource>"#
    );
    let resource = xml::from_str::<Resource>(&text).unwrap();
    assert_eq!(resource.property("gone"), Some(&Value::Null));
    assert_eq!(resource.property("empty"), Some(&Value::Text("".into())));
    assert_eq!(
        resource.property("alsoEmpty"),
        Some(&Value::Text("".into()))
    );
    assert_eq!(
        resource.property("list"),
        Some(&Value::List(vec![
            Value::Null,
            Value::Text("a".into()),
            Value::Text("".into())
        ]))
    );
    let written = xml::to_string(&resource).unwrap();
    assert!(
        written.contains(r#"<property name="gone" xsi:nil="true"/>"#),
        "{written}"
    );
    assert_eq!(xml::from_str::<Resource>(&written).unwrap(), resource);
}

#[test]
fn text_is_kept_exactly() {
    let text = format!(
        "<resource rel=\"x\" xmlns=\"{NS}\"><property name=\"type\"> Home</property>\
         <property name=\"multi\">a<!-- c -->b&amp;&lt;&#233;&#x1F600;\r\nc </property>\
         <property name=\"cdata\"><![CDATA[<not markup> & ]]></property></resource>"
    );
    let resource = xml::from_str::<Resource>(&text).unwrap();
    assert_eq!(
        resource.property("type").and_then(Value::as_str),
        Some(" Home")
    );
    assert_eq!(
        resource.property("multi").and_then(Value::as_str),
        Some("ab&<é😀\nc ")
    );
    assert_eq!(
        resource.property("cdata").and_then(Value::as_str),
        Some("<not markup> & ")
    );
}

#[test]
fn a_root_without_rel_property_takes_its_type_from_the_rel_attribute() {
    let resource = xml::from_str::<Resource>(&format!("<resource rel=\"phones\" href=\"/p\" xmlns=\"{NS}\"><resource rel=\"phone\" href=\"/p/1\"/></resource>")).unwrap();
    assert_eq!(resource.type_name(), Some("phones"));
    assert_eq!(resource.embedded_of("phone")[0].type_name(), Some("phone"));
    let written = xml::to_string(&resource).unwrap();
    assert!(!written.contains("name=\"rel\""), "{written}");
}

#[test]
fn relation_is_not_type() {
    let text = format!(
        r#"<resource rel="audioVideoInvitation" href="/i" xmlns="{NS}">
  <resource rel="from" href="/p/1"><property name="rel">participant</property></resource>
</resource>"#
    );
    let resource = xml::from_str::<Resource>(&text).unwrap();
    let from = &resource.embedded_of("from")[0];
    assert_eq!(from.type_name(), Some("participant"));
    let json_text = ucwa_codec::json::to_string(&resource).unwrap();
    assert!(
        json_text.contains(
            r#""_embedded":{"from":{"rel":"participant","_links":{"self":{"href":"/p/1"}}}}"#
        ),
        "{json_text}"
    );
    let back =
        xml::to_string(&ucwa_codec::json::from_str::<ucwa_codec::Resource>(&json_text).unwrap())
            .unwrap();
    assert!(back.contains(r#"<resource rel="from" href="/p/1"><property name="rel">participant</property></resource>"#), "{back}");
}

#[test]
fn other_namespaces_and_entities_are_refused_with_a_position() {
    // Each case: the input, the kind, words of the message, and the text the error points at.
    let cases = [
        ("<resource xmlns=\"urn:other\" rel=\"x\"/>".to_owned(), ErrorKind::Structure, "not UCWA's", "<resource"),
        (format!("<resource xmlns=\"{NS}\">\n  <p:link xmlns:p=\"urn:other\" rel=\"a\" href=\"b\"/></resource>"), ErrorKind::Structure, "not UCWA's", "<p:link"),
        (format!("<resource xmlns=\"{NS}\">\n<q:link rel=\"a\" href=\"b\"/></resource>"), ErrorKind::Structure, "not declared", "<q:link"),
        (format!("<!DOCTYPE r [<!ENTITY a \"b\">]><resource xmlns=\"{NS}\"/>"), ErrorKind::Structure, "DOCTYPE", "<!DOCTYPE"),
        (format!("<resource xmlns=\"{NS}\"><property name=\"a\">&nbsp;</property></resource>"), ErrorKind::Structure, "unknown entity", "&nbsp;"),
        (format!("<resource xmlns=\"{NS}\"><property name=\"a\">x</proprty></resource>"), ErrorKind::Syntax, "", "</proprty>"),
        ("<?xml version=\"1.0\" encoding=\"utf-16\"?><resource/>".to_owned(), ErrorKind::Structure, "utf-16", "<?xml"),
        (format!("<resource xmlns=\"{NS}\"><property name=\"a\" extra=\"1\">x</property></resource>"), ErrorKind::Structure, "would be lost", "<property"),
        (format!("<resource xmlns=\"{NS}\">\n <link rel=\"a\" href=\"b\" q:x=\"1\"/></resource>"), ErrorKind::Structure, "`q` of attribute `q:x` is not declared", "<link"),
    ];
    for (text, kind, words, at) in cases {
        let err = xml::from_str::<Resource>(&text).unwrap_err();
        assert_eq!(err.kind(), kind, "{text}: {err}");
        assert!(err.to_string().contains(words), "{text}: {err}");
        let offset = text.find(at).unwrap();
        let line = text[..offset].matches('\n').count() + 1;
        let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
        assert_eq!((err.line(), err.column()), (line, column), "{text}: {err}");
    }
}

#[test]
fn namespaced_link_attributes_carry_their_declaration() {
    // The prefix is declared on the root and used by a link and by the self link of an
    // embedded resource; `xml:lang` needs no declaration.
    let text = format!(
        r#"<resource rel="contact" href="/c/1" xmlns="{NS}" xmlns:x="urn:example">
  <link rel="photo" href="/p" x:size="big" xml:lang="en" x:at="1"/>
  <resource rel="note" href="/n" x:kind="short"/>
</resource>"#
    );
    let resource = xml::from_str::<Resource>(&text).unwrap();
    let names = |link: &ucwa_codec::Link| -> Vec<String> {
        link.attributes.iter().map(|(n, _)| n.to_string()).collect()
    };
    let photo = resource.link("photo").unwrap();
    assert_eq!(names(photo), ["xmlns:x", "x:size", "xml:lang", "x:at"]);
    assert_eq!(
        photo.attribute("xmlns:x"),
        Some(&Value::Text("urn:example".into()))
    );
    let note = resource.embedded_of("note")[0].link("self").unwrap();
    assert_eq!(names(note), ["xmlns:x", "x:kind"]);

    // Written back, each link declares what it uses: well-formed, and read the same.
    let written = xml::to_string(&resource).unwrap();
    assert!(written.contains(r#"<link rel="photo" href="/p" xmlns:x="urn:example" x:size="big" xml:lang="en" x:at="1"/>"#), "{written}");
    assert_eq!(xml::from_str::<Resource>(&written).unwrap(), resource);
    // Through JSON too: the declaration is a link attribute like the others.
    let json_text = ucwa_codec::json::to_string(&resource).unwrap();
    assert!(
        json_text.contains(r#""xmlns:x":"urn:example","x:size":"big""#),
        "{json_text}"
    );
    let from_json = ucwa_codec::json::from_str::<ucwa_codec::Resource>(&json_text).unwrap();
    let again = xml::from_str::<Resource>(&xml::to_string(&from_json).unwrap()).unwrap();
    assert_eq!(again.links, resource.links);
    assert_eq!(
        again.embedded_of("note")[0].links,
        resource.embedded_of("note")[0].links
    );

    // A declaration on the link itself is kept once, before the attribute that uses it.
    let own = format!(
        r#"<resource href="/c" xmlns="{NS}"><link rel="a" href="/a" y:z="1" xmlns:y="urn:y"/></resource>"#
    );
    let own = xml::from_str::<Resource>(&own).unwrap();
    assert_eq!(names(own.link("a").unwrap()), ["xmlns:y", "y:z"]);
}

#[test]
fn a_link_attribute_with_an_undeclared_prefix_is_not_written() {
    let mut resource = ucwa_codec::Resource::new("contact");
    resource.push_link(
        "photo",
        ucwa_codec::Cardinality::Single,
        ucwa_codec::Link::new("/p").with_attribute("x:size", "big"),
    );
    let err = xml::to_string(&resource).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unrepresentable);
    assert!(err.to_string().contains("no `xmlns:x` attribute"), "{err}");
    let declared = ucwa_codec::Link::new("/p")
        .with_attribute("xmlns:x", "urn:x")
        .with_attribute("x:size", "big");
    resource.links[0].links[0] = declared;
    assert!(xml::to_string(&resource).is_ok());
    // A declaration nothing uses would read back as no attribute at all.
    let unused = ucwa_codec::Link::new("/p").with_attribute("xmlns:y", "urn:y");
    resource.links[0].links[0] = unused;
    let err = xml::to_string(&resource).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unrepresentable);
    assert!(
        err.to_string().contains("`xmlns:y` declares a prefix"),
        "{err}"
    );

    // Null values need `xsi` for XML Schema instance: a self link may not bind it elsewhere.
    let mut resource = ucwa_codec::Resource::new("contact");
    resource.set_self_href("/c");
    resource.links[0].links[0] = ucwa_codec::Link::new("/c")
        .with_attribute("xmlns:xsi", "urn:other")
        .with_attribute("xsi:kind", "k");
    assert!(xml::to_string(&resource).is_ok());
    resource.push_property("gone", Value::Null);
    let err = xml::to_string(&resource).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unrepresentable);
}
