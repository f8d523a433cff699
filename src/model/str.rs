//! [`Str`], the crate's string: its own type, so that what holds it can change without a
//! breaking release; and [`Shared`], where a decoder puts a document's long strings.

mod block;

use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::convert::Infallible;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::str::FromStr;

use compact_str::CompactString;

use block::{View, Writer};

/// The crate's string type: names, relations, targets and text. Short strings (up to 24
/// bytes) live inline, without allocation, which is most of what UCWA documents hold.
///
/// The longer strings a decoder reads (an `href`, as a rule) share blocks of up to 64 KiB,
/// one allocation for many strings, rather than each taking one of its own; a clone of one
/// shares it too. A block lives as long as one of its strings does: to keep one string
/// without the rest of its document's, copy it (`Str::from(s.as_str())`). Whatever holds
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
    /// A string in a block a decoder wrote ([`Shared`]).
    Shared(View),
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
            Repr::Shared(view) => view.as_str(),
        }
    }

    /// The string to change: a shared one becomes a string of its own first.
    fn own(&mut self) -> &mut CompactString {
        if let Repr::Shared(view) = &self.0 {
            self.0 = Repr::Own(CompactString::from(view.as_str()));
        }
        match &mut self.0 {
            Repr::Own(s) => s,
            Repr::Shared(_) => unreachable!("made its own above"),
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
            Repr::Shared(view) => view.as_str().to_owned(),
        }
    }
}

/// Where a decoder puts the strings of one document it reads: short ones inline, longer ones
/// into shared blocks ([`Str`]), one allocation for many strings rather than one each.
pub(crate) struct Shared {
    writer: Writer,
    /// At least the bytes of the long strings still to come: a new block is no larger.
    left: usize,
}

impl Shared {
    /// For a document of `len` bytes: its strings, each read from its own part of the
    /// document (unescaping shortens none), total no more.
    pub(crate) fn new(len: usize) -> Shared {
        Shared {
            writer: Writer::default(),
            left: len,
        }
    }

    /// `s` as a [`Str`].
    #[inline(always)]
    pub(crate) fn str(&mut self, s: &str) -> Str {
        if s.len() <= INLINE {
            return Str::from(s);
        }
        let left = self.left;
        self.left = left.saturating_sub(s.len());
        match self.writer.push(s, || left) {
            Some(view) => Str(Repr::Shared(view)),
            None => Str::from(s),
        }
    }

    /// [`Shared::str`] of a string read borrowed or unescaped; an unescaped one too long to
    /// share keeps its buffer.
    #[inline(always)]
    pub(crate) fn cow(&mut self, s: Cow<'_, str>) -> Str {
        match s {
            Cow::Owned(s) if s.len() > block::MAX_BLOCK => Str::from(s),
            s => self.str(&s),
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
    fn shared_strings_are_their_strings() {
        let href = "/ucwa/v1/applications/192/people/282";
        let mut shared = Shared::new(1000);
        let view = shared.str(href);
        assert!(matches!(view.0, Repr::Shared(_)));
        assert!(matches!(shared.str("contact").0, Repr::Own(_)));

        let copy = Str::from(href);
        assert_eq!(view, copy);
        assert_eq!(view, href);
        assert_eq!(view.cmp(&copy), Ordering::Equal);
        let hasher = std::collections::hash_map::RandomState::new();
        assert_eq!(hasher.hash_one(&view), hasher.hash_one(&copy));
        assert_eq!(format!("{view:?}"), format!("{copy:?}"));
        let json = |s: &Str| serde_json::to_string(s).unwrap();
        assert_eq!(json(&view), json(&copy));
        assert_eq!(view.clone().into_string(), href);

        let mut changed = view.clone();
        changed.push_str("/note");
        changed.push('s');
        assert_eq!(changed, format!("{href}/notes"));
        assert_eq!(view, href, "a change to one string leaves its clones alone");
    }

    #[test]
    fn strings_fill_blocks_and_outlive_their_writer() {
        // More than a block's worth, in strings of every length around the block's size, and
        // a budget too small: each reads back as written, after the writer is gone.
        let texts: Vec<String> = (0..300)
            .map(|i| format!("{i}é").repeat(1 + i * 7 % 400))
            .chain([
                "x".repeat(block::MAX_BLOCK),
                "y".repeat(block::MAX_BLOCK + 1),
            ])
            .collect();
        let mut shared = Shared::new(10);
        let strings: Vec<Str> = texts.iter().map(|t| shared.str(t)).collect();
        drop(shared);
        for (text, string) in texts.iter().zip(&strings) {
            assert_eq!(string, text);
        }
        assert!(matches!(strings[300].0, Repr::Shared(_)));
        assert!(
            matches!(strings[301].0, Repr::Own(_)),
            "past a block's size"
        );
        // Read on another thread, the blocks go with their strings.
        let elsewhere = std::thread::spawn(move || strings.iter().map(|s| s.len()).sum::<usize>());
        let total: usize = texts.iter().map(String::len).sum();
        assert_eq!(elsewhere.join().unwrap(), total);
    }

    #[test]
    fn a_block_is_read_on_one_thread_while_written_on_another() {
        // Views of a block read elsewhere while its writer goes on writing past them (the
        // soundness argument of `block`): Miri's race detector checks it.
        let mut shared = Shared::new(100_000);
        let first: Vec<Str> = (0..8).map(|i| shared.str(&format!("{i:>40}"))).collect();
        std::thread::scope(|scope| {
            let reader = scope.spawn(|| {
                let mut total = 0;
                for _ in 0..20 {
                    total += first.iter().map(|s| s.trim().len()).sum::<usize>();
                }
                total
            });
            let later: Vec<Str> = (0..64).map(|i| shared.str(&format!("{i:>30}"))).collect();
            assert!(later
                .iter()
                .enumerate()
                .all(|(i, s)| s.trim() == i.to_string()));
            assert_eq!(reader.join().unwrap(), 20 * 8);
        });
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
