//! The JSON the page gets: the answer, the questionnaire's choices and the
//! place suggestions, written as text the browser parses with `JSON.parse`.
//!
//! Why not serde: a JSON text written by a few small functions costs the
//! wasm a fraction of a generic serializer building JS objects field by
//! field, and the browser's own parser is faster than either. The shape is
//! the one `#[derive(Serialize)]` gives these types (the CLI's `--json`
//! prints that), and a test holds the two equal for every statewide answer.

use crate::dataset::digits::push_hex;
use crate::dataset::{Date, Effect, Level, Named, Verdict};
use crate::prelude::*;

/// A value that writes itself as JSON.
pub trait ToJson {
    fn write_json(&self, out: &mut String);

    fn to_json(&self) -> String {
        let mut out = String::with_capacity(4096);
        self.write_json(&mut out);
        out
    }
}

/// Writes a JSON object of the values listed, in order, each keyed by the
/// name before it: `json_fields!(out; verdict: self.verdict, …)`. Written
/// out field by field (no loop over `dyn` values, which cost the page's
/// engine 0.3 KB gzip).
macro_rules! json_fields {
    ($out:expr; $first:ident : $first_value:expr $(, $field:ident : $value:expr)* $(,)?) => {{
        $out.push_str(concat!("{\"", stringify!($first), "\":"));
        $crate::json::ToJson::write_json(&$first_value, $out);
        $(
            $out.push_str(concat!(",\"", stringify!($field), "\":"));
            $crate::json::ToJson::write_json(&$value, $out);
        )*
        $out.push('}');
    }};
}
pub(crate) use json_fields;

/// Implements `ToJson` for a struct as an object of the fields listed, in
/// order, keyed by their names (as serde's derive does).
macro_rules! json_object {
    ($name:ident $(<$lt:lifetime>)? { $($field:ident),+ $(,)? }) => {
        impl$(<$lt>)? $crate::json::ToJson for $name$(<$lt>)? {
            fn write_json(&self, out: &mut String) {
                $crate::json::json_fields!(out; $($field: self.$field),+);
            }
        }
    };
}
pub(crate) use json_object;

/// A JSON string: quotes, backslashes and control characters escaped.
/// Text between escapes is copied a run at a time (every escape is an
/// ASCII byte, so each run ends on a character boundary).
fn string(text: &str, out: &mut String) {
    out.push('"');
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(text.get(start..at).unwrap_or_default());
        start = at + 1;
        if escaped.is_empty() {
            out.push_str("\\u00");
            push_hex(out, u32::from(byte), 2);
        } else {
            out.push_str(escaped);
        }
    }
    out.push_str(text.get(start..).unwrap_or_default());
    out.push('"');
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        string(self, out);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        string(self, out);
    }
}

impl ToJson for &str {
    fn write_json(&self, out: &mut String) {
        string(self, out);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl ToJson for Date {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        self.write_iso(out);
        out.push('"');
    }
}

impl ToJson for Level {
    fn write_json(&self, out: &mut String) {
        string(self.as_str(), out);
    }
}

impl ToJson for Effect {
    fn write_json(&self, out: &mut String) {
        string(self.name(), out);
    }
}

impl ToJson for Verdict {
    fn write_json(&self, out: &mut String) {
        string(self.name(), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_json_requires() {
        let text = "He said \"no\"\\\n\ttab \u{1}é".to_string();
        assert_eq!(text.to_json(), r#""He said \"no\"\\\n\ttab \u0001é""#);
        assert_eq!(Some(vec![true, false]).to_json(), "[true,false]");
        assert_eq!(None::<String>.to_json(), "null");
    }
}
