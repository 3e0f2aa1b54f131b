//! Splits a whole dataset and place index into the web's core and chunks
//! (see `dataset::files` for what each file holds and how it is named).

use crate::dataset::codec;
use crate::dataset::files::{
    hashed_name, laws_file, locals_file, names_file, places_file, zips_file, ChunkIndex, LawChunk,
    LOCAL,
};
use crate::dataset::names::{fold, strip_suffix};
use crate::dataset::{
    Agency287g, AgencyKind, City, County, Coverage, Dataset, Jurisdiction, Law, Level, Places, Zip,
};
use std::collections::{BTreeMap, BTreeSet};

/// Splits a whole dataset and place index into the core and its chunks:
/// (file name, bytes) pairs, the core first as `can-refuse.data`, each chunk
/// under its checksummed name.
pub fn split(dataset: &Dataset, places: &Places) -> Result<Vec<(String, Vec<u8>)>, String> {
    let states: Vec<(u32, &Jurisdiction)> = dataset
        .jurisdictions
        .iter()
        .enumerate()
        .filter(|(_, j)| j.level == Level::State)
        .map(|(i, j)| (i as u32, j))
        .collect();
    let mut files = Vec::new();
    for &(index, state) in &states {
        let (laws, locals) = law_chunks(dataset, places, index, state);
        files.push((laws_file(&state.id), codec::encode_laws(&laws)?));
        files.push((locals_file(&state.id), codec::encode_laws(&locals)?));
        let keep_cities = |c: &City| c.state == state.id;
        let keep_counties = |c: &County| c.state == state.id;
        let mut own = subset(places, keep_counties, keep_cities, true);
        let zips = Places {
            zips: std::mem::take(&mut own.zips),
            ..Places::empty()
        };
        files.push((places_file(&state.id), codec::encode_places(&own)?));
        files.push((zips_file(&state.id), codec::encode_places(&zips)?));
    }
    let prefixes = name_chunks(places, &mut files)?;

    let crc = |name: &str| {
        files
            .iter()
            .find(|(n, _): &&(String, Vec<u8>)| n == name)
            .and_then(|(_, bytes)| codec::header_checksum(bytes))
            .unwrap_or(0)
    };
    let codes: Vec<String> = states.iter().map(|(_, s)| s.id.clone()).collect();
    let index = ChunkIndex {
        zip3: runs(zip3(places)),
        states: codes.clone(),
        laws: codes.iter().map(|c| crc(&laws_file(c))).collect(),
        places: codes.iter().map(|c| crc(&places_file(c))).collect(),
        zips: codes.iter().map(|c| crc(&zips_file(c))).collect(),
        locals: codes.iter().map(|c| crc(&locals_file(c))).collect(),
        names: prefixes.iter().map(|p| crc(&names_file(p))).collect(),
        prefixes,
    };
    for (name, bytes) in &mut files {
        *name = hashed_name(name, codec::header_checksum(bytes).unwrap_or(0));
    }
    let core = Dataset {
        // A state's coverage travels in its law chunk, which every answer
        // for the state loads first.
        jurisdictions: dataset
            .jurisdictions
            .iter()
            .filter(|j| matches!(j.level, Level::Federal | Level::State))
            .map(|j| Jurisdiction {
                coverage: Coverage::Laws,
                ..j.clone()
            })
            .collect(),
        laws: dataset
            .laws
            .iter()
            .filter(|law| law.jurisdiction == 0)
            .cloned()
            .collect(),
        chunks: Some(index),
        ..dataset.clone()
    };
    if core.jurisdictions.len() != states.len() + 1
        || states.iter().any(|&(i, _)| i as usize > states.len())
    {
        return Err("states must come right after the federal layer to split the dataset".into());
    }
    files.insert(0, ("can-refuse.data".to_string(), codec::encode(&core)?));
    Ok(files)
}

/// One state's two law chunks: its own laws (with its state agencies'
/// agreements and its coverage), and its local jurisdictions with their
/// policies, renumbered from `LOCAL`.
fn law_chunks(
    dataset: &Dataset,
    places: &Places,
    index: u32,
    state: &Jurisdiction,
) -> (LawChunk, LawChunk) {
    let locals: Vec<u32> = dataset
        .jurisdictions
        .iter()
        .enumerate()
        .filter(|(_, j)| j.parent == Some(index) && j.level != Level::State)
        .map(|(i, _)| i as u32)
        .collect();
    let remap = |j: u32| {
        locals
            .iter()
            .position(|&l| l == j)
            .map_or(j, |p| LOCAL + p as u32)
    };
    let local = LawChunk {
        state: state.id.clone(),
        locals: locals
            .iter()
            .map(|&i| dataset.jurisdictions[i as usize].clone())
            .collect(),
        laws: dataset
            .laws
            .iter()
            .filter(|law| locals.contains(&law.jurisdiction))
            .map(|law| Law {
                jurisdiction: remap(law.jurisdiction),
                ..law.clone()
            })
            .collect(),
        state_agencies: Places::empty(),
        coverage: Coverage::Laws,
    };
    let own = LawChunk {
        state: state.id.clone(),
        locals: Vec::new(),
        laws: dataset
            .laws
            .iter()
            .filter(|law| law.jurisdiction == index)
            .cloned()
            .collect(),
        state_agencies: Places {
            counties: Vec::new(),
            cities: Vec::new(),
            zips: Vec::new(),
            agencies: places
                .agencies
                .iter()
                .filter(|a| a.state == state.id && a.kind == AgencyKind::State)
                .map(|a| Agency287g {
                    counties: Vec::new(),
                    city: None,
                    ..a.clone()
                })
                .collect(),
            ..places.clone_header()
        },
        coverage: state.coverage.clone(),
    };
    (own, local)
}

