//! `can-refuse data import-287g`: ICE's 287(g) sheet (its own `.xlsx`, or a
//! CSV of it) into `data/287g/agreements.csv`, every row matched to its state
//! and, for county and municipal agencies, its county FIPS code.
//!
//! ICE's sheet has quirks this absorbs: trailing spaces, "#N/A" and "#NA" as
//! the county of city and state agencies, misspelled county names, MOA links
//! wrapped in Outlook "safe links", dates as spreadsheet serial numbers, and
//! the links themselves living in cell hyperlinks rather than cell text.
//! What it cannot match it reports, row by row; `data/287g/aliases.csv` (human
//! edited) settles those.

use crate::date::Date;
use crate::places::Places;
use crate::source::{self, parse_csv};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

/// Which of ICE's two sheets a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Participating,
    Pending,
}

impl List {
    pub fn name(self) -> &'static str {
        match self {
            List::Participating => "participating",
            List::Pending => "pending",
        }
    }
}

/// One row as ICE wrote it, whitespace tidied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetRow {
    pub line: usize,
    pub state: String,
    pub agency: String,
    pub agency_type: String,
    pub county: String,
    pub model: String,
    pub signed: String,
    pub moa: String,
    pub addendum: String,
}

/// Reads ICE's sheet: `.xlsx` (its own format) or `.csv`.
pub fn read_sheet(path: &Path) -> Result<Vec<SheetRow>, String> {
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let rows = if is_xlsx {
        read_xlsx(path)?
    } else {
        read_csv(path)?
    };
    if rows.is_empty() {
        return Err(format!("{}: no agreement rows found", path.display()));
    }
    Ok(rows)
}

/// Collapses runs of whitespace (ICE's cells carry trailing spaces and line breaks).
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds the columns by their header names, in ICE's wording or the CSV's.
/// SIGNED and ADDENDUM may be missing (ICE's pending sheet has neither);
/// a missing column reads as empty, at index `usize::MAX`.
fn columns(header: &[String]) -> Result<[usize; 8], String> {
    let names: [(&[&str], bool); 8] = [
        (&["state"], true),
        (&["law enforcement agency", "agency"], true),
        (&["type", "agency_type"], true),
        (&["county"], true),
        (&["support type", "support_type"], true),
        (&["signed"], false),
        (&["moa", "moa_url"], true),
        (&["addendum", "addendum_url"], false),
    ];
    let mut out = [usize::MAX; 8];
    for (slot, (wanted, required)) in out.iter_mut().zip(names) {
        match header
            .iter()
            .position(|h| wanted.contains(&tidy(h).to_lowercase().as_str()))
        {
            Some(index) => *slot = index,
            None if required => {
                return Err(format!(
                    "the sheet has no \"{}\" column (its header is: {})",
                    wanted[0].to_uppercase(),
                    header.join(", ")
                ))
            }
            None => {}
        }
    }
    Ok(out)
}

fn read_csv(path: &Path) -> Result<Vec<SheetRow>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let rows = parse_csv(&text);
    let header = rows
        .first()
        .ok_or_else(|| format!("{} is empty", path.display()))?;
    let [state, agency, kind, county, model, signed, moa, addendum] = columns(header)?;
    let cell = |row: &[String], i: usize| row.get(i).map(|c| tidy(c)).unwrap_or_default();
    Ok(rows
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, row)| !cell(row, agency).is_empty())
        .map(|(i, row)| SheetRow {
            line: i + 1,
            state: cell(row, state),
            agency: cell(row, agency),
            agency_type: cell(row, kind),
            county: cell(row, county),
            model: cell(row, model),
            signed: cell(row, signed),
            moa: cell(row, moa),
            addendum: cell(row, addendum),
        })
        .collect())
}

