//! Matching each sheet row to its state, county FIPS code and, for a
//! police department, its city — forgiving ICE's misspellings where one
//! county is plainly meant, and reporting every row it cannot match.

use super::rows::Normalized;
use super::sheet::{unwrap_link, List, SheetRow};
use crate::compile::parse_csv;
use crate::dataset::names::fold;
use crate::dataset::{Date, Places};

/// The outcome of matching a sheet.
pub struct Import {
    pub rows: Vec<Normalized>,
    /// One line per row that could not be matched, saying why.
    pub unmatched: Vec<String>,
    /// Rows matched by forgiving a misspelled county, for the maintainer to see.
    pub forgiven: Vec<String>,
}

/// A human-edited fix for a row ICE's sheet cannot match by itself.
struct Alias {
    state: String,
    agency: String,
    ice_county: String,
    county_fips: String,
}

fn aliases(text: &str) -> Result<Vec<Alias>, String> {
    let rows = parse_csv(text);
    if rows.first().map(|r| r.join(",")).as_deref()
        != Some("state,agency,ice_county,county_fips,reason")
    {
        return Err(
            "287g/aliases.csv: the header must be state,agency,ice_county,county_fips,reason"
                .into(),
        );
    }
    Ok(rows
        .into_iter()
        .skip(1)
        .filter(|r| r.len() >= 4)
        .map(|r| Alias {
            state: r[0].clone(),
            agency: r[1].clone(),
            ice_county: r[2].clone(),
            county_fips: r[3].clone(),
        })
        .collect())
}

const MUNICIPAL_PREFIXES: [&str; 6] = [
    "City of ",
    "Town of ",
    "Village of ",
    "Borough of ",
    "Township of ",
    "Town Of ",
];
const MUNICIPAL_SUFFIXES: [&str; 15] = [
    " City Police Department",
    " Police Services Department",
    " Police Departement", // ICE's spelling, once
    " Village Police Department",
    " Borough Police Department",
    " Township Police Department",
    " Police Department",
    " Police Dept.",
    " Police Dept",
    " Department of Public Safety",
    " Public Safety Department",
    " Public Safety",
    " Marshal's Office",
    " Borough Constable's Office",
    " Police",
];

/// The city a municipal agency serves, read off its name: the likeliest
/// reading first ("Panama City Police Department" is Panama City, "Ashdown
/// City Police Department" is Ashdown).
fn cities_of(agency: &str) -> Vec<String> {
    let mut name = agency.trim();
    for prefix in MUNICIPAL_PREFIXES {
        name = name.strip_prefix(prefix).unwrap_or(name);
    }
    let mut out: Vec<String> = MUNICIPAL_SUFFIXES
        .iter()
        .filter_map(|suffix| name.strip_suffix(suffix))
        .map(|rest| rest.trim().to_string())
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.len()));
    out.dedup();
    if out.is_empty() {
        out.push(name.to_string());
    }
    out
}

/// A county by name, allowing for ICE's misspellings: exact (ignoring case,
/// spaces, accents, "St."), else the one county in the state within two
/// letters of it. The second value says when spelling was forgiven.
fn county_named(places: &Places, state: &str, name: &str) -> Option<(String, bool)> {
    if let Some((_, county)) = places.county_by_name(state, name) {
        return Some((county.fips.clone(), false));
    }
    let squash = |s: &str| {
        let n = crate::dataset::names::fold(s);
        let bare = [" county", " parish", " borough", " city"]
            .iter()
            .find_map(|x| n.strip_suffix(x))
            .unwrap_or(&n);
        bare.replace(' ', "")
    };
    let wanted = squash(name);
    let mut best: Vec<(usize, &str)> = places
        .counties
        .iter()
        .filter(|c| c.state == state)
        .map(|c| (squash(&c.name), c.fips.as_str()))
        .filter(|(name, _)| name.chars().next() == wanted.chars().next())
        .map(|(name, fips)| (distance(&name, &wanted), fips))
        // One slip in a short name, two in a longer one, never in the first
        // letter: "Bowie" must not become "Boone", nor "North" "Worth".
        .filter(|(d, _)| *d <= if wanted.chars().count() <= 6 { 1 } else { 2 })
        .collect();
    best.sort_unstable();
    match best.as_slice() {
        [(d, fips)] => Some((fips.to_string(), *d > 0)),
        [(d0, fips), (d1, _), ..] if d0 < d1 => Some((fips.to_string(), *d0 > 0)),
        _ => None,
    }
}

