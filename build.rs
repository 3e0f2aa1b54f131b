//! Compiles `data/*.toml` into the binary data file at build time, so the CLI
//! and the tests always carry data that passed every check. The library's
//! own `dataset/` and `compile/` folders do the work, included by path —
//! and only those two, so an import from either into the rest of the crate
//! (the rules, the session, the wasm) stops the build.

#![allow(dead_code, unused_imports)]

extern crate alloc;

#[path = "src/compile/mod.rs"]
mod compile;
#[path = "src/dataset/mod.rs"]
mod dataset;
#[path = "src/prelude.rs"]
mod prelude;

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=data");
    let dir = Path::new("data");
    let files = match compile::read_dir(dir) {
        Ok(files) => files,
        Err(e) => fail(&format!("cannot read data/: {e}")),
    };
    let compiled = match compile::compile(&files) {
        Ok(compiled) => compiled,
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(|e| format!("  data/{e}")).collect();
            fail(&format!(
                "data/ has {} problem(s):\n{}",
                errors.len(),
                list.join("\n")
            ))
        }
    };
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    let files = [
        ("can-refuse.data", dataset::codec::encode(&compiled.dataset)),
        (
            "can-refuse-places.data",
            dataset::codec::encode_places(&compiled.places),
        ),
    ];
    for (name, bytes) in files {
        let bytes = bytes.unwrap_or_else(|e| fail(&e));
        if let Err(e) = std::fs::write(Path::new(&out).join(name), bytes) {
            fail(&format!("cannot write {name}: {e}"));
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
