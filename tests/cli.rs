//! The command line, run as a person would: real answers, one-line errors,
//! exit codes, and the same JSON the browser gets.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_can-refuse"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(args: &[&str]) -> serde_json::Value {
    let output = run(args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        stderr(&output)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

fn applied_rules(answer: &serde_json::Value) -> Vec<String> {
    answer["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .filter(|r| r["applies"] == true)
        .filter_map(|r| r["rule"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn california_police_must_refuse_raid_help_citing_sb54() {
    let answer = json(&[
        "ask",
        "--state",
        "CA",
        "--agency",
        "police",
        "--situation",
        "residential-raid",
        "--json",
    ]);
    assert_eq!(answer["verdict"], "must_refuse");
    assert_eq!(answer["jurisdiction"]["state"], "CA");
    assert!(applied_rules(&answer).contains(&"ca-sb54-2017".to_string()));
    let sb54 = answer["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .find(|r| r["rule"] == "ca-sb54-2017")
        .expect("SB 54");
    let source = &sb54["sources"][0];
    assert!(source["url"].as_str().expect("url").starts_with("http"));
    assert_eq!(source["effective"], "2018-01-01");
    assert!(source["verified"].as_str().is_some());
    assert!(answer["disclaimer"]
        .as_str()
        .expect("disclaimer")
        .contains("not legal advice"));
    assert!(answer["data_as_of"].as_str().is_some());
}

#[test]
fn texas_sheriffs_must_honor_detainers_citing_sb4() {
    let answer = json(&[
        "ask",
        "--state",
        "TX",
        "--agency",
        "sheriff",
        "--situation",
        "detainer",
        "--json",
    ]);
    assert_eq!(answer["verdict"], "must_cooperate");
    assert!(applied_rules(&answer).contains(&"tx-sb4-2017".to_string()));
}

#[test]
fn the_text_answer_shows_verdict_reasons_sources_and_dates() {
    let output = run(&[
        "ask",
        "--state",
        "texas",
        "--agency",
        "jail",
        "--situation",
        "detainer",
        "--as-of",
        "2026-11-27",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("Texas · County jail ·"), "{text}");
    assert!(text.contains("[must_cooperate]"));
    assert!(text.contains("Source: ") && text.contains("<http"));
    assert!(text.contains("Law as of 2026-11-27. Data as of "));
    assert!(text.contains("not legal advice"));
}

#[test]
fn json_is_the_same_answer_the_library_gives() {
    let cli = json(&[
        "ask",
        "--state",
        "NC",
        "--agency",
        "sheriff",
        "--situation",
        "detainer",
        "--as-of",
        "2026-01-15",
        "--json",
    ]);
    let dataset = can_refuse::decode(can_refuse::EMBEDDED_DATA).expect("data");
    let places =
        can_refuse::dataset::codec::decode_places(can_refuse::EMBEDDED_PLACES).expect("places");
    let query = can_refuse::QueryInput {
        state: "NC".into(),
        agency: "sheriff".into(),
        situation: "detainer".into(),
        as_of: Some("2026-01-15".into()),
        ..Default::default()
    }
    .parse(can_refuse::Date::parse("2000-01-01").expect("date"))
    .expect("parses");
    let library = serde_json::to_value(
        can_refuse::evaluate(&dataset, Some(&places), &query).expect("answer"),
    )
    .expect("json");
    assert_eq!(cli, library);
}

#[test]
fn an_unknown_state_fails_with_one_clear_line() {
    let output = run(&[
        "ask",
        "--state",
        "ZZ",
        "--agency",
        "police",
        "--situation",
        "detainer",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with("error: unknown state \"ZZ\"; use a two-letter code"),
        "{message}"
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn wrong_flags_and_values_say_what_is_accepted() {
    let cases: [(&[&str], &str); 8] = [
        (
            &["ask", "--stat", "TX"],
            "a similar argument exists: '--state'",
        ),
        (
            &[
                "ask",
                "--state",
                "TX",
                "--agency",
                "cops",
                "--situation",
                "detainer",
            ],
            "possible values: police, sheriff, jail, state-police",
        ),
        (
            &[
                "ask",
                "--state",
                "TX",
                "--agency",
                "police",
                "--situation",
                "raid",
            ],
            "possible values: residential-raid, detainer",
        ),
        (
            &["ask", "--state", "TX", "--agency", "police"],
            "required arguments were not provided:\n  --situation",
        ),
        (
            &["ask", "--agency", "police", "--situation", "detainer"],
            "<--place <PLACE>|--state <STATE>>",
        ),
        (
            &[
                "ask",
                "--state",
                "TX",
                "--agency",
                "police",
                "--situation",
                "detainer",
                "--as-of",
                "tomorrow",
            ],
            "write it as YYYY-MM-DD",
        ),
        (&["ask", "--state"], "a value is required for '--state"),
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
    ];
    for (args, expected) in cases {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert!(message.contains(expected), "{args:?}: {message}");
        assert!(stdout(&output).is_empty(), "{args:?}");
    }
}

#[test]
fn every_command_has_its_own_help_and_completions_are_printed() {
    for args in [
        &["--help"][..],
        &["ask", "--help"],
        &["data", "--help"],
        &["data", "import-287g", "--help"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(stdout(&output).contains("Usage: can-refuse"), "{args:?}");
    }
    let ask = stdout(&run(&["ask", "--help"]));
    assert!(ask.contains("--situation <SITUATION>") && ask.contains("residential-raid"));
    let bash = run(&["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0));
    assert!(stdout(&bash).contains("import-287g") && stdout(&bash).contains("--situation"));
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // `can-refuse data verdicts --json | head -c 16`: the pipe closes long
    // before the answers (over 300 KB, several pipe buffers) are written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_can-refuse"))
        .args(["data", "verdicts", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn a_corrupt_or_truncated_data_file_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("can-refuse-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut corrupt = can_refuse::EMBEDDED_DATA.to_vec();
    let middle = corrupt.len() / 2;
    corrupt[middle] ^= 0xFF;
    let truncated = &can_refuse::EMBEDDED_DATA[..can_refuse::EMBEDDED_DATA.len() / 3];
    for (name, bytes, expected) in [
        ("corrupt.data", &corrupt[..], "corrupted"),
        ("truncated.data", truncated, "cut short"),
        (
            "page.data",
            &b"<html>404</html>"[..],
            "not the expected can-refuse data file",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        let path = path.to_string_lossy().into_owned();
        let output = run(&[
            "ask",
            "--state",
            "TX",
            "--agency",
            "police",
            "--situation",
            "detainer",
            "--data",
            &path,
        ]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let message = stderr(&output);
        assert!(
            message.starts_with(&format!("error: {path}: ")) && message.contains(expected),
            "{message}"
        );
    }
    let missing = run(&[
        "ask",
        "--state",
        "TX",
        "--agency",
        "police",
        "--situation",
        "detainer",
        "--data",
        "/nonexistent.data",
    ]);
    assert!(stderr(&missing).starts_with("error: cannot read data file /nonexistent.data"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn data_check_passes_on_the_shipped_data_and_names_defects() {
    let output = run(&["data", "check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("data ok: "));

    let dir = std::env::temp_dir().join(format!("can-refuse-check-{}", std::process::id()));
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    std::fs::create_dir_all(dir.join("states")).expect("temp dir");
    for dir_name in ["geo", "287g"] {
        std::fs::create_dir_all(dir.join(dir_name)).expect("temp dir");
    }
    for name in [
        "sources.toml",
        "meta.toml",
        "strings.toml",
        "federal.toml",
        "notes.toml",
        "geo/counties.csv",
        "geo/zips.csv",
        "geo/municipalities.csv",
        "287g/models.toml",
        "287g/sheets.toml",
        "287g/agreements.csv",
    ] {
        std::fs::copy(shipped.join(name), dir.join(name)).expect("copy");
    }
    let tx = std::fs::read_to_string(shipped.join("states/TX.toml")).expect("TX");
    std::fs::write(
        dir.join("states/TX.toml"),
        tx.replacen("verified = ", "verified_on = ", 1),
    )
    .expect("write");
    let output = run(&["data", "check", "--dir", &dir.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: 1 problem(s) in the data:"),
        "{message}"
    );
    assert!(
        message.contains("states/TX.toml: is not valid:") && message.contains("verified"),
        "{message}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn ask_reads_an_edited_data_folder_without_a_rebuild() {
    let question = [
        "ask",
        "--state",
        "TX",
        "--agency",
        "police",
        "--situation",
        "detainer",
        "--json",
    ];
    let built_in = json(&question);
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let dir = std::env::temp_dir().join(format!("can-refuse-data-dir-{}", std::process::id()));
    copy_dir(&shipped, &dir);
    let path = dir.to_string_lossy().into_owned();
    let asked: Vec<&str> = question
        .iter()
        .copied()
        .chain(["--data-dir", &path])
        .collect();
    let with = |extra: &[&'static str]| [&asked[..], extra].concat();
    // The same data gives the same answer as the built-in copy…
    assert_eq!(json(&with(&[])), built_in);
    // …and an edit shows at once.
    let strings = std::fs::read_to_string(dir.join("strings.toml")).expect("strings");
    std::fs::write(
        dir.join("strings.toml"),
        strings.replacen("not legal advice", "NOT legal advice", 1),
    )
    .expect("write");
    let edited = json(&with(&[]));
    assert!(edited["disclaimer"]
        .as_str()
        .is_some_and(|d| d.contains("NOT legal advice")));
    assert_eq!(edited["verdict"], built_in["verdict"]);
    // Commands that also read the data folder read the same one: with no
    // government suffix counted as primary, fewer laws are primary-sourced.
    let stats = |extra: &[&str]| json(&[&["data", "stats", "--json"], extra].concat());
    let shipped_primary = stats(&[])["laws_primary_sourced"].as_u64().expect("count");
    let standard = std::fs::read_to_string(dir.join("sources.toml")).expect("sources");
    std::fs::write(
        dir.join("sources.toml"),
        standard.replacen(
            "primary_suffixes = [\".gov\", \".mil\", \".us\"]",
            "primary_suffixes = []",
            1,
        ),
    )
    .expect("write");
    let edited_primary = stats(&["--data-dir", &path])["laws_primary_sourced"]
        .as_u64()
        .expect("count");
    assert!(
        edited_primary < shipped_primary,
        "{edited_primary} of {shipped_primary}"
    );
    // A broken folder is named, problem by problem, and nothing is answered.
    let tx = std::fs::read_to_string(dir.join("states/TX.toml")).expect("TX");
    std::fs::write(
        dir.join("states/TX.toml"),
        tx.replacen("verified = ", "verified_on = ", 1),
    )
    .expect("write");
    let broken = run(&with(&[]));
    assert_eq!(broken.status.code(), Some(1));
    assert!(stdout(&broken).is_empty());
    let message = stderr(&broken);
    assert!(
        message.starts_with("error: ")
            && message.contains("problem(s) in the data:")
            && message.contains("states/TX.toml: is not valid"),
        "{message}"
    );
    // It replaces the compiled files, so both cannot be given.
    let both = run(&with(&["--data", "x.data"]));
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn data_stats_counts_the_shipped_data() {
    let stats = json(&["data", "stats", "--json"]);
    assert_eq!(stats["states"], 56);
    for key in [
        "counties",
        "places",
        "zips",
        "laws",
        "local_policies",
        "agreements_287g",
    ] {
        assert!(
            stats[key].as_u64().is_some_and(|n| n > 0),
            "{key}: {}",
            stats[key]
        );
    }
    assert_eq!(stats["agreements_287g"], 1843);
    assert!(stats["laws"].as_u64().expect("laws") >= 52);
    assert_eq!(stats["large_counties"], 608);
    // Every county of 100,000 people or more has a record (issue 18).
    assert_eq!(stats["large_counties_checked"], 608);
    assert_eq!(
        stats["states_with_laws"].as_u64().unwrap_or(0)
            + stats["states_without_law"].as_u64().unwrap_or(0)
            + stats["states_unverified"].as_u64().unwrap_or(0),
        56
    );
}

#[test]
fn data_export_writes_the_open_data_with_its_schemas() {
    let out = std::env::temp_dir().join(format!("can-refuse-export-{}", std::process::id()));
    let dir = out.to_string_lossy().to_string();
    let done = run(&["data", "export", &dir]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stdout).contains("51904 verdicts (56 states)"));
    for file in [
        "laws.json",
        "agreements-287g.csv",
        "verdicts.csv",
        "verdicts.json",
        "README.md",
        "states/TX.json",
        "schema/laws.schema.json",
        "schema/verdict-row.schema.json",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let verdicts = std::fs::read_to_string(out.join("verdicts.csv")).expect("verdicts.csv");
    assert_eq!(verdicts.lines().count(), 1 + 3244 * 16);
    assert!(verdicts.starts_with(
        "state,county_fips,county,agency,situation,verdict,decided_by,decided_level,asks\n"
    ));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn data_large_places_lists_the_counties_still_to_research() {
    let listed = run(&["data", "large-places"]);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(
        text.lines()
            .all(|l| l.starts_with("not yet") || l.contains("counties of 100000+ people checked")),
        "{text}"
    );
    let all = String::from_utf8_lossy(&run(&["data", "large-places", "--all"]).stdout).to_string();
    assert!(
        all.contains("checked") && all.contains("06037 Los Angeles County, CA"),
        "{all}"
    );
    assert!(all.lines().count() > text.lines().count());
}

#[test]
fn data_compile_writes_the_core_and_its_chunks() {
    let out = std::env::temp_dir().join(format!("can-refuse-compile-{}", std::process::id()));
    let output = run(&["data", "compile", "--out", &out.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let core = can_refuse::decode(&std::fs::read(out.join("can-refuse.data")).expect("core"))
        .expect("decodes");
    let index = core.chunks.expect("the core names its chunks");
    assert!(index.prefixes.contains(&"ho".to_string()));
    // Each chunk is written under its checksummed name, as the core lists it…
    for plain in ["laws-TX.data", "area-TX-001.data", "places-TX.data"] {
        let crc = index.checksum(plain).expect(plain);
        let file = can_refuse::dataset::files::hashed_name(plain, crc);
        assert_eq!(index.file(plain), file);
        let bytes = std::fs::read(out.join(&file)).expect(&file);
        assert_eq!(
            can_refuse::dataset::codec::header_checksum(&bytes),
            Some(crc)
        );
    }
    // … but name chunks under their shared id, made from every one's checksum.
    let mut names = Vec::new();
    for key in &index.prefixes {
        let file = index.file(&["names-", key, ".data"].concat());
        let bytes = std::fs::read(out.join(&file)).expect(&file);
        let crc = can_refuse::dataset::codec::header_checksum(&bytes).expect("header");
        assert!(
            can_refuse::dataset::codec::decode_places(&bytes).is_ok(),
            "{file}"
        );
        names.push((key.as_str(), crc));
    }
    assert_eq!(index.names, can_refuse::dataset::codec::names_id(names));
    assert!(index.file("names-ho.data").starts_with("names-ho."));
    // Spanish: its own core, whose law chunks sit beside the English ones.
    let spanish =
        can_refuse::decode(&std::fs::read(out.join("es/can-refuse.data")).expect("es core"))
            .expect("decodes");
    assert!(
        spanish.strings.disclaimer.contains("asesoría legal"),
        "{}",
        spanish.strings.disclaimer
    );
    let es_index = spanish.chunks.expect("index");
    let crc = es_index.checksum("laws-TX.data").expect("TX");
    assert!(out
        .join(can_refuse::dataset::files::hashed_name("laws-TX.data", crc))
        .exists());
    // Beside each core, every state's ready answers: the engine's own
    // answers, keyed as the page asks ("agency/situation", "" not asked).
    for (file, lang) in [("ready-TX.json", "en"), ("es/ready-TX.json", "es")] {
        let ready: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join(file)).expect(file)).expect(file);
        assert_eq!(ready["state"], "TX");
        assert_eq!(ready["version"], can_refuse::VERSION);
        let from = ready["from"].as_str().expect("from");
        let until = ready["until"].as_str().expect("until");
        assert!(
            from <= until && from == core.data_as_of.iso(),
            "{from}..{until}"
        );
        assert_eq!(ready["answers"].as_object().map(|a| a.len()), Some(24));
        if lang == "es" {
            let headline = ready["answers"]["sheriff/detainer"]["headline"].as_str();
            assert!(
                headline.is_some_and(|h| h.contains("Texas")),
                "{headline:?}"
            );
            continue; // the CLI answers in English
        }
        for (key, agency) in [("sheriff/detainer", "sheriff"), ("/detainer", "")] {
            let mut args = vec!["ask", "--state", "TX", "--situation", "detainer"];
            args.extend(["--as-of", until, "--json"]);
            if !agency.is_empty() {
                args.extend(["--agency", agency]);
            }
            // The engine's answer on the last day the file holds, but for its date.
            let mut asked = json(&args);
            asked["as_of"] = serde_json::Value::from(from);
            // Its reasons and notes are indexes into the file's `parts`.
            let mut held = ready["answers"][key].clone();
            for field in ["reasons", "notes"] {
                let unpacked: Vec<serde_json::Value> = held[field]
                    .as_array()
                    .expect(field)
                    .iter()
                    .map(|i| ready["parts"][i.as_u64().expect("an index") as usize].clone())
                    .collect();
                assert!(unpacked.iter().all(|p| p.is_object()), "{key} {field}");
                held[field] = serde_json::Value::from(unpacked);
            }
            assert_eq!(held, asked, "{key}");
        }
    }
    assert!(out.join("ready-CA.json").exists() && out.join("es/ready-CA.json").exists());
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn a_zip_code_answers_for_its_county_and_state() {
    let answer = json(&[
        "ask",
        "--place",
        "77002",
        "--agency",
        "sheriff",
        "--situation",
        "detainer",
        "--json",
    ]);
    assert_eq!(answer["jurisdiction"]["state"], "TX");
    assert_eq!(answer["jurisdiction"]["county"], "Harris County");
    assert_eq!(answer["jurisdiction"]["county_fips"], "48201");
    assert!(applied_rules(&answer).contains(&"tx-sb4-2017".to_string()));
}

#[test]
fn a_city_answer_cites_the_city_policy() {
    let answer = json(&[
        "ask",
        "--place",
        "Providence, RI",
        "--agency",
        "police",
        "--situation",
        "residential-raid",
        "--json",
    ]);
    assert_eq!(answer["jurisdiction"]["city"], "Providence");
    let reasons = answer["reasons"].as_array().expect("reasons");
    let city: Vec<&serde_json::Value> = reasons
        .iter()
        .filter(|r| r["level"] == "city" && r["applies"] == true)
        .collect();
    assert!(
        city.iter().any(|r| r["rule"]
            .as_str()
            .is_some_and(|id| id.starts_with("ri-providence-"))),
        "{city:#?}"
    );
    assert!(city.iter().all(|r| r["sources"][0]["url"]
        .as_str()
        .is_some_and(|u| u.starts_with("http"))));
}

#[test]
fn an_agency_with_a_287g_agreement_shows_it() {
    let answer = json(&[
        "ask",
        "--place",
        "Autauga County, AL",
        "--agency",
        "sheriff",
        "--situation",
        "task-force",
        "--json",
    ]);
    let reasons = answer["reasons"].as_array().expect("reasons");
    let agreement = reasons
        .iter()
        .find(|r| {
            r["level"] == "agency"
                && r["rule"]
                    .as_str()
                    .is_some_and(|id| id.starts_with("287g-autauga-county-sheriffs-office"))
        })
        .expect("the sheriff's 287(g) agreement is in the answer");
    assert_eq!(agreement["applies"], true);
    assert!(agreement["title"]
        .as_str()
        .expect("title")
        .contains("287(g) task force agreement"));
    assert!(agreement["title"]
        .as_str()
        .expect("title")
        .contains("signed 2025-09-22"));
    assert_eq!(
        agreement["sources"][0]["url"],
        "https://www.ice.gov/doclib/287gMOA/AutaugaCoSheriffsOfficeAL_TFM_MOA_09222025.pdf"
    );
    assert_eq!(agreement["sources"][0]["effective"], "2025-09-22");
    // No Alabama law requires task-force work: the sheriff is bound only by
    // the agreement it chose to sign, and the headline says so.
    assert_eq!(answer["verdict"], "mixed");
    let headline = answer["headline"].as_str().expect("headline");
    assert!(
        headline.contains("Autauga County Sheriff's Office has one")
            && !headline.contains("Alabama law"),
        "{headline}"
    );
    assert_eq!(answer["decided_by"]["level"], "agency");
}

#[test]
fn a_place_across_county_lines_asks_which_county_for_a_sheriff() {
    let output = run(&[
        "ask",
        "--place",
        "Houston, TX",
        "--agency",
        "sheriff",
        "--situation",
        "detainer",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("is in more than one county (Harris County, ")
            && message.contains("add --county"),
        "{message}"
    );
    let answer = json(&[
        "ask",
        "--place",
        "Houston, TX",
        "--county",
        "Fort Bend",
        "--agency",
        "sheriff",
        "--situation",
        "detainer",
        "--json",
    ]);
    assert_eq!(answer["jurisdiction"]["county"], "Fort Bend County");
    let unknown = run(&[
        "ask",
        "--place",
        "Qqqzzz",
        "--agency",
        "police",
        "--situation",
        "detainer",
    ]);
    assert!(stderr(&unknown).starts_with("error: no ZIP code, city or county matches \"Qqqzzz\""));
}

/// The issue's own example: Austin's March 2026 limit on helping ICE is set
/// aside by Texas SB 4, and both appear in the trace.
#[test]
fn austin_police_policy_is_overridden_by_texas_law_in_the_trace() {
    let answer = json(&[
        "ask",
        "--state",
        "TX",
        "--city",
        "Austin",
        "--agency",
        "police",
        "--situation",
        "residential-raid",
        "--as-of",
        "2026-11-27",
        "--json",
    ]);
    let reasons = answer["reasons"].as_array().expect("reasons");
    let sb4 = reasons
        .iter()
        .find(|r| r["rule"] == "tx-sb4-2017")
        .expect("SB 4 in the trace");
    assert_eq!(sb4["applies"], true);
    let overridden = reasons
        .iter()
        .find(|r| {
            r["rule"] == "tx-austin-apd-ice-administrative-warrants-2026" && r["applies"] == false
        })
        .expect("Austin's limit in the trace, set aside");
    let note = overridden["note"].as_str().expect("note");
    assert!(note.contains("Senate Bill 4"), "{note}");
    // SB 4 bars a practice of refusing whatever the warrant, so the answer
    // is `mixed` either way and the warrant question is not asked.
    assert_eq!(answer["verdict"], "mixed");
    assert!(answer["next_question"].is_null());
}

/// A source on a refused domain stops the data, naming the record and why;
/// laws resting on secondary sources only are listed as warnings.
#[test]
fn data_check_refuses_scrapers_and_lists_secondary_only_laws() {
    let dir = std::env::temp_dir().join(format!("can-refuse-sources-{}", std::process::id()));
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    copy_dir(&shipped, &dir);
    let ca = std::fs::read_to_string(shipped.join("states/CA.toml")).expect("CA");
    std::fs::write(
        dir.join("states/CA.toml"),
        ca.replacen(
            "url = \"https://oag.ca.gov/",
            "url = \"https://app.legiplex.com/ca/x\"\n\n[[law.source]]\ntitle = \"AG\"\nurl = \"https://oag.ca.gov/",
            1,
        ),
    )
    .expect("write");
    let output = run(&["data", "check", "--dir", &dir.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("states/CA.toml: law `ca-sb54-2017`: https://app.legiplex.com/ca/x is not a source: A bill-tracking reader"),
        "{message}"
    );
    // Galarza without its one newsroom source rests on a case-law site and
    // a summary alone: allowed, with a warning.
    copy_dir(&shipped, &dir);
    let federal = std::fs::read_to_string(shipped.join("federal.toml")).expect("federal");
    let newsroom = "url = \"http://www.wfmz.com/";
    assert!(
        federal.contains(newsroom),
        "Galarza's newsroom source moved"
    );
    std::fs::write(
        dir.join("federal.toml"),
        federal.replacen(newsroom, "url = \"https://example.org/", 1),
    )
    .expect("write");
    let output = run(&["data", "check", "--dir", &dir.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: law `us-galarza` rests on secondary sources only"),
        "{}",
        stderr(&output)
    );
    std::fs::remove_dir_all(&dir).ok();

    let output = run(&["data", "check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("warning: law `us-galarza`"),
        "{}",
        stderr(&output)
    );
    let stats = json(&["data", "stats", "--json"]);
    let laws = stats["laws"].as_u64().expect("laws");
    let primary = stats["laws_primary_sourced"].as_u64().expect("primary");
    assert!(
        primary * 10 >= laws * 9,
        "{primary} of {laws} laws primary-sourced"
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}
