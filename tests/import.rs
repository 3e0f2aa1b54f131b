//! The 287(g) importer on small sheets in ICE's own format, built here, with
//! ICE's quirks: trailing spaces, "#N/A" counties, misspelled and wrong
//! county names, dates as spreadsheet serials, links in cell hyperlinks and
//! wrapped in Outlook "safe links".

use rust_xlsxwriter::{Format, Formula, Workbook};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const HEADER: [&str; 8] = [
    "STATE",
    "LAW ENFORCEMENT AGENCY",
    "TYPE",
    "COUNTY",
    "SUPPORT TYPE",
    "SIGNED",
    "MOA",
    "ADDENDUM",
];

/// One sheet row: state, agency, type, county (None = ICE's #N/A formula
/// error), model, signed serial date, MOA link.
type Row<'a> = (
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    &'a str,
    f64,
    &'a str,
);

const SAFE_LINK: &str = "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fdoclib%2F287gMOA%2FFHP_TFM_MOA.pdf&data=05%7C02%7C";

const ROWS: [Row; 5] = [
    (
        "ALABAMA",
        "Autauga County Sheriff's Office ",
        "County ",
        Some("Autauga County"),
        "Task Force Model",
        45922.0,
        "https://www.ice.gov/doclib/287gMOA/Autauga_TFM.pdf",
    ),
    (
        "MICHIGAN",
        "Berrian County Sheriff's Office",
        "County",
        Some("Berrian County"),
        "Jail Enforcement Model ",
        45900.0,
        "https://www.ice.gov/doclib/287gMOA/Berrien_JEM.pdf",
    ),
    (
        "TEXAS",
        "Tye Police Department",
        "Municipality",
        None,
        "Task Force Model",
        46070.0,
        "https://www.ice.gov/doclib/287gMOA/Tye_TFM.pdf",
    ),
    (
        "FLORIDA",
        "Florida Highway Patrol",
        "State Agency",
        None,
        "Task Force Model",
        45700.0,
        SAFE_LINK,
    ),
    (
        "LOUISIANA",
        "St. Charles Parish Sheriff's Office",
        "County",
        Some("German Coast County"),
        "Warrant Service Officer",
        45800.0,
        "https://www.ice.gov/doclib/287gMOA/StCharles_WSO.pdf",
    ),
];

fn write_xlsx(path: &Path, rows: &[Row]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("m/d/yyyy");
    for (col, name) in HEADER.iter().enumerate() {
        sheet.write_string(0, col as u16, *name).expect("header");
    }
    for (i, (state, agency, kind, county, model, signed, moa)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, *state).expect("cell");
        sheet.write_string(r, 1, *agency).expect("cell");
        sheet.write_string(r, 2, *kind).expect("cell");
        match county {
            Some(county) => sheet.write_string(r, 3, *county).expect("cell"),
            None => sheet
                .write_formula(r, 3, Formula::new("=NA()").set_result("#N/A"))
                .expect("cell"),
        };
        sheet.write_string(r, 4, *model).expect("cell");
        sheet
            .write_number_with_format(r, 5, *signed, &date)
            .expect("cell");
        sheet.write_url_with_text(r, 6, *moa, "link").expect("cell");
    }
    workbook.save(path).expect("saves");
}

fn write_csv(path: &Path, rows: &[Row]) {
    let mut out =
        String::from("state,agency,agency_type,county,support_type,signed,moa_url,addendum_url\n");
    for (state, agency, kind, county, model, signed, moa) in rows {
        // The CSV conversion keeps ICE's "#N/A" and writes ISO dates.
        let date = can_refuse::Date::from_unix_days(*signed as i64 - 25_569);
        out.push_str(&format!(
            "{state},\"{agency}\",{kind},{},{model},{date},{moa},\n",
            county.unwrap_or("#N/A")
        ));
    }
    std::fs::write(path, out).expect("writes");
}

/// A scratch data directory with the shipped geography and an empty import.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("can-refuse-import-{name}-{}", std::process::id()));
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for sub in ["geo", "287g"] {
        std::fs::create_dir_all(dir.join(sub)).expect("dir");
    }
    for file in [
        "geo/counties.csv",
        "geo/zips.csv",
        "287g/sheets.toml",
        "287g/aliases.csv",
        "287g/models.toml",
    ] {
        std::fs::copy(shipped.join(file), dir.join(file)).expect("copy");
    }
    std::fs::write(
        dir.join("287g/agreements.csv"),
        format!("{}\n", can_refuse::compile::AGREEMENT_COLUMNS),
    )
    .expect("write");
    dir
}

