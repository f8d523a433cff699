//! JSON encoding: `Serialize` for the model, and a formatter that writes dates as UCWA does.

use std::io;

use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;

use crate::model::{
    Cardinality, Date, EmbeddedGroup, Link, LinkGroup, Member, Resource, TextBuf, Value,
};

impl Serialize for Resource {
    /// Writes the UCWA JSON shape: `rel`, the properties, `_links` and `_embedded`, in the order
    /// the [`Layout`](crate::Layout) recorded.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let count = self.properties.len();
        let layout = &self.layout;
        let at = |member: Member, default: usize| {
            layout
                .position(member)
                .map_or(default, |p| (p as usize).min(count))
        };
        let wanted = [
            self.type_name.is_some(),
            layout.links_at.is_some() || !self.links.is_empty(),
            layout.embedded_at.is_some() || !self.embedded.is_empty(),
        ];
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
                match member {
                    Member::Type => {
                        map.serialize_entry("rel", self.type_name.as_deref().unwrap_or(""))?
                    }
                    Member::Links => map.serialize_entry("_links", &LinksJson(&self.links))?,
                    Member::Embedded => {
                        map.serialize_entry("_embedded", &EmbeddedJson(&self.embedded))?
                    }
                }
            }
            if let Some(property) = self.properties.get(index) {
                map.serialize_entry(property.name.as_str(), &property.value)?;
            }
        }
        map.end()
    }
}

struct LinksJson<'a>(&'a [LinkGroup]);

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

struct EmbeddedJson<'a>(&'a [EmbeddedGroup]);

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
            (_, items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
        }
    }
}

impl Serialize for Link {
    /// `{"href": .., then every other attribute}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1 + self.attributes.len()))?;
        map.serialize_entry("href", self.href.as_str())?;
        for (name, value) in &self.attributes {
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
            Value::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
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

/// Writes `value` as JSON to `writer`, compact or pretty (two-space indent).
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
