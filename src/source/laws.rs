//! The TOML files: meta, strings, the federal baseline, state laws, local
//! policies and the 287(g) model rules.

use super::{Checker, MAX_EXPLANATION, MAX_NOTE};
use crate::date::Date;
use crate::model::*;
use crate::places::{Model, Places};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaFile {
    data_as_of: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FederalFile {
    #[serde(default)]
    law: Vec<LawSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    code: String,
    name: String,
    fips: String,
    #[serde(default)]
    law: Vec<LawSrc>,
    no_statewide_law: Option<NoLawSrc>,
    unverified: Option<String>,
    /// With `unverified`: the situations the doubt is about (default: all).
    unverified_situations: Option<Vec<String>>,
    /// With `unverified`: the first date the doubt concerns (default: always).
    unverified_since: Option<String>,
    /// With `unverified`: the agencies the doubt is about (default: all).
    unverified_agencies: Option<Vec<String>>,
    /// With `unverified`: what the unconfirmed change would do if it is law
    /// (an effect); answers it could not change stand, with a note.
    unverified_would_be: Option<String>,
    /// With `unverified`: the day and the sources of the failed check.
    checked: Option<String>,
    #[serde(default)]
    source: Vec<SourceSrc>,
    /// Notes for maintainers: never compiled, never shown.
    #[serde(default, rename = "research")]
    _research: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LocalFile {
    /// Cities that span whole counties.
    #[serde(default)]
    city: Vec<CitySrc>,
    #[serde(default)]
    law: Vec<LawSrc>,
    #[serde(default)]
    no_local_policy: Vec<NoLawSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CitySrc {
    name: String,
    counties: Vec<String>,
}

/// "No law found" for a state (`[no_statewide_law]`) or a place (`[[no_local_policy]]`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoLawSrc {
    county: Option<String>,
    city: Option<String>,
    verified: String,
    searched: String,
    #[serde(default)]
    source: Vec<SourceSrc>,
    #[serde(default, rename = "research")]
    _research: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LawSrc {
    id: String,
    /// Local policies only: the place they belong to.
    county: Option<String>,
    city: Option<String>,
    name: String,
    citation: String,
    kind: String,
    effective: String,
    ends: Option<String>,
    status: String,
    #[serde(default)]
    status_note: String,
    verified: String,
    #[serde(default)]
    note: String,
    /// Notes for maintainers: what was checked, what is unconfirmed.
    #[serde(default, rename = "research")]
    _research: Option<String>,
    #[serde(default)]
    source: Vec<SourceSrc>,
    #[serde(default)]
    rule: Vec<RuleSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceSrc {
    title: String,
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSrc {
    situations: Vec<String>,
    agencies: Option<Vec<String>>,
    effect: String,
    text: String,
    warrant: Option<String>,
    #[serde(default)]
    overrides: Vec<String>,
    /// The rule binds only agencies with a 287(g) agreement in force.
    #[serde(default)]
    only_with_287g: bool,
    /// This part takes effect later than the law.
    effective: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelsFile {
    model: Vec<ModelSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelSrc {
    model: String,
    name: String,
    verified: String,
    #[serde(default)]
    source: Vec<SourceSrc>,
    #[serde(default)]
    rule: Vec<RuleSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NotesFile {
    note: Vec<NoteSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteSrc {
    id: String,
    situations: Vec<String>,
    title: String,
    text: String,
    verified: String,
    #[serde(default)]
    source: Vec<SourceSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionStrings {
    agency: String,
    agency_any: String,
    warrant: String,
    warrant_judicial: String,
    warrant_administrative: String,
    warrant_unknown: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StringsFile {
    disclaimer: String,
    headlines: BTreeMap<String, String>,
    meanings: BTreeMap<String, String>,
    questions: QuestionStrings,
    agencies: BTreeMap<String, String>,
    situations: BTreeMap<String, String>,
    trace: TraceStrings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TraceStrings {
    not_yet_in_force: String,
    no_longer_in_force: String,
    enjoined: String,
    enjoined_in_part: String,
    overridden: String,
    preempted: String,
    conflict: String,
    depends_on_warrant: String,
    depends_on_agency: String,
    unverified: String,
    no_law_found: String,
    no_local_policy: String,
    no_local_data: String,
    local_silent: String,
    other_situation: String,
    agreement_pending: String,
    agreement_none: String,
    if_judicial: String,
    pending_change: String,
    only_with_287g_none: String,
    only_with_287g_unknown: String,
}

impl Checker {
    fn sources(&mut self, record: &str, sources: Vec<SourceSrc>) -> Vec<Source> {
        if sources.is_empty() {
            self.err(record, "has no source: add at least one [[...source]] with a title and the URL you checked");
        }
        for source in &sources {
            self.url(record, &source.url);
            if source.title.trim().is_empty() {
                self.err(record, format!("source {} has no title", source.url));
            }
            if let Some(why) = self.standard.refused(&source.url) {
                let why = why.to_string();
                self.err(
                    record,
                    format!("{} is not a source: {why} Cite the legislature's, court's or government's own page, or the original publisher (see data/sources.toml)", source.url),
                );
            }
        }
        sources
            .into_iter()
            .map(|s| Source {
                title: s.title,
                url: s.url,
            })
            .collect()
    }

    fn rules(&mut self, record: &str, rules: Vec<RuleSrc>) -> Vec<Rule> {
        if rules.is_empty() {
            self.err(record, "has no [[...rule]]: say what it does");
        }
        rules
            .into_iter()
            .enumerate()
            .filter_map(|(i, rule)| {
                let record = format!("{record} rule {}", i + 1);
                let situations = self.bits::<Situation>(&record, "situations", &rule.situations);
                let agencies = match &rule.agencies {
                    Some(names) => self.bits::<Agency>(&record, "agencies", names),
                    None => Agency::all_bits(),
                };
                if rule.situations.is_empty() || rule.agencies.as_ref().is_some_and(Vec::is_empty) {
                    self.err(
                        &record,
                        "`situations` and `agencies` must not be empty lists",
                    );
                }
                if rule.text.trim().is_empty() {
                    self.err(
                        &record,
                        "`text` is empty: say in plain words what the rule means",
                    );
                }
                self.short(&record, "text", &rule.text, MAX_NOTE);
                let effect = self.named::<Effect>(&record, "effect", &rule.effect)?;
                let warrant = match rule.warrant.as_deref() {
                    Some(text) => Some(self.named::<Warrant>(&record, "warrant", text)?),
                    None => None,
                };
                let effective = rule
                    .effective
                    .as_deref()
                    .and_then(|text| self.date(&record, "effective", text));
                Some(Rule {
                    situations,
                    agencies,
                    warrant,
                    effect,
                    text: rule.text,
                    overrides: rule.overrides,
                    only_with_287g: rule.only_with_287g,
                    effective,
                })
            })
            .collect()
    }
}

/// Builds the jurisdiction list and laws; `None` when a required file is unusable.
pub(super) fn compile(
    check: &mut Checker,
    files: &[(String, String)],
    places: &Places,
) -> Option<Dataset> {
    let find = |name: &str| super::find_file(files, name);
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
        match super::standard::SourceStandard::parse(text) {
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
    let mut pending: Vec<(u32, String, LawSrc)> = Vec::new();
    if let Some(text) = find("federal.toml") {
        check.file = "federal.toml".into();
        if let Some(file) = check.parse::<FederalFile>(text) {
            if file.law.is_empty() {
                check.err("", "has no [[law]]: the federal baseline must be stated");
            }
            pending.extend(
                file.law
                    .into_iter()
                    .map(|law| (0, "federal.toml".to_string(), law)),
            );
        }
    }

    let mut states: HashMap<String, u32> = HashMap::new();
    for (path, text) in files.iter().filter(|(path, _)| path.starts_with("states/")) {
        check.file = path.clone();
        let Some(file) = check.parse::<StateFile>(text) else {
            continue;
        };
        let index = jurisdictions.len() as u32;
        if *path != format!("states/{}.toml", file.code) {
            check.err(
                "",
                format!("`code` is \"{}\" but the file is named {path}", file.code),
            );
        }
        if file.code.len() != 2 || !file.code.bytes().all(|b| b.is_ascii_uppercase()) {
            check.err(
                "",
                format!("`code` \"{}\" is not a two-letter USPS code", file.code),
            );
        }
        if states.insert(file.code.clone(), index).is_some() {
            check.err("", format!("state {} is defined twice", file.code));
        }
        if file.fips.len() != 2 || !file.fips.bytes().all(|b| b.is_ascii_digit()) {
            check.err(
                "",
                format!(
                    "`fips` \"{}\" is not a two-digit state FIPS code",
                    file.fips
                ),
            );
        }
        if file.unverified.is_none()
            && (file.checked.is_some()
                || !file.source.is_empty()
                || file.unverified_situations.is_some()
                || file.unverified_since.is_some()
                || file.unverified_agencies.is_some()
                || file.unverified_would_be.is_some())
        {
            check.err("", "`checked`, `unverified_situations`, `unverified_since`, `unverified_agencies`, `unverified_would_be` and top-level [[source]] belong with `unverified`; cite a law's sources under its [[law]]");
        }
        let coverage = match (file.unverified, file.no_statewide_law) {
            (Some(reason), _) => {
                let record = "unverified";
                check.short(record, "unverified", &reason, MAX_EXPLANATION);
                // The doubt is a claim too: what was read about the
                // unconfirmed change is cited with it.
                let sources = check.sources(record, file.source);
                let checked = match file.checked.as_deref() {
                    Some(text) => check.date(record, "checked", text),
                    None if sources.is_empty() => None,
                    None => {
                        check.err(
                            record,
                            "`checked` must give the date of the check these sources record",
                        );
                        None
                    }
                };
                let situations = match &file.unverified_situations {
                    Some(names) => check.bits::<Situation>(record, "unverified_situations", names),
                    None => Situation::all_bits(),
                };
                let since = file
                    .unverified_since
                    .as_deref()
                    .and_then(|d| check.date(record, "unverified_since", d));
                let agencies = match &file.unverified_agencies {
                    Some(names) => check.bits::<Agency>(record, "unverified_agencies", names),
                    None => Agency::all_bits(),
                };
                let would_be = file
                    .unverified_would_be
                    .as_deref()
                    .and_then(|text| check.named::<Effect>(record, "unverified_would_be", text));
                if would_be.is_some_and(|e| !e.is_verdict()) {
                    check.err(record, "`unverified_would_be` must say what the change would do to the agency: may_refuse, must_refuse, must_cooperate or mixed");
                }
                Coverage::Unverified {
                    reason,
                    checked,
                    sources,
                    situations,
                    since,
                    agencies,
                    would_be,
                }
            }
            (None, Some(none)) => no_law(check, "no_statewide_law", none).unwrap_or(Coverage::Laws),
            (None, None) if !file.law.is_empty() => Coverage::Laws,
            (None, None) => {
                check.err(
                    "",
                    "has no [[law]], no [no_statewide_law] record and is not marked `unverified`",
                );
                Coverage::Laws
            }
        };
        jurisdictions.push(Jurisdiction {
            id: file.code.clone(),
            level: Level::State,
            name: file.name,
            fips: file.fips,
            parent: Some(0),
            coverage,
            covers: Vec::new(),
        });
        for law in file.law {
            if law.county.is_some() || law.city.is_some() {
                check.err(
                    &format!("law `{}`", law.id),
                    "a state law has no `county` or `city`; local policies go in local/",
                );
            }
            pending.push((index, path.clone(), law));
        }
    }

    // Local policies: find or create the county or city each one belongs to.
    let mut locals: HashMap<String, u32> = HashMap::new();
    for (path, text) in files.iter().filter(|(path, _)| path.starts_with("local/")) {
        check.file = path.clone();
        let code = path.trim_start_matches("local/").trim_end_matches(".toml");
        let Some(&state) = states.get(code) else {
            check.err(
                "",
                format!("there is no states/{code}.toml for this file's state"),
            );
            continue;
        };
        let Some(file) = check.parse::<LocalFile>(text) else {
            continue;
        };
        for city in file.city {
            let record = format!("city {}", city.name);
            let at = Place {
                places,
                code,
                state,
                county: None,
                city: Some(&city.name),
            };
            let Some(index) = at.find_or_add(check, &record, &mut jurisdictions, &mut locals)
            else {
                continue;
            };
            for county in &city.counties {
                match places.county_by_name(code, county) {
                    Some((_, c)) => jurisdictions[index as usize].covers.push(c.fips.clone()),
                    None => check.err(&record, format!("no county named \"{county}\" in {code}")),
                }
            }
        }
        for none in file.no_local_policy {
            let record = format!(
                "no_local_policy {}",
                none.county
                    .as_deref()
                    .or(none.city.as_deref())
                    .unwrap_or("?")
            );
            let at = Place {
                places,
                code,
                state,
                county: none.county.as_deref(),
                city: none.city.as_deref(),
            };
            let Some(index) = at.find_or_add(check, &record, &mut jurisdictions, &mut locals)
            else {
                continue;
            };
            if let Some(coverage) = no_law(check, &record, none) {
                jurisdictions[index as usize].coverage = coverage;
            }
        }
        for law in file.law {
            let record = format!("law `{}`", law.id);
            let at = Place {
                places,
                code,
                state,
                county: law.county.as_deref(),
                city: law.city.as_deref(),
            };
            if let Some(index) = at.find_or_add(check, &record, &mut jurisdictions, &mut locals) {
                if !matches!(jurisdictions[index as usize].coverage, Coverage::Laws) {
                    check.err(&record, "its place also has a [[no_local_policy]] record");
                }
                pending.push((index, path.clone(), law));
            }
        }
    }

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
    bans_say_what_they_mean(check, &laws, &jurisdictions);
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

/// Where a local record belongs: a county or a city of one state.
struct Place<'a> {
    places: &'a Places,
    code: &'a str,
    state: u32,
    county: Option<&'a str>,
    city: Option<&'a str>,
}

impl Place<'_> {
    /// The jurisdiction's index, adding it on first use.
    fn find_or_add(
        &self,
        check: &mut Checker,
        record: &str,
        jurisdictions: &mut Vec<Jurisdiction>,
        locals: &mut HashMap<String, u32>,
    ) -> Option<u32> {
        let code = self.code;
        let (id, name, level, fips) = match (self.county, self.city) {
            (Some(county), None) => {
                match self.places.county_by_name(code, county) {
                    Some((_, c)) => (
                        c.fips.clone(),
                        c.name.clone(),
                        Level::County,
                        c.fips.clone(),
                    ),
                    None => {
                        check.err(record, format!("no county named \"{county}\" in {code} (see data/geo/counties.csv)"));
                        return None;
                    }
                }
            }
            (None, Some(city)) => match self.places.city_by_name(code, city) {
                Some((_, c)) => (
                    format!("{code}/{}", c.name),
                    c.name.clone(),
                    Level::City,
                    String::new(),
                ),
                None => {
                    check.err(
                        record,
                        format!("no city named \"{city}\" in {code} (see data/geo/zips.csv)"),
                    );
                    return None;
                }
            },
            _ => {
                check.err(record, "give exactly one of `county` or `city`");
                return None;
            }
        };
        let index = *locals.entry(id.clone()).or_insert_with(|| {
            jurisdictions.push(Jurisdiction {
                id,
                level,
                name,
                fips,
                parent: Some(self.state),
                coverage: Coverage::Laws,
                covers: Vec::new(),
            });
            jurisdictions.len() as u32 - 1
        });
        Some(index)
    }
}

fn no_law(check: &mut Checker, record: &str, none: NoLawSrc) -> Option<Coverage> {
    let sources = check.sources(record, none.source);
    if none.searched.trim().is_empty() {
        check.err(record, "`searched` must say what was searched");
    }
    check.short(record, "searched", &none.searched, MAX_EXPLANATION);
    let verified = check.date(record, "verified", &none.verified)?;
    Some(Coverage::NoLawFound {
        verified,
        searched: none.searched,
        sources,
    })
}

fn compile_law(
    check: &mut Checker,
    jurisdiction: u32,
    law: LawSrc,
    data_as_of: Option<Date>,
) -> Option<Law> {
    let record = format!("law `{}`", law.id);
    let valid_id = !law.id.is_empty()
        && law
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid_id {
        check.err(&record, "`id` must be lowercase letters, digits and dashes");
    }
    for (field, value) in [("name", &law.name), ("citation", &law.citation)] {
        if value.trim().is_empty() {
            check.err(&record, format!("`{field}` is empty"));
        }
    }
    let kind = check.named::<LawKind>(&record, "kind", &law.kind);
    let status = check.named::<Status>(&record, "status", &law.status);
    let effective = check.date(&record, "effective", &law.effective);
    let ends = law
        .ends
        .as_deref()
        .and_then(|text| check.date(&record, "ends", text));
    let verified = check.date(&record, "verified", &law.verified);
    if let (Some(start), Some(end)) = (effective, ends) {
        if end <= start {
            check.err(
                &record,
                format!("ends ({end}) on or before it takes effect ({start})"),
            );
        }
    }
    if let (Some(verified), Some(as_of)) = (verified, data_as_of) {
        if verified > as_of {
            check.err(
                &record,
                format!("was verified on {verified}, after the data date {as_of} in meta.toml"),
            );
        }
    }
    if status == Some(Status::Repealed) && ends.is_none() {
        check.err(
            &record,
            "is repealed but has no `ends` date: answers for earlier dates need it",
        );
    }
    if status.is_some_and(|s| s != Status::InForce) && law.status_note.trim().is_empty() {
        check.err(
            &record,
            "`status_note` must say which court order or act changed its status, and its scope",
        );
    }
    check.short(&record, "note", &law.note, MAX_NOTE);
    check.short(&record, "status_note", &law.status_note, MAX_NOTE);
    let sources = check.sources(&record, law.source);
    check.sourcing.laws += 1;
    if sources
        .iter()
        .any(|s| check.standard.classify(&s.url).stands_alone())
    {
        check.sourcing.primary_sourced += 1;
    } else {
        check.sourcing.secondary_only.push(law.id.clone());
    }
    let rules = check.rules(&record, law.rule);
    if kind == Some(LawKind::Agreement) {
        voluntary(check, &record, &rules);
    }
    for (i, rule) in rules.iter().enumerate() {
        if let (Some(part), Some(law)) = (rule.effective, effective) {
            if part <= law {
                check.err(
                    &format!("{record} rule {}", i + 1),
                    format!("`effective` ({part}) must be later than the law's own ({law}); leave it out if they are the same"),
                );
            }
        }
    }
    Some(Law {
        id: law.id,
        jurisdiction,
        name: law.name,
        citation: law.citation,
        kind: kind?,
        effective: effective?,
        ends,
        status: status?,
        status_note: law.status_note,
        verified: verified?,
        note: law.note,
        sources,
        rules,
    })
}

/// An agreement is signed by choice and can be ended (8 U.S.C.
/// § 1357(g)(9)): it binds the agency that signed it, but no law makes it
/// help, so it is never `must_cooperate`. Only a law that mandates the
/// agreement or the help is.
fn voluntary(check: &mut Checker, record: &str, rules: &[Rule]) {
    if rules.iter().any(|r| r.effect == Effect::MustCooperate) {
        check.err(
            record,
            "an agreement is voluntary, so its rules are `mixed` (say what the agency agreed to and that it can end it), never `must_cooperate`; a law that mandates the agreement says `must_cooperate` itself",
        );
    }
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
            let model = check.named::<Model>(&record, "model", &m.model)?;
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
    for (model, name) in Model::ALL {
        if !seen.contains(model) {
            check.err("", format!("no [[model]] for \"{name}\""));
        }
    }
    models
}

fn compile_notes(check: &mut Checker, file: NotesFile, data_as_of: Option<Date>) -> Vec<Note> {
    file.note
        .into_iter()
        .filter_map(|n| {
            let record = format!("note `{}`", n.id);
            let situations = check.bits::<Situation>(&record, "situations", &n.situations);
            check.short(&record, "text", &n.text, MAX_EXPLANATION);
            let verified = check.date(&record, "verified", &n.verified)?;
            if data_as_of.is_some_and(|d| verified > d) {
                check.err(&record, "was verified after the data date in meta.toml");
            }
            let sources = check.sources(&record, n.source);
            Some(Note {
                id: n.id,
                situations,
                title: n.title,
                text: n.text,
                verified,
                sources,
            })
        })
        .collect()
}

fn compile_strings(check: &mut Checker, file: StringsFile) -> Strings {
    fn table<T: Named>(
        check: &mut Checker,
        record: &str,
        map: &BTreeMap<String, String>,
    ) -> Vec<String> {
        for key in map.keys() {
            if T::from_name(key).is_none() {
                check.err(
                    record,
                    format!("unknown key `{key}`; expected: {}", T::accepted()),
                );
            }
        }
        T::ALL
            .iter()
            .map(|(_, name)| match map.get(*name) {
                Some(text) => text.clone(),
                None => {
                    check.err(record, format!("missing `{name}`"));
                    String::new()
                }
            })
            .collect()
    }
    let t = file.trace;
    Strings {
        headlines: table::<Headline>(check, "[headlines]", &file.headlines),
        meanings: table::<Verdict>(check, "[meanings]", &file.meanings),
        agency_question: file.questions.agency,
        agency_any: file.questions.agency_any,
        warrant_question: file.questions.warrant,
        warrant_answers: vec![
            file.questions.warrant_judicial,
            file.questions.warrant_administrative,
            file.questions.warrant_unknown,
        ],
        agencies: table::<Agency>(check, "[agencies]", &file.agencies),
        situations: table::<Situation>(check, "[situations]", &file.situations),
        disclaimer: file.disclaimer,
        not_yet_in_force: t.not_yet_in_force,
        no_longer_in_force: t.no_longer_in_force,
        enjoined: t.enjoined,
        enjoined_in_part: t.enjoined_in_part,
        overridden: t.overridden,
        preempted: t.preempted,
        conflict: t.conflict,
        depends_on_warrant: t.depends_on_warrant,
        depends_on_agency: t.depends_on_agency,
        unverified: t.unverified,
        no_law_found: t.no_law_found,
        no_local_policy: t.no_local_policy,
        no_local_data: t.no_local_data,
        local_silent: t.local_silent,
        other_situation: t.other_situation,
        agreement_pending: t.agreement_pending,
        agreement_none: t.agreement_none,
        if_judicial: t.if_judicial,
        pending_change: t.pending_change,
        only_with_287g_none: t.only_with_287g_none,
        only_with_287g_unknown: t.only_with_287g_unknown,
    }
}
