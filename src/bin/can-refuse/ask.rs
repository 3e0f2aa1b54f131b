//! `can-refuse ask`: the question from flags, the answer as text for a
//! terminal or as the JSON the web page gets.

use crate::args::AskArgs;
use crate::{data_error, load, today, usage, Failure};
use can_refuse::answer::Answer;
use can_refuse::dataset::Agency;
use can_refuse::search::{search, settle, Unsettled};
use can_refuse::session::{AskError, Session};
use can_refuse::QueryInput;
use std::io::Write;

pub fn run(args: &AskArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let (dataset, places) = load(&args.files)?;
    // The flags are checked before the place is looked up, so a wrong
    // value is named even when the place is also wrong.
    let input = QueryInput {
        state: args.state.clone().unwrap_or_default(),
        county: args.county.clone(),
        city: args.city.clone(),
        agency: args.agency.clone().unwrap_or_default(),
        situation: args.situation.clone(),
        warrant: args.warrant.clone(),
        as_of: args.as_of.clone(),
    };
    let mut query = input.parse(today()).map_err(|e| usage(e.to_string()))?;
    if let Some(text) = &args.place {
        // A sheriff or a jail answers to one county, and so does an answer
        // for every agency: there, a place across county lines must say which.
        let county_matters =
            query.any_agency || matches!(query.agency, Agency::Sheriff | Agency::Jail);
        let found = search(&places, text, &dataset.states(), 50);
        let place = settle(&found, args.county.as_deref(), county_matters).map_err(|e| {
            usage(match e {
                Unsettled::NoMatch => format!(
                    "no ZIP code, city or county matches \"{text}\"; try a 5-digit ZIP code or \"City, ST\""
                ),
                Unsettled::NotInCounty(label) => format!(
                    "{label} is not in a county named \"{}\"",
                    args.county.as_deref().unwrap_or_default()
                ),
                Unsettled::SeveralCounties(names) => format!(
                    "{text} is in more than one county ({}); add --county with the one you mean",
                    names.join(", ")
                ),
            })
        })?;
        query.state = place.state;
        query.county = Some(place.county_fips);
        query.city = place.city.or(query.city);
    }
    let session = Session::with_places(dataset, places);
    let answer = session.answer(&query).map_err(|e| match e {
        AskError::Query(e) => usage(e.to_string()),
        AskError::NotLoaded(_) => data_error(e),
    })?;
    if args.json {
        let json = serde_json::to_string_pretty(&answer).map_err(data_error)?;
        writeln!(out, "{json}")?;
    } else {
        write!(out, "{}", render(&answer))?;
    }
    Ok(())
}

/// The answer as plain text for a terminal.
fn render(answer: &Answer) -> String {
    let j = &answer.jurisdiction;
    let mut place = vec![j.state_name.clone()];
    place.extend(j.county.iter().cloned());
    place.extend(j.city.iter().cloned());
    let mut out = format!(
        "{} · {} · {}\n\n{}  [{}]\n",
        place.join(", "),
        j.agency_label,
        j.situation_label,
        answer.headline,
        can_refuse::dataset::Named::name(answer.verdict),
    );
    for caveat in &answer.caveats {
        out.push_str(&format!("\n{}: {}\n", caveat.title, caveat.text));
        for source in &caveat.sources {
            out.push_str(&format!(
                "  Source: {} <{}> (checked {})\n",
                source.title, source.url, source.verified
            ));
        }
    }
    out.push_str("\nWhy, layer by layer:\n");
    for (i, reason) in answer.reasons.iter().enumerate() {
        let mark = if reason.applies {
            "applies"
        } else {
            "does not decide"
        };
        out.push_str(&format!("{:>3}. [{}] ", i + 1, reason.level.as_str()));
        if !reason.title.is_empty() {
            out.push_str(&format!("{} ({mark})\n     ", reason.title));
        }
        out.push_str(&format!("{}\n", reason.text));
        if !reason.note.is_empty() {
            out.push_str(&format!("     Note: {}\n", reason.note));
        }
        for source in &reason.sources {
            let effective = source
                .effective
                .map(|d| format!("in force since {d}, "))
                .unwrap_or_default();
            out.push_str(&format!(
                "     Source: {} <{}> ({effective}checked {})\n",
                source.title, source.url, source.verified
            ));
        }
    }
    if let Some(question) = &answer.next_question {
        let flag = format!("--{}", question.id);
        out.push_str(&format!("\nThis would settle it: {}\n", question.text));
        for option in &question.options {
            out.push_str(&format!("  {flag} {:<15} {}\n", option.id, option.label));
        }
    }
    out.push_str(&format!(
        "\nLaw as of {}. Data as of {}.\n{}\n",
        answer.as_of, answer.data_as_of, answer.disclaimer
    ));
    out
}
