//! Step one of an answer: every rule in the layers that speaks to this
//! agency, situation and warrant, each with its standing on the date asked
//! (in force, not yet, no longer, blocked by a court).

use super::query::Query;
use super::scope::Scope;
use crate::dataset::{Agency, Dataset, Date, Effect, Law, LawKind, Level, Named, Rule, Status};
use crate::prelude::*;

/// Why a considered rule does not decide the answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Standing {
    Applies,
    NotYetInForce,
    NoLongerInForce,
    Enjoined,
    /// A rule for agencies with a 287(g) agreement; this one has none.
    NoAgreement,
    /// Set aside by another rule; the note explains.
    SetAside(String),
}

/// A rule in the question's layers, as it stands on the date asked.
pub struct Considered<'a> {
    pub law: &'a Law,
    pub rule: &'a Rule,
    pub level: Level,
    pub effect: Effect,
    pub standing: Standing,
    /// Who signed, for an agency's own 287(g) agreement.
    pub party: Option<&'a str>,
    /// A condition the rule carries here (it binds only agencies with an
    /// agreement, and this agency's are not known).
    pub condition: Option<&'a str>,
}

impl Considered<'_> {
    pub fn applies(&self) -> bool {
        self.standing == Standing::Applies
    }

    /// A court's order or ruling: no broader layer's law sets it aside.
    pub fn is_judicial(&self) -> bool {
        matches!(self.law.kind, LawKind::CourtOrder | LawKind::CaseLaw)
    }
}

/// Every rule in the layers that speaks to this agency, situation and
/// warrant, with its standing on the date asked.
pub fn consider<'a>(dataset: &'a Dataset, query: &Query, scope: &'a Scope) -> Vec<Considered<'a>> {
    let s = &dataset.strings;
    let agreed = scope.has_agreement(query.as_of);
    let layered = laws_in(dataset, &scope.chain).map(|law| (law, level_of(dataset, law), None));
    let agreements = scope
        .agreements
        .iter()
        .map(|a| (&a.law, Level::Agency, Some(a.party.as_str())));
    layered
        .chain(agreements)
        .flat_map(|(law, level, party)| law.rules.iter().map(move |rule| (law, level, party, rule)))
        .filter(|(_, _, _, rule)| speaks_to(rule, query))
        .filter(|(_, _, _, rule)| rule.warrant.is_none() || rule.warrant == query.warrant)
        .map(|(law, level, party, rule)| {
            let mut c = Considered {
                law,
                rule,
                level,
                effect: rule.effect,
                standing: in_force(law, rule, query.as_of),
                party,
                condition: None,
            };
            if rule.only_with_287g && c.applies() {
                match agreed {
                    Some(true) => {}
                    Some(false) => c.standing = Standing::NoAgreement,
                    // Not known whether this agency has an agreement: the
                    // rule binds it only if it does.
                    None => {
                        c.effect = Effect::Mixed;
                        c.condition = Some(&s.only_with_287g_unknown);
                    }
                }
            }
            // A county's rule for police binds the county's own force; in a
            // town, the question may be about the town's own department,
            // which the county does not command (unless the town and the
            // county are one government: Baltimore, New Orleans).
            if level == Level::County
                && query.agency == Agency::Police
                && scope.city.is_some()
                && !scope.city_spans_county(dataset)
                && c.applies()
                && matches!(
                    c.effect,
                    Effect::MustRefuse | Effect::MustCooperate | Effect::MayRefuse
                )
            {
                c.effect = Effect::Mixed;
                c.condition = Some(&s.county_police_in_town);
            }
            c
        })
        .collect()
}

/// Whether some rule in the layers turns on the kind of warrant ICE holds,
/// so a question that does not say must be answered both ways.
pub fn warrant_matters(dataset: &Dataset, query: &Query, scope: &Scope) -> bool {
    laws_in(dataset, &scope.chain)
        .chain(scope.agreements.iter().map(|a| &a.law))
        .flat_map(|law| &law.rules)
        .any(|rule| rule.warrant.is_some() && speaks_to(rule, query))
}

/// Whether a local jurisdiction has any rule for this agency and situation,
/// whatever the warrant (so "none of its policies deal with this" is true
/// in both branches of a warrant-dependent answer).
pub fn local_speaks(dataset: &Dataset, jurisdiction: Option<u32>, query: &Query) -> bool {
    dataset
        .laws
        .iter()
        .filter(|law| Some(law.jurisdiction) == jurisdiction)
        .flat_map(|law| &law.rules)
        .any(|rule| speaks_to(rule, query))
}

fn laws_in<'a>(dataset: &'a Dataset, chain: &'a [u32]) -> impl Iterator<Item = &'a Law> + 'a {
    dataset
        .laws
        .iter()
        .filter(move |law| chain.contains(&law.jurisdiction))
}

fn speaks_to(rule: &Rule, query: &Query) -> bool {
    rule.situations & query.situation.bit() != 0 && rule.agencies & query.agency.bit() != 0
}

fn level_of(dataset: &Dataset, law: &Law) -> Level {
    dataset
        .jurisdictions
        .get(law.jurisdiction as usize)
        .map_or(Level::Federal, |j| j.level)
}

/// Whether a law's rule is in force and unblocked on a date.
fn in_force(law: &Law, rule: &Rule, date: Date) -> Standing {
    if date < rule.effective.unwrap_or(law.effective) {
        Standing::NotYetInForce
    } else if law.ends.is_some_and(|end| date >= end) {
        // A repealed law has an end date (the data check insists):
        // before it, the law applied.
        Standing::NoLongerInForce
    } else if law.status == Status::Enjoined {
        Standing::Enjoined
    } else {
        Standing::Applies
    }
}
