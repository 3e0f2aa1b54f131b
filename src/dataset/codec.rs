//! The binary data file: a small header, then the payload (`wire`: the
//! postcard layout, written and read by hand).
//!
//! ```text
//! offset  size  field
//! 0       4     magic: "CRFD" (dataset) or "CRFP" (place index)
//! 4       2     format version (u16 LE) — bumped when `Dataset` changes shape
//! 6       2     reserved, zero
//! 8       4     payload length in bytes (u32 LE)
//! 12      4     CRC-32 (IEEE) of the payload (u32 LE)
//! 16      n     payload
//! ```
//!
//! The header exists so a wrong, stale, truncated or corrupted file is named
//! as such in plain words instead of surfacing as a deserializer error.

use super::digits::decimal;
use super::files::LawChunk;
use super::places::Places;
use super::root::Dataset;
use super::wire::{Reader, Wire};
use crate::prelude::*;
use core::fmt;

/// Signature of the dataset file (laws).
pub const MAGIC: [u8; 4] = *b"CRFD";
/// Signature of the place index file (counties, cities, ZIPs, 287(g) agencies).
pub const PLACES_MAGIC: [u8; 4] = *b"CRFP";
/// Signature of a state's law chunk.
pub const LAWS_MAGIC: [u8; 4] = *b"CRFL";
/// Version of the payload layout. Readers refuse any other.
pub const FORMAT_VERSION: u16 = 7;
const HEADER_LEN: usize = 16;

/// Why a data file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    TooShort { len: usize },
    NotADataFile,
    UnsupportedVersion { found: u16 },
    Truncated { expected: usize, found: usize },
    TrailingBytes { expected: usize, found: usize },
    ChecksumMismatch,
    Malformed(String),
}

impl DecodeError {
    /// The error in plain words. (Built by hand, not with `write!`: the
    /// page's engine carries no formatting code of its own.)
    pub fn message(&self) -> String {
        let number = |n: usize| decimal(n as u64);
        match self {
            DecodeError::TooShort { len } => [
                "the data file is too short to be a can-refuse data file (",
                &number(*len),
                " bytes); it may not have downloaded completely",
            ]
            .concat(),
            DecodeError::NotADataFile => {
                "this is not the expected can-refuse data file (its signature is wrong)".into()
            }
            DecodeError::UnsupportedVersion { found } => [
                "the data file is format version ",
                &number(usize::from(*found)),
                ", but this program reads version ",
                &number(usize::from(FORMAT_VERSION)),
                "; the data file and the program are from different releases",
            ]
            .concat(),
            DecodeError::Truncated { expected, found } => [
                "the data file is cut short: it should hold ",
                &number(*expected),
                " bytes of data but holds ",
                &number(*found),
                "; it may not have downloaded completely",
            ]
            .concat(),
            DecodeError::TrailingBytes { expected, found } => [
                "the data file has ",
                &number(found - expected),
                " unexpected extra bytes after its ",
                &number(*expected),
                " bytes of data",
            ]
            .concat(),
            DecodeError::ChecksumMismatch => {
                "the data file is corrupted: its checksum does not match its contents".into()
            }
            DecodeError::Malformed(detail) => [
                "the data file passed its checksum but could not be read (",
                detail,
                ")",
            ]
            .concat(),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for DecodeError {}

/// Encodes a dataset into the data file format.
pub fn encode(dataset: &Dataset) -> Result<Vec<u8>, String> {
    encode_with(MAGIC, dataset)
}

/// Decodes a data file, checking every header field before the payload.
#[inline(never)]
pub fn decode(bytes: &[u8]) -> Result<Dataset, DecodeError> {
    decode_with(MAGIC, bytes)
}

/// Encodes one state's law chunk.
pub fn encode_laws(chunk: &LawChunk) -> Result<Vec<u8>, String> {
    encode_with(LAWS_MAGIC, chunk)
}

/// Decodes a law chunk.
#[inline(never)]
pub fn decode_laws(bytes: &[u8]) -> Result<LawChunk, DecodeError> {
    decode_with(LAWS_MAGIC, bytes)
}

/// Encodes the place index (same layout, its own signature).
pub fn encode_places(places: &Places) -> Result<Vec<u8>, String> {
    encode_with(PLACES_MAGIC, places)
}

/// Decodes a place index file.
#[inline(never)]
pub fn decode_places(bytes: &[u8]) -> Result<Places, DecodeError> {
    decode_with(PLACES_MAGIC, bytes)
}

fn encode_with<T: Wire>(magic: [u8; 4], value: &T) -> Result<Vec<u8>, String> {
    let mut payload = Vec::new();
    value.write(&mut payload);
    let len = u32::try_from(payload.len()).map_err(|_| "data larger than 4 GiB".to_string())?;
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&magic);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&crc32(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    Ok(out)
}

fn decode_with<T: Wire>(magic: [u8; 4], bytes: &[u8]) -> Result<T, DecodeError> {
    let mut reader = Reader::new(checked_payload(magic, bytes)?);
    let value = T::read(&mut reader);
    match reader.finish() {
        Ok(()) => Ok(value),
        Err(e) => Err(DecodeError::Malformed(e.message().into())),
    }
}

/// The payload of a data file whose header is right, once, for every kind
/// of file (not once per type decoded: the wasm carries one copy).
#[inline(never)]
fn checked_payload(magic: [u8; 4], bytes: &[u8]) -> Result<&[u8], DecodeError> {
    if bytes.len() < HEADER_LEN {
        return Err(if bytes.len() >= 4 && bytes[..4] != magic {
            DecodeError::NotADataFile
        } else {
            DecodeError::TooShort { len: bytes.len() }
        });
    }
    if bytes[..4] != magic {
        return Err(DecodeError::NotADataFile);
    }
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    let u32_at =
        |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let version = u16_at(4);
    if version != FORMAT_VERSION {
        return Err(DecodeError::UnsupportedVersion { found: version });
    }
    let expected = u32_at(8) as usize;
    let payload = &bytes[HEADER_LEN..];
    if payload.len() < expected {
        return Err(DecodeError::Truncated {
            expected,
            found: payload.len(),
        });
    }
    if payload.len() > expected {
        return Err(DecodeError::TrailingBytes {
            expected,
            found: payload.len(),
        });
    }
    if crc32(payload) != u32_at(12) {
        return Err(DecodeError::ChecksumMismatch);
    }
    Ok(payload)
}

/// CRC-32 (IEEE 802.3), bitwise: the data file is read once, so a table
/// would cost more bytes of wasm than it saves in time.
/// The checksum a data file's header records, if it has a header.
pub fn header_checksum(bytes: &[u8]) -> Option<u32> {
    let field = bytes.get(12..16)?;
    Some(u32::from_le_bytes([field[0], field[1], field[2], field[3]]))
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// The name chunks' shared id (see `files`): a checksum of every key with
/// its chunk's checksum, in key order.
pub fn names_id<'a>(chunks: impl IntoIterator<Item = (&'a str, u32)>) -> u32 {
    let mut all = Vec::new();
    for (key, crc) in chunks {
        all.extend_from_slice(key.as_bytes());
        all.push(0);
        all.extend_from_slice(&crc.to_le_bytes());
    }
    crc32(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