/// Levenshtein distance, for short names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j] + 1).min(row[j + 1] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Matches every row to a state code and, for county and municipal agencies,
/// county FIPS codes (and a city for municipal ones).
pub fn match_rows(
    rows: &[SheetRow],
    list: List,
    places: &Places,
    states: &[(String, String)],
    aliases_csv: &str,
) -> Result<Import, String> {
    let aliases = aliases(aliases_csv)?;
    let mut out = Vec::new();
    let mut unmatched = Vec::new();
    let mut forgiven = Vec::new();
    for row in rows {
        let why = |reason: String| {
            format!(
                "line {}: {} ({}): {reason}",
                row.line, row.agency, row.state
            )
        };
        let Some((code, _)) = states
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(&row.state))
        else {
            unmatched.push(why(format!("unknown state \"{}\"", row.state)));
            continue;
        };
        let ice_county = row.county.clone();
        let alias = aliases.iter().find(|a| {
            a.state == *code
                && a.agency.eq_ignore_ascii_case(&row.agency)
                && (a.ice_county.is_empty() || a.ice_county == ice_county)
        });
        let mut county_fips = String::new();
        let mut city = String::new();
        match row.agency_type.as_str() {
            "State Agency" => {}
            "County" | "Municipality" => {
                (county_fips, city) = locate(
                    row,
                    code,
                    places,
                    alias,
                    &why,
                    &mut unmatched,
                    &mut forgiven,
                );
            }
            other => unmatched.push(why(format!("unknown agency type \"{other}\""))),
        }
        let signed = if row.signed.is_empty() {
            String::new()
        } else {
            match Date::parse(&row.signed) {
                Some(date) => date.to_string(),
                None => {
                    unmatched.push(why(format!("\"{}\" is not a date", row.signed)));
                    String::new()
                }
            }
        };
        out.push(Normalized {
            list: list.name().into(),
            state: code.clone(),
            agency: row.agency.clone(),
            agency_type: row.agency_type.clone(),
            ice_county,
            county_fips,
            city,
            model: row.model.clone(),
            signed,
            moa_url: unwrap_link(&row.moa),
            addendum_url: unwrap_link(&row.addendum),
        });
    }
    Ok(Import {
        rows: out,
        unmatched,
        forgiven,
    })
}

/// A municipal agency's city, the city's counties, and the county ICE's
/// text names among them (else the one holding most of the city's ZIP
/// codes). Empty for a county agency or a city not found.
fn city_of(row: &SheetRow, code: &str, places: &Places) -> (String, Vec<String>, String) {
    if row.agency_type != "Municipality" {
        return (String::new(), Vec::new(), String::new());
    }
    let found = cities_of(&row.agency)
        .into_iter()
        .find_map(|name| places.city_by_name(code, &name));
    let Some((_, c)) = found else {
        return (String::new(), Vec::new(), String::new());
    };
    let city_counties: Vec<String> = c
        .counties
        .iter()
        .map(|&i| places.counties[i as usize].fips.clone())
        .collect();
    // Without a usable county from ICE: the one ICE's text names among the
    // city's counties ("Sparta-White County"), else the one holding most of
    // its ZIP codes.
    let ice = fold(&row.county);
    let named = city_counties.iter().find(|fips| {
        places.county_by_fips(fips).is_some_and(|(_, county)| {
            let bare = fold(&county.name);
            let bare = bare.split(' ').next().unwrap_or_default();
            ice.split(' ').any(|word| word == bare)
        })
    });
    let county_fips = named.or(city_counties.first()).cloned().unwrap_or_default();
    (c.name.clone(), city_counties, county_fips)
}

