//! The `can-refuse` command line: ask a question, or check and compile data.
//!
//! Hand-rolled argument parsing keeps the binary small and lets every mistake
//! get a one-line message that says what is accepted.

use can_refuse::answer::Answer;
use can_refuse::evaluate::date_from_unix_seconds;
use can_refuse::model::{Coverage, Dataset, Level};
use can_refuse::places::{PlaceMatch, Places};
use can_refuse::{codec, evaluate, source, Date, QueryInput};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
can-refuse — can local police refuse to help ICE? (general information, not legal advice)

USAGE:
  can-refuse ask --place PLACE --situation SITUATION [--agency AGENCY] [OPTIONS]
  can-refuse ask --state STATE --situation SITUATION [--agency AGENCY] [OPTIONS]
  can-refuse data check [--dir DIR]
  can-refuse data compile --out FILE [--dir DIR]
  can-refuse data stats [--json] [--data FILE] [--places FILE] [--dir DIR]
  can-refuse data verdicts [--as-of YYYY-MM-DD] [--json] [--data FILE] [--places FILE]
  can-refuse data lang-check [LANG] [--dir DIR]
  can-refuse data lang-template LANG [--dir DIR]
  can-refuse data import-287g FILE [--pending] [--as-of YYYY-MM-DD] [--check] [--dir DIR]

ASK OPTIONS:
  --place PLACE          a ZIP code (77002), a city (Providence, RI) or a county
  --state STATE          two-letter code (TX, CA, DC, PR) or full name
  --county NAME          county, parish or borough (optional)
  --city NAME            city or town (optional)
  --agency AGENCY        police, sheriff, jail, state-police (leave out to learn
                         whether the agency changes the answer; unknown if you
                         do not know)
  --situation SITUATION  residential-raid, detainer, task-force, info-sharing
  --warrant KIND         judicial or administrative (leave out if unknown)
  --as-of YYYY-MM-DD     evaluate the law as of this date (default: today)
  --json                 print the Answer as JSON, exactly as the web page gets it
  --data FILE            read this data file instead of the built-in data
  --places FILE          read this place index instead of the built-in one
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
        ["data", "verdicts", rest @ ..] => data_verdicts(rest),
        ["data", "import-287g", rest @ ..] => data_import_287g(rest),
        ["data", "lang-check", rest @ ..] => data_lang_check(rest),
        ["data", "lang-template", rest @ ..] => data_lang_template(rest),
        ["data", other, ..] => Err(usage(format!(
            "unknown data command \"{other}\"; use one of: check, compile, stats, verdicts, import-287g, lang-check, lang-template"
        ))),
        ["data"] => Err(usage(
            "`data` needs a command: check, compile, stats, verdicts, import-287g, lang-check or lang-template",
        )),
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

fn load_places(path: Option<&str>) -> Result<Places, Failure> {
    match path {
        None => codec::decode_places(can_refuse::EMBEDDED_PLACES)
            .map_err(|e| data_error(format!("the built-in place index is unreadable: {e}"))),
        Some(path) => {
            let bytes = std::fs::read(path)
                .map_err(|e| data_error(format!("cannot read place index {path}: {e}")))?;
            codec::decode_places(&bytes).map_err(|e| data_error(format!("{path}: {e}")))
        }
    }
}

