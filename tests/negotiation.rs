//! Content negotiation (RFC 9110, section 12.5.1) on the `Accept` values clients send:
//! browsers, curl, HTTP libraries, the UCWA documentation's own requests and the UCWA
//! JavaScript helper libraries, and the corner cases of the RFC.

use ucwa_codec::media_type::negotiate;

const UCWA_JSON: &str = "application/vnd.microsoft.com.ucwa+json";
const UCWA_XML: &str = "application/vnd.microsoft.com.ucwa+xml";
const JSON: &str = "application/json";
const XML: &str = "application/xml";
const TEXT_XML: &str = "text/xml";
/// Not acceptable: a 406.
const NONE: &str = "406";

/// (who sends it, the `Accept` value, the media type to answer)
const CASES: &[(&str, &str, &str)] = &[
    // The UCWA reference's own requests, and what the UCWA JavaScript helper libraries
    // (the GeneralHelper/Transport of the UCWA samples, skype-web-sdk's UCWA transport) send.
    ("UCWA docs, JSON", "application/json", JSON),
    ("UCWA docs, XML", "application/xml", XML),
    ("UCWA docs, vendor XML", "application/vnd.microsoft.com.ucwa+xml", UCWA_XML),
    ("UCWA JS helper", "application/vnd.microsoft.com.ucwa+json", UCWA_JSON),
    ("UCWA JS helper, jQuery default", "application/json, text/javascript, */*; q=0.01", JSON),
    ("UCWA docs, photo", "image/jpeg", NONE),
    ("UCWA docs, batch", "multipart/batching", NONE),
    ("UCWA docs, HTML", "text/html", NONE),
    // Command-line tools and HTTP libraries.
    ("curl", "*/*", UCWA_JSON),
    ("no Accept", "", UCWA_JSON),
    ("reqwest/requests default", "*/*;q=1.0", UCWA_JSON),
    ("Python requests", "*/*", UCWA_JSON),
    ("HTTPie --json", "application/json, */*;q=0.5", JSON),
    ("axios default", "application/json, text/plain, */*", JSON),
    ("fetch default", "*/*", UCWA_JSON),
    // Browsers.
    (
        "Chrome navigation",
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
        XML,
    ),
    (
        "Firefox navigation",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        XML,
    ),
    ("Safari navigation", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", XML),
    ("old IE", "image/gif, image/jpeg, image/pjpeg, application/x-ms-application, */*", UCWA_JSON),
    ("browser image", "image/avif,image/webp,*/*", UCWA_JSON),
    // Exclusions and qualities.
    ("JSON excluded", "application/json;q=0, */*", UCWA_XML),
    ("XML excluded", "application/xml;q=0, */*", UCWA_JSON),
    ("both excluded", "application/json;q=0, application/xml;q=0, */*", NONE),
    ("both excluded, text/xml named", "application/json;q=0, application/xml;q=0, text/xml", TEXT_XML),
    ("all excluded", "*/*;q=0", NONE),
    ("vendor JSON excluded", "application/vnd.microsoft.com.ucwa+json;q=0, application/*", UCWA_XML),
    ("specific beats wildcard q", "application/*;q=0.1, application/xml", XML),
    ("higher q wins", "application/json;q=0.4, application/xml;q=0.6", XML),
    ("equal q, first named", "application/xml, application/json", XML),
    ("equal q, first named (2)", "application/json, application/xml", JSON),
    ("q=0.001 still acceptable", "application/xml;q=0.001", XML),
    ("q=1.000", "application/xml;q=1.000", XML),
    ("malformed q counts as 0", "application/json;q=2, application/xml;q=0.5", XML),
    ("case-insensitive", "APPLICATION/JSON", JSON),
    ("blanks", "  application/xml  ;  q=0.5 ,application/json;q=0.4", XML),
    ("type wildcard", "application/*", UCWA_JSON),
    ("text wildcard", "text/*", TEXT_XML),
    ("text/xml", "text/xml", TEXT_XML),
    // Parameters: charset=utf-8 is what is sent; others do not match.
    ("charset utf-8", "application/json; charset=utf-8", JSON),
    ("charset UTF-8", "application/json;charset=UTF-8", JSON),
    ("other charset", "application/json; charset=iso-8859-1", NONE),
    ("other charset, wildcard after", "application/json; charset=iso-8859-1, */*;q=0.1", UCWA_JSON),
    ("parameter more specific than bare", "application/json;q=0.2, application/json;charset=utf-8;q=0.9", JSON),
    ("accept-extension after q", "application/xml;q=0.5;level=1", XML),
    // What is not UCWA's: +xml and +json types of other vocabularies.
    ("Atom", "application/atom+xml", NONE),
    ("XHTML", "application/xhtml+xml", NONE),
    ("JSON-LD", "application/ld+json", NONE),
    ("problem+json", "application/problem+json", NONE),
    // Garbage is skipped, the rest read.
    ("a broken range", "application/, application/xml", XML),
    ("nothing parses", ";;;,,,", NONE),
    ("*/json is no range", "*/json", NONE),
];

#[test]
fn each_accept_value_gets_its_answer() {
    let mut wrong = Vec::new();
    for &(who, accept, expected) in CASES {
        let got = match negotiate(Some(accept)) {
            Ok(answer) => answer.media_type,
            Err(_) => NONE,
        };
        if got != expected {
            wrong.push(format!("{who}: `{accept}` gave {got}, expected {expected}"));
        }
    }
    assert!(CASES.len() >= 30);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_answer_is_its_media_type_with_utf8() {
    for &(_, accept, expected) in CASES {
        if let Ok(answer) = negotiate(Some(accept)) {
            assert_eq!(answer.content_type(), format!("{expected}; charset=utf-8"));
            assert_eq!(
                ucwa_codec::media_type::format_of(&answer.content_type()),
                Some(answer.format)
            );
        }
    }
}

#[test]
fn a_refusal_names_the_accept_value() {
    let err = negotiate(Some("image/png")).unwrap_err();
    assert_eq!(err.accept, "image/png");
    assert!(
        err.to_string()
            .ends_with("is acceptable to `Accept: image/png`"),
        "{err}"
    );
}
