//! `ucwa serve`: the resources of captures or samples over HTTP/1.1, each at its self href,
//! for a client to be developed and tested against recorded traffic.
//!
//! [`index`] reads the files, [`answer`] decides each answer; this module is the server
//! around them (tokio, axum and hyper): the listener, one log line per request on standard
//! error, and a graceful end on SIGINT or SIGTERM.

mod answer;
mod index;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, Response, StatusCode, Uri, Version};
use axum::Router;

use crate::input::{self, Failure, Limits};
use crate::output;

use index::Index;

/// How long open connections are waited for once a signal asked the server to stop.
const GRACE: Duration = Duration::from_secs(5);

#[derive(clap::Args)]
pub struct Args {
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// The port to listen on; 0 for any free one (the address is logged).
    #[arg(long, value_name = "N", default_value_t = 8080)]
    port: u16,
    /// Files to serve the documents of — bare JSON or XML bodies, text files of HTTP
    /// messages, HAR files, Fiddler archives, batches, as `check` reads them — or folders, walked recursively.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    limits: Limits,
}

/// Exit 0 once a signal stopped the server; 1 when there is nothing to serve or the address
/// cannot be listened on; 2 when a path given does not exist.
pub fn run(args: &Args) -> ExitCode {
    match serve(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => input::report(failure),
    }
}

fn serve(args: &Args) -> Result<(), Failure> {
    let index = Arc::new(index::build(&args.paths, &args.limits)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| Failure {
            code: 1,
            message: format!("cannot start the server: {err}"),
        })?;
    runtime.block_on(listen(index, SocketAddr::new(args.bind, args.port)))
}

async fn listen(index: Arc<Index>, address: SocketAddr) -> Result<(), Failure> {
    // The handlers first, so that a signal sent as soon as the address is logged stops the
    // server gracefully rather than by its default action.
    let stop = Signals::new().map_err(|err| Failure {
        code: 1,
        message: format!("cannot handle signals: {err}"),
    })?;
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|err| Failure {
            code: 1,
            message: format!("cannot listen on {address}: {err}"),
        })?;
    let bound = listener.local_addr().unwrap_or(address);
    output::to_stderr(format_args!("listening on http://{bound}"));

    let app = Router::new().fallback(handle).with_state(index);
    let (tell, told) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        let _ = told.await;
    });
    let mut server = tokio::spawn(async move { server.await });
    let signal = tokio::select! {
        signal = stop.wait() => signal,
        ended = &mut server => {
            let why = match ended {
                Ok(Ok(())) => "it ended".to_owned(),
                Ok(Err(err)) => err.to_string(),
                Err(err) => err.to_string(),
            };
            return Err(Failure { code: 1, message: format!("the server stopped: {why}") });
        }
    };
    output::to_stderr(format_args!("{signal}: shutting down"));
    let _ = tell.send(());
    if tokio::time::timeout(GRACE, server).await.is_err() {
        output::to_stderr(format_args!(
            "connections still open after {} s: closed",
            GRACE.as_secs()
        ));
    }
    Ok(())
}

/// One request: answered by [`answer::answer`], logged on standard error.
async fn handle(
    State(index): State<Arc<Index>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    uri: Uri,
    version: Version,
    headers: HeaderMap,
) -> Response<Body> {
    let start = Instant::now();
    let target = uri.path_and_query().map_or("/", |p| p.as_str());
    let accept = accept_of(&headers);
    let answer = answer::answer(&index, method.as_str(), target, accept.as_deref());
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let sent = answer.body.len();
    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = status;
    for (name, value) in answer.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            response
                .headers_mut()
                .insert(header::HeaderName::from_static(lower(name)), value);
        }
    }
    output::to_stderr(format_args!(
        "{peer} \"{method} {target} {}\" {} {sent} {:.3}ms",
        version_name(version),
        status.as_u16(),
        start.elapsed().as_secs_f64() * 1000.0,
    ));
    response
}

/// The header names [`answer`] uses, as `HeaderName::from_static` takes them.
fn lower(name: &'static str) -> &'static str {
    match name {
        "Content-Type" => "content-type",
        "Content-Length" => "content-length",
        "Allow" => "allow",
        other => other,
    }
}

/// The `Accept` value: several `Accept` headers make one list (RFC 9110, 5.3).
fn accept_of(headers: &HeaderMap) -> Option<String> {
    let values: Vec<String> = headers
        .get_all(header::ACCEPT)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

fn version_name(version: Version) -> &'static str {
    match version {
        Version::HTTP_09 => "HTTP/0.9",
        Version::HTTP_10 => "HTTP/1.0",
        Version::HTTP_11 => "HTTP/1.1",
        Version::HTTP_2 => "HTTP/2",
        _ => "HTTP/?",
    }
}

/// The signals that stop the server: SIGINT (Ctrl-C) and, on Unix, SIGTERM.
struct Signals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> std::io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Signals {
                terminate: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    /// Waits for one; its name.
    async fn wait(mut self) -> &'static str {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.terminate.recv() => "SIGTERM",
                _ = self.interrupt.recv() => "SIGINT",
            }
        }
        #[cfg(not(unix))]
        {
            let _ = &mut self;
            let _ = tokio::signal::ctrl_c().await;
            "Ctrl-C"
        }
    }
}
