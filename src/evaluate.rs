//! The rule evaluator: layered law with defaults, preemption and explicit
//! exceptions, evaluated at a date.
//!
//! Every rule in the jurisdiction chain (federal → state → county → city →
//! agency) that speaks to the question is *considered*. A considered rule
//! *applies* when it is in force on the date asked and not blocked by a
//! court. Applicable rules are then set aside, in this order:
//!
//! 1. **Preemption.** A rule that `preempts_local_limits` voids narrower rules
//!    that forbid cooperation (a Texas city's sanctuary ordinance under SB 4);
//!    `preempts_local_expansion` voids narrower rules that compel it.
//! 2. **Explicit exceptions.** A rule listing a law in `overrides` sets that
//!    law's rules aside.
//! 3. **Defaults.** `may_refuse` is a permission (the federal baseline,
//!    Printz v. United States): any obligation (`must_*`) or dispute (`mixed`)
//!    at the same or a narrower layer sets it aside, as does a narrower
//!    `may_refuse`.
//! 4. **Layers.** Between layers, a broader obligation beats a narrower
//!    opposite obligation or doubt (a city cannot order what its state
//!    forbids), and a narrower obligation settles a broader doubt (a sheriff's
//!    own 287(g) agreement settles "it depends on the agreement"). A court's
//!    order is never set aside by a broader layer's law.
//!
//! What survives decides the verdict. Survivors that disagree within one
//! layer — an obligation to refuse next to an obligation to cooperate — give
//! `unknown` with both cited: the evaluator never picks silently. The
//! headline names who decides — the state, the county or city, a court, or
//! the agency's own 287(g) agreement — and, for `mixed`, what it depends on.
//!
//! The warrant: a detainer, a request for information and a task force come
//! with ICE's own administrative paperwork, so they are answered that way,
//! and a rule for a judge-signed warrant is shown beside the answer as a
//! condition. At a home the kind of warrant varies: a rule that depends on
//! it, asked without knowing it, is evaluated both ways; if the two
//! verdicts differ the answer is `mixed`, says what decides it, and asks the
//! warrant question.
//!
//! A 287(g) agreement binds only the agency that chose to sign it (8 U.S.C.
//! § 1357(g)(9)): the data gives agreements `mixed`, never `must_cooperate`,
//! so an obligation in a headline always rests on a law. An unconfirmed
//! change to a state's law makes the answer `unknown` only where it could
//! change the verdict; elsewhere it is a note beside a settled answer.

use crate::answer::{
    Answer, AnswerNote, DecidedBy, Question, QuestionOption, Reason, Resolved, SourceRef,
};
use crate::date::Date;
use crate::model::*;
use crate::places::Places;
use crate::query::{Query, QueryError};
use crate::scope::Scope;

/// Fills `{name}` placeholders. Unknown placeholders stay visible, so a typo
/// in `strings.toml` shows up in tests rather than vanishing.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Why a considered rule does not decide the answer.
#[derive(Clone, Debug, PartialEq)]
enum Standing {
    Applies,
    NotYetInForce,
    NoLongerInForce,
    Enjoined,
    /// A rule for agencies with a 287(g) agreement; this one has none.
    NoAgreement,
    /// Set aside by another rule; the note explains.
    SetAside(String),
}

struct Considered<'a> {
    law: &'a Law,
    rule: &'a Rule,
    level: Level,
    effect: Effect,
    standing: Standing,
    /// Who signed, for an agency's own 287(g) agreement.
    party: Option<&'a str>,
    /// A condition the rule carries here (it binds only agencies with an
    /// agreement, and this agency's are not known).
    condition: Option<&'a str>,
}

/// Finds a state by USPS code or full name, ignoring case.
pub fn find_state<'a>(dataset: &'a Dataset, text: &str) -> Option<(u32, &'a Jurisdiction)> {
    let text = text.trim();
    dataset
        .jurisdictions
        .iter()
        .enumerate()
        .filter(|(_, j)| j.level == Level::State)
        .find(|(_, j)| j.id.eq_ignore_ascii_case(text) || j.name.eq_ignore_ascii_case(text))
        .map(|(i, j)| (i as u32, j))
}

