//! Splits a whole dataset and place index into the web's core and chunks
//! (see `dataset::files` for what each file holds and how it is named).

use super::subset::subset;
use crate::dataset::codec;
use crate::dataset::files::{
    area_file, hashed_name, laws_file, name_key, names_file, places_file, zips_file, ChunkIndex,
    LawChunk, LOCAL,
};
use crate::dataset::names::{fold, strip_suffix};
use crate::dataset::wire::Wire;
use crate::dataset::{
    Agency287g, AgencyKind, City, County, Coverage, Dataset, Jurisdiction, Law, Level, Places,
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
    // Each state's area starts run together, and every area's plain name
    // in the same order (the index lists their checksums so).
    let (mut area_starts, mut area_names) = (Vec::new(), Vec::new());
    for &(index, state) in &states {
        files.push((
            laws_file(&state.id),
            codec::encode_laws(&state_chunk(dataset, places, index, state))?,
        ));
        let mut starts = String::new();
        for area in area_chunks(dataset, places, index, state) {
            let name = area_file(&state.id, &area.start);
            files.push((name.clone(), codec::encode_laws(&area.chunk)?));
            area_names.push(name);
            starts.push_str(&area.start);
        }
        area_starts.push(starts);
        let keep_cities = |c: &City| c.state == state.id;
        let keep_counties = |c: &County| c.state == state.id;
        // For searching by ZIP code: counties and towns, no agencies.
        let mut own = subset(places, keep_counties, keep_cities, true, true, |_| false);
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
        areas: area_names.iter().map(|n| crc(n)).collect(),
        area_starts,
        names: codec::names_id(prefixes.iter().map(|p| (p.as_str(), crc(&names_file(p))))),
        prefixes,
    };
    for (name, _) in &mut files {
        let tag = index
            .tag(name)
            .ok_or_else(|| [name.as_str(), " is missing from the chunk index"].concat())?;
        *name = hashed_name(name, tag);
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

/// A state's law chunk: its own laws, its state agencies' agreements and
/// its coverage.
fn state_chunk(dataset: &Dataset, places: &Places, index: u32, state: &Jurisdiction) -> LawChunk {
    LawChunk {
        state: state.id.clone(),
        locals: Vec::new(),
        laws: dataset
            .laws
            .iter()
            .filter(|law| law.jurisdiction == index)
            .cloned()
            .collect(),
        places: Places {
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
    }
}

/// Raw bytes an area grows to before the next county starts a new one:
/// about 4 KB gzip, a town's whole download beside its name chunk. (At
/// 16 KB the largest area was 9.4 KB gzip; at 14 KB it is 9.0, for 39 more
/// areas whose checksums add 0.2 KB to the core.)
const AREA_BYTES: usize = 14 * 1024;

/// One area of a state: the three-digit code of its first county, and its chunk.
struct Area {
    start: String,
    chunk: LawChunk,
}

/// A state's counties packed, in FIPS order, into areas of about
/// `AREA_BYTES`: each with its counties and the towns in them, the 287(g)
/// agencies serving them (and the state's own, which any local answer may
/// name), and the local records of those counties and towns, renumbered
/// from `LOCAL`. A town in counties of two areas is in both.
fn area_chunks(dataset: &Dataset, places: &Places, index: u32, state: &Jurisdiction) -> Vec<Area> {
    let layout = Layout::of(dataset, places, index, &state.id);
    layout
        .groups()
        .iter()
        .map(|group| layout.area(group))
        .collect()
}

/// What packing a state into areas works from: its counties (place
/// indexes, FIPS order) and its local records with the counties each lies in.
struct Layout<'a> {
    dataset: &'a Dataset,
    places: &'a Places,
    state: &'a str,
    counties: Vec<usize>,
    locals: Vec<(u32, Vec<usize>)>,
}

impl<'a> Layout<'a> {
    fn of(dataset: &'a Dataset, places: &'a Places, index: u32, state: &'a str) -> Layout<'a> {
        let counties: Vec<usize> = (0..places.counties.len())
            .filter(|&i| places.counties[i].state == state)
            .collect();
        let locals = dataset
            .jurisdictions
            .iter()
            .enumerate()
            .filter(|(_, j)| j.parent == Some(index) && j.level != Level::State)
            .map(|(i, j)| (i as u32, Self::counties_of(places, state, j, &counties)))
            .collect();
        Layout {
            dataset,
            places,
            state,
            counties,
            locals,
        }
    }

    /// The counties a local record lies in; a city the place index does
    /// not know lies in every county of its state (so no area misses it).
    fn counties_of(places: &Places, state: &str, j: &Jurisdiction, all: &[usize]) -> Vec<usize> {
        let fips = |f: &str| places.county_by_fips(f).map(|(i, _)| i as usize);
        if j.level == Level::County {
            return fips(&j.fips).into_iter().collect();
        }
        let mut out: Vec<usize> = j.covers.iter().filter_map(|f| fips(f)).collect();
        if let Some((_, city)) = places.city_by_name(state, &j.name) {
            out.extend(city.counties.iter().map(|&c| c as usize));
        }
        if out.is_empty() {
            out = all.to_vec();
        }
        out
    }

    /// Each county's weight (by place index): its towns, agencies and local
    /// records (with what was searched where none was found), as written,
    /// each counted once, in its first county. One pass over each list.
    fn weights(&self) -> Vec<usize> {
        fn size(value: &impl Wire) -> usize {
            let mut out = Vec::new();
            value.write(&mut out);
            out.len()
        }
        let mut weights = vec![40; self.places.counties.len()];
        let mut add = |county: Option<usize>, bytes: usize| {
            if let Some(w) = county.and_then(|c| weights.get_mut(c)) {
                *w += bytes;
            }
        };
        let first = |counties: &[u16]| counties.first().map(|&c| c as usize);
        for city in &self.places.cities {
            add(first(&city.counties), size(city));
        }
        for agency in &self.places.agencies {
            add(first(&agency.counties), size(agency));
        }
        for (l, counties) in &self.locals {
            add(
                counties.first().copied(),
                size(&self.dataset.jurisdictions[*l as usize]),
            );
        }
        for law in &self.dataset.laws {
            if let Some((_, counties)) = self.locals.iter().find(|(l, _)| *l == law.jurisdiction) {
                add(counties.first().copied(), size(law));
            }
        }
        weights
    }

    /// The counties, in order, cut into groups of about `AREA_BYTES`.
    fn groups(&self) -> Vec<Vec<usize>> {
        let weights = self.weights();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut filled = AREA_BYTES;
        for &county in &self.counties {
            let weight = weights[county];
            if filled + weight > AREA_BYTES {
                groups.push(Vec::new());
                filled = 0;
            }
            filled += weight;
            if let Some(group) = groups.last_mut() {
                group.push(county);
            }
        }
        groups
    }

    /// One group's area chunk.
    fn area(&self, group: &[usize]) -> Area {
        let (dataset, places, state) = (self.dataset, self.places, self.state);
        let in_group = |cs: &[u16]| cs.iter().any(|&c| group.contains(&(c as usize)));
        let mine: Vec<u32> = self
            .locals
            .iter()
            .filter(|(_, cs)| cs.iter().any(|c| group.contains(c)))
            .map(|&(l, _)| l)
            .collect();
        let remap = |j: u32| {
            mine.iter()
                .position(|&l| l == j)
                .map_or(j, |p| LOCAL + p as u32)
        };
        let county_index = |c: &County| places.county_by_fips(&c.fips).map(|(i, _)| i as usize);
        let area_places = subset(
            places,
            |c| county_index(c).is_some_and(|i| group.contains(&i)),
            |c| c.state == state && in_group(&c.counties),
            false,
            false,
            |a| {
                let city = a.city.and_then(|c| places.cities.get(c as usize));
                a.state == state
                    && (a.kind == AgencyKind::State
                        || in_group(&a.counties)
                        || city.is_some_and(|c| in_group(&c.counties)))
            },
        );
        let first = group
            .first()
            .map_or("", |&c| places.counties[c].fips.as_str());
        Area {
            start: first.get(2..).unwrap_or("000").to_string(),
            chunk: LawChunk {
                state: state.to_string(),
                locals: mine
                    .iter()
                    .map(|&i| dataset.jurisdictions[i as usize].clone())
                    .collect(),
                laws: dataset
                    .laws
                    .iter()
                    .filter(|law| mine.contains(&law.jurisdiction))
                    .map(|law| Law {
                        jurisdiction: remap(law.jurisdiction),
                        ..law.clone()
                    })
                    .collect(),
                places: area_places,
                coverage: Coverage::Laws,
            },
        }
    }
}

/// The most a name chunk may hold before gzip (about 8 KB after it): a key
/// whose chunk is bigger is split into keys one letter longer, so a preset
/// town's chunk arrives before the engine on a slow line. Each key costs
/// every engine user a few bytes of the core (its list of keys): 12 KB
/// made 1,316 chunks and a core 1.4 KB gzip heavier; 20 KB makes about
/// 730 for 0.3 KB. (A word as short as its key stays one chunk.)
pub const NAME_CHUNK_MAX: usize = 20 * 1024;

/// Adds the name chunks — every county and town with a word starting with
/// the chunk's key (see `name_key`) — and returns their keys in text order.
fn name_chunks(places: &Places, files: &mut Vec<(String, Vec<u8>)>) -> Result<Vec<String>, String> {
    // Each name's words, folded once. "County", "Parish"… are left out:
    // nobody finds Harris County by typing "county". Nor Kansas City by
    // typing "city": after the first word it is left out too ("City of
    // Industry" keeps it), as its hundreds of towns made the largest name
    // chunk (27 KB, 11 KB gzip) that a town's answer could need.
    let mut words: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let cities = places.cities.iter().map(|c| c.name.as_str());
    for name in cities.chain(places.counties.iter().map(|c| c.name.as_str())) {
        let folded = strip_suffix(&fold(name));
        let kept = folded
            .split(' ')
            .enumerate()
            .filter(|&(i, w)| i == 0 || w != "city")
            .map(|(_, w)| w.to_string());
        words.insert(name, kept.collect());
    }
    // The keys of `len` letters under `within`.
    let keys = |len: usize, within: &str| -> BTreeSet<String> {
        words
            .values()
            .flatten()
            .filter(|w| w.starts_with(within))
            .map(|w| name_key(w, len))
            .collect()
    };
    let mut todo: Vec<(String, usize)> = keys(2, "").into_iter().map(|k| (k, 2)).collect();
    let mut out = Vec::new();
    while let Some((key, len)) = todo.pop() {
        let has = |name: &str| {
            words
                .get(name)
                .is_some_and(|ws| ws.iter().any(|w| name_key(w, len) == key))
        };
        let chunk = subset(
            places,
            |c| has(&c.name),
            |c| has(&c.name),
            false,
            true,
            |_| false,
        );
        let bytes = codec::encode_places(&chunk)?;
        if bytes.len() <= NAME_CHUNK_MAX || key.len() < len {
            files.push((names_file(&key), bytes));
            out.push(key);
        } else {
            todo.extend(keys(len + 1, &key).into_iter().map(|k| (k, len + 1)));
        }
    }
    out.sort();
    Ok(out)
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
