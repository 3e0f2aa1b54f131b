//! A release of the web's data, written to a folder:
//!
//! ```text
//! OUT/can-refuse.data          the English core
//! OUT/laws-TX.1a2b3c4d.data    law chunks, every language's (named by checksum)
//! OUT/area-TX-201.1a2b3c4d.data areas of a state (towns, agencies, local policies), likewise
//! OUT/places-…, OUT/names-…    place and name chunks (no translated text)
//! OUT/es/can-refuse.data       the Spanish core
//! OUT/laws.json                each language's law chunk names, for the loader
//!                              to fetch a preset state's laws at once
//! OUT/ready-TX.json, OUT/es/…  whatever the caller makes from each language's
//!                              compiled data, beside its core (the CLI writes
//!                              the ready answers: `export::ready`)
//! ```

use super::lang::{language_files, languages, merge};
use super::pipeline::{compile_translated, Compiled};
use super::split::split;
use std::path::{Path, PathBuf};

/// What one part of a release wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// `None` for English; otherwise the language code.
    pub lang: Option<String>,
    /// Where its core went.
    pub core_dir: PathBuf,
    pub core_bytes: usize,
    /// Files written (the core included) and their bytes.
    pub files: usize,
    pub bytes: usize,
    /// Strings a translation leaves to English.
    pub fallbacks: usize,
    /// Its law chunks' file names.
    pub laws: Vec<String>,
    /// Files the caller made from its compiled data, beside its core.
    pub beside_core: usize,
}

/// Files made from one language's compiled data: (name, bytes).
pub type BesideCore<'a> = &'a dyn Fn(&Compiled) -> Result<Vec<(String, Vec<u8>)>, String>;

/// Writes the English data (`english`, compiled from `files`) and every
/// translation under `lang/` to `out`, and beside each language's core the
/// files `beside_core` makes from its compiled data.
pub fn write_release(
    files: &[(String, String)],
    english: &Compiled,
    out: &Path,
    beside_core: BesideCore,
) -> Result<Vec<Written>, String> {
    let chunks = split(&english.dataset, &english.places)?;
    let core_bytes = chunks.first().map_or(0, |(_, bytes)| bytes.len());
    let (count, total) = write_files(out, &chunks)?;
    let (beside, _) = write_files(out, &beside_core(english)?)?;
    let mut written = vec![Written {
        lang: None,
        core_dir: out.to_path_buf(),
        core_bytes,
        files: count,
        bytes: total,
        fallbacks: 0,
        laws: law_names(&chunks),
        beside_core: beside,
    }];
    // Each translation: its own core in OUT/LANG/ and its law chunks beside
    // the English ones. Place and name chunks hold no translated text, so
    // one copy serves every language.
    for lang in languages(files) {
        let (merged, report) = merge(files, &language_files(files, &lang));
        let compiled = compile_translated(&merged).map_err(|errors| {
            format!(
                "the {lang} translation breaks the data: {}",
                errors.first().map(ToString::to_string).unwrap_or_default()
            )
        })?;
        let (core, laws): (Vec<_>, Vec<_>) = split(&compiled.dataset, &compiled.places)?
            .into_iter()
            .filter(|(name, _)| {
                name == "can-refuse.data" || name.starts_with("laws-") || name.starts_with("area-")
            })
            .partition(|(name, _)| name == "can-refuse.data");
        let target = out.join(&lang);
        let (_, core_bytes) = write_files(&target, &core)?;
        let (count, total) = write_files(out, &laws)?;
        let (beside, _) = write_files(&target, &beside_core(&compiled)?)?;
        written.push(Written {
            lang: Some(lang),
            core_dir: target,
            core_bytes,
            files: count + 1,
            bytes: total + core_bytes,
            fallbacks: report.missing.len(),
            laws: law_names(&laws),
            beside_core: beside,
        });
    }
    write_files(
        out,
        &[("laws.json".into(), laws_json(&written).into_bytes())],
    )?;
    Ok(written)
}

fn law_names(files: &[(String, Vec<u8>)]) -> Vec<String> {
    files
        .iter()
        .filter(|(name, _)| name.starts_with("laws-"))
        .map(|(name, _)| name.clone())
        .collect()
}

/// `{"en":["laws-AK.1a2b3c4d.data",…],"es":[…]}`: file names only, so no
/// escaping is needed.
fn laws_json(written: &[Written]) -> String {
    let languages: Vec<String> = written
        .iter()
        .map(|w| {
            let names: Vec<String> = w.laws.iter().map(|n| ["\"", n, "\""].concat()).collect();
            let lang = w.lang.as_deref().unwrap_or("en");
            ["\"", lang, "\":[", &names.join(","), "]"].concat()
        })
        .collect();
    ["{", &languages.join(","), "}\n"].concat()
}

fn write_files(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(usize, usize), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut total = 0;
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        total += bytes.len();
    }
    Ok((files.len(), total))
}
