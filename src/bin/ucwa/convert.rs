//! `ucwa convert`: one format to the other (or the same, normalized).

use std::io::Write;
use std::process::ExitCode;

use crate::input::{self, Failure, Format, PathArg};

#[derive(clap::Args)]
pub struct Args {
    /// The format to write.
    #[arg(long, value_enum)]
    to: Format,
    /// The format to read (detected from the first non-blank byte when absent).
    #[arg(long, value_enum)]
    from: Option<Format>,
    /// Write without indentation.
    #[arg(long)]
    compact: bool,
    /// The payload to read; standard input when absent or `-`.
    file: Option<PathArg>,
}

pub fn run(args: &Args) -> ExitCode {
    match convert(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => input::report(failure),
    }
}

fn convert(args: &Args) -> Result<(), Failure> {
    let input = input::read(args.file.as_deref())?;
    let resource = input.decode(args.from, 1)?;
    let encoded = match (args.to, args.compact) {
        (Format::Json, false) => ucwa_codec::json::to_vec_pretty(&resource),
        (Format::Json, true) => ucwa_codec::json::to_vec(&resource),
        (Format::Xml, false) => ucwa_codec::xml::to_vec_pretty(&resource),
        (Format::Xml, true) => ucwa_codec::xml::to_vec(&resource),
    };
    let mut bytes = encoded.map_err(|err| Failure {
        code: 1,
        message: format!("{}: cannot write it as {:?}: {err}", input.name, args.to),
    })?;
    if bytes.last() != Some(&b'\n') {
        bytes.push(b'\n');
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(&bytes)
        .and_then(|()| stdout.flush())
        .map_err(|err| Failure {
            code: 2,
            message: format!("cannot write to standard output: {err}"),
        })
}
