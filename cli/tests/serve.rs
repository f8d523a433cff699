//! `ucwa serve` as a subprocess on loopback, driven by a plain HTTP/1.1 client over
//! `std::net::TcpStream` (keep-alive, `Content-Length` bodies).

#[macro_use]
#[path = "../../tests/common/mod.rs"]
mod common;
mod run;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CONVERSATION: &str = "/ucwa/v1/applications/811/communication/conversations/31";
const EVENTS: &str = "/ucwa/v1/applications/811/events?ack=7";
const UCWA_JSON: &str = "application/vnd.microsoft.com.ucwa+json; charset=utf-8";

fn fixtures() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .display()
        .to_string()
}

/// A running `ucwa serve`, killed when dropped; its standard error collected.
struct Server {
    child: Child,
    address: String,
    stderr: Arc<Mutex<String>>,
    /// The thread collecting `stderr`, which ends when the server's standard error closes.
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts `ucwa serve --port 0 PATHS...` and waits for its address.
    fn start(paths: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ucwa"))
            .args(["serve", "--port", "0"])
            .args(paths)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the ucwa binary runs");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tell, told) = std::sync::mpsc::channel();
        let mut lines = BufReader::new(child.stderr.take().unwrap());
        let collected = Arc::clone(&stderr);
        let reader = std::thread::spawn(move || {
            let mut line = String::new();
            while lines.read_line(&mut line).is_ok_and(|n| n > 0) {
                if let Some(address) = line.trim_end().strip_prefix("listening on http://") {
                    let _ = tell.send(address.to_owned());
                }
                collected.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let address = told
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no address logged: {}", stderr.lock().unwrap()));
        Server {
            child,
            address,
            stderr,
            reader: Some(reader),
        }
    }

    fn connect(&self) -> Client {
        Client::new(&self.address)
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits (a while) for standard error to hold `text`.
    fn wait_for_log(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let log = self.stderr();
            if log.contains(text) || Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a signal and waits for the exit code.
    #[cfg(unix)]
    fn signal(mut self, name: &str) -> Option<i32> {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // What it wrote last is read once its standard error is closed.
                if let Some(reader) = self.reader.take() {
                    reader.join().expect("the stderr reader does not panic");
                }
                return status.code();
            }
            assert!(Instant::now() < deadline, "still running after {name}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP/1.1 response.
#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// One keep-alive connection.
struct Client {
    stream: BufReader<TcpStream>,
}

impl Client {
    fn new(address: &str) -> Client {
        let stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Client {
            stream: BufReader::new(stream),
        }
    }

    fn request(&mut self, method: &str, target: &str, headers: &[(&str, &str)]) -> Response {
        let mut request = format!("{method} {target} HTTP/1.1\r\nHost: localhost\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        self.stream.get_mut().write_all(request.as_bytes()).unwrap();
        self.read_response(method == "HEAD")
    }

    fn get(&mut self, target: &str, accept: Option<&str>) -> Response {
        match accept {
            Some(accept) => self.request("GET", target, &[("Accept", accept)]),
            None => self.request("GET", target, &[]),
        }
    }

    fn read_response(&mut self, head: bool) -> Response {
        let mut line = String::new();
        self.stream.read_line(&mut line).unwrap();
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line: {line:?}"));
        let mut headers = Vec::new();
        loop {
            line.clear();
            self.stream.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').unwrap();
            headers.push((name.to_owned(), value.trim().to_owned()));
        }
        let mut response = Response {
            status,
            headers,
            body: Vec::new(),
        };
        if !head {
            let length: usize = response.header("content-length").unwrap().parse().unwrap();
            response.body = vec![0; length];
            self.stream.read_exact(&mut response.body).unwrap();
        }
        response
    }
}

#[test]
fn get_answers_in_the_format_accept_asks_for() {
    let server = Server::start(&[&fixtures()]);
    let mut client = server.connect();
    let json = client.get(CONVERSATION, None);
    assert_eq!(json.status, 200);
    assert_eq!(json.header("content-type"), Some(UCWA_JSON));
    assert_eq!(json.json()["rel"], "conversation");
    assert_eq!(json.json()["_links"]["self"]["href"], CONVERSATION);

    let xml = client.get(CONVERSATION, Some("application/vnd.microsoft.com.ucwa+xml"));
    assert_eq!(xml.status, 200);
    assert_eq!(
        xml.header("content-type"),
        Some("application/vnd.microsoft.com.ucwa+xml; charset=utf-8")
    );
    assert!(
        xml.text().contains(r#"<resource rel="conversation""#),
        "{}",
        xml.text()
    );

    let plain = client.get(CONVERSATION, Some("application/json;q=0.5, text/xml"));
    assert_eq!(
        plain.header("content-type"),
        Some("text/xml; charset=utf-8")
    );
    assert!(plain.text().starts_with("<?xml"));
}

#[test]
fn head_sends_the_headers_of_get_without_the_body() {
    let server = Server::start(&[&fixtures()]);
    let mut client = server.connect();
    let get = client.get(CONVERSATION, None);
    let head = client.request("HEAD", CONVERSATION, &[]);
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), get.header("content-type"));
    assert_eq!(
        head.header("content-length"),
        Some(&*get.body.len().to_string())
    );
    // No body was sent: the next answer on the connection starts where the head ended.
    let again = client.get(CONVERSATION, None);
    assert_eq!((again.status, again.body), (200, get.body));
}

#[test]
fn an_events_document_is_served_at_its_self_href() {
    let server = Server::start(&[&fixtures()]);
    let mut client = server.connect();
    let events = client.get(EVENTS, None);
    assert_eq!(events.status, 200);
    let value = events.json();
    assert_eq!(value["_links"]["self"]["href"], EVENTS);
    assert!(value["sender"].is_array(), "{value}");
    let xml = client.get(EVENTS, Some("application/xml"));
    assert!(xml.text().contains("<events "), "{}", xml.text());
    // The query is part of the href.
    let other = client.get("/ucwa/v1/applications/811/events?ack=8", None);
    assert_eq!(other.status, 404);
}

#[test]
fn an_unknown_href_is_404_with_an_error_body_in_the_negotiated_format() {
    let server = Server::start(&[&fixtures()]);
    let mut client = server.connect();
    let json = client.get("/ucwa/v1/nowhere", None);
    assert_eq!(json.status, 404);
    assert_eq!(json.header("content-type"), Some(UCWA_JSON));
    assert_eq!(json.json()["code"], "NotFound");
    assert!(json.json()["message"]
        .as_str()
        .unwrap()
        .contains("/ucwa/v1/nowhere"));

    let xml = client.get("/ucwa/v1/nowhere", Some("application/xml"));
    assert_eq!(xml.status, 404);
    assert_eq!(
        xml.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    assert!(
        xml.text().contains("<code>NotFound</code>"),
        "{}",
        xml.text()
    );
}

#[test]
fn other_methods_are_405_with_allow() {
    let server = Server::start(&[&fixtures()]);
    let mut client = server.connect();
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let answer = client.request(method, CONVERSATION, &[("Content-Length", "0")]);
        assert_eq!(answer.status, 405, "{method}");
        assert_eq!(answer.header("allow"), Some("GET, HEAD"));
        assert_eq!(answer.json()["code"], "MethodNotAllowed");
    }
}

#[test]
fn nothing_acceptable_is_406_in_json() {
    let server = Server::start(&[&fixtures()]);
    let mut client = server.connect();
    let answer = client.get(CONVERSATION, Some("image/png, text/html"));
    assert_eq!(answer.status, 406);
    assert_eq!(answer.header("content-type"), Some(UCWA_JSON));
    assert_eq!(answer.json()["code"], "NotAcceptable");
    assert!(answer.json()["message"]
        .as_str()
        .unwrap()
        .contains("image/png"));
}

#[test]
fn each_request_is_one_log_line_and_collisions_are_logged() {
    let server = Server::start(&[&fixtures()]);
    let log = server.stderr();
    // conversation.json, then conversation.xml: the later one wins.
    assert!(
        log.contains(&format!(
            "two documents at {CONVERSATION}: {}/conversation.xml is served, not {}/conversation.json (read later)",
            fixtures(),
            fixtures()
        )),
        "{log}"
    );
    assert!(
        log.contains("serving 6 resources and 2 events documents at 4 hrefs from 12 files"),
        "{log}"
    );
    let mut client = server.connect();
    client.get(CONVERSATION, None);
    client.get("/missing?x=1", None);
    let log = server.wait_for_log("/missing?x=1");
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("\" ")).collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(
        lines[0].contains(&format!("\"GET {CONVERSATION} HTTP/1.1\" 200 ")),
        "{log}"
    );
    assert!(
        lines[1].contains("\"GET /missing?x=1 HTTP/1.1\" 404 "),
        "{log}"
    );
    assert!(
        lines[1].starts_with("127.0.0.1:") && lines[1].ends_with("ms"),
        "{log}"
    );
}

#[test]
fn one_connection_carries_many_requests() {
    let server = Server::start(&[&fixtures()]);
    let mut client = server.connect();
    for n in 0..20 {
        let target = if n % 2 == 0 { CONVERSATION } else { EVENTS };
        assert_eq!(client.get(target, None).status, 200, "request {n}");
    }
    // The 404 and 405 answers keep the connection too.
    assert_eq!(client.get("/nowhere", None).status, 404);
    assert_eq!(client.request("DELETE", "/nowhere", &[]).status, 405);
    assert_eq!(client.get(CONVERSATION, None).status, 200);
}

#[test]
fn concurrent_clients_are_served() {
    let server = Server::start(&[&fixtures()]);
    let address = server.address.clone();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let address = address.clone();
            std::thread::spawn(move || {
                let mut client = Client::new(&address);
                for _ in 0..25 {
                    let answer = client.get(EVENTS, Some("application/xml"));
                    assert_eq!(answer.status, 200);
                }
            })
        })
        .collect();
    // Every connection open at once, each holding its own.
    for thread in threads {
        thread.join().unwrap();
    }
}

#[test]
fn garbage_on_a_connection_does_not_stop_the_server() {
    let server = Server::start(&[&fixtures()]);
    for garbage in [
        &b"\x00\xff\x16\x03\x01 not http at all\r\n\r\n"[..],
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /x HTTP/1.1\r\nHost: a\r\nContent-Length: nope\r\n\r\n",
    ] {
        let mut raw = TcpStream::connect(&server.address).unwrap();
        raw.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        raw.write_all(garbage).unwrap();
        let mut answer = Vec::new();
        // The server answers 400 (or closes) and hangs up.
        let _ = raw.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 4"),
            "{answer}"
        );
    }
    // A connection left half-written does not hold the others up either.
    let mut half = TcpStream::connect(&server.address).unwrap();
    half.write_all(b"GET /ucwa HTTP/1.1\r\nHost:").unwrap();
    let mut client = server.connect();
    assert_eq!(client.get(CONVERSATION, None).status, 200);
    drop(half);
}

#[cfg(unix)]
#[test]
fn sigterm_and_sigint_end_it_gracefully() {
    for signal in ["TERM", "INT"] {
        let server = Server::start(&[&fixtures()]);
        // An idle keep-alive connection does not hold the end up.
        let mut client = server.connect();
        assert_eq!(client.get(CONVERSATION, None).status, 200);
        let stderr = Arc::clone(&server.stderr);
        assert_eq!(server.signal(signal), Some(0), "SIG{signal}");
        let log = stderr.lock().unwrap().clone();
        assert!(
            log.contains(&format!("SIG{signal}: shutting down")),
            "{log}"
        );
    }
}

#[test]
fn nothing_to_serve_is_exit_1() {
    let dir = std::env::temp_dir().join(format!("ucwa-serve-test-{}-empty", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "no UCWA here").unwrap();
    std::fs::write(dir.join("error.json"), r#"{"code": "NotFound"}"#).unwrap();
    let dir_name = dir.display().to_string();
    let (code, _, stderr) = run::ucwa_text(&["serve", "--port", "0", &dir_name], b"");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error: no resource or events document with a self href to serve"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let (code, _, stderr) = run::ucwa_text(&["serve", "--port", "0", "/no/such/path"], b"");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("cannot read /no/such/path"), "{stderr}");
}

#[test]
fn an_address_in_use_is_exit_1() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, _, stderr) = run::ucwa_text(&["serve", "--port", &port, &fixtures()], b"");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("error: cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
}

#[test]
fn the_documented_samples_are_served() {
    needs_reference!();
    let samples = common::docs().join("samples/valid").display().to_string();
    let server = Server::start(&[&samples]);
    let log = server.stderr();
    assert!(log.contains("serving "), "{log}");
    let mut client = server.connect();
    // `me.get.response.2.json`, then `me.get.response.3.xml` at the same href.
    let me = client.get("/ucwa/v1/applications/192/me", None);
    assert_eq!(me.status, 200, "{}", me.text());
    assert_eq!(me.json()["rel"], "me");
    let xml = client.get("/ucwa/v1/applications/192/me", Some("application/xml"));
    assert!(xml.text().contains(r#"rel="me""#), "{}", xml.text());
    // The event samples: events documents whose absolute self href (`http://sample:80/...`)
    // is served at its path and query (all at `ack=1` in the reference).
    let events = client.get("/ucwa/v1/applications/appId/events?ack=1", None);
    assert_eq!(events.status, 200, "{}", events.text());
    assert!(events.json()["sender"].is_array());
}
