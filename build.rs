//! Compiles `data/*.toml` into the binary data file at build time, so the CLI
//! and the tests always carry data that passed every check. The same modules
//! the library uses do the work, included by path.

#![allow(dead_code)]

#[path = "src/codec.rs"]
mod codec;
#[path = "src/date.rs"]
mod date;
#[path = "src/model.rs"]
mod model;
#[path = "src/source.rs"]
mod source;

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=data");
    let dir = Path::new("data");
    let files = match source::read_dir(dir) {
        Ok(files) => files,
        Err(e) => fail(&format!("cannot read data/: {e}")),
    };
    let dataset = match source::compile(&files) {
        Ok(dataset) => dataset,
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(|e| format!("  data/{e}")).collect();
            fail(&format!(
                "data/ has {} problem(s):\n{}",
                errors.len(),
                list.join("\n")
            ))
        }
    };
    let bytes = codec::encode(&dataset).unwrap_or_else(|e| fail(&e));
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    if let Err(e) = std::fs::write(Path::new(&out).join("can-refuse.data"), bytes) {
        fail(&format!("cannot write the data file: {e}"));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
