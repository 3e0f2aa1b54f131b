//! A session: the data a page (or the CLI) has loaded so far, which files a
//! question still needs, and the answer once they are here. The core file
//! comes first; law, place and name chunks join as they arrive, checked
//! against the checksums the core lists.

use crate::answer::Answer;
use crate::dataset::codec::{self, DecodeError};
use crate::dataset::files::{
    laws_file, names_file, places_file, split_hashed, zips_file, ChunkIndex, LawChunk, LOCAL,
};
use crate::dataset::{Agency, Dataset, Jurisdiction, Law, Level, Named, Places, Situation, Zip};
use crate::json::json_object;
use crate::prelude::*;
use crate::rules::{evaluate, Query, QueryError};
use crate::search::{search, PlaceMatch};
use core::fmt;
use serde::Serialize;

/// The data a page has loaded so far: the core and whatever chunks it fetched.
pub struct Session {
    pub dataset: Dataset,
    /// Place chunks by state, and name chunks by prefix.
    states: ByName<Places>,
    names: ByName<Places>,
    /// ZIP chunks by state, until their place chunk is here to join.
    zips: ByName<Vec<Zip>>,
    /// The states whose ZIP chunk was loaded.
    zips_loaded: ByName<()>,
    laws: ByName<()>,
    /// Areas' places (counties, towns, 287(g) agencies) by plain name
    /// (`area-TX-201.data`), once their local records are merged — after
    /// their state's laws, whatever order the chunks arrive in, so answers
    /// never depend on it.
    areas: ByName<Places>,
    /// Area chunks that came before their state's laws.
    early_areas: ByName<LawChunk>,
    /// State agencies' agreements by state, from the law chunks.
    state_agencies: ByName<Places>,
}

impl Session {
    /// Starts from a core file, or from a whole dataset (nothing to fetch).
    pub fn new(dataset: Dataset) -> Session {
        Session {
            dataset,
            states: ByName::default(),
            names: ByName::default(),
            zips: ByName::default(),
            zips_loaded: ByName::default(),
            laws: ByName::default(),
            areas: ByName::default(),
            early_areas: ByName::default(),
            state_agencies: ByName::default(),
        }
    }

    /// Also takes a whole place index (as the CLI and the tests have).
    pub fn with_places(dataset: Dataset, places: Places) -> Session {
        let mut loaded = Session::new(dataset);
        loaded.use_places(places);
        loaded
    }

