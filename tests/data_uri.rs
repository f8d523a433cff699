//! Data URIs in the documented samples' links, and media types of the documented messages.

#[macro_use]
mod common;

use ucwa_codec::data_uri::DataUri;
use ucwa_codec::{media_type, Format, Link, Resource};

fn data_links<'a>(resource: &'a Resource, out: &mut Vec<&'a Link>) {
    for group in &resource.links {
        out.extend(group.links.iter().filter(|l| l.data_uri().is_some()));
    }
    for group in &resource.embedded {
        for child in &group.resources {
            data_links(child, out);
        }
    }
}

#[test]
fn data_uris_in_the_samples_read_or_are_refused_with_a_column() {
    needs_reference!();
    let mut seen = 0;
    let mut read = 0;
    for (name, bytes) in common::samples_where("valid", |_| true) {
        let Ok(doc) = ucwa_codec::document::decode(&bytes, None) else {
            continue;
        };
        let Some(resource) = doc.as_resource() else {
            continue;
        };
        let mut links = Vec::new();
        data_links(resource, &mut links);
        for link in links {
            seen += 1;
            match link.data_uri().unwrap() {
                Ok(uri) => {
                    read += 1;
                    // Written back and read again: the same.
                    let again = DataUri::parse(&uri.to_string()).unwrap();
                    assert_eq!(again, uri, "{name}: {}", link.href);
                }
                Err(err) => {
                    // The documentation's placeholders, e.g. `base64-encoded-sdp`, are not
                    // base64.
                    assert!(err.column() > 5, "{name}: {err}");
                    assert!(link.href.contains(";base64,"), "{name}: {err}");
                }
            }
        }
    }
    assert!(seen >= 10, "only {seen} data URIs found in the samples");
    assert!(read >= 1, "no data URI of the samples could be read");
}

#[test]
fn the_documented_plain_message_reads_and_writes_back() {
    let uri = DataUri::parse("data:text/plain;charset=utf-8,Hi+Tosh%0d%0a").unwrap();
    assert_eq!(uri.text().as_deref(), Some("Hi Tosh\r\n"));
    assert_eq!(
        uri.to_string(),
        "data:text/plain;charset=utf-8,Hi+Tosh%0d%0a"
    );
    let uri = DataUri::parse("data:text/plain;charset=utf8,URLEncodedMessageString").unwrap();
    assert_eq!(uri.text().as_deref(), Some("URLEncodedMessageString"));
}

#[test]
fn media_types_of_the_documented_messages() {
    for (value, format) in [
        ("application/json", Some(Format::Json)),
        ("application/xml", Some(Format::Xml)),
        (
            "application/vnd.microsoft.com.ucwa+json",
            Some(Format::Json),
        ),
        (
            "application/vnd.microsoft.com.ucwa+json;charset=utf-8",
            Some(Format::Json),
        ),
        (
            "application/vnd.microsoft.com.ucwa+xml; charset=utf-8",
            Some(Format::Xml),
        ),
        ("multipart/batching;boundary=\"EA370946\"", None),
        ("application/http;msgtype=request", None),
    ] {
        assert_eq!(media_type::format_of(value), format, "{value}");
        if let Some(format) = format {
            let other = media_type::convert(value, format.other()).unwrap();
            assert_eq!(
                media_type::format_of(&other),
                Some(format.other()),
                "{value}"
            );
            assert_eq!(media_type::convert(&other, format).unwrap(), value);
        }
    }
    assert!(media_type::negotiate(Some("multipart/batching")).is_err());
    assert_eq!(
        media_type::negotiate(Some("application/vnd.microsoft.com.ucwa+xml")).map(|n| n.format),
        Ok(Format::Xml)
    );
}
