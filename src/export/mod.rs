//! Open data: the laws, local policies, 287(g) agreements and a verdict for
//! every county × agency × situation, written as plain JSON and CSV files
//! with a JSON Schema each, so newsrooms, legal-aid groups and researchers
//! can use what the tool knows without the tool (`can-refuse data export
//! DIR`; the build writes them to `dist/data/v1/`).
//!
//! The files are made from the same compiled data the engine answers from,
//! and the verdicts by the engine itself: the table cannot say what an
//! answer would not.

pub mod changes;
pub mod ready;
mod records;
mod verdicts;

use crate::dataset::{Agency, Dataset, Date, Named, Places, Situation};
use std::fs;
use std::path::Path;

pub use verdicts::VerdictRow;

/// The export format's version, the folder name under `dist/data/`.
pub const VERSION: &str = "v1";

/// What was written, for the CLI to report.
pub struct Written {
    pub laws: usize,
    pub agreements: usize,
    pub verdicts: usize,
    pub states: usize,
}

/// A file's schema, by the file it describes.
const SCHEMAS: [(&str, &str); 5] = [
    ("laws.schema.json", include_str!("schema/laws.schema.json")),
    (
        "agreements-287g.schema.json",
        include_str!("schema/agreements-287g.schema.json"),
    ),
    (
        "verdicts.schema.json",
        include_str!("schema/verdicts.schema.json"),
    ),
    (
        "verdict-row.schema.json",
        include_str!("schema/verdict-row.schema.json"),
    ),
    (
        "state.schema.json",
        include_str!("schema/state.schema.json"),
    ),
];

/// Writes every open-data file into `dir` (created if missing). With
/// `history`, the map also gets the verdicts as of January 1 of each year
/// from 2014 (each a full table: seconds in a release build).
pub fn export(
    dataset: &Dataset,
    places: &Places,
    dir: &Path,
    history: bool,
) -> Result<Written, String> {
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let laws = records::laws(dataset);
    let agreements = records::agreements(places);
    let verdicts = verdicts::table(dataset, places, dataset.data_as_of)?;
    let date = dataset.data_as_of.iso();
    // Compact: the verdict table is large, and tools read it, not people.
    let json = |value: &serde_json::Value| serde_json::to_string(value).map_err(|e| e.to_string());

    write(
        "laws.json",
        &json(&serde_json::json!({ "data_as_of": date, "laws": laws }))?,
    )?;
    write("agreements-287g.csv", &records::agreements_csv(&agreements))?;
    write("verdicts.csv", &verdicts::csv(&verdicts))?;
    write(
        "verdicts.json",
        &json(&serde_json::json!({ "data_as_of": date, "verdicts": verdicts }))?,
    )?;
    let states = dataset.states();
    for (code, name) in &states {
        let mine = |state: &serde_json::Value| state.as_str() == Some(code);
        let state = serde_json::json!({
            "state": code,
            "name": name,
            "data_as_of": date,
            "laws": laws.iter().filter(|l| mine(&l["state"])).collect::<Vec<_>>(),
            "agreements_287g": agreements.iter().filter(|a| mine(&a["state"])).collect::<Vec<_>>(),
            "verdicts": verdicts.iter().filter(|v| v.state == *code).collect::<Vec<_>>(),
        });
        write(&format!("states/{code}.json"), &json(&state)?)?;
    }
    // The county map's files: what it draws, for each date it offers.
    let mut dates = vec![(date.clone(), verdicts::letters(&verdicts))];
    if history {
        let this_year: u16 = date[..4].parse().map_err(|_| "the data date")?;
        for year in (2014..=this_year).rev() {
            let day = Date::new(year, 1, 1).ok_or("a date")?;
            if day < dataset.data_as_of {
                dates.push((
                    day.iso(),
                    verdicts::letters(&verdicts::table(dataset, places, day)?),
                ));
            }
        }
    }
    for (day, letters) in &dates {
        write(
            &format!("map/{day}.json"),
            &json(&serde_json::json!({ "date": day, "verdicts": letters }))?,
        )?;
    }
    let counties: serde_json::Map<String, serde_json::Value> = places
        .counties
        .iter()
        .map(|c| (c.fips.clone(), serde_json::json!([c.name, c.state])))
        .collect();
    let index = serde_json::json!({
        "data_as_of": date,
        "dates": dates.iter().map(|(d, _)| d).collect::<Vec<_>>(),
        "agencies": Agency::ALL.iter().map(|(_, n)| n).collect::<Vec<_>>(),
        "situations": Situation::ALL.iter().map(|(_, n)| n).collect::<Vec<_>>(),
        "letters": verdicts::LETTERS.iter().map(|(v, l)| (l.to_string(), serde_json::json!(v))).collect::<serde_json::Map<_, _>>(),
        "counties": counties,
    });
    write("map/index.json", &json(&index)?)?;
    for (name, schema) in SCHEMAS {
        write(&format!("schema/{name}"), schema)?;
    }
    write(
        "README.md",
        &include_str!("README.md").replace("{data_as_of}", &date),
    )?;
    Ok(Written {
        laws: laws.len(),
        agreements: agreements.len(),
        verdicts: verdicts.len(),
        states: states.len(),
    })
}
