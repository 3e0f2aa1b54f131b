//! The words a question and an answer are made of (agency, situation,
//! warrant, verdict) and the one table per word that parses and prints them.

use super::wire::wire_enum;
use crate::prelude::*;
use serde::Serialize;

/// The agency ICE asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Agency {
    Police,
    Sheriff,
    Jail,
    StatePolice,
}

/// What ICE is asking for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Situation {
    ResidentialRaid,
    Detainer,
    TaskForce,
    InfoSharing,
}

impl Situation {
    /// The paper ICE brings, when the situation itself tells. A detainer
    /// (Form I-247A) is signed by an ICE officer and, since April 2017, sent
    /// with ICE's own administrative warrant (Form I-200 or I-205); requests
    /// for release dates come on the same forms, and a task force is joined
    /// by agreement, not by warrant. Only at a home does the kind of warrant
    /// vary from case to case, so only there is it asked.
    pub fn usual_warrant(self) -> Option<Warrant> {
        match self {
            Situation::ResidentialRaid => None,
            Situation::Detainer | Situation::TaskForce | Situation::InfoSharing => {
                Some(Warrant::Administrative)
            }
        }
    }
}

/// The paper ICE holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Warrant {
    /// Signed by a judge.
    Judicial,
    /// Signed by an ICE officer (Forms I-200 / I-205).
    Administrative,
}

wire_enum!(Warrant {
    Judicial,
    Administrative
});

/// Names as written in data files, CLI flags and the JS API. One table per
/// enum keeps parsing and printing in agreement.
pub trait Named: Sized + Copy + PartialEq + 'static {
    const ALL: &'static [(Self, &'static str)];
    /// What the user is told is accepted, e.g. "police, sheriff, jail, state-police".
    fn accepted() -> String {
        Self::ALL
            .iter()
            .map(|(_, name)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(v, _)| *v)
    }
    fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(v, _)| *v == self)
            .map(|(_, n)| *n)
            .unwrap_or("")
    }
    /// This value's bit in a `u8` set (position in `ALL`).
    fn bit(self) -> u8 {
        let index = Self::ALL.iter().position(|(v, _)| *v == self).unwrap_or(0);
        1 << index
    }
    fn all_bits() -> u8 {
        Self::ALL.iter().fold(0, |set, (v, _)| set | v.bit())
    }
}

impl Named for Agency {
    const ALL: &'static [(Agency, &'static str)] = &[
        (Agency::Police, "police"),
        (Agency::Sheriff, "sheriff"),
        (Agency::Jail, "jail"),
        (Agency::StatePolice, "state-police"),
    ];
}

impl Named for Situation {
    const ALL: &'static [(Situation, &'static str)] = &[
        (Situation::ResidentialRaid, "residential-raid"),
        (Situation::Detainer, "detainer"),
        (Situation::TaskForce, "task-force"),
        (Situation::InfoSharing, "info-sharing"),
    ];
}

impl Named for Warrant {
    const ALL: &'static [(Warrant, &'static str)] = &[
        (Warrant::Judicial, "judicial"),
        (Warrant::Administrative, "administrative"),
    ];
}

/// The answer's bottom line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    MayRefuse,
    MustRefuse,
    MustCooperate,
    Mixed,
    Unknown,
}

impl Named for Verdict {
    const ALL: &'static [(Verdict, &'static str)] = &[
        (Verdict::MayRefuse, "may_refuse"),
        (Verdict::MustRefuse, "must_refuse"),
        (Verdict::MustCooperate, "must_cooperate"),
        (Verdict::Mixed, "mixed"),
        (Verdict::Unknown, "unknown"),
    ];
}
