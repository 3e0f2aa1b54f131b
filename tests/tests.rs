//! Every Rust test, in one binary (one link instead of a dozen). Where a
//! new test goes — each module's opening comment says more:
//!
//! | You changed…                                    | Add the test to   |
//! |-------------------------------------------------|-------------------|
//! | how the rules weigh law (a new effect, a date)  | `rules`           |
//! | what the shipped data answers for a real place  | `cases/*.toml` (read by `golden`), or `readings` for a country-wide reading |
//! | a fact every record must have                   | `data`            |
//! | a check in the data compiler                    | `compile`         |
//! | the binary file format                          | `codec`           |
//! | a decoder, against damaged files                | `fuzz`            |
//! | the open data's change log and feed             | `changes`         |
//! | the JSON the page gets (the answer's shape)     | `contract`        |
//! | the web's chunks and what a page loads          | `session`         |
//! | "Where do you live?"                            | `search`          |
//! | a translation or the translation tools          | `lang`            |
//! | the 287(g) importer                             | `import`          |
//! | the command line                                | `cli`             |
//! | the wasm API (runs in headless Chromium)        | `wasm`            |
//! | where code lives, what imports what, file sizes | `structure`       |
//!
//! Small datasets for a test are built from inline TOML by the helpers in
//! `common` (`compile`, `ask`, …), never by hand-building structs, so a test
//! goes through the same checks as the shipped data.

#[cfg(not(target_arch = "wasm32"))]
mod common;

#[cfg(not(target_arch = "wasm32"))]
mod changes;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod codec;
#[cfg(not(target_arch = "wasm32"))]
mod compile;
#[cfg(not(target_arch = "wasm32"))]
mod contract;
#[cfg(not(target_arch = "wasm32"))]
mod data;
#[cfg(not(target_arch = "wasm32"))]
mod fuzz;
#[cfg(not(target_arch = "wasm32"))]
mod golden;
#[cfg(not(target_arch = "wasm32"))]
mod import;
#[cfg(not(target_arch = "wasm32"))]
mod lang;
#[cfg(not(target_arch = "wasm32"))]
mod readings;
#[cfg(not(target_arch = "wasm32"))]
mod rules;
#[cfg(not(target_arch = "wasm32"))]
mod search;
#[cfg(not(target_arch = "wasm32"))]
mod session;
#[cfg(not(target_arch = "wasm32"))]
mod structure;

#[cfg(target_arch = "wasm32")]
mod wasm;
