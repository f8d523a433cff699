//! The XML codec of error bodies: `<reason>` with `<code>`, `<subcode>`, `<message>`,
//! `<link>`, `<debugInfo>`, `<parameters>` and other members as elements.

use quick_xml::events::BytesStart;

use super::de::{fail, Attributes, Decoder, Step};
use super::document::wrong_root;
use super::elements::{local_name, write_bag, write_link_element, write_value_element};
use super::ser::Writer;
use super::UCWA_NS;
use crate::error::{ErrorKind, Result};
use crate::model::error_body::ErrorBody;
use crate::model::order::{names, plan, Slot};
use crate::model::{DecodeOptions, DocumentKind, NameIndex, Property, Str};

/// The members in the order XML writes them, where [`ErrorBody::member_order`] says none.
const XML_ORDER: [&str; 7] = [
    "code",
    "subcode",
    "message",
    "link",
    "debugInfo",
    "parameters",
    "*",
];

/// Decodes an error body, refusing another root element.
pub(super) fn decode(text: &str, options: &DecodeOptions) -> Result<ErrorBody> {
    Decoder::with_options(text, options).document_with(read_root)
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
            wrong_root(DocumentKind::Error, local_name(&start), start.name().0),
        );
    }
    let body = read_xml(d, attributes, empty)?;
    d.close();
    Ok(body)
}

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
