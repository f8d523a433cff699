//! OPTIONS metadata: what an OPTIONS request on `applications` or `anonApplications` answers,
//! the HTTP methods a resource supports and the values their parameters take.
//!
//! ```
//! use ucwa_codec::metadata;
//!
//! let text = r#"{"metadata": [{"httpMethod": "POST",
//!                 "parameters": [{"name": "culture", "supportedValues": ["en-US", "fr-FR"]}]}]}"#;
//! let options = metadata::json::from_str(text)?;
//! let post = options.method("POST").unwrap();
//! assert_eq!(post.parameter("culture").unwrap().supported_values, ["en-US", "fr-FR"]);
//!
//! let xml = metadata::xml::to_string(&options)?;
//! assert!(xml.contains("<httpMethodMetadata><httpMethod>POST</httpMethod><parameters><parameter>\
//!     <name>culture</name><supportedValues><value>en-US</value><value>fr-FR</value></supportedValues>"));
//! assert_eq!(metadata::xml::from_str(&xml)?, options);
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! The XML form is the one `applications_ref.md` shows (a .NET `XmlSerializer` shape):
//! `<optionsMetadata><metadata><httpMethodMetadata><httpMethod/><parameters><parameter>
//! <name/><supportedValues><value/></supportedValues></parameter></parameters>
//! </httpMethodMetadata></metadata></optionsMetadata>`, written with the sample's `xmlns:xsd`
//! and `xmlns:xsi` declarations and no default namespace. Members the codec does not know are
//! kept at every level (JSON: a scalar, `null` or an array of scalars; XML: `<name>text</name>`,
//! as in error bodies), written after the known ones.

use quick_xml::events::BytesStart;
use serde::de::{self, DeserializeSeed, MapAccess};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::document::{wrong_xml_root, DocumentKind};
use crate::error::{ErrorKind, Result};
use crate::error_body::no_attributes;
use crate::json::de::{Ctx, ValueSeed};
use crate::model::{NameIndex, Property, Str};
use crate::support::json::{duplicate_member, map_seed, ArrayOf, BorrowedStrSeed, StrSeed};
use crate::support::xml::{local_name, write_value_element};
use crate::support::{names, plan, wanted, ReadOrder, Slot};
use crate::xml::de::{fail, Decoder, Step};
use crate::xml::ser::Writer;
use crate::xml::XSI_NS;

/// The XML Schema namespace, declared on the XML root as the documentation's sample does.
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// An OPTIONS metadata document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Metadata {
    /// One entry per HTTP method, in order.
    pub methods: Vec<MethodMetadata>,
    /// Members the codec does not know, in order.
    pub other: Vec<Property>,
    /// The names of the members in the order JSON gave them, where that is not the default
    /// one (`metadata`, then the unknown members); empty otherwise.
    pub member_order: Vec<Str>,
}

/// What one HTTP method accepts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MethodMetadata {
    /// The method, e.g. `POST`.
    pub http_method: Str,
    /// Its parameters, in order.
    pub parameters: Vec<ParameterMetadata>,
    /// Members the codec does not know, in order.
    pub other: Vec<Property>,
    /// The names of the members in the order JSON gave them, where that is not the default
    /// one (`httpMethod`, `parameters`, the unknown members) or `parameters` was absent;
    /// empty otherwise.
    pub member_order: Vec<Str>,
}

/// One parameter and the values it takes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ParameterMetadata {
    /// The parameter's name.
    pub name: Str,
    /// The values it takes, in order.
    pub supported_values: Vec<Str>,
    /// Members the codec does not know, in order.
    pub other: Vec<Property>,
    /// The names of the members in the order JSON gave them, where that is not the default
    /// one (`name`, `supportedValues`, the unknown members) or `supportedValues` was absent;
    /// empty otherwise.
    pub member_order: Vec<Str>,
}

impl Metadata {
    /// The entry of an HTTP method (compared case-insensitively).
    pub fn method(&self, http_method: &str) -> Option<&MethodMetadata> {
        self.methods
            .iter()
            .find(|m| m.http_method.eq_ignore_ascii_case(http_method))
    }
}

impl MethodMetadata {
    /// A parameter by name.
    pub fn parameter(&self, name: &str) -> Option<&ParameterMetadata> {
        self.parameters.iter().find(|p| p.name == name)
    }
}

/// The JSON codec of OPTIONS metadata.
pub mod json {
    use super::Metadata;

    crate::support::codec_functions!(
        Metadata,
        "OPTIONS metadata",
        "JSON",
        super::decode_json,
        super::encode_json
    );
}