fn import(dir: &Path, sheet: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["data", "import-287g"];
    let sheet = sheet.to_string_lossy().into_owned();
    let dir = dir.to_string_lossy().into_owned();
    args.extend([
        sheet.as_str(),
        "--dir",
        dir.as_str(),
        "--as-of",
        "2026-05-18",
    ]);
    args.extend(extra);
    Command::new(env!("CARGO_BIN_EXE_can-refuse"))
        .args(&args)
        .output()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn agreements(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("287g/agreements.csv"))
        .expect("read")
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[test]
fn an_ice_sheet_imports_with_every_quirk_absorbed() {
    let dir = scratch("quirks");
    let sheet = dir.join("participatingAgencies05182026am.xlsx");
    write_xlsx(&sheet, &ROWS);
    let output = import(&dir, &sheet, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout)
        .contains("imported 5 participating rows (5 agencies, as of 2026-05-18)"));
    assert_eq!(
        agreements(&dir),
        [
            "participating,AL,Autauga County Sheriff's Office,County,Autauga County,01001,,Task Force Model,2025-09-22,https://www.ice.gov/doclib/287gMOA/Autauga_TFM.pdf,",
            "participating,MI,Berrian County Sheriff's Office,County,Berrian County,26021,,Jail Enforcement Model,2025-08-31,https://www.ice.gov/doclib/287gMOA/Berrien_JEM.pdf,",
            "participating,TX,Tye Police Department,Municipality,#N/A,48441,Tye,Task Force Model,2026-02-17,https://www.ice.gov/doclib/287gMOA/Tye_TFM.pdf,",
            "participating,FL,Florida Highway Patrol,State Agency,#N/A,,,Task Force Model,2025-02-12,https://www.ice.gov/doclib/287gMOA/FHP_TFM_MOA.pdf,",
            "participating,LA,St. Charles Parish Sheriff's Office,County,German Coast County,22089,,Warrant Service Officer,2025-05-23,https://www.ice.gov/doclib/287gMOA/StCharles_WSO.pdf,",
        ]
    );
    // The misspelling and the wrong county are shown to the maintainer.
    let notes = text(&output.stderr);
    assert!(
        notes.contains("read ICE's \"Berrian County\" as Berrien County"),
        "{notes}"
    );
    assert!(
        notes.contains("\"German Coast County\" is not a county here; used St. Charles Parish"),
        "{notes}"
    );
    let sheets = std::fs::read_to_string(dir.join("287g/sheets.toml")).expect("read");
    assert!(sheets.contains("file = \"participatingAgencies05182026am.xlsx\""));

    // The CSV of the same sheet gives the same data, byte for byte.
    let csv = dir.join("participatingAgencies05182026am.csv");
    write_csv(&csv, &ROWS);
    let check = import(&dir, &csv, &["--check"]);
    assert!(
        check.status.success(),
        "{}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
    assert!(text(&check.stdout).starts_with("identical: "));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_unmatched_row_is_reported_and_nothing_is_written() {
    let dir = scratch("unmatched");
    let sheet = dir.join("participatingAgencies05182026am.xlsx");
    let mut rows = ROWS.to_vec();
    rows.push((
        "TEXAS",
        "Nowhereville Police Department",
        "Municipality",
        None,
        "Task Force Model",
        46000.0,
        "https://www.ice.gov/x.pdf",
    ));
    write_xlsx(&sheet, &rows);
    let output = import(&dir, &sheet, &[]);
    assert_eq!(output.status.code(), Some(1));
    let errors = text(&output.stderr);
    assert!(errors.contains("unmatched: line 7: Nowhereville Police Department (TEXAS): no county given and no city \"Nowhereville\" in TX"), "{errors}");
    assert!(
        errors.contains("1 of 6 rows could not be matched; nothing was written"),
        "{errors}"
    );
    assert!(agreements(&dir).is_empty());

    // An alias settles it.
    let aliases = dir.join("287g/aliases.csv");
    let mut text_aliases = std::fs::read_to_string(&aliases).expect("read");
    text_aliases.push_str("TX,Nowhereville Police Department,,48201,test alias\n");
    std::fs::write(&aliases, text_aliases).expect("write");
    let output = import(&dir, &sheet, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(agreements(&dir)
        .iter()
        .any(|row| row.contains("Nowhereville Police Department,Municipality,#N/A,48201,")));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_new_sheet_reports_what_changed_and_check_notices_drift() {
    let dir = scratch("changes");
    let first = dir.join("participatingAgencies05182026am.xlsx");
    write_xlsx(&first, &ROWS[..3]);
    assert!(import(&dir, &first, &[]).status.success());
    let second = dir.join("participatingAgencies05252026am.xlsx");
    write_xlsx(&second, &ROWS[1..]);
    let check = import(&dir, &second, &["--check"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "a different sheet must not pass --check"
    );
    let output = import(&dir, &second, &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    assert!(
        report
            .contains("- Autauga County Sheriff's Office (AL): Task Force Model no longer listed"),
        "{report}"
    );
    assert!(
        report.contains("+ Florida Highway Patrol (FL): Task Force Model signed 2025-02-12"),
        "{report}"
    );
    assert!(
        report.contains("+ St. Charles Parish Sheriff's Office (LA): Warrant Service Officer"),
        "{report}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_shipped_agreements_match_ice_and_are_all_matched() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/287g/agreements.csv");
    let rows = std::fs::read_to_string(shipped).expect("read");
    let rows: Vec<&str> = rows.lines().skip(1).collect();
    let participating = rows
        .iter()
        .filter(|r| r.starts_with("participating,"))
        .count();
    assert_eq!(
        participating, 1843,
        "ICE's 2026-05-18 sheet has 1,843 agreement rows"
    );
    assert!(rows.iter().any(|r| r.starts_with("pending,")));
}
