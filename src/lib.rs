//! can-refuse: "Can my local police refuse to help ICE?"
//!
//! Data flows one way:
//!
//! ```text
//! data/*.toml ──source──▶ Dataset ──codec──▶ data file ──codec──▶ Dataset
//!                                                                    │
//!                     Query ──evaluate──▶ Answer ──wasm / CLI──▶ JSON ┘
//! ```
//!
//! The core (everything but `wasm`) knows nothing about browsers; the `wasm`
//! module is a thin binding the web page calls.

pub mod answer;
pub mod chunks;
pub mod codec;
pub mod date;
pub mod evaluate;
pub mod model;
pub mod places;
pub mod query;
pub mod scope;

#[cfg(feature = "compile")]
pub mod source;

#[cfg(feature = "cli")]
pub mod import287g;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use answer::Answer;
pub use codec::{decode, encode, DecodeError};
pub use date::Date;
pub use evaluate::evaluate;
pub use model::Dataset;
pub use query::{Query, QueryError, QueryInput};

/// The crate version, shown in the page footer and checked against the data.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The dataset compiled from `data/` by `build.rs`, for the CLI and tests.
/// The web build does not use it (the page fetches the data file), so it costs
/// the wasm nothing: the linker drops it.
pub const EMBEDDED_DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/can-refuse.data"));

/// The place index compiled from `data/geo/` and `data/287g/`, likewise.
pub const EMBEDDED_PLACES: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/can-refuse-places.data"));
