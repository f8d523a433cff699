//! JSON decoding: serde visitors that build the model straight from serde_json's tokens.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::document::{expect_kind, surely_a_resource};
use super::seeds::{deserialize_through, map_seed, BorrowedStrSeed};
use crate::error::Result as CrateResult;
use crate::error::{ErrorKind, PathBuf};
use crate::model::DecodeOptions;
use crate::model::{
    push_sparingly, Cardinality, Date, DocumentKind, EmbeddedGroup, Few, Layout, Link, LinkGroup,
    Member, NameIndex, Property, Resource, Str, Value,
};

/// What the visitors share while decoding one document: the path of a failure, filled in as
/// the error travels outward (nothing is spent on it while decoding succeeds), and the error's
/// kind where it is more precise than serde's category.
///
/// It also holds scratch space so that the model's vectors are allocated once at their exact
/// size rather than grown (which leaves up to half of them unused): the properties of the
/// resources being read, each resource's from where it started (a resource's nested resources
/// are finished before it goes on), and likewise the link groups, link attributes and list
/// items being read.
#[derive(Default)]
pub(crate) struct Ctx {
    pub(crate) path: RefCell<PathBuf>,
    pub(crate) kind: Cell<Option<ErrorKind>>,
    /// The error is a number's that is no `i64`: its message is made again from the number as
    /// written ([`number_message`]), which the visitor does not see.
    pub(crate) number_error: Cell<bool>,
    /// The limits, and how deep and how many so far.
    pub(crate) options: DecodeOptions,
    depth: Cell<usize>,
    count: Cell<usize>,
    properties: RefCell<Vec<Property>>,
    link_groups: RefCell<Vec<LinkGroup>>,
    link_attributes: RefCell<Vec<(Str, Value)>>,
    items: RefCell<Vec<Value>>,
}

/// Takes the items pushed onto `scratch` since it held `from`, into a vector of their exact size.
fn take_from<T>(scratch: &RefCell<Vec<T>>, from: usize) -> Vec<T> {
    crate::model::take_share(&mut scratch.borrow_mut(), from)
}

impl Ctx {
    /// A context that keeps to `options`' limits.
    pub(crate) fn new(options: &DecodeOptions) -> Ctx {
        Ctx {
            options: options.clone(),
            ..Ctx::default()
        }
    }

    /// Counts one item (an object member or array element) against `max_items`.
    #[inline]
    pub(crate) fn count<E: de::Error>(&self) -> Result<(), E> {
        let count = self.count.get() + 1;
        self.count.set(count);
        if count > self.options.max_items {
            return Err(self.limit_error(crate::model::items_message(self.options.max_items)));
        }
        Ok(())
    }

    /// Enters a resource, against `max_depth`.
    fn enter<E: de::Error>(&self) -> Result<(), E> {
        let depth = self.depth.get() + 1;
        self.depth.set(depth);
        if depth > self.options.max_depth {
            return Err(self.limit_error(crate::model::depth_message(self.options.max_depth)));
        }
        Ok(())
    }

    fn leave(&self) {
        self.depth.set(self.depth.get() - 1);
    }

    fn limit_error<E: de::Error>(&self, message: String) -> E {
        self.kind.set(Some(ErrorKind::Limit));
        E::custom(message)
    }

    pub(crate) fn at_key<T, E>(&self, key: &str, result: Result<T, E>) -> Result<T, E> {
        if result.is_err() {
            self.path.borrow_mut().push_outer_key(key);
        }
        result
    }

    pub(crate) fn at_index<T, E>(&self, index: usize, result: Result<T, E>) -> Result<T, E> {
        if result.is_err() {
            self.path.borrow_mut().push_outer_index(index);
        }
        result
    }

    pub(crate) fn value_error<E: de::Error>(&self, message: impl fmt::Display) -> E {
        self.kind.set(Some(ErrorKind::Value));
        E::custom(message)
    }
}

map_seed!(
    pub(crate) ResourceSeed, Resource, "a resource (a JSON object)");

impl ResourceSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<Resource, A::Error> {
        let ctx = self.ctx;
        ctx.enter()?;
        let mut resource = Resource {
            layout: Layout::unplaced(),
            ..Resource::default()
        };
        let mut placed = 0;
        let mut seen = [false; 3];
        let mut names = NameIndex::default();
        let properties_from = ctx.properties.borrow().len();
        let property_count = || ctx.properties.borrow().len() - properties_from;
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            ctx.count()?;
            let member = match &*key {
                "rel" => Some(Member::Type),
                "_links" => Some(Member::Links),
                "_embedded" => Some(Member::Embedded),
                _ => None,
            };
            let Some(member) = member else {
                let repeat = {
                    let properties = ctx.properties.borrow();
                    let own = &properties[properties_from..];
                    names.contains(own.len(), |i| own[i].name.as_str(), &key)
                };
                if repeat {
                    ctx.path.borrow_mut().push_outer_key(&key);
                    return Err(ctx.value_error(format_args!("duplicate property `{key}`")));
                }
                let value = ctx.at_key(&key, map.next_value_seed(ValueSeed::new(ctx)))?;
                ctx.properties.borrow_mut().push(Property {
                    name: Str::from(key),
                    value,
                });
                continue;
            };
            let index = member as usize;
            if seen[index] {
                ctx.path.borrow_mut().push_outer_key(&key);
                return Err(ctx.value_error(format_args!("duplicate member `{key}`")));
            }
            seen[index] = true;
            resource.layout.place(member, property_count(), &mut placed);
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
        resource.properties = take_from(&ctx.properties, properties_from);
        ctx.leave();
        Ok(resource)
    }
}

