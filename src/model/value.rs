//! [`Value`]: what a property holds.

use std::fmt;

use super::{Date, Str};

/// A property's value.
///
/// JSON gives values their types; XML gives only text. A value read from XML is
/// [`Value::Text`] until something that knows its type (the caller, or the resource catalogue)
/// reads it as one: [`Value::as_i64`], [`Value::as_bool`] and [`Value::as_date`] accept both the
/// typed variant and text.
///
/// ```
/// use ucwa_codec::Value;
///
/// assert_eq!(Value::Integer(4).as_i64(), Some(4));
/// assert_eq!(Value::Text("4".into()).as_i64(), Some(4));
/// assert_eq!(Value::Text("True".into()).as_bool(), Some(true));
/// assert_eq!(Value::Bool(false).to_text().as_deref(), Some("False"));
///
/// // Every integer type converts: `From` where an `i64` holds every value, `TryFrom` where
/// // it may not (out of range is an error, never a wrapped number).
/// assert_eq!(Value::from(7u8), Value::Integer(7));
/// assert_eq!(Value::from(-7isize), Value::Integer(-7));
/// assert_eq!(Value::try_from(7u64)?, Value::Integer(7));
/// assert!(Value::try_from(u64::MAX).is_err());
/// # Ok::<(), ucwa_codec::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// JSON `null`; XML `xsi:nil="true"`.
    Null,
    /// JSON `true`/`false`; written to XML as `True`/`False`.
    Bool(bool),
    /// A JSON integer (UCWA has no fractional numbers).
    Integer(i64),
    /// A date: JSON `"\/Date(ms)\/"`, XML ISO 8601.
    Date(Date),
    /// A JSON string.
    String(Str),
    /// Text read from XML, whose type the document does not say.
    Text(Str),
    /// A JSON array; XML `<propertyList>`.
    List(Vec<Value>),
}

impl Value {
    /// The string, for [`Value::String`] and [`Value::Text`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) | Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, for [`Value::Integer`] and for text that is a decimal `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Integer(i) => Some(*i),
            Value::Text(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// The boolean, for [`Value::Bool`] and for the texts `True`, `False`, `true` and `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::Text(s) => parse_bool(s),
            _ => None,
        }
    }

    /// The date, for [`Value::Date`] and for text in either date form.
    pub fn as_date(&self) -> Option<Date> {
        match self {
            Value::Date(d) => Some(*d),
            Value::Text(s) | Value::String(s) => Date::parse(s).ok(),
            _ => None,
        }
    }

    /// The items, for [`Value::List`].
    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// Whether this is [`Value::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as XML writes it: booleans `True`/`False`, dates in ISO 8601 with seven
    /// fractional digits. `None` for null and lists, which XML writes otherwise.
    pub fn to_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        match self {
            Value::Null | Value::List(_) => None,
            Value::Bool(true) => Some(Cow::Borrowed("True")),
            Value::Bool(false) => Some(Cow::Borrowed("False")),
            Value::Integer(i) => Some(Cow::Owned(i.to_string())),
            Value::Date(d) => Some(Cow::Owned(d.to_string())),
            Value::String(s) | Value::Text(s) => Some(Cow::Borrowed(s)),
        }
    }

    /// A short name of the variant, for messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Integer(_) => "integer",
            Value::Date(_) => "date",
            Value::String(_) => "string",
            Value::Text(_) => "text",
            Value::List(_) => "list",
        }
    }
}

/// `True`/`False` as the samples write them, `true`/`false` as they also occur.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "True" | "true" => Some(true),
        "False" | "false" => Some(false),
        _ => None,
    }
}

impl fmt::Display for Value {
    /// The XML text of a scalar; `null` for null; items joined by `, ` in brackets for a list.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            other => f.write_str(&other.to_text().unwrap_or_default()),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s.into())
    }
}

impl From<Str> for Value {
    fn from(s: Str) -> Value {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Integer(i)
    }
}

