//! The web's data, split so a person downloads only what their answer needs
//! (the Pagefind way): a small core (federal law, wording, the list of
//! states), then one law chunk and one place chunk for their state, and for
//! typing a town, one small name chunk for the first letters they typed.
//!
//! ```text
//! can-refuse.data             core: federal law, strings, states, chunk index
//! laws-TX.1a2b3c4d.data       Texas law and Texas local policies
//! places-TX.5e6f7a8b.data     Texas counties, cities, ZIP codes, 287(g) agencies
//! names-ho.9c0d1e2f.data      every county and town with a word starting "ho"
//! ```
//!
//! A chunk's name carries its checksum (the CRC-32 in its header), and the
//! core lists every chunk's checksum. So a chunk's name changes whenever its
//! content does (it can be cached forever), and a chunk that is stale, from
//! another release or damaged is refused by name before it is read. The
//! core itself is checked by the page against the release's SHA-384 hash.
//!
//! The CLI and the tests keep using the whole dataset; `split` (native only)
//! makes the chunks from it and `Loaded` (everywhere) puts them back
//! together, so both paths answer from the same facts.

use crate::codec::{self, DecodeError};
#[cfg(feature = "compile")]
use crate::model::Level;
use crate::model::{Coverage, Dataset, Jurisdiction, Law};
use crate::places::{normalize, Places};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Law indexes at or above this point a chunk's own local jurisdictions.
const LOCAL: u32 = 1 << 31;

/// What the core knows about the chunks beside it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChunkIndex {
    /// Runs of ZIP code prefixes (first three digits, first and last of
    /// the run) → the states they serve. Runs, not single prefixes: the core
    /// is in every first answer, and neighbouring prefixes share a state.
    pub zip3: Vec<(u16, u16, Vec<String>)>,
    /// The name-chunk prefixes that exist.
    pub prefixes: Vec<String>,
    /// The states with chunks, in the order of `laws` and `places`.
    pub states: Vec<String>,
    /// Each state's law chunk checksum. (Plain arrays of numbers: the core
    /// is in every first answer, and names would repeat what is known.)
    pub laws: Vec<u32>,
    /// Each state's place chunk checksum.
    pub places: Vec<u32>,
    /// Each name chunk's checksum, in `prefixes` order.
    pub names: Vec<u32>,
}

impl ChunkIndex {
    /// The checksum of a chunk, by its plain name (`laws-TX.data`), if this
    /// release has that chunk.
    pub fn checksum(&self, plain: &str) -> Option<u32> {
        let stem = plain.strip_suffix(".data")?;
        let state = |code: &str| self.states.iter().position(|s| s == code);
        if let Some(code) = stem.strip_prefix("laws-") {
            self.laws.get(state(code)?).copied()
        } else if let Some(code) = stem.strip_prefix("places-") {
            self.places.get(state(code)?).copied()
        } else {
            let prefix = stem.strip_prefix("names-")?;
            let i = self.prefixes.iter().position(|p| p == prefix)?;
            self.names.get(i).copied()
        }
    }

    /// The file name to fetch for a chunk: its plain name with its checksum.
    fn file(&self, plain: &str) -> String {
        hashed_name(plain, self.checksum(plain).unwrap_or(0))
    }
}

/// `laws-TX.data` with checksum 0x1a2b3c4d → `laws-TX.1a2b3c4d.data`.
pub fn hashed_name(plain: &str, crc: u32) -> String {
    let stem = plain.strip_suffix(".data").unwrap_or(plain);
    format!("{stem}.{crc:08x}.data")
}

/// `laws-TX.1a2b3c4d.data` → (`laws-TX.data`, 0x1a2b3c4d).
fn split_hashed(name: &str) -> Option<(String, u32)> {
    let stem = name.strip_suffix(".data")?;
    let (plain, hash) = stem.rsplit_once('.')?;
    let crc = u32::from_str_radix(hash, 16)
        .ok()
        .filter(|_| hash.len() == 8)?;
    Some((format!("{plain}.data"), crc))
}

/// One state's laws and local policies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LawChunk {
    pub state: String,
    /// Its counties and cities with local records.
    pub locals: Vec<Jurisdiction>,
    /// Its laws; a jurisdiction index ≥ 2³¹ points into `locals`.
    pub laws: Vec<Law>,
    /// Its state agencies' 287(g) agreements (highway patrol, state police),
    /// so an answer for the whole state needs no place chunk.
    pub state_agencies: Places,
    /// What is known of the state's law as a whole (no law found, or not
    /// verified, with what was searched): kept here, not in the core that
    /// every first answer downloads.
    pub coverage: Coverage,
}

pub fn laws_file(state: &str) -> String {
    format!("laws-{state}.data")
}

pub fn places_file(state: &str) -> String {
    format!("places-{state}.data")
}

pub fn names_file(prefix: &str) -> String {
    format!("names-{prefix}.data")
}

/// The name-chunk prefix for what was typed: the first two letters of its
/// first word, as normalized for search.
pub fn prefix_of(text: &str) -> Option<String> {
    let normalized = normalize(text);
    let word = normalized.split(' ').next()?;
    let prefix: String = word.chars().take(2).collect();
    (!prefix.is_empty()).then_some(prefix)
}

