//! JSON encoding: `Serialize` for the model, and a formatter that writes dates as UCWA does.

use std::io;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::model::codec::Spill;
use crate::model::{
    Cardinality, Date, EmbeddedGroup, Link, LinkGroup, Member, Property, Resource, Str, TextBuf,
    Value,
};
use crate::scan;

/// One member of a resource's JSON object.
#[derive(Clone, Copy)]
enum Entry<'r> {
    /// `"rel"`: the type.
    Type(&'r str),
    /// `"_links"`.
    Links,
    /// `"_embedded"`.
    Embedded,
    /// A property.
    Property(&'r Property),
}

/// Calls `visit` with each member of `resource` in the order JSON writes them: `rel`, `_links`
/// and `_embedded` where the [`Layout`](crate::Layout) placed them among the properties.
fn for_each_entry<'r, E>(
    resource: &'r Resource,
    mut visit: impl FnMut(Entry<'r>) -> Result<(), E>,
) -> Result<(), E> {
    let count = resource.properties.len();
    let layout = &resource.layout;
    let at = |member: Member, default: usize| {
        layout
            .position(member)
            .map_or(default, |p| (p as usize).min(count))
    };
    let wanted = [Member::Type, Member::Links, Member::Embedded].map(|m| resource.writes_member(m));
    let positions = [
        at(Member::Type, 0),
        at(Member::Links, count),
        at(Member::Embedded, count),
    ];
    for index in 0..=count {
        for member in layout.order {
            let slot = member as usize;
            if !wanted[slot] || positions[slot] != index {
                continue;
            }
            visit(match member {
                Member::Type => Entry::Type(resource.type_name.as_deref().unwrap_or("")),
                Member::Links => Entry::Links,
                Member::Embedded => Entry::Embedded,
            })?;
        }
        if let Some(property) = resource.properties.get(index) {
            visit(Entry::Property(property))?;
        }
    }
    Ok(())
}

/// Whether a property's name is one JSON gives to a resource's own members (`rel`, `_links`,
/// `_embedded`): such a property (which XML can hold) has no JSON form.
#[inline(always)]
pub(crate) fn is_reserved(name: &str) -> bool {
    match name.len() {
        3 => name == "rel",
        6 => name == "_links",
        9 => name == "_embedded",
        _ => false,
    }
}

/// The error of a property [`is_reserved`] names.
#[cold]
#[inline(never)]
pub(crate) fn reserved_property(name: &str) -> crate::Error {
    crate::Error::new(
        crate::ErrorKind::Unrepresentable,
        format!("a property named `{name}` cannot be written in JSON, where `{name}` is the resource's own member"),
    )
}

/// [`reserved_property`], as the direct writer returns it.
#[cold]
#[inline(never)]
fn reserved_property_io(name: &str) -> io::Error {
    io::Error::other(reserved_property(name))
}

impl Serialize for Resource {
    /// Writes the UCWA JSON shape: `rel`, the properties, `_links` and `_embedded`, in the order
    /// the [`Layout`](crate::Layout) recorded. A property named `rel`, `_links` or `_embedded`
    /// is an error.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for_each_entry(self, |entry| match entry {
            Entry::Type(type_name) => map.serialize_entry("rel", type_name),
            Entry::Links => map.serialize_entry("_links", &LinksJson(&self.links)),
            Entry::Embedded => map.serialize_entry("_embedded", &EmbeddedJson(&self.embedded)),
            Entry::Property(property) if is_reserved(&property.name) => {
                Err(serde::ser::Error::custom(reserved_property(&property.name)))
            }
            Entry::Property(property) => {
                map.serialize_entry(property.name.as_str(), &property.value)
            }
        })?;
        map.end()
    }
}

pub(crate) struct LinksJson<'a>(pub(crate) &'a [LinkGroup]);

impl Serialize for LinksJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for group in self.0 {
            map.serialize_entry(
                group.rel.as_str(),
                &OneOrMany(group.cardinality, &group.links),
            )?;
        }
        map.end()
    }
}

pub(crate) struct EmbeddedJson<'a>(pub(crate) &'a [EmbeddedGroup]);

impl Serialize for EmbeddedJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for group in self.0 {
            map.serialize_entry(
                group.relation.as_str(),
                &OneOrMany(group.cardinality, &group.resources),
            )?;
        }
        map.end()
    }
}

/// One object where the relation is single and holds one item; an array otherwise (so that
/// nothing is dropped).
struct OneOrMany<'a, T>(Cardinality, &'a [T]);

