//! The XML codec of OPTIONS metadata: `<optionsMetadata>`, the .NET `XmlSerializer` shape of
//! `applications_ref.md`.

use quick_xml::events::BytesStart;

use super::de::{fail, Decoder, Step};
use super::document::wrong_root;
use super::elements::{local_name, write_value_element};
use super::error_body::no_attributes;
use super::ser::Writer;
use super::XSI_NS;
use crate::error::{ErrorKind, Result};
use crate::model::metadata::{Metadata, MethodMetadata, ParameterMetadata};
use crate::model::{DecodeOptions, DocumentKind, Property, Str};

/// The XML Schema namespace, declared on the XML root as the documentation's sample does.
const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// Decodes OPTIONS metadata, refusing another root element.
pub(super) fn decode(text: &str, options: &DecodeOptions) -> Result<Metadata> {
    Decoder::with_options(text, options).document_with(read_root)
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
            wrong_root(DocumentKind::Metadata, local_name(&start), start.name().0),
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
