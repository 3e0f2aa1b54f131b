//! The place index: every county, city and ZIP code, and every agency with a
//! 287(g) agreement. It is the second data file — the page loads it when the
//! person starts typing where they live — so the first file stays small.
//!
//! Lookup is forgiving the way people type: case, accents, "St." for
//! "Saint", a missing "County", a trailing state ("Providence, RI").

use crate::date::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Places {
    pub counties: Vec<County>,
    /// Sorted by (state, name).
    pub cities: Vec<City>,
    /// Sorted by code.
    pub zips: Vec<Zip>,
    pub agencies: Vec<Agency287g>,
    /// The dates of ICE's participating and pending sheets.
    pub participating_as_of: Date,
    pub pending_as_of: Date,
    /// ICE's 287(g) page, cited with every agreement.
    pub program_url: String,
    /// Common prefix of MOA links, stored once.
    pub moa_prefix: String,
}

/// A county or county-equivalent (parish, borough, independent city, municipio).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct County {
    /// Five-digit Census FIPS code.
    pub fips: String,
    pub state: String,
    /// Legal name with its suffix: "Harris County", "Orleans Parish".
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct City {
    pub state: String,
    /// The USPS name people write.
    pub name: String,
    /// Indexes into `counties`, most ZIP codes first.
    pub counties: Vec<u16>,
    /// How many ZIP codes it has: ranks "Providence" in Rhode Island above
    /// the small Providence in Kentucky.
    pub zips: u16,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zip {
    pub code: u32,
    /// Index into `cities`, or `u32::MAX` when the USPS name is unknown.
    pub city: u32,
    /// Indexes into `counties`; more than one when the ZIP crosses a line.
    pub counties: Vec<u16>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgencyKind {
    County,
    Municipality,
    State,
}

/// One agency in ICE's 287(g) sheets, with all its agreements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency287g {
    pub name: String,
    pub kind: AgencyKind,
    pub state: String,
    /// Indexes into `counties`: one for most county and municipal agencies,
    /// several for a regional jail; none for a state agency.
    pub counties: Vec<u16>,
    /// Index into `cities` (municipal agencies).
    pub city: Option<u32>,
    pub agreements: Vec<Agreement>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub model: Model,
    pub signed: Option<Date>,
    /// MOA link, without `moa_prefix` when it starts with it.
    pub moa: String,
    pub addendum: String,
    pub pending: bool,
}

/// ICE's three 287(g) models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Model {
    TaskForce,
    WarrantServiceOfficer,
    JailEnforcement,
}

impl crate::model::Named for Model {
    const ALL: &'static [(Model, &'static str)] = &[
        (Model::TaskForce, "Task Force Model"),
        (Model::WarrantServiceOfficer, "Warrant Service Officer"),
        (Model::JailEnforcement, "Jail Enforcement Model"),
    ];
}

impl crate::model::Named for AgencyKind {
    const ALL: &'static [(AgencyKind, &'static str)] = &[
        (AgencyKind::County, "County"),
        (AgencyKind::Municipality, "Municipality"),
        (AgencyKind::State, "State Agency"),
    ];
}

impl Places {
    /// An index with nothing in it (before any chunk is loaded).
    pub fn empty() -> Places {
        Places {
            counties: Vec::new(),
            cities: Vec::new(),
            zips: Vec::new(),
            agencies: Vec::new(),
            participating_as_of: Date::from_unix_days(0),
            pending_as_of: Date::from_unix_days(0),
            program_url: String::new(),
            moa_prefix: String::new(),
        }
    }

    /// The dates and links, without any places: the shared part of every chunk.
    pub fn clone_header(&self) -> Places {
        Places {
            participating_as_of: self.participating_as_of,
            pending_as_of: self.pending_as_of,
            program_url: self.program_url.clone(),
            moa_prefix: self.moa_prefix.clone(),
            ..Places::empty()
        }
    }

    /// The full MOA link of an agreement.
    pub fn moa_url(&self, agreement: &Agreement) -> String {
        full_url(&self.moa_prefix, &agreement.moa)
    }

    pub fn addendum_url(&self, agreement: &Agreement) -> String {
        full_url(&self.moa_prefix, &agreement.addendum)
    }

