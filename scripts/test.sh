#!/usr/bin/env bash
# One command on a fresh machine: install, build, run every test.
# Lint, Rust unit + integration + golden tests, translation checks, wasm
# tests in headless Chromium, browser end-to-end tests (screenshots land in
# test-artifacts/), and the size report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lint"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
# The engine as the page gets it (no std), and as the wasm tests build it.
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features page -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

step "Rust tests (unit, integration, data)"
cargo test

step "build"
scripts/build.sh

step "translations: data and interface (a missing string is listed; a stale one fails)"
"${CARGO_TARGET_DIR:-target}/release/can-refuse" data lang-check
node scripts/check-lang.mjs

step "wasm API tests in headless Chromium"
WASM_BINDGEN_TEST_TIMEOUT=60 wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --no-default-features

step "browser end-to-end tests"
node --test --test-concurrency=1 tests/e2e/

step "size report"
node scripts/size-report.mjs dist
