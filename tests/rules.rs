//! The evaluator's logic on small synthetic datasets: layering, preemption,
//! exceptions, conflicts, dates, injunctions and warrants. Independent of the
//! shipped data, so a data edit cannot hide an engine bug.

use crate::common::*;

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
    assert_eq!(answer.data_as_of.to_string(), "2026-12-07");
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
        Some(can_refuse::dataset::Level::Federal)
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
    // At a home the kind of warrant varies from case to case.
    let rules = r#"
[[law.rule]]
situations = ["residential-raid"]
effect = "must_refuse"
warrant = "administrative"
text = "No raid help on ICE paperwork alone."
[[law.rule]]
situations = ["residential-raid"]
effect = "may_refuse"
warrant = "judicial"
text = "A judge's warrant may be honored."
"#;
    let data = dataset(&[("JJ", &state_with_law("JJ", "10", "jj-warrant", "", rules))]);
    let with = |warrant| {
        verdict(&ask(
            &data,
            "JJ",
            "police",
            "residential-raid",
            &[("warrant", warrant)],
        ))
    };
    assert_eq!(with("administrative"), "must_refuse");
    assert_eq!(with("judicial"), "may_refuse");
    let unsure = ask(&data, "JJ", "police", "residential-raid", &[]);
    assert_eq!(verdict(&unsure), "mixed");
    assert_eq!(
        unsure.headline,
        "It depends on the kind of warrant ICE has."
    );
    assert!(unsure.decided_by.is_none(), "no one rule decides");
    let depends = unsure
        .reasons
        .iter()
        .find(|r| r.text.starts_with("It depends on the warrant"))
        .expect("explains");
    assert!(
        depends.text.contains("does not allow them to help ICE")
            && depends.text.contains("they can refuse"),
        "{}",
        depends.text
    );
    // Both warrant rules of the one law read as one step of the trace.
    let law: Vec<_> = unsure
        .reasons
        .iter()
        .filter(|r| r.rule == "jj-warrant")
        .collect();
    assert_eq!(law.len(), 1, "{law:#?}");
    assert_eq!(
        law[0].text,
        "No raid help on ICE paperwork alone. A judge's warrant may be honored."
    );
}

/// A detainer is ICE's own request, sent with its own administrative
/// warrant: it is answered that way, never with "what kind of warrant?",
/// and a law's rule for a judge-signed warrant is shown as a condition.
#[test]
fn a_detainer_is_answered_as_ice_issues_it_with_a_judges_warrant_as_a_condition() {
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
    let data = dataset(&[("JK", &state_with_law("JK", "10", "jk-hold", "", rules))]);
    for agency in ["police", "sheriff", "jail", "state-police", ""] {
        let answer = ask(&data, "JK", agency, "detainer", &[]);
        assert_eq!(
            verdict(&answer),
            "must_refuse",
            "{agency}: {}",
            answer.headline
        );
        assert!(answer.next_question.is_none(), "{agency}: no question");
        assert_eq!(answer.caveats.len(), 1, "{agency}: {:?}", answer.caveats);
        let caveat = &answer.caveats[0];
        assert_eq!(
            caveat.title,
            "If a judge has signed a warrant for this person"
        );
        assert_eq!(caveat.text, "A judge's warrant may be honored.");
        assert_eq!(caveat.sources[0].url, "https://example.org/jk-hold");
    }
    // "I don't know" changes nothing: the detainer is still ICE's own.
    let unsure = ask(&data, "JK", "jail", "detainer", &[("warrant", "unknown")]);
    assert_eq!(verdict(&unsure), "must_refuse");
    assert_eq!(unsure.caveats.len(), 1);
    // Someone who says a judge signed a warrant is answered for that.
    let judicial = ask(&data, "JK", "jail", "detainer", &[("warrant", "judicial")]);
    assert_eq!(verdict(&judicial), "may_refuse");
    assert!(judicial.caveats.is_empty());
}

#[test]
fn an_unverified_state_answers_unknown_with_the_reason() {
    let text = state_with_law("KK", "11", "kk-law", "", MUST_COOPERATE_DETAINER).replace(
        "fips = \"11\"",
        &format!(
            "fips = \"11\"\nunverified = \"A 2026 bill may have changed this.\"\n{DOUBT_SOURCE}"
        ),
    );
    let data = dataset(&[("KK", &text)]);
    let answer = ask(&data, "KK", "jail", "detainer", &[]);
    assert_eq!(verdict(&answer), "unknown");
    let reason = answer
        .reasons
        .iter()
        .find(|r| r.text.contains("A 2026 bill may have changed this."))
        .expect("the doubt is in the trace");
    assert_eq!(reason.sources[0].url, "https://example.org/bill");
    assert!(answer.headline.contains("will not guess"));
    assert!(answer.headline.contains("State KK"), "{}", answer.headline);
}

/// What the reading of an unconfirmed bill adds to a state file.
const DOUBT_SOURCE: &str =
    "checked = \"2026-11-27\"\n[[source]]\ntitle = \"Bill\"\nurl = \"https://example.org/bill\"\n";

