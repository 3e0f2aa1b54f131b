//! Place names folded the way people type them: case, accents, "St." for
//! "Saint", punctuation, and a missing "County". Search, the name chunks
//! and the data compiler all compare names through `fold`, so a name that
//! matches in one matches in all.

use crate::prelude::*;

const SUFFIXES: [&str; 8] = [
    " county",
    " parish",
    " borough",
    " census area",
    " municipio",
    " city and borough",
    " municipality",
    " district",
];

/// A folded county name without its suffix ("harris county" → "harris").
pub fn strip_suffix(name: &str) -> String {
    SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name)
        .to_string()
}

/// Lowercase ASCII, accents folded, punctuation to spaces, "st"/"ste" to
/// "saint"/"sainte", single spaces.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for ch in text.chars() {
        match fold_letter(ch.to_ascii_lowercase()) {
            '\0' => {} // apostrophes and the ʻokina join: "O'Fallon" is "ofallon"
            ch if ch.is_ascii_alphanumeric() => folded.push(ch),
            _ => folded.push(' '),
        }
    }
    folded
        .split_whitespace()
        .map(|word| match word {
            "st" => "saint",
            "ste" => "sainte",
            "ft" => "fort",
            "mt" => "mount",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folds the accented letters of Spanish, French and Hawaiian place names,
/// either case. (A table, not Unicode case mapping: that would add about
/// 10 KB of tables to the wasm for the few letters place names use.)
fn fold_letter(ch: char) -> char {
    match ch {
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => 'a',
        'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => 'e',
        'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => 'i',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ō' => 'o',
        'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' => 'u',
        'Ñ' => 'n',
        'Ç' => 'c',
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'ʻ' | '’' | '\'' => '\0',
        // Combining accents (an "o" typed, then its accent): dropped, so
        // "Hóuston" typed either way is "houston".
        '\u{300}'..='\u{36f}' => '\0',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_the_way_people_type() {
        assert_eq!(fold("St. Louis"), "saint louis");
        assert_eq!(fold("Ho\u{301}uston"), "houston");
        assert_eq!(fold("  Cañon  City "), "canon city");
        assert_eq!(fold("Mayagüez"), "mayaguez");
        assert_eq!(fold("ÁGUAS BUENAS"), "aguas buenas");
        assert_eq!(fold("Hawaiʻi"), "hawaii");
        assert_eq!(fold("O'Fallon"), "ofallon");
        assert_eq!(fold("Winston-Salem"), "winston salem");
        assert_eq!(strip_suffix("orleans parish"), "orleans");
    }
}
