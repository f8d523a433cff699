//! XML encoding: writes the documented layout straight from the model.

use super::de::is_xml_char;
use super::{UCWA_NS, XSI_NS};
use crate::error::{Error, ErrorKind, Result};
use crate::model::codec::Spill;
use crate::model::{
    Cardinality, Link, LinkGroup, Member, NameIndex, Resource, TextBuf, Value, SELF,
};
use crate::scan;

/// Writes XML into a byte buffer, indented or not, and hands it on between resources if
/// it [spills](Spill).
pub(crate) struct Writer<'o> {
    out: &'o mut Vec<u8>,
    pretty: bool,
    depth: usize,
    /// Where the root's `xmlns:xsi` declaration goes, if the first `xsi:nil` comes
    /// ([`Writer::defer_xsi`]).
    xsi_at: Option<usize>,
    spill: Option<Spill<'o>>,
}

impl<'o> Writer<'o> {
    pub(crate) fn new(out: &'o mut Vec<u8>, pretty: bool) -> Writer<'o> {
        Writer {
            out,
            pretty,
            depth: 0,
            xsi_at: None,
            spill: None,
        }
    }

    /// A writer that hands its buffer on to `spill` as it fills ([`Writer::spill_when_full`]).
    pub(crate) fn spilling(out: &'o mut Vec<u8>, pretty: bool, spill: Spill<'o>) -> Writer<'o> {
        Writer {
            spill: Some(spill),
            ..Writer::new(out, pretty)
        }
    }

    /// Hands the buffer on if it spills and is full: between two resources.
    #[inline]
    pub(crate) fn spill_when_full(&mut self) -> Result<()> {
        match &mut self.spill {
            // A declaration still to be placed needs the start tag in the buffer.
            Some(spill) if self.xsi_at.is_none() => spill.when_full(self.out).map_err(Error::io),
            _ => Ok(()),
        }
    }

    /// Hands all of the buffer on if it spills.
    pub(crate) fn finish(&mut self) -> Result<()> {
        match &mut self.spill {
            Some(spill) => spill.all(self.out).map_err(Error::io),
            None => Ok(()),
        }
    }

    pub(crate) fn declaration(&mut self) {
        self.out
            .extend_from_slice(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        if self.pretty {
            self.out.push(b'\n');
        }
    }

    fn indent(&mut self) {
        if self.pretty {
            for _ in 0..self.depth {
                self.out.extend_from_slice(b"  ");
            }
        }
    }

    fn line_end(&mut self) {
        if self.pretty {
            self.out.push(b'\n');
        }
    }

    /// `<name`, indented.
    pub(crate) fn open_tag(&mut self, name: &str) {
        self.indent();
        self.out.push(b'<');
        self.out.extend_from_slice(name.as_bytes());
    }

    /// ` name="value"`, escaped.
    pub(crate) fn attribute(&mut self, name: &str, value: &str) -> Result<()> {
        self.out.push(b' ');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"=\"");
        escape(self.out, value, true)?;
        self.out.push(b'"');
        Ok(())
    }

    /// Keeps the place of an `xmlns:xsi` declaration in the start tag being written (the
    /// root's), to be filled only if an `xsi:nil` follows: whether the document holds a null
    /// is found while writing it, without walking it first.
    pub(crate) fn defer_xsi(&mut self) {
        self.xsi_at = Some(self.out.len());
    }

    /// Where the writer spills, what it hands on cannot wait for a declaration: a deferred
    /// one is written now if `needed` says a null will come, and is dropped otherwise.
    pub(crate) fn settle_xsi(&mut self, needed: impl FnOnce() -> bool) {
        if self.spill.is_some() && self.xsi_at.is_some() && needed() {
            self.declare_deferred_xsi();
        }
        if self.spill.is_some() {
            self.xsi_at = None;
        }
    }

    /// Writes the deferred `xmlns:xsi` declaration in its place.
    fn declare_deferred_xsi(&mut self) {
        if let Some(at) = self.xsi_at.take() {
            let declaration = [b" xmlns:xsi=\"", XSI_NS.as_bytes(), b"\""];
            self.out
                .splice(at..at, declaration.into_iter().flatten().copied());
        }
    }

