//! A session: the data a page (or the CLI) has loaded so far, which files a
//! question still needs, and the answer once they are here. The core file
//! comes first; law, place and name chunks join as they arrive, checked
//! against the checksums the core lists.

use crate::answer::Answer;
use crate::dataset::codec::{self, DecodeError};
use crate::dataset::files::{
    laws_file, locals_file, names_file, places_file, prefix_of, split_hashed, zips_file,
    ChunkIndex, LawChunk, LOCAL,
};
use crate::dataset::{Agency, Dataset, Jurisdiction, Law, Level, Named, Places, Situation, Zip};
use crate::json::json_object;
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
    /// The states whose local policies are in (merged after their laws,
    /// whatever order the two chunks arrive in, so answers never depend on it).
    locals: ByName<()>,
    /// Local-policy chunks that came before their state's laws.
    early_locals: ByName<LawChunk>,
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
            locals: ByName::default(),
            early_locals: ByName::default(),
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
    /// towns, 287(g) agencies) and the local policies are needed only for a
    /// county or town: a first answer for a state chosen from the list does
    /// without them.
    pub fn files_for_state(&self, state: &str, with_places: bool) -> Vec<String> {
        let Some(index) = self.index() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if !self.laws.contains_key(state) {
            out.push(index.file(&laws_file(state)));
        }
        if with_places && !self.locals.contains_key(state) && !self.early_locals.contains_key(state)
        {
            out.push(index.file(&locals_file(state)));
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
            return Err(DecodeError::Malformed(
                [file, " is not a can-refuse data file name"].concat(),
            ));
        };
        let listed = self.index().and_then(|i| i.checksum(&name));
        if listed != Some(crc) {
            return Err(DecodeError::Malformed(
                [file, " is not one of this release's data files"].concat(),
            ));
        }
        if codec::header_checksum(bytes) != Some(crc) {
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
            .strip_prefix("locals-")
            .and_then(|n| n.strip_suffix(".data"))
        {
            let chunk = codec::decode_laws(bytes)?;
            if chunk.state != state {
                return Err(DecodeError::Malformed(
                    [name, " holds ", &chunk.state, "'s local policies"].concat(),
                ));
            }
            if self.laws.contains_key(state) {
                self.merge_locals(chunk);
            } else {
                self.early_locals.insert(state.to_string(), chunk);
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
            state_agencies,
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
        self.state_agencies.insert(state.clone(), state_agencies);
        self.append(locals, laws);
        if let Some(early) = self.early_locals.remove(&state) {
            self.merge_locals(early);
        }
    }

    fn merge_locals(&mut self, chunk: LawChunk) {
        if self.locals.contains_key(&chunk.state) {
            return;
        }
        self.locals.insert(chunk.state, ());
        self.append(chunk.locals, chunk.laws);
    }

    /// Appends local jurisdictions and laws, renumbering the laws' local
    /// jurisdictions (from `LOCAL`) to where they now are.
    fn append(&mut self, locals: Vec<Jurisdiction>, laws: Vec<Law>) {
        let offset = self.dataset.jurisdictions.len() as u32;
        self.dataset.jurisdictions.extend(locals);
        self.dataset.laws.extend(laws.into_iter().map(|law| Law {
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
        self.index().is_none() || self.laws.contains_key(state)
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
        match prefix_of(trimmed).and_then(|p| self.names.get(&p)) {
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
        if !self.has_laws(&state.id)
            || (local && self.index().is_some() && !self.locals.contains_key(&state.id))
        {
            return Err(AskError::NotLoaded(state.name.clone()));
        }
        let places = self.places_for(&state.id);
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

impl std::error::Error for AskError {}

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