/// Splits a whole dataset and place index into the core and its chunks:
/// (file name, bytes) pairs, the core first as `can-refuse.data`, each chunk
/// under its checksummed name.
#[cfg(feature = "compile")]
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
        let chunk = LawChunk {
            state: state.id.clone(),
            locals: locals
                .iter()
                .map(|&i| dataset.jurisdictions[i as usize].clone())
                .collect(),
            laws: dataset
                .laws
                .iter()
                .filter(|law| law.jurisdiction == index || locals.contains(&law.jurisdiction))
                .map(|law| Law {
                    jurisdiction: remap(law.jurisdiction),
                    ..law.clone()
                })
                .collect(),
            state_agencies: Places {
                counties: Vec::new(),
                cities: Vec::new(),
                zips: Vec::new(),
                agencies: places
                    .agencies
                    .iter()
                    .filter(|a| a.state == state.id && a.kind == crate::places::AgencyKind::State)
                    .map(|a| crate::places::Agency287g {
                        counties: Vec::new(),
                        city: None,
                        ..a.clone()
                    })
                    .collect(),
                ..places.clone_header()
            },
            coverage: state.coverage.clone(),
        };
        files.push((laws_file(&state.id), codec::encode_laws(&chunk)?));
        let keep_cities = |c: &crate::places::City| c.state == state.id;
        let keep_counties = |c: &crate::places::County| c.state == state.id;
        files.push((
            places_file(&state.id),
            codec::encode_places(&subset(places, keep_counties, keep_cities, true))?,
        ));
    }

    // Name chunks: every county and town with a word starting with the prefix.
    let mut prefixes = BTreeSet::new();
    // "County", "Parish"… are left out: nobody finds Harris County by typing "county".
    let words = |name: &str| -> Vec<String> {
        crate::places::strip_suffix(&normalize(name))
            .split(' ')
            .map(|w| w.chars().take(2).collect::<String>())
            .collect()
    };
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
    let crc = |name: &str| {
        files
            .iter()
            .find(|(n, _): &&(String, Vec<u8>)| n == name)
            .and_then(|(_, bytes)| codec::header_checksum(bytes))
            .unwrap_or(0)
    };
    let codes: Vec<String> = states.iter().map(|(_, s)| s.id.clone()).collect();
    let laws = codes.iter().map(|c| crc(&laws_file(c))).collect();
    let places_crcs = codes.iter().map(|c| crc(&places_file(c))).collect();
    let names = prefixes.iter().map(|p| crc(&names_file(p))).collect();
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
        chunks: Some(ChunkIndex {
            zip3: runs(zip3),
            prefixes: prefixes.into_iter().collect(),
            states: codes,
            laws,
            places: places_crcs,
            names,
        }),
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

