//! `geo/counties.csv` and `geo/zips.csv` (made by scripts/import-geo.mjs)
//! into the place index: counties, cities derived from ZIP codes, ZIPs;
//! and `geo/municipalities.csv`, written by hand, for the towns and
//! communities that have no postal name of their own (Lakewood, Colo., is
//! "Denver" or "Golden" to the Postal Service), so a person finds their own
//! town and its own policies can be keyed to it. Census places (issue #12)
//! would bring them all; until then each row names its county and a source.

use super::check::Checker;
use super::csv::parse;
use crate::dataset::{City, County, Places, Zip};
use std::collections::{BTreeMap, HashMap};

/// (state, USPS city name)
type CityKey = (String, String);

/// The place index from the three files (the last may be absent).
pub(super) fn compile(
    check: &mut Checker,
    counties: Option<&str>,
    zips: Option<&str>,
    municipalities: Option<&str>,
) -> Places {
    let mut places = Places::empty();
    check.file = "geo/counties.csv".into();
    let Some(counties) = counties else {
        check.err("", "is missing (run node scripts/import-geo.mjs)");
        return places;
    };
    read_counties(check, counties, &mut places);

    check.file = "geo/zips.csv".into();
    let Some(zips) = zips else {
        check.err("", "is missing (run node scripts/import-geo.mjs)");
        return places;
    };
    let index: HashMap<&str, u16> = places
        .counties
        .iter()
        .enumerate()
        .map(|(i, c)| (c.fips.as_str(), i as u16))
        .collect();
    // (state, city) -> county -> how many of the city's ZIPs lie in it.
    let mut cities: BTreeMap<(String, String), BTreeMap<u16, u32>> = BTreeMap::new();
    let mut raw: Vec<(u32, Option<CityKey>, Vec<u16>)> = Vec::new();
    let mut zip_counts: HashMap<(String, String), u16> = HashMap::new();
    for (line, row) in parse(zips).iter().enumerate().skip(1) {
        let record = format!("line {}", line + 1);
        let [zip, state, city, fips_list] = row.as_slice() else {
            check.err(&record, "expected zip,state,city,counties");
            continue;
        };
        let code = match zip.parse::<u32>() {
            Ok(code) if zip.len() == 5 => code,
            _ => {
                check.err(&record, format!("\"{zip}\" is not a 5-digit ZIP code"));
                continue;
            }
        };
        let mut counties = Vec::new();
        for fips in fips_list.split(' ') {
            match index.get(fips.trim()) {
                Some(&i) if places.counties[i as usize].state == *state => counties.push(i),
                _ => check.err(
                    &record,
                    format!(
                        "ZIP {zip}: county \"{fips}\" is not a {state} county in geo/counties.csv"
                    ),
                ),
            }
        }
        let city = (!city.is_empty()).then(|| (state.clone(), city.clone()));
        if let Some(key) = &city {
            *zip_counts.entry(key.clone()).or_insert(0u16) += 1;
            let counts = cities.entry(key.clone()).or_default();
            for &county in &counties {
                *counts.entry(county).or_default() += 1;
            }
        }
        raw.push((code, city, counties));
    }
    if let Some(text) = municipalities {
        check.file = "geo/municipalities.csv".into();
        add_municipalities(check, text, &places, &index, &mut cities);
    }
    let mut city_index = HashMap::new();
    for (i, ((state, name), counts)) in cities.into_iter().enumerate() {
        let mut counties: Vec<(u16, u32)> = counts.into_iter().collect();
        counties.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        city_index.insert((state.clone(), name.clone()), i as u32);
        let zips = *zip_counts.get(&(state.clone(), name.clone())).unwrap_or(&0);
        places.cities.push(City {
            state,
            name,
            counties: counties.into_iter().map(|(c, _)| c).collect(),
            zips,
        });
    }
    raw.sort_by_key(|(code, _, _)| *code);
    places.zips = raw
        .into_iter()
        .map(|(code, city, counties)| Zip {
            code,
            city: city
                .and_then(|key| city_index.get(&key).copied())
                .unwrap_or(u32::MAX),
            counties,
        })
        .collect();
    places
}

/// `geo/counties.csv` into `places.counties`, in FIPS order.
fn read_counties(check: &mut Checker, text: &str, places: &mut Places) {
    let rows = parse(text);
    check.header(&rows, "fips,state,name");
    for (line, row) in rows.iter().enumerate().skip(1) {
        let record = format!("line {}", line + 1);
        match row.as_slice() {
            [fips, state, name] if valid_fips(fips) && state.len() == 2 && !name.is_empty() => {
                if places
                    .counties
                    .last()
                    .is_some_and(|last| last.fips >= *fips)
                {
                    check.err(
                        &record,
                        format!("{fips} is out of order or repeated: keep the file sorted by FIPS"),
                    );
                }
                places.counties.push(County {
                    fips: fips.clone(),
                    state: state.clone(),
                    name: name.clone(),
                });
            }
            _ => check.err(
                &record,
                format!("expected a 5-digit FIPS code, a state code and a name, got {row:?}"),
            ),
        }
    }
}

/// Adds each municipality of `geo/municipalities.csv` as a town with no ZIP
/// code of its own, in the counties its row names, after checking that it is
/// not a postal name already (it would be found twice) and that each county
/// is its state's.
fn add_municipalities(
    check: &mut Checker,
    text: &str,
    places: &Places,
    index: &HashMap<&str, u16>,
    cities: &mut BTreeMap<(String, String), BTreeMap<u16, u32>>,
) {
    let rows = parse(text);
    check.header(&rows, "state,name,counties,source");
    for (line, row) in rows.iter().enumerate().skip(1) {
        let record = format!("line {}", line + 1);
        let [state, name, fips_list, source] = row.as_slice() else {
            check.err(&record, "expected state,name,counties,source");
            continue;
        };
        let key = (state.clone(), name.clone());
        if name.trim().is_empty() || name.trim() != name {
            check.err(&record, format!("\"{name}\" is not a place name"));
            continue;
        }
        if cities.contains_key(&key) {
            check.err(
                &record,
                format!(
                    "{name}, {state} is a postal city name already (geo/zips.csv): leave it out"
                ),
            );
            continue;
        }
        check.url(&record, source);
        // Weights in the order given (the county holding most of it first),
        // as ZIP counts order a postal city's counties.
        let listed: Vec<&str> = fips_list.split(' ').collect();
        let mut counts = BTreeMap::new();
        for (at, fips) in listed.iter().enumerate() {
            match index.get(fips) {
                Some(&i) if places.counties[i as usize].state == *state => {
                    counts.insert(i, (listed.len() - at) as u32);
                }
                _ => check.err(
                    &record,
                    format!(
                        "{name}: county \"{fips}\" is not a {state} county in geo/counties.csv"
                    ),
                ),
            }
        }
        if !counts.is_empty() {
            cities.insert(key, counts);
        }
    }
}

fn valid_fips(fips: &str) -> bool {
    fips.len() == 5 && fips.bytes().all(|b| b.is_ascii_digit())
}
