//! The shipped data read the way the law reads, checked across the country
//! rather than case by case: a detainer is ICE's own request; a 287(g)
//! agreement binds only by the agency's choice; a state's ban on refusal
//! policies binds the agency's own practice; and a headline names only the
//! layer that decides — in English and in Spanish.

use can_refuse::answer::Answer;
use can_refuse::dataset::codec;
use can_refuse::dataset::fill;
use can_refuse::dataset::{
    Agency, Coverage, Dataset, Effect, Headline, Level, Named, Situation, Status, Verdict, Warrant,
};
use can_refuse::dataset::{AgencyKind, Places};
use can_refuse::{compile, Date, QueryInput};

fn english() -> (Dataset, Places) {
    (
        codec::decode(can_refuse::EMBEDDED_DATA).expect("data"),
        codec::decode_places(can_refuse::EMBEDDED_PLACES).expect("places"),
    )
}

/// The shipped data with the Spanish text merged in.
fn spanish() -> Dataset {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let all = compile::read_dir(&dir).expect("data");
    let english = compile::lang::english_files(&all);
    let spanish = compile::lang::language_files(&all, "es");
    let (merged, _) = compile::lang::merge(&english, &spanish);
    compile::compile_translated(&merged)
        .expect("Spanish data compiles")
        .dataset
}

/// One question, with the place index loaded as the page and CLI have it.
#[derive(Clone, Default)]
struct Ask<'a> {
    state: &'a str,
    county: Option<&'a str>,
    city: Option<&'a str>,
    agency: &'a str,
    situation: &'a str,
    as_of: Option<Date>,
}

impl Ask<'_> {
    fn answer(&self, dataset: &Dataset, places: &Places) -> Answer {
        let query = QueryInput {
            state: self.state.into(),
            county: self.county.map(str::to_string),
            city: self.city.map(str::to_string),
            agency: self.agency.into(),
            situation: self.situation.into(),
            warrant: None,
            as_of: Some(self.as_of.unwrap_or(dataset.data_as_of).to_string()),
        }
        .parse(dataset.data_as_of)
        .expect("query parses");
        can_refuse::evaluate(dataset, Some(places), &query).unwrap_or_else(|e| {
            panic!(
                "{} {:?} {:?} {} {}: {e}",
                self.state, self.county, self.city, self.agency, self.situation
            )
        })
    }
}

fn states(dataset: &Dataset) -> Vec<String> {
    dataset
        .states()
        .iter()
        .map(|(code, _)| code.to_string())
        .collect()
}

/// Every county and city with records of its own: (state, county, city).
fn localities(dataset: &Dataset) -> Vec<(String, Option<String>, Option<String>)> {
    dataset
        .jurisdictions
        .iter()
        .filter(|j| matches!(j.level, Level::County | Level::City))
        .filter_map(|j| {
            let state = &dataset.jurisdictions[j.parent? as usize].id;
            Some(match j.level {
                Level::County => (state.clone(), Some(j.fips.clone()), None),
                _ => (state.clone(), None, Some(j.name.clone())),
            })
        })
        .collect()
}

const AGENCIES: [&str; 5] = ["police", "sheriff", "jail", "state-police", ""];

fn date(text: &str) -> Date {
    Date::parse(text).expect("date")
}

#[test]
fn no_detainer_answer_asks_the_warrant_question() {
    let (dataset, places) = english();
    let dates = [
        "2014-06-01",
        "2017-09-15",
        "2019-10-15",
        "2022-01-01",
        "2025-09-01",
    ];
    let mut asked = 0;
    for state in states(&dataset) {
        for as_of in dates.iter().map(|d| Some(date(d))).chain([None]) {
            for agency in AGENCIES {
                let q = Ask {
                    state: &state,
                    agency,
                    situation: "detainer",
                    as_of,
                    ..Ask::default()
                };
                let answer = q.answer(&dataset, &places);
                asked += 1;
                assert_ne!(
                    answer.next_question.as_ref().map(|q| q.id),
                    Some("warrant"),
                    "{state} {agency} on {as_of:?}: {}",
                    answer.headline
                );
            }
        }
    }
    for (state, county, city) in localities(&dataset) {
        for agency in AGENCIES {
            let q = Ask {
                state: &state,
                county: county.as_deref(),
                city: city.as_deref(),
                agency,
                situation: "detainer",
                ..Ask::default()
            };
            let answer = q.answer(&dataset, &places);
            asked += 1;
            assert_ne!(
                answer.next_question.as_ref().map(|q| q.id),
                Some("warrant"),
                "{state} {county:?} {city:?} {agency}: {}",
                answer.headline
            );
        }
    }
    assert!(asked > 1_500, "only {asked} detainer questions walked");
}

