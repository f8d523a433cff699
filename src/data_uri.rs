//! Data URIs (RFC 2397) as UCWA links carry them: content in place of a URL.
//!
//! A message's `plainMessage` link, for one, holds the message itself:
//!
//! ```
//! use ucwa_codec::data_uri::DataUri;
//!
//! let uri = DataUri::parse("data:text/plain;charset=utf-8,Hi+Tosh%0d%0a")?;
//! assert_eq!(uri.media_type(), "text/plain");
//! assert_eq!(uri.parameter("charset"), Some("utf-8"));
//! assert_eq!(uri.data, b"Hi Tosh\r\n");
//! assert_eq!(uri.text().as_deref(), Some("Hi Tosh\r\n"));
//! // Written back the way UCWA writes it.
//! assert_eq!(uri.to_string(), "data:text/plain;charset=utf-8,Hi+Tosh%0d%0a");
//!
//! let sdp = DataUri::parse("data:application/sdp;base64,dj0wDQo=")?;
//! assert!(sdp.base64);
//! assert_eq!(sdp.data, b"v=0\r\n");
//! # Ok::<(), ucwa_codec::Error>(())
//! ```
//!
//! Reading: the scheme is `data:` in any case; the media type is optional (RFC 2397's
//! default is `text/plain;charset=US-ASCII`); parameter values and the data are
//! percent-decoded; in data that is not base64 a `+` is a space, as UCWA (and HTML forms)
//! encode it, while in base64 data `+` is a base64 digit. Base64 data may omit its padding and
//! contain blanks. A `%` not followed by two hexadecimal digits is an error.
//!
//! Writing: letters, digits and `-_.!*()` stand as they are, a space is `+`, any other byte
//! is `%xx` with lowercase hexadecimal digits, as UCWA's server (.NET's `UrlEncode`) writes
//! them. Base64 data is written padded.

use std::borrow::Cow;
use std::fmt;

use base64::Engine as _;

use crate::error::{Error, ErrorKind, Position, Result};
use crate::media_type::{find_parameter, is_tchar};
use crate::model::{Link, Str};

/// A decoded data URI: media type, parameters and the bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DataUri {
    /// `type/subtype` as written; `None` when the URI names none (`data:,Hi`,
    /// `data:;charset=utf-8,Hi`): then it is `text/plain`.
    pub media_type_name: Option<Str>,
    /// The parameters (`charset=utf-8`), values percent-decoded, in order.
    pub parameters: Vec<(Str, Str)>,
    /// Whether the data is (to be) written in base64.
    pub base64: bool,
    /// The decoded bytes.
    pub data: Vec<u8>,
}

const BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

impl DataUri {
    /// A data URI of `media_type` (`type/subtype`) holding `data`, written URL-encoded.
    pub fn new(media_type: impl Into<Str>, data: impl Into<Vec<u8>>) -> DataUri {
        DataUri {
            media_type_name: Some(media_type.into()),
            parameters: Vec::new(),
            base64: false,
            data: data.into(),
        }
    }

    /// A `text/plain;charset=utf-8` data URI holding `text`.
    ///
    /// ```
    /// let uri = ucwa_codec::data_uri::DataUri::plain_text("Hello, world!");
    /// assert_eq!(uri.to_string(), "data:text/plain;charset=utf-8,Hello%2c+world!");
    /// ```
    pub fn plain_text(text: &str) -> DataUri {
        DataUri::new("text/plain", text.as_bytes()).with_parameter("charset", "utf-8")
    }

    /// Adds a parameter (builder style).
    pub fn with_parameter(mut self, name: impl Into<Str>, value: impl Into<Str>) -> DataUri {
        self.parameters.push((name.into(), value.into()));
        self
    }

    /// Sets whether the data is written in base64 (builder style).
    pub fn with_base64(mut self, base64: bool) -> DataUri {
        self.base64 = base64;
        self
    }

