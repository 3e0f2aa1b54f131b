//! The command line's shape: every command, flag and value, with the help
//! text `--help` prints. Values the engine knows (agencies, situations,
//! warrant kinds) are offered from its own tables, so help, completions and
//! suggestions for a misspelt value never drift from what it accepts.

use can_refuse::dataset::{Agency, Named, Situation, Warrant};
use clap::builder::PossibleValuesParser;
use clap::{ArgGroup, Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "can-refuse",
    version,
    about = "Can local police refuse to help ICE? A sourced answer for every US \
             jurisdiction (general information, not legal advice).",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Ask whether local police may refuse to help ICE, and why
    Ask(AskArgs),
    /// Check, compile, count and translate the data under data/
    #[command(subcommand)]
    Data(DataCommand),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Args)]
#[command(
    group(ArgGroup::new("where").required(true).multiple(true).args(["place", "state"])),
    after_help = "Example: can-refuse ask --place 77002 --agency sheriff --situation detainer"
)]
pub struct AskArgs {
    /// A ZIP code (77002), a city ("Providence, RI") or a county
    #[arg(long)]
    pub place: Option<String>,
    /// Two-letter code (TX, CA, DC, PR) or the full name
    #[arg(long)]
    pub state: Option<String>,
    /// County, parish or borough
    #[arg(long)]
    pub county: Option<String>,
    /// City or town
    #[arg(long)]
    pub city: Option<String>,
    /// The agency ICE asked; leave it out to learn whether the agency changes the answer
    #[arg(long, value_parser = agencies())]
    pub agency: Option<String>,
    /// What ICE is asking for
    #[arg(long, value_parser = names::<Situation>(&[]))]
    pub situation: String,
    /// The warrant ICE holds; leave it out if you do not know
    #[arg(long, value_name = "KIND", value_parser = names::<Warrant>(&["unknown"]))]
    pub warrant: Option<String>,
    /// Answer with the law as of this date (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Print the answer as JSON, exactly as the web page gets it
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub files: DataFiles,
}

/// Data to read instead of the built-in data: compiled files, or a data
/// folder compiled on the spot (so an edit to data/ can be tried without
/// rebuilding the CLI, which carries the data it was built with).
#[derive(Args)]
pub struct DataFiles {
    /// Read this data file instead of the built-in data
    #[arg(long, value_name = "FILE", conflicts_with = "data_dir")]
    pub data: Option<PathBuf>,
    /// Read this place index instead of the built-in one
    #[arg(long, value_name = "FILE", conflicts_with = "data_dir")]
    pub places: Option<PathBuf>,
    /// Compile this data folder (e.g. an edited data/) and read it instead of the built-in data (and as the data folder, unless --dir says otherwise)
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

/// The data folder to work on.
#[derive(Args)]
pub struct DataDir {
    /// The data folder (default: this checkout's data/)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum DataCommand {
    /// Check every file under data/ and list every problem
    Check(DataDir),
    /// Write the web's data files: the core, its chunks and each translation
    Compile {
        /// The folder to write them to
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        dir: DataDir,
    },
    /// Count what the data covers
    Stats {
        /// Print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        files: DataFiles,
        #[command(flatten)]
        dir: DataDir,
    },
    /// Write the open data: laws, policies, 287(g) agreements and a verdict for every county, with schemas
    Export {
        /// The folder to write them to (e.g. dist/data/v1)
        out: PathBuf,
        /// Also the map's verdicts as of January 1 of each year since 2014
        #[arg(long)]
        history: bool,
        #[command(flatten)]
        files: DataFiles,
    },
    /// Record this release's data in data/releases/DATE.json, for the change log
    Release {
        #[command(flatten)]
        files: DataFiles,
        #[command(flatten)]
        dir: DataDir,
    },
    /// The change log from the release records: CHANGES-DATA.md and an Atom feed
    Changes {
        /// Write the Markdown change log here (else print it)
        #[arg(long, value_name = "FILE")]
        markdown: Option<PathBuf>,
        /// Write the Atom feed here
        #[arg(long, value_name = "FILE")]
        atom: Option<PathBuf>,
        #[command(flatten)]
        dir: DataDir,
    },
    /// The counties of 100,000 people or more whose own policies are not yet checked
    #[command(name = "large-places")]
    LargePlaces {
        /// List every large county, checked or not
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        files: DataFiles,
        #[command(flatten)]
        dir: DataDir,
    },
    /// The statewide answer for every state, agency and situation
    Verdicts {
        /// Answer with the law as of this date (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        files: DataFiles,
    },
    /// How complete each translation is (or one: es)
    LangCheck {
        lang: Option<String>,
        #[command(flatten)]
        dir: DataDir,
    },
    /// Write template files to start a translation
    LangTemplate {
        /// The language code, e.g. es
        lang: String,
        #[command(flatten)]
        dir: DataDir,
    },
    /// Import ICE's 287(g) sheet (.xlsx or .csv) into data/287g/
    #[command(name = "import-287g")]
    Import287g {
        /// ICE's sheet, e.g. participatingAgencies05182026am.xlsx
        file: PathBuf,
        /// The sheet is ICE's list of pending agreements
        #[arg(long)]
        pending: bool,
        /// The sheet's date, when its file name does not tell
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Change nothing; fail if data/287g/ differs from the sheet
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        dir: DataDir,
    },
}

/// The names of a word the engine knows, and any extra answers.
fn names<T: Named>(extra: &[&'static str]) -> PossibleValuesParser {
    let all = T::ALL.iter().map(|(_, name)| *name);
    PossibleValuesParser::new(all.chain(extra.iter().copied()))
}

/// Agencies, and "unknown" for a person who does not know which.
fn agencies() -> PossibleValuesParser {
    names::<Agency>(&["unknown"])
}