impl<T: Serialize> Serialize for OneOrMany<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.0, self.1) {
            (Cardinality::Single, [one]) => one.serialize(serializer),
            (_, items) => serializer.collect_seq(items.iter()),
        }
    }
}

impl Serialize for Link {
    /// `{"href": .., then every other attribute}`, `href` where [`Link::href_at`] puts it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.attributes.len()))?;
        let (before, after) = self.split_at_href();
        for (name, value) in before {
            map.serialize_entry(name.as_str(), value)?;
        }
        map.serialize_entry("href", self.href.as_str())?;
        for (name, value) in after {
            map.serialize_entry(name.as_str(), value)?;
        }
        map.end()
    }
}

impl Serialize for Value {
    /// JSON's own types; a date as the string `/Date(ms)/` (which [`crate::json`] writes with
    /// escaped slashes, `"\/Date(ms)\/"`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Integer(i) => serializer.serialize_i64(*i),
            Value::Date(date) => serializer.serialize_str(date.json_text(&mut TextBuf::new())),
            Value::String(s) | Value::Text(s) => serializer.serialize_str(s),
            Value::List(items) => serializer.collect_seq(items.iter()),
        }
    }
}

/// Wraps a serde_json formatter so that a string in the date form is written with escaped
/// slashes, `"\/Date(ms)\/"`, as UCWA writes it. Escaping a slash never changes a JSON string's
/// value, so this is safe for any string that happens to look like a date.
pub(crate) struct UcwaFormatter<F>(pub(crate) F);

macro_rules! delegate {
    ($($name:ident),*) => {$(
        #[inline]
        fn $name<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
            self.0.$name(writer)
        }
    )*};
}

macro_rules! delegate_first {
    ($($name:ident),*) => {$(
        #[inline]
        fn $name<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
            self.0.$name(writer, first)
        }
    )*};
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for UcwaFormatter<F> {
    delegate!(
        begin_array,
        end_array,
        end_array_value,
        begin_object,
        end_object,
        begin_object_value,
        end_object_value
    );
    delegate_first!(begin_array_value, begin_object_key);

    #[inline]
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if fragment.starts_with("/Date(") && Date::parse_json(fragment).is_some() {
            let inner = &fragment[1..fragment.len() - 1];
            writer.write_all(b"\\/")?;
            writer.write_all(inner.as_bytes())?;
            writer.write_all(b"\\/")
        } else {
            writer.write_all(fragment.as_bytes())
        }
    }
}

/// Writes `value` as JSON to `writer` through serde_json, compact or pretty (two-space indent).
///
/// The path for any `Serialize` value; [`write_resource`] writes a resource faster, and is
/// tested to write the same bytes as this.
pub(crate) fn write<W: io::Write, T: Serialize + ?Sized>(
    writer: W,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    if pretty {
        let formatter = UcwaFormatter(serde_json::ser::PrettyFormatter::with_indent(b"  "));
        value.serialize(&mut serde_json::Serializer::with_formatter(
            writer, formatter,
        ))
    } else {
        let formatter = UcwaFormatter(serde_json::ser::CompactFormatter);
        value.serialize(&mut serde_json::Serializer::with_formatter(
            writer, formatter,
        ))
    }
}

/// Writes a resource as JSON straight from the model: the same bytes as its `Serialize`
/// implementation through serde_json and [`UcwaFormatter`] (compact, or pretty with a
/// two-space indent), without serde's per-value dispatch and with a string escaper that copies
/// runs that need no escaping in one piece.
pub(crate) fn write_resource(
    out: &mut Vec<u8>,
    resource: &Resource,
    pretty: bool,
) -> io::Result<()> {
    JsonWriter::new(out, pretty).resource(resource)
}

/// [`write_resource`], handing `out` on to `spill` as it fills and at the end.
pub(crate) fn write_resource_to<'o>(
    out: &'o mut Vec<u8>,
    resource: &Resource,
    pretty: bool,
    spill: Spill<'o>,
) -> io::Result<()> {
    let mut writer = JsonWriter::new(out, pretty);
    writer.spill = Some(spill);
    writer.resource(resource)?;
    match &mut writer.spill {
        Some(spill) => spill.all(writer.out),
        None => Ok(()),
    }
}

/// The direct JSON writer behind [`write_resource`] (and the events documents' writer). It
/// writes into a vector: the copies of short pieces are then inline stores of a known width.
pub(crate) struct JsonWriter<'o> {
    out: &'o mut Vec<u8>,
    pretty: bool,
    /// Nesting depth, for the pretty indent.
    depth: usize,
    /// Where the buffer is handed on between embedded resources, if anywhere.
    spill: Option<Spill<'o>>,
}

