//! Ready answers: the engine's own answers to every question a widget
//! preset to a state can ask first (each agency, "any" and "I don't know",
//! × each situation), written at build time into one small JSON file per
//! state and language (`ready-TX.json`, `es/ready-TX.json`), beside the
//! questionnaire's choices alone (`ready-choices.json`) for a page that
//! knows no state yet.
//!
//! Why: on a slow phone the wasm and its data are most of a first answer's
//! bytes (issue 14). With a ready file the page shows the question and the
//! answer without them, while the engine loads behind for everything else
//! (a town, a warrant, a past date). The answers are the engine's, made by
//! `Session::answer` like the CLI's, so the page never says what the engine
//! would not; the page checks each one against the engine once it is up.
//!
//! The same few reasons and notes (the federal rule, the state's law) recur
//! in most of a state's 24 answers, so a file lists each once, in `parts`,
//! and an answer's `reasons` and `notes` are indexes into it (`www/ready.js`
//! puts them back): a file a third the size, where inline copies made a
//! source added to a federal law cost every first answer kilobytes.
//!
//! An answer depends on the day it is asked (a law takes effect, an
//! agreement ends). Each file holds from the data date through `until`: the
//! last day, at most `WINDOW_DAYS` later, on which every answer in it is
//! still the same, found by asking the engine day by day. On any other day
//! the page asks the engine.

use crate::answer::Answer;
use crate::compile::Compiled;
use crate::dataset::digits::decimal;
use crate::dataset::{Dataset, Date, Places};
use crate::json::ToJson;
use crate::rules::QueryInput;
use crate::session::Session;

/// How long after the data date a ready file may be used: long enough for
/// the time between releases, short enough to keep the build quick.
pub const WINDOW_DAYS: i64 = 45;

/// The agency values the page sends: not asked yet (""), "I don't know",
/// then each agency. ("" and "unknown" differ: only the first may ask
/// which agency.)
const AGENCIES: [&str; 6] = ["", "unknown", "police", "sheriff", "jail", "state-police"];

/// The file of the choices alone (states, agencies, situations).
pub const CHOICES: &str = "ready-choices.json";

/// One state's ready file (or the choices'): its name and its JSON text.
pub struct ReadyFile {
    pub name: String,
    pub json: String,
}

/// The ready files of one language's compiled data, as the release writes
/// them beside its core (`compile::release::write_release`).
pub fn beside_core(compiled: &Compiled) -> Result<Vec<(String, Vec<u8>)>, String> {
    let files = ready_files(&compiled.dataset, &compiled.places)?;
    Ok(files
        .into_iter()
        .map(|f| (f.name, f.json.into_bytes()))
        .collect())
}

/// The choices' file and the ready file of every state in `dataset` (one
/// language's data, with the whole place index: a state agency's 287(g)
/// agreement is in it).
pub fn ready_files(dataset: &Dataset, places: &Places) -> Result<Vec<ReadyFile>, String> {
    let session = Session::with_places(dataset.clone(), places.clone());
    let choices = session.choices();
    let situations: Vec<&str> = choices.situations.iter().map(|c| c.id).collect();
    let from = dataset.data_as_of;
    let options = choices.to_json();
    // Days × questions × states is many answers: the states are shared out
    // among the machine's cores (the output does not depend on how).
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = choices.states.len().div_ceil(threads).max(1);
    let parts: Vec<Result<Vec<ReadyFile>, String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = choices
            .states
            .chunks(per_thread)
            .map(|states| {
                let (session, situations, options) = (&session, &situations, &options);
                scope.spawn(move || {
                    states
                        .iter()
                        .map(|state| ready_file(session, state.id, situations, options, from))
                        .collect()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err("ready answers: a worker stopped".to_string()))
            })
            .collect()
    });
    // And the choices alone, for a page that knows no state yet: its form
    // shows before the engine is up, and a state chosen fetches its file.
    let mut choices_only = opening(options.len() + 64);
    choices_only.push_str(",\"options\":");
    choices_only.push_str(&options);
    choices_only.push_str("}\n");
    let mut files = vec![ReadyFile {
        name: CHOICES.to_string(),
        json: choices_only,
    }];
    for part in parts {
        files.extend(part?);
    }
    Ok(files)
}

