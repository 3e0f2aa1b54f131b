//! Reading ICE's 287(g) sheet: its own `.xlsx` (cell text, cell
//! hyperlinks, dates as spreadsheet serial numbers) or a CSV of it, into
//! rows with whitespace tidied and links unwrapped.

use crate::compile::parse_csv;
use crate::dataset::Date;
use std::collections::HashMap;
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
    fn reads_cells_and_serial_dates() {
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
