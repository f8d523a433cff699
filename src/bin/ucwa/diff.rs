//! `ucwa diff`: two payloads compared by meaning.

use std::process::ExitCode;

use crate::input::{self, Failure, PathArg};

#[derive(clap::Args)]
pub struct Args {
    /// The first payload (JSON or XML; `-` for standard input).
    a: PathArg,
    /// The second payload (JSON or XML; `-` for standard input).
    b: PathArg,
}

/// Exit 0 when equal, 1 when they differ (one line per difference), 2 when either cannot be
/// read or decoded.
pub fn run(args: &Args) -> ExitCode {
    match compare(args) {
        Ok(differences) if differences.is_empty() => ExitCode::SUCCESS,
        Ok(differences) => {
            for difference in differences {
                println!("{difference}");
            }
            ExitCode::from(1)
        }
        Err(failure) => input::report(failure),
    }
}

fn compare(args: &Args) -> Result<Vec<ucwa_codec::Difference>, Failure> {
    if args.a.as_os_str() == "-" && args.b.as_os_str() == "-" {
        return Err(Failure {
            code: 2,
            message: "only one of the two payloads can be standard input".to_owned(),
        });
    }
    let a = input::read(Some(&args.a))?.decode(None, 2)?;
    let b = input::read(Some(&args.b))?.decode(None, 2)?;
    Ok(ucwa_codec::diff(&a, &b))
}
