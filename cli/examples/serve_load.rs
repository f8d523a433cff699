//! A load generator for `ucwa serve`: K keep-alive connections, each a thread, issue N GETs in
//! all over the self hrefs of the files given (found as `serve` finds them), half asking for
//! JSON and half for XML, and the requests per second are printed.
//!
//! ```sh
//! cargo build --release -p ucwa-cli --examples
//! target/release/ucwa serve --port 8080 "$UCWA_DOCS/samples/valid" 2>/dev/null &
//! target/release/examples/serve_load 127.0.0.1:8080 "$UCWA_DOCS/samples/valid" 4 200000
//! ```

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Instant;

use ucwa_codec::check::payloads;
use ucwa_codec::document::{self, Document};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [address, path, rest @ ..] = &args[..] else {
        eprintln!("usage: serve_load ADDR PATH [CONNECTIONS [REQUESTS]]");
        std::process::exit(2);
    };
    let connections: usize = rest.first().map_or(4, |n| n.parse().expect("CONNECTIONS"));
    let requests: usize = rest
        .get(1)
        .map_or(100_000, |n| n.parse().expect("REQUESTS"));

    let mut files = Vec::new();
    walk(Path::new(path), &mut files);
    let targets: Vec<String> = files
        .iter()
        .flat_map(|file| hrefs(file))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(!targets.is_empty(), "no self href in {path}");

    let started = Instant::now();
    let threads: Vec<_> = (0..connections)
        .map(|k| {
            let (address, targets) = (address.clone(), targets.clone());
            let count = requests / connections + usize::from(k < requests % connections);
            std::thread::spawn(move || load(&address, &targets, k, count))
        })
        .collect();
    let (mut bytes, mut failed) = (0, 0);
    for thread in threads {
        let (b, f) = thread.join().expect("a connection's thread");
        bytes += b;
        failed += f;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{requests} GETs over {} hrefs on {connections} keep-alive connections in {seconds:.2} s: \
         {:.0} requests/s, {:.1} MiB/s of bodies, {failed} not 200",
        targets.len(),
        requests as f64 / seconds,
        bytes as f64 / seconds / 1024.0 / 1024.0,
    );
}

/// `count` GETs on one connection, starting at target `k`: the body bytes read and the
/// answers that were not 200.
fn load(address: &str, targets: &[String], k: usize, count: usize) -> (usize, usize) {
    let stream = TcpStream::connect(address).expect("the server listens");
    stream.set_nodelay(true).expect("TCP_NODELAY");
    let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
    let mut writer = stream;
    let (mut bytes, mut failed) = (0, 0);
    let mut line = String::new();
    let mut body = Vec::new();
    for n in 0..count {
        let target = &targets[(k + n) % targets.len()];
        let accept = if n % 2 == 0 {
            "application/vnd.microsoft.com.ucwa+json"
        } else {
            "application/vnd.microsoft.com.ucwa+xml"
        };
        write!(
            writer,
            "GET {target} HTTP/1.1\r\nHost: {address}\r\nAccept: {accept}\r\n\r\n"
        )
        .expect("a request written");
        line.clear();
        reader.read_line(&mut line).expect("a status line");
        if !line.starts_with("HTTP/1.1 200 ") {
            if failed == 0 {
                eprintln!("{target} ({accept}): {}", line.trim_end());
            }
            failed += 1;
        }
        let mut length = 0;
        loop {
            line.clear();
            reader.read_line(&mut line).expect("a header");
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().expect("a length");
                }
            }
        }
        body.resize(length, 0);
        reader.read_exact(&mut body).expect("a body");
        bytes += length;
    }
    (bytes, failed)
}

/// The files of a folder, recursively (or the file itself).
fn walk(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .expect("a folder")
            .map(|e| e.expect("an entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            walk(&entry, files);
        }
    } else {
        files.push(path.to_owned());
    }
}

/// The request targets of a file's documents: the path and query of each self href.
fn hrefs(file: &Path) -> Vec<String> {
    let bytes = std::fs::read(file).expect("a file");
    let capture = payloads::extract(&file.display().to_string(), &bytes);
    capture
        .payloads()
        .filter_map(|payload| {
            let document = document::decode(&payload.bytes, Some(payload.format)).ok()?;
            let href = match &document {
                Document::Resource(resource) => resource.self_href()?,
                Document::Events(events) => events.self_href()?,
                _ => return None,
            };
            let href = href.split('#').next()?;
            // As `serve` keys them: `scheme://host` and `//host` (RFC 3986) dropped.
            let rest = href
                .strip_prefix("//")
                .or_else(|| href.split_once("://").map(|(_, rest)| rest));
            match rest {
                Some(rest) => match rest.find(['/', '?']) {
                    Some(at) if rest[at..].starts_with('?') => Some(format!("/{}", &rest[at..])),
                    Some(at) => Some(rest[at..].to_owned()),
                    None => Some("/".to_owned()),
                },
                None if href.starts_with('/') => Some(href.to_owned()),
                None => None,
            }
        })
        .collect()
}
