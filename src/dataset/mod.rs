//! The compiled dataset: its types and its bytes, and nothing that answers.
//!
//! ```text
//! vocab    the words of a question and an answer (agency, situation, verdict)
//! digits   numbers written as digits
//! date     calendar dates
//! law      jurisdictions, laws, rules, sources
//! strings  the wording answers are built from
//! places   counties, cities, ZIP codes, 287(g) agencies and agreements
//! names    place names folded the way people type them
//! root     `Dataset`, what a data file holds
//! files    the web's file names and the chunk index
//! wire     each value's bytes (the payload layout)
//! codec    bytes ⇄ dataset, with a header that names a wrong file
//! ```
//!
//! These types are the payload of the binary data files. They are
//! deliberately flat — ids instead of pointers, bit sets instead of lists —
//! so the encoding stays small and decoding needs no fix-ups. Both the
//! library and `build.rs` compile this folder (with `compile/`), so nothing
//! here may reach outside it.

pub mod codec;
pub mod date;
pub mod digits;
pub mod files;
pub mod law;
pub mod names;
pub mod places;
pub mod root;
pub mod strings;
pub mod vocab;
pub mod wire;

pub use date::Date;
pub use law::{Coverage, Effect, Jurisdiction, Law, LawKind, Level, Rule, Source, Status};
pub use places::{Agency287g, AgencyKind, Agreement, AgreementModel, City, County, Places, Zip};
pub use root::{Dataset, ModelRules, Note};
pub use strings::{fill, label, Headline, Strings};
pub use vocab::{Agency, Named, Situation, Verdict, Warrant};
