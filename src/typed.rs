//! Typed access: a resource's property bag read into your own `#[derive(Deserialize)]` struct,
//! and written from your own `#[derive(Serialize)]` struct.
//!
//! XML gives only text; the *field's type* says what the text is. The same struct reads the
//! JSON and the XML form of a resource:
//!
//! ```
//! use ucwa_codec::{Resource};
//! use serde::Deserialize;
//! use ucwa_codec::{json, xml, Date};
//!
//! #[derive(Deserialize, Debug, PartialEq)]
//! #[serde(rename_all = "camelCase")]
//! struct Conversation {
//!     participant_count: u32,
//!     recording: bool,
//!     created: Date,
//!     importance: Importance,
//!     active_modalities: Vec<String>,
//!     subject: Option<String>,
//! }
//!
//! #[derive(Deserialize, Debug, PartialEq)]
//! enum Importance { Low, Normal, High }
//!
//! let from_json = json::from_str::<Resource>(r#"{"rel": "conversation", "participantCount": 4,
//!     "recording": false, "created": "\/Date(1474932024835-0700)\/", "importance": "Normal",
//!     "activeModalities": ["Messaging"], "subject": null}"#)?;
//! let from_xml = xml::from_str::<Resource>(r#"<resource rel="conversation" href="/c/1"
//!         xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"
//!         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
//!     <property name="participantCount">4</property>
//!     <property name="recording">False</property>
//!     <property name="created">2016-09-26T16:20:24.835-07:00</property>
//!     <property name="importance">Normal</property>
//!     <propertyList name="activeModalities"><item>Messaging</item></propertyList>
//!     <property name="subject" xsi:nil="true"/>
//! </resource>"#)?;
//!
//! let a: Conversation = from_json.properties_as()?;
//! let b: Conversation = from_xml.properties_as()?;
//! assert_eq!(a, b);
//! assert_eq!(a.participant_count, 4);
//! assert_eq!(a.created.unix_millis(), 1474932024835);
//! assert_eq!(a.subject, None);
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! Only the property bag is read and written: the type name (`rel`), links and embedded
//! resources are not properties. [`Resource::properties_as`] and [`from_properties`] read;
//! [`Resource::set_properties_from`], [`Resource::from_properties`] and [`to_properties`]
//! write; [`from_value`] and [`to_value`] do the same for one [`Value`].
//!
//! # Reading: what each value becomes
//!
//! The conversion is chosen by the field's type (serde's `deserialize_u32`, `deserialize_bool`,
//! ...), so [`Value::Text`] read from XML and the typed values read from JSON meet in the same
//! field. [`Value::String`] (JSON) and [`Value::Text`] (XML) are read alike.
//!
//! | field type \ value | `Null` | `Bool(b)` | `Integer(i)` | `Date(d)` | `String(s)`, `Text(s)` | `List(items)` |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | `u8` .. `u128`, `i8` .. `i128` | error | error | `i` if in range | error | `s` parsed as decimal | error |
//! | `f32`, `f64` | error | error | `i` | error | `s` parsed | error |
//! | `bool` | error | `b` | error | error | `True`, `true`, `False`, `false` | error |
//! | `String`, `&str`, `char` | error | `True` / `False` | decimal text | ISO 8601 text | `s` (`&str` borrows it) | error |
//! | [`Date`] | error | error | error | `d`, exactly | either date form ([`Date::parse`]) | error |
//! | unit enum variant | error | variant `True` / `False` | variant named by the decimal text | variant named by the ISO text | variant named `s` | error |
//! | `Option<T>` | `None` | `Some`, as `T` | `Some`, as `T` | `Some`, as `T` | `Some`, as `T` | `Some`, as `T` |
//! | `Vec<T>`, tuples, sets | error | error | error | error | error | item by item, as `T` |
//! | `()`, unit struct | `()` | error | error | error | error | error |
//! | structs, maps | error | error | error | error | error | error |
//!
//! - **Text is the text XML would write** ([`Value::to_text`]): a `String` field takes any
//!   scalar, so a field that one server sends as a number and another as a string still
//!   reads. A `&str` field borrows from the resource, so it takes only strings and text.
//! - **Text is taken exactly**: `" 4"` is not a `u32`, `" True"` is not a `bool`, and the empty
//!   text of `<property name="x"/>` is no number (null is `xsi:nil="true"`). Integers are
//!   decimal, as Rust's `FromStr` reads them (an optional sign).
//! - **A date** reaches [`Date`]'s `Deserialize` as its ISO 8601 text, which keeps the 100 ns
//!   ticks and the offset, so a [`Value::Date`] reads back as the same `Date`.
//! - **A list is a list**: JSON (an array) and XML (a `<propertyList>`) both mark one, so a
//!   scalar where a list is expected (or the reverse) is an error, not a one-item list. Use
//!   `Option<Vec<T>>` or `#[serde(default)]` for a list that may be null or absent.
//! - **A missing property** is serde's business: `Option` fields become `None`, fields with
//!   `#[serde(default)]` their default, others fail with ``missing field `name` ``.
//! - **Unknown properties** are skipped, unless the struct says
//!   `#[serde(deny_unknown_fields)]`. A name that occurs twice (XML may repeat a property) is
//!   serde's ``duplicate field`` error for a struct.
//! - Where serde asks for "any" type (`deserialize_any`: `#[serde(flatten)]`, untagged enums,
//!   `serde_json::Value`), a value gives its natural type: text and strings give a string,
//!   integers an `i64`, booleans a `bool`, dates their ISO 8601 text, null a unit, lists a
//!   sequence. Serde buffers such values before the field's type is known, so text does not
//!   become a number inside them: avoid `flatten` and untagged enums around numbers and
//!   booleans read from XML.
//!
//! # Writing: what each Rust value becomes
//!
//! | Rust value | property value |
//! | --- | --- |
//! | `bool` | [`Value::Bool`] |
//! | integers | [`Value::Integer`]; an error beyond `i64` |
//! | `f32`, `f64` | [`Value::Integer`] when whole; an error otherwise (UCWA has no fractions) |
//! | `&str`, `String`, `char` | [`Value::String`]; a string of the exact shape `/Date(ms)/` or `/Date(ms±hhmm)/` becomes [`Value::Date`], as JSON decoding reads it |
//! | [`Date`] | [`Value::Date`] (to the millisecond, see below) |
//! | `None`, `()`, unit struct | [`Value::Null`] (skip it with `#[serde(skip_serializing_if = "Option::is_none")]`) |
//! | `Some(v)`, newtype struct | as `v` |
//! | unit enum variant | [`Value::String`] of its (renamed) name |
//! | `Vec<T>`, slices, sets, tuples | [`Value::List`] of scalars |
//! | structs, maps, enum variants with data, bytes, lists in lists | an error: a property value is a scalar or a list of scalars |
//!
//! The properties come from a struct (in field order) or a map (in its order); `None` and `()`
//! give no properties. [`Date`] serializes as its JSON form, `/Date(ms)/`, which has
//! milliseconds: a finer fraction of a date read from XML is truncated (as JSON encoding
//! does). To keep the 100 ns, set the property with [`Resource::set_property`].
//!
//! # Errors
//!
//! Errors are of kind [`ErrorKind::Value`] and name the property (and item) in their path,
//! e.g. `participantCount` or `emailAddresses[1]`:
//!
//! ```
//! use ucwa_codec::{Resource};
//! use serde::Deserialize;
//! use ucwa_codec::{xml, ErrorKind};
//!
//! #[derive(Deserialize, Debug)]
//! #[serde(rename_all = "camelCase")]
//! struct Conversation {
//!     participant_count: u32,
//! }
//!
//! let resource = xml::from_str::<Resource>(r#"<resource rel="conversation" href="/c/1"
//!     xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
//!   <property name="participantCount">four</property>
//! </resource>"#)?;
//! let err = resource.properties_as::<Conversation>().unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::Value);
//! assert_eq!(err.path(), "participantCount");
//! assert_eq!(err.to_string(), "expected u32, found text `four`, path participantCount");
//! # Ok::<(), ucwa_codec::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Impossible, Serialize, Serializer};
use serde::Deserialize;

