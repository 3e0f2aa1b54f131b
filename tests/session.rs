//! The web's chunked data answers exactly as the whole dataset does: split
//! the embedded data, load only what a page would fetch, compare.

use can_refuse::compile::split::{split, NAME_CHUNK_MAX};
use can_refuse::dataset::codec;
use can_refuse::dataset::names::fold;
use can_refuse::dataset::{Agency, Level, Named, Situation};
use can_refuse::session::Session;
use can_refuse::{Date, QueryInput};
use std::collections::HashMap;

fn whole() -> (can_refuse::Dataset, can_refuse::dataset::Places) {
    (
        codec::decode(can_refuse::EMBEDDED_DATA).expect("data"),
        codec::decode_places(can_refuse::EMBEDDED_PLACES).expect("places"),
    )
}

/// The web's files for a whole dataset, by name.
fn chunks(
    dataset: &can_refuse::Dataset,
    places: &can_refuse::dataset::Places,
) -> HashMap<String, Vec<u8>> {
    split(dataset, places)
        .expect("splits")
        .into_iter()
        .collect()
}

/// A page that has loaded the core alone.
fn core_of(files: &HashMap<String, Vec<u8>>) -> Session {
    Session::new(codec::decode(&files["can-refuse.data"]).expect("core"))
}

/// A page's view: the core, then only the files the engine asks for.
fn page(files: &HashMap<String, Vec<u8>>, needs: impl Fn(&Session) -> Vec<String>) -> Session {
    let mut loaded = core_of(files);
    for name in needs(&loaded) {
        loaded
            .load(&name, &files[&name])
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    loaded
}

/// The whole dataset and the chunks a page loaded give the same answer.
fn assert_same_answer(
    dataset: &can_refuse::Dataset,
    places: &can_refuse::dataset::Places,
    loaded: &Session,
    input: QueryInput,
    today: Date,
) {
    let what = format!("{input:?}");
    let query = input.parse(today).expect("parses");
    let expected = can_refuse::evaluate(dataset, Some(places), &query).expect("whole");
    let actual = loaded.answer(&query).expect("chunks");
    assert_eq!(
        serde_json::to_value(&actual).expect("json"),
        serde_json::to_value(&expected).expect("json"),
        "{what}"
    );
}

#[test]
fn every_state_answers_the_same_from_its_chunks() {
    let (dataset, places) = whole();
    let files = chunks(&dataset, &places);
    let today = Date::parse("2026-11-27").expect("date");
    let states: Vec<String> = dataset
        .jurisdictions
        .iter()
        .filter(|j| j.level == Level::State)
        .map(|j| j.id.clone())
        .collect();
    for state in &states {
        // Without any area, a state-wide answer is the same for every
        // agency (the state police's agreements come with the law chunk) and
        // for "which agency?" not yet answered.
        let lean = page(&files, |l| l.files_for_state(state, None));
        assert!(lean.files_for_state(state, None).is_empty());
        let agencies = Agency::ALL.iter().map(|(a, _)| a.name()).chain([""]);
        for agency in agencies {
            for (situation, _) in Situation::ALL {
                let input = QueryInput {
                    state: state.clone(),
                    agency: agency.into(),
                    situation: situation.name().into(),
                    ..Default::default()
                };
                assert_same_answer(&dataset, &places, &lean, input, today);
            }
        }
        // Every county and town with local records, each from the law chunk
        // and its own area alone, as a page would load them.
        let in_state = |j: &&can_refuse::dataset::Jurisdiction| {
            dataset.jurisdictions[j.parent.unwrap_or(0) as usize].id == *state
        };
        let mut asked: Vec<(String, Option<String>)> = Vec::new();
        for j in dataset.jurisdictions.iter().filter(in_state) {
            match j.level {
                Level::County => asked.push((j.fips.clone(), None)),
                Level::City => {
                    for county in places
                        .city_by_name(state, &j.name)
                        .map(|(_, c)| c.counties.clone())
                        .unwrap_or_default()
                    {
                        let fips = places.counties[county as usize].fips.clone();
                        asked.push((fips, Some(j.name.clone())));
                    }
                }
                _ => {}
            }
        }
        for (county, city) in asked {
            let loaded = page(&files, |l| l.files_for_state(state, Some(&county)));
            assert!(loaded.files_for_state(state, Some(&county)).is_empty());
            for (agency, _) in Agency::ALL {
                for (situation, _) in Situation::ALL {
                    let input = QueryInput {
                        state: state.clone(),
                        county: Some(county.clone()),
                        city: city.clone(),
                        agency: agency.name().into(),
                        situation: situation.name().into(),
                        ..Default::default()
                    };
                    assert_same_answer(&dataset, &places, &loaded, input, today);
                }
            }
        }
    }
}

#[test]
fn typing_finds_the_same_places_from_small_chunks() {
    let (dataset, places) = whole();
    let files = chunks(&dataset, &places);
    let whole = Session::with_places(dataset.clone(), places.clone());
    for text in [
        "Providence, RI",
        "houston",
        "St. Louis, MO",
        "Cañon City",
        "harris, tx",
        "new york",
        "77002",
        "0290",
        "Texas",
        "Orleans Parish",
        // Groups too big for one chunk, split into three letters or more:
        "Madison, WI",
        "San Antonio",
        "Kansas City, MO",
        "City of Industry",
        "Salt Lake City",
        // A word as short as a split key: its own chunk.
        "La Crosse, WI",
        // A town with no postal name of its own (geo/municipalities.csv).
        "Lakewood, CO",
    ] {
        let loaded = page(&files, |l| l.files_for_text(text));
        let expected: Vec<String> = whole.search(text, 8).into_iter().map(|m| m.label).collect();
        let actual: Vec<String> = loaded
            .search(text, 8)
            .into_iter()
            .map(|m| m.label)
            .collect();
        assert_eq!(actual, expected, "{text}");
        assert!(!actual.is_empty(), "{text}");
    }
    // "City" typed first finds the towns whose name has it first (City of
    // Industry), not every "… City": its chunk is one of the small ones.
    let city = page(&files, |l| l.files_for_text("city"));
    let labels: Vec<String> = city
        .search("city", 8)
        .into_iter()
        .map(|m| m.label)
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l.to_lowercase().starts_with("city of")),
        "{labels:?}"
    );
    assert!(
        !labels.iter().any(|l| l.starts_with("Kansas City")),
        "{labels:?}"
    );
    let chunk = core_of(&files).files_for_text("city");
    assert!(
        chunk.iter().all(|n| files[n].len() <= NAME_CHUNK_MAX),
        "{chunk:?}"
    );
    // The chunks are small: none over the compiler's cap (about 10 KB
    // gzip), but for a word that is its whole key, which cannot be split:
    // every place in such a chunk has that very word. ("City" after a
    // town's first word is not indexed, so Kansas City and its hundreds of
    // namesakes no longer make one 27 KB chunk.)
    for (name, bytes) in files.iter().filter(|(n, _)| n.starts_with("names-")) {
        if bytes.len() <= NAME_CHUNK_MAX {
            continue;
        }
        let key = name["names-".len()..].split('.').next().unwrap_or_default();
        let chunk = codec::decode_places(bytes).expect("name chunk");
        let words = |n: &str| fold(n).split(' ').any(|w| w == key);
        // (Its counties may be there only to label its towns.)
        assert!(
            key.len() >= 3 && chunk.cities.iter().all(|c| words(&c.name)),
            "{name} is {} bytes, over the cap of {NAME_CHUNK_MAX}",
            bytes.len()
        );
    }
}

