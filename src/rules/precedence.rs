//! Step two: which considered rules give way to which (preemption,
//! explicit exceptions, defaults, layers), what verdict the survivors give,
//! and whose rule decides it. The order and its reasons are in the
//! `rules` module's opening comment.

use super::consider::{Considered, Standing};
use crate::dataset::{fill, Effect, LawKind, Strings, Verdict};
use crate::prelude::*;

/// Applies preemption, explicit exceptions and defaults, in that order; each
/// stage only lets rules that survived the stages before it override others.
pub fn set_aside(considered: &mut [Considered], s: &Strings) {
    let mut notes: Vec<Option<String>> = vec![None; considered.len()];

    // Preemption. A state can void its cities' policies, not a court's orders.
    for (i, target) in considered.iter().enumerate().filter(|(_, c)| c.applies()) {
        let voids = |p: &Considered| {
            p.applies()
                && !target.is_judicial()
                && p.level < target.level
                && match p.effect {
                    Effect::PreemptsLocalLimits => target.effect == Effect::MustRefuse,
                    Effect::PreemptsLocalExpansion => target.effect == Effect::MustCooperate,
                    _ => false,
                }
        };
        if let Some(p) = considered.iter().find(|p| voids(p)) {
            notes[i] = Some(fill(&s.preempted, &[("by", &p.law.name)]));
        }
    }
    apply(considered, &mut notes);

    // Explicit exceptions.
    for (i, target) in considered.iter().enumerate().filter(|(_, c)| c.applies()) {
        let excepts = |e: &Considered| e.applies() && e.rule.overrides.contains(&target.law.id);
        if let Some(e) = considered.iter().find(|e| excepts(e)) {
            notes[i] = Some(fill(&s.overridden, &[("by", &e.law.name)]));
        }
    }
    apply(considered, &mut notes);

    // Defaults. A permission to refuse gives way to any obligation or doubt
    // at its layer or a narrower one, to a narrower permission, and to a ban
    // on refusal policies at any layer (a court's order excepted). A ban on
    // refusal policies gives way to an obligation at its layer or a
    // narrower one: a duty to honor each detainer says more than a ban on
    // policies of refusing them.
    for (i, target) in considered.iter().enumerate().filter(|(_, c)| c.applies()) {
        let overrides = |o: &Considered| {
            if !o.applies() || !o.effect.is_verdict() {
                return false;
            }
            match target.effect {
                Effect::MayRefuse => {
                    (o.level >= target.level && o.effect != Effect::MayRefuse)
                        || o.level > target.level
                        || (o.effect == Effect::BarsRefusalPolicy && !target.is_judicial())
                }
                Effect::BarsRefusalPolicy => o.level >= target.level && obligation(o.effect),
                _ => false,
            }
        };
        if let Some(o) = considered.iter().find(|o| overrides(o)) {
            notes[i] = Some(fill(&s.overridden, &[("by", &o.law.name)]));
        }
    }
    apply(considered, &mut notes);

    // Layers: obligations from different layers. A broader layer's obligation
    // beats a narrower one's opposite obligation or doubt (a city cannot order
    // what its state forbids), and a narrower obligation settles a broader
    // doubt (a county's policy to honor detainers settles "the state's law
    // does not say"). A court's order is never set aside by a broader
    // layer's law.
    for (i, target) in considered.iter().enumerate().filter(|(_, c)| c.applies()) {
        let beats = |o: &Considered| {
            if !o.applies() || !obligation(o.effect) || o.level == target.level {
                return false;
            }
            let broader = o.level < target.level;
            match target.effect {
                Effect::Mixed | Effect::BarsRefusalPolicy => !(broader && target.is_judicial()),
                effect if obligation(effect) => {
                    broader && effect != o.effect && !target.is_judicial()
                }
                _ => false,
            }
        };
        if let Some(o) = considered.iter().find(|o| beats(o)) {
            notes[i] = Some(fill(&s.overridden, &[("by", &o.law.name)]));
        }
    }
    apply(considered, &mut notes);
}

fn obligation(effect: Effect) -> bool {
    matches!(effect, Effect::MustRefuse | Effect::MustCooperate)
}

fn apply(considered: &mut [Considered], notes: &mut [Option<String>]) {
    for (c, note) in considered.iter_mut().zip(notes.iter_mut()) {
        if let Some(note) = note.take() {
            c.standing = Standing::SetAside(note);
        }
    }
}

/// The rules left standing that answer the question themselves.
pub fn survivors<'c, 'a>(considered: &'c [Considered<'a>]) -> Vec<&'c Considered<'a>> {
    considered
        .iter()
        .filter(|c| c.applies() && c.effect.is_verdict())
        .collect()
}

/// The verdict the survivors give. Opposite obligations side by side give
/// `unknown`: the evaluator never picks silently.
pub fn verdict(survivors: &[&Considered]) -> Verdict {
    let has = |verdict| {
        survivors
            .iter()
            .any(|c| c.effect.verdict() == Some(verdict))
    };
    if has(Verdict::MustRefuse) && has(Verdict::MustCooperate) {
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
    }
}

/// Whose rule decides a verdict: among the surviving rules that give the
/// verdict, the broadest layer's (a state's law before a county's policy).
/// For `mixed`, the rule that says most about what it depends on: a rule
/// that says so outright, then the agency's own agreement, then a ban on
/// refusal policies.
pub fn decider<'c, 'a>(
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
