//! Place search as the person types "Where do you live?": a ZIP code or
//! its first digits, a town, a county or a state, with or without a
//! trailing state ("Providence, RI"), best matches first.

use crate::dataset::digits::push_padded;
use crate::dataset::names::{fold, strip_suffix};
use crate::dataset::strings::find;
use crate::dataset::{City, Places};
use crate::json::{json_object, ToJson};
use crate::prelude::*;
use serde::Serialize;

/// Places matching what the person typed, best first, one per
/// (place, county) so a ZIP or city that crosses a county line offers
/// each county. `states` maps codes to names for "Providence, Rhode Island".
pub fn search(
    places: &Places,
    text: &str,
    states: &[(&str, &str)],
    limit: usize,
) -> Vec<PlaceMatch> {
    let trimmed = text.trim();
    if trimmed.len() >= 3 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return zips(places, trimmed, limit);
    }
    let (query, state) = split_state(&fold(trimmed), states);
    if query.is_empty() {
        return Vec::new();
    }
    let in_state = |s: &str| state.is_none_or(|code| code.eq_ignore_ascii_case(s));
    // Exact names first, then prefixes, then word prefixes; cities before
    // counties; among cities, the one with more ZIP codes.
    let mut best = Best::new(limit);
    for city in places.cities.iter().filter(|c| in_state(&c.state)) {
        if let Some(score) = score(&fold(&city.name), &query) {
            for &county in &city.counties {
                best.offer((score * 2, u16::MAX - city.zips), Found::City(city, county));
            }
        }
    }
    for &(code, name) in states.iter().filter(|(code, _)| in_state(code)) {
        let by_name = score(&fold(name), &query);
        let by_code = (fold(code) == query).then_some(0);
        if let Some(score) = [by_name, by_code].into_iter().flatten().min() {
            best.offer((score * 2 + 1, u16::MAX - 1), Found::State(code, name));
        }
    }
    for (index, county) in places.counties.iter().enumerate() {
        if !in_state(&county.state) {
            continue;
        }
        let name = fold(&county.name);
        let by_name = score(&name, &query);
        let bare = score(&strip_suffix(&name), &strip_suffix(&query));
        if let Some(score) = [by_name, bare].into_iter().flatten().min() {
            best.offer((score * 2 + 1, u16::MAX), Found::County(index as u16));
        }
    }
    best.items
        .into_iter()
        .filter_map(|(_, found)| match found {
            Found::City(city, county) => {
                place_match(places, PlaceKind::City, None, Some(city), county)
            }
            Found::County(county) => place_match(places, PlaceKind::County, None, None, county),
            Found::State(code, name) => Some(PlaceMatch {
                kind: PlaceKind::State,
                label: name.to_string(),
                state: code.to_string(),
                county_fips: String::new(),
                county: String::new(),
                city: None,
                zip: None,
            }),
        })
        .collect()
}

/// ZIP codes starting with the digits typed (three to five), each once
/// per county it reaches.
fn zips(places: &Places, digits: &str, limit: usize) -> Vec<PlaceMatch> {
    let mut out = Vec::new();
    if digits.len() > 5 {
        return out;
    }
    let padded = |fill: u8| {
        digits
            .bytes()
            .chain(core::iter::repeat(fill))
            .take(5)
            .fold(0u32, |n, digit| n * 10 + u32::from(digit - b'0'))
    };
    let (low, high) = (padded(b'0'), padded(b'9'));
    let start = places.zips.partition_point(|z| z.code < low);
    for zip in places.zips[start..].iter().take_while(|z| z.code <= high) {
        let city = places.cities.get(zip.city as usize);
        for &county in &zip.counties {
            out.extend(place_match(
                places,
                PlaceKind::Zip,
                Some(zip.code),
                city,
                county,
            ));
        }
        if out.len() >= limit {
            break;
        }
    }
    out.truncate(limit);
    out
}

/// A match before it is written out for the page.
enum Found<'a> {
    City(&'a City, u16),
    County(u16),
    State(&'a str, &'a str),
}

/// The best few matches, in rank order; among equal ranks, the first
/// offered first (a city's counties keep their order, most of the city
/// first). Only `limit` are ever kept, so a two-letter search over
/// thousands of towns sorts nothing.
struct Best<'a> {
    limit: usize,
    items: Vec<((u8, u16), Found<'a>)>,
}

impl<'a> Best<'a> {
    fn new(limit: usize) -> Best<'a> {
        Best {
            limit,
            items: Vec::with_capacity(limit + 1),
        }
    }

    fn offer(&mut self, rank: (u8, u16), found: Found<'a>) {
        let at = self.items.partition_point(|(r, _)| *r <= rank);
        if at < self.limit {
            self.items.insert(at, (rank, found));
            self.items.truncate(self.limit);
        }
    }
}

/// A ZIP code with its leading zeros: 2108 → "02108".
fn zip5(code: u32) -> String {
    let mut out = String::with_capacity(5);
    push_padded(&mut out, code, 5);
    out
}

