//! Every decoder, fed damaged files: the real core and chunks with bytes
//! flipped, inserted, cut or replaced, and wholly random payloads, each
//! behind a valid header and checksum (so the decoder itself is reached,
//! not only the checksum). Each must give an error or a value the engine
//! can answer from: never a panic, a hang, or memory out of proportion to
//! the file. (The same through the wasm `loadFile` is in `wasm`.)
//! Every kind of file: the core, law, local-policy, place, ZIP and name chunks.

use can_refuse::compile::split::split;
use can_refuse::dataset::codec;
use can_refuse::dataset::codec::DecodeError;
use can_refuse::dataset::files::split_hashed;
use can_refuse::session::Session;
use can_refuse::{Date, QueryInput};
use proptest::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Counts what this thread allocates, so a test can weigh one decode.
struct Counting;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is passed to the system allocator unchanged; the
// count is a thread-local number, touched without allocating.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get() + layout.size()));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get() + new_size));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Bytes allocated while `f` runs, and what it returned.
fn weigh<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = ALLOCATED.with(Cell::get);
    let value = f();
    (value, ALLOCATED.with(Cell::get) - before)
}

/// A decoded value may be larger than its bytes (a list of empty records
/// takes a byte each on disk and a struct each in memory), but never more
/// than this many times the file, whatever its lengths claim.
const MEMORY_PER_BYTE: usize = 64;

/// The web release's files by plain name, made once.
fn files() -> &'static HashMap<String, Vec<u8>> {
    static FILES: OnceLock<HashMap<String, Vec<u8>>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dataset = codec::decode(can_refuse::EMBEDDED_DATA).expect("data");
        let places = codec::decode_places(can_refuse::EMBEDDED_PLACES).expect("places");
        split(&dataset, &places)
            .expect("splits")
            .into_iter()
            .map(|(name, bytes)| (split_hashed(&name).map_or(name, |(plain, _)| plain), bytes))
            .collect()
    })
}

/// `payload` behind the header of `original` (same signature and format
/// version), with its own length and checksum.
fn rewrap(original: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut file = original[..8].to_vec();
    file.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    file.extend_from_slice(&codec::crc32(payload).to_le_bytes());
    file.extend_from_slice(payload);
    file
}

/// One way to damage a payload.
#[derive(Clone, Debug)]
enum Damage {
    /// Replace the byte at (position mod length) with this one.
    Set(usize, u8),
    /// Insert bytes at (position mod length + 1).
    Insert(usize, Vec<u8>),
    /// Remove up to n bytes at (position mod length).
    Remove(usize, usize),
    /// Cut the payload at (position mod length + 1).
    Cut(usize),
    /// Copy a run from one place over another (lengths and counts move).
    Splice(usize, usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Damage::Set(at, b)),
        2 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..6)).prop_map(|(at, b)| Damage::Insert(at, b)),
        2 => (any::<usize>(), 1..40usize).prop_map(|(at, n)| Damage::Remove(at, n)),
        1 => any::<usize>().prop_map(Damage::Cut),
        1 => (any::<usize>(), any::<usize>(), 1..64usize).prop_map(|(a, b, n)| Damage::Splice(a, b, n)),
    ]
}

fn apply(payload: &mut Vec<u8>, damage: &Damage) {
    let len = payload.len().max(1);
    match damage {
        Damage::Set(at, byte) => {
            if let Some(b) = payload.get_mut(at % len) {
                *b = *byte;
            }
        }
        Damage::Insert(at, bytes) => {
            let at = (at % len + 1).min(payload.len());
            payload.splice(at..at, bytes.iter().copied());
        }
        Damage::Remove(at, n) => {
            let at = (at % len).min(payload.len());
            let end = (at + n).min(payload.len());
            payload.drain(at..end);
        }
        Damage::Cut(at) => payload.truncate(at % len + 1),
        Damage::Splice(from, to, n) => {
            let (from, to) = (from % len, to % len);
            let n = (*n).min(payload.len().saturating_sub(from.max(to)));
            let run: Vec<u8> = payload[from..from + n].to_vec();
            payload[to..to + n].copy_from_slice(&run);
        }
    }
}