fn read_xlsx(path: &Path) -> Result<Vec<SheetRow>, String> {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let fail = |e: &dyn std::fmt::Display| {
        format!("cannot read {} as an Excel workbook: {e}", path.display())
    };
    let mut workbook: Xlsx<_> = open_workbook(path).map_err(|e| fail(&e))?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| fail(&"it has no worksheet"))?;
    let range = workbook.worksheet_range(&sheet).map_err(|e| fail(&e))?;
    let links = hyperlinks(path).map_err(|e| fail(&e))?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let text = |cell: &Data| match cell {
        Data::String(s) => tidy(s),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::DateTime(d) => serial_date(d.as_f64())
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::Error(e) => e.to_string(), // ICE's "#N/A" county cells are formula errors
        _ => String::new(),
    };
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(text).collect())
        .unwrap_or_default();
    let [state, agency, kind, county, model, signed, moa, addendum] = columns(&header)?;
    let mut out = Vec::new();
    for (offset, row) in rows.enumerate() {
        let r = first_row as usize + offset + 1; // zero-based sheet row
        let cell = |i: usize| row.get(i).map(text).unwrap_or_default();
        let link = |i: usize| {
            links
                .get(&(r, first_col as usize + i))
                .cloned()
                .unwrap_or_default()
        };
        if cell(agency).is_empty() {
            continue;
        }
        let signed = match row.get(signed) {
            Some(Data::Float(serial)) => serial_date(*serial)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Some(other) => text(other),
            None => String::new(),
        };
        out.push(SheetRow {
            line: r + 1,
            state: cell(state),
            agency: cell(agency),
            agency_type: cell(kind),
            county: cell(county),
            model: cell(model),
            signed,
            moa: link(moa),
            addendum: link(addendum),
        });
    }
    Ok(out)
}

/// A spreadsheet serial date (days since 1899-12-30) as a calendar date.
fn serial_date(serial: f64) -> Option<Date> {
    (serial > 0.0 && serial < 2_958_466.0)
        .then(|| Date::from_unix_days(serial.floor() as i64 - 25_569))
}

/// The first worksheet's cell hyperlinks, by zero-based (row, column).
/// (calamine 0.38 reads cell text only; ICE's MOA cells say "link".)
fn hyperlinks(path: &Path) -> Result<HashMap<(usize, usize), String>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
    let mut read = |name: &str| -> Option<String> {
        let mut text = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let workbook = read("xl/workbook.xml").ok_or("it has no xl/workbook.xml")?;
    let sheet_rel = tags(&workbook, "sheet")
        .first()
        .and_then(|t| attr(t, "r:id"))
        .ok_or("it lists no sheet")?;
    let workbook_rels = read("xl/_rels/workbook.xml.rels").unwrap_or_default();
    let target = relationships(&workbook_rels)
        .remove(&sheet_rel)
        .ok_or("its first sheet has no file")?;
    let sheet_path = format!("xl/{}", target.trim_start_matches("/xl/"));
    let (dir, name) = sheet_path.rsplit_once('/').unwrap_or(("xl", &sheet_path));
    let sheet = read(&sheet_path).ok_or("its first sheet is missing")?;
    let rels = relationships(&read(&format!("{dir}/_rels/{name}.rels")).unwrap_or_default());
    let mut out = HashMap::new();
    for tag in tags(&sheet, "hyperlink") {
        let (Some(reference), Some(id)) = (attr(&tag, "ref"), attr(&tag, "r:id")) else {
            continue;
        };
        let Some(url) = rels.get(&id) else { continue };
        // A hyperlink may span a range ("G2:G4"): record every cell.
        let (start, end) = reference
            .split_once(':')
            .unwrap_or((&reference, &reference));
        if let (Some((r0, c0)), Some((r1, c1))) = (cell_ref(start), cell_ref(end)) {
            for r in r0..=r1 {
                for c in c0..=c1 {
                    out.insert((r, c), url.clone());
                }
            }
        }
    }
    Ok(out)
}

/// Every `<name …>` start tag in an XML text (enough for these flat parts).
fn tags(xml: &str, name: &str) -> Vec<String> {
    let open = format!("<{name} ");
    xml.match_indices(&open)
        .filter_map(|(at, _)| xml[at..].find('>').map(|end| xml[at..at + end].to_string()))
        .collect()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + end]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn relationships(xml: &str) -> HashMap<String, String> {
    tags(xml, "Relationship")
        .iter()
        .filter_map(|t| Some((attr(t, "Id")?, attr(t, "Target")?)))
        .collect()
}

/// "G12" → (11, 6), zero-based.
fn cell_ref(reference: &str) -> Option<(usize, usize)> {
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    let col = letters.bytes().try_fold(0usize, |acc, b| {
        b.is_ascii_uppercase()
            .then(|| acc * 26 + usize::from(b - b'A' + 1))
    })?;
    let row: usize = digits.parse().ok()?;
    (col > 0 && row > 0).then(|| (row - 1, col - 1))
}