/// Answers a question. `places` (the place index, with every county, city
/// and 287(g) agency) is optional: without it, counties and cities are known
/// only when the dataset has local records for them, and no agency layer is
/// added.
pub fn evaluate(
    dataset: &Dataset,
    places: Option<&Places>,
    query: &Query,
) -> Result<Answer, QueryError> {
    if !query.any_agency {
        return evaluate_for_agency(dataset, places, query);
    }
    // The agency was not asked: ask it only if it changes the answer.
    let mut answers = Vec::with_capacity(Agency::ALL.len());
    for (agency, _) in Agency::ALL {
        let one = Query {
            agency: *agency,
            any_agency: false,
            ..query.clone()
        };
        answers.push((*agency, evaluate_for_agency(dataset, places, &one)?));
    }
    let first = signature(&answers[0].1);
    if answers.iter().all(|(_, a)| signature(a) == first) {
        // `answers` holds one answer per agency, so it is never empty.
        let (_, mut answer) = answers.remove(0);
        for (_, other) in answers {
            add_reasons(&mut answer, other.reasons);
        }
        // The "no agreement for <agency> in <place>" lines name one agency;
        // no agency here has an agreement, so they are left out.
        answer
            .reasons
            .retain(|r| r.level != Level::Agency || !r.rule.is_empty());
        answer.jurisdiction.agency = "any";
        answer.jurisdiction.agency_label = dataset.strings.agency_any.clone();
        return Ok(answer);
    }
    let mut answer = depends_on_agency(dataset, answers);
    if query.agency_answered {
        answer.next_question = None;
    }
    Ok(answer)
}

/// What must be equal across agencies for the agency not to matter: the
/// verdict, the follow-up question, the laws that decide and every caveat.
/// (A law that does not apply to one agency — not in force yet, or set
/// aside — does not change the answer; it is kept in the merged trace.)
type Signature<'a> = (Verdict, Option<&'static str>, Vec<&'a str>, Vec<&'a str>);

fn signature(answer: &Answer) -> Signature<'_> {
    (
        answer.verdict,
        answer.next_question.as_ref().map(|q| q.id),
        answer
            .reasons
            .iter()
            .filter(|r| r.applies && !r.rule.is_empty())
            .map(|r| r.rule.as_str())
            .collect(),
        answer.caveats.iter().map(|c| c.text.as_str()).collect(),
    )
}

/// The answer when the agency changes it: `mixed`, each agency's bottom
/// line, every law any of them cites, and the agency question.
fn depends_on_agency(dataset: &Dataset, answers: Vec<(Agency, Answer)>) -> Answer {
    let s = &dataset.strings;
    let lines: Vec<String> = answers
        .iter()
        .map(|(agency, a)| {
            format!(
                "{}: {}",
                label(&s.agencies, Agency::ALL, *agency),
                a.headline
            )
        })
        .collect();
    // `answers` holds one answer per agency, so it is never empty.
    let mut answer = answers[0].1.clone();
    for (_, other) in answers {
        add_reasons(&mut answer, other.reasons);
        add_caveats(&mut answer, other.caveats);
    }
    answer
        .reasons
        .retain(|r| r.level != Level::Agency || !r.rule.is_empty());
    answer.jurisdiction.agency = "any";
    answer.jurisdiction.agency_label = s.agency_any.clone();
    answer.jurisdiction.warrant = None;
    answer.verdict = Verdict::Mixed;
    answer.decided_by = None;
    answer.headline = s.headline(Headline::MixedAgency).to_string();
    answer.meaning = label(&s.meanings, Verdict::ALL, Verdict::Mixed);
    let deepest = answer.reasons.last().map_or(Level::Federal, |r| r.level);
    answer.reasons.push(note(
        deepest,
        fill(&s.depends_on_agency, &[("answers", &lines.join(" "))]),
    ));
    answer.next_question = Some(agency_question(s));
    answer
}

/// The agency question, asked when the agency changes the verdict.
fn agency_question(s: &Strings) -> Question {
    Question {
        id: "agency",
        text: s.agency_question.clone(),
        options: Agency::ALL
            .iter()
            .map(|(agency, name)| QuestionOption {
                id: name,
                label: label(&s.agencies, Agency::ALL, *agency),
            })
            // "I don't know" is an answer too (same words as for the warrant).
            .chain(s.warrant_answers.get(2).map(|label| QuestionOption {
                id: "unknown",
                label: label.clone(),
            }))
            .collect(),
    }
}

