//! The JSON codec of OPTIONS metadata: `{"metadata": [{"httpMethod", "parameters":
//! [{"name", "supportedValues"}]}]}`.

use serde::de::{self, DeserializeSeed, MapAccess};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::de::{Ctx, ValueSeed};
use super::document::{expect_kind, names_any};
use super::seeds::{deserialize_through, map_seed, note_key, ArrayOf, BorrowedStrSeed, StrSeed};
use crate::error::Result;
use crate::model::metadata::{
    Metadata, MethodMetadata, ParameterMetadata, METADATA_ORDER, METHOD_ORDER, PARAMETER_ORDER,
};
use crate::model::order::{names, plan, wanted, ReadOrder, Slot};
use crate::model::{DecodeOptions, DocumentKind, NameIndex, Property, Str};

/// Decodes OPTIONS metadata, refusing a document of another kind.
pub(super) fn decode(text: &str, options: &DecodeOptions) -> Result<Metadata> {
    let decoded = super::decode_with(text, options, |ctx, de| {
        MetadataSeed { ctx }.deserialize(de)
    });
    // A `metadata` array without `sender` or `code`: the detection finds metadata.
    let surely = |metadata: &Metadata| !names_any(&metadata.other, &["sender", "code"]);
    expect_kind(options, text, DocumentKind::Metadata, decoded, surely)
}

map_seed!(
    pub(crate) MetadataSeed,
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
    let value = ctx.at_key(&key, map.next_value_seed(ValueSeed::new(ctx)))?;
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
            let unknown = (metadata.other.len(), |i: usize| {
                metadata.other[i].name.as_str()
            });
            let place = match &*key {
                "metadata" => Some(0),
                _ => None,
            };
            note_key(ctx, (&mut order, &mut names), (place, 1), &key, unknown)?;
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
            let unknown = (method.other.len(), |i: usize| method.other[i].name.as_str());
            let place = match &*key {
                "httpMethod" => Some(0),
                "parameters" => Some(1),
                _ => None,
            };
            note_key(ctx, (&mut order, &mut names), (place, 2), &key, unknown)?;
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
            let unknown = (parameter.other.len(), |i: usize| {
                parameter.other[i].name.as_str()
            });
            let place = match &*key {
                "name" => Some(0),
                "supportedValues" => Some(1),
                _ => None,
            };
            note_key(ctx, (&mut order, &mut names), (place, 2), &key, unknown)?;
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

/// Writes an object, its members in `hint`'s order, then `default`'s: `known` writes a known
/// member (or nothing, for an array absent when read), the unknown ones come from `other`.
fn serialize_object<S: Serializer>(
    serializer: S,
    (hint, default): (&[Str], &[&'static str]),
    other: &[Property],
    mut known: impl FnMut(&mut S::SerializeMap, &'static str) -> Result<(), S::Error>,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    for slot in plan(hint, default, &names(other)) {
        match slot {
            Slot::Known(name) => known(&mut map, name)?,
            Slot::Other(j) => map.serialize_entry(other[j].name.as_str(), &other[j].value)?,
        }
    }
    map.end()
}

deserialize_through!(Metadata, MetadataSeed);

impl Serialize for Metadata {
    /// `{"metadata": [..]}`, then the unknown members, or in the order read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let order = (&self.member_order[..], &METADATA_ORDER[..]);
        serialize_object(serializer, order, &self.other, |map, _| {
            map.serialize_entry("metadata", &self.methods)
        })
    }
}

impl Serialize for MethodMetadata {
    /// `{"httpMethod": .., "parameters": [..]}`, then the unknown members, or in the order
    /// read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hint = &self.member_order;
        serialize_object(
            serializer,
            (hint, &METHOD_ORDER),
            &self.other,
            |map, name| match name {
                "httpMethod" => map.serialize_entry(name, self.http_method.as_str()),
                _ if wanted(hint, name, !self.parameters.is_empty()) => {
                    map.serialize_entry(name, &self.parameters)
                }
                _ => Ok(()),
            },
        )
    }
}

impl Serialize for ParameterMetadata {
    /// `{"name": .., "supportedValues": [..]}`, then the unknown members, or in the order
    /// read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hint = &self.member_order;
        let values = &self.supported_values;
        serialize_object(
            serializer,
            (hint, &PARAMETER_ORDER),
            &self.other,
            |map, name| {
                if name == "name" {
                    map.serialize_entry(name, self.name.as_str())
                } else if wanted(hint, name, !values.is_empty()) {
                    map.serialize_entry(name, values)
                } else {
                    Ok(())
                }
            },
        )
    }
}
