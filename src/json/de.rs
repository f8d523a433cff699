//! JSON decoding: serde visitors that build the model straight from serde_json's tokens.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{ErrorKind, PathBuf};
use crate::model::{
    Cardinality, Date, EmbeddedGroup, GroupIndex, Layout, Link, LinkGroup, Member, Property,
    Resource, Str, Value,
};

/// What the visitors share while decoding one document: the path of a failure, filled in as
/// the error travels outward (nothing is spent on it while decoding succeeds), and the error's
/// kind where it is more precise than serde's category.
#[derive(Default)]
pub(crate) struct Ctx {
    pub(crate) path: RefCell<PathBuf>,
    pub(crate) kind: Cell<Option<ErrorKind>>,
}

impl Ctx {
    fn at_key<T, E>(&self, key: &str, result: Result<T, E>) -> Result<T, E> {
        if result.is_err() {
            self.path.borrow_mut().push_outer_key(key);
        }
        result
    }

    fn at_index<T, E>(&self, index: usize, result: Result<T, E>) -> Result<T, E> {
        if result.is_err() {
            self.path.borrow_mut().push_outer_index(index);
        }
        result
    }

    fn value_error<E: de::Error>(&self, message: impl fmt::Display) -> E {
        self.kind.set(Some(ErrorKind::Value));
        E::custom(message)
    }
}

/// Decodes one resource (a JSON object).
pub(crate) struct ResourceSeed<'c> {
    pub(crate) ctx: &'c Ctx,
}

impl<'de> DeserializeSeed<'de> for ResourceSeed<'_> {
    type Value = Resource;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Resource, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ResourceSeed<'_> {
    type Value = Resource;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a resource (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Resource, A::Error> {
        let ctx = self.ctx;
        let mut resource = Resource {
            layout: Layout::unplaced(),
            ..Resource::default()
        };
        let mut placed = 0;
        let mut seen = [false; 3];
        while let Some(key) = map.next_key::<Str>()? {
            let member = match key.as_str() {
                "rel" => Some(Member::Type),
                "_links" => Some(Member::Links),
                "_embedded" => Some(Member::Embedded),
                _ => None,
            };
            let Some(member) = member else {
                let value = ctx.at_key(
                    &key,
                    map.next_value_seed(ValueSeed {
                        ctx,
                        in_list: false,
                    }),
                )?;
                resource.properties.push(Property { name: key, value });
                continue;
            };
            let index = member as usize;
            if seen[index] {
                ctx.path.borrow_mut().push_outer_key(&key);
                return Err(ctx.value_error(format_args!("duplicate member `{key}`")));
            }
            seen[index] = true;
            resource
                .layout
                .place(member, resource.properties.len(), &mut placed);
            match member {
                Member::Type => {
                    resource.type_name = Some(ctx.at_key(&key, map.next_value::<Str>())?);
                }
                Member::Links => {
                    resource.links = ctx.at_key(&key, map.next_value_seed(LinksSeed { ctx }))?;
                }
                Member::Embedded => {
                    resource.embedded =
                        ctx.at_key(&key, map.next_value_seed(EmbeddedSeed { ctx }))?;
                }
            }
        }
        Ok(resource)
    }
}

/// Decodes `_links`: an object of relations, each a link object or an array of them.
struct LinksSeed<'c> {
    ctx: &'c Ctx,
}

impl<'de> DeserializeSeed<'de> for LinksSeed<'_> {
    type Value = Vec<LinkGroup>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<LinkGroup>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for LinksSeed<'_> {
    type Value = Vec<LinkGroup>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of link relations")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<LinkGroup>, A::Error> {
        let ctx = self.ctx;
        let mut groups: Vec<LinkGroup> = Vec::with_capacity(map.size_hint().unwrap_or(8));
        let mut index = GroupIndex::default();
        while let Some(rel) = map.next_key::<Str>()? {
            if index
                .find(groups.len(), |i| groups[i].rel.as_str(), &rel)
                .is_some()
            {
                ctx.path.borrow_mut().push_outer_key(&rel);
                return Err(ctx.value_error(format_args!("duplicate link relation `{rel}`")));
            }
            let (cardinality, links) = ctx.at_key(
                &rel,
                map.next_value_seed(OneOrMany {
                    ctx,
                    item: LinkSeed { ctx },
                }),
            )?;
            groups.push(LinkGroup {
                rel,
                cardinality,
                links,
            });
        }
        Ok(groups)
    }
}

/// Decodes `_embedded`: an object of relations, each a resource or an array of them.
struct EmbeddedSeed<'c> {
    ctx: &'c Ctx,
}

impl<'de> DeserializeSeed<'de> for EmbeddedSeed<'_> {
    type Value = Vec<EmbeddedGroup>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<EmbeddedGroup>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EmbeddedSeed<'_> {
    type Value = Vec<EmbeddedGroup>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of embedded relations")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<EmbeddedGroup>, A::Error> {
        let ctx = self.ctx;
        let mut groups: Vec<EmbeddedGroup> = Vec::new();
        let mut index = GroupIndex::default();
        while let Some(relation) = map.next_key::<Str>()? {
            if index
                .find(groups.len(), |i| groups[i].relation.as_str(), &relation)
                .is_some()
            {
                ctx.path.borrow_mut().push_outer_key(&relation);
                return Err(
                    ctx.value_error(format_args!("duplicate embedded relation `{relation}`"))
                );
            }
            let (cardinality, resources) = ctx.at_key(
                &relation,
                map.next_value_seed(OneOrMany {
                    ctx,
                    item: ResourceSeed { ctx },
                }),
            )?;
            groups.push(EmbeddedGroup {
                relation,
                cardinality,
                resources,
            });
        }
        Ok(groups)
    }
}

