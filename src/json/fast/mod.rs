//! The fast path of JSON decoding: a byte scanner that builds resources and events documents
//! straight from the input, without serde's visitor protocol.
//!
//! It reads all of JSON's syntax that UCWA documents use (RFC 8259: objects, arrays,
//! strings with every escape, `true`, `false`, `null`, integers; blanks anywhere) and builds
//! exactly the model the serde decoder ([`super::de`], [`super::events`]) builds: the same
//! values, the same member order ([`Layout`](crate::Layout), `member_order`), the same link
//! attributes and `href_at`, the same cardinalities. Everything else — a fraction or an
//! exponent, an integer beyond `i64`, `-0`, a malformed document, a duplicate member, a
//! value of the wrong type, a missing `href`, an operation's `reason`, a limit of
//! [`DecodeOptions`] reached (counted as the serde decoder counts), nesting near serde_json's
//! recursion limit — makes it answer "not mine" (`None`): it never decides an error. The
//! serde decoder then reads the document from the start and refuses it, or reads it, with
//! the error and position it always gave. Tests (`tests/json_fast_path.rs`) and a fuzz target
//! hold both to the same answer on the documented samples, the fixtures, generated documents
//! and mutations of them.
//!
//! Strings are scanned sixteen bytes at a time for the quote, the backslash and control
//! characters (compares that compile to vector instructions), past 64 bytes with memchr; one
//! without escapes is copied once, from the input into the model's [`Str`] (inline, or a
//! block shared with the document's other long strings: [`Shared`]); one with escapes is
//! unescaped into a scratch buffer first. Member names are matched as bytes and copied
//! only where the model keeps them. Vectors are gathered in scratch stacks and moved out at
//! their exact size, as the serde decoder does.

mod events;
mod resource;

use std::borrow::Cow;

use memchr::{memchr, memchr2};

use crate::model::{take_share, DecodeOptions, NameIndex, Shared, Str};
use crate::scan::flags16;

pub(crate) use events::events;
pub(crate) use resource::resource;

/// `None`: "not read here", never an answer about the document.
type Read<T> = Option<T>;

/// How deep objects and arrays may nest before the scanner leaves the document to serde_json,
/// whose recursion limit is 128 (so that nothing serde_json refuses for depth is read here).
const MAX_NESTING: usize = 100;

/// Strings are scanned sixteen bytes at a time for this many bytes, then with memchr.
const SHORT_STRING: usize = 64;

/// A member name or string as read: borrowed from the input where it holds no escape.
type Text<'a> = Cow<'a, str>;

/// The scanner over one document, with the limits it keeps to and the scratch stacks of the
/// builders.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Object and array nesting.
    nesting: usize,
    /// Resources entered, against `max_depth`.
    depth: usize,
    max_depth: usize,
    /// Items counted as the serde decoder counts them (`Ctx::count`), against `max_items`.
    count: usize,
    max_items: usize,
    /// A string with escapes, unescaped.
    unescaped: String,
    /// Where the strings read go.
    strings: Shared,
}

impl<'a> Scanner<'a> {
    /// A scanner of `text` that keeps to `options`' limits; `None` where the text is over
    /// `max_size` (the serde decoder refuses it).
    fn new(text: &'a str, options: &DecodeOptions) -> Read<Scanner<'a>> {
        if text.len() > options.max_size {
            return None;
        }
        Some(Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            nesting: 0,
            depth: 0,
            max_depth: options.max_depth,
            count: 0,
            max_items: options.max_items,
            unescaped: String::new(),
            strings: Shared::new(text.len()),
        })
    }

    /// Whether nothing but blanks is left.
    fn at_end(&mut self) -> bool {
        self.skip_blanks();
        self.pos == self.bytes.len()
    }

