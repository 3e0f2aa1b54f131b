//! The dataset's root: what a whole data file holds (the CLI's) or, on the
//! web, the core file with each state's chunk merged in as it arrives.

use super::date::Date;
use super::files::ChunkIndex;
use super::law::{Jurisdiction, Law, Level, Rule, Source};
use super::places::AgreementModel;
use super::strings::Strings;
use super::wire::wire_struct;
use crate::prelude::*;
use serde::Serialize;

/// The whole compiled dataset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dataset {
    /// The day the data was last reviewed as a whole; shown with every answer.
    pub data_as_of: Date,
    /// Every jurisdiction, federal first; a law points at one by index.
    pub jurisdictions: Vec<Jurisdiction>,
    pub laws: Vec<Law>,
    /// What each 287(g) model obliges an agency to do while its agreement lasts.
    pub models: Vec<ModelRules>,
    /// Notes for people (their own rights), shown with some situations.
    pub notes: Vec<Note>,
    /// Set on the web's core file: where the rest of the data is (see `files`).
    pub chunks: Option<ChunkIndex>,
    /// Text the evaluator puts into answers (headlines, trace phrases, labels).
    pub strings: Strings,
}

wire_struct!(Dataset {
    data_as_of,
    jurisdictions,
    laws,
    models,
    notes,
    chunks,
    strings
});

/// A note for people, shown with answers about the situations it names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    pub id: String,
    /// Bit set of `Situation`s.
    pub situations: u8,
    pub title: String,
    pub text: String,
    pub verified: Date,
    pub sources: Vec<Source>,
}

wire_struct!(Note {
    id,
    situations,
    title,
    text,
    verified,
    sources
});

/// The rules a 287(g) agreement of one model brings, with their sources. An
/// agency's agreements (in the place index) are evaluated with these.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelRules {
    pub model: AgreementModel,
    /// "287(g) jail enforcement agreement".
    pub name: String,
    pub verified: Date,
    pub sources: Vec<Source>,
    /// Texts may use `{agency}` and `{signed}`.
    pub rules: Vec<Rule>,
}

wire_struct!(ModelRules {
    model,
    name,
    verified,
    sources,
    rules
});

impl Dataset {
    /// Every state and territory as (USPS code, name): what place search
    /// matches a trailing "…, RI" or "… Rhode Island" against.
    pub fn states(&self) -> Vec<(&str, &str)> {
        self.jurisdictions
            .iter()
            .filter(|j| j.level == Level::State)
            .map(|j| (j.id.as_str(), j.name.as_str()))
            .collect()
    }

    /// A state by USPS code or full name, ignoring case, with its index.
    pub fn state(&self, text: &str) -> Option<(u32, &Jurisdiction)> {
        let text = text.trim();
        self.jurisdictions
            .iter()
            .enumerate()
            .filter(|(_, j)| j.level == Level::State)
            .find(|(_, j)| j.id.eq_ignore_ascii_case(text) || j.name.eq_ignore_ascii_case(text))
            .map(|(i, j)| (i as u32, j))
    }
}
