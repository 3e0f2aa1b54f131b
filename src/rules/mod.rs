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

pub mod query;
pub mod scope;

mod agreements;
mod consider;
mod coverage;
mod fork;
mod precedence;
mod wording;

pub use agreements::agreement_id;
pub use query::{Query, QueryError, QueryInput};

use crate::answer::{Answer, DecidedBy};
use crate::dataset::{
    fill, label, Agency, Dataset, Headline, Level, Named, Places, Verdict, Warrant,
};
use crate::prelude::*;
use consider::consider;
use coverage::PendingChange;
use fork::{either_way, Depends};
use scope::Scope;

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
    let mut ways = Vec::with_capacity(Agency::ALL.len());
    for (agency, _) in Agency::ALL {
        let one = Query {
            agency: *agency,
            any_agency: false,
            ..query.clone()
        };
        let mut answer = evaluate_for_agency(dataset, places, &one)?;
        // The "no agreement for <agency> in <place>" lines name one agency;
        // an answer for any agency leaves them out.
        answer
            .reasons
            .retain(|r| r.level != Level::Agency || !r.rule.is_empty());
        ways.push(answer);
    }
    let s = &dataset.strings;
    let first = ways.remove(0);
    let mut answer = either_way(
        s,
        first,
        ways,
        &|a, b| signature(a) == signature(b),
        &|ways| {
            let lines: Vec<String> = Agency::ALL
                .iter()
                .zip(ways)
                .map(|((agency, _), a)| [&label(&s.agencies, *agency), ": ", &a.headline].concat())
                .collect();
            Depends {
                headline: Headline::MixedAgency,
                why: fill(&s.depends_on_agency, &[("answers", &lines.join(" "))]),
                question: (!query.agency_answered).then(|| wording::agency_question(s)),
            }
        },
    );
    answer.jurisdiction.agency = "any";
    answer.jurisdiction.agency_label = s.agency_any.clone();
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
    if query.warrant.is_some() || !consider::warrant_matters(dataset, query, &scope) {
        return Ok(evaluate_at(dataset, query, &scope, false));
    }
    // The person does not know the warrant kind and it matters: answer both
    // ways. ICE most often comes to a home with its own administrative
    // warrant, so when both give the same verdict that answer speaks for both.
    let with = |warrant| {
        let query = Query {
            warrant: Some(warrant),
            ..query.clone()
        };
        evaluate_at(dataset, &query, &scope, false)
    };
    let administrative = with(Warrant::Administrative);
    let judicial = with(Warrant::Judicial);
    let s = &dataset.strings;
    let mut answer = either_way(
        s,
        administrative,
        vec![judicial],
        &|a, b| a.verdict == b.verdict,
        &|ways| Depends {
            headline: Headline::MixedWarrant,
            why: fill(
                &s.depends_on_warrant,
                &[
                    ("judicial", &ways[1].headline),
                    ("administrative", &ways[0].headline),
                ],
            ),
            question: (!query.warrant_answered).then(|| wording::warrant_question(s)),
        },
    );
    answer.jurisdiction.warrant = None;
    Ok(answer)
}

/// The answer for one agency and one kind of warrant (or none asked).
/// `assumed_warrant`: the situation told the warrant, so a judge's
/// warrant's rules are shown as conditions.
fn evaluate_at(dataset: &Dataset, query: &Query, scope: &Scope, assumed_warrant: bool) -> Answer {
    let s = &dataset.strings;
    let state = &dataset.jurisdictions[scope.state as usize];

    // 1. Consider every rule that speaks to this agency, situation and warrant.
    let mut considered = consider(dataset, query, scope);

    // 2. Set aside what preemption, explicit exceptions and narrower rules override.
    precedence::set_aside(&mut considered, s);

    // 3. The survivors decide.
    let survivors = precedence::survivors(&considered);
    let mut verdict = precedence::verdict(&survivors);
    let mut decided = precedence::decider(verdict, &survivors);

    let mut reasons = wording::reasons(&considered, s);
    if verdict == Verdict::Unknown && !survivors.is_empty() {
        let names: Vec<&str> = survivors.iter().map(|c| c.law.name.as_str()).collect();
        reasons.push(wording::note(
            Level::State,
            fill(&s.conflict, &[("laws", &names.join("; "))]),
        ));
    }
    let mut caveats = if assumed_warrant {
        wording::judicial_caveats(dataset, query, scope)
    } else {
        Vec::new()
    };

    // 4. An unconfirmed change to the state's law: `unknown` only where it
    // could change this verdict; otherwise a note beside the answer.
    let mut pending = false;
    match coverage::pending_change(dataset, state, query, verdict) {
        Some(PendingChange::Beside(note)) => caveats.push(note),
        Some(PendingChange::Unsettles(reason)) => {
            verdict = Verdict::Unknown;
            decided = None;
            pending = true;
            reasons.push(reason);
        }
        None => {}
    }
    let state_spoke = considered.iter().any(|c| c.level == Level::State);
    reasons.extend(coverage::coverage_notes(
        dataset,
        state,
        scope,
        query,
        state_spoke,
    ));
    reasons.extend(scope.agreement_notes.iter().cloned());
    wording::by_layer(&mut reasons);

    Answer {
        verdict,
        headline: wording::headline(dataset, verdict, decided, state, pending),
        meaning: label(&s.meanings, verdict),
        decided_by: decided.map(|c| DecidedBy {
            level: c.level,
            rule: c.law.id.clone(),
        }),
        caveats,
        reasons,
        jurisdiction: wording::resolved(s, state, scope, query),
        as_of: query.as_of,
        data_as_of: dataset.data_as_of,
        disclaimer: s.disclaimer.clone(),
        notes: wording::situation_notes(dataset, query),
        next_question: None,
    }
}
