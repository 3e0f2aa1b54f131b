//! The `can-refuse` command line: ask a question, or check, compile and
//! import the data.
//!
//! ```text
//! args   the commands and flags (clap), with their help
//! ask    `ask`: a question in, the answer as text or JSON out
//! data   `data …`: check, compile, stats, verdicts, translations, 287(g) import
//! ```
//!
//! Every failure is one plain sentence on stderr and an exit code: 2 for a
//! wrong command line, 1 for data that cannot be read or used. A reader
//! that goes away (`can-refuse data verdicts | head`) ends the command
//! quietly, as it would for `cat`.

mod args;
mod ask;
mod data;
mod export;

use args::{Cli, Command, DataDir, DataFiles};
use can_refuse::dataset::{codec, Dataset, Date, Places};
use clap::{CommandFactory, Parser};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Why a command stopped early.
pub enum Failure {
    /// The command line asks for something that cannot be (exit 2).
    Usage(String),
    /// The data cannot be read or used (exit 1).
    Data(String),
    /// Standard output was closed: stop, say nothing.
    Closed,
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::Closed
        } else {
            Failure::Data(format!("cannot write the output: {e}"))
        }
    }
}

pub fn usage(message: impl Into<String>) -> Failure {
    Failure::Usage(message.into())
}

pub fn data_error(message: impl std::fmt::Display) -> Failure {
    Failure::Data(message.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    let result = match cli.command {
        Command::Ask(args) => ask::run(&args, &mut out),
        Command::Data(command) => data::run(command, &mut out),
        Command::Completions { shell } => completions(shell, &mut out),
    };
    let result = result.and_then(|()| out.flush().map_err(Failure::from));
    match result {
        Ok(()) | Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Data(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Prints a completion script for `shell`. (Written whole, from memory:
/// the generator itself would panic on a closed pipe.)
fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> Result<(), Failure> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "can-refuse", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Today, in UTC.
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Date::from_unix_seconds(seconds)
}

/// The dataset and the place index: the built-in ones, files given, or a
/// data folder compiled now.
pub fn load(files: &DataFiles) -> Result<(Dataset, Places), Failure> {
    if let Some(dir) = &files.data_dir {
        let compiled = data::compile_dir(dir)?;
        return Ok((compiled.dataset, compiled.places));
    }
    let dataset = load_dataset(files.data.as_deref())?;
    let places = match &files.places {
        None => codec::decode_places(can_refuse::EMBEDDED_PLACES)
            .map_err(|e| data_error(format!("the built-in place index is unreadable: {e}")))?,
        Some(path) => codec::decode_places(&read(path, "place index")?)
            .map_err(|e| data_error(format!("{}: {e}", path.display())))?,
    };
    Ok((dataset, places))
}

/// The data folder of a command that also reads data (`stats`,
/// `large-places`, `release`): `--dir`, else the folder `--data-dir`
/// compiled, so one run never mixes the figures of two data sets.
pub fn folder(files: &DataFiles, dir: &DataDir) -> PathBuf {
    match (&dir.dir, &files.data_dir) {
        (None, Some(compiled)) => compiled.clone(),
        _ => data::data_dir(dir),
    }
}

/// The dataset alone: the built-in one, or a file given.
pub fn load_dataset(file: Option<&Path>) -> Result<Dataset, Failure> {
    match file {
        None => codec::decode(can_refuse::EMBEDDED_DATA)
            .map_err(|e| data_error(format!("the built-in data is unreadable: {e}"))),
        Some(path) => codec::decode(&read(path, "data file")?)
            .map_err(|e| data_error(format!("{}: {e}", path.display()))),
    }
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path)
        .map_err(|e| data_error(format!("cannot read {what} {}: {e}", path.display())))
}