/// Turns `--place` (a ZIP code, "City, ST", a county) into one place. A
/// place in several counties needs `--county` when the county matters (a
/// sheriff or jail); otherwise the county with most of it is used.
fn resolve_place(
    dataset: &Dataset,
    places: &Places,
    text: &str,
    county: Option<&str>,
    agency: &str,
) -> Result<PlaceMatch, Failure> {
    let found = places.search(text, &dataset.states(), 50);
    let Some(first) = found.first() else {
        return Err(usage(format!("no ZIP code, city or county matches \"{text}\"; try a 5-digit ZIP code or \"City, ST\"")));
    };
    let same_place = |m: &&PlaceMatch| {
        m.kind == first.kind
            && m.state == first.state
            && m.city == first.city
            && m.zip == first.zip
            && (m.kind != can_refuse::places::PlaceKind::County
                || m.county_fips == first.county_fips)
    };
    let mut candidates: Vec<&PlaceMatch> = found.iter().filter(same_place).collect();
    if let Some(wanted) = county {
        let wanted = can_refuse::places::normalize(wanted);
        candidates.retain(|m| {
            let name = can_refuse::places::normalize(&m.county);
            m.county_fips == wanted
                || name == wanted
                || name.strip_suffix(" county") == Some(wanted.as_str())
        });
        if candidates.is_empty() {
            return Err(usage(format!(
                "{} is not in a county named \"{}\"",
                first.label,
                county.unwrap_or_default()
            )));
        }
    }
    if candidates.len() > 1 && matches!(agency, "sheriff" | "jail" | "" | "any" | "unknown") {
        let names: Vec<&str> = candidates.iter().map(|m| m.county.as_str()).collect();
        return Err(usage(format!(
            "{text} is in more than one county ({}); add --county with the one you mean",
            names.join(", ")
        )));
    }
    Ok(candidates[0].clone())
}

fn ask(args: &[&str]) -> Result<(), Failure> {
    const EXAMPLE: &str = "can-refuse ask --state TX --agency sheriff --situation detainer";
    let flags = Flags::parse(
        "ask",
        args,
        &[
            "state",
            "place",
            "county",
            "city",
            "agency",
            "situation",
            "warrant",
            "as-of",
            "data",
            "places",
        ],
        &["json"],
    )?;
    let dataset = load(flags.get("data"))?;
    let places = load_places(flags.get("places"))?;
    let agency = flags.get("agency").unwrap_or("");
    let (state, county, city) = match (flags.get("place"), flags.get("state")) {
        (Some(place), _) => {
            let found = resolve_place(&dataset, &places, place, flags.get("county"), agency)?;
            (
                found.state,
                Some(found.county_fips),
                found.city.or_else(|| flags.get("city").map(str::to_string)),
            )
        }
        (None, Some(state)) => (
            state.to_string(),
            flags.get("county").map(str::to_string),
            flags.get("city").map(str::to_string),
        ),
        (None, None) => {
            return Err(usage(format!(
            "`ask` needs --place (a ZIP code, city or county) or --state; for example: {EXAMPLE}"
        )))
        }
    };
    let input = QueryInput {
        state,
        county,
        city,
        agency: agency.to_string(),
        situation: flags.require("ask", "situation", EXAMPLE)?.to_string(),
        warrant: flags.get("warrant").map(str::to_string),
        as_of: flags.get("as-of").map(str::to_string),
    };
    let query = input.parse(today()).map_err(|e| usage(e.to_string()))?;
    let answer = evaluate(&dataset, Some(&places), &query).map_err(|e| usage(e.to_string()))?;
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
        "{} · {} · {}\n\n{}  [{}]\n",
        place.join(", "),
        j.agency_label,
        j.situation_label,
        answer.headline,
        serde_json::to_value(answer.verdict)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    );
    for caveat in &answer.caveats {
        out.push_str(&format!("\n{}: {}\n", caveat.title, caveat.text));
        for source in &caveat.sources {
            out.push_str(&format!(
                "  Source: {} <{}> (checked {})\n",
                source.title, source.url, source.verified
            ));
        }
    }
    out.push_str("\nWhy, layer by layer:\n");
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
    if let Some(question) = &answer.next_question {
        let flag = format!("--{}", question.id);
        out.push_str(&format!("\nThis would settle it: {}\n", question.text));
        for option in &question.options {
            out.push_str(&format!("  {flag} {:<15} {}\n", option.id, option.label));
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

fn compile_dir(dir: &Path) -> Result<source::Compiled, Failure> {
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
    let source::Compiled {
        dataset,
        places,
        sourcing,
    } = compile_dir(&dir)?;
    let mut warnings: Vec<String> = dataset
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
    warnings.extend(sourcing.secondary_only.iter().map(|id| {
        format!("warning: law `{id}` rests on secondary sources only: add the primary source or the original publisher (data/sources.toml)")
    }));
    for line in &warnings {
        eprintln!("{line}");
    }
    println!(
        "data ok: {} jurisdictions, {} laws, {} rules; {} counties, {} cities, {} ZIP codes, {} agencies with 287(g) agreements ({} warning(s))",
        dataset.jurisdictions.len(),
        dataset.laws.len(),
        dataset.laws.iter().map(|l| l.rules.len()).sum::<usize>(),
        places.counties.len(),
        places.cities.len(),
        places.zips.len(),
        places.agencies.len(),
        warnings.len()
    );
    Ok(())
}

fn data_compile(args: &[&str]) -> Result<(), Failure> {
    let flags = Flags::parse("data compile", args, &["dir", "out"], &[])?;
    let out = flags.require("data compile", "out", "can-refuse data compile --out dist")?;
    let dir = data_dir(&flags);
    let compiled = compile_dir(&dir)?;
    let files =
        can_refuse::chunks::split(&compiled.dataset, &compiled.places).map_err(data_error)?;
    let (count, total) = write_files(Path::new(out), &files)?;
    println!(
        "wrote {count} data files ({total} bytes) to {out}: the core can-refuse.data and its chunks"
    );
    // Each translation: its own core and law chunks in OUT/LANG/. Place and
    // name chunks hold no translated text, so one copy serves every language.
    let all = read_data(&dir)?;
    for lang in languages(&all) {
        let (merged, report) = source::lang::merge(&all, &language_files(&all, &lang));
        let compiled = source::compile_translated(&merged).map_err(|errors| {
            data_error(format!(
                "the {lang} translation breaks the data: {}",
                errors.first().map(ToString::to_string).unwrap_or_default()
            ))
        })?;
        let (core, laws): (Vec<_>, Vec<_>) =
            can_refuse::chunks::split(&compiled.dataset, &compiled.places)
                .map_err(data_error)?
                .into_iter()
                .filter(|(name, _)| name == "can-refuse.data" || name.starts_with("laws-"))
                .partition(|(name, _)| name == "can-refuse.data");
        // Law chunks are named by checksum, so both languages share a folder.
        let target = Path::new(out).join(&lang);
        let (_, core_bytes) = write_files(&target, &core)?;
        let (count, total) = write_files(Path::new(out), &laws)?;
        println!(
            "wrote the {lang} core ({core_bytes} bytes) to {} and {count} {lang} law chunks ({total} bytes) to {out}; {} string(s) fall back to English",
            target.display(),
            report.missing.len()
        );
    }
    Ok(())
}

fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(usize, usize), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| data_error(format!("cannot create {}: {e}", dir.display())))?;
    let mut total = 0;
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| data_error(format!("cannot write {}: {e}", path.display())))?;
        total += bytes.len();
    }
    Ok((files.len(), total))
}