fn evaluate_for_agency(
    dataset: &Dataset,
    places: Option<&Places>,
    query: &Query,
) -> Result<Answer, QueryError> {
    let scope = Scope::resolve(dataset, places, query)?;
    // Where the situation tells the paper ICE brings (a detainer comes with
    // ICE's own warrant), answer for it; a judge's warrant is a condition.
    if query.warrant.is_none() {
        if let Some(usual) = query.situation.usual_warrant() {
            let usual = Query {
                warrant: Some(usual),
                ..query.clone()
            };
            return Ok(evaluate_at(dataset, &usual, &scope, true));
        }
    }
    let conditional = query.warrant.is_none()
        && laws_in(dataset, &scope.chain)
            .chain(scope.agreements.iter().map(|a| &a.law))
            .flat_map(|law| &law.rules)
            .any(|rule| rule.warrant.is_some() && speaks_to(rule, query));
    if !conditional {
        return Ok(evaluate_at(dataset, query, &scope, false));
    }
    // The person does not know the warrant kind and it matters: answer both ways.
    let with = |warrant| {
        evaluate_at(
            dataset,
            &Query {
                warrant: Some(warrant),
                ..query.clone()
            },
            &scope,
            false,
        )
    };
    let judicial = with(Warrant::Judicial);
    let administrative = with(Warrant::Administrative);
    // ICE most often comes to a home with its own administrative warrant, so
    // when both give the same verdict that answer speaks for both.
    let mut answer = administrative.clone();
    answer.jurisdiction.warrant = None;
    add_reasons(&mut answer, judicial.reasons.clone());
    add_caveats(&mut answer, judicial.caveats.clone());
    if judicial.verdict != administrative.verdict {
        let s = &dataset.strings;
        answer.verdict = Verdict::Mixed;
        answer.decided_by = None;
        answer.headline = s.headline(Headline::MixedWarrant).to_string();
        answer.meaning = label(&s.meanings, Verdict::ALL, Verdict::Mixed);
        answer.next_question = (!query.warrant_answered).then(|| warrant_question(s));
        let deepest = answer.reasons.last().map_or(Level::Federal, |r| r.level);
        answer.reasons.push(note(
            deepest,
            fill(
                &s.depends_on_warrant,
                &[
                    ("judicial", &judicial.headline),
                    ("administrative", &administrative.headline),
                ],
            ),
        ));
    }
    Ok(answer)
}

/// Adds another answer's trace to `answer`'s, each step once, broadest
/// layer first (for answers given both ways: per warrant, per agency).
fn add_reasons(answer: &mut Answer, reasons: Vec<Reason>) {
    for reason in reasons {
        if !answer
            .reasons
            .iter()
            .any(|r| r.rule == reason.rule && r.text == reason.text)
        {
            answer.reasons.push(reason);
        }
    }
    answer.reasons.sort_by_key(|r| r.level);
    answer.reasons = merge_by_law(std::mem::take(&mut answer.reasons));
}

fn add_caveats(answer: &mut Answer, caveats: Vec<AnswerNote>) {
    for caveat in caveats {
        if !answer.caveats.contains(&caveat) {
            answer.caveats.push(caveat);
        }
    }
}

fn laws_in<'a>(dataset: &'a Dataset, chain: &'a [u32]) -> impl Iterator<Item = &'a Law> + 'a {
    dataset
        .laws
        .iter()
        .filter(move |law| chain.contains(&law.jurisdiction))
}

/// Whether a local jurisdiction has any rule for this agency and situation,
/// whatever the warrant (so "none of its policies deal with this" is true
/// in both branches of a warrant-dependent answer).
fn local_speaks(dataset: &Dataset, jurisdiction: Option<u32>, query: &Query) -> bool {
    dataset
        .laws
        .iter()
        .filter(|law| Some(law.jurisdiction) == jurisdiction)
        .flat_map(|law| &law.rules)
        .any(|rule| speaks_to(rule, query))
}

fn speaks_to(rule: &Rule, query: &Query) -> bool {
    rule.situations & query.situation.bit() != 0 && rule.agencies & query.agency.bit() != 0
}

fn level_of(dataset: &Dataset, law: &Law) -> Level {
    dataset
        .jurisdictions
        .get(law.jurisdiction as usize)
        .map_or(Level::Federal, |j| j.level)
}

/// Whether a law's rule is in force and unblocked on a date.
fn in_force(law: &Law, rule: &Rule, date: Date) -> Standing {
    if date < rule.effective.unwrap_or(law.effective) {
        Standing::NotYetInForce
    } else if law.ends.is_some_and(|end| date >= end) {
        // A repealed law has an end date (the data check insists):
        // before it, the law applied.
        Standing::NoLongerInForce
    } else if law.status == Status::Enjoined {
        Standing::Enjoined
    } else {
        Standing::Applies
    }
}

