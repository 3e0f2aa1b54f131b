//! `can-refuse data …`: the maintainer's commands. Each reads `data/` (or
//! the compiled files), does one job through the library, and reports in
//! plain lines; the work itself lives in `compile` and `import`.

use crate::args::{DataCommand, DataDir, DataFiles};
use crate::{data_error, folder, load, load_dataset, today, usage, Failure};
use can_refuse::compile::{self, lang, population, release, Compiled};
use can_refuse::dataset::{Agency, Coverage, Date, Level, Named, Situation, Verdict};
use can_refuse::export::ready;
use can_refuse::import::{self, List};
use can_refuse::{evaluate, QueryInput};
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(command: DataCommand, out: &mut dyn Write) -> Result<(), Failure> {
    match command {
        DataCommand::Check(dir) => check(&dir, out),
        DataCommand::Compile { out: target, dir } => write_release(&dir, &target, out),
        DataCommand::Stats { json, files, dir } => stats(&files, &dir, json, out),
        DataCommand::Verdicts { as_of, json, files } => verdicts(&files, as_of, json, out),
        DataCommand::LargePlaces { all, files, dir } => large_places(&files, &dir, all, out),
        DataCommand::Export {
            out: target,
            history,
            files,
        } => crate::export::export(&files, &target, history, out),
        DataCommand::Release { files, dir } => {
            crate::export::release(&files, &folder(&files, &dir), out)
        }
        DataCommand::Changes {
            markdown,
            atom,
            dir,
        } => crate::export::changes(&data_dir(&dir), markdown.as_deref(), atom.as_deref(), out),
        DataCommand::LangCheck { lang, dir } => lang_check(lang.as_deref(), &dir, out),
        DataCommand::LangTemplate { lang, dir } => lang_template(&lang, &dir, out),
        DataCommand::Import287g {
            file,
            pending,
            as_of,
            check,
            dir,
        } => import_287g(&file, pending, as_of.as_deref(), check, &dir, out),
    }
}

pub fn data_dir(dir: &DataDir) -> PathBuf {
    dir.dir
        .clone()
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
}

fn read_data(dir: &Path) -> Result<Vec<(String, String)>, Failure> {
    compile::read_dir(dir).map_err(|e| data_error(format!("cannot read {}: {e}", dir.display())))
}

/// The data in `dir`, compiled; every problem in it, if any, listed.
pub fn compile_dir(dir: &Path) -> Result<Compiled, Failure> {
    compile::compile(&read_data(dir)?).map_err(|errors| {
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

/// `data check`: every problem, then warnings for what still compiles
/// but wants attention (stale or secondary-only sources).
fn check(dir: &DataDir, out: &mut dyn Write) -> Result<(), Failure> {
    let Compiled {
        dataset,
        places,
        sourcing,
    } = compile_dir(&data_dir(dir))?;
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
    writeln!(
        out,
        "data ok: {} jurisdictions, {} laws, {} rules; {} counties, {} cities, {} ZIP codes, {} agencies with 287(g) agreements ({} warning(s))",
        dataset.jurisdictions.len(),
        dataset.laws.len(),
        dataset.laws.iter().map(|l| l.rules.len()).sum::<usize>(),
        places.counties.len(),
        places.cities.len(),
        places.zips.len(),
        places.agencies.len(),
        warnings.len()
    )?;
    Ok(())
}

/// `data compile`: the release the web page serves.
fn write_release(dir: &DataDir, target: &Path, out: &mut dyn Write) -> Result<(), Failure> {
    let dir = data_dir(dir);
    let english = compile_dir(&dir)?;
    let all = read_data(&dir)?;
    // Beside each core, its language's ready answers.
    let parts = release::write_release(&all, &english, target, &ready::beside_core);
    for part in parts.map_err(data_error)? {
        let (files, bytes, ready, to) =
            (part.files, part.bytes, part.beside_core, target.display());
        let line = match &part.lang {
            None => format!("wrote {files} data files ({bytes} bytes) to {to}: the core can-refuse.data and its chunks, and {ready} ready-answer files"),
            Some(lang) => format!(
                "wrote the {lang} core ({} bytes) and {ready} ready-answer files to {} and {} {lang} law chunks ({} bytes) to {to}; {} string(s) fall back to English",
                part.core_bytes, part.core_dir.display(), files - 1, bytes - part.core_bytes, part.fallbacks
            ),
        };
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `data stats`: what the data covers, in numbers.
fn stats(files: &DataFiles, dir: &DataDir, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let (dataset, places) = load(files)?;
    // How the laws are sourced is judged from data/ (the source standard is
    // not in the compiled file); without data/ at hand it is left out.
    let sourcing = compile_dir(&folder(files, dir)).ok().map(|c| c.sourcing);
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
    let unverified =
        |j: &can_refuse::dataset::Jurisdiction| matches!(j.coverage, Coverage::Unverified { .. });
    // Large counties from the Census figures beside the data (cities have
    // none yet: see compile::population).
    let large = population::large_counties(&data_dir(dir), &dataset).ok();
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
        "states_with_laws": states().filter(|(i, j)| has_laws(*i) && !unverified(j)).count(),
        "states_without_law": states()
            .filter(|(i, j)| !has_laws(*i) && matches!(j.coverage, Coverage::NoLawFound { .. }))
            .count(),
        "states_unverified": states().filter(|(_, j)| unverified(j)).count(),
        "large_counties": large.as_ref().map(Vec::len),
        "large_counties_checked": large.as_ref().map(|l| l.iter().filter(|c| c.checked).count()),
    });
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&stats).map_err(data_error)?
        )?;
    } else if let Some(map) = stats.as_object() {
        for (key, value) in map {
            writeln!(out, "{key:>20}  {value}")?;
        }
    }
    Ok(())
}

