//! The human-edited files under `data/`, checked and compiled into the two
//! data files: the `Dataset` (laws, local policies, 287(g) model rules) and
//! the `Places` index (counties, cities, ZIP codes, 287(g) agencies).
//!
//! Shared by `build.rs` (which embeds both files in the CLI and tests) and
//! the CLI's `data check` / `data compile`, so both reject the same mistakes
//! with the same messages. Every message names the file and the record.

mod agreements;
mod check;
mod csv;
mod geo;
pub mod lang;
mod laws;
mod local;
mod pipeline;
pub mod population;
mod record;
pub mod release;
mod schema;
pub mod split;
pub mod standard;
mod states;
mod subset;
mod wording;

pub use self::agreements::{COLUMNS as AGREEMENT_COLUMNS, MOA_PREFIX};
pub use self::check::{SourceError, Sourcing, MAX_EXPLANATION, MAX_NOTE};
pub use self::csv::{parse as parse_csv, quote as quote_csv};

pub use self::pipeline::{compile, compile_geo, compile_translated, read_dir, Compiled};