    /// Whether `text` is a data URI (starts with `data:`, in any case).
    pub fn is_data_uri(text: &str) -> bool {
        text.get(..5)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("data:"))
    }

    /// Reads a data URI. Errors are of kind [`ErrorKind::Value`] with the position (line 1,
    /// the column of the offending character) in `uri`.
    pub fn parse(uri: &str) -> Result<DataUri> {
        let at = |offset: usize, message: String| {
            Error::new(ErrorKind::Value, message)
                .with_position(Position::at_offset(uri.as_bytes(), offset))
        };
        if !DataUri::is_data_uri(uri) {
            return Err(at(
                0,
                "not a data URI (it does not start with `data:`)".into(),
            ));
        }
        let Some(comma) = uri.find(',') else {
            return Err(at(
                uri.len(),
                "a data URI needs a `,` before its data".into(),
            ));
        };
        let header = &uri[5..comma];
        let mut segments: Vec<(usize, &str)> = Vec::new();
        let mut start = 5;
        for segment in header.split(';') {
            segments.push((start, segment));
            start += segment.len() + 1;
        }
        let mut result = DataUri::default();
        if segments
            .last()
            .is_some_and(|(_, s)| s.eq_ignore_ascii_case("base64"))
            && segments.len() > 1
        {
            result.base64 = true;
            segments.pop();
        }
        let (type_offset, media_type) = segments[0];
        if !media_type.is_empty() {
            let valid = media_type.split_once('/').is_some_and(|(t, s)| {
                !t.is_empty() && !s.is_empty() && t.bytes().chain(s.bytes()).all(is_tchar)
            });
            if !valid {
                return Err(at(
                    type_offset,
                    format!("`{media_type}` is not a media type (`type/subtype`)"),
                ));
            }
            result.media_type_name = Some(Str::from(media_type));
        }
        for &(offset, segment) in &segments[1..] {
            let Some((name, value)) = segment.split_once('=') else {
                return Err(at(offset, format!("parameter `{segment}` has no `=`")));
            };
            if name.is_empty() || !name.bytes().all(is_tchar) {
                return Err(at(offset, format!("`{name}` is not a parameter name")));
            }
            let value = percent_decode(value, false)
                .map_err(|i| at(offset + name.len() + 1 + i, bad_escape()))?;
            let value = String::from_utf8(value.into_owned()).map_err(|_| {
                at(
                    offset,
                    format!("the value of parameter `{name}` is not UTF-8"),
                )
            })?;
            result.parameters.push((Str::from(name), Str::from(value)));
        }
        let data = &uri[comma + 1..];
        let decoded =
            percent_decode(data, !result.base64).map_err(|i| at(comma + 1 + i, bad_escape()))?;
        result.data = if result.base64 {
            let compact: Vec<u8> = decoded
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            BASE64
                .decode(&compact)
                .map_err(|err| at(comma + 1, format!("invalid base64 data: {err}")))?
        } else {
            decoded.into_owned()
        };
        Ok(result)
    }

    /// The media type: as written, or `text/plain` when the URI names none.
    pub fn media_type(&self) -> &str {
        self.media_type_name.as_deref().unwrap_or("text/plain")
    }

    /// The value of a parameter (its name compared case-insensitively).
    pub fn parameter(&self, name: &str) -> Option<&str> {
        find_parameter(&self.parameters, name)
    }

    /// The data as text, for the charsets UTF-8, US-ASCII and ISO-8859-1 (`None` for others,
    /// or for bytes that are not of the charset). Without a `charset` parameter, UTF-8.
    pub fn text(&self) -> Option<Cow<'_, str>> {
        let charset = self.parameter("charset").unwrap_or("utf-8");
        match charset.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => std::str::from_utf8(&self.data).ok().map(Cow::Borrowed),
            "us-ascii" | "ascii" => self
                .data
                .is_ascii()
                .then(|| std::str::from_utf8(&self.data).ok().map(Cow::Borrowed))
                .flatten(),
            "iso-8859-1" | "latin1" | "latin-1" => Some(Cow::Owned(
                self.data.iter().map(|&b| char::from(b)).collect(),
            )),
            _ => None,
        }
    }
}

fn bad_escape() -> String {
    "`%` must be followed by two hexadecimal digits".to_owned()
}

impl fmt::Display for DataUri {
    /// The URI, URL-encoded as UCWA writes it (or base64).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("data:")?;
        if let Some(media_type) = &self.media_type_name {
            f.write_str(media_type)?;
        }
        for (name, value) in &self.parameters {
            write!(f, ";{name}=")?;
            for &b in value.as_bytes() {
                if is_tchar(b) && b != b'%' {
                    write!(f, "{}", char::from(b))?;
                } else {
                    write!(f, "%{b:02x}")?;
                }
            }
        }
        if self.base64 {
            f.write_str(";base64,")?;
            f.write_str(&BASE64.encode(&self.data))
        } else {
            f.write_str(",")?;
            f.write_str(&url_encode(&self.data))
        }
    }
}

/// URL-encodes bytes as .NET's `HttpUtility.UrlEncode` does: letters, digits and `-_.!*()`
/// kept, a space as `+`, other bytes as `%xx` (lowercase).
pub fn url_encode(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'*'
            | b'('
            | b')' => out.push(char::from(b)),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
    out
}

