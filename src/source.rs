//! The human-edited TOML under `data/`, checked and compiled into a `Dataset`.
//!
//! Shared by `build.rs` (which embeds the compiled file in the CLI and tests)
//! and the CLI's `data check` / `data compile`, so both reject the same
//! mistakes with the same messages. Every message names the file and record.

use crate::date::Date;
use crate::model::*;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Longest `text`, `note` or `status_note`, in characters.
pub const MAX_NOTE: usize = 300;
/// Longest `unverified` or `searched` explanation, in characters.
pub const MAX_EXPLANATION: usize = 400;

/// One problem in the source data, located precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub file: String,
    pub record: String,
    pub message: String,
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.record.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.record, self.message)
        }
    }
}

/// Reads every `.toml` file under `dir` (sorted, so output is reproducible),
/// as (path relative to `dir`, contents).
pub fn read_dir(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
        let mut entries = std::fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if path.extension().is_some_and(|ext| ext == "toml") {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let name = rel.to_string_lossy().replace('\\', "/");
                out.push((name, std::fs::read_to_string(&path)?));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    Ok(out)
}

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
    /// With `unverified`: the day and the sources of the failed check.
    checked: Option<String>,
    /// Notes for maintainers: never compiled, never shown.
    #[serde(default, rename = "research")]
    _research: Option<String>,
    #[serde(default)]
    source: Vec<SourceSrc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoLawSrc {
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StringsFile {
    disclaimer: String,
    headlines: BTreeMap<String, String>,
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
    unverified: String,
    no_law_found: String,
    no_local_data: String,
    other_situation: String,
}

/// Collects errors so one run reports every problem, not just the first.
struct Checker {
    errors: Vec<SourceError>,
    file: String,
}

impl Checker {
    fn err(&mut self, record: &str, message: impl Into<String>) {
        self.errors.push(SourceError {
            file: self.file.clone(),
            record: record.to_string(),
            message: message.into(),
        });
    }

    fn date(&mut self, record: &str, field: &str, text: &str) -> Option<Date> {
        let date = Date::parse(text);
        if date.is_none() {
            self.err(
                record,
                format!("`{field}` = \"{text}\" is not a real date in the form YYYY-MM-DD"),
            );
        }
        date
    }

    /// Text shown to people must stay short enough to read in one pass on a
    /// phone; longer detail belongs in `research`.
    fn short(&mut self, record: &str, field: &str, text: &str, max: usize) {
        let len = text.chars().count();
        if len > max {
            self.err(record, format!("`{field}` is {len} characters; people read it on a phone, so keep it under {max} (move detail to `research`)"));
        }
    }

    fn named<T: Named>(&mut self, record: &str, field: &str, text: &str) -> Option<T> {
        let value = T::from_name(text);
        if value.is_none() {
            self.err(
                record,
                format!("`{field}` = \"{text}\" is not one of: {}", T::accepted()),
            );
        }
        value
    }

    fn bits<T: Named>(&mut self, record: &str, field: &str, names: &[String]) -> u8 {
        names
            .iter()
            .filter_map(|name| self.named::<T>(record, field, name))
            .fold(0, |set, value| set | value.bit())
    }

    fn sources(&mut self, record: &str, sources: Vec<SourceSrc>) -> Vec<Source> {
        if sources.is_empty() {
            self.err(record, "has no source: add at least one [[...source]] with a title and the URL you checked");
        }
        for source in &sources {
            let url = source.url.trim();
            let well_formed = (url.starts_with("https://") || url.starts_with("http://"))
                && url.len() > 10
                && !url.contains(char::is_whitespace);
            if !well_formed {
                self.err(
                    record,
                    format!(
                        "source URL \"{}\" is not a full http(s) address",
                        source.url
                    ),
                );
            }
            if source.title.trim().is_empty() {
                self.err(record, format!("source {} has no title", source.url));
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

    fn parse<T: for<'de> Deserialize<'de>>(&mut self, text: &str) -> Option<T> {
        match toml::from_str(text) {
            Ok(value) => Some(value),
            Err(e) => {
                let message = e.to_string().replace('\n', " ").trim().to_string();
                self.err("", format!("is not valid: {message}"));
                None
            }
        }
    }
}

/// Compiles the files under `data/` into a dataset, or lists every problem.
pub fn compile(files: &[(String, String)]) -> Result<Dataset, Vec<SourceError>> {
    let mut check = Checker {
        errors: Vec::new(),
        file: String::new(),
    };
    let find = |name: &str| {
        files
            .iter()
            .find(|(path, _)| path == name)
            .map(|(_, text)| text.as_str())
    };

    let mut data_as_of = None;
    let mut strings = Strings::default();
    for required in ["meta.toml", "strings.toml", "federal.toml"] {
        if find(required).is_none() {
            check.file = required.to_string();
            check.err("", "is missing");
        }
    }
    if let Some(text) = find("meta.toml") {
        check.file = "meta.toml".into();
        if let Some(meta) = check.parse::<MetaFile>(text) {
            data_as_of = check.date("", "data_as_of", &meta.data_as_of);
        }
    }
    if let Some(text) = find("strings.toml") {
        check.file = "strings.toml".into();
        if let Some(file) = check.parse::<StringsFile>(text) {
            strings = compile_strings(&mut check, file);
        }
    }

    let mut jurisdictions = vec![Jurisdiction {
        id: "US".into(),
        level: Level::Federal,
        name: "United States".into(),
        fips: String::new(),
        parent: None,
        coverage: Coverage::Laws,
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

    let mut seen_states = HashSet::new();
    for (path, text) in files.iter().filter(|(path, _)| path.starts_with("states/")) {
        check.file = path.clone();
        let Some(file) = check.parse::<StateFile>(text) else {
            continue;
        };
        let expected = format!("states/{}.toml", file.code);
        let index = jurisdictions.len() as u32;
        if *path != expected {
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
        if !seen_states.insert(file.code.clone()) {
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
        if file.unverified.is_none() && (file.checked.is_some() || !file.source.is_empty()) {
            check.err("", "`checked` and top-level [[source]] belong with `unverified`; cite a law's sources under its [[law]]");
        }
        let coverage = match (file.unverified, file.no_statewide_law) {
            (Some(reason), _) => {
                let record = "unverified";
                check.short(record, "unverified", &reason, MAX_EXPLANATION);
                let sources = if file.source.is_empty() && !file.law.is_empty() {
                    Vec::new() // the laws below carry the citations
                } else {
                    check.sources(record, file.source)
                };
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
                Coverage::Unverified {
                    reason,
                    checked,
                    sources,
                }
            }
            (None, Some(_)) if !file.law.is_empty() => {
                check.err("no_statewide_law", "is set, but the file also lists laws");
                Coverage::Laws
            }
            (None, Some(none)) => {
                let record = "no_statewide_law";
                let sources = check.sources(record, none.source);
                if none.searched.trim().is_empty() {
                    check.err(record, "`searched` must say what was searched");
                }
                check.short(record, "searched", &none.searched, MAX_EXPLANATION);
                match check.date(record, "verified", &none.verified) {
                    Some(verified) => Coverage::NoLawFound {
                        verified,
                        searched: none.searched,
                        sources,
                    },
                    None => Coverage::Laws,
                }
            }
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
        });
        pending.extend(file.law.into_iter().map(|law| (index, path.clone(), law)));
    }

    let mut ids = HashSet::new();
    let mut laws = Vec::with_capacity(pending.len());
    for (jurisdiction, path, law) in pending {
        check.file = path;
        if let Some(law) = compile_law(&mut check, jurisdiction, law, data_as_of) {
            if !ids.insert(law.id.clone()) {
                check.err(&format!("law `{}`", law.id), "this id is used twice");
            }
            laws.push(law);
        }
    }
    for law in &laws {
        for target in law.rules.iter().flat_map(|rule| &rule.overrides) {
            if !ids.contains(target) {
                check.file = file_of(&jurisdictions, law);
                check.err(
                    &format!("law `{}`", law.id),
                    format!("overrides `{target}`, which is not a law id"),
                );
            }
        }
    }

    match (check.errors.is_empty(), data_as_of) {
        (true, Some(data_as_of)) => Ok(Dataset {
            data_as_of,
            jurisdictions,
            laws,
            strings,
        }),
        _ => Err(check.errors),
    }
}

fn file_of(jurisdictions: &[Jurisdiction], law: &Law) -> String {
    match jurisdictions.get(law.jurisdiction as usize) {
        Some(j) if j.level == Level::State => format!("states/{}.toml", j.id),
        _ => "federal.toml".into(),
    }
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
    if law.rule.is_empty() {
        check.err(&record, "has no [[law.rule]]: say what it does");
    }
    let rules: Vec<Rule> = law
        .rule
        .into_iter()
        .enumerate()
        .filter_map(|(i, rule)| {
            let record = format!("{record} rule {}", i + 1);
            let situations = check.bits::<Situation>(&record, "situations", &rule.situations);
            let agencies = match &rule.agencies {
                Some(names) => check.bits::<Agency>(&record, "agencies", names),
                None => Agency::all_bits(),
            };
            if rule.situations.is_empty() || rule.agencies.as_ref().is_some_and(Vec::is_empty) {
                check.err(
                    &record,
                    "`situations` and `agencies` must not be empty lists",
                );
            }
            if rule.text.trim().is_empty() {
                check.err(
                    &record,
                    "`text` is empty: say in plain words what the rule means",
                );
            }
            let effect = check.named::<Effect>(&record, "effect", &rule.effect)?;
            let warrant = match rule.warrant.as_deref() {
                Some(text) => Some(check.named::<Warrant>(&record, "warrant", text)?),
                None => None,
            };
            Some(Rule {
                situations,
                agencies,
                warrant,
                effect,
                text: rule.text,
                overrides: rule.overrides,
            })
        })
        .collect();
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
        headlines: table::<Verdict>(check, "[headlines]", &file.headlines),
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
        unverified: t.unverified,
        no_law_found: t.no_law_found,
        no_local_data: t.no_local_data,
        other_situation: t.other_situation,
    }
}
