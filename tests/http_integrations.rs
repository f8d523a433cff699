//! The HTTP integrations against a real server: an axum server on 127.0.0.1 (an ephemeral
//! port), driven by a real client, reqwest, over TCP. No mocks.

use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use reqwest::header::{ACCEPT, CONTENT_TYPE, VARY};
use ucwa_codec::axum::{Negotiate, Ucwa};
use ucwa_codec::body::Reply;
use ucwa_codec::reqwest::{ReadError, RequestBuilderExt};
use ucwa_codec::{
    Cardinality, DecodeOptions, Document, ErrorBody, ErrorKind, Format, Link, Resource,
};
use url::Url;

const UCWA_JSON: &str = "application/vnd.microsoft.com.ucwa+json";
const UCWA_XML: &str = "application/vnd.microsoft.com.ucwa+xml";

/// `POST /applications`: an application made from the input, at `201`.
async fn create(negotiate: Negotiate, Ucwa(input): Ucwa<Resource>) -> Response {
    let mut application = Resource::new("application");
    application.set_self_href("/applications/192");
    for property in &input.properties {
        application.push_property(property.name.clone(), property.value.clone());
    }
    application.push_link("me", Cardinality::Single, Link::new("/applications/192/me"));
    negotiate.respond(StatusCode::CREATED, &application)
}

/// `GET /applications/192/me`.
async fn me(negotiate: Negotiate) -> Response {
    let mut me = Resource::new("me");
    me.set_self_href("/applications/192/me");
    me.push_property("name", "Joe Smith");
    negotiate.respond(StatusCode::OK, &me)
}

/// `POST /any`: whichever document the body holds, echoed with its kind in a header.
async fn any(negotiate: Negotiate, Ucwa(document): Ucwa<Document>) -> Response {
    let mut response = negotiate.respond(StatusCode::OK, &document);
    let kind = document.kind().to_string();
    response
        .headers_mut()
        .insert("x-kind", kind.parse().expect("a header value"));
    response
}

/// `GET /gone`: an error body.
async fn gone(negotiate: Negotiate) -> Response {
    let body = ErrorBody::new("Gone").with_message("The conversation ended.");
    negotiate.error(StatusCode::GONE, &body)
}

/// `GET /proxy-error`: what a proxy answers, no UCWA at all.
async fn proxy_error() -> Response {
    (
        StatusCode::BAD_GATEWAY,
        [(CONTENT_TYPE, "text/html")],
        "<html><body>Bad gateway</body></html>",
    )
        .into_response()
}

/// `POST /ingest`: takes a resource, answers nothing (and negotiates nothing).
async fn ingest(Ucwa(_input): Ucwa<Resource>) -> StatusCode {
    StatusCode::NO_CONTENT
}

/// `DELETE /applications/192`: nothing to say.
async fn delete() -> StatusCode {
    StatusCode::NO_CONTENT
}

fn app() -> Router {
    Router::new()
        .route("/applications", post(create))
        .route("/applications/192", axum::routing::delete(delete))
        .route("/applications/192/me", get(me))
        .route("/any", post(any))
        .route("/ingest", post(ingest))
        .route("/gone", get(gone))
        .route("/proxy-error", get(proxy_error))
        .route("/small", post(create).layer(DefaultBodyLimit::max(64)))
        .fallback(ucwa_codec::axum::not_found)
        .method_not_allowed_fallback(ucwa_codec::axum::method_not_allowed)
}

/// The server, listening on loopback; its base URL.
async fn serve() -> Url {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    tokio::spawn(async move { axum::serve(listener, app()).await.expect("the server") });
    Url::parse(&format!("http://{address}/")).expect("a URL")
}

/// A response's status, `Content-Type` and body.
async fn fetch(request: reqwest::RequestBuilder) -> (u16, Option<String>, Vec<u8>) {
    let response = request.send().await.expect("an answer");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| v.to_str().expect("ASCII").to_owned());
    let bytes = response.bytes().await.expect("the body").to_vec();
    (status, content_type, bytes)
}

/// A response's `Content-Type`, and the response read by `ucwa_codec::reqwest::read`.
async fn read_reply<T: ucwa_codec::Decode>(
    request: reqwest::RequestBuilder,
) -> (Option<String>, Reply<T>) {
    let response = request.send().await.expect("an answer");
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| v.to_str().expect("ASCII").to_owned());
    let reply = ucwa_codec::reqwest::read::<T>(response)
        .await
        .expect("a UCWA reply");
    (content_type, reply)
}

