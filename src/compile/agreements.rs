//! `287g/agreements.csv` (made by `can-refuse data import-287g` from ICE's
//! sheets) and `287g/sheets.toml` into the place index's agencies.

use super::check::Checker;
use super::csv::parse;
use crate::dataset::{Agency287g, AgencyKind, Agreement, AgreementModel, Places};
use serde::Deserialize;

/// The columns of `287g/agreements.csv`, in order.
pub const COLUMNS: &str =
    "list,state,agency,agency_type,ice_county,county_fips,city,model,signed,moa_url,addendum_url";

/// Where MOA links live; stored once, not on every row.
pub const MOA_PREFIX: &str = "https://www.ice.gov/doclib/287gMOA/";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetsFile {
    participating: Sheet,
    pending: Sheet,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sheet {
    file: String,
    as_of: String,
    url: String,
}

pub(super) fn compile(
    check: &mut Checker,
    rows: Option<&str>,
    sheets: Option<&str>,
    places: &mut Places,
) {
    check.file = "287g/sheets.toml".into();
    match sheets.and_then(|text| check.parse::<SheetsFile>(text)) {
        Some(sheets) => read_sheets(check, sheets, places),
        None if sheets.is_none() => check.err("", "is missing"),
        None => {}
    }

    check.file = "287g/agreements.csv".into();
    let Some(rows) = rows else {
        check.err("", "is missing (run can-refuse data import-287g)");
        return;
    };
    let rows = parse(rows);
    if !check.header(&rows, COLUMNS) {
        return;
    }
    for (line, row) in rows.iter().enumerate().skip(1) {
        let Some(row) = read_row(check, line, row, places) else {
            continue;
        };
        let same =
            |a: &Agency287g| a.name == row.name && a.state == row.state && a.kind == row.kind;
        match places.agencies.iter_mut().rev().find(|a| same(a)) {
            Some(existing) => existing.agreements.push(row.agreement),
            None => places.agencies.push(Agency287g {
                name: row.name,
                kind: row.kind,
                state: row.state,
                counties: row.counties,
                city: row.city,
                agreements: vec![row.agreement],
            }),
        }
    }
}

/// The dates and links of ICE's two sheets.
fn read_sheets(check: &mut Checker, sheets: SheetsFile, places: &mut Places) {
    for (name, sheet) in [
        ("participating", &sheets.participating),
        ("pending", &sheets.pending),
    ] {
        if sheet.file.trim().is_empty() {
            check.err(name, "`file` must name ICE's sheet");
        }
        check.url(name, &sheet.url);
    }
    if let Some(date) = check.date("participating", "as_of", &sheets.participating.as_of) {
        places.participating_as_of = date;
    }
    if let Some(date) = check.date("pending", "as_of", &sheets.pending.as_of) {
        places.pending_as_of = date;
    }
    places.program_url = sheets.participating.url;
    places.moa_prefix = MOA_PREFIX.to_string();
}

/// One agreement row, checked against the geography.
struct Row {
    name: String,
    kind: AgencyKind,
    state: String,
    counties: Vec<u16>,
    city: Option<u32>,
    agreement: Agreement,
}

fn read_row(check: &mut Checker, line: usize, row: &[String], places: &Places) -> Option<Row> {
    let record = format!("line {}", line + 1);
    let [list, state, agency, agency_type, _ice_county, county_fips, city, model, signed, moa, addendum] =
        row
    else {
        check.err(
            &record,
            format!("expected {} columns", COLUMNS.split(',').count()),
        );
        return None;
    };
    let record = format!("{record} ({agency}, {state})");
    let pending = match list.as_str() {
        "participating" => false,
        "pending" => true,
        other => {
            check.err(
                &record,
                format!("`list` is \"{other}\", not participating or pending"),
            );
            return None;
        }
    };
    let kind = check.named::<AgencyKind>(&record, "agency_type", agency_type)?;
    let model = check.named::<AgreementModel>(&record, "model", model)?;
    let signed = match signed.as_str() {
        "" if pending => None,
        "" => {
            check.err(&record, "a participating agreement needs its signed date");
            None
        }
        text => check.date(&record, "signed", text),
    };
    let mut counties = Vec::new();
    let mut wrong = false;
    for fips in county_fips.split_whitespace() {
        match places.county_by_fips(fips) {
            Some((index, county)) if county.state == *state => counties.push(index),
            _ => {
                wrong = true;
                check.err(
                    &record,
                    format!("county {fips} is not a {state} county in geo/counties.csv"),
                );
            }
        }
    }
    if wrong {
        return None;
    }
    if counties.is_empty() && kind != AgencyKind::State {
        check.err(&record, "unmatched: no county for this county or municipal agency (add it to 287g/aliases.csv and import again)");
        return None;
    }
    let city = match city.as_str() {
        "" => None,
        name => match places.city_by_name(state, name) {
            Some((index, _)) => Some(index),
            None => {
                check.err(&record, format!("no city named \"{name}\" in {state}"));
                return None;
            }
        },
    };
    for link in [moa, addendum].into_iter().filter(|l| !l.is_empty()) {
        check.url(&record, link);
    }
    let agreement = Agreement {
        model,
        signed,
        moa: moa.strip_prefix(MOA_PREFIX).unwrap_or(moa).to_string(),
        addendum: addendum
            .strip_prefix(MOA_PREFIX)
            .unwrap_or(addendum)
            .to_string(),
        pending,
    };
    Some(Row {
        name: agency.clone(),
        kind,
        state: state.clone(),
        counties,
        city,
        agreement,
    })
}