/// `From` the integer types every value of which an `i64` holds.
macro_rules! from_small_integers {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Value {
            /// A [`Value::Integer`].
            fn from(i: $ty) -> Value {
                Value::Integer(i.into())
            }
        }
    )*};
}

from_small_integers!(i8, i16, i32, u8, u16, u32);

// Rust has no target whose `isize` is wider than 64 bits; should one come, this stops the
// build rather than let `From<isize>` wrap.
const _: () = assert!(std::mem::size_of::<isize>() <= std::mem::size_of::<i64>());

impl From<isize> for Value {
    /// A [`Value::Integer`].
    fn from(i: isize) -> Value {
        // Lossless: `isize` is at most 64 bits wide (asserted above).
        Value::Integer(i as i64)
    }
}

/// `TryFrom` the integer types some values of which an `i64` does not hold: a value out of
/// its range is an error of kind [`ErrorKind::Value`](crate::ErrorKind::Value), never a
/// wrapped number.
macro_rules! try_from_wide_integers {
    ($($ty:ty),*) => {$(
        impl TryFrom<$ty> for Value {
            type Error = crate::Error;

            /// A [`Value::Integer`], or an error if `i` is out of the range of `i64`.
            fn try_from(i: $ty) -> Result<Value, crate::Error> {
                i64::try_from(i).map(Value::Integer).map_err(|_| {
                    crate::Error::new(
                        crate::ErrorKind::Value,
                        format!(
                            "{i} does not fit a 64-bit signed integer, UCWA's integer type"
                        ),
                    )
                })
            }
        }
    )*};
}

try_from_wide_integers!(u64, usize, i128, u128);

impl From<Date> for Value {
    fn from(d: Date) -> Value {
        Value::Date(d)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::Value;
    use crate::ErrorKind;

    #[test]
    fn every_integer_type_converts_without_wrapping() {
        assert_eq!(Value::from(i8::MIN), Value::Integer(-128));
        assert_eq!(Value::from(i16::MIN), Value::Integer(-32_768));
        assert_eq!(Value::from(i32::MIN), Value::Integer(i64::from(i32::MIN)));
        assert_eq!(Value::from(u8::MAX), Value::Integer(255));
        assert_eq!(Value::from(u16::MAX), Value::Integer(65_535));
        assert_eq!(Value::from(u32::MAX), Value::Integer(4_294_967_295));
        assert_eq!(Value::from(isize::MIN), Value::Integer(isize::MIN as i64));
        assert_eq!(Value::from(isize::MAX), Value::Integer(isize::MAX as i64));
        assert_eq!(
            Value::try_from(u64::MAX >> 1).ok(),
            Some(Value::Integer(i64::MAX))
        );
        assert_eq!(Value::try_from(usize::MIN).ok(), Some(Value::Integer(0)));
        assert_eq!(
            Value::try_from(i128::from(i64::MIN)).ok(),
            Some(Value::Integer(i64::MIN))
        );
        assert_eq!(
            Value::try_from(u128::from(u32::MAX)).ok(),
            Some(Value::Integer(4_294_967_295))
        );
        for err in [
            Value::try_from((u64::MAX >> 1) + 1).unwrap_err(),
            Value::try_from(u64::MAX).unwrap_err(),
            Value::try_from(i128::from(i64::MIN) - 1).unwrap_err(),
            Value::try_from(u128::MAX).unwrap_err(),
        ] {
            assert_eq!(err.kind(), ErrorKind::Value);
            assert!(
                err.message()
                    .ends_with("does not fit a 64-bit signed integer, UCWA's integer type"),
                "{err}"
            );
        }
        assert_eq!(
            Value::try_from(u64::MAX).unwrap_err().message(),
            "18446744073709551615 does not fit a 64-bit signed integer, UCWA's integer type"
        );
        if usize::BITS == 64 {
            assert!(Value::try_from(usize::MAX).is_err());
        }
        // `Vec` and `Option` of them convert too.
        assert_eq!(
            Value::from(vec![1u8, 2]),
            Value::List(vec![Value::Integer(1), Value::Integer(2)])
        );
        assert_eq!(Value::from(None::<u16>), Value::Null);
    }
}
