//! Calendar dates without a time zone or a date library.
//!
//! Laws take effect on a calendar day, so a plain (year, month, day) is the
//! right model. It is stored compactly (`yyyymmdd` as a `u32`) in the binary
//! dataset and as `"YYYY-MM-DD"` in JSON, which is the public contract.

use super::digits::push_padded;
use crate::prelude::*;
use core::fmt;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day, ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date, rejecting days that do not exist (2025-02-29).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let max_day = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap(year) => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= max_day && year >= 1).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` strictly.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let num = |range: core::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Date::new(
            u16::try_from(num(0..4)?).ok()?,
            u8::try_from(num(5..7)?).ok()?,
            u8::try_from(num(8..10)?).ok()?,
        )
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm),
    /// so native code can know "today" from the system clock.
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// The UTC date at a Unix time in seconds (today, for the CLI and page).
    pub fn from_unix_seconds(seconds: i64) -> Date {
        Date::from_unix_days(seconds.div_euclid(86_400))
    }

    /// Days since 1970-01-01: the inverse of `from_unix_days`.
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `yyyymmdd` as a number: how the data files store a date.
    pub fn packed(self) -> u32 {
        u32::from(self.year) * 10_000 + u32::from(self.month) * 100 + u32::from(self.day)
    }

    /// The date a `packed` number stands for, if it is a real day.
    pub fn unpack(packed: u32) -> Option<Date> {
        Date::new(
            u16::try_from(packed / 10_000).ok()?,
            ((packed / 100) % 100) as u8,
            (packed % 100) as u8,
        )
    }
}

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl Date {
    /// Appends `YYYY-MM-DD`. (By hand, not `write!`: the page's engine
    /// needs no number formatting otherwise, and it is not small.)
    pub fn write_iso(&self, out: &mut String) {
        push_padded(out, u32::from(self.year), 4);
        out.push('-');
        push_padded(out, u32::from(self.month), 2);
        out.push('-');
        push_padded(out, u32::from(self.day), 2);
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        let mut out = String::with_capacity(10);
        self.write_iso(&mut out);
        out
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            serializer.serialize_u32(self.packed())
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        if deserializer.is_human_readable() {
            let text = String::deserialize(deserializer)?;
            Date::parse(&text).ok_or_else(|| {
                de::Error::custom(format_args!(
                    "`{text}` is not a date in the form YYYY-MM-DD"
                ))
            })
        } else {
            let packed = u32::deserialize(deserializer)?;
            Date::unpack(packed)
                .ok_or_else(|| de::Error::custom(format_args!("{packed} is not a packed date")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        let date = Date::parse("2024-02-29").expect("leap day");
        assert_eq!(date.to_string(), "2024-02-29");
        assert_eq!(Date::unpack(date.packed()), Some(date));
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-1-01",
            "20250101",
            "2025-01-01x",
            "abcd-ef-gh",
            "+025-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad} should be rejected");
        }
    }

    #[test]
    fn converts_unix_days() {
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_419).to_string(), "2025-11-27");
        assert_eq!(Date::from_unix_days(11_016).to_string(), "2000-02-29");
        for days in [-1, 0, 59, 11_016, 20_419, 36_524] {
            assert_eq!(Date::from_unix_days(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn orders_chronologically() {
        assert!(Date::parse("2025-10-01") > Date::parse("2025-09-30"));
    }
}