#[test]
fn zip_codes_come_in_their_own_chunk_joined_in_either_order() {
    let (dataset, places) = whole();
    let files = chunks(&dataset, &places);
    let core = || core_of(&files);
    // An answer for a town chosen by name needs its state's laws and its
    // county's area, not its state's places or ZIP codes.
    let needs = core().files_for_state("TX", Some("48201"));
    assert_eq!(needs.len(), 2, "{needs:?}");
    assert!(needs[1].starts_with("area-TX-"), "{needs:?}");
    // Typing a ZIP code needs both, and finds it whichever arrives first.
    let typed = core().files_for_text("77002");
    assert!(
        typed.iter().any(|n| n.starts_with("places-TX.")),
        "{typed:?}"
    );
    assert!(typed.iter().any(|n| n.starts_with("zips-TX.")), "{typed:?}");
    for order in [typed.clone(), typed.iter().rev().cloned().collect()] {
        let mut session = core();
        for name in &order {
            session.load(name, &files[name]).expect("loads");
        }
        assert!(session.files_for_text("77002").is_empty(), "{order:?}");
        let found = session.search("77002", 1);
        assert_eq!(
            found.first().map(|m| m.label.as_str()),
            Some("77002 Houston, TX (Harris County)"),
            "{order:?}"
        );
    }
}

#[test]
fn a_towns_area_comes_in_its_own_chunk_joined_in_either_order() {
    let (dataset, places) = whole();
    let files = chunks(&dataset, &places);
    let core = || core_of(&files);
    // A first answer for a state from the list needs its law chunk alone.
    let first = core().files_for_state("CA", None);
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(first[0].starts_with("laws-CA."), "{first:?}");
    let needs = core().files_for_state("CA", Some("06075"));
    assert!(needs.iter().any(|n| n.starts_with("area-CA-")), "{needs:?}");
    // Another county's area is another file, and a town whose county is
    // not known asks for every area of its state.
    let elsewhere = core().files_for_state("CA", Some("06001"));
    assert_ne!(needs, elsewhere);
    let every = core().files_for_state("CA", Some(""));
    assert!(every.len() > needs.len(), "{every:?}");
    assert!(needs.iter().all(|n| every.contains(n)), "{every:?}");
    let today = Date::parse("2026-12-07").expect("date");
    let town = || QueryInput {
        state: "CA".into(),
        county: Some("06075".into()),
        city: Some("San Francisco".into()),
        agency: "police".into(),
        situation: "info-sharing".into(),
        warrant: None,
        as_of: None,
    };
    // Without its area, a town's answer is refused, not answered as if the
    // town had no policy of its own.
    let mut partial = core();
    for name in needs.iter().filter(|n| !n.starts_with("area-")) {
        partial.load(name, &files[name]).expect("loads");
    }
    assert!(partial
        .answer(&town().parse(today).expect("parses"))
        .is_err());
    for order in [needs.clone(), needs.iter().rev().cloned().collect()] {
        let mut session = core();
        for name in &order {
            session.load(name, &files[name]).expect("loads");
        }
        assert!(
            session.files_for_state("CA", Some("06075")).is_empty(),
            "{order:?}"
        );
        assert_same_answer(&dataset, &places, &session, town(), today);
        let answer = session
            .answer(&town().parse(today).expect("parses"))
            .expect("answers");
        assert!(
            answer
                .reasons
                .iter()
                .any(|r| r.level == Level::City && r.applies),
            "{order:?}: San Francisco's own policy decides"
        );
    }
}
