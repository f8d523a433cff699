//! `ucwa diff`: two payloads compared by meaning, or exactly (`--exact`).

use std::process::ExitCode;

use ucwa_codec::batch;
use ucwa_codec::diff::{diff_documents_with, Comparison, Difference};

use crate::input::{self, Failure, Limits, PathArg, Payload};
use crate::output;

#[derive(clap::Args)]
pub struct Args {
    /// Compare form as well as meaning: JSON types (`"11"` and `11`), the form of dates,
    /// one object or an array, empty members. For proving a round trip.
    #[arg(long)]
    exact: bool,
    /// The first payload (JSON or XML, any document kind, or a batch; `-` for standard input).
    a: PathArg,
    /// The second payload (`-` for standard input).
    b: PathArg,
    #[command(flatten)]
    limits: Limits,
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
    let comparison = if args.exact {
        Comparison::Exact
    } else {
        Comparison::Meaning
    };
    let a = decoded(&args.a, &args.limits)?;
    let b = decoded(&args.b, &args.limits)?;
    Ok(match (a, b) {
        (Payload::Document(x), Payload::Document(y)) => diff_documents_with(&x, &y, comparison),
        (
            Payload::Batch(x) | Payload::Message(_, x),
            Payload::Batch(y) | Payload::Message(_, y),
        ) => batch::diff(&x, &y, comparison),
        _ => vec![Difference {
            path: String::new(),
            left: Some("one side is a batch".to_owned()),
            right: Some("the other a single document".to_owned()),
        }],
    })
}

/// A payload read and decoded whole: a batch part whose body does not decode fails it too.
fn decoded(path: &PathArg, limits: &Limits) -> Result<Payload, Failure> {
    let input = input::read(Some(path), &limits.options()).map_err(|e| e.failure(2))?;
    let payload = input.payload(None, 2)?;
    if let Payload::Batch(batch) | Payload::Message(_, batch) = &payload {
        if let Some(err) = batch.errors().next() {
            return Err(Failure {
                code: 2,
                message: input.render_error(err),
            });
        }
    }
    Ok(payload)
}
