//! Law: the layers, jurisdictions, laws and their rules, and where each
//! fact comes from.

use super::date::Date;
use super::vocab::{Named, Verdict, Warrant};
use super::wire::{wire_enum, wire_struct, Reader, Wire, WireError};
use crate::prelude::*;
use serde::Serialize;

/// The layers of law, broadest first. Order matters: a narrower layer's rule
/// sets aside a broader layer's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Federal,
    State,
    County,
    City,
    Agency,
}

wire_enum!(Level {
    Federal,
    State,
    County,
    City,
    Agency
});

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Federal => "federal",
            Level::State => "state",
            Level::County => "county",
            Level::City => "city",
            Level::Agency => "agency",
        }
    }
}

/// A place whose law can apply: the United States, a state, a county, a city.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Jurisdiction {
    /// Stable id: "US", a USPS state code ("TX"), a county's five-digit FIPS
    /// code ("48201"), or a city as "ST/Name" ("RI/Providence").
    pub id: String,
    pub level: Level,
    pub name: String,
    /// Census FIPS code ("48" for Texas, "48201" for Harris County); empty
    /// for the federal layer and cities.
    pub fips: String,
    /// Index of the enclosing jurisdiction (a county's state); None for the US.
    pub parent: Option<u32>,
    pub coverage: Coverage,
    /// For a city: FIPS codes of whole counties it spans (New York City's
    /// five boroughs), so a place in them gets the city's law even where the
    /// Postal Service names it "Brooklyn".
    pub covers: Vec<String>,
}

wire_struct!(Jurisdiction {
    id,
    level,
    name,
    fips,
    parent,
    coverage,
    covers
});

/// How much we know about a jurisdiction's own law.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Coverage {
    /// Its laws are in `Dataset::laws` (there is at least one).
    Laws,
    /// Someone searched and found no law either way; the federal baseline
    /// rules. A state may also have laws for some agencies or situations
    /// (Pennsylvania's State Police regulation): this record then answers
    /// where none of them speaks.
    NoLawFound {
        verified: Date,
        searched: String,
        sources: Vec<Source>,
    },
    /// We could not verify its law: answers say `unknown` and why, citing
    /// what was checked (here, or on the laws that were verified).
    Unverified {
        reason: String,
        checked: Option<Date>,
        sources: Vec<Source>,
        /// Bit set of the `Situation`s the doubt is about; others are
        /// answered from the verified laws.
        situations: u8,
        /// The doubt concerns law from this date on (a 2026 bill cannot
        /// change a 2020 answer); `None` means every date.
        since: Option<Date>,
        /// Bit set of the `Agency`s the doubt is about.
        agencies: u8,
        /// What the unconfirmed change would do if it is law. An answer it
        /// could not change stands, with a note; `None` means it could
        /// change any answer, which is then `unknown`.
        would_be: Option<Effect>,
    },
}

impl Wire for Coverage {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Coverage::Laws => 0u32.write(out),
            Coverage::NoLawFound {
                verified,
                searched,
                sources,
            } => {
                1u32.write(out);
                verified.write(out);
                searched.write(out);
                sources.write(out);
            }
            Coverage::Unverified {
                reason,
                checked,
                sources,
                situations,
                since,
                agencies,
                would_be,
            } => {
                2u32.write(out);
                reason.write(out);
                checked.write(out);
                sources.write(out);
                situations.write(out);
                since.write(out);
                agencies.write(out);
                would_be.write(out);
            }
        }
    }

    fn read(r: &mut Reader) -> Coverage {
        // Fields are read in the order written (a struct literal evaluates
        // its fields in source order).
        match u32::read(r) {
            0 => Coverage::Laws,
            1 => Coverage::NoLawFound {
                verified: Wire::read(r),
                searched: Wire::read(r),
                sources: Wire::read(r),
            },
            2 => Coverage::Unverified {
                reason: Wire::read(r),
                checked: Wire::read(r),
                sources: Wire::read(r),
                situations: Wire::read(r),
                since: Wire::read(r),
                agencies: Wire::read(r),
                would_be: Wire::read(r),
            },
            _ => {
                r.fail(WireError::Invalid(
                    "a coverage record is not one the engine knows",
                ));
                Coverage::Laws
            }
        }
    }
}

/// A statute, executive order, ruling, opinion or agreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Law {
    pub id: String,
    /// Index into `Dataset::jurisdictions`.
    pub jurisdiction: u32,
    pub name: String,
    pub citation: String,
    pub kind: LawKind,
    pub effective: Date,
    pub ends: Option<Date>,
    pub status: Status,
    pub status_note: String,
    pub verified: Date,
    pub note: String,
    pub sources: Vec<Source>,
    pub rules: Vec<Rule>,
}

