//! Numbers written as digits, by hand: the page's engine needs a few (a
//! ZIP code, a date, a checksum, a byte count in an error) and no formatting machinery
//! for them.

use crate::prelude::*;

/// A number in decimal digits.
pub fn decimal(mut n: u64) -> String {
    let mut digits = Vec::with_capacity(20);
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// Appends the last `width` decimal digits of `n`, with leading zeros
/// (a ZIP code, a date's fields).
pub fn push_padded(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
    }
}

/// Appends the last `width` hexadecimal digits of `n`, lowercase, with
/// leading zeros (a checksum in a file name, a JSON `\u00XX` escape).
pub fn push_hex(out: &mut String, n: u32, width: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for nibble in (0..width).rev() {
        out.push(char::from(HEX[(n >> (nibble * 4)) as usize & 15]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_numbers() {
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(1_234_567), "1234567");
        assert_eq!(decimal(u64::MAX), u64::MAX.to_string());
        let mut padded = String::new();
        push_padded(&mut padded, 2108, 5);
        assert_eq!(padded, "02108");
        let mut hex = String::new();
        push_hex(&mut hex, 0x1a2b3c, 8);
        push_hex(&mut hex, 0x1f, 2);
        assert_eq!(hex, "001a2b3c1f");
    }
}
