//! "Where do you live?": the place index finds ZIP codes, towns and counties
//! the way people type them, and every answer names its county and city.

use can_refuse::dataset::codec;
use can_refuse::dataset::Places;
use can_refuse::search::{self as place_search, PlaceKind, PlaceMatch};

fn places() -> Places {
    codec::decode_places(can_refuse::EMBEDDED_PLACES).expect("embedded place index decodes")
}

fn search(text: &str) -> Vec<PlaceMatch> {
    let dataset = codec::decode(can_refuse::EMBEDDED_DATA).expect("data");
    place_search::search(&places(), text, &dataset.states(), 8)
}

#[test]
fn the_index_covers_every_county_and_the_zip_codes_people_type() {
    let places = places();
    assert!(
        places.counties.len() >= 3_143,
        "{} counties",
        places.counties.len()
    );
    for (fips, name) in [
        ("48201", "Harris County"),
        ("22071", "Orleans Parish"),
        ("02020", "Anchorage Municipality"),
        ("51510", "Alexandria city"),
        ("72127", "San Juan Municipio"),
        ("66010", "Guam"),
    ] {
        let (_, county) = places
            .county_by_fips(fips)
            .unwrap_or_else(|| panic!("{fips} missing"));
        assert_eq!(county.name, name);
    }
    assert!(places.zips.len() > 39_000);
}

#[test]
fn a_zip_code_resolves_to_its_city_and_county() {
    let found = search("77002");
    assert_eq!(found[0].kind, PlaceKind::Zip);
    assert_eq!(
        (
            found[0].state.as_str(),
            found[0].county.as_str(),
            found[0].city.as_deref()
        ),
        ("TX", "Harris County", Some("Houston"))
    );
    assert_eq!(found[0].county_fips, "48201");
    // A partial ZIP lists the ZIP codes it starts.
    assert!(search("770")
        .iter()
        .all(|m| m.zip.as_deref().is_some_and(|z| z.starts_with("770"))));
}

#[test]
fn a_zip_across_a_county_line_offers_each_county() {
    let places = places();
    let crossing = places
        .zips
        .iter()
        .find(|z| z.counties.len() > 1)
        .expect("some ZIP crosses a county line");
    let found = search(&format!("{:05}", crossing.code));
    let counties: Vec<&str> = found
        .iter()
        .filter(|m| m.zip.as_deref() == Some(&format!("{:05}", crossing.code)))
        .map(|m| m.county_fips.as_str())
        .collect();
    assert_eq!(counties.len(), crossing.counties.len());
}

#[test]
fn towns_are_found_forgivingly() {
    let first = |text: &str| {
        search(text)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("nothing for {text}"))
    };
    let providence = first("Providence, RI");
    assert_eq!(
        (
            providence.kind,
            providence.state.as_str(),
            providence.county.as_str()
        ),
        (PlaceKind::City, "RI", "Providence County")
    );
    // Without the state, the bigger Providence comes first.
    assert_eq!(first("providence").state, "RI");
    assert_eq!(first("St. Louis, MO").city.as_deref(), Some("Saint Louis"));
    assert_eq!(first("saint louis mo").city.as_deref(), Some("Saint Louis"));
    assert_eq!(first("Canon City, CO").city.as_deref(), Some("Canon City"));
    assert_eq!(first("Cañon City").city.as_deref(), Some("Canon City"));
    let harris = search("harris, tx");
    assert!(
        harris
            .iter()
            .any(|m| m.kind == PlaceKind::County && m.county == "Harris County"),
        "{harris:#?}"
    );
    let orleans = search("Orleans Parish");
    assert!(orleans.iter().any(|m| m.county_fips == "22071"));
    assert_eq!(first("Texas").kind, PlaceKind::State);
    assert!(search("zzzzqqq").is_empty());
}

/// Large towns the Postal Service names after a neighbour are found by their
/// own name (geo/municipalities.csv), in their own county; The Woodlands,
/// in two counties, lists the one holding most of it first.
#[test]
fn towns_without_a_postal_name_are_found_by_their_own() {
    for (typed, city, county) in [
        ("Lakewood, CO", "Lakewood", "Jefferson County"),
        ("Spokane Valley", "Spokane Valley", "Spokane County"),
        ("Brooklyn Park, MN", "Brooklyn Park", "Hennepin County"),
        ("West Valley City", "West Valley City", "Salt Lake County"),
        ("The Woodlands, TX", "The Woodlands", "Montgomery County"),
    ] {
        let found = search(typed).into_iter().next();
        let found = found.unwrap_or_else(|| panic!("nothing for {typed}"));
        assert_eq!(
            (found.kind, found.city.as_deref(), found.county.as_str()),
            (PlaceKind::City, Some(city), county),
            "{typed}"
        );
    }
}

