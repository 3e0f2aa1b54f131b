//! The facts as records: every law and local policy with every field people
//! see (names for the bit sets the engine keeps), the places checked with
//! no law found, and ICE's 287(g) agreements with their counties' FIPS codes.

use crate::compile::quote_csv;
use crate::dataset::{Agency, Coverage, Dataset, Jurisdiction, Level, Named, Places, Situation};
use crate::rules::agreement_id;
use serde_json::{json, Value};

/// The names of the values of `T` whose bits are set.
fn names<T: Named>(bits: u8) -> Vec<&'static str> {
    T::ALL
        .iter()
        .filter(|(value, _)| bits & value.bit() != 0)
        .map(|(_, name)| *name)
        .collect()
}

/// A jurisdiction's state code ("US" for the federal layer).
fn state_of<'a>(dataset: &'a Dataset, j: &'a Jurisdiction) -> &'a str {
    match j.level {
        Level::Federal => "US",
        Level::State => &j.id,
        _ => j
            .parent
            .and_then(|p| dataset.jurisdictions.get(p as usize))
            .map_or("", |s| s.id.as_str()),
    }
}

/// Where a record belongs: its state, level, name and county FIPS code.
fn place(dataset: &Dataset, j: &Jurisdiction) -> Value {
    json!({
        "state": state_of(dataset, j),
        "level": j.level,
        "jurisdiction": j.name,
        "county_fips": (j.level == Level::County).then_some(&j.fips),
    })
}

fn merge(mut base: Value, more: Value) -> Value {
    if let (Some(base), Value::Object(more)) = (base.as_object_mut(), more) {
        base.extend(more);
    }
    base
}

/// Every law and local policy, then every place checked with none found
/// (`kind` "checked_none") or not yet verified (`kind` "unverified").
pub fn laws(dataset: &Dataset) -> Vec<Value> {
    let mut out = Vec::new();
    for law in &dataset.laws {
        let Some(j) = dataset.jurisdictions.get(law.jurisdiction as usize) else {
            continue;
        };
        let rules: Vec<Value> = law
            .rules
            .iter()
            .map(|r| {
                json!({
                    "situations": names::<Situation>(r.situations),
                    "agencies": names::<Agency>(r.agencies),
                    "warrant": r.warrant.map(Named::name),
                    "effect": r.effect,
                    "text": r.text,
                    "effective": r.effective.map(|d| d.iso()),
                    "only_with_287g": r.only_with_287g,
                })
            })
            .collect();
        out.push(merge(
            place(dataset, j),
            json!({
                "id": law.id,
                "kind": law.kind,
                "name": law.name,
                "citation": law.citation,
                "effective": law.effective.iso(),
                "ends": law.ends.map(|d| d.iso()),
                "status": law.status,
                "status_note": law.status_note,
                "verified": law.verified.iso(),
                "note": law.note,
                "sources": law.sources,
                "rules": rules,
            }),
        ));
    }
    for j in &dataset.jurisdictions {
        let record = match &j.coverage {
            Coverage::Laws => continue,
            Coverage::NoLawFound {
                verified,
                searched,
                sources,
            } => {
                json!({ "kind": "checked_none", "verified": verified.iso(), "text": searched, "sources": sources })
            }
            Coverage::Unverified {
                reason,
                checked,
                sources,
                ..
            } => {
                json!({ "kind": "unverified", "verified": checked.map(|d| d.iso()), "text": reason, "sources": sources })
            }
        };
        let id = ["checked-", &j.id.replace('/', "-").to_lowercase()].concat();
        out.push(merge(merge(place(dataset, j), json!({ "id": id })), record));
    }
    out
}

/// ICE's 287(g) agreements, one row each, with the agency's counties.
pub fn agreements(places: &Places) -> Vec<Value> {
    let mut out = Vec::new();
    for agency in &places.agencies {
        let counties: Vec<_> = agency
            .counties
            .iter()
            .filter_map(|&i| places.counties.get(usize::from(i)))
            .collect();
        let city = agency
            .city
            .and_then(|i| places.cities.get(i as usize))
            .map(|c| c.name.as_str());
        for agreement in &agency.agreements {
            out.push(json!({
                "id": agreement_id(&agency.name, agreement.model),
                "agency": agency.name,
                "agency_kind": agency.kind,
                "state": agency.state,
                "county_fips": counties.iter().map(|c| c.fips.as_str()).collect::<Vec<_>>().join(";"),
                "counties": counties.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(";"),
                "city": city.unwrap_or(""),
                "model": agreement.model.name(),
                "signed": agreement.signed.map(|d| d.iso()).unwrap_or_default(),
                "pending": agreement.pending,
                "moa_url": places.moa_url(agreement),
                "addendum_url": places.addendum_url(agreement),
                "list_as_of": if agreement.pending { places.pending_as_of.iso() } else { places.participating_as_of.iso() },
            }));
        }
    }
    out
}

/// The agreements as CSV, columns in the order of `AGREEMENT_COLUMNS`.
pub fn agreements_csv(rows: &[Value]) -> String {
    const COLUMNS: [&str; 13] = [
        "id",
        "agency",
        "agency_kind",
        "state",
        "county_fips",
        "counties",
        "city",
        "model",
        "signed",
        "pending",
        "moa_url",
        "addendum_url",
        "list_as_of",
    ];
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for row in rows {
        let fields: Vec<String> = COLUMNS
            .iter()
            .map(|c| match &row[c] {
                Value::String(s) => quote_csv(s),
                other => other.to_string(),
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}
