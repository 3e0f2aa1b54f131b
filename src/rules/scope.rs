//! Where the question is asked: the jurisdictions whose law applies
//! (federal → state → county → city) and the agency's own 287(g) agreements.
//!
//! A county or city is found in the place index when it is loaded (every
//! county, city and ZIP code) and otherwise among the dataset's own local
//! jurisdictions; an agreement becomes a `Law` at the agency layer so the
//! evaluator weighs it like any other rule.

use super::agreements::{agreement_layer, AgencyAgreement, AgencyPlace};
use super::query::{Query, QueryError};
use crate::answer::Reason;
use crate::dataset::names::fold;
use crate::dataset::*;
use crate::prelude::*;

/// The resolved place and what applies there.
pub struct Scope {
    /// Dataset jurisdiction indexes, broadest first.
    pub chain: Vec<u32>,
    pub state: u32,
    pub county: Option<Local>,
    pub city: Option<Local>,
    /// The agency's 287(g) agreements, as laws of the agency layer.
    pub agreements: Vec<AgencyAgreement>,
    /// Whether the agency was looked up in ICE's sheets (a sheriff needs a
    /// county, city police a city), so "no agreement" is known, not guessed.
    pub agency_known: bool,
    /// Pending agreements, or a note that the list shows none.
    pub agreement_notes: Vec<Reason>,
}

/// A county or city as resolved.
pub struct Local {
    pub name: String,
    /// The county's FIPS code; empty for a city.
    pub fips: String,
    /// Its index in the place index, when it is there.
    places_index: Option<u32>,
    /// Its index among the dataset's jurisdictions, when it has local records.
    pub jurisdiction: Option<u32>,
}

/// The state a question is in, for finding its counties and cities.
struct InState<'a> {
    dataset: &'a Dataset,
    places: Option<&'a Places>,
    index: u32,
    code: &'a str,
    name: &'a str,
}

impl InState<'_> {
    /// A county or city of this state among the dataset's local records.
    fn local(&self, level: Level, matches: impl Fn(&Jurisdiction) -> bool) -> Option<u32> {
        self.dataset
            .jurisdictions
            .iter()
            .position(|j| j.level == level && j.parent == Some(self.index) && matches(j))
            .map(|i| i as u32)
    }

    /// The county named (by name or FIPS code). With the place index
    /// loaded, a county it does not know is an error; without it, the name
    /// is taken as given.
    fn county(&self, text: &str) -> Result<Local, QueryError> {
        let indexed = self.places.and_then(|p| {
            let found = if is_fips(text) {
                p.county_by_fips(text)
            } else {
                p.county_by_name(self.code, text)
            };
            found
                .filter(|(_, c)| c.state == self.code)
                .map(|(i, c)| (u32::from(i), c.fips.clone(), c.name.clone()))
        });
        if let Some((i, fips, name)) = indexed {
            let jurisdiction = self.local(Level::County, |j| j.id == fips);
            return Ok(Local {
                name,
                fips,
                places_index: Some(i),
                jurisdiction,
            });
        }
        let wanted = fold(text);
        let jurisdiction = self.local(Level::County, |j| j.id == text || fold(&j.name) == wanted);
        match (jurisdiction, self.places) {
            (Some(j), _) => {
                let record = &self.dataset.jurisdictions[j as usize];
                Ok(Local {
                    name: record.name.clone(),
                    fips: record.fips.clone(),
                    places_index: None,
                    jurisdiction: Some(j),
                })
            }
            (None, Some(_)) => Err(QueryError::UnknownCounty {
                county: text.into(),
                state: self.name.to_string(),
            }),
            (None, None) => Ok(Local {
                name: text.into(),
                fips: String::new(),
                places_index: None,
                jurisdiction: None,
            }),
        }
    }

    /// The city or town named, likewise.
    fn city(&self, text: &str) -> Result<Local, QueryError> {
        let indexed = self
            .places
            .and_then(|p| p.city_by_name(self.code, text))
            .map(|(i, c)| (i, c.name.clone()));
        let name = indexed
            .as_ref()
            .map_or(text.to_string(), |(_, n)| n.clone());
        let wanted = fold(&name);
        let jurisdiction = self.local(Level::City, |j| fold(&j.name) == wanted);
        if indexed.is_none() && jurisdiction.is_none() && self.places.is_some() {
            return Err(QueryError::UnknownCity {
                city: text.into(),
                state: self.name.to_string(),
            });
        }
        let name = jurisdiction.map_or(name, |j| {
            self.dataset.jurisdictions[j as usize].name.clone()
        });
        Ok(Local {
            name,
            fips: String::new(),
            places_index: indexed.map(|(i, _)| i),
            jurisdiction,
        })
    }

    /// A city that spans whole counties (New York City, Baltimore) is that
    /// city only inside them: where the Postal Service gives its name to a
    /// place in another county (a "Baltimore" address in Baltimore County),
    /// the city's own policies do not reach.
    fn within(&self, county: Option<&Local>, city: Local) -> Local {
        let outside = |j: u32| county.and_then(|c| spans(self.dataset, j, c)) == Some(false);
        match city.jurisdiction {
            Some(j) if outside(j) => Local {
                jurisdiction: None,
                ..city
            },
            _ => city,
        }
    }

    /// The one county a city spans whole, if it spans exactly one.
    fn sole_county(&self, city: &Local) -> Option<String> {
        let covers = &self.dataset.jurisdictions[city.jurisdiction? as usize].covers;
        match covers.as_slice() {
            [fips] => Some(fips.clone()),
            _ => None,
        }
    }

    /// A city spanning whole counties (New York City) applies wherever its
    /// counties do, whatever the Postal Service calls the place.
    fn covering(&self, county: Option<&Local>, city: Option<Local>) -> Option<Local> {
        let covering = county
            .filter(|c| !c.fips.is_empty())
            .and_then(|c| self.local(Level::City, |j| j.covers.contains(&c.fips)));
        let name = |j: u32| self.dataset.jurisdictions[j as usize].name.clone();
        match (city, covering) {
            (Some(city), Some(j)) if city.jurisdiction.is_none() => Some(Local {
                name: name(j),
                jurisdiction: Some(j),
                ..city
            }),
            (None, Some(j)) => Some(Local {
                name: name(j),
                fips: String::new(),
                places_index: None,
                jurisdiction: Some(j),
            }),
            (city, _) => city,
        }
    }
}

