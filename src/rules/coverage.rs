//! What the data knows about each layer, beside its rules: an unconfirmed
//! change to the state's law, a state or place searched with no law found,
//! a place with no records, a law that does not speak to this situation.

use super::consider::local_speaks;
use super::query::Query;
use super::scope::{Local, Scope};
use super::wording::{note, source_refs};
use crate::answer::{AnswerNote, Reason};
use crate::dataset::names::fold;
use crate::dataset::{fill, Coverage, Dataset, Effect, Jurisdiction, Level, Named, Verdict};
use crate::prelude::*;

/// What an unconfirmed change to the state's law does to an answer.
pub enum PendingChange {
    /// It could not change this verdict: a note beside the answer.
    Beside(AnswerNote),
    /// It could: the answer is `unknown`, for this reason.
    Unsettles(Reason),
}

/// The unconfirmed change to the state's law this question falls under,
/// weighed against the verdict the verified law gives.
pub fn pending_change(
    dataset: &Dataset,
    state: &Jurisdiction,
    query: &Query,
    verdict: Verdict,
) -> Option<PendingChange> {
    let Coverage::Unverified {
        reason,
        checked,
        sources,
        situations,
        since,
        agencies,
        would_be,
    } = &state.coverage
    else {
        return None;
    };
    let concerns = situations & query.situation.bit() != 0
        && agencies & query.agency.bit() != 0
        && since.is_none_or(|d| query.as_of >= d);
    if !concerns {
        return None;
    }
    let s = &dataset.strings;
    let sources = source_refs(sources, None, checked.unwrap_or(dataset.data_as_of));
    if would_be.and_then(Effect::verdict) == Some(verdict) {
        return Some(PendingChange::Beside(AnswerNote {
            title: fill(&s.pending_change, &[("state", &state.name)]),
            text: reason.to_string(),
            sources,
        }));
    }
    Some(PendingChange::Unsettles(Reason {
        rule: [&state.id.to_ascii_lowercase(), "-unverified"].concat(),
        title: state.name.clone(),
        applies: true,
        sources,
        ..note(
            Level::State,
            fill(&s.unverified, &[("state", &state.name), ("reason", reason)]),
        )
    }))
}

/// The steps that say what is known of the state's and the place's law
/// where no rule of theirs speaks. `state_spoke`: some state rule was
/// considered for this question.
pub fn coverage_notes(
    dataset: &Dataset,
    state: &Jurisdiction,
    scope: &Scope,
    query: &Query,
    state_spoke: bool,
) -> Vec<Reason> {
    let s = &dataset.strings;
    let mut reasons = Vec::new();
    match &state.coverage {
        // "No statewide law" speaks only where none of the state's laws does.
        Coverage::NoLawFound {
            verified,
            searched,
            sources,
        } if !state_spoke => reasons.push(Reason {
            rule: [&state.id.to_ascii_lowercase(), "-no-statewide-law"].concat(),
            title: state.name.clone(),
            applies: true,
            sources: source_refs(sources, None, *verified),
            ..note(
                Level::State,
                fill(
                    &s.no_law_found,
                    &[("state", &state.name), ("searched", searched)],
                ),
            )
        }),
        Coverage::NoLawFound { .. } => {}
        Coverage::Laws | Coverage::Unverified { .. } if !state_spoke => reasons.push(note(
            Level::State,
            fill(&s.other_situation, &[("state", &state.name)]),
        )),
        Coverage::Laws | Coverage::Unverified { .. } => {}
    }
    for (level, local) in [(Level::County, &scope.county), (Level::City, &scope.city)] {
        let Some(local) = local else { continue };
        let record = local
            .jurisdiction
            .map(|j| &dataset.jurisdictions[j as usize]);
        if let Some(other) = one_government(dataset, level, scope) {
            reasons.push(note(
                level,
                fill(
                    &s.one_government,
                    &[("place", &local.name), ("other", other)],
                ),
            ));
            continue;
        }
        match record.map(|j| &j.coverage) {
            Some(Coverage::NoLawFound {
                verified,
                searched,
                sources,
            }) => reasons.push(Reason {
                rule: [&fold(&local.name).replace(' ', "-"), "-no-local-policy"].concat(),
                title: local.name.clone(),
                applies: true,
                sources: source_refs(sources, None, *verified),
                ..note(
                    level,
                    fill(
                        &s.no_local_policy,
                        &[("place", &local.name), ("searched", searched)],
                    ),
                )
            }),
            Some(_) if !local_speaks(dataset, local.jurisdiction, query) => reasons.push(note(
                level,
                fill(&s.local_silent, &[("place", &local.name)]),
            )),
            Some(_) => {}
            None => reasons.push(note(
                level,
                fill(&s.no_local_data, &[("place", &local.name)]),
            )),
        }
    }
    reasons
}

/// Where a city and a county are one government (Baltimore and
/// "Baltimore city", Denver and Denver County) — a `[[city]]` spanning the
/// county — and the data keys its records by one of the two, the other
/// layer names it: "its policies are those shown for …", not "no local
/// policy". Returns the name of the layer that holds the records.
fn one_government<'a>(dataset: &Dataset, level: Level, scope: &'a Scope) -> Option<&'a str> {
    let (county, city) = (scope.county.as_ref()?, scope.city.as_ref()?);
    let has_records = |local: &Local| {
        local.jurisdiction.is_some_and(|j| {
            matches!(
                dataset.jurisdictions[j as usize].coverage,
                Coverage::NoLawFound { .. }
            ) || dataset.laws.iter().any(|law| law.jurisdiction == j)
        })
    };
    let (this, other) = match level {
        Level::City => (city, county),
        _ => (county, city),
    };
    (scope.city_spans_county(dataset) && !has_records(this) && has_records(other))
        .then_some(other.name.as_str())
}
