//! The data file format: round trip, and a plain-words error for every way a
//! file can be wrong.

use can_refuse::dataset::codec::{self, DecodeError, FORMAT_VERSION};
use can_refuse::EMBEDDED_DATA;

fn decode_err(bytes: &[u8]) -> DecodeError {
    codec::decode(bytes).expect_err("must be rejected")
}

#[test]
fn the_embedded_file_round_trips_byte_for_byte() {
    let dataset = codec::decode(EMBEDDED_DATA).expect("embedded data decodes");
    assert_eq!(codec::encode(&dataset).expect("encodes"), EMBEDDED_DATA);
}

/// The payload is laid out as postcard lays out the same types, so files
/// written before the layout was hand-written read the same (and the
/// format version did not change).
#[test]
fn the_payload_is_postcards_layout() {
    let dataset = codec::decode(EMBEDDED_DATA).expect("data");
    let places = codec::decode_places(can_refuse::EMBEDDED_PLACES).expect("places");
    let payload = |file: &[u8]| file[16..].to_vec();
    assert_eq!(
        postcard::to_allocvec(&dataset).expect("postcard"),
        payload(EMBEDDED_DATA)
    );
    assert_eq!(
        postcard::to_allocvec(&places).expect("postcard"),
        payload(can_refuse::EMBEDDED_PLACES)
    );
}

#[test]
fn an_empty_or_short_file_is_named_as_incomplete() {
    assert_eq!(decode_err(&[]), DecodeError::TooShort { len: 0 });
    assert_eq!(
        decode_err(&EMBEDDED_DATA[..10]),
        DecodeError::TooShort { len: 10 }
    );
    assert!(decode_err(&[])
        .to_string()
        .contains("may not have downloaded completely"));
}

#[test]
fn a_truncated_file_says_how_much_is_missing() {
    let cut = &EMBEDDED_DATA[..EMBEDDED_DATA.len() - 100];
    let error = decode_err(cut);
    assert!(matches!(error, DecodeError::Truncated { .. }), "{error:?}");
    assert!(error.to_string().contains("cut short"));
}

#[test]
fn a_flipped_byte_fails_the_checksum() {
    let mut bytes = EMBEDDED_DATA.to_vec();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    assert_eq!(decode_err(&bytes), DecodeError::ChecksumMismatch);
    assert!(DecodeError::ChecksumMismatch
        .to_string()
        .contains("corrupted"));
}

#[test]
fn another_file_type_is_not_mistaken_for_data() {
    assert_eq!(
        decode_err(b"<!doctype html><html><body>Not found</body></html>"),
        DecodeError::NotADataFile
    );
    assert_eq!(decode_err(b"\0asm\x01\0\0\0"), DecodeError::NotADataFile);
}

#[test]
fn a_file_from_another_release_names_both_versions() {
    let mut bytes = EMBEDDED_DATA.to_vec();
    bytes[4..6].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let error = decode_err(&bytes);
    assert_eq!(
        error,
        DecodeError::UnsupportedVersion {
            found: FORMAT_VERSION + 1
        }
    );
    assert!(error.to_string().contains("different releases"));
}

#[test]
fn extra_bytes_are_refused() {
    let mut bytes = EMBEDDED_DATA.to_vec();
    bytes.extend_from_slice(b"junk");
    assert!(matches!(
        decode_err(&bytes),
        DecodeError::TrailingBytes { .. }
    ));
}

#[test]
fn a_payload_that_passes_the_checksum_but_is_not_a_dataset_is_malformed() {
    // Forge a valid header around garbage: only the deserializer can catch it.
    let payload = [0xFFu8; 32];
    let mut bytes = b"CRFD".to_vec();
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&[0, 0]);
    bytes.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&codec::crc32(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    assert!(matches!(decode_err(&bytes), DecodeError::Malformed(_)));
}

#[test]
fn random_corruption_never_panics() {
    // A cheap deterministic fuzz: flip bytes all over the file.
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..500 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut bytes = EMBEDDED_DATA.to_vec();
        let at = (seed as usize) % bytes.len();
        bytes[at] = bytes[at].wrapping_add((seed >> 32) as u8 | 1);
        let len = bytes.len() - (seed as usize >> 40) % 8;
        assert!(codec::decode(&bytes[..len]).is_err());
    }
}