map_seed!(
    pub(crate) LinksSeed, Vec<LinkGroup>, "an object of link relations");

impl LinksSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<LinkGroup>, A::Error> {
        let ctx = self.ctx;
        let from = ctx.link_groups.borrow().len();
        let mut index = NameIndex::default();
        while let Some(rel) = map.next_key_seed(BorrowedStrSeed)? {
            ctx.count()?;
            let found = {
                let groups = ctx.link_groups.borrow();
                let groups = &groups[from..];
                index.contains(groups.len(), |i| groups[i].rel.as_str(), &rel)
            };
            if found {
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
            ctx.link_groups.borrow_mut().push(LinkGroup {
                rel: Str::from(rel),
                cardinality,
                links,
            });
        }
        Ok(take_from(&ctx.link_groups, from))
    }
}

map_seed!(
    pub(crate) EmbeddedSeed,
    Vec<EmbeddedGroup>,
    "an object of embedded relations"
);

impl EmbeddedSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<EmbeddedGroup>, A::Error> {
        let ctx = self.ctx;
        let mut groups: Vec<EmbeddedGroup> = Vec::new();
        let mut index = NameIndex::default();
        while let Some(relation) = map.next_key_seed(BorrowedStrSeed)? {
            ctx.count()?;
            if index.contains(groups.len(), |i| groups[i].relation.as_str(), &relation) {
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
            let group = EmbeddedGroup {
                relation: Str::from(relation),
                cardinality,
                resources,
            };
            push_sparingly(&mut groups, group);
        }
        Ok(groups)
    }
}

/// One object (→ [`Cardinality::Single`]) or an array of them (→ [`Cardinality::Array`]).
struct OneOrMany<'c, S> {
    ctx: &'c Ctx,
    item: S,
}

/// What [`OneOrMany`] reads: the cardinality, and the items.
type Several<'de, S> = (Cardinality, Few<<S as DeserializeSeed<'de>>::Value>);

impl<'de, S> DeserializeSeed<'de> for OneOrMany<'_, S>
where
    S: DeserializeSeed<'de> + Visitor<'de, Value = <S as DeserializeSeed<'de>>::Value> + Copy,
{
    type Value = Several<'de, S>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S> Visitor<'de> for OneOrMany<'_, S>
where
    S: DeserializeSeed<'de> + Visitor<'de, Value = <S as DeserializeSeed<'de>>::Value> + Copy,
{
    type Value = Several<'de, S>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or an array of objects")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let one = self.item.visit_map(map)?;
        Ok((Cardinality::Single, Few::one(one)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Few::with_capacity(seq.size_hint().unwrap_or(4));
        loop {
            let index = items.len();
            match self.ctx.at_index(index, seq.next_element_seed(self.item))? {
                Some(item) => {
                    self.ctx.at_index(index, self.ctx.count())?;
                    items.push(item);
                }
                None => {
                    // Growing left up to half of it unused.
                    items.shrink_to_fit();
                    return Ok((Cardinality::Array, items));
                }
            }
        }
    }
}

map_seed!(
    pub(crate) LinkSeed, Link, "a link object with an `href`");

impl LinkSeed<'_> {
    fn read<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<Link, A::Error> {
        let ctx = self.ctx;
        let mut href: Option<Str> = None;
        let mut href_at = 0;
        let from = ctx.link_attributes.borrow().len();
        let mut names = NameIndex::default();
        while let Some(key) = map.next_key_seed(BorrowedStrSeed)? {
            ctx.count()?;
            if &*key == "href" {
                if href.is_some() {
                    ctx.path.borrow_mut().push_outer_key(&key);
                    return Err(ctx.value_error("duplicate member `href`"));
                }
                href = Some(ctx.at_key(&key, map.next_value::<Str>())?);
                href_at = ctx.link_attributes.borrow().len() - from;
            } else {
                let duplicate = {
                    let attributes = ctx.link_attributes.borrow();
                    let own = &attributes[from..];
                    names.contains(own.len(), |i| own[i].0.as_str(), &key)
                };
                if duplicate {
                    ctx.path.borrow_mut().push_outer_key(&key);
                    return Err(ctx.value_error(format_args!("duplicate member `{key}`")));
                }
                let value =
                    ctx.at_key(&key, map.next_value_seed(ValueSeed { ctx, in_list: true }))?;
                ctx.link_attributes
                    .borrow_mut()
                    .push((Str::from(key), value));
            }
        }
        match href {
            Some(href) => Ok(Link {
                href,
                attributes: take_from(&ctx.link_attributes, from),
                href_at: u32::try_from(href_at).unwrap_or(u32::MAX),
            }),
            None => Err(de::Error::missing_field("href")),
        }
    }
}

/// Decodes a property value: a scalar, or (outside a list) an array of scalars.
#[derive(Clone, Copy)]
pub(crate) struct ValueSeed<'c> {
    pub(crate) ctx: &'c Ctx,
    /// Inside a list (or a link attribute) only scalars are allowed.
    pub(crate) in_list: bool,
}

