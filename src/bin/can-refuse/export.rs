//! `data export DIR`: the open-data files (see `can_refuse::export`).

use crate::args::DataFiles;
use crate::{data_error, load, Failure};
use can_refuse::export::changes;
use std::io::Write;
use std::path::Path;

pub fn export(
    files: &DataFiles,
    dir: &Path,
    history: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (dataset, places) = load(files)?;
    let written =
        can_refuse::export::export(&dataset, &places, dir, history).map_err(data_error)?;
    writeln!(
        out,
        "wrote open data {} to {}: {} laws, policies and checked places; {} 287(g) agreements; {} verdicts ({} states)",
        can_refuse::export::VERSION,
        dir.display(),
        written.laws,
        written.agreements,
        written.verdicts,
        written.states
    )?;
    Ok(())
}

/// `data release`: records this release's data for the change log.
pub fn release(files: &DataFiles, data: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let (dataset, places) = load(files)?;
    let record = changes::record(&dataset, &places).map_err(data_error)?;
    let path = data
        .join("releases")
        .join(format!("{}.json", record.data_as_of));
    let text = serde_json::to_string(&record).map_err(data_error)?;
    std::fs::create_dir_all(data.join("releases")).map_err(data_error)?;
    std::fs::write(&path, text + "\n").map_err(data_error)?;
    writeln!(
        out,
        "recorded the data of {} in {}",
        record.data_as_of,
        path.display()
    )?;
    Ok(())
}

/// The release records in `data/releases/`, oldest first.
fn records(data: &Path) -> Result<Vec<changes::Record>, Failure> {
    let dir = data.join("releases");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| data_error(format!("cannot read {}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).map_err(data_error)?;
            serde_json::from_str(&text).map_err(|e| data_error(format!("{}: {e}", p.display())))
        })
        .collect()
}

/// `data changes`: the change log and the feed, from the records.
pub fn changes(
    data: &Path,
    markdown: Option<&Path>,
    atom: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let all = records(data)?;
    let log = changes::log(&all);
    match markdown {
        Some(path) => std::fs::write(path, &log).map_err(data_error)?,
        None if atom.is_none() => write!(out, "{log}")?,
        None => {}
    }
    if let Some(path) = atom {
        std::fs::write(path, changes::atom(&all)).map_err(data_error)?;
    }
    Ok(())
}