    pub fn county_by_fips(&self, fips: &str) -> Option<(u16, &County)> {
        self.counties
            .binary_search_by(|c| c.fips.as_str().cmp(fips))
            .ok()
            .map(|i| (i as u16, &self.counties[i]))
    }

    /// A county by its name in a state, forgiving case, accents, "St." and a
    /// missing suffix ("harris" finds "Harris County").
    pub fn county_by_name(&self, state: &str, name: &str) -> Option<(u16, &County)> {
        let wanted = normalize(name);
        self.counties
            .iter()
            .enumerate()
            .filter(|(_, c)| c.state.eq_ignore_ascii_case(state))
            .find(|(_, c)| {
                normalize(&c.name) == wanted
                    || strip_suffix(&normalize(&c.name)) == strip_suffix(&wanted)
            })
            .map(|(i, c)| (i as u16, c))
    }

    pub fn city_by_name(&self, state: &str, name: &str) -> Option<(u32, &City)> {
        let wanted = normalize(name);
        self.cities
            .iter()
            .enumerate()
            .filter(|(_, c)| c.state.eq_ignore_ascii_case(state))
            .find(|(_, c)| normalize(&c.name) == wanted)
            .map(|(i, c)| (i as u32, c))
    }

    pub fn zip(&self, code: &str) -> Option<&Zip> {
        let code: u32 = code.parse().ok().filter(|_| code.len() == 5)?;
        self.zips
            .binary_search_by_key(&code, |z| z.code)
            .ok()
            .map(|i| &self.zips[i])
    }

    /// Places matching what the person typed, best first, one per
    /// (place, county) so a ZIP or city that crosses a county line offers
    /// each county. `states` maps codes to names for "Providence, Rhode Island".
    pub fn search(&self, text: &str, states: &[(&str, &str)], limit: usize) -> Vec<PlaceMatch> {
        let mut out = Vec::new();
        let trimmed = text.trim();
        if trimmed.len() >= 3 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            let low = format!("{trimmed:0<5}").parse::<u32>().unwrap_or(0);
            let high = format!("{trimmed:9<5}").parse::<u32>().unwrap_or(0);
            let start = self.zips.partition_point(|z| z.code < low);
            for zip in self.zips[start..].iter().take_while(|z| z.code <= high) {
                let city = self.cities.get(zip.city as usize);
                for &county in &zip.counties {
                    out.push(self.place_match(PlaceKind::Zip, Some(zip.code), city, county));
                }
                if out.len() >= limit {
                    break;
                }
            }
            out.truncate(limit);
            return out;
        }
        let (query, state) = split_state(&normalize(trimmed), states);
        if query.is_empty() {
            return out;
        }
        let in_state = |s: &str| state.is_none_or(|code| code.eq_ignore_ascii_case(s));
        // Exact names first, then prefixes, then word prefixes; cities before counties.
        let mut scored: Vec<((u8, std::cmp::Reverse<u16>), PlaceMatch)> = Vec::new();
        for city in self.cities.iter().filter(|c| in_state(&c.state)) {
            if let Some(score) = score(&normalize(&city.name), &query) {
                for &county in &city.counties {
                    let rank = (score * 2, std::cmp::Reverse(city.zips));
                    scored.push((
                        rank,
                        self.place_match(PlaceKind::City, None, Some(city), county),
                    ));
                }
            }
        }
        for (code, name) in states.iter().filter(|(code, _)| in_state(code)) {
            let by_name = score(&normalize(name), &query);
            let by_code = (normalize(code) == query).then_some(0);
            if let Some(score) = [by_name, by_code].into_iter().flatten().min() {
                let place = PlaceMatch {
                    kind: PlaceKind::State,
                    label: name.to_string(),
                    state: code.to_string(),
                    county_fips: String::new(),
                    county: String::new(),
                    city: None,
                    zip: None,
                };
                scored.push(((score * 2 + 1, std::cmp::Reverse(1)), place));
            }
        }
        for (index, county) in self
            .counties
            .iter()
            .enumerate()
            .filter(|(_, c)| in_state(&c.state))
        {
            let name = normalize(&county.name);
            let best = [
                score(&name, &query),
                score(&strip_suffix(&name), &strip_suffix(&query)),
            ]
            .into_iter()
            .flatten()
            .min();
            if let Some(score) = best {
                let rank = (score * 2 + 1, std::cmp::Reverse(0));
                scored.push((
                    rank,
                    self.place_match(PlaceKind::County, None, None, index as u16),
                ));
            }
        }
        // Stable: a city's counties keep their order, most of the city first.
        scored.sort_by_key(|(score, _)| *score);
        out.extend(scored.into_iter().map(|(_, m)| m).take(limit));
        out
    }

    fn place_match(
        &self,
        kind: PlaceKind,
        zip: Option<u32>,
        city: Option<&City>,
        county: u16,
    ) -> PlaceMatch {
        let county = &self.counties[county as usize];
        let city_name = city.map(|c| c.name.clone());
        let label = match (kind, zip, &city_name) {
            (PlaceKind::Zip, Some(code), Some(city)) => {
                format!("{code:05} {city}, {} ({})", county.state, county.name)
            }
            (PlaceKind::Zip, Some(code), None) => {
                format!("{code:05}, {} ({})", county.state, county.name)
            }
            (PlaceKind::City, _, Some(city)) => {
                format!("{city}, {} ({})", county.state, county.name)
            }
            _ => format!("{}, {}", county.name, county.state),
        };
        PlaceMatch {
            kind,
            label,
            state: county.state.clone(),
            county_fips: county.fips.clone(),
            county: county.name.clone(),
            city: city_name,
            zip: zip.map(|z| format!("{z:05}")),
        }
    }
}