/// Repairs the ways ICE's MOA links arrive broken: wrapped in Outlook "safe
/// links" (…safelinks.protection.outlook.com/?url=…), prefixed by a PDF
/// viewer's "chrome-extension://…/" address, or with "https:/" missing a slash.
pub fn unwrap_link(link: &str) -> String {
    let mut link = link.trim().to_string();
    if link.contains(".safelinks.protection.outlook.com/") {
        let query = link.split_once('?').map_or("", |(_, q)| q);
        if let Some(inner) = query.split('&').find_map(|pair| pair.strip_prefix("url=")) {
            link = percent_decode(inner);
            // Some writers escape the "%" once more ("https%253A…"): decode until plain.
            while link.starts_with("http") && link.contains("%3A%2F%2F") {
                link = percent_decode(&link);
            }
        }
    }
    if let Some(rest) = link.strip_prefix("chrome-extension://") {
        if let Some(at) = rest.find("http") {
            link = rest[at..].to_string();
        }
    }
    for scheme in ["https:", "http:"] {
        if let Some(rest) = link.strip_prefix(scheme) {
            if !rest.starts_with("//") {
                link = format!("{scheme}//{}", rest.trim_start_matches('/'));
            }
            break;
        }
    }
    link
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A row of `data/287g/agreements.csv`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Normalized {
    pub list: String,
    pub state: String,
    pub agency: String,
    pub agency_type: String,
    pub ice_county: String,
    pub county_fips: String,
    pub city: String,
    pub model: String,
    pub signed: String,
    pub moa_url: String,
    pub addendum_url: String,
}

impl Normalized {
    fn fields(&self) -> [&str; 11] {
        [
            &self.list,
            &self.state,
            &self.agency,
            &self.agency_type,
            &self.ice_county,
            &self.county_fips,
            &self.city,
            &self.model,
            &self.signed,
            &self.moa_url,
            &self.addendum_url,
        ]
    }

    fn key(&self) -> (String, String, String, String) {
        (
            self.list.clone(),
            self.state.clone(),
            self.agency.clone(),
            self.model.clone(),
        )
    }
}

/// The outcome of matching a sheet.
pub struct Import {
    pub rows: Vec<Normalized>,
    /// One line per row that could not be matched, saying why.
    pub unmatched: Vec<String>,
    /// Rows matched by forgiving a misspelled county, for the maintainer to see.
    pub forgiven: Vec<String>,
}

/// A human-edited fix for a row ICE's sheet cannot match by itself.
struct Alias {
    state: String,
    agency: String,
    ice_county: String,
    county_fips: String,
}

fn aliases(text: &str) -> Result<Vec<Alias>, String> {
    let rows = parse_csv(text);
    if rows.first().map(|r| r.join(",")).as_deref()
        != Some("state,agency,ice_county,county_fips,reason")
    {
        return Err(
            "287g/aliases.csv: the header must be state,agency,ice_county,county_fips,reason"
                .into(),
        );
    }
    Ok(rows
        .into_iter()
        .skip(1)
        .filter(|r| r.len() >= 4)
        .map(|r| Alias {
            state: r[0].clone(),
            agency: r[1].clone(),
            ice_county: r[2].clone(),
            county_fips: r[3].clone(),
        })
        .collect())
}

const MUNICIPAL_PREFIXES: [&str; 6] = [
    "City of ",
    "Town of ",
    "Village of ",
    "Borough of ",
    "Township of ",
    "Town Of ",
];
const MUNICIPAL_SUFFIXES: [&str; 12] = [
    " City Police Department",
    " Village Police Department",
    " Borough Police Department",
    " Township Police Department",
    " Police Department",
    " Police Dept.",
    " Police Dept",
    " Department of Public Safety",
    " Public Safety Department",
    " Marshal's Office",
    " Borough Constable's Office",
    " Police",
];

/// The city a municipal agency serves, read off its name: the likeliest
/// reading first ("Panama City Police Department" is Panama City, "Ashdown
/// City Police Department" is Ashdown).
fn cities_of(agency: &str) -> Vec<String> {
    let mut name = agency.trim();
    for prefix in MUNICIPAL_PREFIXES {
        name = name.strip_prefix(prefix).unwrap_or(name);
    }
    let mut out: Vec<String> = MUNICIPAL_SUFFIXES
        .iter()
        .filter_map(|suffix| name.strip_suffix(suffix))
        .map(|rest| rest.trim().to_string())
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.len()));
    out.dedup();
    if out.is_empty() {
        out.push(name.to_string());
    }
    out
}

