//! What the standard prelude gives, taken from `alloc`, so that the same
//! code builds with `std` (the CLI, the tests, `build.rs`) and without it
//! (the page's engine, feature `page`).

pub use alloc::borrow::ToOwned;
pub use alloc::string::{String, ToString};
pub use alloc::vec;
pub use alloc::vec::Vec;
