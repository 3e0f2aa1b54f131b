//! The `can-refuse` command line: ask a question, or check and compile data.
//!
//! Hand-rolled argument parsing keeps the binary small and lets every mistake
//! get a one-line message that says what is accepted.

use can_refuse::answer::Answer;
use can_refuse::evaluate::date_from_unix_seconds;
use can_refuse::model::{Coverage, Dataset, Level};
use can_refuse::{codec, evaluate, source, Date, QueryInput};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
can-refuse — can local police refuse to help ICE? (general information, not legal advice)

USAGE:
  can-refuse ask --state STATE --agency AGENCY --situation SITUATION [OPTIONS]
  can-refuse data check [--dir DIR]
  can-refuse data compile --out FILE [--dir DIR]
  can-refuse data stats [--json] [--data FILE]

ASK OPTIONS:
  --state STATE          two-letter code (TX, CA, DC, PR) or full name
  --county NAME          county, parish or borough (optional)
  --city NAME            city or town (optional)
  --agency AGENCY        police, sheriff, jail, state-police
  --situation SITUATION  residential-raid, detainer, task-force, info-sharing
  --warrant KIND         judicial or administrative (leave out if unknown)
  --as-of YYYY-MM-DD     evaluate the law as of this date (default: today)
  --json                 print the Answer as JSON, exactly as the web page gets it
  --data FILE            read this data file instead of the built-in data
";

/// A failure with its exit code: 2 for a wrong command line, 1 for bad data.
struct Failure {
    code: u8,
    message: String,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: message.into(),
    }
}

fn data_error(message: impl Into<String>) -> Failure {
    Failure {
        code: 1,
        message: message.into(),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] | ["help" | "--help" | "-h", ..] => {
            print!("{USAGE}");
            Ok(())
        }
        ["--version" | "-V", ..] => {
            println!("can-refuse {}", can_refuse::VERSION);
            Ok(())
        }
        ["ask", rest @ ..] => ask(rest),
        ["data", "check", rest @ ..] => data_check(rest),
        ["data", "compile", rest @ ..] => data_compile(rest),
        ["data", "stats", rest @ ..] => data_stats(rest),
        ["data", other, ..] => Err(usage(format!(
            "unknown data command \"{other}\"; use one of: check, compile, stats"
        ))),
        ["data"] => Err(usage("`data` needs a command: check, compile or stats")),
        [other, ..] => Err(usage(format!(
            "unknown command \"{other}\"; use one of: ask, data (see can-refuse --help)"
        ))),
    }
}

/// Parsed `--flag value` pairs and `--switch`es, checked against what the
/// command accepts.
struct Flags<'a> {
    values: Vec<(&'static str, &'a str)>,
    switches: Vec<&'static str>,
}

impl<'a> Flags<'a> {
    fn parse(
        command: &str,
        args: &[&'a str],
        valued: &[&'static str],
        switches: &[&'static str],
    ) -> Result<Flags<'a>, Failure> {
        let accepted = || {
            valued
                .iter()
                .chain(switches)
                .map(|f| format!("--{f}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut flags = Flags {
            values: Vec::new(),
            switches: Vec::new(),
        };
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            let Some(name) = arg.strip_prefix("--") else {
                return Err(usage(format!(
                    "unexpected \"{arg}\" for `{command}`; accepted: {}",
                    accepted()
                )));
            };
            let (name, inline) = match name.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (name, None),
            };
            if let Some(flag) = valued.iter().find(|f| **f == name) {
                let value = match inline {
                    Some(value) => value,
                    None => iter
                        .next()
                        .copied()
                        .filter(|v| !v.starts_with("--"))
                        .ok_or_else(|| usage(format!("--{flag} needs a value")))?,
                };
                if flags.values.iter().any(|(f, _)| f == flag) {
                    return Err(usage(format!("--{flag} is given twice")));
                }
                flags.values.push((flag, value));
            } else if let Some(switch) = switches.iter().find(|f| **f == name && inline.is_none()) {
                flags.switches.push(switch);
            } else {
                return Err(usage(format!(
                    "unknown flag \"{arg}\" for `{command}`; accepted: {}",
                    accepted()
                )));
            }
        }
        Ok(flags)
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.values
            .iter()
            .find(|(f, _)| *f == name)
            .map(|(_, v)| *v)
    }

    fn require(&self, command: &str, name: &str, example: &str) -> Result<&'a str, Failure> {
        self.get(name).ok_or_else(|| {
            usage(format!(
                "`{command}` needs --{name}; for example: {example}"
            ))
        })
    }

    fn has(&self, name: &str) -> bool {
        self.switches.contains(&name)
    }
}

fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    date_from_unix_seconds(seconds)
}