#[test]
fn a_city_across_county_lines_lists_its_main_county_first() {
    let houston: Vec<PlaceMatch> = search("Houston, TX")
        .into_iter()
        .filter(|m| m.city.as_deref() == Some("Houston"))
        .collect();
    assert!(houston.len() > 1, "Houston spans several counties");
    assert_eq!(houston[0].county, "Harris County");
}

/// The answer to a jail or police question about a detainer on 2026-11-27.
fn ask(state: &str, county: Option<&str>, city: &str, agency: &str) -> can_refuse::Answer {
    let dataset = codec::decode(can_refuse::EMBEDDED_DATA).expect("data");
    let query = can_refuse::QueryInput {
        state: state.into(),
        county: county.map(Into::into),
        city: Some(city.into()),
        agency: agency.into(),
        situation: "detainer".into(),
        ..Default::default()
    }
    .parse(can_refuse::Date::parse("2026-11-27").expect("date"))
    .expect("parses");
    can_refuse::evaluate(&dataset, Some(&places()), &query).expect("answer")
}

#[test]
fn new_york_city_law_reaches_every_borough() {
    for (fips, usps_city) in [
        ("36047", "Brooklyn"),
        ("36081", "Flushing"),
        ("36085", "Staten Island"),
    ] {
        let answer = ask("NY", Some(fips), usps_city, "jail");
        assert_eq!(
            answer.jurisdiction.city.as_deref(),
            Some("New York"),
            "{usps_city}"
        );
        assert!(
            answer
                .reasons
                .iter()
                .any(|r| r.level == can_refuse::dataset::Level::City && r.applies),
            "{usps_city}"
        );
    }
}

fn layer_text(answer: &can_refuse::Answer, level: can_refuse::dataset::Level) -> String {
    answer
        .reasons
        .iter()
        .filter(|r| r.level == level)
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn a_city_that_is_one_government_with_its_county_answers_with_the_countys_records() {
    use can_refuse::dataset::Level;
    // Baltimore's, New Orleans' and Anchorage's own policies are keyed by
    // their county: asked about by the city's name alone, the county is
    // found, and the city layer points to it instead of "no local policy".
    for (state, city, county) in [
        ("MD", "Baltimore", "Baltimore city"),
        ("LA", "New Orleans", "Orleans Parish"),
        ("AK", "Anchorage", "Anchorage Municipality"),
    ] {
        let answer = ask(state, None, city, "police");
        assert_eq!(
            answer.jurisdiction.county.as_deref(),
            Some(county),
            "{city}"
        );
        let said = layer_text(&answer, Level::City);
        assert!(
            said.contains("one government") && said.contains(county),
            "{city}: {said}"
        );
        assert!(!said.contains("no local policy"), "{city}: {said}");
    }
    // Denver's records are the city's: the county layer points to them.
    let denver = ask("CO", Some("08031"), "Denver", "police");
    let said = layer_text(&denver, Level::County);
    assert!(
        said.contains("one government") && said.contains("Denver"),
        "{said}"
    );
    assert!(denver
        .reasons
        .iter()
        .any(|r| r.level == Level::City && r.applies));
}

#[test]
fn a_city_spanning_its_county_reaches_no_other_county_that_shares_its_postal_name() {
    use can_refuse::dataset::Level;
    // ZIP 80215 is in Jefferson County (Lakewood), though the Postal Service
    // calls it "Denver": Denver's ordinances are not its law.
    let lakewood = ask("CO", Some("08059"), "Denver", "police");
    assert!(
        !lakewood
            .reasons
            .iter()
            .any(|r| r.level == Level::City && r.applies),
        "{}",
        layer_text(&lakewood, Level::City)
    );
    assert!(layer_text(&lakewood, Level::City).contains("no local policy"));
    // And a "Richmond" address in Henrico County is not the city of Richmond.
    let henrico = ask("VA", Some("51087"), "Richmond", "police");
    assert!(!layer_text(&henrico, Level::City).contains("one government"));
}
