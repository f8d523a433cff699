//! A UCWA client with reqwest (feature `reqwest`): it creates an application, follows its
//! `me` link (resolved against the server's URL) and shows an error body, each response read
//! in one call. It talks to the `axum_server` example by default:
//!
//! ```sh
//! cargo run --example axum_server --features axum &
//! cargo run --example reqwest_client --features reqwest                 # http://127.0.0.1:8080
//! cargo run --example reqwest_client --features reqwest -- http://127.0.0.1:9000/
//! ```
//!
//! (No TLS here: for an `https://` server, enable reqwest's `rustls-tls` feature.)

use ucwa_codec::body::Reply;
use ucwa_codec::reqwest::RequestBuilderExt;
use ucwa_codec::{Format, Resource};
use url::Url;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:8080/".to_owned());
    let base = Url::parse(&server)?;
    let client = reqwest::Client::new();

    // POST the application's input as JSON, ask for XML.
    let mut input = Resource::default();
    input.push_property("culture", "en-US");
    input.push_property("endpointId", "a917c6f4-976c-4cf3-847d-cdfffa28ccdf");
    input.push_property("userAgent", "ucwa-codec example");
    let applications = ucwa_codec::http::resolve(&base, "/ucwa/v1/applications")?;
    let response = client
        .post(applications.clone())
        .accept_ucwa(Format::Xml)
        .ucwa_body(&input, Format::Json)?
        .send()
        .await?;
    let application = match ucwa_codec::reqwest::read::<Resource>(response).await? {
        Reply::Document(application) => application,
        Reply::Empty => return Err("the server sent no application".into()),
        Reply::Error(err) => return Err(err.into()),
    };
    println!("created {}", application.self_href().unwrap_or("?"));

    // Follow `me`, resolved against the server's URL.
    let me = application.link("me").ok_or("no `me` link")?;
    let me_url = ucwa_codec::http::resolve(&applications, &me.href)?;
    let response = client.get(me_url.clone()).send().await?;
    if let Some(me) = ucwa_codec::reqwest::read::<Resource>(response)
        .await?
        .into_result()?
    {
        let name = me.property("name").and_then(|v| v.as_str());
        println!("{me_url}: {}", name.unwrap_or("?"));
    }

    // A body the server cannot read: its error body, in the format asked for.
    let response = client
        .post(applications)
        .accept_ucwa(Format::Xml)
        .header(reqwest::header::CONTENT_TYPE, "text/plain")
        .body("culture=en-US")
        .send()
        .await?;
    if let Reply::Error(err) = ucwa_codec::reqwest::read::<Resource>(response).await? {
        println!("refused: {err}");
    }
    Ok(())
}
