#!/usr/bin/env bash
# Builds everything into dist/: the wasm core and its JS glue (pkg/), the
# compiled data file, and the web page. Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1mbuild:\033[0m %s\n' "$*"; }

say "native CLI (release)"
cargo build --release --bin can-refuse

say "wasm core (release) -> pkg/"
wasm-pack build --release --target web --out-dir pkg --no-typescript --no-pack -- --no-default-features

say "data files -> pkg/"
target/release/can-refuse data compile --out pkg

say "site -> dist/"
rm -rf dist
mkdir -p dist
cp -R www/. dist/
cp pkg/can_refuse.js pkg/can_refuse_bg.wasm pkg/can-refuse.data pkg/can-refuse-places.data dist/
say "done: $(ls dist | tr '\n' ' ')"