/// `data large-places`: the large counties still to research (or all, with
/// `--all`), most populous first, so the next piece of research is derived
/// from the Census figures, not picked by hand.
fn large_places(
    files: &DataFiles,
    dir: &DataDir,
    all: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (dataset, _) = load(files)?;
    let large = population::large_counties(&folder(files, dir), &dataset).map_err(data_error)?;
    let checked = large.iter().filter(|c| c.checked).count();
    for county in large.iter().filter(|c| all || !c.checked) {
        let mark = if county.checked { "checked" } else { "not yet" };
        writeln!(
            out,
            "{mark:8} {:>9}  {} {}, {}",
            county.population, county.fips, county.name, county.state
        )?;
    }
    writeln!(
        out,
        "{checked} of {} counties of {}+ people checked (cities: no Census figures yet)",
        large.len(),
        population::LARGE
    )?;
    Ok(())
}

/// `data verdicts`: the statewide answer for every state, agency and
/// situation, with counts by verdict, so a change to the engine or the data
/// can be seen across the country at once (and `unknown`s are listed with
/// what they wait on).
fn verdicts(
    files: &DataFiles,
    as_of: Option<String>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (dataset, places) = load(files)?;
    let mut rows = Vec::new();
    for (state, _) in dataset.states() {
        for (_, agency) in Agency::ALL {
            for (_, situation) in Situation::ALL {
                let query = QueryInput {
                    state: state.to_string(),
                    agency: agency.to_string(),
                    situation: situation.to_string(),
                    as_of: as_of.clone(),
                    ..QueryInput::default()
                }
                .parse(today())
                .map_err(|e| usage(e.to_string()))?;
                let answer = evaluate(&dataset, Some(&places), &query).map_err(data_error)?;
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
    if json {
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
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json).map_err(data_error)?
        )?;
        return Ok(());
    }
    for (state, agency, situation, a) in &rows {
        let by = a.decided_by.as_ref().map_or("", |d| d.rule.as_str());
        writeln!(
            out,
            "{state}  {agency:<12} {situation:<16} {:<14} {by}",
            a.verdict.name()
        )?;
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    writeln!(
        out,
        "{} statewide answers: {}",
        rows.len(),
        summary.join(", ")
    )?;
    Ok(())
}

/// `data lang-check`: how complete each translation is; fails on a stale
/// or unreadable one.
fn lang_check(only: Option<&str>, dir: &DataDir, out: &mut dyn Write) -> Result<(), Failure> {
    let all = read_data(&data_dir(dir))?;
    let english = lang::english_files(&all);
    let total = lang::count_text(&english);
    let known = lang::languages(&all);
    let langs = match only {
        Some(code) if known.iter().any(|l| l == code) => vec![code.to_string()],
        Some(code) => {
            return Err(usage(format!(
                "no translation \"{code}\" in the data; add the folder lang/{code}/ (can-refuse data lang-template {code}) or use one of: {}",
                known.join(", ")
            )))
        }
        None => known,
    };
    let mut broken = false;
    for code in langs {
        let (merged, mut report) = lang::merge(&english, &lang::language_files(&all, &code));
        if let Err(errors) = compile::compile_translated(&merged) {
            report.errors.extend(errors.iter().map(ToString::to_string));
        }
        writeln!(
            out,
            "{code}: {} of {total} strings translated; {} missing (shown in English), {} stale, {} unreadable",
            total - report.missing.len(),
            report.missing.len(),
            report.stale.len(),
            report.errors.len()
        )?;
        for (kind, lines) in [
            ("missing", &report.missing),
            ("stale  ", &report.stale),
            ("error  ", &report.errors),
        ] {
            for line in lines {
                writeln!(out, "  {kind}  {line}")?;
            }
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

/// `data lang-template`: the English text files to translate, written
/// under `lang/LANG/` (never over a file already there).
fn lang_template(code: &str, dir: &DataDir, out: &mut dyn Write) -> Result<(), Failure> {
    let dir = data_dir(dir);
    let all = read_data(&dir)?;
    let mut written = 0;
    for (path, text) in lang::template(&lang::english_files(&all)) {
        let target = dir.join("lang").join(code).join(&path);
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
    writeln!(
        out,
        "wrote {written} template file(s) to {}: replace the English text in each",
        dir.join("lang").join(code).display()
    )?;
    Ok(())
}

/// `data import-287g`: ICE's sheet → `data/287g/agreements.csv`.
fn import_287g(
    file: &Path,
    pending: bool,
    as_of: Option<&str>,
    check_only: bool,
    dir: &DataDir,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let list = if pending {
        List::Pending
    } else {
        List::Participating
    };
    let shown = file.display();
    let as_of = match as_of {
        Some(text) => Date::parse(text).ok_or_else(|| {
            usage(format!("--as-of \"{text}\" is not a date; write it as YYYY-MM-DD"))
        })?,
        None => import::date_from_file_name(file).ok_or_else(|| {
            usage(format!(
                "cannot read the sheet's date from the name {shown}; give it with --as-of YYYY-MM-DD"
            ))
        })?,
    };
    let dir = data_dir(dir);
    let files = read_data(&dir)?;
    // Only the states' names: the place index is not needed here.
    let dataset = load_dataset(None)?;
    let states: Vec<(String, String)> = dataset
        .states()
        .into_iter()
        .map(|(code, name)| (code.to_string(), name.to_string()))
        .collect();
    let plan = import::plan(file, list, as_of, &files, &states).map_err(data_error)?;
    for line in &plan.forgiven {
        eprintln!("note: {line}");
    }
    if !plan.unmatched.is_empty() {
        for line in &plan.unmatched {
            eprintln!("unmatched: {line}");
        }
        return Err(data_error(format!(
            "{} of {} rows could not be matched; nothing was written. Add each to {}/287g/aliases.csv (state,agency,ice_county,county_fips,reason) and run again",
            plan.unmatched.len(),
            plan.sheet_rows,
            dir.display()
        )));
    }
    let target = dir.join("287g/agreements.csv");
    let (rows, agencies, name) = (plan.rows, plan.agencies, list.name());
    if check_only {
        if plan.unchanged {
            writeln!(
                out,
                "identical: {} matches {shown} ({rows} {name} rows, {agencies} agencies)",
                target.display()
            )?;
            return Ok(());
        }
        for change in &plan.changes {
            writeln!(out, "{change}")?;
        }
        return Err(data_error(format!(
            "{} differs from {shown} ({} changes)",
            target.display(),
            plan.changes.len().max(1)
        )));
    }
    plan.write(&dir).map_err(data_error)?;
    writeln!(
        out,
        "imported {rows} {name} rows ({agencies} agencies, as of {as_of}) into {}",
        target.display()
    )?;
    if plan.changes.is_empty() {
        writeln!(out, "no changes since the last import")?;
    } else {
        writeln!(out, "{} changes since the last import:", plan.changes.len())?;
        for change in &plan.changes {
            writeln!(out, "  {change}")?;
        }
    }
    Ok(())
}
