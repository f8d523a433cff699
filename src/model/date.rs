//! [`Date`]: an instant with 100 ns precision and the UTC offset it was written with.

use std::fmt;
use std::str::FromStr;

/// Ticks (100 ns units) in one millisecond.
const TICKS_PER_MILLI: i64 = 10_000;
/// Ticks in one second.
const TICKS_PER_SECOND: i64 = 10_000_000;
/// Seconds in one day.
const SECONDS_PER_DAY: i64 = 86_400;

/// An instant, as UCWA carries it in both formats.
///
/// JSON writes dates in the ASP.NET AJAX form, `"\/Date(1474932024822)\/"` (milliseconds since
/// 1970-01-01 UTC) or `"\/Date(1474932024822-0700)\/"` (with the offset the writer was in); XML
/// writes ISO 8601 with up to seven fractional digits, `2016-09-26T16:20:24.8356669-07:00`.
/// A `Date` holds the instant in 100 ns ticks and the offset (or none, for the plain JSON form
/// and for ISO 8601's `Z`), so either form is kept exactly.
///
/// ```
/// use ucwa_codec::Date;
///
/// let date: Date = "2016-09-26T16:20:24.8356669-07:00".parse()?;
/// assert_eq!(date.unix_millis(), 1474932024835);
/// assert_eq!(date.offset_minutes(), Some(-420));
/// assert_eq!(date.to_json_string(), "/Date(1474932024835-0700)/");
/// assert_eq!(date.to_string(), "2016-09-26T16:20:24.8356669-07:00");
///
/// let from_json = Date::parse_json("/Date(1474932024822)/").unwrap();
/// assert_eq!(from_json.to_string(), "2016-09-26T23:20:24.8220000Z");
/// # Ok::<(), ucwa_codec::DateParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// 100 ns ticks since 1970-01-01T00:00:00Z.
    ticks: i64,
    /// Minutes east of UTC the writer was in; `None` for UTC written as `Z` or the plain JSON form.
    offset: Option<i16>,
}

/// Why a text is not a date in either UCWA form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateParseError {
    reason: &'static str,
}

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date: {}", self.reason)
    }
}

impl std::error::Error for DateParseError {}

fn invalid(reason: &'static str) -> DateParseError {
    DateParseError { reason }
}

impl Date {
    /// The instant `ticks` × 100 ns after the Unix epoch, with an optional UTC offset in minutes
    /// (between -1439 and 1439; a larger one is refused).
    pub fn from_ticks(ticks: i64, offset_minutes: Option<i16>) -> Option<Date> {
        match offset_minutes {
            Some(m) if !(-1439..=1439).contains(&m) => None,
            _ => Some(Date {
                ticks,
                offset: offset_minutes,
            }),
        }
    }

    /// The instant `millis` milliseconds after the Unix epoch, in UTC.
    pub fn from_unix_millis(millis: i64) -> Option<Date> {
        millis.checked_mul(TICKS_PER_MILLI).map(|ticks| Date {
            ticks,
            offset: None,
        })
    }

    /// 100 ns ticks since the Unix epoch.
    pub fn ticks(&self) -> i64 {
        self.ticks
    }

    /// Milliseconds since the Unix epoch (rounded toward negative infinity).
    pub fn unix_millis(&self) -> i64 {
        self.ticks.div_euclid(TICKS_PER_MILLI)
    }

    /// The writer's UTC offset in minutes east of UTC, if the date carried one.
    pub fn offset_minutes(&self) -> Option<i16> {
        self.offset
    }

    /// The same instant with no offset: UTC, as UCWA's JSON writes dates (`/Date(ms)/`).
    pub fn to_utc(self) -> Date {
        Date {
            ticks: self.ticks,
            offset: None,
        }
    }

    /// Parses either UCWA form: the JSON `/Date(ms)/` or `/Date(ms±hhmm)/` (the escaped
    /// `\/Date(..)\/` spelling of the JSON text is already unescaped by a JSON reader), or ISO 8601.
    pub fn parse(text: &str) -> Result<Date, DateParseError> {
        match Date::parse_json(text) {
            Some(date) => Ok(date),
            None => Date::parse_iso(text),
        }
    }

