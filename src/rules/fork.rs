//! "Answer each way, ask only if it matters." When the person did not say
//! something the law turns on (which agency, which warrant), the question
//! is answered for each possibility. If every way gives the same answer,
//! that answer stands with every way's reasons; if not, the answer is
//! `mixed`, the trace says what each way gives, and the question that
//! settles it is asked.

use super::wording::{by_layer, merge_by_law, note};
use crate::answer::{Answer, AnswerNote, Question, Reason};
use crate::dataset::{label, Headline, Level, Strings, Verdict};
use crate::prelude::*;

/// What the answer says when the ways disagree.
pub struct Depends {
    pub headline: Headline,
    /// The trace step that says what each way gives.
    pub why: String,
    /// The question that settles it (none once the person has answered it).
    pub question: Option<Question>,
}

/// Folds the answers given each way into one. The first speaks for all
/// when they agree (the most common way, where one is). `same` says whether
/// two ways agree; `depends` words the answer, from every way in order,
/// when they do not.
pub fn either_way(
    s: &Strings,
    first: Answer,
    others: Vec<Answer>,
    same: &dyn Fn(&Answer, &Answer) -> bool,
    depends: &dyn Fn(&[&Answer]) -> Depends,
) -> Answer {
    let differ = !others.iter().all(|other| same(&first, other));
    let depends = differ.then(|| {
        let ways: Vec<&Answer> = core::iter::once(&first).chain(&others).collect();
        depends(&ways)
    });
    let mut answer = first;
    for other in others {
        add_reasons(&mut answer, other.reasons);
        add_caveats(&mut answer, other.caveats);
    }
    let Some(Depends {
        headline,
        why,
        question,
    }) = depends
    else {
        return answer;
    };
    answer.verdict = Verdict::Mixed;
    answer.decided_by = None;
    // The ways may have been answered for different warrants.
    answer.jurisdiction.warrant = None;
    answer.headline = s.headline(headline).to_string();
    answer.meaning = label(&s.meanings, Verdict::Mixed);
    let deepest = answer.reasons.last().map_or(Level::Federal, |r| r.level);
    answer.reasons.push(note(deepest, why));
    answer.next_question = question;
    answer
}

/// Adds another answer's trace to `answer`'s, each step once, broadest
/// layer first.
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
    by_layer(&mut answer.reasons);
    answer.reasons = merge_by_law(core::mem::take(&mut answer.reasons));
}

fn add_caveats(answer: &mut Answer, caveats: Vec<AnswerNote>) {
    for caveat in caveats {
        if !answer.caveats.contains(&caveat) {
            answer.caveats.push(caveat);
        }
    }
}
