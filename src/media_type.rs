//! Media types: which codec a `Content-Type` or `Accept` value names, and back.
//!
//! ```
//! use ucwa_codec::media_type::{self, MediaType};
//! use ucwa_codec::Format;
//!
//! assert_eq!(
//!     media_type::format_of("application/vnd.microsoft.com.ucwa+xml; charset=utf-8"),
//!     Some(Format::Xml)
//! );
//! assert_eq!(media_type::format_of("application/json"), Some(Format::Json));
//! assert_eq!(media_type::format_of("text/plain"), None);
//! assert_eq!(
//!     media_type::format_from_accept("text/html;q=0.9, application/xml;q=0.5, application/json"),
//!     Some(Format::Json)
//! );
//! assert_eq!(Format::Xml.media_type(), "application/vnd.microsoft.com.ucwa+xml");
//!
//! // The same value for the other format, parameters kept.
//! assert_eq!(
//!     media_type::convert("application/vnd.microsoft.com.ucwa+json;charset=utf-8", Format::Xml).as_deref(),
//!     Some("application/vnd.microsoft.com.ucwa+xml;charset=utf-8")
//! );
//!
//! let batch: MediaType = r#"multipart/batching; boundary="0cac9abd""#.parse()?;
//! assert_eq!(batch.essence(), "multipart/batching");
//! assert_eq!(batch.parameter("boundary"), Some("0cac9abd"));
//! # Ok::<(), ucwa_codec::media_type::MediaTypeError>(())
//! ```
//!
//! Parsing follows RFC 9110's `media-type` (`type "/" subtype *( OWS ";" OWS parameter )`,
//! a parameter's value a token or a quoted string), with two leniencies real traffic needs:
//! empty parameters (`;;`, a trailing `;`) are skipped, and blanks around `=` are allowed.
//! Type, subtype and parameter names compare case-insensitively; values are kept as written.

use std::fmt;
use std::str::FromStr;

use crate::model::Str;

/// A wire format of UCWA documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// JSON: `application/vnd.microsoft.com.ucwa+json` (or `application/json`).
    Json,
    /// XML: `application/vnd.microsoft.com.ucwa+xml` (or `application/xml`).
    Xml,
}

/// UCWA's own JSON media type.
pub const UCWA_JSON: &str = "application/vnd.microsoft.com.ucwa+json";
/// UCWA's own XML media type.
pub const UCWA_XML: &str = "application/vnd.microsoft.com.ucwa+xml";
/// The media type of a batch.
pub const MULTIPART_BATCHING: &str = "multipart/batching";
/// The media type of one part of a batch: a whole HTTP message.
pub const APPLICATION_HTTP: &str = "application/http";

impl Format {
    /// UCWA's precise media type of the format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => UCWA_JSON,
            Format::Xml => UCWA_XML,
        }
    }

    /// The other format.
    pub fn other(self) -> Format {
        match self {
            Format::Json => Format::Xml,
            Format::Xml => Format::Json,
        }
    }

    /// The format of a payload from its first non-blank byte (a byte-order mark skipped):
    /// `<` is XML, `{` or `[` JSON.
    ///
    /// ```
    /// use ucwa_codec::Format;
    /// assert_eq!(Format::detect(b"\xEF\xBB\xBF  <events/>"), Some(Format::Xml));
    /// assert_eq!(Format::detect(b"\n{}"), Some(Format::Json));
    /// assert_eq!(Format::detect(b"Hi"), None);
    /// ```
    pub fn detect(bytes: &[u8]) -> Option<Format> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'<') => Some(Format::Xml),
            Some(b'{' | b'[') => Some(Format::Json),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Json => "JSON",
            Format::Xml => "XML",
        })
    }
}

/// A parsed media type: `type/subtype` and its parameters, in order, as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MediaType {
    /// The type, e.g. `application` (as written).
    pub type_: Str,
    /// The subtype, e.g. `vnd.microsoft.com.ucwa+json` (as written).
    pub subtype: Str,
    /// The parameters, names and values as written (a quoted value unquoted).
    pub parameters: Vec<(Str, Str)>,
}

