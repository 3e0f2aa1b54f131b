//! The evaluator's logic on small synthetic datasets: layering, preemption,
//! exceptions, conflicts, dates, injunctions and warrants. Independent of the
//! shipped data, so a data edit cannot hide an engine bug.

#![cfg(not(target_arch = "wasm32"))] // native tests: the wasm API has its own (tests/wasm.rs)

mod common;
use common::*;

const MUST_REFUSE_RAID: &str = r#"
[[law.rule]]
situations = ["residential-raid"]
effect = "must_refuse"
text = "State bars raid help."
"#;

/// A rule that turns on the warrant: no raid help on ICE's own paperwork.
const ADMIN_WARRANT_RAID: &str = r#"
[[law.rule]]
situations = ["residential-raid"]
effect = "must_refuse"
warrant = "administrative"
text = "No help on ICE paperwork alone."
"#;

const MUST_COOPERATE_DETAINER: &str = r#"
[[law.rule]]
situations = ["detainer"]
agencies = ["sheriff", "jail"]
effect = "must_cooperate"
text = "State requires detainer holds."
"#;

#[test]
fn federal_baseline_alone_gives_may_refuse() {
    let none = r#"code = "AA"
name = "Alpha"
fips = "01"
[no_statewide_law]
verified = "2026-11-27"
searched = "The state code and the ILRC map."
[[no_statewide_law.source]]
title = "Tracker"
url = "https://example.org/tracker"
"#;
    let data = dataset(&[("AA", none)]);
    let answer = ask(&data, "AA", "police", "residential-raid", &[]);
    assert_eq!(verdict(&answer), "may_refuse");
    assert_eq!(applied(&answer), ["us-baseline", "aa-no-statewide-law"]);
    let state = answer
        .reasons
        .iter()
        .find(|r| r.rule == "aa-no-statewide-law")
        .expect("state record");
    assert!(state.text.contains("The state code and the ILRC map."));
    assert_eq!(state.sources[0].url, "https://example.org/tracker");
    assert!(answer.disclaimer.contains("not legal advice"));
    assert_eq!(answer.data_as_of.to_string(), "2026-11-27");
}

#[test]
fn state_obligation_sets_the_federal_default_aside() {
    let data = dataset(&[(
        "BB",
        &state_with_law("BB", "02", "bb-refuse", "", MUST_REFUSE_RAID),
    )]);
    let answer = ask(&data, "BB", "police", "residential-raid", &[]);
    assert_eq!(verdict(&answer), "must_refuse");
    assert_eq!(applied(&answer), ["bb-refuse"]);
    let baseline = answer
        .reasons
        .iter()
        .find(|r| r.rule == "us-baseline")
        .expect("baseline in trace");
    assert!(!baseline.applies);
    assert!(
        baseline.note.contains("Law bb-refuse"),
        "note says what set it aside: {}",
        baseline.note
    );
    // Reasons run from the broadest layer to the narrowest.
    assert_eq!(
        answer.reasons.first().map(|r| r.level),
        Some(can_refuse::model::Level::Federal)
    );
}

#[test]
fn the_agency_is_asked_only_when_it_changes_the_answer() {
    let data = dataset(&[
        (
            "CC",
            &state_with_law("CC", "03", "cc-hold", "", MUST_COOPERATE_DETAINER),
        ),
        (
            "BB",
            &state_with_law("BB", "02", "bb-refuse", "", MUST_REFUSE_RAID),
        ),
    ]);
    // A law for every agency: the agency does not matter, so no question.
    let same = ask(&data, "BB", "", "residential-raid", &[]);
    assert_eq!(verdict(&same), "must_refuse");
    assert_eq!(same.jurisdiction.agency, "any");
    assert!(same.next_question.is_none());
    assert_eq!(applied(&same), ["bb-refuse"]);
    // A law for jails only: the agency matters, so the engine asks it and
    // says what each agency's answer would be.
    let depends = ask(&data, "CC", "", "detainer", &[]);
    assert_eq!(verdict(&depends), "mixed");
    let question = depends.next_question.as_ref().expect("a question");
    assert_eq!(question.id, "agency");
    assert!(question.options.iter().any(|o| o.id == "jail"));
    let last = depends.reasons.last().expect("a reason");
    assert!(last.text.contains("County jail: No."), "{}", last.text);
    assert!(
        last.text.contains("City or town police: Yes"),
        "{}",
        last.text
    );
    assert!(question.options.iter().any(|o| o.id == "unknown"));
    // "I don't know" is an answer: the same mixed answer, not asked again.
    let unsure = ask(&data, "CC", "unknown", "detainer", &[]);
    assert_eq!(verdict(&unsure), "mixed");
    assert!(unsure.next_question.is_none());
    assert_eq!(unsure.reasons.last().map(|r| &r.text), Some(&last.text));
    // Answering it settles the verdict.
    let jail = ask(&data, "CC", "jail", "detainer", &[]);
    assert_eq!(verdict(&jail), "must_cooperate");
    assert!(jail.next_question.is_none());
}

