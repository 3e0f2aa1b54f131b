//! The wording answers are built from, compiled from `data/strings.toml`
//! (and each language's file), and the two helpers that read it.

use super::vocab::Named;
use super::wire::wire_struct;
use crate::prelude::*;
use serde::Serialize;

/// Text the core puts into answers. It lives in `data/strings.toml` so that
/// wording (and later, each language) changes without touching code.
/// Templates use `{name}` placeholders.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
    /// A city and a county that are one government, whose policies the
    /// data keys by one of the two (`{other}`): said at the other (`{place}`).
    pub one_government: String,
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
    /// Why a county's rule for police reads as "it depends" in a town: it
    /// binds the county's own police, and the town may have its own.
    pub county_police_in_town: String,
}

wire_struct!(Strings {
    headlines,
    meanings,
    warrant_question,
    warrant_answers,
    agency_question,
    agency_any,
    agencies,
    situations,
    disclaimer,
    not_yet_in_force,
    no_longer_in_force,
    enjoined,
    enjoined_in_part,
    overridden,
    preempted,
    conflict,
    depends_on_warrant,
    depends_on_agency,
    unverified,
    no_law_found,
    no_local_policy,
    no_local_data,
    local_silent,
    one_government,
    other_situation,
    agreement_pending,
    agreement_none,
    if_judicial,
    pending_change,
    only_with_287g_none,
    only_with_287g_unknown,
    county_police_in_town
});

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

/// Fills `{name}` placeholders. Unknown placeholders stay visible, so a typo
/// in `strings.toml` shows up in tests rather than vanishing.
/// Each placeholder is filled once, from the template: a value that itself
/// contains `{…}` is left as it is.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let filled = after.split_once('}').and_then(|(name, tail)| {
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((value, tail))
        });
        match filled {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `needle` occurs in `text`. (A plain scan, not `str::contains`:
/// the standard library's substring search and its error paths weigh
/// kilobytes in the page's engine, for texts a few hundred bytes long.)
pub fn contains(text: &str, needle: &str) -> bool {
    find(text, needle, 0).is_some()
}

/// Where `needle` first occurs in `text` at or after byte `from`. A match
/// of valid UTF-8 in valid UTF-8 always starts on a character boundary.
pub fn find(text: &str, needle: &str, from: usize) -> Option<usize> {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let last = text.len().checked_sub(needle.len())?;
    (from..=last).find(|&at| text.get(at..at + needle.len()) == Some(needle))
}

/// The label of a value from a list indexed like `T::ALL` (empty if the
/// data lacks it; the data check insists on every one).
pub fn label<T: Named>(labels: &[String], value: T) -> String {
    let index = T::ALL.iter().position(|(v, _)| *v == value).unwrap_or(0);
    labels.get(index).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_each_placeholder_once_and_keeps_unknown_ones_visible() {
        let values = [("state", "Texas"), ("law", "SB 4 {state}")];
        assert_eq!(
            fill("{state}: {law} ({missing}) {", &values),
            "Texas: SB 4 {state} ({missing}) {"
        );
        assert_eq!(fill("{}{state}", &values), "{}Texas");
    }

    #[test]
    fn finds_text_anywhere_including_accented() {
        assert!(contains("Condado de Harris", "de H"));
        assert!(!contains("abc", "abcd"));
        assert_eq!(find("añoaño", "año", 1), Some(4));
        assert!(contains("x", ""));
    }
}