fn full_url(prefix: &str, link: &str) -> String {
    if link.is_empty() || link.starts_with("http") {
        link.to_string()
    } else {
        format!("{prefix}{link}")
    }
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
    } else if name.contains(&format!(" {query}")) {
        Some(2)
    } else {
        None
    }
}

const SUFFIXES: [&str; 8] = [
    " county",
    " parish",
    " borough",
    " census area",
    " municipio",
    " city and borough",
    " municipality",
    " district",
];

pub(crate) fn strip_suffix(name: &str) -> String {
    SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name)
        .to_string()
}

/// Splits a trailing state ("providence ri", "providence rhode island").
fn split_state<'a>(query: &str, states: &[(&'a str, &str)]) -> (String, Option<&'a str>) {
    for (code, name) in states {
        for tail in [normalize(code), normalize(name)] {
            if let Some(rest) = query.strip_suffix(&tail).filter(|r| r.ends_with(' ')) {
                return (rest.trim().to_string(), Some(code));
            }
        }
    }
    (query.to_string(), None)
}

/// Lowercase ASCII, accents folded, punctuation to spaces, "st"/"ste" to
/// "saint"/"sainte", single spaces.
pub fn normalize(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for ch in text.chars() {
        match fold(ch.to_ascii_lowercase()) {
            '\0' => {} // apostrophes and the ʻokina join: "O'Fallon" is "ofallon"
            ch if ch.is_ascii_alphanumeric() => folded.push(ch),
            _ => folded.push(' '),
        }
    }
    folded
        .split_whitespace()
        .map(|word| match word {
            "st" => "saint",
            "ste" => "sainte",
            "ft" => "fort",
            "mt" => "mount",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folds the accented letters of Spanish, French and Hawaiian place names,
/// either case. (A table, not Unicode case mapping: that would add about
/// 10 KB of tables to the wasm for the few letters place names use.)
fn fold(ch: char) -> char {
    match ch {
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => 'a',
        'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => 'e',
        'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => 'i',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ō' => 'o',
        'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' => 'u',
        'Ñ' => 'n',
        'Ç' => 'c',
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'ʻ' | '’' | '\'' => '\0',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_the_way_people_type() {
        assert_eq!(normalize("St. Louis"), "saint louis");
        assert_eq!(normalize("  Cañon  City "), "canon city");
        assert_eq!(normalize("Mayagüez"), "mayaguez");
        assert_eq!(normalize("ÁGUAS BUENAS"), "aguas buenas");
        assert_eq!(normalize("Hawaiʻi"), "hawaii");
        assert_eq!(normalize("O'Fallon"), "ofallon");
        assert_eq!(normalize("Winston-Salem"), "winston salem");
        assert_eq!(strip_suffix("orleans parish"), "orleans");
    }
}