#[test]
fn rules_only_bind_the_agencies_and_situations_they_name() {
    let data = dataset(&[(
        "CC",
        &state_with_law("CC", "03", "cc-hold", "", MUST_COOPERATE_DETAINER),
    )]);
    assert_eq!(
        verdict(&ask(&data, "CC", "jail", "detainer", &[])),
        "must_cooperate"
    );
    assert_eq!(
        verdict(&ask(&data, "CC", "police", "detainer", &[])),
        "may_refuse"
    );
    let other = ask(&data, "CC", "jail", "info-sharing", &[]);
    assert_eq!(verdict(&other), "may_refuse");
    assert!(
        other
            .reasons
            .iter()
            .any(|r| r.text.contains("None of the State CC laws")),
        "says the state is silent"
    );
}

#[test]
fn opposite_obligations_give_unknown_citing_both() {
    let rules = format!(
        "{MUST_COOPERATE_DETAINER}\n{}",
        MUST_COOPERATE_DETAINER.replace("must_cooperate", "must_refuse")
    );
    let data = dataset(&[("DD", &state_with_law("DD", "04", "dd-both", "", &rules))]);
    let answer = ask(&data, "DD", "sheriff", "detainer", &[]);
    assert_eq!(verdict(&answer), "unknown");
    assert!(answer
        .reasons
        .iter()
        .any(|r| r.text.contains("opposite directions")));
}

#[test]
fn an_explicit_exception_resolves_a_conflict() {
    let older = state_with_law("EE", "05", "ee-old", "", MUST_COOPERATE_DETAINER);
    let newer = r#"
[[law]]
id = "ee-new"
name = "Newer law"
citation = "Code § 2"
kind = "statute"
effective = "2024-01-01"
status = "in_force"
verified = "2026-11-27"
[[law.source]]
title = "Statute"
url = "https://example.org/ee-new"
[[law.rule]]
situations = ["detainer"]
effect = "must_refuse"
text = "Jails may not hold people for ICE."
overrides = ["ee-old"]
"#;
    let data = dataset(&[("EE", &format!("{older}\n{newer}"))]);
    let answer = ask(&data, "EE", "jail", "detainer", &[]);
    assert_eq!(verdict(&answer), "must_refuse");
    assert_eq!(applied(&answer), ["ee-new"]);
}

#[test]
fn dates_decide_whether_a_law_applies() {
    let data = dataset(&[(
        "FF",
        &state_with_law(
            "FF",
            "06",
            "ff-hold",
            "ends = \"2026-01-01\"",
            MUST_COOPERATE_DETAINER,
        ),
    )]);
    let before = ask(&data, "FF", "jail", "detainer", &[("as_of", "2019-12-31")]);
    assert_eq!(verdict(&before), "may_refuse");
    assert!(before
        .reasons
        .iter()
        .any(|r| r.rule == "ff-hold" && r.note.contains("2020-01-01")));
    assert_eq!(
        verdict(&ask(
            &data,
            "FF",
            "jail",
            "detainer",
            &[("as_of", "2020-01-01")]
        )),
        "must_cooperate"
    );
    let after = ask(&data, "FF", "jail", "detainer", &[("as_of", "2026-01-01")]);
    assert_eq!(verdict(&after), "may_refuse");
    assert!(after
        .reasons
        .iter()
        .any(|r| r.rule == "ff-hold" && !r.applies && r.note.contains("No longer in force")));
    assert_eq!(after.as_of.to_string(), "2026-01-01");
}

#[test]
fn an_enjoined_law_does_not_apply_and_says_why() {
    let text = state_with_law(
        "GG",
        "07",
        "gg-blocked",
        "status_note = \"Blocked by a court in 2025.\"",
        MUST_COOPERATE_DETAINER,
    )
    .replace("status = \"in_force\"", "status = \"enjoined\"");
    let data = dataset(&[("GG", &text)]);
    let answer = ask(&data, "GG", "jail", "detainer", &[]);
    assert_eq!(verdict(&answer), "may_refuse");
    let blocked = answer
        .reasons
        .iter()
        .find(|r| r.rule == "gg-blocked")
        .expect("in trace");
    assert!(!blocked.applies);
    assert!(blocked.note.contains("Blocked by a court in 2025."));
}