/// serde_json's escape for each byte in a string: `0` for none, `u` for `\u00XX`, else the
/// letter after the backslash.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// The longest string [`JsonWriter::string`] checks in one branch-free pass.
const SHORT: usize = 30;

/// The position of the first byte of `bytes` that JSON escapes.
#[inline]
fn find_escape(bytes: &[u8]) -> Option<usize> {
    scan::find(bytes, escapes, |b| ESCAPE[usize::from(b)] != 0)
}

/// A string of at most [`SHORT`] bytes that needs no escaping, between quotes, at the start
/// of a buffer of fixed width; `None` for any other.
#[inline(always)]
fn quoted_plain(bytes: &[u8]) -> Option<[u8; SHORT + 2]> {
    let mut quoted = [b'"'; SHORT + 2];
    let length = bytes.len();
    if length < 8 {
        let mut escapes = 0;
        for (slot, &b) in quoted[1..].iter_mut().zip(bytes) {
            *slot = b;
            escapes |= ESCAPE[usize::from(b)];
        }
        return (escapes == 0).then_some(quoted);
    }
    if length > SHORT {
        return None;
    }
    // Four words cover it (the last ones overlap when it is shorter than 32 bytes).
    let mut found = 0;
    for k in 0..4 {
        let at = (k * 8).min(length - 8);
        let word: [u8; 8] = bytes[at..at + 8].try_into().expect("eight bytes");
        found |= escapes(u64::from_le_bytes(word));
        quoted[1 + at..9 + at].copy_from_slice(&word);
    }
    (found == 0).then_some(quoted)
}

/// Flags the bytes of a word that JSON escapes (see [`scan`]).
#[inline(always)]
fn escapes(word: u64) -> u64 {
    scan::below(word, 0x20) | scan::equal(word, b'"') | scan::equal(word, b'\\')
}

impl<'o> JsonWriter<'o> {
    /// A writer to `out`, compact or pretty.
    pub(crate) fn new(out: &'o mut Vec<u8>, pretty: bool) -> JsonWriter<'o> {
        JsonWriter {
            out,
            pretty,
            depth: 0,
            spill: None,
        }
    }

    /// Appends bytes (writing to a vector does not fail).
    #[inline(always)]
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    /// `{` or `[`.
    #[inline]
    pub(crate) fn open(&mut self, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.put(bracket)
    }

    /// `}` or `]`, on a line of its own (pretty) after entries.
    pub(crate) fn close(&mut self, bracket: &[u8], had_entries: bool) -> io::Result<()> {
        self.depth -= 1;
        if self.pretty && had_entries {
            self.put(b"\n")?;
            self.indent()?;
        }
        self.put(bracket)
    }

    fn indent(&mut self) -> io::Result<()> {
        for _ in 0..self.depth {
            self.put(b"  ")?;
        }
        Ok(())
    }

    /// What stands before an object entry or array item.
    pub(crate) fn separator(&mut self, first: bool) -> io::Result<()> {
        if self.pretty {
            self.put(if first { b"\n" } else { b",\n" })?;
            self.indent()
        } else if first {
            Ok(())
        } else {
            self.put(b",")
        }
    }

    /// An object entry's key and the colon after it.
    pub(crate) fn key(&mut self, first: bool, key: &str) -> io::Result<()> {
        self.separator(first)?;
        self.string(key)?;
        self.put(if self.pretty { b": " } else { b":" })
    }

    /// A key that needs no escaping and is no date, given quoted with its colon, compact and
    /// pretty: `"rel":` and `"rel": `.
    pub(crate) fn plain_key(
        &mut self,
        first: bool,
        compact: &[u8],
        pretty: &[u8],
    ) -> io::Result<()> {
        self.separator(first)?;
        self.put(if self.pretty { pretty } else { compact })
    }

    /// A string, escaped as serde_json escapes it; each run between escapes that is a date in
    /// the `/Date(..)/` form gets escaped slashes, as [`UcwaFormatter`] writes it.
    pub(crate) fn string(&mut self, text: &str) -> io::Result<()> {
        let bytes = text.as_bytes();
        // Most strings are short names and values that need nothing: they are checked and
        // copied between quotes a word at a time, and put out in one write of a fixed width
        // (the excess trimmed after), without a copy of a length known only at run time.
        if bytes.first() != Some(&b'/') {
            if let Some(quoted) = quoted_plain(bytes) {
                let end = self.out.len() + bytes.len() + 2;
                self.out.extend_from_slice(&quoted);
                self.out.truncate(end);
                return Ok(());
            }
        }
        self.put(b"\"")?;
        let mut start = 0;
        while let Some(skip) = find_escape(&bytes[start..]) {
            let i = start + skip;
            if start < i {
                self.fragment(&text[start..i])?;
            }
            let b = bytes[i];
            match ESCAPE[usize::from(b)] {
                b'u' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.put(&[
                        b'\\',
                        b'u',
                        b'0',
                        b'0',
                        HEX[usize::from(b >> 4)],
                        HEX[usize::from(b & 0xF)],
                    ])?;
                }
                escape => self.put(&[b'\\', escape])?,
            }
            start = i + 1;
        }
        if start < bytes.len() {
            self.fragment(&text[start..])?;
        }
        self.put(b"\"")
    }