fn read_data(dir: &Path) -> Result<Vec<(String, String)>, Failure> {
    source::read_dir(dir).map_err(|e| data_error(format!("cannot read {}: {e}", dir.display())))
}

/// The language codes with a folder under `lang/`.
fn languages(files: &[(String, String)]) -> Vec<String> {
    let mut codes: Vec<String> = files
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("lang/")?.split_once('/'))
        .map(|(code, _)| code.to_string())
        .collect();
    codes.dedup();
    codes
}

/// One language's files, with paths relative to its folder.
fn language_files(files: &[(String, String)], lang: &str) -> Vec<(String, String)> {
    let prefix = format!("lang/{lang}/");
    files
        .iter()
        .filter_map(|(path, text)| Some((path.strip_prefix(&prefix)?.to_string(), text.clone())))
        .collect()
}

fn english_files(files: &[(String, String)]) -> Vec<(String, String)> {
    files
        .iter()
        .filter(|(path, _)| !path.starts_with("lang/"))
        .cloned()
        .collect()
}

fn data_lang_check(args: &[&str]) -> Result<(), Failure> {
    let (positional, rest) = match args.split_first() {
        Some((first, rest)) if !first.starts_with("--") => (Some(*first), rest),
        _ => (None, args),
    };
    let flags = Flags::parse("data lang-check", rest, &["dir"], &[])?;
    let all = read_data(&data_dir(&flags))?;
    let english = english_files(&all);
    let total = source::lang::count_text(&english);
    let langs = match positional {
        Some(lang) if languages(&all).iter().any(|l| l == lang) => vec![lang.to_string()],
        Some(lang) => {
            return Err(usage(format!(
                "no translation \"{lang}\" in the data; add the folder lang/{lang}/ (can-refuse data lang-template {lang}) or use one of: {}",
                languages(&all).join(", ")
            )))
        }
        None => languages(&all),
    };
    let mut broken = false;
    for lang in langs {
        let (merged, mut report) = source::lang::merge(&english, &language_files(&all, &lang));
        if let Err(errors) = source::compile_translated(&merged) {
            report.errors.extend(errors.iter().map(ToString::to_string));
        }
        println!(
            "{lang}: {} of {total} strings translated; {} missing (shown in English), {} stale, {} unreadable",
            total - report.missing.len(),
            report.missing.len(),
            report.stale.len(),
            report.errors.len()
        );
        for line in &report.missing {
            println!("  missing  {line}");
        }
        for line in &report.stale {
            println!("  stale    {line}");
        }
        for line in &report.errors {
            println!("  error    {line}");
        }
        broken |= !report.stale.is_empty() || !report.errors.is_empty();
    }
    if broken {
        return Err(data_error(
            "some translations are stale or unreadable (listed above)",
        ));
    }
    Ok(())
}

