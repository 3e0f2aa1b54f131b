//! The payload's bytes: every value written and read by hand, in the
//! postcard layout (unsigned integers as LEB128 varints, `u8` and `bool` as
//! one byte, `Option` as a 0/1 tag, an enum as its variant's index, a
//! string or list as its length then its items, a struct as its fields in
//! order).
//!
//! Why by hand: a generic deserializer is most of what the page's engine
//! would otherwise be made of. One `Wire` impl per type, generated from
//! the field list beside each struct (`wire_struct!`), writes and reads
//! the same fields in the same order, so the two cannot drift apart.
//!
//! Reading never returns early: a reader that meets a bad byte records
//! the first error, gives empty values from then on, and the caller checks
//! `error()` once at the end. (Returning early from the middle of a struct
//! would need code to drop every field read so far, in every struct — more
//! than all the reading itself.)

use super::date::Date;
use crate::prelude::*;

/// Why a payload could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireError {
    /// It ended in the middle of a value.
    End,
    /// A number too large for its field.
    Overflow,
    /// Text that is not UTF-8.
    Text,
    /// A value its type does not have (an enum variant, a date, a tag).
    Invalid(&'static str),
}

impl WireError {
    pub fn message(&self) -> &'static str {
        match self {
            WireError::End => "it ends in the middle of a value",
            WireError::Overflow => "a number is out of range",
            WireError::Text => "some text is not UTF-8",
            WireError::Invalid(what) => what,
        }
    }
}

/// Reads values from a payload.
pub struct Reader<'a> {
    bytes: &'a [u8],
    error: Option<WireError>,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, error: None }
    }

    /// The first thing wrong with what was read, if anything; bytes left
    /// over after the last value count as wrong.
    pub fn finish(self) -> Result<(), WireError> {
        match self.error {
            Some(error) => Err(error),
            None if !self.bytes.is_empty() => {
                Err(WireError::Invalid("it has bytes after its last value"))
            }
            None => Ok(()),
        }
    }

    /// Records the first error; reading goes on with empty values.
    pub fn fail(&mut self, error: WireError) {
        self.error.get_or_insert(error);
        self.bytes = &[];
    }

    fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((&first, rest)) => {
                self.bytes = rest;
                first
            }
            None => {
                self.fail(WireError::End);
                0
            }
        }
    }

    fn varint(&mut self) -> u64 {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte();
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return value;
            }
        }
        self.fail(WireError::Overflow);
        0
    }

    /// A length, never more than the bytes left (so a bad one cannot make
    /// anything allocate for it).
    fn length(&mut self) -> usize {
        let len = self.varint();
        if len > self.bytes.len() as u64 {
            self.fail(WireError::End);
            return 0;
        }
        len as usize
    }

    fn take(&mut self, len: usize) -> &'a [u8] {
        let (taken, rest) = self.bytes.split_at(len.min(self.bytes.len()));
        self.bytes = rest;
        taken
    }
}

/// A value with a byte layout.
pub trait Wire: Sized {
    fn write(&self, out: &mut Vec<u8>);
    /// Reads a value; on bad bytes, an empty one, with the error recorded
    /// in the reader.
    fn read(r: &mut Reader) -> Self;
}

fn write_varint(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

impl Wire for u8 {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn read(r: &mut Reader) -> u8 {
        r.byte()
    }
}

impl Wire for bool {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn read(r: &mut Reader) -> bool {
        match r.byte() {
            0 => false,
            1 => true,
            _ => {
                r.fail(WireError::Invalid("a yes/no value is neither"));
                false
            }
        }
    }
}

macro_rules! wire_unsigned {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            fn write(&self, out: &mut Vec<u8>) {
                write_varint(u64::from(*self), out);
            }
            fn read(r: &mut Reader) -> $t {
                let value = r.varint();
                <$t>::try_from(value).unwrap_or_else(|_| {
                    r.fail(WireError::Overflow);
                    0
                })
            }
        }
    )*};
}
wire_unsigned!(u16, u32);

impl Wire for String {
    fn write(&self, out: &mut Vec<u8>) {
        write_varint(self.len() as u64, out);
        out.extend_from_slice(self.as_bytes());
    }
    fn read(r: &mut Reader) -> String {
        let len = r.length();
        match core::str::from_utf8(r.take(len)) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                r.fail(WireError::Text);
                String::new()
            }
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn write(&self, out: &mut Vec<u8>) {
        write_varint(self.len() as u64, out);
        for item in self {
            item.write(out);
        }
    }
    fn read(r: &mut Reader) -> Vec<T> {
        // Every item takes at least one byte, so `length` bounds the list.
        // The length is only a claim until the items are read: room is made
        // up front for no more memory than the bytes left, so a damaged
        // length cannot make a small file ask for a large allocation.
        let len = r.length();
        let room = r.bytes.len() / core::mem::size_of::<T>().max(1);
        let mut items = Vec::with_capacity(len.min(room));
        // Once the bytes have failed, items would read as empty without
        // using any: stop rather than fill the claimed length with them.
        while items.len() < len && r.error.is_none() {
            items.push(T::read(r));
        }
        items
    }
}

