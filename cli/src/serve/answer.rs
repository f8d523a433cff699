//! What `serve` answers a request: from its method, target and `Accept` value to a status,
//! headers and a body. No HTTP stack here: the server around it only carries these in and
//! out. Error answers are the library's ([`ucwa_codec::body::answer_error`]), as every UCWA
//! server built on its HTTP integration gives them.
//!
//! - `GET` or `HEAD` of a target served: 200, the document in the format negotiated from
//!   `Accept` ([`negotiate`]; UCWA's JSON without one).
//! - Another method: 405 `MethodNotAllowed`, with `Allow: GET, HEAD`.
//! - A target not served: 404 `NotFound`.
//! - No format acceptable: 406 `NotAcceptable`, in JSON.
//!
//! Errors are UCWA error bodies (codes of the reference's `ErrorCode`), in the negotiated
//! format where there is one, else in UCWA's JSON. `HEAD` gets the headers of `GET`, its
//! `Content-Length` among them, and no body.

use axum::body::Bytes;
use ucwa_codec::body::{answer_error, status_error};
use ucwa_codec::media_type::negotiate;

use super::index::Index;

/// The methods served.
pub const ALLOW: &str = "GET, HEAD";

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    /// Headers, `Content-Type` and `Content-Length` always among them.
    pub headers: Vec<(&'static str, String)>,
    /// The body (empty for `HEAD`).
    pub body: Bytes,
}

/// The answer to `method target` with this `Accept` value (`None` without one).
pub fn answer(index: &Index, method: &str, target: &str, accept: Option<&str>) -> Answer {
    let head = method == "HEAD";
    if method != "GET" && !head {
        let message = format!("`ucwa serve` answers GET and HEAD only, not {method}");
        let mut answer = error(405, &message, accept, false);
        answer.headers.push(("Allow", ALLOW.to_owned()));
        return answer;
    }
    let Some(served) = index.get(target) else {
        return error(
            404,
            &format!("no resource recorded at {target}"),
            accept,
            head,
        );
    };
    let negotiated = match negotiate(accept) {
        Ok(negotiated) => negotiated,
        Err(not_acceptable) => return error(406, &not_acceptable.to_string(), accept, head),
    };
    match served.bytes(negotiated.format) {
        Ok(bytes) => with_body(200, negotiated.content_type(), bytes.clone(), head),
        Err(why) => {
            let message = format!("cannot write {target} as {}: {why}", negotiated.format);
            error(500, &message, accept, head)
        }
    }
}

/// An error answer: the status's UCWA error body with `message`, in the negotiated format
/// (UCWA's JSON where none is acceptable).
fn error(status: u16, message: &str, accept: Option<&str>, head: bool) -> Answer {
    let answer = answer_error(status, &status_error(status).with_message(message), accept);
    with_body(status, answer.content_type, Bytes::from(answer.body), head)
}

fn with_body(status: u16, content_type: String, body: Bytes, head: bool) -> Answer {
    Answer {
        status,
        headers: vec![
            ("Content-Type", content_type),
            ("Content-Length", body.len().to_string()),
        ],
        body: if head { Bytes::new() } else { body },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ucwa_codec::{Document, Resource};

    fn index() -> Index {
        let mut me = Resource::new("me");
        me.set_self_href("/me");
        Index::of(vec![("/me", Document::Resource(me))])
    }

    fn header<'a>(answer: &'a Answer, name: &str) -> Option<&'a str> {
        answer
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn get_negotiates_the_format() {
        let index = index();
        let json = answer(&index, "GET", "/me", None);
        assert_eq!(json.status, 200);
        assert_eq!(
            header(&json, "content-type"),
            Some("application/vnd.microsoft.com.ucwa+json; charset=utf-8")
        );
        assert!(json.body.starts_with(b"{"));
        let xml = answer(&index, "GET", "/me", Some("application/xml"));
        assert_eq!(
            header(&xml, "content-type"),
            Some("application/xml; charset=utf-8")
        );
        assert!(xml.body.starts_with(b"<"));
    }

    #[test]
    fn head_has_the_length_of_get_and_no_body() {
        let index = index();
        let get = answer(&index, "GET", "/me", None);
        let head = answer(&index, "HEAD", "/me", None);
        assert_eq!(head.status, 200);
        assert!(head.body.is_empty());
        assert_eq!(
            header(&head, "content-length"),
            Some(&*get.body.len().to_string())
        );
    }

    #[test]
    fn errors_are_ucwa_error_bodies() {
        let index = index();
        let missing = answer(&index, "GET", "/nowhere", Some("text/xml"));
        assert_eq!(missing.status, 404);
        assert!(std::str::from_utf8(&missing.body)
            .unwrap()
            .contains("<code>NotFound</code>"));
        let post = answer(&index, "POST", "/me", None);
        assert_eq!(post.status, 405);
        assert_eq!(header(&post, "allow"), Some("GET, HEAD"));
        assert!(std::str::from_utf8(&post.body)
            .unwrap()
            .contains(r#""code":"MethodNotAllowed""#));
        let png = answer(&index, "GET", "/me", Some("image/png"));
        assert_eq!(png.status, 406);
        assert!(std::str::from_utf8(&png.body)
            .unwrap()
            .contains(r#""code":"NotAcceptable""#));
    }
}