use crate::error::{Error, ErrorKind, PathBuf, Result};
use crate::model::{Date, Property, Resource, Str, Value};

/// Reads a property bag into `T`, a struct (or a map) whose fields are named after the
/// properties. See the [module documentation](self) for what each value becomes.
///
/// ```
/// use std::collections::BTreeMap;
/// use ucwa_codec::{typed, Property, Value};
///
/// let properties = vec![
///     Property { name: "a".into(), value: Value::Text("1".into()) },
///     Property { name: "b".into(), value: Value::Integer(2) },
/// ];
/// let map: BTreeMap<String, u8> = typed::from_properties(&properties)?;
/// assert_eq!(map["a"] + map["b"], 3);
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn from_properties<'de, T: Deserialize<'de>>(properties: &'de [Property]) -> Result<T> {
    T::deserialize(PropertiesDeserializer { properties }).map_err(Error::from)
}

/// Reads one value into `T`, by `T`'s type: [`Value::Text`] `"4"` into a `u32`, `"True"` into
/// a `bool`, ...
///
/// ```
/// use ucwa_codec::{typed, Date, Value};
///
/// assert_eq!(typed::from_value::<u32>(&Value::Text("4".into()))?, 4);
/// assert_eq!(typed::from_value::<bool>(&Value::Text("True".into()))?, true);
/// assert_eq!(typed::from_value::<String>(&Value::Integer(4))?, "4");
/// let list = Value::List(vec![Value::Text("1".into()), Value::Null]);
/// assert_eq!(typed::from_value::<Vec<Option<i64>>>(&list)?, [Some(1), None]);
/// let date: Date = typed::from_value(&Value::Text("2016-09-26T16:20:24.8356669-07:00".into()))?;
/// assert_eq!(date.offset_minutes(), Some(-420));
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn from_value<'de, T: Deserialize<'de>>(value: &'de Value) -> Result<T> {
    T::deserialize(ValueDeserializer { value }).map_err(Error::from)
}