/// A county by name, allowing for ICE's misspellings: exact (ignoring case,
/// spaces, accents, "St."), else the one county in the state within two
/// letters of it. The second value says when spelling was forgiven.
fn county_named(places: &Places, state: &str, name: &str) -> Option<(String, bool)> {
    if let Some((_, county)) = places.county_by_name(state, name) {
        return Some((county.fips.clone(), false));
    }
    let squash = |s: &str| {
        let n = crate::places::normalize(s);
        let bare = [" county", " parish", " borough", " city"]
            .iter()
            .find_map(|x| n.strip_suffix(x))
            .unwrap_or(&n);
        bare.replace(' ', "")
    };
    let wanted = squash(name);
    let mut best: Vec<(usize, &str)> = places
        .counties
        .iter()
        .filter(|c| c.state == state)
        .map(|c| (squash(&c.name), c.fips.as_str()))
        .filter(|(name, _)| name.chars().next() == wanted.chars().next())
        .map(|(name, fips)| (distance(&name, &wanted), fips))
        // One slip in a short name, two in a longer one, never in the first
        // letter: "Bowie" must not become "Boone", nor "North" "Worth".
        .filter(|(d, _)| *d <= if wanted.chars().count() <= 6 { 1 } else { 2 })
        .collect();
    best.sort_unstable();
    match best.as_slice() {
        [(d, fips)] => Some((fips.to_string(), *d > 0)),
        [(d0, fips), (d1, _), ..] if d0 < d1 => Some((fips.to_string(), *d0 > 0)),
        _ => None,
    }
}

