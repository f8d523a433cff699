//! `ucwa`: convert, compare, check and serve UCWA payloads, and explain the reference.

mod catalogue;
mod check;
mod convert;
mod diff;
mod input;
mod output;
#[cfg(feature = "serve")]
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Convert, compare, check and serve UCWA 2.0 (Skype for Business) payloads, JSON or XML.
#[derive(Parser)]
#[command(name = "ucwa", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert a payload to JSON or XML, written pretty to standard output.
    Convert(convert::Args),
    /// Compare two payloads, in either format, by meaning.
    Diff(diff::Args),
    /// Check captured payloads — bodies, HTTP transcripts, HAR files, Fiddler archives,
    /// batches — against the UCWA reference.
    Check(check::Args),
    /// Explain a resource type or reference page: its properties, links, embedded resources,
    /// operations (fields, response, errors), scopes and events, as the catalogue knows them.
    Catalogue(catalogue::Args),
    /// Serve the resources of captures or samples over HTTP, each at its self href, for a
    /// client to be developed and tested without a Skype for Business server.
    #[cfg(feature = "serve")]
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Convert(args) => convert::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Catalogue(args) => catalogue::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
    }
}
