//! Translations of the data's people-facing text.
//!
//! A language is a folder `lang/<code>/` that mirrors the English data files
//! but holds only the text people read: `strings.toml` whole, and in the law
//! files each law's `name`, `note`, `status_note`, its rules' `text`, and the
//! `searched` / `unverified` explanations. Laws are matched by `id`; rules
//! and other records without an id by their position. Facts (dates, effects,
//! sources, ids) are never translated, so a translation cannot change an
//! answer, only its words. A missing string falls back to English and is
//! listed by [`Report`], so a half-done language still works.

use toml::Value;

/// Keys whose string values people read (outside `strings.toml`, where
/// every string is read).
const TEXT_KEYS: &[&str] = &[
    "name",
    "note",
    "status_note",
    "text",
    "title",
    "searched",
    "unverified",
];

/// Records whose text is not translated: sources keep their own titles
/// (they name English documents) and places keep their names.
const KEEP_ENGLISH: &[&str] = &["source", "city"];

/// The data files that hold text people read.
fn translatable(path: &str) -> bool {
    path.ends_with(".toml")
        && (matches!(
            path,
            "strings.toml" | "federal.toml" | "notes.toml" | "287g/models.toml"
        ) || path.starts_with("states/")
            || path.starts_with("local/"))
}

/// What a translation lacks or has left over.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// `file: key path` of English strings with no translation.
    pub missing: Vec<String>,
    /// `file: key path` of translations with no English string (stale).
    pub stale: Vec<String>,
    /// Files that could not be read as TOML.
    pub errors: Vec<String>,
}

impl Report {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.stale.is_empty() && self.errors.is_empty()
    }
}

/// The English data files with `lang`'s translations merged in, ready for
/// [`super::compile`]. `lang` holds the language folder's files, with paths
/// relative to it (`states/TX.toml`).
pub fn merge(
    english: &[(String, String)],
    lang: &[(String, String)],
) -> (Vec<(String, String)>, Report) {
    let mut report = Report::default();
    let mut out = Vec::with_capacity(english.len());
    for (path, text) in english {
        let translation = lang.iter().find(|(p, _)| p == path).map(|(_, t)| t);
        let merged = match (translatable(path), translation) {
            (false, _) => text.clone(),
            (true, None) => {
                // No translation at all: every string is missing.
                if let Ok(mut base) = text.parse::<Value>() {
                    let none = Value::Table(toml::map::Map::new());
                    apply(&mut base, &none, path == "strings.toml", path, &mut report);
                }
                text.clone()
            }
            (true, Some(translation)) => {
                match (text.parse::<Value>(), translation.parse::<Value>()) {
                    (Ok(mut base), Ok(overlay)) => {
                        let all = path == "strings.toml";
                        apply(&mut base, &overlay, all, path, &mut report);
                        toml::to_string(&base).unwrap_or_else(|_| text.clone())
                    }
                    (_, Err(e)) => {
                        report.errors.push(format!("{path}: {e}"));
                        text.clone()
                    }
                    (Err(_), _) => text.clone(),
                }
            }
        };
        out.push((path.clone(), merged));
    }
    for (path, _) in lang {
        if !english.iter().any(|(p, _)| p == path) {
            report
                .stale
                .push(format!("{path}: the whole file (no English file)"));
        }
    }
    (out, report)
}

/// One language file per translatable English file, holding the English
/// text to be translated in place, laws keyed by `id`.
pub fn template(english: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, text) in english.iter().filter(|(p, _)| translatable(p)) {
        let Ok(base) = text.parse::<Value>() else {
            continue;
        };
        if let Some(extract) = extract(&base, path == "strings.toml") {
            out.push((path.clone(), toml::to_string(&extract).unwrap_or_default()));
        }
    }
    out
}

/// Whether `key` in a record of kind `record` (the array it sits in) is
/// text people read.
fn is_text(key: &str, record: &str, all: bool, top: bool) -> bool {
    if all {
        return true;
    }
    // A state file's top-level `name` is the state's own name.
    let own_name = top && key == "name";
    TEXT_KEYS.contains(&key) && !own_name && !KEEP_ENGLISH.contains(&record)
}

fn join(prefix: &str, key: &str, item: Option<&str>) -> String {
    let mut path = if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    };
    if let Some(item) = item {
        path.push_str(&format!("[{item}]"));
    }
    path
}

fn item_label(item: &Value, index: usize) -> String {
    item.get("id")
        .and_then(Value::as_str)
        .map_or_else(|| index.to_string(), str::to_string)
}