/// Consecutive ZIP prefixes serving the same states, as (first, last,
/// states). Prefixes no ZIP code uses join the run around them: a person who
/// types one finds nothing either way.
#[cfg(feature = "compile")]
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
#[cfg(feature = "compile")]
fn subset(
    places: &Places,
    keep_county: impl Fn(&crate::places::County) -> bool,
    keep_city: impl Fn(&crate::places::City) -> bool,
    details: bool,
) -> Places {
    use crate::places::{Agency287g, City, Zip};
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

/// The data a page has loaded so far: the core and whatever chunks it fetched.
pub struct Loaded {
    pub dataset: Dataset,
    /// Place chunks by state, and name chunks by prefix.
    states: BTreeMap<String, Places>,
    names: BTreeMap<String, Places>,
    laws: BTreeSet<String>,
    /// State agencies' agreements by state, from the law chunks.
    state_agencies: BTreeMap<String, Places>,
}

impl Loaded {
    /// Starts from a core file, or from a whole dataset (nothing to fetch).
    pub fn new(dataset: Dataset) -> Loaded {
        Loaded {
            dataset,
            states: BTreeMap::new(),
            names: BTreeMap::new(),
            laws: BTreeSet::new(),
            state_agencies: BTreeMap::new(),
        }
    }

    /// Also takes a whole place index (as the CLI and the tests have).
    pub fn with_places(dataset: Dataset, places: Places) -> Loaded {
        let mut loaded = Loaded::new(dataset);
        loaded.names.insert(String::new(), places);
        loaded
    }

    fn index(&self) -> Option<&ChunkIndex> {
        self.dataset.chunks.as_ref()
    }

    /// The states a ZIP code prefix may be in.
    fn zip_states(&self, digits: &str) -> Vec<String> {
        let Some(zip3) = digits.get(..3).and_then(|d| d.parse::<u16>().ok()) else {
            return Vec::new();
        };
        self.index()
            .and_then(|i| {
                i.zip3
                    .iter()
                    .find(|(first, last, _)| (*first..=*last).contains(&zip3))
            })
            .map(|(_, _, states)| states.clone())
            .unwrap_or_default()
    }

    /// Files still needed to search what was typed.
    pub fn files_for_text(&self, text: &str) -> Vec<String> {
        let Some(index) = self.index() else {
            return Vec::new();
        };
        let trimmed = text.trim();
        if trimmed.len() >= 3 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return self
                .zip_states(trimmed)
                .iter()
                .filter(|s| !self.states.contains_key(*s))
                .map(|s| index.file(&places_file(s)))
                .collect();
        }
        match prefix_of(trimmed) {
            Some(p)
                if p.len() == 2 && index.prefixes.contains(&p) && !self.names.contains_key(&p) =>
            {
                vec![index.file(&names_file(&p))]
            }
            _ => Vec::new(),
        }
    }

    /// Files still needed to answer for a state. The place chunk (counties,
    /// towns, ZIP codes, 287(g) agencies) is needed only for a county or town,
    /// or for the state police's own agreements: a first answer for a state
    /// chosen from the list does without it.
    pub fn files_for_state(&self, state: &str, with_places: bool) -> Vec<String> {
        let Some(index) = self.index() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if !self.laws.contains(state) {
            out.push(index.file(&laws_file(state)));
        }
        if with_places && !self.states.contains_key(state) {
            out.push(index.file(&places_file(state)));
        }
        out
    }

    /// Takes one fetched file: a law chunk, a place chunk or a name chunk,
    /// by the checksummed name the core gave for it.
    pub fn load(&mut self, file: &str, bytes: &[u8]) -> Result<(), DecodeError> {
        let Some((name, crc)) = split_hashed(file) else {
            return Err(DecodeError::Malformed(format!(
                "{file} is not a can-refuse data file name"
            )));
        };
        let listed = self.index().and_then(|i| i.checksum(&name));
        if listed != Some(crc) {
            return Err(DecodeError::Malformed(format!(
                "{file} is not one of this release's data files"
            )));
        }
        if codec::header_checksum(bytes) != Some(crc) {
            return Err(DecodeError::Malformed(format!(
                "{file} does not hold the data its name promises: it is stale or was changed"
            )));
        }
        let name = name.as_str();
        if let Some(state) = name
            .strip_prefix("laws-")
            .and_then(|n| n.strip_suffix(".data"))
        {
            let chunk = codec::decode_laws(bytes)?;
            if chunk.state != state {
                return Err(DecodeError::Malformed(format!(
                    "{name} holds {}'s laws",
                    chunk.state
                )));
            }
            self.merge_laws(chunk);
        } else if let Some(state) = name
            .strip_prefix("places-")
            .and_then(|n| n.strip_suffix(".data"))
        {
            self.states
                .insert(state.to_string(), codec::decode_places(bytes)?);
        } else if let Some(prefix) = name
            .strip_prefix("names-")
            .and_then(|n| n.strip_suffix(".data"))
        {
            self.names
                .insert(prefix.to_string(), codec::decode_places(bytes)?);
        } else {
            return Err(DecodeError::Malformed(format!(
                "{name} is not a can-refuse data file name"
            )));
        }
        Ok(())
    }

    fn merge_laws(&mut self, chunk: LawChunk) {
        if !self.laws.insert(chunk.state.clone()) {
            return;
        }
        self.state_agencies
            .insert(chunk.state.clone(), chunk.state_agencies);
        if let Some(state) = self
            .dataset
            .jurisdictions
            .iter_mut()
            .find(|j| j.level == crate::model::Level::State && j.id == chunk.state)
        {
            state.coverage = chunk.coverage;
        }
        let offset = self.dataset.jurisdictions.len() as u32;
        self.dataset.jurisdictions.extend(chunk.locals);
        self.dataset
            .laws
            .extend(chunk.laws.into_iter().map(|law| Law {
                jurisdiction: if law.jurisdiction >= LOCAL {
                    law.jurisdiction - LOCAL + offset
                } else {
                    law.jurisdiction
                },
                ..law
            }));
    }

    /// Whether a state's law is here to answer with.
    pub fn has_laws(&self, state: &str) -> bool {
        self.index().is_none() || self.laws.contains(state)
    }

    /// The place index to answer for a state with, if loaded.
    pub fn places_for(&self, state: &str) -> Option<&Places> {
        self.states
            .get(state)
            .or_else(|| self.names.get(""))
            .or_else(|| self.state_agencies.get(state))
    }

    /// Whether anything can be searched yet.
    pub fn has_places(&self) -> bool {
        !self.states.is_empty() || !self.names.is_empty()
    }

    /// Searches the loaded chunks for what was typed.
    pub fn search(&self, text: &str, limit: usize) -> Vec<crate::places::PlaceMatch> {
        let states = self.dataset.states();
        if let Some(whole) = self.names.get("") {
            return whole.search(text, &states, limit);
        }
        let trimmed = text.trim();
        if trimmed.len() >= 3 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            let mut out: Vec<_> = self
                .zip_states(trimmed)
                .iter()
                .filter_map(|s| self.states.get(s))
                .flat_map(|p| p.search(trimmed, &[], limit))
                .collect();
            out.truncate(limit);
            return out;
        }
        match prefix_of(trimmed).and_then(|p| self.names.get(&p)) {
            Some(names) => names.search(text, &states, limit),
            None => Places::empty().search(text, &states, limit),
        }
    }
}