/// The XML codec of OPTIONS metadata (root element `<optionsMetadata>`).
pub mod xml {
    use super::Metadata;

    crate::support::codec_functions!(
        Metadata,
        "OPTIONS metadata",
        "XML",
        super::decode_xml,
        super::encode_xml
    );
}

fn decode_json(text: &str) -> Result<Metadata> {
    crate::document::expect_json_kind(
        text,
        DocumentKind::Metadata,
        crate::json::decode_with(text, |ctx, de| MetadataSeed { ctx }.deserialize(de)),
        // A `metadata` array without `sender` or `code`: the detection finds metadata.
        |metadata| {
            !metadata
                .other
                .iter()
                .any(|p| matches!(p.name.as_str(), "sender" | "code"))
        },
    )
}

fn encode_json(metadata: &Metadata, pretty: bool) -> Result<Vec<u8>> {
    crate::support::json::encode(metadata, pretty)
}

// --- JSON -------------------------------------------------------------------------------

/// Decodes OPTIONS metadata (a JSON object with a `metadata` array).
#[derive(Clone, Copy)]
pub(crate) struct MetadataSeed<'c> {
    pub(crate) ctx: &'c Ctx,
}

#[derive(Clone, Copy)]
struct MethodSeed<'c> {
    ctx: &'c Ctx,
}

#[derive(Clone, Copy)]
struct ParameterSeed<'c> {
    ctx: &'c Ctx,
}

map_seed!(
    MetadataSeed,
    Metadata,
    "OPTIONS metadata (a JSON object with a `metadata` array)"
);
map_seed!(
    MethodSeed,
    MethodMetadata,
    "a method's metadata (a JSON object with an `httpMethod`)"
);
map_seed!(
    ParameterSeed,
    ParameterMetadata,
    "a parameter's metadata (a JSON object with a `name`)"
);

fn other_value<'de, A: MapAccess<'de>>(
    ctx: &Ctx,
    map: &mut A,
    key: Str,
) -> Result<Property, A::Error> {
    let value = ctx.at_key(
        &key,
        map.next_value_seed(ValueSeed {
            ctx,
            in_list: false,
        }),
    )?;
    Ok(Property { name: key, value })
}

impl MetadataSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<Metadata, A::Error> {
        let ctx = self.ctx;
        let mut order = ReadOrder::default();
        let mut metadata = Metadata::default();
        let mut methods = None;
        let mut names = NameIndex::default();
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            let noted = match &*key {
                "metadata" => order.known(0),
                _ => {
                    order.unknown(1);
                    let other = &metadata.other;
                    !names.contains(other.len(), |i| other[i].name.as_str(), &key)
                }
            };
            if !noted {
                return Err(duplicate_member(ctx, &key));
            }
            if &*key == "metadata" {
                let item = MethodSeed { ctx };
                let what = "method metadata";
                methods = Some(ctx.at_key(&key, map.next_value_seed(ArrayOf { ctx, item, what }))?);
            } else {
                metadata
                    .other
                    .push(other_value(ctx, &mut map, Str::from(key))?);
            }
        }
        metadata.methods = methods.ok_or_else(|| de::Error::missing_field("metadata"))?;
        let unknown = metadata.other.iter().map(|p| &p.name);
        metadata.member_order = order.names(&METADATA_ORDER, false, unknown);
        Ok(metadata)
    }
}

impl MethodSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<MethodMetadata, A::Error> {
        let ctx = self.ctx;
        let mut order = ReadOrder::default();
        let mut method = MethodMetadata::default();
        let mut http_method = None;
        let mut names = NameIndex::default();
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            let noted = match &*key {
                "httpMethod" => order.known(0),
                "parameters" => order.known(1),
                _ => {
                    order.unknown(2);
                    let other = &method.other;
                    !names.contains(other.len(), |i| other[i].name.as_str(), &key)
                }
            };
            if !noted {
                return Err(duplicate_member(ctx, &key));
            }
            match &*key {
                "httpMethod" => http_method = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "parameters" => {
                    let item = ParameterSeed { ctx };
                    let what = "parameter metadata";
                    method.parameters =
                        ctx.at_key(&key, map.next_value_seed(ArrayOf { ctx, item, what }))?;
                }
                _ => method
                    .other
                    .push(other_value(ctx, &mut map, Str::from(key))?),
            }
        }
        method.http_method = http_method.ok_or_else(|| de::Error::missing_field("httpMethod"))?;
        let keep = !order.has(1);
        let unknown = method.other.iter().map(|p| &p.name);
        method.member_order = order.names(&METHOD_ORDER, keep, unknown);
        Ok(method)
    }
}

