//! What the person asked, parsed from strings (CLI flags, JS objects) into
//! typed values, with one-line errors that say what is accepted.

use crate::dataset::{Agency, Date, Named, Situation, Warrant};
use crate::prelude::*;
use core::fmt;

/// A parsed question.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// USPS code or full name, as typed; resolved by the evaluator.
    pub state: String,
    pub county: Option<String>,
    pub city: Option<String>,
    pub agency: Agency,
    /// The person was not asked the agency (it was left blank or "any"):
    /// the engine asks it only if the agency changes the answer, and
    /// otherwise answers for every local agency at once.
    pub any_agency: bool,
    /// The person answered the agency question with "I don't know": the
    /// answer says what each agency's would be, and the question is not
    /// asked again.
    pub agency_answered: bool,
    pub situation: Situation,
    /// `None` means the person does not know (or was not asked).
    pub warrant: Option<Warrant>,
    /// Whether the warrant question was answered at all ("I don't know"
    /// counts), so the engine does not ask it again.
    pub warrant_answered: bool,
    pub as_of: Date,
}

/// The question as it crosses from JS or the CLI: plain strings.
#[derive(Clone, Debug, Default)]
pub struct QueryInput {
    pub state: String,
    pub county: Option<String>,
    pub city: Option<String>,
    /// Blank or "any" when the person was not asked; "unknown" when they
    /// do not know.
    pub agency: String,
    pub situation: String,
    pub warrant: Option<String>,
    /// `YYYY-MM-DD`; absent means today.
    pub as_of: Option<String>,
}

/// Why a question could not be answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryError {
    UnknownAgency(String),
    UnknownSituation(String),
    UnknownWarrant(String),
    BadDate(String),
    UnknownState(String),
    UnknownCounty { county: String, state: String },
    UnknownCity { city: String, state: String },
}

impl QueryError {
    /// The error in plain words, saying what is accepted. (Built by hand,
    /// not with `write!`: the page's engine carries no formatting code of
    /// its own.)
    pub fn message(&self) -> String {
        match self {
            QueryError::UnknownAgency(v) => [
                "unknown agency \"",
                v,
                "\"; use one of: ",
                &Agency::accepted(),
            ]
            .concat(),
            QueryError::UnknownSituation(v) => [
                "unknown situation \"",
                v,
                "\"; use one of: ",
                &Situation::accepted(),
            ]
            .concat(),
            QueryError::UnknownWarrant(v) => [
                "unknown warrant kind \"",
                v,
                "\"; use one of: ",
                &Warrant::accepted(),
                ", or leave it out if you do not know",
            ]
            .concat(),
            QueryError::BadDate(v) => [
                "\"",
                v,
                "\" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27",
            ]
            .concat(),
            QueryError::UnknownCounty { county, state } => [
                "no county \"",
                county,
                "\" in ",
                state,
                "; write its name (\"Harris County\", \"Harris\") or its five-digit FIPS code",
            ]
            .concat(),
            QueryError::UnknownCity { city, state } => [
                "no city or town \"",
                city,
                "\" in ",
                state,
                "; try its ZIP code with --place, or leave --city out",
            ]
            .concat(),
            QueryError::UnknownState(v) => [
                "unknown state \"",
                v,
                "\"; use a two-letter code such as TX or CA (DC and PR work too) or the full name",
            ]
            .concat(),
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for QueryError {}

/// Treats blank optional text as absent, so an empty form field means "not given".
fn given(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl QueryInput {
    /// Parses every field; `today` fills a missing `as_of`.
    pub fn parse(self, today: Date) -> Result<Query, QueryError> {
        let agency = self.agency.trim();
        let situation = self.situation.trim();
        let agency_answered = agency == "unknown";
        let any_agency = agency.is_empty() || agency == "any" || agency_answered;
        let agency = if any_agency {
            Agency::Police
        } else {
            Agency::from_name(agency).ok_or_else(|| QueryError::UnknownAgency(agency.into()))?
        };
        let situation = Situation::from_name(situation)
            .ok_or_else(|| QueryError::UnknownSituation(situation.into()))?;
        let warrant_answered = given(self.warrant.clone()).is_some();
        let warrant = match given(self.warrant).as_deref() {
            None | Some("unknown") => None,
            Some(text) => Some(
                Warrant::from_name(text).ok_or_else(|| QueryError::UnknownWarrant(text.into()))?,
            ),
        };
        let as_of = match given(self.as_of) {
            None => today,
            Some(text) => Date::parse(&text).ok_or(QueryError::BadDate(text))?,
        };
        Ok(Query {
            state: self.state.trim().to_string(),
            county: given(self.county),
            city: given(self.city),
            agency,
            any_agency,
            agency_answered,
            situation,
            warrant,
            warrant_answered,
            as_of,
        })
    }
}
