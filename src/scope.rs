//! Where the question is asked: the jurisdictions whose law applies
//! (federal → state → county → city) and the agency's own 287(g) agreements.
//!
//! A county or city is found in the place index when it is loaded (every
//! county, city and ZIP code) and otherwise among the dataset's own local
//! jurisdictions; an agreement becomes a `Law` at the agency layer so the
//! evaluator weighs it like any other rule.

use crate::answer::{Reason, SourceRef};
use crate::evaluate::fill;
use crate::model::*;
use crate::places::{Agency287g, AgencyKind, Places};
use crate::query::{Query, QueryError};

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

/// One of the agency's 287(g) agreements, read as a law of the agency layer.
pub struct AgencyAgreement {
    /// The agency that signed it, as ICE names it.
    pub party: String,
    pub law: Law,
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

fn is_fips(text: &str) -> bool {
    text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit())
}

impl Scope {
    pub fn resolve(
        dataset: &Dataset,
        places: Option<&Places>,
        query: &Query,
    ) -> Result<Scope, QueryError> {
        let (state, state_j) = crate::evaluate::find_state(dataset, &query.state)
            .ok_or_else(|| QueryError::UnknownState(query.state.clone()))?;
        let code = state_j.id.as_str();
        let local_j = |level: Level, matches: &dyn Fn(&Jurisdiction) -> bool| {
            dataset
                .jurisdictions
                .iter()
                .position(|j| j.level == level && j.parent == Some(state) && matches(j))
                .map(|i| i as u32)
        };
        let county = match query.county.as_deref() {
            None => None,
            Some(text) => {
                let indexed = places.and_then(|p| {
                    let found = if is_fips(text) {
                        p.county_by_fips(text)
                    } else {
                        p.county_by_name(code, text)
                    };
                    found
                        .filter(|(_, c)| c.state == code)
                        .map(|(i, c)| (u32::from(i), c.fips.clone(), c.name.clone()))
                });
                match indexed {
                    Some((i, fips, name)) => {
                        let jurisdiction = local_j(Level::County, &|j| j.id == fips);
                        Some(Local {
                            name,
                            fips,
                            places_index: Some(i),
                            jurisdiction,
                        })
                    }
                    None => {
                        let wanted = crate::places::normalize(text);
                        let jurisdiction = local_j(Level::County, &|j| {
                            j.id == text || crate::places::normalize(&j.name) == wanted
                        });
                        match (jurisdiction, places) {
                            (Some(j), _) => {
                                let record = &dataset.jurisdictions[j as usize];
                                Some(Local {
                                    name: record.name.clone(),
                                    fips: record.fips.clone(),
                                    places_index: None,
                                    jurisdiction: Some(j),
                                })
                            }
                            (None, Some(_)) => {
                                return Err(QueryError::UnknownCounty {
                                    county: text.into(),
                                    state: state_j.name.clone(),
                                })
                            }
                            (None, None) => Some(Local {
                                name: text.into(),
                                fips: String::new(),
                                places_index: None,
                                jurisdiction: None,
                            }),
                        }
                    }
                }
            }
        };
        let city = match query.city.as_deref() {
            None => None,
            Some(text) => {
                let indexed = places
                    .and_then(|p| p.city_by_name(code, text))
                    .map(|(i, c)| (i, c.name.clone()));
                let name = indexed
                    .as_ref()
                    .map_or(text.to_string(), |(_, n)| n.clone());
                let wanted = crate::places::normalize(&name);
                let jurisdiction = local_j(Level::City, &|j| {
                    crate::places::normalize(&j.name) == wanted
                });
                if indexed.is_none() && jurisdiction.is_none() && places.is_some() {
                    return Err(QueryError::UnknownCity {
                        city: text.into(),
                        state: state_j.name.clone(),
                    });
                }
                let name =
                    jurisdiction.map_or(name, |j| dataset.jurisdictions[j as usize].name.clone());
                Some(Local {
                    name,
                    fips: String::new(),
                    places_index: indexed.map(|(i, _)| i),
                    jurisdiction,
                })
            }
        };
        // A city spanning whole counties (New York City) applies wherever its
        // counties do, whatever the Postal Service calls the place.
        let covering = county
            .as_ref()
            .filter(|c| !c.fips.is_empty())
            .and_then(|c| local_j(Level::City, &|j| j.covers.contains(&c.fips)));
        let city = match (city, covering) {
            (Some(city), Some(j)) if city.jurisdiction.is_none() => Some(Local {
                name: dataset.jurisdictions[j as usize].name.clone(),
                jurisdiction: Some(j),
                ..city
            }),
            (None, Some(j)) => Some(Local {
                name: dataset.jurisdictions[j as usize].name.clone(),
                fips: String::new(),
                places_index: None,
                jurisdiction: Some(j),
            }),
            (city, _) => city,
        };
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
            scope.agency_layer(dataset, places, query.agency, code);
        }
        Ok(scope)
    }

    /// Whether the agency has a 287(g) agreement in force on `date`; `None`
    /// when its agreements are not known (no place index, or no county for
    /// a sheriff).
    pub fn has_agreement(&self, date: crate::date::Date) -> Option<bool> {
        self.agency_known
            .then(|| self.agreements.iter().any(|a| a.law.effective <= date))
    }

    /// The agencies in ICE's sheets that this question is about.
    fn agencies<'p>(
        &self,
        places: &'p Places,
        agency: Agency,
        code: &str,
    ) -> Option<Vec<&'p Agency287g>> {
        let name_has = |a: &Agency287g, words: &[&str]| {
            let lower = a.name.to_ascii_lowercase();
            words.iter().any(|w| lower.contains(w))
        };
        let in_state = places.agencies.iter().filter(|a| a.state == code);
        Some(match agency {
            Agency::Sheriff | Agency::Jail => {
                let county = self.county.as_ref()?.places_index? as u16;
                let words: &[&str] = if agency == Agency::Sheriff {
                    &["sheriff"]
                } else {
                    &["sheriff", "jail", "correction", "detention"]
                };
                in_state
                    .filter(|a| {
                        a.kind == AgencyKind::County
                            && a.counties.contains(&county)
                            && name_has(a, words)
                    })
                    .collect()
            }
            Agency::Police => {
                let city = self.city.as_ref()?.places_index?;
                in_state
                    .filter(|a| a.kind == AgencyKind::Municipality && a.city == Some(city))
                    .collect()
            }
            Agency::StatePolice => in_state
                .filter(|a| a.kind == AgencyKind::State)
                .filter(|a| {
                    name_has(
                        a,
                        &[
                            "highway patrol",
                            "state police",
                            "state patrol",
                            "public safety",
                        ],
                    )
                })
                .collect(),
        })
    }

    fn agency_layer(&mut self, dataset: &Dataset, places: &Places, agency: Agency, code: &str) {
        let s = &dataset.strings;
        let Some(agencies) = self.agencies(places, agency, code) else {
            return;
        };
        self.agency_known = true;
        let list_source = SourceRef {
            title: format!(
                "ICE: list of 287(g) participating agencies (as of {})",
                places.participating_as_of
            ),
            url: places.program_url.clone(),
            effective: None,
            verified: places.participating_as_of,
        };
        if agencies.is_empty() {
            let local = match agency {
                Agency::Police => self.city.as_ref(),
                Agency::Sheriff | Agency::Jail => self.county.as_ref(),
                Agency::StatePolice => None,
            };
            let place = local.map_or_else(
                || dataset.jurisdictions[self.state as usize].name.clone(),
                |l| l.name.clone(),
            );
            let label = crate::evaluate::label(&s.agencies, Agency::ALL, agency);
            self.agreement_notes.push(Reason {
                level: Level::Agency,
                rule: String::new(),
                title: String::new(),
                text: fill(
                    &s.agreement_none,
                    &[
                        ("date", &places.participating_as_of.to_string()),
                        ("agency", &label.to_ascii_lowercase()),
                        ("place", &place),
                    ],
                ),
                effect: None,
                applies: false,
                note: String::new(),
                sources: vec![list_source],
            });
            return;
        }
        for found in agencies {
            for agreement in &found.agreements {
                let Some(model) = dataset.models.iter().find(|m| m.model == agreement.model) else {
                    continue;
                };
                if agreement.pending {
                    self.agreement_notes.push(Reason {
                        level: Level::Agency,
                        rule: String::new(),
                        title: found.name.clone(),
                        text: fill(
                            &s.agreement_pending,
                            &[
                                ("model", &model.name),
                                ("agency", &found.name),
                                ("date", &places.pending_as_of.to_string()),
                            ],
                        ),
                        effect: None,
                        applies: false,
                        note: String::new(),
                        sources: vec![SourceRef {
                            title: "ICE: list of 287(g) pending agencies".into(),
                            url: places.program_url.clone(),
                            effective: None,
                            verified: places.pending_as_of,
                        }],
                    });
                    continue;
                }
                let Some(signed) = agreement.signed else {
                    continue;
                };
                let signed_text = signed.to_string();
                let mut sources = Vec::new();
                let moa = places.moa_url(agreement);
                if !moa.is_empty() {
                    sources.push(Source {
                        title: format!(
                            "Memorandum of agreement: {}, {} (ICE)",
                            found.name,
                            crate::model::Named::name(agreement.model)
                        ),
                        url: moa,
                    });
                }
                let addendum = places.addendum_url(agreement);
                if !addendum.is_empty() {
                    sources.push(Source {
                        title: format!("Addendum to the agreement: {} (ICE)", found.name),
                        url: addendum,
                    });
                }
                sources.push(Source {
                    title: list_source.title.clone(),
                    url: list_source.url.clone(),
                });
                for source in &model.sources {
                    if !sources.iter().any(|s| s.url == source.url) {
                        sources.push(source.clone());
                    }
                }
                let rules = model
                    .rules
                    .iter()
                    .map(|rule| Rule {
                        text: fill(
                            &rule.text,
                            &[("agency", &found.name), ("signed", &signed_text)],
                        ),
                        ..rule.clone()
                    })
                    .collect();
                self.agreements.push(AgencyAgreement {
                    party: found.name.clone(),
                    law: Law {
                        id: format!(
                            "287g-{}-{}",
                            slug(&found.name),
                            slug(crate::model::Named::name(agreement.model))
                        ),
                        jurisdiction: self.state,
                        name: format!("{}: {}", found.name, model.name),
                        citation: format!(
                            "Agreement with ICE under 8 U.S.C. § 1357(g), signed {signed_text}"
                        ),
                        kind: LawKind::Agreement,
                        effective: signed,
                        ends: None,
                        status: Status::InForce,
                        status_note: String::new(),
                        verified: places.participating_as_of,
                        note: String::new(),
                        sources,
                        rules,
                    },
                });
            }
        }
    }
}

/// Lowercase words joined by dashes: "Harris County Sheriff's Office" → "harris-county-sheriffs-office".
fn slug(text: &str) -> String {
    crate::places::normalize(text).replace(' ', "-")
}
