//! What changed in the data from one release to the next: laws and
//! policies added, changed or ended, 287(g) agreements added to or gone
//! from ICE's list, and the verdicts that changed because of them. Each
//! release leaves a small record (`data/releases/DATE.json`: every law's
//! digest, every agreement, every county's verdicts); the change log
//! (`CHANGES-DATA.md`) and the Atom feed (`changes.xml`) are made from the
//! records, never by hand.

use super::records;
use super::verdicts::{self, letter, LETTERS};
use crate::dataset::codec::crc32;
use crate::dataset::{Agency, Dataset, Named, Places, Situation};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a release knew, in as few bytes as a diff needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub data_as_of: String,
    /// Law or policy id → what a change log names, and a digest of all of it.
    pub laws: BTreeMap<String, LawEntry>,
    /// Agreement id → who, which model, signed when.
    pub agreements: BTreeMap<String, String>,
    /// County FIPS → its name and its 16 verdicts, one letter each, agencies
    /// (police, sheriff, jail, state-police) by situations (raid, detainer,
    /// task force, information) in that order.
    pub verdicts: BTreeMap<String, (String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LawEntry {
    pub name: String,
    pub place: String,
    pub effective: String,
    pub ends: Option<String>,
    pub digest: String,
}

fn verdict_of(letter: char) -> &'static str {
    LETTERS
        .iter()
        .find(|(_, l)| *l == letter)
        .map_or("?", |(v, _)| v)
}

/// The record of the data as it stands.
pub fn record(dataset: &Dataset, places: &Places) -> Result<Record, String> {
    let mut laws = BTreeMap::new();
    for law in records::laws(dataset) {
        let text = serde_json::to_string(&law).map_err(|e| e.to_string())?;
        let field = |key: &str| law[key].as_str().unwrap_or_default().to_string();
        laws.insert(
            field("id"),
            LawEntry {
                name: if law["name"].is_string() {
                    field("name")
                } else {
                    field("text")
                },
                place: [field("jurisdiction"), field("state")].join(", "),
                effective: field("effective"),
                ends: law["ends"].as_str().map(String::from),
                digest: format!("{:08x}", crc32(text.as_bytes())),
            },
        );
    }
    let agreements = records::agreements(places)
        .iter()
        .map(|a| {
            let s = |key: &str| a[key].as_str().unwrap_or_default().to_string();
            let pending = if a["pending"] == true {
                ", pending"
            } else {
                ""
            };
            (
                s("id"),
                format!(
                    "{} ({}): {}, signed {}{pending}",
                    s("agency"),
                    s("state"),
                    s("model"),
                    s("signed")
                ),
            )
        })
        .collect();
    let mut counties: BTreeMap<String, (String, String)> = BTreeMap::new();
    for row in verdicts::table(dataset, places, dataset.data_as_of)? {
        let entry = counties.entry(row.county_fips.clone()).or_insert_with(|| {
            (
                [row.county.as_str(), ", ", &row.state].concat(),
                String::new(),
            )
        });
        entry.1.push(letter(row.verdict));
    }
    Ok(Record {
        data_as_of: dataset.data_as_of.iso(),
        laws,
        agreements,
        verdicts: counties,
    })
}

