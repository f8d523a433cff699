//! Error bodies: what UCWA answers with a 4xx or 5xx status, and the `reason` of a failed
//! operation in the event channel.
//!
//! JSON: `{"code": "Conflict", "subcode": "AlreadyExists", "message": "..."}` with optional
//! `link`, `parameters` and `debugInfo`. XML: `<reason xmlns="..."><code>Conflict</code>
//! <subcode>AlreadyExists</subcode><message>...</message><debugInfo/><parameters/></reason>`.
//!
//! ```
//! use ucwa_codec::error_body::{self, ErrorBody};
//!
//! let body = error_body::json::from_str(
//!     r#"{"code": "BadRequest", "subcode": "ParameterValidationFailure",
//!         "message": "Please check what you entered and try again.",
//!         "parameters": {"to": "sip:nobody"}, "retryAfter": 5}"#,
//! )?;
//! assert_eq!(body.code, "BadRequest");
//! assert_eq!(body.subcode.as_deref(), Some("ParameterValidationFailure"));
//! assert_eq!(body.parameter("to").and_then(|v| v.as_str()), Some("sip:nobody"));
//! // A member the codec does not know is kept.
//! assert_eq!(body.other[0].name, "retryAfter");
//!
//! let xml = error_body::xml::to_string(&body)?;
//! assert!(xml.contains("<reason xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"><code>BadRequest</code>"));
//! assert!(xml.contains("<parameters><property name=\"to\">sip:nobody</property></parameters><retryAfter>5</retryAfter>"));
//! let again = error_body::xml::from_str(&xml)?;
//! assert_eq!(again.message, body.message);
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! The mapping, member by member:
//!
//! | member | JSON | XML |
//! | --- | --- | --- |
//! | `code` (required), `subcode`, `message` | strings | `<code>text</code>`, ... |
//! | `link` | `{"href": "..", other attributes}` | `<link href=".." other attributes/>` |
//! | `parameters`, `debugInfo` | objects of properties | `<parameters>` / `<debugInfo>` holding `<property name="..">` and `<propertyList>` as in a resource |
//! | any other member | a scalar, `null` or an array of scalars | `<name>text</name>`, `<name xsi:nil="true"/>`, `<name><item>..</item></name>` |
//!
//! An object-valued member other than `link`, `parameters` and `debugInfo` is refused: the
//! model has no place for it. An empty array written to XML reads back as the empty string.
//! Member order is kept in [`ErrorBody::member_order`]; without it JSON writes the order
//! above and XML `code, subcode, message, link, debugInfo, parameters`, then the others.

use std::fmt;

use quick_xml::events::BytesStart;
use serde::de::{self, DeserializeSeed, MapAccess};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::document::{wrong_xml_root, DocumentKind};
use crate::error::{ErrorKind, Result};
use crate::json::de::{Ctx, LinkSeed, ValueSeed};
use crate::model::{Link, NameIndex, Property, Str, Value};
use crate::support::json::{map_seed, note_member, BagSeed, BorrowedStrSeed, JsonBag};
use crate::support::xml::{local_name, write_bag, write_link_element, write_value_element};
use crate::support::{names, plan, Slot};
use crate::xml::de::{fail, Attributes, Decoder, Step};
use crate::xml::ser::Writer;
use crate::xml::UCWA_NS;

/// An error body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ErrorBody {
    /// The error code, e.g. `Conflict`, `BadRequest` (see `ErrorCode_ref.md`).
    pub code: Str,
    /// The subcode, e.g. `AlreadyExists`.
    pub subcode: Option<Str>,
    /// The message, for people.
    pub message: Option<Str>,
    /// A link (its attributes, `rel` among them when present, as written).
    pub link: Option<Link>,
    /// The invalid input of a 400 answer: a property bag. `Some(empty)` is written as `{}`
    /// or `<parameters/>`.
    pub parameters: Option<Vec<Property>>,
    /// Diagnostics: a property bag.
    pub debug_info: Option<Vec<Property>>,
    /// Members the codec does not know, in order.
    pub other: Vec<Property>,
    /// The names of the members in the order they were read; encoders write these first, in
    /// this order, then the rest in their default order. Empty for the default order.
    pub member_order: Vec<Str>,
}