    /// ` xsi:nil="true"`, after declaring `xsi` on the root if it waits for it.
    pub(crate) fn nil(&mut self) {
        self.declare_deferred_xsi();
        self.out.extend_from_slice(b" xsi:nil=\"true\"");
    }

    /// `>` after a start tag with children.
    pub(crate) fn open_end(&mut self) {
        self.out.push(b'>');
        self.line_end();
        self.depth += 1;
    }

    /// `/>` after an empty element's tag.
    pub(crate) fn empty_end(&mut self) {
        self.out.extend_from_slice(b"/>");
        self.line_end();
    }

    /// `</name>` after children.
    pub(crate) fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'>');
        self.line_end();
    }

    /// `>text</name>` after a start tag, or `/>` for empty text.
    pub(crate) fn text_element_end(&mut self, name: &str, text: &str) -> Result<()> {
        if text.is_empty() {
            self.empty_end();
            return Ok(());
        }
        self.out.push(b'>');
        escape(self.out, text, false)?;
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'>');
        self.line_end();
        Ok(())
    }

    /// `<tag` and its first attribute, `<tag attr="value"`, indented: `open` is the constant
    /// `<tag attr="`.
    fn open_with_attribute(&mut self, open: &[u8], value: &str) -> Result<()> {
        self.indent();
        self.out.extend_from_slice(open);
        escape(self.out, value, true)?;
        self.out.push(b'"');
        Ok(())
    }

    /// `>text</tag>` after a start tag, or `/>` for empty text: `close` is the constant
    /// `</tag>`.
    fn text_end(&mut self, close: &[u8], text: &str) -> Result<()> {
        if text.is_empty() {
            self.empty_end();
            return Ok(());
        }
        self.out.push(b'>');
        escape(self.out, text, false)?;
        self.out.extend_from_slice(close);
        self.line_end();
        Ok(())
    }

    /// A whole element holding only text: `<name>text</name>`.
    pub(crate) fn text_element(&mut self, name: &str, text: &str) -> Result<()> {
        self.open_tag(name);
        self.text_element_end(name, text)
    }
}

/// For each byte, whether the escaper must look at it: [`IN_TEXT`] for `&`, `<`, `]` (which
/// may begin `]]>`), a control character or the lead byte of U+FFFE/U+FFFF; [`IN_ATTRIBUTE`]
/// for `&`, `<`, `"`, the control characters and that lead byte. `>` needs no escape but in
/// text after `]]`.
static CARE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if matches!(byte, b'\t' | b'\n' | b'"') {
            table[b] = IN_ATTRIBUTE;
        } else if byte == b']' {
            table[b] = IN_TEXT;
        } else if byte < 0x20 || matches!(byte, b'&' | b'<' | 0xEF) {
            table[b] = IN_TEXT | IN_ATTRIBUTE;
        }
        b += 1;
    }
    table
};
const IN_TEXT: u8 = 1;
const IN_ATTRIBUTE: u8 = 2;

/// What [`escape`] writes for a character it stops at: an index into [`REPLACEMENTS`], or
/// [`KEEP`], [`LEAD_EF`] (the lead byte of U+FFFE/U+FFFF, which are errors, or of another
/// character, kept), [`BRACKET`] (`]`, which may begin `]]>`) or [`REFUSE`] (a control
/// character XML cannot carry).
const REPLACEMENTS: [&[u8]; 6] = [b"&amp;", b"&lt;", b"&#13;", b"&quot;", b"&#10;", b"&#9;"];
/// [`REPLACEMENTS`], each padded to eight bytes.
const PADDED_REPLACEMENTS: [[u8; 8]; 6] = {
    let mut padded = [[0u8; 8]; 6];
    let mut r = 0;
    while r < REPLACEMENTS.len() {
        let mut i = 0;
        while i < REPLACEMENTS[r].len() {
            padded[r][i] = REPLACEMENTS[r][i];
            i += 1;
        }
        r += 1;
    }
    padded
};
const KEEP: u8 = 6;
const LEAD_EF: u8 = 7;
const BRACKET: u8 = 8;
const REFUSE: u8 = 9;

/// The actions in text, where tab and line feed are kept, and in an attribute value, where a
/// reader would turn them (and `\r`) into spaces.
static TEXT_ACTION: [u8; 256] = actions(false);
static ATTRIBUTE_ACTION: [u8; 256] = actions(true);