    /// Skips JSON's blanks: space, line feed, carriage return, tab.
    #[inline(always)]
    fn skip_blanks(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if b > b' ' || !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return;
            }
            self.pos += 1;
        }
    }

    /// The next byte after blanks, not taken.
    #[inline(always)]
    fn peek(&mut self) -> Read<u8> {
        self.skip_blanks();
        self.bytes.get(self.pos).copied()
    }

    /// Takes `byte` after blanks.
    #[inline(always)]
    fn eat(&mut self, byte: u8) -> Read<()> {
        if self.peek()? == byte {
            self.pos += 1;
            Some(())
        } else {
            None
        }
    }

    /// Counts one item against `max_items`.
    #[inline(always)]
    fn count(&mut self) -> Read<()> {
        self.count += 1;
        (self.count <= self.max_items).then_some(())
    }

    /// Enters a resource, against `max_depth`.
    #[inline(always)]
    fn enter(&mut self) -> Read<()> {
        self.depth += 1;
        (self.depth <= self.max_depth).then_some(())
    }

    #[inline(always)]
    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Takes `open` (`{` or `[`) after blanks, one level deeper; `Some(true)` if the object
    /// or array is empty (its `close` taken too).
    #[inline(always)]
    fn open(&mut self, open: u8, close: u8) -> Read<bool> {
        self.eat(open)?;
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return None;
        }
        if self.peek()? == close {
            self.pos += 1;
            self.nesting -= 1;
            return Some(true);
        }
        Some(false)
    }

    /// After an object's member or an array's item: `Some(true)` for a `,` (another
    /// follows), `Some(false)` for `close` (taken, one level up).
    #[inline(always)]
    fn more(&mut self, close: u8) -> Read<bool> {
        match self.peek()? {
            b',' => {
                self.pos += 1;
                Some(true)
            }
            b if b == close => {
                self.pos += 1;
                self.nesting -= 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// A member's name and its `:`.
    #[inline(always)]
    fn key(&mut self) -> Read<Text<'a>> {
        if self.peek()? != b'"' {
            return None;
        }
        let key = self.text()?;
        self.eat(b':')?;
        Some(key)
    }

    /// The string at the quote under the cursor, borrowed where it holds no escape.
    #[inline(always)]
    fn text(&mut self) -> Read<Text<'a>> {
        let (start, end, escaped) = self.scan_string()?;
        if escaped {
            self.unescape(start, end)?;
            Some(Cow::Owned(self.unescaped.clone()))
        } else {
            Some(Cow::Borrowed(&self.text[start..end]))
        }
    }

    /// The string at the quote under the cursor, handed to `read` (borrowed from the input,
    /// or from the scratch buffer where it held escapes).
    #[inline(always)]
    fn with_text<R>(&mut self, read: impl FnOnce(&str) -> R) -> Read<R> {
        let (start, end, escaped) = self.scan_string()?;
        if escaped {
            self.unescape(start, end)?;
            Some(read(&self.unescaped))
        } else {
            Some(read(&self.text[start..end]))
        }
    }

    /// Unescapes the string between `start` and `end` into the scratch buffer.
    #[inline(always)]
    fn unescape(&mut self, start: usize, end: usize) -> Read<()> {
        unescape(&self.text[start..end], &mut self.unescaped)
    }

    /// A string value after blanks, as the model's [`Str`].
    #[inline(always)]
    fn string(&mut self) -> Read<Str> {
        if self.peek()? != b'"' {
            return None;
        }
        let (start, end, escaped) = self.scan_string()?;
        if escaped {
            self.unescape(start, end)?;
            Some(self.strings.str(&self.unescaped))
        } else {
            Some(self.strings.str(&self.text[start..end]))
        }
    }

    /// A string read from the document (a member name, as a rule), as the model's [`Str`].
    #[inline(always)]
    fn str(&mut self, text: Text<'a>) -> Str {
        self.strings.cow(text)
    }

    /// Scans the string whose opening quote is under the cursor, leaving the cursor after its
    /// closing quote: where its content starts and ends, and whether it holds an escape
    /// (checked when it is unescaped). A control character makes it not mine.
    #[inline(always)]
    fn scan_string(&mut self) -> Read<(usize, usize, bool)> {
        let bytes = self.bytes;
        let start = self.pos + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            let at = special(bytes, i)?;
            match bytes[at] {
                b'"' => {
                    self.pos = at + 1;
                    return Some((start, at, escaped));
                }
                b'\\' => {
                    // The escaped byte may be a quote or a backslash: skip it.
                    escaped = true;
                    i = at + 2;
                }
                _ => return None,
            }
        }
    }

    /// An integer after blanks that fits an `i64`, as serde_json reads it to one: no leading
    /// zero, no `-0`, no fraction or exponent (serde_json gives an `f64` for those, which the
    /// decoder refuses).
    #[inline(always)]
    fn integer(&mut self) -> Read<i64> {
        let bytes = self.bytes;
        let negative = bytes.get(self.pos) == Some(&b'-');
        let start = self.pos + usize::from(negative);
        let mut i = start;
        let mut value: u64 = 0;
        while let Some(&b) = bytes.get(i) {
            if !b.is_ascii_digit() {
                break;
            }
            // Nineteen digits always fit a u64; twenty may not, nor fit an i64.
            if i - start == 19 {
                return None;
            }
            value = value * 10 + u64::from(b - b'0');
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || (digits > 1 && bytes[start] == b'0') {
            return None;
        }
        if matches!(bytes.get(i), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.pos = i;
        if negative {
            if value == 0 || value > 1 << 63 {
                return None;
            }
            Some(0u64.wrapping_sub(value) as i64)
        } else {
            i64::try_from(value).ok()
        }
    }

    /// Takes `word` (`true`, `false`, `null`) at the cursor.
    #[inline(always)]
    fn word(&mut self, word: &[u8]) -> Read<()> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Some(())
        } else {
            None
        }
    }
}

