//! The verdict table: the engine's answer for every county, agency and
//! situation on the data date, with the law that decides it. A question
//! the engine would ask next (the kind of warrant at a home) is named in
//! `asks`; the verdict is then the answer before it is asked.

use crate::compile::quote_csv;
use crate::dataset::{Agency, Named, Places, Situation};
use crate::rules::{evaluate, QueryInput};
use crate::{Dataset, Date};
use serde::Serialize;

/// One county × agency × situation.
#[derive(Clone, Debug, Serialize)]
pub struct VerdictRow {
    pub state: String,
    pub county_fips: String,
    pub county: String,
    pub agency: &'static str,
    pub situation: &'static str,
    pub verdict: &'static str,
    /// The id of the law that decides (in laws.json), if one does.
    pub decided_by: String,
    /// Its layer: federal, state, county, city, agency.
    pub decided_level: String,
    /// The question the engine would ask next, if any ("warrant").
    pub asks: String,
}

const COLUMNS: [&str; 9] = [
    "state",
    "county_fips",
    "county",
    "agency",
    "situation",
    "verdict",
    "decided_by",
    "decided_level",
    "asks",
];

/// Every county (in the place index's order) × agency × situation, with
/// the law as of `date`.
pub fn table(dataset: &Dataset, places: &Places, date: Date) -> Result<Vec<VerdictRow>, String> {
    let mut rows = Vec::with_capacity(places.counties.len() * 16);
    for county in &places.counties {
        for &(_, agency) in Agency::ALL {
            for &(_, situation) in Situation::ALL {
                let query = QueryInput {
                    state: county.state.clone(),
                    county: Some(county.fips.clone()),
                    agency: agency.into(),
                    situation: situation.into(),
                    as_of: Some(date.iso()),
                    ..QueryInput::default()
                }
                .parse(date)
                .map_err(|e| format!("{} ({}): {}", county.name, county.fips, e.message()))?;
                let answer = evaluate(dataset, Some(places), &query)
                    .map_err(|e| format!("{} ({}): {}", county.name, county.fips, e.message()))?;
                let by = answer.decided_by.as_ref();
                rows.push(VerdictRow {
                    state: county.state.clone(),
                    county_fips: county.fips.clone(),
                    county: county.name.clone(),
                    agency,
                    situation,
                    verdict: answer.verdict.name(),
                    decided_by: by.map(|d| d.rule.clone()).unwrap_or_default(),
                    decided_level: by.map(|d| d.level.as_str().to_string()).unwrap_or_default(),
                    asks: answer
                        .next_question
                        .map(|q| q.id.to_string())
                        .unwrap_or_default(),
                });
            }
        }
    }
    Ok(rows)
}

/// The table as one line of letters per county, for the map: agencies by
/// situations in `Agency::ALL` × `Situation::ALL` order, a letter per
/// verdict (`LETTERS`).
pub fn letters(rows: &[VerdictRow]) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    for row in rows {
        let entry = out
            .entry(row.county_fips.clone())
            .or_insert_with(|| serde_json::Value::String(String::new()));
        if let serde_json::Value::String(text) = entry {
            text.push(letter(row.verdict));
        }
    }
    out
}

/// One letter per verdict, in the map's files and the release records.
pub const LETTERS: [(&str, char); 5] = [
    ("may_refuse", 'y'),
    ("must_refuse", 'r'),
    ("must_cooperate", 'c'),
    ("mixed", 'm'),
    ("unknown", 'u'),
];

pub fn letter(verdict: &str) -> char {
    LETTERS
        .iter()
        .find(|(v, _)| *v == verdict)
        .map_or('?', |(_, l)| *l)
}

/// The table as CSV.
pub fn csv(rows: &[VerdictRow]) -> String {
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for r in rows {
        let fields = [
            &r.state,
            &r.county_fips,
            &r.county,
            r.agency,
            r.situation,
            r.verdict,
            &r.decided_by,
            &r.decided_level,
            &r.asks,
        ];
        let quoted: Vec<String> = fields.iter().map(|f| quote_csv(f)).collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}
