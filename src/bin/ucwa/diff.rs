//! `ucwa diff`: two payloads compared by meaning.

use std::process::ExitCode;

use ucwa_codec::diff::{diff_documents, Difference};

use crate::input::{self, Failure, PathArg, Payload};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// The first payload (JSON or XML, any document kind, or a batch; `-` for standard input).
    a: PathArg,
    /// The second payload (`-` for standard input).
    b: PathArg,
}

/// Exit 0 when equal, 1 when they differ (one line per difference), 2 when either cannot be
/// read or decoded.
pub fn run(args: &Args) -> ExitCode {
    match compare(args) {
        Ok(differences) if differences.is_empty() => ExitCode::SUCCESS,
        Ok(differences) => {
            let written = output::to_stdout(|out| {
                differences
                    .iter()
                    .try_for_each(|difference| writeln!(out, "{difference}"))
            });
            match written {
                Ok(()) => ExitCode::from(1),
                Err(failure) => input::report(failure),
            }
        }
        Err(failure) => input::report(failure),
    }
}

fn compare(args: &Args) -> Result<Vec<Difference>, Failure> {
    if args.a.as_os_str() == "-" && args.b.as_os_str() == "-" {
        return Err(Failure {
            code: 2,
            message: "only one of the two payloads can be standard input".to_owned(),
        });
    }
    let a = input::read(Some(&args.a))?.payload(None, 2)?;
    let b = input::read(Some(&args.b))?.payload(None, 2)?;
    Ok(match (a, b) {
        (Payload::Document(x), Payload::Document(y)) => diff_documents(&x, &y),
        (
            Payload::Batch(x) | Payload::Message(_, x),
            Payload::Batch(y) | Payload::Message(_, y),
        ) => diff_batches(&x, &y),
        _ => vec![Difference {
            path: String::new(),
            left: Some("one side is a batch".to_owned()),
            right: Some("the other a single document".to_owned()),
        }],
    })
}

/// Part by part: the start lines, then the documents (paths prefixed `part[N]`).
fn diff_batches(a: &ucwa_codec::batch::Batch, b: &ucwa_codec::batch::Batch) -> Vec<Difference> {
    let mut out = Vec::new();
    let count = a.parts.len().max(b.parts.len());
    for index in 0..count {
        let path = format!("part[{}]", index + 1);
        let (Some(x), Some(y)) = (a.parts.get(index), b.parts.get(index)) else {
            out.push(Difference {
                path,
                left: a.parts.get(index).map(|p| p.message.start_line.to_string()),
                right: b.parts.get(index).map(|p| p.message.start_line.to_string()),
            });
            continue;
        };
        if x.message.start_line != y.message.start_line {
            out.push(Difference {
                path: format!("{path}.start-line"),
                left: Some(x.message.start_line.to_string()),
                right: Some(y.message.start_line.to_string()),
            });
        }
        match (&x.message.document, &y.message.document) {
            (Some(p), Some(q)) => out.extend(diff_documents(p, q).into_iter().map(|mut d| {
                d.path = if d.path.is_empty() {
                    path.clone()
                } else {
                    format!("{path}.{}", d.path)
                };
                d
            })),
            (None, None) if x.message.body == y.message.body => {}
            (p, q) => out.push(Difference {
                path: format!("{path}.body"),
                left: Some(describe(p.as_ref(), &x.message.body)),
                right: Some(describe(q.as_ref(), &y.message.body)),
            }),
        }
    }
    out
}

fn describe(document: Option<&ucwa_codec::Document>, body: &[u8]) -> String {
    match document {
        Some(doc) => format!("a {} document", doc.kind()),
        None if body.is_empty() => "no body".to_owned(),
        None => format!("{} bytes", body.len()),
    }
}