/// The differences between two records, as Markdown: one section, exact.
pub fn diff(old: &Record, new: &Record) -> String {
    let mut out = format!(
        "## Data of {} (since {})\n\n",
        new.data_as_of, old.data_as_of
    );
    let mut section = |title: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            out.push_str(&format!("### {title}\n\n"));
            for line in lines {
                out.push_str(&format!("- {line}\n"));
            }
            out.push('\n');
        }
    };
    let law = |id: &str, l: &LawEntry| {
        format!(
            "{} ({}; in force from {}{}) `{id}`",
            l.name,
            l.place,
            l.effective,
            l.ends
                .as_ref()
                .map(|e| format!(" until {e}"))
                .unwrap_or_default()
        )
    };
    section(
        "Laws and policies added",
        new.laws
            .iter()
            .filter(|(id, _)| !old.laws.contains_key(*id))
            .map(|(id, l)| law(id, l))
            .collect(),
    );
    section(
        "Laws and policies ended",
        new.laws
            .iter()
            .filter(|(id, l)| {
                old.laws
                    .get(*id)
                    .is_some_and(|o| o.ends.is_none() && l.ends.is_some())
            })
            .map(|(id, l)| law(id, l))
            .collect(),
    );
    section(
        "Laws and policies changed",
        new.laws
            .iter()
            .filter(|(id, l)| {
                old.laws.get(*id).is_some_and(|o| {
                    o.digest != l.digest && !(o.ends.is_none() && l.ends.is_some())
                })
            })
            .map(|(id, l)| law(id, l))
            .collect(),
    );
    section(
        "Laws and policies removed from the data",
        old.laws
            .iter()
            .filter(|(id, _)| !new.laws.contains_key(*id))
            .map(|(id, l)| law(id, l))
            .collect(),
    );
    section(
        "287(g) agreements added to ICE's list",
        new.agreements
            .iter()
            .filter(|(id, _)| !old.agreements.contains_key(*id))
            .map(|(_, a)| a.clone())
            .collect(),
    );
    section(
        "287(g) agreements gone from ICE's list",
        old.agreements
            .iter()
            .filter(|(id, _)| !new.agreements.contains_key(*id))
            .map(|(_, a)| a.clone())
            .collect(),
    );
    section("Verdicts that changed", verdict_changes(old, new));
    if !out.contains("### ") {
        out.push_str("No changes.\n\n");
    }
    out
}

/// "TX · sheriff · detainer: mixed → must_cooperate in Harris County, TX; …", grouped.
fn verdict_changes(old: &Record, new: &Record) -> Vec<String> {
    let mut groups: BTreeMap<(String, String, &str, &str), Vec<String>> = BTreeMap::new();
    for (fips, (name, letters)) in &new.verdicts {
        let Some((_, before)) = old.verdicts.get(fips) else {
            continue;
        };
        for (i, (was, now)) in before.chars().zip(letters.chars()).enumerate() {
            if was != now {
                let agency = Agency::ALL[i / Situation::ALL.len()].1;
                let situation = Situation::ALL[i % Situation::ALL.len()].1;
                let state = name.rsplit(", ").next().unwrap_or_default().to_string();
                groups
                    .entry((
                        state,
                        format!("{agency} · {situation}"),
                        verdict_of(was),
                        verdict_of(now),
                    ))
                    .or_default()
                    .push(name.clone());
            }
        }
    }
    groups
        .into_iter()
        .map(|((state, question, was, now), places)| {
            format!(
                "{state} · {question}: {was} → {now} in {} ({})",
                places.join("; "),
                places.len()
            )
        })
        .collect()
}

/// The whole change log from every record, newest first.
pub fn log(records: &[Record]) -> String {
    let mut out = String::from("# Changes in the data\n\nMade by `can-refuse data changes` from the release records in `data/releases/`; never edited by hand.\n\n");
    for pair in records.windows(2).rev() {
        out.push_str(&diff(&pair[0], &pair[1]));
    }
    if let Some(first) = records.first() {
        out.push_str(&format!("## Data of {} (the first release recorded)\n\n{} laws, policies and checked places, {} 287(g) agreements, verdicts for {} counties.\n", first.data_as_of, first.laws.len(), first.agreements.len(), first.verdicts.len()));
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The change log as an Atom feed, one entry per release.
pub fn atom(records: &[Record]) -> String {
    let updated = records
        .last()
        .map_or("1970-01-01".to_string(), |r| r.data_as_of.clone());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>can-refuse: changes in the data</title>\n  <id>urn:can-refuse:data-changes</id>\n  <updated>{updated}T00:00:00Z</updated>\n  <author><name>can-refuse</name></author>\n"
    );
    let mut entries: Vec<(String, String)> = records
        .windows(2)
        .map(|p| (p[1].data_as_of.clone(), diff(&p[0], &p[1])))
        .collect();
    if let Some(first) = records.first() {
        entries.insert(0, (first.data_as_of.clone(), format!("The first release recorded: {} laws, policies and checked places, {} 287(g) agreements, verdicts for {} counties.", first.laws.len(), first.agreements.len(), first.verdicts.len())));
    }
    for (date, text) in entries.iter().rev() {
        out.push_str(&format!(
            "  <entry>\n    <title>Data of {date}</title>\n    <id>urn:can-refuse:data:{date}</id>\n    <updated>{date}T00:00:00Z</updated>\n    <content type=\"text\">{}</content>\n  </entry>\n",
            escape(text)
        ));
    }
    out.push_str("</feed>\n");
    out
}
