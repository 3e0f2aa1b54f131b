//! Helpers shared by the integration tests.
#![allow(dead_code)]

use can_refuse::compile;
use can_refuse::dataset::Dataset;
use can_refuse::{Answer, Date, QueryInput};

pub const STRINGS: &str = include_str!("../../data/strings.toml");
pub const SOURCES: &str = include_str!("../../data/sources.toml");

pub const META: &str = "data_as_of = \"2026-12-07\"\n";
pub const MODELS: &str = include_str!("../../data/287g/models.toml");
pub const NOTES: &str = include_str!("../../data/notes.toml");
pub const SHEETS: &str = include_str!("../../data/287g/sheets.toml");
pub const AGREEMENTS_HEADER: &str =
    "list,state,agency,agency_type,ice_county,county_fips,city,model,signed,moa_url,addendum_url\n";
/// A tiny geography: two counties and three ZIP codes in state "01".
pub const COUNTIES: &str = "fips,state,name\n01001,AA,Pine County\n01003,AA,Oak County\n";
pub const ZIPS: &str = "zip,state,city,counties\n00101,AA,Springfield,01001\n00102,AA,Springfield,01001 01003\n00103,AA,Oakton,01003\n";

pub const FEDERAL: &str = r#"
[[law]]
id = "us-baseline"
name = "Federal baseline"
citation = "521 U.S. 898"
kind = "case_law"
effective = "1997-06-27"
status = "in_force"
verified = "2026-11-27"
[[law.source]]
title = "Printz"
url = "https://example.org/printz"
[[law.rule]]
situations = ["residential-raid", "detainer", "task-force", "info-sharing"]
effect = "may_refuse"
text = "No federal law compels local police."
"#;

/// Compiles a dataset from inline files, with the shipped strings.
pub fn compile(states: &[(&str, &str)]) -> Result<Dataset, Vec<compile::SourceError>> {
    compile_with(FEDERAL, states)
}

pub fn compile_with(
    federal: &str,
    states: &[(&str, &str)],
) -> Result<Dataset, Vec<compile::SourceError>> {
    compile_replacing(states, &[("federal.toml", federal)]).map(|compiled| compiled.dataset)
}

/// Compiles with some files replaced or added (path, contents).
pub fn compile_replacing(
    states: &[(&str, &str)],
    replace: &[(&str, &str)],
) -> Result<can_refuse::compile::Compiled, Vec<compile::SourceError>> {
    let mut files = vec![
        ("sources.toml".to_string(), SOURCES.to_string()),
        ("meta.toml".to_string(), META.to_string()),
        ("strings.toml".to_string(), STRINGS.to_string()),
        ("federal.toml".to_string(), FEDERAL.to_string()),
        ("notes.toml".to_string(), NOTES.to_string()),
        ("287g/models.toml".to_string(), MODELS.to_string()),
        ("287g/sheets.toml".to_string(), SHEETS.to_string()),
        (
            "287g/agreements.csv".to_string(),
            AGREEMENTS_HEADER.to_string(),
        ),
        ("geo/counties.csv".to_string(), COUNTIES.to_string()),
        ("geo/zips.csv".to_string(), ZIPS.to_string()),
    ];
    files.extend(
        states
            .iter()
            .map(|(code, text)| (format!("states/{code}.toml"), text.to_string())),
    );
    for (path, text) in replace {
        files.retain(|(p, _)| p != path);
        files.push((path.to_string(), text.to_string()));
    }
    compile::compile(&files)
}

/// Compiles, panicking with every data error listed (test helper only).
pub fn dataset(states: &[(&str, &str)]) -> Dataset {
    compile(states).unwrap_or_else(|errors| {
        panic!(
            "test data did not compile:\n{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// Asks a question with the given fields; `as_of` defaults to 2026-11-27.
pub fn ask(
    dataset: &Dataset,
    state: &str,
    agency: &str,
    situation: &str,
    extra: &[(&str, &str)],
) -> Answer {
    let mut input = QueryInput {
        state: state.into(),
        agency: agency.into(),
        situation: situation.into(),
        ..QueryInput::default()
    };
    for (key, value) in extra {
        let value = Some(value.to_string());
        match *key {
            "warrant" => input.warrant = value,
            "as_of" => input.as_of = value,
            "county" => input.county = value,
            "city" => input.city = value,
            other => panic!("unknown test field {other}"),
        }
    }
    let today = Date::parse("2026-11-27").expect("valid date");
    let query = input.parse(today).expect("test query parses");
    can_refuse::evaluate(dataset, None, &query).expect("test query evaluates")
}

/// The verdict as its JSON name, e.g. "must_refuse".
pub fn verdict(answer: &Answer) -> String {
    serde_json::to_value(answer.verdict)
        .expect("serializes")
        .as_str()
        .expect("string")
        .to_string()
}

/// Ids of the rules that decide the answer.
pub fn applied(answer: &Answer) -> Vec<&str> {
    answer
        .reasons
        .iter()
        .filter(|r| r.applies && !r.rule.is_empty())
        .map(|r| r.rule.as_str())
        .collect()
}

/// A state file with one law and the given rules (TOML `[[law.rule]]` blocks).
pub fn state_with_law(
    code: &str,
    fips: &str,
    id: &str,
    extra_law_fields: &str,
    rules: &str,
) -> String {
    format!(
        r#"code = "{code}"
name = "State {code}"
fips = "{fips}"
[[law]]
id = "{id}"
name = "Law {id}"
citation = "Code § {id}"
kind = "statute"
effective = "2020-01-01"
status = "in_force"
verified = "2026-11-27"
{extra_law_fields}
[[law.source]]
title = "Statute text"
url = "https://example.org/{id}"
{rules}
"#
    )
}