/// How many items of an array go on a scratch stack before it is sized by
/// [`Scanner::make_room`] rather than doubled.
const ESTIMATE_AFTER: usize = 4;

/// The fewest items [`Scanner::make_room`] makes room for at once, whatever it estimates.
const MIN_ESTIMATE: usize = 4096;

impl Scanner<'_> {
    /// Makes room on `stack`, full, for as many more items of the array it is gathering (those
    /// since `from`, whose text started at byte `start`) as the rest of the document would
    /// hold at their size, and a quarter more: at least half as many as the array has (so
    /// that growth stays amortized), at most four times as many, or [`MIN_ESTIMATE`]. A long
    /// array of resources or links grown by doubling copies each again and again; the room
    /// left over is given back when the array is taken whole ([`take_share`]).
    #[inline(never)]
    fn make_room<T>(&self, stack: &mut Vec<T>, from: usize, start: usize) {
        let len = stack.len() - from;
        let per_item = ((self.pos - start) / len).max(1);
        let estimate = (self.bytes.len() - self.pos) / per_item;
        let more = (estimate + estimate / 4).clamp(len / 2 + 1, (len * 4).max(MIN_ESTIMATE));
        stack.reserve_exact(more);
    }

    /// Pushes an item of an array onto `stack` ([`Scanner::make_room`]).
    #[inline(always)]
    fn push_item<T>(&self, stack: &mut Vec<T>, item: T, from: usize, start: usize) {
        if stack.len() == stack.capacity() && stack.len() - from >= ESTIMATE_AFTER {
            self.make_room(stack, from, start);
        }
        stack.push(item);
    }
}

/// The items pushed onto `scratch` since it held `from`, in a vector of their exact size
/// ([`take_share`]); none without a call.
#[inline(always)]
fn take<T>(scratch: &mut Vec<T>, from: usize) -> Vec<T> {
    if scratch.len() == from {
        return Vec::new();
    }
    take_share(scratch, from)
}

/// The names of one object's members read so far, to find one given twice: a 64-bit filter
/// of each name's length and end bytes, taken from the name just read (most new names are
/// told new by it alone), an exact scan where it cannot tell, and past [`FILTERED`] names the
/// model's [`NameIndex`] (constant time however many).
#[derive(Default)]
struct Names {
    filter: u64,
    index: Option<Box<NameIndex>>,
}

/// How many names [`Names`] tells apart by its filter and a scan.
const FILTERED: usize = 16;

impl Names {
    /// Whether `name` is among the `count` names so far, the `i`th `name_at(i)`.
    #[inline(always)]
    fn contains<'n>(
        &mut self,
        count: usize,
        name_at: impl Fn(usize) -> &'n str,
        name: &str,
    ) -> bool {
        if count >= FILTERED {
            return self
                .index
                .get_or_insert_with(Box::default)
                .contains(count, name_at, name);
        }
        let bytes = name.as_bytes();
        let (first, last) = match bytes {
            [] => (0, 0),
            [first, .., last] => (*first, *last),
            [only] => (*only, *only),
        };
        let mix = (bytes.len() as u32)
            .wrapping_mul(31)
            .wrapping_add(u32::from(first) * 7)
            .wrapping_add(u32::from(last));
        let bit = 1u64 << (mix % 64);
        let maybe = self.filter & bit != 0;
        self.filter |= bit;
        maybe && (0..count).any(|i| name_at(i) == name)
    }
}

/// Where the first quote, backslash or control character at or after `from` is; `None` if
/// there is none. The first [`SHORT_STRING`] bytes are looked at sixteen at a time
/// ([`flags16`]), the rest by [`special_far`].
#[inline(always)]
fn special(bytes: &[u8], from: usize) -> Read<usize> {
    if from > bytes.len() {
        return None;
    }
    let mut at = from;
    while at - from < SHORT_STRING {
        let flags = flags16(bytes, at, |b| (b == b'"') | (b == b'\\') | (b < 0x20));
        if flags != 0 {
            return Some(at + (flags.trailing_zeros() / 8) as usize);
        }
        if at + 16 >= bytes.len() {
            return None;
        }
        at += 16;
    }
    special_far(bytes, at)
}

/// [`special`] in a long string: memchr finds the quote or backslash, then the run before it
/// is checked for control characters.
#[inline(never)]
fn special_far(bytes: &[u8], from: usize) -> Read<usize> {
    let rest = &bytes[from..];
    let end = memchr2(b'"', b'\\', rest)?;
    let run = &rest[..end];
    if run.iter().fold(false, |control, &b| control | (b < 0x20)) {
        return run.iter().position(|&b| b < 0x20).map(|at| from + at);
    }
    Some(from + end)
}

