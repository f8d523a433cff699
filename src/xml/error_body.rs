//! The XML codec of error bodies: `<reason>` with `<code>`, `<subcode>`, `<message>`,
//! `<link>`, `<debugInfo>`, `<parameters>` and other members as elements.

use super::builder::{fail, link_element, no_attributes, text_only, Tag, Tokens};
use super::de::{Decoder, Step};
use super::elements::{write_bag, write_link_element, write_value_element};
use super::ser::Writer;
use super::UCWA_NS;
use crate::error::{ErrorKind, Result};
use crate::model::error_body::ErrorBody;
use crate::model::order::{names, plan, Slot};
use crate::model::{NameIndex, Property, Str};

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

/// A `<reason>` element (opened), through its end tag.
pub(crate) fn read_xml<'a>(d: &mut Decoder<'a>, tag: &Tag<'a>) -> Step<ErrorBody> {
    no_attributes(d, tag)?;
    let mut body = ErrorBody::default();
    let mut code = None;
    if !tag.empty {
        let mut names = NameIndex::default();
        let mut child = Tag::blank();
        while d.next_child(tag, &mut child)? {
            let name = Str::from(child.local_name());
            let order = &body.member_order;
            if names.contains(order.len(), |i| order[i].as_str(), &name) {
                return fail(d, ErrorKind::Value, || {
                    format!("duplicate element <{name}> in <reason>")
                });
            }
            body.member_order.push(name.clone());
            let result = read_member(d, &mut body, &mut code, &child);
            d.at(result, |p| p.push_outer_key(&name))?;
            d.close();
        }
    }
    match code {
        Some(code) => body.code = code,
        None => {
            return fail(d, ErrorKind::Structure, || {
                "<reason> without a <code>".into()
            })
        }
    }
    Ok(body)
}

fn read_member<'a>(
    d: &mut Decoder<'a>,
    body: &mut ErrorBody,
    code: &mut Option<Str>,
    tag: &Tag<'a>,
) -> Step<()> {
    let name = tag.local_name();
    if name == "link" {
        body.link = Some(link_element(d, tag, false)?.1);
        return Ok(());
    }
    no_attributes(d, tag)?;
    let nil = d.attributes().nil;
    match name {
        "code" | "subcode" | "message" => {
            let text = text_only(d, tag, nil)?;
            match name {
                "code" => *code = Some(text),
                "subcode" => body.subcode = Some(text),
                _ => body.message = Some(text),
            }
        }
        "parameters" => body.parameters = Some(d.property_bag(tag)?),
        "debugInfo" => body.debug_info = Some(d.property_bag(tag)?),
        _ => {
            let value = d.element_value(tag, nil)?;
            body.other.push(Property {
                name: Str::from(name),
                value,
            });
        }
    }
    Ok(())
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
