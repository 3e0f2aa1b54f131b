//! The whole compile: every file under `data/` in, both compiled files
//! (or every problem found) out.

use super::check::{find_file, Checker, SourceError, Sourcing};
use super::{agreements, geo, laws};
use crate::dataset::{Dataset, Places};
use std::path::Path;

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
    let places = geo::compile(
        &mut check,
        find("geo/counties.csv"),
        find("geo/zips.csv"),
        find("geo/municipalities.csv"),
    );
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
    let mut places = geo::compile(
        &mut check,
        find("geo/counties.csv"),
        find("geo/zips.csv"),
        find("geo/municipalities.csv"),
    );
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
