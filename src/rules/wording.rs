//! The answer in words: the trace of reasons, the headline naming who
//! decides, the follow-up questions and the conditions beside an answer.
//! Every word comes from the dataset's strings; this module only chooses
//! and fills them.

use super::consider::{consider, Considered, Standing};
use super::query::Query;
use super::scope::Scope;
use crate::answer::{AnswerNote, Question, QuestionOption, Reason, Resolved, SourceRef};
use crate::dataset::strings::contains;
use crate::dataset::{
    fill, label, Agency, Dataset, Date, Effect, Headline, Jurisdiction, Law, LawKind, Level, Named,
    Source, Status, Strings, Verdict, Warrant,
};
use crate::prelude::*;

/// The trace: one step per law and standing, in the order considered.
///
/// The date asked is not repeated in them (the answer shows it): so an
/// answer reads the same on every day the law stays the same, which is
/// what lets the page show a ready answer (`export::ready`).
pub fn reasons(considered: &[Considered], s: &Strings) -> Vec<Reason> {
    merge_by_law(considered.iter().map(|c| reason(c, s)).collect())
}

fn reason(c: &Considered, s: &Strings) -> Reason {
    let law = c.law;
    let effective = c.rule.effective.unwrap_or(law.effective).iso();
    let standing = match &c.standing {
        Standing::Applies if law.status == Status::EnjoinedInPart => {
            fill(&s.enjoined_in_part, &[("status", &law.status_note)])
        }
        Standing::Applies => String::new(),
        Standing::NotYetInForce => fill(&s.not_yet_in_force, &[("effective", &effective)]),
        Standing::NoLongerInForce => fill(&s.no_longer_in_force, &[("status", &law.status_note)]),
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
        title: [&law.name, " — ", &law.citation].concat(),
        text: c.rule.text.clone(),
        effect: Some(c.effect),
        applies: c.applies(),
        note,
        sources: source_refs(&law.sources, Some(law.effective), law.verified),
    }
}

/// Orders a trace broadest layer first, keeping the order within a layer.
/// (An insertion sort by hand: a trace has a few dozen steps, and the
/// standard library's stable sort is kilobytes of the page's engine.)
pub fn by_layer(reasons: &mut [Reason]) {
    for i in 1..reasons.len() {
        let mut j = i;
        while j > 0 && reasons[j - 1].level > reasons[j].level {
            reasons.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// One step per law and standing: a law with several rules that speak to the
/// question reads as one paragraph with its sources once, not a repeat.
pub fn merge_by_law(reasons: Vec<Reason>) -> Vec<Reason> {
    let mut merged: Vec<Reason> = Vec::with_capacity(reasons.len());
    for reason in reasons {
        let same = |last: &Reason| {
            !reason.rule.is_empty() && last.rule == reason.rule && last.applies == reason.applies
        };
        match merged.iter_mut().find(|last| same(last)) {
            Some(last) => {
                if !contains(&last.text, &reason.text) {
                    last.text = [&last.text, " ", &reason.text].concat();
                }
                if !contains(&last.note, &reason.note) {
                    last.note = [&last.note, " ", &reason.note].concat().trim().to_string();
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

pub fn source_refs(sources: &[Source], effective: Option<Date>, verified: Date) -> Vec<SourceRef> {
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

/// A step of the trace that is no rule: an explanation at a layer.
pub fn note(level: Level, text: String) -> Reason {
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

/// The bottom line, naming who decides: a law of the state, a policy of the
/// county or city, a court's order, or the agency's own agreement.
pub fn headline(
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
        // An agreement with ICE decides: a 287(g) agreement on ICE's list,
        // or one recorded as local law (a jail contract, a city's deal).
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

/// The rules a judge-signed warrant would bring in: shown beside an answer
/// given for ICE's own paperwork, one note per law.
pub fn judicial_caveats(dataset: &Dataset, query: &Query, scope: &Scope) -> Vec<AnswerNote> {
    let s = &dataset.strings;
    let judicial = Query {
        warrant: Some(Warrant::Judicial),
        ..query.clone()
    };
    let mut caveats: Vec<(&Law, AnswerNote)> = Vec::new();
    for c in consider(dataset, &judicial, scope) {
        if c.rule.warrant != Some(Warrant::Judicial) || !c.applies() {
            continue;
        }
        match caveats.iter_mut().find(|(law, _)| law.id == c.law.id) {
            Some((_, caveat)) => {
                caveat.text = [&caveat.text, " ", &c.rule.text].concat();
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

/// Where and what the answer is about, in the words shown to the person.
pub fn resolved(s: &Strings, state: &Jurisdiction, scope: &Scope, query: &Query) -> Resolved {
    Resolved {
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
        agency_label: label(&s.agencies, query.agency),
        situation: query.situation.name(),
        situation_label: label(&s.situations, query.situation),
        warrant: query.warrant.map(Named::name),
    }
}

/// The notes on people's own rights that go with this situation.
pub fn situation_notes(dataset: &Dataset, query: &Query) -> Vec<AnswerNote> {
    dataset
        .notes
        .iter()
        .filter(|n| n.situations & query.situation.bit() != 0)
        .map(|n| AnswerNote {
            title: n.title.clone(),
            text: n.text.clone(),
            sources: source_refs(&n.sources, None, n.verified),
        })
        .collect()
}

/// The warrant question, asked when its answer would settle the verdict.
pub fn warrant_question(s: &Strings) -> Question {
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

/// The agency question, asked when the agency changes the verdict.
pub fn agency_question(s: &Strings) -> Question {
    Question {
        id: "agency",
        text: s.agency_question.clone(),
        options: Agency::ALL
            .iter()
            .map(|(agency, name)| QuestionOption {
                id: name,
                label: label(&s.agencies, *agency),
            })
            // "I don't know" is an answer too (same words as for the warrant).
            .chain(s.warrant_answers.get(2).map(|label| QuestionOption {
                id: "unknown",
                label: label.clone(),
            }))
            .collect(),
    }
}