/// Every rule in the layers that speaks to this agency, situation and
/// warrant, with its standing on the date asked.
fn consider<'a>(dataset: &'a Dataset, query: &Query, scope: &'a Scope) -> Vec<Considered<'a>> {
    let s = &dataset.strings;
    let agreed = scope.has_agreement(query.as_of);
    let layered = laws_in(dataset, &scope.chain).map(|law| (law, level_of(dataset, law), None));
    let agreements = scope
        .agreements
        .iter()
        .map(|a| (&a.law, Level::Agency, Some(a.party.as_str())));
    layered
        .chain(agreements)
        .flat_map(|(law, level, party)| law.rules.iter().map(move |rule| (law, level, party, rule)))
        .filter(|(_, _, _, rule)| speaks_to(rule, query))
        .filter(|(_, _, _, rule)| rule.warrant.is_none() || rule.warrant == query.warrant)
        .map(|(law, level, party, rule)| {
            let mut c = Considered {
                law,
                rule,
                level,
                effect: rule.effect,
                standing: in_force(law, rule, query.as_of),
                party,
                condition: None,
            };
            if rule.only_with_287g && c.standing == Standing::Applies {
                match agreed {
                    Some(true) => {}
                    Some(false) => c.standing = Standing::NoAgreement,
                    // Not known whether this agency has an agreement: the
                    // rule binds it only if it does.
                    None => {
                        c.effect = Effect::Mixed;
                        c.condition = Some(&s.only_with_287g_unknown);
                    }
                }
            }
            c
        })
        .collect()
}

/// The rules a judge-signed warrant would bring in: shown beside an answer
/// given for ICE's own paperwork, one note per law.
fn judicial_caveats(dataset: &Dataset, query: &Query, scope: &Scope) -> Vec<AnswerNote> {
    let s = &dataset.strings;
    let judicial = Query {
        warrant: Some(Warrant::Judicial),
        ..query.clone()
    };
    let mut caveats: Vec<(&Law, AnswerNote)> = Vec::new();
    for c in consider(dataset, &judicial, scope) {
        if c.rule.warrant != Some(Warrant::Judicial) || c.standing != Standing::Applies {
            continue;
        }
        match caveats.iter_mut().find(|(law, _)| law.id == c.law.id) {
            Some((_, caveat)) => {
                caveat.text = format!("{} {}", caveat.text, c.rule.text);
            }
            None => caveats.push((
                c.law,
                AnswerNote {
                    title: s.if_judicial.clone(),
                    text: c.rule.text.clone(),
                    sources: source_refs(&c.law.sources, Some(c.law.effective), c.law.verified),
                },
            )),
        }
    }
    caveats.into_iter().map(|(_, caveat)| caveat).collect()
}

/// Whose rule decides a verdict: among the surviving rules that give the
/// verdict, the broadest layer's (a state's law before a county's policy).
/// For `mixed`, the rule that says most about what it depends on: a rule
/// that says so outright, then the agency's own agreement, then a ban on
/// refusal policies.
fn decider<'c, 'a>(
    verdict: Verdict,
    survivors: &[&'c Considered<'a>],
) -> Option<&'c Considered<'a>> {
    if verdict == Verdict::Unknown {
        return None;
    }
    survivors
        .iter()
        .filter(|c| c.effect.verdict() == Some(verdict))
        .min_by_key(|c| {
            let says = match (c.effect, c.law.kind) {
                (Effect::BarsRefusalPolicy, _) => 2,
                (_, LawKind::Agreement) => 1,
                _ => 0,
            };
            (says, c.level)
        })
        .copied()
}

/// The unconfirmed change to a state's law that this question falls under,
/// if any.
struct Doubt<'a> {
    reason: &'a str,
    checked: Option<Date>,
    sources: &'a [Source],
    would_be: Option<Effect>,
}

fn doubt<'a>(state: &'a Jurisdiction, query: &Query) -> Option<Doubt<'a>> {
    match &state.coverage {
        Coverage::Unverified {
            reason,
            checked,
            sources,
            situations,
            since,
            agencies,
            would_be,
        } if situations & query.situation.bit() != 0
            && agencies & query.agency.bit() != 0
            && since.is_none_or(|d| query.as_of >= d) =>
        {
            Some(Doubt {
                reason,
                checked: *checked,
                sources,
                would_be: *would_be,
            })
        }
        _ => None,
    }
}