impl ParameterSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<ParameterMetadata, A::Error> {
        let ctx = self.ctx;
        let mut order = ReadOrder::default();
        let mut parameter = ParameterMetadata::default();
        let mut name = None;
        let mut names = NameIndex::default();
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            let noted = match &*key {
                "name" => order.known(0),
                "supportedValues" => order.known(1),
                _ => {
                    order.unknown(2);
                    let other = &parameter.other;
                    !names.contains(other.len(), |i| other[i].name.as_str(), &key)
                }
            };
            if !noted {
                return Err(duplicate_member(ctx, &key));
            }
            match &*key {
                "name" => name = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "supportedValues" => {
                    let (item, what) = (StrSeed, "strings");
                    parameter.supported_values =
                        ctx.at_key(&key, map.next_value_seed(ArrayOf { ctx, item, what }))?;
                }
                _ => parameter
                    .other
                    .push(other_value(ctx, &mut map, Str::from(key))?),
            }
        }
        parameter.name = name.ok_or_else(|| de::Error::missing_field("name"))?;
        let keep = !order.has(1);
        let unknown = parameter.other.iter().map(|p| &p.name);
        parameter.member_order = order.names(&PARAMETER_ORDER, keep, unknown);
        Ok(parameter)
    }
}

// The decoders note each member at its place in these.
const METADATA_ORDER: [&str; 2] = ["metadata", "*"];
const METHOD_ORDER: [&str; 3] = ["httpMethod", "parameters", "*"];
const PARAMETER_ORDER: [&str; 3] = ["name", "supportedValues", "*"];

/// Writes an object's members in `hint`'s order, then `default`'s: `known` writes a known
/// member (or nothing, for an array absent when read), the unknown ones come from `other`.
fn serialize_members<M: SerializeMap>(
    map: &mut M,
    hint: &[Str],
    default: &[&'static str],
    other: &[Property],
    mut known: impl FnMut(&mut M, &'static str) -> Result<(), M::Error>,
) -> Result<(), M::Error> {
    for slot in plan(hint, default, &names(other)) {
        match slot {
            Slot::Known(name) => known(map, name)?,
            Slot::Other(j) => map.serialize_entry(other[j].name.as_str(), &other[j].value)?,
        }
    }
    Ok(())
}

impl<'de> serde::Deserialize<'de> for Metadata {
    /// Reads OPTIONS metadata in the UCWA JSON shape from any serde format, as
    /// [`Resource`](crate::Resource)'s does.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Metadata, D::Error> {
        let ctx = Ctx::default();
        MetadataSeed { ctx: &ctx }.deserialize(deserializer)
    }
}

impl Serialize for Metadata {
    /// `{"metadata": [..]}`, then the unknown members, or in the order read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        serialize_members(
            &mut map,
            &self.member_order,
            &METADATA_ORDER,
            &self.other,
            |map, _| map.serialize_entry("metadata", &self.methods),
        )?;
        map.end()
    }
}

impl Serialize for MethodMetadata {
    /// `{"httpMethod": .., "parameters": [..]}`, then the unknown members, or in the order
    /// read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hint = &self.member_order;
        let mut map = serializer.serialize_map(None)?;
        serialize_members(
            &mut map,
            hint,
            &METHOD_ORDER,
            &self.other,
            |map, name| match name {
                "httpMethod" => map.serialize_entry(name, self.http_method.as_str()),
                _ if wanted(hint, name, !self.parameters.is_empty()) => {
                    map.serialize_entry(name, &self.parameters)
                }
                _ => Ok(()),
            },
        )?;
        map.end()
    }
}

impl Serialize for ParameterMetadata {
    /// `{"name": .., "supportedValues": [..]}`, then the unknown members, or in the order
    /// read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hint = &self.member_order;
        let mut map = serializer.serialize_map(None)?;
        serialize_members(
            &mut map,
            hint,
            &PARAMETER_ORDER,
            &self.other,
            |map, name| match name {
                "name" => map.serialize_entry(name, self.name.as_str()),
                _ if wanted(hint, name, !self.supported_values.is_empty()) => {
                    map.serialize_entry(name, &self.supported_values)
                }
                _ => Ok(()),
            },
        )?;
        map.end()
    }
}

// --- XML --------------------------------------------------------------------------------

fn decode_xml(text: &str) -> Result<Metadata> {
    Decoder::new(text).document_with(read_root)
}

