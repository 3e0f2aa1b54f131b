//! The wasm API in a real browser (headless Chromium via wasm-pack test):
//! what the page calls, with the data file the page loads.

use can_refuse::wasm::{data_format, version, Engine};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn engine() -> Engine {
    Engine::new(can_refuse::EMBEDDED_DATA).unwrap_or_else(|_| panic!("embedded data loads"))
}

fn query(state: &str, agency: &str, situation: &str) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in [
        ("state", state),
        ("agency", agency),
        ("situation", situation),
    ] {
        js_sys::Reflect::set(&object, &key.into(), &value.into()).expect("set");
    }
    object.into()
}

/// The engine hands JSON text to the page, which parses it.
fn to_json(text: String) -> serde_json::Value {
    serde_json::from_str(&text).expect("valid JSON")
}

fn error_message(error: wasm_bindgen::JsError) -> String {
    let value: JsValue = error.into();
    js_sys::Reflect::get(&value, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn options_list_every_state_agency_and_situation() {
    let options = to_json(engine().options());
    assert_eq!(options["states"].as_array().map(Vec::len), Some(56));
    assert_eq!(options["agencies"][0]["id"], "police");
    assert_eq!(options["situations"].as_array().map(Vec::len), Some(4));
    assert!(options["situations"][1]["label"]
        .as_str()
        .is_some_and(|l| l.contains("detainer")));
}

#[wasm_bindgen_test]
fn evaluate_returns_the_answer_contract() {
    let answer = to_json(
        engine()
            .evaluate(query("CA", "police", "residential-raid"))
            .expect("answer"),
    );
    assert_eq!(answer["verdict"], "must_refuse");
    assert_eq!(answer["jurisdiction"]["state_name"], "California");
    let reasons = answer["reasons"].as_array().expect("reasons");
    assert!(reasons
        .iter()
        .any(|r| r["rule"] == "ca-sb54-2017" && r["applies"] == true));
    assert!(reasons
        .iter()
        .all(|r| r["level"].is_string() && r["sources"].is_array()));
    assert!(answer["data_as_of"].as_str().is_some_and(|d| d.len() == 10));
    // as_of defaults to today in the browser's time zone.
    let today = js_sys::Date::new_0();
    let expected = format!(
        "{:04}-{:02}-{:02}",
        today.get_full_year(),
        today.get_month() + 1,
        today.get_date()
    );
    assert_eq!(answer["as_of"], expected.as_str());
}

#[wasm_bindgen_test]
fn without_an_agency_the_engine_asks_for_one_only_when_it_matters() {
    let engine = engine();
    let same = to_json(
        engine
            .evaluate(query("CA", "", "residential-raid"))
            .expect("answer"),
    );
    assert_eq!(same["jurisdiction"]["agency"], "any");
    assert!(same["next_question"].is_null());
    let depends = to_json(
        engine
            .evaluate(query("TX", "", "task-force"))
            .expect("answer"),
    );
    assert_eq!(depends["verdict"], "mixed");
    assert_eq!(depends["next_question"]["id"], "agency");
}

#[wasm_bindgen_test]
fn a_bad_question_is_an_error_with_a_plain_message() {
    let error = engine()
        .evaluate(query("ZZ", "police", "detainer"))
        .err()
        .expect("rejected");
    assert!(error_message(error).starts_with("unknown state \"ZZ\""));
    let error = engine()
        .evaluate(query("TX", "cops", "detainer"))
        .err()
        .expect("rejected");
    assert!(error_message(error).contains("police, sheriff, jail, state-police"));
    let error = engine()
        .evaluate(JsValue::from_str("TX"))
        .err()
        .expect("rejected");
    assert!(error_message(error).starts_with("the question is incomplete"));
}

#[wasm_bindgen_test]
fn a_corrupt_data_file_is_an_error_not_a_panic() {
    let mut bytes = can_refuse::EMBEDDED_DATA.to_vec();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    let error = Engine::new(&bytes).err().expect("rejected");
    assert!(error_message(error).contains("corrupted"));
    let error = Engine::new(&bytes[..40]).err().expect("rejected");
    assert!(error_message(error).contains("cut short"));
}

#[wasm_bindgen_test]
fn versions_are_exposed_for_the_loader() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    assert_eq!(data_format(), can_refuse::dataset::codec::FORMAT_VERSION);
    assert_eq!(engine().data_as_of().len(), 10);
}

fn engine_with_places() -> Engine {
    let mut engine = engine();
    engine
        .load_places(can_refuse::EMBEDDED_PLACES)
        .unwrap_or_else(|_| panic!("embedded places load"));
    engine
}

#[wasm_bindgen_test]
fn places_load_lazily_and_answer_what_people_type() {
    let mut engine = engine();
    assert!(!engine.has_places());
    let nothing = to_json(engine.search_places("77002", 5));
    assert_eq!(
        nothing.as_array().map(Vec::len),
        Some(0),
        "no ZIP codes before any are loaded"
    );
    let error = engine
        .load_file("elsewhere.bin", &[1, 2, 3])
        .err()
        .expect("unknown file");
    assert!(error_message(error).contains("not a can-refuse data file name"));
    let error = engine
        .load_file("laws-TX.0badc0de.data", &can_refuse::EMBEDDED_DATA[..100])
        .err()
        .expect("bad chunk");
    let message = error_message(error);
    assert!(message.starts_with("laws-TX.0badc0de.data: "), "{message}");
    assert!(
        message.contains("not one of this release's data files"),
        "{message}"
    );
    let error = engine
        .load_places(&can_refuse::EMBEDDED_DATA[..100])
        .err()
        .expect("wrong file");
    assert!(!error_message(error).is_empty());
    assert!(
        !engine.has_places(),
        "a bad file leaves the engine as it was"
    );
    let engine = engine_with_places();
    let found = to_json(engine.search_places("77002", 5));
    assert_eq!(found[0]["label"], "77002 Houston, TX (Harris County)");
    assert_eq!(found[0]["county_fips"], "48201");
    let found = to_json(engine.search_places("Providence, RI", 5));
    assert_eq!(found[0]["kind"], "city");
}

#[wasm_bindgen_test]
fn a_chosen_place_answers_for_its_county_and_city() {
    let engine = engine_with_places();
    let object = js_sys::Object::new();
    for (key, value) in [
        ("state", "AL"),
        ("county_fips", "01001"),
        ("agency", "sheriff"),
        ("situation", "task-force"),
    ] {
        js_sys::Reflect::set(&object, &key.into(), &value.into()).expect("set");
    }
    let answer = to_json(engine.evaluate(object.into()).expect("answer"));
    assert_eq!(answer["jurisdiction"]["county"], "Autauga County");
    let reasons = answer["reasons"].as_array().expect("reasons");
    assert!(reasons
        .iter()
        .any(|r| r["level"] == "agency" && r["applies"] == true));
}

/// A small deterministic random source (the wasm tests take no crates for it).
struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below.max(1) as u64) as usize
    }

    /// The payload with a few bytes changed, inserted, removed or cut.
    fn damage(&mut self, payload: &[u8]) -> Vec<u8> {
        let mut out = payload.to_vec();
        for _ in 0..1 + self.next(4) {
            let at = self.next(out.len());
            match self.next(4) {
                0 => out.insert(at, self.next(256) as u8),
                1 => {
                    let end = (at + 1 + self.next(24)).min(out.len());
                    out.drain(at..end);
                }
                2 => out.truncate(at + 1),
                _ => {
                    if let Some(byte) = out.get_mut(at) {
                        *byte = self.next(256) as u8;
                    }
                }
            }
        }
        out
    }
}