impl<'c> ValueSeed<'c> {
    /// A property's value: a scalar or an array of scalars.
    pub(crate) fn new(ctx: &'c Ctx) -> ValueSeed<'c> {
        ValueSeed {
            ctx,
            in_list: false,
        }
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// What is wrong with a JSON number that is no `i64`, from its text `literal` (as written,
/// where the input is at hand).
pub(crate) fn number_message(literal: &str) -> String {
    let digits = literal.strip_prefix('-').unwrap_or(literal);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        format!(
            "number {literal} is not an integer (UCWA values are integers; fractions and \
             exponents are refused)"
        )
    } else if digits.bytes().all(|b| b == b'0') {
        format!("number {literal} is the integer 0 written with a minus sign; write it `0`")
    } else if literal.starts_with('-') {
        format!("number {literal} is smaller than a 64-bit signed integer")
    } else {
        format!("number {literal} is larger than a 64-bit signed integer")
    }
}

/// A JSON string: a date in the ASP.NET form, or a string.
#[inline]
pub(crate) fn string_value(s: &str) -> Value {
    string_value_with(s, |s| Str::from(s))
}

/// [`string_value`], its string made by `make` (the fast path's go into shared blocks).
#[inline(always)]
pub(crate) fn string_value_with(s: &str, make: impl FnOnce(&str) -> Str) -> Value {
    if s.starts_with("/Date(") {
        if let Some(date) = Date::parse_json(s) {
            return Value::Date(date);
        }
    }
    Value::String(make(s))
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
        // serde_json gives an f64 for `-0`, fractions, exponents and integers out of range.
        self.ctx.number_error.set(true);
        Err(self.ctx.value_error(number_message(&v.to_string())))
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
        let ctx = self.ctx;
        let from = ctx.items.borrow().len();
        let item = ValueSeed { ctx, in_list: true };
        loop {
            let index = ctx.items.borrow().len() - from;
            match ctx.at_index(index, seq.next_element_seed(item))? {
                Some(v) => {
                    ctx.at_index(index, ctx.count())?;
                    ctx.items.borrow_mut().push(v);
                }
                None => return Ok(Value::List(take_from(&ctx.items, from))),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Map, &self))
    }
}

deserialize_through!(Resource, ResourceSeed);

impl<'de> serde::Deserialize<'de> for Value {
    /// Reads a property value: a scalar or an array of scalars; a string in the `/Date(ms)/`
    /// form becomes a date.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        let ctx = Ctx::default();
        ValueSeed::new(&ctx).deserialize(deserializer)
    }
}

/// Decodes a resource, refusing a document of another kind.
pub(super) fn decode(text: &str, options: &DecodeOptions) -> CrateResult<Resource> {
    expect_kind(
        options,
        text,
        DocumentKind::Resource,
        decode_any(text, options),
        surely_a_resource,
    )
}

/// Decodes a resource, whatever the kind the detection would give the document: by the fast
/// path ([`super::fast`]), else (where it leaves the document) by the serde decoder, from the
/// start.
pub(super) fn decode_any(text: &str, options: &DecodeOptions) -> CrateResult<Resource> {
    match super::fast::resource(text, options) {
        Some(resource) => Ok(resource),
        None => decode_full(text, options),
    }
}

/// Decodes a resource with the serde decoder alone, whatever the kind the detection would
/// give the document.
pub(super) fn decode_full(text: &str, options: &DecodeOptions) -> CrateResult<Resource> {
    super::decode_with(text, options, |ctx, de| {
        ResourceSeed { ctx }.deserialize(de)
    })
}

#[cfg(test)]
mod tests {
    use crate::{json, Resource};

    #[test]
    fn duplicate_relations_are_found_beyond_the_scan_limit() {
        let links: Vec<String> = (0..40)
            .map(|i| format!(r#""r{i}":{{"href":"/{i}"}}"#))
            .collect();
        let text = format!(
            r#"{{"_links":{{{},"r7":{{"href":"/dup"}}}}}}"#,
            links.join(",")
        );
        let err = json::from_str::<Resource>(&text).unwrap_err();
        assert_eq!(err.message(), "duplicate link relation `r7`");
        assert_eq!(err.path(), "_links.r7");
        let embedded: Vec<String> = (0..40)
            .map(|i| format!(r#""e{i}":[{{"p":{i}}}]"#))
            .collect();
        let text = format!(r#"{{"_embedded":{{{},"e30":{{}}}}}}"#, embedded.join(","));
        let err = json::from_str::<Resource>(&text).unwrap_err();
        assert_eq!(err.message(), "duplicate embedded relation `e30`");
    }
}
