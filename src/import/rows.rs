//! `data/287g/agreements.csv`: the imported rows as the data keeps them,
//! read, written in sheet order, and compared import to import.

use crate::compile::{parse_csv, quote_csv, AGREEMENT_COLUMNS};
use std::collections::BTreeMap;

/// A row of `data/287g/agreements.csv`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Normalized {
    pub list: String,
    pub state: String,
    pub agency: String,
    pub agency_type: String,
    pub ice_county: String,
    pub county_fips: String,
    pub city: String,
    pub model: String,
    pub signed: String,
    pub moa_url: String,
    pub addendum_url: String,
}

impl Normalized {
    fn fields(&self) -> [&str; 11] {
        [
            &self.list,
            &self.state,
            &self.agency,
            &self.agency_type,
            &self.ice_county,
            &self.county_fips,
            &self.city,
            &self.model,
            &self.signed,
            &self.moa_url,
            &self.addendum_url,
        ]
    }

    fn key(&self) -> (String, String, String, String) {
        (
            self.list.clone(),
            self.state.clone(),
            self.agency.clone(),
            self.model.clone(),
        )
    }
}

/// Reads `agreements.csv` rows.
pub fn read_normalized(text: &str) -> Vec<Normalized> {
    parse_csv(text)
        .into_iter()
        .skip(1)
        .filter(|r| r.len() == 11)
        .map(|r| {
            let mut f = r.into_iter();
            let mut next = || f.next().unwrap_or_default();
            Normalized {
                list: next(),
                state: next(),
                agency: next(),
                agency_type: next(),
                ice_county: next(),
                county_fips: next(),
                city: next(),
                model: next(),
                signed: next(),
                moa_url: next(),
                addendum_url: next(),
            }
        })
        .collect()
}

/// Writes `agreements.csv`: the header, then rows in sheet order.
pub fn write_normalized(rows: &[Normalized]) -> String {
    let mut out = String::from(AGREEMENT_COLUMNS);
    out.push('\n');
    for row in rows {
        let fields: Vec<String> = row.fields().iter().map(|f| quote_csv(f)).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// What changed between two imports of one list, agreement by agreement.
pub fn changes(old: &[Normalized], new: &[Normalized]) -> Vec<String> {
    let index = |rows: &[Normalized]| -> BTreeMap<_, Normalized> {
        rows.iter().map(|r| (r.key(), r.clone())).collect()
    };
    let (old, new) = (index(old), index(new));
    let mut out = Vec::new();
    for (key, row) in &new {
        match old.get(key) {
            None => out.push(format!(
                "+ {} ({}): {} signed {}",
                row.agency,
                row.state,
                row.model,
                or_none(&row.signed)
            )),
            Some(before) if before != row => out.push(format!(
                "~ {} ({}): {} changed",
                row.agency, row.state, row.model
            )),
            Some(_) => {}
        }
    }
    for (key, row) in &old {
        if !new.contains_key(key) {
            out.push(format!(
                "- {} ({}): {} no longer listed",
                row.agency, row.state, row.model
            ));
        }
    }
    out
}

fn or_none(text: &str) -> &str {
    if text.is_empty() {
        "(no date)"
    } else {
        text
    }
}