fn input_json() -> &'static str {
    r#"{"culture": "en-US", "endpointId": "a917c6f4", "userAgent": "trial"}"#
}

fn input_xml() -> &'static str {
    r#"<input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa"><property name="culture">en-US</property><property name="endpointId">a917c6f4</property><property name="userAgent">trial</property></input>"#
}

#[tokio::test]
async fn request_bodies_decode_in_both_formats_and_answers_negotiate() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let url = base.join("applications").unwrap();
    for (content_type, input, accept, answered) in [
        (UCWA_JSON, input_json(), UCWA_XML, UCWA_XML),
        (UCWA_XML, input_xml(), UCWA_JSON, UCWA_JSON),
        (
            "application/json; charset=utf-8",
            input_json(),
            "application/json",
            "application/json",
        ),
        (
            "application/xml",
            input_xml(),
            "text/html,application/xml;q=0.9,*/*;q=0.8",
            "application/xml",
        ),
    ] {
        let request = client
            .post(url.clone())
            .header(CONTENT_TYPE, content_type)
            .header(ACCEPT, accept)
            .body(input);
        let (got, reply) = read_reply::<Resource>(request).await;
        assert_eq!(
            got,
            Some(format!("{answered}; charset=utf-8")),
            "{content_type} -> {accept}"
        );
        let Reply::Document(application) = reply else {
            panic!("{content_type} -> {accept}: {reply:?}")
        };
        assert_eq!(application.type_name(), Some("application"));
        assert_eq!(
            application.property("culture").and_then(|v| v.as_str()),
            Some("en-US")
        );
        assert_eq!(
            application.property("userAgent").and_then(|v| v.as_str()),
            Some("trial")
        );
    }
    // Without Accept: UCWA's JSON.
    let (status, content_type, _) = fetch(
        client
            .post(url)
            .header(CONTENT_TYPE, UCWA_XML)
            .body(input_xml()),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(
        content_type.as_deref(),
        Some("application/vnd.microsoft.com.ucwa+json; charset=utf-8")
    );
}

#[tokio::test]
async fn every_kind_of_document_is_extracted() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let events =
        r#"{"_links": {"self": {"href": "/e?ack=1"}, "next": {"href": "/e?ack=2"}}, "sender": []}"#;
    for (body, kind) in [
        (input_json(), "resource"),
        (events, "events"),
        (
            r#"{"code": "Conflict", "subcode": "AlreadyExists"}"#,
            "error",
        ),
    ] {
        let response = client
            .post(base.join("any").unwrap())
            .header(CONTENT_TYPE, UCWA_JSON)
            .header(ACCEPT, UCWA_XML)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["x-kind"], kind);
        assert_eq!(response.headers()[VARY], "accept");
        let bytes = response.bytes().await.unwrap();
        let echoed = ucwa_codec::xml::from_slice::<Document>(&bytes).unwrap();
        assert_eq!(echoed.kind().to_string(), kind);
        if kind == "events" {
            let events = echoed.into_events().unwrap();
            assert_eq!(events.next_href(), Some("/e?ack=2"));
        }
    }
}

#[tokio::test]
async fn a_body_in_no_ucwa_format_is_a_415_in_the_negotiated_format() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let applications = base.join("applications").unwrap();
    // A handler without `Negotiate`: a 415 even when nothing is acceptable, in JSON.
    let ingest = base.join("ingest").unwrap();
    for (url, content_type, accept, answered) in [
        (&applications, Some("text/plain"), Some(UCWA_XML), UCWA_XML),
        (
            &applications,
            Some("multipart/batching; boundary=x"),
            Some("application/json"),
            "application/json",
        ),
        (&applications, None, None, UCWA_JSON),
        (
            &ingest,
            Some("application/json; charset=iso-8859-1"),
            Some("image/png"),
            UCWA_JSON,
        ),
    ] {
        let mut request = client.post(url.clone()).body("culture=en-US");
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        if let Some(accept) = accept {
            request = request.header(ACCEPT, accept);
        }
        let (got, reply) = read_reply::<Resource>(request).await;
        assert_eq!(
            got,
            Some(format!("{answered}; charset=utf-8")),
            "{content_type:?}"
        );
        let Reply::Error(err) = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(err.status, 415);
        assert_eq!(err.body.code, "UnsupportedMediaType");
        assert!(
            err.body
                .message
                .as_deref()
                .unwrap()
                .contains("no UCWA format")
                || content_type.is_none(),
            "{err}"
        );
    }
}