    /// Parses the ASP.NET AJAX form `/Date(ms)/` or `/Date(ms±hhmm)/`; `None` if `text` is not
    /// in that form.
    pub fn parse_json(text: &str) -> Option<Date> {
        let inner = text.strip_prefix("/Date(")?.strip_suffix(")/")?;
        let bytes = inner.as_bytes();
        let digits_start = usize::from(bytes.first() == Some(&b'-'));
        let digits_end = digits_start
            + bytes[digits_start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        if digits_end == digits_start || digits_end - digits_start > 19 {
            return None;
        }
        let millis: i64 = inner[..digits_end].parse().ok()?;
        let offset = match &bytes[digits_end..] {
            [] => None,
            [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
                let hours = two_digits(*h1, *h2)?;
                let minutes = two_digits(*m1, *m2)?;
                if minutes > 59 {
                    return None;
                }
                let total = (hours * 60 + minutes) as i16;
                Some(if *sign == b'-' { -total } else { total })
            }
            _ => return None,
        };
        let ticks = millis.checked_mul(TICKS_PER_MILLI)?;
        Date::from_ticks(ticks, offset)
    }

    /// Parses ISO 8601 as UCWA writes it: `YYYY-MM-DDThh:mm:ss`, up to seven fractional
    /// digits, then `Z` or `±hh:mm`. A date without an offset is refused: it names no instant.
    pub fn parse_iso(text: &str) -> Result<Date, DateParseError> {
        let b = text.as_bytes();
        if b.len() < 20 {
            return Err(invalid("too short for YYYY-MM-DDThh:mm:ss and an offset"));
        }
        let num = |range: std::ops::Range<usize>| -> Result<i64, DateParseError> {
            let part = &b[range];
            if part.iter().all(u8::is_ascii_digit) {
                Ok(part
                    .iter()
                    .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0')))
            } else {
                Err(invalid("expected digits in YYYY-MM-DDThh:mm:ss"))
            }
        };
        if b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't')
            || b[13] != b':'
            || b[16] != b':'
        {
            return Err(invalid("expected the layout YYYY-MM-DDThh:mm:ss"));
        }
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(invalid("no such calendar day"));
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(invalid("no such time of day"));
        }
        let mut rest = &b[19..];
        let mut fraction_ticks = 0i64;
        if let Some((b'.', after)) = rest.split_first() {
            let digits = after.iter().take_while(|d| d.is_ascii_digit()).count();
            if digits == 0 {
                return Err(invalid("expected digits after the decimal point"));
            }
            if digits > 7 {
                return Err(invalid(
                    "more than seven fractional digits (finer than 100 ns)",
                ));
            }
            for (i, d) in after[..digits].iter().enumerate() {
                fraction_ticks += i64::from(d - b'0') * 10i64.pow(6 - i as u32);
            }
            rest = &after[digits..];
        }
        let offset = match rest {
            [b'Z' | b'z'] => None,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let hours = two_digits(*h1, *h2).ok_or(invalid("expected digits in the offset"))?;
                let minutes =
                    two_digits(*m1, *m2).ok_or(invalid("expected digits in the offset"))?;
                if hours > 23 || minutes > 59 {
                    return Err(invalid("offset out of range"));
                }
                let total = (hours * 60 + minutes) as i16;
                Some(if *sign == b'-' { -total } else { total })
            }
            [] => return Err(invalid("no UTC offset (Z or ±hh:mm)")),
            _ => return Err(invalid("expected Z or ±hh:mm after the time")),
        };
        let days = days_from_civil(year, month, day);
        let local_seconds = days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
        let utc_seconds = local_seconds - i64::from(offset.unwrap_or(0)) * 60;
        Ok(Date {
            ticks: utc_seconds * TICKS_PER_SECOND + fraction_ticks,
            offset,
        })
    }

    /// Parses text in exactly the form UCWA's XML writes dates, and this crate's XML encoder
    /// too: `YYYY-MM-DDThh:mm:ss`, seven fractional digits, then `Z` or `±hh:mm`
    /// (`2016-09-26T16:20:24.8356669-07:00`); `None` for any other text. Typing reads such
    /// text as a date where the catalogue gives no type, so that JSON -> XML -> JSON keeps
    /// dates the reference does not document.
    ///
    /// ```
    /// use ucwa_codec::Date;
    ///
    /// assert!(Date::parse_xml_form("2016-05-12T10:04:18.4210000Z").is_some());
    /// assert!(Date::parse_xml_form("2016-05-12T10:04:18Z").is_none());
    /// assert!(Date::parse_xml_form("2016-05-12T10:04:18.421Z").is_none());
    /// ```
    pub fn parse_xml_form(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        let fraction = b.get(19..27)?;
        let written = matches!(b.len(), 28 | 33)
            && fraction[0] == b'.'
            && fraction[1..].iter().all(u8::is_ascii_digit);
        written.then(|| Date::parse_iso(text).ok()).flatten()
    }

    /// Whether the date has an ISO 8601 form that XML can carry: a year from 0000 to 9999 at
    /// its offset. `Date::to_string` writes other years with more digits or a sign, which
    /// no ISO 8601 reader of UCWA takes back.
    pub fn has_iso_form(&self) -> bool {
        let offset_seconds = i64::from(self.offset.unwrap_or(0)) * 60;
        let local_ticks = self.ticks + offset_seconds * TICKS_PER_SECOND;
        let days = local_ticks
            .div_euclid(TICKS_PER_SECOND)
            .div_euclid(SECONDS_PER_DAY);
        (0..=9999).contains(&civil_from_days(days).0)
    }

    /// The JSON form without the escaping of its slashes: `/Date(ms)/` or `/Date(ms±hhmm)/`.
    pub fn to_json_string(&self) -> String {
        let mut out = String::with_capacity(32);
        self.write_json(&mut out)
            .expect("writing to a String cannot fail");
        out
    }

    pub(crate) fn write_json(&self, out: &mut impl fmt::Write) -> fmt::Result {
        write!(out, "/Date({}", self.unix_millis())?;
        if let Some(offset) = self.offset {
            let sign = if offset < 0 { '-' } else { '+' };
            let abs = offset.unsigned_abs();
            write!(out, "{sign}{:02}{:02}", abs / 60, abs % 60)?;
        }
        out.write_str(")/")
    }
}

