//! The web's data, split so a person downloads only what their answer needs
//! (the Pagefind way): a small core (federal law, wording, the list of
//! states), then one law chunk and one place chunk for their state, for
//! typing a town one small name chunk for the first letters they typed, and
//! for typing a ZIP code the ZIP codes of its state.
//!
//! ```text
//! can-refuse.data             core: federal law, strings, states, chunk index
//! laws-TX.1a2b3c4d.data       Texas law (what an answer for the whole state needs)
//! area-TX-201.7d8e9f0a.data   a few neighbouring Texas counties (from FIPS 48201):
//!                             their towns, 287(g) agencies and own policies
//! places-TX.5e6f7a8b.data     Texas counties and towns, to search by ZIP code
//! zips-TX.3c4d5e6f.data       Texas ZIP codes (numbered like places-TX's towns)
//! names-ho.9c0d1e2f.data      every county and town with a word starting "ho"
//! names-mad.4b5c6d7e.data     … "mad", where "ma" alone would make too big a chunk
//! ```
//!
//! An answer for a county or town needs only its own area: the counties of a
//! state are packed, in FIPS order, into areas of a few kilobytes, so a
//! town's answer does not download every other town's policies and 287(g)
//! agreements (they grow with every city checked). ZIP codes are a chunk of
//! their own because an answer for a town chosen by name never needs them;
//! the state's place chunk only serves to search them.
//!
//! A chunk's name carries its checksum (the CRC-32 in its header), and the
//! core lists every chunk's checksum. So a chunk's name changes whenever its
//! content does (it can be cached forever), and a chunk that is stale, from
//! another release or damaged is refused by name before it is read. The
//! core itself is checked by the page against the release's SHA-384 hash.
//!
//! Name chunks are the exception: there are hundreds, and four bytes of
//! checksum each would weigh on the core that every answer downloads. They
//! share one id instead, a checksum of all their checksums, so they too are
//! renamed whenever any changes. Their names can then be worked out from
//! the typed text and that id alone, which lets the page fetch a preset
//! town's chunk before the engine is up. Each is still checked against the
//! CRC-32 in its own header, so a damaged one is refused all the same.
//!
//! These are the names and the index; `compile::split` makes the chunks
//! from a whole dataset and `session::Session` puts them back together, so
//! the CLI (whole dataset) and the page (chunks) answer from the same facts.

use super::digits::push_hex;
use super::law::{Coverage, Jurisdiction, Law};
use super::names::fold;
use super::places::Places;
use super::wire::wire_struct;
use crate::prelude::*;
use serde::Serialize;

/// Law indexes at or above this point a chunk's own local jurisdictions.
pub const LOCAL: u32 = 1 << 31;

/// What the core knows about the chunks beside it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ChunkIndex {
    /// Runs of ZIP code prefixes (first three digits, first and last of
    /// the run) → the states they serve. Runs, not single prefixes: the core
    /// is in every first answer, and neighbouring prefixes share a state.
    pub zip3: Vec<(u16, u16, Vec<String>)>,
    /// The name chunks' keys (`name_key`), in text order.
    pub prefixes: Vec<String>,
    /// The states with chunks, in the order of `laws` and `places`.
    pub states: Vec<String>,
    /// Each state's law chunk checksum. (Plain arrays of numbers: the core
    /// is in every first answer, and names would repeat what is known.)
    pub laws: Vec<u32>,
    /// Each state's place chunk checksum.
    pub places: Vec<u32>,
    /// Each state's ZIP chunk checksum.
    pub zips: Vec<u32>,
    /// Each state's areas: the three-digit code of the first county of
    /// each (counties are in FIPS order), run together ("001061125"), …
    pub area_starts: Vec<String>,
    /// … and every area's checksum, state after state.
    pub areas: Vec<u32>,
    /// The name chunks' shared id, in each of their names (`codec::names_id`).
    pub names: u32,
}

wire_struct!(ChunkIndex {
    zip3,
    prefixes,
    states,
    laws,
    places,
    zips,
    area_starts,
    areas,
    names
});

impl ChunkIndex {
    /// What a chunk's file name carries after its plain name: its checksum,
    /// or for a name chunk the chunks' shared id; `None` if this release has
    /// no such chunk.
    pub fn tag(&self, plain: &str) -> Option<u32> {
        match plain
            .strip_prefix("names-")
            .and_then(|n| n.strip_suffix(".data"))
        {
            Some(key) => self.prefixes.iter().any(|p| p == key).then_some(self.names),
            None => self.checksum(plain),
        }
    }

    /// The checksum of a chunk, by its plain name (`laws-TX.data`), if this
    /// release has that chunk and lists its checksum (a name chunk's is in
    /// its own header only).
    pub fn checksum(&self, plain: &str) -> Option<u32> {
        let stem = plain.strip_suffix(".data")?;
        let state = |code: &str| self.states.iter().position(|s| s == code);
        if let Some(code) = stem.strip_prefix("laws-") {
            self.laws.get(state(code)?).copied()
        } else if let Some(code) = stem.strip_prefix("places-") {
            self.places.get(state(code)?).copied()
        } else if let Some(code) = stem.strip_prefix("zips-") {
            self.zips.get(state(code)?).copied()
        } else if let Some(area) = stem.strip_prefix("area-") {
            let (code, start) = area.split_once('-')?;
            let i = state(code)?;
            let before: usize = self.area_starts.get(..i)?.iter().map(|s| s.len() / 3).sum();
            let at = self.starts(i).position(|s| s == start)?;
            self.areas.get(before + at).copied()
        } else {
            None
        }
    }