/// The translatable part of an English file, or `None` when it has no text.
fn extract(value: &Value, all: bool) -> Option<Value> {
    fn go(value: &Value, all: bool, record: &str, top: bool) -> Option<Value> {
        let Value::Table(table) = value else {
            return None;
        };
        let mut out = toml::map::Map::new();
        let mut has_text = false;
        for (key, child) in table {
            match child {
                Value::String(_) if is_text(key, record, all, top) => {
                    out.insert(key.clone(), child.clone());
                    has_text = true;
                }
                Value::Table(_) if !KEEP_ENGLISH.contains(&key.as_str()) => {
                    if let Some(inner) = go(child, all, key, false) {
                        out.insert(key.clone(), inner);
                        has_text = true;
                    }
                }
                Value::Array(items)
                    if !KEEP_ENGLISH.contains(&key.as_str())
                        && items.iter().all(Value::is_table)
                        && !items.is_empty() =>
                {
                    // Every record is kept (empty if it has no text) so
                    // positions still line up with the English file.
                    let records: Vec<Value> = items
                        .iter()
                        .map(|item| {
                            let mut record = go(item, all, key, false)
                                .and_then(|v| v.as_table().cloned())
                                .unwrap_or_default();
                            if let Some(id) = item.get("id") {
                                record.insert("id".into(), id.clone());
                            }
                            Value::Table(record)
                        })
                        .collect();
                    if records
                        .iter()
                        .any(|r| r.as_table().is_some_and(|t| t.keys().any(|k| k != "id")))
                    {
                        out.insert(key.clone(), Value::Array(records));
                        has_text = true;
                    }
                }
                _ => {}
            }
        }
        has_text.then_some(Value::Table(out))
    }
    go(value, all, "", true)
}

/// Copies `overlay`'s strings onto `base` where `base` has text, and
/// reports what is missing or stale.
fn apply(base: &mut Value, overlay: &Value, all: bool, file: &str, report: &mut Report) {
    let mut merge = Merge { all, file, report };
    merge.table(base, Some(overlay), "", "", true);
}

/// One file's merge: whether all its strings are text, its name for the
/// report, and the report.
struct Merge<'a> {
    all: bool,
    file: &'a str,
    report: &'a mut Report,
}

impl Merge<'_> {
    fn table(
        &mut self,
        base: &mut Value,
        overlay: Option<&Value>,
        record: &str,
        prefix: &str,
        top: bool,
    ) {
        let Value::Table(table) = base else { return };
        let over = overlay.and_then(Value::as_table);
        for (key, child) in table.iter_mut() {
            let path = join(prefix, key, None);
            let theirs = over.and_then(|o| o.get(key));
            match child {
                Value::String(text) if is_text(key, record, self.all, top) => match theirs {
                    // Text still identical to English is not translated yet.
                    Some(Value::String(t)) if !t.trim().is_empty() && t != text => {
                        *text = t.clone()
                    }
                    _ => self.report.missing.push(format!("{}: {path}", self.file)),
                },
                Value::Table(_) if !KEEP_ENGLISH.contains(&key.as_str()) => {
                    self.table(child, theirs, key, &path, false)
                }
                Value::Array(items) if !KEEP_ENGLISH.contains(&key.as_str()) => {
                    self.array(items, theirs.and_then(Value::as_array), key, prefix)
                }
                _ => {}
            }
        }
        // Keys the translation has and English does not.
        if let Some(over) = over {
            for (key, value) in over {
                if key != "id" && value.is_str() && !table.contains_key(key) {
                    let path = join(prefix, key, None);
                    self.report.stale.push(format!("{}: {path}", self.file));
                }
            }
        }
    }

    /// Records matched by `id`, or by position when they have none.
    fn array(&mut self, items: &mut [Value], theirs: Option<&Vec<Value>>, key: &str, prefix: &str) {
        let id_of = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_string);
        let count = items.len();
        for (i, item) in items.iter_mut().enumerate() {
            let matched = match id_of(item) {
                Some(id) => {
                    theirs.and_then(|t| t.iter().find(|v| id_of(v).as_deref() == Some(&id)))
                }
                None => theirs.and_then(|t| t.get(i)),
            };
            let item_path = join(prefix, key, Some(&item_label(item, i)));
            self.table(item, matched, key, &item_path, false);
        }
        let Some(theirs) = theirs else { return };
        let has_ids = theirs.iter().any(|v| v.get("id").is_some());
        for (i, item) in theirs.iter().enumerate() {
            let stale = match id_of(item) {
                Some(id) => !items.iter().any(|v| id_of(v).as_deref() == Some(&id)),
                None => !has_ids && i >= count,
            };
            if stale {
                let path = join(prefix, key, Some(&item_label(item, i)));
                self.report.stale.push(format!("{}: {path}", self.file));
            }
        }
    }
}

/// The number of strings people read in the English files: what a
/// translation must cover.
pub fn count_text(english: &[(String, String)]) -> usize {
    merge(english, &[]).1.missing.len()
}

/// The language codes with a folder under `lang/`.
pub fn languages(files: &[(String, String)]) -> Vec<String> {
    let mut codes: Vec<String> = files
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("lang/")?.split_once('/'))
        .map(|(code, _)| code.to_string())
        .collect();
    codes.dedup();
    codes
}

/// One language's files, with paths relative to its folder.
pub fn language_files(files: &[(String, String)], lang: &str) -> Vec<(String, String)> {
    let prefix = format!("lang/{lang}/");
    files
        .iter()
        .filter_map(|(path, text)| Some((path.strip_prefix(&prefix)?.to_string(), text.clone())))
        .collect()
}

/// The English files: everything outside `lang/`.
pub fn english_files(files: &[(String, String)]) -> Vec<(String, String)> {
    files
        .iter()
        .filter(|(path, _)| !path.starts_with("lang/"))
        .cloned()
        .collect()
}
