//! Media types: which codec a `Content-Type` value names, and back; what to answer an
//! `Accept` value ([`negotiate`]).
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
//!     media_type::negotiate(Some("text/html;q=0.9, application/xml;q=0.5, application/json"))
//!         .map(|answer| answer.media_type),
//!     Ok("application/json")
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

/// What a UCWA server can send, in its order of preference where the client's `Accept` leaves
/// a choice: UCWA's own types first, JSON first (UCWA's default).
const OFFERS: [Offer; 5] = [
    Offer::new("application", "vnd.microsoft.com.ucwa+json", Format::Json),
    Offer::new("application", "vnd.microsoft.com.ucwa+xml", Format::Xml),
    Offer::new("application", "json", Format::Json),
    Offer::new("application", "xml", Format::Xml),
    Offer::new("text", "xml", Format::Xml),
];

/// A media type a server can send.
#[derive(Clone, Copy, Debug)]
struct Offer {
    type_: &'static str,
    subtype: &'static str,
    format: Format,
}

impl Offer {
    const fn new(type_: &'static str, subtype: &'static str, format: Format) -> Offer {
        Offer {
            type_,
            subtype,
            format,
        }
    }
}

/// The answer of [`negotiate`]: the media type to send, the one the client asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Negotiated {
    /// The format to write.
    pub format: Format,
    /// The media type, e.g. `application/json` (without parameters).
    pub media_type: &'static str,
}

impl Negotiated {
    /// The `Content-Type` value to send: the media type with `charset=utf-8`, e.g.
    /// `application/json; charset=utf-8`.
    pub fn content_type(&self) -> String {
        format!("{}; charset=utf-8", self.media_type)
    }
}

/// No media type the server can send is acceptable to the client: a `406 Not Acceptable`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NotAcceptable {
    /// The `Accept` value, as the client sent it.
    pub accept: String,
}

impl fmt::Display for NotAcceptable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "none of the UCWA media types (application/vnd.microsoft.com.ucwa+json, \
             application/vnd.microsoft.com.ucwa+xml, application/json, application/xml, text/xml) \
             is acceptable to `Accept: {}`",
            self.accept
        )
    }
}

impl std::error::Error for NotAcceptable {}

/// Content negotiation of a UCWA response, by RFC 9110 (section 12.5.1): which media type to
/// send, given the request's `Accept` value (`None` where the request has none).
///
/// Each media type the server can send (UCWA's JSON and XML types, `application/json`,
/// `application/xml`, `text/xml`) takes the quality of the most specific media range that
/// matches it (`type/subtype` with parameters, then `type/subtype`, `type/*`, `*/*`); a range
/// with parameters other than `q` matches only `charset=utf-8`, which is what is sent. Of those
/// with a quality above 0, the highest wins; among equals, the one a more specific range names,
/// then the one named first, then the server's order (UCWA's types, JSON first). A range that
/// does not parse is skipped. One addition to the RFC: a `q=0` on `application/json` or
/// `application/xml` also excludes the other types of that format where only a wildcard
/// admits them (UCWA's types are JSON and XML by their `+json`/`+xml` suffix, RFC 6839, and
/// `text/xml` is `application/xml`'s alias, RFC 7303): a client that cannot read JSON cannot
/// read UCWA's JSON.
///
/// ```
/// use ucwa_codec::media_type::negotiate;
/// use ucwa_codec::Format;
///
/// let answer = negotiate(Some("application/json")).unwrap();
/// assert_eq!(answer.media_type, "application/json");
/// assert_eq!(answer.content_type(), "application/json; charset=utf-8");
///
/// // A browser: XML at q=0.9 beats UCWA's JSON at q=0.8 (through `*/*`).
/// let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
/// assert_eq!(negotiate(Some(browser)).unwrap().media_type, "application/xml");
///
/// // Not JSON, anything else.
/// let answer = negotiate(Some("application/json;q=0, */*")).unwrap();
/// assert_eq!((answer.format, answer.media_type), (Format::Xml, "application/vnd.microsoft.com.ucwa+xml"));
///
/// assert!(negotiate(Some("image/png")).is_err());
/// assert_eq!(negotiate(None).unwrap().media_type, "application/vnd.microsoft.com.ucwa+json");
/// ```
pub fn negotiate(accept: Option<&str>) -> Result<Negotiated, NotAcceptable> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(answer(OFFERS[0]));
    };
    let ranges: Vec<Range> = accept
        .split(',')
        .enumerate()
        .filter_map(|(position, text)| Range::parse(text, position))
        .collect();
    let excluded = |format: Format| {
        ranges.iter().any(|r| {
            r.q == 0
                && r.specificity >= Specificity::Subtype
                && matches!(
                    (format, r.media.subtype.to_ascii_lowercase().as_str()),
                    (Format::Json, "json") | (Format::Xml, "xml")
                )
        })
    };
    let mut best: Option<(Score, Offer)> = None;
    for (rank, offer) in OFFERS.iter().enumerate() {
        let Some(range) = ranges
            .iter()
            .filter(|r| r.matches(offer))
            .max_by_key(|r| (r.specificity, std::cmp::Reverse(r.position)))
        else {
            continue;
        };
        if range.q == 0 || (range.specificity < Specificity::Subtype && excluded(offer.format)) {
            continue;
        }
        let score = Score {
            q: range.q,
            specificity: range.specificity,
            first: std::cmp::Reverse(range.position),
            server: std::cmp::Reverse(rank),
        };
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, *offer));
        }
    }
    match best {
        Some((_, offer)) => Ok(answer(offer)),
        None => Err(NotAcceptable {
            accept: accept.to_owned(),
        }),
    }
}

