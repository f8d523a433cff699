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
    /// From XML to JSON, leave XML's text untyped instead of typing it with the resource
    /// catalogue (integers, booleans, dates, documented arrays).
    #[arg(long)]
    untyped: bool,
    /// From XML to JSON, keep a value that does not fit its documented type as text, with a
    /// warning, instead of failing.
    #[arg(long, conflicts_with = "untyped")]
    lenient: bool,
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
    let mut resource = input.decode(args.from, 1)?;
    let from_xml = args.from.or_else(|| input::detect(&input.bytes)) == Some(Format::Xml);
    if from_xml && args.to == Format::Json && !args.untyped {
        type_with_catalogue(&mut resource, &input.name, args.lenient)?;
    }
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

/// Types XML text with the resource catalogue, so that JSON gets integers, booleans, dates
/// and the documented arrays.
fn type_with_catalogue(
    resource: &mut ucwa_codec::Resource,
    name: &str,
    lenient: bool,
) -> Result<(), Failure> {
    use ucwa_codec::catalogue::{self, OnMismatch, TypingOptions};
    let mut options = TypingOptions::default();
    if lenient {
        options.on_mismatch = OnMismatch::Warn;
    }
    let warnings = catalogue::apply(resource, &options).map_err(|err| Failure {
        code: 1,
        message: format!("{name}: {err} (use --lenient to keep it as text, or --untyped)"),
    })?;
    for warning in warnings {
        eprintln!("warning: {name}: {warning}");
    }
    // UCWA's JSON writes instants in UTC milliseconds, `\/Date(ms)\/`.
    resource.for_each_value_mut(&mut |value| {
        if let ucwa_codec::Value::Date(date) = value {
            *date = date.to_utc();
        }
    });
    Ok(())
}