impl ErrorBody {
    /// An error body with just a code.
    pub fn new(code: impl Into<Str>) -> ErrorBody {
        ErrorBody {
            code: code.into(),
            ..ErrorBody::default()
        }
    }

    /// Sets the subcode (builder style).
    pub fn with_subcode(mut self, subcode: impl Into<Str>) -> ErrorBody {
        self.subcode = Some(subcode.into());
        self
    }

    /// Sets the message (builder style).
    pub fn with_message(mut self, message: impl Into<Str>) -> ErrorBody {
        self.message = Some(message.into());
        self
    }

    /// The value of a parameter.
    pub fn parameter(&self, name: &str) -> Option<&Value> {
        find(self.parameters.as_deref(), name)
    }

    /// The value of a `debugInfo` entry.
    pub fn debug_info(&self, name: &str) -> Option<&Value> {
        find(self.debug_info.as_deref(), name)
    }
}

fn find<'a>(bag: Option<&'a [Property]>, name: &str) -> Option<&'a Value> {
    bag?.iter().find(|p| p.name == name).map(|p| &p.value)
}

impl fmt::Display for ErrorBody {
    /// `code`, `/subcode` when there is one, `: message` when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)?;
        if let Some(subcode) = &self.subcode {
            write!(f, "/{subcode}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

const JSON_ORDER: [&str; 7] = [
    "code",
    "subcode",
    "message",
    "link",
    "parameters",
    "debugInfo",
    "*",
];
const XML_ORDER: [&str; 7] = [
    "code",
    "subcode",
    "message",
    "link",
    "debugInfo",
    "parameters",
    "*",
];

/// The JSON codec of error bodies.
pub mod json {
    use super::ErrorBody;

    crate::support::codec_functions!(
        ErrorBody,
        "an error body",
        "JSON",
        super::decode_json,
        super::encode_json
    );
}

/// The XML codec of error bodies (root element `<reason>`).
pub mod xml {
    use super::ErrorBody;

    crate::support::codec_functions!(
        ErrorBody,
        "an error body",
        "XML",
        super::decode_xml,
        super::encode_xml
    );
}

fn decode_json(text: &str) -> Result<ErrorBody> {
    crate::document::expect_json_kind(
        text,
        DocumentKind::Error,
        crate::json::decode_with(text, |ctx, de| ErrorBodySeed { ctx }.deserialize(de)),
        // `code` without `_links` or `rel`: the detection finds an error body.
        |body| {
            !body
                .other
                .iter()
                .any(|p| matches!(p.name.as_str(), "_links" | "rel"))
        },
    )
}

fn encode_json(body: &ErrorBody, pretty: bool) -> Result<Vec<u8>> {
    crate::support::json::encode(body, pretty)
}

fn decode_xml(text: &str) -> Result<ErrorBody> {
    Decoder::new(text).document_with(read_root)
}

/// Reads a `<reason>` root element.
pub(crate) fn read_root<'a>(
    d: &mut Decoder<'a>,
    start: BytesStart<'a>,
    empty: bool,
) -> Step<ErrorBody> {
    let (_, attributes) = d.open(&start)?;
    if local_name(&start) != "reason" {
        return fail(
            ErrorKind::Structure,
            wrong_xml_root(DocumentKind::Error, local_name(&start), start.name().0),
        );
    }
    let body = read_xml(d, attributes, empty)?;
    d.close();
    Ok(body)
}

fn encode_xml(body: &ErrorBody, pretty: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    let mut w = Writer::new(&mut out, pretty);
    w.declaration();
    write_xml(&mut w, body, true)?;
    Ok(out)
}

/// Decodes an error body (a JSON object).
#[derive(Clone, Copy)]
pub(crate) struct ErrorBodySeed<'c> {
    pub(crate) ctx: &'c Ctx,
}

map_seed!(
    ErrorBodySeed,
    ErrorBody,
    "an error body (a JSON object with a `code`)"
);

impl ErrorBodySeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody, A::Error> {
        let ctx = self.ctx;
        let mut body = ErrorBody::default();
        let mut code = None;
        let mut names = NameIndex::default();
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            note_member(ctx, &mut body.member_order, &mut names, &key)?;
            match &*key {
                "code" => code = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "subcode" => body.subcode = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "message" => body.message = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "link" => {
                    body.link = Some(ctx.at_key(&key, map.next_value_seed(LinkSeed { ctx }))?)
                }
                "parameters" => {
                    body.parameters = Some(ctx.at_key(&key, map.next_value_seed(BagSeed { ctx }))?);
                }
                "debugInfo" => {
                    body.debug_info = Some(ctx.at_key(&key, map.next_value_seed(BagSeed { ctx }))?);
                }
                _ => {
                    let value = ctx.at_key(
                        &key,
                        map.next_value_seed(ValueSeed {
                            ctx,
                            in_list: false,
                        }),
                    )?;
                    body.other.push(Property {
                        name: Str::from(key),
                        value,
                    });
                }
            }
        }
        match code {
            Some(code) => body.code = code,
            None => return Err(de::Error::missing_field("code")),
        }
        Ok(body)
    }
}