wire_struct!(Law {
    id,
    jurisdiction,
    name,
    citation,
    kind,
    effective,
    ends,
    status,
    status_note,
    verified,
    note,
    sources,
    rules
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LawKind {
    Constitution,
    Statute,
    Regulation,
    ExecutiveOrder,
    CaseLaw,
    AgOpinion,
    CourtOrder,
    Ordinance,
    Policy,
    Agreement,
}

wire_enum!(LawKind {
    Constitution,
    Statute,
    Regulation,
    ExecutiveOrder,
    CaseLaw,
    AgOpinion,
    CourtOrder,
    Ordinance,
    Policy,
    Agreement
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InForce,
    /// Blocked in whole by a court: it does not apply.
    Enjoined,
    /// Blocked in part. Its rules still apply as written — the data marks a
    /// rule the injunction touches as `mixed` — and every reason built from
    /// it states the injunction, so the reader sees its scope.
    EnjoinedInPart,
    Repealed,
}

wire_enum!(Status {
    InForce,
    Enjoined,
    EnjoinedInPart,
    Repealed
});

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub title: String,
    pub url: String,
}

wire_struct!(Source { title, url });

/// One effect of a law, in a scope of agencies and situations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rule {
    /// Bit set of `Situation`s this rule speaks to.
    pub situations: u8,
    /// Bit set of `Agency`s it binds.
    pub agencies: u8,
    /// When set, the rule applies only if ICE holds this kind of warrant.
    pub warrant: Option<Warrant>,
    pub effect: Effect,
    /// Plain-language statement of what the rule means.
    pub text: String,
    /// Ids of laws whose rules this rule is an explicit exception to (it
    /// sets them aside when both apply).
    pub overrides: Vec<String>,
    /// When this part of the law takes effect, if later than the law itself
    /// (Florida's detainer duty began three months after the rest of SB 168).
    pub effective: Option<Date>,
    /// The rule binds only an agency that has a 287(g) agreement in force
    /// (Tennessee: sheriffs with an agreement must honor detainers). Where
    /// the agency's agreements are not known, it reads as `mixed`.
    pub only_with_287g: bool,
}

wire_struct!(Rule {
    situations,
    agencies,
    warrant,
    effect,
    text,
    overrides,
    effective,
    only_with_287g
});

/// What a rule does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    MayRefuse,
    MustRefuse,
    MustCooperate,
    /// Depends on facts the tool cannot know, or contested: the text says which.
    Mixed,
    /// Bars the agency from a policy or practice of refusing (a state's ban
    /// on "sanctuary" policies, "formal or informal"), without ordering it
    /// to help each time: `mixed` unless an obligation at its layer or a
    /// narrower one decides. It sets aside any permission to refuse.
    BarsRefusalPolicy,
    /// Voids narrower policies that limit cooperation (e.g. Texas SB 4).
    PreemptsLocalLimits,
    /// Voids narrower policies that expand cooperation.
    PreemptsLocalExpansion,
}

wire_enum!(Effect {
    MayRefuse,
    MustRefuse,
    MustCooperate,
    Mixed,
    BarsRefusalPolicy,
    PreemptsLocalLimits,
    PreemptsLocalExpansion
});

impl Effect {
    /// Whether this effect answers the question itself (preemption does not:
    /// it only removes other rules).
    pub fn is_verdict(self) -> bool {
        !matches!(
            self,
            Effect::PreemptsLocalLimits | Effect::PreemptsLocalExpansion
        )
    }

    /// The verdict a rule with this effect gives when it decides alone.
    pub fn verdict(self) -> Option<Verdict> {
        match self {
            Effect::MayRefuse => Some(Verdict::MayRefuse),
            Effect::MustRefuse => Some(Verdict::MustRefuse),
            Effect::MustCooperate => Some(Verdict::MustCooperate),
            Effect::Mixed | Effect::BarsRefusalPolicy => Some(Verdict::Mixed),
            Effect::PreemptsLocalLimits | Effect::PreemptsLocalExpansion => None,
        }
    }
}

impl Named for Effect {
    const ALL: &'static [(Effect, &'static str)] = &[
        (Effect::MayRefuse, "may_refuse"),
        (Effect::MustRefuse, "must_refuse"),
        (Effect::MustCooperate, "must_cooperate"),
        (Effect::Mixed, "mixed"),
        (Effect::BarsRefusalPolicy, "bars_refusal_policy"),
        (Effect::PreemptsLocalLimits, "preempts_local_limits"),
        (Effect::PreemptsLocalExpansion, "preempts_local_expansion"),
    ];
}

impl Named for LawKind {
    const ALL: &'static [(LawKind, &'static str)] = &[
        (LawKind::Constitution, "constitution"),
        (LawKind::Statute, "statute"),
        (LawKind::Regulation, "regulation"),
        (LawKind::ExecutiveOrder, "executive_order"),
        (LawKind::CaseLaw, "case_law"),
        (LawKind::AgOpinion, "ag_opinion"),
        (LawKind::CourtOrder, "court_order"),
        (LawKind::Ordinance, "ordinance"),
        (LawKind::Policy, "policy"),
        (LawKind::Agreement, "agreement"),
    ];
}

impl Named for Status {
    const ALL: &'static [(Status, &'static str)] = &[
        (Status::InForce, "in_force"),
        (Status::Enjoined, "enjoined"),
        (Status::EnjoinedInPart, "enjoined_in_part"),
        (Status::Repealed, "repealed"),
    ];
}