/// An unconfirmed change makes the answer `unknown` only where it could
/// change the verdict: for the situations and agencies it concerns, and
/// only if what it would do differs from the settled answer.
#[test]
fn an_unconfirmed_change_only_unsettles_answers_it_could_change() {
    let text = state_with_law("KL", "11", "kl-law", "", MUST_REFUSE_RAID).replace(
        "fips = \"11\"",
        &format!(
            "fips = \"11\"\nunverified = \"A 2026 bill would bar more help.\"\nunverified_situations = [\"residential-raid\", \"detainer\"]\nunverified_agencies = [\"police\"]\nunverified_would_be = \"must_refuse\"\n{DOUBT_SOURCE}"
        ),
    );
    let data = dataset(&[("KL", &text)]);
    // Settled law already bars raid help; the bill would too: the answer stands.
    let raid = ask(&data, "KL", "police", "residential-raid", &[]);
    assert_eq!(verdict(&raid), "must_refuse");
    assert_eq!(raid.caveats.len(), 1);
    assert_eq!(
        raid.caveats[0].title,
        "A change to State KL law may be pending"
    );
    assert!(raid.caveats[0].text.contains("would bar more help"));
    assert_eq!(raid.caveats[0].sources[0].url, "https://example.org/bill");
    // Settled law leaves detainers to the agency; the bill could bar them.
    let detainer = ask(&data, "KL", "police", "detainer", &[]);
    assert_eq!(verdict(&detainer), "unknown");
    assert!(
        detainer.headline.contains("could change this answer"),
        "{}",
        detainer.headline
    );
    // Not an agency or situation the bill concerns: settled, no note.
    let sheriff = ask(&data, "KL", "sheriff", "detainer", &[]);
    assert_eq!(verdict(&sheriff), "may_refuse");
    assert!(sheriff.caveats.is_empty());
    let info = ask(&data, "KL", "police", "info-sharing", &[]);
    assert_eq!(verdict(&info), "may_refuse");
}

/// A 287(g) agreement is signed by choice and can be ended: it never makes
/// `must_cooperate`, and the headline says who bound itself. A state law
/// that mandates the help does.
#[test]
fn an_agreement_binds_by_choice_and_a_state_mandate_by_law() {
    let agreement = r#"
[[law]]
id = "aa-pine-287g"
county = "Pine County"
name = "Pine County 287(g) agreement"
citation = "MOA"
kind = "agreement"
effective = "2025-01-01"
status = "in_force"
verified = "2026-11-27"
[[law.source]]
title = "MOA"
url = "https://example.org/moa"
[[law.rule]]
situations = ["detainer"]
agencies = ["sheriff", "jail"]
effect = "mixed"
text = "Pine County agreed to hold people for ICE; it can end the agreement."
"#;
    let none = state_with_law("AA", "01", "aa-other", "", MUST_REFUSE_RAID);
    let data = compile_replacing(&[("AA", &none)], &[("local/AA.toml", agreement)])
        .expect("compiles")
        .dataset;
    let answer = ask(
        &data,
        "AA",
        "jail",
        "detainer",
        &[("county", "Pine County")],
    );
    assert_eq!(verdict(&answer), "mixed");
    assert!(
        answer.headline.starts_with("They can refuse unless bound by state law or by an agreement they signed, and Pine County has one"),
        "{}",
        answer.headline
    );
    assert!(!answer.headline.contains("State AA"), "{}", answer.headline);
    let decided = answer.decided_by.as_ref().expect("decided");
    assert_eq!(
        (decided.level, decided.rule.as_str()),
        (can_refuse::dataset::Level::County, "aa-pine-287g")
    );

    // A state law that mandates the help decides, and says so.
    let mandate = state_with_law("AA", "01", "aa-mandate", "", MUST_COOPERATE_DETAINER);
    let data = compile_replacing(&[("AA", &mandate)], &[("local/AA.toml", agreement)])
        .expect("compiles")
        .dataset;
    let answer = ask(
        &data,
        "AA",
        "jail",
        "detainer",
        &[("county", "Pine County")],
    );
    assert_eq!(verdict(&answer), "must_cooperate");
    assert_eq!(
        answer.headline,
        "No. State AA law requires them to cooperate with ICE in this situation (Law aa-mandate)."
    );
    assert_eq!(
        answer.decided_by.as_ref().map(|d| d.level),
        Some(can_refuse::dataset::Level::State)
    );

    // An agreement that says `must_cooperate` does not compile.
    let wrong = agreement.replace("effect = \"mixed\"", "effect = \"must_cooperate\"");
    let Err(errors) = compile_replacing(&[("AA", &none)], &[("local/AA.toml", &wrong)]) else {
        panic!("an agreement with must_cooperate must be refused")
    };
    assert!(
        errors
            .iter()
            .any(|e| e.to_string().contains("an agreement is voluntary")),
        "{errors:?}"
    );
}

