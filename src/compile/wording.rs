//! The text files: `strings.toml` (the words answers are built from) and
//! `notes.toml` (people's own rights, shown with some situations).

use super::check::{Checker, MAX_EXPLANATION};
use super::schema::{NotesFile, StringsFile};
use crate::dataset::*;
use std::collections::BTreeMap;

pub(super) fn compile_notes(
    check: &mut Checker,
    file: NotesFile,
    data_as_of: Option<Date>,
) -> Vec<Note> {
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

pub(super) fn compile_strings(check: &mut Checker, file: StringsFile) -> Strings {
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
        one_government: t.one_government,
        other_situation: t.other_situation,
        agreement_pending: t.agreement_pending,
        agreement_none: t.agreement_none,
        if_judicial: t.if_judicial,
        pending_change: t.pending_change,
        only_with_287g_none: t.only_with_287g_none,
        only_with_287g_unknown: t.only_with_287g_unknown,
        county_police_in_town: t.county_police_in_town,
    }
}