    /// Takes a whole place index: every county, town and agency at once.
    pub fn use_places(&mut self, places: Places) {
        self.names.insert(String::new(), places);
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
            // A ZIP code's towns and counties are in the place chunk.
            let mut out = Vec::new();
            for state in self.zip_states(trimmed) {
                if !self.states.contains_key(&state) {
                    out.push(index.file(&places_file(&state)));
                }
                if !self.zips_loaded.contains_key(&state) {
                    out.push(index.file(&zips_file(&state)));
                }
            }
            return out;
        }
        match index.name_chunk(trimmed) {
            Some(key) if !self.names.contains_key(&key) => vec![index.file(&names_file(&key))],
            _ => Vec::new(),
        }
    }

    /// Files still needed to answer for a state, and with `county` (its
    /// five-digit FIPS code) for a county or town in it: the area chunk
    /// holding that county's towns, 287(g) agencies and own policies. A
    /// first answer for a state chosen from the list does without any. An
    /// unknown `county` ("") asks for every area of the state.
    pub fn files_for_state(&self, state: &str, county: Option<&str>) -> Vec<String> {
        let Some(index) = self.index() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if !self.laws.contains_key(state) {
            out.push(index.file(&laws_file(state)));
        }
        let areas = match county.map(|c| index.area_of(state, c)) {
            None => Vec::new(),
            Some(Some(area)) => vec![area],
            Some(None) => index.areas_of(state),
        };
        for area in areas {
            if !self.areas.contains_key(&area) && !self.early_areas.contains_key(&area) {
                out.push(index.file(&area));
            }
        }
        out
    }

    /// Takes one fetched file: a law chunk, a place chunk or a name chunk,
    /// by the checksummed name the core gave for it.
    pub fn load(&mut self, file: &str, bytes: &[u8]) -> Result<(), DecodeError> {
        let Some((name, tag)) = split_hashed(file) else {
            return Err(DecodeError::Malformed(
                [file, " is not a can-refuse data file name"].concat(),
            ));
        };
        let index = self.index();
        if index.and_then(|i| i.tag(&name)) != Some(tag) {
            return Err(DecodeError::Malformed(
                [file, " is not one of this release's data files"].concat(),
            ));
        }
        // (A name chunk's checksum is in its header only, which its decoder
        // checks against its contents.)
        let listed = index.and_then(|i| i.checksum(&name));
        if listed.is_some() && codec::header_checksum(bytes) != listed {
            return Err(DecodeError::Malformed(
                [
                    file,
                    " does not hold the data its name promises: it is stale or was changed",
                ]
                .concat(),
            ));
        }
        let name = name.as_str();
        if let Some(state) = name
            .strip_prefix("laws-")
            .and_then(|n| n.strip_suffix(".data"))
        {
            let chunk = codec::decode_laws(bytes)?;
            if chunk.state != state {
                return Err(DecodeError::Malformed(
                    [name, " holds ", &chunk.state, "'s laws"].concat(),
                ));
            }
            self.merge_laws(chunk);
        } else if let Some(state) = name
            .strip_prefix("area-")
            .and_then(|n| n.split_once('-'))
            .map(|(state, _)| state)
        {
            let chunk = codec::decode_laws(bytes)?;
            if chunk.state != state {
                return Err(DecodeError::Malformed(
                    [name, " holds part of ", &chunk.state].concat(),
                ));
            }
            if self.laws.contains_key(state) {
                self.merge_area(name, chunk);
            } else {
                self.early_areas.insert(name.to_string(), chunk);
            }
        } else if let Some(state) = name
            .strip_prefix("places-")
            .and_then(|n| n.strip_suffix(".data"))
        {
            let mut places = codec::decode_places(bytes)?;
            if let Some(zips) = self.zips.remove(state) {
                places.zips = zips;
            }
            self.states.insert(state.to_string(), places);
        } else if let Some(state) = name
            .strip_prefix("zips-")
            .and_then(|n| n.strip_suffix(".data"))
        {
            let zips = codec::decode_places(bytes)?.zips;
            match self.states.get_mut(state) {
                Some(places) => places.zips = zips,
                None => self.zips.insert(state.to_string(), zips),
            }
            self.zips_loaded.insert(state.to_string(), ());
        } else if let Some(prefix) = name
            .strip_prefix("names-")
            .and_then(|n| n.strip_suffix(".data"))
        {
            self.names
                .insert(prefix.to_string(), codec::decode_places(bytes)?);
        } else {
            return Err(DecodeError::Malformed(
                [name, " is not a can-refuse data file name"].concat(),
            ));
        }
        Ok(())
    }

    fn merge_laws(&mut self, chunk: LawChunk) {
        let LawChunk {
            state,
            locals,
            laws,
            places,
            coverage,
        } = chunk;
        if self.laws.contains_key(&state) {
            return;
        }
        self.laws.insert(state.clone(), ());
        if let Some(own) = self
            .dataset
            .jurisdictions
            .iter_mut()
            .find(|j| j.level == Level::State && j.id == state)
        {
            own.coverage = coverage;
        }
        self.state_agencies.insert(state.clone(), places);
        self.append(locals, laws);
        let prefix = ["area-", &state, "-"].concat();
        while let Some(at) = self
            .early_areas
            .0
            .iter()
            .position(|(n, _)| n.starts_with(&prefix))
        {
            let (name, chunk) = self.early_areas.0.swap_remove(at);
            self.merge_area(&name, chunk);
        }
    }

    fn merge_area(&mut self, name: &str, chunk: LawChunk) {
        if self.areas.contains_key(name) {
            return;
        }
        self.append(chunk.locals, chunk.laws);
        self.areas.insert(name.to_string(), chunk.places);
    }

    /// Appends local jurisdictions and laws, renumbering the laws' local
    /// jurisdictions (from `LOCAL`) to where they now are. A town in two
    /// areas comes with both: it is kept once, with its laws.
    fn append(&mut self, locals: Vec<Jurisdiction>, laws: Vec<Law>) {
        let mut at = Vec::with_capacity(locals.len());
        for local in locals {
            let known = self
                .dataset
                .jurisdictions
                .iter()
                .position(|j| j.id == local.id);
            at.push(match known {
                Some(i) => (i as u32, false),
                None => {
                    self.dataset.jurisdictions.push(local);
                    (self.dataset.jurisdictions.len() as u32 - 1, true)
                }
            });
        }
        for law in laws {
            let jurisdiction = if law.jurisdiction >= LOCAL {
                match at.get((law.jurisdiction - LOCAL) as usize) {
                    Some(&(j, true)) => j,
                    _ => continue,
                }
            } else {
                law.jurisdiction
            };
            self.dataset.laws.push(Law {
                jurisdiction,
                ..law
            });
        }
    }

    /// Whether a state's law is here to answer with.
    pub fn has_laws(&self, state: &str) -> bool {
        self.index().is_none() || self.laws.contains_key(state)
    }

    /// The place index to answer a question with, if loaded: the whole one
    /// (the CLI), the area holding the question's county or town, or for a
    /// state as a whole its state agencies.
    pub fn places_for(&self, query: &Query) -> Option<&Places> {
        if let Some(whole) = self.names.get("") {
            return Some(whole);
        }
        let (_, state) = self.dataset.state(&query.state)?;
        if query.county.is_none() && query.city.is_none() {
            return self.state_agencies.get(&state.id);
        }
        self.area_for(&state.id, query).map(|(_, places)| places)
    }

    /// The loaded area holding the question's county (a FIPS code, as the
    /// page asks) or, without one, its town.
    fn area_for(&self, state: &str, query: &Query) -> Option<&(String, Places)> {
        if let Some(county) = &query.county {
            let name = self.index()?.area_of(state, county)?;
            return self.areas.0.iter().find(|(n, _)| *n == name);
        }
        let city = query.city.as_deref()?;
        let prefix = ["area-", state, "-"].concat();
        self.areas
            .0
            .iter()
            .find(|(n, p)| n.starts_with(&prefix) && p.city_by_name(state, city).is_some())
    }

    /// Whether anything can be searched yet.
    pub fn has_places(&self) -> bool {
        !self.states.0.is_empty() || !self.names.0.is_empty()
    }

    /// Searches the loaded chunks for what was typed.
    pub fn search(&self, text: &str, limit: usize) -> Vec<PlaceMatch> {
        let states = self.dataset.states();
        if let Some(whole) = self.names.get("") {
            return search(whole, text, &states, limit);
        }
        let trimmed = text.trim();
        if trimmed.len() >= 3 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            let mut out: Vec<_> = self
                .zip_states(trimmed)
                .iter()
                .filter_map(|s| self.states.get(s))
                .flat_map(|p| search(p, trimmed, &[], limit))
                .collect();
            out.truncate(limit);
            return out;
        }
        let key = self.index().and_then(|index| index.name_chunk(trimmed));
        match key.and_then(|key| self.names.get(&key)) {
            Some(names) => search(names, text, &states, limit),
            None => search(&Places::empty(), text, &states, limit),
        }
    }

    /// Answers a question from what is loaded. The state's law chunk must
    /// be here (see `files_for_state`), and for a county or town its local
    /// policies; its place chunk makes the answer reach the county, the
    /// town and the agency's 287(g) agreements.
    pub fn answer(&self, query: &Query) -> Result<Answer, AskError> {
        let (_, state) = self
            .dataset
            .state(&query.state)
            .ok_or_else(|| AskError::Query(QueryError::UnknownState(query.state.clone())))?;
        let local = query.county.is_some() || query.city.is_some();
        if !self.has_laws(&state.id) {
            return Err(AskError::NotLoaded(state.name.clone()));
        }
        let places = self.places_for(query);
        if local && self.index().is_some() && places.is_none() {
            return Err(AskError::NotLoaded(state.name.clone()));
        }
        evaluate(&self.dataset, places, query).map_err(AskError::Query)
    }

    /// The choices a questionnaire offers, in the data's own words.
    pub fn choices(&self) -> Choices<'_> {
        let dataset = &self.dataset;
        let s = &dataset.strings;
        Choices {
            states: dataset
                .states()
                .into_iter()
                .map(|(id, label)| Choice { id, label })
                .collect(),
            agencies: choices_of::<Agency>(&s.agencies),
            situations: choices_of::<Situation>(&s.situations),
            data_as_of: dataset.data_as_of.iso(),
        }
    }
}