#[tokio::test]
async fn a_malformed_or_missing_body_is_a_400() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let url = base.join("applications").unwrap();
    for (content_type, body, accept, line) in [
        (
            UCWA_JSON,
            "{\"culture\": \n \"en-US\",",
            UCWA_XML,
            Some("line 2"),
        ),
        (
            UCWA_XML,
            "<input><property name=\"culture\">en-US</input>",
            UCWA_JSON,
            Some("line 1"),
        ),
        // A document of another kind than the handler takes.
        (
            UCWA_JSON,
            r#"{"code": "Gone"}"#,
            UCWA_JSON,
            Some("expected a resource, found an error body"),
        ),
        (UCWA_JSON, "", UCWA_JSON, None),
    ] {
        let request = client
            .post(url.clone())
            .header(CONTENT_TYPE, content_type)
            .header(ACCEPT, accept)
            .body(body);
        let (got, reply) = read_reply::<Resource>(request).await;
        assert_eq!(got, Some(format!("{accept}; charset=utf-8")));
        let Reply::Error(err) = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(err.status, 400, "{body}");
        assert_eq!(err.body.code, "BadRequest");
        assert_eq!(err.body.subcode.as_deref(), Some("DeserializationFailure"));
        let message = err.body.message.as_deref().unwrap();
        match line {
            Some(line) => assert!(message.contains(line), "{message}"),
            None => assert!(message.contains("no body"), "{message}"),
        }
    }
}

#[tokio::test]
async fn a_body_past_the_limit_is_a_413() {
    let base = serve().await;
    let request = reqwest::Client::new()
        .post(base.join("small").unwrap())
        .header(CONTENT_TYPE, UCWA_JSON)
        .header(ACCEPT, UCWA_XML)
        .body(input_json().repeat(3));
    let (got, reply) = read_reply::<Resource>(request).await;
    assert_eq!(
        got.as_deref(),
        Some("application/vnd.microsoft.com.ucwa+xml; charset=utf-8")
    );
    let Reply::Error(err) = reply else {
        panic!("{reply:?}")
    };
    assert_eq!(
        (err.status, err.body.code.as_str()),
        (413, "EntityTooLarge")
    );
}

#[tokio::test]
async fn an_accept_of_no_ucwa_type_is_a_406_in_json() {
    let base = serve().await;
    let client = reqwest::Client::new();
    for accept in [
        "image/png",
        "text/html",
        "application/json;q=0, application/xml;q=0",
    ] {
        let request = client
            .get(base.join("applications/192/me").unwrap())
            .header(ACCEPT, accept);
        let (got, reply) = read_reply::<Resource>(request).await;
        assert_eq!(
            got.as_deref(),
            Some("application/vnd.microsoft.com.ucwa+json; charset=utf-8")
        );
        let Reply::Error(err) = reply else {
            panic!("{reply:?}")
        };
        assert_eq!((err.status, err.body.code.as_str()), (406, "NotAcceptable"));
        assert!(err.body.message.as_deref().unwrap().contains(accept));
    }
    // Refused before the body is read: a body that would be a 415 is a 406.
    let request = client
        .post(base.join("applications").unwrap())
        .header(ACCEPT, "image/png")
        .header(CONTENT_TYPE, "text/plain")
        .body("x");
    let (_, reply) = read_reply::<Resource>(request).await;
    assert!(matches!(reply, Reply::Error(err) if err.status == 406));
}

