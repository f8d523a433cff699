//! JSON pieces the documents share: property bags, arrays, member bookkeeping.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::de::{Ctx, ValueSeed};
use crate::model::order::ReadOrder;
use crate::model::{NameIndex, Property, Str};

/// Declares a seed that reads a JSON object with its inherent `fn read(self, map)`, holding
/// the decoding context, and implements `DeserializeSeed` and `Visitor` for it:
/// `map_seed!(pub(crate) Seed, Value, "what the object is")`.
macro_rules! map_seed {
    ($vis:vis $seed:ident, $value:ty, $expecting:literal) => {
        #[doc = concat!("Decodes ", $expecting, ".")]
        #[derive(Clone, Copy)]
        $vis struct $seed<'c> {
            pub(crate) ctx: &'c Ctx,
        }

        impl<'de> ::serde::de::DeserializeSeed<'de> for $seed<'_> {
            type Value = $value;

            fn deserialize<D: ::serde::de::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<$value, D::Error> {
                d.deserialize_map(self)
            }
        }

        impl<'de> ::serde::de::Visitor<'de> for $seed<'_> {
            type Value = $value;

            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($expecting)
            }

            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> Result<$value, A::Error> {
                self.read(map)
            }
        }
    };
}
pub(crate) use map_seed;

/// Implements `serde::Deserialize` for a document type through its seed (a fresh context):
/// the UCWA JSON shape read from any serde format, so the type can sit inside the user's own.
macro_rules! deserialize_through {
    ($value:ty, $seed:ident) => {
        impl<'de> ::serde::Deserialize<'de> for $value {
            /// Reads the UCWA JSON shape from any serde format.
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<$value, D::Error> {
                let ctx = Ctx::default();
                ::serde::de::DeserializeSeed::deserialize($seed { ctx: &ctx }, d)
            }
        }
    };
}
pub(crate) use deserialize_through;

/// Notes member `key` of an object in `order`: at its `place` in the object's order table
/// if it is a known member, else at the table's place for unknown members, `unknown_place`,
/// where it is checked against the names of the unknown members so far (`count` of them, the
/// `i`th named `name(i)`). A member read twice is refused: the object is ambiguous.
#[inline]
pub(crate) fn note_key<'n, E: de::Error>(
    ctx: &Ctx,
    (order, names): (&mut ReadOrder, &mut NameIndex),
    (place, unknown_place): (Option<usize>, usize),
    key: &str,
    (count, name): (usize, impl Fn(usize) -> &'n str),
) -> Result<(), E> {
    let noted = match place {
        Some(place) => order.known(place),
        None => {
            order.unknown(unknown_place);
            !names.contains(count, name, key)
        }
    };
    if noted {
        Ok(())
    } else {
        Err(duplicate_member(ctx, key))
    }
}

/// A member's name as read: borrowed from the input when it holds no escape (the rare name
/// with one is copied).
///
/// Matching the borrowed name against `rel`, `href`, `_links` ... and copying it only where it
/// is kept (a property's name: `Str::from(key)`) is cheaper than reading every name into a
/// [`Str`]: the decoder then read back, in whole words, a string just written a byte at a
/// time, which store-to-load forwarding cannot serve.
pub(crate) type Key<'de> = Cow<'de, str>;

/// Reads a string borrowed from the input where it holds no escape, copied where it does: a
/// member's name (a [`Key`]), or a value that is only matched, never kept (an event's `type`).
#[derive(Clone, Copy)]
pub(crate) struct BorrowedStrSeed;

impl<'de> DeserializeSeed<'de> for BorrowedStrSeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for BorrowedStrSeed {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Key<'de>, E> {
        Ok(Cow::Borrowed(name))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key<'de>, E> {
        Ok(Cow::Owned(name.to_owned()))
    }

    fn visit_string<E: de::Error>(self, name: String) -> Result<Key<'de>, E> {
        Ok(Cow::Owned(name))
    }
}

/// Records a member's name in `order` (whose names `names` indexes), refusing one read before
/// (a JSON object with a member twice is ambiguous).
pub(crate) fn note_member<E: de::Error>(
    ctx: &Ctx,
    order: &mut Vec<Str>,
    names: &mut NameIndex,
    key: &str,
) -> Result<(), E> {
    if names.contains(order.len(), |i| order[i].as_str(), key) {
        return Err(duplicate_member(ctx, key));
    }
    order.push(Str::from(key));
    Ok(())
}

/// The error of a member given twice in one object, with its path.
pub(crate) fn duplicate_member<E: de::Error>(ctx: &Ctx, key: &str) -> E {
    ctx.path.borrow_mut().push_outer_key(key);
    ctx.value_error(format_args!("duplicate member `{key}`"))
}

map_seed!(
    pub(crate) BagSeed, Vec<Property>, "an object of properties");

impl BagSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<Property>, A::Error> {
        let ctx = self.ctx;
        let mut properties = Vec::new();
        while let Some(name) = map.next_key_seed(BorrowedStrSeed)? {
            let value = ctx.at_key(&name, map.next_value_seed(ValueSeed::new(ctx)))?;
            properties.push(Property {
                name: Str::from(name),
                value,
            });
        }
        Ok(properties)
    }
}

/// Decodes an array, each item with `item`.
#[derive(Clone, Copy)]
pub(crate) struct ArrayOf<'c, S> {
    pub(crate) ctx: &'c Ctx,
    pub(crate) item: S,
    /// What the items are, for messages.
    pub(crate) what: &'static str,
}

impl<'de, S: DeserializeSeed<'de> + Copy> DeserializeSeed<'de> for ArrayOf<'_, S> {
    type Value = Vec<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for ArrayOf<'_, S> {
    type Value = Vec<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of {}", self.what)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // Without a hint, room for one: most arrays read here hold one item (a sender's
        // events), and a first room of four would be a block of 1 KiB for events.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(1).min(64));
        loop {
            let index = items.len();
            match self.ctx.at_index(index, seq.next_element_seed(self.item))? {
                Some(item) => items.push(item),
                None => return Ok(items),
            }
        }
    }
}

/// Decodes a JSON string.
#[derive(Clone, Copy)]
pub(crate) struct StrSeed;

impl<'de> DeserializeSeed<'de> for StrSeed {
    type Value = Str;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Str, D::Error> {
        serde::Deserialize::deserialize(d)
    }
}

/// Writes a property bag as an object.
pub(crate) struct JsonBag<'a>(pub(crate) &'a [Property]);

impl Serialize for JsonBag<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for property in self.0 {
            map.serialize_entry(property.name.as_str(), &property.value)?;
        }
        map.end()
    }
}

/// Encodes a value as JSON, compact or pretty, the way [`crate::json`] does.
pub(crate) fn encode<T: Serialize + ?Sized>(value: &T, pretty: bool) -> crate::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(512);
    super::ser::write(&mut out, value, pretty).map_err(super::encode_error)?;
    Ok(out)
}
