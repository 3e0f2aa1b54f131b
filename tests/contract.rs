//! The JSON contract: what the page gets (`json`, written by hand to keep
//! the wasm small) is exactly what the CLI's `--json` prints (serde's
//! derive) — for every statewide answer, a town's, the choices and the
//! place suggestions.

use can_refuse::dataset::codec;
use can_refuse::dataset::{Agency, Named, Situation};
use can_refuse::json::ToJson;
use can_refuse::session::Session;
use can_refuse::{Date, QueryInput};
use serde::Serialize;

fn session() -> Session {
    Session::with_places(
        codec::decode(can_refuse::EMBEDDED_DATA).expect("data"),
        codec::decode_places(can_refuse::EMBEDDED_PLACES).expect("places"),
    )
}

/// The hand-written JSON parses to the same value as serde's.
fn assert_same<T: ToJson + Serialize>(value: &T, what: &str) {
    let ours: serde_json::Value =
        serde_json::from_str(&value.to_json()).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
    let serde = serde_json::to_value(value).expect("serializes");
    assert_eq!(ours, serde, "{what}");
}

#[test]
fn every_statewide_answer_is_the_same_json_both_ways() {
    let session = session();
    let today = Date::new(2026, 11, 27).expect("date");
    let mut count = 0;
    for (state, _) in session.dataset.states() {
        for (_, agency) in Agency::ALL.iter().chain([&(Agency::Police, "")]) {
            for (_, situation) in Situation::ALL {
                let query = QueryInput {
                    state: state.to_string(),
                    agency: agency.to_string(),
                    situation: situation.to_string(),
                    ..QueryInput::default()
                }
                .parse(today)
                .expect("parses");
                let answer = session.answer(&query).expect("answers");
                assert_same(&answer, &format!("{state} {agency} {situation}"));
                count += 1;
            }
        }
    }
    assert_eq!(count, 56 * 5 * 4);
}

#[test]
fn a_town_answer_with_an_agreement_notes_and_a_question_is_the_same_json() {
    let session = session();
    for (state, county, agency, situation) in [
        ("AL", "01001", "sheriff", "task-force"),
        ("TX", "48201", "", "residential-raid"),
        ("CA", "06037", "jail", "detainer"),
    ] {
        let query = QueryInput {
            state: state.into(),
            county: Some(county.into()),
            agency: agency.into(),
            situation: situation.into(),
            ..QueryInput::default()
        }
        .parse(Date::new(2026, 11, 27).expect("date"))
        .expect("parses");
        let answer = session.answer(&query).expect("answers");
        assert_same(&answer, &format!("{state} {county} {agency} {situation}"));
    }
}

#[test]
fn choices_and_place_suggestions_are_the_same_json() {
    let session = session();
    assert_same(&session.choices(), "choices");
    for typed in ["77002", "Providence, RI", "harris", "Mayagüez", "san"] {
        assert_same(&session.search(typed, 8), typed);
    }
}

#[test]
fn text_with_quotes_and_line_breaks_stays_one_json_string() {
    let text = "He said \"no\" \\ then\nleft\t\u{7}".to_string();
    assert_same(&text, "escapes");
}