/// Levenshtein distance, for short names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j] + 1).min(row[j + 1] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Matches every row to a state code and, for county and municipal agencies,
/// county FIPS codes (and a city for municipal ones).
pub fn normalize(
    rows: &[SheetRow],
    list: List,
    places: &Places,
    states: &[(String, String)],
    aliases_csv: &str,
) -> Result<Import, String> {
    let aliases = aliases(aliases_csv)?;
    let mut out = Vec::new();
    let mut unmatched = Vec::new();
    let mut forgiven = Vec::new();
    for row in rows {
        let why = |reason: String| {
            format!(
                "line {}: {} ({}): {reason}",
                row.line, row.agency, row.state
            )
        };
        let Some((code, _)) = states
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(&row.state))
        else {
            unmatched.push(why(format!("unknown state \"{}\"", row.state)));
            continue;
        };
        let ice_county = row.county.clone();
        let no_county = matches!(ice_county.as_str(), "" | "#N/A" | "#NA" | "N/A");
        let alias = aliases.iter().find(|a| {
            a.state == *code
                && a.agency.eq_ignore_ascii_case(&row.agency)
                && (a.ice_county.is_empty() || a.ice_county == ice_county)
        });
        let mut county_fips = String::new();
        let mut city = String::new();
        match row.agency_type.as_str() {
            "State Agency" => {}
            "County" | "Municipality" => {
                let mut city_counties: Vec<String> = Vec::new();
                if row.agency_type == "Municipality" {
                    let found = cities_of(&row.agency)
                        .into_iter()
                        .find_map(|name| places.city_by_name(code, &name));
                    if let Some((_, c)) = found {
                        city = c.name.clone();
                        city_counties = c
                            .counties
                            .iter()
                            .map(|&i| places.counties[i as usize].fips.clone())
                            .collect();
                        // Without a usable county from ICE: the one ICE's text
                        // names among the city's counties ("Sparta-White
                        // County"), else the one holding most of its ZIP codes.
                        let ice = crate::places::normalize(&ice_county);
                        let named = city_counties.iter().find(|fips| {
                            places.county_by_fips(fips).is_some_and(|(_, county)| {
                                let bare = crate::places::normalize(&county.name);
                                let bare = bare.split(' ').next().unwrap_or_default();
                                ice.split(' ').any(|word| word == bare)
                            })
                        });
                        county_fips = named.or(city_counties.first()).cloned().unwrap_or_default();
                    }
                }
                // A county agency names its county ("St. Bernard Parish Sheriff's Office").
                let named_in_agency = || {
                    [" County", " Parish", " Borough"]
                        .iter()
                        .find_map(|suffix| {
                            let at = row.agency.find(suffix)?;
                            county_named(places, code, &row.agency[..at + suffix.len()])
                        })
                };
                let exact = if no_county {
                    None
                } else {
                    places
                        .county_by_name(code, &ice_county)
                        .map(|(_, c)| c.fips.clone())
                };
                // Townships, villages and boroughs are rarely USPS city names:
                // a same-named city elsewhere says nothing about them.
                let minor = ["Township", "Village", "Borough"]
                    .iter()
                    .any(|w| row.agency.contains(w));
                let conflict = exact.as_ref().is_some_and(|fips| {
                    !city_counties.is_empty() && !city_counties.contains(fips) && !minor
                });
                let from_ice = match &exact {
                    Some(fips) if !conflict => Some((fips.clone(), false)),
                    Some(_) => None,
                    None if no_county => None,
                    None => county_named(places, code, &ice_county).filter(|(fips, _)| {
                        city_counties.is_empty() || city_counties.contains(fips)
                    }),
                };
                if conflict && alias.is_none() {
                    let city_county = places
                        .county_by_fips(&county_fips)
                        .map(|(_, c)| c.name.clone())
                        .unwrap_or_default();
                    unmatched.push(why(format!(
                        "ICE says \"{ice_county}\", but the city {city} is in {city_county}: settle it in aliases.csv"
                    )));
                    county_fips.clear();
                } else if let Some(alias) = alias {
                    county_fips = alias.county_fips.clone();
                } else if let Some((fips, misspelled)) = from_ice {
                    if misspelled {
                        let name = places
                            .county_by_fips(&fips)
                            .map(|(_, c)| c.name.clone())
                            .unwrap_or_default();
                        forgiven.push(why(format!("read ICE's \"{ice_county}\" as {name}")));
                    }
                    county_fips = fips;
                } else if let Some((fips, _)) = (row.agency_type == "County")
                    .then(named_in_agency)
                    .flatten()
                {
                    if !no_county {
                        let name = places
                            .county_by_fips(&fips)
                            .map(|(_, c)| c.name.clone())
                            .unwrap_or_default();
                        forgiven.push(why(format!("ICE's county \"{ice_county}\" is not a county here; used {name}, named in the agency")));
                    }
                    county_fips = fips;
                } else if !county_fips.is_empty() && !no_county {
                    // A municipal agency whose ICE county is wrong: keep its city's county.
                    let name = places
                        .county_by_fips(&county_fips)
                        .map(|(_, c)| c.name.clone())
                        .unwrap_or_default();
                    forgiven.push(why(format!("ICE's county \"{ice_county}\" is not a county here; used {name}, the city's county")));
                } else if county_fips.is_empty() {
                    let what = if no_county {
                        "no county given".to_string()
                    } else {
                        format!("no county \"{ice_county}\"")
                    };
                    unmatched.push(why(format!(
                        "{what} and no city \"{}\" in {code}",
                        cities_of(&row.agency)[0]
                    )));
                }
            }
            other => unmatched.push(why(format!("unknown agency type \"{other}\""))),
        }
        let signed = if row.signed.is_empty() {
            String::new()
        } else {
            match Date::parse(&row.signed) {
                Some(date) => date.to_string(),
                None => {
                    unmatched.push(why(format!("\"{}\" is not a date", row.signed)));
                    String::new()
                }
            }
        };
        out.push(Normalized {
            list: list.name().into(),
            state: code.clone(),
            agency: row.agency.clone(),
            agency_type: row.agency_type.clone(),
            ice_county,
            county_fips,
            city,
            model: row.model.clone(),
            signed,
            moa_url: unwrap_link(&row.moa),
            addendum_url: unwrap_link(&row.addendum),
        });
    }
    Ok(Import {
        rows: out,
        unmatched,
        forgiven,
    })
}

