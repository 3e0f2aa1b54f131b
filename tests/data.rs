//! Invariants of the shipped data: every state, DC and Puerto Rico is there,
//! every fact is sourced and dated, and every question gets an honest answer.

use crate::common::*;
use can_refuse::dataset::codec;
use can_refuse::dataset::{Agency, Coverage, Level, Named, Situation};
use can_refuse::{compile, EMBEDDED_DATA};

fn shipped() -> can_refuse::Dataset {
    codec::decode(EMBEDDED_DATA).expect("embedded data decodes")
}

const CODES: [&str; 56] = [
    "AL", "AK", "AS", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "GU", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MP", "MS", "MO", "MT", "NE", "NV",
    "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX",
    "UT", "VI", "VT", "VA", "WA", "WV", "WI", "WY",
];

#[test]
fn every_state_dc_and_territory_is_present_once() {
    let data = shipped();
    let mut codes: Vec<&str> = data
        .jurisdictions
        .iter()
        .filter(|j| j.level == Level::State)
        .map(|j| j.id.as_str())
        .collect();
    codes.sort_unstable();
    let mut expected = CODES.to_vec();
    expected.sort_unstable();
    assert_eq!(codes, expected);
}

#[test]
fn every_state_has_at_least_one_dated_citation() {
    let data = shipped();
    for (index, state) in data
        .jurisdictions
        .iter()
        .enumerate()
        .filter(|(_, j)| j.level == Level::State)
    {
        let laws: Vec<_> = data
            .laws
            .iter()
            .filter(|l| l.jurisdiction as usize == index)
            .collect();
        let cited = match &state.coverage {
            Coverage::NoLawFound { sources, .. } => !sources.is_empty(),
            Coverage::Unverified { sources, .. } => {
                !sources.is_empty() || laws.iter().any(|l| !l.sources.is_empty())
            }
            Coverage::Laws => laws.iter().any(|l| !l.sources.is_empty()),
        };
        assert!(cited, "{} has no citation", state.id);
        for law in laws {
            assert!(
                law.sources.iter().all(|s| s.url.starts_with("http")),
                "{}",
                law.id
            );
            assert!(law.verified <= data.data_as_of, "{}", law.id);
        }
    }
}

#[test]
fn the_checked_in_sources_compile_to_the_embedded_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let files = compile::read_dir(&dir).expect("data/ readable");
    let compiled = compile::compile(&files).expect("data/ compiles");
    assert_eq!(
        codec::encode(&compiled.dataset).expect("encodes"),
        EMBEDDED_DATA
    );
    assert_eq!(
        codec::encode_places(&compiled.places).expect("encodes"),
        can_refuse::EMBEDDED_PLACES
    );
}

#[test]
fn every_question_in_every_state_gets_a_sourced_dated_answer() {
    let data = shipped();
    for code in CODES {
        for (agency, _) in Agency::ALL {
            for (situation, _) in Situation::ALL {
                let answer = ask(&data, code, agency.name(), situation.name(), &[]);
                assert!(!answer.headline.is_empty());
                assert!(answer.disclaimer.contains("not legal advice"));
                assert_eq!(answer.data_as_of, data.data_as_of);
                assert!(
                    answer.reasons.iter().any(|r| !r.sources.is_empty()),
                    "{code} {agency:?} {situation:?}: no source"
                );
                let deciding = answer.reasons.iter().any(|r| r.applies);
                let honest_gap = matches!(verdict(&answer).as_str(), "unknown" | "mixed");
                assert!(
                    deciding || honest_gap,
                    "{code} {agency:?} {situation:?}: verdict without a deciding reason"
                );
            }
        }
    }
}

/// Spot checks against the laws themselves (each cited in data/states/).
#[test]
fn well_known_answers_hold() {
    let data = shipped();
    // California SB 54 bars help with civil immigration arrests (Gov. Code § 7284.6).
    let ca = ask(&data, "CA", "police", "residential-raid", &[]);
    assert_eq!(verdict(&ca), "must_refuse");
    assert!(applied(&ca).contains(&"ca-sb54-2017"));
    // Texas SB 4 requires honoring detainers (Code Crim. Proc. art. 2.251).
    let tx = ask(&data, "TX", "sheriff", "detainer", &[]);
    assert_eq!(verdict(&tx), "must_cooperate");
    assert!(applied(&tx).contains(&"tx-sb4-2017"));
    // North Carolina HB 318 took effect 2025-10-01: the answer rests on it only after.
    let before = ask(
        &data,
        "NC",
        "sheriff",
        "detainer",
        &[("as_of", "2025-09-30")],
    );
    let after = ask(
        &data,
        "NC",
        "sheriff",
        "detainer",
        &[("as_of", "2025-10-01")],
    );
    assert!(!applied(&before).contains(&"nc-hb318-2025"));
    assert!(applied(&after).contains(&"nc-hb318-2025"));
}

#[test]
fn large_counties_are_derived_from_the_census_figures_and_checked_by_record() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let data = shipped();
    let places = codec::decode_places(can_refuse::EMBEDDED_PLACES).expect("places");
    let large = compile::population::large_counties(&dir, &data).expect("population file reads");
    // The Census Bureau's Vintage 2020 estimates put 608 counties at 100,000 or more.
    assert_eq!(large.len(), 608);
    assert!(large
        .iter()
        .all(|c| c.population >= compile::population::LARGE));
    assert_eq!(
        large.first().map(|c| c.name.as_str()),
        Some("Los Angeles County")
    );
    let find = |fips: &str| large.iter().find(|c| c.fips == fips);
    // A county with its own record is checked; New York City's law covers
    // its five boroughs; a county no one has researched is not.
    assert!(
        find("48201").is_some_and(|c| c.checked),
        "Harris County has records"
    );
    assert!(
        find("36047").is_some_and(|c| c.checked),
        "Kings County is New York City's"
    );
    for county in large.iter().filter(|c| c.checked) {
        // (A state or territory that is one county, as the District of
        // Columbia: its own law is the check.)
        let alone = places
            .counties
            .iter()
            .filter(|c| c.state == county.state)
            .count()
            == 1;
        assert!(
            data.jurisdictions
                .iter()
                .any(|j| j.fips == county.fips || j.covers.contains(&county.fips))
                || alone,
            "{} is checked only with a record",
            county.name
        );
    }
    // Every one is checked today (issue 18); without its record, a county
    // counts as still to research, so the check is the record, not a default.
    assert!(
        large.iter().all(|c| c.checked),
        "some are still to research"
    );
    let mut without = data.clone();
    without.jurisdictions.retain(|j| j.fips != "48201");
    let large = compile::population::large_counties(&dir, &without).expect("population file reads");
    assert!(
        large.iter().any(|c| c.fips == "48201" && !c.checked),
        "Harris County without its records is still to research"
    );
}