/// Room for either text form of any date: the ISO form of the most distant one,
/// `-27258-04-19T21:11:54.5224192+23:59`, is 36 bytes.
pub(crate) const TEXT_CAPACITY: usize = 48;

/// A stack buffer that a date's text is written into.
pub(crate) struct TextBuf {
    bytes: [u8; TEXT_CAPACITY],
    len: usize,
}

impl TextBuf {
    pub(crate) fn new() -> TextBuf {
        TextBuf {
            bytes: [0; TEXT_CAPACITY],
            len: 0,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).expect("dates are written in ASCII")
    }

    fn push(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    /// `value` in exactly `width` decimal digits (`value` is below `10^width`).
    fn push_digits(&mut self, mut value: u64, width: usize) {
        let end = self.len + width;
        for slot in self.bytes[self.len..end].iter_mut().rev() {
            *slot = b'0' + (value % 10) as u8;
            value /= 10;
        }
        self.len = end;
    }

    /// An offset as `±hh` `separator` `mm` (the separator is `:` in ISO 8601, none in JSON).
    fn push_offset(&mut self, offset: i16, separator: Option<u8>) {
        self.push(if offset < 0 { b'-' } else { b'+' });
        let abs = offset.unsigned_abs();
        self.push_digits(u64::from(abs / 60), 2);
        if let Some(separator) = separator {
            self.push(separator);
        }
        self.push_digits(u64::from(abs % 60), 2);
    }
}

impl fmt::Write for TextBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > self.bytes.len() {
            return Err(fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A date's fields at its own offset: what its ISO 8601 text shows.
struct Local {
    year: i64,
    month: i64,
    day: i64,
    second_of_day: i64,
    /// Ticks of 100 ns into the second.
    fraction: i64,
}

impl Date {
    /// The date's fields at its own offset (UTC where it has none).
    fn local(&self) -> Local {
        let offset_seconds = i64::from(self.offset.unwrap_or(0)) * 60;
        let local_ticks = self.ticks + offset_seconds * TICKS_PER_SECOND;
        let seconds = local_ticks.div_euclid(TICKS_PER_SECOND);
        let fraction = local_ticks.rem_euclid(TICKS_PER_SECOND);
        let days = seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = seconds.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        Local {
            year,
            month,
            day,
            second_of_day,
            fraction,
        }
    }

    /// The ISO 8601 text that `Display` writes, formatted into `buf` without the formatting
    /// machinery (which stays the path for years outside 0000..=9999).
    pub(crate) fn iso_text<'b>(&self, buf: &'b mut TextBuf) -> &'b str {
        buf.len = 0;
        let Local {
            year,
            month,
            day,
            second_of_day,
            fraction,
        } = self.local();
        if !(0..=9999).contains(&year) {
            fmt::Write::write_fmt(buf, format_args!("{self}"))
                .expect("a date's text fits the buffer");
            return buf.as_str();
        }
        // Every field below is non-negative and fits its width.
        let digits = |buf: &mut TextBuf, value: i64, width| buf.push_digits(value as u64, width);
        digits(buf, year, 4);
        buf.push(b'-');
        digits(buf, month, 2);
        buf.push(b'-');
        digits(buf, day, 2);
        buf.push(b'T');
        digits(buf, second_of_day / 3600, 2);
        buf.push(b':');
        digits(buf, second_of_day / 60 % 60, 2);
        buf.push(b':');
        digits(buf, second_of_day % 60, 2);
        buf.push(b'.');
        digits(buf, fraction, 7);
        match self.offset {
            None => buf.push(b'Z'),
            Some(offset) => buf.push_offset(offset, Some(b':')),
        }
        buf.as_str()
    }