#[test]
fn a_partly_enjoined_law_applies_and_states_the_injunction() {
    let rules = format!(
        "{MUST_COOPERATE_DETAINER}{}",
        MUST_REFUSE_RAID.replace("must_refuse", "mixed")
    );
    let text = state_with_law(
        "HH",
        "08",
        "hh-part",
        "status_note = \"The raid section is blocked.\"",
        &rules,
    )
    .replace("status = \"in_force\"", "status = \"enjoined_in_part\"");
    let data = dataset(&[("HH", &text)]);
    let detainer = ask(&data, "HH", "jail", "detainer", &[]);
    assert_eq!(verdict(&detainer), "must_cooperate");
    assert!(detainer
        .reasons
        .iter()
        .any(|r| r.rule == "hh-part" && r.note.contains("The raid section is blocked.")));
    assert_eq!(
        verdict(&ask(&data, "HH", "police", "residential-raid", &[])),
        "mixed"
    );
}

#[test]
fn preemption_voids_narrower_limits_but_keeps_the_baseline() {
    // Federal-level preemption stands in for a state preempting its cities:
    // the mechanism compares layers, whatever the layers are.
    let federal = format!(
        "{FEDERAL}\n[[law]]\nid = \"us-preempt\"\nname = \"Preemption\"\ncitation = \"X\"\nkind = \"statute\"\neffective = \"2000-01-01\"\nstatus = \"in_force\"\nverified = \"2026-11-27\"\n[[law.source]]\ntitle = \"T\"\nurl = \"https://example.org/p\"\n[[law.rule]]\nsituations = [\"residential-raid\"]\neffect = \"preempts_local_limits\"\ntext = \"Narrower limits are void.\"\n"
    );
    let data = compile_with(
        &federal,
        &[(
            "II",
            &state_with_law("II", "09", "ii-limit", "", MUST_REFUSE_RAID),
        )],
    )
    .expect("compiles");
    let answer = ask(&data, "II", "police", "residential-raid", &[]);
    assert_eq!(verdict(&answer), "may_refuse");
    let limit = answer
        .reasons
        .iter()
        .find(|r| r.rule == "ii-limit")
        .expect("in trace");
    assert!(!limit.applies);
    assert!(limit.note.contains("Preemption"), "{}", limit.note);
}

#[test]
fn an_unknown_warrant_that_matters_gives_mixed_with_both_outcomes() {
    let rules = r#"
[[law.rule]]
situations = ["detainer"]
effect = "must_refuse"
warrant = "administrative"
text = "No holds on ICE paperwork alone."
[[law.rule]]
situations = ["detainer"]
effect = "may_refuse"
warrant = "judicial"
text = "A judge's warrant may be honored."
"#;
    let data = dataset(&[("JJ", &state_with_law("JJ", "10", "jj-warrant", "", rules))]);
    assert_eq!(
        verdict(&ask(
            &data,
            "JJ",
            "jail",
            "detainer",
            &[("warrant", "administrative")]
        )),
        "must_refuse"
    );
    assert_eq!(
        verdict(&ask(
            &data,
            "JJ",
            "jail",
            "detainer",
            &[("warrant", "judicial")]
        )),
        "may_refuse"
    );
    let unsure = ask(&data, "JJ", "jail", "detainer", &[]);
    assert_eq!(verdict(&unsure), "mixed");
    let depends = unsure
        .reasons
        .iter()
        .find(|r| r.text.starts_with("It depends on the warrant"))
        .expect("explains");
    assert!(
        depends.text.contains("not allowed to help ICE")
            && depends.text.contains("they can refuse")
    );
    // Both warrant rules of the one law read as one step of the trace,
    // the judicial case first (as in the "it depends" explanation).
    let law: Vec<_> = unsure
        .reasons
        .iter()
        .filter(|r| r.rule == "jj-warrant")
        .collect();
    assert_eq!(law.len(), 1, "{law:#?}");
    assert_eq!(
        law[0].text,
        "A judge's warrant may be honored. No holds on ICE paperwork alone."
    );
}

#[test]
fn an_unverified_state_answers_unknown_with_the_reason() {
    let text = state_with_law("KK", "11", "kk-law", "", MUST_COOPERATE_DETAINER).replace(
        "fips = \"11\"",
        "fips = \"11\"\nunverified = \"A 2026 bill may have changed this.\"",
    );
    let data = dataset(&[("KK", &text)]);
    let answer = ask(&data, "KK", "jail", "detainer", &[]);
    assert_eq!(verdict(&answer), "unknown");
    assert!(answer
        .reasons
        .iter()
        .any(|r| r.text.contains("A 2026 bill may have changed this.")));
    assert!(answer.headline.contains("will not guess"));
}

#[test]
fn places_without_local_data_are_named_not_invented() {
    let data = dataset(&[(
        "LL",
        &state_with_law("LL", "12", "ll-law", "", MUST_REFUSE_RAID),
    )]);
    let answer = ask(
        &data,
        "LL",
        "police",
        "residential-raid",
        &[("county", "Pine County"), ("city", "Springfield")],
    );
    assert_eq!(verdict(&answer), "must_refuse");
    assert_eq!(answer.jurisdiction.county.as_deref(), Some("Pine County"));
    assert!(answer
        .reasons
        .iter()
        .any(|r| r.text.contains("Springfield") && !r.applies));
}