/// A ready file's opening, `{"version":"…"`: the page uses a file only
/// from its own release.
fn opening(capacity: usize) -> String {
    let mut json = String::with_capacity(capacity);
    json.push_str("{\"version\":");
    crate::VERSION.write_json(&mut json);
    json
}

/// One state's ready file.
fn ready_file(
    session: &Session,
    state: &str,
    situations: &[&str],
    options: &str,
    from: Date,
) -> Result<ReadyFile, String> {
    let answers_on = |date: Date| -> Result<Vec<Answer>, String> {
        let mut answers = Vec::with_capacity(AGENCIES.len() * situations.len());
        for agency in AGENCIES {
            for situation in situations {
                let query = QueryInput {
                    state: state.to_string(),
                    county: None,
                    city: None,
                    agency: agency.to_string(),
                    situation: situation.to_string(),
                    warrant: None,
                    as_of: Some(date.iso()),
                }
                .parse(from)
                .map_err(|e| format!("ready answers for {}: {}", state, e.message()))?;
                let mut answer = session
                    .answer(&query)
                    .map_err(|e| format!("ready answers for {}: {}", state, e.message()))?;
                // The day asked is not part of what must stay the same.
                answer.as_of = from;
                answers.push(answer);
            }
        }
        Ok(answers)
    };
    let first = answers_on(from)?;
    let mut until = from;
    for day in 1..=WINDOW_DAYS {
        let date = Date::from_unix_days(from.days_since_epoch() + day);
        if answers_on(date)? != first {
            break;
        }
        until = date;
    }
    let mut json = opening(64 * 1024);
    json.push_str(",\"state\":");
    state.write_json(&mut json);
    json.push_str(",\"from\":");
    from.write_json(&mut json);
    json.push_str(",\"until\":");
    until.write_json(&mut json);
    json.push_str(",\"options\":");
    json.push_str(options);
    // Each answer's reasons and notes as indexes into the file's `parts`.
    let mut parts = Parts(Vec::new());
    let indexes: Vec<(Indexes, Indexes)> = first
        .iter()
        .map(|a| (parts.indexes(&a.reasons), parts.indexes(&a.notes)))
        .collect();
    json.push_str(",\"parts\":[");
    json.push_str(&parts.0.join(","));
    json.push_str("],\"answers\":{");
    let keys = AGENCIES
        .iter()
        .flat_map(|agency| situations.iter().map(move |situation| (agency, situation)));
    for (n, ((agency, situation), (answer, (reasons, notes)))) in
        keys.zip(first.iter().zip(&indexes)).enumerate()
    {
        if n > 0 {
            json.push(',');
        }
        // The key the page looks up: "agency/situation" ("/detainer" when not asked).
        [*agency, "/", situation].concat().write_json(&mut json);
        json.push(':');
        answer.write_json_with(&mut json, reasons, notes);
    }
    json.push_str("}}\n");
    Ok(ReadyFile {
        name: ["ready-", state, ".json"].concat(),
        json,
    })
}

/// A ready file's reasons and notes, each once, as JSON text.
struct Parts(Vec<String>);

impl Parts {
    /// The index of `part` in the list, added if it is new.
    fn index<T: ToJson>(&mut self, part: &T) -> usize {
        let json = part.to_json();
        match self.0.iter().position(|p| *p == json) {
            Some(i) => i,
            None => {
                self.0.push(json);
                self.0.len() - 1
            }
        }
    }

    /// The indexes of a list of parts, each added if it is new.
    fn indexes<T: ToJson>(&mut self, list: &[T]) -> Indexes {
        Indexes(list.iter().map(|part| self.index(part)).collect())
    }
}

/// Indexes into a ready file's `parts`, written as a JSON array.
struct Indexes(Vec<usize>);

impl ToJson for Indexes {
    fn write_json(&self, out: &mut String) {
        let numbers: Vec<String> = self.0.iter().map(|&i| decimal(i as u64)).collect();
        out.push('[');
        out.push_str(&numbers.join(","));
        out.push(']');
    }
}
