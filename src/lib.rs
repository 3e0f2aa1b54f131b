//! can-refuse: "Can my local police refuse to help ICE?"
//!
//! Data flows one way, and so do the imports:
//!
//! ```text
//! data/*.toml, *.csv ──compile──▶ dataset (types + bytes) ──▶ data files
//!        ▲                              │
//!   import (ICE's 287(g) sheet)         ▼
//!                  session (what is loaded) ──▶ rules ──▶ Answer
//!                        │                                  │
//!                      search                      wasm / CLI ──▶ JSON, text
//! ```
//!
//! - `dataset`: the compiled dataset's types and bytes; nothing that answers.
//! - `compile`: data files → dataset, with every check (also run by `build.rs`).
//! - `import`: ICE's 287(g) spreadsheet → `data/287g/`.
//! - `rules`: a question → an `Answer`.
//! - `search`: "Where do you live?" suggestions.
//! - `session`: the data loaded so far, the files still needed, the answer.
//! - `json`: the answer, the choices and place suggestions as JSON text.
//! - `wasm`: JS values ⇄ a session, nothing else.
//! - `prelude`: `String`, `Vec` and `vec!` from `alloc`, for the page's
//!   engine, which is built without `std`.
//!
//! The core knows nothing about browsers; `tests/tests.rs` fails the build
//! on an import that flows the wrong way.

// The page's engine (feature `page`) is built without the standard
// library: its panic and formatting machinery were kilobytes of the wasm
// that no answer needs. Everything it does use comes from `alloc`.
#![cfg_attr(all(feature = "page", target_arch = "wasm32"), no_std)]
extern crate alloc;

pub mod answer;
pub mod dataset;
pub mod json;
pub mod rules;
pub mod search;
pub mod session;

mod prelude;

#[cfg(feature = "compile")]
pub mod compile;

#[cfg(feature = "cli")]
pub mod export;
#[cfg(feature = "cli")]
pub mod import;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use answer::Answer;
pub use dataset::codec::{decode, encode, DecodeError};
pub use dataset::{Dataset, Date};
pub use rules::{evaluate, Query, QueryError, QueryInput};

/// The crate version, shown in the page footer and checked against the data.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The dataset compiled from `data/` by `build.rs`, for the CLI and tests.
/// The web build does not use it (the page fetches the data file), so it costs
/// the wasm nothing: the linker drops it.
pub const EMBEDDED_DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/can-refuse.data"));

/// The place index compiled from `data/geo/` and `data/287g/`, likewise.
pub const EMBEDDED_PLACES: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/can-refuse-places.data"));