/// Percent-decodes `text` (and `+` as a space when `plus_is_space`); the error is the byte
/// offset of a bad escape.
pub fn url_decode(text: &str, plus_is_space: bool) -> Result<Vec<u8>, usize> {
    percent_decode(text, plus_is_space).map(Cow::into_owned)
}

fn percent_decode(text: &str, plus_is_space: bool) -> Result<Cow<'_, [u8]>, usize> {
    let bytes = text.as_bytes();
    let plus = plus_is_space && bytes.contains(&b'+');
    if !plus && !bytes.contains(&b'%') {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = |j: usize| bytes.get(j).and_then(|&b| char::from(b).to_digit(16));
                match (hex(i + 1), hex(i + 2)) {
                    (Some(high), Some(low)) => {
                        out.push((high * 16 + low) as u8);
                        i += 3;
                    }
                    _ => return Err(i),
                }
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    Ok(Cow::Owned(out))
}

impl Link {
    /// The link's target read as a data URI: `None` when it is not one (a URL), an error when
    /// it is a malformed one.
    ///
    /// ```
    /// use ucwa_codec::Link;
    /// let link = Link::new("data:text/plain;charset=utf-8,Hi+Tosh%0d%0a");
    /// assert_eq!(link.data_uri().unwrap()?.text().as_deref(), Some("Hi Tosh\r\n"));
    /// assert!(Link::new("/ucwa/v1/applications/1").data_uri().is_none());
    /// # Ok::<(), ucwa_codec::Error>(())
    /// ```
    pub fn data_uri(&self) -> Option<Result<DataUri>> {
        DataUri::is_data_uri(&self.href).then(|| DataUri::parse(&self.href))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_forms() {
        let uri = DataUri::parse("data:text/html;charset=utf-8,%3cb%3eHi%3c%2fb%3e").unwrap();
        assert_eq!(uri.text().as_deref(), Some("<b>Hi</b>"));
        let uri = DataUri::parse("DATA:,A+b").unwrap();
        assert_eq!(uri.media_type(), "text/plain");
        assert_eq!(uri.data, b"A b");
        let uri = DataUri::parse("data:;charset=utf-8;base64,SGk").unwrap();
        assert_eq!(uri.media_type_name, None);
        assert_eq!(uri.data, b"Hi");
        let uri = DataUri::parse("data:application/octet-stream;base64,+/8=").unwrap();
        assert_eq!(uri.data, [0xfb, 0xff]);
        let uri = DataUri::parse("data:a/b;base64,SG%0Ak%3D").unwrap();
        assert_eq!(uri.data, b"Hi");
    }

    #[test]
    fn refuses_malformed_ones_with_a_position() {
        let column = |uri: &str| DataUri::parse(uri).unwrap_err().column();
        assert_eq!(column("http://x"), 1);
        assert_eq!(column("data:text/plain"), 16);
        assert_eq!(column("data:text,x"), 6);
        assert_eq!(column("data:text/plain;charset,x"), 17);
        assert_eq!(column("data:text/plain,50%"), 19);
        assert_eq!(column("data:text/plain,%g0"), 17);
        assert_eq!(column("data:text/plain;x=%z,a"), 19);
        assert_eq!(column("data:a/b;base64,%%%"), 17);
        assert_eq!(column("data:a/b;base64,S"), 17);
    }

    #[test]
    fn writes_url_encoded_or_base64() {
        let uri = DataUri::new("text/plain", "a b+c\u{e9}")
            .with_parameter("charset", "utf-8")
            .with_parameter("name", "x y");
        assert_eq!(
            uri.to_string(),
            "data:text/plain;charset=utf-8;name=x%20y,a+b%2bc%c3%a9"
        );
        assert_eq!(DataUri::parse(&uri.to_string()).unwrap(), uri);
        let uri = uri.with_base64(true);
        assert_eq!(
            uri.to_string(),
            "data:text/plain;charset=utf-8;name=x%20y;base64,YSBiK2PDqQ=="
        );
        assert_eq!(DataUri::parse(&uri.to_string()).unwrap(), uri);
    }

    #[test]
    fn texts_by_charset() {
        let mut uri = DataUri::new("text/plain", vec![0xe9]);
        assert_eq!(uri.text(), None);
        uri.parameters.push(("charset".into(), "ISO-8859-1".into()));
        assert_eq!(uri.text().as_deref(), Some("\u{e9}"));
        uri.parameters[0].1 = "us-ascii".into();
        assert_eq!(uri.text(), None);
        uri.parameters[0].1 = "koi8-r".into();
        assert_eq!(uri.text(), None);
    }
}