fn evaluate_at(dataset: &Dataset, query: &Query, scope: &Scope, assumed_warrant: bool) -> Answer {
    let s = &dataset.strings;
    let state = &dataset.jurisdictions[scope.state as usize];
    let date = query.as_of.to_string();

    // 1. Consider every rule that speaks to this agency, situation and warrant.
    let mut considered = consider(dataset, query, scope);

    // 2. Set aside what preemption, explicit exceptions and narrower rules override.
    set_aside(&mut considered, s);

    // 3. The survivors decide.
    let survivors: Vec<&Considered> = considered
        .iter()
        .filter(|c| c.standing == Standing::Applies && c.effect.is_verdict())
        .collect();
    let has = |verdict| {
        survivors
            .iter()
            .any(|c| c.effect.verdict() == Some(verdict))
    };
    let mut verdict = if has(Verdict::MustRefuse) && has(Verdict::MustCooperate) {
        Verdict::Unknown
    } else if has(Verdict::Mixed) {
        Verdict::Mixed
    } else if has(Verdict::MustRefuse) {
        Verdict::MustRefuse
    } else if has(Verdict::MustCooperate) {
        Verdict::MustCooperate
    } else if has(Verdict::MayRefuse) {
        Verdict::MayRefuse
    } else {
        Verdict::Unknown
    };
    let mut decided = decider(verdict, &survivors);

    let mut reasons = merge_by_law(considered.iter().map(|c| reason(c, s, &date)).collect());
    if verdict == Verdict::Unknown && !survivors.is_empty() {
        let names: Vec<&str> = survivors.iter().map(|c| c.law.name.as_str()).collect();
        reasons.push(note(
            Level::State,
            fill(&s.conflict, &[("laws", &names.join("; "))]),
        ));
    }
    let mut caveats = if assumed_warrant {
        judicial_caveats(dataset, query, scope)
    } else {
        Vec::new()
    };

    // An unconfirmed change to the state's law: `unknown` only where it
    // could change this verdict; otherwise a note beside the answer.
    let mut pending = false;
    if let Some(doubt) = doubt(state, query) {
        let sources = source_refs(
            doubt.sources,
            None,
            doubt.checked.unwrap_or(dataset.data_as_of),
        );
        if doubt.would_be.and_then(Effect::verdict) == Some(verdict) {
            caveats.push(AnswerNote {
                title: fill(&s.pending_change, &[("state", &state.name)]),
                text: doubt.reason.to_string(),
                sources,
            });
        } else {
            verdict = Verdict::Unknown;
            decided = None;
            pending = true;
            reasons.push(Reason {
                rule: format!("{}-unverified", state.id.to_ascii_lowercase()),
                title: state.name.clone(),
                applies: true,
                sources,
                ..note(
                    Level::State,
                    fill(
                        &s.unverified,
                        &[("state", &state.name), ("reason", doubt.reason)],
                    ),
                )
            });
        }
    }
    let state_spoke = considered.iter().any(|c| c.level == Level::State);
    match &state.coverage {
        // "No statewide law" speaks only where none of the state's laws does.
        Coverage::NoLawFound {
            verified,
            searched,
            sources,
        } if !state_spoke => reasons.push(Reason {
            rule: format!("{}-no-statewide-law", state.id.to_ascii_lowercase()),
            title: state.name.clone(),
            applies: true,
            sources: source_refs(sources, None, *verified),
            ..note(
                Level::State,
                fill(
                    &s.no_law_found,
                    &[("state", &state.name), ("searched", searched)],
                ),
            )
        }),
        Coverage::NoLawFound { .. } => {}
        Coverage::Laws | Coverage::Unverified { .. } if !state_spoke => reasons.push(note(
            Level::State,
            fill(&s.other_situation, &[("state", &state.name)]),
        )),
        Coverage::Laws | Coverage::Unverified { .. } => {}
    }
    for (level, local) in [(Level::County, &scope.county), (Level::City, &scope.city)] {
        let Some(local) = local else { continue };
        let record = local
            .jurisdiction
            .map(|j| &dataset.jurisdictions[j as usize]);
        match record.map(|j| &j.coverage) {
            Some(Coverage::NoLawFound {
                verified,
                searched,
                sources,
            }) => reasons.push(Reason {
                rule: format!(
                    "{}-no-local-policy",
                    crate::places::normalize(&local.name).replace(' ', "-")
                ),
                title: local.name.clone(),
                applies: true,
                sources: source_refs(sources, None, *verified),
                ..note(
                    level,
                    fill(
                        &s.no_local_policy,
                        &[("place", &local.name), ("searched", searched)],
                    ),
                )
            }),
            Some(_) if !local_speaks(dataset, local.jurisdiction, query) => reasons.push(note(
                level,
                fill(&s.local_silent, &[("place", &local.name)]),
            )),
            Some(_) => {}
            None => reasons.push(note(
                level,
                fill(&s.no_local_data, &[("place", &local.name)]),
            )),
        }
    }
    reasons.extend(scope.agreement_notes.iter().cloned());
    reasons.sort_by_key(|r| r.level);

    let jurisdiction = Resolved {
        state: state.id.clone(),
        state_name: state.name.clone(),
        county: scope.county.as_ref().map(|c| c.name.clone()),
        county_fips: scope
            .county
            .as_ref()
            .map(|c| c.fips.clone())
            .filter(|f| !f.is_empty()),
        city: scope.city.as_ref().map(|c| c.name.clone()),
        agency: query.agency.name(),
        agency_label: label(&s.agencies, Agency::ALL, query.agency),
        situation: query.situation.name(),
        situation_label: label(&s.situations, Situation::ALL, query.situation),
        warrant: query.warrant.map(Named::name),
    };
    let notes = dataset
        .notes
        .iter()
        .filter(|n| n.situations & query.situation.bit() != 0)
        .map(|n| AnswerNote {
            title: n.title.clone(),
            text: n.text.clone(),
            sources: source_refs(&n.sources, None, n.verified),
        })
        .collect();
    Answer {
        verdict,
        headline: headline(dataset, verdict, decided, state, pending),
        meaning: label(&s.meanings, Verdict::ALL, verdict),
        decided_by: decided.map(|c| DecidedBy {
            level: c.level,
            rule: c.law.id.clone(),
        }),
        caveats,
        reasons,
        jurisdiction,
        as_of: query.as_of,
        data_as_of: dataset.data_as_of,
        disclaimer: s.disclaimer.clone(),
        notes,
        next_question: None,
    }
}