/// A county or municipal agency's county FIPS code and city: from an
/// alias, ICE's county (forgiving a misspelling), the agency's own name or
/// its city. What it forgives or cannot match it says, row by row.
fn locate(
    row: &SheetRow,
    code: &str,
    places: &Places,
    alias: Option<&Alias>,
    why: &dyn Fn(String) -> String,
    unmatched: &mut Vec<String>,
    forgiven: &mut Vec<String>,
) -> (String, String) {
    let ice_county = &row.county;
    let no_county = matches!(ice_county.as_str(), "" | "#N/A" | "#NA" | "N/A");
    let (city, city_counties, mut county_fips) = city_of(row, code, places);
    // A county agency names its county ("St. Bernard Parish Sheriff's Office").
    let named_in_agency = || {
        [" County", " Parish", " Borough"]
            .iter()
            .find_map(|suffix| {
                let at = row.agency.find(suffix)?;
                county_named(places, code, &row.agency[..at + suffix.len()])
            })
    };
    let exact = if no_county {
        None
    } else {
        places
            .county_by_name(code, ice_county)
            .map(|(_, c)| c.fips.clone())
    };
    // Townships, villages and boroughs are rarely USPS city names:
    // a same-named city elsewhere says nothing about them.
    let minor = ["Township", "Village", "Borough"]
        .iter()
        .any(|w| row.agency.contains(w));
    let conflict = exact
        .as_ref()
        .is_some_and(|fips| !city_counties.is_empty() && !city_counties.contains(fips) && !minor);
    let from_ice = match &exact {
        Some(fips) if !conflict => Some((fips.clone(), false)),
        Some(_) => None,
        None if no_county => None,
        None => county_named(places, code, ice_county)
            .filter(|(fips, _)| city_counties.is_empty() || city_counties.contains(fips)),
    };
    if conflict && alias.is_none() {
        let city_county = places
            .county_by_fips(&county_fips)
            .map(|(_, c)| c.name.clone())
            .unwrap_or_default();
        unmatched.push(why(format!(
            "ICE says \"{ice_county}\", but the city {city} is in {city_county}: settle it in aliases.csv"
        )));
        county_fips.clear();
    } else if let Some(alias) = alias {
        county_fips = alias.county_fips.clone();
    } else if let Some((fips, misspelled)) = from_ice {
        if misspelled {
            let name = places
                .county_by_fips(&fips)
                .map(|(_, c)| c.name.clone())
                .unwrap_or_default();
            forgiven.push(why(format!("read ICE's \"{ice_county}\" as {name}")));
        }
        county_fips = fips;
    } else if let Some((fips, _)) = (row.agency_type == "County")
        .then(named_in_agency)
        .flatten()
    {
        if !no_county {
            let name = places
                .county_by_fips(&fips)
                .map(|(_, c)| c.name.clone())
                .unwrap_or_default();
            forgiven.push(why(format!("ICE's county \"{ice_county}\" is not a county here; used {name}, named in the agency")));
        }
        county_fips = fips;
    } else if !county_fips.is_empty() && !no_county {
        // A municipal agency whose ICE county is wrong: keep its city's county.
        let name = places
            .county_by_fips(&county_fips)
            .map(|(_, c)| c.name.clone())
            .unwrap_or_default();
        forgiven.push(why(format!(
            "ICE's county \"{ice_county}\" is not a county here; used {name}, the city's county"
        )));
    } else if county_fips.is_empty() {
        let what = if no_county {
            "no county given".to_string()
        } else {
            format!("no county \"{ice_county}\"")
        };
        unmatched.push(why(format!(
            "{what} and no city \"{}\" in {code}",
            cities_of(&row.agency)[0]
        )));
    }
    (county_fips, city)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_municipal_names() {
        assert_eq!(
            cities_of("City of Rockledge Police Department"),
            ["Rockledge"]
        );
        assert_eq!(
            cities_of("Ashdown City Police Department"),
            ["Ashdown City", "Ashdown"]
        );
        assert_eq!(
            cities_of("Batesburg-Leesville Police Department"),
            ["Batesburg-Leesville"]
        );
        // Names ICE writes otherwise, each once on its list.
        assert_eq!(
            cities_of("Boca Raton Police Services Department"),
            ["Boca Raton"]
        );
        assert_eq!(cities_of("Big Sandy Police Departement"), ["Big Sandy"]);
        assert_eq!(
            cities_of("Daytona Beach Shores Public Safety"),
            ["Daytona Beach Shores"]
        );
        assert_eq!(distance("berrian county", "berrien county"), 1);
    }
}