    /// A run of a string that needs no escaping (see [`UcwaFormatter`]).
    fn fragment(&mut self, fragment: &str) -> io::Result<()> {
        let bytes = fragment.as_bytes();
        if bytes.get(..6) == Some(b"/Date(") && Date::parse_json(fragment).is_some() {
            self.put(b"\\/")?;
            self.put(&bytes[1..bytes.len() - 1])?;
            self.put(b"\\/")
        } else {
            self.put(bytes)
        }
    }

    pub(crate) fn value(&mut self, value: &Value) -> io::Result<()> {
        match value {
            Value::Null => self.put(b"null"),
            Value::Bool(true) => self.put(b"true"),
            Value::Bool(false) => self.put(b"false"),
            Value::Integer(i) => self.put(itoa::Buffer::new().format(*i).as_bytes()),
            Value::Date(date) => {
                let mut buf = TextBuf::new();
                let text = date.json_text(&mut buf);
                // What `string` writes for it, without parsing the text back: a date's own
                // text reads back as a date unless its milliseconds overflow the ticks (only
                // in the first 0.6 ms of the range).
                let reads_back = date.unix_millis().checked_mul(10_000).is_some();
                debug_assert_eq!(reads_back, Date::parse_json(text).is_some());
                if !reads_back {
                    return self.string(text);
                }
                self.put(b"\"\\/")?;
                self.put(&text.as_bytes()[1..text.len() - 1])?;
                self.put(b"\\/\"")
            }
            Value::String(s) | Value::Text(s) => self.string(s),
            Value::List(items) => {
                self.open(b"[")?;
                for (i, item) in items.iter().enumerate() {
                    self.separator(i == 0)?;
                    self.value(item)?;
                }
                self.close(b"]", !items.is_empty())
            }
        }
    }

    pub(crate) fn link(&mut self, link: &Link) -> io::Result<()> {
        self.open(b"{")?;
        let (before, after) = link.split_at_href();
        let first = self.attributes(true, before)?;
        self.plain_key(first, b"\"href\":", b"\"href\": ")?;
        self.string(&link.href)?;
        self.attributes(false, after)?;
        self.close(b"}", true)
    }

    /// Members `name: value`, the first of them first in its object when `first`; whether
    /// the object's next member is still its first.
    pub(crate) fn attributes(
        &mut self,
        first: bool,
        attributes: &[(Str, Value)],
    ) -> io::Result<bool> {
        for (i, (name, value)) in attributes.iter().enumerate() {
            self.key(first && i == 0, name)?;
            self.value(value)?;
        }
        Ok(first && attributes.is_empty())
    }

    /// One object for a single relation with one item, an array otherwise (see [`OneOrMany`]).
    fn one_or_many<T>(
        &mut self,
        cardinality: Cardinality,
        items: &[T],
        mut write: impl FnMut(&mut Self, &T) -> io::Result<()>,
    ) -> io::Result<()> {
        match (cardinality, items) {
            (Cardinality::Single, [one]) => write(self, one),
            (_, items) => {
                self.open(b"[")?;
                for (i, item) in items.iter().enumerate() {
                    self.separator(i == 0)?;
                    write(self, item)?;
                }
                self.close(b"]", !items.is_empty())
            }
        }
    }

    /// The object of `_links`, as [`LinksJson`] writes it.
    pub(crate) fn links(&mut self, groups: &[LinkGroup]) -> io::Result<()> {
        self.open(b"{")?;
        for (i, group) in groups.iter().enumerate() {
            self.key(i == 0, &group.rel)?;
            self.one_or_many(group.cardinality, &group.links, Self::link)?;
        }
        self.close(b"}", !groups.is_empty())
    }