    /// The JSON form that [`Date::to_json_string`] returns, formatted into `buf`.
    pub(crate) fn json_text<'b>(&self, buf: &'b mut TextBuf) -> &'b str {
        buf.len = 0;
        fmt::Write::write_str(buf, "/Date(").expect("fits");
        let mut millis = itoa::Buffer::new();
        fmt::Write::write_str(buf, millis.format(self.unix_millis())).expect("fits");
        if let Some(offset) = self.offset {
            buf.push_offset(offset, None);
        }
        fmt::Write::write_str(buf, ")/").expect("fits");
        buf.as_str()
    }
}

impl fmt::Display for Date {
    /// ISO 8601 with seven fractional digits and the offset (`Z` where there is none).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.local();
        let (year, month, day, fraction) = (local.year, local.month, local.day, local.fraction);
        let second_of_day = local.second_of_day;
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{fraction:07}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        )?;
        match self.offset {
            None => f.write_str("Z"),
            Some(offset) => {
                let sign = if offset < 0 { '-' } else { '+' };
                let abs = offset.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)
            }
        }
    }
}

impl FromStr for Date {
    type Err = DateParseError;

    /// Either form; see [`Date::parse`].
    fn from_str(text: &str) -> Result<Date, DateParseError> {
        Date::parse(text)
    }
}

impl serde::Serialize for Date {
    /// Serializes as the JSON form, `/Date(ms)/`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}", JsonForm(self)))
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    /// Deserializes from a string in either form.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl serde::de::Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date, as /Date(ms)/ or ISO 8601")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

/// Displays a date in the JSON form.
pub(crate) struct JsonForm<'a>(pub(crate) &'a Date);

impl fmt::Display for JsonForm<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_json(f)
    }
}