/// Writes `value`, a struct (or a map), as a property bag: one property per field, in field
/// order. See the [module documentation](self) for what each value becomes.
///
/// ```
/// use serde::Serialize;
/// use ucwa_codec::{typed, Value};
///
/// #[derive(Serialize)]
/// #[serde(rename_all = "camelCase")]
/// struct Phone<'a> {
///     number: &'a str,
///     include_in_contact_card: bool,
/// }
///
/// let properties = typed::to_properties(&Phone { number: "tel:+1", include_in_contact_card: true })?;
/// assert_eq!(properties[1].name, "includeInContactCard");
/// assert_eq!(properties[1].value, Value::Bool(true));
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn to_properties<T: Serialize + ?Sized>(value: &T) -> Result<Vec<Property>> {
    value.serialize(PropertiesSerializer).map_err(Error::from)
}

/// Writes one value: a scalar or a list of scalars.
///
/// ```
/// use ucwa_codec::{typed, Date, Value};
///
/// assert_eq!(typed::to_value(&4u32)?, Value::Integer(4));
/// assert_eq!(typed::to_value(&None::<bool>)?, Value::Null);
/// assert_eq!(typed::to_value(&["a", "b"])?, Value::from(vec!["a", "b"]));
/// let date = Date::from_unix_millis(1474932024822).unwrap();
/// assert_eq!(typed::to_value(&date)?, Value::Date(date));
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value> {
    value.serialize(ValueSerializer).map_err(Error::from)
}

impl Resource {
    /// Reads the property bag into `T`, a struct (or a map) whose fields are named after the
    /// properties: text read from XML becomes the field's type. `&str` fields borrow from the
    /// resource. See the [`typed`](crate::typed) module for what each value becomes.
    ///
    /// ```
    /// use ucwa_codec::{Resource};
    /// use serde::Deserialize;
    /// use ucwa_codec::xml;
    ///
    /// #[derive(Deserialize)]
    /// #[serde(rename_all = "camelCase")]
    /// struct Participant<'a> {
    ///     name: &'a str,
    ///     organizer: bool,
    ///     in_lobby: Option<bool>,
    /// }
    ///
    /// let resource = xml::from_str::<Resource>(r#"<resource rel="participant" href="/p/1"
    ///     xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
    ///   <property name="name">Joe Smith</property>
    ///   <property name="organizer">True</property>
    /// </resource>"#)?;
    /// let participant: Participant = resource.properties_as()?;
    /// assert_eq!(participant.name, "Joe Smith");
    /// assert!(participant.organizer);
    /// assert_eq!(participant.in_lobby, None);
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    ///
    /// # Errors
    /// A value that does not fit its field, or a missing field, is an error of kind
    /// [`ErrorKind::Value`] whose path names the property (and the item, in a list).
    pub fn properties_as<'de, T: Deserialize<'de>>(&'de self) -> Result<T> {
        from_properties(&self.properties)
    }

