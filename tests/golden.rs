//! Golden cases: questions with the answer the law gives, kept as data in
//! tests/cases/*.toml, each checked by a person against the source it names.
//! A failing case prints the whole trace so the disagreement can be read.

use can_refuse::dataset::codec;
use can_refuse::{Answer, Date, QueryInput};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    state: String,
    county: Option<String>,
    city: Option<String>,
    agency: String,
    situation: String,
    warrant: Option<String>,
    as_of: String,
    verdict: String,
    /// Rule ids that must be in the trace and apply.
    #[serde(default)]
    applies: Vec<String>,
    /// Rule ids that must be in the trace and not apply (set aside, not yet in force…).
    #[serde(default)]
    set_aside: Vec<String>,
    /// The law the headline rests on (`decided_by`).
    decided_by: Option<String>,
    /// Words the headline must contain (who decides, what it depends on).
    headline_has: Option<String>,
    /// Words a condition shown beside the answer must contain (a judge's
    /// warrant, a pending change).
    caveat_has: Option<String>,
    /// The engine must not ask a follow-up question.
    #[serde(default)]
    no_question: bool,
    /// The source the expectation was checked against.
    checked: String,
}

fn trace(answer: &Answer) -> String {
    let mut out = format!("  verdict: {:?} — {}\n", answer.verdict, answer.headline);
    for c in &answer.caveats {
        out.push_str(&format!("  caveat: {}: {}\n", c.title, c.text));
    }
    for r in &answer.reasons {
        out.push_str(&format!(
            "  [{:?}] {} {}: {}{}\n",
            r.level,
            if r.applies { "APPLIES" } else { "-" },
            r.rule,
            r.text,
            if r.note.is_empty() {
                String::new()
            } else {
                format!(" (note: {})", r.note)
            }
        ));
    }
    out
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every case file under tests/cases, read, in name order.
fn case_files() -> Vec<(PathBuf, CaseFile)> {
    let dir = Path::new(ROOT).join("tests/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no golden cases found in {}",
        dir.display()
    );
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read");
            let file: CaseFile =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, file)
        })
        .collect()
}

/// The sources the data cites: every `url = "…"` in its TOML files, and
/// every agreement's address in the 287(g) list (CSV).
fn cited_urls(dir: &Path, urls: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("data").filter_map(Result::ok) {
        let path = entry.path();
        let text = || std::fs::read_to_string(&path).expect("read");
        match path.extension().and_then(|e| e.to_str()) {
            _ if path.is_dir() => cited_urls(&path, urls),
            Some("toml") => urls.extend(text().lines().filter_map(|line| {
                let url = line.trim().strip_prefix("url = \"")?.strip_suffix('"')?;
                Some(url.to_string())
            })),
            Some("csv") => urls.extend(
                text()
                    .lines()
                    .flat_map(|line| line.split(','))
                    .filter(|field| field.starts_with("http"))
                    .map(str::to_string),
            ),
            _ => {}
        }
    }
}

/// A case names the source a person checked it against, and that source is
/// one the data itself cites: so a source later refused (a scraper, a
/// mirror) or replaced does not live on in the tests, and a URL typed into
/// a case by hand cannot point nowhere.
#[test]
fn every_golden_case_names_a_source_the_data_cites() {
    let mut urls = BTreeSet::new();
    cited_urls(&Path::new(ROOT).join("data"), &mut urls);
    assert!(urls.len() > 1000, "the data cites {} sources", urls.len());
    let stray: Vec<String> = case_files()
        .into_iter()
        .flat_map(|(path, file)| {
            let urls = &urls;
            file.case.into_iter().filter_map(move |case| {
                (!urls.contains(&case.checked)).then(|| {
                    let file = path.file_name().unwrap_or_default().to_string_lossy();
                    format!("{file}: {}: {}", case.name, case.checked)
                })
            })
        })
        .collect();
    assert!(
        stray.is_empty(),
        "{} golden cases name a source no record in data/ cites (name the record's own source):\n{}",
        stray.len(),
        stray.join("\n")
    );
}

#[test]
fn every_golden_case_holds() {
    let dataset = codec::decode(can_refuse::EMBEDDED_DATA).expect("data");
    let places = codec::decode_places(can_refuse::EMBEDDED_PLACES).expect("places");
    let mut failures = Vec::new();
    let mut count = 0;
    for (path, file) in case_files() {
        let path = &path;
        for case in file.case {
            count += 1;
            assert!(
                case.checked.starts_with("http"),
                "{}: `checked` must be the source URL",
                case.name
            );
            let query = QueryInput {
                state: case.state.clone(),
                county: case.county.clone(),
                city: case.city.clone(),
                agency: case.agency.clone(),
                situation: case.situation.clone(),
                warrant: case.warrant.clone(),
                as_of: Some(case.as_of.clone()),
            }
            .parse(Date::parse("2026-11-27").expect("date"))
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
            let answer = match can_refuse::evaluate(&dataset, Some(&places), &query) {
                Ok(answer) => answer,
                Err(e) => {
                    failures.push(format!("{}: {e}", case.name));
                    continue;
                }
            };
            let verdict = serde_json::to_value(answer.verdict).expect("json");
            let mut problems = Vec::new();
            if verdict != case.verdict.as_str() {
                problems.push(format!("verdict {verdict}, expected {}", case.verdict));
            }
            for id in &case.applies {
                if !answer.reasons.iter().any(|r| &r.rule == id && r.applies) {
                    problems.push(format!("`{id}` should apply"));
                }
            }
            let decided = answer.decided_by.as_ref().map(|d| d.rule.as_str());
            if case.decided_by.is_some() && case.decided_by.as_deref() != decided {
                problems.push(format!(
                    "decided by {decided:?}, expected {:?}",
                    case.decided_by
                ));
            }
            if let Some(words) = &case.headline_has {
                if !answer.headline.contains(words.as_str()) {
                    problems.push(format!("the headline does not say \"{words}\""));
                }
            }
            if let Some(words) = &case.caveat_has {
                if !answer
                    .caveats
                    .iter()
                    .any(|c| c.title.contains(words.as_str()) || c.text.contains(words.as_str()))
                {
                    problems.push(format!("no condition beside the answer says \"{words}\""));
                }
            }
            if case.no_question && answer.next_question.is_some() {
                problems.push("asks a follow-up question".into());
            }
            for id in &case.set_aside {
                if !answer.reasons.iter().any(|r| &r.rule == id && !r.applies) {
                    problems.push(format!("`{id}` should be in the trace, not applying"));
                }
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{} ({}): {}\n{}",
                    case.name,
                    path.display(),
                    problems.join("; "),
                    trace(&answer)
                ));
            }
        }
    }
    assert!(count > 0, "no golden cases found");
    assert!(
        failures.is_empty(),
        "{} of {count} golden cases failed:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{count} golden cases hold");
}