/// Where a state's law bars detainer holds, sheriffs and jails are told
/// `must_refuse`, with the law's rule for a judge's warrant beside it.
#[test]
fn states_that_bar_holds_answer_must_refuse_with_the_judges_warrant_condition() {
    let (dataset, places) = english();
    let today = dataset.data_as_of;
    let mut checked = Vec::new();
    for law in &dataset.laws {
        let state = &dataset.jurisdictions[law.jurisdiction as usize];
        let in_force = state.level == Level::State
            && law.effective <= today
            && law.ends.is_none_or(|end| end > today)
            && law.status != Status::Enjoined;
        if !in_force {
            continue;
        }
        let detainer = Situation::Detainer.bit();
        let bars = |agency: Agency| {
            law.rules.iter().any(|r| {
                r.effect == Effect::MustRefuse
                    && r.situations & detainer != 0
                    && r.agencies & agency.bit() != 0
                    && r.warrant != Some(Warrant::Judicial)
                    && r.effective.is_none_or(|d| d <= today)
            })
        };
        let judicial = law
            .rules
            .iter()
            .any(|r| r.situations & detainer != 0 && r.warrant == Some(Warrant::Judicial));
        for agency in [Agency::Sheriff, Agency::Jail] {
            if !bars(agency) {
                continue;
            }
            let q = Ask {
                state: &state.id,
                agency: agency.name(),
                situation: "detainer",
                ..Ask::default()
            };
            let answer = q.answer(&dataset, &places);
            assert_eq!(
                answer.verdict,
                Verdict::MustRefuse,
                "{} {}: {} ({})",
                state.id,
                agency.name(),
                answer.headline,
                law.id
            );
            assert!(answer.next_question.is_none());
            if judicial {
                assert!(
                    answer
                        .caveats
                        .iter()
                        .any(|c| c.title == dataset.strings.if_judicial),
                    "{} {}: the judge's-warrant condition of {} is shown",
                    state.id,
                    agency.name(),
                    law.id
                );
            }
            checked.push(format!("{} {}", state.id, agency.name()));
        }
    }
    // California, Colorado, Connecticut, D.C., Illinois, Maine,
    // Massachusetts, New York, Oregon, Washington at the least.
    assert!(checked.len() >= 15, "{checked:?}");
}

/// The question a person would ask about each agency on ICE's list.
fn ask_about<'a>(agency: &'a can_refuse::dataset::Agency287g, places: &'a Places) -> Vec<Ask<'a>> {
    let county = agency
        .counties
        .first()
        .and_then(|&i| places.counties.get(usize::from(i)))
        .map(|c| c.fips.as_str());
    let city = agency
        .city
        .and_then(|i| places.cities.get(i as usize))
        .map(|c| c.name.as_str());
    let kinds: &[&str] = match agency.kind {
        AgencyKind::County => &["sheriff", "jail"],
        AgencyKind::Municipality => &["police"],
        AgencyKind::State => &["state-police"],
    };
    let mut asks = Vec::new();
    for kind in kinds {
        for (_, situation) in Situation::ALL {
            asks.push(Ask {
                state: &agency.state,
                county: if *kind == "police" { None } else { county },
                city: if *kind == "police" { city } else { None },
                agency: kind,
                situation,
                as_of: None,
            });
        }
    }
    asks
}

