//! `data export DIR`: the open-data files (see `can_refuse::export`).

use crate::args::DataFiles;
use crate::{data_error, load, Failure};
use std::io::Write;
use std::path::Path;

pub fn export(files: &DataFiles, dir: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let (dataset, places) = load(files)?;
    let written = can_refuse::export::export(&dataset, &places, dir).map_err(data_error)?;
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
