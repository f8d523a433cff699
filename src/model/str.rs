//! [`Str`], the crate's string: its own type, so that what holds it can change without a
//! breaking release.

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::convert::Infallible;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::str::FromStr;

use compact_str::CompactString;

/// The crate's string type: names, relations, targets and text. Short strings (up to 24
/// bytes) live inline, without allocation, which is most of what UCWA documents hold.
///
/// It reads as a `str` (it dereferences to one), compares with `str`, `&str`, `String` and
/// `Cow<str>` either way round, converts from them with `into()` and to `String` with
/// `into()`; as a key of a map or set it is looked up by `&str`. Serde reads and writes it
/// as a string.
///
/// ```
/// use std::collections::HashMap;
/// use ucwa_codec::Str;
///
/// let name = Str::from("displayName");
/// assert_eq!(name, "displayName");
/// assert!(name.starts_with("display"));
/// assert_eq!(name.len(), 11);
///
/// let mut by_name: HashMap<Str, u32> = HashMap::new();
/// by_name.insert(name, 1);
/// assert_eq!(by_name.get("displayName"), Some(&1));
///
/// let owned: String = Str::from(String::from("tel:+1")).into();
/// assert_eq!(owned, "tel:+1");
/// ```
#[derive(Clone, Default)]
pub struct Str(CompactString);

impl Str {
    /// An empty string (it allocates nothing).
    #[inline]
    pub const fn new() -> Str {
        Str(CompactString::const_new(""))
    }

    /// The string as a `&str`.
    #[inline]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Appends `s`.
    #[inline]
    pub fn push_str(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// Appends `c`.
    #[inline]
    pub fn push(&mut self, c: char) {
        self.0.push(c);
    }

    /// The string as a `String`.
    #[inline]
    pub fn into_string(self) -> String {
        self.0.into_string()
    }
}

impl Deref for Str {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Str {
    #[inline]
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    #[inline]
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

// Equality, order and hash are those of the `str`, as `Borrow<str>` requires.
impl PartialEq for Str {
    #[inline]
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialOrd for Str {
    #[inline]
    fn partial_cmp(&self, other: &Str) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    #[inline]
    fn cmp(&self, other: &Str) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Str {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// `Str == other` and `other == Str` for the string types.
macro_rules! eq_both_ways {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for Str {
            #[inline]
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }

        impl PartialEq<Str> for $other {
            #[inline]
            fn eq(&self, other: &Str) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}

eq_both_ways!(str, &str, String, Cow<'_, str>);

impl From<&str> for Str {
    #[inline]
    fn from(s: &str) -> Str {
        Str(CompactString::from(s))
    }
}

impl From<String> for Str {
    /// Keeps the `String`'s buffer when the string is too long to live inline.
    #[inline]
    fn from(s: String) -> Str {
        Str(CompactString::from(s))
    }
}

impl From<&String> for Str {
    #[inline]
    fn from(s: &String) -> Str {
        Str(CompactString::from(s.as_str()))
    }
}

impl From<Cow<'_, str>> for Str {
    #[inline]
    fn from(s: Cow<'_, str>) -> Str {
        Str(CompactString::from(s))
    }
}

impl From<Str> for String {
    #[inline]
    fn from(s: Str) -> String {
        s.into_string()
    }
}

impl From<Str> for Cow<'_, str> {
    #[inline]
    fn from(s: Str) -> Self {
        Cow::Owned(s.into_string())
    }
}

impl<'a> From<&'a Str> for Cow<'a, str> {
    #[inline]
    fn from(s: &'a Str) -> Cow<'a, str> {
        Cow::Borrowed(s.as_str())
    }
}

impl FromStr for Str {
    type Err = Infallible;

    #[inline]
    fn from_str(s: &str) -> Result<Str, Infallible> {
        Ok(Str::from(s))
    }
}

impl serde::Serialize for Str {
    #[inline]
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Str {
    /// From a string, borrowed or not, or from UTF-8 bytes.
    #[inline]
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Str, D::Error> {
        CompactString::deserialize(deserializer).map(Str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn hashes_and_orders_as_str() {
        let hasher = std::collections::hash_map::RandomState::new();
        let long = "a string too long to be held inline, on the heap";
        for s in ["", "rel", long] {
            assert_eq!(hasher.hash_one(Str::from(s)), hasher.hash_one(s));
        }
        assert_eq!(Str::from("a").cmp(&Str::from("b")), Ordering::Less);
        assert_eq!(Str::from(long).cmp(&Str::from(long)), Ordering::Equal);
    }

    #[test]
    fn converts_and_compares() {
        let s = Str::from(String::from("x"));
        assert_eq!(s, "x");
        assert_eq!("x", s);
        assert_eq!(*"x", s);
        assert_eq!(String::from("x"), s);
        assert_eq!(s, Cow::Borrowed("x"));
        assert_eq!(format!("{s} {s:?}"), "x \"x\"");
        assert_eq!("y".parse::<Str>(), Ok(Str::from("y")));
        let mut t = Str::new();
        t.push_str("ab");
        t.push('c');
        assert_eq!(String::from(t), "abc");
    }
}