fn two_digits(a: u8, b: u8) -> Option<i64> {
    if a.is_ascii_digit() && b.is_ascii_digit() {
        Some(i64::from(a - b'0') * 10 + i64::from(b - b'0'))
    } else {
        None
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_formatting_matches_display() {
        let mut dates = vec![
            Date::from_ticks(i64::MIN, None).unwrap(),
            Date::from_ticks(i64::MAX, None).unwrap(),
            Date::from_ticks(i64::MIN / 2, Some(-1439)).unwrap(),
            Date::from_ticks(i64::MAX / 2, Some(1439)).unwrap(),
            Date::from_ticks(-1, None).unwrap(),
            Date::from_ticks(0, Some(0)).unwrap(),
            Date::parse_iso("9999-12-31T23:59:59.9999999Z").unwrap(),
            Date::parse_iso("9999-12-31T23:59:59.9999999-00:01").unwrap(),
            Date::parse_iso("0000-01-01T00:00:00.0000000+00:01").unwrap(),
            Date::parse_iso("0000-01-01T00:00:00.0000000Z").unwrap(),
        ];
        let mut ticks: i64 = 1;
        for i in 0..2000i64 {
            ticks = ticks
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let offset = Some((i % 2879 - 1439) as i16).filter(|_| i % 3 != 0);
            dates.push(Date::from_ticks(ticks / 2, offset).unwrap());
            dates.push(Date::from_ticks(ticks % 4_000_000_000_000_000_000, offset).unwrap());
        }
        let mut buf = TextBuf::new();
        for date in dates {
            assert_eq!(date.iso_text(&mut buf), date.to_string(), "{date:?}");
            assert_eq!(date.json_text(&mut buf), date.to_json_string(), "{date:?}");
        }
    }

    #[test]
    fn iso_round_trip_keeps_ticks_and_offset() {
        for text in [
            "2016-09-26T16:20:24.8356669-07:00",
            "2012-01-11T19:03:22.7433336-08:00",
            "1970-01-01T00:00:00.0000000Z",
            "2000-02-29T23:59:59.9999999+05:30",
            "1969-12-31T23:59:59.0000001Z",
        ] {
            let date = Date::parse_iso(text).unwrap();
            assert_eq!(date.to_string(), text);
        }
    }

    #[test]
    fn iso_with_fewer_digits_pads() {
        let date = Date::parse_iso("2016-09-26T16:20:24.835-07:00").unwrap();
        assert_eq!(date.to_string(), "2016-09-26T16:20:24.8350000-07:00");
        let date = Date::parse_iso("2016-09-26T16:20:24+00:00").unwrap();
        assert_eq!(date.offset_minutes(), Some(0));
    }

    #[test]
    fn json_forms() {
        let date = Date::parse_json("/Date(1474932024822)/").unwrap();
        assert_eq!(date.unix_millis(), 1474932024822);
        assert_eq!(date.offset_minutes(), None);
        assert_eq!(date.to_json_string(), "/Date(1474932024822)/");
        let date = Date::parse_json("/Date(1474932024822+0130)/").unwrap();
        assert_eq!(date.offset_minutes(), Some(90));
        assert_eq!(date.to_json_string(), "/Date(1474932024822+0130)/");
        assert_eq!(Date::parse_json("/Date(-5)/").unwrap().unix_millis(), -5);
        for bad in [
            "/Date()/",
            "/Date(12)",
            "Date(12)/",
            "/Date(1+01)/",
            "/Date(1+0160)/",
            "/Date(99999999999999999999)/",
        ] {
            assert_eq!(Date::parse_json(bad), None, "{bad}");
        }
    }

    #[test]
    fn json_and_iso_meet() {
        let iso = Date::parse_iso("2016-09-26T16:20:24.8220000-07:00").unwrap();
        let json = Date::parse_json("/Date(1474932024822-0700)/").unwrap();
        assert_eq!(iso, json);
    }

    #[test]
    fn bad_iso_is_refused() {
        for bad in [
            "2016-13-01T00:00:00Z",
            "2016-02-30T00:00:00Z",
            "2016-09-26T16:20:24",
            "2016-09-26T16:20:24.12345678Z",
            "2016-09-26 16:20:24Z",
            "2016-09-26T16:20:24.Z",
            "2016-09-26T16:20:24+0700",
        ] {
            assert!(Date::parse_iso(bad).is_err(), "{bad}");
        }
    }
}