/// The file `name` with its payload damaged, behind a valid header.
fn damaged(name: &str, damages: &[Damage]) -> Vec<u8> {
    let original = &files()[name];
    let mut payload = original[16..].to_vec();
    for d in damages {
        apply(&mut payload, d);
    }
    rewrap(original, &payload)
}

/// Asks what a page would ask of a state once its files are in: answers
/// for the state, a county and a town, and a search. None may panic.
fn ask_everything(session: &Session, state: &str) {
    let today = Date::parse("2026-12-07").expect("date");
    // The state's first county (FIPS "…001"), whose area the page loads.
    let first = session
        .dataset
        .state(state)
        .map(|(_, s)| [s.fips.as_str(), "001"].concat());
    let mut places: Vec<(Option<String>, Option<String>)> = vec![(None, None), (first, None)];
    for found in session
        .search("a", 4)
        .into_iter()
        .chain(session.search(state, 2))
    {
        places.push((Some(found.county_fips), found.city));
    }
    for (county, city) in places {
        for situation in ["residential-raid", "detainer", "task-force", "info-sharing"] {
            let input = QueryInput {
                state: state.into(),
                county: county.clone(),
                city: city.clone(),
                agency: String::new(),
                situation: situation.into(),
                warrant: None,
                as_of: None,
            };
            if let Ok(query) = input.parse(today) {
                let _ = session.answer(&query).map(|a| serde_json::to_string(&a));
            }
        }
    }
}

/// A session from the real core whose index lists `name` with the
/// checksum of `bytes`, so loading reaches the decoder.
fn session_expecting(name: &str, bytes: &[u8]) -> Session {
    let mut core = codec::decode(&files()["can-refuse.data"]).expect("core");
    let index = core.chunks.as_mut().expect("the web core has an index");
    let crc = codec::header_checksum(bytes).expect("header");
    let (kind, key) = name
        .trim_end_matches(".data")
        .split_once('-')
        .expect("name");
    let slot = match kind {
        // Name chunks share one id; each is checked against its own header.
        "names" => return Session::new(core),
        "area" => {
            // `areas` lists every state's areas in turn, as `areas_of` names them.
            let at = index
                .states
                .iter()
                .flat_map(|s| index.areas_of(s))
                .position(|n| n == name)
                .expect("area");
            &mut index.areas[at]
        }
        _ => {
            let i = index.states.iter().position(|s| s == key).expect("state");
            match kind {
                "laws" => &mut index.laws[i],
                "places" => &mut index.places[i],
                _ => &mut index.zips[i],
            }
        }
    };
    *slot = crc;
    Session::new(core)
}

/// Loads a file by its plain name, as a page would: under the name the core gives it.
fn load(session: &mut Session, plain: &str, bytes: &[u8]) -> Result<(), DecodeError> {
    let name = session
        .dataset
        .chunks
        .as_ref()
        .map(|index| index.file(plain));
    session.load(&name.unwrap_or_default(), bytes)
}