    /// The object of `_embedded`, as [`EmbeddedJson`] writes it.
    pub(crate) fn embedded(&mut self, groups: &[EmbeddedGroup]) -> io::Result<()> {
        self.open(b"{")?;
        for (i, group) in groups.iter().enumerate() {
            self.key(i == 0, &group.relation)?;
            self.one_or_many(group.cardinality, &group.resources, |w, resource| {
                w.resource(resource)?;
                match &mut w.spill {
                    Some(spill) => spill.when_full(w.out),
                    None => Ok(()),
                }
            })?;
        }
        self.close(b"}", !groups.is_empty())
    }

    pub(crate) fn resource(&mut self, resource: &Resource) -> io::Result<()> {
        self.open(b"{")?;
        let mut first = true;
        for_each_entry(resource, |entry| {
            match entry {
                Entry::Type(type_name) => {
                    self.plain_key(first, b"\"rel\":", b"\"rel\": ")?;
                    self.string(type_name)?;
                }
                Entry::Links => {
                    self.plain_key(first, b"\"_links\":", b"\"_links\": ")?;
                    self.links(&resource.links)?;
                }
                Entry::Embedded => {
                    self.plain_key(first, b"\"_embedded\":", b"\"_embedded\": ")?;
                    self.embedded(&resource.embedded)?;
                }
                Entry::Property(property) => {
                    let name = property.name.as_str();
                    if is_reserved(name) {
                        return Err(reserved_property_io(name));
                    }
                    self.key(first, name)?;
                    self.value(&property.value)?;
                }
            }
            first = false;
            Ok::<(), io::Error>(())
        })?;
        self.close(b"}", !first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn both(resource: &Resource, pretty: bool) -> (String, String) {
        let mut direct = Vec::new();
        write_resource(&mut direct, resource, pretty).unwrap();
        let mut serde = Vec::new();
        write(&mut serde, resource, pretty).unwrap();
        (
            String::from_utf8(direct).unwrap(),
            String::from_utf8(serde).unwrap(),
        )
    }

    #[test]
    fn strings_of_every_short_length_are_escaped_as_serde_json_escapes_them() {
        for length in 0..=40 {
            for at in 0..length.max(1) {
                for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', ' ', '\u{7f}', 'é', '/'] {
                    let text: String = (0..length)
                        .map(|i| if i == at { special } else { 'a' })
                        .collect();
                    let mut out = Vec::new();
                    JsonWriter::new(&mut out, false).string(&text).unwrap();
                    let expected = serde_json::to_string(&text).unwrap();
                    assert_eq!(String::from_utf8(out).unwrap(), expected, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn the_direct_writer_writes_what_serde_writes() {
        let mut child = Resource::new("child");
        child.set_self_href("/c");
        child.push_property("empty", Value::List(vec![]));
        let mut r = Resource::new("a\"b\\c\u{1}\u{8}\u{c}\t\r\n\u{1f}\u{7f}é/Date(1)/");
        r.set_self_href("/Date(5)/");
        r.push_property("date", Date::from_unix_millis(-5).unwrap());
        r.push_property(
            "dates",
            vec![
                Date::from_ticks(i64::MIN, None).unwrap(),
                Date::from_ticks(i64::MAX, Some(1439)).unwrap(),
                Date::from_ticks(-1, Some(-1439)).unwrap(),
                Date::from_ticks(0, Some(0)).unwrap(),
            ],
        );
        r.push_property("lookalike", "x\n/Date(7+0100)/\t/Date(x)/");
        r.push_property("/Date(8)/", Value::Null);
        r.push_property("n", i64::MIN);
        r.push_property(
            "list",
            vec![Value::Bool(true), Value::Integer(7), Value::from("s")],
        );
        r.push_link(
            "many",
            Cardinality::Array,
            Link::new("/m").with_attribute("revision", 2),
        );
        r.push_link("none", Cardinality::Array, Link::new("/n"));
        r.links[2].links.clear();
        r.push_embedded("one", Cardinality::Single, child.clone());
        r.push_embedded("several", Cardinality::Array, child.clone());
        r.push_embedded("several", Cardinality::Array, Resource::default());
        let mut bare = Resource::default();
        bare.layout.links_at = Some(0);
        bare.layout.embedded_at = Some(0);
        let mut reordered = r.clone();
        reordered.layout.type_at = Some(2);
        reordered.layout.links_at = Some(0);
        reordered.layout.embedded_at = Some(1);
        reordered.layout.order = [Member::Embedded, Member::Type, Member::Links];
        for resource in [r, bare, reordered, Resource::default(), child] {
            for pretty in [false, true] {
                let (direct, serde) = both(&resource, pretty);
                assert_eq!(direct, serde);
            }
        }
    }
}