/// One object (→ [`Cardinality::Single`]) or an array of them (→ [`Cardinality::Array`]).
struct OneOrMany<'c, S> {
    ctx: &'c Ctx,
    item: S,
}

impl<'de, S> DeserializeSeed<'de> for OneOrMany<'_, S>
where
    S: DeserializeSeed<'de> + Visitor<'de, Value = <S as DeserializeSeed<'de>>::Value> + Copy,
{
    type Value = (Cardinality, Vec<<S as DeserializeSeed<'de>>::Value>);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S> Visitor<'de> for OneOrMany<'_, S>
where
    S: DeserializeSeed<'de> + Visitor<'de, Value = <S as DeserializeSeed<'de>>::Value> + Copy,
{
    type Value = (Cardinality, Vec<<S as DeserializeSeed<'de>>::Value>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or an array of objects")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let one = self.item.visit_map(map)?;
        Ok((Cardinality::Single, vec![one]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4));
        loop {
            let index = items.len();
            match self.ctx.at_index(index, seq.next_element_seed(self.item))? {
                Some(item) => items.push(item),
                None => return Ok((Cardinality::Array, items)),
            }
        }
    }
}

/// Decodes one link object: `href` and any other attributes.
#[derive(Clone, Copy)]
pub(crate) struct LinkSeed<'c> {
    pub(crate) ctx: &'c Ctx,
}

impl<'de> DeserializeSeed<'de> for LinkSeed<'_> {
    type Value = Link;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Link, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for LinkSeed<'_> {
    type Value = Link;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a link object with an `href`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Link, A::Error> {
        let ctx = self.ctx;
        let mut href: Option<Str> = None;
        let mut attributes = Vec::new();
        while let Some(key) = map.next_key::<Str>()? {
            if key == "href" {
                if href.is_some() {
                    ctx.path.borrow_mut().push_outer_key(&key);
                    return Err(ctx.value_error("duplicate member `href`"));
                }
                href = Some(ctx.at_key(&key, map.next_value::<Str>())?);
            } else {
                if attributes.iter().any(|(name, _)| *name == key) {
                    ctx.path.borrow_mut().push_outer_key(&key);
                    return Err(ctx.value_error(format_args!("duplicate member `{key}`")));
                }
                let value =
                    ctx.at_key(&key, map.next_value_seed(ValueSeed { ctx, in_list: true }))?;
                attributes.push((key, value));
            }
        }
        match href {
            Some(href) => Ok(Link { href, attributes }),
            None => Err(de::Error::missing_field("href")),
        }
    }
}

impl Copy for ResourceSeed<'_> {}
impl Clone for ResourceSeed<'_> {
    fn clone(&self) -> Self {
        *self
    }
}

/// Decodes a property value: a scalar, or (outside a list) an array of scalars.
#[derive(Clone, Copy)]
pub(crate) struct ValueSeed<'c> {
    pub(crate) ctx: &'c Ctx,
    /// Inside a list (or a link attribute) only scalars are allowed.
    pub(crate) in_list: bool,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// A JSON string: a date in the ASP.NET form, or a string.
fn string_value(s: &str) -> Value {
    if s.starts_with("/Date(") {
        if let Some(date) = Date::parse_json(s) {
            return Value::Date(date);
        }
    }
    Value::String(Str::from(s))
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.in_list {
            f.write_str("a string, integer, boolean or null")
        } else {
            f.write_str("a string, integer, boolean, null or array")
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Integer(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        i64::try_from(v).map(Value::Integer).map_err(|_| {
            self.ctx.value_error(format_args!(
                "number {v} is larger than a 64-bit signed integer"
            ))
        })
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Err(self.ctx.value_error(format_args!(
            "number {v} is not an integer (UCWA values are integers; fractions and exponents are refused)"
        )))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(string_value(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.in_list {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4));
        let item = ValueSeed {
            ctx: self.ctx,
            in_list: true,
        };
        loop {
            let index = items.len();
            match self.ctx.at_index(index, seq.next_element_seed(item))? {
                Some(v) => items.push(v),
                None => return Ok(Value::List(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Map, &self))
    }
}

impl<'de> serde::Deserialize<'de> for Resource {
    /// Reads a resource in the UCWA JSON shape from any serde format.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Resource, D::Error> {
        let ctx = Ctx::default();
        ResourceSeed { ctx: &ctx }.deserialize(deserializer)
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    /// Reads a property value: a scalar or an array of scalars; a string in the `/Date(ms)/`
    /// form becomes a date.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        let ctx = Ctx::default();
        ValueSeed {
            ctx: &ctx,
            in_list: false,
        }
        .deserialize(deserializer)
    }
}
