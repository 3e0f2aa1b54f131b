//! The data change log: two releases built from two states of the data,
//! and the log lists exactly what differs — laws added, changed, ended and
//! removed, 287(g) agreements added and gone, and every verdict that
//! changed (checked against the engine's own answers for both).

use crate::common::*;
use can_refuse::dataset::{Agency, Named, Situation};
use can_refuse::export::changes::{atom, diff, log, record, Record};
use can_refuse::{evaluate, Date, QueryInput};

/// A statute of state AA with one rule; `extra` replaces its status line.
fn law(id: &str, extra: &str, situation: &str, agency: &str, effect: &str, text: &str) -> String {
    let status = if extra.is_empty() {
        "status = \"in_force\""
    } else {
        extra
    };
    format!(
        r#"
[[law]]
id = "{id}"
name = "Law {id}"
citation = "Code § {id}"
kind = "statute"
effective = "2020-01-01"
{status}
verified = "2026-11-27"
[[law.source]]
title = "Statute text"
url = "https://example.org/{id}"
[[law.rule]]
situations = ["{situation}"]
agencies = ["{agency}"]
effect = "{effect}"
text = "{text}"
"#
    )
}

const OAK_SHERIFF: &str = "participating,AA,Oak County Sheriff's Office,County,Oak County,01003,,Task Force Model,2025-01-02,https://www.ice.gov/oak.pdf,\n";
const PINE_SHERIFF: &str = "participating,AA,Pine County Sheriff's Office,County,Pine County,01001,,Jail Enforcement Model,2024-05-06,https://www.ice.gov/pine.pdf,\n";