    /// Writes the fields of `value` (a struct or a map) as properties: a property of the same
    /// name is replaced where it stands, others are appended in field order. Properties that
    /// `value` does not write (other names, skipped fields) are kept. See the
    /// [`typed`](crate::typed) module for what each value becomes.
    ///
    /// ```
    /// use serde::Serialize;
    /// use ucwa_codec::{json, Resource};
    ///
    /// #[derive(Serialize)]
    /// #[serde(rename_all = "camelCase")]
    /// struct Note<'a> {
    ///     message: &'a str,
    ///     #[serde(skip_serializing_if = "Option::is_none")]
    ///     etag: Option<&'a str>,
    /// }
    ///
    /// let mut note = Resource::new("note");
    /// note.push_property("etag", "2943169141");
    /// note.push_property("type", "personal");
    /// note.set_properties_from(&Note { message: "Hi", etag: None })?;
    /// assert_eq!(
    ///     json::to_string(&note)?,
    ///     r#"{"rel":"note","etag":"2943169141","type":"personal","message":"Hi"}"#
    /// );
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    ///
    /// # Errors
    /// A field that has no property form (a nested struct or map, a fraction, an integer beyond
    /// `i64`, ...) is an error of kind [`ErrorKind::Value`] whose path names it; then the
    /// resource is left unchanged.
    pub fn set_properties_from<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        for Property { name, value } in to_properties(value)? {
            self.set_property(name, value);
        }
        Ok(())
    }

    /// A resource of the given type whose properties are the fields of `value` (a struct or a
    /// map), in field order. See the [`typed`](crate::typed) module for what each value
    /// becomes.
    ///
    /// ```
    /// use serde::Serialize;
    /// use ucwa_codec::{xml, Resource};
    ///
    /// #[derive(Serialize)]
    /// #[serde(rename_all = "camelCase")]
    /// struct Presence {
    ///     availability: Availability,
    /// }
    ///
    /// #[derive(Serialize)]
    /// enum Availability { Online, Away }
    ///
    /// let mut presence = Resource::from_properties("presence", &Presence { availability: Availability::Away })?;
    /// presence.set_self_href("/ucwa/v1/applications/192/me/presence");
    /// assert!(xml::to_string(&presence)?.contains(r#"<property name="availability">Away</property>"#));
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`set_properties_from`](Resource::set_properties_from).
    pub fn from_properties<T: Serialize + ?Sized>(
        type_name: impl Into<Str>,
        value: &T,
    ) -> Result<Resource> {
        Ok(Resource {
            properties: to_properties(value)?,
            ..Resource::new(type_name)
        })
    }
}

// ---------------------------------------------------------------------------------------------
// The error inside serde, converted to the crate's `Error` at the boundary.

/// The error of the serde implementations here: a message and the path, built innermost first
/// as the error travels out of the fields and items.
#[derive(Debug)]
struct TypedError {
    message: String,
    path: PathBuf,
}

impl TypedError {
    fn new(message: impl Into<String>) -> TypedError {
        TypedError {
            message: message.into(),
            path: PathBuf::default(),
        }
    }

    fn at_key(mut self, key: &str) -> TypedError {
        self.path.push_outer_key(key);
        self
    }

    fn at_index(mut self, index: usize) -> TypedError {
        self.path.push_outer_index(index);
        self
    }
}

impl fmt::Display for TypedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TypedError {}

impl de::Error for TypedError {
    fn custom<T: fmt::Display>(msg: T) -> TypedError {
        TypedError::new(msg.to_string())
    }
}

impl ser::Error for TypedError {
    fn custom<T: fmt::Display>(msg: T) -> TypedError {
        TypedError::new(msg.to_string())
    }
}

impl From<TypedError> for Error {
    fn from(err: TypedError) -> Error {
        Error::new(ErrorKind::Value, err.message).with_path(err.path.render())
    }
}

/// `expected EXPECTED, found FOUND`.
fn mismatch(expected: impl fmt::Display, found: &Value) -> TypedError {
    TypedError::new(format!("expected {expected}, found {}", Found(found)))
}

