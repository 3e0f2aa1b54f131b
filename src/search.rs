//! Place search as the person types "Where do you live?": a ZIP code or
//! its first digits, a town, a county or a state, with or without a
//! trailing state ("Providence, RI"), best matches first.

use crate::dataset::names::{fold, strip_suffix};
use crate::dataset::{City, Places};
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
    let mut out = Vec::new();
    let trimmed = text.trim();
    if trimmed.len() >= 3 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let low = format!("{trimmed:0<5}").parse::<u32>().unwrap_or(0);
        let high = format!("{trimmed:9<5}").parse::<u32>().unwrap_or(0);
        let start = places.zips.partition_point(|z| z.code < low);
        for zip in places.zips[start..].iter().take_while(|z| z.code <= high) {
            let city = places.cities.get(zip.city as usize);
            for &county in &zip.counties {
                out.push(place_match(
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
        return out;
    }
    let (query, state) = split_state(&fold(trimmed), states);
    if query.is_empty() {
        return out;
    }
    let in_state = |s: &str| state.is_none_or(|code| code.eq_ignore_ascii_case(s));
    // Exact names first, then prefixes, then word prefixes; cities before counties.
    let mut scored: Vec<((u8, std::cmp::Reverse<u16>), PlaceMatch)> = Vec::new();
    for city in places.cities.iter().filter(|c| in_state(&c.state)) {
        if let Some(score) = score(&fold(&city.name), &query) {
            for &county in &city.counties {
                let rank = (score * 2, std::cmp::Reverse(city.zips));
                scored.push((
                    rank,
                    place_match(places, PlaceKind::City, None, Some(city), county),
                ));
            }
        }
    }
    for (code, name) in states.iter().filter(|(code, _)| in_state(code)) {
        let by_name = score(&fold(name), &query);
        let by_code = (fold(code) == query).then_some(0);
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
    for (index, county) in places
        .counties
        .iter()
        .enumerate()
        .filter(|(_, c)| in_state(&c.state))
    {
        let name = fold(&county.name);
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
                place_match(places, PlaceKind::County, None, None, index as u16),
            ));
        }
    }
    // Stable: a city's counties keep their order, most of the city first.
    scored.sort_by_key(|(score, _)| *score);
    out.extend(scored.into_iter().map(|(_, m)| m).take(limit));
    out
}

fn place_match(
    places: &Places,
    kind: PlaceKind,
    zip: Option<u32>,
    city: Option<&City>,
    county: u16,
) -> PlaceMatch {
    let county = &places.counties[county as usize];
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