#[tokio::test]
async fn error_statuses_give_error_bodies() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let (got, reply) = read_reply::<Resource>(
        client
            .get(base.join("gone").unwrap())
            .header(ACCEPT, "text/xml"),
    )
    .await;
    assert_eq!(got.as_deref(), Some("text/xml; charset=utf-8"));
    let err = reply.into_result().unwrap_err();
    assert_eq!(err.to_string(), "410 Gone: The conversation ended.");
    // A proxy's page: the status's own error body.
    let (_, reply) = read_reply::<Resource>(client.get(base.join("proxy-error").unwrap())).await;
    assert_eq!(reply.into_result().unwrap_err().body.code, "ServiceFailure");
    // The fallbacks.
    let (got, reply) = read_reply::<Resource>(
        client
            .get(base.join("nowhere").unwrap())
            .header(ACCEPT, UCWA_XML),
    )
    .await;
    assert_eq!(
        got.as_deref(),
        Some("application/vnd.microsoft.com.ucwa+xml; charset=utf-8")
    );
    let err = reply.into_result().unwrap_err();
    assert_eq!((err.status, err.body.code.as_str()), (404, "NotFound"));
    let (_, reply) =
        read_reply::<Resource>(client.put(base.join("applications/192/me").unwrap())).await;
    let err = reply.into_result().unwrap_err();
    assert_eq!(
        (err.status, err.body.code.as_str()),
        (405, "MethodNotAllowed")
    );
    // No content.
    let (_, reply) =
        read_reply::<Resource>(client.delete(base.join("applications/192").unwrap())).await;
    assert_eq!(reply, Reply::Empty);
}

#[tokio::test]
async fn hrefs_resolve_against_the_server() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let request = client
        .post(base.join("applications").unwrap())
        .header(CONTENT_TYPE, UCWA_JSON)
        .body(input_json());
    let (_, reply) = read_reply::<Resource>(request).await;
    let application = reply.document().expect("an application");
    let me_href = &application.link("me").expect("a me link").href;
    let me_url = ucwa_codec::http::resolve(&base, me_href).unwrap();
    assert_eq!(me_url.path(), "/applications/192/me");
    assert_eq!(me_url.port(), base.port());
    let (_, reply) = read_reply::<Resource>(client.get(me_url).header(ACCEPT, UCWA_XML)).await;
    let me = reply.document().expect("me");
    assert_eq!(
        me.property("name").and_then(|v| v.as_str()),
        Some("Joe Smith")
    );
    // Relative to the resource that holds it.
    let self_url = ucwa_codec::http::resolve(&base, application.self_href().unwrap()).unwrap();
    assert_eq!(
        ucwa_codec::http::resolve(&self_url, "192/me").unwrap(),
        ucwa_codec::http::resolve(&base, "/applications/192/me").unwrap()
    );
}

#[tokio::test]
async fn the_request_builder_sends_documents_in_either_format() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let mut input = Resource::default();
    input.push_property("culture", "en-US");
    input.push_property("userAgent", "trial");
    for (sent, answered) in [(Format::Xml, Format::Json), (Format::Json, Format::Xml)] {
        let request = client
            .post(base.join("applications").unwrap())
            .accept_ucwa(answered)
            .ucwa_body(&input, sent)
            .unwrap();
        let (got, reply) = read_reply::<Resource>(request).await;
        assert_eq!(
            got,
            Some(format!("{}; charset=utf-8", answered.media_type()))
        );
        let application = reply.into_result().unwrap().expect("a document");
        assert_eq!(
            application.property("userAgent").and_then(|v| v.as_str()),
            Some("trial")
        );
    }
}

#[tokio::test]
async fn read_keeps_to_the_size_limit_and_refuses_what_is_no_ucwa() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let request = |path: &str| {
        client
            .get(base.join(path).unwrap())
            .accept_ucwa(Format::Json)
    };
    let response = request("applications/192/me").send().await.unwrap();
    let options = DecodeOptions::new().with_max_size(16);
    let err = ucwa_codec::reqwest::read_with::<Resource>(response, &options)
        .await
        .unwrap_err();
    let ReadError::Body(ucwa_codec::body::BodyError::Decode(err)) = err else {
        panic!("{err:?}")
    };
    assert_eq!(err.kind(), ErrorKind::Limit);
    // The same document, within the limit.
    let response = request("applications/192/me").send().await.unwrap();
    let options = DecodeOptions::new().with_max_size(4096);
    let me = ucwa_codec::reqwest::read_with::<Resource>(response, &options)
        .await
        .unwrap();
    assert_eq!(
        me.document()
            .and_then(|me| me.self_href().map(str::to_owned))
            .as_deref(),
        Some("/applications/192/me")
    );
    // A document of another kind than asked for is an error, not a reply.
    let response = request("applications/192/me").send().await.unwrap();
    let err = ucwa_codec::reqwest::read::<ucwa_codec::Events>(response)
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("expected an events document, found a resource"),
        "{err}"
    );
}
