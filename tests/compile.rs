//! The data compiler rejects every defect with a message naming the file and
//! the record, and reports all of them in one run.

use crate::common::*;

const RULE: &str = r#"
[[law.rule]]
situations = ["detainer"]
effect = "must_cooperate"
text = "Jails must hold people for ICE."
"#;

/// Compiles one state file and returns its single error message.
fn error_for(state_file: &str) -> String {
    let errors = compile(&[("AA", state_file)]).expect_err("defect must be rejected");
    let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        lines.len(),
        1,
        "expected exactly one error, got: {lines:#?}"
    );
    lines.into_iter().next().unwrap_or_default()
}

fn good() -> String {
    state_with_law("AA", "01", "aa-law", "", RULE)
}

#[test]
fn a_good_file_compiles() {
    let data = dataset(&[("AA", &good())]);
    assert_eq!(data.laws.len(), 2);
    assert_eq!(data.jurisdictions.len(), 2);
}

#[test]
fn a_law_without_a_source_is_rejected() {
    let text = good().replace(
        "[[law.source]]\ntitle = \"Statute text\"\nurl = \"https://example.org/aa-law\"\n",
        "",
    );
    let message = error_for(&text);
    assert!(
        message.starts_with("states/AA.toml: law `aa-law`: has no source"),
        "{message}"
    );
}

#[test]
fn a_source_url_must_be_a_full_address() {
    let message = error_for(&good().replace("https://example.org/aa-law", "example.org/aa-law"));
    assert!(
        message.contains("law `aa-law`") && message.contains("not a full http(s) address"),
        "{message}"
    );
}

#[test]
fn a_source_url_must_not_carry_tracking_parameters() {
    for tracked in [
        "https://example.org/aa-law?utm_source=rss&utm_medium=rss",
        "https://example.org/aa-law?id=7&utm_campaign=feed",
    ] {
        let message = error_for(&good().replace("https://example.org/aa-law", tracked));
        assert!(
            message.contains("law `aa-law`") && message.contains("tracking parameters"),
            "{message}"
        );
    }
    // Other query parameters are part of the address.
    let kept = good().replace("https://example.org/aa-law", "https://example.org/law?id=7");
    assert!(compile(&[("AA", &kept)]).is_ok());
}

#[test]
fn a_law_without_a_verified_date_is_rejected() {
    let message = error_for(&good().replace("verified = \"2026-11-27\"\n", ""));
    assert!(
        message.starts_with("states/AA.toml:") && message.contains("verified"),
        "{message}"
    );
}

#[test]
fn impossible_dates_are_rejected() {
    let message =
        error_for(&good().replace("effective = \"2020-01-01\"", "effective = \"2020-02-30\""));
    assert!(
        message.contains("law `aa-law`: `effective` = \"2020-02-30\" is not a real date"),
        "{message}"
    );
}

#[test]
fn an_end_before_the_start_is_rejected() {
    let message = error_for(&state_with_law(
        "AA",
        "01",
        "aa-law",
        "ends = \"2019-01-01\"",
        RULE,
    ));
    assert!(
        message
            .contains("law `aa-law`: ends (2019-01-01) on or before it takes effect (2020-01-01)"),
        "{message}"
    );
}

#[test]
fn duplicate_ids_are_rejected() {
    let twice = format!(
        "{}\n{}",
        good(),
        good()
            .split_once("[[law]]")
            .map(|(_, law)| format!("[[law]]{law}"))
            .unwrap_or_default()
    );
    let message = error_for(&twice);
    assert!(
        message.contains("law `aa-law`: this id is used twice"),
        "{message}"
    );
}

#[test]
fn unknown_names_list_what_is_accepted() {
    let message =
        error_for(&good().replace("effect = \"must_cooperate\"", "effect = \"must_help\""));
    assert!(
        message.contains("rule 1: `effect` = \"must_help\" is not one of: may_refuse, must_refuse"),
        "{message}"
    );
    let message =
        error_for(&good().replace("situations = [\"detainer\"]", "situations = [\"raid\"]"));
    assert!(
        message.contains("residential-raid, detainer, task-force, info-sharing"),
        "{message}"
    );
}

#[test]
fn a_changed_status_needs_a_note_and_a_repeal_needs_an_end_date() {
    let message = error_for(&good().replace("status = \"in_force\"", "status = \"enjoined\""));
    assert!(
        message.contains("law `aa-law`: `status_note` must say"),
        "{message}"
    );
    let repealed = state_with_law(
        "AA",
        "01",
        "aa-law",
        "status_note = \"Repealed by Act 5.\"",
        RULE,
    )
    .replace("status = \"in_force\"", "status = \"repealed\"");
    assert!(error_for(&repealed).contains("is repealed but has no `ends` date"));
}

