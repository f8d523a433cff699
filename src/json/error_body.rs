//! The JSON codec of error bodies: `{"code", "subcode", "message", "link", "parameters",
//! "debugInfo", ...}`.

use serde::de::{self, DeserializeSeed, MapAccess};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::de::{Ctx, LinkSeed, ValueSeed};
use super::document::{expect_kind, names_any};
use super::seeds::{deserialize_through, map_seed, note_member, BagSeed, BorrowedStrSeed, JsonBag};
use crate::error::Result;
use crate::model::error_body::ErrorBody;
use crate::model::order::{names, plan, Slot};
use crate::model::{DecodeOptions, DocumentKind, Link, NameIndex, Property, Str};

/// The members in the order JSON writes them, where [`ErrorBody::member_order`] says none.
const JSON_ORDER: [&str; 7] = [
    "code",
    "subcode",
    "message",
    "link",
    "parameters",
    "debugInfo",
    "*",
];

/// Decodes an error body, refusing a document of another kind.
pub(super) fn decode(text: &str, options: &DecodeOptions) -> Result<ErrorBody> {
    let decoded = super::decode_with(text, options, |ctx, de| {
        ErrorBodySeed { ctx }.deserialize(de)
    });
    // `code` without `_links` or `rel`: the detection finds an error body.
    let surely = |body: &ErrorBody| !names_any(&body.other, &["_links", "rel"]);
    expect_kind(options, text, DocumentKind::Error, decoded, surely)
}

map_seed!(
    pub(crate) ErrorBodySeed,
    ErrorBody,
    "an error body (a JSON object with a `code`)"
);

impl ErrorBodySeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorBody, A::Error> {
        let ctx = self.ctx;
        let mut body = ErrorBody::default();
        let mut code = None;
        let mut names = NameIndex::default();
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            note_member(ctx, &mut body.member_order, &mut names, &key)?;
            match &*key {
                "code" => code = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "subcode" => body.subcode = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "message" => body.message = Some(ctx.at_key(&key, map.next_value::<Str>())?),
                "link" => {
                    body.link = Some(ctx.at_key(&key, map.next_value_seed(LinkSeed { ctx }))?)
                }
                "parameters" => {
                    body.parameters = Some(ctx.at_key(&key, map.next_value_seed(BagSeed { ctx }))?);
                }
                "debugInfo" => {
                    body.debug_info = Some(ctx.at_key(&key, map.next_value_seed(BagSeed { ctx }))?);
                }
                _ => {
                    let value = ctx.at_key(&key, map.next_value_seed(ValueSeed::new(ctx)))?;
                    body.other.push(Property {
                        name: Str::from(key),
                        value,
                    });
                }
            }
        }
        match code {
            Some(code) => body.code = code,
            None => return Err(de::Error::missing_field("code")),
        }
        Ok(body)
    }
}

deserialize_through!(ErrorBody, ErrorBodySeed);

impl Serialize for ErrorBody {
    /// The JSON object, members in [`ErrorBody::member_order`], then the default order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for slot in plan(&self.member_order, &JSON_ORDER, &names(&self.other)) {
            match slot {
                Slot::Known("code") => map.serialize_entry("code", self.code.as_str())?,
                Slot::Known("subcode") => {
                    if let Some(subcode) = &self.subcode {
                        map.serialize_entry("subcode", subcode.as_str())?;
                    }
                }
                Slot::Known("message") => {
                    if let Some(message) = &self.message {
                        map.serialize_entry("message", message.as_str())?;
                    }
                }
                Slot::Known("link") => {
                    if let Some(link) = &self.link {
                        map.serialize_entry("link", &RelFirst(link))?;
                    }
                }
                Slot::Known("parameters") => {
                    if let Some(bag) = &self.parameters {
                        map.serialize_entry("parameters", &JsonBag(bag))?;
                    }
                }
                Slot::Known("debugInfo") => {
                    if let Some(bag) = &self.debug_info {
                        map.serialize_entry("debugInfo", &JsonBag(bag))?;
                    }
                }
                Slot::Known(_) => {}
                Slot::Other(j) => {
                    let property = &self.other[j];
                    map.serialize_entry(property.name.as_str(), &property.value)?;
                }
            }
        }
        map.end()
    }
}

/// A link written `rel` first (when it has one), then `href`, then the other attributes: the
/// shape UCWA gives links that name their relation.
struct RelFirst<'a>(&'a Link);

impl Serialize for RelFirst<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let link = self.0;
        let mut map = serializer.serialize_map(Some(1 + link.attributes.len()))?;
        if let Some(rel) = link.attribute("rel") {
            map.serialize_entry("rel", rel)?;
        }
        map.serialize_entry("href", link.href.as_str())?;
        for (name, value) in &link.attributes {
            if name != "rel" {
                map.serialize_entry(name.as_str(), value)?;
            }
        }
        map.end()
    }
}