/// Unescapes `raw`, a JSON string's content with at least one escape, into `out`; `None` for
/// an escape serde_json refuses (an unknown one, bad hex digits, a lone surrogate).
#[inline(never)]
fn unescape(raw: &str, out: &mut String) -> Read<()> {
    out.clear();
    let bytes = raw.as_bytes();
    let mut i = 0;
    loop {
        let Some(at) = memchr(b'\\', &bytes[i..]) else {
            out.push_str(&raw[i..]);
            return Some(());
        };
        out.push_str(&raw[i..i + at]);
        i += at + 1;
        let escape = *bytes.get(i)?;
        i += 1;
        let c = match escape {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = hex4(bytes.get(i..i + 4)?)?;
                i += 4;
                match high {
                    0xD800..=0xDBFF => {
                        if bytes.get(i..i + 2)? != b"\\u" {
                            return None;
                        }
                        let low = hex4(bytes.get(i + 2..i + 6)?)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        i += 6;
                        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                    }
                    0xDC00..=0xDFFF => return None,
                    _ => char::from_u32(high)?,
                }
            }
            _ => return None,
        };
        out.push(c);
    }
}

/// Four hex digits, either case.
fn hex4(digits: &[u8]) -> Read<u32> {
    digits.iter().try_fold(0u32, |value, &d| {
        let digit = match d {
            b'0'..=b'9' => d - b'0',
            b'a'..=b'f' => d - b'a' + 10,
            b'A'..=b'F' => d - b'A' + 10,
            _ => return None,
        };
        Some(value << 4 | u32::from(digit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanner(text: &str) -> Scanner<'_> {
        Scanner::new(text, &DecodeOptions::default()).unwrap()
    }

    #[test]
    fn special_finds_the_first_quote_backslash_or_control_anywhere() {
        let is_special = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        // Across the sixteen-byte chunks, the end of the input and the memchr search past
        // `SHORT_STRING`, from starts within a chunk.
        for len in 0..SHORT_STRING + 40 {
            for at in (0..=len).step_by(3) {
                for byte in [b'"', b'\\', 0x00, 0x1F] {
                    for filler in [b'a', 0x20, 0x7F, 0x80, 0xFF] {
                        let mut bytes = vec![filler; len];
                        if at < len {
                            bytes[at] = byte;
                        }
                        // Unclosed, past `SHORT_STRING`, is "none" whatever it holds.
                        bytes.push(b'"');
                        for from in [0, 1, 7, 15, 16, 17].into_iter().filter(|&f| f <= len) {
                            let expected = bytes[from..]
                                .iter()
                                .position(|&b| is_special(b))
                                .map(|i| from + i);
                            assert_eq!(special(&bytes, from), expected, "{bytes:?} from {from}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn strings_are_read_as_serde_json_reads_them() {
        let cases: &[(&str, Option<&str>)] = &[
            (r#""""#, Some("")),
            (r#""abc""#, Some("abc")),
            (
                r#""a\"b\\c\/d\b\f\n\r\t""#,
                Some("a\"b\\c/d\u{8}\u{c}\n\r\t"),
            ),
            (r#""\u00e9\u00E9""#, Some("éé")),
            (r#""\ud83d\ude00""#, Some("😀")),
            (r#""\u0000""#, Some("\0")),
            (r#""\ud83d""#, None),
            (r#""\ud83dx""#, None),
            (r#""\ud83d\u0041""#, None),
            (r#""\ude00""#, None),
            (r#""\x""#, None),
            (r#""\u12g4""#, None),
            ("\"a\u{1}b\"", None),
            ("\"a\tb\"", None),
            (r#""abc"#, None),
            (r#""abc\"#, None),
            (r#""abc\""#, None),
        ];
        for (text, expected) in cases {
            let long = format!("\"{}{}", "x".repeat(70), &text[1..]);
            let read = scanner(text).text().map(String::from);
            assert_eq!(read.as_deref(), *expected, "{text}");
            let read = scanner(&long).text().map(String::from);
            let expected = expected.map(|e| format!("{}{e}", "x".repeat(70)));
            assert_eq!(read, expected, "{long}");
        }
    }

    #[test]
    fn integers_are_those_that_fit_an_i64() {
        let cases: &[(&str, Option<i64>)] = &[
            ("0", Some(0)),
            ("7,", Some(7)),
            ("-7]", Some(-7)),
            ("9223372036854775807", Some(i64::MAX)),
            ("-9223372036854775808", Some(i64::MIN)),
            ("9223372036854775808", None),
            ("-9223372036854775809", None),
            ("99999999999999999999", None),
            ("-0", None),
            ("01", None),
            ("1.5", None),
            ("1e3", None),
            ("1E3", None),
            ("-", None),
        ];
        for (text, expected) in cases {
            assert_eq!(scanner(text).integer(), *expected, "{text}");
        }
    }
}