/// The warrant question, asked when its answer would settle the verdict.
fn warrant_question(s: &Strings) -> Question {
    let ids = ["judicial", "administrative", "unknown"];
    Question {
        id: "warrant",
        text: s.warrant_question.clone(),
        options: ids
            .iter()
            .zip(&s.warrant_answers)
            .map(|(id, label)| QuestionOption {
                id,
                label: label.clone(),
            })
            .collect(),
    }
}

/// Applies preemption, explicit exceptions and defaults, in that order; each
/// stage only lets rules that survived the stages before it override others.
fn set_aside(considered: &mut [Considered], s: &Strings) {
    let applies = |c: &Considered| c.standing == Standing::Applies;

    let mut verdicts: Vec<Option<String>> = vec![None; considered.len()];
    for (i, target) in considered.iter().enumerate().filter(|(_, c)| applies(c)) {
        // A state can void its cities' policies, not a court's orders.
        let judicial = matches!(target.law.kind, LawKind::CourtOrder | LawKind::CaseLaw);
        let voids = |p: &Considered| {
            applies(p)
                && !judicial
                && p.level < target.level
                && match p.effect {
                    Effect::PreemptsLocalLimits => target.effect == Effect::MustRefuse,
                    Effect::PreemptsLocalExpansion => target.effect == Effect::MustCooperate,
                    _ => false,
                }
        };
        if let Some(p) = considered.iter().find(|p| voids(p)) {
            verdicts[i] = Some(fill(&s.preempted, &[("by", &p.law.name)]));
        }
    }
    apply(considered, &mut verdicts);

    for (i, target) in considered.iter().enumerate().filter(|(_, c)| applies(c)) {
        let excepts = |e: &Considered| applies(e) && e.rule.overrides.contains(&target.law.id);
        if let Some(e) = considered.iter().find(|e| excepts(e)) {
            verdicts[i] = Some(fill(&s.overridden, &[("by", &e.law.name)]));
        }
    }
    apply(considered, &mut verdicts);

    // Defaults. A permission to refuse gives way to any obligation or doubt
    // at its layer or a narrower one, to a narrower permission, and to a ban
    // on refusal policies at any layer (a court's order excepted). A ban on
    // refusal policies gives way to an obligation at its layer or a
    // narrower one: a duty to honor each detainer says more than a ban on
    // policies of refusing them.
    let judicial = |c: &Considered| matches!(c.law.kind, LawKind::CourtOrder | LawKind::CaseLaw);
    let obligation = |e: Effect| matches!(e, Effect::MustRefuse | Effect::MustCooperate);
    for (i, target) in considered.iter().enumerate().filter(|(_, c)| applies(c)) {
        let overrides = |o: &Considered| {
            if !applies(o) || !o.effect.is_verdict() {
                return false;
            }
            match target.effect {
                Effect::MayRefuse => {
                    (o.level >= target.level && o.effect != Effect::MayRefuse)
                        || o.level > target.level
                        || (o.effect == Effect::BarsRefusalPolicy && !judicial(target))
                }
                Effect::BarsRefusalPolicy => o.level >= target.level && obligation(o.effect),
                _ => false,
            }
        };
        if let Some(o) = considered.iter().find(|o| overrides(o)) {
            verdicts[i] = Some(fill(&s.overridden, &[("by", &o.law.name)]));
        }
    }
    apply(considered, &mut verdicts);

    // Layers: obligations from different layers. A broader layer's obligation
    // beats a narrower one's opposite obligation or doubt (a city cannot order
    // what its state forbids), and a narrower obligation settles a broader
    // doubt (a county's policy to honor detainers settles "the state's law
    // does not say"). A court's order is never set aside by a broader
    // layer's law.
    for (i, target) in considered.iter().enumerate().filter(|(_, c)| applies(c)) {
        let beats = |o: &Considered| {
            if !applies(o) || !obligation(o.effect) || o.level == target.level {
                return false;
            }
            let broader = o.level < target.level;
            match target.effect {
                Effect::Mixed | Effect::BarsRefusalPolicy => !(broader && judicial(target)),
                effect if obligation(effect) => broader && effect != o.effect && !judicial(target),
                _ => false,
            }
        };
        if let Some(o) = considered.iter().find(|o| beats(o)) {
            verdicts[i] = Some(fill(&s.overridden, &[("by", &o.law.name)]));
        }
    }
    apply(considered, &mut verdicts);
}