impl<T: Wire> Wire for Option<T> {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.write(out);
            }
        }
    }
    fn read(r: &mut Reader) -> Option<T> {
        match r.byte() {
            0 => None,
            1 => Some(T::read(r)),
            _ => {
                r.fail(WireError::Invalid("an optional value has a bad tag"));
                None
            }
        }
    }
}

impl<A: Wire, B: Wire, C: Wire> Wire for (A, B, C) {
    fn write(&self, out: &mut Vec<u8>) {
        self.0.write(out);
        self.1.write(out);
        self.2.write(out);
    }
    fn read(r: &mut Reader) -> (A, B, C) {
        (A::read(r), B::read(r), C::read(r))
    }
}

impl Wire for Date {
    fn write(&self, out: &mut Vec<u8>) {
        self.packed().write(out);
    }
    fn read(r: &mut Reader) -> Date {
        let packed = u32::read(r);
        Date::unpack(packed).unwrap_or_else(|| {
            r.fail(WireError::Invalid("a date is not a real day"));
            Date::from_unix_days(0)
        })
    }
}

/// `Wire` for a struct: its fields, in the order listed (declaration order).
macro_rules! wire_struct {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl $crate::dataset::wire::Wire for $name {
            fn write(&self, out: &mut Vec<u8>) {
                $( self.$field.write(out); )*
            }
            fn read(r: &mut $crate::dataset::wire::Reader) -> $name {
                $name { $( $field: $crate::dataset::wire::Wire::read(r), )* }
            }
        }
    };
}
pub(crate) use wire_struct;

/// `Wire` for an enum without fields: its variant's index, in the order
/// listed (declaration order).
macro_rules! wire_enum {
    ($name:ident { $($variant:ident),* $(,)? }) => {
        impl $crate::dataset::wire::Wire for $name {
            fn write(&self, out: &mut Vec<u8>) {
                let all = [$($name::$variant),*];
                let index = all.iter().position(|v| v == self).unwrap_or(0);
                (index as u32).write(out);
            }
            fn read(r: &mut $crate::dataset::wire::Reader) -> $name {
                let all = [$($name::$variant),*];
                let index = u32::read(r) as usize;
                all.get(index).copied().unwrap_or_else(|| {
                    r.fail($crate::dataset::wire::WireError::Invalid(
                        concat!("a ", stringify!($name), " is not one the engine knows"),
                    ));
                    all[0]
                })
            }
        }
    };
}
pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes<T: Wire>(value: &T) -> Vec<u8> {
        let mut out = Vec::new();
        value.write(&mut out);
        out
    }

    #[test]
    fn writes_the_postcard_layout() {
        assert_eq!(bytes(&300u32), [0xac, 0x02]);
        assert_eq!(bytes(&"hé".to_string()), [3, b'h', 0xc3, 0xa9]);
        assert_eq!(bytes(&Some(true)), [1, 1]);
        assert_eq!(bytes(&None::<u8>), [0]);
        assert_eq!(bytes(&vec![1u16, 2]), [2, 1, 2]);
    }

    #[test]
    fn reads_back_and_refuses_what_is_not_there() {
        type Value = (u16, u32, Vec<Option<String>>);
        let value: Value = (7, 70_000, vec![Some("a".to_string()), None]);
        let written = bytes(&value);
        let mut r = Reader::new(&written);
        assert_eq!(Value::read(&mut r), value);
        assert_eq!(r.finish(), Ok(()));
        let mut short = Reader::new(&written[..written.len() - 1]);
        Value::read(&mut short);
        assert_eq!(short.finish(), Err(WireError::End));
        // A list that claims more items than there are bytes is refused
        // before anything is allocated for it.
        let mut huge = Reader::new(&[0xff, 0xff, 0xff, 0x0f]);
        assert_eq!(Vec::<u8>::read(&mut huge), Vec::<u8>::new());
        assert_eq!(huge.finish(), Err(WireError::End));
        let mut wide = Reader::new(&[0xff, 0xff, 0x07]);
        u16::read(&mut wide);
        assert_eq!(wide.finish(), Err(WireError::Overflow));
        let mut extra = Reader::new(&[1, 2]);
        u8::read(&mut extra);
        assert!(extra.finish().is_err());
    }
}