/// `payload` behind a valid header like `original`'s, with its own checksum.
fn rewrap(original: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut file = original[..8].to_vec();
    file.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    file.extend_from_slice(&can_refuse::dataset::codec::crc32(payload).to_le_bytes());
    file.extend_from_slice(payload);
    file
}

#[wasm_bindgen_test]
fn damaged_chunks_through_load_file_are_refused_or_answer_never_trap() {
    use can_refuse::dataset::codec;
    use can_refuse::dataset::files::{hashed_name, ChunkIndex, LawChunk};
    use can_refuse::dataset::Level;
    let whole = codec::decode(can_refuse::EMBEDDED_DATA).expect("data");
    // A core like the web's (federal law and the states; their laws come in
    // chunks), so each round encodes and reads kilobytes, not the whole data.
    let small = can_refuse::Dataset {
        jurisdictions: whole
            .jurisdictions
            .iter()
            .filter(|j| matches!(j.level, Level::Federal | Level::State))
            .cloned()
            .collect(),
        laws: whole
            .laws
            .iter()
            .filter(|l| l.jurisdiction == 0)
            .cloned()
            .collect(),
        ..whole.clone()
    };
    let mut places = codec::decode_places(can_refuse::EMBEDDED_PLACES).expect("places");
    places.counties.retain(|c| c.state == "VT");
    places.cities.retain(|c| c.state == "VT");
    places.agencies.retain(|a| a.state == "VT");
    places.zips.clear();
    let texas = whole
        .jurisdictions
        .iter()
        .position(|j| j.id == "TX")
        .expect("TX") as u32;
    let laws = LawChunk {
        state: "TX".into(),
        locals: Vec::new(),
        laws: whole
            .laws
            .iter()
            .filter(|l| l.jurisdiction == texas)
            .cloned()
            .collect(),
        places: places.clone(),
        coverage: can_refuse::dataset::Coverage::Laws,
    };
    let files = [
        ("laws-TX.data", codec::encode_laws(&laws).expect("laws")),
        (
            "places-VT.data",
            codec::encode_places(&places).expect("places"),
        ),
    ];
    let mut random = Shuffle(0x9e37_79b9_7f4a_7c15);
    let (mut refused, mut read) = (0, 0);
    for round in 0..80 {
        let (plain, original) = &files[round % files.len()];
        let bytes = rewrap(original, &random.damage(&original[16..]));
        let crc = codec::header_checksum(&bytes).expect("header");
        // A core whose index lists this very file, so loadFile decodes it.
        let mut core = small.clone();
        core.chunks = Some(ChunkIndex {
            states: vec!["TX".into(), "VT".into()],
            laws: vec![crc, 0],
            places: vec![0, crc],
            zips: vec![0, 0],
            ..ChunkIndex::default()
        });
        let mut engine = Engine::new(&codec::encode(&core).expect("core"))
            .unwrap_or_else(|_| panic!("core loads"));
        match engine.load_file(&hashed_name(plain, crc), &bytes) {
            Err(_) => refused += 1,
            Ok(()) => {
                read += 1;
                let state = &plain[plain.len() - 7..plain.len() - 5];
                let _ = engine.evaluate(query(state, "", "detainer"));
                let _ = engine.search_places("a", 8);
            }
        }
    }
    assert!(
        refused > 0 && read > 0,
        "both kinds of outcome were reached: {refused} refused, {read} read"
    );
}