/// Why a text is not a media type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaTypeError {
    message: String,
    /// The byte offset in the text where it stops.
    pub offset: usize,
}

impl fmt::Display for MediaTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for MediaTypeError {}

/// RFC 9110 `tchar`.
pub(crate) fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A control character other than tab, which no quoted string holds.
fn is_ctl(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7F
}

fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

impl MediaType {
    /// A media type without parameters.
    pub fn new(type_: impl Into<Str>, subtype: impl Into<Str>) -> MediaType {
        MediaType {
            type_: type_.into(),
            subtype: subtype.into(),
            parameters: Vec::new(),
        }
    }

    /// Parses a `Content-Type` value (or one element of an `Accept` list).
    pub fn parse(text: &str) -> Result<MediaType, MediaTypeError> {
        let bytes = text.as_bytes();
        let err = |message: &str, offset: usize| MediaTypeError {
            message: message.to_owned(),
            offset,
        };
        let mut i = 0;
        while i < bytes.len() && is_ows(bytes[i]) {
            i += 1;
        }
        let type_start = i;
        while i < bytes.len() && is_tchar(bytes[i]) {
            i += 1;
        }
        if i == type_start {
            return Err(err("expected a media type", i));
        }
        let type_ = &text[type_start..i];
        if bytes.get(i) != Some(&b'/') {
            return Err(err("expected `/` after the type", i));
        }
        i += 1;
        let sub_start = i;
        while i < bytes.len() && is_tchar(bytes[i]) {
            i += 1;
        }
        if i == sub_start {
            return Err(err("expected a subtype after `/`", i));
        }
        let subtype = &text[sub_start..i];
        let mut parameters = Vec::new();
        loop {
            while i < bytes.len() && is_ows(bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                None => break,
                Some(b';') => i += 1,
                Some(_) => return Err(err("expected `;` or the end", i)),
            }
            while i < bytes.len() && is_ows(bytes[i]) {
                i += 1;
            }
            if i == bytes.len() || bytes[i] == b';' {
                continue;
            }
            let name_start = i;
            while i < bytes.len() && is_tchar(bytes[i]) {
                i += 1;
            }
            if i == name_start {
                return Err(err("expected a parameter name", i));
            }
            let name = &text[name_start..i];
            while i < bytes.len() && is_ows(bytes[i]) {
                i += 1;
            }
            if bytes.get(i) != Some(&b'=') {
                return Err(err("expected `=` after the parameter name", i));
            }
            i += 1;
            while i < bytes.len() && is_ows(bytes[i]) {
                i += 1;
            }
            let value = if bytes.get(i) == Some(&b'"') {
                i += 1;
                let mut value = String::new();
                loop {
                    match bytes.get(i) {
                        None => return Err(err("unterminated quoted string", i)),
                        // RFC 9110's qdtext and quoted-pair take no control character
                        // but tab: a CR or LF kept here would be written back raw.
                        Some(&b) if is_ctl(b) => {
                            return Err(err("a control character in a quoted string", i))
                        }
                        Some(b'\\') if bytes.get(i + 1).is_some_and(|&b| is_ctl(b)) => {
                            return Err(err("a control character in a quoted string", i + 1))
                        }
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(b'\\') if i + 1 < bytes.len() => {
                            let c = text[i + 1..].chars().next().unwrap_or('\\');
                            value.push(c);
                            i += 1 + c.len_utf8();
                        }
                        Some(_) => {
                            let c = text[i..].chars().next().unwrap_or('"');
                            value.push(c);
                            i += c.len_utf8();
                        }
                    }
                }
                Str::from(value)
            } else {
                let value_start = i;
                while i < bytes.len() && is_tchar(bytes[i]) {
                    i += 1;
                }
                if i == value_start {
                    return Err(err("expected a parameter value", i));
                }
                Str::from(&text[value_start..i])
            };
            parameters.push((Str::from(name), value));
        }
        Ok(MediaType {
            type_: Str::from(type_),
            subtype: Str::from(subtype),
            parameters,
        })
    }

    /// `type/subtype`, lowercased.
    pub fn essence(&self) -> String {
        format!("{}/{}", self.type_, self.subtype).to_ascii_lowercase()
    }

