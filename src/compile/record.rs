//! One `[[law]]` record — a statute, ordinance, ruling or agreement —
//! checked and compiled: its id, dates, status, sources and rules.

use super::check::{Checker, MAX_EXPLANATION, MAX_NOTE};
use super::schema::{LawSrc, NoLawSrc, RuleSrc, SourceSrc};
use crate::dataset::*;

impl Checker {
    pub(super) fn sources(&mut self, record: &str, sources: Vec<SourceSrc>) -> Vec<Source> {
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

    pub(super) fn rules(&mut self, record: &str, rules: Vec<RuleSrc>) -> Vec<Rule> {
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

pub(super) fn no_law(check: &mut Checker, record: &str, none: NoLawSrc) -> Option<Coverage> {
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

pub(super) fn compile_law(
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
pub(super) fn voluntary(check: &mut Checker, record: &str, rules: &[Rule]) {
    if rules.iter().any(|r| r.effect == Effect::MustCooperate) {
        check.err(
            record,
            "an agreement is voluntary, so its rules are `mixed` (say what the agency agreed to and that it can end it), never `must_cooperate`; a law that mandates the agreement says `must_cooperate` itself",
        );
    }
}