/// A release of state AA with these laws and 287(g) rows, and its compiled data.
fn release(laws: &[String], agreements: &str) -> (Record, can_refuse::compile::Compiled) {
    let state = format!(
        "code = \"AA\"\nname = \"State AA\"\nfips = \"01\"\n{}",
        laws.concat()
    );
    let compiled = compile_replacing(
        &[("AA", &state)],
        &[(
            "287g/agreements.csv",
            &format!("{AGREEMENTS_HEADER}{agreements}"),
        )],
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    (
        record(&compiled.dataset, &compiled.places).expect("record"),
        compiled,
    )
}

/// The verdicts that differ, asked of the engine directly: (county, agency, situation, before, after).
fn engine_differences(
    old: &can_refuse::compile::Compiled,
    new: &can_refuse::compile::Compiled,
) -> Vec<String> {
    let today = Date::parse("2026-12-07").expect("date");
    let mut out = Vec::new();
    for county in &new.places.counties {
        for (_, agency) in Agency::ALL {
            for (_, situation) in Situation::ALL {
                let ask = |c: &can_refuse::compile::Compiled| {
                    let query = QueryInput {
                        state: "AA".into(),
                        county: Some(county.fips.clone()),
                        agency: (*agency).into(),
                        situation: (*situation).into(),
                        as_of: Some("2026-12-07".into()),
                        ..QueryInput::default()
                    }
                    .parse(today)
                    .expect("parses");
                    evaluate(&c.dataset, Some(&c.places), &query)
                        .expect("answers")
                        .verdict
                        .name()
                };
                let (was, now) = (ask(old), ask(new));
                if was != now {
                    out.push(format!(
                        "{} · {agency} · {situation}: {was} → {now}",
                        county.name
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn the_change_log_lists_exactly_what_changed_between_two_releases() {
    let kept = law(
        "aa-kept",
        "",
        "detainer",
        "jail",
        "must_refuse",
        "Jails may not hold people for ICE.",
    );
    let (old, old_data) = release(
        &[
            kept.clone(),
            law(
                "aa-changed",
                "",
                "residential-raid",
                "police",
                "mixed",
                "Old words.",
            ),
            law(
                "aa-ends",
                "",
                "info-sharing",
                "police",
                "must_refuse",
                "Police may not share.",
            ),
            law(
                "aa-removed",
                "",
                "task-force",
                "jail",
                "mixed",
                "Gone next time.",
            ),
        ],
        PINE_SHERIFF,
    );
    let (new, new_data) = release(
        &[
            kept,
            law("aa-changed", "", "residential-raid", "police", "mixed", "New words."),
            law(
                "aa-ends",
                "ends = \"2026-06-01\"\nstatus = \"repealed\"\nstatus_note = \"Repealed by Act 2026-1.\"",
                "info-sharing",
                "police",
                "must_refuse",
                "Police may not share.",
            ),
            law("aa-added", "", "task-force", "sheriff", "must_cooperate", "Sheriffs must join task forces."),
        ],
        OAK_SHERIFF,
    );
    let text = diff(&old, &new);
    let section = |title: &str| -> Vec<String> {
        text.split(&format!("### {title}\n\n"))
            .nth(1)
            .map(|rest| {
                rest.split("\n\n")
                    .next()
                    .unwrap_or("")
                    .lines()
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    };
    let ids = |title: &str| -> Vec<String> {
        section(title)
            .iter()
            .filter_map(|l| l.rsplit('`').nth(1).map(String::from))
            .collect()
    };
    assert_eq!(ids("Laws and policies added"), ["aa-added"], "{text}");
    assert_eq!(ids("Laws and policies changed"), ["aa-changed"], "{text}");
    assert_eq!(ids("Laws and policies ended"), ["aa-ends"], "{text}");
    assert_eq!(
        ids("Laws and policies removed from the data"),
        ["aa-removed"],
        "{text}"
    );
    assert!(
        section("Laws and policies ended")[0].contains("until 2026-06-01"),
        "{text}"
    );
    assert_eq!(
        section("287(g) agreements added to ICE's list").len(),
        1,
        "{text}"
    );
    assert!(section("287(g) agreements added to ICE's list")[0]
        .starts_with("- Oak County Sheriff's Office (AA): Task Force Model, signed 2025-01-02"));
    assert_eq!(
        section("287(g) agreements gone from ICE's list").len(),
        1,
        "{text}"
    );
    assert!(section("287(g) agreements gone from ICE's list")[0]
        .starts_with("- Pine County Sheriff's Office (AA)"));

    // Every verdict the engine answers differently is listed, and nothing else.
    let expected = engine_differences(&old_data, &new_data);
    assert!(!expected.is_empty());
    let listed: usize = section("Verdicts that changed")
        .iter()
        .map(|l| {
            l.rsplit('(')
                .next()
                .and_then(|n| n.trim_end_matches(')').parse::<usize>().ok())
                .unwrap_or(0)
        })
        .sum();
    assert_eq!(listed, expected.len(), "{text}\n{expected:#?}");
    for change in &expected {
        let (county, rest) = change.split_once(" · ").expect("shape");
        let (question, verdicts) = rest.split_once(": ").expect("shape");
        assert!(
            section("Verdicts that changed")
                .iter()
                .any(|l| l.contains(&format!("AA · {question}: {verdicts} in"))
                    && l.contains(county)),
            "{change} is listed:\n{text}"
        );
    }

    // The same release twice: no changes. The log and the feed carry both.
    assert!(diff(&new, &new).ends_with("No changes.\n\n"));
    let records = [old.clone(), new.clone()];
    assert!(log(&records).contains(&text));
    let feed = atom(&records);
    assert_eq!(feed.matches("<entry>").count(), 2);
    assert!(
        feed.contains("aa-added") && !feed.contains("<script"),
        "{feed}"
    );
}

#[test]
fn the_committed_change_log_is_made_from_the_release_records() {
    // CHANGES-DATA.md is never edited by hand: it is what the records make.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(root.join("data/releases"))
        .expect("data/releases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let records: Vec<Record> = paths
        .iter()
        .map(|p| {
            serde_json::from_str(&std::fs::read_to_string(p).expect("reads"))
                .expect("a release record")
        })
        .collect();
    assert!(!records.is_empty());
    let committed = std::fs::read_to_string(root.join("CHANGES-DATA.md")).expect("CHANGES-DATA.md");
    assert_eq!(
        committed,
        log(&records),
        "run: can-refuse data changes --markdown CHANGES-DATA.md"
    );
}
