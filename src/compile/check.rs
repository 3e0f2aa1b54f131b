//! The checker every compile step reports to: it collects every problem
//! (so one run lists them all), names the file and record of each, and
//! holds the checks shared by the data's formats (dates, names, lengths,
//! addresses, TOML).

use super::standard::SourceStandard;
use crate::dataset::{Date, Named};

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
    pub(crate) standard: SourceStandard,
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
            standard: SourceStandard::default(),
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

    /// Whether a CSV file's first row is exactly `columns`; an error if not.
    pub(crate) fn header(&mut self, rows: &[Vec<String>], columns: &str) -> bool {
        let ok = rows.first().map(|r| r.join(",")).as_deref() == Some(columns);
        if !ok {
            self.err("line 1", format!("the header must be {columns}"));
        }
        ok
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
        // A link people follow from an answer must not report them to the
        // publisher's analytics (the privacy promise reaches our links too).
        let query = url.split_once('?').map_or("", |(_, q)| q);
        if query.split('&').any(|p| p.starts_with("utm_")) {
            self.err(
                record,
                format!("source URL \"{url}\" carries tracking parameters (utm_…): cite it without them"),
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