const fn actions(attribute: bool) -> [u8; 256] {
    let mut table = [KEEP; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = REFUSE;
        b += 1;
    }
    table[b'&' as usize] = 0;
    table[b'<' as usize] = 1;
    table[b'\r' as usize] = 2;
    table[0xEF] = LEAD_EF;
    if attribute {
        table[b'"' as usize] = 3;
        table[b'\n' as usize] = 4;
        table[b'\t' as usize] = 5;
    } else {
        table[b'\n' as usize] = KEEP;
        table[b'\t' as usize] = KEEP;
        table[b']' as usize] = BRACKET;
    }
    table
}

/// The position of the first byte of `bytes` that [`CARE`] flags for `mask`.
#[inline]
fn find_care(bytes: &[u8], mask: u8) -> Option<usize> {
    let in_attribute = mask == IN_ATTRIBUTE;
    scan::find(
        bytes,
        |word| {
            let markup =
                scan::equal(word, b'&') | scan::equal(word, b'<') | scan::equal(word, 0xEF);
            if in_attribute {
                markup | scan::below(word, 0x20) | scan::equal(word, b'"')
            } else {
                // Text keeps tab and line feed: leave them out, exactly (a flag that is not
                // the lowest may be wrong, so the masked test must flag no byte wrongly).
                let kept = scan::equal_exact(word, b'\t') | scan::equal_exact(word, b'\n');
                markup | scan::equal(word, b']') | (scan::below_exact(word, 0x20) & !kept)
            }
        },
        |b| CARE[usize::from(b)] & mask != 0,
    )
}

