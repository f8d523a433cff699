//! A small UCWA server with axum (feature `axum`): it takes request bodies in JSON or XML by
//! their `Content-Type`, answers in the format the client's `Accept` asks for, and refuses
//! what it cannot read with UCWA error bodies (415, 400, 406, 404, 405).
//!
//! ```sh
//! cargo run --example axum_server --features axum            # on 127.0.0.1:8080
//! cargo run --example axum_server --features axum -- 127.0.0.1:9000
//!
//! curl -i http://127.0.0.1:8080/ucwa/v1/applications -H 'Accept: application/vnd.microsoft.com.ucwa+xml' \
//!      -H 'Content-Type: application/json' -d '{"culture": "en-US", "endpointId": "1", "userAgent": "curl"}'
//! curl -i http://127.0.0.1:8080/ucwa/v1/applications -H 'Content-Type: text/plain' -d 'hello'   # 415
//! curl -i http://127.0.0.1:8080/ucwa/v1/applications/192/me -H 'Accept: image/png'              # 406
//! ```

use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use ucwa_codec::axum::{Negotiate, Ucwa};
use ucwa_codec::body::status_error;
use ucwa_codec::{Cardinality, Link, Resource};

/// `POST /ucwa/v1/applications`: creates an application from its input.
async fn create_application(negotiate: Negotiate, Ucwa(input): Ucwa<Resource>) -> Response {
    let Some(user_agent) = input.property("userAgent").and_then(|v| v.as_str()) else {
        let body = status_error(400)
            .with_subcode("ParameterValidationFailure")
            .with_message("userAgent is required");
        return negotiate.error(StatusCode::BAD_REQUEST, &body);
    };
    let mut application = Resource::new("application");
    application.set_self_href("/ucwa/v1/applications/192");
    application.push_property("userAgent", user_agent);
    application.push_property("culture", "en-US");
    application.push_link(
        "me",
        Cardinality::Single,
        Link::new("/ucwa/v1/applications/192/me"),
    );
    negotiate.respond(StatusCode::CREATED, &application)
}

/// `GET /ucwa/v1/applications/192/me`.
async fn me(negotiate: Negotiate) -> Response {
    let mut me = Resource::new("me");
    me.set_self_href("/ucwa/v1/applications/192/me");
    me.push_property("name", "Joe Smith");
    me.push_property("uri", "sip:joe@contoso.com");
    negotiate.respond(StatusCode::OK, &me)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let app = Router::new()
        .route("/ucwa/v1/applications", post(create_application))
        .route("/ucwa/v1/applications/192/me", get(me))
        .fallback(ucwa_codec::axum::not_found)
        .method_not_allowed_fallback(ucwa_codec::axum::method_not_allowed);
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