/// A value as an error message names it: ``text `four` ``, ``integer `4` ``, `null`, ...
struct Found<'a>(&'a Value);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// Longer texts are cut to this many characters in messages.
        const SHOWN: usize = 40;
        let value = self.0;
        match value {
            Value::Null => f.write_str("null"),
            Value::List(items) => write!(f, "a list of {}", Items(items.len())),
            Value::Bool(b) => write!(f, "boolean `{b}`"),
            _ => {
                let text = value.to_text().unwrap_or_default();
                let mut chars = text.char_indices();
                let cut = chars.nth(SHOWN).map(|(at, _)| &text[..at]);
                match cut {
                    Some(start) => write!(f, "{} `{start}…`", value.kind_name()),
                    None => write!(f, "{} `{text}`", value.kind_name()),
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// A property bag as a serde map: property name -> value.
struct PropertiesDeserializer<'de> {
    properties: &'de [Property],
}

/// A serializer's methods for enum variants with data, which it refuses with `$refuse` (the
/// message ending in `$more`).
macro_rules! refuse_enum_variants {
    ($refuse:ident, $more:literal) => {
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            name: &'static str,
            _index: u32,
            variant: &'static str,
            _value: &T,
        ) -> Result<Self::Ok, TypedError> {
            Err($refuse(format_args!(
                concat!("the enum variant {}::{}", $more),
                name, variant
            )))
        }

        fn serialize_tuple_variant(
            self,
            name: &'static str,
            _index: u32,
            variant: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeTupleVariant, TypedError> {
            Err($refuse(format_args!(
                concat!("the enum variant {}::{}", $more),
                name, variant
            )))
        }

        fn serialize_struct_variant(
            self,
            name: &'static str,
            _index: u32,
            variant: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeStructVariant, TypedError> {
            Err($refuse(format_args!(
                concat!("the enum variant {}::{}", $more),
                name, variant
            )))
        }
    };
}

/// A deserializer's `deserialize_newtype_struct`: the newtype reads what the deserializer holds.
macro_rules! newtype_struct_as_inner {
    () => {
        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, TypedError> {
            visitor.visit_newtype_struct(self)
        }
    };
}

impl<'de> Deserializer<'de> for PropertiesDeserializer<'de> {
    type Error = TypedError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        visitor.visit_map(PropertiesAccess {
            properties: self.properties.iter(),
            current: None,
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        visitor.visit_some(self)
    }

    newtype_struct_as_inner!();

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum identifier
    }
}

/// The entries of a property bag; each error names its property.
struct PropertiesAccess<'de> {
    properties: std::slice::Iter<'de, Property>,
    current: Option<&'de Property>,
}

impl<'de> MapAccess<'de> for PropertiesAccess<'de> {
    type Error = TypedError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TypedError> {
        let Some(property) = self.properties.next() else {
            return Ok(None);
        };
        self.current = Some(property);
        seed.deserialize(BorrowedStrDeserializer::<TypedError>::new(&property.name))
            .map(Some)
            .map_err(|e| e.at_key(&property.name))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, TypedError> {
        let property = self
            .current
            .take()
            .ok_or_else(|| TypedError::new("a property's value was asked for before its name"))?;
        seed.deserialize(ValueDeserializer {
            value: &property.value,
        })
        .map_err(|e| e.at_key(&property.name))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.properties.len())
    }
}

/// `1 item`, `N items`.
struct Items(usize);

impl fmt::Display for Items {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 item"),
            n => write!(f, "{n} items"),
        }
    }
}

/// One value, read by the type asked for.
#[derive(Clone, Copy)]
struct ValueDeserializer<'de> {
    value: &'de Value,
}

impl<'de> ValueDeserializer<'de> {
    /// An integer: [`Value::Integer`] in range, or text in decimal.
    fn integer<T: TryFrom<i64> + FromStr>(self, name: &str) -> Result<T, TypedError> {
        let parsed = match self.value {
            Value::Integer(i) => T::try_from(*i).ok(),
            Value::String(s) | Value::Text(s) => s.parse().ok(),
            _ => None,
        };
        parsed.ok_or_else(|| mismatch(name, self.value))
    }

    /// A number: [`Value::Integer`], or text that Rust parses as a float.
    fn float(self, name: &str) -> Result<f64, TypedError> {
        match self.value {
            Value::Integer(i) => Ok(*i as f64),
            Value::String(s) | Value::Text(s) => s.parse().map_err(|_| mismatch(name, self.value)),
            _ => Err(mismatch(name, self.value)),
        }
    }

    /// The text of a scalar, as XML would write it; dates in ISO 8601.
    fn text(self, expected: impl fmt::Display) -> Result<Cow<'de, str>, TypedError> {
        self.value
            .to_text()
            .ok_or_else(|| mismatch(expected, self.value))
    }
}