/// No agency on ICE's list is told a law requires what only its own
/// agreement commits it to, and no headline says "{state} law requires"
/// unless a state's law decides.
#[test]
fn no_agency_on_ices_list_is_told_a_law_requires_what_only_its_agreement_does() {
    let (dataset, places) = english();
    let mut walked = 0;
    let mut by_agreement = 0;
    for agency in places
        .agencies
        .iter()
        .filter(|a| a.agreements.iter().any(|g| !g.pending))
    {
        for q in ask_about(agency, &places) {
            let answer = q.answer(&dataset, &places);
            walked += 1;
            let where_ = format!("{} ({} {})", agency.name, q.agency, q.situation);
            let decided = answer.decided_by.as_ref();
            if answer.verdict == Verdict::MustCooperate {
                let d =
                    decided.unwrap_or_else(|| panic!("{where_}: must_cooperate names who decides"));
                assert!(
                    d.level <= Level::State,
                    "{where_}: must_cooperate rests on {} at the {:?} layer: {}",
                    d.rule,
                    d.level,
                    answer.headline
                );
                assert!(
                    answer.reasons.iter().any(|r| r.rule == d.rule
                        && r.applies
                        && r.level == d.level
                        && r.effect == Some(Effect::MustCooperate)),
                    "{where_}: {} decides and applies as must_cooperate",
                    d.rule
                );
            }
            if let Some(d) = decided.filter(|d| d.level == Level::Agency) {
                by_agreement += 1;
                assert_eq!(
                    answer.verdict,
                    Verdict::Mixed,
                    "{where_}: {}",
                    answer.headline
                );
                // The headline names who signed the deciding agreement.
                let signer = answer
                    .reasons
                    .iter()
                    .find(|r| r.rule == d.rule)
                    .and_then(|r| r.title.split(": ").next())
                    .expect("the agreement is in the trace");
                assert!(
                    answer.headline.contains(signer),
                    "{where_}: {}",
                    answer.headline
                );
            }
            let state_law = format!("{} law", answer.jurisdiction.state_name);
            if answer.headline.contains(&state_law) && answer.verdict != Verdict::Unknown {
                assert!(
                    decided.is_some_and(|d| d.level <= Level::State)
                        || answer.verdict == Verdict::Mixed,
                    "{where_}: the headline names {state_law}, which does not decide: {}",
                    answer.headline
                );
            }
        }
    }
    assert!(walked > 5_000, "walked {walked} questions");
    assert!(
        by_agreement > 1_000,
        "only {by_agreement} answers rest on an agreement"
    );
}

/// Every state that bans local refusal policies: no agency it binds is told
/// it may refuse in a situation the ban covers, statewide or in any county
/// or city with records of its own.
#[test]
fn bans_on_refusal_policies_leave_no_may_refuse() {
    let (dataset, places) = english();
    let today = dataset.data_as_of;
    let local = [Agency::Police, Agency::Sheriff, Agency::Jail];
    let mut covered = Vec::new();
    for law in &dataset.laws {
        let state = &dataset.jurisdictions[law.jurisdiction as usize];
        if state.level != Level::State
            || law.effective > today
            || law.ends.is_some_and(|end| end <= today)
            || law.status == Status::Enjoined
        {
            continue;
        }
        for ban in law
            .rules
            .iter()
            .filter(|r| r.effect == Effect::PreemptsLocalLimits)
        {
            for (situation, name) in Situation::ALL {
                for agency in local {
                    let in_ban =
                        ban.situations & situation.bit() != 0 && ban.agencies & agency.bit() != 0;
                    // The law's own word on the agency; `may_refuse` where it
                    // leaves joining to the agency (New Hampshire's 287(g) rule).
                    let leaves_it = law.rules.iter().any(|r| {
                        r.effect == Effect::MayRefuse
                            && r.situations & situation.bit() != 0
                            && r.agencies & agency.bit() != 0
                    });
                    if in_ban && !leaves_it {
                        covered.push((state.id.clone(), *name, agency.name(), law.id.clone()));
                    }
                }
            }
        }
    }
    let mut asked = 0;
    for (state, situation, agency, law) in &covered {
        let mut places_in_state: Vec<(Option<String>, Option<String>)> = vec![(None, None)];
        places_in_state.extend(
            localities(&dataset)
                .into_iter()
                .filter(|(s, _, _)| s == state)
                .map(|(_, county, city)| (county, city)),
        );
        for (county, city) in &places_in_state {
            let q = Ask {
                state,
                county: county.as_deref(),
                city: city.as_deref(),
                agency,
                situation,
                as_of: None,
            };
            let answer = q.answer(&dataset, &places);
            asked += 1;
            assert_ne!(
                answer.verdict,
                Verdict::MayRefuse,
                "{state} {county:?} {city:?} {agency} {situation}: the ban in {law} binds the agency, yet: {}",
                answer.headline
            );
        }
    }
    let states: std::collections::BTreeSet<&str> = covered.iter().map(|c| c.0.as_str()).collect();
    assert!(states.len() >= 20, "bans found in {states:?}");
    assert!(asked > 300, "asked {asked}");
}

/// The attribution a headline template makes to the state, with the law's
/// name left out: "No. Texas law requires them to cooperate with ICE in
/// this situation".
fn state_attribution(template: &str, state: &str) -> String {
    let filled = fill(template, &[("state", state)]);
    filled
        .split("({law})")
        .next()
        .unwrap_or(&filled)
        .trim()
        .to_string()
}

