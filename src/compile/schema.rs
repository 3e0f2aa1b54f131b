//! The schema of the human-edited TOML files: what each file may say,
//! with unknown fields refused (a misspelt field is an error, never
//! silently ignored). The compile steps read these and check the rest.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MetaFile {
    pub(super) data_as_of: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FederalFile {
    #[serde(default)]
    pub(super) law: Vec<LawSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StateFile {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) fips: String,
    #[serde(default)]
    pub(super) law: Vec<LawSrc>,
    pub(super) no_statewide_law: Option<NoLawSrc>,
    pub(super) unverified: Option<String>,
    /// With `unverified`: the situations the doubt is about (default: all).
    pub(super) unverified_situations: Option<Vec<String>>,
    /// With `unverified`: the first date the doubt concerns (default: always).
    pub(super) unverified_since: Option<String>,
    /// With `unverified`: the agencies the doubt is about (default: all).
    pub(super) unverified_agencies: Option<Vec<String>>,
    /// With `unverified`: what the unconfirmed change would do if it is law
    /// (an effect); answers it could not change stand, with a note.
    pub(super) unverified_would_be: Option<String>,
    /// With `unverified`: the day and the sources of the failed check.
    pub(super) checked: Option<String>,
    #[serde(default)]
    pub(super) source: Vec<SourceSrc>,
    /// Notes for maintainers: never compiled, never shown.
    #[serde(default, rename = "research")]
    pub(super) _research: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LocalFile {
    /// Cities that span whole counties.
    #[serde(default)]
    pub(super) city: Vec<CitySrc>,
    #[serde(default)]
    pub(super) law: Vec<LawSrc>,
    #[serde(default)]
    pub(super) no_local_policy: Vec<NoLawSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CitySrc {
    pub(super) name: String,
    pub(super) counties: Vec<String>,
}

/// "No law found" for a state (`[no_statewide_law]`) or a place (`[[no_local_policy]]`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NoLawSrc {
    pub(super) county: Option<String>,
    pub(super) city: Option<String>,
    pub(super) verified: String,
    pub(super) searched: String,
    #[serde(default)]
    pub(super) source: Vec<SourceSrc>,
    #[serde(default, rename = "research")]
    pub(super) _research: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LawSrc {
    pub(super) id: String,
    /// Local policies only: the place they belong to.
    pub(super) county: Option<String>,
    pub(super) city: Option<String>,
    pub(super) name: String,
    pub(super) citation: String,
    pub(super) kind: String,
    pub(super) effective: String,
    pub(super) ends: Option<String>,
    pub(super) status: String,
    #[serde(default)]
    pub(super) status_note: String,
    pub(super) verified: String,
    #[serde(default)]
    pub(super) note: String,
    /// Notes for maintainers: what was checked, what is unconfirmed.
    #[serde(default, rename = "research")]
    pub(super) _research: Option<String>,
    #[serde(default)]
    pub(super) source: Vec<SourceSrc>,
    #[serde(default)]
    pub(super) rule: Vec<RuleSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SourceSrc {
    pub(super) title: String,
    pub(super) url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleSrc {
    pub(super) situations: Vec<String>,
    pub(super) agencies: Option<Vec<String>>,
    pub(super) effect: String,
    pub(super) text: String,
    pub(super) warrant: Option<String>,
    #[serde(default)]
    pub(super) overrides: Vec<String>,
    /// The rule binds only agencies with a 287(g) agreement in force.
    #[serde(default)]
    pub(super) only_with_287g: bool,
    /// This part takes effect later than the law.
    pub(super) effective: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ModelsFile {
    pub(super) model: Vec<ModelSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ModelSrc {
    pub(super) model: String,
    pub(super) name: String,
    pub(super) verified: String,
    #[serde(default)]
    pub(super) source: Vec<SourceSrc>,
    #[serde(default)]
    pub(super) rule: Vec<RuleSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NotesFile {
    pub(super) note: Vec<NoteSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NoteSrc {
    pub(super) id: String,
    pub(super) situations: Vec<String>,
    pub(super) title: String,
    pub(super) text: String,
    pub(super) verified: String,
    #[serde(default)]
    pub(super) source: Vec<SourceSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct QuestionStrings {
    pub(super) agency: String,
    pub(super) agency_any: String,
    pub(super) warrant: String,
    pub(super) warrant_judicial: String,
    pub(super) warrant_administrative: String,
    pub(super) warrant_unknown: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StringsFile {
    pub(super) disclaimer: String,
    pub(super) headlines: BTreeMap<String, String>,
    pub(super) meanings: BTreeMap<String, String>,
    pub(super) questions: QuestionStrings,
    pub(super) agencies: BTreeMap<String, String>,
    pub(super) situations: BTreeMap<String, String>,
    pub(super) trace: TraceStrings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TraceStrings {
    pub(super) not_yet_in_force: String,
    pub(super) no_longer_in_force: String,
    pub(super) enjoined: String,
    pub(super) enjoined_in_part: String,
    pub(super) overridden: String,
    pub(super) preempted: String,
    pub(super) conflict: String,
    pub(super) depends_on_warrant: String,
    pub(super) depends_on_agency: String,
    pub(super) unverified: String,
    pub(super) no_law_found: String,
    pub(super) no_local_policy: String,
    pub(super) no_local_data: String,
    pub(super) local_silent: String,
    pub(super) one_government: String,
    pub(super) other_situation: String,
    pub(super) agreement_pending: String,
    pub(super) agreement_none: String,
    pub(super) if_judicial: String,
    pub(super) pending_change: String,
    pub(super) only_with_287g_none: String,
    pub(super) only_with_287g_unknown: String,
    pub(super) county_police_in_town: String,
}