/// A few files' contents by name: a list, not a map — a page loads a
/// handful of chunks, and a map's code would weigh more than all lookups.
struct ByName<T>(Vec<(String, T)>);

impl<T> Default for ByName<T> {
    fn default() -> ByName<T> {
        ByName(Vec::new())
    }
}

impl<T> ByName<T> {
    fn get(&self, name: &str) -> Option<&T> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut T> {
        self.0.iter_mut().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    fn remove(&mut self, name: &str) -> Option<T> {
        let at = self.0.iter().position(|(n, _)| n == name)?;
        Some(self.0.swap_remove(at).1)
    }

    fn insert(&mut self, name: String, value: T) {
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some((_, old)) => *old = value,
            None => self.0.push((name, value)),
        }
    }
}

/// A word's choices, labelled from a list indexed like `T::ALL`.
fn choices_of<T: Named>(labels: &[String]) -> Vec<Choice<'_>> {
    T::ALL
        .iter()
        .zip(labels)
        .map(|((_, id), label)| Choice { id, label })
        .collect()
}

/// Why a session could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AskError {
    Query(QueryError),
    /// The state's law chunk has not been loaded (names the state).
    NotLoaded(String),
}

impl AskError {
    /// The error in plain words.
    pub fn message(&self) -> String {
        match self {
            AskError::Query(e) => e.message(),
            AskError::NotLoaded(state) => {
                ["the law data for ", state, " is not loaded yet"].concat()
            }
        }
    }
}

impl fmt::Display for AskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for AskError {}

/// One choice: the id the engine reads, the label a person reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Choice<'a> {
    pub id: &'a str,
    pub label: &'a str,
}

/// What the questionnaire offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Choices<'a> {
    pub states: Vec<Choice<'a>>,
    pub agencies: Vec<Choice<'a>>,
    pub situations: Vec<Choice<'a>>,
    pub data_as_of: String,
}

json_object!(Choice<'a> { id, label });
json_object!(Choices<'a> {
    states,
    agencies,
    situations,
    data_as_of,
});
