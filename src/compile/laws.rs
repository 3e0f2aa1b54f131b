//! The law files, compiled into the dataset: `meta.toml`, `strings.toml`,
//! `notes.toml`, the federal baseline, each state's laws, local policies
//! and the 287(g) model rules — then the checks that look across laws
//! (ids used once, exceptions that name a law, bans that say what they
//! mean).

use super::check::{find_file, Checker};
use super::local::compile_locals;
use super::record::{compile_law, voluntary};
use super::schema::{FederalFile, MetaFile, ModelsFile, NotesFile, StringsFile};
use super::standard::SourceStandard;
use super::states::{compile_states, Pending};
use super::wording::{compile_notes, compile_strings};
use crate::dataset::*;
use std::collections::HashSet;

/// Builds the jurisdiction list and laws; `None` when a required file is unusable.
pub(super) fn compile(
    check: &mut Checker,
    files: &[(String, String)],
    places: &Places,
) -> Option<Dataset> {
    let find = |name: &str| find_file(files, name);
    for required in [
        "sources.toml",
        "meta.toml",
        "strings.toml",
        "federal.toml",
        "notes.toml",
        "287g/models.toml",
    ] {
        if find(required).is_none() {
            check.file = required.to_string();
            check.err("", "is missing");
        }
    }
    check.file = "sources.toml".into();
    if let Some(text) = find("sources.toml") {
        match SourceStandard::parse(text) {
            Ok(standard) => check.standard = standard,
            Err(e) => check.err("", format!("is not valid: {e}")),
        }
    }
    check.file = "meta.toml".into();
    let data_as_of = find("meta.toml")
        .and_then(|text| check.parse::<MetaFile>(text))
        .and_then(|meta| check.date("", "data_as_of", &meta.data_as_of));
    check.file = "strings.toml".into();
    let strings = find("strings.toml")
        .and_then(|text| check.parse::<StringsFile>(text))
        .map(|file| compile_strings(check, file));
    check.file = "287g/models.toml".into();
    let models = find("287g/models.toml")
        .and_then(|text| check.parse::<ModelsFile>(text))
        .map(|file| compile_models(check, file, data_as_of))
        .unwrap_or_default();
    check.file = "notes.toml".into();
    let notes = find("notes.toml")
        .and_then(|text| check.parse::<NotesFile>(text))
        .map(|file| compile_notes(check, file, data_as_of))
        .unwrap_or_default();

    let mut jurisdictions = vec![Jurisdiction {
        id: "US".into(),
        level: Level::Federal,
        name: "United States".into(),
        fips: String::new(),
        parent: None,
        coverage: Coverage::Laws,
        covers: Vec::new(),
    }];
    let mut pending = federal(check, find("federal.toml"));
    let states = compile_states(check, files, &mut jurisdictions, &mut pending);
    compile_locals(
        check,
        files,
        places,
        &states,
        &mut jurisdictions,
        &mut pending,
    );
    let laws = compile_laws(check, pending, data_as_of);
    bans_say_what_they_mean(check, &laws, &jurisdictions);
    Some(Dataset {
        data_as_of: data_as_of?,
        jurisdictions,
        laws,
        models,
        notes,
        chunks: None,
        strings: strings?,
    })
}

/// The federal baseline's laws, waiting to be compiled.
fn federal(check: &mut Checker, text: Option<&str>) -> Vec<Pending> {
    check.file = "federal.toml".into();
    let Some(file) = text.and_then(|text| check.parse::<FederalFile>(text)) else {
        return Vec::new();
    };
    if file.law.is_empty() {
        check.err("", "has no [[law]]: the federal baseline must be stated");
    }
    file.law
        .into_iter()
        .map(|law| (0, "federal.toml".to_string(), law))
        .collect()
}

