//! XML pieces the other documents share: reading element-style values and property bags
//! with the full reader, and writing them with the writer.

use std::borrow::Cow;

use quick_xml::events::Event;

use super::builder::{fail, property, value, Kind, Tag, Tokens};
use super::de::is_writable_name;
use super::de::{append, is_blank, normalize_line_ends, not_closed, resolve_reference};
use super::de::{Decoder, Step};
use super::ser::{write_items, write_property, Writer};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Link, Property, Str, Value};

impl<'a> Decoder<'a> {
    /// The value of an element-style member (opened): its text, nil (`xsi:nil="true"`), or a
    /// list of `<item>` children.
    pub(crate) fn element_value(&mut self, tag: &Tag<'a>, nil: bool) -> Step<Value> {
        let element = tag.local_name();
        if tag.empty {
            return Ok(if nil {
                Value::Null
            } else {
                Value::Text(Str::default())
            });
        }
        let mut text: Option<Str> = None;
        let mut items: Option<Vec<Value>> = None;
        let mut item = Tag::blank();
        loop {
            let (start, item_empty) = match self.next()? {
                Event::Text(chunk) if items.is_some() && is_blank(&chunk) => continue,
                Event::Text(chunk) if items.is_none() => {
                    append(&mut text, &normalize_line_ends(&chunk));
                    continue;
                }
                Event::CData(chunk) if items.is_none() => {
                    append(&mut text, &normalize_line_ends(&chunk));
                    continue;
                }
                Event::GeneralRef(reference) if items.is_none() => {
                    let mut buf = [0u8; 4];
                    append(&mut text, resolve_reference(&reference, &mut buf)?);
                    continue;
                }
                Event::Comment(_) | Event::PI(_) => continue,
                Event::End(_) => break,
                Event::Start(start) => (start, false),
                Event::Empty(start) => (start, true),
                Event::Eof => return not_closed(element),
                Event::Text(chunk) => {
                    return self.fail_in_text(
                        &chunk,
                        &format!("<{element}> holds both <item> elements and text"),
                    )
                }
                _ => {
                    return fail(self, ErrorKind::Structure, || {
                        format!("<{element}> holds both <item> elements and text")
                    })
                }
            };
            if text.as_deref().is_some_and(|t| !is_blank(t)) {
                return fail(self, ErrorKind::Structure, || {
                    format!("<{element}> holds both text and elements")
                });
            }
            self.open(&start, item_empty, &mut item)?;
            if item.kind != Kind::Item {
                return fail(self, ErrorKind::Structure, || {
                    format!(
                        "unexpected element <{}> in <{element}>; expected text or <item>s",
                        item.name
                    )
                });
            }
            let index = items.get_or_insert_with(Vec::new).len();
            let item_nil = self.attributes().nil;
            let result = value(self, &item, item_nil);
            let value = self.at(result, |p| p.push_outer_index(index))?;
            items.get_or_insert_with(Vec::new).push(value);
            self.close();
        }
        match items {
            Some(_) if nil => fail(self, ErrorKind::Value, || {
                format!("<{element}> has xsi:nil=\"true\" and items")
            }),
            Some(items) => Ok(Value::List(items)),
            None => {
                let text = text.unwrap_or_default();
                match (nil, text.is_empty()) {
                    (true, true) => Ok(Value::Null),
                    (true, false) => fail(self, ErrorKind::Value, || {
                        format!("<{element}> has xsi:nil=\"true\" and text")
                    }),
                    (false, _) => Ok(Value::Text(text)),
                }
            }
        }
    }

    /// A property bag (opened): `<property>` and `<propertyList>` children.
    pub(crate) fn property_bag(&mut self, tag: &Tag<'a>) -> Step<Vec<Property>> {
        let mut properties = Vec::new();
        if tag.empty {
            return Ok(properties);
        }
        let mut child = Tag::blank();
        while self.next_child(tag, &mut child)? {
            if !matches!(child.kind, Kind::Property | Kind::PropertyList) {
                return fail(self, ErrorKind::Structure, || {
                    format!(
                        "unexpected element <{}> in <{}>; expected <property> or \
                         <propertyList>",
                        child.name,
                        tag.local_name()
                    )
                });
            }
            properties.push(property(self, &child)?);
            self.close();
        }
        Ok(properties)
    }
}

/// Writes a property bag as `<element>` holding `<property>`s (`<element/>` when empty).
pub(crate) fn write_bag(w: &mut Writer<'_>, element: &str, properties: &[Property]) -> Result<()> {
    w.open_tag(element);
    if properties.is_empty() {
        w.empty_end();
        return Ok(());
    }
    w.open_end();
    for property in properties {
        write_property(w, &property.name, &property.value)?;
    }
    w.close(element);
    Ok(())
}

/// The error for a member whose name XML cannot write as an element.
pub(crate) fn bad_name(name: &str) -> Error {
    Error::new(
        ErrorKind::Unrepresentable,
        format!("member `{name}` cannot be written as an XML element name"),
    )
}

/// Writes an element-style member: `<name>text</name>`, `<name xsi:nil="true"/>`, or
/// `<name><item>..</item>...</name>` for a list.
pub(crate) fn write_value_element(w: &mut Writer<'_>, name: &str, value: &Value) -> Result<()> {
    if !is_writable_name(name) {
        return Err(bad_name(name));
    }
    match value {
        Value::Null => {
            w.open_tag(name);
            w.nil();
            w.empty_end();
        }
        Value::List(items) => {
            w.open_tag(name);
            if items.is_empty() {
                w.empty_end();
                return Ok(());
            }
            w.open_end();
            write_items(w, "member", name, items)?;
            w.close(name);
        }
        scalar => {
            let text = scalar.to_text().unwrap_or(Cow::Borrowed(""));
            w.text_element(name, &text)?;
        }
    }
    Ok(())
}

/// Writes a link as an empty element: `<element rel=".." href=".." other attributes/>`, the
/// `rel` given or else the link's own `rel` attribute.
pub(crate) fn write_link_element(
    w: &mut Writer<'_>,
    element: &str,
    rel: Option<&str>,
    link: &Link,
) -> Result<()> {
    w.open_tag(element);
    let own_rel = match link.attribute("rel") {
        Some(value) => Some(value.to_text().ok_or_else(|| {
            Error::new(
                ErrorKind::Unrepresentable,
                format!(
                    "link attribute `rel` is {}; an XML attribute holds only text",
                    value.kind_name()
                ),
            )
        })?),
        None => None,
    };
    if rel.is_some() && own_rel.is_some() {
        // The relation is the element's `rel`: a second one cannot be written.
        return Err(Error::new(
            ErrorKind::Unrepresentable,
            "a link of a relation carries a `rel` attribute of its own; XML has room for one",
        ));
    }
    if let Some(rel) = rel.or(own_rel.as_deref()) {
        w.attribute("rel", rel)?;
    }
    w.attribute("href", &link.href)?;
    let others = Link {
        href: Str::default(),
        attributes: link
            .attributes
            .iter()
            .filter(|(name, _)| name != "rel")
            .cloned()
            .collect(),
        href_at: 0,
    };
    super::ser::link_attributes(w, &others, false)?;
    w.empty_end();
    Ok(())
}