fn data_lang_template(args: &[&str]) -> Result<(), Failure> {
    let Some((lang, rest)) = args.split_first() else {
        return Err(usage(
            "`data lang-template` needs a language code, e.g. can-refuse data lang-template es",
        ));
    };
    let flags = Flags::parse("data lang-template", rest, &["dir"], &[])?;
    let dir = data_dir(&flags);
    let all = read_data(&dir)?;
    let mut written = 0;
    for (path, text) in source::lang::template(&english_files(&all)) {
        let target = dir.join("lang").join(lang).join(&path);
        if target.exists() {
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| data_error(format!("cannot create {}: {e}", parent.display())))?;
        }
        std::fs::write(&target, text)
            .map_err(|e| data_error(format!("cannot write {}: {e}", target.display())))?;
        written += 1;
    }
    println!(
        "wrote {written} template file(s) to {}: replace the English text in each",
        dir.join("lang").join(lang).display()
    );
    Ok(())
}

fn data_stats(args: &[&str]) -> Result<(), Failure> {
    let flags = Flags::parse("data stats", args, &["data", "places", "dir"], &["json"])?;
    let dataset = load(flags.get("data"))?;
    // How the laws are sourced is judged from data/ (the source standard is
    // not in the compiled file); without data/ at hand it is left out.
    let sourcing = compile_dir(&data_dir(&flags)).ok().map(|c| c.sourcing);
    let places = load_places(flags.get("places"))?;
    let agreements: Vec<_> = places.agencies.iter().flat_map(|a| &a.agreements).collect();
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
    // A state "has laws" when at least one of its own laws is recorded, even
    // if a "no statewide law" record answers for other agencies.
    let states = || {
        dataset
            .jurisdictions
            .iter()
            .enumerate()
            .filter(|(_, j)| j.level == Level::State)
    };
    let has_laws = |index: usize| {
        dataset
            .laws
            .iter()
            .any(|law| law.jurisdiction as usize == index)
    };
    let unverified = states()
        .filter(|(_, j)| matches!(j.coverage, Coverage::Unverified { .. }))
        .count();
    let with_laws = states()
        .filter(|(i, j)| has_laws(*i) && !matches!(j.coverage, Coverage::Unverified { .. }))
        .count();
    let without = states()
        .filter(|(i, j)| !has_laws(*i) && matches!(j.coverage, Coverage::NoLawFound { .. }))
        .count();
    let stats = serde_json::json!({
        "data_as_of": dataset.data_as_of,
        "states": count(Level::State),
        "counties": places.counties.len(),
        "places": places.cities.len(),
        "zips": places.zips.len(),
        "agreements_287g": agreements.iter().filter(|a| !a.pending).count(),
        "agreements_287g_pending": agreements.iter().filter(|a| a.pending).count(),
        "agencies_287g": places.agencies.len(),
        "local_jurisdictions": count(Level::County) + count(Level::City),
        "laws": dataset.laws.len(),
        "laws_primary_sourced": sourcing.as_ref().map(|s| s.primary_sourced),
        "laws_secondary_only": sourcing.as_ref().map(|s| s.secondary_only.len()),
        "federal_laws": laws_at(Level::Federal),
        "state_laws": laws_at(Level::State),
        "local_policies": laws_at(Level::County) + laws_at(Level::City),
        "rules": dataset.laws.iter().map(|l| l.rules.len()).sum::<usize>(),
        "states_with_laws": with_laws,
        "states_without_law": without,
        "states_unverified": unverified,
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

/// `data verdicts`: the statewide answer for every state, agency and
/// situation, with counts by verdict, so a change to the engine or the data
/// can be seen across the country at once (and `unknown`s are listed with
/// what they wait on).
fn data_verdicts(args: &[&str]) -> Result<(), Failure> {
    use can_refuse::model::{Agency, Named, Situation, Verdict};
    let flags = Flags::parse(
        "data verdicts",
        args,
        &["as-of", "data", "places"],
        &["json"],
    )?;
    let dataset = load(flags.get("data"))?;
    let places = load_places(flags.get("places"))?;
    let mut rows = Vec::new();
    for (state, _) in dataset.states() {
        for (_, agency) in Agency::ALL {
            for (_, situation) in Situation::ALL {
                let query = QueryInput {
                    state: state.to_string(),
                    agency: agency.to_string(),
                    situation: situation.to_string(),
                    as_of: flags.get("as-of").map(str::to_string),
                    ..QueryInput::default()
                }
                .parse(today())
                .map_err(|e| usage(e.to_string()))?;
                let answer = evaluate(&dataset, Some(&places), &query)
                    .map_err(|e| data_error(e.to_string()))?;
                rows.push((state, *agency, *situation, answer));
            }
        }
    }
    let counts: Vec<(&str, usize)> = Verdict::ALL
        .iter()
        .map(|(verdict, name)| {
            (
                *name,
                rows.iter().filter(|r| r.3.verdict == *verdict).count(),
            )
        })
        .collect();
    if flags.has("json") {
        let answers: Vec<_> = rows
            .iter()
            .map(|(state, agency, situation, a)| {
                serde_json::json!({
                    "state": state,
                    "agency": agency,
                    "situation": situation,
                    "verdict": a.verdict,
                    "decided_by": a.decided_by,
                    "headline": a.headline,
                })
            })
            .collect();
        let counts: serde_json::Map<String, serde_json::Value> = counts
            .iter()
            .map(|(name, n)| (name.to_string(), serde_json::json!(n)))
            .collect();
        let json =
            serde_json::json!({ "answers": rows.len(), "verdicts": counts, "statewide": answers });
        println!(
            "{}",
            serde_json::to_string_pretty(&json).map_err(|e| data_error(e.to_string()))?
        );
        return Ok(());
    }
    for (state, agency, situation, a) in &rows {
        let by = a.decided_by.as_ref().map_or("", |d| d.rule.as_str());
        println!(
            "{state}  {agency:<12} {situation:<16} {:<14} {by}",
            a.verdict.name()
        );
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    println!("{} statewide answers: {}", rows.len(), summary.join(", "));
    Ok(())
}

/// `data import-287g`: ICE's sheet → data/287g/agreements.csv.
fn data_import_287g(args: &[&str]) -> Result<(), Failure> {
    use can_refuse::import287g::{self, List};
    const EXAMPLE: &str = "can-refuse data import-287g participatingAgencies05182026am.xlsx";
    let file = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .ok_or_else(|| {
            usage(format!(
                "`data import-287g` needs ICE's sheet (.xlsx or .csv); for example: {EXAMPLE}"
            ))
        })?;
    let flags = Flags::parse(
        "data import-287g",
        &args[1..],
        &["as-of", "dir"],
        &["pending", "check"],
    )?;
    let path = Path::new(file);
    let list = if flags.has("pending") {
        List::Pending
    } else {
        List::Participating
    };
    let as_of = match flags.get("as-of") {
        Some(text) => Date::parse(text).ok_or_else(|| usage(format!("--as-of \"{text}\" is not a date; write it as YYYY-MM-DD")))?,
        None => import287g::date_from_file_name(path).ok_or_else(|| {
            usage(format!("cannot read the sheet's date from the name {file}; give it with --as-of YYYY-MM-DD"))
        })?,
    };
    let dir = data_dir(&flags);
    let files = source::read_dir(&dir)
        .map_err(|e| data_error(format!("cannot read {}: {e}", dir.display())))?;
    let text = |name: &str| {
        files
            .iter()
            .find(|(p, _)| p == name)
            .map(|(_, t)| t.as_str())
            .unwrap_or("")
    };
    let places = source::compile_geo(&files).map_err(|errors| {
        data_error(format!(
            "the geography under {} does not compile: {}",
            dir.display(),
            errors[0]
        ))
    })?;
    let dataset = load(None)?;
    let states: Vec<(String, String)> = dataset
        .states()
        .into_iter()
        .map(|(code, name)| (code.to_string(), name.to_string()))
        .collect();

    let rows = import287g::read_sheet(path).map_err(data_error)?;
    let import = import287g::normalize(&rows, list, &places, &states, text("287g/aliases.csv"))
        .map_err(data_error)?;
    for line in &import.forgiven {
        eprintln!("note: {line}");
    }
    if !import.unmatched.is_empty() {
        for line in &import.unmatched {
            eprintln!("unmatched: {line}");
        }
        return Err(data_error(format!(
            "{} of {} rows could not be matched; nothing was written. Add each to {}/287g/aliases.csv (state,agency,ice_county,county_fips,reason) and run again",
            import.unmatched.len(),
            rows.len(),
            dir.display()
        )));
    }
    let existing = import287g::read_normalized(text("287g/agreements.csv"));
    let (before, others): (Vec<_>, Vec<_>) =
        existing.into_iter().partition(|r| r.list == list.name());
    let mut all = Vec::new();
    let (first, second) = if list == List::Participating {
        (&import.rows, &others)
    } else {
        (&others, &import.rows)
    };
    all.extend(first.iter().cloned());
    all.extend(second.iter().cloned());
    let csv = import287g::write_normalized(&all);
    let changes = import287g::changes(&before, &import.rows);
    let agencies = import
        .rows
        .iter()
        .map(|r| (&r.state, &r.agency))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let target = dir.join("287g/agreements.csv");
    if flags.has("check") {
        if csv == text("287g/agreements.csv") {
            println!(
                "identical: {} matches {file} ({} {} rows, {agencies} agencies)",
                target.display(),
                import.rows.len(),
                list.name()
            );
            return Ok(());
        }
        for change in &changes {
            println!("{change}");
        }
        return Err(data_error(format!(
            "{} differs from {file} ({} changes)",
            target.display(),
            changes.len().max(1)
        )));
    }
    std::fs::write(&target, csv)
        .map_err(|e| data_error(format!("cannot write {}: {e}", target.display())))?;
    let sheets = dir.join("287g/sheets.toml");
    let updated = update_sheets(
        text("287g/sheets.toml"),
        list.name(),
        &file_name(path),
        as_of,
    );
    std::fs::write(&sheets, updated)
        .map_err(|e| data_error(format!("cannot write {}: {e}", sheets.display())))?;
    println!(
        "imported {} {} rows ({agencies} agencies, as of {as_of}) into {}",
        import.rows.len(),
        list.name(),
        target.display()
    );
    if changes.is_empty() {
        println!("no changes since the last import");
    } else {
        println!("{} changes since the last import:", changes.len());
        for change in &changes {
            println!("  {change}");
        }
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Rewrites one `[section]`'s `file` and `as_of` in sheets.toml, keeping the rest.
fn update_sheets(text: &str, section: &str, file: &str, as_of: Date) -> String {
    let mut out = String::new();
    let mut current = String::new();
    for line in text.lines() {
        if let Some(name) = line
            .trim()
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix(']'))
        {
            current = name.to_string();
        }
        let line = if current == section && line.starts_with("file = ") {
            format!("file = \"{file}\"")
        } else if current == section && line.starts_with("as_of = ") {
            format!("as_of = \"{as_of}\"")
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
