//! The human-edited files under `data/`, checked and compiled into the two
//! data files: the `Dataset` (laws, local policies, 287(g) model rules) and
//! the `Places` index (counties, cities, ZIP codes, 287(g) agencies).
//!
//! Shared by `build.rs` (which embeds both files in the CLI and tests) and
//! the CLI's `data check` / `data compile`, so both reject the same mistakes
//! with the same messages. Every message names the file and the record.

mod agreements;
mod csv;
mod geo;
pub mod lang;
mod laws;
pub mod standard;

pub use self::agreements::{COLUMNS as AGREEMENT_COLUMNS, MOA_PREFIX};
pub use self::csv::{parse as parse_csv, quote as quote_csv};

use crate::date::Date;
use crate::model::{Dataset, Named};
use crate::places::Places;
use std::path::Path;

/// Longest `text`, `note` or `status_note`, in characters.
pub const MAX_NOTE: usize = 300;
/// Longest `unverified` or `searched` explanation, in characters.
pub const MAX_EXPLANATION: usize = 400;

/// One problem in the source data, located precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub file: String,
    pub record: String,
    pub message: String,
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.record.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.record, self.message)
        }
    }
}

/// Both compiled files, and how well the laws are sourced.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub dataset: Dataset,
    pub places: Places,
    pub sourcing: Sourcing,
}

/// Reads every `.toml` and `.csv` file under `dir` (sorted, so output is
/// reproducible), as (path relative to `dir`, contents).
pub fn read_dir(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
        let mut entries = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if path
                .extension()
                .is_some_and(|ext| ext == "toml" || ext == "csv")
            {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let name = rel.to_string_lossy().replace('\\', "/");
                out.push((name, std::fs::read_to_string(&path)?));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    Ok(out)
}

/// Compiles only the geography (counties, cities, ZIPs): what the 287(g)
/// importer matches against, before there are agreements to check.
pub fn compile_geo(files: &[(String, String)]) -> Result<Places, Vec<SourceError>> {
    let mut check = Checker::new();
    let find = |name: &str| find_file(files, name);
    let places = geo::compile(&mut check, find("geo/counties.csv"), find("geo/zips.csv"));
    if check.errors.is_empty() {
        Ok(places)
    } else {
        Err(check.errors)
    }
}

/// Compiles the files under `data/`, or lists every problem found.
pub fn compile(files: &[(String, String)]) -> Result<Compiled, Vec<SourceError>> {
    compile_checked(files, Checker::new())
}

/// Compiles English files with a translation merged in ([`lang::merge`]).
/// Translations run longer than English (Spanish by about a fifth), so the
/// length limits get a third more room.
pub fn compile_translated(files: &[(String, String)]) -> Result<Compiled, Vec<SourceError>> {
    let mut check = Checker::new();
    check.length_percent = 135;
    compile_checked(files, check)
}

fn compile_checked(
    files: &[(String, String)],
    mut check: Checker,
) -> Result<Compiled, Vec<SourceError>> {
    let find = |name: &str| find_file(files, name);
    let mut places = geo::compile(&mut check, find("geo/counties.csv"), find("geo/zips.csv"));
    let dataset = laws::compile(&mut check, files, &places);
    agreements::compile(
        &mut check,
        find("287g/agreements.csv"),
        find("287g/sheets.toml"),
        &mut places,
    );
    match (check.errors.is_empty(), dataset) {
        (true, Some(dataset)) => Ok(Compiled {
            dataset,
            places,
            sourcing: check.sourcing,
        }),
        _ => Err(check.errors),
    }
}

/// How the laws measure up to the source standard (`data/sources.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sourcing {
    pub laws: usize,
    /// Laws with at least one primary source or original publisher.
    pub primary_sourced: usize,
    /// Ids of laws resting on secondary sources only, to be re-sourced.
    pub secondary_only: Vec<String>,
}

/// Collects errors so one run reports every problem, not just the first.
pub(crate) struct Checker {
    pub(crate) errors: Vec<SourceError>,
    pub(crate) file: String,
    /// Length limits, in percent of the English ones.
    pub(crate) length_percent: usize,
    /// `data/sources.toml`: which addresses are sources at all.
    pub(crate) standard: standard::SourceStandard,
    pub(crate) sourcing: Sourcing,
}

/// The contents of one of the files, by its path under `data/`.
pub(crate) fn find_file<'a>(files: &'a [(String, String)], name: &str) -> Option<&'a str> {
    files
        .iter()
        .find(|(path, _)| path == name)
        .map(|(_, text)| text.as_str())
}

impl Checker {
    pub(crate) fn new() -> Checker {
        Checker {
            errors: Vec::new(),
            file: String::new(),
            length_percent: 100,
            standard: standard::SourceStandard::default(),
            sourcing: Sourcing::default(),
        }
    }
    pub(crate) fn err(&mut self, record: &str, message: impl Into<String>) {
        self.errors.push(SourceError {
            file: self.file.clone(),
            record: record.to_string(),
            message: message.into(),
        });
    }

    pub(crate) fn date(&mut self, record: &str, field: &str, text: &str) -> Option<Date> {
        let date = Date::parse(text);
        if date.is_none() {
            self.err(
                record,
                format!("`{field}` = \"{text}\" is not a real date in the form YYYY-MM-DD"),
            );
        }
        date
    }

    /// Text shown to people must stay short enough to read in one pass on a
    /// phone; longer detail belongs in `research`.
    pub(crate) fn short(&mut self, record: &str, field: &str, text: &str, max: usize) {
        let len = text.chars().count();
        let max = max * self.length_percent / 100;
        if len > max {
            self.err(
                record,
                format!("`{field}` is {len} characters; people read it on a phone, so keep it under {max} (move detail to `research`)"),
            );
        }
    }

    pub(crate) fn named<T: Named>(&mut self, record: &str, field: &str, text: &str) -> Option<T> {
        let value = T::from_name(text);
        if value.is_none() {
            self.err(
                record,
                format!("`{field}` = \"{text}\" is not one of: {}", T::accepted()),
            );
        }
        value
    }

    pub(crate) fn bits<T: Named>(&mut self, record: &str, field: &str, names: &[String]) -> u8 {
        names
            .iter()
            .filter_map(|name| self.named::<T>(record, field, name))
            .fold(0, |set, value| set | value.bit())
    }

    pub(crate) fn url(&mut self, record: &str, url: &str) {
        let url = url.trim();
        let well_formed = (url.starts_with("https://") || url.starts_with("http://"))
            && url.len() > 10
            && !url.contains(char::is_whitespace);
        if !well_formed {
            self.err(
                record,
                format!("source URL \"{url}\" is not a full http(s) address"),
            );
        }
    }

    pub(crate) fn parse<T: for<'de> serde::Deserialize<'de>>(&mut self, text: &str) -> Option<T> {
        match toml::from_str(text) {
            Ok(value) => Some(value),
            Err(e) => {
                let message = e.to_string().replace('\n', " ").trim().to_string();
                self.err("", format!("is not valid: {message}"));
                None
            }
        }
    }
}
