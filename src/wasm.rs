//! The WebAssembly API the page calls: JS values in, a `Session` call,
//! JSON text out (the page parses it with `JSON.parse`; see `json`).
//! Nothing else — no lookups, no rules. Errors become JS `Error`s whose
//! message is a sentence a person can read.

use crate::dataset::{codec, Date};
use crate::json::ToJson;
use crate::prelude::*;
use crate::rules::QueryInput;
use crate::session::Session;
use wasm_bindgen::prelude::*;

/// A smaller and faster allocator than the standard `dlmalloc`, made for
/// single-threaded WebAssembly (wasm32-unknown-unknown has no threads).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The page's engine is built without `std` (feature `page`), so it brings
/// its own panic handler. A panic is a bug, never bad input (that is refused
/// with an `Err` and a sentence): it stops the wasm with a trap, as
/// `panic = "abort"` did with `std`, and the page says so in plain words.
/// Nothing here formats the panic's message: that code is what `no_std` saves.
#[cfg(feature = "page")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// The loaded data, ready to answer questions. It starts from the core
/// file; the page fetches the chunks `filesForText` and `filesForState` name
/// and hands them to `loadFile`.
#[wasm_bindgen]
pub struct Engine {
    session: Session,
}

fn js_error(message: String) -> JsError {
    JsError::new(&message)
}

#[wasm_bindgen]
impl Engine {
    /// Reads a data file. A wrong, truncated or corrupted file throws an
    /// `Error` that says which, never a panic.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<Engine, JsError> {
        let dataset = codec::decode(bytes).map_err(|e| js_error(e.message()))?;
        Ok(Engine {
            session: Session::new(dataset),
        })
    }

    /// The choices the questionnaire offers, as JSON: states, agencies,
    /// situations and the data date.
    pub fn options(&self) -> String {
        self.session.choices().to_json()
    }

    /// Answers a question: `{state, situation, agency?, county_fips?,
    /// city?, warrant?, as_of?}` → the `Answer` as JSON. Without `agency` (or with
    /// "unknown") the engine answers for every agency, asking which one
    /// (`next_question`) only when that changes the answer. The state's
    /// chunks must be loaded.
    pub fn evaluate(&self, query: JsValue) -> Result<String, JsError> {
        let query = read_query(&query)?
            .parse(today())
            .map_err(|e| js_error(e.message()))?;
        let answer = self
            .session
            .answer(&query)
            .map_err(|e| js_error(e.message()))?;
        Ok(answer.to_json())
    }

    /// The data files still needed to search what the person typed.
    #[wasm_bindgen(js_name = filesForText)]
    pub fn files_for_text(&self, text: &str) -> Vec<String> {
        self.session.files_for_text(text)
    }

    /// The data files still needed to answer for a state (USPS code); with
    /// `county` (a five-digit FIPS code), also for a county or town in it:
    /// the area of the state holding its towns, 287(g) agencies and own
    /// policies ("" for a town whose county is not known: every area).
    #[wasm_bindgen(js_name = filesForState)]
    pub fn files_for_state(&self, state: &str, county: Option<String>) -> Vec<String> {
        self.session.files_for_state(state, county.as_deref())
    }

    /// Takes a fetched chunk by its file name. A bad file throws and leaves
    /// the engine as it was.
    #[wasm_bindgen(js_name = loadFile)]
    pub fn load_file(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsError> {
        self.session
            .load(name, bytes)
            .map_err(|e| js_error([name, ": ", &e.message()].concat()))
    }

    /// Takes a whole place index at once (what the CLI embeds).
    #[wasm_bindgen(js_name = loadPlaces)]
    pub fn load_places(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        let places = codec::decode_places(bytes).map_err(|e| js_error(e.message()))?;
        self.session.use_places(places);
        Ok(())
    }

    #[wasm_bindgen(getter, js_name = hasPlaces)]
    pub fn has_places(&self) -> bool {
        self.session.has_places()
    }

    /// Suggestions for "Where do you live?" from what is loaded, as JSON:
    /// ZIP codes, cities, counties and states matching what was typed, best first.
    #[wasm_bindgen(js_name = searchPlaces)]
    pub fn search_places(&self, text: &str, limit: usize) -> String {
        self.session.search(text, limit).to_json()
    }

    #[wasm_bindgen(getter, js_name = dataAsOf)]
    pub fn data_as_of(&self) -> String {
        self.session.dataset.data_as_of.iso()
    }
}

/// The library version, to check the JS, wasm and data belong together.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The format version of data files this build reads.
#[wasm_bindgen(js_name = dataFormat)]
pub fn data_format() -> u16 {
    codec::FORMAT_VERSION
}

/// Reads the question's string fields straight off the JS object. (Not
/// through serde: its deserializer's error formatting alone would add
/// float-printing code to the wasm for a handful of strings.)
fn read_query(query: &JsValue) -> Result<QueryInput, JsError> {
    if !query.is_object() {
        return Err(JsError::new(
            "the question is incomplete: expected an object with state and situation",
        ));
    }
    let field = |name: &str| {
        js_sys::Reflect::get(query, &JsValue::from_str(name))
            .ok()
            .and_then(|value| value.as_string())
    };
    let required = |name: &str| {
        field(name).ok_or_else(|| {
            js_error(["the question is incomplete: `", name, "` is missing"].concat())
        })
    };
    Ok(QueryInput {
        state: required("state")?,
        county: field("county_fips").or_else(|| field("county")),
        city: field("city"),
        agency: field("agency").unwrap_or_default(),
        situation: required("situation")?,
        warrant: field("warrant"),
        as_of: field("as_of"),
    })
}

/// Today in the person's own time zone: the law they live under is local.
fn today() -> Date {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    Date::new(y as u16, m as u8, d as u8).unwrap_or_else(|| Date::from_unix_days(0))
}