/// A match as the page shows it; `None` for a county index the chunk does
/// not hold (a damaged chunk whose checksum was made to fit: it then finds
/// less, and never stops the engine).
fn place_match(
    places: &Places,
    kind: PlaceKind,
    zip: Option<u32>,
    city: Option<&City>,
    county: u16,
) -> Option<PlaceMatch> {
    let county = places.counties.get(county as usize)?;
    let city_name = city.map(|c| c.name.clone());
    let zip = zip.map(zip5);
    let (state, name) = (county.state.as_str(), county.name.as_str());
    let label = match (kind, &zip, &city_name) {
        (PlaceKind::Zip, Some(code), Some(city)) => {
            [code, " ", city, ", ", state, " (", name, ")"].concat()
        }
        (PlaceKind::Zip, Some(code), None) => [code, ", ", state, " (", name, ")"].concat(),
        (PlaceKind::City, _, Some(city)) => [city, ", ", state, " (", name, ")"].concat(),
        _ => [name, ", ", state].concat(),
    };
    Some(PlaceMatch {
        kind,
        label,
        state: county.state.clone(),
        county_fips: county.fips.clone(),
        county: county.name.clone(),
        city: city_name,
        zip,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Zip,
    City,
    County,
    State,
}

/// One suggestion for "Where do you live?", flat for JavaScript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlaceMatch {
    pub kind: PlaceKind,
    /// "77002 Houston, TX (Harris County)".
    pub label: String,
    pub state: String,
    pub county_fips: String,
    pub county: String,
    pub city: Option<String>,
    pub zip: Option<String>,
}

/// 0 exact, 1 prefix, 2 a later word starts with it; None otherwise.
fn score(name: &str, query: &str) -> Option<u8> {
    if name == query {
        Some(0)
    } else if name.starts_with(query) {
        Some(1)
    } else if word_starts(name, query) {
        Some(2)
    } else {
        None
    }
}

/// Whether a word after the first of `name` starts with `query`.
fn word_starts(name: &str, query: &str) -> bool {
    let mut from = 0;
    while let Some(at) = find(name, query, from) {
        if at > 0 && name.as_bytes().get(at - 1) == Some(&b' ') {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Splits a trailing state ("providence ri", "providence rhode island").
fn split_state<'a>(query: &str, states: &[(&'a str, &str)]) -> (String, Option<&'a str>) {
    for (code, name) in states {
        for tail in [fold(code), fold(name)] {
            if let Some(rest) = query.strip_suffix(&tail).filter(|r| r.ends_with(' ')) {
                return (rest.trim().to_string(), Some(code));
            }
        }
    }
    (query.to_string(), None)
}

impl ToJson for PlaceKind {
    fn write_json(&self, out: &mut String) {
        let name = match self {
            PlaceKind::Zip => "zip",
            PlaceKind::City => "city",
            PlaceKind::County => "county",
            PlaceKind::State => "state",
        };
        name.write_json(out);
    }
}

json_object!(PlaceMatch {
    kind,
    label,
    state,
    county_fips,
    county,
    city,
    zip,
});

/// Why what was typed does not settle on one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsettled {
    /// Nothing matches.
    NoMatch,
    /// The best match is not in the county named (its label).
    NotInCounty(String),
    /// The place spans these counties, and the county decides the answer.
    SeveralCounties(Vec<String>),
}

/// One place for what was typed, where there is no list to pick from (the
/// command line): the best match, narrowed to `county` (a name or FIPS
/// code) when given. A place across county lines is ambiguous only when
/// `county_matters` — a sheriff or a jail answers to one county, and so
/// does an answer for every agency; otherwise the county holding most of
/// the place is used.
pub fn settle(
    found: &[PlaceMatch],
    county: Option<&str>,
    county_matters: bool,
) -> Result<PlaceMatch, Unsettled> {
    let first = found.first().ok_or(Unsettled::NoMatch)?;
    let same_place = |m: &&PlaceMatch| {
        m.kind == first.kind
            && m.state == first.state
            && m.city == first.city
            && m.zip == first.zip
            && (m.kind != PlaceKind::County || m.county_fips == first.county_fips)
    };
    let mut candidates: Vec<&PlaceMatch> = found.iter().filter(same_place).collect();
    if let Some(wanted) = county {
        let wanted = fold(wanted);
        candidates.retain(|m| {
            let name = fold(&m.county);
            m.county_fips == wanted || name == wanted || strip_suffix(&name) == wanted
        });
    }
    match candidates.as_slice() {
        [] => Err(Unsettled::NotInCounty(first.label.clone())),
        [one] => Ok((*one).clone()),
        [best, ..] if !county_matters => Ok((*best).clone()),
        several => Err(Unsettled::SeveralCounties(
            several.iter().map(|m| m.county.clone()).collect(),
        )),
    }
}
