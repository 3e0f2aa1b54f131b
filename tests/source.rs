//! The data compiler rejects every defect with a message naming the file and
//! the record, and reports all of them in one run.

#![cfg(not(target_arch = "wasm32"))] // native tests: the wasm API has its own (tests/wasm.rs)

mod common;
use common::*;

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
        message.contains("after the data date 2026-11-27"),
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
