//! XML pieces the documents share: reading children, texts, property bags and links with the
//! resource decoder's machinery, and writing them with its writer.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};

use super::de::is_writable_name;
use super::de::{
    append, fail, is_blank, normalize_line_ends, resolve_reference, Attributes, Decoder, Kind, Step,
};
use super::ser::{write_property, Writer};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Link, Property, Str, Value};

/// The local part of an element's name (its namespace is checked by [`Decoder::open`]).
pub(crate) fn local_name<'s>(start: &'s BytesStart<'_>) -> &'s str {
    let qname: &'s str = start.name().0;
    qname.rsplit_once(':').map_or(qname, |(_, local)| local)
}

impl<'a> Decoder<'a> {
    /// The next child element of `parent` and whether it is empty, skipping blanks, comments
    /// and processing instructions; `None` at `parent`'s end tag.
    pub(crate) fn next_child(&mut self, parent: &str) -> Step<Option<(BytesStart<'a>, bool)>> {
        loop {
            match self.next()? {
                Event::Start(start) => return Ok(Some((start, false))),
                Event::Empty(start) => return Ok(Some((start, true))),
                Event::End(_) => return Ok(None),
                Event::Text(text) if is_blank(&text) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => {
                    return fail(
                        ErrorKind::Eof,
                        format!("unexpected end of input: <{parent}> is not closed"),
                    )
                }
                Event::Text(text) => {
                    return self.fail_in_text(&text, &format!("unexpected text in <{parent}>"))
                }
                _ => {
                    return fail(
                        ErrorKind::Structure,
                        format!("unexpected content in <{parent}>"),
                    )
                }
            }
        }
    }

    /// The text of an element that must hold text (not nil, no elements).
    pub(crate) fn text_only(&mut self, empty: bool, nil: bool, element: &str) -> Step<Str> {
        match self.text_content(empty, nil, element)? {
            Value::Text(text) => Ok(text),
            _ => fail(ErrorKind::Value, format!("<{element}> cannot be nil")),
        }
    }

    /// The value of an element-style member: its text, nil (`xsi:nil="true"`), or a list of
    /// `<item>` children.
    pub(crate) fn element_value(&mut self, empty: bool, nil: bool, element: &str) -> Step<Value> {
        if empty {
            return Ok(if nil {
                Value::Null
            } else {
                Value::Text(Str::default())
            });
        }
        let mut text: Option<Str> = None;
        let mut items: Option<Vec<Value>> = None;
        loop {
            let start = match self.next()? {
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
                Event::Eof => {
                    return fail(
                        ErrorKind::Eof,
                        format!("unexpected end of input: <{element}> is not closed"),
                    )
                }
                Event::Text(chunk) => {
                    return self.fail_in_text(
                        &chunk,
                        &format!("<{element}> holds both <item> elements and text"),
                    )
                }
                _ => {
                    return fail(
                        ErrorKind::Structure,
                        format!("<{element}> holds both <item> elements and text"),
                    )
                }
            };
            if text.as_deref().is_some_and(|t| !is_blank(t)) {
                return fail(
                    ErrorKind::Structure,
                    format!("<{element}> holds both text and elements"),
                );
            }
            let (start, item_empty) = start;
            let (kind, attributes) = self.open(&start)?;
            if kind != Kind::Item {
                return fail(
                    ErrorKind::Structure,
                    format!(
                        "unexpected element <{}> in <{element}>; expected text or <item>s",
                        start.name().0
                    ),
                );
            }
            let index = items.get_or_insert_with(Vec::new).len();
            let result = self.text_content(item_empty, attributes.nil, "item");
            let value = self.at(result, |p| p.push_outer_index(index))?;
            items.get_or_insert_with(Vec::new).push(value);
            self.close();
        }
        match items {
            Some(_) if nil => fail(
                ErrorKind::Value,
                format!("<{element}> has xsi:nil=\"true\" and items"),
            ),
            Some(items) => Ok(Value::List(items)),
            None => {
                let text = text.unwrap_or_default();
                match (nil, text.is_empty()) {
                    (true, true) => Ok(Value::Null),
                    (true, false) => fail(
                        ErrorKind::Value,
                        format!("<{element}> has xsi:nil=\"true\" and text"),
                    ),
                    (false, _) => Ok(Value::Text(text)),
                }
            }
        }
    }

    /// A property bag: `<property>` and `<propertyList>` children of `element`.
    pub(crate) fn property_bag(&mut self, empty: bool, element: &str) -> Step<Vec<Property>> {
        let mut properties = Vec::new();
        if empty {
            return Ok(properties);
        }
        while let Some((start, empty)) = self.next_child(element)? {
            let (kind, attributes) = self.open(&start)?;
            let (name, value) = match kind {
                Kind::Property => {
                    let name = self.required_name(&attributes, "property")?;
                    let result = self.text_content(empty, attributes.nil, "property");
                    let value = self.at(result, |p| p.push_outer_key(&name))?;
                    (name, value)
                }
                Kind::PropertyList => {
                    let name = self.required_name(&attributes, "propertyList")?;
                    let result = self.property_list(empty, attributes.nil);
                    let value = self.at(result, |p| p.push_outer_key(&name))?;
                    (name, value)
                }
                _ => {
                    return fail(
                        ErrorKind::Structure,
                        format!(
                            "unexpected element <{}> in <{element}>; expected <property> or \
                             <propertyList>",
                            start.name().0
                        ),
                    )
                }
            };
            properties.push(Property {
                name: Str::from(name),
                value,
            });
            self.close();
        }
        Ok(properties)
    }

    /// A link element that takes no content: `href` required, every other attribute kept
    /// (`rel` and `name` first, then the rest as written). `rel` is returned apart when
    /// `take_rel`.
    pub(crate) fn link_element(
        &mut self,
        attributes: Attributes<'_>,
        empty: bool,
        element: &str,
        take_rel: bool,
    ) -> Step<(Option<Str>, Link)> {
        let Some(href) = attributes.href else {
            return fail(
                ErrorKind::Structure,
                format!("<{element}> without an `href` attribute"),
            );
        };
        if !empty {
            self.expect_no_content(element)?;
        }
        let mut rel = attributes.rel.map(Str::from);
        let mut others = Vec::with_capacity(attributes.other.len() + 2);
        if !take_rel {
            if let Some(rel) = rel.take() {
                others.push((Str::from("rel"), Value::Text(rel)));
            }
        }
        if let Some(name) = attributes.name {
            others.push((Str::from("name"), Value::Text(Str::from(name))));
        }
        others.extend(attributes.other);
        Ok((
            rel,
            Link {
                href: Str::from(href),
                attributes: others,
                href_at: 0,
            },
        ))
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
            for item in items {
                match item {
                    Value::Null => {
                        w.open_tag("item");
                        w.nil();
                        w.empty_end();
                    }
                    Value::List(_) => {
                        return Err(Error::new(
                            ErrorKind::Unrepresentable,
                            format!("member `{name}` holds a list inside a list"),
                        ))
                    }
                    scalar => {
                        let text = scalar.to_text().unwrap_or_default();
                        w.text_element("item", &text)?;
                    }
                }
            }
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