    /// The value of a parameter (its name compared case-insensitively).
    pub fn parameter(&self, name: &str) -> Option<&str> {
        find_parameter(&self.parameters, name)
    }

    /// The UCWA format this media type names: `application/json`, `text/json` and any
    /// `+json` subtype are JSON; `application/xml`, `text/xml` and any `+xml` subtype XML.
    pub fn format(&self) -> Option<Format> {
        let sub = self.subtype.to_ascii_lowercase();
        let type_ = self.type_.to_ascii_lowercase();
        if !matches!(type_.as_str(), "application" | "text") {
            return None;
        }
        if sub == "json" || sub.ends_with("+json") {
            Some(Format::Json)
        } else if sub == "xml" || sub.ends_with("+xml") {
            Some(Format::Xml)
        } else {
            None
        }
    }
}

impl FromStr for MediaType {
    type Err = MediaTypeError;

    fn from_str(text: &str) -> Result<MediaType, MediaTypeError> {
        MediaType::parse(text)
    }
}

impl fmt::Display for MediaType {
    /// `type/subtype;name=value`, quoting a value that is not a token.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.type_, self.subtype)?;
        for (name, value) in &self.parameters {
            write!(f, ";{name}=")?;
            if !value.is_empty() && value.bytes().all(is_tchar) {
                f.write_str(value)?;
            } else {
                f.write_str("\"")?;
                for c in value.chars() {
                    if c == '"' || c == '\\' {
                        f.write_str("\\")?;
                    }
                    write!(f, "{c}")?;
                }
                f.write_str("\"")?;
            }
        }
        Ok(())
    }
}

/// The format a `Content-Type` value names; `None` for other media types and for text that
/// is not a media type.
pub fn format_of(content_type: &str) -> Option<Format> {
    MediaType::parse(content_type).ok()?.format()
}

/// The format an `Accept` value prefers: of the media ranges that name a format (and whose
/// `q` is not 0), the one with the highest `q`, the first among equals. `*/*` and
/// `application/*` accept JSON, UCWA's default.
pub fn format_from_accept(accept: &str) -> Option<Format> {
    let mut best: Option<(u16, Format)> = None;
    for range in accept.split(',') {
        let Ok(media) = MediaType::parse(range) else {
            continue;
        };
        let q = media.parameter("q").map_or(1000, parse_q);
        if q == 0 {
            continue;
        }
        let format = match media.essence().as_str() {
            "*/*" | "application/*" => Some(Format::Json),
            _ => media.format(),
        };
        if let Some(format) = format {
            if best.is_none_or(|(best_q, _)| q > best_q) {
                best = Some((q, format));
            }
        }
    }
    best.map(|(_, format)| format)
}

/// A quality value in thousandths (`0.5` -> 500); a malformed one counts as 0.
fn parse_q(text: &str) -> u16 {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole: u16 = match whole {
        "0" => 0,
        "1" => 1,
        _ => return 0,
    };
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    let mut thousandths = 0u16;
    for digit in fraction.bytes().chain(std::iter::repeat(b'0')).take(3) {
        thousandths = thousandths * 10 + u16::from(digit - b'0');
    }
    (whole * 1000 + thousandths).min(1000)
}

/// The `Content-Type` value for the other format: the same value with its subtype changed
/// (`json` <-> `xml`, `+json` <-> `+xml`) and everything else kept as written, parameters
/// and spacing included. `None` when the value names no format.
pub fn convert(content_type: &str, to: Format) -> Option<String> {
    let media = MediaType::parse(content_type).ok()?;
    let from = media.format()?;
    if from == to {
        return Some(content_type.to_owned());
    }
    // Replace the subtype in the text itself, so that parameters keep their spelling.
    let start = content_type.find('/')? + 1;
    let end = start + media.subtype.len();
    let subtype = &content_type[start..end];
    let (old, new) = match to {
        Format::Xml => ("json", "xml"),
        Format::Json => ("xml", "json"),
    };
    let cut = subtype.len() - old.len();
    let replaced = format!("{}{new}", &subtype[..cut]);
    Some(format!(
        "{}{replaced}{}",
        &content_type[..start],
        &content_type[end..]
    ))
}