#[test]
fn a_dangling_override_is_rejected() {
    let message = error_for(&good().replace(
        "text = \"Jails",
        "overrides = [\"aa-missing\"]\ntext = \"Jails",
    ));
    assert!(
        message.contains("law `aa-law`: overrides `aa-missing`, which is not a law id"),
        "{message}"
    );
}

#[test]
fn a_verification_after_the_data_date_is_rejected() {
    let message =
        error_for(&good().replace("verified = \"2026-11-27\"", "verified = \"2027-01-01\""));
    assert!(
        message.contains("after the data date 2026-12-07"),
        "{message}"
    );
}

#[test]
fn a_state_must_say_something() {
    let message = error_for("code = \"AA\"\nname = \"Alpha\"\nfips = \"01\"\n");
    assert!(
        message.contains(
            "has no [[law]], no [no_statewide_law] record and is not marked `unverified`"
        ),
        "{message}"
    );
}

#[test]
fn file_name_code_and_fips_must_agree() {
    let errors =
        compile(&[("AB", &good().replace("fips = \"01\"", "fips = \"1\""))]).expect_err("rejected");
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        text.iter()
            .any(|e| e.contains("`code` is \"AA\" but the file is named states/AB.toml")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|e| e.contains("`fips` \"1\" is not a two-digit state FIPS code")),
        "{text:#?}"
    );
}