/// Compiles every law, each id once, and checks that every exception
/// names a law that exists.
fn compile_laws(check: &mut Checker, pending: Vec<Pending>, data_as_of: Option<Date>) -> Vec<Law> {
    let mut ids = HashSet::new();
    let mut laws = Vec::with_capacity(pending.len());
    for (jurisdiction, path, law) in pending {
        check.file = path;
        if let Some(law) = compile_law(check, jurisdiction, law, data_as_of) {
            if !ids.insert(law.id.clone()) {
                check.err(&format!("law `{}`", law.id), "this id is used twice");
            }
            laws.push(law);
        }
    }
    for law in &laws {
        for target in law.rules.iter().flat_map(|rule| &rule.overrides) {
            if !ids.contains(target) {
                check.file = "data".into();
                check.err(
                    &format!("law `{}`", law.id),
                    format!("overrides `{target}`, which is not a law id"),
                );
            }
        }
    }
    laws
}

/// A state's ban on local policies that limit cooperation binds the local
/// agencies' own practice too, so the law must say what it means for them
/// in every situation it covers: `mixed` where a single refusal is not
/// expressly barred, `must_cooperate` where the statute orders compliance,
/// `may_refuse` where it leaves joining to the agency. Without that, the
/// federal baseline would answer "no law makes them help", which is false.
fn bans_say_what_they_mean(check: &mut Checker, laws: &[Law], jurisdictions: &[Jurisdiction]) {
    let local = Agency::Police.bit() | Agency::Sheriff.bit() | Agency::Jail.bit();
    for law in laws {
        let Some(state) = jurisdictions
            .get(law.jurisdiction as usize)
            .filter(|j| j.level == Level::State)
        else {
            continue;
        };
        if law.status == Status::Enjoined {
            continue; // blocked in whole: none of its rules ever applies
        }
        check.file = format!("states/{}.toml", state.id);
        for (i, ban) in law.rules.iter().enumerate() {
            if ban.effect != Effect::PreemptsLocalLimits {
                continue;
            }
            let mut missing = Vec::new();
            for (situation, situation_name) in Situation::ALL {
                for (agency, agency_name) in Agency::ALL {
                    let covered = ban.situations & situation.bit() != 0
                        && ban.agencies & agency.bit() & local != 0;
                    let said = law.rules.iter().any(|r| {
                        r.effect.is_verdict()
                            && r.situations & situation.bit() != 0
                            && r.agencies & agency.bit() != 0
                    });
                    if covered && !said {
                        missing.push(format!("{situation_name}/{agency_name}"));
                    }
                }
            }
            if !missing.is_empty() {
                check.err(
                    &format!("law `{}` rule {}", law.id, i + 1),
                    format!(
                        "bans local limits on cooperation but does not say what that means for the agency's own practice in {}: add a rule (mixed, must_cooperate or may_refuse) for these",
                        missing.join(", ")
                    ),
                );
            }
        }
    }
}

fn compile_models(
    check: &mut Checker,
    file: ModelsFile,
    data_as_of: Option<Date>,
) -> Vec<ModelRules> {
    let mut seen = Vec::new();
    let models: Vec<ModelRules> = file
        .model
        .into_iter()
        .filter_map(|m| {
            let record = format!("model \"{}\"", m.model);
            let model = check.named::<AgreementModel>(&record, "model", &m.model)?;
            if seen.contains(&model) {
                check.err(&record, "is described twice");
            }
            seen.push(model);
            let verified = check.date(&record, "verified", &m.verified)?;
            if data_as_of.is_some_and(|d| verified > d) {
                check.err(&record, "was verified after the data date in meta.toml");
            }
            let sources = check.sources(&record, m.source);
            let rules = check.rules(&record, m.rule);
            voluntary(check, &record, &rules);
            Some(ModelRules {
                model,
                name: m.name,
                verified,
                sources,
                rules,
            })
        })
        .collect();
    for (model, name) in AgreementModel::ALL {
        if !seen.contains(model) {
            check.err("", format!("no [[model]] for \"{name}\""));
        }
    }
    models
}
