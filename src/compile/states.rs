//! `states/*.toml`: each state's record — its code and FIPS code, its laws,
//! and what is known where it has none (no statewide law found, or an
//! unconfirmed change).

use super::check::{Checker, MAX_EXPLANATION};
use super::record::no_law;
use super::schema::{LawSrc, StateFile};
use crate::dataset::*;
use std::collections::HashMap;

/// A law waiting to be compiled: its jurisdiction's index and its file.
pub(super) type Pending = (u32, String, LawSrc);

/// Adds every state to `jurisdictions` and its laws to `pending`; returns
/// each state's index by USPS code.
pub(super) fn compile_states(
    check: &mut Checker,
    files: &[(String, String)],
    jurisdictions: &mut Vec<Jurisdiction>,
    pending: &mut Vec<Pending>,
) -> HashMap<String, u32> {
    let mut states: HashMap<String, u32> = HashMap::new();
    for (path, text) in files.iter().filter(|(path, _)| path.starts_with("states/")) {
        check.file = path.clone();
        let Some(mut file) = check.parse::<StateFile>(text) else {
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
        let laws = std::mem::take(&mut file.law);
        let coverage = coverage(check, &mut file, !laws.is_empty());
        jurisdictions.push(Jurisdiction {
            id: file.code.clone(),
            level: Level::State,
            name: file.name,
            fips: file.fips,
            parent: Some(0),
            coverage,
            covers: Vec::new(),
        });
        for law in laws {
            if law.county.is_some() || law.city.is_some() {
                check.err(
                    &format!("law `{}`", law.id),
                    "a state law has no `county` or `city`; local policies go in local/",
                );
            }
            pending.push((index, path.clone(), law));
        }
    }
    states
}

/// What is known of the state's law as a whole.
fn coverage(check: &mut Checker, file: &mut StateFile, has_laws: bool) -> Coverage {
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
    match (file.unverified.take(), file.no_statewide_law.take()) {
        (Some(reason), _) => unverified(check, file, reason),
        (None, Some(none)) => no_law(check, "no_statewide_law", none).unwrap_or(Coverage::Laws),
        (None, None) if has_laws => Coverage::Laws,
        (None, None) => {
            check.err(
                "",
                "has no [[law]], no [no_statewide_law] record and is not marked `unverified`",
            );
            Coverage::Laws
        }
    }
}

/// An unconfirmed change to the state's law: what it is about, from when,
/// for whom, what it would do, and what was read about it.
fn unverified(check: &mut Checker, file: &mut StateFile, reason: String) -> Coverage {
    let record = "unverified";
    check.short(record, "unverified", &reason, MAX_EXPLANATION);
    // The doubt is a claim too: what was read about the unconfirmed change
    // is cited with it.
    let sources = check.sources(record, std::mem::take(&mut file.source));
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