impl<'de> serde::Deserialize<'de> for ErrorBody {
    /// Reads an error body in the UCWA JSON shape from any serde format, as
    /// [`Resource`](crate::Resource)'s does.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ErrorBody, D::Error> {
        let ctx = Ctx::default();
        ErrorBodySeed { ctx: &ctx }.deserialize(deserializer)
    }
}

impl Serialize for ErrorBody {
    /// The JSON object, members in [`ErrorBody::member_order`], then the default order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for slot in plan(&self.member_order, &JSON_ORDER, &names(&self.other)) {
            match slot {
                Slot::Known("code") => map.serialize_entry("code", self.code.as_str())?,
                Slot::Known("subcode") => {
                    if let Some(subcode) = &self.subcode {
                        map.serialize_entry("subcode", subcode.as_str())?;
                    }
                }
                Slot::Known("message") => {
                    if let Some(message) = &self.message {
                        map.serialize_entry("message", message.as_str())?;
                    }
                }
                Slot::Known("link") => {
                    if let Some(link) = &self.link {
                        map.serialize_entry("link", &RelFirst(link))?;
                    }
                }
                Slot::Known("parameters") => {
                    if let Some(bag) = &self.parameters {
                        map.serialize_entry("parameters", &JsonBag(bag))?;
                    }
                }
                Slot::Known("debugInfo") => {
                    if let Some(bag) = &self.debug_info {
                        map.serialize_entry("debugInfo", &JsonBag(bag))?;
                    }
                }
                Slot::Known(_) => {}
                Slot::Other(j) => {
                    let property = &self.other[j];
                    map.serialize_entry(property.name.as_str(), &property.value)?;
                }
            }
        }
        map.end()
    }
}

/// A link written `rel` first (when it has one), then `href`, then the other attributes: the
/// shape UCWA gives links that name their relation.
struct RelFirst<'a>(&'a Link);

impl Serialize for RelFirst<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let link = self.0;
        let mut map = serializer.serialize_map(Some(1 + link.attributes.len()))?;
        if let Some(rel) = link.attribute("rel") {
            map.serialize_entry("rel", rel)?;
        }
        map.serialize_entry("href", link.href.as_str())?;
        for (name, value) in &link.attributes {
            if name != "rel" {
                map.serialize_entry(name.as_str(), value)?;
            }
        }
        map.end()
    }
}

