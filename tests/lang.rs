//! Translations: the overlay keeps every fact, falls back to English for a
//! missing string and names it, and the shipped Spanish covers every string.

use can_refuse::compile::{self, lang};

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

const ENGLISH_STATE: &str = r#"
code = "BB"
name = "State BB"
fips = "02"
[[law]]
id = "bb-one"
name = "Act One"
effective = "2020-01-01"
[[law.source]]
title = "A source"
url = "https://example.org/one"
[[law.rule]]
effect = "must_refuse"
text = "Police may not help."
[[law.rule]]
effect = "may_refuse"
text = "Jails may choose."
"#;

#[test]
fn a_translation_replaces_only_text_and_names_what_it_lacks() {
    let english = files(&[("states/BB.toml", ENGLISH_STATE)]);
    let spanish = files(&[(
        "states/BB.toml",
        r#"
[[law]]
id = "bb-one"
name = "Ley Uno"
[[law.rule]]
text = "La policía no puede ayudar."
[[law.rule]]
text = "Jails may choose."

[[law]]
id = "bb-gone"
name = "Ley retirada"
"#,
    )]);
    let (merged, report) = lang::merge(&english, &spanish);
    let merged: toml::Value = merged[0].1.parse().expect("toml");
    let law = &merged["law"][0];
    assert_eq!(law["name"].as_str(), Some("Ley Uno"));
    assert_eq!(
        law["rule"][0]["text"].as_str(),
        Some("La policía no puede ayudar.")
    );
    // Facts stay as they are: effect, dates, sources, the state's name.
    assert_eq!(law["rule"][0]["effect"].as_str(), Some("must_refuse"));
    assert_eq!(law["effective"].as_str(), Some("2020-01-01"));
    assert_eq!(law["source"][0]["title"].as_str(), Some("A source"));
    assert_eq!(merged["name"].as_str(), Some("State BB"));
    // Text left in English counts as missing; a law English no longer has is stale.
    assert_eq!(report.missing, ["states/BB.toml: law[bb-one].rule[1].text"]);
    assert_eq!(report.stale, ["states/BB.toml: law[bb-gone]"]);
}

#[test]
fn a_missing_file_falls_back_to_english_and_every_string_is_listed() {
    let english = files(&[("states/BB.toml", ENGLISH_STATE)]);
    let (merged, report) = lang::merge(&english, &[]);
    assert_eq!(merged, english);
    assert_eq!(report.missing.len(), 3, "{:?}", report.missing);
}

#[test]
fn the_template_holds_every_string_to_translate_and_no_facts() {
    let english = files(&[("states/BB.toml", ENGLISH_STATE)]);
    let template = lang::template(&english);
    let text = &template[0].1;
    assert!(text.contains("Act One") && text.contains("Jails may choose."));
    assert!(!text.contains("must_refuse") && !text.contains("example.org"));
    // The untouched template translates nothing yet.
    let (_, report) = lang::merge(&english, &template);
    assert_eq!(report.missing.len(), 3);
    assert!(report.stale.is_empty());
}

/// The shipped Spanish covers every English string, and compiles.
#[test]
fn spanish_covers_every_english_string() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let all = compile::read_dir(&dir).expect("data");
    let english = lang::english_files(&all);
    let spanish = lang::language_files(&all, "es");
    let (merged, report) = lang::merge(&english, &spanish);
    assert!(
        report.is_complete(),
        "missing:\n{}\nstale:\n{}\nerrors:\n{}",
        report.missing.join("\n"),
        report.stale.join("\n"),
        report.errors.join("\n")
    );
    let compiled = compile::compile_translated(&merged).expect("Spanish data compiles");
    assert!(compiled
        .dataset
        .strings
        .disclaimer
        .contains("no asesoría legal"));
}
