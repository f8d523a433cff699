//! UCWA over the `http` crate's types (feature `http`), whatever sends them: a handler that
//! reads a request body in either format and answers in the format the client accepts, and a
//! client that reads the answer, or the error body of an error status, and resolves an href.
//!
//! ```sh
//! cargo run --example http --features http
//! ```

use http::{header, Method, Request, Response, StatusCode};
use ucwa_codec::body::{status_error, Reply};
use ucwa_codec::{Cardinality, Format, Link, Resource};
use url::Url;

/// The server's side: `POST /ucwa/v1/applications` creates an application.
fn handle(request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let headers = request.headers();
    if request.method() != Method::POST {
        return ucwa_codec::http::error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            &status_error(405),
            headers,
        );
    }
    let input = match ucwa_codec::http::decode_request::<Resource>(request) {
        Ok(Some(input)) => input,
        Ok(None) => {
            let body = status_error(400).with_message("POST an application's input");
            return ucwa_codec::http::error_response(StatusCode::BAD_REQUEST, &body, headers);
        }
        // 415 or 400, with UCWA's error body of it.
        Err(err) => {
            let status = StatusCode::from_u16(err.status()).expect("415 or 400");
            return ucwa_codec::http::error_response(status, &err.error_body(), headers);
        }
    };
    let mut application = Resource::new("application");
    application.set_self_href("/ucwa/v1/applications/192");
    if let Some(culture) = input.property("culture") {
        application.push_property("culture", culture.clone());
    }
    application.push_link(
        "me",
        Cardinality::Single,
        Link::new("/ucwa/v1/applications/192/me"),
    );
    ucwa_codec::http::response(StatusCode::CREATED, &application, headers)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = Url::parse("https://lyncweb.contoso.com/ucwa/v1/applications")?;

    // A client asking for XML, sending JSON.
    let mut input = Resource::default();
    input.push_property("culture", "en-US");
    input.push_property("endpointId", "a917c6f4-976c-4cf3-847d-cdfffa28ccdf");
    input.push_property("userAgent", "ucwa-codec example");
    let request = Request::post(base.as_str())
        .header(header::CONTENT_TYPE, Format::Json.media_type())
        .header(header::ACCEPT, Format::Xml.media_type())
        .body(ucwa_codec::json::to_vec(&input)?)?;
    let response = handle(&request);
    println!(
        "{} {}",
        response.status(),
        response.headers()[header::CONTENT_TYPE].to_str()?
    );
    println!("{}", String::from_utf8_lossy(response.body()));
    match ucwa_codec::http::decode_response::<Resource>(&response)? {
        Reply::Document(application) => {
            let me = application.link("me").expect("a `me` link");
            println!("me: {}", ucwa_codec::http::resolve(&base, &me.href)?);
        }
        Reply::Empty => println!("no body"),
        Reply::Error(err) => println!("failed: {err}"),
    }

    // A body in no UCWA format: 415, its error body in the format the client accepts.
    let request = Request::post(base.as_str())
        .header(header::CONTENT_TYPE, "text/plain")
        .body(b"culture=en-US".to_vec())?;
    let response = handle(&request);
    let err = ucwa_codec::http::decode_response::<Resource>(&response)?
        .into_result()
        .expect_err("a 415");
    println!("{err}");
    Ok(())
}