/// A state's ban on refusal policies binds the agency's own practice: no
/// `may_refuse`, at any layer, but a duty to help each time says more.
#[test]
fn a_ban_on_refusal_policies_binds_the_agency_not_only_its_city() {
    let ban = r#"
[[law.rule]]
situations = ["detainer", "info-sharing"]
agencies = ["police", "sheriff", "jail"]
effect = "preempts_local_limits"
text = "No local limits on holds or sharing."
[[law.rule]]
situations = ["detainer", "info-sharing"]
agencies = ["police", "sheriff", "jail"]
effect = "bars_refusal_policy"
text = "No policy or practice of refusing; a single refusal is not expressly barred."
"#;
    let duty = r#"
[[law]]
id = "aa-hold-duty"
name = "Hold duty"
citation = "Code § 2"
kind = "statute"
effective = "2024-01-01"
status = "in_force"
verified = "2026-11-27"
[[law.source]]
title = "Statute"
url = "https://example.org/duty"
[[law.rule]]
situations = ["detainer"]
agencies = ["jail"]
effect = "must_cooperate"
text = "Jails must honor each detainer."
"#;
    let county_refuses = r#"
[[law]]
id = "aa-pine-no-holds"
county = "Pine County"
name = "Pine County no-holds policy"
citation = "Policy 1"
kind = "policy"
effective = "2021-01-01"
status = "in_force"
verified = "2026-11-27"
[[law.source]]
title = "Policy"
url = "https://example.org/pine"
[[law.rule]]
situations = ["info-sharing"]
agencies = ["sheriff"]
effect = "may_refuse"
text = "Pine County's sheriff shares what he chooses."
"#;
    let state = format!("{}\n{duty}", state_with_law("AA", "01", "aa-ban", "", ban));
    let data = compile_replacing(&[("AA", &state)], &[("local/AA.toml", county_refuses)])
        .expect("compiles")
        .dataset;
    let police = ask(&data, "AA", "police", "detainer", &[]);
    assert_eq!(verdict(&police), "mixed");
    assert!(
        police
            .headline
            .contains("a single refusal is not expressly barred"),
        "{}",
        police.headline
    );
    // A duty each time, at the same layer, says more than the ban.
    let jail = ask(&data, "AA", "jail", "detainer", &[("as_of", "2025-01-01")]);
    assert_eq!(verdict(&jail), "must_cooperate");
    let before_duty = ask(&data, "AA", "jail", "detainer", &[("as_of", "2023-01-01")]);
    assert_eq!(verdict(&before_duty), "mixed");
    // A county's own permission to refuse does not survive the state's ban.
    let sheriff = ask(
        &data,
        "AA",
        "sheriff",
        "info-sharing",
        &[("county", "Pine County")],
    );
    assert_eq!(verdict(&sheriff), "mixed", "{}", sheriff.headline);
    // Situations the ban does not cover keep the federal baseline.
    assert_eq!(
        verdict(&ask(&data, "AA", "police", "task-force", &[])),
        "may_refuse"
    );

    // A ban that does not say what it means for the agency does not compile.
    let silent = state_with_law("AA", "01", "aa-ban", "", &ban[..ban.find("[[law.rule]]\nsituations = [\"detainer\", \"info-sharing\"]\nagencies = [\"police\", \"sheriff\", \"jail\"]\neffect = \"bars").expect("second rule")]);
    let Err(errors) = compile(&[("AA", &silent)]) else {
        panic!("a silent ban must be refused")
    };
    assert!(
        errors.iter().any(|e| e.to_string().contains(
            "does not say what that means for the agency's own practice in detainer/police"
        )),
        "{errors:?}"
    );
}

/// The headline names who decides: a county's policy is the county's, not
/// the state's, and a state law is the state's.
#[test]
fn the_headline_names_the_layer_that_decides() {
    let county = r#"
[[law]]
id = "aa-oak-detainers"
county = "Oak County"
name = "Oak County detainer policy"
citation = "Resolution 7"
kind = "policy"
effective = "2021-01-01"
status = "in_force"
verified = "2026-11-27"
[[law.source]]
title = "Resolution"
url = "https://example.org/oak"
[[law.rule]]
situations = ["detainer"]
agencies = ["jail"]
effect = "must_cooperate"
text = "The Oak County jail honors ICE holds by county policy."
"#;
    let state = state_with_law("AA", "01", "aa-raid", "", MUST_REFUSE_RAID);
    let data = compile_replacing(&[("AA", &state)], &[("local/AA.toml", county)])
        .expect("compiles")
        .dataset;
    let jail = ask(&data, "AA", "jail", "detainer", &[("county", "Oak County")]);
    assert_eq!(verdict(&jail), "must_cooperate");
    assert_eq!(
        jail.headline,
        "No. Oak County requires them to cooperate with ICE in this situation (Oak County detainer policy)."
    );
    assert!(!jail.headline.contains("State AA"));
    let raid = ask(
        &data,
        "AA",
        "police",
        "residential-raid",
        &[("county", "Oak County")],
    );
    assert_eq!(
        raid.headline,
        "Yes. In fact, State AA law does not allow them to help ICE with this (Law aa-raid)."
    );
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