fn apply(considered: &mut [Considered], verdicts: &mut [Option<String>]) {
    for (c, verdict) in considered.iter_mut().zip(verdicts.iter_mut()) {
        if let Some(note) = verdict.take() {
            c.standing = Standing::SetAside(note);
        }
    }
}

fn reason(c: &Considered, s: &Strings, date: &str) -> Reason {
    let law = c.law;
    let effective = c.rule.effective.unwrap_or(law.effective).to_string();
    let standing = match &c.standing {
        Standing::Applies if law.status == Status::EnjoinedInPart => {
            fill(&s.enjoined_in_part, &[("status", &law.status_note)])
        }
        Standing::Applies => String::new(),
        Standing::NotYetInForce => fill(
            &s.not_yet_in_force,
            &[("date", date), ("effective", &effective)],
        ),
        Standing::NoLongerInForce => fill(
            &s.no_longer_in_force,
            &[("date", date), ("status", &law.status_note)],
        ),
        Standing::Enjoined => fill(&s.enjoined, &[("status", &law.status_note)]),
        Standing::NoAgreement => s.only_with_287g_none.clone(),
        Standing::SetAside(why) => why.clone(),
    };
    let note = [
        standing.as_str(),
        c.condition.unwrap_or(""),
        law.note.as_str(),
    ]
    .iter()
    .filter(|part| !part.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ");
    Reason {
        level: c.level,
        rule: law.id.clone(),
        title: format!("{} — {}", law.name, law.citation),
        text: c.rule.text.clone(),
        effect: Some(c.effect),
        applies: c.standing == Standing::Applies,
        note,
        sources: source_refs(&law.sources, Some(law.effective), law.verified),
    }
}

/// One step per law and standing: a law with several rules that speak to the
/// question reads as one paragraph with its sources once, not a repeat.
fn merge_by_law(reasons: Vec<Reason>) -> Vec<Reason> {
    let mut merged: Vec<Reason> = Vec::with_capacity(reasons.len());
    for reason in reasons {
        let same = |last: &Reason| {
            !reason.rule.is_empty() && last.rule == reason.rule && last.applies == reason.applies
        };
        match merged.iter_mut().find(|last| same(last)) {
            Some(last) => {
                if !last.text.contains(&reason.text) {
                    last.text = format!("{} {}", last.text, reason.text);
                }
                if !last.note.contains(&reason.note) {
                    last.note = format!("{} {}", last.note, reason.note).trim().to_string();
                }
                // Two rules of one law that both decide: the stronger
                // effect describes the step (an obligation before a doubt).
                if last.effect != reason.effect {
                    last.effect = strongest(last.effect, reason.effect);
                }
            }
            None => merged.push(reason),
        }
    }
    merged
}

/// Of two effects of one law's rules, the one that weighs more in the
/// verdict (the order the survivors are read in).
fn strongest(a: Option<Effect>, b: Option<Effect>) -> Option<Effect> {
    let rank = |e: Option<Effect>| match e {
        Some(Effect::Mixed | Effect::BarsRefusalPolicy) => 4,
        Some(Effect::MustRefuse) => 3,
        Some(Effect::MustCooperate) => 2,
        Some(Effect::MayRefuse) => 1,
        _ => 0,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

fn source_refs(sources: &[Source], effective: Option<Date>, verified: Date) -> Vec<SourceRef> {
    sources
        .iter()
        .map(|src| SourceRef {
            title: src.title.clone(),
            url: src.url.clone(),
            effective,
            verified,
        })
        .collect()
}

fn note(level: Level, text: String) -> Reason {
    Reason {
        level,
        rule: String::new(),
        title: String::new(),
        text,
        effect: None,
        applies: false,
        note: String::new(),
        sources: Vec::new(),
    }
}

pub(crate) fn label<T: Named>(labels: &[String], all: &[(T, &str)], value: T) -> String {
    let index = all.iter().position(|(v, _)| *v == value).unwrap_or(0);
    labels.get(index).cloned().unwrap_or_default()
}

/// The bottom line, naming who decides: a law of the state, a policy of the
/// county or city, a court's order, or the agency's own agreement.
fn headline(
    dataset: &Dataset,
    verdict: Verdict,
    decided: Option<&Considered>,
    state: &Jurisdiction,
    pending: bool,
) -> String {
    let s = &dataset.strings;
    let Some(c) = decided else {
        return match verdict {
            Verdict::Unknown if pending => fill(
                s.headline(Headline::UnknownPending),
                &[("state", &state.name)],
            ),
            Verdict::Unknown => s.headline(Headline::Unknown).to_string(),
            Verdict::MayRefuse => fill(s.headline(Headline::MayRefuse), &[("state", &state.name)]),
            // Nothing decides alone only in the answers above.
            _ => fill(s.headline(Headline::Mixed), &[("why", "")])
                .trim()
                .to_string(),
        };
    };
    // A court's own order, or a ruling on a local agency, is the court's;
    // a state's highest court reading state law speaks for the state's law.
    let court = matches!(c.law.kind, LawKind::CourtOrder)
        || (c.law.kind == LawKind::CaseLaw && c.level > Level::State);
    let which = match (verdict, c.level) {
        (Verdict::MayRefuse, _) => Headline::MayRefuse,
        (Verdict::MustRefuse, _) if court => Headline::MustRefuseCourt,
        (Verdict::MustRefuse, Level::Federal | Level::State) => Headline::MustRefuseState,
        (Verdict::MustRefuse, Level::County) => Headline::MustRefuseCounty,
        (Verdict::MustRefuse, _) => Headline::MustRefuseCity,
        (Verdict::MustCooperate, _) if court => Headline::MustCooperateCourt,
        (Verdict::MustCooperate, Level::Federal | Level::State) => Headline::MustCooperateState,
        (Verdict::MustCooperate, Level::County) => Headline::MustCooperateCounty,
        (Verdict::MustCooperate, _) => Headline::MustCooperateCity,
        (Verdict::Mixed, _) if c.law.kind == LawKind::Agreement => Headline::MixedAgreement,
        (Verdict::Mixed, _) => Headline::Mixed,
        (Verdict::Unknown, _) => Headline::Unknown,
    };
    let place = dataset
        .jurisdictions
        .get(c.law.jurisdiction as usize)
        .map_or("", |j| j.name.as_str());
    fill(
        s.headline(which),
        &[
            ("state", &state.name),
            ("place", place),
            ("law", &c.law.name),
            ("party", c.party.unwrap_or(place)),
            ("why", &c.rule.text),
        ],
    )
}

/// Today's date at the given Unix time in seconds (UTC).
pub fn date_from_unix_seconds(seconds: i64) -> Date {
    Date::from_unix_days(seconds.div_euclid(86_400))
}
