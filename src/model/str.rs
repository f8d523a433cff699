//! [`Str`], the crate's string: its own type, so that what holds it can change without a
//! breaking release; and [`Source`], the text of a document its long strings share.

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::convert::Infallible;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::str::FromStr;
use std::sync::Arc;

use compact_str::CompactString;

/// The crate's string type: names, relations, targets and text. Short strings (up to 24
/// bytes) live inline, without allocation, which is most of what UCWA documents hold.
///
/// A longer string a decoder reads (an `href`, as a rule) is a view of the decoded
/// document's text, which the long strings of one document share: it takes no allocation
/// of its own, and a clone of it none either. The text lives as long as one of them does; to
/// keep one string without the document, copy it (`Str::from(s.as_str())`). Whatever holds
/// it, a `Str` is its string: equality, order, hash and serde are those of the `str`.
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
pub struct Str(Repr);

#[derive(Clone)]
enum Repr {
    /// A string of its own: inline up to [`INLINE`] bytes, else on the heap.
    Own(CompactString),
    /// `len` bytes from `start` of a document's text ([`Source`]), on char boundaries.
    Shared {
        text: Arc<Box<str>>,
        start: u32,
        len: u32,
    },
}

impl Default for Repr {
    #[inline]
    fn default() -> Repr {
        Repr::Own(CompactString::const_new(""))
    }
}

/// The longest string that lives inline.
const INLINE: usize = std::mem::size_of::<String>();

// A view fits beside the inline string's tag byte: `Str` is no larger than `CompactString`.
const _: () = assert!(std::mem::size_of::<Str>() == INLINE);
const _: () = assert!(std::mem::size_of::<Option<Str>>() == INLINE);

impl Str {
    /// An empty string (it allocates nothing).
    #[inline]
    pub const fn new() -> Str {
        Str(Repr::Own(CompactString::const_new("")))
    }

    /// The string as a `&str`.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Own(s) => s.as_str(),
            Repr::Shared { text, start, len } => {
                let start = *start as usize;
                &text[start..start + *len as usize]
            }
        }
    }

    /// The string to change: a view becomes a string of its own first.
    fn own(&mut self) -> &mut CompactString {
        if let Repr::Shared { .. } = self.0 {
            self.0 = Repr::Own(CompactString::from(self.as_str()));
        }
        match &mut self.0 {
            Repr::Own(s) => s,
            Repr::Shared { .. } => unreachable!("made its own above"),
        }
    }

    /// Appends `s`.
    #[inline]
    pub fn push_str(&mut self, s: &str) {
        self.own().push_str(s);
    }

    /// Appends `c`.
    #[inline]
    pub fn push(&mut self, c: char) {
        self.own().push(c);
    }

    /// The string as a `String`.
    #[inline]
    pub fn into_string(self) -> String {
        match self.0 {
            Repr::Own(s) => s.into_string(),
            Repr::Shared { .. } => self.as_str().to_owned(),
        }
    }
}

/// The text of a document being decoded, copied once, that the long strings read from it
/// share: [`Source::str`] makes them views of it rather than strings of their own (one
/// allocation and one free each).
pub(crate) struct Source(Arc<Box<str>>);

impl Source {
    /// A copy of `text` to read from.
    pub(crate) fn new(text: &str) -> Source {
        Source(Arc::new(Box::from(text)))
    }

    /// The text.
    #[inline(always)]
    pub(crate) fn text(&self) -> &str {
        &self.0
    }

    /// `s` as a [`Str`]: a view of the text where `s` is a slice of it longer than
    /// [`INLINE`], else a copy.
    #[inline(always)]
    pub(crate) fn str(&self, s: &str) -> Str {
        let text: &str = &self.0;
        // Where `s` starts in the text, if it does: addresses compared as numbers.
        let start = (s.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let within = start <= text.len() && s.len() <= text.len() - start;
        match (
            s.len() > INLINE && within,
            u32::try_from(start),
            u32::try_from(s.len()),
        ) {
            (true, Ok(start), Ok(len)) => Str(Repr::Shared {
                text: Arc::clone(&self.0),
                start,
                len,
            }),
            _ => Str::from(s),
        }
    }

    /// [`Source::str`] of text read from the document: borrowed, or unescaped.
    #[inline(always)]
    pub(crate) fn cow(&self, s: Cow<'_, str>) -> Str {
        match s {
            Cow::Borrowed(s) => self.str(s),
            Cow::Owned(s) => Str::from(s),
        }
    }
}

impl Deref for Str {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
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
        Str(Repr::Own(CompactString::from(s)))
    }
}

impl From<String> for Str {
    /// Keeps the `String`'s buffer when the string is too long to live inline.
    #[inline]
    fn from(s: String) -> Str {
        Str(Repr::Own(CompactString::from(s)))
    }
}

impl From<&String> for Str {
    #[inline]
    fn from(s: &String) -> Str {
        Str(Repr::Own(CompactString::from(s.as_str())))
    }
}

impl From<Cow<'_, str>> for Str {
    #[inline]
    fn from(s: Cow<'_, str>) -> Str {
        Str(Repr::Own(CompactString::from(s)))
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
        CompactString::deserialize(deserializer).map(|s| Str(Repr::Own(s)))
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
    fn views_of_a_source_are_their_strings() {
        let text = "{\"href\": \"/ucwa/v1/applications/192/people/282\", \"rel\": \"contact\"}";
        let source = Source::new(text);
        let start = source.text().find("/ucwa").unwrap();
        let href = &source.text()[start..start + 36];
        let view = source.str(href);
        assert!(matches!(view.0, Repr::Shared { .. }));
        // Short strings and strings from elsewhere are copies.
        assert!(matches!(source.str(&source.text()[1..5]).0, Repr::Own(_)));
        let elsewhere = String::from(href);
        assert!(matches!(source.str(&elsewhere).0, Repr::Own(_)));

        let copy = Str::from(href);
        assert_eq!(view, copy);
        assert_eq!(view, "/ucwa/v1/applications/192/people/282");
        assert_eq!(view.cmp(&copy), Ordering::Equal);
        let hasher = std::collections::hash_map::RandomState::new();
        assert_eq!(hasher.hash_one(&view), hasher.hash_one(&copy));
        assert_eq!(format!("{view:?}"), format!("{copy:?}"));
        assert_eq!(
            serde_json::to_string(&view).unwrap(),
            serde_json::to_string(&copy).unwrap()
        );
        assert_eq!(view.clone().into_string(), href);

        let mut changed = view.clone();
        changed.push_str("/note");
        changed.push('s');
        assert_eq!(changed, format!("{href}/notes"));
        assert_eq!(view, href, "a change to one view leaves the others alone");
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