/// The value of the parameter named `name` (compared case-insensitively) among `parameters`.
pub(crate) fn find_parameter<'p>(parameters: &'p [(Str, Str)], name: &str) -> Option<&'p str> {
    parameters
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quoted_and_bare_parameters() {
        let m = MediaType::parse("multipart/batching;boundary=\"EA370946\"").unwrap();
        assert_eq!(m.essence(), "multipart/batching");
        assert_eq!(m.parameter("BOUNDARY"), Some("EA370946"));
        let m = MediaType::parse(" application/http; msgtype=response ;").unwrap();
        assert_eq!(m.parameter("msgtype"), Some("response"));
        let m = MediaType::parse("a/b; x = \"q\\\"uo\"").unwrap();
        assert_eq!(m.parameter("x"), Some("q\"uo"));
        assert_eq!(m.to_string(), "a/b;x=\"q\\\"uo\"");
    }

    #[test]
    fn refuses_what_is_no_media_type() {
        assert_eq!(MediaType::parse("").unwrap_err().offset, 0);
        assert_eq!(MediaType::parse("text").unwrap_err().offset, 4);
        assert_eq!(MediaType::parse("text/").unwrap_err().offset, 5);
        assert!(MediaType::parse("a/b; x").is_err());
        assert!(MediaType::parse("a/b; x=\"open").is_err());
        assert!(MediaType::parse("a/b c").is_err());
        // No control character in a quoted string, escaped or not; a tab is fine.
        assert_eq!(MediaType::parse("a/b;x=\"a\rb\"").unwrap_err().offset, 8);
        assert_eq!(MediaType::parse("a/b;x=\"a\\\nb\"").unwrap_err().offset, 9);
        assert!(MediaType::parse("a/b;x=\"\u{1}\"").is_err());
        assert!(MediaType::parse("a/b;x=\"\u{7f}\"").is_err());
        assert_eq!(
            MediaType::parse("a/b;x=\"a\tb\"").unwrap().parameter("x"),
            Some("a\tb")
        );
    }

    #[test]
    fn formats_of_media_types() {
        for (text, format) in [
            ("application/json", Some(Format::Json)),
            ("Application/JSON; charset=utf-8", Some(Format::Json)),
            (UCWA_JSON, Some(Format::Json)),
            ("application/xml", Some(Format::Xml)),
            ("text/xml", Some(Format::Xml)),
            (
                "application/vnd.microsoft.com.ucwa+xml; charset=utf-8",
                Some(Format::Xml),
            ),
            ("multipart/batching; boundary=x", None),
            ("image/svg+xml", None),
            ("nonsense", None),
        ] {
            assert_eq!(format_of(text), format, "{text}");
        }
    }

    #[test]
    fn accept_lists() {
        assert_eq!(format_from_accept("application/xml"), Some(Format::Xml));
        assert_eq!(
            format_from_accept("application/json;q=0.4, application/xml;q=0.8"),
            Some(Format::Xml)
        );
        assert_eq!(
            format_from_accept("application/xml;q=0, */*"),
            Some(Format::Json)
        );
        assert_eq!(format_from_accept("text/html"), None);
        assert_eq!(parse_q("0.25"), 250);
        assert_eq!(parse_q("1"), 1000);
        assert_eq!(parse_q("1.5"), 1000);
        assert_eq!(parse_q("x"), 0);
    }

    #[test]
    fn converts_keeping_parameters() {
        assert_eq!(
            convert("application/json", Format::Xml).as_deref(),
            Some("application/xml")
        );
        assert_eq!(
            convert(
                "application/vnd.microsoft.com.ucwa+xml; charset=utf-8",
                Format::Json
            )
            .as_deref(),
            Some("application/vnd.microsoft.com.ucwa+json; charset=utf-8")
        );
        assert_eq!(
            convert("application/json", Format::Json).as_deref(),
            Some("application/json")
        );
        assert_eq!(convert("text/plain", Format::Xml), None);
    }
}
