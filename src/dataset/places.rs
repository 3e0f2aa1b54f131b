//! The place index: every county, city and ZIP code, and every agency with a
//! 287(g) agreement. It is the second data file — the page loads it when the
//! person starts typing where they live — so the first file stays small.
//!
//! Lookup by name is forgiving the way people type (see `names`); search
//! as they type is `crate::search`.

use super::date::Date;
use super::names::{fold, strip_suffix};
use super::vocab::Named;
use super::wire::{wire_enum, wire_struct};
use crate::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
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

wire_struct!(Places {
    counties,
    cities,
    zips,
    agencies,
    participating_as_of,
    pending_as_of,
    program_url,
    moa_prefix
});

/// A county or county-equivalent (parish, borough, independent city, municipio).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct County {
    /// Five-digit Census FIPS code.
    pub fips: String,
    pub state: String,
    /// Legal name with its suffix: "Harris County", "Orleans Parish".
    pub name: String,
}

wire_struct!(County { fips, state, name });

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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

wire_struct!(City {
    state,
    name,
    counties,
    zips
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Zip {
    pub code: u32,
    /// Index into `cities`, or `u32::MAX` when the USPS name is unknown.
    pub city: u32,
    /// Indexes into `counties`; more than one when the ZIP crosses a line.
    pub counties: Vec<u16>,
}

wire_struct!(Zip {
    code,
    city,
    counties
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AgencyKind {
    County,
    Municipality,
    State,
}

wire_enum!(AgencyKind {
    County,
    Municipality,
    State
});

/// One agency in ICE's 287(g) sheets, with all its agreements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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

wire_struct!(Agency287g {
    name,
    kind,
    state,
    counties,
    city,
    agreements
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Agreement {
    pub model: AgreementModel,
    pub signed: Option<Date>,
    /// MOA link, without `moa_prefix` when it starts with it.
    pub moa: String,
    pub addendum: String,
    pub pending: bool,
}

wire_struct!(Agreement {
    model,
    signed,
    moa,
    addendum,
    pending
});

/// ICE's three 287(g) models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AgreementModel {
    TaskForce,
    WarrantServiceOfficer,
    JailEnforcement,
}

wire_enum!(AgreementModel {
    TaskForce,
    WarrantServiceOfficer,
    JailEnforcement
});

impl Named for AgreementModel {
    const ALL: &'static [(AgreementModel, &'static str)] = &[
        (AgreementModel::TaskForce, "Task Force Model"),
        (
            AgreementModel::WarrantServiceOfficer,
            "Warrant Service Officer",
        ),
        (AgreementModel::JailEnforcement, "Jail Enforcement Model"),
    ];
}

impl Named for AgencyKind {
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
        let wanted = fold(name);
        self.counties
            .iter()
            .enumerate()
            .filter(|(_, c)| c.state.eq_ignore_ascii_case(state))
            .find(|(_, c)| {
                fold(&c.name) == wanted || strip_suffix(&fold(&c.name)) == strip_suffix(&wanted)
            })
            .map(|(i, c)| (i as u16, c))
    }

    pub fn city_by_name(&self, state: &str, name: &str) -> Option<(u32, &City)> {
        let wanted = fold(name);
        self.cities
            .iter()
            .enumerate()
            .filter(|(_, c)| c.state.eq_ignore_ascii_case(state))
            .find(|(_, c)| fold(&c.name) == wanted)
            .map(|(i, c)| (i as u32, c))
    }

    pub fn zip(&self, code: &str) -> Option<&Zip> {
        let code: u32 = code.parse().ok().filter(|_| code.len() == 5)?;
        self.zips
            .binary_search_by_key(&code, |z| z.code)
            .ok()
            .map(|i| &self.zips[i])
    }
}

fn full_url(prefix: &str, link: &str) -> String {
    if link.is_empty() || link.starts_with("http") {
        link.to_string()
    } else {
        [prefix, link].concat()
    }
}
