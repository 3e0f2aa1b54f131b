//! Which counties are large (100,000 people or more) and whether the data
//! has checked each one's own policies, so the list of places to research
//! is derived from Census figures rather than picked by hand.
//!
//! The figures are in `data/geo/population-counties.csv` (made by
//! `scripts/import-population.mjs`; see `data/SOURCES.md`). Cities are not
//! here yet: no package on the registries carries Census place populations
//! under a permissive license (issue 12), so large cities are still found
//! by hand.

use super::csv;
use crate::dataset::{Dataset, Level};
use std::path::Path;

/// At or above this population a county is "large" (issue 18).
pub const LARGE: u64 = 100_000;

/// The population file, relative to the data folder.
pub const FILE: &str = "geo/population-counties.csv";

/// A county of 100,000 people or more, and whether it has been checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LargeCounty {
    pub fips: String,
    pub state: String,
    pub name: String,
    pub population: u64,
    /// The data has a record for it: its own policy, or a dated "checked,
    /// none found" (or a city's record that covers the whole county, as New
    /// York City's covers its five boroughs, or the law of a state or
    /// territory that is a single county, as the District of Columbia).
    pub checked: bool,
}

/// Every large county, most populous first, checked against `dataset`.
pub fn large_counties(dir: &Path, dataset: &Dataset) -> Result<Vec<LargeCounty>, String> {
    let path = dir.join(FILE);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let recorded = |fips: &str| {
        dataset.jurisdictions.iter().any(|j| {
            (j.level == Level::County && j.fips == fips) || j.covers.iter().any(|c| c == fips)
        })
    };
    let rows = csv::parse(&text);
    // A state or territory that is one county (DC, Guam): its own law is
    // that county's, and its state record is the check.
    let alone = |state: &str| {
        rows.iter()
            .skip(1)
            .filter(|r| r.get(1).map(String::as_str) == Some(state))
            .count()
            == 1
    };
    let mut large = Vec::new();
    for (line, row) in rows.iter().enumerate().skip(1) {
        let [fips, state, name, population] = row.as_slice() else {
            return Err(format!("{FILE}, line {}: expected 4 fields", line + 1));
        };
        // A county without a figure (Connecticut's planning regions) is not counted.
        let Ok(population) = population.parse::<u64>() else {
            continue;
        };
        if population >= LARGE {
            large.push(LargeCounty {
                checked: recorded(fips) || alone(state),
                fips: fips.clone(),
                state: state.clone(),
                name: name.clone(),
                population,
            });
        }
    }
    large.sort_by(|a, b| b.population.cmp(&a.population).then(a.fips.cmp(&b.fips)));
    Ok(large)
}