/// Reads the children of a `<reason>` element (the start tag already opened).
pub(crate) fn read_xml(
    d: &mut Decoder<'_>,
    attributes: Attributes<'_>,
    empty: bool,
) -> Step<ErrorBody> {
    no_attributes(&attributes, "reason")?;
    let mut body = ErrorBody::default();
    let mut code = None;
    if !empty {
        let mut names = NameIndex::default();
        while let Some((start, empty)) = d.next_child("reason")? {
            let (_, attributes) = d.open(&start)?;
            let name = Str::from(local_name(&start));
            let order = &body.member_order;
            if names.contains(order.len(), |i| order[i].as_str(), &name) {
                return fail(
                    ErrorKind::Value,
                    format!("duplicate element <{name}> in <reason>"),
                );
            }
            body.member_order.push(name.clone());
            let result = read_member(d, &mut body, &mut code, &name, attributes, empty);
            d.at(result, |p| p.push_outer_key(&name))?;
            d.close();
        }
    }
    match code {
        Some(code) => body.code = code,
        None => return fail(ErrorKind::Structure, "<reason> without a <code>"),
    }
    Ok(body)
}

fn read_member(
    d: &mut Decoder<'_>,
    body: &mut ErrorBody,
    code: &mut Option<Str>,
    name: &str,
    attributes: Attributes<'_>,
    empty: bool,
) -> Step<()> {
    match name {
        "code" | "subcode" | "message" => {
            no_attributes(&attributes, name)?;
            let text = d.text_only(empty, attributes.nil, name)?;
            match name {
                "code" => *code = Some(text),
                "subcode" => body.subcode = Some(text),
                _ => body.message = Some(text),
            }
        }
        "link" => body.link = Some(d.link_element(attributes, empty, "link", false)?.1),
        "parameters" | "debugInfo" => {
            no_attributes(&attributes, name)?;
            let bag = d.property_bag(empty, name)?;
            if name == "parameters" {
                body.parameters = Some(bag);
            } else {
                body.debug_info = Some(bag);
            }
        }
        _ => {
            no_attributes(&attributes, name)?;
            let value = d.element_value(empty, attributes.nil, name)?;
            body.other.push(Property {
                name: Str::from(name),
                value,
            });
        }
    }
    Ok(())
}

/// Refuses an element with attributes (namespace declarations and `xsi:nil` aside).
pub(crate) fn no_attributes(attributes: &Attributes<'_>, element: &str) -> Step<()> {
    match unexpected_attribute(attributes) {
        Some(attribute) => fail(
            ErrorKind::Structure,
            format!("unexpected attribute `{attribute}` on <{element}>"),
        ),
        None => Ok(()),
    }
}

/// The first attribute other than namespace declarations and `xsi:nil`.
pub(crate) fn unexpected_attribute<'s>(attributes: &'s Attributes<'_>) -> Option<&'s str> {
    if attributes.rel.is_some() {
        return Some("rel");
    }
    if attributes.href.is_some() {
        return Some("href");
    }
    if attributes.name.is_some() {
        return Some("name");
    }
    attributes.other.first().map(|(name, _)| name.as_str())
}