/// Reads an `<optionsMetadata>` root element.
pub(crate) fn read_root<'a>(
    d: &mut Decoder<'a>,
    start: BytesStart<'a>,
    empty: bool,
) -> Step<Metadata> {
    let (_, attributes) = d.open(&start)?;
    if local_name(&start) != "optionsMetadata" {
        return fail(
            ErrorKind::Structure,
            wrong_xml_root(DocumentKind::Metadata, local_name(&start), start.name().0),
        );
    }
    no_attributes(&attributes, "optionsMetadata")?;
    let metadata = read_xml(d, empty)?;
    d.close();
    Ok(metadata)
}

/// Reads an element's children: `known` handles those it knows (given the name, whether the
/// element is empty and whether it is `xsi:nil`; returning `false` for the others), the rest are kept as unknown members. Every child element is opened and closed
/// here; `known` reads its content.
fn children(
    d: &mut Decoder<'_>,
    element: &str,
    empty: bool,
    other: &mut Vec<Property>,
    mut known: impl FnMut(&mut Decoder<'_>, &str, bool, bool) -> Step<bool>,
) -> Step<()> {
    if empty {
        return Ok(());
    }
    while let Some((start, empty)) = d.next_child(element)? {
        let (_, attributes) = d.open(&start)?;
        let name = Str::from(local_name(&start));
        let nil = attributes.nil;
        let result = no_attributes(&attributes, &name).and_then(|()| known(d, &name, empty, nil));
        if !d.at(result, |p| p.push_outer_key(&name))? {
            let result = d.element_value(empty, attributes.nil, &name);
            let value = d.at(result, |p| p.push_outer_key(&name))?;
            other.push(Property { name, value });
        }
        d.close();
    }
    Ok(())
}

/// Reads a list element: each child must be `item`, read by `read` (given whether it is empty
/// and whether it is `xsi:nil`).
fn list<T>(
    d: &mut Decoder<'_>,
    element: &str,
    item: &str,
    empty: bool,
    mut read: impl FnMut(&mut Decoder<'_>, bool, bool) -> Step<T>,
) -> Step<Vec<T>> {
    let mut items = Vec::new();
    if empty {
        return Ok(items);
    }
    while let Some((start, empty)) = d.next_child(element)? {
        let (_, attributes) = d.open(&start)?;
        if local_name(&start) != item {
            return fail(
                ErrorKind::Structure,
                format!(
                    "unexpected element <{}> in <{element}>; expected <{item}>",
                    start.name().0
                ),
            );
        }
        let index = items.len();
        let nil = attributes.nil;
        let result = no_attributes(&attributes, item).and_then(|()| read(d, empty, nil));
        items.push(d.at(result, |p| p.push_outer_index(index))?);
        d.close();
    }
    Ok(items)
}

fn read_xml(d: &mut Decoder<'_>, empty: bool) -> Step<Metadata> {
    let mut metadata = Metadata::default();
    let mut methods = Vec::new();
    children(
        d,
        "optionsMetadata",
        empty,
        &mut metadata.other,
        |d, name, empty, _| {
            if name != "metadata" {
                return Ok(false);
            }
            methods.extend(list(
                d,
                "metadata",
                "httpMethodMetadata",
                empty,
                |d, empty, _| read_method(d, empty),
            )?);
            Ok(true)
        },
    )?;
    metadata.methods = methods;
    Ok(metadata)
}

fn read_method(d: &mut Decoder<'_>, empty: bool) -> Step<MethodMetadata> {
    let mut method = MethodMetadata::default();
    let mut http_method = None;
    let mut parameters = Vec::new();
    children(
        d,
        "httpMethodMetadata",
        empty,
        &mut method.other,
        |d, name, empty, nil| {
            match name {
                "httpMethod" => http_method = Some(d.text_only(empty, nil, "httpMethod")?),
                "parameters" => {
                    parameters.extend(list(d, "parameters", "parameter", empty, |d, empty, _| {
                        read_parameter(d, empty)
                    })?);
                }
                _ => return Ok(false),
            }
            Ok(true)
        },
    )?;
    method.parameters = parameters;
    match http_method {
        Some(http_method) => method.http_method = http_method,
        None => {
            return fail(
                ErrorKind::Structure,
                "<httpMethodMetadata> without an <httpMethod>",
            )
        }
    }
    Ok(method)
}

fn read_parameter(d: &mut Decoder<'_>, empty: bool) -> Step<ParameterMetadata> {
    let mut parameter = ParameterMetadata::default();
    let mut name = None;
    let mut values = Vec::new();
    children(
        d,
        "parameter",
        empty,
        &mut parameter.other,
        |d, element, empty, nil| {
            match element {
                "name" => name = Some(d.text_only(empty, nil, "name")?),
                "supportedValues" => {
                    values.extend(list(
                        d,
                        "supportedValues",
                        "value",
                        empty,
                        |d, empty, nil| d.text_only(empty, nil, "value"),
                    )?);
                }
                _ => return Ok(false),
            }
            Ok(true)
        },
    )?;
    parameter.supported_values = values;
    match name {
        Some(name) => parameter.name = name,
        None => return fail(ErrorKind::Structure, "<parameter> without a <name>"),
    }
    Ok(parameter)
}

fn encode_xml(metadata: &Metadata, pretty: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(512);
    let mut w = Writer::new(&mut out, pretty);
    w.declaration();
    w.open_tag("optionsMetadata");
    w.attribute("xmlns:xsd", XSD_NS)?;
    w.attribute("xmlns:xsi", XSI_NS)?;
    w.open_end();
    list_element(&mut w, "metadata", &metadata.methods, |w, method| {
        w.open_tag("httpMethodMetadata");
        w.open_end();
        w.text_element("httpMethod", &method.http_method)?;
        list_element(w, "parameters", &method.parameters, |w, parameter| {
            w.open_tag("parameter");
            w.open_end();
            w.text_element("name", &parameter.name)?;
            list_element(
                w,
                "supportedValues",
                &parameter.supported_values,
                |w, value| w.text_element("value", value),
            )?;
            write_other(w, &parameter.other)?;
            w.close("parameter");
            Ok(())
        })?;
        write_other(w, &method.other)?;
        w.close("httpMethodMetadata");
        Ok(())
    })?;
    write_other(&mut w, &metadata.other)?;
    w.close("optionsMetadata");
    Ok(out)
}

fn list_element<T>(
    w: &mut Writer<'_>,
    element: &str,
    items: &[T],
    mut write: impl FnMut(&mut Writer<'_>, &T) -> Result<()>,
) -> Result<()> {
    w.open_tag(element);
    if items.is_empty() {
        w.empty_end();
        return Ok(());
    }
    w.open_end();
    for item in items {
        write(w, item)?;
    }
    w.close(element);
    Ok(())
}

fn write_other(w: &mut Writer<'_>, other: &[Property]) -> Result<()> {
    for property in other {
        write_value_element(w, &property.name, &property.value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_members_are_kept_at_every_level() {
        let text = r#"{"metadata":[{"httpMethod":"GET","parameters":[{"name":"n","supportedValues":[],"required":"True"}],"x":null}],"version":"2"}"#;
        let metadata = json::from_str(text).unwrap();
        assert_eq!(json::to_string(&metadata).unwrap(), text);
        let xml_text = xml::to_string(&metadata).unwrap();
        assert!(xml_text.contains("<supportedValues/><required>True</required></parameter></parameters><x xsi:nil=\"true\"/></httpMethodMetadata></metadata><version>2</version>"), "{xml_text}");
        let back = xml::from_str(&xml_text).unwrap();
        assert_eq!(json::to_string(&back).unwrap(), text);
    }

    #[test]
    fn malformed_metadata_is_refused_with_a_place() {
        let err = json::from_str("{\"metadata\": [{\"parameters\": []}]}").unwrap_err();
        assert_eq!(err.path(), "metadata[0]");
        let err = json::from_str("{\"metadata\": [{\"httpMethod\": \"GET\", \"parameters\": [{\"name\": \"n\", \"supportedValues\": [1]}]}]}").unwrap_err();
        assert_eq!(err.path(), "metadata[0].parameters[0].supportedValues[0]");
        let err = json::from_str("{}").unwrap_err();
        assert!(err.message().contains("metadata"), "{err}");
        let err =
            xml::from_str("<optionsMetadata><metadata>\n<parameter/></metadata></optionsMetadata>")
                .unwrap_err();
        assert_eq!((err.line(), err.path()), (2, "metadata"));
        let err = xml::from_str("<optionsMetadata><metadata><httpMethodMetadata><parameters><parameter><name>a</name><supportedValues><value><b/></value></supportedValues></parameter></parameters><httpMethod>GET</httpMethod></httpMethodMetadata></metadata></optionsMetadata>").unwrap_err();
        assert_eq!(err.path(), "metadata[0].parameters[0].supportedValues[0]");
        let err = xml::from_str(
            "<optionsMetadata><metadata><httpMethodMetadata/></metadata></optionsMetadata>",
        )
        .unwrap_err();
        assert_eq!(err.path(), "metadata[0]");
    }
}
