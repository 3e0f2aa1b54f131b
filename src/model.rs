//! The compiled dataset: what the evaluator reads.
//!
//! These types are the payload of the binary data file (see `codec`). They are
//! deliberately flat — ids instead of pointers, bit sets instead of lists — so
//! the encoding stays small and decoding needs no fix-ups.

use crate::date::Date;
use serde::{Deserialize, Serialize};

/// The whole compiled dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Set on the web's core file: where the rest of the data is (see `chunks`).
    pub chunks: Option<crate::chunks::ChunkIndex>,
    /// Text the evaluator puts into answers (headlines, trace phrases, labels).
    pub strings: Strings,
}

/// A note for people, shown with answers about the situations it names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    /// Bit set of `Situation`s.
    pub situations: u8,
    pub title: String,
    pub text: String,
    pub verified: Date,
    pub sources: Vec<Source>,
}

/// The rules a 287(g) agreement of one model brings, with their sources. An
/// agency's agreements (in the place index) are evaluated with these.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelRules {
    pub model: crate::places::Model,
    /// "287(g) jail enforcement agreement".
    pub name: String,
    pub verified: Date,
    pub sources: Vec<Source>,
    /// Texts may use `{agency}` and `{signed}`.
    pub rules: Vec<Rule>,
}

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
}

/// The layers of law, broadest first. Order matters: a narrower layer's rule
/// sets aside a broader layer's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Federal,
    State,
    County,
    City,
    Agency,
}

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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// How much we know about a jurisdiction's own law.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// A statute, executive order, ruling, opinion or agreement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub title: String,
    pub url: String,
}

/// One effect of a law, in a scope of agencies and situations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// What a rule does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// The agency ICE asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Agency {
    Police,
    Sheriff,
    Jail,
    StatePolice,
}

/// What ICE is asking for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Warrant {
    /// Signed by a judge.
    Judicial,
    /// Signed by an ICE officer (Forms I-200 / I-205).
    Administrative,
}

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

/// Text the core puts into answers. It lives in `data/strings.toml` so that
/// wording (and later, each language) changes without touching code.
/// Templates use `{name}` placeholders.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Strings {
    /// Headlines, indexed like `Headline::ALL`, each naming who decides.
    pub headlines: Vec<String>,
    /// "What this means for you", indexed like `Verdict::ALL`.
    pub meanings: Vec<String>,
    /// The warrant question and its three answers (judicial, administrative, unknown).
    pub warrant_question: String,
    pub warrant_answers: Vec<String>,
    /// The agency question, asked when the agency changes the answer.
    pub agency_question: String,
    /// The agency label when it does not change the answer.
    pub agency_any: String,
    /// Agency labels, indexed like `Agency::ALL`.
    pub agencies: Vec<String>,
    /// Situation labels, indexed like `Situation::ALL`.
    pub situations: Vec<String>,
    pub disclaimer: String,
    pub not_yet_in_force: String,
    pub no_longer_in_force: String,
    pub enjoined: String,
    pub enjoined_in_part: String,
    pub overridden: String,
    pub preempted: String,
    pub conflict: String,
    pub depends_on_warrant: String,
    pub depends_on_agency: String,
    pub unverified: String,
    pub no_law_found: String,
    pub no_local_policy: String,
    pub no_local_data: String,
    pub local_silent: String,
    pub other_situation: String,
    pub agreement_pending: String,
    pub agreement_none: String,
    /// Title of a condition: "If a judge has signed a warrant for this person".
    pub if_judicial: String,
    /// Title of the note on an unconfirmed change that cannot change the answer.
    pub pending_change: String,
    /// Why a rule for agencies with a 287(g) agreement does not apply here.
    pub only_with_287g_none: String,
    /// Why such a rule reads as "it depends": the agency's agreements are unknown.
    pub only_with_287g_unknown: String,
}

/// One bottom line per verdict, and for obligations and doubts, per who
/// decides: a headline never says "state law requires" when a county's
/// policy or an agency's own agreement is what decides. Placeholders:
/// `{state}`, `{place}` (the county or city), `{law}` (the deciding law's
/// name), `{party}` (who signed the agreement), `{why}` (the deciding rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Headline {
    MayRefuse,
    MustRefuseState,
    MustRefuseCounty,
    MustRefuseCity,
    MustRefuseCourt,
    MustCooperateState,
    MustCooperateCounty,
    MustCooperateCity,
    MustCooperateCourt,
    /// A rule that says it depends, and on what.
    Mixed,
    /// An agency bound only by the 287(g) agreement it signed.
    MixedAgreement,
    MixedWarrant,
    MixedAgency,
    Unknown,
    /// An unconfirmed change to the state's law could change the answer.
    UnknownPending,
}

impl Named for Headline {
    const ALL: &'static [(Headline, &'static str)] = &[
        (Headline::MayRefuse, "may_refuse"),
        (Headline::MustRefuseState, "must_refuse_state"),
        (Headline::MustRefuseCounty, "must_refuse_county"),
        (Headline::MustRefuseCity, "must_refuse_city"),
        (Headline::MustRefuseCourt, "must_refuse_court"),
        (Headline::MustCooperateState, "must_cooperate_state"),
        (Headline::MustCooperateCounty, "must_cooperate_county"),
        (Headline::MustCooperateCity, "must_cooperate_city"),
        (Headline::MustCooperateCourt, "must_cooperate_court"),
        (Headline::Mixed, "mixed"),
        (Headline::MixedAgreement, "mixed_agreement"),
        (Headline::MixedWarrant, "mixed_warrant"),
        (Headline::MixedAgency, "mixed_agency"),
        (Headline::Unknown, "unknown"),
        (Headline::UnknownPending, "unknown_pending"),
    ];
}

impl Strings {
    /// A headline template (empty if the data lacks it; the data check
    /// insists on every one).
    pub fn headline(&self, which: Headline) -> &str {
        let index = Headline::ALL
            .iter()
            .position(|(h, _)| *h == which)
            .unwrap_or(0);
        self.headlines.get(index).map_or("", String::as_str)
    }
}

/// The answer's bottom line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