/// Writes a `<reason>` element; the root declares the namespaces (`xsi` if a null follows).
pub(crate) fn write_xml(w: &mut Writer<'_>, body: &ErrorBody, root: bool) -> Result<()> {
    w.open_tag("reason");
    if root {
        w.attribute("xmlns", UCWA_NS)?;
        w.defer_xsi();
    }
    w.open_end();
    for slot in plan(&body.member_order, &XML_ORDER, &names(&body.other)) {
        match slot {
            Slot::Known("code") => w.text_element("code", &body.code)?,
            Slot::Known("subcode") => {
                if let Some(subcode) = &body.subcode {
                    w.text_element("subcode", subcode)?;
                }
            }
            Slot::Known("message") => {
                if let Some(message) = &body.message {
                    w.text_element("message", message)?;
                }
            }
            Slot::Known("link") => {
                if let Some(link) = &body.link {
                    write_link_element(w, "link", None, link)?;
                }
            }
            Slot::Known("parameters") => {
                if let Some(bag) = &body.parameters {
                    write_bag(w, "parameters", bag)?;
                }
            }
            Slot::Known("debugInfo") => {
                if let Some(bag) = &body.debug_info {
                    write_bag(w, "debugInfo", bag)?;
                }
            }
            Slot::Known(_) => {}
            Slot::Other(j) => {
                let property = &body.other[j];
                write_value_element(w, &property.name, &property.value)?;
            }
        }
    }
    w.close("reason");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_xml_form_reads() {
        let text = r#"<?xml version="1.0" encoding="utf-8"?>
<reason xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
  <code>Conflict</code>
  <subcode>AlreadyExists</subcode>
  <message>The resource already exists.</message>
  <debugInfo/>
  <parameters/>
</reason>"#;
        let body = xml::from_str(text).unwrap();
        assert_eq!(
            body.to_string(),
            "Conflict/AlreadyExists: The resource already exists."
        );
        assert_eq!(body.debug_info, Some(vec![]));
        assert_eq!(body.parameters, Some(vec![]));
        assert_eq!(
            xml::to_string(&body).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><reason xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\">\
             <code>Conflict</code><subcode>AlreadyExists</subcode><message>The resource already exists.</message>\
             <debugInfo/><parameters/></reason>"
        );
        assert_eq!(
            json::to_string(&body).unwrap(),
            r#"{"code":"Conflict","subcode":"AlreadyExists","message":"The resource already exists.","debugInfo":{},"parameters":{}}"#
        );
    }

    #[test]
    fn unknown_members_survive_both_ways() {
        let text = r#"{"code":"X","n":null,"list":["a",null],"link":{"rel":"help","href":"/h","title":"Help"},"debugInfo":{"d":"1","e":null}}"#;
        let body = json::from_str(text).unwrap();
        assert_eq!(json::to_string(&body).unwrap(), text);
        let xml_text = xml::to_string(&body).unwrap();
        assert!(xml_text.contains("xmlns:xsi="), "{xml_text}");
        assert!(
            xml_text.contains("<n xsi:nil=\"true\"/><list><item>a</item><item xsi:nil=\"true\"/></list><link rel=\"help\" href=\"/h\" title=\"Help\"/>"),
            "{xml_text}"
        );
        let back = xml::from_str(&xml_text).unwrap();
        assert_eq!(json::to_string(&back).unwrap(), text);
    }

    #[test]
    fn malformed_bodies_are_refused_with_a_place() {
        let err = json::from_str("{\"message\": \"no code\"}").unwrap_err();
        assert_eq!((err.line(), err.kind()), (1, ErrorKind::Structure));
        let err = json::from_str("{\"code\": \"A\",\n \"code\": \"B\"}").unwrap_err();
        assert_eq!((err.line(), err.path()), (2, "code"));
        let err = json::from_str("{\"code\": \"A\", \"parameters\": {\"x\": {}}}").unwrap_err();
        assert_eq!(err.path(), "parameters.x");
        let err = json::from_str("{\"code\": 4}").unwrap_err();
        assert_eq!(err.path(), "code");
        let err = xml::from_str("<reason>\n  <message>m</message>\n</reason>").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Structure);
        let err =
            xml::from_str("<reason><code>A</code>\n<x><item>a</item>b</x></reason>").unwrap_err();
        assert_eq!((err.line(), err.path()), (2, "x"));
        let err = xml::from_str("<reason><code>A</code><parameters><item/></parameters></reason>")
            .unwrap_err();
        assert_eq!(err.path(), "parameters");
        let err = xml::from_str("<resource/>").unwrap_err();
        assert!(err.message().contains("<reason>"));
    }

    #[test]
    fn names_xml_cannot_write_are_refused() {
        let body = json::from_str(r#"{"code":"A","a b":1}"#).unwrap();
        let err = xml::to_string(&body).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unrepresentable);
    }
}
