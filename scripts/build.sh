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

say "data files (cores and chunks) and site -> pkg/, dist/"
rm -rf dist
mkdir -p dist
cp -R www/. dist/
rm -rf pkg/*.data pkg/*/
"${CARGO_TARGET_DIR:-target}/release/can-refuse" data compile --out pkg
cp pkg/can_refuse_bg.wasm pkg/*.data pkg/laws.json dist/
# Each translation's core (its law chunks sit beside the English ones).
for lang in pkg/*/; do cp -R "$lang" dist/; done
# Minified: every byte of the widget counts (the readable sources are www/).
# sw.js is left as is: scripts/manifest.mjs writes its release into it; the
# interface (ui.js, ui/, engine.js) is bundled by scripts/manifest.mjs.
(cd dist && ../node_modules/.bin/esbuild $(ls *.js lang/*.js | grep -v -e '^sw\.js$' -e '^manifest\.js$' -e '^ui\.js$' -e '^engine\.js$' -e '^print\.js$' -e '^takeaway\.js$') style.css \
  --minify --outdir=. --allow-overwrite --log-level=warning)
# Hashes the engine and data cores, writes the manifest, bundles the
# interface with the wasm glue and the manifest into the one ui.js the page
# loads, tells widget.js what to fetch at once, and names the release.
node scripts/manifest.mjs dist
say "done: $(ls dist | wc -l) files in dist/"