    /// The plain name of the area chunk holding a county (five-digit FIPS)
    /// of a state; `None` when the state has no areas or the code is not a
    /// county's.
    pub fn area_of(&self, state: &str, county_fips: &str) -> Option<String> {
        let code = county_fips.get(2..).filter(|c| c.len() == 3)?;
        let i = self.states.iter().position(|s| s == state)?;
        // Three digits each, so text order is number order.
        let start = self.starts(i).filter(|&s| s <= code).last()?;
        Some(area_file(state, start))
    }

    /// The plain names of every area chunk of a state.
    pub fn areas_of(&self, state: &str) -> Vec<String> {
        match self.states.iter().position(|s| s == state) {
            Some(i) => self.starts(i).map(|s| area_file(state, s)).collect(),
            None => Vec::new(),
        }
    }

    /// The first county codes of the `i`th state's areas.
    fn starts(&self, i: usize) -> impl Iterator<Item = &str> {
        let codes = self.area_starts.get(i).map_or("", String::as_str);
        (0..codes.len() / 3).filter_map(move |k| codes.get(k * 3..k * 3 + 3))
    }

    /// The key of the name chunk searching `text` needs (its first word,
    /// folded), if this release has one: none for a single letter.
    pub fn name_chunk(&self, text: &str) -> Option<String> {
        let folded = fold(text);
        let word = folded.split(' ').next()?;
        let mut len = 2;
        // A split key has keys one letter longer beside it.
        let split = |key: &str| {
            self.prefixes
                .iter()
                .any(|p| p.len() == key.len() + 1 && p.starts_with(key))
        };
        while word.len() > len && split(&name_key(word, len)) {
            len += 1;
        }
        let key = name_key(word, len);
        (key.len() >= 2 && self.prefixes.contains(&key)).then_some(key)
    }

    /// The file name to fetch for a chunk: its plain name with its tag.
    pub fn file(&self, plain: &str) -> String {
        hashed_name(plain, self.tag(plain).unwrap_or(0))
    }
}

/// `laws-TX.data` with checksum 0x1a2b3c4d → `laws-TX.1a2b3c4d.data`.
pub fn hashed_name(plain: &str, crc: u32) -> String {
    let stem = plain.strip_suffix(".data").unwrap_or(plain);
    let mut name = [stem, "."].concat();
    push_hex(&mut name, crc, 8);
    name.push_str(".data");
    name
}

/// `laws-TX.1a2b3c4d.data` → (`laws-TX.data`, 0x1a2b3c4d).
pub fn split_hashed(name: &str) -> Option<(String, u32)> {
    let stem = name.strip_suffix(".data")?;
    let (plain, hash) = stem.rsplit_once('.')?;
    let crc = u32::from_str_radix(hash, 16)
        .ok()
        .filter(|_| hash.len() == 8)?;
    Some(([plain, ".data"].concat(), crc))
}

/// One state's laws (in `laws-XX`), or an area of it (in `area-XX-NNN`: its
/// counties' and towns' own records in `locals` and their `laws`, its
/// counties, towns and 287(g) agencies in `places`, coverage `Laws`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LawChunk {
    pub state: String,
    /// Its counties and cities with local records.
    pub locals: Vec<Jurisdiction>,
    /// Its laws; a jurisdiction index ≥ 2³¹ points into `locals`.
    pub laws: Vec<Law>,
    /// In a law chunk, its state agencies' 287(g) agreements (highway
    /// patrol, state police), so an answer for the whole state needs no
    /// place chunk; in an area, its counties, towns and agencies.
    pub places: Places,
    /// What is known of the state's law as a whole (no law found, or not
    /// verified, with what was searched): kept here, not in the core that
    /// every first answer downloads.
    pub coverage: Coverage,
}

wire_struct!(LawChunk {
    state,
    locals,
    laws,
    places,
    coverage
});

pub fn laws_file(state: &str) -> String {
    ["laws-", state, ".data"].concat()
}

/// `area-TX-201.data`: the area of Texas starting at county 48201.
pub fn area_file(state: &str, start: &str) -> String {
    ["area-", state, "-", start, ".data"].concat()
}

pub fn places_file(state: &str) -> String {
    ["places-", state, ".data"].concat()
}

pub fn zips_file(state: &str) -> String {
    ["zips-", state, ".data"].concat()
}

pub fn names_file(prefix: &str) -> String {
    ["names-", prefix, ".data"].concat()
}

/// The key of a name chunk for places with a word starting like `word`
/// (folded): its first `len` letters. Keys have two letters, more where the
/// compiler split a key that held too many places ("ma" into "mad", "mar"…);
/// a word as short as a split key keeps that key, whose chunk then holds the
/// names with that very word, such as "La" in "La Crosse".
pub fn name_key(word: &str, len: usize) -> String {
    word.chars().take(len).collect()
}
