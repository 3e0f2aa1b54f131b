//! `can-refuse data import-287g`: ICE's 287(g) sheet (its own `.xlsx`, or a
//! CSV of it) into `data/287g/agreements.csv`, every row matched to its state
//! and, for county and municipal agencies, its county FIPS code.
//!
//! ```text
//! sheet     ICE's file → rows
//! matching  rows → states, counties, cities (aliases.csv settles the rest)
//! rows      agreements.csv: read, write, what changed
//! ```
//!
//! ICE's sheet has quirks this absorbs: trailing spaces, "#N/A" and "#NA" as
//! the county of city and state agencies, misspelled county names, MOA links
//! wrapped in Outlook "safe links", dates as spreadsheet serial numbers, and
//! the links themselves living in cell hyperlinks rather than cell text.
//! What it cannot match it reports, row by row; `data/287g/aliases.csv` (human
//! edited) settles those.

mod matching;
mod rows;
mod sheet;

pub use matching::{match_rows, Import};
pub use rows::{changes, read_normalized, write_normalized, Normalized};
pub use sheet::{date_from_file_name, read_sheet, unwrap_link, List, SheetRow};

use crate::compile::{compile_geo, SourceError};
use crate::dataset::Date;
use std::collections::BTreeSet;
use std::path::Path;

/// An import worked out in full before anything is written, so a sheet
/// that does not match changes nothing.
pub struct Plan {
    pub list: List,
    /// The day of ICE's sheet.
    pub as_of: Date,
    /// Rows in ICE's sheet.
    pub sheet_rows: usize,
    /// Matched rows and the agencies they name.
    pub rows: usize,
    pub agencies: usize,
    /// Rows matched by forgiving a misspelled county.
    pub forgiven: Vec<String>,
    /// Rows that could not be matched: while any remain, nothing is written.
    pub unmatched: Vec<String>,
    /// What changed since the last import of this list.
    pub changes: Vec<String>,
    /// Whether `agreements.csv` already says exactly this.
    pub unchanged: bool,
    agreements_csv: String,
    sheets_toml: String,
}

/// Why an import could not be worked out.
#[derive(Debug)]
pub enum ImportError {
    /// The sheet could not be read.
    Sheet(String),
    /// The geography it is matched against does not compile.
    Geography(SourceError),
    /// `aliases.csv` is not readable.
    Aliases(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Sheet(e) | ImportError::Aliases(e) => f.write_str(e),
            ImportError::Geography(e) => write!(f, "the geography does not compile: {e}"),
        }
    }
}

/// Reads ICE's sheet and matches it against the data under `data/`
/// (`files`, as `compile::read_dir` gives them). `states` maps USPS codes
/// to names.
pub fn plan(
    sheet: &Path,
    list: List,
    as_of: Date,
    files: &[(String, String)],
    states: &[(String, String)],
) -> Result<Plan, ImportError> {
    let text = |name: &str| {
        files
            .iter()
            .find(|(p, _)| p == name)
            .map_or("", |(_, t)| t.as_str())
    };
    let places = compile_geo(files).map_err(|errors| {
        ImportError::Geography(errors.into_iter().next().unwrap_or(SourceError {
            file: "geo/".into(),
            record: String::new(),
            message: "does not compile".into(),
        }))
    })?;
    let rows = read_sheet(sheet).map_err(ImportError::Sheet)?;
    let import = match_rows(&rows, list, &places, states, text("287g/aliases.csv"))
        .map_err(ImportError::Aliases)?;
    // The file keeps the participating list first, then the pending one.
    let (before, others): (Vec<_>, Vec<_>) = read_normalized(text("287g/agreements.csv"))
        .into_iter()
        .partition(|r| r.list == list.name());
    let all: Vec<Normalized> = if list == List::Participating {
        import.rows.iter().chain(&others).cloned().collect()
    } else {
        others.iter().chain(&import.rows).cloned().collect()
    };
    let agreements_csv = write_normalized(&all);
    let file = sheet
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Plan {
        list,
        as_of,
        sheet_rows: rows.len(),
        rows: import.rows.len(),
        agencies: import
            .rows
            .iter()
            .map(|r| (&r.state, &r.agency))
            .collect::<BTreeSet<_>>()
            .len(),
        changes: changes(&before, &import.rows),
        unchanged: agreements_csv == text("287g/agreements.csv"),
        sheets_toml: update_sheets(text("287g/sheets.toml"), list.name(), &file, as_of),
        agreements_csv,
        forgiven: import.forgiven,
        unmatched: import.unmatched,
    })
}

impl Plan {
    /// Writes `287g/agreements.csv` and the sheet's date and file name in
    /// `287g/sheets.toml` under `dir`. Refuses while rows are unmatched.
    pub fn write(&self, dir: &Path) -> Result<(), String> {
        if !self.unmatched.is_empty() {
            return Err(format!(
                "{} rows are unmatched; nothing was written",
                self.unmatched.len()
            ));
        }
        for (name, text) in [
            ("287g/agreements.csv", &self.agreements_csv),
            ("287g/sheets.toml", &self.sheets_toml),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        Ok(())
    }
}

/// Rewrites one `[section]`'s `file` and `as_of` in sheets.toml, keeping the rest.
fn update_sheets(text: &str, section: &str, file: &str, as_of: Date) -> String {
    let mut out = String::new();
    let mut current = String::new();
    for line in text.lines() {
        if let Some(name) = line
            .trim()
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix(']'))
        {
            current = name.to_string();
        }
        let line = if current == section && line.starts_with("file = ") {
            format!("file = \"{file}\"")
        } else if current == section && line.starts_with("as_of = ") {
            format!("as_of = \"{as_of}\"")
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