fn answer(offer: Offer) -> Negotiated {
    let media_type = match (offer.type_, offer.subtype) {
        ("application", "vnd.microsoft.com.ucwa+json") => UCWA_JSON,
        ("application", "vnd.microsoft.com.ucwa+xml") => UCWA_XML,
        ("application", "json") => "application/json",
        ("application", "xml") => "application/xml",
        _ => "text/xml",
    };
    Negotiated {
        format: offer.format,
        media_type,
    }
}

/// How an offer is ranked: by quality, then the specificity of the range that gave it, then
/// how early that range stands, then the server's order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    q: u16,
    specificity: Specificity,
    first: std::cmp::Reverse<usize>,
    server: std::cmp::Reverse<usize>,
}

/// How specific a media range is (RFC 9110: the most specific reference has precedence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Specificity {
    /// `*/*`
    Any,
    /// `type/*`
    Type,
    /// `type/subtype`
    Subtype,
    /// `type/subtype;parameter=value`
    Parameters,
}

/// One media range of an `Accept` value.
struct Range {
    media: MediaType,
    q: u16,
    specificity: Specificity,
    /// Its place in the value.
    position: usize,
}

impl Range {
    fn parse(text: &str, position: usize) -> Option<Range> {
        let mut media = MediaType::parse(text.trim()).ok()?;
        // The parameters after `q` are accept-extensions, not the media type's.
        let mut q = 1000;
        if let Some(at) = media
            .parameters
            .iter()
            .position(|(n, _)| n.eq_ignore_ascii_case("q"))
        {
            q = parse_q(&media.parameters[at].1);
            media.parameters.truncate(at);
        }
        let specificity = match (&*media.type_, &*media.subtype) {
            ("*", "*") => Specificity::Any,
            ("*", _) => return None,
            (_, "*") => Specificity::Type,
            _ if media.parameters.is_empty() => Specificity::Subtype,
            _ => Specificity::Parameters,
        };
        Some(Range {
            media,
            q,
            specificity,
            position,
        })
    }

    /// Whether the range admits the offer (sent with `charset=utf-8`).
    fn matches(&self, offer: &Offer) -> bool {
        let type_ok = self.specificity == Specificity::Any
            || self.media.type_.eq_ignore_ascii_case(offer.type_);
        let subtype_ok = self.specificity <= Specificity::Type
            || self.media.subtype.eq_ignore_ascii_case(offer.subtype);
        let parameters_ok = self.media.parameters.iter().all(|(name, value)| {
            name.eq_ignore_ascii_case("charset") && value.eq_ignore_ascii_case("utf-8")
        });
        type_ok && subtype_ok && parameters_ok
    }
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
    fn quality_values() {
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