/// Adds one name chunk per two-letter prefix — every county and town with a
/// word starting with it — and returns the prefixes.
fn name_chunks(places: &Places, files: &mut Vec<(String, Vec<u8>)>) -> Result<Vec<String>, String> {
    // "County", "Parish"… are left out: nobody finds Harris County by typing "county".
    let words = |name: &str| -> Vec<String> {
        strip_suffix(&fold(name))
            .split(' ')
            .map(|w| w.chars().take(2).collect::<String>())
            .collect()
    };
    let mut prefixes = BTreeSet::new();
    for name in places
        .cities
        .iter()
        .map(|c| &c.name)
        .chain(places.counties.iter().map(|c| &c.name))
    {
        prefixes.extend(words(name));
    }
    for prefix in &prefixes {
        let has = |name: &str| words(name).contains(prefix);
        let chunk = subset(places, |c| has(&c.name), |c| has(&c.name), false);
        files.push((names_file(prefix), codec::encode_places(&chunk)?));
    }
    Ok(prefixes.into_iter().collect())
}

/// The states each ZIP code prefix (its first three digits) serves.
fn zip3(places: &Places) -> BTreeMap<u16, Vec<String>> {
    let mut zip3: BTreeMap<u16, Vec<String>> = BTreeMap::new();
    for zip in &places.zips {
        if let Some(&county) = zip.counties.first() {
            let state = &places.counties[county as usize].state;
            let entry = zip3.entry((zip.code / 100) as u16).or_default();
            if !entry.contains(state) {
                entry.push(state.clone());
            }
        }
    }
    zip3
}

/// Consecutive ZIP prefixes serving the same states, as (first, last,
/// states). Prefixes no ZIP code uses join the run around them: a person who
/// types one finds nothing either way.
fn runs(zip3: BTreeMap<u16, Vec<String>>) -> Vec<(u16, u16, Vec<String>)> {
    let mut out: Vec<(u16, u16, Vec<String>)> = Vec::new();
    for (prefix, states) in zip3 {
        match out.last_mut() {
            Some((_, last, run)) if *run == states => *last = prefix,
            _ => out.push((prefix, prefix, states)),
        }
    }
    out
}

/// A copy of the place index with only some counties and cities (and, with
/// `details`, their ZIP codes and 287(g) agencies), indexes renumbered.
fn subset(
    places: &Places,
    keep_county: impl Fn(&County) -> bool,
    keep_city: impl Fn(&City) -> bool,
    details: bool,
) -> Places {
    let cities: Vec<(usize, &City)> = places
        .cities
        .iter()
        .enumerate()
        .filter(|(_, c)| keep_city(c))
        .collect();
    // Counties kept, plus every county a kept city lies in (for its label).
    let mut county_ids: BTreeSet<usize> = places
        .counties
        .iter()
        .enumerate()
        .filter(|(_, c)| keep_county(c))
        .map(|(i, _)| i)
        .collect();
    county_ids.extend(
        cities
            .iter()
            .flat_map(|(_, c)| c.counties.iter().map(|&i| i as usize)),
    );
    let county_ids: Vec<usize> = county_ids.into_iter().collect();
    let county = |old: u16| {
        county_ids
            .iter()
            .position(|&c| c == old as usize)
            .map(|p| p as u16)
    };
    let city_ids: Vec<usize> = cities.iter().map(|(i, _)| *i).collect();
    let city = |old: u32| {
        city_ids
            .iter()
            .position(|&c| c == old as usize)
            .map(|p| p as u32)
    };
    let counties_of = |list: &[u16]| list.iter().filter_map(|&c| county(c)).collect::<Vec<_>>();
    let zips: Vec<Zip> = if details {
        places
            .zips
            .iter()
            .filter(|z| z.counties.iter().all(|&c| county(c).is_some()))
            .map(|z| Zip {
                code: z.code,
                city: city(z.city).unwrap_or(u32::MAX),
                counties: counties_of(&z.counties),
            })
            .collect()
    } else {
        Vec::new()
    };
    let agencies: Vec<Agency287g> = if details {
        let state = cities.first().map(|(_, c)| c.state.as_str()).or_else(|| {
            county_ids
                .first()
                .map(|&i| places.counties[i].state.as_str())
        });
        places
            .agencies
            .iter()
            .filter(|a| Some(a.state.as_str()) == state)
            .map(|a| Agency287g {
                counties: counties_of(&a.counties),
                city: a.city.and_then(city),
                ..a.clone()
            })
            .collect()
    } else {
        Vec::new()
    };
    Places {
        counties: county_ids
            .iter()
            .map(|&i| places.counties[i].clone())
            .collect(),
        cities: cities
            .iter()
            .map(|(_, c)| City {
                counties: counties_of(&c.counties),
                ..(*c).clone()
            })
            .collect(),
        zips,
        agencies,
        ..places.clone_header()
    }
}
