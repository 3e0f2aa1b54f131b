//! The `Answer`: the public JSON contract shared by the page, the CLI
//! (`--json`) and partners. Flat on purpose: it crosses into JavaScript.

use crate::dataset::{Date, Effect, Level, Verdict};
use crate::json::{json_fields, json_object, ToJson};
use crate::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Answer {
    pub verdict: Verdict,
    /// One plain sentence: the bottom line.
    pub headline: String,
    /// "What this means for you", in one plain sentence.
    pub meaning: String,
    /// The rule the headline rests on: the layer that decides, and its law.
    /// None when nothing decides alone (it depends on the agency or the
    /// warrant, or the answer is `unknown`).
    pub decided_by: Option<DecidedBy>,
    /// What would change the answer, shown beside it: the law's rule for a
    /// judge-signed warrant, an unconfirmed change to the law that could
    /// not change this verdict.
    pub caveats: Vec<AnswerNote>,
    /// The trace, broadest layer first: every rule considered, applied or not.
    pub reasons: Vec<Reason>,
    /// What the place and question resolved to.
    pub jurisdiction: Resolved,
    /// The date the law was evaluated at.
    pub as_of: Date,
    /// The date the data was last reviewed.
    pub data_as_of: Date,
    /// "Not legal advice", in the answer itself so no rendering can drop it.
    pub disclaimer: String,
    /// Notes on the person's own rights for this situation, sourced.
    pub notes: Vec<AnswerNote>,
    /// A question whose answer would settle a `mixed` verdict, if one would.
    pub next_question: Option<Question>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecidedBy {
    pub level: Level,
    /// The law's id, as in `reasons`.
    pub rule: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnswerNote {
    pub title: String,
    pub text: String,
    pub sources: Vec<SourceRef>,
}

/// A question the engine still has, with the answers it accepts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Question {
    /// The query field it fills: "warrant".
    pub id: &'static str,
    pub text: String,
    pub options: Vec<QuestionOption>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuestionOption {
    /// The value to send back ("judicial", "administrative", "unknown").
    pub id: &'static str,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub level: Level,
    /// Id of the law (or record) behind this step; empty for notes.
    pub rule: String,
    /// The law's name and citation, e.g. "Texas SB 4 (2017) — Tex. Gov't Code ch. 752".
    pub title: String,
    /// What the rule means, in plain words.
    pub text: String,
    /// What the rule does (`must_refuse`, `mixed`…); none for notes.
    pub effect: Option<Effect>,
    /// Whether this step decides the verdict.
    pub applies: bool,
    /// Why it does not apply or was set aside; empty when it applies.
    pub note: String,
    pub sources: Vec<SourceRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceRef {
    pub title: String,
    pub url: String,
    /// When the law took effect (none for a "no law found" record).
    pub effective: Option<Date>,
    /// When someone last checked the fact against this source.
    pub verified: Date,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resolved {
    pub state: String,
    pub state_name: String,
    pub county: Option<String>,
    /// The county's five-digit Census FIPS code, when known.
    pub county_fips: Option<String>,
    pub city: Option<String>,
    pub agency: &'static str,
    pub agency_label: String,
    pub situation: &'static str,
    pub situation_label: String,
    pub warrant: Option<&'static str>,
}

impl Answer {
    /// Writes the answer as JSON, in the shape serde's derive gives it, with
    /// `reasons` and `notes` written in place of its own: the page's answer
    /// writes its own (`ToJson`); a ready file (`export::ready`) writes
    /// indexes into the reasons and notes it lists once.
    pub fn write_json_with<R, N>(&self, out: &mut String, reasons: &R, notes: &N)
    where
        R: ToJson + ?Sized,
        N: ToJson + ?Sized,
    {
        json_fields!(out;
            verdict: self.verdict,
            headline: self.headline,
            meaning: self.meaning,
            decided_by: self.decided_by,
            caveats: self.caveats,
            reasons: *reasons,
            jurisdiction: self.jurisdiction,
            as_of: self.as_of,
            data_as_of: self.data_as_of,
            disclaimer: self.disclaimer,
            notes: *notes,
            next_question: self.next_question,
        );
    }
}

impl ToJson for Answer {
    fn write_json(&self, out: &mut String) {
        self.write_json_with(out, &self.reasons, &self.notes);
    }
}
json_object!(DecidedBy { level, rule });
json_object!(AnswerNote {
    title,
    text,
    sources
});
json_object!(Question { id, text, options });
json_object!(QuestionOption { id, label });
json_object!(Reason {
    level,
    rule,
    title,
    text,
    effect,
    applies,
    note,
    sources,
});
json_object!(SourceRef {
    title,
    url,
    effective,
    verified,
});
json_object!(Resolved {
    state,
    state_name,
    county,
    county_fips,
    city,
    agency,
    agency_label,
    situation,
    situation_label,
    warrant,
});