fn load(data: Option<&str>) -> Result<Dataset, Failure> {
    match data {
        None => codec::decode(can_refuse::EMBEDDED_DATA)
            .map_err(|e| data_error(format!("the built-in data is unreadable: {e}"))),
        Some(path) => {
            let bytes = std::fs::read(path)
                .map_err(|e| data_error(format!("cannot read data file {path}: {e}")))?;
            codec::decode(&bytes).map_err(|e| data_error(format!("{path}: {e}")))
        }
    }
}

fn ask(args: &[&str]) -> Result<(), Failure> {
    const EXAMPLE: &str = "can-refuse ask --state TX --agency sheriff --situation detainer";
    let flags = Flags::parse(
        "ask",
        args,
        &[
            "state",
            "county",
            "city",
            "agency",
            "situation",
            "warrant",
            "as-of",
            "data",
        ],
        &["json"],
    )?;
    let input = QueryInput {
        state: flags.require("ask", "state", EXAMPLE)?.to_string(),
        county: flags.get("county").map(str::to_string),
        city: flags.get("city").map(str::to_string),
        agency: flags.require("ask", "agency", EXAMPLE)?.to_string(),
        situation: flags.require("ask", "situation", EXAMPLE)?.to_string(),
        warrant: flags.get("warrant").map(str::to_string),
        as_of: flags.get("as-of").map(str::to_string),
    };
    let query = input.parse(today()).map_err(|e| usage(e.to_string()))?;
    let dataset = load(flags.get("data"))?;
    let answer = evaluate(&dataset, &query).map_err(|e| usage(e.to_string()))?;
    if flags.has("json") {
        let json = serde_json::to_string_pretty(&answer).map_err(|e| data_error(e.to_string()))?;
        println!("{json}");
    } else {
        print!("{}", render(&answer));
    }
    Ok(())
}

/// The answer as plain text for a terminal.
fn render(answer: &Answer) -> String {
    let j = &answer.jurisdiction;
    let mut place = vec![j.state_name.clone()];
    place.extend(j.county.iter().cloned());
    place.extend(j.city.iter().cloned());
    let mut out = format!(
        "{} · {} · {}\n\n{}  [{}]\n\nWhy, layer by layer:\n",
        place.join(", "),
        j.agency_label,
        j.situation_label,
        answer.headline,
        serde_json::to_value(answer.verdict)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    );
    for (i, reason) in answer.reasons.iter().enumerate() {
        let mark = if reason.applies {
            "applies"
        } else {
            "does not decide"
        };
        out.push_str(&format!("{:>3}. [{}] ", i + 1, reason.level.as_str()));
        if !reason.title.is_empty() {
            out.push_str(&format!("{} ({mark})\n     ", reason.title));
        }
        out.push_str(&format!("{}\n", reason.text));
        if !reason.note.is_empty() {
            out.push_str(&format!("     Note: {}\n", reason.note));
        }
        for source in &reason.sources {
            let effective = source
                .effective
                .map(|d| format!("in force since {d}, "))
                .unwrap_or_default();
            out.push_str(&format!(
                "     Source: {} <{}> ({effective}checked {})\n",
                source.title, source.url, source.verified
            ));
        }
    }
    out.push_str(&format!(
        "\nLaw as of {}. Data as of {}.\n{}\n",
        answer.as_of, answer.data_as_of, answer.disclaimer
    ));
    out
}