fn check_headlines(dataset: &Dataset, places: &Places, language: &str) -> usize {
    let h = |which| dataset.strings.headline(which);
    let mut asks: Vec<(String, Option<String>, Option<String>)> = states(dataset)
        .into_iter()
        .map(|s| (s, None, None))
        .collect();
    asks.extend(localities(dataset));
    let mut walked = 0;
    for (state, county, city) in &asks {
        for agency in AGENCIES {
            for (_, situation) in Situation::ALL {
                let q = Ask {
                    state,
                    county: county.as_deref(),
                    city: city.as_deref(),
                    agency,
                    situation,
                    as_of: None,
                };
                let answer = q.answer(dataset, places);
                walked += 1;
                let name = &answer.jurisdiction.state_name;
                let at = format!("[{language}] {state} {county:?} {city:?} {agency} {situation}");
                let says = |templates: [&str; 2]| {
                    templates
                        .iter()
                        .any(|t| answer.headline.starts_with(&state_attribution(t, name)))
                };
                let says_state = says([
                    h(Headline::MustRefuseState),
                    h(Headline::MustCooperateState),
                ]);
                let says_court = says([
                    h(Headline::MustRefuseCourt),
                    h(Headline::MustCooperateCourt),
                ]);
                let Some(d) = &answer.decided_by else {
                    assert!(
                        !says_state,
                        "{at}: names the state's law, but nothing decides: {}",
                        answer.headline
                    );
                    continue;
                };
                let deciding = answer
                    .reasons
                    .iter()
                    .find(|r| r.rule == d.rule && r.level == d.level && r.applies)
                    .unwrap_or_else(|| {
                        panic!("{at}: {} decides but does not apply in the trace", d.rule)
                    });
                let effect = deciding.effect.and_then(Effect::verdict);
                if matches!(answer.verdict, Verdict::MustRefuse | Verdict::MustCooperate) {
                    assert_eq!(
                        effect,
                        Some(answer.verdict),
                        "{at}: {} decides with another effect",
                        d.rule
                    );
                    assert_eq!(
                        says_state,
                        d.level <= Level::State && !says_court,
                        "{at}: decided at the {:?} layer by {}, yet the headline reads: {}",
                        d.level,
                        d.rule,
                        answer.headline
                    );
                    if d.level > Level::State && !says_court {
                        let place = match d.level {
                            Level::County => answer.jurisdiction.county.as_deref(),
                            _ => answer.jurisdiction.city.as_deref(),
                        };
                        if let Some(place) = place {
                            assert!(
                                answer.headline.contains(place),
                                "{at}: names {place}: {}",
                                answer.headline
                            );
                        }
                    }
                } else {
                    assert!(!says_state, "{at}: {}", answer.headline);
                }
            }
        }
    }
    walked
}

#[test]
fn headlines_name_only_the_layer_that_decides_in_english_and_spanish() {
    let (dataset, places) = english();
    let walked = check_headlines(&dataset, &places, "en");
    assert!(walked > 2_500, "walked {walked}");
    check_headlines(&spanish(), &places, "es");
}

/// Statewide answers that stay `unknown` are only those an unconfirmed
/// change could flip, and each says so.
#[test]
fn every_statewide_unknown_waits_on_a_change_that_could_flip_it() {
    let (dataset, places) = english();
    for state in states(&dataset) {
        let record = dataset
            .jurisdictions
            .iter()
            .find(|j| j.id == state)
            .expect("state");
        for agency in &AGENCIES[..4] {
            for (_, situation) in Situation::ALL {
                let q = Ask {
                    state: &state,
                    agency,
                    situation,
                    ..Ask::default()
                };
                let answer = q.answer(&dataset, &places);
                if answer.verdict != Verdict::Unknown {
                    continue;
                }
                let doubt = answer
                    .reasons
                    .iter()
                    .find(|r| r.rule.ends_with("-unverified") && r.applies);
                let conflict = answer
                    .reasons
                    .iter()
                    .any(|r| r.rule.is_empty() && r.text.contains("opposite directions"));
                assert!(
                    doubt.is_some() || conflict,
                    "{state} {agency} {situation}: unknown without saying why"
                );
                if let (Some(doubt), Coverage::Unverified { would_be, .. }) =
                    (doubt, &record.coverage)
                {
                    assert!(!doubt.sources.is_empty(), "{state}: the doubt is sourced");
                    assert!(
                        answer.headline.contains(&record.name),
                        "{state}: {}",
                        answer.headline
                    );
                    // What the change would do differs from what the settled law says.
                    if let Some(effect) = would_be {
                        let settled = answer
                            .reasons
                            .iter()
                            .filter(|r| r.applies && r.effect.is_some())
                            .filter_map(|r| r.effect.and_then(Effect::verdict))
                            .collect::<Vec<_>>();
                        assert!(
                            !settled.contains(&effect.verdict().expect("a verdict")) || settled.len() > 1,
                            "{state} {agency} {situation}: the change would say what the law already says"
                        );
                    }
                }
            }
        }
    }
}