/// Escapes text (`&`, `<`, the `>` of `]]>`, and `\r`, which a reader would otherwise turn
/// into `\n`) or an attribute value (`&`, `<`, `\r`, and `"`, tab and line feed, which a reader
/// would turn into spaces).
/// A character XML 1.0 cannot carry at all is an error.
fn escape(out: &mut Vec<u8>, text: &str, attribute: bool) -> Result<()> {
    let bytes = text.as_bytes();
    let mask = if attribute { IN_ATTRIBUTE } else { IN_TEXT };
    // Short values: one branch-free pass over them and one copy.
    if bytes.len() <= 32
        && bytes
            .iter()
            .fold(0u8, |found, &b| found | CARE[usize::from(b)])
            & mask
            == 0
    {
        out.extend_from_slice(bytes);
        return Ok(());
    }
    let mut start = 0;
    let mut i = 0;
    while let Some(skip) = find_care(&bytes[i..], mask) {
        i += skip;
        let b = bytes[i];
        let action = if attribute {
            ATTRIBUTE_ACTION[usize::from(b)]
        } else {
            TEXT_ACTION[usize::from(b)]
        };
        // A table rather than a `match`: its jump table mispredicts on text dense with
        // characters to escape.
        let Some(replacement) = REPLACEMENTS.get(usize::from(action)) else {
            match action {
                KEEP => {
                    i += 1;
                    continue;
                }
                // `]]>` may not stand in text: its `>` is written `&gt;`.
                BRACKET => {
                    if bytes.get(i + 1..i + 3) == Some(b"]>") {
                        out.extend_from_slice(&bytes[start..i + 2]);
                        out.extend_from_slice(b"&gt;");
                        i += 3;
                        start = i;
                    } else {
                        i += 1;
                    }
                    continue;
                }
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.
                LEAD_EF => {
                    if bytes.get(i + 1) == Some(&0xBF)
                        && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
                    {
                        let c = text[i..].chars().next().unwrap_or('\u{FFFF}');
                        debug_assert!(!is_xml_char(c));
                        return Err(unrepresentable(c));
                    }
                    i += 1;
                    continue;
                }
                _ => return Err(unrepresentable(char::from(b))),
            }
        };
        copy_run(out, bytes, start, i);
        // The entity as a whole word, trimmed after: see `copy_run`.
        let length = out.len() + replacement.len();
        out.extend_from_slice(&PADDED_REPLACEMENTS[usize::from(action)]);
        out.truncate(length);
        i += 1;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    Ok(())
}

/// Copies `bytes[start..end]`. A short run is copied as 32 bytes, the excess trimmed after: a
/// copy whose length is known only at run time branches on it, and on text dense with
/// characters to escape those branches mispredict.
#[inline(always)]
fn copy_run(out: &mut Vec<u8>, bytes: &[u8], start: usize, end: usize) {
    const WIDTH: usize = 32;
    match bytes.get(start..start + WIDTH) {
        Some(wide) if end - start <= WIDTH => {
            let length = out.len() + (end - start);
            out.extend_from_slice(wide);
            out.truncate(length);
        }
        _ => out.extend_from_slice(&bytes[start..end]),
    }
}

fn unrepresentable(c: char) -> Error {
    Error::new(
        ErrorKind::Unrepresentable,
        format!(
            "the character U+{:04X} cannot be written in XML 1.0",
            u32::from(c)
        ),
    )
}

/// Whether any value in the tree is null, so the root must declare the `xsi` prefix.
pub(crate) fn has_null(resource: &Resource) -> bool {
    resource.properties.iter().any(|p| match &p.value {
        Value::Null => true,
        Value::List(items) => items.iter().any(Value::is_null),
        _ => false,
    }) || resource
        .embedded
        .iter()
        .flat_map(|g| &g.resources)
        .any(has_null)
}

/// Declares the prefix `xsi` on a root element, if its document holds a null, unless its
/// self link declares it already among its attributes: the declaration waits for the first
/// `xsi:nil` ([`Writer::defer_xsi`]).
pub(crate) fn declare_xsi(w: &mut Writer<'_>, self_link: Option<&Link>) {
    if self_link.is_none_or(|link| link.attribute("xmlns:xsi").is_none()) {
        w.defer_xsi();
    }
}

/// Writes a resource element. `relation` is `None` for the root, which also gets the
/// namespace declarations.
pub(crate) fn write_resource(
    w: &mut Writer<'_>,
    resource: &Resource,
    relation: Option<&str>,
) -> Result<()> {
    let self_link = resource.link(SELF);
    let element = if relation.is_none() && resource.type_name.is_none() && self_link.is_none() {
        "input"
    } else {
        "resource"
    };
    w.open_tag(element);
    // The root's `rel`: the self link's `rel` attribute, where it differs from the type.
    let root_rel = self_link
        .filter(|_| relation.is_none())
        .and_then(|link| link.attribute("rel"))
        .and_then(Value::as_str);
    if let Some(rel) = relation.or(root_rel).or(resource.type_name.as_deref()) {
        w.attribute("rel", rel)?;
    }
    if let Some(link) = self_link {
        w.attribute("href", &link.href)?;
        link_attributes(w, link, root_rel.is_some())?;
        check_xsi_binding(resource, link)?;
    }
    if relation.is_none() {
        w.attribute("xmlns", UCWA_NS)?;
        declare_xsi(w, self_link);
        w.settle_xsi(|| has_null(resource));
    }
    let write_type = match (&resource.type_name, relation) {
        (None, _) => false,
        (Some(_), _) if resource.layout.type_at.is_some() => true,
        (Some(type_name), Some(relation)) => type_name != relation,
        (Some(_), None) => false,
    };
    let has_children = write_type
        || !resource.properties.is_empty()
        || !resource.embedded.is_empty()
        || has_link_elements(&resource.links);
    if !has_children {
        w.empty_end();
        return Ok(());
    }
    w.open_end();
    for group in &resource.links {
        // The first self link is the element's `href`; any further ones stay links.
        let skip = usize::from(group.rel == SELF);
        for link in group.links.iter().skip(skip) {
            w.open_with_attribute(b"<link rel=\"", &group.rel)?;
            w.attribute("href", &link.href)?;
            link_attributes(w, link, false)?;
            w.empty_end();
        }
    }
    let count = resource.properties.len();
    let type_at = resource
        .layout
        .position(Member::Type)
        .map_or(0, |p| (p as usize).min(count));
    for index in 0..=count {
        if write_type && index == type_at {
            let type_name = resource.type_name.as_deref().unwrap_or_default();
            w.open_tag("property");
            w.attribute("name", "rel")?;
            w.text_element_end("property", type_name)?;
        }
        if let Some(property) = resource.properties.get(index) {
            if property.name == "rel" {
                return Err(property_named_rel());
            }
            write_property(w, &property.name, &property.value)?;
        }
    }
    for group in &resource.embedded {
        let indexed = group.cardinality == Cardinality::Array || group.resources.len() > 1;
        for (index, child) in group.resources.iter().enumerate() {
            write_resource(w, child, Some(&group.relation)).map_err(|err| {
                let err = if indexed { err.in_index(index) } else { err };
                err.in_key(&group.relation).in_key("_embedded")
            })?;
            w.spill_when_full()?;
        }
    }
    w.close(element);
    Ok(())
}

/// The error of a property named `rel`, which XML would read back as the type.
#[cold]
#[inline(never)]
fn property_named_rel() -> Error {
    Error::new(
        ErrorKind::Unrepresentable,
        "a property named `rel` cannot be written in XML, where `<property name=\"rel\">` is \
         the resource's type",
    )
}

/// Whether `name` can be written as an XML attribute name beside `rel` and `href`: the
/// default namespace stays UCWA's, and `xml` and `xmlns` cannot be declared.
fn is_attribute_name(name: &str) -> bool {
    super::de::is_xml_name(name)
        && !matches!(name, "rel" | "href" | "xmlns" | "xmlns:xml" | "xmlns:xmlns")
}

/// The namespace prefix of a link attribute's name that the link must declare (any but `xml`
/// and `xmlns`).
fn declared_prefix(name: &str) -> Option<&str> {
    super::de::split_qname(name)
        .map(|(prefix, _)| prefix)
        .filter(|prefix| !matches!(*prefix, "xml" | "xmlns"))
}

/// Refuses a resource whose null values need the `xsi` prefix that its self link binds to
/// another namespace.
fn check_xsi_binding(resource: &Resource, self_link: &Link) -> Result<()> {
    let Some(uri) = self_link.attribute("xmlns:xsi") else {
        return Ok(());
    };
    if uri.as_str() != Some(XSI_NS) && has_null(resource) {
        return Err(Error::new(
            ErrorKind::Unrepresentable,
            format!(
                "the self link binds the prefix `xsi` to `{}`, but the resource's null values \
                 need it for {XSI_NS}",
                uri.as_str().unwrap_or_default()
            ),
        ));
    }
    Ok(())
}

/// Calls `write` with the XML text of a scalar ([`Value::to_text`]), formatting integers and
/// dates on the stack rather than in a `String`. `None` for null and lists.
/// A date outside the years 0000 to 9999 is refused: XML's ISO 8601 text has no form for it.
fn with_text(value: &Value, write: impl FnOnce(&str) -> Result<()>) -> Option<Result<()>> {
    Some(match value {
        Value::Null | Value::List(_) => return None,
        Value::Bool(true) => write("True"),
        Value::Bool(false) => write("False"),
        Value::Integer(i) => write(itoa::Buffer::new().format(*i)),
        Value::Date(date) if !date.has_iso_form() => Err(Error::new(
            ErrorKind::Unrepresentable,
            format!(
                "the date {} is outside the years 0000 to 9999, which XML's ISO 8601 text can \
                 hold",
                date.to_json_string()
            ),
        )),
        Value::Date(date) => write(date.iso_text(&mut TextBuf::new())),
        Value::String(s) | Value::Text(s) => write(s),
    })
}

/// Writes a link's attributes; `skip_rel`: all but a `rel`, which the caller wrote.
pub(crate) fn link_attributes(w: &mut Writer<'_>, link: &Link, skip_rel: bool) -> Result<()> {
    let attributes = &link.attributes;
    // The attributes' names, and the prefixes they use, indexed (a link may have thousands).
    let mut names = NameIndex::default();
    let mut used: Option<(Vec<&str>, NameIndex)> = None;
    for (name, value) in attributes {
        if skip_rel && name == "rel" {
            continue;
        }
        if !is_attribute_name(name) {
            return Err(Error::new(
                ErrorKind::Unrepresentable,
                format!("link attribute `{name}` cannot be written as an XML attribute"),
            ));
        }
        if let Some(prefix) = name.strip_prefix("xmlns:") {
            let (prefixes, index) = used.get_or_insert_with(|| {
                let prefixes = attributes
                    .iter()
                    .filter_map(|(other, _)| declared_prefix(other))
                    .collect();
                (prefixes, NameIndex::default())
            });
            if !index.contains(prefixes.len(), |i| prefixes[i], prefix) {
                return Err(Error::new(
                    ErrorKind::Unrepresentable,
                    format!(
                        "link attribute `{name}` declares a prefix no other attribute of the \
                         link uses: XML would read it as a namespace declaration, not as an \
                         attribute"
                    ),
                ));
            }
        }
        if let Some(prefix) = declared_prefix(name) {
            let declaration = format!("xmlns:{prefix}");
            if !names.contains(attributes.len(), |i| attributes[i].0.as_str(), &declaration) {
                return Err(Error::new(
                    ErrorKind::Unrepresentable,
                    format!(
                        "link attribute `{name}` has the namespace prefix `{prefix}`, which no \
                         `xmlns:{prefix}` attribute of the link declares"
                    ),
                ));
            }
        }
        match with_text(value, |text| w.attribute(name, text)) {
            Some(written) => written.map_err(|err| err.in_key(name))?,
            None => {
                return Err(Error::new(
                    ErrorKind::Unrepresentable,
                    format!(
                        "link attribute `{name}` is {}; an XML attribute holds only text",
                        value.kind_name()
                    ),
                ))
            }
        }
    }
    Ok(())
}

/// Writes a property; an error's path starts at its name.
pub(crate) fn write_property(w: &mut Writer<'_>, name: &str, value: &Value) -> Result<()> {
    write_property_value(w, name, value).map_err(|err| err.in_key(name))
}

fn write_property_value(w: &mut Writer<'_>, name: &str, value: &Value) -> Result<()> {
    match value {
        Value::Null => {
            w.open_tag("property");
            w.attribute("name", name)?;
            w.nil();
            w.empty_end();
        }
        Value::List(items) => {
            w.open_tag("propertyList");
            w.attribute("name", name)?;
            if items.is_empty() {
                w.empty_end();
                return Ok(());
            }
            w.open_end();
            write_items(w, "property", name, items)?;
            w.close("propertyList");
        }
        scalar => {
            w.open_with_attribute(b"<property name=\"", name)?;
            with_text(scalar, |text| w.text_end(b"</property>", text)).unwrap_or(Ok(()))?;
        }
    }
    Ok(())
}

/// Writes the `<item>`s of a list, the value of the `what` (a property, a member) `name`.
pub(crate) fn write_items(
    w: &mut Writer<'_>,
    what: &str,
    name: &str,
    items: &[Value],
) -> Result<()> {
    for (index, item) in items.iter().enumerate() {
        match item {
            Value::Null => {
                w.open_tag("item");
                w.nil();
                w.empty_end();
            }
            Value::List(_) => {
                return Err(Error::new(
                    ErrorKind::Unrepresentable,
                    format!("{what} `{name}` holds a list inside a list, which XML cannot write"),
                ))
            }
            scalar => with_text(scalar, |text| w.text_element("item", text))
                .unwrap_or(Ok(()))
                .map_err(|err| err.in_index(index))?,
        }
    }
    Ok(())
}

/// Whether link groups write `<link>` elements: any but the one self link, which is the
/// element's `href`.
pub(crate) fn has_link_elements(groups: &[LinkGroup]) -> bool {
    groups.iter().any(|g| g.rel != SELF || g.links.len() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_declares_xsi_exactly_when_a_null_is_written() {
        use crate::{Cardinality, Resource};
        let root_tag = "<resource rel=\"people\" href=\"/p\" xmlns=\"http://schemas.microsoft.com/rtc/2012/03/ucwa\"";
        let declared = format!("{root_tag} xmlns:xsi=\"{XSI_NS}\">");
        let tree = |null: Option<Value>| {
            let mut root = Resource::new("people");
            root.set_self_href("/p");
            root.push_property("first", "a");
            for i in 0..3 {
                let mut contact = Resource::new("contact");
                contact.set_self_href(format!("/p/{i}"));
                contact.push_property("name", format!("n{i}"));
                if i == 2 {
                    if let Some(null) = null.clone() {
                        contact.push_property("last", null);
                    }
                }
                root.push_embedded("contact", Cardinality::Array, contact);
            }
            root
        };
        let without = crate::xml::to_string(&tree(None)).expect("writes");
        assert!(without.contains(&format!("{root_tag}>")), "{without}");
        assert!(!without.contains("xsi"), "{without}");
        for null in [Value::Null, Value::List(vec!["x".into(), Value::Null])] {
            let compact = crate::xml::to_string(&tree(Some(null.clone()))).expect("writes");
            let pretty = crate::xml::to_string_pretty(&tree(Some(null))).expect("writes");
            for text in [&compact, &pretty] {
                // Declared once, on the root, though the null comes last.
                assert!(text.contains(&declared), "{text}");
                assert_eq!(text.matches("xmlns:xsi").count(), 1, "{text}");
                assert_eq!(text.matches("xsi:nil").count(), 1, "{text}");
            }
            let read = crate::xml::from_str::<crate::Resource>(&compact).expect("reads");
            assert_eq!(crate::xml::to_string(&read).expect("writes"), compact);
        }
    }

    #[test]
    fn attribute_names_that_xml_cannot_write_are_refused() {
        for good in [
            "title", "revision", "x-y", "a.b", "é", "_x", "p:x", "xmlns:p",
        ] {
            assert!(is_attribute_name(good), "{good}");
        }
        for bad in [
            "",
            "1x",
            "a b",
            "rel",
            "href",
            "xmlns",
            "xmlns:xml",
            "xmlns:xmlns",
            "-x",
            "a\"b",
        ] {
            assert!(!is_attribute_name(bad), "{bad}");
        }
    }

    /// Checks that escaping each text (as an attribute value, or as text) gives its expected
    /// form.
    fn assert_escapes(attribute: bool, cases: &[(&str, String)]) {
        for (text, expected) in cases {
            let mut out = Vec::new();
            escape(&mut out, text, attribute).expect("writable");
            assert_eq!(
                String::from_utf8(out).expect("UTF-8"),
                *expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn text_escapes_the_greater_than_sign_only_where_it_ends_cdata_s_closing_sequence() {
        let long = "x".repeat(40);
        assert_escapes(
            false,
            &[
                ("a > b", "a > b".to_owned()),
                ("a]]>b", "a]]&gt;b".to_owned()),
                ("]]]>]>]]", "]]]&gt;]>]]".to_owned()),
                ("]]>", "]]&gt;".to_owned()),
                ("&<]", "&amp;&lt;]".to_owned()),
                (&format!("{long}]]>]]>"), format!("{long}]]&gt;]]&gt;")),
                (&format!("{long}\r\t\n>\"]"), format!("{long}&#13;\t\n>\"]")),
            ],
        );
    }

    /// The escaping of one character, as the spec has it, for [`escape`] to be checked against.
    fn reference_escape(text: &str, attribute: bool) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '\r' => out.push_str("&#13;"),
                '"' if attribute => out.push_str("&quot;"),
                '\n' if attribute => out.push_str("&#10;"),
                '\t' if attribute => out.push_str("&#9;"),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn runs_of_every_length_between_escapes_are_copied_whole() {
        // Runs of 0 to 70 bytes (either side of the 32-byte wide copy) between characters to
        // escape, at the start, in the middle and at the very end of the text.
        for attribute in [false, true] {
            for gap in 0..70 {
                let run = "é-x".repeat(gap).chars().take(gap).collect::<String>();
                for tail in [0, 1, 31, 32, 33, 80] {
                    let text = format!("{run}&{run}<{run}\r{run}\"{}", "y".repeat(tail));
                    let mut out = Vec::new();
                    escape(&mut out, &text, attribute).expect("writable");
                    let written = String::from_utf8(out).expect("UTF-8");
                    assert_eq!(written, reference_escape(&text, attribute), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn attribute_values_escape_quotes_and_white_space_but_not_brackets() {
        let long = "x".repeat(40);
        assert_escapes(
            true,
            &[
                ("a > b]]>", "a > b]]>".to_owned()),
                ("\"&<", "&quot;&amp;&lt;".to_owned()),
                (
                    &format!("{long}\r\t\n>]]>"),
                    format!("{long}&#13;&#9;&#10;>]]>"),
                ),
            ],
        );
    }
}