fn data_dir(flags: &Flags) -> PathBuf {
    flags.get("dir").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        PathBuf::from,
    )
}

fn compile_dir(dir: &Path) -> Result<Dataset, Failure> {
    let files = source::read_dir(dir)
        .map_err(|e| data_error(format!("cannot read {}: {e}", dir.display())))?;
    source::compile(&files).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("  {}/{e}", dir.display()))
            .collect();
        data_error(format!(
            "{} problem(s) in the data:\n{}",
            errors.len(),
            lines.join("\n")
        ))
    })
}

fn data_check(args: &[&str]) -> Result<(), Failure> {
    let flags = Flags::parse("data check", args, &["dir"], &[])?;
    let dir = data_dir(&flags);
    let dataset = compile_dir(&dir)?;
    let stale: Vec<String> = dataset
        .laws
        .iter()
        .filter(|law| dataset.data_as_of.days_since_epoch() - law.verified.days_since_epoch() > 365)
        .map(|law| {
            format!(
                "warning: law `{}` was last verified on {}, over a year before the data date",
                law.id, law.verified
            )
        })
        .collect();
    for line in &stale {
        eprintln!("{line}");
    }
    println!(
        "data ok: {} jurisdictions, {} laws, {} rules ({} warning(s))",
        dataset.jurisdictions.len(),
        dataset.laws.len(),
        dataset.laws.iter().map(|l| l.rules.len()).sum::<usize>(),
        stale.len()
    );
    Ok(())
}

fn data_compile(args: &[&str]) -> Result<(), Failure> {
    let flags = Flags::parse("data compile", args, &["dir", "out"], &[])?;
    let out = flags.require(
        "data compile",
        "out",
        "can-refuse data compile --out www/can-refuse.data",
    )?;
    let dataset = compile_dir(&data_dir(&flags))?;
    let bytes = codec::encode(&dataset).map_err(data_error)?;
    std::fs::write(out, &bytes).map_err(|e| data_error(format!("cannot write {out}: {e}")))?;
    println!("wrote {out} ({} bytes)", bytes.len());
    Ok(())
}

fn data_stats(args: &[&str]) -> Result<(), Failure> {
    let flags = Flags::parse("data stats", args, &["data"], &["json"])?;
    let dataset = load(flags.get("data"))?;
    let count = |level| {
        dataset
            .jurisdictions
            .iter()
            .filter(|j| j.level == level)
            .count()
    };
    let laws_at = |level| {
        dataset
            .laws
            .iter()
            .filter(|law| {
                dataset
                    .jurisdictions
                    .get(law.jurisdiction as usize)
                    .is_some_and(|j| j.level == level)
            })
            .count()
    };
    let coverage = |f: fn(&Coverage) -> bool| {
        dataset
            .jurisdictions
            .iter()
            .filter(|j| j.level == Level::State && f(&j.coverage))
            .count()
    };
    let stats = serde_json::json!({
        "data_as_of": dataset.data_as_of,
        "states": count(Level::State),
        "counties": count(Level::County),
        "places": count(Level::City),
        "laws": dataset.laws.len(),
        "federal_laws": laws_at(Level::Federal),
        "state_laws": laws_at(Level::State),
        "local_policies": laws_at(Level::County) + laws_at(Level::City),
        "rules": dataset.laws.iter().map(|l| l.rules.len()).sum::<usize>(),
        "states_with_laws": coverage(|c| matches!(c, Coverage::Laws)),
        "states_without_law": coverage(|c| matches!(c, Coverage::NoLawFound { .. })),
        "states_unverified": coverage(|c| matches!(c, Coverage::Unverified { .. })),
    });
    if flags.has("json") {
        println!(
            "{}",
            serde_json::to_string_pretty(&stats).map_err(|e| data_error(e.to_string()))?
        );
    } else if let Some(map) = stats.as_object() {
        for (key, value) in map {
            println!("{key:>20}  {value}");
        }
    }
    Ok(())
}