#[test]
fn unknown_fields_and_broken_toml_are_reported_not_ignored() {
    let message = error_for(&good().replace(
        "kind = \"statute\"",
        "kind = \"statute\"\nsummary = \"typo field\"",
    ));
    assert!(
        message.starts_with("states/AA.toml: is not valid:") && message.contains("summary"),
        "{message}"
    );
    let message = error_for("code = \"AA\"\nname = ");
    assert!(
        message.starts_with("states/AA.toml: is not valid:"),
        "{message}"
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let broken = good()
        .replace("effective = \"2020-01-01\"", "effective = \"soon\"")
        .replace("https://example.org/aa-law", "nowhere");
    let errors = compile(&[("AA", &broken)]).expect_err("rejected");
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

/// The one error of a compile with some files replaced.
fn error_replacing(replace: &[(&str, &str)]) -> String {
    let errors =
        compile_replacing(&[("AA", &good())], replace).expect_err("defect must be rejected");
    let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        lines.len(),
        1,
        "expected exactly one error, got: {lines:#?}"
    );
    lines.into_iter().next().unwrap_or_default()
}

#[test]
fn an_invalid_county_fips_code_is_rejected() {
    let counties = format!("{COUNTIES}1005,AA,Elm County\n");
    let message = error_replacing(&[("geo/counties.csv", &counties)]);
    assert!(
        message.starts_with("geo/counties.csv: line 4: expected a 5-digit FIPS code"),
        "{message}"
    );
}

#[test]
fn an_unmatched_287g_row_is_rejected() {
    let row = "participating,AA,Pine Police Department,Municipality,#N/A,,,Task Force Model,2025-01-02,https://www.ice.gov/x.pdf,\n";
    let message = error_replacing(&[("287g/agreements.csv", &format!("{AGREEMENTS_HEADER}{row}"))]);
    assert!(
        message.starts_with(
            "287g/agreements.csv: line 2 (Pine Police Department, AA): unmatched: no county"
        ),
        "{message}"
    );
}

#[test]
fn a_287g_row_in_the_wrong_state_or_model_is_rejected() {
    let row = "participating,AA,Oak County Sheriff,County,Oak County,02001,,Task Force Model,2025-01-02,https://www.ice.gov/x.pdf,\n";
    let message = error_replacing(&[("287g/agreements.csv", &format!("{AGREEMENTS_HEADER}{row}"))]);
    assert!(
        message.contains("county 02001 is not a AA county"),
        "{message}"
    );
    let row = "participating,AA,Oak County Sheriff,County,Oak County,01003,,Task Farce Model,2025-01-02,https://www.ice.gov/x.pdf,\n";
    let message = error_replacing(&[("287g/agreements.csv", &format!("{AGREEMENTS_HEADER}{row}"))]);
    assert!(
        message.contains("`model` = \"Task Farce Model\" is not one of: Task Force Model"),
        "{message}"
    );
}

/// A local ordinance of a town called Nowhere, in state AA.
const NOWHERE_ORDINANCE: &str = r#"
[[law]]
id = "aa-nowhere-ordinance"
city = "Nowhere"
name = "Nowhere ordinance"
citation = "Ord. 1"
kind = "ordinance"
effective = "2020-01-01"
status = "in_force"
verified = "2026-11-27"
[[law.source]]
title = "Text"
url = "https://example.org/nowhere"
[[law.rule]]
situations = ["detainer"]
agencies = ["police"]
effect = "must_refuse"
text = "No holds."
"#;

#[test]
fn a_local_policy_must_name_a_real_place() {
    let local = NOWHERE_ORDINANCE;
    let message = error_replacing(&[("local/AA.toml", local)]);
    assert!(
        message.starts_with(
            "local/AA.toml: law `aa-nowhere-ordinance`: no city named \"Nowhere\" in AA"
        ),
        "{message}"
    );
    let ok = local.replace("city = \"Nowhere\"", "city = \"springfield\"");
    let compiled = compile_replacing(&[("AA", &good())], &[("local/AA.toml", &ok)])
        .expect("a real city compiles");
    let city = compiled
        .dataset
        .jurisdictions
        .iter()
        .find(|j| j.id == "AA/Springfield")
        .expect("city added");
    assert_eq!(city.name, "Springfield");
}

/// A town the Postal Service knows by a neighbour's name is listed by hand
/// in geo/municipalities.csv: then it is found by its own name, in its own
/// county, and its own policies key to it; a postal name or another state's
/// county is refused.
#[test]
fn a_town_without_a_postal_name_comes_from_the_municipalities_file() {
    let local = NOWHERE_ORDINANCE;
    let header = "state,name,counties,source\n";
    let row = "AA,Nowhere,01003,https://example.org/aa/nowhere-is-in-oak-county\n";
    let compiled = compile_replacing(
        &[("AA", &good())],
        &[
            ("local/AA.toml", local),
            ("geo/municipalities.csv", &format!("{header}{row}")),
        ],
    )
    .expect("a town listed by hand compiles");
    let (_, town) = compiled
        .places
        .city_by_name("AA", "Nowhere")
        .expect("Nowhere is a town");
    assert_eq!(town.zips, 0);
    let county = &compiled.places.counties[town.counties[0] as usize];
    assert_eq!(county.name, "Oak County");
    let found = can_refuse::search::search(
        &compiled.places,
        "Nowhere, AA",
        &compiled.dataset.states(),
        1,
    );
    assert_eq!(
        found.first().map(|m| m.label.as_str()),
        Some("Nowhere, AA (Oak County)")
    );
    for (bad, says) in [
        (
            "AA,Springfield,01001,https://example.org/x\n",
            "Springfield, AA is a postal city name already",
        ),
        (
            "AA,Elsewhere,99001,https://example.org/x\n",
            "Elsewhere: county \"99001\" is not a AA county",
        ),
        (
            "AA,Elsewhere,01001,example.org\n",
            "is not a full http(s) address",
        ),
    ] {
        let message = error_replacing(&[("geo/municipalities.csv", &format!("{header}{bad}"))]);
        assert!(
            message.starts_with("geo/municipalities.csv: line 2:") && message.contains(says),
            "{message}"
        );
    }
}

#[test]
fn a_doubt_about_a_state_must_cite_what_was_read() {
    let text = good().replace(
        "fips = \"01\"",
        "fips = \"01\"\nunverified = \"A 2026 bill may have changed this.\"",
    );
    let message = error_for(&text);
    assert!(
        message.starts_with("states/AA.toml: unverified: has no source"),
        "{message}"
    );
}

#[test]
fn what_an_unconfirmed_change_would_do_is_a_verdict() {
    let text = good().replace(
        "fips = \"01\"",
        "fips = \"01\"\nunverified = \"A bill.\"\nunverified_would_be = \"preempts_local_limits\"\nchecked = \"2026-11-27\"\n[[source]]\ntitle = \"Bill\"\nurl = \"https://example.org/bill\"",
    );
    let message = error_for(&text);
    assert!(
        message.contains("`unverified_would_be` must say what the change would do"),
        "{message}"
    );
}

#[test]
fn a_part_of_a_law_cannot_take_effect_before_the_law() {
    let text = good().replace(
        "effect = \"must_cooperate\"",
        "effect = \"must_cooperate\"\neffective = \"2019-01-01\"",
    );
    let message = error_for(&text);
    assert!(
        message.contains("law `aa-law` rule 1")
            && message.contains("must be later than the law's own"),
        "{message}"
    );
}