/// Reads `agreements.csv` rows.
pub fn read_normalized(text: &str) -> Vec<Normalized> {
    parse_csv(text)
        .into_iter()
        .skip(1)
        .filter(|r| r.len() == 11)
        .map(|r| {
            let mut f = r.into_iter();
            let mut next = || f.next().unwrap_or_default();
            Normalized {
                list: next(),
                state: next(),
                agency: next(),
                agency_type: next(),
                ice_county: next(),
                county_fips: next(),
                city: next(),
                model: next(),
                signed: next(),
                moa_url: next(),
                addendum_url: next(),
            }
        })
        .collect()
}

/// Writes `agreements.csv`: the header, then rows in sheet order.
pub fn write_normalized(rows: &[Normalized]) -> String {
    let mut out = String::from(source::AGREEMENT_COLUMNS);
    out.push('\n');
    for row in rows {
        let fields: Vec<String> = row.fields().iter().map(|f| source::quote_csv(f)).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// What changed between two imports of one list, agreement by agreement.
pub fn changes(old: &[Normalized], new: &[Normalized]) -> Vec<String> {
    let index = |rows: &[Normalized]| -> BTreeMap<_, Normalized> {
        rows.iter().map(|r| (r.key(), r.clone())).collect()
    };
    let (old, new) = (index(old), index(new));
    let mut out = Vec::new();
    for (key, row) in &new {
        match old.get(key) {
            None => out.push(format!(
                "+ {} ({}): {} signed {}",
                row.agency,
                row.state,
                row.model,
                or_none(&row.signed)
            )),
            Some(before) if before != row => out.push(format!(
                "~ {} ({}): {} changed",
                row.agency, row.state, row.model
            )),
            Some(_) => {}
        }
    }
    for (key, row) in &old {
        if !new.contains_key(key) {
            out.push(format!(
                "- {} ({}): {} no longer listed",
                row.agency, row.state, row.model
            ));
        }
    }
    out
}

fn or_none(text: &str) -> &str {
    if text.is_empty() {
        "(no date)"
    } else {
        text
    }
}

/// The sheet date from ICE's file name: participatingAgencies05182026am → 2026-05-18.
pub fn date_from_file_name(path: &Path) -> Option<Date> {
    let name = path.file_stem()?.to_string_lossy().into_owned();
    let digits: String = name
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take(8)
        .collect();
    if digits.len() != 8 {
        return None;
    }
    Date::parse(&format!(
        "{}-{}-{}",
        &digits[4..8],
        &digits[0..2],
        &digits[2..4]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_municipal_names_and_cells() {
        assert_eq!(
            cities_of("City of Rockledge Police Department"),
            ["Rockledge"]
        );
        assert_eq!(
            cities_of("Ashdown City Police Department"),
            ["Ashdown City", "Ashdown"]
        );
        assert_eq!(
            cities_of("Batesburg-Leesville Police Department"),
            ["Batesburg-Leesville"]
        );
        assert_eq!(distance("berrian county", "berrien county"), 1);
        assert_eq!(cell_ref("G12"), Some((11, 6)));
        assert_eq!(cell_ref("AA1"), Some((0, 26)));
        assert_eq!(
            serial_date(45922.0).map(|d| d.to_string()).as_deref(),
            Some("2025-09-22")
        );
    }

    #[test]
    fn unwraps_safe_links() {
        let wrapped = "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fdoclib%2F287gMOA%2FX_TFM_MOA.pdf&data=05%7C02";
        assert_eq!(
            unwrap_link(wrapped),
            "https://www.ice.gov/doclib/287gMOA/X_TFM_MOA.pdf"
        );
        assert_eq!(
            unwrap_link(" https://www.ice.gov/a.pdf "),
            "https://www.ice.gov/a.pdf"
        );
        assert_eq!(
            unwrap_link("https:/www.ice.gov/a.pdf"),
            "https://www.ice.gov/a.pdf"
        );
        assert_eq!(
            unwrap_link(
                "chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/https:/www.ice.gov/b.pdf"
            ),
            "https://www.ice.gov/b.pdf"
        );
    }

    #[test]
    fn dates_come_from_ice_file_names() {
        let date = date_from_file_name(Path::new("participatingAgencies05182026am.xlsx"));
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2026-05-18"));
    }
}