#[test]
fn states_are_found_by_code_or_name_in_any_case() {
    let data = dataset(&[(
        "MM",
        &state_with_law("MM", "13", "mm-law", "", MUST_REFUSE_RAID),
    )]);
    for name in ["MM", "mm", "State MM", " state mm "] {
        assert_eq!(
            ask(&data, name, "police", "residential-raid", &[])
                .jurisdiction
                .state,
            "MM"
        );
    }
    let query = can_refuse::QueryInput {
        state: "ZZ".into(),
        agency: "police".into(),
        situation: "detainer".into(),
        ..Default::default()
    }
    .parse(can_refuse::Date::parse("2026-11-27").expect("date"))
    .expect("parses");
    let error = can_refuse::evaluate(&data, None, &query).expect_err("unknown state");
    assert!(error.to_string().contains("unknown state \"ZZ\""));
}

#[test]
fn bad_query_fields_say_what_is_accepted() {
    let today = can_refuse::Date::parse("2026-11-27").expect("date");
    let parse = |agency: &str, situation: &str, warrant: Option<&str>, as_of: Option<&str>| {
        can_refuse::QueryInput {
            state: "TX".into(),
            agency: agency.into(),
            situation: situation.into(),
            warrant: warrant.map(str::to_string),
            as_of: as_of.map(str::to_string),
            ..Default::default()
        }
        .parse(today)
    };
    let message =
        |r: Result<can_refuse::Query, can_refuse::QueryError>| r.expect_err("rejected").to_string();
    assert!(message(parse("cops", "detainer", None, None))
        .contains("police, sheriff, jail, state-police"));
    assert!(message(parse("police", "raid", None, None))
        .contains("residential-raid, detainer, task-force, info-sharing"));
    assert!(message(parse("police", "detainer", Some("signed"), None))
        .contains("judicial, administrative"));
    assert!(message(parse("police", "detainer", None, Some("2026-02-30"))).contains("YYYY-MM-DD"));
    let ok =
        parse("police", "detainer", Some("unknown"), None).expect("unknown warrant is allowed");
    assert_eq!((ok.warrant, ok.as_of), (None, today));
}

#[test]
fn a_residential_raid_answer_carries_the_rights_notes_and_a_meaning() {
    let data = dataset(&[(
        "NN",
        &state_with_law("NN", "14", "nn-law", "", MUST_REFUSE_RAID),
    )]);
    let raid = ask(&data, "NN", "police", "residential-raid", &[]);
    assert!(raid
        .notes
        .iter()
        .any(|n| n.title == "Your rights at the door" && !n.sources.is_empty()));
    assert!(
        raid.meaning.contains("going against the law"),
        "{}",
        raid.meaning
    );
    let detainer = ask(&data, "NN", "jail", "detainer", &[]);
    assert!(
        detainer.notes.is_empty(),
        "rights-at-the-door notes go with raids only"
    );
    assert!(detainer.next_question.is_none());
}

#[test]
fn the_engine_asks_for_the_warrant_only_when_it_would_settle_the_answer() {
    let rules = ADMIN_WARRANT_RAID;
    let data = dataset(&[("OO", &state_with_law("OO", "15", "oo-law", "", rules))]);
    let unsure = ask(&data, "OO", "police", "residential-raid", &[]);
    assert_eq!(verdict(&unsure), "mixed");
    let question = unsure.next_question.expect("asks about the warrant");
    assert_eq!(question.id, "warrant");
    let ids: Vec<&str> = question.options.iter().map(|o| o.id).collect();
    assert_eq!(ids, ["judicial", "administrative", "unknown"]);
    let answered = ask(
        &data,
        "OO",
        "police",
        "residential-raid",
        &[("warrant", "administrative")],
    );
    assert_eq!(verdict(&answered), "must_refuse");
    assert!(answered.next_question.is_none());
    // Where the warrant changes nothing, nothing is asked.
    let other = ask(&data, "OO", "police", "detainer", &[]);
    assert!(other.next_question.is_none());
}

#[test]
fn i_dont_know_is_an_answer_and_is_not_asked_again() {
    let rules = ADMIN_WARRANT_RAID;
    let data = dataset(&[("PP", &state_with_law("PP", "16", "pp-law", "", rules))]);
    let answer = ask(
        &data,
        "PP",
        "police",
        "residential-raid",
        &[("warrant", "unknown")],
    );
    assert_eq!(verdict(&answer), "mixed");
    assert!(answer.next_question.is_none());
    assert!(
        answer
            .reasons
            .iter()
            .any(|r| r.text.starts_with("It depends on the warrant")),
        "says what would decide it"
    );
}