/// Hands text to a visitor, borrowed where it can.
fn visit_text<'de, V: Visitor<'de>>(
    text: Cow<'de, str>,
    visitor: V,
) -> Result<V::Value, TypedError> {
    match text {
        Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
        Cow::Owned(s) => visitor.visit_string(s),
    }
}

/// `deserialize_TYPE` for integer types: `visit_TYPE` of the parsed integer.
macro_rules! deserialize_integers {
    ($($method:ident => $visit:ident: $ty:ty,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
            visitor.$visit(self.integer::<$ty>(stringify!($ty))?)
        }
    )*};
}

impl<'de> Deserializer<'de> for ValueDeserializer<'de> {
    type Error = TypedError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Integer(i) => visitor.visit_i64(*i),
            Value::Date(d) => visitor.visit_string(d.to_string()),
            Value::String(s) | Value::Text(s) => visitor.visit_borrowed_str(s),
            Value::List(items) => visit_list(items, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        let parsed = match self.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) | Value::Text(s) => crate::model::parse_bool(s),
            _ => None,
        };
        match parsed {
            Some(b) => visitor.visit_bool(b),
            None => Err(mismatch("bool", self.value)),
        }
    }

    deserialize_integers! {
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        visitor.visit_f32(self.float("f32")? as f32)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        visitor.visit_f64(self.float("f64")?)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        let text = self.text("char")?;
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => visitor.visit_char(c),
            _ => Err(mismatch("char", self.value)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        visit_text(self.text("text")?, visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        match self.text("text")? {
            Cow::Borrowed(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
            Cow::Owned(s) => visitor.visit_byte_buf(s.into_bytes()),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            other => Err(mismatch("null", other)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TypedError> {
        self.deserialize_unit(visitor)
    }

    newtype_struct_as_inner!();

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        match self.value {
            Value::List(items) => visit_list(items, visitor),
            other => Err(mismatch("a list", other)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, TypedError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, TypedError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, TypedError> {
        Err(mismatch(
            "a map (a property value is a scalar or a list)",
            self.value,
        ))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, TypedError> {
        Err(mismatch(
            format_args!("struct {name} (a property value is a scalar or a list)"),
            self.value,
        ))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TypedError> {
        match self.text(format_args!("enum {name}"))? {
            Cow::Borrowed(s) => visitor.visit_enum(BorrowedStrDeserializer::new(s)),
            Cow::Owned(s) => visitor.visit_enum(StringDeserializer::new(s)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TypedError> {
        visitor.visit_unit()
    }
}

/// Visits the items of a list; an item's error names its index, and items left over are an
/// error.
fn visit_list<'de, V: Visitor<'de>>(
    items: &'de [Value],
    visitor: V,
) -> Result<V::Value, TypedError> {
    let mut access = ListAccess {
        items: items.iter().enumerate(),
    };
    let value = visitor.visit_seq(&mut access)?;
    match access.items.len() {
        0 => Ok(value),
        left => Err(TypedError::new(format!(
            "expected a list of {}, found a list of {}",
            Items(items.len() - left),
            Items(items.len())
        ))),
    }
}

/// The items of a list.
struct ListAccess<'de> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
}

impl<'de> SeqAccess<'de> for ListAccess<'de> {
    type Error = TypedError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, TypedError> {
        let Some((index, value)) = self.items.next() else {
            return Ok(None);
        };
        seed.deserialize(ValueDeserializer { value })
            .map(Some)
            .map_err(|e| e.at_index(index))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

// ---------------------------------------------------------------------------------------------
// Writing.

/// `CANNOT WRITE: a property value is a scalar or a list of scalars`.
fn not_a_value(what: impl fmt::Display) -> TypedError {
    TypedError::new(format!(
        "cannot write {what} as a property value: a property value is a scalar or a list of scalars"
    ))
}

/// `properties are written from a struct or a map, not from WHAT`.
fn not_properties(what: impl fmt::Display) -> TypedError {
    TypedError::new(format!(
        "properties are written from a struct or a map, not from {what}"
    ))
}

/// The scalar methods of a `Serializer` that takes no scalar: each fails with
/// `$refuse("a boolean")`, `$refuse("an integer")`, ...
macro_rules! refuse_scalars {
    ($ok:ty, $refuse:ident) => {
        refuse_scalars!(@ $ok, $refuse, "a boolean": serialize_bool(bool));
        refuse_scalars!(@ $ok, $refuse, "an integer": serialize_i8(i8), serialize_i16(i16),
            serialize_i32(i32), serialize_i64(i64), serialize_i128(i128), serialize_u8(u8),
            serialize_u16(u16), serialize_u32(u32), serialize_u64(u64), serialize_u128(u128));
        refuse_scalars!(@ $ok, $refuse, "a number": serialize_f32(f32), serialize_f64(f64));
        refuse_scalars!(@ $ok, $refuse, "a character": serialize_char(char));
        refuse_scalars!(@ $ok, $refuse, "a string": serialize_str(&str));
        refuse_scalars!(@ $ok, $refuse, "bytes": serialize_bytes(&[u8]));
    };
    (@ $ok:ty, $refuse:ident, $what:literal: $($method:ident($ty:ty)),*) => {$(
        fn $method(self, _v: $ty) -> Result<$ok, TypedError> {
            Err($refuse($what))
        }
    )*};
}

/// Writes a struct or a map as properties.
struct PropertiesSerializer;

impl Serializer for PropertiesSerializer {
    type Ok = Vec<Property>;
    type Error = TypedError;
    type SerializeSeq = Impossible<Vec<Property>, TypedError>;
    type SerializeTuple = Impossible<Vec<Property>, TypedError>;
    type SerializeTupleStruct = Impossible<Vec<Property>, TypedError>;
    type SerializeTupleVariant = Impossible<Vec<Property>, TypedError>;
    type SerializeMap = PropertiesWriter;
    type SerializeStruct = PropertiesWriter;
    type SerializeStructVariant = Impossible<Vec<Property>, TypedError>;

    refuse_scalars!(Vec<Property>, not_properties);

    fn serialize_none(self) -> Result<Vec<Property>, TypedError> {
        Ok(Vec::new())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Vec<Property>, TypedError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Vec<Property>, TypedError> {
        Ok(Vec::new())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<Vec<Property>, TypedError> {
        Ok(Vec::new())
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Vec<Property>, TypedError> {
        Err(not_properties(format_args!(
            "the enum variant {name}::{variant}"
        )))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Vec<Property>, TypedError> {
        value.serialize(self)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, TypedError> {
        Err(not_properties("a list"))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, TypedError> {
        Err(not_properties("a tuple"))
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, TypedError> {
        Err(not_properties(format_args!("the tuple struct {name}")))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<PropertiesWriter, TypedError> {
        Ok(PropertiesWriter::with_capacity(len.unwrap_or(0)))
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<PropertiesWriter, TypedError> {
        Ok(PropertiesWriter::with_capacity(len))
    }

    refuse_enum_variants!(not_properties, "");
}

/// Collects the properties of a struct or a map.
struct PropertiesWriter {
    properties: Vec<Property>,
    /// A map's key, waiting for its value.
    key: Option<Str>,
}

impl PropertiesWriter {
    fn with_capacity(len: usize) -> PropertiesWriter {
        PropertiesWriter {
            properties: Vec::with_capacity(len),
            key: None,
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, name: Str, value: &T) -> Result<(), TypedError> {
        let value = value
            .serialize(ValueSerializer)
            .map_err(|e| e.at_key(&name))?;
        self.properties.push(Property { name, value });
        Ok(())
    }
}

impl ser::SerializeStruct for PropertiesWriter {
    type Ok = Vec<Property>;
    type Error = TypedError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TypedError> {
        self.push(key.into(), value)
    }

    fn end(self) -> Result<Vec<Property>, TypedError> {
        Ok(self.properties)
    }
}

impl ser::SerializeMap for PropertiesWriter {
    type Ok = Vec<Property>;
    type Error = TypedError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TypedError> {
        self.key = Some(match key.serialize(ValueSerializer)? {
            Value::String(name) => name,
            Value::Date(date) => date.to_json_string().into(),
            other => {
                return Err(TypedError::new(format!(
                    "a property name must be text, found {}",
                    Found(&other)
                )))
            }
        });
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TypedError> {
        let name = self
            .key
            .take()
            .ok_or_else(|| TypedError::new("a map's value was written before its key"))?;
        self.push(name, value)
    }

    fn end(self) -> Result<Vec<Property>, TypedError> {
        Ok(self.properties)
    }
}

/// Writes one property value: a scalar or a list of scalars.
struct ValueSerializer;

/// An integer as [`Value::Integer`], if it fits an `i64`.
fn integer(v: impl TryInto<i64> + fmt::Display + Copy) -> Result<Value, TypedError> {
    v.try_into()
        .map(Value::Integer)
        .map_err(|_| TypedError::new(format!("cannot write {v}: it does not fit an i64")))
}

impl Serializer for ValueSerializer {
    type Ok = Value;
    type Error = TypedError;
    type SerializeSeq = ListWriter;
    type SerializeTuple = ListWriter;
    type SerializeTupleStruct = ListWriter;
    type SerializeTupleVariant = Impossible<Value, TypedError>;
    type SerializeMap = Impossible<Value, TypedError>;
    type SerializeStruct = Impossible<Value, TypedError>;
    type SerializeStructVariant = Impossible<Value, TypedError>;

    fn serialize_bool(self, v: bool) -> Result<Value, TypedError> {
        Ok(Value::Bool(v))
    }

    fn serialize_i8(self, v: i8) -> Result<Value, TypedError> {
        Ok(Value::Integer(v.into()))
    }

    fn serialize_i16(self, v: i16) -> Result<Value, TypedError> {
        Ok(Value::Integer(v.into()))
    }

    fn serialize_i32(self, v: i32) -> Result<Value, TypedError> {
        Ok(Value::Integer(v.into()))
    }

    fn serialize_i64(self, v: i64) -> Result<Value, TypedError> {
        Ok(Value::Integer(v))
    }

    fn serialize_i128(self, v: i128) -> Result<Value, TypedError> {
        integer(v)
    }

    fn serialize_u8(self, v: u8) -> Result<Value, TypedError> {
        Ok(Value::Integer(v.into()))
    }

    fn serialize_u16(self, v: u16) -> Result<Value, TypedError> {
        Ok(Value::Integer(v.into()))
    }

    fn serialize_u32(self, v: u32) -> Result<Value, TypedError> {
        Ok(Value::Integer(v.into()))
    }

    fn serialize_u64(self, v: u64) -> Result<Value, TypedError> {
        integer(v)
    }

    fn serialize_u128(self, v: u128) -> Result<Value, TypedError> {
        integer(v)
    }

    fn serialize_f32(self, v: f32) -> Result<Value, TypedError> {
        self.serialize_f64(v.into())
    }

    fn serialize_f64(self, v: f64) -> Result<Value, TypedError> {
        // 2^63: the first whole number beyond i64.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v) {
            Ok(Value::Integer(v as i64))
        } else {
            Err(TypedError::new(format!(
                "cannot write {v}: UCWA has only integers that fit an i64"
            )))
        }
    }

    fn serialize_char(self, v: char) -> Result<Value, TypedError> {
        Ok(Value::String(Str::from(&*v.encode_utf8(&mut [0; 4]))))
    }

    fn serialize_str(self, v: &str) -> Result<Value, TypedError> {
        Ok(match Date::parse_json(v) {
            Some(date) => Value::Date(date),
            None => Value::String(v.into()),
        })
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<Value, TypedError> {
        Err(not_a_value("bytes"))
    }

    fn serialize_none(self) -> Result<Value, TypedError> {
        Ok(Value::Null)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, TypedError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Value, TypedError> {
        Ok(Value::Null)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value, TypedError> {
        Ok(Value::Null)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value, TypedError> {
        Ok(Value::String(variant.into()))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Value, TypedError> {
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<ListWriter, TypedError> {
        Ok(ListWriter {
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<ListWriter, TypedError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<ListWriter, TypedError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, TypedError> {
        Err(not_a_value("a map"))
    }

    fn serialize_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, TypedError> {
        Err(not_a_value(format_args!("the struct {name}")))
    }

    refuse_enum_variants!(not_a_value, " with data");
}

/// Collects the items of a list; each must be a scalar.
struct ListWriter {
    items: Vec<Value>,
}

impl ListWriter {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TypedError> {
        let index = self.items.len();
        match value.serialize(ValueSerializer) {
            Ok(Value::List(_)) => Err(not_a_value("a list in a list").at_index(index)),
            Ok(item) => {
                self.items.push(item);
                Ok(())
            }
            Err(e) => Err(e.at_index(index)),
        }
    }
}

/// A list's `SerializeSeq`, `SerializeTuple` or `SerializeTupleStruct` (`$method` the name
/// of the trait's method for an element).
macro_rules! list_writer {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for ListWriter {
            type Ok = Value;
            type Error = TypedError;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TypedError> {
                self.push(value)
            }

            fn end(self) -> Result<Value, TypedError> {
                Ok(Value::List(self.items))
            }
        }
    )*};
}

list_writer!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);
