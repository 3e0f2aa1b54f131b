#!/usr/bin/env bash
# One command on a fresh machine: install, build, serve the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec node scripts/serve.mjs dist 8080
