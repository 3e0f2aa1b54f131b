//! The agency layer: the agency's own 287(g) agreements from ICE's sheets,
//! each read as a law of the agency layer (with its model's rules, its
//! MOA and ICE's list as sources), pending agreements and "the list shows
//! none" as notes.

use crate::answer::{Reason, SourceRef};
use crate::dataset::names::fold;
use crate::dataset::strings::contains;
use crate::dataset::*;
use crate::prelude::*;

/// One of the agency's 287(g) agreements, read as a law of the agency layer.
pub struct AgencyAgreement {
    /// The agency that signed it, as ICE names it.
    pub party: String,
    pub law: Law,
}

/// Where the agency is, as far as its agreements go.
pub struct AgencyPlace<'a> {
    /// The state's USPS code and its index among the jurisdictions.
    pub code: &'a str,
    pub state: u32,
    /// Indexes in the place index of the county and the city, if known.
    pub county: Option<u32>,
    pub city: Option<u32>,
    /// The name of the agency's own place (its county, city or state).
    pub name: &'a str,
}

/// What ICE's sheets say about the agency.
pub struct AgreementLayer {
    pub agreements: Vec<AgencyAgreement>,
    /// Pending agreements, or a note that the list shows none.
    pub notes: Vec<Reason>,
}

/// The agency's agreements and notes; `None` when ICE's sheets cannot be
/// searched for it (a sheriff without a county, police without a city).
pub fn agreement_layer(
    dataset: &Dataset,
    places: &Places,
    agency: Agency,
    at: &AgencyPlace,
) -> Option<AgreementLayer> {
    let found = agencies(places, agency, at)?;
    let mut layer = AgreementLayer {
        agreements: Vec::new(),
        notes: Vec::new(),
    };
    if found.is_empty() {
        layer.notes.push(none_listed(dataset, places, agency, at));
        return Some(layer);
    }
    for one in found {
        for agreement in &one.agreements {
            let Some(model) = dataset.models.iter().find(|m| m.model == agreement.model) else {
                continue;
            };
            if agreement.pending {
                layer.notes.push(pending(dataset, places, one, model));
            } else if let Some(law) = agreement_law(places, one, agreement, model, at.state) {
                layer.agreements.push(AgencyAgreement {
                    party: one.name.clone(),
                    law,
                });
            }
        }
    }
    Some(layer)
}

/// The agencies in ICE's sheets that this question is about.
fn agencies<'p>(
    places: &'p Places,
    agency: Agency,
    at: &AgencyPlace,
) -> Option<Vec<&'p Agency287g>> {
    let code = at.code;
    let name_has = |a: &Agency287g, words: &[&str]| {
        let lower = a.name.to_ascii_lowercase();
        words.iter().any(|w| contains(&lower, w))
    };
    let in_state = places.agencies.iter().filter(|a| a.state == code);
    Some(match agency {
        Agency::Sheriff | Agency::Jail => {
            let county = at.county? as u16;
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
            let city = at.city?;
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

/// ICE's list, cited with every agreement and with "the list shows none".
fn list_source(places: &Places) -> SourceRef {
    SourceRef {
        title: [
            "ICE: list of 287(g) participating agencies (as of ",
            &places.participating_as_of.iso(),
            ")",
        ]
        .concat(),
        url: places.program_url.clone(),
        effective: None,
        verified: places.participating_as_of,
    }
}

/// A step of the agency layer that is no rule.
fn note(title: String, text: String, source: SourceRef) -> Reason {
    Reason {
        level: Level::Agency,
        rule: String::new(),
        title,
        text,
        effect: None,
        applies: false,
        note: String::new(),
        sources: vec![source],
    }
}

/// "ICE's list of <date> shows no agreement for the <agency> in <place>."
fn none_listed(dataset: &Dataset, places: &Places, agency: Agency, at: &AgencyPlace) -> Reason {
    let s = &dataset.strings;
    let text = fill(
        &s.agreement_none,
        &[
            ("date", &places.participating_as_of.iso()),
            ("agency", &label(&s.agencies, agency).to_ascii_lowercase()),
            ("place", at.name),
        ],
    );
    note(String::new(), text, list_source(places))
}

/// An agreement ICE lists as pending: not in force, shown as a note.
fn pending(dataset: &Dataset, places: &Places, agency: &Agency287g, model: &ModelRules) -> Reason {
    let text = fill(
        &dataset.strings.agreement_pending,
        &[
            ("model", &model.name),
            ("agency", &agency.name),
            ("date", &places.pending_as_of.iso()),
        ],
    );
    let source = SourceRef {
        title: "ICE: list of 287(g) pending agencies".into(),
        url: places.program_url.clone(),
        effective: None,
        verified: places.pending_as_of,
    };
    note(agency.name.clone(), text, source)
}

/// A signed agreement as a law of the agency layer: its model's rules,
/// worded for this agency, with the MOA, its addendum and ICE's list.
fn agreement_law(
    places: &Places,
    agency: &Agency287g,
    agreement: &Agreement,
    model: &ModelRules,
    state: u32,
) -> Option<Law> {
    let signed = agreement.signed?;
    let signed_text = signed.iso();
    let mut sources = Vec::new();
    let moa = places.moa_url(agreement);
    if !moa.is_empty() {
        sources.push(Source {
            title: [
                "Memorandum of agreement: ",
                &agency.name,
                ", ",
                Named::name(agreement.model),
                " (ICE)",
            ]
            .concat(),
            url: moa,
        });
    }
    let addendum = places.addendum_url(agreement);
    if !addendum.is_empty() {
        sources.push(Source {
            title: ["Addendum to the agreement: ", &agency.name, " (ICE)"].concat(),
            url: addendum,
        });
    }
    let list = list_source(places);
    sources.push(Source {
        title: list.title,
        url: list.url,
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
                &[("agency", &agency.name), ("signed", &signed_text)],
            ),
            ..rule.clone()
        })
        .collect();
    Some(Law {
        id: agreement_id(&agency.name, agreement.model),
        jurisdiction: state,
        name: [&agency.name, ": ", &model.name].concat(),
        citation: [
            "Agreement with ICE under 8 U.S.C. § 1357(g), signed ",
            &signed_text,
        ]
        .concat(),
        kind: LawKind::Agreement,
        effective: signed,
        ends: None,
        status: Status::InForce,
        status_note: String::new(),
        verified: places.participating_as_of,
        note: String::new(),
        sources,
        rules,
    })
}

/// Lowercase words joined by dashes: "Harris County Sheriff's Office" → "harris-county-sheriffs-office".
/// The id an agency's agreement of a model has in answers ("decided_by")
/// and in the open data: `287g-<agency>-<model>`.
pub fn agreement_id(agency: &str, model: AgreementModel) -> String {
    ["287g-", &slug(agency), "-", &slug(Named::name(model))].concat()
}

fn slug(text: &str) -> String {
    fold(text).replace(' ', "-")
}
