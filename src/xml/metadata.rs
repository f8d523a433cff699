//! The XML codec of OPTIONS metadata: `<optionsMetadata>`, the .NET `XmlSerializer` shape of
//! `applications_ref.md`.

use super::builder::{fail, no_attributes, text_only, Tag, Tokens};
use super::de::{Decoder, Step};
use super::elements::write_value_element;
use super::ser::Writer;
use super::XSI_NS;
use crate::error::{ErrorKind, Result};
use crate::model::metadata::{Metadata, MethodMetadata, ParameterMetadata};
use crate::model::{Property, Str};

/// The XML Schema namespace, declared on the XML root as the documentation's sample does.
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// Reads an element's children: `known` reads those it knows (given the child's tag and
/// whether it is `xsi:nil`; returning `false` for the others), the rest are kept as unknown
/// members. Every child element is opened and closed here; `known` reads its content.
fn children<'a>(
    d: &mut Decoder<'a>,
    tag: &Tag<'a>,
    other: &mut Vec<Property>,
    mut known: impl FnMut(&mut Decoder<'a>, &Tag<'a>, bool) -> Step<bool>,
) -> Step<()> {
    if tag.empty {
        return Ok(());
    }
    let mut child = Tag::blank();
    while d.next_child(tag, &mut child)? {
        let name = Str::from(child.local_name());
        let nil = d.attributes().nil;
        let result = no_attributes(d, &child).and_then(|()| known(d, &child, nil));
        if !d.at(result, |p| p.push_outer_key(&name))? {
            let result = d.element_value(&child, nil);
            let value = d.at(result, |p| p.push_outer_key(&name))?;
            other.push(Property { name, value });
        }
        d.close();
    }
    Ok(())
}

/// Reads a list element: each child must be `item`, read by `read` (given its tag and
/// whether it is `xsi:nil`).
fn list<'a, T>(
    d: &mut Decoder<'a>,
    tag: &Tag<'a>,
    item: &str,
    mut read: impl FnMut(&mut Decoder<'a>, &Tag<'a>, bool) -> Step<T>,
) -> Step<Vec<T>> {
    let mut items = Vec::new();
    if tag.empty {
        return Ok(items);
    }
    let mut child = Tag::blank();
    while d.next_child(tag, &mut child)? {
        if child.local_name() != item {
            return fail(d, ErrorKind::Structure, || {
                format!(
                    "unexpected element <{}> in <{}>; expected <{item}>",
                    child.name,
                    tag.local_name()
                )
            });
        }
        let index = items.len();
        let nil = d.attributes().nil;
        let result = no_attributes(d, &child).and_then(|()| read(d, &child, nil));
        items.push(d.at(result, |p| p.push_outer_index(index))?);
        d.close();
    }
    Ok(items)
}

/// An `<optionsMetadata>` element (opened), through its end tag.
pub(crate) fn read_xml<'a>(d: &mut Decoder<'a>, tag: &Tag<'a>) -> Step<Metadata> {
    no_attributes(d, tag)?;
    let mut metadata = Metadata::default();
    let mut methods = Vec::new();
    children(d, tag, &mut metadata.other, |d, child, _| {
        if child.local_name() != "metadata" {
            return Ok(false);
        }
        methods.extend(list(d, child, "httpMethodMetadata", |d, item, _| {
            read_method(d, item)
        })?);
        Ok(true)
    })?;
    metadata.methods = methods;
    Ok(metadata)
}

fn read_method<'a>(d: &mut Decoder<'a>, tag: &Tag<'a>) -> Step<MethodMetadata> {
    let mut method = MethodMetadata::default();
    let mut http_method = None;
    let mut parameters = Vec::new();
    children(d, tag, &mut method.other, |d, child, nil| {
        match child.local_name() {
            "httpMethod" => http_method = Some(text_only(d, child, nil)?),
            "parameters" => {
                parameters.extend(list(d, child, "parameter", |d, item, _| {
                    read_parameter(d, item)
                })?);
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    method.parameters = parameters;
    match http_method {
        Some(http_method) => method.http_method = http_method,
        None => {
            return fail(d, ErrorKind::Structure, || {
                "<httpMethodMetadata> without an <httpMethod>".into()
            })
        }
    }
    Ok(method)
}

fn read_parameter<'a>(d: &mut Decoder<'a>, tag: &Tag<'a>) -> Step<ParameterMetadata> {
    let mut parameter = ParameterMetadata::default();
    let mut name = None;
    let mut values = Vec::new();
    children(d, tag, &mut parameter.other, |d, child, nil| {
        match child.local_name() {
            "name" => name = Some(text_only(d, child, nil)?),
            "supportedValues" => {
                values.extend(list(d, child, "value", |d, item, nil| {
                    text_only(d, item, nil)
                })?);
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    parameter.supported_values = values;
    match name {
        Some(name) => parameter.name = name,
        None => {
            return fail(d, ErrorKind::Structure, || {
                "<parameter> without a <name>".into()
            })
        }
    }
    Ok(parameter)
}

/// Writes an `<optionsMetadata>` root element.
pub(super) fn write_metadata(w: &mut Writer<'_>, metadata: &Metadata) -> Result<()> {
    w.open_tag("optionsMetadata");
    w.attribute("xmlns:xsd", XSD_NS)?;
    w.attribute("xmlns:xsi", XSI_NS)?;
    w.open_end();
    list_element(w, "metadata", &metadata.methods, |w, method| {
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
    write_other(w, &metadata.other)?;
    w.close("optionsMetadata");
    Ok(())
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
