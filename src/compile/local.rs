//! `local/*.toml`: a state's county and city policies, each placed in the
//! county or city it belongs to (found in the geography, by name), and the
//! places searched with no policy found.

use super::check::Checker;
use super::record::no_law;
use super::schema::LocalFile;
use super::states::Pending;
use crate::dataset::*;
use std::collections::HashMap;

/// Adds each local file's counties and cities to `jurisdictions` and their
/// policies to `pending`. `states` gives each state's index by code.
pub(super) fn compile_locals(
    check: &mut Checker,
    files: &[(String, String)],
    places: &Places,
    states: &HashMap<String, u32>,
    jurisdictions: &mut Vec<Jurisdiction>,
    pending: &mut Vec<Pending>,
) {
    let mut locals: HashMap<String, u32> = HashMap::new();
    for (path, text) in files.iter().filter(|(path, _)| path.starts_with("local/")) {
        check.file = path.clone();
        let code = path.trim_start_matches("local/").trim_end_matches(".toml");
        let Some(&state) = states.get(code) else {
            check.err(
                "",
                format!("there is no states/{code}.toml for this file's state"),
            );
            continue;
        };
        let Some(file) = check.parse::<LocalFile>(text) else {
            continue;
        };
        let state = State {
            places,
            code,
            index: state,
        };
        for city in file.city {
            let record = format!("city {}", city.name);
            let place = state.place(None, Some(&city.name));
            let Some(index) = place.find_or_add(check, &record, jurisdictions, &mut locals) else {
                continue;
            };
            for county in &city.counties {
                match places.county_by_name(code, county) {
                    Some((_, c)) => jurisdictions[index as usize].covers.push(c.fips.clone()),
                    None => check.err(&record, format!("no county named \"{county}\" in {code}")),
                }
            }
        }
        for none in file.no_local_policy {
            let name = none.county.as_deref().or(none.city.as_deref());
            let record = format!("no_local_policy {}", name.unwrap_or("?"));
            let place = state.place(none.county.as_deref(), none.city.as_deref());
            let Some(index) = place.find_or_add(check, &record, jurisdictions, &mut locals) else {
                continue;
            };
            if let Some(coverage) = no_law(check, &record, none) {
                jurisdictions[index as usize].coverage = coverage;
            }
        }
        for law in file.law {
            let record = format!("law `{}`", law.id);
            let place = state.place(law.county.as_deref(), law.city.as_deref());
            if let Some(index) = place.find_or_add(check, &record, jurisdictions, &mut locals) {
                if !matches!(jurisdictions[index as usize].coverage, Coverage::Laws) {
                    check.err(&record, "its place also has a [[no_local_policy]] record");
                }
                pending.push((index, path.clone(), law));
            }
        }
    }
}

/// The state a local file is about.
struct State<'a> {
    places: &'a Places,
    code: &'a str,
    index: u32,
}

impl<'a> State<'a> {
    fn place<'b>(&self, county: Option<&'b str>, city: Option<&'b str>) -> Place<'b>
    where
        'a: 'b,
    {
        Place {
            places: self.places,
            code: self.code,
            state: self.index,
            county,
            city,
        }
    }
}

/// Where a local record belongs: a county or a city of one state.
struct Place<'a> {
    places: &'a Places,
    code: &'a str,
    state: u32,
    county: Option<&'a str>,
    city: Option<&'a str>,
}

impl Place<'_> {
    /// The jurisdiction's index, adding it on first use.
    fn find_or_add(
        &self,
        check: &mut Checker,
        record: &str,
        jurisdictions: &mut Vec<Jurisdiction>,
        locals: &mut HashMap<String, u32>,
    ) -> Option<u32> {
        let code = self.code;
        let (id, name, level, fips) = match (self.county, self.city) {
            (Some(county), None) => {
                match self.places.county_by_name(code, county) {
                    Some((_, c)) => (
                        c.fips.clone(),
                        c.name.clone(),
                        Level::County,
                        c.fips.clone(),
                    ),
                    None => {
                        check.err(record, format!("no county named \"{county}\" in {code} (see data/geo/counties.csv)"));
                        return None;
                    }
                }
            }
            (None, Some(city)) => match self.places.city_by_name(code, city) {
                Some((_, c)) => (
                    format!("{code}/{}", c.name),
                    c.name.clone(),
                    Level::City,
                    String::new(),
                ),
                None => {
                    check.err(
                        record,
                        format!("no city named \"{city}\" in {code} (see data/geo/zips.csv)"),
                    );
                    return None;
                }
            },
            _ => {
                check.err(record, "give exactly one of `county` or `city`");
                return None;
            }
        };
        let index = *locals.entry(id.clone()).or_insert_with(|| {
            jurisdictions.push(Jurisdiction {
                id,
                level,
                name,
                fips,
                parent: Some(self.state),
                coverage: Coverage::Laws,
                covers: Vec::new(),
            });
            jurisdictions.len() as u32 - 1
        });
        Some(index)
    }
}