/// Whether the city record `j` spans `county` whole; `None` where that
/// cannot be told (the city spans no county, or the county's code is not
/// known).
fn spans(dataset: &Dataset, j: u32, county: &Local) -> Option<bool> {
    let covers = &dataset.jurisdictions[j as usize].covers;
    (!covers.is_empty() && !county.fips.is_empty()).then(|| covers.contains(&county.fips))
}

fn is_fips(text: &str) -> bool {
    text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit())
}

impl Scope {
    pub fn resolve(
        dataset: &Dataset,
        places: Option<&Places>,
        query: &Query,
    ) -> Result<Scope, QueryError> {
        let (state, state_j) = dataset
            .state(&query.state)
            .ok_or_else(|| QueryError::UnknownState(query.state.clone()))?;
        let at = InState {
            dataset,
            places,
            index: state,
            code: &state_j.id,
            name: &state_j.name,
        };
        let city = query.city.as_deref().map(|t| at.city(t)).transpose()?;
        // A city that is one government with a single county (Baltimore,
        // Anchorage), asked about without its county, is in that county
        // (when the county is known by its code: see `InState::county`).
        let sole = match (&query.county, &city) {
            (None, Some(city)) => at.sole_county(city),
            _ => None,
        };
        let county = query
            .county
            .as_deref()
            .or(sole.as_deref())
            .map(|t| at.county(t))
            .transpose()?
            .filter(|c| query.county.is_some() || !c.fips.is_empty());
        let city = city.map(|city| at.within(county.as_ref(), city));
        let city = at.covering(county.as_ref(), city);
        let mut chain = vec![0, state];
        chain.extend(county.as_ref().and_then(|c| c.jurisdiction));
        chain.extend(city.as_ref().and_then(|c| c.jurisdiction));
        let mut scope = Scope {
            chain,
            state,
            county,
            city,
            agreements: Vec::new(),
            agency_known: false,
            agreement_notes: Vec::new(),
        };
        if let Some(places) = places {
            scope.agency_layer(dataset, places, query.agency, &state_j.id);
        }
        Ok(scope)
    }

    /// Whether the city asked about spans its county whole (a `[[city]]`
    /// record: New York City, Denver, Baltimore): the two are one
    /// government, so the county's rules bind the city's own police.
    pub fn city_spans_county(&self, dataset: &Dataset) -> bool {
        let (Some(county), Some(city)) = (&self.county, &self.city) else {
            return false;
        };
        city.jurisdiction
            .is_some_and(|j| spans(dataset, j, county) == Some(true))
    }

    /// Whether the agency has a 287(g) agreement in force on `date`; `None`
    /// when its agreements are not known (no place index, or no county for
    /// a sheriff).
    pub fn has_agreement(&self, date: Date) -> Option<bool> {
        self.agency_known
            .then(|| self.agreements.iter().any(|a| a.law.effective <= date))
    }

    fn agency_layer(&mut self, dataset: &Dataset, places: &Places, agency: Agency, code: &str) {
        let own = match agency {
            Agency::Police => self.city.as_ref(),
            Agency::Sheriff | Agency::Jail => self.county.as_ref(),
            Agency::StatePolice => None,
        };
        let state_name = &dataset.jurisdictions[self.state as usize].name;
        let at = AgencyPlace {
            code,
            state: self.state,
            county: self.county.as_ref().and_then(|c| c.places_index),
            city: self.city.as_ref().and_then(|c| c.places_index),
            name: own.map_or(state_name, |l| &l.name),
        };
        if let Some(layer) = agreement_layer(dataset, places, agency, &at) {
            self.agency_known = true;
            self.agreements = layer.agreements;
            self.agreement_notes = layer.notes;
        }
    }
}