/// Loads a damaged chunk: an error, or a session that answers.
fn load_chunk(name: &str, bytes: &[u8], state: &str) -> Result<(), TestCaseError> {
    let mut session = session_expecting(name, bytes);
    // The state's other files first, as a page would have them.
    for other in [
        format!("laws-{state}.data"),
        format!("area-{state}-001.data"),
        format!("places-{state}.data"),
    ] {
        if other != name {
            load(&mut session, &other, &files()[&other]).expect("an undamaged file loads");
        }
    }
    let (loaded, used) = weigh(|| load(&mut session, name, bytes));
    prop_assert!(
        used <= MEMORY_PER_BYTE * bytes.len() + 4096,
        "{name}: {used} bytes allocated for a {}-byte file",
        bytes.len()
    );
    if loaded.is_ok() {
        ask_everything(&session, state);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_core_is_refused_or_answers(damages in prop::collection::vec(damage(), 1..6)) {
        let bytes = damaged("can-refuse.data", &damages);
        let (decoded, used) = weigh(|| codec::decode(&bytes));
        prop_assert!(used <= MEMORY_PER_BYTE * bytes.len() + 4096, "{used} bytes for {}", bytes.len());
        if let Ok(dataset) = decoded {
            let states: Vec<String> = Session::new(dataset.clone()).choices().states.iter().map(|s| s.id.to_string()).collect();
            let session = Session::new(dataset);
            for state in states.iter().take(3) {
                ask_everything(&session, state);
            }
        }
    }

    #[test]
    fn a_damaged_law_chunk_is_refused_or_answers(damages in prop::collection::vec(damage(), 1..6), state in prop::sample::select(vec!["TX", "CA", "GA", "NY"])) {
        let name = format!("laws-{state}.data");
        load_chunk(&name, &damaged(&name, &damages), state)?;
    }

    #[test]
    fn a_damaged_area_chunk_is_refused_or_answers(damages in prop::collection::vec(damage(), 1..6), state in prop::sample::select(vec!["CA", "TX", "NY"])) {
        let name = format!("area-{state}-001.data");
        load_chunk(&name, &damaged(&name, &damages), state)?;
    }

    #[test]
    fn a_damaged_place_chunk_is_refused_or_answers(damages in prop::collection::vec(damage(), 1..6), state in prop::sample::select(vec!["TX", "PA", "VT"])) {
        let name = format!("places-{state}.data");
        load_chunk(&name, &damaged(&name, &damages), state)?;
    }

    #[test]
    fn a_damaged_zip_chunk_is_refused_or_answers(damages in prop::collection::vec(damage(), 1..6)) {
        load_chunk("zips-TX.data", &damaged("zips-TX.data", &damages), "TX")?;
    }

    // Keys of both kinds: "ho" whole, "mad" and "san" from split groups.
    #[test]
    fn a_damaged_name_chunk_is_refused_or_searches(damages in prop::collection::vec(damage(), 1..6), prefix in prop::sample::select(vec!["mad", "san", "ho"])) {
        let name = format!("names-{prefix}.data");
        let bytes = damaged(&name, &damages);
        let mut session = session_expecting(&name, &bytes);
        let (loaded, used) = weigh(|| load(&mut session, &name, &bytes));
        prop_assert!(used <= MEMORY_PER_BYTE * bytes.len() + 4096, "{used} bytes for {}", bytes.len());
        if loaded.is_ok() {
            for found in session.search(prefix, 8) {
                let _ = found.label.len();
            }
        }
    }

    #[test]
    fn random_payloads_behind_a_valid_header_are_refused_or_read(
        payload in prop::collection::vec(any::<u8>(), 0..512),
        name in prop::sample::select(vec!["can-refuse.data", "laws-TX.data", "area-TX-001.data", "places-TX.data", "zips-TX.data", "names-mad.data"]),
    ) {
        let bytes = rewrap(&files()[name], &payload);
        if name == "can-refuse.data" {
            let (decoded, used) = weigh(|| codec::decode(&bytes));
            prop_assert!(used <= MEMORY_PER_BYTE * bytes.len() + 4096);
            if let Ok(dataset) = decoded {
                ask_everything(&Session::new(dataset), "TX");
            }
        } else {
            load_chunk(name, &bytes, "TX")?;
        }
    }
}

#[test]
fn the_undamaged_files_load_within_the_same_memory_bound() {
    // The bound the damaged files are held to fits the real ones too, so it
    // is not so loose that nothing could break it.
    let core = &files()["can-refuse.data"];
    let (_, used) = weigh(|| codec::decode(core).expect("core"));
    assert!(
        used <= MEMORY_PER_BYTE * core.len(),
        "core: {used} for {}",
        core.len()
    );
    for name in ["laws-TX.data", "area-TX-001.data", "places-TX.data"] {
        let bytes = &files()[name];
        let mut session = session_expecting(name, bytes);
        let (loaded, used) = weigh(|| load(&mut session, name, bytes));
        loaded.expect("loads");
        assert!(
            used <= MEMORY_PER_BYTE * bytes.len(),
            "{name}: {used} for {}",
            bytes.len()
        );
        assert!(
            used >= bytes.len() / 4,
            "{name}: the count sees the decode ({used} bytes)"
        );
    }
}
